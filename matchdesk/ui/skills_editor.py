"""The candidate editor's Vaardigheden en taal tab: skills from the vocabulary (completion, typo-tolerant)
or typed freely, each with a level; the Dutch level per language skill."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.domain import REFERENTIENIVEAU, CefrLevel, LanguageSkill
from matchdesk.services.skills import resolve_skill, skill_labels
from matchdesk.ui.ops import Ops

translate = QCoreApplication.translate

# The level choices are marked in the context "EditorDialog" (with the editors' field labels) and translated
# when shown.
LEVEL_CHOICES = [(QT_TRANSLATE_NOOP("EditorDialog", "unknown"), None)] + [
    (f"{level.value} ({REFERENTIENIVEAU[level]})" if level in REFERENTIENIVEAU else level.value, level.value)
    for level in CefrLevel]
SKILL_LEVELS = ("", "basis", "gevorderd", "ervaren")  # stored as they are and read back by the import: not translated

Skill = tuple[str, str | None, str | None]  # label, level, source (a SkillSource value)


class EntryLine(QLineEdit):
    """A line whose Enter adds what was typed and stops there: in an editor, Enter must not also press the
    dialog's default button (Opslaan) and save the record half entered."""

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class SkillsEditor(QWidget):
    """Skills picked from the vocabulary (completion, typo-tolerant) or typed freely, each with a level.

    The completion list arrives through an op (it also readies the application's skill resolver); what a
    typed skill is recognised as is an in-memory look-up (``services.skills.resolve_skill``, no database),
    answered at once so that a skill added just before Save is saved with it."""

    def __init__(self, app: App, on_change: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self._on_change = on_change
        self.ops = Ops(self)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Skills"))
        self.input = EntryLine(placeholderText=self.tr("Skill, certificate or driving licence…"))
        self.input.setAccessibleName(self.tr("New skill"))
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Level of the skill"))
        self.level.addItems(SKILL_LEVELS)
        add = QPushButton(self.tr("&Add"))
        add.setAutoDefault(False)  # Enter in the skill field adds it; it never saves the record
        add.clicked.connect(self.add_typed)
        self.input.returnPressed.connect(self.add_typed)
        remove = QPushButton(self.tr("Re&move"))
        remove.setAutoDefault(False)
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
        self.ops.run(lambda: skill_labels(app), self._complete_with)

    def _complete_with(self, labels: Sequence[str]) -> None:
        completer = QCompleter(list(labels), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.input.setCompleter(completer)

    def add_typed(self) -> None:
        text = self.input.text().strip()
        if not text:
            return
        preview = resolve_skill(self.app, text)
        if preview.recognised:
            self.note.setText(self.tr("“{text}” was recognised as “{label}”.").format(text=text, label=preview.label))
        elif not preview.known:
            self.note.setText(self.tr("“{text}” is not in the vocabulary and is kept as free text.").format(
                text=text))
        else:
            self.note.clear()
        self.add(preview.label, self.level.currentText() or None)
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

    def skills(self) -> list[Skill]:
        return [tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())]

    def set_skills(self, skills: Sequence[Sequence]) -> None:
        self.list.clear()
        for label, level, source in skills:
            self.add(label, level, source)


class LanguageEditor(QWidget):
    """Dutch level per skill as a choice; 1F-4F shown next to A2-C1."""

    def __init__(self, on_change: Callable[[], None], parent: QWidget | None = None) -> None:
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

    def set_levels(self, levels: Mapping) -> None:
        """``levels``: by LanguageSkill or its value (a draft), to a CefrLevel, its value or None."""
        for skill, box in self.boxes.items():
            value = levels.get(skill) or levels.get(skill.value)
            box.blockSignals(True)
            box.setCurrentIndex(max(0, box.findData(value.value if isinstance(value, CefrLevel) else value)))
            box.blockSignals(False)
