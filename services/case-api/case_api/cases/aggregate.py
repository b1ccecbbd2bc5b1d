"""The ``Case`` aggregate: one administrative suit from filing to closing (DOMAIN.md §3).

Each public method checks the lifecycle's invariants and then triggers exactly one event; a
rejected command raises a ``RuleViolation`` before anything is appended. Every event is also
checked against time and the case's other facts (``facts``) as it is triggered. Events
record facts (dates served, outcomes), never derived values such as due dates.
Every event carries ``meta``: who acted (principal id, role, agency), the source system and
the client's request id.

A recorded fact is never changed: a correction or retraction is an event of its own, and the
case keeps the events it was built from (``history``) so that applying one rebuilds the
state from the facts as corrected (``cases.history``), on every load as on the command.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from case_api.accountability import correction_rules as correction
from case_api.accountability import decider_rules as deciders
from case_api.accountability import joint_review_rules as joint
from case_api.accountability import meeting_rules as meeting
from case_api.accountability import risk_registration_rules as registration
from case_api.accountability import rules as acc
from case_api.accountability.domain import AccountabilityPolicy, new_state
from case_api.casebook import rules as casebook
from case_api.cases import correctable, facts, history, rules
from case_api.cases import corrections as correction_rules
from case_api.cases import loss_report_rules as loss_report
from case_api.cases import response_plan_rules as plans
from case_api.cases.values import (
    RESPONSE_DOCUMENTS,
    Conclusion,
    DocumentKind,
    Instance,
    Outcome,
    ProceedingKind,
    Status,
    case_number_key,
)
from case_api.chain.domain import ChainedAggregate, register_former_module
from case_api.mediation import rules as mediation

Meta = dict[str, Any]


def request_key(principal_id: str, request_id: str) -> str:
    """Request ids are the client's own: two clients may pick the same one."""
    return f"{principal_id}\x1f{request_id}"


def case_id_of(court: str, case_number: str) -> UUID:
    """A case's identity is its court and case number (案号): filing it twice, or a court and
    an agency both filing it, lands on one aggregate. Width and spaces do not count:
    （2025）and (2025) are the same number (``case_number_key``)."""
    return uuid5(NAMESPACE_URL, f"yingsu:case:{court}:{case_number_key(case_number)}")


