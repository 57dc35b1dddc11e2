"""District settings shown where they are used: motoris and PP 50/2025, and kelurahan."""

from __future__ import annotations

import datetime as dt

from forms import BUDI
from pypdf import PdfReader

from desktop_app.device import clock
from desktop_app.services import budget, letterhead, policy, printing, registry
from desktop_app.services.installation import init_village


def test_whether_motoris_count_as_transport_is_a_district_setting_shown_on_the_budget(village):
    boatman = registry.register_worker(village, BUDI).worker  # motoris, Rp2.000.000
    policy.set_village_budget_is_apbd(village, False)
    assert policy.motoris_is_transport(village)  # as before
    (january,) = budget.cost_for(village, boatman, 2027, 1)
    # transport sector discount runs to March 2027: JKK Rp20.000 and JKM Rp6.800, both halved
    assert january.total == 10_000 + 3_400
    policy.set_motoris_is_transport(village, False)
    (january,) = budget.cost_for(village, boatman, 2027, 1)
    assert january.total == 20_000 + 6_800
    assert (
        "Motoris tidak dihitung sebagai sektor transportasi" in budget.summary(village, 2027).policy
    )


def test_a_kelurahan_is_named_as_one_headed_by_a_lurah_and_paid_from_the_apbd(data_dir, tmp_path):
    with clock.living_at(dt.date(2026, 12, 1)):
        inst = init_village(data_dir, "65.03.02.1001", user="operator")  # Nunukan Timur
        policy.set_village_budget_is_apbd(inst, False)
        assert policy.village_budget_is_apbd(inst)  # a kelurahan's money is APBD
        assert "Kelurahan dibiayai APBD kabupaten" in policy.describe(inst)
        worker = registry.register_worker(inst, BUDI).worker
        budget.set_budget(inst, 2027, 1_000_000)
        budget.fund_workers(inst, 2027)
        letterhead.save(inst, letterhead.LetterheadSettings(head_name="Andi Baso"))
        head = letterhead.letterhead(inst)
        assert (head.kind, head.head_title, head.budget_source) == (
            "Kelurahan",
            "Lurah",
            "APBD kabupaten",
        )
        out = tmp_path / "surat.pdf"
        printing.print_documents(inst, "letters", out, 2027, [worker.id])
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "KELURAHAN NUNUKAN TIMUR" in text and "Lurah Nunukan Timur" in text
    assert "Pemerintah Kelurahan Nunukan Timur dari APBD kabupaten" in text
    assert "APBDes" not in text and "DESA NUNUKAN" not in text
    assert "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM)" in text
    assert "akibat kecelakaan kerja" in text and "masa iur" in text
    inst.close()
