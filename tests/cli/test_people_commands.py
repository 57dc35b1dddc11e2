"""People on the command line: `init --admin`, `--user` with a password file, roles, recovery."""

from __future__ import annotations

import json

from cli_helpers import run, run_json

NIK = "6503104508900001"
WORKER = ["--name", "Siti Aminah", "--birth-date", "05-08-1990", "--sex", "P"]
WORKER += ["--occupation", "nelayan", "--monthly-income", "1.500.000"]


def secret_file(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def setup_with_admin(capsys, tmp_path, data_dir) -> tuple[str, str]:
    """A village whose first administrator is ani; returns (password file, recovery code)."""
    pw = secret_file(tmp_path, "ani.txt", "kunci-desa-2026")
    made = run_json(
        capsys,
        data_dir,
        "init",
        "village",
        "--code",
        "65.03.10.2004",
        "--admin",
        "ani",
        "--admin-full-name",
        "Ani Lestari",
        "--password-file",
        pw,
    )
    return pw, made["recovery_code"]


def as_user(name: str, password_file: str) -> list[str]:
    return ["--user", name, "--password-file", password_file]


def test_without_people_changes_work_as_before(capsys, data_dir):
    assert run(capsys, data_dir, "init", "village", "--code", "65.03.10.2004")[0] == 0
    assert run(capsys, data_dir, "worker", "add", "--nik", NIK, *WORKER)[0] == 0
    code, out, _ = run(capsys, data_dir, "user", "list")
    assert code == 0 and "Belum ada pengguna" in out


def test_once_an_admin_exists_a_change_needs_a_person_and_names_them(capsys, data_dir, tmp_path):
    pw, _ = setup_with_admin(capsys, tmp_path, data_dir)
    code, _, err = run(capsys, data_dir, "worker", "add", "--nik", NIK, *WORKER)
    assert code == 1 and "Masuk dahulu" in err
    assert run_json(capsys, data_dir, "worker", "list")["workers"] == []

    wrong = secret_file(tmp_path, "wrong.txt", "bukan-ini")
    code, _, err = run(capsys, data_dir, *as_user("ani", wrong), "worker", "add", "--nik", NIK)
    assert code == 1 and "kata sandi salah" in err

    run_json(capsys, data_dir, *as_user("ani", pw), "worker", "add", "--nik", NIK, *WORKER)
    (siti,) = run_json(capsys, data_dir, "worker", "list")["workers"]
    history = run_json(capsys, data_dir, "audit", "history", NIK)
    assert [(h["who"], h["what"]) for h in history] == [("ani", "Didaftarkan")]
    assert siti["full_name"] == "Siti Aminah"


def test_roles_limit_what_a_person_may_do(capsys, data_dir, tmp_path):
    pw, _ = setup_with_admin(capsys, tmp_path, data_dir)
    kades_pw = secret_file(tmp_path, "kades.txt", "kepala-desa-1")
    added = run_json(
        capsys,
        data_dir,
        *as_user("ani", pw),
        "user",
        "add",
        "nurhayati",
        "--full-name",
        "Hj. Nurhayati Basri",
        "--role",
        "kepala_desa",
        "--new-password-file",
        kades_pw,
    )
    assert added["role"] == "kepala_desa"
    code, _, err = run(
        capsys, data_dir, *as_user("nurhayati", kades_pw), "worker", "add", "--nik", NIK, *WORKER
    )
    assert code == 1 and "Kepala desa (nurhayati) tidak berwenang" in err
    code, _, err = run(
        capsys,
        data_dir,
        *as_user("nurhayati", kades_pw),
        "user",
        "add",
        "budi",
        "--new-password-file",
        kades_pw,
    )
    assert code == 1 and "tidak berwenang" in err
    names = [p["username"] for p in run_json(capsys, data_dir, "user", "list")]
    assert names == ["ani", "nurhayati"]


def test_a_forgotten_admin_password_is_recovered_only_with_the_recovery_code(
    capsys, data_dir, tmp_path
):
    _, code_text = setup_with_admin(capsys, tmp_path, data_dir)
    new_pw = secret_file(tmp_path, "new.txt", "sandi-baru-2027")
    guess = secret_file(tmp_path, "guess.txt", "AAAA-BBBB-CCCC-DDDD-EEEE")
    status, _, err = run(
        capsys,
        data_dir,
        "user",
        "recover",
        "ani",
        "--code-file",
        guess,
        "--new-password-file",
        new_pw,
    )
    assert status == 1 and "Kode pemulihan" in err

    code_file = secret_file(tmp_path, "code.txt", code_text)
    answer = run_json(
        capsys,
        data_dir,
        "user",
        "recover",
        "ani",
        "--code-file",
        code_file,
        "--new-password-file",
        new_pw,
    )
    assert answer["recovery_code"] != code_text  # the code works once
    run_json(capsys, data_dir, *as_user("ani", new_pw), "worker", "add", "--nik", NIK, *WORKER)
    again = run(
        capsys,
        data_dir,
        "user",
        "recover",
        "ani",
        "--code-file",
        code_file,
        "--new-password-file",
        new_pw,
    )[0]
    assert again == 1


def test_no_password_or_recovery_code_is_kept_in_clear(capsys, data_dir, tmp_path):
    _, code_text = setup_with_admin(capsys, tmp_path, data_dir)
    for stored in data_dir.rglob("*"):
        if stored.is_file():
            raw = stored.read_bytes()
            assert b"kunci-desa-2026" not in raw and code_text.encode() not in raw
    entries = json.dumps(run_json(capsys, data_dir, "audit", "verify"))
    assert "kunci-desa-2026" not in entries


def test_letters_carry_the_heads_name_only_for_the_list_she_approved(capsys, data_dir, tmp_path):
    from pypdf import PdfReader

    pw, _ = setup_with_admin(capsys, tmp_path, data_dir)
    admin = as_user("ani", pw)
    kades_pw = secret_file(tmp_path, "kades.txt", "kepala-desa-1")
    run_json(
        capsys,
        data_dir,
        *admin,
        "user",
        "add",
        "nurhayati",
        "--full-name",
        "Hj. Nurhayati Basri",
        "--role",
        "kepala_desa",
        "--new-password-file",
        kades_pw,
    )
    run_json(capsys, data_dir, *admin, "letterhead", "--head-name", "Nama Di Kop")
    run_json(capsys, data_dir, *admin, "worker", "add", "--nik", NIK, *WORKER)
    run_json(capsys, data_dir, *admin, "budget", "set", "--year", "2027", "--amount", "40.000.000")
    run_json(capsys, data_dir, *admin, "fund", "--year", "2027", "--all")
    letters = tmp_path / "surat.pdf"
    printing = ["print", "letters", "--year", "2027", "--out", str(letters)]

    code, _, err = run(capsys, data_dir, *admin, *printing)
    assert code == 1 and "belum disetujui kepala desa" in err and not letters.exists()
    code, _, err = run(capsys, data_dir, *admin, "approve", "--year", "2027")
    assert code == 1 and "tidak berwenang" in err

    kades = as_user("nurhayati", kades_pw)
    approved = run_json(capsys, data_dir, *kades, "approve", "--year", "2027")
    assert (approved["head_name"], approved["workers"]) == ("Hj. Nurhayati Basri", 1)
    run_json(capsys, data_dir, *admin, *printing)
    text = "".join(page.extract_text() for page in PdfReader(letters).pages)
    assert "Hj. Nurhayati Basri" in text and "Nama Di Kop" not in text
    history = run_json(capsys, data_dir, "audit", "history", NIK)
    assert [(h["who"], h["what"]) for h in history] == [
        ("ani", "Didaftarkan"),
        ("ani", "Didanai"),
        ("ani", "Surat kepesertaan dicetak"),
    ]


def test_a_person_changes_their_own_password_knowing_the_old_one(capsys, data_dir, tmp_path):
    pw, _ = setup_with_admin(capsys, tmp_path, data_dir)
    new_pw = secret_file(tmp_path, "new.txt", "sandi-baru-2027")
    admin = as_user("ani", pw)
    run_json(capsys, data_dir, *admin, "user", "passwd", "ani", "--new-password-file", new_pw)
    code, _, err = run(capsys, data_dir, *admin, "worker", "add", "--nik", NIK, *WORKER)
    assert code == 1 and "kata sandi salah" in err
    run_json(capsys, data_dir, *as_user("ani", new_pw), "worker", "add", "--nik", NIK, *WORKER)
    verdict = run_json(capsys, data_dir, "audit", "verify")
    assert verdict["ok"] and verdict["entries"] == 3  # admin made, password changed, worker


def test_only_the_admin_binds_the_village_to_a_district_profile(capsys, data_dir, tmp_path):
    pw, _ = setup_with_admin(capsys, tmp_path, data_dir)
    district = tmp_path / "kabupaten"
    run_json(capsys, district, "init", "district", "--code", "65.03")
    profile = str(district / "profil-kabupaten-65.03.json")
    budi_pw = secret_file(tmp_path, "budi.txt", "operator-2026")
    run_json(
        capsys, data_dir, *as_user("ani", pw), "user", "add", "budi", "--new-password-file", budi_pw
    )
    code, _, err = run(capsys, data_dir, *as_user("budi", budi_pw), "district-profile", profile)
    assert code == 1 and "Operator (budi) tidak berwenang" in err
    bound = run_json(capsys, data_dir, *as_user("ani", pw), "district-profile", profile)
    assert bound["code"] == "65.03"
