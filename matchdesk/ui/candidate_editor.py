"""The candidate editor: person, doelgroep and schemes, availability, skills and language, contact moments,
proposals and trajectories."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from matchdesk.dates import format_nl
from matchdesk.domain import Categorie, Doelgroep, Provider, SkillSource, TaaleisStatus, TrajectoryKind
from matchdesk.labels import label as display_name
from matchdesk.services.candidate_cases import (
    CandidateRecord,
    TrajectoryLine,
    archive_candidate,
    candidate_trajectories,
    open_candidate,
    restore_candidate,
    save_candidate,
)
from matchdesk.services.candidates import SkillInput
from matchdesk.services.records import Saved
from matchdesk.ui.editor_base import EditorDialog
from matchdesk.ui.forms import Field
from matchdesk.ui.icons import icon
from matchdesk.ui.skills_editor import LanguageEditor, SkillsEditor
from matchdesk.ui.trajectory_actions import Selected, TrajectoryActions

translate = QCoreApplication.translate

# Field labels and tab titles are marked in the context "EditorDialog" and translated when shown.
CANDIDATE_FIELDS = [
    Field("klantnummer", QT_TRANSLATE_NOOP("EditorDialog", "&Client number:")),
    Field("voornaam", QT_TRANSLATE_NOOP("EditorDialog", "&First name:")),
    Field("tussenvoegsel", QT_TRANSLATE_NOOP("EditorDialog", "Surname p&refix:")),
    Field("achternaam", QT_TRANSLATE_NOOP("EditorDialog", "&Surname:")),
    Field("birth_date", QT_TRANSLATE_NOOP("EditorDialog", "Date of &birth:"), "date", "geboortedatum"),
    Field("bsn", QT_TRANSLATE_NOOP("EditorDialog", "BS&N:")),
    Field("bsn_test_data", QT_TRANSLATE_NOOP("EditorDialog", "BSN is &generated test data:"), "bool",
          "bsn_testgegeven"),
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
    # the one free text that may reach an employer, after it is confirmed in the print preview
    Field("employer_text", QT_TRANSLATE_NOOP("EditorDialog", "Te&xt for the employer:"), "multiline",
          "tekst_voor_werkgever"),
    Field("work_limitations", QT_TRANSLATE_NOOP("EditorDialog", "&Limitations (functional):"),
          "multiline", "beperkingen"),
    Field("notes", QT_TRANSLATE_NOOP("EditorDialog", "&Notes:"), "multiline", "notities"),
]
_TABS = {
    QT_TRANSLATE_NOOP("EditorDialog", "Person"): [
        "klantnummer", "voornaam", "tussenvoegsel", "achternaam", "birth_date", "bsn", "bsn_test_data", "adres",
        "postcode",
        "woonplaats", "municipality", "telefoon", "email"],
    QT_TRANSLATE_NOOP("EditorDialog", "Doelgroep and schemes"): [
        "doelgroep", "categorie", "benefit_type", "banenafspraak", "beschut_indicatie", "wsw", "statushouder",
        "taalachterstand", "taaleis_status", "taaleis_date", "startkwalificatie", "ontheffing_until", "loonwaarde"],
    QT_TRANSLATE_NOOP("EditorDialog", "Availability and wishes"): [
        "hours_per_week", "available_from", "driving_licences", "max_travel_km", "desired_occupations", "wishes",
        "employer_text", "work_limitations", "notes"],
}


class CandidateEditor(EditorDialog):
    kind = "kandidaat"
    fields = CANDIDATE_FIELDS
    opens = staticmethod(open_candidate)
    archives = staticmethod(archive_candidate)
    restores = staticmethod(restore_candidate)

    def _fit_tab_titles(self) -> None:
        """Wide enough for every tab title (7 with Contactmomenten; fonts differ per desktop), within the screen:
        on a laptop the tab bar scrolls rather than the dialog leaving the screen."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        wanted = self.tabs.tabBar().sizeHint().width() + 48
        width = max(860, min(wanted, screen.width() - 40 if screen is not None else wanted))
        self.resize(width, 620)

    def build_tabs(self) -> None:
        self.resize(860, 620)  # room for every tab title, Voorstellen included
        for number, (title, attrs) in enumerate(_TABS.items()):
            page = QWidget()
            page.setLayout(self.form.layout_for(attrs))
            self.tabs.addTab(page, translate("EditorDialog", title))
            if number == 0:  # Persoon: whose candidate it is (a new one becomes the medewerker's own)
                self.owner_label = QLabel(self.app.user if self.key is None else "—")
                self.owner_label.setAccessibleName(self.tr("Case manager"))
                page.layout().addRow(self.tr("Case manager:"), self.owner_label)
        self.form.widgets["employer_text"].setToolTip(self.tr(
            "The only free text an anonymised profile may hold: it goes to an employer only after you confirm it "
            "in the print preview. Write nothing about health, debts, justice, religion or family."))
        skills_tab = QWidget()
        self.skills_editor = SkillsEditor(self.app, self.mark_dirty)
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

        self.proposals_panel = ProposalsPanel(self.app, candidate_id=self.record_id)  # moves are saved at once
        self.proposals_panel.changed.connect(self._refresh_trajectories)
        self.tabs.addTab(self.proposals_panel, self.tr("Proposals"))
        self.trajectories = QTableWidget(0, 5)
        self.trajectories.setHorizontalHeaderLabels(
            [self.tr("Type"), self.tr("Provider"), self.tr("Start"), self.tr("End"), self.tr("Verdict")])
        self.trajectories.setAccessibleName(self.tr("Trajectories of the candidate"))
        self.trajectories.horizontalHeader().setStretchLastSection(True)
        self.trajectories.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.trajectories.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.trajectories.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.trajectories.setWordWrap(False)
        self.trajectories.verticalHeader().setVisible(False)
        self.trajectory_lines: Sequence[TrajectoryLine] = ()
        self.trajectory_tab = self._trajectory_tab()
        self.tabs.addTab(self.trajectory_tab, self.tr("Trajectories"))
        self._fit_tab_titles()
        self.skills_loaded: list = []
        self.levels_loaded: dict = {}
        if self.key is not None:
            print_button = self.buttons.addButton(self.tr("&Print profile…"), QDialogButtonBox.ButtonRole.ActionRole)
            print_button.setIcon(icon("afdrukken"))
            print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))  # Ctrl+P; letters are taken
            print_button.setToolTip(self.tr("Print profile (Ctrl+P)"))
            print_button.clicked.connect(self.print_profile)
            from matchdesk.ui.audit_dialog import audit_trail_button

            self.audit_button = audit_trail_button(self, self.buttons, self.app)  # enabled for a teamleider
            self.audit_button.clicked.connect(self.show_audit_trail)

    def show_record(self, record: CandidateRecord) -> None:
        super().show_record(record)
        self.owner_label.setText(record.owner or "—")
        self.skills_loaded = [(s.text, s.level, s.source) for s in record.skills]
        self.skills_editor.set_skills(self.skills_loaded)
        self.language_editor.set_levels(record.languages)
        self.levels_loaded = self.language_editor.levels()
        self._fill_trajectories(record.trajectories)

    def _show_contacts(self, index: int) -> None:
        if self.tabs.widget(index) is self.contacts_tab and self.contacts_panel is None and self.record_id:
            from matchdesk.ui.contacts_panel import ContactsPanel

            self.contacts_panel = ContactsPanel(self.app, self.record_id, self.key)
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

        preview_profile(self, self.app, self.key)

    def show_audit_trail(self) -> None:
        from matchdesk.ui.audit_dialog import AuditTrailDialog

        self.audit_dialog = AuditTrailDialog(self.app, self.key, parent=self)
        self.audit_dialog.open()

    def heading(self) -> str:
        return self.tr("Candidate {key}").format(key=self.key) if self.key else self.tr("New candidate")

    def record_name(self) -> str:
        values = self.form.values()
        name = " ".join(str(values.get(n) or "").strip() for n in ("voornaam", "tussenvoegsel", "achternaam"))
        name = " ".join(name.split())
        return f"{self.heading()} ({name})" if name else self.heading()

    def _refresh_trajectories(self) -> None:
        """After a placement from the Voorstellen tab or a new trajectory: the trajectories as stored now."""
        if self.record_id is not None:
            app, candidate_id = self.app, self.record_id
            self.ops.run(lambda: candidate_trajectories(app, candidate_id), self._fill_trajectories,
                         key="trajectories")

    # -- the Trajecten tab: start a new one, extend or end the selected one ------------------------------
    def _trajectory_tab(self) -> QWidget:
        self.start_button = QPushButton(self.tr("&Start trajectory…"))
        self.start_button.clicked.connect(self.start_trajectory)
        self.start_button.setEnabled(self.key is not None)
        self.trajectory_actions = TrajectoryActions(self.trajectories, self.app, self.selected_trajectory)
        self.trajectories.itemSelectionChanged.connect(self.trajectory_actions.update)
        self.trajectory_actions.changed.connect(lambda _id: self._refresh_trajectories())
        tab = QWidget()
        buttons = QHBoxLayout()
        for button in (self.start_button, self.trajectory_actions.extend_button, self.trajectory_actions.end_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.trajectories, 1)
        layout.addLayout(buttons)
        return tab

    def selected_trajectory(self) -> Selected | None:
        row = self.trajectories.currentRow()
        if not self.trajectories.selectedItems() or not 0 <= row < len(self.trajectory_lines):
            return None
        line = self.trajectory_lines[row]
        return Selected(line.id, line.start, line.end)

    def _fill_trajectories(self, lines: Sequence[TrajectoryLine]) -> None:
        verdicts = {"allowed": self.tr("Allowed"), "warning": self.tr("Warning"), "blocked": self.tr("Blocked")}
        self.trajectory_lines = tuple(lines)
        self.trajectories.setRowCount(len(lines))
        for r, t in enumerate(lines):
            texts = (display_name(t.kind, TrajectoryKind), display_name(t.provider, Provider),
                     format_nl(t.start), format_nl(t.end), verdicts.get(t.verdict or "", ""))
            for c, text in enumerate(texts):
                self.trajectories.setItem(r, c, QTableWidgetItem(text))
        self.trajectories.resizeColumnsToContents()
        self.trajectory_actions.update()

    def save_call(self, values: dict) -> Callable[[], Saved]:
        new = self.record_id is None
        current = self.skills_editor.skills()
        skills = None if not new and current == self.skills_loaded else [
            SkillInput(label, level, SkillSource(source) if source else SkillSource.ZELF)
            for label, level, source in current]
        levels = self.language_editor.levels()
        languages = None if not new and levels == self.levels_loaded else levels
        app, record_id, version = self.app, self.record_id, self.version
        return lambda: save_candidate(app, record_id, version, values, skills=skills, languages=languages)

    def extra_values(self) -> dict:
        return {"skills": self.skills_editor.skills(),
                "levels": {k.value: (v.value if v else None) for k, v in self.language_editor.levels().items()}}

    def set_extra_values(self, values: dict) -> None:
        if "skills" in values:
            self.skills_editor.set_skills([tuple(s) for s in values["skills"]])
        if "levels" in values:
            self.language_editor.set_levels(values["levels"])

    def start_trajectory(self) -> None:
        from matchdesk.ui.trajectory_dialog import TrajectoryDialog

        dialog = TrajectoryDialog(self.app, self.record_id, parent=self)  # its facts load through its own op
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._refresh_trajectories()
