"""Meeting one pack rule over HTTP, as its actor would: record the facts that trigger it (with
whatever they need first), then the fact that meets it, as a principal of the rule's actor.

The facts come from the rule itself (its trigger or anchor, the ``when`` filters, the
``satisfied_by`` clause its actor can record), so a new rule is walked without a new recipe
unless it names an event no recipe below records yet (``KeyError`` names it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.eventtypes import EVENT_TYPES
from shared.rulepacks import EventMatch, PackLibrary, Rule
from tests.api_client import Api

FILED, D0, HEARING, MEETING, DUE = (
    "2026-02-20",
    "2026-03-02",
    "2026-03-12",
    "2026-03-25",
    "2026-04-30",
)
TODAY = "2026-06-01"
SUGGESTION = "（2026）司建1号"
ACTOR_ROLE = {
    "agency": "agency",
    "bureau": "bureau",
    "court": "court",
    "organ": "discipline",
    "deciding_organ": "discipline",
}


class Place:
    """A county under a city, both on ``pack``, and a county department: its reports are
    reviewed by the county legal office, which files its opinion with the city."""

    def __init__(self, api: Api, pack: str) -> None:
        self.api, self.pack = api, pack
        self.library = PackLibrary.load()
        self.roles = {
            "court": api.token("court_system", court="k-court"),
            "agency": api.token("agency_user", agency="k-dept"),
            "bureau": api.token("bureau_officer", jurisdiction="k"),
            "discipline": api.token("discipline_officer", jurisdiction="k"),
        }

    async def register(self) -> None:
        post, admin = self.api.client.post, self.api.admin
        for body in (
            {"code": "c", "name": "市", "level": "city", "pack": self.pack},
            {"code": "k", "name": "县", "level": "county", "parent": "c", "pack": self.pack},
        ):
            assert (await post("/v1/jurisdictions", json=body, headers=admin)).status_code == 201
        body = {"code": "k-dept", "name": "县局", "jurisdiction": "k", "level": "department"}
        assert (await post("/v1/agencies", json=body, headers=admin)).status_code == 201


class RuleWalk:
    """One case walked until ``rule`` can be met, then met."""

    def __init__(self, place: Place, rule: Rule, number: int) -> None:
        self.place, self.rule, self.number = place, rule, number
        self.case_id = ""
        self.done: set[tuple[str, Any]] = set()
        self.position = 0
        self.kind = _kind_for(self._trigger(rule))

    async def meet(self) -> list[dict[str, Any]]:
        """The case's deadlines of the rule once its actor recorded what meets it."""
        await self._file()
        await self.ensure(self._trigger(self.rule))
        clause = next(
            m for m in self.rule.satisfied_by if self.rule.actor in EVENT_TYPES[m.event].recorded_by
        )
        await self.ensure(clause, as_role=ACTOR_ROLE[self.rule.actor])
        r = await self.place.api.client.get(
            f"/v1/cases/{self.case_id}/deadlines",
            params={"min_position": self.position},
            headers=self.place.api.admin,
        )
        assert r.status_code == 200, r.text
        return [d for d in r.json()["deadlines"] if d["rule_id"] == self.rule.id]

    def _trigger(self, rule: Rule) -> EventMatch:
        """The trigger of the rule, or of the rule its anchor chain starts from."""
        while rule.anchor is not None:
            rules = {r.id: r.rule for r in self.place.library.rules(self.place.pack)}
            rule = rules[rule.anchor.rule]
        return rule.trigger[0]

    async def _file(self) -> None:
        number = {
            "administrative_suit": f"（2026）县行初{self.number}号",
            "agency_plaintiff": f"（2026）县民初{self.number}号",
            "reconsideration": f"县政复决〔2026〕{self.number}号",
        }[self.kind]
        body = {
            "court": "k-court",
            "case_number": number,
            "agencies": [{"agency_id": "k-dept", "role": "implementing"}],
            "subject_matter": "行政处罚",
            "filed_date": FILED,
            "proceeding_kind": self.kind,
        }
        r = await self.place.api.client.post(
            "/v1/cases", json=body, headers=self.place.roles["court"]
        )
        assert r.status_code == 201, r.text
        self.case_id = r.json()["case_id"]

    async def ensure(self, match: EventMatch, as_role: str | None = None) -> None:
        """Record the event ``match`` asks for (once), after whatever it needs."""
        when = {path: values[0] for path, values in match.when.items()}
        # One of each event per case, but for the kinds of served papers, reports and
        # feedback; the first judgment recorded is the one whose filters the trigger set.
        if self.kind == "reconsideration" and match.event.startswith("Judgment"):
            # A reconsideration's decision stands where a suit's effective judgment would.
            match, when = (
                _m("ReconsiderationDecided", counts_as_loss=True),
                {"counts_as_loss": True},
            )
        key = (match.event, when.get("kind") or when.get("subject"))
        if (key in self.done and as_role is None) or match.event == "CaseFiled":
            return
        for needed in _needs(match.event, when):
            await self.ensure(needed)
        path, body = _recipe(match.event, when, self.place)
        role = as_role or ACTOR_ROLE[EVENT_TYPES[match.event].recorded_by[0]]
        r = await self.place.api.client.post(
            f"/v1/cases/{self.case_id}/{path}", json=body, headers=self.place.roles[role]
        )
        assert r.status_code == 201, f"{match.event} as {role}: {r.text}"
        self.position = max(self.position, r.json()["position"])
        self.done.add(key)


