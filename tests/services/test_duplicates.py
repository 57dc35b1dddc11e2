"""Likely duplicates: the same person under another NIK is named at registration and kept."""

from __future__ import annotations

import pytest
from forms import BUDI, SITI, with_

from desktop_app.domain.errors import Refused
from desktop_app.domain.likely_duplicates import one_swap_apart
from desktop_app.services import duplicates, registry
from desktop_app.store import audit


def test_same_name_and_birth_date_under_another_nik_is_a_warning_and_an_open_pair(village):
    first = registry.register_worker(village, SITI).worker
    saved = registry.register_worker(
        village, with_(SITI, nik="6503104508900009", full_name="SITI AMINAH", kk_number="")
    )
    assert saved.worker.full_name == "Siti Aminah"
    assert any(
        w.startswith("Mungkin orang yang sama dengan Siti Aminah (NIK 6503104508900001")
        for w in saved.warnings
    )
    (pair,) = duplicates.open_pairs(village)
    assert (pair.worker.id, pair.other.id, pair.rule) == (
        saved.worker.id,
        first.id,
        "same_name_birth",
    )


def test_a_nik_with_two_neighbouring_digits_swapped_and_the_same_birth_date_is_caught(village):
    registry.register_worker(village, BUDI)
    swapped = "6503101203850020"
    assert one_swap_apart(BUDI.nik, swapped)
    saved = registry.register_worker(village, with_(BUDI, nik=swapped, full_name="Budi Santosa"))
    assert [m.rule for m in saved.likely_duplicates] == ["nik_swapped"]


def test_same_family_card_and_name_is_caught_whatever_the_birth_date(village):
    registry.register_worker(village, SITI)
    other = with_(SITI, nik="6503104608910003", birth_date="06-08-1991")
    saved = registry.register_worker(village, other)
    assert [m.rule for m in saved.likely_duplicates] == ["same_kk_name"]


def test_different_people_born_the_same_day_are_not_flagged(village):
    registry.register_worker(village, SITI)
    saved = registry.register_worker(
        village, with_(SITI, nik="6503104508900777", full_name="Rina Wati", kk_number="")
    )
    assert saved.likely_duplicates == () and duplicates.open_pairs(village) == []


def test_dismissing_a_pair_needs_a_reason_and_is_audited(village):
    registry.register_worker(village, SITI)
    registry.register_worker(village, with_(SITI, nik="6503104508900009", kk_number=""))
    (pair,) = duplicates.open_pairs(village)
    with pytest.raises(Refused):
        duplicates.dismiss(village, pair.id, "  ")
    duplicates.dismiss(village, pair.id, "kembar, sudah dicek di KK")
    assert duplicates.open_pairs(village) == []
    (entry,) = audit.history(village.db, "duplicate_pair", str(pair.id))
    assert entry["after"]["reason"] == "kembar, sudah dicek di KK"


def test_a_reason_given_at_registration_dismisses_the_pair_at_once(village):
    registry.register_worker(village, SITI)
    saved = registry.register_worker(
        village, with_(SITI, nik="6503104508900009", kk_number=""), duplicate_reason="kembar"
    )
    assert len(saved.likely_duplicates) == 1
    assert duplicates.open_pairs(village) == []


def test_the_open_pair_count_follows_new_pairs_removals_restores_and_dismissals(village):
    def counted() -> tuple[int, int]:
        return duplicates.open_pair_count(village), len(duplicates.open_pairs(village))

    siti = registry.register_worker(village, SITI).worker
    twin = registry.register_worker(village, with_(SITI, nik="6503104508900009", kk_number=""))
    third = registry.register_worker(village, with_(SITI, nik="6503104508900017", kk_number=""))
    assert counted() == (3, 3)  # each new Siti pairs with every Siti before her
    assert duplicates.open_pair_count(village, up_to=2) == 2  # the window's count stops
    registry.remove_worker(village, siti.id, "salah daftar")
    assert counted() == (1, 1)
    registry.remove_worker(village, third.worker.id, "pindah")
    assert counted() == (0, 0)
    registry.restore_worker(village, siti.id)
    assert counted() == (1, 1)
    (pair,) = duplicates.open_pairs(village)
    duplicates.dismiss(village, pair.id, "kembar")
    assert counted() == (0, 0)
    registry.restore_worker(village, third.worker.id)
    assert counted() == (2, 2)  # third with Siti and with the twin; the dismissed one stays so
    assert {p.other.id for p in duplicates.open_pairs(village)} == {twin.worker.id, siti.id}
