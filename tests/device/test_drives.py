"""Finding the clerk's USB stick among mounted folders."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.device import drives


def test_sticks_mounted_directly_or_per_user_are_offered_and_plain_folders_are_not(
    tmp_path, monkeypatch
):
    media = tmp_path / "media"
    sticks = [media / "FLASHDISK", media / "operator" / "KINGSTON"]
    for folder in [*sticks, media / "not-mounted", media / "operator" / "empty"]:
        folder.mkdir(parents=True)
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) in sticks)
    assert drives.mounted_below([media, tmp_path / "run-media-missing"]) == sticks


def test_a_folder_that_cannot_be_read_offers_nothing_instead_of_failing(tmp_path, monkeypatch):
    (tmp_path / "media" / "other-user").mkdir(parents=True)

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    assert drives.mounted_below([tmp_path / "media"]) == []
