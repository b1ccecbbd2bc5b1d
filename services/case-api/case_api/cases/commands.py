"""The write side: load a case, check access and preconditions, run one command, save.

Saves go through the group committer. A version conflict (another writer got there first)
reloads the case and runs the command again, unless the client pinned a version with
If-Match. A request id seen before on the case (a resend after a crash) runs nothing again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from case_api.accountability.domain import AccountabilityPolicy
from case_api.accountability.policy import PackPolicies, takes_policy
from case_api.cases import facts, proceedings
from case_api.cases.aggregate import Case, case_id_of, request_key
from case_api.cases.pack_loss_report import LOSS_REPORT_COMMANDS, LossReportRequirementsOf
from case_api.cases.pack_losses import ReconsiderationLosses, as_decided
from case_api.cases.response_plan_rules import LeadPolicy, shipped_lead_policy
from case_api.cases.values import ProceedingKind
from case_api.documents.errors import unknown_reference
from case_api.mediation.service import check_serves, cited_mediator
from case_api.platform.access import Principal, Role, can_see_case, may
from case_api.platform.commands import Request, Written
from case_api.platform.domain_errors import NotFound
from case_api.platform.errors import (
    CaseNumberTaken,
    Forbidden,
    IdempotencyKeyReused,
    NotTheConveningBureau,
    NotTheReviewingBureau,
    PreconditionFailed,
)
from case_api.platform.eventstore import CaseStore
from case_api.platform.groupcommit import GroupCommitter, VersionConflict
from case_api.registry.service import RegistryService
from case_api.risks.service import RiskRegistrations
from shared.clock import Clock, SystemClock
from shared.rulepacks.loss_report_models import LossReportRequirements

MAX_ATTEMPTS = 8
DescribeDocuments = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
"""``[{sha256, title}]`` → the stored blobs' facts; raises ``document-not-found`` (422)."""


REVIEWS = frozenset(
    {
        "review_report",
        "issue_review_opinion",
        "designate_joint_review",
        "record_joint_review_position",
    }
)
"""Commands only the bureau at the losing agency's review level may run."""

CONVENED = frozenset({"issue_corrective_opinion"})
"""Commands of the joint meeting, which the legal office at the top of the case's
jurisdiction (the city's) convenes [000 五(二)]."""


def case_not_found(case_id: object) -> NotFound:
    return NotFound("case-not-found", f"Case {case_id} not found.", f"案件 {case_id} 不存在。")


