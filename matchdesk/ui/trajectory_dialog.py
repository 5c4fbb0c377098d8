"""Start, extend or end a trajectory, with the rules' verdict shown live as the fields change.

A block (red) keeps Save disabled; a teamleider may override it with a reason. A warning (amber)
asks for a motivation before Save is possible. Info findings are grey.

The dialog loads the form's facts once through an op (``services.trajectory_cases.trajectory_form``:
the candidate, the history, the medewerker's role, the trajectory with its version) and judges every
change on the GUI thread with the pure ``judge_form``. Saving runs the start/extend/end use case through
an op; the rules judge again there. An expected error (a refusal, a conflict) is shown in the dialog,
which stays open.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from matchdesk.dates import last_day_within
from matchdesk.domain import Location, Provider, TrajectoryKind, VacancyKind
from matchdesk.errors import MatchDeskError
from matchdesk.rules.facts import Finding, Verdict
from matchdesk.services import trajectory_cases
from matchdesk.services.trajectories import TrajectoryInput, split_outcome
from matchdesk.ui import trajectory_form as tf
from matchdesk.ui.ops import Ops, show_failure
from matchdesk.ui.trajectory_form import MODES, pydate, qdate, select_data
from matchdesk.ui.trajectory_verdict import VerdictView

if TYPE_CHECKING:
    from matchdesk.app import App
    from matchdesk.services.trajectory_cases import TrajectoryForm


class TrajectoryDialog(QDialog):
    """``TrajectoryDialog(app, candidate, parent=None, *, mode="start", trajectory_id=None)``.

    ``candidate``: the candidate's id (UUID) or klantnummer; for ``extend`` and ``end`` the
    candidate follows from ``trajectory_id`` and may be None. The form's facts arrive through an op
    (``ops.wait()`` in tests); a candidate or trajectory that no longer exists is a message, and the
    dialog closes. After Accept, ``trajectory_id`` holds the trajectory written.
    """

    def __init__(self, app: App, candidate: uuid.UUID | str | None = None, parent: QWidget | None = None, *,
                 mode: str = "start", trajectory_id: uuid.UUID | str | None = None) -> None:
        super().__init__(parent)
        if mode not in MODES:
            raise ValueError(f"onbekende modus {mode!r}; kies uit {', '.join(MODES)}")
        if mode != "start" and trajectory_id is None:
            raise ValueError("verlengen en beëindigen vragen om een traject")
        self.app = app
        self.mode = mode
        self.trajectory_id = uuid.UUID(str(trajectory_id)) if trajectory_id is not None else None
        self.form_facts: TrajectoryForm | None = None  # the frozen facts, once loaded
        self.verdict: Verdict | None = None
        self.judge_error: str | None = None
        self.candidate_name = ""
        self.saving = False
        self.ops = Ops(self)
        title = tf.mode_title(mode)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._build()
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._update_save()  # nothing to save before the facts are there
        target = self.trajectory_id
        self.ops.run(lambda: trajectory_cases.trajectory_form(app, candidate, target), self._loaded,
                     self._load_failed, key="load")

    # -- data ----------------------------------------------------------------------------------------
    @property
    def trajectory(self) -> trajectory_cases.TrajectoryState | None:
        """The trajectory being extended or ended, as read (with its version)."""
        return self.form_facts.trajectory if self.form_facts is not None else None

    @property
    def is_teamleider(self) -> bool:
        return self.form_facts is not None and self.form_facts.is_teamleider

    def _loaded(self, form: TrajectoryForm) -> None:
        self.form_facts = form
        self.candidate_name = form.label
        self.setWindowTitle(self._title())
        self.heading.setText(tf.heading_html(tf.mode_title(self.mode), form.label, form.municipality,
                                             form.decision_date))
        self.form.setRowVisible(self.override, self.is_teamleider and self.mode != "end")
        self.verdict_box.rules = trajectory_cases.rule_details(self.app.rulebooks, form)
        self._fill()
        self.start_shown = pydate(self.start.date())
        self._connect()
        self.update_verdict()

    def _title(self) -> str:
        return self.tr("{title} — {candidate}").format(title=tf.mode_title(self.mode), candidate=self.candidate_name)

    def _load_failed(self, error: Exception) -> None:
        if isinstance(error, MatchDeskError):
            self._report_load_failure(str(error))
        else:
            show_failure(self, error)
        self.reject()

    def _report_load_failure(self, message: str) -> None:
        QMessageBox.warning(self.parentWidget(), "MatchDesk", message)

    # -- widgets -------------------------------------------------------------------------------------
    def _build(self) -> None:
        today = self.app.today
        self.kind = tf.choice(self.tr("Kind of trajectory"), TrajectoryKind)
        self.provider = tf.choice(self.tr("Provider"), Provider, self.tr("— unknown —"))
        self.location = tf.choice(self.tr("Location"), Location, self.tr("— unknown —"))
        self.location.setToolTip(self.tr("Where the leerwerktraject takes place"))
        self.vacancy_kind = tf.choice(self.tr("Kind of vacancy"), VacancyKind, self.tr("— none —"))
        self.start = tf.date_edit(self.tr("Start date"), today)
        self.planned_end = tf.date_edit(self.tr("Planned end"), last_day_within(today, 6))
        self.planned_end.setToolTip(self.tr("The last day of the trajectory (inclusive)"))
        self.open_end = QCheckBox(self.tr("&Open-ended"))
        self.open_end.setAccessibleName(self.tr("Open-ended"))
        self.open_end.setToolTip(self.tr("For example regular work for an indefinite period"))
        self.duration = QLabel()
        self.duration.setAccessibleName(self.tr("Duration"))
        self.duration.setStyleSheet(f"color: {tf.GREY}")
        self.actual_end = tf.date_edit(self.tr("Actual end"), today)
        self.actual_end.setToolTip(self.tr("The last day on which the trajectory ran (inclusive)"))
        self.aborted = QCheckBox(self.tr("A&borted early"))
        self.aborted.setAccessibleName(self.tr("Aborted early"))
        self.outcome = tf.outcome_box(self.tr("Outcome"), self.tr("Choose or type the outcome"))
        self.reason = tf.outcome_box(self.tr("Reason for ending"), self.tr("Why it ended; required when aborted"),
                                     tf.REASONS)
        self.motivation = tf.text_box(self.tr("Motivation"),
                                      self.tr("Why this trajectory, and why now? Required with a warning."))
        self.override = tf.text_box(self.tr("Reason for overriding the block"),
                                    self.tr("Only with a block: why the teamleider allows it anyway"))
        self.verdict_box = VerdictView(self.tr("The rules' verdict"))
        self.verdict_label = self.verdict_box.label
        self.verdict_box.details.toggled.connect(lambda _shown: tf.fit_height(self))
        self.error_label = tf.error_line(self.tr("Error message"))
        self.buttons, self.save_button, self.cancel_button = tf.dialog_buttons(self._save_text())
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.heading = QLabel()  # the candidate and the rules, once the facts are loaded
        self.heading.setWordWrap(True)
        self.form = form = tf.form_layout()

        def row(text: str, widget: QWidget, visible: bool = True, buddy: QWidget | None = None) -> None:
            tf.add_row(form, text, widget, visible, buddy)

        self.ends_widget = tf.in_a_row(self.planned_end, self.open_end, self.duration, stretch_at=2)
        start_widget = tf.in_a_row(self.start)
        end_widget = tf.in_a_row(self.actual_end, self.aborted)
        ending = self.mode == "end"
        row(self.tr("Kind of &trajectory:"), self.kind)
        row(self.tr("Pro&vider:"), self.provider)
        row(self.tr("&Location:"), self.location)
        row(self.tr("Kind of va&cancy:"), self.vacancy_kind)
        row(self.tr("Start &date:"), start_widget, buddy=self.start)
        row(self.tr("Planned e&nd:") if self.mode != "extend" else self.tr("New e&nd:"), self.ends_widget,
            buddy=self.planned_end)
        row(self.tr("&Actual end:"), end_widget, ending, buddy=self.actual_end)
        row(self.tr("O&utcome:"), self.outcome, ending)
        row(self.tr("&Reason for ending:"), self.reason, ending)
        row(self.tr("&Motivation:"), self.motivation, not ending)
        row(self.tr("&Reason for override:"), self.override, False)  # shown to a teamleider once loaded

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.verdict_box)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

        tf.chain_tabs([self.kind, self.provider, self.location, self.vacancy_kind, self.start, self.planned_end,
                       self.open_end, self.actual_end, self.aborted, self.outcome, self.reason, self.motivation,
                       self.override, self.save_button, self.cancel_button])

        if self.mode != "start":  # the trajectory itself is fixed; only its end changes
            for widget in (self.kind, self.provider, self.location, self.vacancy_kind, self.start, self.open_end):
                widget.setEnabled(False)  # extending names a new last day; ending uses the actual one
        if ending:
            self.planned_end.setEnabled(False)

    def _fill(self) -> None:
        t, today = self.trajectory, self.app.today
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
        if self.mode == "extend":  # a new last day, also for one that was open-ended
            self.open_end.setChecked(False)
            base = t.planned_end or today
            self.planned_end.setDate(qdate(last_day_within(base + dt.timedelta(days=1), 3)))
        if self.mode == "end":
            self.actual_end.setDate(qdate(t.actual_end or min(today, t.planned_end or today)))
            outcome, reason = split_outcome(t.outcome)
            self.outcome.setEditText(outcome)
            self.reason.setEditText(reason)
            self.aborted.setChecked(bool(t.aborted))

    def _connect(self) -> None:
        for box in (self.kind, self.provider, self.location, self.vacancy_kind):
            box.currentIndexChanged.connect(self.update_verdict)
        self.start.dateChanged.connect(self._start_moved)  # before the verdict: the planned end follows
        for edit in (self.start, self.planned_end, self.actual_end):
            edit.textChanged.connect(self.update_verdict)  # a date that cannot be read is judged too
        self.open_end.toggled.connect(self.update_verdict)
        self.aborted.toggled.connect(self.update_verdict)
        self.motivation.textChanged.connect(self.update_verdict)
        self.override.textChanged.connect(self._update_save)
        self.outcome.editTextChanged.connect(self._clear_error)
        self.reason.editTextChanged.connect(self.update_verdict)

    def _start_moved(self, *_args: object) -> None:
        """A new start date moves the planned end by the same length (whole months stay whole months)."""
        new, old = self.start.value(), self.start_shown
        if new is None or new == old:
            return
        self.start_shown = new
        end = self.planned_end.value()
        if self.mode == "start" and end is not None and not self.open_end.isChecked() and end >= old:
            self.planned_end.setDate(qdate(tf.follow_start(old, end=end, new=new)))

    def unreadable_date(self) -> str | None:
        """The message for the first date field in use that holds no readable date, else None."""
        fields = [(self.start, self.tr("Start date"))]
        if self.mode == "end":
            fields.append((self.actual_end, self.tr("Actual end")))
        elif not self.open_end.isChecked():
            fields.append((self.planned_end, self.tr("Planned end")))
        for field, name in fields:
            if field.value() is None:
                problem = field.error() or self.tr("a date is required")
                return self.tr("{field}: {problem}").format(field=name, problem=problem)
        return None

    # -- values --------------------------------------------------------------------------------------
    def trajectory_input(self) -> TrajectoryInput:
        motivation = self.motivation.toPlainText().strip() or None
        planned_end = None if self.open_end.isChecked() else pydate(self.planned_end.date())
        data = TrajectoryInput(kind=TrajectoryKind(self.kind.currentData()), start=pydate(self.start.date()),
                               planned_end=planned_end, provider=tf.enum_value(Provider, self.provider.currentData()),
                               location=tf.enum_value(Location, self.location.currentData()),
                               vacancy_kind=tf.enum_value(VacancyKind, self.vacancy_kind.currentData()),
                               motivation=motivation)
        if self.mode == "end":
            data.planned_end = pydate(self.actual_end.date())  # the rules judge the period as it ran
            data.actual_end = pydate(self.actual_end.date())
            data.aborted = self.aborted.isChecked()
            data.outcome = self.outcome.currentText().strip() or None
            data.reason = self.reason.currentText().strip() or None
        return data

    # -- the live verdict ----------------------------------------------------------------------------
    def update_verdict(self, *_args: object) -> None:
        """Judge the fields as they are now (on the GUI thread: the rules need no database)."""
        if self.form_facts is None:
            return
        self._clear_error()
        self.judge_error = self.unreadable_date()
        if self.judge_error is not None:
            self.verdict = None
            self.duration.setText("")
            self._show_verdict()
            self._update_save()
            return
        data = self.trajectory_input()
        self.duration.setText(tf.duration_text(data.start, data.planned_end, self.mode == "end"))
        try:
            # the full history: for extend and end the rules put this proposal in place of the stored one
            self.verdict = trajectory_cases.judge_form(self.app.rulebooks, self.form_facts, data, self.mode)
        except MatchDeskError as error:
            self.verdict, self.judge_error = None, str(error)
        self._show_verdict()
        self._update_save()

    def _show_verdict(self) -> None:
        if self.verdict is None:
            state, findings = "error", [Finding("regels", "block", self.judge_error or self.tr("unknown error"))]
        else:
            state, findings = self.verdict.verdict, self.verdict.findings
        self.verdict_box.show_verdict(state, self.mode == "end", findings, self._hint(state))
        tf.fit_height(self)  # the facts (heading, verdict, override field) arrive after the dialog is shown

    def _hint(self, state: str) -> str:
        if self.mode == "end":
            return self.tr("Enter the reason why it was aborted.") if self._reason_missing() else ""
        if state == "blocked":
            if self.is_teamleider:
                return self.tr("As a teamleider you can override the block: enter the reason.")
            return self.tr("Saving is not possible. Change the trajectory or ask a teamleider.")
        if state == "warning" and not self.motivation.toPlainText().strip():
            return self.tr("Enter a motivation to save.")
        return ""

    def save_allowed(self) -> bool:
        if self.verdict is None or self.saving:
            return False
        if self.mode == "end":
            return pydate(self.actual_end.date()) >= pydate(self.start.date()) and not self._reason_missing()
        if self.verdict.verdict == "blocked":
            return self.is_teamleider and bool(self.override.toPlainText().strip())
        if self.verdict.verdict == "warning":
            return bool(self.motivation.toPlainText().strip())
        return True

    def _reason_missing(self) -> bool:
        return self.aborted.isChecked() and not self.reason.currentText().strip()

    def _update_save(self) -> None:
        allowed = self.save_allowed()
        self.save_button.setEnabled(allowed)
        self.save_shortcut.setEnabled(allowed)
        overriding = self.verdict is not None and self.verdict.blocked and self.is_teamleider
        self.override.setEnabled(overriding)
        self.save_button.setText(self.tr("&Save with override") if overriding else self._save_text())

    def _save_text(self) -> str:
        """The Save button's text when no block is being overridden."""
        return tf.save_text(self.mode)

    def _clear_error(self, *_args: object) -> None:
        self.error_label.hide()
        self.error_label.clear()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        tf.fit_height(self)

    # -- saving --------------------------------------------------------------------------------------
    def save(self) -> None:
        """Run the use case through an op; the dialog closes when it is written, else shows why not."""
        if not self.save_allowed() or self.form_facts is None:
            return
        data = self.trajectory_input()
        override = self.override.toPlainText().strip() or None if self.is_teamleider else None
        write = self._write(self.form_facts, data, override)
        self.saving = True
        self._update_save()
        self.ops.run(write, self._saved, self._save_failed, key="save")

    def _write(self, form: TrajectoryForm, data: TrajectoryInput,
               override: str | None) -> Callable[[], uuid.UUID | None]:
        """The use case that saves (run off the GUI thread); it returns the trajectory written."""
        app, state = self.app, form.trajectory
        if self.mode == "start":
            return lambda: trajectory_cases.start(app, form.candidate_id, data, override_reason=override).id
        assert state is not None
        if self.mode == "extend":
            return lambda: trajectory_cases.extend(app, state.id, state.version, data.planned_end,
                                                   motivation=data.motivation, override_reason=override).id
        actual_end = data.actual_end
        assert actual_end is not None
        return lambda: trajectory_cases.end(app, state.id, state.version, actual_end, data.outcome, data.aborted,
                                            data.reason).id

    def _saved(self, trajectory_id: uuid.UUID | None) -> None:
        self.saving = False
        self.trajectory_id = trajectory_id
        self.accept()

    def _save_failed(self, error: Exception) -> None:
        self.saving = False
        self._update_save()
        if isinstance(error, MatchDeskError):
            self.show_error(str(error))
        else:
            show_failure(self, error)


def open_trajectory_dialog(parent: QWidget | None, app: App, candidate: uuid.UUID | str | None = None, *,
                           mode: str = "start", trajectory_id: uuid.UUID | str | None = None) -> uuid.UUID | None:
    """Show the dialog modally; the trajectory written, or None when cancelled (or when it no longer exists)."""
    dialog = TrajectoryDialog(app, candidate, parent, mode=mode, trajectory_id=trajectory_id)
    return dialog.trajectory_id if dialog.exec() == QDialog.DialogCode.Accepted else None


__all__ = ["MODES", "TrajectoryDialog", "open_trajectory_dialog", "qdate", "select_data"]
