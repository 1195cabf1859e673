"""replace_value: one value of a YAML file changed, every other byte as it was."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from briefgen.data.editing import replace_value

FILE = """\
# positie van Nederland
dossier: Klimaatwet  # naam
posities:
  - raad: '2026-03-17'
    tekst: oud

    inzet: |
      regel een
      regel twee
    toelichting: >
      een lange zin die
      verder gaat
    aantal: 3
slot: "blijft"
"""


def load(text: str) -> dict:
    return YAML(typ="safe").load(text)


def test_a_plain_value_is_replaced_and_every_other_line_kept() -> None:
    out = replace_value(FILE, ("posities", 0, "tekst"), "nieuw")
    assert out == FILE.replace("tekst: oud", "tekst: nieuw")


def test_a_comment_after_a_value_stays() -> None:
    out = replace_value(FILE, ("dossier",), "Natuurwet")
    assert "dossier: Natuurwet  # naam\n" in out


def test_a_number_is_written_as_a_number() -> None:
    out = replace_value(FILE, ("posities", 0, "aantal"), 4)
    assert load(out)["posities"][0]["aantal"] == 4
    assert "aantal: 4\n" in out


def test_a_single_quoted_value_stays_single_quoted() -> None:
    out = replace_value(FILE, ("posities", 0, "raad"), "2026-06-20")
    assert "raad: '2026-06-20'\n" in out


def test_a_literal_block_stays_literal() -> None:
    out = replace_value(FILE, ("posities", 0, "inzet"), "een\ntwee\ndrie\n")
    assert "    inzet: |\n      een\n      twee\n      drie\n    toelichting" in out
    assert load(out)["posities"][0]["inzet"] == "een\ntwee\ndrie\n"


def test_a_folded_block_stays_folded() -> None:
    out = replace_value(FILE, ("posities", 0, "toelichting"), "een andere zin\n")
    assert "    toelichting: >\n      een andere zin\n" in out
    assert load(out)["posities"][0]["toelichting"] == "een andere zin\n"


def test_several_lines_in_a_plain_value_become_a_literal_block() -> None:
    out = replace_value(FILE, ("posities", 0, "tekst"), "een\ntwee")
    assert "    tekst: |-\n      een\n      twee\n" in out
    assert load(out)["posities"][0]["tekst"] == "een\ntwee"


def test_a_mapping_is_written_as_a_flow_mapping() -> None:
    out = replace_value(FILE, ("posities", 0, "tekst"), {"kamer": "II", "nr": 4})
    assert "tekst: {kamer: II, nr: 4}\n" in out
    assert load(out)["posities"][0]["tekst"] == {"kamer": "II", "nr": 4}


def test_a_blank_line_after_a_replaced_value_stays() -> None:
    out = replace_value(FILE, ("posities", 0, "tekst"), "nieuw")
    assert "tekst: nieuw\n\n    inzet" in out


def test_a_missing_key_is_a_key_error() -> None:
    try:
        replace_value(FILE, ("posities", 0, "bestaat-niet"), "x")
    except KeyError:
        return
    raise AssertionError("no KeyError")


VALUES = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\ufeff"), min_size=1, max_size=30
)


@settings(deadline=None)
@given(value=VALUES)
def test_any_text_reads_back_as_written(value: str) -> None:
    out = replace_value(FILE, ("posities", 0, "tekst"), value)
    data = load(out)
    assert data["posities"][0]["tekst"] == value


@settings(deadline=None)
@given(value=VALUES)
def test_any_text_leaves_the_other_values_as_they_were(value: str) -> None:
    out = replace_value(FILE, ("posities", 0, "tekst"), value)
    before, after = load(FILE), load(out)
    after["posities"][0]["tekst"] = before["posities"][0]["tekst"]
    assert after == before


@settings(deadline=None)
@given(value=VALUES)
def test_any_text_in_a_literal_block_reads_back_as_written(value: str) -> None:
    out = replace_value(FILE, ("posities", 0, "inzet"), value)
    assert load(out)["posities"][0]["inzet"] == value
