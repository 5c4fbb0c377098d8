"""Detail editors for candidates, employers and vacancies.

Every editor: Save/Cancel, inline Dutch validation from the services, a question before leaving
unsaved changes, a local draft every 30 s offered back after a crash, and the conflict message when
someone else saved the record meanwhile (nothing is overwritten).
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.dates import format_nl
from matchdesk.domain import (
    REFERENTIENIVEAU,
    Categorie,
    CefrLevel,
    Doelgroep,
    LanguageSkill,
    Provider,
    SkillSource,
    TaaleisStatus,
    VacancyKind,
)
from matchdesk.errors import ConflictError, MatchDeskError, NotFound, ValidationError
from matchdesk.ui import drafts
from matchdesk.ui.forms import Field, RecordForm
from matchdesk.ui.icons import icon

translate = QCoreApplication.translate

# The module's tables (field labels, tab titles, level choices) are marked in the context "EditorDialog"
# and translated when shown.
LEVEL_CHOICES = [(QT_TRANSLATE_NOOP("EditorDialog", "unknown"), None)] + [
    (f"{level.value} ({REFERENTIENIVEAU[level]})" if level in REFERENTIENIVEAU else level.value, level.value)
    for level in CefrLevel]
SKILL_LEVELS = ("", "basis", "gevorderd", "ervaren")  # stored as they are and read back by the import: not translated


class EditorDialog(QDialog):
    """The shared flow; subclasses say which fields, how to load and how to save."""

    kind = ""  # kandidaat | werkgever | vacature (also the draft's name)
    fields: list[Field] = []

    def __init__(self, ctx: App, key: str | None, parent=None) -> None:
        super().__init__(parent)
        self.ctx, self.key = ctx, key
        self.record_id: uuid.UUID | None = None
        self.version: int | None = None
        self.dirty = False
        self.saved = False
        self.form = RecordForm(self.fields, self, context="EditorDialog")
        self.tabs = QTabWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.build_tabs()  # before the layout: the tab order then runs through the tabs' fields to the buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.form.changed.connect(self.mark_dirty)
        if key is not None:
            self.load()
        self._offer_draft()
        self._draft_timer = QTimer(self, interval=drafts.INTERVAL_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._draft_timer.start()
        self._update_title()

    # -- subclass hooks --------------------------------------------------------------------------------
    def build_tabs(self) -> None:
        raise NotImplementedError

    def read(self, session) -> dict:
        """Load the record; set ``record_id`` and ``version``; return the form values."""
        raise NotImplementedError

    def write(self, session, values: dict) -> None:
        raise NotImplementedError

    def extra_values(self) -> dict:
        """Values outside the form (skills, levels) that belong in a draft."""
        return {}

    def set_extra_values(self, values: dict) -> None:
        pass

    def heading(self) -> str:
        return self.kind.capitalize()

    # -- flow ------------------------------------------------------------------------------------------
    def load(self) -> None:
        with self.ctx.db.unit(self.ctx.user) as session:  # viewing a candidate is audited: a write
            values = self.read(session)
        self.form.set_values(values)
        self.dirty = False
        self._update_title()

    def mark_dirty(self) -> None:
        self.dirty = True
        self._update_title()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.heading()}{' *' if self.dirty else ''} — MatchDesk")

    def save(self) -> bool:
        self.form.clear_errors()
        self.message.setVisible(False)
        values = self.form.values()
        try:
            with self.ctx.db.unit(self.ctx.user) as session:
                self.write(session, values)
        except ValidationError as error:
            widget = self.form.show_errors(error)
            self._show_message(self.tr("Not saved: {error}").format(error=error))
            if widget is not None:
                self.tabs.setCurrentWidget(self._tab_of(widget))
                widget.setFocus()
            return False
        except ConflictError as error:
            self._show_message(str(error))
            answer = QMessageBox.warning(
                self, self.tr("Changed at the same time"),
                self.tr("{error}\n\nYour changes have not been saved. Do you want to load the latest version? Your "
                        "own changes will then be lost.").format(error=error),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.load()
            return False
        except MatchDeskError as error:
            self._show_message(self.tr("Not saved: {error}").format(error=error))
            return False
        drafts.discard_draft(self.kind, self.key or "nieuw")
        self.dirty = False
        self.saved = True
        self.accept()
        return True

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)

    def _tab_of(self, widget: QWidget) -> QWidget:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(widget):
                return self.tabs.widget(i)
        return self.tabs.currentWidget()

    def reject(self) -> None:
        if self.dirty:
            answer = QMessageBox.question(
                self, self.tr("Changes not saved"), self.tr("You have changes that have not been saved yet. Save?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self.save()
                return
        drafts.discard_draft(self.kind, self.key or "nieuw")
        self._draft_timer.stop()
        super().reject()

    def closeEvent(self, event) -> None:  # the window's close button asks the same question
        event.ignore()
        self.reject()

    # -- drafts ----------------------------------------------------------------------------------------
    def save_draft(self) -> None:
        if self.dirty:
            drafts.save_draft(self.kind, self.key or "nieuw", {"form": self.form.values(), **self.extra_values()})

    def _offer_draft(self) -> None:
        found = drafts.load_draft(self.kind, self.key or "nieuw")
        if found is None:
            return
        saved_at, values = found
        answer = QMessageBox.question(
            self, self.tr("Draft found"),
            self.tr("There is an unsaved draft from {date} at {time}. Do you want to continue with it?").format(
                date=format_nl(saved_at.date()), time=f"{saved_at:%H:%M}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.form.set_values(values.get("form", {}))
            self.set_extra_values(values)
            self.mark_dirty()
        else:
            drafts.discard_draft(self.kind, self.key or "nieuw")


# -- candidates --------------------------------------------------------------------------------------------

CANDIDATE_FIELDS = [
    Field("klantnummer", QT_TRANSLATE_NOOP("EditorDialog", "&Client number:")),
    Field("voornaam", QT_TRANSLATE_NOOP("EditorDialog", "&First name:")),
    Field("tussenvoegsel", QT_TRANSLATE_NOOP("EditorDialog", "Surname p&refix:")),
    Field("achternaam", QT_TRANSLATE_NOOP("EditorDialog", "&Surname:")),
    Field("birth_date", QT_TRANSLATE_NOOP("EditorDialog", "Date of &birth:"), "date", "geboortedatum"),
    Field("bsn", QT_TRANSLATE_NOOP("EditorDialog", "BS&N:")),
    Field("adres", QT_TRANSLATE_NOOP("EditorDialog", "&Address:")),
    Field("postcode", QT_TRANSLATE_NOOP("EditorDialog", "&Postcode:")),
    Field("woonplaats", QT_TRANSLATE_NOOP("EditorDialog", "&Town:")),
    Field("municipality", QT_TRANSLATE_NOOP("EditorDialog", "&Municipality:"), error_name="gemeente"),
    Field("telefoon", QT_TRANSLATE_NOOP("EditorDialog", "P&hone:")),
    Field("email", QT_TRANSLATE_NOOP("EditorDialog", "&E-mail:")),
    Field("doelgroep", QT_TRANSLATE_NOOP("EditorDialog", "&Doelgroep:"), "choice", choices=Doelgroep),
    Field("categorie", QT_TRANSLATE_NOOP("EditorDialog", "&Category:"), "choice", choices=Categorie),
    Field("benefit_type", QT_TRANSLATE_NOOP("EditorDialog", "Bene&fit:"), error_name="uitkering"),
    Field("banenafspraak", QT_TRANSLATE_NOOP("EditorDialog", "&Banenafspraak (target group register):"), "bool"),
    Field("beschut_indicatie", QT_TRANSLATE_NOOP("EditorDialog", "&Sheltered work indication:"), "bool"),
    Field("wsw", QT_TRANSLATE_NOOP("EditorDialog", "&Wsw (existing SW employee):"), "bool"),
    Field("statushouder", QT_TRANSLATE_NOOP("EditorDialog", "Status &holder:"), "bool"),
    Field("taalachterstand", QT_TRANSLATE_NOOP("EditorDialog", "&Language deficit:"), "bool"),
    Field("taaleis_status", QT_TRANSLATE_NOOP("EditorDialog", "Language &requirement:"),
          "choice", "taaleis_status", choices=TaaleisStatus),
    Field("taaleis_date", QT_TRANSLATE_NOOP("EditorDialog", "Language requirement s&ince:"), "date", "taaleis_datum"),
    Field("startkwalificatie", QT_TRANSLATE_NOOP("EditorDialog", "Basic &qualification:"), "bool"),
    Field("ontheffing_until", QT_TRANSLATE_NOOP("EditorDialog", "&Exemption until:"), "date", "ontheffing_tot"),
    Field("loonwaarde", QT_TRANSLATE_NOOP("EditorDialog", "Wage &value (%):"), "int", "loonwaarde", maximum=100),
    Field("hours_per_week", QT_TRANSLATE_NOOP("EditorDialog", "&Hours per week:"), "int", "uren_per_week", maximum=60),
    Field("available_from", QT_TRANSLATE_NOOP("EditorDialog", "&Available from:"), "date", "beschikbaar_vanaf"),
    Field("driving_licences", QT_TRANSLATE_NOOP("EditorDialog", "&Driving licences:"), error_name="rijbewijs"),
    Field("max_travel_km", QT_TRANSLATE_NOOP("EditorDialog", "&Max. travel distance (km):"),
          "int", "max_reisafstand_km", maximum=300),
    Field("desired_occupations", QT_TRANSLATE_NOOP("EditorDialog", "Desired &occupations:"),
          error_name="gewenste_beroepen"),
    Field("wishes", QT_TRANSLATE_NOOP("EditorDialog", "&Wishes:"), "multiline", "wensen"),
    Field("work_limitations", QT_TRANSLATE_NOOP("EditorDialog", "&Limitations (functional):"),
          "multiline", "beperkingen"),
    Field("notes", QT_TRANSLATE_NOOP("EditorDialog", "&Notes:"), "multiline", "notities"),
]
_TABS = {
    QT_TRANSLATE_NOOP("EditorDialog", "Person"): [
        "klantnummer", "voornaam", "tussenvoegsel", "achternaam", "birth_date", "bsn", "adres", "postcode",
        "woonplaats", "municipality", "telefoon", "email"],
    QT_TRANSLATE_NOOP("EditorDialog", "Doelgroep and schemes"): [
        "doelgroep", "categorie", "benefit_type", "banenafspraak", "beschut_indicatie", "wsw", "statushouder",
        "taalachterstand", "taaleis_status", "taaleis_date", "startkwalificatie", "ontheffing_until", "loonwaarde"],
    QT_TRANSLATE_NOOP("EditorDialog", "Availability and wishes"): [
        "hours_per_week", "available_from", "driving_licences", "max_travel_km", "desired_occupations", "wishes",
        "work_limitations", "notes"],
}


class SkillsEditor(QWidget):
    """Skills picked from the vocabulary (completion, typo-tolerant) or typed freely, each with a level."""

    def __init__(self, on_change, parent=None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QCompleter

        from matchdesk.vocabulary import load_vocabulary

        self._on_change = on_change
        self.vocabulary = load_vocabulary()
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Skills"))
        self.input = QLineEdit(placeholderText=self.tr("Skill, certificate or driving licence…"))
        self.input.setAccessibleName(self.tr("New skill"))
        labels = sorted({s.label for s in self.vocabulary.skills.values()})
        completer = QCompleter(labels, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.input.setCompleter(completer)
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Level of the skill"))
        self.level.addItems(SKILL_LEVELS)
        add = QPushButton(self.tr("&Add"))
        add.clicked.connect(self.add_typed)
        self.input.returnPressed.connect(self.add_typed)
        remove = QPushButton(self.tr("Re&move"))
        remove.clicked.connect(self.remove_selected)
        self.note = QLabel()
        self.note.setStyleSheet("color: #555;")
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        row.addWidget(self.level)
        row.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)

    def _resolver(self):
        from matchdesk.matching.resolve import SkillResolver
        from matchdesk.matching.weights import load_weights

        if not hasattr(self, "_cached_resolver"):
            self._cached_resolver = SkillResolver(self.vocabulary, load_weights("wvs"))
        return self._cached_resolver

    def add_typed(self) -> None:
        text = self.input.text().strip()
        if not text:
            return
        resolution = self._resolver().resolve(text)
        skill = self.vocabulary.get(resolution.skill_id) if resolution.skill_id else None
        label = skill.label if skill else text
        if skill and label.casefold() != text.casefold():
            self.note.setText(self.tr("“{text}” was recognised as “{label}”.").format(text=text, label=label))
        elif not skill:
            self.note.setText(self.tr("“{text}” is not in the vocabulary and is kept as free text.").format(
                text=text))
        else:
            self.note.clear()
        self.add(label, self.level.currentText() or None)
        self.input.clear()
        self._on_change()

    def add(self, label: str, level: str | None, source: str | None = None) -> None:
        if any(self.list.item(i).data(Qt.ItemDataRole.UserRole)[0].casefold() == label.casefold()
               for i in range(self.list.count())):
            return
        item = QListWidgetItem(f"{label} ({level})" if level else label)
        item.setData(Qt.ItemDataRole.UserRole, (label, level, source))
        self.list.addItem(item)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._on_change()

    def skills(self) -> list[tuple[str, str | None, str | None]]:
        return [tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]

    def set_skills(self, skills) -> None:
        self.list.clear()
        for label, level, source in skills:
            self.add(label, level, source)


class LanguageEditor(QWidget):
    """Dutch level per skill as a choice; 1F-4F shown next to A2-C1."""

    def __init__(self, on_change, parent=None) -> None:
        super().__init__(parent)
        self.boxes: dict[LanguageSkill, QComboBox] = {}
        layout = QFormLayout(self)
        for skill in LanguageSkill:
            box = QComboBox()
            box.setAccessibleName(self.tr("Dutch {skill}").format(skill=skill.value))
            for label, value in LEVEL_CHOICES:
                box.addItem(translate("EditorDialog", label), value)
            box.currentIndexChanged.connect(lambda _i: on_change())
            self.boxes[skill] = box
            label = QLabel(self.tr("Dutch – {skill}:").format(skill=skill.value))
            label.setBuddy(box)
            layout.addRow(label, box)

    def levels(self) -> dict[LanguageSkill, CefrLevel | None]:
        return {skill: CefrLevel(box.currentData()) if box.currentData() else None for skill, box in self.boxes.items()}

    def set_levels(self, levels: dict) -> None:
        for skill, box in self.boxes.items():
            value = levels.get(skill) or levels.get(skill.value)
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value.value if isinstance(value, CefrLevel) else value)))
            box.blockSignals(False)


class CandidateEditor(EditorDialog):
    kind = "kandidaat"
    fields = CANDIDATE_FIELDS

    def build_tabs(self) -> None:
        self.resize(860, 620)  # room for every tab title, Voorstellen included
        for title, attrs in _TABS.items():
            page = QWidget()
            page.setLayout(self.form.layout_for(attrs))
            self.tabs.addTab(page, translate("EditorDialog", title))
        skills_tab = QWidget()
        self.skills_editor = SkillsEditor(self.mark_dirty)
        self.language_editor = LanguageEditor(self.mark_dirty)
        tab_layout = QHBoxLayout(skills_tab)
        tab_layout.addWidget(self.skills_editor, 3)
        tab_layout.addWidget(self.language_editor, 2)
        self.tabs.addTab(skills_tab, self.tr("Skills and language"))
        self.contacts_tab = QWidget()  # filled when first shown: its questions come from the matching engine
        QVBoxLayout(self.contacts_tab).setContentsMargins(0, 0, 0, 0)
        self.contacts_panel = None
        if self.key is not None:
            self.tabs.addTab(self.contacts_tab, self.tr("Contact moments"))
            self.tabs.currentChanged.connect(self._show_contacts)
        from matchdesk.ui.proposal_dialog import ProposalsPanel

        self.proposals_panel = ProposalsPanel(self.ctx)  # moves are saved at once, apart from Save
        self.proposals_panel.changed.connect(self._refresh_trajectories)
        self.tabs.addTab(self.proposals_panel, self.tr("Proposals"))
        self.trajectories = QTableWidget(0, 5)
        self.trajectories.setHorizontalHeaderLabels(
            [self.tr("Type"), self.tr("Provider"), self.tr("Start"), self.tr("End"), self.tr("Verdict")])
        self.trajectories.setAccessibleName(self.tr("Trajectories of the candidate"))
        self.trajectories.horizontalHeader().setStretchLastSection(True)
        self.trajectories.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        start = QPushButton(self.tr("&Start trajectory…"))
        start.clicked.connect(self.start_trajectory)
        start.setEnabled(self.key is not None)
        trajectory_tab = QWidget()
        t_layout = QVBoxLayout(trajectory_tab)
        t_layout.addWidget(self.trajectories, 1)
        t_layout.addWidget(start, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(trajectory_tab, self.tr("Trajectories"))
        self.skills_loaded: list = []
        if self.key is not None:
            print_button = self.buttons.addButton(self.tr("&Print profile…"), QDialogButtonBox.ButtonRole.ActionRole)
            print_button.setIcon(icon("afdrukken"))
            print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))  # Ctrl+P; letters are taken
            print_button.setToolTip(self.tr("Print profile (Ctrl+P)"))
            print_button.clicked.connect(self.print_profile)

    def _show_contacts(self, index: int) -> None:
        if self.tabs.widget(index) is self.contacts_tab and self.contacts_panel is None and self.record_id:
            from matchdesk.ui.contacts_panel import ContactsPanel

            self.contacts_panel = ContactsPanel(self.ctx, self.record_id, self.key)
            self.contacts_tab.layout().addWidget(self.contacts_panel)
            self._tab_after_tabs(self.contacts_panel)

    def _tab_after_tabs(self, panel: QWidget) -> None:
        """A page filled later is last in the focus chain: put its fields between the tabs and the buttons."""
        widgets, widget = [], panel.nextInFocusChain()
        while panel.isAncestorOf(widget):
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                widgets.append(widget)
            widget = widget.nextInFocusChain()
        previous = self.tabs
        for widget in widgets:
            QWidget.setTabOrder(previous, widget)
            previous = widget

    def print_profile(self) -> None:
        from matchdesk.ui.print_preview import preview_profile

        preview_profile(self, self.ctx, self.key)

    def heading(self) -> str:
        return self.tr("Candidate {key}").format(key=self.key) if self.key else self.tr("New candidate")

    def read(self, session) -> dict:
        from matchdesk.services.candidates import view_candidate

        candidate = view_candidate(session, self.key)
        self.record_id, self.version = candidate.id, candidate.version
        values = {field.attr: getattr(candidate, field.attr) for field in self.fields}
        self.skills_loaded = [(s.text, s.level, s.source.value if s.source else None)
                              for s in sorted(candidate.skills, key=lambda s: s.position)]
        self.skills_editor.set_skills(self.skills_loaded)
        self.language_editor.set_levels({row.skill: row.level for row in candidate.languages})
        self.levels_loaded = self.language_editor.levels()
        self._fill_trajectories(candidate.trajectories)
        self.proposals_panel.set_candidate(candidate.id, session)
        return values

    def _refresh_trajectories(self) -> None:
        """After a placement from the Voorstellen tab: the trajectory it started."""
        from sqlalchemy import select

        from matchdesk.storage.models import Trajectory

        with self.ctx.db.reading() as session:
            self._fill_trajectories(session.scalars(select(Trajectory).where(
                Trajectory.candidate_id == self.record_id)).all())

    def _fill_trajectories(self, trajectories) -> None:
        verdicts = {"allowed": self.tr("allowed"), "warning": self.tr("warning"), "blocked": self.tr("blocked")}
        rows = sorted(trajectories, key=lambda t: t.start, reverse=True)
        self.trajectories.setRowCount(len(rows))
        for r, t in enumerate(rows):
            texts = (t.kind.value, t.provider.value if t.provider else "", format_nl(t.start),
                     format_nl(t.actual_end or t.planned_end), verdicts.get(t.verdict or "", ""))
            for c, text in enumerate(texts):
                self.trajectories.setItem(r, c, QTableWidgetItem(text))

    def write(self, session, values: dict) -> None:
        from matchdesk.services.candidates import (
            SkillInput,
            create_candidate,
            set_languages,
            set_skills,
            update_candidate,
        )
        from matchdesk.storage.models import Candidate

        skills = [SkillInput(label, level, SkillSource(source) if source else SkillSource.ZELF)
                  for label, level, source in self.skills_editor.skills()]
        levels = self.language_editor.levels()
        if self.record_id is None:
            candidate = create_candidate(session, values, self.ctx.today, skills=skills, languages=levels,
                                         vocabulary=self.skills_editor.vocabulary)
            session.flush()
            self.key = candidate.klantnummer
            return
        update_candidate(session, self.record_id, self.version, values, self.ctx.today)
        candidate = session.get(Candidate, self.record_id)
        if self.skills_editor.skills() != self.skills_loaded:
            set_skills(session, candidate, skills, self.skills_editor.vocabulary)
        if levels != self.levels_loaded:
            set_languages(session, candidate, levels)

    def extra_values(self) -> dict:
        return {"skills": self.skills_editor.skills(),
                "levels": {k.value: (v.value if v else None) for k, v in self.language_editor.levels().items()}}

    def set_extra_values(self, values: dict) -> None:
        if "skills" in values:
            self.skills_editor.set_skills([tuple(s) for s in values["skills"]])
        if "levels" in values:
            self.language_editor.set_levels(values["levels"])

    def start_trajectory(self) -> None:
        try:
            from matchdesk.ui.trajectory_dialog import TrajectoryDialog
        except ImportError:
            return
        dialog = TrajectoryDialog(self.ctx, self.record_id, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            with self.ctx.db.reading() as session:
                from sqlalchemy import select

                from matchdesk.storage.models import Trajectory

                self._fill_trajectories(session.scalars(select(Trajectory).where(
                    Trajectory.candidate_id == self.record_id)).all())


# -- employers and vacancies ---------------------------------------------------------------------------------

EMPLOYER_FIELDS = [
    Field("name", QT_TRANSLATE_NOOP("EditorDialog", "&Name:"), error_name="naam"),
    Field("kvk", QT_TRANSLATE_NOOP("EditorDialog", "&KvK number:")),
    Field("sector", QT_TRANSLATE_NOOP("EditorDialog", "&Sector:")),
    Field("adres", QT_TRANSLATE_NOOP("EditorDialog", "&Address:")),
    Field("postcode", QT_TRANSLATE_NOOP("EditorDialog", "&Postcode:")),
    Field("plaats", QT_TRANSLATE_NOOP("EditorDialog", "Cit&y:")),
    Field("contactpersoon", QT_TRANSLATE_NOOP("EditorDialog", "&Contact person:")),
    Field("email", QT_TRANSLATE_NOOP("EditorDialog", "&E-mail:")),
    Field("telefoon", QT_TRANSLATE_NOOP("EditorDialog", "&Telephone:")),
]


class EmployerEditor(EditorDialog):
    kind = "werkgever"
    fields = EMPLOYER_FIELDS

    def build_tabs(self) -> None:
        self.resize(560, 440)
        page = QWidget()
        page.setLayout(self.form.layout_for([f.attr for f in self.fields]))
        self.tabs.addTab(page, self.tr("Employer"))

    def heading(self) -> str:
        return self.tr("Employer {key}").format(key=self.key) if self.key else self.tr("New employer")

    def read(self, session) -> dict:
        from sqlalchemy import select

        from matchdesk.storage.models import Employer

        employer = session.scalar(select(Employer).where(Employer.kvk == self.key, Employer.deleted_at.is_(None)))
        if employer is None:
            raise NotFound(self.tr("Employer with KvK number {kvk} does not exist").format(kvk=self.key))
        self.record_id, self.version = employer.id, employer.version
        return {field.attr: getattr(employer, field.attr) for field in self.fields}

    def write(self, session, values: dict) -> None:
        from matchdesk.services.employers import create_employer, update_employer

        if self.record_id is None:
            self.key = create_employer(session, values).kvk
        else:
            update_employer(session, self.record_id, self.version, values)


VACANCY_FIELDS = [
    Field("reference", QT_TRANSLATE_NOOP("EditorDialog", "&Reference:"), error_name="referentie"),
    Field("title", QT_TRANSLATE_NOOP("EditorDialog", "&Title:"), error_name="titel"),
    Field("kind", QT_TRANSLATE_NOOP("EditorDialog", "&Kind:"), "choice", "soort", choices=VacancyKind),
    Field("provider", QT_TRANSLATE_NOOP("EditorDialog", "Pro&vider:"), "choice", "aanbieder", choices=Provider),
    Field("place", QT_TRANSLATE_NOOP("EditorDialog", "Cit&y:"), error_name="plaats"),
    Field("postcode", QT_TRANSLATE_NOOP("EditorDialog", "&Postcode:")),
    Field("hours_per_week", QT_TRANSLATE_NOOP("EditorDialog", "&Hours per week:"), "int", "uren_per_week", maximum=60),
    Field("start_date", QT_TRANSLATE_NOOP("EditorDialog", "&Start date:"), "date", "startdatum"),
    Field("positions", QT_TRANSLATE_NOOP("EditorDialog", "Number of p&laces:"), "int", "plaatsen", maximum=500),
    Field("driving_licence", QT_TRANSLATE_NOOP("EditorDialog", "&Driving licence required:"),
          error_name="rijbewijs_vereist"),
    Field("taalondersteuning", QT_TRANSLATE_NOOP("EditorDialog", "Lan&guage support:"), "bool"),
    Field("description", QT_TRANSLATE_NOOP("EditorDialog", "D&escription:"), "multiline", "omschrijving"),
]


class VacancyEditor(EditorDialog):
    kind = "vacature"
    fields = VACANCY_FIELDS

    def build_tabs(self) -> None:
        self.resize(620, 560)
        page = QWidget()
        page.setLayout(self.form.layout_for([f.attr for f in self.fields]))
        self.tabs.addTab(page, self.tr("Vacancy"))
        self.skills_label = QLabel()
        self.skills_label.setWordWrap(True)
        requirements = QWidget()
        QVBoxLayout(requirements).addWidget(self.skills_label)
        self.tabs.addTab(requirements, self.tr("Requirements"))

    def heading(self) -> str:
        return self.tr("Vacancy {key}").format(key=self.key) if self.key else self.tr("New vacancy")

    def read(self, session) -> dict:
        from matchdesk.services.vacancies import get_by_reference

        vacancy = get_by_reference(session, self.key, full=True)
        self.record_id, self.version = vacancy.id, vacancy.version
        required = [s.text for s in vacancy.skills if s.required]
        desired = [s.text for s in vacancy.skills if not s.required]
        levels = [f"{row.skill.value} {row.level.value}" for row in vacancy.languages if row.level]
        self.skills_label.setText(self.tr("<b>Required:</b> {required}<br><b>Desired:</b> {desired}<br><b>Dutch at "
                                          "least:</b> {levels}").format(required=", ".join(required) or "—",
                                                                        desired=", ".join(desired) or "—",
                                                                        levels=", ".join(levels) or "—"))
        return {field.attr: getattr(vacancy, field.attr) for field in self.fields}

    def write(self, session, values: dict) -> None:
        from matchdesk.services.vacancies import update_vacancy

        if self.record_id is None:
            raise ValidationError("werkgever", None, self.tr("you create a new vacancy from its employer"))
        update_vacancy(session, self.record_id, self.version, values)


EDITORS = {"kandidaat": CandidateEditor, "werkgever": EmployerEditor, "vacature": VacancyEditor}


def open_editor(parent, ctx: App, kind: str, key: str) -> bool:
    """Open the record in its editor; True when something was saved."""
    if kind == "traject":
        return _open_trajectory(parent, ctx, key)
    editor_type = EDITORS.get(kind)
    if editor_type is None:
        return False
    try:
        editor = editor_type(ctx, key, parent)
    except MatchDeskError as error:
        QMessageBox.warning(parent, "MatchDesk", str(error))
        return False
    editor.exec()
    return editor.saved


def _open_trajectory(parent, ctx: App, key: str) -> bool:
    """A trajectory opens its candidate, on the Trajecten tab."""
    from sqlalchemy import select

    from matchdesk.storage.models import Candidate, Trajectory

    with ctx.db.reading() as session:
        klantnummer = session.scalar(select(Candidate.klantnummer).join(Trajectory, Trajectory.candidate_id == Candidate.id)
                                     .where(Trajectory.id == uuid.UUID(key)))
    if klantnummer is None:
        return False
    editor = CandidateEditor(ctx, klantnummer, parent)
    editor.tabs.setCurrentIndex(editor.tabs.count() - 1)
    editor.exec()
    return editor.saved
