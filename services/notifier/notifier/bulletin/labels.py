"""Chinese labels for what a statistics answer names in English.

Newer answers carry their own (``labels``, each rate's ``name_zh`` and ``formula_zh``); these
are the fallback for answers from a case-api that predates them. A key with no Chinese label
is left out of a bulletin rather than shown in English to its readers.
"""

COUNT_LABELS = {
    "received": "收案数",
    "concluded": "结案数",
    "judgments": "判决数",
    "losses": "败诉数",
    "hearings_held": "开庭数",
    "hearings_with_head": "负责人出庭的庭次",
    "principal_head_appearances": "正职负责人出庭次数",
    "mediated": "调解数",
    "withdrawn": "撤诉数",
    "mediated_or_withdrawn": "调解、撤诉合计",
    "revoked_or_changed": "被撤销、变更数",
}
RATE_LABELS = {
    "loss_rate": "败诉率",
    "head_appearance_rate": "负责人出庭率",
    "mediation_withdrawal_rate": "调撤率",
    "revoked_or_changed_rate": "撤改率",
    "incidence_rate": "发案率",
}
RATE_FORMULAS = {
    "loss_rate": "败诉数 ÷ 结案数 × 100%",
    "head_appearance_rate": "负责人出庭的庭次 ÷ 开庭数 × 100%",
    "mediation_withdrawal_rate": "（调解数 + 撤诉数）÷ 结案数 × 100%",
    "revoked_or_changed_rate": "被撤销、变更数 ÷ 结案数 × 100%",
}
DEADLINE_LABELS = {
    "answer": "答辩举证",
    "hearing": "出庭应诉",
    "performance": "履行裁判",
    "report": "报备",
    "feedback": "反馈",
    "suggestion_reply": "司法建议、检察建议回复",
    "filing": "备案",
    "forwarding": "转报",
    "plan": "应诉方案",
    "risk_report": "风险报告",
    "loss_report": "败诉分析报告",
    "investigation": "调查",
    "review": "审核",
    "handling": "处理",
    "meeting": "会商",
}
DEADLINE_STATUSES = {
    "met": "按期完成",
    "met_late": "逾期完成",
    "missed": "逾期未完成",
    "open": "办理中",
}
FAILURE_LABELS = {
    "no_answer": "不答辩",
    "no_evidence": "不举证",
    "no_appearance": "不出庭",
    "no_performance": "不履行",
}
SUGGESTION_LABELS = {
    "received": "收到建议书",
    "answered_on_time": "按期回复",
    "answered_late": "逾期回复",
    "unanswered": "尚未回复",
}
RISK_LABELS = {
    "flagged": "发现败诉风险",
    "reported_on_time": "按期报送风险分析报告",
    "reported_late": "逾期报送风险分析报告",
    "resolved": "已化解（调解、撤诉结案）",
    "lost": "仍败诉",
    "pending": "尚未审结",
}
ACCOUNTABILITY_LABELS = {
    "decided": "作出处理决定（人次、单位次）",
    "sanctioned": "追究责任",
    "sanctioned_units": "其中：追究单位责任",
    "not_accountable": "不予追究",
    "exempted": "免予问责",
    "fault_tolerated": "容错免责",
}
APPEARANCE_COUNTS = (
    "hearings_held",
    "hearings_with_head",
    "principal_head_appearances",
    "hearings_refused",
    "hearings_left",
)
APPEARANCE_RATES = ("head_appearance_rate",)
LOSS_COUNTS = ("concluded", "losses", "revoked_or_changed")
LOSS_RATES = ("loss_rate", "revoked_or_changed_rate")
COMPARISONS = {"lt": "低于", "lte": "不高于", "gt": "高于", "gte": "不低于", "eq": "等于"}
NOT_COMPUTABLE = "分母为0，无法计算"
