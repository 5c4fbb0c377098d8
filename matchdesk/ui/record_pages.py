"""The record lists: Kandidaten, Werkgevers, Vacatures & leerwerkplekken (``list_page.ListPage`` does the
paging, sorting, export and the Nieuw… button; these say which filters apply). Each hides archived records
unless "Ook gearchiveerd" is ticked; Nieuwe vacature asks for the employer first."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout

from matchdesk.domain import Categorie, Doelgroep, TaaleisStatus, VacancyKind, VacancyStatus
from matchdesk.labels import label
from matchdesk.services.lists import CANDIDATES, EMPLOYERS, VACANCIES, ListFilter
from matchdesk.ui.list_page import ListPage, choice_box


class CandidatesPage(ListPage):
    title = QT_TRANSLATE_NOOP("Page", "Candidates")
    spec = CANDIDATES
    placeholder = QT_TRANSLATE_NOOP("ListPage", "Search by name, client number…")
    new_text = QT_TRANSLATE_NOOP("ListPage", "&New candidate")
    rank_text = QT_TRANSLATE_NOOP("ListPage", "Rank vacancies")

    def build_filters(self, bar: QHBoxLayout) -> None:
        # the values (domain enums, municipalities) are Dutch data; only the words around them are translated
        self.mine = QCheckBox(self.tr("&My candidates"))
        self.mine.setChecked(True)  # the default view of a matchmaker's day
        self.doelgroep = choice_box(self.tr("Doelgroep"), [(self.tr("Doelgroep: all"), None)]
                                    + [(self.tr("Doelgroep {value}").format(value=d.value), d.value)
                                       for d in Doelgroep])
        self.categorie = choice_box(self.tr("Category"), [(self.tr("Category: all"), None)]
                                    + [(self.tr("Category {value}").format(value=c.value), c.value) for c in Categorie])
        self.municipality = choice_box(self.tr("Municipality"), [(self.tr("Municipality: all"), None)]
                                       + [(m, m) for m in sorted(self.app.rulebooks.municipalities())])
        self.taaleis = choice_box(self.tr("Taaleis"),
                                  [(self.tr("Taaleis: all"), None), (self.tr("Taaleis: open"), "open")]
                                  + [(self.tr("Taaleis: {value}").format(value=label(t)), t.value)
                                     for t in TaaleisStatus])
        self.young = QCheckBox(self.tr("Young people <27 without startkwalificatie"))
        self.fifty = QCheckBox(self.tr("50-plus"))
        self.statushouder = QCheckBox(self.tr("Status holder"))
        self.banenafspraak = QCheckBox(self.tr("Banenafspraak"))
        for widget in (self.mine, self.doelgroep, self.categorie, self.municipality, self.taaleis, self.young,
                       self.fifty, self.statushouder, self.banenafspraak):
            bar.addWidget(widget)
            self.connect_filter(widget)
        self.archived_filter(bar)

    def current_filter(self) -> ListFilter:
        return ListFilter(
            text=self.search.text(), owner=self.app.user if self.mine.isChecked() else None,
            doelgroep=self.doelgroep.currentData(), categorie=self.categorie.currentData(),
            municipality=self.municipality.currentData(), taaleis=self.taaleis.currentData(),
            young_without_startkwalificatie=self.young.isChecked(), fifty_plus=self.fifty.isChecked(),
            statushouder=self.statushouder.isChecked(), banenafspraak=self.banenafspraak.isChecked(),
            archived=self.show_archived())

    def count_text(self, count: str) -> str:
        return self.tr("{count} candidates", "", self.model.total).format(count=count)  # 1 kandidaat

    def show_all(self) -> None:
        """Leave "Mijn kandidaten" (e.g. when opening a colleague's candidate from search)."""
        self.mine.setChecked(False)


class EmployersPage(ListPage):
    title = QT_TRANSLATE_NOOP("Page", "Employers")
    spec = EMPLOYERS
    placeholder = QT_TRANSLATE_NOOP("ListPage", "Search by name, KvK or place…")
    new_text = QT_TRANSLATE_NOOP("ListPage", "&New employer")

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.mine = QCheckBox(self.tr("&My employers"))
        bar.addWidget(self.mine)
        self.connect_filter(self.mine)
        self.archived_filter(bar)

    def current_filter(self) -> ListFilter:
        return ListFilter(text=self.search.text(), owner=self.app.user if self.mine.isChecked() else None,
                          archived=self.show_archived())

    def count_text(self, count: str) -> str:
        return self.tr("{count} employers", "", self.model.total).format(count=count)  # 1 kandidaat


class VacanciesPage(ListPage):
    title = QT_TRANSLATE_NOOP("Page", "Vacancies & leerwerkplekken")
    spec = VACANCIES
    placeholder = QT_TRANSLATE_NOOP("ListPage", "Search by title, reference, employer or place…")
    new_text = QT_TRANSLATE_NOOP("ListPage", "&New vacancy")
    rank_text = QT_TRANSLATE_NOOP("ListPage", "Rank candidates")

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.kind = choice_box(self.tr("Type"), [(self.tr("Type: all"), None)]
                               + [(label(k), k.value) for k in VacancyKind])
        self.status = choice_box(self.tr("Status"), [(self.tr("Status: all"), None)]
                                 + [(label(s), s.value) for s in VacancyStatus])
        self.status.setCurrentIndex(1)  # open
        for widget in (self.kind, self.status):
            bar.addWidget(widget)
            self.connect_filter(widget)
        self.archived_filter(bar)

    def current_filter(self) -> ListFilter:
        return ListFilter(text=self.search.text(), kind=self.kind.currentData(), status=self.status.currentData(),
                          archived=self.show_archived())

    def new_record(self) -> None:
        """A vacancy belongs to an employer: ask which one first (by name or KvK), then its editor."""
        from matchdesk.ui.editors import new_record
        from matchdesk.ui.employer_picker import EmployerPicker

        picker = EmployerPicker(self.app, self.window())
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.accepted.connect(lambda: new_record(self.window(), self.app, "vacature", self._record_saved,
                                                   employer=picker.chosen))
        picker.open()

    def count_text(self, count: str) -> str:
        return self.tr("{count} vacancies", "", self.model.total).format(count=count)  # 1 kandidaat


__all__ = ["CandidatesPage", "EmployersPage", "VacanciesPage"]
