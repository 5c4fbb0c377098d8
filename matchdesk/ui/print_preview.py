"""Print preview of the reportlab PDFs (rendered with pypdfium2), printing on A4 and "Opslaan als PDF".

The preview itself is audited as ``afdrukvoorbeeld``; printing and saving are audited again as
``afgedrukt`` and ``geëxporteerd`` (the PDF is rendered anew for each, which costs milliseconds). Each
goes through a use case of ``services.profiles`` on the dialog's lane of ops: the PDF is built and its
pages are rendered off the GUI thread; a save commits its audit entry only when the file was written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from matchdesk.app import App
from matchdesk.errors import MatchDeskError
from matchdesk.services import profiles
from matchdesk.services.profiles import Printed
from matchdesk.ui.file_dialogs import save_file_name
from matchdesk.ui.ops import Ops, show_failure

translate = QCoreApplication.translate

PREVIEW_DPI = 96
_PDFIUM = threading.Lock()  # pdfium is not thread-safe: two dialogs' lanes never render at once

Render = Callable[[bool, str], Printed]  # (anonymous, audit action) -> the PDF, audited
Export = Callable[[bool, Path], Printed]  # (anonymous, path) -> the PDF written there, audited


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
                 anonymous: bool = True, variants: bool = True) -> None:
        super().__init__(parent)
        self._render, self._export = render, export
        self.ops = Ops(self)
        self.setWindowTitle(self.tr("Print preview — {title}").format(title=title))
        self.resize(860, 980)
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
        layout.addWidget(scroll, 1)
        self.printed: Printed | None = None
        self.refresh()

    @property
    def anonymous(self) -> bool:
        return bool(self.variant.currentData())

    def refresh(self) -> None:
        """Build and render the current variant (audited as a preview); a newer refresh supersedes an older."""
        render, anonymous = self._render, self.anonymous

        def work() -> tuple[Printed, list[QImage]]:
            printed = render(anonymous, "afdrukvoorbeeld")
            return printed, render_pages(printed.data)

        self.ops.run(work, self._show_pages, key="preview")

    def _show_pages(self, outcome: tuple[Printed, list[QImage]]) -> None:
        self.printed, images = outcome
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
        export, anonymous = self._export, self.anonymous
        self.ops.run(lambda: export(anonymous, path), lambda printed: self.saved.emit(printed.path),
                     self._save_failed)

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
        self.ops.run(lambda: render_pages(render(anonymous, "afgedrukt").data, dpi=dpi),
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

    def render(anonymous: bool, action: str) -> Printed:
        return profiles.profile_pdf(app, klantnummer, anonymous=anonymous, vacancy_reference=vacancy,
                                    explanation=explanation, action=action)

    def export(anonymous: bool, path: Path) -> Printed:
        return profiles.export_profile(app, klantnummer, path, anonymous=anonymous, vacancy_reference=vacancy,
                                       explanation=explanation)

    title = translate("PrintPreviewDialog", "profile {klantnummer}").format(klantnummer=klantnummer)
    dialog = PrintPreviewDialog(render, export, title, parent)
    dialog.open()
    return dialog


def preview_shortlist(parent: QWidget | None, app: App, reference: str, klantnummers: list[str]) -> PrintPreviewDialog:
    """Anonymised profiles for the employer, best score first (scores: the matching engine's)."""

    def render(_anonymous: bool, action: str) -> Printed:
        return profiles.shortlist_pdf(app, reference, klantnummers, action=action)

    def export(_anonymous: bool, path: Path) -> Printed:
        return profiles.export_shortlist(app, reference, klantnummers, path)

    title = translate("PrintPreviewDialog", "shortlist {reference}").format(reference=reference)
    dialog = PrintPreviewDialog(render, export, title, parent, variants=False)
    dialog.open()
    return dialog
