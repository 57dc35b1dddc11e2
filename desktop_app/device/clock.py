"""The installation's clock: now in UTC for timestamps, today for rules and letters.

The demo builds its history by living through it: `living_at` sets the clock for the code run
inside it (this thread only), so each action is dated when it "happened" and passes the same
rules a clerk's action passes today. No command line option or setting reaches it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

WITA = dt.timezone(dt.timedelta(hours=8), "WITA")  # Nunukan's local time

_living_at: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "living_at", default=None
)


def now() -> dt.datetime:
    """The current moment, timezone-aware (UTC)."""
    return _living_at.get() or dt.datetime.now(dt.UTC)


def utc_now() -> str:
    return now().isoformat(timespec="seconds")


def today() -> dt.date:
    """Today's date where the clerk is: the computer's local date (the village's)."""
    moment = _living_at.get()
    return moment.astimezone(WITA).date() if moment else dt.date.today()


@contextlib.contextmanager
def living_at(day: dt.date, hour: int = 9) -> Iterator[None]:
    """Run the code inside as if it were `hour` o'clock WITA on `day`."""
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=WITA).astimezone(dt.UTC)
    token = _living_at.set(moment)
    try:
        yield
    finally:
        _living_at.reset(token)
