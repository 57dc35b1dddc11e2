"""Sinkronisasi: export to a USB stick, import files with a result per file, sync online."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.device import drives
from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import thousands
from desktop_app.services import sync, sync_counts, sync_http
from desktop_app.services.installation import Installation, bind_district
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ProgressRow, ResultsTable

STATUS_WORDS = {
    "applied": "Diterapkan",
    "already": "Sudah ada",
    "held": "Ditunda",
    "waiting": "Menunggu persetujuan",
    "refused": "DITOLAK",
}


def result_rows(results: list[sync.Imported]) -> list[tuple[str, str, str]]:
    return [(r.file, tr(STATUS_WORDS[r.status]), r.message) for r in results]


class SyncPage(QWidget):
    changed = Signal(str)

    def __init__(self, inst: Installation, parent=None):
        super().__init__(parent)
        self._inst = inst
        self.progress = ProgressRow()
        self.progress.message.connect(self.changed)
        self.results = ResultsTable((tr("Berkas"), tr("Hasil"), tr("Keterangan")), "import_results")
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_status())
        layout.addWidget(self._build_usb())
        layout.addWidget(self._build_online())
        layout.addWidget(self.progress)
        layout.addWidget(self.results, 1)
        self.refresh()

    # ---- sections -------------------------------------------------------------------------

    def _build_status(self) -> QGroupBox:
        box = QGroupBox(tr("Status"))
        self.status_label = QLabel()
        self.status_label.setObjectName("sync_status")
        self.status_label.setWordWrap(True)
        bind = QPushButton(tr("Impor profil kabupaten…"))
        bind.setObjectName("bind_district")
        bind.clicked.connect(self.choose_profile)
        row = QHBoxLayout(box)
        row.addWidget(self.status_label, 1)
        row.addWidget(bind)
        return box

    def _build_usb(self) -> QGroupBox:
        box = QGroupBox(tr("Lewat flashdisk"))
        self.folder = QComboBox()
        self.folder.setObjectName("export_folder")
        self.folder.setEditable(True)
        other = QPushButton(tr("Folder lain…"))
        other.clicked.connect(self.choose_folder)
        export = QPushButton(tr("Ekspor perubahan"))
        export.setObjectName("export")
        export.clicked.connect(self.export)
        import_ = QPushButton(tr("Impor berkas kembali…"))
        import_.setObjectName("import_files")
        import_.clicked.connect(self.choose_files)
        row = QHBoxLayout(box)
        row.addWidget(QLabel(tr("Simpan ke")))
        row.addWidget(self.folder, 1)
        row.addWidget(other)
        row.addWidget(export)
        row.addWidget(import_)
        return box

    def _build_online(self) -> QGroupBox:
        box = QGroupBox(tr("Lewat internet"))
        self.server = QLineEdit()
        self.server.setObjectName("server")
        self.server.setPlaceholderText(
            tr("alamat server kabupaten, mis. http://dpmpd.nunukankab.go.id:8750")
        )
        go = QPushButton(tr("Sinkron sekarang"))
        go.setObjectName("sync_online")
        go.clicked.connect(self.sync_online)
        row = QHBoxLayout(box)
        row.addWidget(self.server, 1)
        row.addWidget(go)
        return box

    # ---- state ----------------------------------------------------------------------------

    def refresh(self) -> None:
        state = sync.village_state(self._inst)
        bound = (
            f"Terhubung dengan {state.district_name}."
            if state.district_name
            else "Belum terhubung dengan kabupaten: impor berkas profil kabupaten."
        )
        not_exported, unconfirmed = sync_counts.change_counts(self._inst)
        waiting = (
            f"{thousands(not_exported)} perubahan belum diekspor "
            f"(nomor {state.pending_first}–{state.pending_last})."
            if not_exported
            else "Semua perubahan sudah diekspor."
        )
        confirmed = (
            f"{thousands(unconfirmed)} perubahan sudah diekspor dan menunggu konfirmasi "
            "kabupaten (berkas kembali)."
            if unconfirmed
            else "Kabupaten sudah mengonfirmasi semua yang diekspor."
        )
        self.status_label.setText(
            f"{bound} {waiting} {confirmed}\nSidik kunci desa ini: {state.fingerprint} "
            "(sebutkan kepada petugas kabupaten saat pertama kali mengirim)."
        )
        if not self.server.text():
            self.server.setText(state.server)
        current = self.folder.currentText()
        self.folder.clear()
        for path in drives.removable_folders():
            self.folder.addItem(f"{path}  (flashdisk)", str(path))
        if current:
            self.folder.setEditText(current)

    def export_folder(self) -> Path | None:
        data = self.folder.currentData()
        text = data or self.folder.currentText().split("  (")[0].strip()
        return Path(text) if text else None

    # ---- actions --------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Pilih folder atau flashdisk"))
        if folder:
            self.folder.setEditText(folder)

    def choose_profile(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Profil kabupaten"), "", "Profil (*.json)")
        if path:
            self.bind(Path(path))

    def bind(self, path: Path) -> None:
        try:
            profile = bind_district(self._inst, path)
        except DomainError as e:
            QMessageBox.warning(self, tr("Profil ditolak"), e.message)
            return
        self.refresh()
        self.changed.emit(f"Terhubung dengan {profile['name']}.")

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Berkas sinkronisasi"), "", "Satu Desa (*.sdsync)"
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def _in_background(self, what: str, work, on_done) -> None:
        self.progress.start_on_db(self._inst, what, work, on_done)

    def export(self) -> None:
        folder = self.export_folder()
        if folder is None:
            self.changed.emit(tr("Pilih folder atau flashdisk tujuan dahulu."))
            return

        def work(inst, progress):
            progress(0, 1)
            return sync.export(inst, folder)

        self._in_background(tr("Mengekspor…"), work, self._exported)

    def _exported(self, results) -> None:
        self.results.set_rows([(str(r.path or "-"), "Ekspor", r.message) for r in results])
        self.refresh()
        self.changed.emit(results[0].message if results else "")

    def import_files(self, paths: list[Path], trust_new: bool = False) -> None:
        def work(inst, progress):
            return sync.import_files(inst, paths, trust_new, progress)

        self._in_background(f"Mengimpor {len(paths)} berkas…", work, self._imported)

    def _imported(self, results) -> None:
        self.results.set_rows(result_rows(results))
        self.refresh()
        ok = sum(r.ok for r in results)
        self.changed.emit(f"{ok} dari {len(results)} berkas diterima.")

    def sync_online(self) -> None:
        server = self.server.text().strip()
        if not server:
            self.changed.emit(tr("Isi alamat server kabupaten dahulu."))
            return

        def work(inst, progress):
            progress(0, 1)
            return sync_http.sync_online(inst, server)

        self._in_background(tr("Menghubungi server kabupaten…"), work, self._synced)

    def _synced(self, result: sync_http.OnlineSync) -> None:
        parts = [p for p in (result.sent, result.received) if p is not None]
        self.results.set_rows(result_rows(parts))
        self.refresh()
        self.changed.emit(
            "Sinkronisasi selesai."
            if all(p.ok for p in parts)
            else "Sinkronisasi selesai dengan penolakan; lihat tabel."
        )
