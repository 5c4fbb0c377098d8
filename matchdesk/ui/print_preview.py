"""Print preview of the reportlab PDFs (rendered with pypdfium2), printing on A4 and "Opslaan als PDF".

The preview itself is audited as ``afdrukvoorbeeld``; printing and saving are audited again as
``afgedrukt`` and ``geëxporteerd`` (the PDF is rendered anew for each, which costs milliseconds). Each
goes through a use case of ``services.profiles`` on the dialog's lane of ops: the PDF is built and its
pages are rendered off the GUI thread; a save commits its audit entry only when the file was written.

An anonymised profile holds no free text, except the candidate's "tekst voor werkgever" once the matchmaker
has read it here, with the words that look sensitive highlighted, and ticked "Tekst voor werkgever meenemen"
(audited as ``tekst werkgever bevestigd``; ``services.employer_text``). Without the tick no free text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.errors import MatchDeskError
from matchdesk.services import employer_text, profiles
from matchdesk.services.employer_text import EmployerTextReview
from matchdesk.services.profiles import Printed
from matchdesk.ui.file_dialogs import save_file_name
from matchdesk.ui.ops import Ops, show_failure

translate = QCoreApplication.translate

PREVIEW_DPI = 96
_PDFIUM = threading.Lock()  # pdfium is not thread-safe: two dialogs' lanes never render at once

# (anonymous, audit action, the confirmed text for the employer or None) -> the PDF, audited
Render = Callable[[bool, str, str | None], Printed]
Export = Callable[[bool, Path, str | None], Printed]  # (anonymous, path, confirmed text) -> the PDF written there
Review = Callable[[], EmployerTextReview]  # the candidate's text for the employer with its highlights
Confirm = Callable[[str], EmployerTextReview]  # confirm that text (audited)
HIGHLIGHT = "#ffd54f"


def fitting(size: QSize, parent: QWidget | None) -> QSize:
    """``size`` shrunk to the room on the screen of ``parent`` (the primary screen without one), leaving room
    for the window manager's frame: a dialog on a 1280x720 laptop keeps its buttons and its bottom on screen."""
    from matchdesk.ui.window_geometry import DECORATION

    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    return size if screen is None else size.boundedTo(screen.availableGeometry().size() - DECORATION)


def highlighted_html(review: EmployerTextReview) -> str:
    """The text with what looks sensitive on a yellow background (escaped, line breaks kept)."""
    from html import escape

    parts, at = [], 0
    for hit in review.hits:
        parts.append(escape(review.text[at:hit.start]))
        parts.append(f'<span style="background-color: {HIGHLIGHT}; font-weight: bold;">'
                     f"{escape(review.text[hit.start:hit.end])}</span>")
        at = hit.end
    parts.append(escape(review.text[at:]))
    return "".join(parts).replace("\n", "<br/>")