class CaseCommands:
    def __init__(
        self,
        store: CaseStore,
        committer: GroupCommitter,
        registry: RegistryService,
        policies: Callable[[str], AccountabilityPolicy | None] | None = None,
        describe_documents: DescribeDocuments | None = None,
        clock: Clock | None = None,
        reconsideration_losses: Callable[[str], dict[str, str]] | None = None,
        lead_policies: Callable[[str], LeadPolicy | None] | None = None,
        loss_report_requirements: Callable[[str], LossReportRequirements | None] | None = None,
    ):
        self.store = store
        self.committer = committer
        self.registry = registry
        self.policies = policies or PackPolicies()
        self.describe_documents = describe_documents or _no_blob_store
        self.clock = clock or SystemClock()
        self.reconsideration_losses = reconsideration_losses or ReconsiderationLosses()
        self.lead_policies = lead_policies or shipped_lead_policy
        self.loss_report_requirements = loss_report_requirements or LossReportRequirementsOf()

    def file_case(self, request: Request, **filing: Any) -> Written:
        principal = request.principal
        if not may(principal, "file_case"):
            raise Forbidden("Your role may not file cases.", "您的角色无权登记案件。")
        proceedings.check_number(
            filing["case_number"], filing.get("proceeding_kind", ProceedingKind.ADMINISTRATIVE_SUIT)
        )
        case_id = case_id_of(filing["court"], filing["case_number"])
        existing = self._replay_or_refuse(request, case_id, filing)
        if existing is not None:
            return existing
        facts.not_in_future("CaseFiled", filing, self.clock.today())
        placement = self.registry.place_case(filing["agencies"])
        if not can_see_case(principal, placement.agency_codes, placement.path, filing["court"]):
            raise Forbidden(
                "You may only file cases of your own agency, court or jurisdiction.",
                "只能登记本单位、本法院或本辖区的案件。",
            )
        case = Case(
            id=case_id,
            jurisdiction=placement.jurisdiction,
            pack=placement.pack,
            meta=request.meta,
            **filing,
        )
        try:
            position = self.committer.save(case)
        except VersionConflict:
            existing = self._replay_or_refuse(request, case_id, filing)
            return existing if existing is not None else self._conflict(case_id)
        return Written(
            str(case_id), case.version, position, case.status, chain_head=case.chain_head
        )

    def execute(
        self, request: Request, case_id: UUID, command: str, access: str | None = None, **args: Any
    ) -> Written:
        """Run ``Case.<command>(**args)``; ``access`` names the permission if not ``command``."""
        for _attempt in range(MAX_ATTEMPTS):
            case = self.load_visible(request.principal, case_id)
            replay = self._replay_of(case, request)
            if replay is not None:
                return replay
            if request.if_match is not None and case.version != request.if_match:
                raise _mismatch(request.if_match, case.version)
            if not may(request.principal, access or command):
                raise Forbidden(
                    f"Your role may not {command.replace('_', ' ')}.", "您的角色无权执行该操作。"
                )
            self._check_reviewer(request.principal, case, access or command)
            self._check_convener(request.principal, case, access or command)
            served = args.get("kind") if command == "serve_document" else None
            proceedings.check_command(case.proceeding_kind, command, served)
            args = self._context(case, command, args)
            case.today = self.clock.today()
            getattr(case, command)(meta=request.meta, **args)
            try:
                position = self.committer.save(case)
            except VersionConflict:
                if request.if_match is not None:
                    raise _mismatch(request.if_match, case.version - 1) from None
                continue
            return Written(
                str(case.id), case.version, position, case.status, chain_head=case.chain_head
            )
        return self._conflict(case_id)

    def _context(self, case: Case, command: str, args: dict[str, Any]) -> dict[str, Any]:
        """What a command needs besides its body: the pack's policies and loss report
        requirements, the stored documents' facts, the reviewing legal office, the registry's
        facts of a deciding agency."""
        if takes_policy(command):
            args = {**args, "policy": self.policies(case.pack)}
        if args.get("documents"):
            args = {**args, "documents": self.describe_documents(args["documents"])}
        if args.get("risk_registration_id"):
            found = RiskRegistrations(self.store, self.committer, self.registry)
            args = {**args, "risk_registration": found.cited(args["risk_registration_id"])}
        if command == "attempt_mediation" and args.get("mediator_id") is not None:
            named = str(args["mediator_id"])
            mediator = cited_mediator(self.store, named)
            check_serves(self.store, self.registry, mediator, case.jurisdiction)
            args = {**args, "mediator_id": named, "mediator": mediator}
        if command == "record_response_plan":
            args = {**args, "lead_policy": self.lead_policies(case.pack)}
        if command == "decide_accountability" and args.get("deciding_agency"):
            unit = case.accountability["faults"].get(args["party_id"], {}).get("agency")
            decider = self.registry.decider_facts(args["deciding_agency"], unit)
            args = {**args, "decider": decider}
        if command == "decide_reconsideration":
            args = as_decided(self.reconsideration_losses(case.pack), args)
        if command in LOSS_REPORT_COMMANDS:
            args = {**args, "requirements": self.loss_report_requirements(case.pack)}
        if command == "review_report":
            office = self.registry.reviewing_jurisdiction(case.implementing_agency)
            level = self.registry.jurisdiction(office).level
            args = {**args, "reviewing_jurisdiction": office, "reviewing_level": level}
        return args

    def _check_reviewer(self, principal: Principal, case: Case, command: str) -> None:
        """A bureau sees the cases below it, but reviews only its level's [000 二(五)2]."""
        if command not in REVIEWS or principal.role is not Role.BUREAU_OFFICER:
            return
        reviewer = self.registry.reviewing_jurisdiction(case.implementing_agency)
        if principal.jurisdiction != reviewer:
            raise NotTheReviewingBureau(
                f"Reports of this agency are reviewed by the legal office of {reviewer}.",
                f"该单位的报告由 {reviewer} 政府法制机构审核。",
                reviewer=reviewer,
            )

    def _check_convener(self, principal: Principal, case: Case, command: str) -> None:
        if command not in CONVENED or principal.role is not Role.BUREAU_OFFICER:
            return
        agency = self.registry.agency(case.implementing_agency)
        top = self.registry.path_of(agency.jurisdiction).strip("/").split("/")[0]
        if principal.jurisdiction != top:
            raise NotTheConveningBureau(
                f"The joint meeting is convened by the legal office of {top}.",
                f"联席会议由 {top} 政府法制机构召集。",
                convener=top,
            )

    def load_visible(self, principal: Principal, case_id: UUID) -> Case:
        try:
            case: Case = self.store.repository.get(case_id)
        except AggregateNotFoundError:
            raise case_not_found(case_id) from None
        if not isinstance(case, Case) or not can_see_case(
            principal, case.agency_ids, self.registry.path_of(case.jurisdiction), case.court
        ):
            raise case_not_found(case_id)
        return case

    def _replay_or_refuse(self, request: Request, case_id: UUID, filing: dict) -> Written | None:
        """A court's case number (案号) names one case: a resend of the filing that created it
        is answered as a replay, any other filing is refused and names the case only to those
        who may see it; None when the case does not exist yet.

        One load decides both, so a concurrent resend cannot see the case missing as a replay
        and present as a refiling."""
        try:
            case: Case = self.store.repository.get(case_id)
        except AggregateNotFoundError:
            return None
        replay = self._replay_of(case, request)
        if replay is not None:
            return replay
        principal = request.principal
        visible = can_see_case(
            principal, case.agency_ids, self.registry.path_of(case.jurisdiction), case.court
        )
        raise CaseNumberTaken(
            f"{filing['court']} has already filed case {filing['case_number']}.",
            f"{filing['case_number']} 已登记。",
            **({"case_id": str(case_id)} if visible else {}),
        )

    def _replay_of(self, case: Case, request: Request) -> Written | None:
        if request.request_id is None:
            return None
        key = request_key(request.principal.subject, request.request_id)
        if key not in case.requests:
            return None
        if case.requests[key] != request.request_hash:
            raise IdempotencyKeyReused(
                "This Idempotency-Key was used with a different request body.",
                "该幂等键已用于内容不同的请求。",
            )
        return self._answer_of(case.id, key)

    def _answer_of(self, case_id: UUID, key: str) -> Written:
        """What the write that carried ``key`` answered: the case as its event left it and
        that event's feed position, never the case's or the feed's newest (later writes may
        have followed it)."""
        state: Case | None = None
        for event in self.store.events.get(case_id):
            state = event.mutate(state)
            meta = getattr(event, "meta", None) or {}
            if meta.get("request_id") and key == request_key(
                meta["principal_id"], meta["request_id"]
            ):
                break
        assert state is not None  # the case remembered the key, so an event carries it
        return Written(
            str(case_id),
            state.version,
            self.store.position_of(case_id, state.version),
            state.status,
            replayed=True,
            chain_head=state.chain_head,
        )

    def _conflict(self, case_id: UUID) -> Written:
        from case_api.platform.domain_errors import RuleViolation

        raise RuleViolation(
            "concurrent-update",
            f"Case {case_id} is being changed by others; try again.",
            "案件正被他人修改，请重试。",
        )


def _no_blob_store(references: list[dict[str, Any]]) -> list[dict[str, Any]]:
    raise unknown_reference(references[0]["sha256"])


def _mismatch(expected: int, actual: int) -> PreconditionFailed:
    return PreconditionFailed(
        f"If-Match names version {expected}, the case is at version {actual}.",
        f"If-Match 指定的版本为 {expected}，案件当前版本为 {actual}。",
        expected=expected,
        actual=actual,
    )
