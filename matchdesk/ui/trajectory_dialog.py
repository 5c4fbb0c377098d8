"""Start, extend or end a trajectory, with the rules' verdict shown live as the fields change.

A block (red) keeps Save disabled; a teamleider may override it with a reason. A warning (amber)
asks for a motivation before Save is possible. Info findings are grey. Saving goes through the
trajectory service in one unit of work; an expected error is shown in the dialog, which stays open.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from matchdesk.dates import format_nl, format_number_nl, last_day_within, months_between_inclusive
from matchdesk.domain import Location, Provider, Role, TrajectoryKind, VacancyKind
from matchdesk.errors import MatchDeskError
from matchdesk.rules.facts import Finding, Verdict

translate = QCoreApplication.translate

# the English source texts of the tables below are translated when shown: translate("TrajectoryDialog", text)
MODES = ("start", "extend", "end")
MODE_TITLES = {"start": QT_TRANSLATE_NOOP("TrajectoryDialog", "Start trajectory"),
               "extend": QT_TRANSLATE_NOOP("TrajectoryDialog", "Extend trajectory"),
               "end": QT_TRANSLATE_NOOP("TrajectoryDialog", "End trajectory")}
SAVE_TEXTS = {"start": QT_TRANSLATE_NOOP("TrajectoryDialog", "&Start"),
              "extend": QT_TRANSLATE_NOOP("TrajectoryDialog", "E&xtend"),
              "end": QT_TRANSLATE_NOOP("TrajectoryDialog", "&End")}

KIND_LABELS = {
    TrajectoryKind.LEERWERKTRAJECT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Leerwerktraject"),
    TrajectoryKind.PROEFPLAATSING: QT_TRANSLATE_NOOP("TrajectoryDialog", "Proefplaatsing"),
    TrajectoryKind.DETACHERING: QT_TRANSLATE_NOOP("TrajectoryDialog", "Detachering"),
    TrajectoryKind.REGULIER: QT_TRANSLATE_NOOP("TrajectoryDialog", "Regular work"),
    TrajectoryKind.REGULIER_LKS: QT_TRANSLATE_NOOP("TrajectoryDialog", "Regular work with wage cost subsidy"),
    TrajectoryKind.BESCHUT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Sheltered work"),
    TrajectoryKind.BEGELEID_WERKEN: QT_TRANSLATE_NOOP("TrajectoryDialog", "Supported employment"),
    TrajectoryKind.BBZ: QT_TRANSLATE_NOOP("TrajectoryDialog", "Bbz trajectory"),
    TrajectoryKind.PARTICIPATIE: QT_TRANSLATE_NOOP("TrajectoryDialog", "Participation"),
    TrajectoryKind.SCHOLING: QT_TRANSLATE_NOOP("TrajectoryDialog", "Training"),
    TrajectoryKind.TAALTRAJECT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Language trajectory"),
}
PROVIDER_LABELS = {Provider.LEERWERKBEDRIJF: QT_TRANSLATE_NOOP("TrajectoryDialog", "Leerwerkbedrijf"),
                   Provider.MARKT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Market party"),
                   Provider.WERKGEVER: QT_TRANSLATE_NOOP("TrajectoryDialog", "Employer")}
LOCATION_LABELS = {Location.WERKGEVER: QT_TRANSLATE_NOOP("TrajectoryDialog", "At an employer"),
                   Location.INTERN: QT_TRANSLATE_NOOP("TrajectoryDialog", "In-house (intern)")}
VACANCY_KIND_LABELS = {VacancyKind.REGULIER: QT_TRANSLATE_NOOP("TrajectoryDialog", "Regular vacancy"),
                       VacancyKind.GARANTIEBAAN: QT_TRANSLATE_NOOP("TrajectoryDialog", "Garantiebaan"),
                       VacancyKind.LEERWERKPLEK: QT_TRANSLATE_NOOP("TrajectoryDialog", "Leerwerkplek"),
                       VacancyKind.PROEFPLAATS: QT_TRANSLATE_NOOP("TrajectoryDialog", "Proefplaats"),
                       VacancyKind.BESCHUT: QT_TRANSLATE_NOOP("TrajectoryDialog", "Sheltered work")}
# outcomes are stored as typed (data, not interface texts): they stay Dutch
OUTCOMES = ("regulier werk", "regulier werk met loonkostensubsidie", "detachering", "beschut werk", "opleiding",
            "ander traject", "uitgevallen (ziekte)", "verhuisd", "gestopt op eigen verzoek")

RED, AMBER, GREEN, GREY = "#b00020", "#8a5a00", "#1b6e2a", "#5f6368"
_FRAMES = {
    "blocked": ("#fdecee", RED, QT_TRANSLATE_NOOP("TrajectoryDialog", "Blocked")),
    "warning": ("#fff6e0", AMBER, QT_TRANSLATE_NOOP("TrajectoryDialog", "Warning: motivation required")),
    "allowed": ("#eaf5ec", GREEN, QT_TRANSLATE_NOOP("TrajectoryDialog", "Allowed")),
    "error": ("#fdecee", RED, QT_TRANSLATE_NOOP("TrajectoryDialog", "Cannot be judged")),
}


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(name: str, value: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    edit.setMinimumDate(QDate(1990, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    return edit


def choice(name: str, labels: dict, empty: str | None = None) -> QComboBox:
    """``name`` and ``empty`` already translated; ``labels`` English source texts of the TrajectoryDialog context."""
    box = QComboBox()
    box.setAccessibleName(name)
    if empty is not None:
        box.addItem(empty, None)
    for value, label in labels.items():
        box.addItem(translate("TrajectoryDialog", label), str(value))
    return box


def _enum(kind, value):
    """Qt hands a StrEnum stored as item data back as a plain str."""
    return None if value is None else kind(value)


def select_data(box: QComboBox, value) -> None:
    index = box.findData(None if value is None else str(value))
    box.setCurrentIndex(index if index >= 0 else 0)


class TrajectoryDialog(QDialog):
    """``TrajectoryDialog(ctx, candidate, parent=None, *, mode="start", trajectory_id=None)``.

    ``candidate``: the candidate's id (UUID) or klantnummer; for ``extend`` and ``end`` the
    candidate follows from ``trajectory_id`` and may be None. After Accept, ``trajectory_id`` holds
    the trajectory written.
    """

    def __init__(self, ctx, candidate: uuid.UUID | str | None = None, parent: QWidget | None = None, *,
                 mode: str = "start", trajectory_id: uuid.UUID | str | None = None) -> None:
        super().__init__(parent)
        if mode not in MODES:
            raise ValueError(f"onbekende modus {mode!r}; kies uit {', '.join(MODES)}")
        if mode != "start" and trajectory_id is None:
            raise ValueError("verlengen en beëindigen vragen om een traject")
        self.ctx = ctx
        self.mode = mode
        self.trajectory_id = uuid.UUID(str(trajectory_id)) if trajectory_id is not None else None
        self.verdict: Verdict | None = None
        self.judge_error: str | None = None
        self._load(candidate)
        title = translate("TrajectoryDialog", MODE_TITLES[mode])
        self.setWindowTitle(self.tr("{title} — {candidate}").format(title=title, candidate=self.candidate_name))
        self.setAccessibleName(title)
        self._build()
        self._fill()
        self._connect()
        self.update_verdict()

    # -- data ----------------------------------------------------------------------------------------
    def _load(self, candidate) -> None:
        from sqlalchemy import select

        from matchdesk.services.employers import medewerker_role
        from matchdesk.services.trajectories import history_facts
        from matchdesk.storage.models import Candidate, Trajectory

        with self.ctx.db.reading() as session:
            self.trajectory = None
            if self.trajectory_id is not None:
                self.trajectory = session.get(Trajectory, self.trajectory_id)
                if self.trajectory is None:
                    raise MatchDeskError(self.tr("The trajectory does not exist (any more)."))
                candidate = self.trajectory.candidate_id
            if isinstance(candidate, uuid.UUID):
                found = session.get(Candidate, candidate)
            else:
                found = session.scalar(select(Candidate).where(Candidate.klantnummer == str(candidate),
                                                               Candidate.deleted_at.is_(None)))
            if found is None or found.deleted_at is not None:
                raise MatchDeskError(self.tr("The candidate does not exist (any more)."))
            self.candidate = found
            self.history = history_facts(session, found.id)
            self.role = medewerker_role(session, self.ctx.user)
        name = " ".join(p for p in (found.voornaam, found.tussenvoegsel, found.achternaam) if p)
        self.candidate_name = f"{name} ({found.klantnummer})" if name else found.klantnummer

    @property
    def is_teamleider(self) -> bool:
        return self.role == Role.TEAMLEIDER

    # -- widgets -------------------------------------------------------------------------------------
    def _build(self) -> None:
        today = self.ctx.today
        self.kind = choice(self.tr("Kind of trajectory"), KIND_LABELS)
        self.provider = choice(self.tr("Provider"), PROVIDER_LABELS, self.tr("— unknown —"))
        self.location = choice(self.tr("Location"), LOCATION_LABELS, self.tr("— unknown —"))
        self.location.setToolTip(self.tr("Where the leerwerktraject takes place"))
        self.vacancy_kind = choice(self.tr("Kind of vacancy"), VACANCY_KIND_LABELS, self.tr("— none —"))
        self.start = date_edit(self.tr("Start date"), today)
        self.planned_end = date_edit(self.tr("Planned end"), last_day_within(today, 6))
        self.planned_end.setToolTip(self.tr("The last day of the trajectory (inclusive)"))
        self.open_end = QCheckBox(self.tr("&Open-ended"))
        self.open_end.setAccessibleName(self.tr("Open-ended"))
        self.open_end.setToolTip(self.tr("For example regular work for an indefinite period"))
        self.duration = QLabel()
        self.duration.setAccessibleName(self.tr("Duration"))
        self.duration.setStyleSheet(f"color: {GREY}")
        self.actual_end = date_edit(self.tr("Actual end"), today)
        self.actual_end.setToolTip(self.tr("The last day on which the trajectory ran (inclusive)"))
        self.aborted = QCheckBox(self.tr("A&borted early"))
        self.aborted.setAccessibleName(self.tr("Aborted early"))
        self.outcome = QComboBox()
        self.outcome.setEditable(True)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.addItem("")
        self.outcome.addItems(OUTCOMES)
        self.outcome.lineEdit().setPlaceholderText(self.tr("Choose or type the outcome"))
        self.outcome.lineEdit().setMaxLength(200)
        self.motivation = QPlainTextEdit()
        self.motivation.setAccessibleName(self.tr("Motivation"))
        self.motivation.setPlaceholderText(self.tr("Why this trajectory, and why now? Required with a warning."))
        self.motivation.setTabChangesFocus(True)
        self.motivation.setFixedHeight(64)
        self.override = QPlainTextEdit()
        self.override.setAccessibleName(self.tr("Reason for overriding the block"))
        self.override.setPlaceholderText(self.tr("Only with a block: why the teamleider allows it anyway"))
        self.override.setTabChangesFocus(True)
        self.override.setFixedHeight(64)

        self.verdict_box = QFrame()
        self.verdict_box.setObjectName("verdict")
        self.verdict_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdictText")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict_label.setAccessibleName(self.tr("The rules' verdict"))
        self.verdict_label.setMinimumHeight(48)
        inner = QVBoxLayout(self.verdict_box)
        inner.setContentsMargins(10, 8, 10, 8)
        inner.addWidget(self.verdict_label)

        self.error_label = QLabel()
        self.error_label.setObjectName("saveError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Error message"))
        self.error_label.setStyleSheet(f"color: {RED}; font-weight: bold")
        self.error_label.hide()

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self._save_text(), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Close without saving (Esc)"))
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        title = self.tr("{title} for {candidate}").format(
            title=f"<b>{html.escape(translate('TrajectoryDialog', MODE_TITLES[self.mode]))}</b>",
            candidate=html.escape(self.candidate_name))
        rules = self.tr("Municipality {municipality}; decision date {date}; the municipality's rules on that day")
        rules = rules.format(municipality=html.escape(self.candidate.municipality or "—"), date=format_nl(self.ctx.today))
        heading = QLabel(f"{title}<br><span style='color:{GREY}'>{rules}</span>")
        heading.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        def row(text: str, widget: QWidget, visible: bool = True) -> None:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            if not visible:
                form.setRowVisible(widget, False)

        ends = QHBoxLayout()
        ends.addWidget(self.planned_end)
        ends.addWidget(self.open_end)
        ends.addStretch(1)
        ends.addWidget(self.duration)
        ends_widget = QWidget()
        ends_widget.setLayout(ends)
        ends.setContentsMargins(0, 0, 0, 0)
        self.ends_widget = ends_widget
        start_row = QHBoxLayout()
        start_row.setContentsMargins(0, 0, 0, 0)
        start_row.addWidget(self.start)
        start_row.addStretch(1)
        start_widget = QWidget()
        start_widget.setLayout(start_row)
        end_row = QHBoxLayout()
        end_row.setContentsMargins(0, 0, 0, 0)
        end_row.addWidget(self.actual_end)
        end_row.addWidget(self.aborted)
        end_row.addStretch(1)
        end_widget = QWidget()
        end_widget.setLayout(end_row)

        row(self.tr("Kind of &trajectory:"), self.kind)
        row(self.tr("Pro&vider:"), self.provider)
        row(self.tr("&Location:"), self.location)
        row(self.tr("Kind of va&cancy:"), self.vacancy_kind)
        row(self.tr("Start &date:"), start_widget)
        form.labelForField(start_widget).setBuddy(self.start)
        row(self.tr("Planned e&nd:") if self.mode != "extend" else self.tr("New e&nd:"), ends_widget)
        form.labelForField(ends_widget).setBuddy(self.planned_end)
        ending = self.mode == "end"
        row(self.tr("&Actual end:"), end_widget, ending)
        form.labelForField(end_widget).setBuddy(self.actual_end)
        row(self.tr("O&utcome:"), self.outcome, ending)
        row(self.tr("&Motivation:"), self.motivation, not ending)
        row(self.tr("&Reason for override:"), self.override, self.is_teamleider and not ending)
        self.form = form

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.verdict_box)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

        chain = [self.kind, self.provider, self.location, self.vacancy_kind, self.start, self.planned_end,
                 self.open_end, self.actual_end, self.aborted, self.outcome, self.motivation, self.override,
                 self.save_button, self.cancel_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

        if self.mode != "start":  # the trajectory itself is fixed; only its end changes
            for widget in (self.kind, self.provider, self.location, self.vacancy_kind, self.start):
                widget.setEnabled(False)
        if ending:
            self.planned_end.setEnabled(False)
        if self.mode != "start":
            self.open_end.setEnabled(False)  # extending names a new last day; ending uses the actual one

    def _fill(self) -> None:
        t = self.trajectory
        if t is None:
            select_data(self.provider, Provider.LEERWERKBEDRIJF)
            select_data(self.location, Location.WERKGEVER)
            return
        select_data(self.kind, t.kind)
        select_data(self.provider, t.provider)
        select_data(self.location, t.location)
        self.start.setDate(qdate(t.start))
        self.open_end.setChecked(t.planned_end is None)
        if t.planned_end is not None:
            self.planned_end.setDate(qdate(t.planned_end))
        if self.mode == "extend":
            base = t.planned_end or self.ctx.today
            self.planned_end.setDate(qdate(last_day_within(base + dt.timedelta(days=1), 3)))
        if self.mode == "end":
            self.actual_end.setDate(qdate(t.actual_end or min(self.ctx.today, t.planned_end or self.ctx.today)))
            self.outcome.setEditText(t.outcome or "")
            self.aborted.setChecked(bool(t.aborted))

    def _connect(self) -> None:
        for box in (self.kind, self.provider, self.location, self.vacancy_kind):
            box.currentIndexChanged.connect(self.update_verdict)
        for edit in (self.start, self.planned_end, self.actual_end):
            edit.dateChanged.connect(self.update_verdict)
        self.open_end.toggled.connect(self.update_verdict)
        self.aborted.toggled.connect(self.update_verdict)
        self.motivation.textChanged.connect(self.update_verdict)
        self.override.textChanged.connect(self._update_save)
        self.outcome.editTextChanged.connect(self._clear_error)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # -- values --------------------------------------------------------------------------------------
    def trajectory_input(self):
        from matchdesk.services.trajectories import TrajectoryInput

        motivation = self.motivation.toPlainText().strip() or None
        planned_end = None if self.open_end.isChecked() else pydate(self.planned_end.date())
        data = TrajectoryInput(kind=TrajectoryKind(self.kind.currentData()), start=pydate(self.start.date()),
                               planned_end=planned_end, provider=_enum(Provider, self.provider.currentData()),
                               location=_enum(Location, self.location.currentData()),
                               vacancy_kind=_enum(VacancyKind, self.vacancy_kind.currentData()), motivation=motivation)
        if self.mode == "end":
            data.planned_end = pydate(self.actual_end.date())  # the rules judge the period as it ran
            data.actual_end = pydate(self.actual_end.date())
            data.aborted = self.aborted.isChecked()
            data.outcome = self.outcome.currentText().strip() or None
        return data

    # -- the live verdict ----------------------------------------------------------------------------
    def update_verdict(self, *_args) -> None:
        from matchdesk.services.trajectories import judge

        self._clear_error()
        data = self.trajectory_input()
        self._show_duration(data)
        self.judge_error = None
        try:
            with self.ctx.db.reading() as session:
                # the full history: for extend and end the rules put this proposal in place of the stored one
                self.verdict = judge(session, self.ctx.rulebooks, self.candidate, data, self.mode, self.ctx.today,
                                     history=self.history)
        except MatchDeskError as error:
            self.verdict, self.judge_error = None, str(error)
        self._show_verdict()
        self._update_save()

    def _show_duration(self, data) -> None:
        end = data.planned_end
        if end is None:
            self.duration.setText(self.tr("indefinite"))
        elif end < data.start:
            self.duration.setText(self.tr("end before start"))
        else:
            months = months_between_inclusive(data.start, end)
            days = (end - data.start).days + 1
            decimals = 0 if float(months).is_integer() else 1
            text = self.tr("{months} months ({days} days)").format(months=format_number_nl(months, decimals),
                                                                   days=format_number_nl(days))
            self.duration.setText(self.tr("elapsed: {duration}").format(duration=text) if self.mode == "end" else text)

    def _show_verdict(self) -> None:
        if self.verdict is None:
            state, findings = "error", [Finding("regels", "block", self.judge_error or self.tr("unknown error"))]
        else:
            state, findings = self.verdict.verdict, self.verdict.findings
        if self.mode == "end" and state == "warning":
            background, color, title = ("#fff6e0", AMBER, self.tr("Please note"))
        else:
            background, color, title = _FRAMES[state]
            title = translate("TrajectoryDialog", title)
        self.verdict_box.setStyleSheet(f"QFrame#verdict {{ background: {background}; border: 1px solid {color};"
                                       " border-radius: 4px; }")
        parts = [f"<b style='color:{color}'>{html.escape(title)}</b>"]
        items = []
        for finding in sorted(findings, key=lambda f: ("block", "warning", "info").index(f.severity)):
            tint = {"block": RED, "warning": AMBER, "info": GREY}[finding.severity]
            items.append(f"<li style='color:{tint}'>{html.escape(finding.message)}</li>")
        if items:
            parts.append("<ul style='margin-left:-20px; margin-top:2px; margin-bottom:0px'>" + "".join(items) + "</ul>")
        hint = self._hint(state)
        if hint:
            parts.append(f"<span style='color:{GREY}'>{html.escape(hint)}</span>")
        self.verdict_label.setText("".join(parts))
        plain = "; ".join([title] + [f.message for f in findings])
        self.verdict_label.setAccessibleDescription(plain)

    def _hint(self, state: str) -> str:
        if self.mode == "end":
            return ""
        if state == "blocked":
            if self.is_teamleider:
                return self.tr("As a teamleider you can override the block: enter the reason.")
            return self.tr("Saving is not possible. Change the trajectory or ask a teamleider.")
        if state == "warning" and not self.motivation.toPlainText().strip():
            return self.tr("Enter a motivation to save.")
        return ""

    def save_allowed(self) -> bool:
        if self.verdict is None:
            return False
        if self.mode == "end":
            return pydate(self.actual_end.date()) >= pydate(self.start.date())
        if self.verdict.verdict == "blocked":
            return self.is_teamleider and bool(self.override.toPlainText().strip())
        if self.verdict.verdict == "warning":
            return bool(self.motivation.toPlainText().strip())
        return True

    def _update_save(self) -> None:
        allowed = self.save_allowed()
        self.save_button.setEnabled(allowed)
        self.save_shortcut.setEnabled(allowed)
        overriding = self.verdict is not None and self.verdict.blocked and self.is_teamleider
        self.override.setEnabled(overriding)
        self.save_button.setText(self.tr("&Save with override") if overriding else self._save_text())

    def _save_text(self) -> str:
        """The Save button's text when no block is being overridden."""
        return translate("TrajectoryDialog", SAVE_TEXTS[self.mode])

    def _clear_error(self, *_args) -> None:
        self.error_label.hide()
        self.error_label.clear()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    # -- saving --------------------------------------------------------------------------------------
    def save(self) -> None:
        from matchdesk.services.trajectories import end_trajectory, extend_trajectory, start_trajectory

        if not self.save_allowed():
            return
        data = self.trajectory_input()
        override = self.override.toPlainText().strip() or None if self.is_teamleider else None
        try:
            with self.ctx.db.unit(self.ctx.user) as session:
                if self.mode == "start":
                    written = start_trajectory(session, self.ctx.rulebooks, self.candidate.id, data, self.ctx.today,
                                               override_reason=override)
                elif self.mode == "extend":
                    written = extend_trajectory(session, self.ctx.rulebooks, self.trajectory.id, self.trajectory.version,
                                                data.planned_end, self.ctx.today, motivation=data.motivation,
                                                override_reason=override)
                else:
                    written = end_trajectory(session, self.trajectory.id, self.trajectory.version, data.actual_end,
                                             data.outcome, data.aborted)
                session.flush()
                self.trajectory_id = written.id
        except MatchDeskError as error:
            self.show_error(str(error))
            return
        self.accept()


def open_trajectory_dialog(parent, ctx, candidate=None, *, mode: str = "start",
                           trajectory_id: uuid.UUID | str | None = None) -> uuid.UUID | None:
    """Show the dialog modally; the trajectory written, or None when cancelled."""
    try:
        dialog = TrajectoryDialog(ctx, candidate, parent, mode=mode, trajectory_id=trajectory_id)
    except MatchDeskError as error:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, "MatchDesk", str(error))
        return None
    return dialog.trajectory_id if dialog.exec() == QDialog.DialogCode.Accepted else None


__all__ = ["MODES", "TrajectoryDialog", "open_trajectory_dialog"]
