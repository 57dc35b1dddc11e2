"""Starting the window where there is no screen."""

from __future__ import annotations

from cli_helpers import run


def test_opening_the_window_without_a_screen_is_refused_in_words(tmp_path, capsys, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys, tmp_path / "data")
    assert code == 1 and "Tidak ada layar grafis" in err
