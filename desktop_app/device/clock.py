"""Timestamps as the database stores them: UTC ISO-8601 with seconds."""

from __future__ import annotations

import datetime as dt


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
