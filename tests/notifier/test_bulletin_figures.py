"""Reading a statistics answer for a bulletin (pure: no database, no files): ranking, target
flags, rates that cannot be computed, and charts that carry their legend and values."""

from __future__ import annotations

import copy
import re
from datetime import date

from notifier.bulletin.charts import deadline_chart, loss_rate_chart
from notifier.bulletin.figures import Target, read_figures
from notifier.bulletin.heading import make_heading
from notifier.bulletin.labels import DEADLINE_LABELS
from notifier.bulletin.ranking import AgencyRow, RateCell, rank_agencies
from notifier.bulletin.render_html import render_html
from shared.rulepacks.rule_models import RuleKind
from tests.notifier.bulletin_stats import STATS


def _row(name: str, loss: float | None, head: float | None) -> AgencyRow:
    rates = {"loss_rate": RateCell(loss), "head_appearance_rate": RateCell(head)}
    return AgencyRow(name, name, 1, 1, 0, rates)


def test_agencies_rank_by_loss_rate_then_head_appearance_and_ties_share_a_rank() -> None:
    rows = [
        _row("乙", 0.1, 0.5),
        _row("丙", None, 1.0),  # nothing concluded: listed, not ranked
        _row("甲", 0.1, 0.9),
        _row("丁", 0.0, None),
        _row("戊", 0.1, 0.9),
    ]
    ranked = rank_agencies(rows)
    assert [(r.name, r.rank) for r in ranked] == [
        ("丁", 1),
        ("甲", 2),
        ("戊", 2),
        ("乙", 4),
        ("丙", None),
    ]


def test_a_target_is_met_by_its_comparison_and_unknown_without_a_value() -> None:
    below = Target("loss_rate", "lt", 0.08, "败诉率低于8%")
    at_least = Target("head_appearance_rate", "gte", 0.9, "负责人出庭率不低于90%")
    assert (below.met(0.0799), below.met(0.08), below.met(None)) == (True, False, None)
    assert (at_least.met(0.9), at_least.met(0.8999)) == (True, False)


def test_flags_are_computed_from_targets_when_the_answer_gives_none() -> None:
    stats = copy.deepcopy(STATS)
    for row in stats["by_agency"]:
        del row["flags"]
    figures = read_figures(stats, {})
    assert [(a.name, a.flags) for a in figures.agencies] == [
        ("广州市市场监督管理局", [True, True]),
        ("广州市规划和自然资源局", [False, True]),
        ("广州市人力资源和社会保障局", [False, False]),
    ]


def test_a_rate_that_cannot_be_computed_shows_a_dash_and_why_never_a_percentage() -> None:
    stats = copy.deepcopy(STATS)
    stats["by_agency"][0]["rates"]["head_appearance_rate"] = {
        "value": None,
        "numerator": 0,
        "denominator": 0,
    }
    figures = read_figures(stats, {})
    html = render_html(make_heading("广州市", "月度通报", "2025-09", date(2025, 10, 9)), figures)
    row = re.search(
        r"<tr><td class='rank'>\d</td><td class='name'>广州市人力资源和社会保障局.*?</tr>", html
    )
    assert row is not None
    assert "—" in row.group(0) and "0.0%</td><td class='unmet'" not in row.group(0)
    incidence = re.search(r"发案率</td>(.*?)</tr>", html)
    assert incidence is not None
    assert "<td class='num'>—</td>" in incidence.group(1)
    assert "行政行为总数未报送，无法计算" in incidence.group(1)
    assert "0.0%" not in incidence.group(1) and "100.0%" not in incidence.group(1)


def test_an_unlabelled_key_is_left_out_rather_than_shown_in_english() -> None:
    stats = copy.deepcopy(STATS)
    stats["counts"]["appeals_filed"] = 4
    stats["rates"].append({"name": "appeal_rate", "value": 0.5, "numerator": 1, "denominator": 2})
    figures = read_figures(stats, {})
    assert "appeals_filed" not in str(figures.counts)
    assert figures.rate("appeal_rate") is None


def test_charts_carry_a_legend_and_every_value() -> None:
    figures = read_figures(STATS, {})
    bars = deadline_chart(figures.deadlines)
    for text in ("按期完成", "逾期完成", "逾期未完成", "办理中", ">21<", ">6<", "答辩举证"):
        assert text in bars
    losses = loss_rate_chart(figures.agencies, 0.08, "败诉率低于8%")
    for text in ("目标：败诉率低于8%", ">14.3%<", ">16.7%<", ">0.0%<", "广州市规划和自然资源局"):
        assert text in losses
    assert "<script" not in bars + losses and "http" not in (bars + losses).replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_every_kind_of_deadline_a_rule_pack_can_name_has_a_chinese_label() -> None:
    assert {k.value for k in RuleKind} <= set(DEADLINE_LABELS)


def test_many_kinds_of_deadline_continue_in_a_second_chart_at_the_same_scale() -> None:
    rows = [{"kind": k.value, "met": i, "missed": 1} for i, k in enumerate(RuleKind)]
    charts = deadline_chart(rows)
    assert charts.count("<svg") == 3  # 14 kinds, five to a chart
    assert charts.count("class='legend'") == 1
    assert all(DEADLINE_LABELS[k.value] in charts for k in RuleKind)
    tallest = re.findall(r"height='(\d+\.\d)' fill='#2e7d32'", charts)
    assert max(map(float, tallest)) == 170.0  # the largest count anywhere fills the height
