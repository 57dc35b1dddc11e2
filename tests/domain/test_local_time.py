"""Times people read are local: a stored UTC time shown in Nunukan (WITA, UTC+8)."""

from __future__ import annotations

import time

import pytest

from desktop_app.domain.formatting import local_iso, local_time


@pytest.fixture
def in_nunukan(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Makassar")  # WITA, as the clock of a laptop in Nunukan
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_batch_received_at_07_32_utc_reads_15_32_in_nunukan(in_nunukan):
    assert local_time("2026-11-29T07:32:10+00:00") == "29-11-2026 15:32"
    assert local_time("2026-11-29T20:05:00+00:00") == "30-11-2026 04:05"


def test_json_keeps_iso_8601_with_the_local_offset(in_nunukan):
    assert local_iso("2026-11-29T07:32:10+00:00") == "2026-11-29T15:32:10+08:00"
