"""Cards that can be revoked: removed, ended and reprinted cards fail at the village and, after
the next batch, at the district, all through the command line."""

from __future__ import annotations

import pytest
from cli_helpers import run, run_json

from desktop_app.documents import cards as card_documents

SITI, BUDI = "6503104508900001", "6503101203850002"


@pytest.fixture
def printed(world, capsys, monkeypatch, tmp_path):
    """Fund Tanjung Aru's workers for 2027 and print their cards; returns a function that
    prints again and gives {worker name: QR payload} of the cards just printed."""
    assert (
        run(capsys, world.ta, "budget", "set", "--year", "2027", "--amount", "40.000.000")[0] == 0
    )
    assert run(capsys, world.ta, "fund", "--year", "2027", "--all")[0] == 0
    made: dict[str, str] = {}
    original = card_documents.write_cards

    def keep(items, *args, **kw):
        made.update({item.participant.full_name: item.qr_payload for item in items})
        return original(items, *args, **kw)

    monkeypatch.setattr(card_documents, "write_cards", keep)

    def print_cards(*ids: str) -> dict[str, str]:
        made.clear()
        who = ["--id", *ids] if ids else ["--all"]
        out = str(tmp_path / "kartu.pdf")
        code, _, err = run(capsys, world.ta, "print", "cards", "--year", "2027", "--out", out, *who)
        assert code == 0, err
        return dict(made)

    return print_cards


def verify(capsys, folder, payload: str) -> tuple[int, str]:
    code, out, _ = run(capsys, folder, "verify-card", payload)
    return code, out.strip()


def sync_all(capsys, world) -> None:
    for f in world.usb.iterdir():
        f.unlink()
    run_json(capsys, world.ta, "export", "--out", str(world.usb))
    results = run_json(
        capsys, world.district, "import", "--trust-new", *map(str, world.usb.iterdir())
    )
    assert all(r["status"] in ("applied", "already") for r in results), results


def test_a_removed_workers_card_is_no_longer_in_force_at_village_and_district(
    world, capsys, printed
):
    cards = printed()
    siti = cards["Siti Aminah"]
    sync_all(capsys, world)
    assert verify(capsys, world.ta, siti)[1].startswith("SAH: Kartu sah")
    assert verify(capsys, world.district, siti)[1].startswith("SAH: Kartu sah")

    run_json(capsys, world.ta, "worker", "remove", SITI, "--reason", "pindah ke Tarakan")
    code, out = verify(capsys, world.ta, siti)
    assert code == 1
    assert out.startswith("TIDAK BERLAKU: Pekerja dihapus dari daftar peserta pada ")
    assert "(alasan: pindah ke Tarakan)" in out
    # The district learns of it with the next batch, not before.
    assert verify(capsys, world.district, siti)[1].startswith("SAH")
    sync_all(capsys, world)
    code, out = verify(capsys, world.district, siti)
    assert code == 1 and out.startswith("TIDAK BERLAKU: Pekerja dihapus")
    assert "pindah ke Tarakan" in out
    # Budi's card is untouched by Siti's removal.
    assert verify(capsys, world.district, cards["Budi Santoso"])[0] == 0


def test_a_reprinted_card_makes_the_earlier_one_invalid_at_village_and_district(
    world, capsys, printed
):
    first = printed(BUDI)["Budi Santoso"]
    assert verify(capsys, world.ta, first)[0] == 0
    second = printed(BUDI)["Budi Santoso"]
    code, out = verify(capsys, world.ta, first)
    assert code == 1 and out.startswith("TIDAK BERLAKU: Kartu ini sudah diganti dengan kartu")
    assert "cetakan ke-2" in out
    assert verify(capsys, world.ta, second)[0] == 0
    sync_all(capsys, world)
    assert verify(capsys, world.district, first)[1].startswith("TIDAK BERLAKU: Kartu ini sudah")
    assert verify(capsys, world.district, second)[0] == 0


def test_a_dead_workers_card_says_when_membership_ended(world, capsys, printed):
    budi = printed(BUDI)["Budi Santoso"]
    code, _, err = run(
        capsys,
        world.ta,
        "event",
        "add",
        BUDI,
        "death",
        "--date",
        "02-11-2026",
        "--cause",
        "non_work",
    )
    assert code == 0, err
    code, out = verify(capsys, world.ta, budi)
    assert code == 1
    assert out == "TIDAK BERLAKU: Kepesertaan berakhir pada 2 November 2026: meninggal dunia."
    sync_all(capsys, world)
    code, out = verify(capsys, world.district, budi)
    assert code == 1
    assert out == "TIDAK BERLAKU: Kepesertaan berakhir pada 2 November 2026: meninggal dunia."
