"""Cover is bought forward only, whoever asks: the service, the command line, a sync file."""

from __future__ import annotations

import datetime as dt

import pytest
from cli_helpers import run, run_json

from desktop_app.device import clock
from desktop_app.domain.errors import Refused
from desktop_app.services import budget, registry
from desktop_app.services.installation import open_installation
from desktop_app.store import outbox, program

TODAY = dt.date(2026, 11, 29)


def test_the_service_refuses_any_month_already_past(demo_village):
    worker = registry.store.list_workers(demo_village.db, limit=1)[0]
    with clock.living_at(TODAY):
        budget.set_budget(demo_village, 2026, 40_000_000)
        budget.set_budget(demo_village, 2025, 40_000_000)
        seq = outbox.last_seq(demo_village.db)
        for year, month in ((2026, 1), (2026, 10), (2025, 12)):
            with pytest.raises(Refused) as refused:
                budget.fund_workers(demo_village, year, [worker.id], first_month=month)
            assert refused.value.code == "fund.past_month"
            assert "November 2026" in refused.value.message
        assert outbox.last_seq(demo_village.db) == seq
        assert program.periods_of(demo_village.db, worker.id) == []
        budget.fund_workers(demo_village, 2026, [worker.id])  # the default: next month
    (period,) = program.periods_of(demo_village.db, worker.id)
    assert (period["start_month"], period["months"]) == ("2026-12-01", 1)


def test_the_current_month_can_still_be_paid(demo_village):
    worker = registry.store.list_workers(demo_village.db, limit=1)[0]
    with clock.living_at(TODAY):
        budget.set_budget(demo_village, 2026, 40_000_000)
        budget.fund_workers(demo_village, 2026, [worker.id], first_month=11)
    (period,) = program.periods_of(demo_village.db, worker.id)
    assert (period["start_month"], period["months"]) == ("2026-11-01", 2)


def test_the_command_line_refuses_a_past_month_and_starts_where_the_window_does(
    demo_village, data_dir, capsys
):
    nik = registry.store.list_workers(demo_village.db, limit=1)[0].nik
    last_year = str(dt.date.today().year - 1)
    run_json(capsys, data_dir, "budget", "set", "--year", last_year, "--amount", "5.000.000")
    code, _, err = run(capsys, data_dir, "fund", "--year", last_year, "--id", nik)
    assert code == 1 and "sudah lewat" in err and "Traceback" not in err
    with clock.living_at(TODAY):
        run_json(capsys, data_dir, "budget", "set", "--year", "2026", "--amount", "5.000.000")
        code, _, err = run(
            capsys, data_dir, "fund", "--year", "2026", "--from-month", "3", "--id", nik
        )
        assert code == 1 and "Maret 2026" in err
        funded = run_json(capsys, data_dir, "fund", "--year", "2026", "--id", nik)
    assert funded["workers"] == 1
    inst = open_installation(data_dir)
    worker = registry.find_worker(inst, nik)
    assert [p["start_month"] for p in program.periods_of(inst.db, worker.id)] == ["2026-12-01"]
