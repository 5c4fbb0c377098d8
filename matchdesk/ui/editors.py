"""Opening a record in its editor: ``open_editor(parent, app, kind, key)``.

The record is loaded by its use case off the GUI thread; the editor is shown (modal to ``parent``) when the
frozen value arrives, and a failure shows the core's Dutch message (e.g. a record deleted meanwhile). A
newer request supersedes one still loading, so a quick second double-click opens the second record only.
``on_saved(saved)`` is called after the editor saved (the window refreshes its page then).
``new_record(parent, app, kind)`` shows the editor of a new record (a new vacancy with its ``employer``).

The editors themselves live one per module (``candidate_editor``, ``employer_editor``, ``vacancy_editor``,
their shared flow in ``editor_base``); they are importable from here too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QWidget

from matchdesk.app import App
from matchdesk.services.candidate_cases import open_candidate_of_trajectory
from matchdesk.services.employers import EmployerChoice
from matchdesk.services.records import Saved
from matchdesk.ui.candidate_editor import CandidateEditor
from matchdesk.ui.editor_base import EditorDialog
from matchdesk.ui.employer_editor import EmployerEditor
from matchdesk.ui.ops import Ops
from matchdesk.ui.vacancy_editor import VacancyEditor

EDITORS: dict[str, type[EditorDialog]] = {
    "kandidaat": CandidateEditor, "werkgever": EmployerEditor, "vacature": VacancyEditor}


def editor_lane(owner: QObject | None) -> Ops:
    """The lane that loads records for editors opened from ``owner`` (apart from the owner's other ops, so
    an editor never waits behind a long ranking or import)."""
    owner = owner if owner is not None else QCoreApplication.instance()
    lane = owner.findChild(Ops, "editors", Qt.FindChildOption.FindDirectChildrenOnly)
    if lane is None:
        lane = Ops(owner)
        lane.setObjectName("editors")
    return lane


def open_editor(parent: QWidget | None, app: App, kind: str, key: str,
                on_saved: Callable[[Saved], None] | None = None) -> None:
    """Load the record (kind kandidaat|werkgever|vacature|traject; key klantnummer|kvk|referentie|trajectory
    id) and show it in its editor; a trajectory opens its candidate on the Trajecten tab."""
    editor_type = CandidateEditor if kind == "traject" else EDITORS.get(kind)
    if editor_type is None:
        return

    def load() -> Any:
        if kind == "traject":
            return open_candidate_of_trajectory(app, key)
        return editor_type.opens(app, key)

    def show(record: Any) -> None:
        if record is None:  # no such trajectory (any more): nothing to open
            return
        editor = editor_type(app, record, parent)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if kind == "traject":
            editor.tabs.setCurrentIndex(editor.tabs.count() - 1)
        if on_saved is not None:
            editor.record_saved.connect(on_saved)
        editor.open()

    editor_lane(parent).run(load, show, key="open")


def new_record(parent: QWidget | None, app: App, kind: str, on_saved: Callable[[Saved], None] | None = None, *,
               employer: EmployerChoice | None = None) -> EditorDialog | None:
    """The editor of a new record of ``kind`` (kandidaat|werkgever|vacature), shown modal to ``parent``; a new
    vacancy needs its ``employer``. Returns the editor (shown already)."""
    editor_type = EDITORS.get(kind)
    if editor_type is None:
        return None
    if editor_type is VacancyEditor:
        editor: EditorDialog = VacancyEditor(app, None, parent, employer=employer)
    else:
        editor = editor_type(app, None, parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_saved is not None:
        editor.record_saved.connect(on_saved)
    editor.open()
    return editor


__all__ = ["EDITORS", "CandidateEditor", "EditorDialog", "EmployerEditor", "VacancyEditor", "editor_lane",
           "new_record", "open_editor"]
