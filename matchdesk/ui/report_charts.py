"""The Rapportage charts, built from the plain figures of ``services.report.portfolio_report``: the
leerwerkbedrijf share per region, werkplein and municipality against the norm, and uitstroom per
municipality. Numbers are Dutch (decimal comma) whatever the OS locale.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPen

from matchdesk.services.report import Group, Outflow, Share
from matchdesk.ui.report_tables import BELOW, NORM, UITSTROOM_SERIES, level_title, percent_nl

translate = QCoreApplication.translate

DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
LEVEL_COLORS = {"regio": QColor("#1b5e20"), "werkplein": QColor("#2e7d32"), "gemeente": QColor("#66bb6a")}


def chart_name(group: Group) -> str:
    return group.name if group.level == "gemeente" else f"{level_title(group.level)} {group.name}"


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    title_font = QFont(chart.titleFont())
    title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setLocale(DUTCH)
    chart.setLocalizeNumbers(True)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setBackgroundRoundness(0)
    return chart


def category_axis(names: list[str]) -> QBarCategoryAxis:
    """Names on the left (horizontal bars: names are never truncated); the first name is drawn at the bottom."""
    axis = QBarCategoryAxis()
    axis.append(names or ["—"])
    return axis


def share_chart(title: str, shares: Sequence[Share]) -> QChart:
    """A bar per region, werkplein and municipality (green shades; red below the norm), the norm as a
    dashed line; groups without leerwerktrajecten are left out (the table lists them)."""
    chart = _chart(title)
    shown = [share for share in shares if share.share_percent is not None][::-1]  # first at the top
    sets = {level: QBarSet(translate("ReportPage", "{level} (norm met)").format(level=level_title(level)))
            for level in LEVEL_COLORS}
    sets["onder"] = QBarSet(translate("ReportPage", "Below the norm"))
    for level, color in LEVEL_COLORS.items():
        sets[level].setColor(color)
    sets["onder"].setColor(BELOW)
    for share in shown:
        target = "onder" if share.meets_norm is False else share.level
        for key, bar_set in sets.items():
            bar_set.append(float(share.share_percent) if key == target else 0.0)
    bars = QHorizontalStackedBarSeries()
    for key, bar_set in sets.items():
        if any(bar_set.at(i) for i in range(bar_set.count())):
            bar_set.setLabelColor(QColor("white") if key != "gemeente" else QColor("#102a12"))
            bars.append(bar_set)
    bars.setBarWidth(0.7)
    bars.setLabelsVisible(True)
    bars.setLabelsFormat("@value%")
    bars.setLabelsPrecision(3)
    bars.setLabelsPosition(QHorizontalStackedBarSeries.LabelsPosition.LabelsInsideBase)  # clear of the norm line
    chart.addSeries(bars)
    names = category_axis([chart_name(share.group) for share in shown])
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(names)
    values = QValueAxis()
    values.setRange(0, 100)
    values.setTickCount(11)
    values.setLabelFormat("%.0f%")  # with localized numbers Qt takes only the precision; the rest is literal
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(values)
    norms = [share.norm_percent for share in shown]
    if shown and all(n is not None for n in norms):
        norm_line = QLineSeries()
        same = len(set(norms)) == 1
        norm_line.setName(translate("ReportPage", "Norm {percent}").format(percent=percent_nl(float(norms[0]), 0))
                          if same else translate("ReportPage", "Norm"))
        if same:
            norm_line.append(float(norms[0]), -0.5)
            norm_line.append(float(norms[0]), len(shown) - 0.5)
        else:
            for i, value in enumerate(norms):
                norm_line.append(float(value), i - 0.5)
                norm_line.append(float(value), i + 0.5)
        pen = QPen(NORM)
        pen.setWidthF(2.0)
        pen.setStyle(Qt.PenStyle.DashLine)
        norm_line.setPen(pen)
        chart.addSeries(norm_line)
        norm_line.attachAxis(values)
        norm_line.attachAxis(names)
    return chart


def uitstroom_chart(title: str, outflow: Sequence[Outflow]) -> QChart:
    """Uitstroom per municipality, stacked by kind (the werkplein and region totals are in the table)."""
    chart = _chart(title)
    shown = sorted((entry for entry in outflow if entry.group.level == "gemeente" and entry.total),
                   key=lambda entry: entry.group.name.casefold(), reverse=True)  # alphabetical from the top
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.6)
    for key, label, color in UITSTROOM_SERIES:
        bar_set = QBarSet(translate("ReportPage", label))
        bar_set.setColor(QColor(color))
        bar_set.append([float(getattr(entry, key)) for entry in shown])
        series.append(bar_set)
    biggest = max((entry.total for entry in shown), default=0)
    chart.addSeries(series)
    names = category_axis([entry.group.name for entry in shown])
    chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    values = QValueAxis()
    values.setRange(0, max(5, biggest))
    values.applyNiceNumbers()
    values.setMinorTickCount(1)
    values.setLabelFormat("%.0f")
    values.setTitleText(translate("ReportPage", "Trajectories started (regular work, sheltered work and Bbz)"))
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    return chart
