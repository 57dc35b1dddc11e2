"""Kabupaten: every village with its last batch and gaps, the findings, imports and returns."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import local_time, thousands
from desktop_app.services import (
    bpjs_list,
    district,
    district_workers,
    sync,
    village_keys,
    village_replacement,
)
from desktop_app.services.installation import Installation
from desktop_app.ui.dialogs.district_worker_view import RecordsDialog
from desktop_app.ui.i18n import tr
from desktop_app.ui.pages.sync import result_rows
from desktop_app.ui.widgets import ProgressRow, ResultsTable


class VillagesPage(QWidget):
    changed = Signal(str)

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.summary = QLabel()
        self.summary.setObjectName("district_summary")
        import_ = QPushButton(tr("Impor berkas desa…"))
        import_.setObjectName("import_files")
        import_.clicked.connect(self.choose_files)
        returns = QPushButton(tr("Buat berkas kembali…"))
        returns.setObjectName("export_returns")
        returns.clicked.connect(self.choose_return_folder)
        self.progress = ProgressRow()
        self.progress.message.connect(self.changed)
        self.villages = ResultsTable(
            (
                tr("Kode"),
                tr("Desa"),
                tr("Pekerja"),
                tr("Nomor terakhir"),
                tr("Batch terakhir"),
                tr("Kekurangan"),
                tr("Temuan"),
            ),
            "villages_table",
        )
        self.findings = ResultsTable((tr("Jenis"), tr("Desa"), tr("Keterangan")), "findings_table")
        self.results = ResultsTable((tr("Berkas"), tr("Hasil"), tr("Keterangan")), "import_results")
        self.waiting = ResultsTable(
            (tr("Kode"), tr("Desa"), tr("Sidik kunci"), tr("Kunci terdaftar"), tr("Status")),
            "waiting_keys",
        )
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        actions.addWidget(import_)
        actions.addWidget(returns)
        for label, name, slot in (
            ("Daftar untuk BPJS…", "bpjs_export", self.choose_bpjs_list),
            ("Impor nomor KPJ…", "bpjs_import", self.choose_kpj_file),
        ):
            button = QPushButton(tr(label))
            button.setObjectName(name)
            button.clicked.connect(slot)
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.villages, 3)
        layout.addWidget(QLabel(tr("Temuan yang perlu diselesaikan")))
        layout.addWidget(self.findings, 2)
        resolve = QPushButton(tr("Tandai temuan terpilih selesai…"))
        resolve.setObjectName("resolve_finding")
        resolve.clicked.connect(self.resolve_selected)
        compare = QPushButton(tr("Bandingkan catatan temuan terpilih…"))
        compare.setObjectName("compare_finding")
        compare.clicked.connect(self.compare_selected)
        replaced = QPushButton(tr("Instalasi desa terpilih diganti…"))
        replaced.setObjectName("village_replaced")
        replaced.clicked.connect(self.mark_replaced)
        buttons = QHBoxLayout()
        buttons.addWidget(resolve)
        buttons.addWidget(compare)
        buttons.addWidget(replaced)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addWidget(QLabel(tr("Kunci desa yang menunggu persetujuan")))
        layout.addWidget(self.waiting, 1)
        accept = QPushButton(tr("Terima kunci terpilih…"))
        accept.setObjectName("accept_key")
        accept.clicked.connect(self.accept_waiting)
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(accept)
        key_buttons.addStretch()
        layout.addLayout(key_buttons)
        layout.addWidget(self.results, 1)
        self.refresh()

    def refresh(self) -> None:
        rows = district.village_overview(self._inst)
        self.villages.set_rows(
            [
                (
                    r.code,
                    r.name,
                    thousands(r.workers),
                    str(r.applied_seq),
                    local_time(r.last_batch_at) if r.last_batch_at else "-",
                    "; ".join(r.gaps) or "-",
                    str(r.findings),
                )
                for r in rows
            ]
        )
        found = self._found = district.open_findings(self._inst)
        kinds = {
            "nik_other_village": "NIK ganda",
            "too_old": "Umur",
            "held_batch_refused": "Berkas",
            "nik_twice_in_village": "NIK ganda",
            "likely_same_person": "Mungkin orang sama",
        }
        self.findings.set_rows(
            [(kinds.get(f["kind"], f["kind"]), f["village_code"], f["detail"]) for f in found]
        )
        waiting = self._waiting = village_keys.waiting_keys(self._inst)
        self.waiting.set_rows(
            [
                (
                    k.village_code,
                    k.village_name or "-",
                    k.fingerprint,
                    k.pinned_fingerprint or tr("desa baru"),
                    tr("disetujui") if k.approved_by else tr("menunggu"),
                )
                for k in waiting
            ]
        )
        workers = sum(r.workers for r in rows)
        self.summary.setText(
            f"{len(rows)} desa mengirim data · {thousands(workers)} pekerja · "
            f"{len(found)} temuan terbuka"
        )

    def selected_finding(self) -> dict | None:
        rows = {i.row() for i in self.findings.selectedIndexes()}
        if len(rows) != 1:
            self.changed.emit(tr("Pilih satu temuan di daftar."))
            return None
        return self._found[rows.pop()]

    def compare_selected(self) -> RecordsDialog | None:
        """Open the records a finding is about side by side (both villages' for a NIK)."""
        finding = self.selected_finding()
        if finding is None:
            return None
        dialog = RecordsDialog(
            district_workers.finding_records(self._inst, finding["id"]), finding["detail"], self
        )
        dialog.setModal(False)
        dialog.show()
        return dialog

    def resolve_selected(self) -> None:
        finding = self.selected_finding()
        if finding is None:
            return
        note, ok = QInputDialog.getText(
            self, tr("Selesaikan temuan"), tr("Apa yang dilakukan untuk menyelesaikannya?")
        )
        if not ok:
            return
        try:
            district.resolve_finding(self._inst, finding["id"], note)
        except DomainError as e:
            QMessageBox.warning(self, tr("Temuan belum diselesaikan"), e.message)
            return
        self.refresh()
        self.changed.emit(tr("Temuan ditandai selesai."))

    def mark_replaced(self) -> None:
        """A village reinstalled without its backup: retire its old installation's workers."""
        rows = {i.row() for i in self.villages.selectedIndexes()}
        if len(rows) != 1:
            self.changed.emit(tr("Pilih satu desa di daftar."))
            return
        code = district.village_overview(self._inst)[rows.pop()].code
        try:
            preview = village_replacement.replace_installation(self._inst, code, confirmed=False)
            answer = QMessageBox.question(
                self,
                tr("Instalasi desa diganti"),
                f"{preview.old_workers} pekerja {preview.village} dari instalasi lama akan "
                f"dihapus di kabupaten ({preview.kpj_carried} nomor KPJ dipindahkan ke "
                "pendaftaran baru dengan NIK yang sama). Lanjutkan?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            done = village_replacement.replace_installation(self._inst, code, confirmed=True)
        except DomainError as e:
            QMessageBox.warning(self, tr("Instalasi desa diganti"), e.message)
            return
        self.refresh()
        self.changed.emit(
            f"{done.old_workers} pekerja dari instalasi lama {done.village} dipensiunkan."
        )

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("Berkas desa"), "", "Satu Desa (*.sdsync)")
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path], trust_new: bool = False) -> None:
        def work(inst, progress):
            return sync.import_files(inst, paths, trust_new, progress)

        self.progress.start_on_db(
            self._inst,
            f"Mengimpor {len(paths)} berkas…",
            work,
            lambda results: self._imported(paths, results),
        )

    def _imported(self, paths: list[Path], results: list[sync.Imported]) -> None:
        self.results.set_rows(result_rows(results))
        self.refresh()
        unknown = [
            p
            for p, r in zip(sorted(paths), results, strict=True)
            if r.code == "sync.unknown_village"
        ]
        if unknown and self.confirm_new_villages(
            [r for r in results if r.code == "sync.unknown_village"]
        ):
            self.import_files(unknown, trust_new=True)
            return
        rekeyed = [
            p
            for p, r in zip(sorted(paths), results, strict=True)
            if r.code == "sync.key_changed" and self.confirm_rekey(r)
        ]
        if rekeyed:
            self.import_files(rekeyed)
            return
        self.changed.emit(f"{sum(r.ok for r in results)} dari {len(results)} berkas diterima.")

    def confirm_new_villages(self, refusals: list[sync.Imported]) -> bool:
        text = "\n\n".join(r.message for r in refusals)
        answer = QMessageBox.question(
            self,
            tr("Desa baru"),
            f"{text}\n\nSudahkah sidik kunci dicocokkan dengan operator desa? Terima desa ini?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_rekey(self, refusal: sync.Imported) -> bool:
        """Replace a known village's keys only after the officer confirms, audited."""
        code, fingerprint = refusal.sender.split()
        answer = QMessageBox.question(
            self,
            tr("Kunci desa berubah"),
            f"{refusal.message}\n\nSudahkah sidik kunci baru {fingerprint} dicocokkan dengan "
            "operator desa lewat telepon? Ganti kunci desa ini?",
            defaultButton=QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            village_keys.approve_village_key(self._inst, code, fingerprint, rekey=True)
        except DomainError as e:
            QMessageBox.warning(self, tr("Kunci tidak diganti"), e.message)
            return False
        return True

    def accept_waiting(self) -> None:
        """Approve the selected key of the queue (a village that synced over the network)."""
        rows = {i.row() for i in self.waiting.selectedIndexes()}
        if len(rows) != 1:
            self.changed.emit(tr("Pilih satu kunci di daftar."))
            return
        key = self._waiting[rows.pop()]
        change = (
            f"Kunci terdaftar {key.pinned_fingerprint} akan diganti. "
            if key.pinned_fingerprint
            else ""
        )
        answer = QMessageBox.question(
            self,
            tr("Terima kunci desa"),
            f"{key.village_name or key.village_code} ({key.village_code}): sidik kunci "
            f"{key.fingerprint}. {change}Sudahkah sidik kunci ini dicocokkan dengan operator "
            "desa lewat telepon?",
            defaultButton=QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            message = village_keys.approve_village_key(
                self._inst,
                key.village_code,
                key.fingerprint,
                rekey=key.pinned_fingerprint is not None,
            )
        except DomainError as e:
            QMessageBox.warning(self, tr("Kunci tidak diterima"), e.message)
            return
        self.refresh()
        self.changed.emit(message)

    def choose_bpjs_list(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, tr("Daftar untuk BPJS"), "daftar-untuk-bpjs.csv", "CSV (*.csv)"
        )
        if target:
            count = bpjs_list.export_registration_list(self._inst, Path(target))
            self.refresh()
            self.changed.emit(f"{count} pekerja dalam daftar untuk BPJS: {target}")

    def choose_kpj_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Nomor KPJ dari BPJS"), "", "CSV (*.csv)")
        if path:
            self.import_kpj(Path(path))

    def import_kpj(self, path: Path) -> None:
        try:
            result = district.import_bpjs_csv(self._inst, path)
        except DomainError as e:
            QMessageBox.warning(self, tr("Berkas BPJS ditolak"), e.message)
            return
        unknown = (
            f"; NIK tidak ditemukan: {', '.join(result.unknown_niks)}"
            if result.unknown_niks
            else ""
        )
        self.refresh()
        self.changed.emit(f"{result.updated} pekerja mendapat nomor KPJ atau status{unknown}.")

    def choose_return_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder untuk berkas kembali"))
        if folder:
            self.export_returns(Path(folder))

    def export_returns(self, folder: Path) -> None:
        def work(inst, progress):
            progress(0, 1)
            return sync.export(inst, folder)

        def done(results):
            self.results.set_rows([(str(r.path), "Ekspor", r.message) for r in results])
            self.changed.emit(f"{len(results)} berkas kembali dibuat di {folder}.")

        self.progress.start_on_db(self._inst, tr("Membuat berkas kembali…"), work, done)
