"""Shared fixtures: a fresh data folder, an empty village, a demo village."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest

from desktop_app.services.demo import seed_demo_village
from desktop_app.services.installation import init_village

TANJUNG_ARU = "65.03.10.2004"


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def village(data_dir):
    inst = init_village(data_dir, TANJUNG_ARU, user="operator")
    yield inst
    inst.close()


@pytest.fixture
def demo_village(data_dir):
    inst = seed_demo_village(data_dir, 30)
    yield inst
    inst.close()
