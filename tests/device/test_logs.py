"""The log file never puts a traceback on the clerk's screen."""

from __future__ import annotations

import errno
import logging

from desktop_app.device.logs import configure_logging


class _FullDisk:
    def write(self, _text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_log_line_the_disk_has_no_room_for_is_dropped_quietly(tmp_path, capsys):
    configure_logging(tmp_path)
    log = logging.getLogger("satudesa")
    log.info("written")
    (handler,) = log.handlers
    assert isinstance(handler, logging.FileHandler)
    handler.stream = _FullDisk()  # type: ignore[assignment]
    log.info("refused disk.full in worker")
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
    handler.stream = open(handler.baseFilename, "a", encoding="utf-8")  # noqa: SIM115
    log.info("room again")
    handler.close()
    lines = (tmp_path / "satudesa.log").read_text(encoding="utf-8").splitlines()
    assert [line.split()[-1] for line in lines] == ["written", "again"]
