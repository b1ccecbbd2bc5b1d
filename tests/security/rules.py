"""Who may call each operation, written from the product's rules (DOMAIN.md §1 and §6, the
README's role table), not read from the implementation, so the matrix can catch a drift.

Every operation in the OpenAPI document needs an entry here: a new route without one fails
the matrix, naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from case_api.platform.access import Role

A, B, C, D, N = (
    Role.AGENCY_USER,
    Role.BUREAU_OFFICER,
    Role.COURT_SYSTEM,
    Role.DISCIPLINE_OFFICER,
    Role.NOTIFIER,
)


class Outcome(StrEnum):
    ALLOWED = "allowed"  # past authorization: any status but 401, 403, 404
    FORBIDDEN = "403"
    HIDDEN = "404"  # answered exactly like a missing object
    UNAUTHENTICATED = "401"
    SAME_AS_ANONYMOUS = "anonymous"  # a bearer token changes nothing (public or own auth scheme)


class Kind(StrEnum):
    PUBLIC = "public"  # no credentials at all
    OWN_SCHEME = "own-scheme"  # authenticated by something else than a bearer token
    SIGNED_IN = "signed-in"  # any valid token; rows filtered by visibility
    ADMIN = "admin"  # administrators only
    CASE_READ = "case-read"  # a case the principal may see; others look missing
    CASE_COMMAND = "case-command"  # a visible case, and a role allowed the command
    FILE_CASE = "file-case"  # an allowed role, for a case of its own court, agency or jurisdiction
    AGENCY_FEED = "agency-feed"  # an agency's calendar: agency-scoped roles only their own
    PERSON_READ = "person-read"  # a person's record, only through cases the principal may see
    ROLE_ONLY = "role-only"  # an allowed role; nothing scoped is named
    OWN_UNIT_WRITE = "own-unit-write"  # an allowed role, writing for its own unit only
    SCOPED_READ = "scoped-read"  # an allowed role; an object of another place looks missing
    AGENCY_SCOPED = "agency-scoped"  # an allowed role, for its own agency or one of its place


@dataclass(frozen=True)
class Rule:
    kind: Kind
    roles: frozenset[Role] = frozenset()


def command(*roles: Role) -> Rule:
    return Rule(Kind.CASE_COMMAND, frozenset(roles))


PUBLIC, OWN_SCHEME = Rule(Kind.PUBLIC), Rule(Kind.OWN_SCHEME)
SIGNED_IN, ADMIN, CASE_READ = Rule(Kind.SIGNED_IN), Rule(Kind.ADMIN), Rule(Kind.CASE_READ)

RULES: dict[str, Rule] = {
    # Operations: probes and metrics for the platform, open by design.
    "healthz_healthz_get": PUBLIC,
    "readyz_readyz_get": PUBLIC,
    "metrics_metrics_get": PUBLIC,
    # Registry: administrators register; every signed-in client reads (README).
    "register_jurisdiction_v1_jurisdictions_post": ADMIN,
    "register_agency_v1_agencies_post": ADMIN,
    "list_jurisdictions_v1_jurisdictions_get": SIGNED_IN,
    "list_agencies_v1_agencies_get": SIGNED_IN,
    # Cases (DOMAIN.md §1: the court delivers; the agency and the bureau may register too).
    "file_case_v1_cases_post": Rule(Kind.FILE_CASE, frozenset({C, A, B})),
    "list_cases_v1_cases_get": SIGNED_IN,
    "get_case_v1_cases__case_id__get": CASE_READ,
    "case_timeline_v1_cases__case_id__events_get": CASE_READ,
    # What the court delivers (§1 court delivery system).
    "serve_document": command(C),
    "schedule_hearing": command(C),
    "serve_judgment": command(C),
    "make_effective": command(C),
    "conclude_without_judgment": command(C),
    # What the defendant agency files (§1 defendant agency).
    "report_to_bureau": command(A),
    "submit_answer": command(A),
    "submit_feedback": command(A),
    "complete_performance": command(A),
    "record_remediation": command(A),
    "submit_loss_report": command(A),
    # 败诉分析报告: the agency drafts it and records its own legal office's review, the
    # leadership's discussion and the principal leader's approval [004 5-④]; the bureau and
    # the organs deciding accountability read it, the court does not.
    "draft_loss_report": command(A),
    "record_loss_report_step": command(A),
    "case_loss_report_v1_cases__case_id__loss_reports_get": Rule(
        Kind.SCOPED_READ, frozenset({A, B, D})
    ),
    # The principal head's briefing of the leader in charge [002 第七条].
    "brief_leadership": command(A),
    # The response plan and who leads it [002 第七条、第九条]: the agency records it.
    "record_response_plan": command(A),
    "response_leads_v1_response_leads__pack__get": SIGNED_IN,
    # 司法建议 / 检察建议 [001 四(四)]: the court records its own, the agency any it received;
    # only the agency replies.
    "record_suggestion": command(A, C),
    "answer_suggestion": command(A),
    "case_suggestions_v1_cases__case_id__suggestions_get": CASE_READ,
    # The principal head's report before the agency sues [002 第七条].
    "report_before_suing": command(A),
    # A reconsideration decision is served on the agency; the legal office often acts for
    # the reconsideration organ and records it too [001 三].
    "decide_reconsideration": command(A, B),
    # Shared facts: both sides record appearances and appeals; mediation involves all three.
    "record_appearance": command(A, C),
    "file_appeal": command(A, C),
    "attempt_mediation": command(A, B, C),
    "record_mediation_failure": command(A, B, C),
    "flag_risk": command(A, B),
    # The bureau's oversight; the notifier raises remediation for missed deadlines (补救).
    "require_remediation": command(B, N),
    "review_report": command(B),
    "close": command(B),
    # The bureau forwards an agency's filing to the county leader [003 二(一)3].
    "forward_to_leader": command(B),
    # Who records facts corrects them, the bureau any (which fact, and when: the case's rules).
    "correct_fact": command(A, B, C),
    "retract_fact": command(A, B, C),
    # Deadlines: per case like the case; lists filtered; the preview is a public calculator.
    "case_deadlines_v1_cases__case_id__deadlines_get": CASE_READ,
    "list_deadlines_v1_deadlines_get": SIGNED_IN,
    "deadline_preview_v1_deadlines_preview_get": PUBLIC,
    "agency_ics_v1_agencies__code__deadlines_ics_get": Rule(Kind.AGENCY_FEED),
    # Holiday calendar: administrators load a year; everyone reads; changes are filtered.
    "put_schedule_v1_calendar__year__put": ADMIN,
    "get_schedule_v1_calendar__year__get": SIGNED_IN,
    "list_changes_v1_calendar_changes_list_get": SIGNED_IN,
    # Oversight figures and the event feed, filtered by visibility.
    "statistics_v1_statistics_get": SIGNED_IN,
    # 行政行为数量 for 发案率: the agency its own, the bureau those of its jurisdiction.
    "record_administrative_acts_v1_statistics_administrative_acts__agency___period__put": Rule(
        Kind.AGENCY_SCOPED, frozenset({A, B})
    ),
    "feed_v1_events_get": SIGNED_IN,
    "stream_v1_events_stream_get": SIGNED_IN,
    # Accountability (§6): the agency investigates, names parties, records recoveries; the
    # reviewing bureau and the discipline/organisation organs decide.
    "complete_investigation": command(A, B, D),
    "issue_review_opinion": command(B),
    # The joint review of a major case: the reviewing legal office designates it and records
    # each participating unit's position on its behalf [000 二(五)2].
    "designate_joint_review": command(B),
    "record_joint_review_position": command(B),
    "complete_city_filing": command(B),
    "schedule_joint_meeting": command(B),
    "send_meeting_papers": command(B),
    # The joint-meeting office (at the legal office) records the meeting's opinion, the
    # member units' countersignatures and the archiving [001 八、十].
    "record_meeting_opinion": command(B),
    "countersign_meeting_opinion": command(B),
    "archive_meeting_opinion": command(B),
    "name_responsible_party": command(A, B, D),
    "decide_accountability": command(B, D),
    # 市管干部 go to the city organs; the deciding side records the handover [002 第六条].
    "hand_over_city_managed_cadre": command(B, D),
    "report_decision_to_committee": command(B, D),
    "appeal_sanction": command(A, D),
    "decide_sanction_appeal": command(B, D),
    # 纠正意见: only the legal office, convening the joint meeting, reopens a decision.
    "issue_corrective_opinion": command(B),
    "recover_compensation": command(A, D),
    # 无权处理的，移送有权机关 [000 二(五)3]: the losing agency, or the bureau.
    "transfer_to_discipline_organ": command(A, B),
    # 典型案例: the bureau publishes decided cases; every signed-in client reads them [000 五(一)].
    "publish_typical_case": command(B),
    "withdraw_typical_case": command(B),
    "list_typical_cases_v1_typical_cases_get": SIGNED_IN,
    "typical_case_quota_v1_typical_cases_quota_get": SIGNED_IN,
    "pack_lists_v1_accountability_packs__pack__get": SIGNED_IN,
    "case_accountability_v1_cases__case_id__accountability_get": CASE_READ,
    "person_record_v1_accountability_persons__person_id__get": Rule(Kind.PERSON_READ),
    "accountability_statistics_v1_accountability_statistics_get": SIGNED_IN,
    # Joint meetings: rows filtered by the visibility of each case considered.
    "joint_meetings_v1_accountability_meetings_get": SIGNED_IN,
    # 容错风险报备 [000 四(二)]: a unit registers its own risky decisions; the unit, its
    # bureau and the discipline organ (who decide fault tolerance) read them.
    "register_risk_v1_risk_registrations_post": Rule(Kind.OWN_UNIT_WRITE, frozenset({A})),
    "list_risk_registrations_v1_risk_registrations_get": Rule(Kind.ROLE_ONLY, frozenset({A, B, D})),
    "get_risk_registration_v1_risk_registrations__registration_id__get": Rule(
        Kind.SCOPED_READ, frozenset({A, B, D})
    ),
    # 约谈 [000 五(二)] [004 5-⑤三]: the bureau records interviews of the heads of agencies of
    # its jurisdiction and is proposed whom to interview, as is the discipline organ (a member
    # of the joint meeting); the agency reads its own interviews.
    "record_interview_v1_interviews_post": Rule(Kind.AGENCY_SCOPED, frozenset({B})),
    "list_interviews_v1_interviews_get": Rule(Kind.ROLE_ONLY, frozenset({A, B, D})),
    "propose_interviews_v1_interviews_proposals_get": Rule(Kind.ROLE_ONLY, frozenset({B, D})),
    # 行政争议调解 [004 5-③三、五]: the bureau keeps its place's register of centres, stations
    # and mediators; those who record mediations (and the discipline organ) read it, scoped.
    "register_mediation_centre_v1_mediation_centres_post": Rule(Kind.AGENCY_SCOPED, frozenset({B})),
    "enrol_mediator_v1_mediation_mediators_post": Rule(Kind.AGENCY_SCOPED, frozenset({B})),
    "end_mediator_term_v1_mediation_mediators__mediator_id__term_end_post": Rule(
        Kind.AGENCY_SCOPED, frozenset({B})
    ),
    "list_mediation_centres_v1_mediation_centres_get": Rule(
        Kind.ROLE_ONLY, frozenset({A, B, C, D})
    ),
    "list_mediators_v1_mediation_mediators_get": Rule(Kind.ROLE_ONLY, frozenset({A, B, C, D})),
    "mediation_statistics_v1_mediation_statistics_get": Rule(
        Kind.ROLE_ONLY, frozenset({A, B, C, D})
    ),
    # Tamper evidence and served documents follow the case (documents come from the court
    # and, as evidence, from the agency).
    "verify_case_v1_cases__case_id__verify_get": CASE_READ,
    "list_case_documents": CASE_READ,
    "download_case_document": CASE_READ,
    "upload_document": Rule(Kind.ROLE_ONLY, frozenset({C, A})),
    # Machine clients: the court's channel is signed (HMAC), the token endpoint takes client
    # credentials; administrators manage clients and may read a court's receipts.
    "deliver": OWN_SCHEME,
    "token_v1_oauth_token_post": OWN_SCHEME,
    "get_delivery_receipt": ADMIN,
    "register_client_v1_clients_post": ADMIN,
    "list_clients_v1_clients_get": ADMIN,
    "rotate_secret_v1_clients__client_id__secret_rotations_post": ADMIN,
    "revoke_client_v1_clients__client_id__revocation_post": ADMIN,
    "client_changes_v1_clients__client_id__changes_get": ADMIN,
    # People sign in with a password (their own scheme); who is signed in, signing out and
    # changing one's password take the session cookie or a token; administrators manage
    # accounts and read their audit trail.
    "sign_in_v1_session_post": OWN_SCHEME,
    "oidc_login_v1_session_oidc_login_get": OWN_SCHEME,
    "oidc_callback_v1_session_oidc_callback_get": OWN_SCHEME,
    "current_session_v1_session_get": SIGNED_IN,
    "sign_out_v1_session_delete": SIGNED_IN,
    "change_password_v1_session_password_post": SIGNED_IN,
    "create_account_v1_accounts_post": ADMIN,
    "list_accounts_v1_accounts_get": ADMIN,
    "reset_password_v1_accounts__username__password_reset_post": ADMIN,
    "unlock_v1_accounts__username__unlock_post": ADMIN,
    "disable_v1_accounts__username__disable_post": ADMIN,
    "account_audit_v1_accounts__username__events_get": ADMIN,
}

SEES_EVERY_CASE = frozenset({Role.ADMIN, Role.NOTIFIER})
"""Everyone else is scoped to its court, agency or jurisdiction (README, DOMAIN.md §1)."""


def expected(rule: Rule, role: Role, scope: str) -> Outcome:
    """The outcome for a principal of ``role`` from the own place acting on ``scope``'s object."""
    visible = scope == "own" or role in SEES_EVERY_CASE
    if rule.kind in (Kind.PUBLIC, Kind.OWN_SCHEME):
        return Outcome.SAME_AS_ANONYMOUS
    if rule.kind == Kind.SIGNED_IN:
        return Outcome.ALLOWED
    if role == Role.ADMIN:
        return Outcome.ALLOWED
    if rule.kind == Kind.ADMIN:
        return Outcome.FORBIDDEN
    if rule.kind in (Kind.CASE_READ, Kind.PERSON_READ):
        return Outcome.ALLOWED if visible else Outcome.HIDDEN
    if rule.kind == Kind.CASE_COMMAND:
        if not visible:
            return Outcome.HIDDEN
        return Outcome.ALLOWED if role in rule.roles else Outcome.FORBIDDEN
    if rule.kind == Kind.SCOPED_READ:
        if role not in rule.roles:
            return Outcome.FORBIDDEN
        return Outcome.ALLOWED if scope == "own" else Outcome.HIDDEN
    if rule.kind in (Kind.FILE_CASE, Kind.OWN_UNIT_WRITE, Kind.AGENCY_SCOPED):
        return Outcome.ALLOWED if role in rule.roles and scope == "own" else Outcome.FORBIDDEN
    if rule.kind == Kind.ROLE_ONLY:
        return Outcome.ALLOWED if role in rule.roles else Outcome.FORBIDDEN
    if rule.kind == Kind.AGENCY_FEED:
        agency_scoped = role in (Role.AGENCY_USER, Role.MOBILE_READER)
        return Outcome.HIDDEN if agency_scoped and scope != "own" else Outcome.ALLOWED
    raise AssertionError(f"no outcome for {rule.kind}")
