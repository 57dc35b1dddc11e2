"""The window's safety net: an error nobody caught, a damaged database, help at F1, DEMO."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QTextBrowser

from desktop_app.device.logs import configure_logging
from desktop_app.services import auto_backup, registry
from desktop_app.services.installation import open_installation
from desktop_app.store import workers as store
from desktop_app.store.db import DB_FILENAME
from desktop_app.ui import app as app_module
from desktop_app.ui.dialogs.help_window import HelpWindow
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.workers import WorkersPage


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_error_is_logged_and_shown_in_indonesian_and_the_window_still_works(
    qtbot, demo_village, monkeypatch
):
    configure_logging(demo_village.data_dir)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    reporter = app_module.install_excepthook()
    assert sys.excepthook is reporter
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    window.show()
    page = window.page(WorkersPage)
    broken = QPushButton("rusak", page)

    def fails() -> None:
        raise KeyError("kolom_hilang")

    broken.clicked.connect(fails)
    broken.click()  # Qt hands the exception of a slot to sys.excepthook and carries on
    box = reporter.box
    assert box is not None and box.objectName() == "error_message"
    assert "kesalahan yang tidak terduga" in box.text() and "satudesa.log" in box.text()
    log = (demo_village.data_dir / "satudesa.log").read_text(encoding="utf-8")
    assert "uncaught error in the window" in log and "KeyError: 'kolom_hilang'" in log
    reporter(KeyError, KeyError("lagi"), None)  # a second error does not stack a second box
    assert reporter.box is box
    box.done(0)
    assert reporter.box is None
    page.search.setText("zzz-tidak-ada")
    page.apply_filters()
    assert page.model.rowCount() == 0  # the window still answers


@pytest.fixture
def clerk_agrees(monkeypatch):
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    return asked


def test_a_database_too_damaged_to_open_is_offered_the_newest_backup_before_the_window(
    demo_village, clerk_agrees, qapp
):
    auto_backup.make_auto_backup(demo_village)
    data_dir = demo_village.data_dir
    demo_village.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    demo_village.close()
    db_path = data_dir / DB_FILENAME
    raw = bytearray(db_path.read_bytes())
    raw[:100] = bytes(100)  # the header is gone: SQLite says "file is not a database"
    db_path.write_bytes(bytes(raw))
    assert not auto_backup.database_is_healthy(data_dir)

    assert app_module._initialised(data_dir) is True
    assert "rusak" in clerk_agrees[0] and "cadangan otomatis terbaru" in clerk_agrees[0]
    assert auto_backup.database_is_healthy(data_dir)
    with open_installation(data_dir) as inst:
        assert store.count_workers(inst.db) == 30


def test_the_check_after_opening_finds_damage_and_the_window_reopens_on_the_backup(
    qtbot, demo_village, clerk_agrees, monkeypatch
):
    auto_backup.make_auto_backup(demo_village)
    victim = store.list_workers(demo_village.db, limit=1)[0]
    registry.remove_worker(demo_village, victim.id, "setelah cadangan")
    verdicts = iter([False])  # damaged at this start; sound after the recovery
    monkeypatch.setattr(auto_backup, "database_is_healthy", lambda _d: next(verdicts, True))
    window = app_module.open_window(demo_village)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: app_module._windows[0] is not window, timeout=20_000)
    again = app_module._windows[0]
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again._backup_job is None, timeout=20_000)  # checked, backed up
    assert len(clerk_agrees) == 1
    assert "rusak" in clerk_agrees[0]
    assert store.get_worker(again.inst.db, victim.id).deleted_at is None  # as in the backup
    assert len(list(demo_village.data_dir.glob(f"{DB_FILENAME}.rusak-*"))) == 1
    again.inst.close()


def test_f1_opens_the_indonesian_guide_with_its_pictures(qtbot, demo_village):
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    window.show()
    [bantuan] = [a.menu() for a in window.menuBar().actions() if a.text() == "Bantuan"]
    [guide_action] = bantuan.actions()
    assert guide_action.shortcut().toString() == "F1"
    guide_action.trigger()
    guide = window.findChild(HelpWindow)
    assert guide is not None and guide.isVisible()
    text = guide.findChild(QTextBrowser, "guide").toPlainText()
    for heading in ("Memasang", "Mendaftarkan pekerja", "Cadangan", "berkas ditolak"):
        assert heading in text
    html = guide.browser.toHtml()
    assert "panduan/" in html


def test_the_demo_says_demo_in_the_title_and_the_status_bar(qtbot, demo_village):
    demo = MainWindow(demo_village)
    qtbot.addWidget(demo)
    demo.show()
    assert "DEMO" in demo.windowTitle()
    assert demo.findChild(QLabel, "demo_label").isVisible()
    assert demo.findChild(QLabel, "demo_label").text() == "DEMO"
    assert "bukan data sungguhan" in demo.findChild(QLabel, "demo_label").toolTip()


def test_a_real_village_is_not_called_demo(qtbot, village):
    real = MainWindow(village)
    qtbot.addWidget(real)
    real.show()
    assert "DEMO" not in real.windowTitle()
    assert not real.findChild(QLabel, "demo_label").isVisible()


def test_the_window_fits_a_1366_by_768_screen_with_a_taskbar(qtbot, demo_village):
    window = MainWindow(demo_village)
    qtbot.addWidget(window)
    window.show()
    for page in range(window.sidebar.count()):
        window.sidebar.setCurrentRow(page)
        assert window.minimumSizeHint().height() <= 690
        assert window.minimumSizeHint().width() <= 1366
    assert window.height() <= 690
