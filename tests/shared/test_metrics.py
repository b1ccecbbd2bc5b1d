"""The figures' definitions (shared/metrics) and the targets rule packs set on them."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from shared.metrics import catalogue
from shared.rulepacks import shipped_library
from shared.rulepacks.models import Target

METRICS = catalogue()
CLAUSE = re.compile(r"^00[0-4] \S+$")


def test_every_rate_divides_two_defined_counts_and_cites_a_clause() -> None:
    counts = {c.key for c in METRICS.counts}
    for rate in METRICS.rates:
        assert {rate.numerator, rate.denominator} <= counts, rate.key
        assert "÷" in rate.formula_zh and CLAUSE.match(rate.source), rate.key
    for figure in (*METRICS.counts, *METRICS.four_failures, METRICS.repeated_losses):
        assert figure.name_zh and figure.formula_zh and CLAUSE.match(figure.source), figure.key


def test_the_bureau_asks_for_these_rates() -> None:
    """败诉率, 负责人出庭率, 调撤率 [004 5-⑤二]; 发案率, 撤改率 [004 5-③二]."""
    assert {r.key: r.name_zh for r in METRICS.rates} == {
        "loss_rate": "败诉率",
        "head_appearance_rate": "负责人出庭率",
        "mediation_withdrawal_rate": "调撤率",
        "revoked_or_changed_rate": "撤改率",
        "incidence_rate": "发案率",
    }
    assert METRICS.rate("incidence_rate").denominator == "administrative_acts"
    assert METRICS.count("administrative_acts").recorded


def test_xiangshan_keeps_its_loss_rate_under_eight_percent() -> None:
    [target] = shipped_library().pack("xiangshan").targets
    assert (target.metric, target.op, target.threshold, target.source) == (
        "loss_rate",
        "lt",
        0.08,
        "003 一",
    )
    assert shipped_library().pack("guangzhou").targets == ()


@pytest.mark.parametrize("metric", ["win_rate", "Loss_rate"])
def test_a_target_names_a_defined_figure(metric: str) -> None:
    with pytest.raises(ValidationError):
        Target(metric=metric, op="lt", threshold=0.1, name_zh="胜诉率", source="003 一")


def test_the_settlement_rate_divides_settled_by_attempts_concluded_in_the_period() -> None:
    """调解成功率 [004 5-③三]: open attempts are in neither term."""
    figures = METRICS.mediation
    [rate] = figures.rates
    assert (rate.key, rate.name_zh) == ("mediation_settlement_rate", "调解成功率")
    assert (rate.numerator, rate.denominator) == ("mediations_settled", "mediations_concluded")
    assert figures.count("mediations_concluded").formula_zh == "调解成功数 + 调解不成数"
    for figure in (*figures.counts, *figures.rates):
        assert figure.name_zh and figure.formula_zh and CLAUSE.match(figure.source), figure.key
