"""`worker edit` changes what it is told and keeps everything else, heir and children too."""

from __future__ import annotations

from cli_helpers import run_json
from forms import SITI

from desktop_app.domain.family import ChildForm, HeirForm
from desktop_app.services import registry
from desktop_app.store import family


def test_editing_the_phone_keeps_the_heirs_nik_the_children_and_the_rest(village, capsys):
    heir = HeirForm("Ahmad Yani", "suami", "6503101203850002", "081211112222")
    child = ChildForm("Nur Aini", "2015-04-01", "P", "", "sd", "5")
    worker = registry.register_worker(village, SITI, heir, [child]).worker

    run_json(capsys, village.data_dir, "worker", "edit", SITI.nik, "--phone", "081350001234")

    stored = registry.edit_form(village, worker.id)
    assert stored.worker.phone.startswith("+62813500")
    assert (stored.worker.birth_date, stored.worker.monthly_income) == ("05-08-1990", "1.500.000")
    assert stored.heir == HeirForm("Ahmad Yani", "suami", "6503101203850002", "+6281211112222")
    (kid,) = family.children_of(village.db, worker.id)
    assert (kid["full_name"], kid["school_level"], kid["school_class"]) == ("Nur Aini", "sd", 5)
    assert stored.version == worker.version + 1
