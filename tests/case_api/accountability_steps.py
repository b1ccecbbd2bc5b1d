"""Shared steps of the accountability tests: a registered jurisdiction, a lost suit, tokens."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from shared.rulepacks import shipped_library
from tests.api_client import Api

JINZHAI_MEMBERS = ("supervision_bureau", "legal_office", "court", "procuratorate")
"""The joint meeting's member units in the Jinzhai pack [001 八]."""

PLACES = {
    "wenzhou": ("wz", "温州市", "city", "wz-nrb", "温州市自然资源局"),
    "jinzhai": ("jz", "金寨县", "county", "jz-hrss", "金寨县人社局"),
    "xiuyan": ("xy", "岫岩县", "county", "xy-housing", "岫岩县住建局"),
    "guangzhou": ("gzc", "广州市", "city", "gz-hrss", "广州市人社局"),
    "xiangshan": ("xs", "象山县", "county", "xs-nrb", "象山县自然资源和规划局"),
}


def loss_report_body(pack: str, day: str, summary: str = "分析") -> dict[str, Any]:
    """A loss report submitted whole, with every section the pack names (Jinzhai [001 十八],
    Xiangshan [003 二(四)2], Xiuyan [002 第十五条]); a summary only where it names none."""
    needed = shipped_library().pack(pack).loss_report
    body: dict[str, Any] = {"submitted_date": day, "summary": summary}
    if needed and needed.sections:
        body["sections"] = {s.id: summary for s in needed.sections}
    return body


def jinzhai_report(day: str, summary: str = "分析") -> dict[str, Any]:
    return loss_report_body("jinzhai", day, summary)