def _kind_for(trigger: EventMatch) -> str:
    """The kind of proceeding whose case can record ``trigger``."""
    if trigger.event == "CaseFiled":
        return str(trigger.when.get("proceeding_kind", ("administrative_suit",))[0])
    if trigger.event == "ReconsiderationDecided":
        return "reconsideration"
    return "administrative_suit"


def _m(event: str, **when: Any) -> EventMatch:
    return EventMatch(event=event, when={k.replace("__", "."): (v,) for k, v in when.items()})


def _judgment_when(when: Mapping[str, Any]) -> dict[str, Any]:
    return {k.replace(".", "__"): v for k, v in when.items() if k.startswith("judgment.")}


def _needs(event: str, when: Mapping[str, Any]) -> list[EventMatch]:
    """What must have happened before ``event`` can be recorded."""
    subject = when.get("subject")
    served = ("complaint_copy", "notice_to_respond", "summons", "appeal_petition")
    needs: dict[str, list[EventMatch]] = {
        "DocumentServed": [_m("JudgmentServed")] if when.get("kind") == "appeal_petition" else [],
        "ReportedToBureau": (
            [_m("DocumentServed", kind=subject)]
            if subject in served
            else [_m("JudgmentServed", judgment__kind=subject)]
            if subject in ("judgment", "ruling")
            else [_m("JudgmentEffective")]
            if subject == "effective_judgment"
            else []
        ),
        "AnswerSubmitted": [_m("DocumentServed", kind="complaint_copy")],
        "AppearanceRecorded": [_m("DocumentServed", kind="summons")],
        "FeedbackSubmitted": [
            {
                "answer": _m("AnswerSubmitted"),
                "hearing": _m("AppearanceRecorded"),
                "performance": _m("PerformanceCompleted"),
            }.get(subject or "answer", _m("AnswerSubmitted"))
        ],
        "JudgmentEffective": [_m("JudgmentServed", **_judgment_when(when))],
        "PerformanceCompleted": [_m("JudgmentEffective", judgment__performance_duty=True)],
        "LossReportSubmitted": [_m("JudgmentEffective", judgment__outcome="lost")],
        "ReportReviewed": [_m("LossReportSubmitted")],
        "InvestigationCompleted": [_m("JudgmentEffective", judgment__outcome="lost")],
        "ReviewOpinionIssued": [_m("ReportReviewed")],
        "CityFilingCompleted": [_m("ReportReviewed")],
        "JointMeetingScheduled": [_m("JudgmentEffective", judgment__outcome="lost")],
        "MeetingPapersSent": [_m("JointMeetingScheduled")],
        "ResponsiblePartyNamed": [_m("JudgmentEffective", judgment__outcome="lost")],
        "AccountabilityDecided": [_m("ReportReviewed"), _m("ResponsiblePartyNamed")],
        "DecisionReportedToCommittee": [_m("AccountabilityDecided")],
        "LeadershipBriefed": [_m("DocumentServed", kind="complaint_copy")],
        "BureauForwarded": [_m("ReportedToBureau", subject="complaint_copy")],
        "TransferredToDisciplineOrgan": [_m("JudgmentEffective", judgment__outcome="lost")],
        "SuggestionAnswered": [_m("SuggestionReceived")],
    }
    return needs.get(event, [])


