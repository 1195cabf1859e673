"""The manifest's JSON text is what ``json.dumps(…, ensure_ascii=False, indent=1, sort_keys=True)``
writes, made without json's encoder in Python: the same bytes for any content."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from briefgen.output.manifest import indented

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(), inner, max_size=4)
        | st.dictionaries(st.integers(), inner, max_size=3)
    ),
    max_leaves=30,
)


@given(VALUES)
def test_the_text_is_jsons_indented_text(value: Any) -> None:
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def test_text_outside_ascii_and_control_characters_are_written_as_json_writes_them() -> None:
    value = {"b": ['ë\u2013\x00"\\', 1, True, None, 1.5], "a": {}, "c": [], "d": {"x": [{"y": 2}]}}
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
