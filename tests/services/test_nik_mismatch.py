"""A birth date or sex that differs from the NIK: refused until the clerk confirms with a reason.

Dukcapil does not reissue a NIK when a birth date is corrected later (PP 40/2019), so real
people carry a NIK whose digits disagree with their papers.
"""

from __future__ import annotations

import pytest
from cli_helpers import run, run_json
from forms import SITI, with_

from desktop_app.domain.errors import ValidationErrors
from desktop_app.services import registry
from desktop_app.store import audit, outbox

CORRECTED = with_(SITI, birth_date="07-08-1990")  # the NIK says 5 August 1990
REASON = "Tanggal lahir dikoreksi Dukcapil, akta 2015"


def test_without_a_reason_the_difference_is_refused_and_named(village):
    with pytest.raises(ValidationErrors) as refused:
        registry.register_worker(village, CORRECTED)
    (error,) = [e for e in refused.value.errors if e.code == "nik.birth_date_mismatch"]
    assert "5 Agustus 1990" in error.message and "7 Agustus 1990" in error.message
    assert "konfirmasi dengan alasan" in error.message
    assert outbox.last_seq(village.db) == 0


def test_with_a_reason_it_is_saved_as_a_warning_kept_in_the_audit_log(village):
    saved = registry.register_worker(village, with_(CORRECTED, nik_mismatch_reason=f"  {REASON} "))
    assert saved.worker.birth_date == "1990-08-07"
    assert saved.worker.nik_mismatch_reason == REASON
    assert any("dikonfirmasi" in w and "5 Agustus 1990" in w for w in saved.warnings)
    entries = [e for e in audit.history(village.db, "worker", saved.worker.id)]
    confirmed = [e for e in entries if e["action"] == "nik_mismatch_confirmed"]
    assert len(confirmed) == 1 and confirmed[0]["after"]["reason"] == REASON
    assert registry.worker_details(village, saved.worker.id)["nik_mismatch_reason"] == REASON


def test_a_reason_without_a_difference_is_not_kept(village):
    saved = registry.register_worker(village, with_(SITI, nik_mismatch_reason=REASON))
    assert saved.worker.nik_mismatch_reason is None


def test_everything_else_about_the_nik_stays_strict(village):
    with pytest.raises(ValidationErrors) as refused:
        registry.register_worker(
            village, with_(SITI, nik="6503104508900000", nik_mismatch_reason=REASON)
        )
    assert any(e.code == "nik.serial" for e in refused.value.errors)


def test_the_command_line_confirms_with_confirm_nik_mismatch(village, data_dir, capsys):
    args = [
        "worker",
        "add",
        "--nik",
        SITI.nik,
        "--name",
        "Siti Aminah",
        "--birth-date",
        "07-08-1990",
        "--sex",
        "P",
        "--occupation",
        "pekebun",
        "--monthly-income",
        "1.500.000",
    ]
    code, _, err = run(capsys, data_dir, *args)
    assert code == 1 and "7 Agustus 1990" in err and "Traceback" not in err
    saved = run_json(capsys, data_dir, *args, "--confirm-nik-mismatch", REASON)
    assert saved["nik_mismatch_reason"] == REASON
    code, shown, _ = run(capsys, data_dir, "worker", "show", SITI.nik)
    assert code == 0 and f"dikonfirmasi: {REASON}" in shown
    # a later edit keeps the confirmation without asking again
    edited = run_json(capsys, data_dir, "worker", "edit", SITI.nik, "--dusun", "Bukit Aru")
    assert edited["nik_mismatch_reason"] == REASON
