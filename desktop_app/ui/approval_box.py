"""The village head's approval of a year's funded list, on the budget page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_app.domain.errors import DomainError
from desktop_app.domain.formatting import local_time
from desktop_app.services import access, approval
from desktop_app.services.installation import Installation
from desktop_app.ui.i18n import tr


class ApprovalBox(QWidget):
    """Whether the list of `year()` is approved, and the button the kepala desa presses."""

    def __init__(self, inst: Installation, year: Callable[[], int], parent=None):
        super().__init__(parent)
        self._inst = inst
        self._year = year
        self.state = QLabel()
        self.state.setObjectName("approval_state")
        self.state.setWordWrap(True)
        self.approve_button = QPushButton(tr("Setujui daftar yang didanai"))
        self.approve_button.setObjectName("approve")
        self.approve_button.clicked.connect(self.approve)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state, 1)
        row.addWidget(self.approve_button)

    def refresh(self) -> None:
        if access.is_open(self._inst):
            self.hide()  # without people there is no one to approve in her own name
            return
        self.show()
        found = approval.approved(self._inst, self._year())
        self.state.setText(
            f"{approval.describe(found)} ({local_time(found.at)})"
            if found
            else f"Daftar {self._year()} belum disetujui kepala desa; surat menunggu "
            "persetujuannya."
        )
        person = self._inst.person
        self.approve_button.setVisible(person is not None and person.role == "kepala_desa")

    def approve(self) -> None:
        try:
            approval.approve_funded_list(self._inst, self._year())
        except DomainError as e:
            self.state.setText(e.message)
            return
        self.refresh()