def render_pages(data: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    import pypdfium2

    with _PDFIUM:
        document = pypdfium2.PdfDocument(data)
        try:
            images = []
            for page in document:
                bitmap = page.render(scale=dpi / 72)
                pil = bitmap.to_pil().convert("RGB")
                image = QImage(pil.tobytes(), pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
                images.append(image.copy())  # own the pixels: the PIL buffer goes away
            return images
        finally:
            document.close()


class PrintPreviewDialog(QDialog):
    """``render(anonymous, action)`` builds the PDF and audits it; ``export(anonymous, path)`` writes it."""

    shown = Signal()  # the pages of the current variant are on screen (tests, screenshots)
    saved = Signal(Path)
    printed_out = Signal()

    def __init__(self, render: Render, export: Export, title: str, parent: QWidget | None = None, *,
                 anonymous: bool = True, variants: bool = True, review: Review | None = None,
                 confirm: Confirm | None = None) -> None:
        super().__init__(parent)
        self._render, self._export, self._review, self._confirm = render, export, review, confirm
        self.review: EmployerTextReview | None = None
        self.confirmed_text: str | None = None  # the text for the employer as confirmed, sent with each render
        self.ops = Ops(self)
        self.setWindowTitle(self.tr("Print preview — {title}").format(title=title))
        self.resize(fitting(QSize(860, 980), parent))  # a whole A4 page where there is room; no taller than the screen
        self.variant = QComboBox()
        self.variant.setAccessibleName(self.tr("Variant"))
        self.variant.addItem(self.tr("Anonymised (for the employer)"), True)
        self.variant.addItem(self.tr("Full (internal)"), False)
        self.variant.setCurrentIndex(0 if anonymous else 1)
        self.variant.setVisible(variants)
        self.variant.currentIndexChanged.connect(self.refresh)
        self.pages_label = QLabel()
        print_button = QPushButton(self.tr("&Print…"))
        print_button.clicked.connect(self.print_document)
        save_button = QPushButton(self.tr("&Save as PDF…"))
        save_button.clicked.connect(self.save_pdf)
        close_button = QPushButton(self.tr("&Close"))
        close_button.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(self.variant)
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(print_button)
        bar.addWidget(save_button)
        bar.addWidget(close_button)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidget(self.pages)
        scroll.setWidgetResizable(True)
        scroll.setStyleSheet("QScrollArea { background: #808080; }")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self._employer_panel())
        layout.addWidget(scroll, 1)
        self.printed: Printed | None = None
        self.refresh()

    def _employer_panel(self) -> QWidget:
        """The candidate's text for the employer, highlighted, and the tick that lets it into the PDF."""
        self.employer_panel = QWidget()
        self.employer_panel.setVisible(False)
        self.employer_heading = QLabel(self.tr("Text for the employer (not in the anonymised profile unless you "
                                               "include it):"))
        self.employer_text_view = QTextBrowser()
        self.employer_text_view.setAccessibleName(self.tr("Text for the employer"))
        self.employer_text_view.setMaximumHeight(110)
        self.sensitive_label = QLabel()
        self.sensitive_label.setWordWrap(True)
        self.include_employer_text = QCheckBox(self.tr("Include the &text for the employer"))
        self.include_employer_text.setToolTip(self.tr("Only after reading it: the highlighted words may be "
                                                      "sensitive. Your confirmation is recorded in the audit log."))
        self.include_employer_text.toggled.connect(self._include_toggled)
        panel = QVBoxLayout(self.employer_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        for widget in (self.employer_heading, self.employer_text_view, self.sensitive_label,
                       self.include_employer_text):
            panel.addWidget(widget)
        return self.employer_panel

    @property
    def anonymous(self) -> bool:
        return bool(self.variant.currentData())

    def refresh(self) -> None:
        """Build and render the current variant (audited as a preview); a newer refresh supersedes an older."""
        render, review, anonymous = self._render, self._review, self.anonymous
        confirmed = self.confirmed_text if anonymous else None

        def work() -> tuple[Printed, list[QImage], EmployerTextReview | None]:
            printed = render(anonymous, "afdrukvoorbeeld", confirmed)
            return printed, render_pages(printed.data), review() if review is not None and anonymous else None

        self.ops.run(work, self._show_pages, self._preview_failed, key="preview")

    def _preview_failed(self, error: Exception) -> None:
        """A text changed since its confirmation (ConflictError): the tick goes, the profile is built without it."""
        show_failure(self, error)
        if self.confirmed_text is not None:
            self._set_included(False)
            self.refresh()

    def _set_included(self, included: bool) -> None:
        if not included:
            self.confirmed_text = None
        self.include_employer_text.blockSignals(True)
        self.include_employer_text.setChecked(included)
        self.include_employer_text.blockSignals(False)

    def _show_review(self, review: EmployerTextReview | None) -> None:
        self.review = review
        self.employer_panel.setVisible(review is not None)
        if review is None:
            return
        if review.text:
            self.employer_text_view.setHtml(highlighted_html(review))
        else:
            self.employer_text_view.setPlainText(self.tr("No text for the employer has been written: the anonymised "
                                                         "profile holds no free text."))
        categories = sorted({hit.category for hit in review.hits})
        self.sensitive_label.setText(self.tr("Marked, may be sensitive: {categories}. Read before you include it.")
                                     .format(categories=", ".join(categories)) if categories else "")
        self.sensitive_label.setVisible(bool(categories))
        self.include_employer_text.setEnabled(bool(review.text) and self._confirm is not None)
        if self.confirmed_text is not None and self.confirmed_text != review.text:
            self._set_included(False)

    def _include_toggled(self, checked: bool) -> None:
        if not checked:
            self.confirmed_text = None
            self.refresh()
            return
        if self.review is None or not self.review.text or self._confirm is None:
            self._set_included(False)
            return
        confirm, text = self._confirm, self.review.text
        self.ops.run(lambda: confirm(text), self._confirmed, self._confirm_failed, key="confirm")

    def _confirmed(self, review: EmployerTextReview) -> None:
        self.confirmed_text = review.text
        self.refresh()

    def _confirm_failed(self, error: Exception) -> None:
        self._set_included(False)
        show_failure(self, error)
        self.refresh()  # the text as stored now

    def _show_pages(self, outcome: tuple[Printed, list[QImage], EmployerTextReview | None]) -> None:
        self.printed, images, review = outcome
        self._show_review(review)
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for image in images:
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("background: white; margin: 8px;")
            self.pages_layout.addWidget(page)
        self.pages_label.setText(self.tr("%n page(s), A4", "", len(images)))
        self.shown.emit()

    def save_pdf(self) -> None:
        suggested = self.printed.file_name if self.printed is not None else ""
        name = save_file_name(self, self.tr("Save as PDF"), suggested, self.tr("PDF files (*.pdf)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        """Write the current variant to ``path`` (audited as ``geëxporteerd``); ``saved(path)`` when done."""
        export, anonymous, confirmed = self._export, self.anonymous, self.confirmed_text
        self.ops.run(lambda: export(anonymous, path, confirmed if anonymous else None),
                     lambda printed: self.saved.emit(printed.path), self._save_failed)

    def _save_failed(self, error: Exception) -> None:
        if isinstance(error, (MatchDeskError, OSError)):
            QMessageBox.warning(self, self.tr("Save as PDF"), str(error))
        else:
            show_failure(self, error)

    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer) -> None:
        """Build the PDF (audited as ``afgedrukt``) and its pages at the printer's resolution off the GUI
        thread, then paint them on A4; ``printed_out`` when done."""
        from PySide6.QtGui import QPageLayout, QPageSize

        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        render, anonymous, dpi = self._render, self.anonymous, min(300, printer.resolution())
        confirmed = self.confirmed_text if anonymous else None
        self.ops.run(lambda: render_pages(render(anonymous, "afgedrukt", confirmed).data, dpi=dpi),
                     lambda images: self._paint(printer, images))

    def _paint(self, printer, images: list[QImage]) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not be started."))
            return
        try:
            for number, image in enumerate(images):
                if number:
                    printer.newPage()
                target = painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), size.width(), size.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            painter.end()
        self.printed_out.emit()


def preview_profile(parent: QWidget | None, app: App, klantnummer: str, vacancy: str | None = None,
                    explanation: dict | None = None) -> PrintPreviewDialog:
    """``explanation``: the matching view's result for this candidate and vacancy, printed with it
    (without one, a vacancy's score and explanation are the matching engine's)."""

    def render(anonymous: bool, action: str, confirmed: str | None) -> Printed:
        return profiles.profile_pdf(app, klantnummer, anonymous=anonymous, vacancy_reference=vacancy,
                                    explanation=explanation, action=action, employer_text=confirmed)

    def export(anonymous: bool, path: Path, confirmed: str | None) -> Printed:
        return profiles.export_profile(app, klantnummer, path, anonymous=anonymous, vacancy_reference=vacancy,
                                       explanation=explanation, employer_text=confirmed)

    title = translate("PrintPreviewDialog", "profile {klantnummer}").format(klantnummer=klantnummer)
    dialog = PrintPreviewDialog(render, export, title, parent,
                                review=lambda: employer_text.employer_text_review(app, klantnummer),
                                confirm=lambda text: employer_text.confirm_employer_text(app, klantnummer, text))
    dialog.open()
    return dialog


def preview_shortlist(parent: QWidget | None, app: App, reference: str, klantnummers: list[str],
                      explanations: dict[str, object] | None = None) -> PrintPreviewDialog:
    """Anonymised profiles for the employer, best score first (scores: ``explanations``, the matching view's
    results by klantnummer, else the matching engine's)."""

    def render(_anonymous: bool, action: str, _confirmed: str | None) -> Printed:
        return profiles.shortlist_pdf(app, reference, klantnummers, explanations=explanations,
                                      action=action)  # never free text

    def export(_anonymous: bool, path: Path, _confirmed: str | None) -> Printed:
        return profiles.export_shortlist(app, reference, klantnummers, path, explanations=explanations)

    title = translate("PrintPreviewDialog", "shortlist {reference}").format(reference=reference)
    dialog = PrintPreviewDialog(render, export, title, parent, variants=False)
    dialog.open()
    return dialog
