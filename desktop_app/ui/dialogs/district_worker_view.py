"""Read-only views of a worker as the district knows it; a finding's records side by side."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop_app.domain.events import CLAIM_LABELS, EVENT_LABELS
from desktop_app.domain.formatting import local_time, month_year, rupiah, tanggal
from desktop_app.ui.i18n import tr


def _date(iso: str) -> str:
    return tanggal(dt.date.fromisoformat(iso[:10]))


def worker_html(d: dict) -> str:
    """One worker's record, coverage and events as rich text for a QLabel."""
    removed = (
        f"<p><b>{tr('Dihapus desa')}</b> {local_time(d['deleted_at'])}: "
        f"{d['removal_reason'] or '-'}</p>"
        if d["deleted_at"]
        else ""
    )
    rows = [
        (tr("Desa"), f"{d['village']} ({d['village_code']})"),
        (tr("Kecamatan"), d["kecamatan"]),
        (tr("NIK"), d["nik"]),
        (tr("Tanggal lahir"), f"{_date(d['birth_date'])} ({d['sex']})"),
        (tr("Pekerjaan"), d["occupation_label"]),
        (tr("Penghasilan"), rupiah(d["monthly_income"])),
        (tr("Program"), d["programs"]),
        (tr("Nomor KPJ"), d["kpj_number"] or "-"),
        (tr("Status"), d["status_label"]),
        (tr("Kepesertaan"), d["coverage_label"]),
        (tr("Didaftarkan"), local_time(d["registered_at"])),
        (
            tr("Keluarga"),
            tr("{heirs} ahli waris, {children} anak (data ada di desa)").format(
                heirs=d["heirs"], children=d["children"]
            ),
        ),
    ]
    html = [f"<h3>{d['full_name']}</h3>", removed, "<table>"]
    html += [f"<tr><td><i>{k}</i>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows]
    html.append("</table>")
    if d["coverage_periods"]:
        html.append(f"<p><b>{tr('Iuran')}</b></p><ul>")
        html += [
            f"<li>{p['fiscal_year']}: {p['months']} {tr('bulan')} "
            f"{tr('dari')} {month_year(dt.date.fromisoformat(p['start_month']))}, "
            f"{rupiah(p['total_amount'])}</li>"
            for p in d["coverage_periods"]
        ]
        html.append("</ul>")
    if d["events"]:
        html.append(f"<p><b>{tr('Kejadian')}</b></p><ul>")
        html += [
            f"<li>{_date(e['event_date'])}: {EVENT_LABELS.get(e['kind'], e['kind'])} — "
            f"{tr('klaim')} {CLAIM_LABELS.get(e['claim_status'] or 'none', '-')}</li>"
            for e in d["events"]
        ]
        html.append("</ul>")
    return "".join(html)


def record_label(details: dict) -> QLabel:
    label = QLabel(worker_html(details))
    label.setObjectName("worker_record")
    label.setWordWrap(True)
    label.setMinimumWidth(340)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class RecordsDialog(QDialog):
    """Several records side by side (a NIK found in two villages), read-only."""

    def __init__(self, records: list[dict], detail: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Catatan pekerja"))
        columns = QHBoxLayout()
        for record in records:
            columns.addWidget(record_label(record), 1)
        note = QLabel(detail)
        note.setObjectName("finding_detail")
        note.setWordWrap(True)
        close = QPushButton(tr("Tutup"))
        close.setObjectName("close")
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(columns, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
