"""The Sync page of a village and the Villages page of the district, driven as people would."""

from __future__ import annotations

from forms import SITI
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPushButton, QTableWidget

from desktop_app.device.keys import load_keys
from desktop_app.services import registry
from desktop_app.services.installation import init_district, init_village, open_installation
from desktop_app.services.village_keys import approve_village_key
from desktop_app.store import district as district_store
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pages.sync import SyncPage
from desktop_app.ui.pages.villages import VillagesPage


def test_clerk_exports_to_a_folder_and_district_officer_imports_after_confirming(
    qtbot, tmp_path, monkeypatch
):
    district, profile = init_district(tmp_path / "kab", "65.03")
    village = init_village(tmp_path / "ta", "65.03.10.2004", district_profile=profile)
    registry.register_worker(village, SITI)

    window = MainWindow(village)
    qtbot.addWidget(window)
    page = window.page(SyncPage)
    status = page.findChild(QLabel, "sync_status").text()
    assert "Terhubung dengan Kabupaten Nunukan" in status and "1 perubahan belum diekspor" in status
    usb = tmp_path / "usb"
    usb.mkdir()
    page.findChild(QComboBox, "export_folder").setEditText(str(usb))
    page.findChild(QPushButton, "export").click()
    qtbot.waitUntil(lambda: len(list(usb.iterdir())) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "Semua perubahan sudah diekspor" in page.status_label.text())
    # The status bar says the same thing as the page: exported, waiting for the district.
    assert "1 perubahan sudah diekspor dan menunggu konfirmasi" in page.status_label.text()
    unsynced = window.findChild(QLabel, "unsynced_label").text()
    assert unsynced == "1 perubahan menunggu konfirmasi kabupaten"

    officer = MainWindow(district)
    qtbot.addWidget(officer)
    villages = officer.page(VillagesPage)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    villages.import_files(list(usb.iterdir()))
    table = villages.findChild(QTableWidget, "villages_table")
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10_000)
    assert table.item(0, 1).text() == "Tanjung Aru" and table.item(0, 2).text() == "1"
    assert district_store.get_village(district.db, "65.03.10.2004").applied_seq == 1
    results = villages.findChild(QTableWidget, "import_results")
    assert results.item(0, 1).text() == "Diterapkan"


def test_a_refused_file_is_listed_with_its_reason(qtbot, tmp_path):
    district, _ = init_district(tmp_path / "kab", "65.03")
    bad = tmp_path / "rusak.sdsync"
    bad.write_bytes(b"SATUDESA\x00")
    officer = MainWindow(district)
    qtbot.addWidget(officer)
    villages = officer.page(VillagesPage)
    villages.import_files([bad])
    results = villages.findChild(QTableWidget, "import_results")
    qtbot.waitUntil(lambda: results.rowCount() == 1, timeout=10_000)
    assert results.item(0, 1).text() == "DITOLAK" and "terpotong" in results.item(0, 2).text()


def test_officer_imports_kpj_numbers_from_the_villages_page(qtbot, tmp_path, monkeypatch):
    district, profile = init_district(tmp_path / "kab", "65.03")
    village = init_village(tmp_path / "ta", "65.03.10.2004", district_profile=profile)
    registry.register_worker(village, SITI)
    usb = tmp_path / "usb"
    usb.mkdir()
    from desktop_app.services import sync

    sync.export(village, usb)
    sync.import_files(district, list(usb.iterdir()), trust_new=True)
    officer = MainWindow(district)
    qtbot.addWidget(officer)
    page = officer.page(VillagesPage)
    bad = tmp_path / "salah.csv"
    bad.write_text("nik,kpj\n6503104508900001,123\n")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    page.import_kpj(bad)
    assert warnings and "kpj_number" in warnings[0]
    good = tmp_path / "kpj.csv"
    good.write_text("nik,kpj_number,status\n6503104508900001,12345678901,aktif\n")
    page.import_kpj(good)
    (row,) = district_store.find_live_by_nik(district.db, SITI.nik)
    assert row["kpj_number"] == "12345678901"


def test_clerk_syncs_online_from_the_sync_page(qtbot, tmp_path):
    import socket

    from cli_helpers import child

    from desktop_app.store.outbox import unsynced_count

    district, profile = init_district(tmp_path / "kab", "65.03")
    district.close()
    village = init_village(tmp_path / "ta", "65.03.10.2004", district_profile=profile)
    registry.register_worker(village, SITI)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    district = open_installation(tmp_path / "kab")
    approve_village_key(
        district, village.code, load_keys(village.data_dir).public.fingerprint(), rekey=False
    )
    district.close()
    server = child(tmp_path / "kab", "serve", "--port", str(port))
    try:
        assert str(port) in server.stdout.readline()
        window = MainWindow(village)
        qtbot.addWidget(window)
        page = window.page(SyncPage)
        page.server.setText(f"http://127.0.0.1:{port}")
        page.sync_online()
        results = page.findChild(QTableWidget, "import_results")
        qtbot.waitUntil(lambda: results.rowCount() == 2, timeout=20_000)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert [results.item(r, 1).text() for r in range(2)] == ["Diterapkan", "Diterapkan"]
    assert unsynced_count(village.db) == 0
    assert "Semua perubahan sudah diekspor" in page.status_label.text()


