"""The sections only reports carry (a pack entry's ``sections``): head appearances, losses,
risks of losing and their resolution, accountability. Each is the statistics answer's own
figures, rates with their numerators, denominators and formulas (shared/metrics)."""

from __future__ import annotations

from collections.abc import Callable

from notifier.bulletin import labels
from notifier.bulletin.figures import Figures
from notifier.bulletin.html_tables import rates_table, table


def _counted(rows: list[tuple[str, int]], unit: str = "件数") -> str:
    return table(["项目", unit], rows, {1: "num"}, kind="narrow")


def _appearance(figures: Figures) -> str:
    counts = _counted(figures.counts_of(labels.APPEARANCE_COUNTS), "庭次")
    return counts + rates_table(figures.rates_of(labels.APPEARANCE_RATES))


def _losses(figures: Figures) -> str:
    counts = _counted(figures.counts_of(labels.LOSS_COUNTS))
    return counts + rates_table(figures.rates_of(labels.LOSS_RATES))


def _risks(figures: Figures) -> str:
    return _counted(figures.risks) + (
        "<p class='note'>风险自发现之日计入当期；化解、败诉、尚未审结按案件截至报告之日的结果统计。</p>"
    )


def _accountability(figures: Figures) -> str:
    return _counted(figures.accountability, "人次、单位次")


REPORT_SECTIONS: dict[str, tuple[str, Callable[[Figures], str]]] = {
    "appearance": ("行政机关负责人出庭应诉情况", _appearance),
    "losses": ("败诉案件情况", _losses),
    "risks": ("存在败诉风险案件的争议化解情况", _risks),
    "accountability": ("责任追究情况", _accountability),
}
