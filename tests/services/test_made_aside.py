"""Values made in a second process: they arrive in order, and a child that fails or dies ends
the loop with an error saying so, never a wait. Seeding past one chunk draws its forms there."""

from __future__ import annotations

import os

import pytest

from desktop_app.services import demo
from desktop_app.services.made_aside import AsideFailed, made_aside


def squares(count: int) -> list[tuple[int, str]]:
    return [(n * n, f"#{n}") for n in range(count)]


def two_then_broken(count: int):
    yield from squares(2)
    raise ValueError(f"no square past {count}")


def two_then_gone(count: int):
    yield from squares(2)
    os._exit(3)  # as a process killed from outside


def test_what_the_child_makes_arrives_in_order():
    with made_aside(squares, 500) as values:
        assert list(values) == squares(500)


@pytest.mark.parametrize(
    ("make", "says"),
    [(two_then_broken, "ValueError: no square past 7"), (two_then_gone, "exit code 3")],
)
def test_a_child_that_fails_or_dies_ends_the_loop_with_why(make, says):
    received = []
    with pytest.raises(AsideFailed, match=says), made_aside(make, 7) as values:
        received.extend(values)
    assert received == [(0, "#0"), (1, "#1")]


def test_leaving_early_ends_a_child_that_had_more_to_send():
    with made_aside(squares, 5) as values:
        first = next(values)
    assert first == (0, "#0")


def test_a_seeding_of_several_chunks_registers_the_forms_of_its_seed(village, monkeypatch):
    monkeypatch.setattr(demo, "CHUNK", 40)  # three chunks: drawn by a child process
    demo.seed_workers(village, 100, 5)
    rows = village.db.execute(
        "SELECT w.nik, w.full_name, h.full_name, "
        "(SELECT count(*) FROM children c WHERE c.worker_id = w.id) "
        "FROM workers w JOIN heirs h ON h.worker_id = w.id ORDER BY w.rowid"
    ).fetchall()
    assert rows == [
        (form.nik, form.full_name, heir.full_name, len(children))
        for form, heir, children in demo.demo_forms(100, 5)
    ]