def test_officer_marks_a_reinstalled_villages_installation_replaced(qtbot, tmp_path, monkeypatch):
    from desktop_app.services import sync

    district, profile = init_district(tmp_path / "kab", "65.03")
    old = init_village(tmp_path / "ta", "65.03.10.2004", district_profile=profile)
    registry.register_worker(old, SITI)
    new = init_village(tmp_path / "ta-baru", "65.03.10.2004", district_profile=profile)
    registry.register_worker(new, SITI)  # registered again on the new laptop
    for village in (old, new):
        if village is new:  # the officer confirmed the new laptop's fingerprint by telephone
            fingerprint = load_keys(new.data_dir).public.fingerprint()
            approve_village_key(district, "65.03.10.2004", fingerprint, rekey=True)
        usb = tmp_path / f"usb-{village.device_id}"
        usb.mkdir()
        sync.export(village, usb)
        sync.import_files(district, list(usb.iterdir()), trust_new=village is old)
    officer = MainWindow(district)
    qtbot.addWidget(officer)
    page = officer.page(VillagesPage)
    table = page.findChild(QTableWidget, "villages_table")
    assert table.item(0, 2).text() == "2"
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    table.selectRow(0)
    page.findChild(QPushButton, "village_replaced").click()
    assert asked and "1 pekerja Tanjung Aru dari instalasi lama" in asked[0]
    assert table.item(0, 2).text() == "1"
    assert [f["kind"] for f in district_store.open_findings(district.db)] == []


def test_officer_replaces_a_known_villages_key_only_after_confirming_in_the_window(
    qtbot, tmp_path, monkeypatch
):
    from desktop_app.services import sync

    district, profile = init_district(tmp_path / "kab", "65.03")
    village = init_village(tmp_path / "ta", "65.03.10.2004", district_profile=profile)
    registry.register_worker(village, SITI)
    sync.export(village, tmp_path / "lama")
    sync.import_files(district, list((tmp_path / "lama").iterdir()), trust_new=True)
    anew = init_village(tmp_path / "ta2", "65.03.10.2004", district_profile=profile)
    registry.register_worker(anew, SITI)
    sync.export(anew, tmp_path / "baru")
    new_file = list((tmp_path / "baru").iterdir())
    new_fingerprint = load_keys(anew.data_dir).public.fingerprint()
    officer = MainWindow(district)
    qtbot.addWidget(officer)
    page = officer.page(VillagesPage)
    asked = []

    def answer(parent, title, text, **kw):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    results = page.findChild(QTableWidget, "import_results")
    page.import_files(new_file)  # the officer says no: nothing changes
    qtbot.waitUntil(lambda: results.rowCount() == 1 and len(asked) == 1, timeout=10_000)
    pinned = district_store.get_village(district.db, "65.03.10.2004").signing_key
    assert pinned == load_keys(village.data_dir).public.signing
    assert new_fingerprint in asked[0] and results.item(0, 1).text() == "DITOLAK"

    page.import_files(new_file)  # now yes: re-keyed, and the file applied
    qtbot.waitUntil(lambda: results.item(0, 1).text() == "Diterapkan", timeout=10_000)
    pinned = district_store.get_village(district.db, "65.03.10.2004").signing_key
    assert pinned == load_keys(anew.data_dir).public.signing


def test_officer_accepts_a_village_waiting_from_the_network_in_the_window(
    qtbot, tmp_path, monkeypatch
):
    from desktop_app.services import sync
    from desktop_app.services.village_keys import waiting_keys

    district, profile = init_district(tmp_path / "kab", "65.03")
    village = init_village(tmp_path / "ta", "65.03.10.2004", district_profile=profile)
    registry.register_worker(village, SITI)
    sync.export(village, tmp_path / "usb")
    (path,) = (tmp_path / "usb").iterdir()
    waiting = sync.import_bytes(district, path.read_bytes(), path.name, queue_unknown=True)
    assert waiting.status == "waiting"
    officer = MainWindow(district)
    qtbot.addWidget(officer)
    page = officer.page(VillagesPage)
    table = page.findChild(QTableWidget, "waiting_keys")
    assert table.rowCount() == 1 and table.item(0, 3).text() == "desa baru"
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    table.selectRow(0)
    page.findChild(QPushButton, "accept_key").click()

    fingerprint = load_keys(village.data_dir).public.fingerprint()
    assert fingerprint in asked[0]
    (key,) = waiting_keys(district)
    assert key.fingerprint == fingerprint and key.approved_by is not None
    (applied,) = sync.import_files(district, [path])
    assert applied.status == "applied"