def _recipe(event: str, when: Mapping[str, Any], place: Place) -> tuple[str, dict[str, Any]]:
    """The command path and body recording ``event`` with the ``when`` values."""
    acc = place.library.pack(place.pack).accountability
    needed = place.library.pack(place.pack).loss_report
    sections = {s.id: "内容" for s in needed.sections} if needed and needed.sections else None
    ground = acc.grounds[0].id if acc else "none"
    sanction = next((s.id for s in acc.sanctions if "person" in s.parties), "") if acc else ""
    kind = when.get("kind", "complaint_copy")
    recipes: dict[str, tuple[str, dict[str, Any]]] = {
        "DocumentServed": (
            "documents",
            {
                "kind": kind,
                "served_date": D0,
                **({"hearing_date": HEARING} if kind == "summons" else {}),
            },
        ),
        "ReportedToBureau": ("reports", {"subject": when.get("subject"), "reported_date": D0}),
        "AnswerSubmitted": ("answer", {"submitted_date": D0}),
        "AppearanceRecorded": (
            "appearances",
            {"hearing_date": HEARING, "appearances": [{"name": "局长", "role": "principal_head"}]},
        ),
        "FeedbackSubmitted": (
            "feedback",
            {
                "subject": when.get("subject", "answer"),
                "feedback_date": "2026-03-13" if when.get("subject") == "hearing" else D0,
            },
        ),
        "RiskFlagged": ("risks", {"level": "high", "description": "败诉风险", "found_date": D0}),
        "JudgmentServed": ("judgments", {"judgment": _judgment(when), "served_date": D0}),
        "JudgmentEffective": ("effective", {"effective_date": D0}),
        "PerformanceCompleted": ("performance", {"completed_date": D0}),
        "LossReportSubmitted": (
            "loss-reports",
            {"submitted_date": D0, "summary": "分析", "sections": sections},
        ),
        "ReportReviewed": ("reviews", {"result": "approved", "reviewed_date": D0}),
        "InvestigationCompleted": ("accountability/investigation", {"completed_date": D0}),
        "ReviewOpinionIssued": ("accountability/review-opinions", {"issued_date": D0}),
        "CityFilingCompleted": ("accountability/city-filings", {"filed_date": D0}),
        "JointMeetingScheduled": ("accountability/meetings", {"meeting_date": MEETING}),
        "MeetingPapersSent": ("accountability/meeting-papers", {"sent_date": D0}),
        "ResponsiblePartyNamed": (
            "accountability/parties",
            {
                "party": {
                    "party_id": "p1",
                    "kind": "person",
                    "name": "张三",
                    "agency": "k-dept",
                    "role": "handler",
                    "person_id": "k-001",
                    "fault_kind": ground,
                    "fault_date": "2025-06-01",
                },
                "named_date": D0,
            },
        ),
        "AccountabilityDecided": (
            "accountability/decisions",
            {
                "party_id": "p1",
                "decision": "sanction",
                "ground": ground,
                "sanctions": [sanction],
                "deciding_organ": "县纪委监委",
                "decided_date": D0,
            },
        ),
        "DecisionReportedToCommittee": ("accountability/committee-reports", {"reported_date": D0}),
        "LeadershipBriefed": ("leadership-briefings", {"briefed_date": D0, "leader": "副县长"}),
        "ResponsePlanRecorded": (
            "response-plans",
            {
                "lead": {"name": "王某", "post": "deputy_county_head"},
                "agents": [{"name": "李某", "kind": "staff"}],
                "strategy": "程序合法",
                "evidence_summary": "征收决定等12项",
                "plan_date": D0,
            },
        ),
        # 提起诉讼前: the day before the suit was filed.
        "PreSuitReported": ("pre-suit-reports", {"reported_date": "2026-02-19"}),
        "ReconsiderationDecided": (
            "reconsideration-decisions",
            {"outcome": _reconsideration_outcome(when, place), "served_date": D0},
        ),
        "BureauForwarded": ("bureau-forwardings", {"forwarded_date": D0, "leader": "副县长"}),
        "TransferredToDisciplineOrgan": (
            "accountability/transfer",
            {"transferred_date": D0, "organ": "县纪委监委"},
        ),
        "SuggestionReceived": (
            "suggestions",
            {
                "issuer": when.get("issuer", "court"),
                "issuer_name": "县人民法院",
                "number": SUGGESTION,
                "content": "建议规范执法程序",
                "served_date": D0,
                # A rule on the stated date filters on nothing; the default periods on none.
                **({} if when.get("reply_due_stated") is False else {"reply_due_date": DUE}),
            },
        ),
        "SuggestionAnswered": (
            "suggestion-replies",
            {"number": SUGGESTION, "answered_date": D0, "reply": "已整改"},
        ),
    }
    return recipes[event]


def _reconsideration_outcome(when: Mapping[str, Any], place: Place) -> str:
    """An outcome the pack counts as a loss when the trigger asks for one, else upheld."""
    section = place.library.pack(place.pack).proceedings
    losses = [loss.outcome for loss in section.reconsideration_losses] if section else []
    return losses[0] if when.get("counts_as_loss") and losses else "upheld"


def _judgment(when: Mapping[str, Any]) -> dict[str, Any]:
    outcome = when.get("judgment.outcome", "lost")
    duty = bool(when.get("judgment.performance_duty", False))
    return {
        "instance": when.get("judgment.instance", "first"),
        "kind": when.get("judgment.kind", "judgment"),
        "outcome": outcome,
        "loss_type": "revoked" if outcome == "lost" else None,
        "performance_duty": duty,
        **({"performance_due_date": DUE} if duty else {}),
    }
