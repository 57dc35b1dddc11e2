"""English as the second language: every string the window translates has its English."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from desktop_app.domain.events import CLAIM_LABELS, EVENT_LABELS
from desktop_app.domain.family import HEIR_RELATIONS
from desktop_app.domain.import_mapping import TARGETS
from desktop_app.domain.nik import SEX_LABELS
from desktop_app.domain.occupations import OCCUPATIONS
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.services.access import ROLES
from desktop_app.services.audit_trail import ACTION_LABELS, FIELD_LABELS, PRINT_LABELS
from desktop_app.services.letterhead import LABELS
from desktop_app.services.printing import KINDS
from desktop_app.services.reports import DIMENSIONS
from desktop_app.ui import i18n
from desktop_app.ui.dialogs.children_editor import HEADERS
from desktop_app.ui.dialogs.duplicates_dialog import PAIR_HEADERS
from desktop_app.ui.dialogs.event_dialog import CAUSES
from desktop_app.ui.dialogs.history_table import HEADERS as HISTORY_HEADERS
from desktop_app.ui.dialogs.import_wizard import PREVIEW_COLUMNS
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.board_table import BOARD_COLUMNS, BOARD_STATUSES, KECAMATAN_COLUMNS
from desktop_app.ui.models.worker_table import COLUMNS
from desktop_app.ui.pages import PAGES
from desktop_app.ui.pages.district_reports import REPORT_KINDS
from desktop_app.ui.pages.sync import STATUS_WORDS

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = json.loads((ROOT / "resources/translations/en.json").read_text(encoding="utf-8"))


def literals_passed_to_tr() -> set[str]:
    found = set()
    for path in (ROOT / "desktop_app/ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found


def labels_translated_where_shown() -> set[str]:
    tables = [
        SEX_LABELS,
        STATUS_WORDS,
        LABELS,
        STATUS_LABELS,
        HEIR_RELATIONS,
        EVENT_LABELS,
        CLAIM_LABELS,
        KINDS,
        DIMENSIONS,
        ACTION_LABELS,
        FIELD_LABELS,
        PRINT_LABELS,
        TARGETS,
        *ROLES.values(),
    ]
    labels = {v for t in tables for v in t.values()}
    labels |= (
        {label for _, label in COLUMNS}
        | set(HEADERS)
        | set(HISTORY_HEADERS)
        | {label for _, label in CAUSES}
        | {label for _, label in PREVIEW_COLUMNS}
        | set(PAIR_HEADERS)
    )
    labels |= {o.label for o in OCCUPATIONS} | {p.title for pages in PAGES.values() for p in pages}
    labels |= {header for header, _, _ in BOARD_COLUMNS + KECAMATAN_COLUMNS}
    labels |= set(BOARD_STATUSES.values()) | set(REPORT_KINDS.values())
    return labels | {"— pilih —", "Semua status", "Semua pekerjaan", "Semua dusun"}


def test_every_translated_string_has_its_english():
    missing = sorted((literals_passed_to_tr() | labels_translated_where_shown()) - set(CATALOGUE))
    assert missing == []


def test_occupations_use_the_english_labels_of_the_catalogue_file():
    assert all(CATALOGUE[o.label] == o.label_en for o in OCCUPATIONS)


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("id")


def test_window_speaks_english_when_chosen(qtbot, demo_village, english):
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles == ["Workers", "Budget", "Reports", "Sync"]
    assert window.findChild(QPushButton, "add_worker").text() == "Add worker (Ctrl+N)"
    assert "30 changes not exported yet" in window.sync_label.text()


def test_indonesian_is_the_default(qtbot, demo_village):
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    assert window.sidebar.item(0).text() == "Pekerja"


def test_choosing_english_in_the_status_bar_is_kept_for_the_next_start(qtbot, demo_village):
    from desktop_app.services.installation import window_language

    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    window.language.setCurrentIndex(window.language.findData("en"))
    assert window_language(demo_village) == "en"
    assert "opened again" in window.statusBar().currentMessage()
