"""Statistics answers a bulletin is built from: the current shape (Chinese names, formulas,
targets, per-agency rates and flags) for Guangzhou with three agencies."""

from __future__ import annotations

from typing import Any


def _rate(key: str, n: int, d: int, zh: str, formula_zh: str) -> dict[str, Any]:
    value = round(n / d, 4) if d else None
    rate = {
        "name": key,
        "value": value,
        "numerator": n,
        "denominator": d,
        "formula": f"{key} numerator / denominator",
        "name_zh": zh,
        "formula_zh": formula_zh,
        "source": "003 一",
    }
    return rate | ({"note_zh": "行政行为总数未报送，无法计算"} if value is None else {})


def _agency(
    code: str, name: str, received: int, concluded: int, losses: int, held: int, with_head: int
) -> dict[str, Any]:
    loss = round(losses / concluded, 4) if concluded else None
    head = round(with_head / held, 4) if held else None
    return {
        "agency": code,
        "agency_name": name,
        "received": received,
        "concluded": concluded,
        "losses": losses,
        "rates": {
            "loss_rate": {"value": loss, "numerator": losses, "denominator": concluded},
            "head_appearance_rate": {"value": head, "numerator": with_head, "denominator": held},
        },
        "four_failures": {
            "no_answer": 0,
            "no_evidence": 0,
            "no_appearance": 0,
            "no_performance": 0,
        },
        "flags": [
            {
                "metric": "loss_rate",
                "met": None if loss is None else loss < 0.08,
                "value": loss,
                "threshold": 0.08,
                "op": "lt",
            },
            {
                "metric": "head_appearance_rate",
                "met": None if head is None else head >= 0.9,
                "value": head,
                "threshold": 0.9,
                "op": "gte",
            },
        ],
    }


STATS: dict[str, Any] = {
    "scope": {
        "jurisdiction": "gz",
        "jurisdiction_name": "广州市",
        "agency": None,
        "from": "2025-09-01",
        "to": "2025-09-30",
    },
    "counts": {
        "received": 30,
        "concluded": 24,
        "judgments": 15,
        "losses": 3,
        "hearings_held": 18,
        "hearings_with_head": 16,
        "principal_head_appearances": 5,
        "mediated": 2,
        "withdrawn": 4,
        "mediated_or_withdrawn": 6,
    },
    "labels": {
        "received": "收案数",
        "concluded": "结案数",
        "judgments": "判决数",
        "losses": "败诉数",
        "hearings_held": "开庭数",
        "hearings_with_head": "负责人出庭的庭次",
        "principal_head_appearances": "正职负责人出庭次数",
        "mediated": "调解数",
        "withdrawn": "撤诉数",
        "mediated_or_withdrawn": "调解和撤诉数",
        "no_answer": "不答辩",
        "no_evidence": "不举证",
        "no_appearance": "不出庭",
        "no_performance": "不履行",
    },
    "rates": [
        _rate("loss_rate", 3, 24, "败诉率", "败诉数 ÷ 结案数 × 100%"),
        _rate("head_appearance_rate", 16, 18, "负责人出庭率", "负责人出庭的庭次 ÷ 开庭数 × 100%"),
        _rate("mediation_withdrawal_rate", 6, 24, "调撤率", "（调解数 + 撤诉数）÷ 结案数 × 100%"),
        _rate("revoked_or_changed_rate", 2, 24, "撤改率", "被撤销、变更数 ÷ 结案数 × 100%"),
        _rate("incidence_rate", 30, 0, "发案率", "收案数 ÷ 行政行为总数 × 100%"),
    ],
    "targets": [
        {
            "metric": "loss_rate",
            "op": "lt",
            "threshold": 0.08,
            "name_zh": "败诉率低于8%",
            "source": "003 一",
        },
        {
            "metric": "head_appearance_rate",
            "op": "gte",
            "threshold": 0.9,
            "name_zh": "负责人出庭率不低于90%",
            "source": "003 二",
        },
    ],
    "deadlines": [
        {"kind": "answer", "met": 21, "met_late": 2, "missed": 1, "open": 6},
        {"kind": "hearing", "met": 17, "met_late": 0, "missed": 1, "open": 4},
        {"kind": "performance", "met": 3, "met_late": 1, "missed": 0, "open": 2},
    ],
    "four_failures": {"no_answer": 1, "no_evidence": 1, "no_appearance": 1, "no_performance": 0},
    "repeated_losses": [
        {
            "agency": "gz-hrss",
            "agency_name": "广州市人力资源和社会保障局",
            "subject_matter": "工伤认定",
            "losses": 2,
        }
    ],
    "by_agency": [
        _agency("gz-hrss", "广州市人力资源和社会保障局", 14, 12, 2, 9, 7),
        _agency("gz-nr", "广州市规划和自然资源局", 9, 7, 1, 6, 6),
        _agency("gz-ms", "广州市市场监督管理局", 7, 5, 0, 3, 3),
    ],
}
