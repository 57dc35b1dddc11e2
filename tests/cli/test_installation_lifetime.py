"""A command opens its installation once and closes it when it ends, refused or not."""

from __future__ import annotations

import pytest
from cli_helpers import run

from desktop_app.services import installation as installation_service


@pytest.fixture
def opened(monkeypatch):
    seen = []
    real = installation_service.open_installation

    def spy(*args, **kwargs):
        inst = real(*args, **kwargs)
        seen.append(inst)
        return inst

    monkeypatch.setattr("desktop_app.cli.opened.open_installation", spy)
    return seen


def connection_is_closed(inst) -> bool:
    try:
        inst.db.execute("SELECT 1")
    except Exception as e:  # sqlite3.ProgrammingError: Cannot operate on a closed database
        return "closed" in str(e)
    return False


def test_a_command_opens_the_installation_once_and_closes_it(demo_village, capsys, opened):
    folder = demo_village.data_dir
    code, out, _ = run(capsys, folder, "worker", "list", "--search", "a")
    assert code == 0 and out
    assert len(opened) == 1
    assert connection_is_closed(opened[0])


def test_a_refused_command_closes_the_installation_too(demo_village, capsys, opened):
    folder = demo_village.data_dir
    code, _, err = run(capsys, folder, "worker", "show", "0000000000000000")
    assert code == 1 and "Ditolak" in err
    assert len(opened) == 1
    assert connection_is_closed(opened[0])
