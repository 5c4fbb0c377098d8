"""Print preview of the reportlab PDFs (rendered with pypdfium2), printing on A4 and "Opslaan als PDF".

The preview itself is audited as ``afdrukvoorbeeld``; printing and saving are audited again as
``afgedrukt`` and ``geëxporteerd`` (the PDF is rendered anew for each, which costs milliseconds).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from matchdesk.errors import MatchDeskError

translate = QCoreApplication.translate

PREVIEW_DPI = 96


def render_pages(data: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    import pypdfium2

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
    """``source(anonymous, action)`` renders the PDF and audits it; returns a ``Printed``."""

    def __init__(self, source: Callable[[bool, str], object], title: str, parent=None, *,
                 anonymous: bool = True, variants: bool = True) -> None:
        super().__init__(parent)
        self.source = source
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
        self.printed = None
        self.refresh()

    @property
    def anonymous(self) -> bool:
        return bool(self.variant.currentData())

    def refresh(self) -> None:
        self.printed = self.source(self.anonymous, "afdrukvoorbeeld")
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        images = render_pages(self.printed.data)
        for image in images:
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setStyleSheet("background: white; margin: 8px;")
            self.pages_layout.addWidget(page)
        self.pages_label.setText(self.tr("%n page(s), A4", "", len(images)))

    def save_pdf(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self.printed.file_name,
                                              self.tr("PDF files (*.pdf)"))
        return self.save_to(Path(name)) if name else None

    def save_to(self, path: Path) -> Path | None:
        from matchdesk.profiles.output import write_pdf

        try:
            printed = self.source(self.anonymous, "geëxporteerd")
            write_pdf(printed.data, path)
        except (MatchDeskError, OSError) as error:
            QMessageBox.warning(self, self.tr("Save as PDF"), str(error))
            return None
        return path

    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer) -> None:
        from PySide6.QtGui import QPageLayout, QPageSize

        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printed = self.source(self.anonymous, "afgedrukt")
        images = render_pages(printed.data, dpi=min(300, printer.resolution()))
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


def preview_profile(parent, ctx, klantnummer: str, vacancy: str | None = None,
                    explanation: dict | None = None) -> PrintPreviewDialog:
    """``explanation``: the matching view's result for this candidate and vacancy, printed with it."""
    from matchdesk.services.profiles import profile_pdf

    def source(anonymous: bool, action: str):
        return profile_pdf(ctx.db, ctx.user, klantnummer, ctx.today, anonymous=anonymous,
                           vacancy_reference=vacancy, explanation=explanation, action=action)

    title = translate("PrintPreviewDialog", "profile {klantnummer}").format(klantnummer=klantnummer)
    dialog = PrintPreviewDialog(source, title, parent)
    dialog.open()
    return dialog


def preview_shortlist(parent, ctx, reference: str, klantnummers: list[str]) -> PrintPreviewDialog:
    from matchdesk.services.profiles import shortlist_pdf

    def source(_anonymous: bool, action: str):
        return shortlist_pdf(ctx.db, ctx.user, reference, klantnummers, ctx.today, action=action)

    title = translate("PrintPreviewDialog", "shortlist {reference}").format(reference=reference)
    dialog = PrintPreviewDialog(source, title, parent, variants=False)
    dialog.open()
    return dialog
