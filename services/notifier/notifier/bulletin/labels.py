"""Chinese labels of the statistics fields (the endpoint's names are English)."""

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
}
RATE_LABELS = {
    "loss_rate": "败诉率",
    "head_appearance_rate": "负责人出庭率",
    "mediation_withdrawal_rate": "调撤率",
}
DEADLINE_LABELS = {
    "answer": "答辩举证",
    "hearing": "出庭",
    "performance": "履行",
    "report": "报备",
    "feedback": "反馈",
    "suggestion_reply": "司法建议、检察建议回复",
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