class Place:
    """One pack's jurisdiction, its agency and court, with a token per role."""

    def __init__(self, api: Api, pack: str) -> None:
        self.api = api
        self.pack = pack
        self.code, self.name, self.level, self.agency_code, self.agency_name = PLACES[pack]
        self.court_code = f"{self.code}-court"
        self.court = api.token("court_system", court=self.court_code)
        self.agency = api.token("agency_user", agency=self.agency_code)
        self.bureau = api.token("bureau_officer", jurisdiction=self.code)
        self.discipline = api.token("discipline_officer", jurisdiction=self.code)
        self.position = 0

    async def register(self, *more_agencies: tuple[str, str]) -> None:
        body = {"code": self.code, "name": self.name, "level": self.level, "pack": self.pack}
        r = await self.api.client.post("/v1/jurisdictions", json=body, headers=self.api.admin)
        assert r.status_code == 201, r.text
        for code, name in ((self.agency_code, self.agency_name), *more_agencies):
            body = {"code": code, "name": name, "jurisdiction": self.code, "level": "department"}
            r = await self.api.client.post("/v1/agencies", json=body, headers=self.api.admin)
            assert r.status_code == 201, r.text

    async def register_government(self, code: str, name: str) -> None:
        """The jurisdiction's own government: the superior organ of its departments."""
        body = {"code": code, "name": name, "jurisdiction": self.code, "level": "government"}
        r = await self.api.client.post("/v1/agencies", json=body, headers=self.api.admin)
        assert r.status_code == 201, r.text

    async def register_county(self, code: str, name: str, government: str) -> None:
        """A county under this jurisdiction with its government, whose reports the city's
        legal office reviews [000 二(五)2]."""
        admin, post = self.api.admin, self.api.client.post
        body = {"code": code, "name": name, "level": "county", "parent": self.code}
        r = await post("/v1/jurisdictions", json={**body, "pack": self.pack}, headers=admin)
        assert r.status_code == 201, r.text
        body = {"code": government, "name": name, "jurisdiction": code, "level": "government"}
        r = await post("/v1/agencies", json=body, headers=admin)
        assert r.status_code == 201, r.text

    async def lost_case(
        self, served: str, effective: str | None, agency: str | None = None, number: str = "1"
    ) -> str:
        body = {
            "court": self.court_code,
            "case_number": f"（2025）行初{self.code}{number}号",
            "agencies": [{"agency_id": agency or self.agency_code, "role": "implementing"}],
            "subject_matter": "行政处罚",
            "filed_date": "2025-06-01",
        }
        r = await self.api.client.post("/v1/cases", json=body, headers=self.court)
        assert r.status_code == 201, r.text
        case_id = r.json()["case_id"]
        judgment = {"instance": "first", "outcome": "lost", "loss_type": "revoked"}
        await self.do(case_id, "judgments", {"judgment": judgment, "served_date": served}, "court")
        if effective:
            await self.do(case_id, "effective", {"effective_date": effective}, "court")
        return str(case_id)

    async def do(
        self, case_id: str, path: str, body: dict[str, Any], who: str, status: int = 201
    ) -> dict[str, Any]:
        """POST a case command as ``who``; with a 409 expected, return the problem body."""
        headers = getattr(self, who)
        r = await self.api.client.post(f"/v1/cases/{case_id}/{path}", json=body, headers=headers)
        assert r.status_code == status, r.text
        self.position = max(self.position, r.json().get("position", 0))
        return dict(r.json())

    async def refused(self, case_id: str, path: str, body: dict[str, Any], who: str) -> str:
        """The command is refused with 409; return its rule code."""
        return str((await self.do(case_id, path, body, who, status=409))["code"])

    async def deadlines(self, case_id: str) -> dict[str, list[dict[str, Any]]]:
        r = await self.api.client.get(
            f"/v1/cases/{case_id}/deadlines",
            params={"min_position": self.position},
            headers=self.api.admin,
        )
        assert r.status_code == 200, r.text
        found: dict[str, list[dict[str, Any]]] = {}
        for d in r.json()["deadlines"]:
            found.setdefault(d["rule_id"], []).append(d)
        return found

    async def timeline(self, case_id: str) -> list[dict[str, Any]]:
        r = await self.api.client.get(
            f"/v1/cases/{case_id}/events",
            params={"min_position": self.position},
            headers=self.api.admin,
        )
        assert r.status_code == 200, r.text
        return list(r.json()["events"])

    async def meeting_opinion(
        self,
        case_id: str,
        meeting_date: str,
        party_ids: list[str],
        members: tuple[str, ...] = JINZHAI_MEMBERS,
        archive: bool = True,
    ) -> None:
        """The joint meeting of ``meeting_date`` considers the case (papers 3 days before),
        records its opinion holding ``party_ids`` responsible, ``members`` countersign it,
        and the office archives it, all on the meeting's day [001 十]."""
        papers = (date.fromisoformat(meeting_date) - timedelta(days=3)).isoformat()
        await self.do(case_id, "accountability/meetings", {"meeting_date": meeting_date}, "bureau")
        await self.do(case_id, "accountability/meeting-papers", {"sent_date": papers}, "bureau")
        opinion = {
            "meeting_date": meeting_date,
            "established": bool(party_ids),
            "party_ids": party_ids,
            "reasons": "主要事实不清、证据不足",
            "recorded_date": meeting_date,
        }
        await self.do(case_id, "accountability/meeting-opinions", opinion, "bureau")
        for member in members:
            body = {"member": member, "signed_date": meeting_date}
            await self.do(
                case_id, "accountability/meeting-opinions/countersignatures", body, "bureau"
            )
        if archive:
            archived = {"archived_date": meeting_date}
            await self.do(case_id, "accountability/meeting-opinions/archive", archived, "bureau")

    async def view(self, case_id: str, who: str = "agency") -> dict[str, Any]:
        r = await self.api.client.get(
            f"/v1/cases/{case_id}/accountability",
            params={"min_position": self.position},
            headers=getattr(self, who),
        )
        assert r.status_code == 200, r.text
        return dict(r.json())


def person(
    party_id: str, person_id: str, agency: str, fault_kind: str, fault_date: str, **more: str
) -> dict[str, Any]:
    return {
        "party_id": party_id,
        "kind": "person",
        "name": more.get("name", "张三"),
        "agency": agency,
        "post": more.get("post", "科员"),
        "role": more.get("role", "handler"),
        "person_id": person_id,
        "fault_kind": fault_kind,
        "fault_date": fault_date,
    }


def unit(party_id: str, agency: str, fault_kind: str, fault_date: str) -> dict[str, Any]:
    return {
        "party_id": party_id,
        "kind": "unit",
        "name": agency,
        "agency": agency,
        "role": "implementing",
        "fault_kind": fault_kind,
        "fault_date": fault_date,
    }
