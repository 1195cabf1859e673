"""Bad input: one clear 'file:line:col: message', exit code 1, nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import AGENDA, GA, briefgen

CO2 = "positions/co2-normen.yaml"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def place(root: Path, name: str, needle: str, offset: int = 0) -> str:
    """'file:line:col' of the first ``needle`` in a file (plus ``offset`` columns)."""
    for number, line in enumerate((root / name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return f"{name}:{number}:{line.index(needle) + 1 + offset}"
    raise AssertionError(needle)


def render_fails(root: Path) -> str:
    result = briefgen(root, "render", AGENDA)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not (root / GA).exists()
    return result.stderr


def test_unknown_key_in_the_letter_suggests_the_right_one(project: Path) -> None:
    edit(project, AGENDA, "    - functie: de Minister van Klimaat", "    - functi: de Minister van Klimaat")
    err = render_fails(project)
    assert f"{place(project, AGENDA, 'functi:')}: unknown key 'functi' (did you mean 'functie'?)" in err


def test_unknown_key_names_place_and_suggests(project: Path) -> None:
    edit(project, CO2, "    krachtenveld:", "    krachtenvled:")
    err = render_fails(project)
    assert (
        f"{place(project, CO2, 'krachtenvled')}: unknown key 'krachtenvled' (did you mean 'krachtenveld'?)"
        in err
    )


def test_wrong_type_is_reported(project: Path) -> None:
    edit(project, CO2, "nr: 1011", "nr: elf")
    err = render_fails(project)
    assert (
        f"{place(project, CO2, 'nr: elf', 4)}: 'voetnoten.milieuraad-oktober-2025.kamerstuk.nr' must be a whole number"
        in err
    )


def test_impossible_date_is_reported(project: Path) -> None:
    edit(project, AGENDA, "datum: 2026-03-17", "datum: 2026-02-30")
    err = render_fails(project)
    assert f"{place(project, AGENDA, '2026-02-30')}: '2026-02-30' is not a valid date" in err


def test_date_in_words_is_reported(project: Path) -> None:
    edit(project, AGENDA, "datum: 2026-03-17", "datum: 17 maart 2026")
    err = render_fails(project)
    assert f"{place(project, AGENDA, '17 maart')}: 'datum' must be a date written as YYYY-MM-DD" in err


def test_unknown_dossier_suggests_the_closest(project: Path) -> None:
    edit(project, AGENDA, "dossier: co2-normen", "dossier: co2-norm")
    err = render_fails(project)
    assert (
        f"{place(project, AGENDA, 'co2-norm')}: unknown dossier 'co2-norm' (did you mean 'co2-normen'?)"
        in err
    )


def test_missing_position_for_the_council(project: Path) -> None:
    edit(project, "positions/ipbes-12.yaml", "raad: milieuraad-2026-03-17", "raad: milieuraad-2025-12-16")
    err = render_fails(project)
    assert (
        f"{place(project, AGENDA, 'ipbes-12')}: dossier 'ipbes-12' has no position for milieuraad-2026-03-17 "
        "(positions/ipbes-12.yaml has: milieuraad-2025-12-16)" in err
    )


def test_undefined_footnote_points_at_the_reference(project: Path) -> None:
    edit(project, CO2, "BNC-fiche.[^bnc]", "BNC-fiche.[^bcn]")
    err = render_fails(project)
    assert f"{place(project, CO2, '[^bcn]')}: footnote [^bcn] is not defined" in err
    assert "(did you mean 'bnc'?)" in err


def test_check_reports_undefined_footnote(project: Path) -> None:
    edit(project, CO2, "BNC-fiche.[^bnc]", "BNC-fiche.[^bcn]")
    result = briefgen(project, "check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{place(project, CO2, '[^bcn]')}: footnote [^bcn] is not defined" in result.stderr


def test_unused_footnote_is_a_warning(project: Path) -> None:
    edit(project, CO2, "BNC-fiche.[^bnc]", "BNC-fiche.")
    edit(project, CO2, "BNC-fiche.[^bnc]", "BNC-fiche.")
    result = briefgen(project, "check")
    assert result.exit_code == 0
    assert f"{place(project, CO2, 'bnc:')}: warning: footnote 'bnc' is never referenced" in result.stderr


def test_strict_check_fails_on_warnings(project: Path) -> None:
    edit(project, CO2, "BNC-fiche.[^bnc]", "BNC-fiche.")
    edit(project, CO2, "BNC-fiche.[^bnc]", "BNC-fiche.")
    assert briefgen(project, "check", "--strict").exit_code == 1


def test_yaml_syntax_error(project: Path) -> None:
    edit(project, CO2, 'kamer: II, vergaderjaar: 2025-2026, dossier: "032-89"}', "kamer: II")
    err = render_fails(project)
    assert f"{CO2}:" in err
    assert "YAML syntax error" in err


def test_duplicate_key(project: Path) -> None:
    edit(project, CO2, "kort: CO2-emissienormen\n", "kort: CO2-emissienormen\nkort: CO2\n")
    err = render_fails(project)
    assert f"{CO2}:4:1: duplicate key 'kort' (first at line 3); remove one of them" in err


@pytest.mark.filterwarnings("error")
def test_anchor_defined_twice_means_the_latest_without_a_warning(project: Path) -> None:
    edit(project, "positions/ipbes-12.yaml", "    kern: |", "    kern: &tekst Eerste.\n    x: &tekst |")
    edit(project, "positions/ipbes-12.yaml", "    krachtenveld: |", "    krachtenveld: *tekst\n    y: |")
    from briefgen.data.load import load_yaml

    position = load_yaml(project / "positions/ipbes-12.yaml").data["standpunten"][0]
    assert position["krachtenveld"] == position["x"] != "Eerste."


def test_nested_aliases_that_expand_without_end_are_refused(project: Path) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    (project / "positions" / "lol.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = briefgen(project, "check", "positions/lol.yaml")
    assert result.exit_code == 1
    assert "positions/lol.yaml:1:" in result.stderr
    assert "aliases (*name) make this file stand for more than 100000 values" in result.stderr


@pytest.mark.parametrize(
    "text",
    ["x: " + "[" * 5000 + "]" * 5000, "x: " + "[" * 5000 + "]" * 4999],
    ids=["well-formed", "unbalanced"],
)
def test_values_nested_without_end_are_refused(project: Path, text: str) -> None:
    (project / "positions" / "diep.yaml").write_text(f"id: diep\n{text}\n", encoding="utf-8")
    result = briefgen(project, "check", "positions/diep.yaml")
    assert result.exit_code == 1
    assert "positions/diep.yaml:2:54: values are nested more than 50 levels deep here" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_nested_deeper_than_a_document_can_hold_is_refused(project: Path) -> None:
    nested = "".join("\n      " + "  " * level + "- punt" for level in range(30))
    edit(project, CO2, "Hiervoor zijn nog geen stukken gedeeld.", "Punten:\n" + nested)
    err = render_fails(project)
    assert "positions/co2-normen.yaml:" in err
    assert "this text nests lists or quotes more than 40 levels deep; flatten it" in err


def test_footnote_inside_a_footnote_is_refused_with_its_place(project: Path) -> None:
    edit(
        project,
        "positions/_voetnoten.yaml",
        "    Het cascaderingsprincipe",
        "    Zie[^bnc]. Het cascaderingsprincipe",
    )
    err = render_fails(project)
    where = place(project, "positions/_voetnoten.yaml", "[^bnc]")
    assert f"{where}: a footnote cannot have a footnote of its own ([^bnc])" in err


def test_text_of_only_spaces_is_empty(project: Path) -> None:
    edit(project, CO2, "kort: CO2-emissienormen", "kort: '   '")
    err = render_fails(project)
    assert f"{place(project, CO2, 'kort:', 6)}: 'kort' is empty; write text or remove the key" in err


def test_dossier_twice_on_an_agenda_is_a_warning(project: Path) -> None:
    agenda = (project / AGENDA).read_text(encoding="utf-8")
    start = agenda.index("  - dossier: co2-normen")
    end = agenda.index("  - dossier:", start + 5)
    (project / AGENDA).write_text(agenda[:end] + agenda[start:end] + agenda[end:], encoding="utf-8")
    result = briefgen(project, "check")
    assert result.exit_code == 0
    assert "warning: dossier 'co2-normen' is on this agenda twice (also item 1)" in result.stderr


def test_folder_without_agendas_is_reported(project: Path) -> None:
    (project / "agendas" / "later").mkdir()
    result = briefgen(project, "render", "agendas/later")
    assert result.exit_code == 1
    assert result.stderr.endswith("agendas/later:1:1: no agenda files (*.yaml) in this folder\n")


def test_tab_indentation(project: Path) -> None:
    edit(project, AGENDA, "  - dossier: co2-normen", "\t- dossier: co2-normen")
    err = render_fails(project)
    assert f"{AGENDA}:" in err
    assert "a tab character cannot indent YAML; use spaces" in err


def test_empty_file(project: Path) -> None:
    (project / CO2).write_text("", encoding="utf-8")
    err = render_fails(project)
    assert f"{CO2}:1:1: the file is empty" in err


def test_file_that_is_not_utf8(project: Path) -> None:
    (project / CO2).write_bytes("id: co2-normen\ntitel: Caf\u00e9\n".encode("latin-1"))
    err = render_fails(project)
    assert f"{CO2}:2:11: the file is not UTF-8 text (byte 0xe9)" in err


def test_unknown_item_type(project: Path) -> None:
    edit(project, AGENDA, "soort: beleidsdebat", "soort: beleidsdebatt")
    err = render_fails(project)
    assert (
        f"{place(project, AGENDA, 'beleidsdebatt')}: unknown item type 'beleidsdebatt' (did you mean 'beleidsdebat'?)"
        in err
    )


def test_template_error_names_template_and_line(project: Path) -> None:
    edit(project, "templates/geannoteerde-agenda.md.j2", "## {{ s.kop(punt) }}", "## {{ punt.bestaatniet }}")
    err = render_fails(project)
    line = place(project, "templates/geannoteerde-agenda.md.j2", "bestaatniet").rsplit(":", 1)[0]
    assert f"{line}:1: template error:" in err
    assert "bestaatniet" in err


def test_template_that_calls_itself_without_end_is_a_template_error(project: Path) -> None:
    edit(
        project,
        "templates/geannoteerde-agenda.md.j2",
        "## {{ s.kop(punt) }}",
        "{% macro opnieuw() %}{{ opnieuw() }}{% endmacro %}## {{ opnieuw() }}",
    )
    err = render_fails(project)
    line = place(project, "templates/geannoteerde-agenda.md.j2", "opnieuw").rsplit(":", 1)[0]
    assert f"{line}:1: template error: a macro or include calls itself without end" in err


def test_corrupt_reference_docx(project: Path) -> None:
    (project / "templates/reference.docx").write_bytes(b"not a zip")
    err = render_fails(project)
    assert "templates/reference.docx:1:1: not a usable Word document" in err


def test_failed_render_leaves_earlier_build(project: Path) -> None:
    assert briefgen(project, "render", AGENDA).exit_code == 0
    before = (project / GA).read_bytes()
    edit(project, CO2, "    krachtenveld:", "    krachtenvled:")
    assert briefgen(project, "render", AGENDA).exit_code == 1
    assert (project / GA).read_bytes() == before


def test_check_reports_every_problem(project: Path) -> None:
    edit(project, CO2, "    krachtenveld:", "    krachtenvled:")
    edit(project, AGENDA, "soort: beleidsdebat", "soort: beleidsdebatt")
    result = briefgen(project, "check")
    assert result.exit_code == 1
    assert "krachtenvled" in result.stderr
    assert "1 problem(s)" in result.stderr or "2 problem(s)" in result.stderr


def test_check_passes_on_example_data(project: Path) -> None:
    result = briefgen(project, "check")
    assert result.exit_code == 0, result.stderr
    assert "no errors" in result.stderr


def test_jinja_syntax_in_text_is_literal(project: Path) -> None:
    edit(project, CO2, "Hiervoor zijn nog geen stukken gedeeld.", "Hiervoor {{ 7*7 }} {% if x %} & <b> ]]>.")
    assert briefgen(project, "render", AGENDA).exit_code == 0
    from docxread import read

    texts = [p.text for p in read(project / GA).paragraphs]
    assert any(t.endswith("Hiervoor {{ 7*7 }} {% if x %} & <b> ]]>.") for t in texts)


BAD_INPUTS = {
    "unknown key": (CO2, "    krachtenveld:", "    krachtenvled:"),
    "wrong type": (CO2, "nr: 1011", "nr: elf"),
    "impossible date": (AGENDA, "datum: 2026-03-17", "datum: 2026-02-30"),
    "unknown dossier": (AGENDA, "dossier: co2-normen", "dossier: co2-norm"),
    "missing position": ("positions/ipbes-12.yaml", "raad: milieuraad-2026-03-17", "raad: x"),
    "undefined footnote": (CO2, "BNC-fiche.[^bnc]", "BNC-fiche.[^bcn]"),
    "syntax error": (CO2, "titel: Herziening", "titel: [Herziening"),
    "duplicate key": (CO2, "kort: CO2-emissienormen\n", "kort: CO2-emissienormen\nkort: CO2\n"),
    "tab": (AGENDA, "  - dossier: co2-normen", "\t- dossier: co2-normen"),
    "control character": (CO2, "kort: CO2-emissienormen", 'kort: "CO2\\x07"'),
    "unknown item type": (AGENDA, "soort: beleidsdebat", "soort: debat"),
    "template error": ("templates/geannoteerde-agenda.md.j2", "## {{ s.kop(punt) }}", "## {{ s.kop(punt }}"),
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_leaves_earlier_build_byte_for_byte(project: Path, kind: str) -> None:
    assert briefgen(project, "render", AGENDA).exit_code == 0
    before = (project / GA).read_bytes()
    edit(project, *BAD_INPUTS[kind])
    result = briefgen(project, "render", AGENDA)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert re.match(r"^[^:\n]+:\d+:\d+: ", result.stderr)
    assert (project / GA).read_bytes() == before


def test_templates_nested_deeper_than_markdown_can_read_are_refused() -> None:
    from briefgen.compose.markdown import parse
    from briefgen.errors import UserError

    with pytest.raises(UserError, match="templates:1:1: a document nests lists, quotes or blocks"):
        parse("Begin.\n\n" + "\n".join("  " * level + "- punt" for level in range(60)) + "\n\nEinde.\n")
