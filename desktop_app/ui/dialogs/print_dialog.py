"""Print letters, cards or the register: made in the background, previewed, printed or saved."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QTransform
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.services import printing
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ProgressRow, year_spin

PRINT_DPI = 300  # sharp text, and QR modules of 0.47 mm get 5 dots each


class PrintDialog(QDialog):
    def __init__(self, inst: Installation, worker_ids: list[str] | None, parent=None):
        super().__init__(parent)
        self._inst = inst
        self._ids = worker_ids
        # Previews hold workers' names and NIKs: in the data folder's private temp, which
        # the next start cleans if this dialog never closes normally.
        self._tmp = printing.preview_folder(inst)
        self.pdf_path: Path | None = None
        self.setWindowTitle(tr("Cetak dokumen"))
        # Deleted by Qt on the GUI thread when closed, rather than whenever (and on whichever
        # thread) Python's cyclic collector gets to the wrapper and its PDF view.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        who = f"{len(worker_ids)} pekerja terpilih" if worker_ids else "semua pekerja yang dibiayai"
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for key, label in printing.KINDS.items():
            self.kind.addItem(tr(label), key)
        self.year = year_spin(printing.default_year(inst))
        make = QPushButton(tr("Buat pratinjau"))
        make.setObjectName("make")
        make.setDefault(True)
        make.clicked.connect(self.generate)
        self.print_button = QPushButton(tr("Cetak… (Ctrl+P)"))
        self.print_button.setObjectName("print")
        self.print_button.setShortcut("Ctrl+P")
        self.print_button.clicked.connect(self.print_pdf)
        settings = QPushButton(tr("Kop surat…"))
        settings.setObjectName("letterhead")
        settings.clicked.connect(self.edit_letterhead)
        verify = QPushButton(tr("Periksa kartu…"))
        verify.setObjectName("verify_card")
        verify.clicked.connect(self.verify_card)
        self.save_button = QPushButton(tr("Simpan PDF…"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save_pdf)
        for b in (self.print_button, self.save_button):
            b.setEnabled(False)
        self.info = QLabel(f"Untuk {who}.")
        self.info.setObjectName("print_info")
        self.info.setWordWrap(True)
        self.progress = ProgressRow()
        self.progress.message.connect(self.info.setText)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        top = QHBoxLayout()
        for w in (
            QLabel(tr("Dokumen")),
            self.kind,
            QLabel(tr("Tahun")),
            self.year,
            make,
            settings,
            verify,
        ):
            top.addWidget(w)
        top.addStretch()
        top.addWidget(self.print_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.info)
        layout.addWidget(self.progress)
        layout.addWidget(self.view, 1)
        self.resize(900, 760)

    def edit_letterhead(self) -> None:
        from desktop_app.ui.dialogs.letterhead_dialog import LetterheadDialog

        if LetterheadDialog(self._inst, self).exec():
            self.info.setText(tr("Kop surat disimpan; buat pratinjau lagi untuk melihatnya."))

    def verify_card(self) -> None:
        from desktop_app.ui.dialogs.verify_card_dialog import VerifyCardDialog

        VerifyCardDialog(self._inst, self).exec()

    def generate(self) -> None:
        kind, year = self.kind.currentData(), self.year.value()
        out = self._tmp / f"{kind}-{year}-{dt.datetime.now():%H%M%S%f}.pdf"
        ids = self._ids

        def work(inst, progress):
            return printing.print_documents(inst, kind, out, year, ids, progress)

        self.progress.start_on_db(
            self._inst, f"Membuat {printing.KINDS[kind].lower()}…", work, self._made
        )

    def _made(self, result: printing.Printed) -> None:
        missing = "".join(f"\n• {name}: {reason}" for name, reason in result.missing)
        if result.path is None:
            reason = missing or "\n" + printing.nothing_to_print_reason(
                self._inst, self._ids, self.year.value()
            )
            self.info.setText("Tidak ada yang dapat dicetak:" + reason)
            return
        self.pdf_path = result.path
        self.document.load(str(result.path))
        self.info.setText(
            f"{result.count} pekerja, {self.document.pageCount()} halaman."
            + (f"\nTidak dicetak:{missing}" if missing else "")
        )
        for b in (self.print_button, self.save_button):
            b.setEnabled(True)

    def save_pdf(self) -> None:
        if not self.pdf_path:
            return
        target, _ = QFileDialog.getSaveFileName(
            self, tr("Simpan PDF"), self.pdf_path.name, "PDF (*.pdf)"
        )
        if target:
            shutil.copyfile(self.pdf_path, target)
            self.info.setText(f"Disimpan di {target}")

    def print_pdf(self) -> None:
        """Ask for a printer and send the previewed pages to it."""
        if not self.pdf_path:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF()
            )
        )
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        if self.send_to(printer):
            self.info.setText(tr("Dikirim ke printer."))
        else:
            self.info.setText(tr("Pencetakan dibatalkan."))

    def send_to(self, printer: QPrinter) -> bool:
        """Print every page at its true size on A4 portrait paper (cards must meet their cut
        marks); a landscape page (the register) is turned a quarter so it is not squeezed.

        Pages go as images rendered at PRINT_DPI at most: a 600 dpi A4 page would be a
        140 MB image, too much for the village's old laptop.
        """
        pages = self.document.pageCount()
        # Hundreds of pages take a while: a modal progress dialog keeps the window painted
        # and lets the clerk stop the job.
        sending = QProgressDialog(tr("Mengirim halaman ke printer…"), tr("Batal"), 0, pages, self)
        sending.setWindowModality(Qt.WindowModality.WindowModal)
        sending.setMinimumDuration(700)
        painter = QPainter(printer)
        scale = min(1.0, PRINT_DPI / printer.resolution())
        for page in range(pages):
            sending.setValue(page)
            if sending.wasCanceled():
                printer.abort()
                break
            if page:
                printer.newPage()
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            points = self.document.pagePointSize(page)
            landscape = points.width() > points.height()
            width, height = round(target.width() * scale), round(target.height() * scale)
            image = self.document.render(
                page, QSize(height, width) if landscape else QSize(width, height)
            )
            if landscape:
                image = image.transformed(QTransform().rotate(90))
            painter.drawImage(target, image)
        painter.end()
        sending.setValue(pages)
        return not sending.wasCanceled()

    def done(self, result: int) -> None:
        self.progress.cancel()
        self.document.close()
        shutil.rmtree(self._tmp, ignore_errors=True)
        super().done(result)
