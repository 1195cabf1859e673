"""The one YAML emitter for drafters' files (``data.editing.dump``): what it writes reads back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.data.editing import dump, load_round_trip
from briefgen.data.load import load_text

COPIED = """\
raad: milieuraad-2026-03-17
inzet: |
  Nederland steunt het voorstel.
  Met één voorbehoud.
toelichting: >-
  Een lange zin die
  verder gaat.
kort: 'CO2-normen'
"""


def test_an_entry_read_for_copying_is_written_with_its_scalar_styles() -> None:
    assert dump(load_round_trip(COPIED)) == COPIED


def test_a_line_break_from_word_is_written_as_a_vertical_tab() -> None:
    assert dump({"inzet": "eerste regel\ufdd0tweede regel"}) == "inzet: eerste regel\vtweede regel\n"


def test_a_page_break_from_word_is_written_as_a_form_feed() -> None:
    assert "\f" in dump({"inzet": "voor\ufdd1na"})


def test_nested_data_is_indented_as_drafters_write_it() -> None:
    data = {"standpunten": [{"raad": "r", "inzet": "i"}]}
    assert dump(data) == "standpunten:\n  - raad: r\n    inzet: i\n"


TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
    | st.sampled_from(["\n", "\ufdd0", "\ufdd1", " ", "#", ":", "'", '"', "-"]),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), TEXT, max_size=4))
def test_what_is_written_reads_back_as_the_same_values(data: dict[str, str]) -> None:
    assert load_text(dump(data), "f.yaml").data == data
