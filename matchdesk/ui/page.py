"""What every page of the main window shares: the application object, a way to open a record, where the
keyboard lands when the page is called up, and its section of the handleiding."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QWidget

from matchdesk.app import App


class Page(QWidget):
    """One entry of the navigation. ``open_record`` asks the window to show a record:
    (kind, key) with kind kandidaat|werkgever|vacature|traject and key klantnummer|kvk|referentie|id.

    ``title`` is the name in the navigation: a subclass declares its English source text as
    ``title = QT_TRANSLATE_NOOP("Page", "Matching")`` and the instance holds it translated (the main
    window reads ``page.title``). ``--view NAME`` does not use the title: see ``VIEWS`` in main_window.

    ``help_anchor`` names the page's section in the handleiding (F1); by default the page's class name
    (``resources/handleiding/handleiding.html`` has an anchor for each).
    """

    title = ""
    help_anchor = ""
    open_record = Signal(str, str)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.title = QCoreApplication.translate("Page", type(self).title)

    def refresh(self) -> None:
        """Reload from the database (called when the page is shown and after writes elsewhere)."""

    def anchor(self) -> str:
        return self.help_anchor or type(self).__name__

    # -- where the keyboard goes -----------------------------------------------------------------------
    def focus_widget(self) -> QWidget | None:
        """Where the keyboard lands when the page is called up (Ctrl+1..7): the page's search field
        (``self.search`` of a list page), else its first text field (a reference or a name), else its main
        table or list (a work list), else its first field or button. A page may say otherwise."""
        fields = self.focusable()
        return (self._search_attribute() or next((w for w in fields if _text_field(w)), None)
                or next((w for w in fields if isinstance(w, QAbstractItemView)), None)
                or (fields[0] if fields else None))

    def search_widget(self) -> QWidget | None:
        """What Ctrl+F focuses: the page's search field, else its first text field, else its first filter
        (a field that is no table or list)."""
        fields = self.focusable()
        return (self._search_attribute() or next((w for w in fields if _text_field(w)), None)
                or next((w for w in fields if not isinstance(w, QAbstractItemView)), None)
                or self.focus_widget())

    def focusable(self) -> list[QWidget]:
        """The widgets inside the page that Tab stops at, in Tab order (shown, enabled, taking Tab focus;
        the line edit inside a combo or spin box counts as that box)."""
        found: list[QWidget] = []
        for widget in self._focus_chain():
            owner = widget.parentWidget()
            if isinstance(widget, QLineEdit) and isinstance(owner, (QAbstractSpinBox, QComboBox)):
                widget = owner
            if (widget not in found and widget.isEnabled() and widget.isVisibleTo(self)
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                found.append(widget)
        return found

    def _search_attribute(self) -> QWidget | None:
        search = getattr(self, "search", None)
        if isinstance(search, QWidget) and search.isEnabled() and search.isVisibleTo(self):
            return search
        return None

    def _focus_chain(self) -> list[QWidget]:
        chain, widget = [], self.nextInFocusChain()
        while widget is not None and widget is not self and len(chain) < 5000:
            if self.isAncestorOf(widget):
                chain.append(widget)
            widget = widget.nextInFocusChain()
        return chain or self.findChildren(QWidget)


def _text_field(widget: QWidget) -> bool:
    return isinstance(widget, QLineEdit) and not widget.isReadOnly()
