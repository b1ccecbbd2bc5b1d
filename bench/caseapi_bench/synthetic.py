"""Synthetic history for the scale benchmark: jurisdictions, agencies and cases with
realistic lifecycles, as ``case-api import`` records.

Cases arrive at a steady ``CASES_PER_YEAR``, newest first: the first 10,000 records are the
last year, the first 100,000 the last ten years. Growing the set from 10k to 100k therefore
adds years of history while every period keeps the same density, which is what a system
that runs for years sees. Each case's facts stop at ``today``: recent cases are open, old
ones concluded and closed, a few left with a missed answer or hearing for ever.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

CASES_PER_YEAR = 10_000
PROVINCES = {"gd": ["gz", "sz", "fs"], "zj": ["hz", "nb", "wz"]}
COUNTIES_PER_CITY = 4
AGENCIES = 300
LOSS_TYPES = ["revoked", "partly_revoked", "confirmed_illegal", "ordered_to_perform", "other"]
SUBJECTS = ["工伤认定", "房屋征收", "行政处罚", "政府信息公开", "行政许可", "社会保险"]


@dataclass(frozen=True)
class Registry:
    jurisdictions: list[dict[str, Any]]  # in registration order (parents first)
    agencies: list[dict[str, Any]]
    weights: list[float]  # of each agency: a few agencies are sued far more often

    @property
    def largest_agency(self) -> str:
        return self.agencies[0]["code"]


def registry() -> Registry:
    jurisdictions: list[dict[str, Any]] = []
    for province, cities in PROVINCES.items():
        jurisdictions.append(_jurisdiction(province, "province", None, "statutory"))
        for city in cities:
            pack = "guangzhou" if city == "gz" else "statutory"
            jurisdictions.append(_jurisdiction(city, "city", province, pack))
            for k in range(1, COUNTIES_PER_CITY + 1):
                jurisdictions.append(_jurisdiction(f"{city}-{k}", "county", city, pack))
    places = [j["code"] for j in jurisdictions if j["level"] != "province"]
    agencies = []
    for n in range(AGENCIES):
        place = places[n % len(places)]
        level = "government" if n < len(places) else "department"
        agencies.append(
            {"code": f"{place}-a{n}", "name": f"单位{n}", "jurisdiction": place, "level": level}
        )
    weights = [1 / (rank + 1) ** 0.8 for rank in range(AGENCIES)]
    return Registry(jurisdictions, agencies, weights)


def _jurisdiction(code: str, level: str, parent: str | None, pack: str) -> dict[str, Any]:
    return {"code": code, "name": code, "level": level, "parent": parent, "pack": pack}


def records(reg: Registry, today: date, start: int, stop: int) -> Iterator[dict[str, Any]]:
    """Cases ``start`` to ``stop`` (0 is the newest)."""
    for i in range(start, stop):
        yield case_record(reg, today, i)


def case_record(reg: Registry, today: date, i: int) -> dict[str, Any]:
    rng = random.Random(i)
    filed = today - timedelta(days=1 + i * 365 // CASES_PER_YEAR)
    agency = rng.choices(reg.agencies, weights=reg.weights)[0]
    city = agency["jurisdiction"].split("-")[0]
    facts = list(_Lifecycle(rng, filed, today).facts())
    return {
        "court": f"{city}-court",
        "case_number": f"（{filed.year}）{city}行初{i}号",
        "agencies": [{"agency_id": agency["code"], "role": "implementing"}],
        "subject_matter": rng.choice(SUBJECTS),
        "plaintiff_count": 1 if rng.random() < 0.9 else rng.randint(2, 30),
        "filed_date": filed.isoformat(),
        "flags": [],
        "facts": facts,
    }


class _Lifecycle:
    """The facts of one case, in order, each only once its date has come."""

    def __init__(self, rng: random.Random, filed: date, today: date) -> None:
        self.rng, self.filed, self.today = rng, filed, today
        self.out: list[dict[str, Any]] = []

    def add(self, day: date, command: str, **body: Any) -> bool:
        if day >= self.today:
            return False
        self.out.append({"command": command, **_iso(body)})
        return True

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randint(low, high))

    def facts(self) -> list[dict[str, Any]]:
        r, served = self.rng, self.filed + self.days(3, 10)
        if not self.add(served, "serve_document", kind="complaint_copy", served_date=served):
            return self.out
        if r.random() < 0.7:
            day = served + self.days(1, 2)
            self.add(day, "report_to_bureau", subject="complaint_copy", reported_date=day)
        luck = r.random()
        if luck < 0.9 or luck >= 0.94:  # 4% answer late, 6% never
            answered = served + (self.days(5, 14) if luck < 0.9 else self.days(16, 25))
            self.add(
                answered,
                "submit_answer",
                submitted_date=answered,
                evidence_submitted=r.random() < 0.95,
            )
        if r.random() < 0.1:
            return self._without_judgment(served)
        return self._heard_and_judged(served)

    def _without_judgment(self, served: date) -> list[dict[str, Any]]:
        day = served + self.days(20, 60)
        conclusion = "withdrawn" if self.rng.random() < 0.7 else "mediated"
        if conclusion == "mediated" and not self.add(day, "attempt_mediation", attempted_date=day):
            return self.out
        if self.add(day, "conclude_without_judgment", conclusion=conclusion, concluded_date=day):
            closed = day + self.days(20, 40)
            self.add(closed, "close", closed_date=closed)
        return self.out

    def _heard_and_judged(self, served: date) -> list[dict[str, Any]]:
        r = self.rng
        summoned = served + self.days(15, 30)
        hearing = summoned + self.days(15, 40)
        if not self.add(
            summoned, "serve_document", kind="summons", served_date=summoned, hearing_date=hearing
        ):
            return self.out
        if r.random() < 0.08:
            moved, old = summoned + self.days(3, 10), hearing
            hearing = hearing + self.days(14, 30)
            if not self.add(
                moved, "schedule_hearing", hearing_date=hearing, location="第一法庭", replaces=old
            ):
                return self.out
        if r.random() < 0.95 and not self.add(
            hearing, "record_appearance", hearing_date=hearing, appearances=self._people()
        ):
            return self.out
        judged = hearing + self.days(20, 60)
        luck = r.random()
        outcome = "lost" if luck < 0.15 else "won" if luck < 0.7 else "dismissed"
        judgment: dict[str, Any] = {"instance": "first", "outcome": outcome}
        if outcome == "lost":
            judgment["loss_type"] = r.choice(LOSS_TYPES)
            if r.random() < 0.4:
                judgment |= {
                    "performance_duty": True,
                    "performance_due_date": judged + self.days(30, 60),
                }
        if not self.add(judged, "serve_judgment", judgment=judgment, served_date=judged):
            return self.out
        return self._after_judgment(judged, judgment)

    def _after_judgment(self, judged: date, judgment: dict[str, Any]) -> list[dict[str, Any]]:
        r = self.rng
        effective = judged + self.days(16, 20)
        if r.random() < 0.2:
            appealed = judged + self.days(5, 14)
            appellant = "agency" if judgment["outcome"] == "lost" else "plaintiff"
            if not self.add(appealed, "file_appeal", appellant=appellant, filed_date=appealed):
                return self.out
            second = appealed + self.days(90, 150)
            judgment = {
                "instance": "second",
                "outcome": judgment["outcome"],
                **{k: v for k, v in judgment.items() if k in ("loss_type",)},
            }
            if not self.add(second, "serve_judgment", judgment=judgment, served_date=second):
                return self.out
            effective = second + self.days(0, 5)
        if not self.add(effective, "make_effective", effective_date=effective):
            return self.out
        done = effective
        if judgment.get("performance_duty") and r.random() < 0.85:
            done = effective + self.days(10, 25)
            if not self.add(done, "complete_performance", completed_date=done):
                return self.out
        elif judgment.get("performance_duty"):
            return self.out
        if judgment["outcome"] == "lost":
            reported = effective + self.days(10, 20)
            if not self.add(
                reported, "submit_loss_report", submitted_date=reported, summary="败诉原因分析"
            ):
                return self.out
            reviewed = reported + self.days(5, 15)
            if r.random() > 0.9 or not self.add(
                reviewed, "review_report", result="approved", opinion="同意", reviewed_date=reviewed
            ):
                return self.out
            done = max(done, reviewed)
        if r.random() < 0.8:
            closed = done + self.days(20, 60)
            self.add(closed, "close", closed_date=closed)
        return self.out

    def _people(self) -> list[dict[str, Any]]:
        luck = self.rng.random()
        if luck < 0.35:
            return [
                {"name": "负责人甲", "role": "principal_head"},
                {"name": "律师乙", "role": "lawyer"},
            ]
        if luck < 0.65:
            return [{"name": "副职丙", "role": "deputy_head"}, {"name": "干部丁", "role": "staff"}]
        return [{"name": "律师乙", "role": "lawyer"}]


def _iso(body: dict[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return {k: plain(v) for k, v in body.items()}
