"""Record ids: time-ordered ULIDs, never reused, whatever the speed they are made at."""

from __future__ import annotations

import time

from desktop_app.domain import ids


def _decoded(ulid: str) -> int:
    return int.from_bytes(ids.id_to_bytes(ulid), "big")


def test_ids_made_in_a_burst_are_distinct_sorted_and_spell_their_time_and_counter():
    before = time.time_ns() // 1_000_000
    made = [ids.new_id() for _ in range(20_000)]
    after = time.time_ns() // 1_000_000
    assert len(set(made)) == len(made)
    assert made == sorted(made)
    values = [_decoded(u) for u in made]
    assert values == sorted(values)
    assert all(len(u) == 26 for u in made)
    assert before <= values[0] >> 80 and values[-1] >> 80 <= after


def test_counting_up_across_the_low_characters_carries_into_the_ones_above(monkeypatch):
    ahead = time.time_ns() // 1_000_000 + 60_000  # a clock set back: the last id's ms is kept
    monkeypatch.setattr(ids, "_last", (ahead, (1 << 50) - 3))
    made = [ids.new_id() for _ in range(6)]
    assert [_decoded(u) for u in made] == [(ahead << 80) + (1 << 50) - 2 + i for i in range(6)]
    assert made == sorted(made)
    assert ids.id_from_bytes(ids.id_to_bytes(made[3])) == made[3]
