"""Worker forms for tests: a valid registration to change one field of at a time."""

from __future__ import annotations

import dataclasses

from desktop_app.domain.worker import WorkerForm

# A woman born 5 August 1990 whose NIK was issued in Sebatik Timur (65.03.10).
SITI = WorkerForm(
    nik="6503104508900001",
    kk_number="6503100101100002",
    full_name="Siti Aminah",
    birth_place="Nunukan",
    birth_date="05-08-1990",
    sex="P",
    address="Jl. Pelabuhan No. 3",
    dusun="Aji Kuning",
    rt="2",
    rw="1",
    phone="0812 3456 7890",
    occupation="pekebun",
    monthly_income="1.500.000",
)
# A man born 12 March 1985, NIK from Sebatik Timur.
BUDI = WorkerForm(
    nik="6503101203850002",
    full_name="Budi Santoso",
    birth_place="Tawau",
    birth_date="1985-03-12",
    sex="L",
    dusun="Sungai Pancang",
    occupation="motoris",
    monthly_income="2000000",
)


def with_(form: WorkerForm, **changes: str) -> WorkerForm:
    return dataclasses.replace(form, **changes)
