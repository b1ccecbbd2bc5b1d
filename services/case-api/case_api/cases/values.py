"""Vocabularies of the case record (DOMAIN.md §2-3).

Events store the plain string values: a ``StrEnum`` would come back from the event store as
``str`` anyway, so the enums only validate commands.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum


def case_number_key(case_number: str) -> str:
    """The one spelling of a case number (案号) every lookup compares: width and spaces do not
    count, so （2025）粤0106行初888号, (2025)粤0106行初888号 and "(2025) 粤0106 行初888号" are one
    number. A case's id is derived from it: never change it."""
    return unicodedata.normalize("NFKC", case_number).replace(" ", "")


class DocumentKind(StrEnum):
    """Documents a court serves on the defendant agency."""

    COMPLAINT_COPY = "complaint_copy"  # 起诉状副本
    NOTICE_TO_RESPOND = "notice_to_respond"  # 应诉通知书
    SUMMONS = "summons"  # 传票
    APPEAL_PETITION = "appeal_petition"  # 上诉状
    JUDGMENT = "judgment"  # 判决书
    RULING = "ruling"  # 裁定书
    MEDIATION_DOCUMENT = "mediation_document"  # 调解书
    JUDICIAL_SUGGESTION = "judicial_suggestion"  # 司法建议


class SuggestionIssuer(StrEnum):
    """Who issued a suggestion the agency must answer [001 四(四)]."""

    COURT = "court"  # 司法建议（人民法院）
    PROCURATORATE = "procuratorate"  # 检察建议（人民检察院）


RESPONSE_DOCUMENTS = frozenset({DocumentKind.COMPLAINT_COPY, DocumentKind.NOTICE_TO_RESPOND})
DECISION_DOCUMENTS = frozenset({DocumentKind.JUDGMENT, DocumentKind.RULING})


class Instance(StrEnum):
    FIRST = "first"  # 一审
    SECOND = "second"  # 二审
    RETRIAL = "retrial"  # 再审


class Outcome(StrEnum):
    """Outcome for the defendant agency."""

    WON = "won"  # 胜诉 (claim rejected)
    LOST = "lost"  # 败诉
    DISMISSED = "dismissed"  # 驳回起诉 (ruling)


class LossType(StrEnum):
    """Kinds of loss counted in the loss rate (DOMAIN.md §2, [001 三] [002 第三条])."""

    REVOKED = "revoked"  # 撤销
    PARTLY_REVOKED = "partly_revoked"  # 部分撤销
    CONFIRMED_ILLEGAL = "confirmed_illegal"  # 确认违法
    CONFIRMED_VOID = "confirmed_void"  # 确认无效
    CHANGED = "changed"  # 变更
    ORDERED_TO_PERFORM = "ordered_to_perform"  # 责令履行
    ORDERED_TO_COMPENSATE = "ordered_to_compensate"  # 判决赔偿/补偿
    OTHER = "other"


class ProceedingKind(StrEnum):
    """What kind of proceeding a case is [001 三] [002 第二条]."""

    ADMINISTRATIVE_SUIT = "administrative_suit"  # 行政诉讼 (the agency defends)
    RECONSIDERATION = "reconsideration"  # 行政复议 (a decision of the reconsideration organ)
    CIVIL_SUIT = "civil_suit"  # 民事诉讼 with the government as a party
    AGENCY_PLAINTIFF = "agency_plaintiff"  # a suit the agency brings as plaintiff (提起诉讼)


class ReconsiderationOutcome(StrEnum):
    """What a reconsideration decision (行政复议决定) does with the act under review."""

    UPHELD = "upheld"  # 维持 / 驳回复议申请
    REVOKED = "revoked"  # 撤销 (or partly)
    CHANGED = "changed"  # 变更
    CONFIRMED_ILLEGAL = "confirmed_illegal"  # 确认违法
    ORDERED_TO_ACT = "ordered_to_act"  # 责令限期履行


class AgencyRole(StrEnum):
    IMPLEMENTING = "implementing"  # 实施主体
    NOMINAL = "nominal"  # 名义主体


class AppearanceRole(StrEnum):
    PRINCIPAL_HEAD = "principal_head"  # 主要负责人
    DEPUTY_HEAD = "deputy_head"  # 分管负责人 (a head, 负责人)
    STAFF = "staff"  # 工作人员
    LAWYER = "lawyer"  # 律师


HEAD_ROLES = frozenset({AppearanceRole.PRINCIPAL_HEAD, AppearanceRole.DEPUTY_HEAD})


class FeedbackSubject(StrEnum):
    """What a 反馈 to the bureau reports on (Guangzhou chain, [004 5-①])."""

    ANSWER = "answer"
    HEARING = "hearing"
    PERFORMANCE = "performance"


class ReportSubject(StrEnum):
    """What a 报备 to the bureau registers: a served document or a case fact."""

    COMPLAINT_COPY = "complaint_copy"
    NOTICE_TO_RESPOND = "notice_to_respond"
    SUMMONS = "summons"
    APPEAL_PETITION = "appeal_petition"
    JUDGMENT = "judgment"
    RULING = "ruling"
    EFFECTIVE_JUDGMENT = "effective_judgment"
    APPEARING_HEADS = "appearing_heads"  # names of the heads who will appear [003 二(二)2]
    RESPONSE_PLAN = "response_plan"  # 应诉方案 [002 第七条]
    RISK_REPORT = "risk_report"  # 风险报告 [003 二(三)2]


class ReviewResult(StrEnum):
    APPROVED = "approved"
    RETURNED = "returned"  # returned with an opinion; the agency resubmits


class Conclusion(StrEnum):
    WITHDRAWN = "withdrawn"  # 撤诉
    MEDIATED = "mediated"  # 调解结案


class Status(StrEnum):
    FILED = "filed"
    RESPONDING = "responding"  # complaint served, answer pending
    ANSWERED = "answered"
    HEARING_SCHEDULED = "hearing_scheduled"
    HEARD = "heard"
    JUDGED = "judged"  # a judgment or ruling served, not yet effective
    APPEALED = "appealed"
    EFFECTIVE = "effective"  # 生效裁判
    WITHDRAWN = "withdrawn"
    MEDIATED = "mediated"
    CLOSED = "closed"


def check(vocabulary: type[StrEnum], value: str, field: str) -> str:
    """Return ``value`` if it belongs to ``vocabulary``; raise ``InvalidValue`` otherwise."""
    from case_api.platform.domain_errors import InvalidValue

    if value not in {m.value for m in vocabulary}:
        allowed = ", ".join(m.value for m in vocabulary)
        raise InvalidValue(
            "invalid-value",
            f"{field} must be one of: {allowed}",
            f"{field} 取值无效，应为：{allowed}",
            field=field,
        )
    return value