class Case(ChainedAggregate):
    class Event(ChainedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            """After the event's own method: keep it, unless the case is being refolded."""
            super().apply(aggregate)
            if not aggregate.replaying:
                aggregate.history.append(self)

    today: date | None = None
    """Asia/Shanghai today, set by the command layer before a command, never stored: a fact
    that has happened may not be dated after it. None: the time rules are not checked."""
    replaying = False

    @event("CaseFiled")
    def __init__(
        self,
        # Before the ``*`` because the library treats every keyword-only parameter as
        # required; absent from filings stored before the kind was kept.
        proceeding_kind: str = ProceedingKind.ADMINISTRATIVE_SUIT.value,
        *,
        id: UUID,  # noqa: A002 - the library's name; not stored in the event
        court: str,
        case_number: str,
        agencies: list[dict[str, str]],
        jurisdiction: str,
        pack: str,
        subject_matter: str,
        plaintiff_count: int,
        filed_date: date,
        flags: list[str],
        meta: Meta,
    ) -> None:
        self.filed: dict[str, Any] = {
            "court": court,
            "case_number": case_number,
            "agencies": agencies,
            "jurisdiction": jurisdiction,
            "pack": pack,
            "subject_matter": subject_matter,
            "plaintiff_count": plaintiff_count,
            "filed_date": filed_date,
            "flags": flags,
            "meta": meta,
            "proceeding_kind": proceeding_kind,
        }
        self.history: list[Any] = []
        self.requests: dict[str, str] = {}
        self.start_state()
        self._remember(meta)

    def start_state(self) -> None:
        """The state right after filing, before any other fact."""
        self.court: str = self.filed["court"]
        self.case_number: str = self.filed["case_number"]
        self.agencies: list[dict[str, str]] = self.filed["agencies"]
        self.jurisdiction: str = self.filed["jurisdiction"]
        self.pack: str = self.filed["pack"]
        self.plaintiff_count: int = self.filed["plaintiff_count"]
        self.flags: list[str] = self.filed["flags"]
        self.filed_date: date = self.filed["filed_date"]
        self.proceeding_kind: str = self.filed["proceeding_kind"]
        self.reconsideration_outcome: str | None = None
        self.pre_suit_reported = False
        self.status = Status.FILED.value
        self.instance = Instance.FIRST.value
        self.served: dict[str, list[date]] = {}
        self.answered_instances: list[str] = []
        self.hearings: list[date] = []
        self.appeared: list[date] = []
        self.judgments: list[dict[str, Any]] = []
        self.effective = False
        self.lost = False
        self.performance_due = False
        self.performed = False
        self.report_state = "none"  # none / submitted / returned / approved
        self.loss_report: dict[str, Any] = loss_report.new_report()  # inside the agency
        self.reported: list[str] = []  # the subjects reported to the bureau
        self.remediation_open: list[str] = []
        self.suggestions: dict[str, dict[str, Any]] = {}  # by number (文号)
        self.mediation_attempts: list[dict[str, Any]] = []  # in order, numbered from 1
        self.accountability: dict[str, Any] = new_state()
        self.typical_case = False
        self.response_lead: dict[str, Any] | None = None  # the latest plan's lead and basis

    @property
    def agency_ids(self) -> list[str]:
        return [a["agency_id"] for a in self.agencies]

    @property
    def implementing_agency(self) -> str:
        implementing = [a for a in self.agencies if a["role"] == "implementing"] or self.agencies
        return implementing[0]["agency_id"]

    @property
    def concluded(self) -> bool:
        return self.status in (Status.WITHDRAWN, Status.MEDIATED) or self.effective

    def trigger_event(self, event_class: Any, **kwargs: Any) -> None:
        facts.check(self, event_class.__name__, kwargs, self.today)
        super().trigger_event(event_class, **kwargs)

    def _remember(self, meta: Meta) -> None:
        """Keep the client's request id, so a resend after a crash is recognised."""
        request_id = meta.get("request_id")
        if request_id:
            self.requests[request_key(meta["principal_id"], request_id)] = meta.get(
                "request_hash", ""
            )

    # -- documents and reports -------------------------------------------------------------

    def serve_document(
        self,
        *,
        kind: str,
        served_date: date,
        hearing_date: date | None,
        document_number: str,
        meta: Meta,
        documents: list[dict[str, Any]] | None = None,
    ) -> None:
        """``documents``: the served papers, ``[{sha256, title, size, media_type}]``."""
        rules.require_open(self)
        rules.check_serve(self, kind, served_date, hearing_date)
        self._document_served(
            kind=kind,
            served_date=served_date,
            hearing_date=hearing_date,
            document_number=document_number,
            documents=documents or [],
            meta=meta,
        )

    @event("DocumentServed")
    def _document_served(
        self,
        kind: str,
        served_date: date,
        hearing_date: date | None,
        document_number: str,
        meta: Meta,
        documents: list[dict[str, Any]] | None = None,  # None: stored before documents were kept
    ) -> None:
        self.served.setdefault(kind, []).append(served_date)
        if kind in RESPONSE_DOCUMENTS and self.status == Status.FILED:
            self.status = Status.RESPONDING.value
        if kind == DocumentKind.SUMMONS and hearing_date is not None:
            self.hearings.append(hearing_date)
            self.status = Status.HEARING_SCHEDULED.value
        self._remember(meta)

    def report_to_bureau(self, *, subject: str, reported_date: date, meta: Meta) -> None:
        rules.require_open(self)
        rules.check_report(self, subject)
        self._reported(subject=subject, reported_date=reported_date, meta=meta)

    @event("ReportedToBureau")
    def _reported(self, subject: str, reported_date: date, meta: Meta) -> None:
        self.reported.append(subject)
        self._remember(meta)

    def brief_leadership(self, *, briefed_date: date, leader: str, note: str, meta: Meta) -> None:
        """向分管副县长请示或报告 [002 第七条]: the principal head briefed the leader in charge."""
        rules.require_open(self)
        rules.check_briefing(self)
        self._leadership_briefed(briefed_date=briefed_date, leader=leader, note=note, meta=meta)

    @event("LeadershipBriefed")
    def _leadership_briefed(self, briefed_date: date, leader: str, note: str, meta: Meta) -> None:
        self._remember(meta)

    def forward_to_leader(
        self, *, forwarded_date: date, leader: str, note: str, meta: Meta
    ) -> None:
        """转报分管县领导 [003 二(一)3]: the bureau passed the agency's filing on."""
        rules.require_open(self)
        rules.check_forwarding(self)
        self._forwarded(forwarded_date=forwarded_date, leader=leader, note=note, meta=meta)

    @event("BureauForwarded")
    def _forwarded(self, forwarded_date: date, leader: str, note: str, meta: Meta) -> None:
        self._remember(meta)

    def record_response_plan(
        self,
        *,
        lead: dict[str, str],
        circumstances: list[str],
        agents: list[dict[str, str]],
        strategy: str,
        evidence_summary: str,
        plan_date: date,
        meta: Meta,
        lead_policy: plans.LeadPolicy | None,
    ) -> None:
        """应诉方案 [002 第七条] under the lead the pack names for the case [002 第九条];
        a later plan revises the strategy (更正应诉策略) and may change the lead."""
        rules.require_open(self)
        basis, source = plans.check_plan(self, lead_policy, lead, circumstances)
        self._response_plan(
            lead=lead,
            circumstances=circumstances,
            basis=basis,
            basis_source=source,
            agents=agents,
            strategy=strategy,
            evidence_summary=evidence_summary,
            plan_date=plan_date,
            meta=meta,
        )

    @event("ResponsePlanRecorded")
    def _response_plan(
        self,
        lead: dict[str, str],
        circumstances: list[str],
        basis: str,
        basis_source: str,
        agents: list[dict[str, str]],
        strategy: str,
        evidence_summary: str,
        plan_date: date,
        meta: Meta,
    ) -> None:
        self.response_lead = {**lead, "basis": basis, "source": basis_source}
        self._remember(meta)

    # -- judicial and procuratorial suggestions (司法建议 / 检察建议) ---------------------------

    def record_suggestion(
        self,
        *,
        issuer: str,
        issuer_name: str,
        number: str,
        content: str,
        served_date: date,
        reply_due_date: date | None,
        meta: Meta,
    ) -> None:
        """A suggestion served on the agency, which it must answer [001 四(四)] [004 7-③]."""
        rules.require_open(self)
        rules.check_suggestion(self, issuer, number, served_date, reply_due_date, meta)
        self._suggestion_received(
            issuer=issuer,
            issuer_name=issuer_name,
            number=number,
            content=content,
            served_date=served_date,
            reply_due_date=reply_due_date,
            reply_due_stated=reply_due_date is not None,
            meta=meta,
        )

    @event("SuggestionReceived")
    def _suggestion_received(
        self,
        issuer: str,
        issuer_name: str,
        number: str,
        content: str,
        served_date: date,
        reply_due_date: date | None,
        reply_due_stated: bool,
        meta: Meta,
    ) -> None:
        self.suggestions[number] = {"served_date": served_date, "answered": False}
        self._remember(meta)

    def answer_suggestion(
        self, *, number: str, answered_date: date, reply: str, meta: Meta
    ) -> None:
        """The agency's written reply. A suggestion outlives the suit: its reply is recorded
        after the case is closed as before."""
        rules.check_suggestion_reply(self, number)
        self._suggestion_answered(
            number=number, answered_date=answered_date, reply=reply, meta=meta
        )

    @event("SuggestionAnswered")
    def _suggestion_answered(
        self, number: str, answered_date: date, reply: str, meta: Meta
    ) -> None:
        self.suggestions[number]["answered"] = True
        self._remember(meta)

    def report_before_suing(
        self, *, reported_date: date, reported_to: str, note: str, meta: Meta
    ) -> None:
        """提起诉讼前向分管副县长请示或报告 [002 第七条]: before the agency sues."""
        rules.require_open(self)
        rules.check_pre_suit_report(self)
        self._pre_suit_reported(
            reported_date=reported_date, reported_to=reported_to, note=note, meta=meta
        )

    @event("PreSuitReported")
    def _pre_suit_reported(
        self, reported_date: date, reported_to: str, note: str, meta: Meta
    ) -> None:
        self.pre_suit_reported = True
        self._remember(meta)

    # -- answer, hearing, appearance, feedback ---------------------------------------------

    def submit_answer(self, *, submitted_date: date, evidence_submitted: bool, meta: Meta) -> None:
        rules.require_open(self)
        rules.check_answer(self)
        self._answered(
            submitted_date=submitted_date, evidence_submitted=evidence_submitted, meta=meta
        )

    @event("AnswerSubmitted")
    def _answered(self, submitted_date: date, evidence_submitted: bool, meta: Meta) -> None:
        self.answered_instances.append(self.instance)
        if self.status in (Status.FILED, Status.RESPONDING):
            self.status = Status.ANSWERED.value
        self._remember(meta)

    def schedule_hearing(
        self, *, hearing_date: date, location: str, meta: Meta, replaces: date | None = None
    ) -> None:
        rules.require_open(self)
        rules.check_hearing(self, hearing_date, replaces)
        self._hearing_scheduled(
            hearing_date=hearing_date, location=location, meta=meta, replaces=replaces
        )

    @event("HearingScheduled")
    def _hearing_scheduled(
        self, hearing_date: date, location: str, meta: Meta, replaces: date | None = None
    ) -> None:
        # A postponed hearing (延期开庭) is no longer one the agency must appear at.
        if replaces in self.hearings:
            self.hearings.remove(replaces)
        self.hearings.append(hearing_date)
        self.status = Status.HEARING_SCHEDULED.value
        self._remember(meta)

    def record_appearance(
        self,
        *,
        hearing_date: date,
        appearances: list[dict[str, Any]],
        meta: Meta,
        refused_to_attend: bool = False,
        left_without_permission: bool = False,
    ) -> None:
        """Court conduct [003 二(二)2]: the agency, summoned, refused to attend (nobody
        appeared), or those who appeared left without the court's permission."""
        rules.require_open(self)
        rules.check_appearance(
            self, hearing_date, appearances, refused_to_attend, left_without_permission
        )
        self._appeared(
            hearing_date=hearing_date,
            appearances=appearances,
            refused_to_attend=refused_to_attend,
            left_without_permission=left_without_permission,
            meta=meta,
        )

    @event("AppearanceRecorded")
    def _appeared(
        self,
        hearing_date: date,
        appearances: list[dict[str, Any]],
        meta: Meta,
        refused_to_attend: bool = False,  # absent in events stored before conduct was kept
        left_without_permission: bool = False,
    ) -> None:
        self.appeared.append(hearing_date)
        self.status = Status.HEARD.value
        self._remember(meta)

    def submit_feedback(self, *, subject: str, feedback_date: date, note: str, meta: Meta) -> None:
        rules.check_feedback(self, subject)
        self._feedback(subject=subject, feedback_date=feedback_date, note=note, meta=meta)

    @event("FeedbackSubmitted")
    def _feedback(self, subject: str, feedback_date: date, note: str, meta: Meta) -> None:
        self._remember(meta)

    # -- risk, mediation, withdrawal -------------------------------------------------------

    def flag_risk(self, *, level: str, description: str, found_date: date, meta: Meta) -> None:
        rules.require_open(self)
        self._risk_flagged(level=level, description=description, found_date=found_date, meta=meta)

    @event("RiskFlagged")
    def _risk_flagged(self, level: str, description: str, found_date: date, meta: Meta) -> None:
        self._remember(meta)

    def attempt_mediation(
        self,
        *,
        attempted_date: date,
        note: str,
        meta: Meta,
        mediator_id: str | None = None,
        mediator: dict[str, Any] | None = None,
    ) -> None:
        """``mediator``: the roster's facts of the mediator ``mediator_id`` names (None when
        the roster has no such mediator), looked up by the command layer."""
        rules.require_undecided(self)
        mediation.check_mediator(attempted_date, mediator_id, mediator)
        self._mediation_attempted(
            attempted_date=attempted_date,
            note=note,
            number=len(self.mediation_attempts) + 1,
            mediator_id=mediator_id,
            mediator=mediator,
            meta=meta,
        )

    @event("MediationAttempted")
    def _mediation_attempted(
        self,
        attempted_date: date,
        note: str,
        meta: Meta,
        number: int | None = None,  # None: stored before attempts were numbered
        mediator_id: str | None = None,  # None: no mediator named, or stored before the roster
        mediator: dict[str, Any] | None = None,
    ) -> None:
        self.mediation_attempts.append(
            mediation.new_attempt(self, number, attempted_date, mediator)
        )
        self._remember(meta)

    def record_mediation_failure(
        self, *, attempt: int, failed_date: date, note: str, meta: Meta
    ) -> None:
        """调解不成: the attempt ``attempt`` ended without agreement."""
        rules.require_open(self)
        mediation.open_attempt(self, attempt, failed_date)
        self._mediation_failed(attempt=attempt, failed_date=failed_date, note=note, meta=meta)

    @event("MediationFailed")
    def _mediation_failed(self, attempt: int, failed_date: date, note: str, meta: Meta) -> None:
        found = next(a for a in self.mediation_attempts if a["number"] == attempt)
        found["outcome"] = "failed"
        self._remember(meta)

    def conclude_without_judgment(
        self,
        *,
        conclusion: str,
        concluded_date: date,
        meta: Meta,
        documents: list[dict[str, Any]] | None = None,
        mediation_attempt: int | None = None,
    ) -> None:
        """``mediation_attempt``: the attempt whose agreement concluded the case, which
        counts as settled (调解成功)."""
        rules.require_undecided(self)
        if mediation_attempt is not None:
            mediation.open_attempt(self, mediation_attempt, concluded_date)
        self._concluded(
            conclusion=conclusion,
            concluded_date=concluded_date,
            documents=documents or [],
            mediation_attempt=mediation_attempt,
            meta=meta,
        )

    @event("CaseConcluded")
    def _concluded(
        self,
        conclusion: str,
        concluded_date: date,
        meta: Meta,
        documents: list[dict[str, Any]] | None = None,  # None: stored before documents were kept
        mediation_attempt: int | None = None,  # None: not by mediation, or stored before
    ) -> None:
        self.status = (
            Status.WITHDRAWN.value if conclusion == Conclusion.WITHDRAWN else Status.MEDIATED.value
        )
        for attempt in self.mediation_attempts:
            if attempt["number"] == mediation_attempt:
                attempt["outcome"] = "settled"
        self._remember(meta)

    # -- judgment, appeal, effect, performance ---------------------------------------------

    def serve_judgment(
        self,
        *,
        judgment: dict[str, Any],
        served_date: date,
        meta: Meta,
        documents: list[dict[str, Any]] | None = None,
        party_service: list[dict[str, Any]] | None = None,
    ) -> None:
        """``served_date``: service on the agency; ``party_service``: ``[{party, served_date}]``
        for the other parties, each of whose appeal period runs from its own service."""
        rules.require_undecided(self)
        rules.check_judgment(self, judgment)
        self._judgment_served(
            judgment=judgment,
            served_date=served_date,
            documents=documents or [],
            party_service=party_service or [],
            meta=meta,
        )

    @event("JudgmentServed")
    def _judgment_served(
        self,
        judgment: dict[str, Any],
        served_date: date,
        meta: Meta,
        documents: list[dict[str, Any]] | None = None,  # None: stored before documents were kept
        party_service: list[dict[str, Any]] | None = None,  # None: stored before it was kept
    ) -> None:
        self.judgments.append({**judgment, "served_date": served_date})
        self.instance = judgment["instance"]
        self.lost = judgment["outcome"] == Outcome.LOST
        self.performance_due = bool(judgment.get("performance_duty"))
        self.status = Status.JUDGED.value
        self._remember(meta)

    def decide_reconsideration(
        self,
        *,
        outcome: str,
        served_date: date,
        decision_number: str,
        counts_as_loss: bool,
        loss_source: str,
        meta: Meta,
        documents: list[dict[str, Any]] | None = None,
    ) -> None:
        """行政复议决定, effective once served. ``counts_as_loss`` and ``loss_source``: whether
        the case's pack counts this outcome as a loss, and the clause saying so [001 三];
        passed in by the command layer, kept with the decision because accountability
        proceeds on the measures in force when it was served."""
        rules.require_undecided(self)
        self._reconsideration_decided(
            outcome=outcome,
            served_date=served_date,
            decision_number=decision_number,
            counts_as_loss=counts_as_loss,
            loss_source=loss_source,
            documents=documents or [],
            meta=meta,
        )

    @event("ReconsiderationDecided")
    def _reconsideration_decided(
        self,
        outcome: str,
        served_date: date,
        decision_number: str,
        counts_as_loss: bool,
        loss_source: str,
        documents: list[dict[str, Any]],
        meta: Meta,
    ) -> None:
        self.reconsideration_outcome = outcome
        self.effective = True
        self.lost = counts_as_loss
        self.status = Status.EFFECTIVE.value
        self._remember(meta)

    def file_appeal(self, *, appellant: str, filed_date: date, meta: Meta) -> None:
        rules.check_appeal(self)
        self._appeal_filed(appellant=appellant, filed_date=filed_date, meta=meta)

    @event("AppealFiled")
    def _appeal_filed(self, appellant: str, filed_date: date, meta: Meta) -> None:
        self.instance = Instance.SECOND.value
        self.status = Status.APPEALED.value
        self._remember(meta)

    def make_effective(self, *, effective_date: date, meta: Meta) -> None:
        rules.check_effective(self)
        self._effective(effective_date=effective_date, meta=meta)

    @event("JudgmentEffective")
    def _effective(self, effective_date: date, meta: Meta) -> None:
        self.effective = True
        self.status = Status.EFFECTIVE.value
        self._remember(meta)

    def complete_performance(self, *, completed_date: date, note: str, meta: Meta) -> None:
        rules.check_performance(self)
        self._performed(completed_date=completed_date, note=note, meta=meta)

    @event("PerformanceCompleted")
    def _performed(self, completed_date: date, note: str, meta: Meta) -> None:
        self.performed = True
        self._remember(meta)

    # -- remediation, loss report, review, closing -----------------------------------------

    def require_remediation(self, *, deadline: str, reason: str, meta: Meta) -> None:
        rules.require_open(self)
        rules.check_remediation_required(self, deadline)
        self._remediation_required(deadline=deadline, reason=reason, meta=meta)

    @event("RemediationRequired")
    def _remediation_required(self, deadline: str, reason: str, meta: Meta) -> None:
        self.remediation_open.append(deadline)
        self._remember(meta)

    def record_remediation(self, *, deadline: str, measures: str, meta: Meta) -> None:
        rules.check_remediation_recorded(self, deadline)
        self._remediation_recorded(deadline=deadline, measures=measures, meta=meta)

    @event("RemediationRecorded")
    def _remediation_recorded(self, deadline: str, measures: str, meta: Meta) -> None:
        self.remediation_open.remove(deadline)
        self._remember(meta)

    def draft_loss_report(
        self,
        *,
        drafted_date: date,
        sections: dict[str, str],
        major_case: bool,
        meta: Meta,
        requirements: loss_report.Requirements = None,
    ) -> None:
        """起草 or revise the report; ``major_case``: the agency deems the case major (重大
        案件), which the pack may make call for collective discussion [004 5-④]."""
        loss_report.check_draft(self, requirements, sections)
        self._loss_report_drafted(
            drafted_date=drafted_date, sections=sections, major_case=major_case, meta=meta
        )

    @event("LossReportDrafted")
    def _loss_report_drafted(
        self, drafted_date: date, sections: dict[str, str], major_case: bool, meta: Meta
    ) -> None:
        version = self.loss_report["version"] + 1
        self.loss_report = {
            "version": version,
            "state": "draft",
            "major": major_case,
            "approved": [],
        }
        self._remember(meta)

    def record_loss_report_step(
        self,
        *,
        step: str,
        result: str,
        step_date: date,
        opinion: str,
        meta: Meta,
        requirements: loss_report.Requirements = None,
    ) -> None:
        """审核 / 集体讨论 / 审批 of the current version; ``returned`` sends it back."""
        loss_report.check_step(self, requirements, step, result, opinion)
        self._loss_report_step(
            step=step, result=result, step_date=step_date, opinion=opinion, meta=meta
        )

    @event("LossReportStepRecorded")
    def _loss_report_step(
        self, step: str, result: str, step_date: date, opinion: str, meta: Meta
    ) -> None:
        if result == "returned":
            self.loss_report = {**self.loss_report, "state": "returned"}
        else:
            approved = [*self.loss_report["approved"], step]
            self.loss_report = {**self.loss_report, "approved": approved}
        self._remember(meta)

    def submit_loss_report(
        self,
        *,
        submitted_date: date,
        summary: str,
        meta: Meta,
        sections: dict[str, str] | None = None,
        requirements: loss_report.Requirements = None,
    ) -> None:
        """报送: the current draft once through its steps, or a report given whole."""
        rules.check_loss_report(self)
        loss_report.check_submission(self, requirements, sections)
        self._loss_report(
            submitted_date=submitted_date, summary=summary, sections=sections, meta=meta
        )

    @event("LossReportSubmitted")
    def _loss_report(
        self,
        submitted_date: date,
        summary: str,
        meta: Meta,
        sections: dict[str, str] | None = None,  # None: the draft's, or stored before sections
    ) -> None:
        self.report_state = "submitted"
        version = self.loss_report["version"]
        if self.loss_report["state"] != "draft":
            version += 1
        self.loss_report = {**self.loss_report, "version": version, "state": "submitted"}
        self._remember(meta)

    def review_report(
        self,
        *,
        result: str,
        opinion: str,
        reviewed_date: date,
        meta: Meta,
        policy: AccountabilityPolicy | None = None,  # None: the pack has no accountability
        reviewing_jurisdiction: str | None = None,
        reviewing_level: str | None = None,
    ) -> None:
        """``reviewing_*``: the legal office that reviews the losing agency, and its level
        (only a county office files its opinion with the city [000 二(五)2])."""
        rules.check_review(self)
        joint.check_review_waits(self, policy)
        self._reviewed(
            result=result,
            opinion=opinion,
            reviewed_date=reviewed_date,
            reviewing_jurisdiction=reviewing_jurisdiction,
            reviewing_level=reviewing_level,
            meta=meta,
        )

    @event("ReportReviewed")
    def _reviewed(
        self,
        result: str,
        opinion: str,
        reviewed_date: date,
        meta: Meta,
        reviewing_jurisdiction: str | None = None,  # None: stored before it was kept
        reviewing_level: str | None = None,
    ) -> None:
        self.report_state = result
        self.accountability["reviews"] += 1
        self.accountability["review_level"] = reviewing_level
        self._remember(meta)

    def close(self, *, closed_date: date, meta: Meta) -> None:
        rules.check_close(self)
        self._closed(closed_date=closed_date, meta=meta)

    @event("CaseClosed")
    def _closed(self, closed_date: date, meta: Meta) -> None:
        self.status = Status.CLOSED.value
        self._remember(meta)

    # -- typical cases (典型案例 [000 五(一); 003 二(五)1]; rules in ``casebook``) ----------

    def publish_typical_case(
        self, *, title: str, summary: str, lessons: str, published_date: date, meta: Meta
    ) -> None:
        casebook.check_publish(self)
        self._typical_case_published(
            title=title, summary=summary, lessons=lessons, published_date=published_date, meta=meta
        )

    @event("TypicalCasePublished")
    def _typical_case_published(
        self, title: str, summary: str, lessons: str, published_date: date, meta: Meta
    ) -> None:
        self.typical_case = True
        self._remember(meta)

    def withdraw_typical_case(self, *, withdrawn_date: date, reason: str, meta: Meta) -> None:
        casebook.check_withdraw(self)
        self._typical_case_withdrawn(withdrawn_date=withdrawn_date, reason=reason, meta=meta)

    @event("TypicalCaseWithdrawn")
    def _typical_case_withdrawn(self, withdrawn_date: date, reason: str, meta: Meta) -> None:
        self.typical_case = False
        self._remember(meta)

    # -- corrections (DOMAIN.md §3; the rules are in ``corrections``) ---------------------

    def correct_fact(
        self,
        *,
        event_version: int,
        corrections: dict[str, Any],
        reason: str,
        meta: Meta,
        policy: AccountabilityPolicy | None = None,
    ) -> None:
        """Give new values to fields of the fact at ``event_version``, with the reason."""
        original = self._fact(event_version, meta)
        values = correctable.typed_corrections(type(original).__name__, corrections)
        correction_rules.check_changes(self, event_version, values)
        history.replay_checked(self, history.Change(event_version, values), self.today, policy)
        self._fact_corrected(
            event_version=event_version,
            event_type=type(original).__name__,
            corrections=values,
            reason=reason,
            meta=meta,
        )

    @event("FactCorrected")
    def _fact_corrected(
        self,
        event_version: int,
        event_type: str,
        corrections: dict[str, Any],
        reason: str,
        meta: Meta,
    ) -> None:
        history.refold(self, history.Change(event_version, corrections))
        self._remember(meta)

    def retract_fact(
        self,
        *,
        event_version: int,
        reason: str,
        meta: Meta,
        policy: AccountabilityPolicy | None = None,
    ) -> None:
        """Withdraw the fact at ``event_version``, recorded on the wrong case."""
        original = self._fact(event_version, meta)
        correction_rules.check_retractable(original)
        history.replay_checked(self, history.Change(event_version, None), self.today, policy)
        self._fact_retracted(
            event_version=event_version,
            event_type=type(original).__name__,
            reason=reason,
            meta=meta,
        )

    @event("FactRetracted")
    def _fact_retracted(self, event_version: int, event_type: str, reason: str, meta: Meta) -> None:
        history.refold(self, history.Change(event_version, None))
        self._remember(meta)

    def _fact(self, version: int, meta: Meta) -> Any:
        """The recorded fact at ``version``, once the caller may change it."""
        original = correction_rules.fact_at(self, version)
        recorded = {"meta": original.meta, "on": correction_rules.day_of(original.timestamp)}
        correction_rules.check_corrector(self.status, recorded, meta, self.today)
        return original

    # -- accountability after an effective loss (败诉过错责任追究, DOMAIN.md §6) ------------
    # Checks live in accountability_rules; ``policy`` is the case's pack section, passed in by
    # the command layer and never stored.

    def complete_investigation(
        self,
        *,
        completed_date: date,
        findings: str,
        act_date: date | None,
        direct_loss_yuan: int,
        dereliction: bool,
        meta: Meta,
        policy: AccountabilityPolicy | None,
    ) -> None:
        acc.check_investigation(self, policy, direct_loss_yuan)
        self._investigated(
            completed_date=completed_date,
            findings=findings,
            act_date=act_date,
            direct_loss_yuan=direct_loss_yuan,
            dereliction=dereliction,
            meta=meta,
        )

    @event("InvestigationCompleted")
    def _investigated(
        self,
        completed_date: date,
        findings: str,
        act_date: date | None,
        direct_loss_yuan: int,
        dereliction: bool,
        meta: Meta,
    ) -> None:
        self.accountability.update(
            investigated=True,
            act_date=act_date,
            direct_loss_yuan=direct_loss_yuan,
            dereliction=dereliction,
        )
        self._remember(meta)

    def issue_review_opinion(
        self, *, issued_date: date, opinion: str, meta: Meta, policy: AccountabilityPolicy | None
    ) -> None:
        acc.check_review_opinion(self, policy)
        self._opinion_issued(issued_date=issued_date, opinion=opinion, meta=meta)

    @event("ReviewOpinionIssued")
    def _opinion_issued(self, issued_date: date, opinion: str, meta: Meta) -> None:
        self.accountability["opinions"] = self.accountability["reviews"]
        self._remember(meta)

    def designate_joint_review(
        self,
        *,
        grounds: list[str],
        units: list[dict[str, str]],
        reason: str,
        designated_date: date,
        meta: Meta,
        policy: AccountabilityPolicy | None,
    ) -> None:
        """``units``: ``[{unit_id, name, kind}]``, kinds from the pack [000 二(五)2]."""
        joint.check_designation(self, policy, grounds, units)
        self._joint_review_designated(
            grounds=grounds,
            units=units,
            reason=reason,
            designated_date=designated_date,
            meta=meta,
        )

    @event("JointReviewDesignated")
    def _joint_review_designated(
        self,
        grounds: list[str],
        units: list[dict[str, str]],
        reason: str,
        designated_date: date,
        meta: Meta,
    ) -> None:
        self.accountability["joint_review"] = {
            "units": {u["unit_id"]: u["kind"] for u in units},
            "positions": {},
        }
        self._remember(meta)

    def record_joint_review_position(
        self,
        *,
        unit_id: str,
        position: str,
        opinion: str,
        recorded_date: date,
        meta: Meta,
        policy: AccountabilityPolicy | None,
    ) -> None:
        """Recorded by the legal office on the unit's behalf, for the review now pending."""
        joint.check_position(self, policy, unit_id, position)
        self._joint_review_position(
            unit_id=unit_id,
            position=position,
            opinion=opinion,
            review_round=joint.review_round(self),
            recorded_date=recorded_date,
            meta=meta,
        )

    @event("JointReviewPositionRecorded")
    def _joint_review_position(
        self,
        unit_id: str,
        position: str,
        opinion: str,
        review_round: int,
        recorded_date: date,
        meta: Meta,
    ) -> None:
        self.accountability["joint_review"]["positions"][unit_id] = review_round
        self._remember(meta)

    def complete_city_filing(
        self, *, filed_date: date, meta: Meta, policy: AccountabilityPolicy | None
    ) -> None:
        acc.check_city_filing(self, policy)
        self._city_filed(filed_date=filed_date, meta=meta)

    @event("CityFilingCompleted")
    def _city_filed(self, filed_date: date, meta: Meta) -> None:
        self.accountability["filings"] = self.accountability["reviews"]
        self._remember(meta)

    def schedule_joint_meeting(
        self, *, meeting_date: date, agenda: str, meta: Meta, policy: AccountabilityPolicy | None
    ) -> None:
        acc.check_meeting(self, policy, meeting_date)
        self._meeting_scheduled(meeting_date=meeting_date, agenda=agenda, meta=meta)

    @event("JointMeetingScheduled")
    def _meeting_scheduled(self, meeting_date: date, agenda: str, meta: Meta) -> None:
        self.accountability["meetings"].append(meeting_date)
        self._remember(meta)

    def send_meeting_papers(
        self, *, sent_date: date, meta: Meta, policy: AccountabilityPolicy | None
    ) -> None:
        acc.check_papers(self, policy)
        self._papers_sent(sent_date=sent_date, meta=meta)

    @event("MeetingPapersSent")
    def _papers_sent(self, sent_date: date, meta: Meta) -> None:
        self.accountability["papers_sent"].append(sent_date)
        self._remember(meta)

    def record_meeting_opinion(
        self,
        *,
        meeting_date: date,
        established: bool,
        party_ids: list[str],
        reasons: str,
        recorded_date: date,
        meta: Meta,
        policy: AccountabilityPolicy | None,
    ) -> None:
        """认定意见 of the joint meeting of ``meeting_date`` on this case [001 八、十]."""
        meeting.check_opinion(self, policy, meeting_date, established, party_ids, recorded_date)
        self._opinion_recorded(
            meeting_date=meeting_date,
            established=established,
            party_ids=party_ids,
            reasons=reasons,
            recorded_date=recorded_date,
            meta=meta,
        )

    @event("MeetingOpinionRecorded")
    def _opinion_recorded(
        self,
        meeting_date: date,
        established: bool,
        party_ids: list[str],
        reasons: str,
        recorded_date: date,
        meta: Meta,
    ) -> None:
        self.accountability["opinion"] = {
            "meeting_date": meeting_date,
            "established": established,
            "party_ids": list(party_ids),
            "recorded_date": recorded_date,
            "signatures": {},
            "archived": False,
        }
        self._remember(meta)

    def countersign_meeting_opinion(
        self, *, member: str, signed_date: date, meta: Meta, policy: AccountabilityPolicy | None
    ) -> None:
        """会签: a member unit agrees to the opinion; the meeting office records it."""
        meeting.check_countersignature(self, policy, member, signed_date)
        opinion = self.accountability["opinion"]
        self._opinion_countersigned(
            meeting_date=opinion["meeting_date"], member=member, signed_date=signed_date, meta=meta
        )

    @event("MeetingOpinionCountersigned")
    def _opinion_countersigned(
        self, meeting_date: date, member: str, signed_date: date, meta: Meta
    ) -> None:
        self.accountability["opinion"]["signatures"][member] = signed_date
        self._remember(meta)

    def archive_meeting_opinion(
        self, *, archived_date: date, meta: Meta, policy: AccountabilityPolicy | None
    ) -> None:
        """归档保管 once every member countersigned [001 十]."""
        meeting.check_archive(self, policy, archived_date)
        opinion = self.accountability["opinion"]
        self._opinion_archived(
            meeting_date=opinion["meeting_date"], archived_date=archived_date, meta=meta
        )

    @event("MeetingOpinionArchived")
    def _opinion_archived(self, meeting_date: date, archived_date: date, meta: Meta) -> None:
        self.accountability["opinion"]["archived"] = True
        self._remember(meta)

    def name_responsible_party(
        self,
        *,
        party: dict[str, Any],
        named_date: date,
        meta: Meta,
        policy: AccountabilityPolicy | None,
    ) -> None:
        acc.check_party(self, policy, party)
        deciders.check_city_managed_flag(party)
        self._party_named(party=party, named_date=named_date, meta=meta)

    @event("ResponsiblePartyNamed")
    def _party_named(self, party: dict[str, Any], named_date: date, meta: Meta) -> None:
        self.accountability["parties"][party["party_id"]] = party["kind"]
        self.accountability["faults"][party["party_id"]] = {
            "agency": party["agency"],
            "fault_date": party["fault_date"],
        }
        if party.get("city_managed"):  # absent from parties named before it was kept
            self.accountability["city_managed"].append(party["party_id"])
        self._remember(meta)

    def decide_accountability(
        self,
        *,
        party_id: str,
        decision: str,
        ground: str,
        sanctions: list[str],
        mitigation: list[str],
        aggravation: list[str],
        deciding_organ: str,
        reason: str,
        decided_date: date,
        meta: Meta,
        policy: AccountabilityPolicy | None,
        risk_registration_id: str | None = None,
        risk_registration: dict[str, Any] | None = None,
        deciding_agency: str | None = None,
        decider: dict[str, Any] | None = None,
    ) -> None:
        """``risk_registration``: the stored facts of the registration the body names (None
        when it names none or none exists); ``decider``: the registry's facts of
        ``deciding_agency`` and of the party's unit; both looked up by the command layer and
        kept in the event, so a replay checks what was known then."""
        found = acc.check_decision(
            self, policy, party_id, decision, ground, sanctions, [*mitigation, *aggravation]
        )
        deciders.check_decider(self, found, party_id, deciding_agency, decider)
        registration.check_cited(
            self, found, party_id, ground, risk_registration_id, risk_registration
        )
        opinion_meeting_date = meeting.check_decision_rests_on_opinion(
            self, found, party_id, decision
        )
        self._decided(
            party_id=party_id,
            decision=decision,
            ground=ground,
            ground_source=found.sources.get(ground, ""),
            sanctions=sanctions,
            mitigation=mitigation,
            aggravation=aggravation,
            deciding_organ=deciding_organ,
            reason=reason,
            decided_date=decided_date,
            risk_registration_id=risk_registration_id,
            risk_registration=risk_registration,
            opinion_meeting_date=opinion_meeting_date,
            deciding_agency=deciding_agency,
            decider=decider,
            meta=meta,
        )

    @event("AccountabilityDecided")
    def _decided(
        self,
        party_id: str,
        decision: str,
        ground: str,
        ground_source: str,
        sanctions: list[str],
        mitigation: list[str],
        aggravation: list[str],
        deciding_organ: str,
        reason: str,
        decided_date: date,
        meta: Meta,
        risk_registration_id: str | None = None,  # None: stored before registrations were kept
        risk_registration: dict[str, Any] | None = None,
        opinion_meeting_date: date | None = None,  # the joint meeting's opinion it rests on
        deciding_agency: str | None = None,  # None: no registry code named, or stored before
        decider: dict[str, Any] | None = None,
    ) -> None:
        self.accountability["decisions"][party_id] = {
            "decision": decision,
            "sanctioned": decision == "sanction",
            "appeal": None,
        }
        self._remember(meta)

    def hand_over_city_managed_cadre(
        self,
        *,
        party_id: str,
        organ: str,
        reason: str,
        handed_date: date,
        meta: Meta,
        policy: AccountabilityPolicy | None,
    ) -> None:
        """市管干部: the county hands the party to a city organ of the pack [002 第六条]."""
        found = deciders.check_handover(self, policy, party_id, organ)
        self._handed_over(
            party_id=party_id,
            organ=organ,
            organ_name=found.city_managed_organs[organ],
            source=found.city_managed_source or "",
            reason=reason,
            handed_date=handed_date,
            meta=meta,
        )

    @event("CityManagedCadreHandedOver")
    def _handed_over(
        self,
        party_id: str,
        organ: str,
        organ_name: str,
        source: str,
        reason: str,
        handed_date: date,
        meta: Meta,
    ) -> None:
        self.accountability["handed_over"][party_id] = organ
        self._remember(meta)

    def report_decision_to_committee(
        self, *, reported_date: date, meta: Meta, policy: AccountabilityPolicy | None
    ) -> None:
        acc.check_committee_report(self, policy)
        self._committee_reported(reported_date=reported_date, meta=meta)

    @event("DecisionReportedToCommittee")
    def _committee_reported(self, reported_date: date, meta: Meta) -> None:
        self.accountability["committee_reports"] += 1
        self._remember(meta)

    def appeal_sanction(self, *, party_id: str, kind: str, appealed_date: date, meta: Meta) -> None:
        acc.check_appeal(self, party_id, kind)
        self._sanction_appealed(
            party_id=party_id, kind=kind, appealed_date=appealed_date, meta=meta
        )

    @event("SanctionAppealed")
    def _sanction_appealed(self, party_id: str, kind: str, appealed_date: date, meta: Meta) -> None:
        """The sanction stays in force while the appeal runs [001 二十一] [002 第十七条]."""
        self.accountability["decisions"][party_id]["appeal"] = "pending"
        self._remember(meta)

    def decide_sanction_appeal(
        self,
        *,
        party_id: str,
        outcome: str,
        sanctions: list[str],
        decided_date: date,
        meta: Meta,
        policy: AccountabilityPolicy | None,
    ) -> None:
        acc.check_appeal_decision(self, policy, party_id, outcome, sanctions)
        self._appeal_decided(
            party_id=party_id,
            outcome=outcome,
            sanctions=sanctions,
            decided_date=decided_date,
            meta=meta,
        )

    @event("SanctionAppealDecided")
    def _appeal_decided(
        self, party_id: str, outcome: str, sanctions: list[str], decided_date: date, meta: Meta
    ) -> None:
        decision = self.accountability["decisions"][party_id]
        decision["appeal"] = outcome
        decision["sanctioned"] = outcome != "revoked"
        self._remember(meta)

    def issue_corrective_opinion(
        self,
        *,
        party_id: str,
        issued_by: str,
        meeting_date: date,
        issued_date: date,
        improper: str,
        required_action: str,
        meta: Meta,
        policy: AccountabilityPolicy | None,
    ) -> None:
        """纠正意见 of the joint meeting on the party's decision [000 五(二)]."""
        source = correction.check_corrective_opinion(
            self, policy, party_id, meeting_date, issued_date
        )
        self._corrective_opinion(
            party_id=party_id,
            issued_by=issued_by,
            meeting_date=meeting_date,
            issued_date=issued_date,
            improper=improper,
            required_action=required_action,
            source=source,
            meta=meta,
        )

    @event("CorrectiveOpinionIssued")
    def _corrective_opinion(
        self,
        party_id: str,
        issued_by: str,
        meeting_date: date,
        issued_date: date,
        improper: str,
        required_action: str,
        source: str,
        meta: Meta,
    ) -> None:
        """Reopens the decision: the unit's next decision for the party supersedes it."""
        self.accountability["decisions"][party_id]["correction"] = "pending"
        self._remember(meta)

    def recover_compensation(
        self,
        *,
        party_id: str,
        amount_yuan: int,
        recovered_date: date,
        meta: Meta,
        policy: AccountabilityPolicy | None,
    ) -> None:
        acc.check_recovery(self, policy, party_id, amount_yuan)
        self._recovered(
            party_id=party_id, amount_yuan=amount_yuan, recovered_date=recovered_date, meta=meta
        )

    @event("CompensationRecovered")
    def _recovered(self, party_id: str, amount_yuan: int, recovered_date: date, meta: Meta) -> None:
        self._remember(meta)

    def transfer_to_discipline_organ(
        self,
        *,
        transferred_date: date,
        organ: str | None,
        reason: str,
        meta: Meta,
        policy: AccountabilityPolicy | None,
        ground: str | None = None,
    ) -> None:
        """``organ`` defaults to the pack's; ``ground`` is a sanction ground of the pack."""
        to, source = acc.check_transfer(self, policy, organ, ground)
        self._transferred(
            transferred_date=transferred_date,
            organ=to,
            reason=reason,
            ground=ground,
            ground_source=source,
            meta=meta,
        )

    @event("TransferredToDisciplineOrgan")
    def _transferred(
        self,
        transferred_date: date,
        organ: str,
        reason: str,
        meta: Meta,
        ground: str | None = None,  # None: stored before transfers cited grounds
        ground_source: str | None = None,
    ) -> None:
        self.accountability["transferred"] = True
        self._remember(meta)


register_former_module("case_api.domain.case", __name__)
