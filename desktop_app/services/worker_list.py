"""Pages of the worker list with the labels people read, for the window and `worker list`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.device import clock
from desktop_app.domain.coverage import COVERAGE_LABELS, coverage_status, periods_by_worker
from desktop_app.domain.occupations import OCCUPATIONS
from desktop_app.domain.status import STATUS_LABELS
from desktop_app.services.installation import Installation
from desktop_app.store import program
from desktop_app.store import workers as store

_OCCUPATION_LABELS = {o.code: o.label for o in OCCUPATIONS}
PageKey = store.PageKey
# The window counts a filter's matches up to this many and says "more than" past it: a village
# has a few hundred workers, and counting a million takes longer than a keystroke may.
COUNT_UP_TO = 1000


@dataclass(frozen=True, slots=True)
class Row:
    worker: store.Worker
    coverage: str = "none"  # domain.coverage status today: none, active, lapsing, grace, ended

    def __getattr__(self, name: str):  # the row reads like its worker
        return getattr(self.worker, name)

    @property
    def occupation_label(self) -> str:
        w = self.worker
        return w.occupation_other or _OCCUPATION_LABELS.get(w.occupation, w.occupation)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.worker.status, self.worker.status)

    @property
    def coverage_label(self) -> str:
        return COVERAGE_LABELS[self.coverage]


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[Row]
    total: int


@dataclass(frozen=True, slots=True)
class Filters:
    search: str = ""
    status: str | None = None
    occupation: str | None = None
    dusun: str | None = None
    sort: str | None = None  # a key of store.workers.SORTS; None: by name (by NIK for a NIK)
    descending: bool = False
    removed: bool = False  # the "Dihapus" view: removed workers, to restore them


def _filter_args(filters: Filters) -> dict[str, Any]:
    return {
        "status": filters.status,
        "occupation": filters.occupation,
        "dusun": filters.dusun,
        "removed": filters.removed,
    }


@dataclass(frozen=True, slots=True)
class RowPage:
    rows: list[Row]
    next: PageKey | None  # where the page after this one starts; None after the last


def fetch_page(
    inst: Installation,
    filters: Filters,
    after: PageKey | None = None,
    limit: int = 200,
) -> RowPage:
    """A page of the filtered list in its order, starting after the key of the previous page."""
    workers, next_key = store.page_workers(
        inst.db,
        search=filters.search,
        **_filter_args(filters),
        sort=filters.sort,
        descending=filters.descending,
        after=after,
        limit=limit,
    )
    periods = periods_by_worker(program.periods_for(inst.db, [w.id for w in workers]))
    today = clock.today()
    rows = [Row(w, coverage_status(periods.get(w.id, []), today)) for w in workers]
    return RowPage(rows, next_key)


def fetch_rows(inst: Installation, filters: Filters, limit: int = 200) -> list[Row]:
    """The first `limit` rows of the filtered list."""
    return fetch_page(inst, filters, limit=limit).rows


def count(inst: Installation, filters: Filters, up_to: int | None = None) -> int:
    """How many workers (live, or removed in the "Dihapus" view) match the filters; with
    `up_to`, counted no further than that."""
    return store.count_workers(inst.db, search=filters.search, **_filter_args(filters), up_to=up_to)


def query_workers(inst: Installation, filters: Filters, limit: int = 200) -> Page:
    total = count(inst, filters)
    return Page(fetch_page(inst, filters, None, limit).rows, total)


def dusun_names(inst: Installation) -> list[str]:
    return store.distinct_dusun(inst.db)


def status_counts(inst: Installation) -> dict[str, int]:
    return store.status_counts(inst.db)
