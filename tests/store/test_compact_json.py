"""The logs' JSON text, and the district's copy of a record, are exactly the standard
library's, only made faster."""

from __future__ import annotations

import json

import pytest

from desktop_app.store.compact_json import compact_encoder, text_encoder

VALUES = [
    {"b": 1, "a": [1.5, True, None, 'é"\\\n\u2028'], "c": (1, 2), "d": {"z": -3, "y": {}}},
    {"full_name": "Siti Aminah", "heirs": [{"nik": "", "id": "01ABC"}], "income": 2_900_000},
    'Ma\'ruf "Amin"',
    3,
    None,
    [],
    {},
    {2: "two", 1: "one"},
    {2.5: "two and a half"},
    {False: "no"},
]


@pytest.mark.parametrize("sort_keys", [True, False])
@pytest.mark.parametrize("value", VALUES)
def test_the_text_is_the_standard_encoders(value, sort_keys):
    expected = json.dumps(value, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":"))
    assert compact_encoder(sort_keys=sort_keys)(value) == expected


@pytest.mark.parametrize("value", VALUES)
def test_the_spaced_text_is_json_dumps(value):
    spaced = text_encoder(sort_keys=False, separators=(", ", ": "))
    assert spaced(value) == json.dumps(value, ensure_ascii=False)


def test_what_the_standard_encoder_refuses_is_refused_alike():
    encode = compact_encoder(sort_keys=True)
    cycle: list = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        encode({"a": cycle})
    with pytest.raises(TypeError, match="not JSON serializable"):
        encode({"a": object()})
