"""Bad input: one clear 'file:line:col: message', exit code 1, nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import helpers
import small
from docxread import read
from helpers import briefgen, edit, load_file, place

AGENDA = small.AGENDA
GA = small.GA
POSITION = "positions/bodem.yaml"
TEMPLATE = "templates/geannoteerde-agenda.md.j2"
ITEM_HEADING = "{{ nummer }}{{ h }} {{ s.kop(punt) }}"


def render_fails(root: Path) -> str:
    return helpers.render_fails(root, AGENDA, GA)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small project with one item, a letter and a nota, safe to break."""
    return small.project(tmp_path, letter=True, nota=True)


# file, text to replace, replacement, where the message points (text in the changed file and
# columns past it), message
MISTAKES = {
    "unknown key in the letter": (
        AGENDA,
        "    - functie: de Minister",
        "    - functi: de Minister",
        ("functi:", 0),
        "unknown key 'functi' (did you mean 'functie'?)",
    ),
    "unknown key in a position": (
        POSITION,
        "    krachtenveld:",
        "    krachtenvled:",
        ("krachtenvled", 0),
        "unknown key 'krachtenvled' (did you mean 'krachtenveld'?)",
    ),
    "unknown key deep in a citation": (
        POSITION,
        "nr: 1011}",
        "nummer: 1011}",
        ("nummer", 0),
        "unknown key 'nummer'",
    ),
    "wrong type": (
        POSITION,
        "nr: 1011",
        "nr: elf",
        ("nr: elf", 4),
        "'voetnoten.stuk.kamerstuk.nr' must be a whole number",
    ),
    "impossible date": (
        AGENDA,
        "datum: 2030-03-12",
        "datum: 2030-02-30",
        ("2030-02-30", 0),
        "'2030-02-30' is not a valid date",
    ),
    "date in words": (
        AGENDA,
        "datum: 2030-03-12",
        "datum: 12 maart 2030",
        ("12 maart", 0),
        "'datum' must be a date written as YYYY-MM-DD",
    ),
    "unknown dossier": (
        AGENDA,
        "dossier: bodem",
        "dossier: bodm",
        ("bodm", 0),
        "unknown dossier 'bodm' (did you mean 'bodem'?)",
    ),
    "undefined footnote": (
        POSITION,
        "bodem.[^stuk]",
        "bodem.[^stk]",
        ("[^stk]", 0),
        "footnote [^stk] is not defined in 'voetnoten' of this file or in positions/_voetnoten.yaml "
        "(did you mean 'stuk'?)",
    ),
    "footnote inside a footnote": (
        small.NOTES,
        "    Een voetnoot",
        "    Zie[^stuk]. Een voetnoot",
        ("[^stuk]", 0),
        "a footnote cannot have a footnote of its own ([^stuk])",
    ),
    "text of only spaces": (
        POSITION,
        "kort: Kort bodem",
        "kort: '   '",
        ("kort:", 6),
        "'kort' is empty; write text or remove the key",
    ),
    "unknown item type": (
        AGENDA,
        "soort: beleidsdebat",
        "soort: beleidsdebatt",
        ("beleidsdebatt", 0),
        "unknown item type 'beleidsdebatt' (did you mean 'beleidsdebat'?)",
    ),
    "misspelled meeting field": (
        AGENDA,
        "datum: 2030-03-12\n",
        "datum: 2030-03-12\neindatum: 2030-03-13\n",
        ("eindatum", 0),
        "unknown key 'eindatum' (did you mean 'einddatum'?)",
    ),
    "last day before the first": (
        AGENDA,
        "datum: 2030-03-12\n",
        "datum: 2030-03-12\neinddatum: 2030-03-11\n",
        ("2030-03-11", 0),
        "'einddatum' must come after 'datum'",
    ),
    "last day a year out": (
        AGENDA,
        "datum: 2030-03-12\n",
        "datum: 2030-03-12\neinddatum: 2031-03-13\ndagen: opsomming\n",
        ("2031-03-13", 0),
        "'einddatum' is 366 days after 'datum' (2030-03-12); a meeting lasts at most 31 days",
    ),
    "sentence given as true": (
        AGENDA,
        "  alineas:\n",
        "  deelname: true\n  alineas:\n",
        ("true", 0),
        "'brief.deelname' must be text, or false to leave it out",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_mistake_is_reported_at_its_place(project: Path, mistake: str) -> None:
    name, old, new, (needle, offset), message = MISTAKES[mistake]
    edit(project, name, old, new)
    assert f"{place(project, name, needle, offset)}: {message}" in render_fails(project)


def test_missing_position_for_the_council(project: Path) -> None:
    edit(project, POSITION, f"raad: {small.ID}", "raad: milieuraad-2029-12-16")
    err = render_fails(project)
    assert (
        f"{place(project, AGENDA, 'bodem')}: dossier 'bodem' has no position for {small.ID} "
        f"({POSITION} has: milieuraad-2029-12-16)" in err
    )


def test_check_reports_undefined_footnote(project: Path) -> None:
    edit(project, POSITION, "bodem.[^stuk]", "bodem.[^stk]")
    result = briefgen(project, "check")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{place(project, POSITION, '[^stk]')}: footnote [^stk] is not defined" in result.stderr


def test_unused_footnote_is_a_warning(project: Path) -> None:
    edit(project, POSITION, "bodem.[^stuk]", "bodem.")
    result = briefgen(project, "check")
    assert result.exit_code == 0
    assert (
        f"{place(project, POSITION, 'stuk:')}: warning: footnote 'stuk' is never referenced" in result.stderr
    )


def test_strict_check_fails_on_warnings(project: Path) -> None:
    edit(project, POSITION, "bodem.[^stuk]", "bodem.")
    assert briefgen(project, "check", "--strict").exit_code == 1


def test_yaml_syntax_error(project: Path) -> None:
    edit(project, POSITION, "nr: 1011}", "nr: 1011")
    err = render_fails(project)
    assert f"{POSITION}:" in err
    assert "YAML syntax error" in err


def test_duplicate_key(project: Path) -> None:
    edit(project, POSITION, "kort: Kort bodem\n", "kort: Kort bodem\nkort: Bodem\n")
    err = render_fails(project)
    assert f"{POSITION}:4:1: duplicate key 'kort' (first at line 3); remove one of them" in err


@pytest.mark.filterwarnings("error")
def test_anchor_defined_twice_means_the_latest_without_a_warning(project: Path) -> None:
    edit(
        project,
        POSITION,
        "    kern: >-\n      Kern van bodem.",
        "    kern: &tekst Eerste.\n    x: &tekst Tweede.",
    )
    edit(project, POSITION, "    krachtenveld: >-\n      Krachtenveld van bodem.", "    krachtenveld: *tekst")

    position = load_file(project / POSITION).data["standpunten"][0]
    assert position["krachtenveld"] == position["x"] == "Tweede."


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
    edit(project, POSITION, "Hiervoor zijn nog geen stukken gedeeld.", "Punten:\n" + nested)
    err = render_fails(project)
    assert f"{POSITION}:" in err
    assert "this text nests lists or quotes more than 40 levels deep; flatten it" in err


def test_dossier_twice_on_an_agenda_is_a_warning(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2)
    agenda = (root / AGENDA).read_text(encoding="utf-8")
    start = agenda.index("  - dossier: bodem")
    end = agenda.index("  - dossier: water")
    (root / AGENDA).write_text(agenda[:end] + agenda[start:end] + agenda[end:], encoding="utf-8")
    result = briefgen(root, "check")
    assert result.exit_code == 0
    assert "warning: dossier 'bodem' is on this agenda twice (also item 1)" in result.stderr


def test_folder_without_agendas_is_reported(project: Path) -> None:
    (project / "agendas" / "later").mkdir()
    result = briefgen(project, "render", "agendas/later")
    assert result.exit_code == 1
    assert result.stderr.endswith("agendas/later:1:1: no agenda files (*.yaml) in this folder\n")


def test_tab_indentation(project: Path) -> None:
    edit(project, AGENDA, "  - dossier: bodem", "\t- dossier: bodem")
    err = render_fails(project)
    assert f"{AGENDA}:" in err
    assert "a tab character cannot indent YAML; use spaces" in err


def test_empty_file(project: Path) -> None:
    (project / POSITION).write_text("", encoding="utf-8")
    assert f"{POSITION}:1:1: the file is empty" in render_fails(project)


def test_file_that_is_not_utf8(project: Path) -> None:
    (project / POSITION).write_bytes("id: bodem\ntitel: Caf\u00e9\n".encode("latin-1"))
    assert f"{POSITION}:2:11: the file is not UTF-8 text (byte 0xe9)" in render_fails(project)


def test_template_error_names_template_and_line(project: Path) -> None:
    edit(project, TEMPLATE, ITEM_HEADING, "## {{ punt.bestaatniet }}")
    err = render_fails(project)
    line = place(project, TEMPLATE, "bestaatniet").rsplit(":", 1)[0]
    assert f"{line}:1: template error:" in err
    assert "bestaatniet" in err


def test_template_that_calls_itself_without_end_is_a_template_error(project: Path) -> None:
    edit(
        project,
        TEMPLATE,
        ITEM_HEADING,
        "{% macro opnieuw() %}{{ opnieuw() }}{% endmacro %}## {{ opnieuw() }}",
    )
    err = render_fails(project)
    line = place(project, TEMPLATE, "opnieuw").rsplit(":", 1)[0]
    assert f"{line}:1: template error: a macro or include calls itself without end" in err


def test_corrupt_reference_docx(project: Path) -> None:
    (project / "templates/reference.docx").write_bytes(b"not a zip")
    assert "templates/reference.docx:1:1: not a usable Word document" in render_fails(project)


def test_failed_render_leaves_earlier_build(project: Path) -> None:
    assert briefgen(project, "render", AGENDA).exit_code == 0
    before = (project / GA).read_bytes()
    edit(project, POSITION, "    krachtenveld:", "    krachtenvled:")
    assert briefgen(project, "render", AGENDA).exit_code == 1
    assert (project / GA).read_bytes() == before


def test_check_reports_every_problem(tmp_path: Path) -> None:
    root = small.project(tmp_path, 2)
    edit(root, POSITION, "    krachtenveld:", "    krachtenvled:")
    edit(root, "positions/water.yaml", "    inzet:", "    inzett:")
    result = briefgen(root, "check")
    assert result.exit_code == 1
    assert "unknown key 'krachtenvled'" in result.stderr
    assert "unknown key 'inzett'" in result.stderr
    assert "2 problem(s)" in result.stderr


def test_check_passes_on_a_project_without_mistakes(project: Path) -> None:
    result = briefgen(project, "check")
    assert result.exit_code == 0, result.stderr
    assert "no errors" in result.stderr


def test_jinja_syntax_in_text_is_literal(project: Path) -> None:
    literal = "Hiervoor {{ 7*7 }} {% if x %} & <b> ]]>."
    edit(project, POSITION, "Hiervoor zijn nog geen stukken gedeeld.", literal)
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert any(p.text.endswith(literal) for p in read(project / GA).paragraphs)


BAD_INPUTS = {
    "unknown key": (POSITION, "    krachtenveld:", "    krachtenvled:"),
    "wrong type": (POSITION, "nr: 1011", "nr: elf"),
    "impossible date": (AGENDA, "datum: 2030-03-12", "datum: 2030-02-30"),
    "unknown dossier": (AGENDA, "dossier: bodem", "dossier: bodm"),
    "missing position": (POSITION, f"raad: {small.ID}", "raad: x"),
    "undefined footnote": (POSITION, "bodem.[^stuk]", "bodem.[^stk]"),
    "syntax error": (POSITION, "titel: Titel", "titel: [Titel"),
    "duplicate key": (POSITION, "kort: Kort bodem\n", "kort: Kort bodem\nkort: Bodem\n"),
    "tab": (AGENDA, "  - dossier: bodem", "\t- dossier: bodem"),
    "control character": (POSITION, "kort: Kort bodem", 'kort: "Kort\\x07"'),
    "unknown item type": (AGENDA, "soort: beleidsdebat", "soort: debat"),
    "template error": (TEMPLATE, ITEM_HEADING, "## {{ s.kop(punt }}"),
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
    from briefgen.document.markdown import parse
    from briefgen.errors import UserError

    with pytest.raises(UserError, match="templates:1:1: a document nests lists, quotes or blocks"):
        parse("Begin.\n\n" + "\n".join("  " * level + "- punt" for level in range(60)) + "\n\nEinde.\n")
