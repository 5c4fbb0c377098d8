"""The rules' verdict as the trajectory dialogs show it: a framed box in the verdict's colour with its
findings (blocks first) and a hint, and per finding the rule behind it (id, title, source, in force from
when) behind a "Regeldetails" toggle and in the box's tooltip.

Used by ``TrajectoryDialog`` (and so ``PlacementDialog``); no data access here.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget

from matchdesk.dates import format_nl
from matchdesk.rules.facts import Finding
from matchdesk.services.trajectory_cases import RuleInfo
from matchdesk.ui.trajectory_form import AMBER, GREEN, GREY, RED

translate = QCoreApplication.translate
_SETTING = "trajectory/rule_details"

_FRAMES = {
    "blocked": ("#fdecee", RED, QT_TRANSLATE_NOOP("TrajectoryDialog", "Blocked")),
    "warning": ("#fff6e0", AMBER, QT_TRANSLATE_NOOP("TrajectoryDialog", "Warning: motivation required")),
    "allowed": ("#eaf5ec", GREEN, QT_TRANSLATE_NOOP("TrajectoryDialog", "Allowed")),
    "error": ("#fdecee", RED, QT_TRANSLATE_NOOP("TrajectoryDialog", "Cannot be judged")),
}
_ORDER = ("block", "warning", "info")


def verdict_frame(state: str, ending: bool) -> tuple[str, str, str]:
    """(background, colour, translated title) of the verdict box; ending a trajectory only warns."""
    if ending and state == "warning":
        return "#fff6e0", AMBER, translate("TrajectoryDialog", "Please note")
    background, color, title = _FRAMES[state]
    return background, color, translate("TrajectoryDialog", title)


def verdict_style(background: str, color: str) -> str:
    return f"QFrame#verdict {{ background: {background}; border: 1px solid {color}; border-radius: 4px; }}"


def rule_text(rule_id: str, rules: Mapping[str, RuleInfo]) -> str:
    """One line on the rule behind a finding: id, title, source and validity (plain text, translated)."""
    info = rules.get(rule_id)
    if info is None:  # a check of the form itself (an end before the start), or no rulebook could judge
        return translate("TrajectoryDialog", "Rule {id}").format(id=rule_id)
    if info.valid_until is None:
        valid = translate("TrajectoryDialog", "in force from {start}").format(start=format_nl(info.valid_from))
    else:
        valid = translate("TrajectoryDialog", "in force from {start} up to and including {end}").format(
            start=format_nl(info.valid_from), end=format_nl(info.valid_until))
    return translate("TrajectoryDialog", "Rule {id} ({file}): {title}. Source: {source}; {valid}").format(
        id=info.id, file=info.file, title=info.title, source=info.source, valid=valid)


def verdict_html(title: str, color: str, findings: list[Finding], hint: str,
                 rules: Mapping[str, RuleInfo] | None = None) -> str:
    """The verdict as rich text: the title, the findings (blocks first), each with its rule when ``rules``
    is given, and the hint."""
    parts = [f"<b style='color:{color}'>{html.escape(title)}</b>"]
    items = []
    for finding in sorted(findings, key=lambda f: _ORDER.index(f.severity)):
        tint = {"block": RED, "warning": AMBER, "info": GREY}[finding.severity]
        detail = "" if rules is None else (f"<br><span style='color:{GREY}; font-size:small'>"
                                           f"{html.escape(rule_text(finding.rule, rules))}</span>")
        items.append(f"<li style='color:{tint}'>{html.escape(finding.message)}{detail}</li>")
    if items:
        parts.append("<ul style='margin-left:-20px; margin-top:2px; margin-bottom:0px'>" + "".join(items) + "</ul>")
    if hint:
        parts.append(("" if items else "<br>") + f"<span style='color:{GREY}'>{html.escape(hint)}</span>")
    return "".join(parts)


class VerdictView(QFrame):
    """The framed verdict (object name ``verdict``): ``label`` holds the text, ``details`` the toggle that
    shows the rule behind each finding (remembered between dialogs)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdict")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setObjectName("verdictText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(name)
        self.label.setMinimumHeight(48)
        self.details = QCheckBox(self.tr("Show the rules be&hind the findings"))
        self.details.setAccessibleName(self.tr("Rule details"))
        self.details.setToolTip(self.tr("Per finding the rule's id, its source and from when it is in force"))
        self.details.setChecked(QSettings().value(_SETTING, False, type=bool))
        self.details.toggled.connect(self._toggled)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(10, 8, 10, 8)
        inner.addWidget(self.label)
        inner.addWidget(self.details, 0, Qt.AlignmentFlag.AlignRight)
        self._shown: tuple[str, bool, list[Finding], str] | None = None
        self.rules: Mapping[str, RuleInfo] = {}

    def show_verdict(self, state: str, ending: bool, findings: list[Finding], hint: str) -> None:
        self._shown = (state, ending, list(findings), hint)
        background, color, title = verdict_frame(state, ending)
        self.setStyleSheet(verdict_style(background, color))
        rules = self.rules if self.details.isChecked() else None
        self.label.setText(verdict_html(title, color, findings, hint, rules))
        self.label.setAccessibleDescription("; ".join([title] + [f.message for f in findings]))
        self.details.setVisible(bool(findings))
        tips = [f"• {f.message}\n   {rule_text(f.rule, self.rules)}" for f in
                sorted(findings, key=lambda f: _ORDER.index(f.severity))]
        self.label.setToolTip("\n".join(tips))

    def _toggled(self, shown: bool) -> None:
        QSettings().setValue(_SETTING, shown)
        if self._shown is not None:
            self.show_verdict(*self._shown)


__all__ = ["VerdictView", "rule_text", "verdict_frame", "verdict_html", "verdict_style"]
