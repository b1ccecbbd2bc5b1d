"""Accountability views (DOMAIN.md §6): one case's procedure, one person's record across
cases and agencies, and statistics per unit and jurisdiction for the bulletin.

Rows are filtered by the visibility of their case, so an agency sees its own decisions.
A fault-tolerance grant carries ``evaluation_effect: no_negative_effect`` [000 四(三)].
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from case_api.accountability.joint_review_view import joint_review_view
from case_api.accountability.meeting_queries import case_meetings
from case_api.accountability.proposals import proposed_grounds
from case_api.accountability.tables import (
    accountability_cases,
    accountability_corrective_opinions,
    accountability_decisions,
    accountability_parties,
    accountability_recoveries,
)
from case_api.cases.queries import CaseQueries
from case_api.cases.tables import case_summaries
from case_api.cases.visibility import visible_cases
from case_api.platform.access import Principal
from case_api.platform.domain_errors import NotFound
from shared.rulepacks import PackLibrary

REPEAT_FLAG = "repeat_fault_within_year"  # [001 十七(一)]


def evaluation_effect(decision: dict[str, Any]) -> str:
    if decision["decision"] == "fault_tolerance":
        return "no_negative_effect"
    return "negative" if decision["sanctions_in_force"] else "none"


class AccountabilityQueries:
    def __init__(self, engine: Engine, library: PackLibrary, cases: CaseQueries | None = None):
        self.engine = engine
        self.library = library
        self.cases = cases or CaseQueries(engine)

    def case(self, principal: Principal, case_id: str, today: date) -> dict[str, Any]:
        summary = self.cases.case(principal, case_id)
        section = self.library.pack(summary["pack"]).accountability
        with self.engine.connect() as conn:
            proposals = proposed_grounds(conn, case_id, summary, section, today)
            row = (
                conn.execute(
                    select(accountability_cases).where(accountability_cases.c.case_id == case_id)
                )
                .mappings()
                .first()
            )
            parties = self._rows(conn, accountability_parties, case_id)
            decisions = self._rows(conn, accountability_decisions, case_id)
            recoveries = self._rows(conn, accountability_recoveries, case_id)
            meetings = case_meetings(conn, self.library, case_id)
            opinions = self._rows(conn, accountability_corrective_opinions, case_id)
            procedure = dict(row) if row else None
            stored = procedure.pop("joint_review") if procedure else None
            joint_review = None
            if stored is not None:
                section = self.library.pack(summary["pack"]).accountability
                state = summary["report_state"]
                joint_review = joint_review_view(conn, case_id, stored, state, section)
        return {
            "case_id": case_id,
            "procedure": procedure,
            "joint_review": joint_review,
            "meetings": meetings,
            "transfer": self._transfer(procedure),
            "proposed_grounds": proposals,
            "parties": parties,
            "decisions": self._decisions(decisions, parties, opinions),
            "corrective_opinions": sorted(
                ({k: v for k, v in o.items() if k != "jurisdiction_path"} for o in opinions),
                key=lambda o: o["position"],
            ),
            "recoveries": recoveries,
        }

    def person(self, principal: Principal, person_id: str) -> dict[str, Any]:
        visible = select(case_summaries.c.case_id).where(visible_cases(principal, self.cases.paths))
        p, d = accountability_parties.c, accountability_decisions.c
        r = accountability_recoveries.c
        with self.engine.connect() as conn:
            faults = [
                dict(x)
                for x in conn.execute(
                    select(accountability_parties)
                    .where(p.person_id == person_id, p.case_id.in_(visible))
                    .order_by(p.fault_date, p.case_id)
                ).mappings()
            ]
            decisions = [
                dict(x)
                for x in conn.execute(
                    select(accountability_decisions)
                    .where(d.person_id == person_id, d.case_id.in_(visible))
                    .order_by(d.decided_date, d.case_id)
                ).mappings()
            ]
            recoveries = [
                dict(x)
                for x in conn.execute(
                    select(accountability_recoveries)
                    .where(r.person_id == person_id, r.case_id.in_(visible))
                    .order_by(r.position)
                ).mappings()
            ]
        if not faults:
            raise NotFound("person-not-found", f"No record of {person_id}.", "无该人员的记录。")
        return {
            "person_id": person_id,
            "agencies": list(dict.fromkeys(f["agency"] for f in faults)),
            "faults": faults,
            "decisions": self._decisions(decisions, faults),
            "appeals": [_appeal(x) for x in decisions if x["appeal_kind"]],
            "recoveries": recoveries,
            "recovered_yuan": sum(x["amount_yuan"] for x in recoveries),
        }

    def statistics(
        self, principal: Principal, jurisdiction: str | None, agency: str | None
    ) -> dict[str, Any]:
        d = accountability_decisions.c
        query = select(accountability_decisions).where(
            d.case_id.in_(
                select(case_summaries.c.case_id).where(visible_cases(principal, self.cases.paths))
            )
        )
        if jurisdiction:
            query = query.where(self.cases.paths.below(d.jurisdiction_path, jurisdiction))
        if agency:
            query = query.where(d.agency == agency)
        with self.engine.connect() as conn:
            rows = [dict(x) for x in conn.execute(query).mappings()]
        by_unit: dict[str, Counter[str]] = {}
        for row in rows:
            by_unit.setdefault(row["agency"], Counter())[row["decision"]] += 1
        return {
            "scope": {"jurisdiction": jurisdiction, "agency": agency},
            "decisions": dict(Counter(x["decision"] for x in rows)),
            "by_party_kind": dict(Counter(x["kind"] for x in rows)),
            "sanctions": dict(Counter(s for x in rows for s in x["sanctions_in_force"])),
            "appeals": dict(
                Counter(x["appeal_outcome"] or "pending" for x in rows if x["appeal_kind"])
            ),
            "persons_sanctioned": len(
                {x["person_id"] for x in rows if x["person_id"] and x["sanctions_in_force"]}
            ),
            # Sanctions on units and on persons are different measures [001 十三]
            # [002 第十三、十四条]; pooled they would count a unit's 书面检查 with a person's.
            "sanctions_by_party_kind": {
                kind: dict(
                    Counter(s for x in rows if x["kind"] == kind for s in x["sanctions_in_force"])
                )
                for kind in ("person", "unit")
            },
            "units_sanctioned": len(
                {x["agency"] for x in rows if x["kind"] == "unit" and x["sanctions_in_force"]}
            ),
            "by_unit": [{"agency": a, "decisions": dict(c)} for a, c in sorted(by_unit.items())],
        }

    def _rows(self, conn: Any, table: Any, case_id: str) -> list[dict[str, Any]]:
        return [
            dict(x)
            for x in conn.execute(select(table).where(table.c.case_id == case_id)).mappings()
        ]

    def _transfer(self, procedure: dict[str, Any] | None) -> dict[str, Any] | None:
        """Flagged when dereliction caused a direct loss above the pack's threshold [002 第六条]."""
        if procedure is None:
            return None
        section = self.library.pack(procedure["pack"]).accountability
        threshold = section.transfer_threshold_yuan if section else None
        flagged = bool(
            threshold is not None
            and procedure["dereliction"]
            and procedure["direct_loss_yuan"] > threshold
        )
        return {
            "threshold_yuan": threshold,
            "source": section.transfer_source if section else None,
            "flagged": flagged,
            "transferred_date": procedure["transferred_date"],
            "organ": procedure["transferred_to"],
            "ground": procedure["transfer_ground"],
            "ground_source": procedure["transfer_ground_source"],
        }

    def _decisions(
        self,
        decisions: list[dict[str, Any]],
        parties: list[dict[str, Any]],
        opinions: list[dict[str, Any]] = (),  # type: ignore[assignment]
    ) -> list[dict[str, Any]]:
        """``reopened``: a corrective opinion awaits the unit's new decision [000 五(二)]."""
        repeats = {(p["case_id"], p["party_id"]) for p in parties if p["repeat_fault"]}
        open_ = {(o["case_id"], o["party_id"]) for o in opinions if o["redecided_date"] is None}
        return [
            {
                **x,
                "evaluation_effect": evaluation_effect(x),
                "in_force": bool(x["sanctions_in_force"]),
                "system_flags": [REPEAT_FLAG] if (x["case_id"], x["party_id"]) in repeats else [],
                "reopened": (x["case_id"], x["party_id"]) in open_,
            }
            for x in decisions
        ]


def _appeal(decision: dict[str, Any]) -> dict[str, Any]:
    keys = ("case_id", "party_id", "appeal_kind", "appealed_date", "appeal_outcome")
    return {k: decision[k] for k in (*keys, "appeal_decided_date")}
