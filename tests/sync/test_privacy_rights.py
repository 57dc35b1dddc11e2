"""Personal-data rights through the command line: consent at registration, the access report
(everything held, where it went, who changed it) and corrections that keep their history."""

from __future__ import annotations

from cli_helpers import run, run_json
from pypdf import PdfReader

NUR = "6503105505920004"


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_consent_is_recorded_at_registration_and_the_access_report_shows_everything(
    world, capsys, tmp_path
):
    code, _, err = run(
        capsys, world.ta, "worker", "add", "--nik", NUR, "--name", "Nur Aini Lestari",
        "--birth-date", "15-05-1992", "--sex", "P", "--occupation", "petani",
        "--monthly-income", "1.200.000", "--phone", "0812 1111 2222", "--heir-name", "Hasan",
        "--heir-relation", "suami", "--consent-signed", "20-11-2026",
    )  # fmt: skip
    assert code == 0, err
    assert run_json(capsys, world.ta, "worker", "show", NUR)["consent_signed_on"] == "2026-11-20"
    run_json(capsys, world.ta, "worker", "edit", NUR, "--phone", "0812 3333 4444")
    (batch,) = run_json(capsys, world.ta, "export", "--out", str(world.usb))

    out = tmp_path / "akses.pdf"
    assert run_json(capsys, world.ta, "privacy", "report", NUR, "--out", str(out))["path"]
    text = pdf_text(out)
    assert "LAPORAN AKSES DATA PRIBADI" in text and "Nur Aini Lestari" in text and NUR in text
    assert "ditandatangani 20 November 2026" in text and "Hasan" in text
    # Where it went: the batch file; who changed what: the correction, old and new.
    assert batch["path"].rsplit("/", 1)[1][:30] in text.replace("\n", "")
    assert "+6281211112222 → +6281233334444" in text.replace("\n", " ")
    assert "pendaftaran" in text and "perbaikan" in text


def test_consent_signed_later_is_recorded_and_the_statement_prints(world, capsys, tmp_path):
    siti = "6503104508900001"
    assert run_json(capsys, world.ta, "worker", "show", siti)["consent_signed_on"] is None
    form = tmp_path / "setuju.pdf"
    run_json(capsys, world.ta, "privacy", "consent-form", siti, "--out", str(form))
    text = pdf_text(form)
    assert "PERNYATAAN PERSETUJUAN PEMROSESAN DATA PRIBADI" in text and "Siti Aminah" in text
    assert "730 hari" in text  # the retention period, where it is used
    code, out, _ = run(capsys, world.ta, "privacy", "consent", siti, "--signed-on", "28-11-2026")
    assert code == 0 and "ditandatangani 28 November 2026" in out
    assert run_json(capsys, world.ta, "worker", "show", siti)["consent_signed_on"] == "2026-11-28"


def test_the_retention_period_is_set_by_the_district_not_the_village(world, capsys):
    code, _, err = run(capsys, world.ta, "privacy", "retention", "--days", "1")
    assert code == 1 and "ditetapkan oleh kabupaten" in err
    code, _, err = run(capsys, world.district, "privacy", "retention", "--days", "-1")
    assert code == 1 and "antara 0 dan 3.650 hari" in err
    assert run_json(capsys, world.district, "privacy", "retention")["retention_days"] == 730
