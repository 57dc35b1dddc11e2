"""Register or correct one worker: fields checked as typed; Enter saves, Esc cancels."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.device import clock
from desktop_app.domain.errors import DomainError, ValidationErrors
from desktop_app.domain.family import HEIR_RELATIONS, HeirForm
from desktop_app.domain.formatting import short_date, tanggal
from desktop_app.domain.nik import SEX_LABELS, parse_nik
from desktop_app.domain.occupations import OCCUPATIONS
from desktop_app.domain.worker import WorkerForm, validate_worker
from desktop_app.services import duplicates, personal_data, registry
from desktop_app.services.installation import Installation
from desktop_app.ui.dialogs.children_editor import ChildrenEditor
from desktop_app.ui.dialogs.duplicates_dialog import DuplicateWarning
from desktop_app.ui.dialogs.history_table import HistoryTable
from desktop_app.ui.i18n import tr
from desktop_app.ui.widgets import ERROR_STYLE, OK_STYLE

NIK_MISMATCH = {"nik.sex_mismatch", "nik.birth_date_mismatch"}


class WorkerDialog(QDialog):
    """The registration form. `saved` holds the result after accept()."""

    def __init__(self, inst: Installation, worker_id: str | None = None, parent=None):
        super().__init__(parent)
        self._inst = inst
        self._worker_id = worker_id
        self._version: int | None = None
        self._touched: set[str] = set()
        self.saved: registry.Saved | None = None
        self.setWindowTitle(tr("Ubah data pekerja") if worker_id else tr("Daftarkan pekerja baru"))
        self.setMinimumWidth(760)
        self._inputs: dict[str, QLineEdit | QComboBox] = {}
        self._errors: dict[str, QLabel] = {}
        self._build()
        if worker_id:
            self._load(worker_id)
        self._revalidate()

    # ---- building -------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str = "", max_len: int = 0) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(tr(placeholder) if placeholder else "")
        if max_len:
            edit.setMaxLength(max_len)
        edit.textEdited.connect(lambda _t, n=name: self._on_edit(n))
        self._inputs[name] = edit
        return edit

    def _combo(self, name: str, items: list[tuple[str, str]], editable: bool = False) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setEditable(editable)
        for value, label in items:
            combo.addItem(tr(label), value)
        combo.currentIndexChanged.connect(lambda _i, n=name: self._on_edit(n))
        if editable:
            combo.editTextChanged.connect(lambda _t, n=name: self._on_edit(n))
        self._inputs[name] = combo
        return combo

    def _row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        error = QLabel()
        error.setObjectName(f"{name}_error")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        self._errors[name] = error
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(label, box)

    def _build(self) -> None:
        identity = QFormLayout()
        self._row(identity, tr("NIK"), "nik", self._line("nik", "16 angka sesuai KTP", 20))
        self.nik_info = QLabel()
        self.nik_info.setObjectName("nik_info")
        self.nik_info.setWordWrap(True)
        self.nik_info.setStyleSheet(OK_STYLE)
        identity.addRow("", self.nik_info)
        self._row(identity, tr("Nomor KK"), "kk_number", self._line("kk_number", "16 angka", 20))
        self._row(identity, tr("Nama lengkap"), "full_name", self._line("full_name", "sesuai KTP"))
        self._row(identity, tr("Tempat lahir"), "birth_place", self._line("birth_place"))
        self._row(
            identity, tr("Tanggal lahir"), "birth_date", self._line("birth_date", "HH-BB-TTTT")
        )
        self._row(
            identity,
            tr("Jenis kelamin"),
            "sex",
            self._combo("sex", [("", "— pilih —"), *SEX_LABELS.items()]),
        )
        # Shown when sex or birth date differs from the NIK: the clerk confirms with a reason.
        self._row(
            identity,
            tr("Alasan beda dengan NIK"),
            "nik_mismatch_reason",
            self._line("nik_mismatch_reason", "mis. tanggal lahir dikoreksi Dukcapil", 200),
        )
        self._identity = identity
        self._reason_row = identity.rowCount() - 1

        address = QFormLayout()
        self._row(address, tr("Alamat"), "address", self._line("address", "jalan, nomor rumah"))
        dusun = self._combo("dusun", [("", "")] + [(d, d) for d in self._dusun_names()], True)
        self._row(address, tr("Dusun"), "dusun", dusun)
        rt_rw = QHBoxLayout()
        rt_rw.addWidget(self._line("rt", "RT", 3))
        rt_rw.addWidget(QLabel("/"))
        rt_rw.addWidget(self._line("rw", "RW", 3))
        holder = QWidget()
        holder.setLayout(rt_rw)
        rt_rw.setContentsMargins(0, 0, 0, 0)
        self._row(address, tr("RT / RW"), "rt", holder)
        self._errors["rw"] = self._errors["rt"]
        self._row(address, tr("Nomor HP"), "phone", self._line("phone", "08…"))

        work = QFormLayout()
        occupations = [("", "— pilih —")] + [(o.code, o.label) for o in OCCUPATIONS]
        self._row(work, tr("Pekerjaan"), "occupation", self._combo("occupation", occupations))
        self._row(
            work,
            tr("Pekerjaan lainnya"),
            "occupation_other",
            self._line("occupation_other", "isi jika 'Lainnya'"),
        )
        self._row(
            work,
            tr("Penghasilan sebulan (Rp)"),
            "monthly_income",
            self._line("monthly_income", "mis. 1.500.000"),
        )
        self.jht = QCheckBox(tr("Ikut JHT (Jaminan Hari Tua, 2%)"))
        self.jht.setObjectName("programs_jht")
        self.jht.toggled.connect(lambda _c: self._on_edit("programs"))
        self._row(
            work, tr("Program"), "programs", self._with_label(tr("JKK + JKM (wajib)"), self.jht)
        )

        heir = QFormLayout()
        self._row(heir, tr("Nama ahli waris"), "heir_name", self._line("heir_name"))
        relations = [("", "— pilih —"), *list(HEIR_RELATIONS.items())]
        self._row(heir, tr("Hubungan"), "heir_relation", self._combo("heir_relation", relations))
        self._row(
            heir, tr("NIK ahli waris"), "heir_nik", self._line("heir_nik", "boleh kosong", 20)
        )
        self._row(heir, tr("HP ahli waris"), "heir_phone", self._line("heir_phone", "boleh kosong"))

        # UU 27/2022: the worker signs the printed statement (satudesa privacy consent-form).
        self.consent = QCheckBox(tr("Pernyataan persetujuan sudah ditandatangani"))
        self.consent.setObjectName("consent")
        work.addRow(tr("Data pribadi"), self.consent)

        self.children_editor = ChildrenEditor()
        self.children_editor.changed.connect(lambda: self._on_edit("children"))

        grid = QGridLayout()
        grid.addWidget(self._group(tr("Identitas"), identity), 0, 0)
        grid.addWidget(self._group(tr("Alamat dan kontak"), address), 0, 1)
        grid.addWidget(self._group(tr("Pekerjaan dan program"), work), 1, 0)
        grid.addWidget(self._group(tr("Ahli waris"), heir), 1, 1)
        grid.addWidget(self._group(tr("Anak (untuk beasiswa)"), self.children_editor), 2, 0, 1, 2)
        if self._worker_id:
            history = HistoryTable(self._inst, self._worker_id)
            grid.addWidget(self._group(tr("Riwayat (terbaru di atas)"), history), 3, 0, 1, 2)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.form_error = QLabel()
        self.form_error.setObjectName("form_error")
        self.form_error.setStyleSheet(ERROR_STYLE)
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Batal"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for name, text, slot in (
            ("consent_form", tr("Pernyataan persetujuan…"), self.print_consent_form),
            ("access_report", tr("Laporan data pribadi…"), self.print_access_report),
        ):
            button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            button.setObjectName(name)
            button.clicked.connect(slot)
            button.setEnabled(name == "consent_form" or self._worker_id is not None)
        self.document_note = QLabel()
        self.document_note.setObjectName("document_note")
        self.document_note.setWordWrap(True)
        self.document_note.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.form_error)
        layout.addWidget(self.document_note)
        layout.addWidget(self.buttons)
        self.resize(980, 720)

    def _group(self, title: str, layout_or_widget) -> QGroupBox:
        box = QGroupBox(title)
        if isinstance(layout_or_widget, QWidget):
            inner = QVBoxLayout(box)
            inner.addWidget(layout_or_widget)
        else:
            box.setLayout(layout_or_widget)
        return box

    @staticmethod
    def _with_label(text: str, widget: QWidget) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(text))
        row.addWidget(widget)
        row.addStretch()
        return holder

    def _dusun_names(self) -> list[str]:
        from desktop_app.services.worker_list import dusun_names

        return dusun_names(self._inst)

    # ---- values ---------------------------------------------------------------------------

    def value(self, name: str) -> str:
        widget = self._inputs[name]
        if isinstance(widget, QComboBox):
            if widget.isEditable():
                return widget.currentText()
            return widget.currentData() or ""
        return widget.text()

    def set_value(self, name: str, value: str) -> None:
        widget = self._inputs[name]
        if isinstance(widget, QComboBox):
            index = widget.findData(value)
            if widget.isEditable() and index < 0:
                widget.setEditText(value)
            else:
                widget.setCurrentIndex(max(index, 0))
        else:
            widget.setText(value)

    def worker_form(self) -> WorkerForm:
        values = {
            f.name: self.value(f.name)
            for f in dataclasses.fields(WorkerForm)
            if f.name != "programs"
        }
        programs = "JKK,JKM,JHT" if self.jht.isChecked() else "JKK,JKM"
        return WorkerForm(**values, programs=programs)

    def heir_form(self) -> HeirForm:
        return HeirForm(
            full_name=self.value("heir_name"),
            relation=self.value("heir_relation"),
            nik=self.value("heir_nik"),
            phone=self.value("heir_phone"),
        )

    def _load(self, worker_id: str) -> None:
        form = registry.edit_form(self._inst, worker_id)
        self._version = form.version
        for f in dataclasses.fields(WorkerForm):
            if f.name in self._inputs:
                self.set_value(f.name, getattr(form.worker, f.name))
        self.jht.setChecked("JHT" in form.worker.programs.split(","))
        for field, value in (
            ("heir_name", form.heir.full_name),
            ("heir_relation", form.heir.relation),
            ("heir_nik", form.heir.nik),
            ("heir_phone", form.heir.phone),
        ):
            self.set_value(field, value)
        self.children_editor.set_children(form.children)
        signed = personal_data.consent_of(self._inst, worker_id)
        self.consent.setChecked(signed is not None)
        self.consent.setEnabled(signed is None)  # a signed statement is not taken back here
        self._fill_from_nik()
        self._touched = set(self._inputs)

    # ---- validation -----------------------------------------------------------------------

    def _on_edit(self, name: str) -> None:
        self._touched.add(name)
        if name == "nik":
            self._fill_from_nik()
        self._revalidate()

    def _fill_from_nik(self) -> None:
        """Show what the NIK says, and fill sex and birth date when they are still empty."""
        try:
            info = parse_nik(self.value("nik"))
        except DomainError:
            self.nik_info.setText("")
            return
        place = f"Kec. {info.kecamatan_name}" if info.kecamatan_name else "kecamatan tidak dikenal"
        text = tr("{sex} · lahir {date} · {place}").format(
            sex=tr(SEX_LABELS[info.sex]), date=tanggal(info.birth_date), place=place
        )
        self.nik_info.setText(text + "".join(f"\n⚠ {w}" for w in info.warnings))
        if not self.value("sex"):
            self.set_value("sex", info.sex)
        if not self.value("birth_date").strip():
            self.set_value("birth_date", short_date(info.birth_date))

    def _revalidate(self) -> dict[str, str]:
        """Check the whole form; show messages only under fields the clerk has touched."""
        messages: dict[str, str] = {}
        codes: set[str] = set()
        valid = None
        try:
            valid = validate_worker(self.worker_form(), clock.today())
        except ValidationErrors as e:
            for err in e.errors:
                messages.setdefault(err.field or "", err.message)
                codes.add(err.code)
        except DomainError as e:
            messages.setdefault(e.field or "", e.message)
            codes.add(e.code)
        differs = bool(codes & NIK_MISMATCH) or bool(valid and valid.nik_mismatch_reason)
        self._identity.setRowVisible(
            self._reason_row, differs or bool(self.value("nik_mismatch_reason").strip())
        )
        for name, label in self._errors.items():
            text = messages.get(name, "") if name in self._touched else ""
            if name == "rt" and "rt" in self._touched:
                text = messages.get("rt") or messages.get("rw", "")
            label.setText(text)
            label.setVisible(bool(text))
        return messages

    def _show_errors(self, errors: list[DomainError]) -> None:
        unplaced = []
        for err in errors:
            label = self._errors.get(err.field or "")
            if label is None:
                unplaced.append(err.message)
                continue
            label.setText(err.message)
            label.show()
        self.form_error.setText("\n".join(unplaced))
        self.form_error.setVisible(bool(unplaced))
        first = next((e.field for e in errors if e.field in self._inputs), None)
        if first:
            self._inputs[first].setFocus()

    # ---- saving ---------------------------------------------------------------------------

    def _ask_about_duplicates(self, form: WorkerForm) -> tuple[bool, str | None]:
        """Warn of likely duplicates: (go on?, the clerk's reason that they differ)."""
        matches = duplicates.matches_for_form(self._inst, form)
        if not matches:
            return True, None
        warning = DuplicateWarning(matches, self)
        go_on = warning.exec() == QDialog.DialogCode.Accepted
        return go_on, warning.reason

    def save(self) -> None:
        args = (self.worker_form(), self.heir_form(), self.children_editor.child_forms())
        try:
            consent_on = clock.today() if self.consent.isChecked() else None
            if self._worker_id:
                self.saved = registry.update_worker(
                    self._inst, self._worker_id, *args, expected_version=self._version
                )
                if consent_on and self.consent.isEnabled():
                    personal_data.record_consent(self._inst, self._worker_id, consent_on)
            else:
                go_on, reason = self._ask_about_duplicates(args[0])
                if not go_on:
                    return
                self.saved = registry.register_worker(
                    self._inst, *args, duplicate_reason=reason, consent_on=consent_on
                )
        except ValidationErrors as e:
            self._touched = set(self._inputs)
            self._show_errors(e.errors)
            return
        except DomainError as e:  # a duplicate NIK, a stale form, ...
            self._show_errors([e])
            return
        self.accept()

    # ---- personal-data rights (UU 27/2022) ------------------------------------------------

    def print_consent_form(self) -> None:
        """The statement to sign: filled in for a saved worker, blank for a new one."""
        target, _ = QFileDialog.getSaveFileName(
            self, tr("Simpan pernyataan persetujuan"), "pernyataan-persetujuan.pdf", "PDF (*.pdf)"
        )
        if target:
            self._write(lambda: personal_data.write_consent_statement(
                self._inst, Path(target), self._worker_id
            ))  # fmt: skip

    def print_access_report(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, tr("Simpan laporan data pribadi"), "laporan-data-pribadi.pdf", "PDF (*.pdf)"
        )
        if target and self._worker_id:
            self._write(
                lambda: personal_data.access_report(self._inst, self._worker_id, Path(target))
            )

    def _write(self, make) -> None:
        try:
            path = make()
        except DomainError as e:
            self._show_errors([e])
            return
        self.document_note.setText(tr("Disimpan di") + f" {path}")
        self.document_note.show()

    def keyPressEvent(self, event) -> None:  # Enter saves from any single-line field
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
            return
        super().keyPressEvent(event)
