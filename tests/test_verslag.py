"""The verslag after the Council: its documents, its data, its skeleton and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openxml_audit import OpenXmlValidator

from briefgen.commands.render import compose_package
from docxread import Docx, read
from helpers import (
    AGENDA,
    CO2,
    GA,
    GA_PACKAGE,
    LVVN,
    LVVN_OUT,
    TEXT,
    briefgen,
    changed,
    copy_example,
    edit,
    place,
    render_fails,
    replaced,
)

OUT = GA.parent
MARCH = "milieuraad-2026-03-17"
BIO = "positions/bio-economie-strategie.yaml"
LVVN_ID = "landbouw-en-visserijraad-2026-01-26"
VERSLAG = "  datum: 2026-03-26\n"
OPENING = (
    "Met deze brief ontvangt u, mede namens de Minister van Buitenlandse Handel en "
    "Ontwikkelingssamenwerking en de Minister van Landbouw, Visserij, Voedselzekerheid en "
    "Natuur, het verslag van de Milieuraad die op 17 maart 2026 in Brussel plaatsvond."
)


def doc(root: Path, name: str, folder: Path = OUT) -> Docx:
    return read(root / folder / name)


def texts(document: Docx) -> list[str]:
    return [p.text for p in document.paragraphs]


def after(document: Docx, heading: str) -> str:
    """The text of the paragraph that follows a heading."""
    paragraphs = document.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == heading and p.style.startswith("Heading"))
    return paragraphs[index + 1].text


def body(document: Docx) -> str:
    return "\n".join(texts(document))


# The example package (tests/conftest.py renders it once per session).


def test_verslag_opens_with_part_one_naming_meeting_and_date(package: Path) -> None:
    first = doc(package, "verslag.docx").paragraphs[0]
    assert (first.style, first.text) == ("Heading1", "I. Verslag Milieuraad d.d. 17 maart 2026")


def test_verslag_summary_follows_part_one(package: Path) -> None:
    text = after(doc(package, "verslag.docx"), "I. Verslag Milieuraad d.d. 17 maart 2026")
    assert text.startswith("Tijdens de Milieuraad van 17 maart 2026 heeft het Cypriotische Voorzitterschap")


def test_each_item_has_its_heading_and_outcome(package: Path) -> None:
    verslag = doc(package, "verslag.docx")
    assert verslag.styled("Heading2")[:4] == [
        "CO2-emissienormen",
        "Decarbonisatie post 2030",
        "Versterking EU strategische samenwerking in mondiale milieudiplomatie",
        "Bio-economie strategie",
    ]
    assert after(verslag, "CO2-emissienormen").startswith("De Raad voerde een beleidsdebat over")


def test_item_heading_starts_with_a_capital_and_keeps_the_rest(package: Path) -> None:
    headings = doc(package, "verslag.docx").styled("Heading2")
    assert "Decarbonisatie post 2030" in headings
    assert "decarbonisatie post 2030" not in headings
    assert "CO2-emissienormen" in headings


def test_outcome_keeps_its_numbered_list(package: Path) -> None:
    verslag = doc(package, "verslag.docx")
    items = [p for p in verslag.paragraphs if p.num_id and p.text.startswith(("het belang", "de rol"))]
    assert len(items) == 2
    assert verslag.number_format(items[0]) == "%1."


def test_outcome_footnote_is_a_word_footnote(package: Path) -> None:
    verslag = doc(package, "verslag.docx")
    assert any(note.startswith("Het cascaderingsprincipe houdt in") for note in verslag.note_texts())


def test_diversen_hold_the_agenda_item_and_those_raised_by_others(package: Path) -> None:
    verslag = doc(package, "verslag.docx")
    assert "Diversen" in verslag.styled("Heading2")
    assert verslag.styled("Heading3") == [
        "12e plenaire vergadering IPBES te Manchester",
        "Verordening ontbossingsvrije producten",
    ]
    assert after(verslag, "Verordening ontbossingsvrije producten").startswith("Onder het punt «diversen»")


def test_side_events_have_their_own_headings(package: Path) -> None:
    headings = doc(package, "verslag.docx").styled("Heading2")
    assert headings[-2:] == ["Green Growth Group ontbijt", "REACH-up diner"]


def test_further_part_is_numbered_two(package: Path) -> None:
    assert doc(package, "verslag.docx").styled("Heading1")[1:] == ["II. Stand van zaken EU-milieuwetgeving"]


def test_verslag_letter_opens_with_the_standard_sentence(package: Path) -> None:
    assert doc(package, "kamerbrief-verslag-tk.docx").styled("")[0] == OPENING


def test_verslag_letter_has_its_own_date_and_betreft(package: Path) -> None:
    kenmerk = doc(package, "kamerbrief-verslag-ek.docx").styled("Kenmerk")
    assert kenmerk == ["Datum\t26 maart 2026", "Betreft\tVerslag Milieuraad 17 maart 2026"]


def test_verslag_letter_goes_to_each_chamber(package: Path) -> None:
    assert "Eerste Kamer" in doc(package, "kamerbrief-verslag-ek.docx").styled("Adres")[0]
    assert "Tweede Kamer" in doc(package, "kamerbrief-verslag-tk.docx").styled("Adres")[0]


def test_verslag_letter_counts_the_verslag_among_its_attachments(package: Path) -> None:
    column = doc(package, "kamerbrief-verslag-tk.docx").styled("Referentiegegevens")
    assert "Bijlage(n)\n2" in column


def test_verslag_letter_keeps_the_drafters_paragraph_and_signatures(package: Path) -> None:
    letter = doc(package, "kamerbrief-verslag-tk.docx")
    assert letter.styled("")[1].startswith("Daarnaast treft u in de bijlage de kwartaalrapportage")
    assert letter.styled("Ondertekenaar") == ["Annet Bertram", "S. van Veldhoven-van der Meer"]


def test_manifest_records_the_verslag_and_each_outcome(package: Path) -> None:
    manifest = json.loads((package / OUT / "manifest.json").read_text(encoding="utf-8"))
    assert {"verslag.docx", "kamerbrief-verslag-tk.docx", "kamerbrief-verslag-ek.docx"} <= set(
        manifest["outputs"]
    )
    co2 = next(item for item in manifest["punten"] if item["dossier"] == "co2-normen")
    assert co2["uitkomst"].startswith("De Raad voerde een beleidsdebat")


# Changing the data.


def verslag_edit(project: Path, old: str, new: str) -> None:
    edit(project, AGENDA, old, new)


def render(project: Path, agenda: str = AGENDA) -> None:
    result = briefgen(project, "render", agenda)
    assert result.exit_code == 0, result.output


def test_the_ga_package_is_the_same_with_or_without_a_verslag(project: Path, package: Path) -> None:
    text = (project / AGENDA).read_text(encoding="utf-8")
    (project / AGENDA).write_text(
        text[: text.index("\n# Illustrative: the verslag")] + "\n", encoding="utf-8"
    )
    render(project)
    for name in GA_PACKAGE:
        assert (project / OUT / name).read_bytes() == (package / OUT / name).read_bytes(), name


def test_no_verslag_section_writes_no_verslag(project: Path) -> None:
    text = (project / AGENDA).read_text(encoding="utf-8")
    (project / AGENDA).write_text(
        text[: text.index("\n# Illustrative: the verslag")] + "\n", encoding="utf-8"
    )
    render(project)
    assert not list((project / OUT).glob("*verslag*"))


def test_own_opening_replaces_the_standard_sentence(project: Path) -> None:
    verslag_edit(project, VERSLAG, VERSLAG + "  opening: Hierbij ontvangt u het verslag.\n")
    render(project)
    assert doc(project, "kamerbrief-verslag-tk.docx").styled("")[0] == "Hierbij ontvangt u het verslag."


def test_opening_false_leaves_the_sentence_out(project: Path) -> None:
    verslag_edit(project, VERSLAG, VERSLAG + "  opening: false\n")
    render(project)
    first = doc(project, "kamerbrief-verslag-tk.docx").styled("")[0]
    assert first.startswith("Daarnaast treft u in de bijlage")


def test_own_betreft_and_part_heading(project: Path) -> None:
    verslag_edit(project, VERSLAG, VERSLAG + "  betreft: Verslag Milieuraad\n  kop: VERSLAG MILIEURAAD\n")
    render(project)
    assert doc(project, "kamerbrief-verslag-tk.docx").styled("Kenmerk")[1] == "Betreft\tVerslag Milieuraad"
    assert doc(project, "verslag.docx").styled("Heading1")[0] == "I. VERSLAG MILIEURAAD"


def test_own_diversen_heading_replaces_the_standard_one(project: Path) -> None:
    verslag_edit(project, VERSLAG, VERSLAG + "  diversenkop: Overige punten\n")
    render(project)
    headings = doc(project, "verslag.docx").styled("Heading2")
    assert "Overige punten" in headings
    assert "Diversen" not in headings


def test_diversen_heading_false_leaves_it_out(project: Path) -> None:
    verslag_edit(project, VERSLAG, VERSLAG + "  diversenkop: false\n")
    render(project)
    verslag = doc(project, "verslag.docx")
    assert "Diversen" not in verslag.styled("Heading2")
    assert "12e plenaire vergadering IPBES te Manchester" in verslag.styled("Heading3")


def test_own_signatories_replace_those_of_the_ga_letter(project: Path) -> None:
    own = "  ondertekenaars:\n    - {functie: de Minister van Klimaat en Groene Groei, naam: S. Voorbeeld}\n"
    verslag_edit(project, VERSLAG, VERSLAG + own + "  mede_namens: []\n")
    render(project)
    letter = doc(project, "kamerbrief-verslag-tk.docx")
    assert letter.styled("Ondertekenaar") == ["S. Voorbeeld"]
    assert letter.styled("")[0].startswith("Met deze brief ontvangt u het verslag van de Milieuraad die op")


def test_the_position_for_the_council_stays_in_the_ga(project: Path) -> None:
    render(project)
    ga = body(read(project / GA))
    assert "De Raad voerde een beleidsdebat" not in ga
    assert "Inzet Nederland" in ga


def lvvn_with_verslag(project: Path, opening: str = "") -> None:
    edit(
        project,
        "positions/voedselzekerheid.yaml",
        "  - raad: landbouw-en-visserijraad-2026-01-26\n",
        "  - raad: landbouw-en-visserijraad-2026-01-26\n    uitkomst: De Raad sprak over voedselzekerheid.\n",
    )
    edit(
        project,
        "positions/biotech-act.yaml",
        "  - raad: landbouw-en-visserijraad-2026-01-26\n",
        "  - raad: landbouw-en-visserijraad-2026-01-26\n    uitkomst: De Commissie lichtte het voorstel toe.\n",
    )
    text = (project / LVVN).read_text(encoding="utf-8")
    (project / LVVN).write_text(text + f"verslag:\n  datum: 2026-02-02\n{opening}", encoding="utf-8")


def test_lvvn_letter_says_the_council_took_place_jl(project: Path) -> None:
    lvvn_with_verslag(project)
    render(project, LVVN)
    first = doc(project, "kamerbrief-verslag-tk.docx", LVVN_OUT).styled("")[0]
    assert first == (
        "Op 26 januari jl. vond de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel. "
        "Met deze brief informeer ik de Kamer over de resultaten van deze Raad."
    )


def test_lvvn_letter_carries_the_verslag_inside(project: Path) -> None:
    lvvn_with_verslag(project)
    render(project, LVVN)
    letter = doc(project, "kamerbrief-verslag-tk.docx", LVVN_OUT)
    assert letter.styled("Heading1") == ["I. Verslag Landbouw- en Visserijraad d.d. 26 januari 2026"]
    assert after(letter, "Voedselzekerheid en weerbaarheid van de voedselketen") == (
        "De Raad sprak over voedselzekerheid."
    )
    assert "Bijlage(n)" not in body(letter)


RAZ = "agendas/raad-algemene-zaken-2025-11-17.yaml"
RAZ_OUT = Path("build/raad-algemene-zaken-2025-11-17")
RAZ_VERSLAG = """verslag:
  datum: 2025-11-24
  samenvatting: De Raad bereidde de Europese Raad voor.
"""


def raz_with_verslag(project: Path, agenda: str = RAZ) -> None:
    """The RAZ example, whose items have no dossier, with an outcome on each item."""
    text = (project / agenda).read_text(encoding="utf-8")
    for kop in (
        "Voorbereiding Europese Raad",
        "Meerjarig Financieel Kader (MFK)",
        "Werklunch met de kandidaat-lidstaten",
        "Diversen",
    ):
        text = text.replace(
            f"  - kop: {kop}\n", f"  - kop: {kop}\n    uitkomst: Over {kop} werd gesproken.\n", 1
        )
    (project / agenda).write_text(text + RAZ_VERSLAG, encoding="utf-8")


def test_raz_letter_offers_the_verslag_in_one_line(project: Path) -> None:
    raz_with_verslag(project)
    render(project, RAZ)
    assert doc(project, "kamerbrief-verslag-tk.docx", RAZ_OUT).styled("")[0] == (
        "Hierbij bied ik u het verslag aan van de Raad Algemene Zaken van 17 november 2025."
    )


def test_item_without_dossier_has_its_own_outcome(project: Path) -> None:
    raz_with_verslag(project)
    render(project, RAZ)
    verslag = doc(project, "verslag.docx", RAZ_OUT)
    assert after(verslag, "Werklunch met de kandidaat-lidstaten") == (
        "Over Werklunch met de kandidaat-lidstaten werd gesproken."
    )


def test_item_without_dossier_and_outcome_is_named(project: Path) -> None:
    raz_with_verslag(project)
    edit(project, RAZ, "    uitkomst: Over Diversen werd gesproken.\n", "")
    result = briefgen(project, "render", RAZ)
    assert result.exit_code == 1
    assert f"{place(project, RAZ, 'kop: Diversen')}: the verslag needs this item's outcome" in result.stderr


def test_rbz_letter_follows_the_raz_model(project: Path) -> None:
    rbz = "agendas/raad-buitenlandse-zaken-2025-11-20.yaml"
    text = (project / rbz).read_text(encoding="utf-8")
    (project / rbz).write_text(
        text.replace("  - kop:", "  - uitkomst: Besproken.\n    kop:") + RAZ_VERSLAG, encoding="utf-8"
    )
    render(project, rbz)
    first = doc(
        project, "kamerbrief-verslag-tk.docx", Path("build/raad-buitenlandse-zaken-2025-11-20")
    ).styled("")[0]
    assert first.startswith(
        "Hierbij bied ik u het verslag aan van de Raad Buitenlandse Zaken van 20 november 2025"
    )


# Errors.


def test_missing_outcome_names_the_position(project: Path) -> None:
    drop_outcome(project / CO2)
    err = render_fails(project)
    assert (
        f"{place(project, CO2, 'raad: milieuraad-2026-03-17')}: the verslag of {MARCH} needs the outcome "
        "of 'co2-normen': write 'uitkomst' in this position" in err
    )


def test_empty_outcome_is_named_at_its_key(project: Path) -> None:
    drop_outcome(project / BIO)
    edit(project, BIO, f"  - raad: {MARCH}\n", f"  - raad: {MARCH}\n    uitkomst:\n")
    err = render_fails(project)
    assert f"{place(project, BIO, 'uitkomst:')}: the verslag of {MARCH} needs the outcome" in err


def test_summary_left_empty_is_named(project: Path) -> None:
    drop_block(project / AGENDA, "  samenvatting:", "  samenvatting:\n")
    err = render_fails(project)
    assert f"{place(project, AGENDA, 'samenvatting:')}: 'verslag.samenvatting' is still empty" in err


def test_outcome_on_a_dossiers_agenda_item_is_refused(project: Path) -> None:
    edit(project, AGENDA, "    soort: beleidsdebat\n", "    soort: beleidsdebat\n    uitkomst: Besproken.\n")
    err = render_fails(project)
    assert (
        f"{place(project, AGENDA, 'uitkomst: Besproken')}: the outcome of a dossier's item belongs in" in err
    )


def test_misspelt_verslag_key_suggests_the_right_one(project: Path) -> None:
    verslag_edit(project, "  samenvatting:", "  samenvating:")
    err = render_fails(project)
    assert "unknown key 'samenvating' (did you mean 'samenvatting'?)" in err


def test_opening_that_is_neither_text_nor_false_is_refused(project: Path) -> None:
    verslag_edit(project, VERSLAG, VERSLAG + "  opening: 5\n")
    err = render_fails(project)
    assert (
        f"{place(project, AGENDA, 'opening: 5', 9)}: 'verslag.opening' must be text, or false to leave it out, not the number 5"
        in err
    )


def test_letters_without_anyone_to_sign_are_refused(project: Path) -> None:
    lvvn_with_verslag(project)
    text = (project / LVVN).read_text(encoding="utf-8")
    start, end = text.index("brief:\n"), text.index("verslag:\n")
    (project / LVVN).write_text(text[:start] + text[end:], encoding="utf-8")
    result = briefgen(project, "render", LVVN)
    assert result.exit_code == 1
    assert "the verslag's letters need 'ondertekenaars', in 'verslag' or in 'brief'" in result.stderr


# Status and diff.


def test_changed_outcome_makes_only_the_verslag_stale(project: Path) -> None:
    render(project)
    edit(project, CO2, "De Raad voerde een beleidsdebat", "De Raad hield een beleidsdebat")
    states = {
        d["name"]: d
        for d in json.loads(briefgen(project, "status", AGENDA, "--format", "json").stdout)["documents"]
    }
    assert states["verslag.docx"]["reasons"] == [f"{CO2} changed: uitkomst"]
    assert not states["geannoteerde-agenda.docx"]["stale"]
    assert not states["kamerbrief-verslag-tk.docx"]["stale"]


def test_diff_shows_an_outcome_the_later_council_gained(project: Path) -> None:
    edit(
        project,
        CO2,
        "  - raad: milieuraad-2026-06-16\n",
        "  - raad: milieuraad-2026-06-16\n    uitkomst: De Raad bereikte een algemene oriëntatie.\n",
    )
    args = ("diff", "co2-normen", "--from", MARCH, "--to", "milieuraad-2026-06-16", "--format", "json")
    sections = {s["name"]: s["changes"] for s in json.loads(briefgen(project, *args).stdout)["sections"]}
    assert sections["uitkomst"][-1]["new"].endswith("De Raad bereikte een algemene oriëntatie.")


def test_diff_leaves_out_an_outcome_only_the_earlier_council_has(project: Path) -> None:
    args = ("diff", "co2-normen", "--from", MARCH, "--to", "milieuraad-2026-06-16", "--format", "json")
    names = [s["name"] for s in json.loads(briefgen(project, *args).stdout)["sections"]]
    assert "uitkomst" not in names


# The skeleton: briefgen verslag.


def drop_block(path: Path, key: str, replacement: str = "") -> None:
    """A file with the block at ``key`` (a line, and those indented below it) replaced."""
    indent = len(key) - len(key.lstrip())
    keep: list[str] = []
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        deeper = line.strip() and len(line) - len(line.lstrip()) > indent
        inside = line.startswith(key) or bool(inside and deeper)
        if line.startswith(key):
            keep.append(replacement)
        elif not inside:
            keep.append(line)
    path.write_text("".join(keep), encoding="utf-8")


def drop_outcome(path: Path) -> None:
    """A position file without its outcome (and the comment that marks it invented)."""
    drop_block(path, "    # Illustrative: this outcome")
    drop_block(path, "    # 17 March 2026 is")
    drop_block(path, "    uitkomst:")


@pytest.fixture
def bare(project: Path) -> Path:
    """The example without its verslag: the agenda's section and every position's outcome."""
    text = (project / AGENDA).read_text(encoding="utf-8")
    (project / AGENDA).write_text(
        text[: text.index("\n# Illustrative: the verslag")] + "\n", encoding="utf-8"
    )
    for path in (project / "positions").glob("*.yaml"):
        drop_outcome(path)
    return project


def only_added(old: str, new: str) -> list[str]:
    """The lines of ``new`` that are not in ``old``, asserting that nothing of ``old`` went."""
    import difflib

    matcher = difflib.SequenceMatcher(None, old.splitlines(True), new.splitlines(True), autojunk=False)
    added = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        assert op in ("equal", "insert"), (op, old.splitlines(True)[i1:i2])
        if op == "insert":
            added += new.splitlines(True)[j1:j2]
    return added


def test_skeleton_only_adds_lines(bare: Path) -> None:
    before = {p: p.read_bytes() for p in [bare / AGENDA, *(bare / "positions").glob("*.yaml")]}
    assert briefgen(bare, "verslag", MARCH).exit_code == 0
    for path, old in before.items():
        only_added(old.decode("utf-8"), path.read_text(encoding="utf-8"))


def test_skeleton_adds_an_empty_outcome_to_each_position(bare: Path) -> None:
    old = (bare / CO2).read_text(encoding="utf-8")
    briefgen(bare, "verslag", MARCH)
    added = only_added(old, (bare / CO2).read_text(encoding="utf-8"))
    assert [line.split("#")[0].rstrip() for line in added] == ["    uitkomst:"]


def test_skeleton_outcome_goes_into_this_councils_position(bare: Path) -> None:
    briefgen(bare, "verslag", MARCH)
    text = (bare / CO2).read_text(encoding="utf-8")
    assert text.index("uitkomst:") < text.index("raad: milieuraad-2026-06-16")


def test_skeleton_is_reported_not_rendered(bare: Path) -> None:
    briefgen(bare, "verslag", MARCH, "--datum", "2026-03-26")
    err = render_fails(bare)
    assert err.count("needs the outcome of") == 5
    assert "'verslag.samenvatting' is still empty" in err


def test_skeleton_without_a_date_asks_for_one(bare: Path) -> None:
    briefgen(bare, "verslag", MARCH)
    result = briefgen(bare, "check", AGENDA)
    assert "'verslag.datum' must be a date written as YYYY-MM-DD, not empty" in result.stderr


def test_filled_skeleton_renders(bare: Path) -> None:
    briefgen(bare, "verslag", MARCH, "--datum", "2026-03-26")
    for path in (bare / "positions").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("    uitkomst:  #", "    uitkomst: Besproken.  #"), encoding="utf-8")
    edit(bare, AGENDA, "  samenvatting:  #", "  samenvatting: De Raad vergaderde.  #")
    render(bare)
    assert after(doc(bare, "verslag.docx"), "CO2-emissienormen") == "Besproken."


def test_skeleton_gives_an_item_without_dossier_its_own_empty_outcome(project: Path) -> None:
    before = (project / RAZ).read_text(encoding="utf-8")
    assert (
        briefgen(project, "verslag", "raad-algemene-zaken-2025-11-17", "--datum", "2025-11-24").exit_code == 0
    )
    added = only_added(before, (project / RAZ).read_text(encoding="utf-8"))
    assert [line.split("#")[0].rstrip() for line in added].count("    uitkomst:") == 4
    err = briefgen(project, "check", RAZ).stderr
    assert f"{place(project, RAZ, 'uitkomst:')}: the verslag needs this item's outcome" in err


def test_skeleton_keeps_bom_and_crlf(bare: Path) -> None:
    raw = (bare / CO2).read_bytes().replace(b"\n", b"\r\n")
    (bare / CO2).write_bytes(b"\xef\xbb\xbf" + raw)
    assert briefgen(bare, "verslag", MARCH).exit_code == 0
    new = (bare / CO2).read_bytes()
    assert new.startswith(b"\xef\xbb\xbf")
    assert b"uitkomst:" in new
    assert b"\n" not in new.replace(b"\r\n", b"")


def test_skeleton_refuses_an_agenda_with_a_verslag(project: Path) -> None:
    before = (project / AGENDA).read_bytes()
    result = briefgen(project, "verslag", MARCH)
    assert result.exit_code == 1
    assert f"{place(project, AGENDA, 'verslag:')}: already has a 'verslag' section" in result.stderr
    assert (project / AGENDA).read_bytes() == before


def test_skeleton_of_an_unknown_agenda_lists_the_known(project: Path) -> None:
    result = briefgen(project, "verslag", "milieuraad-2099-01-01")
    assert result.exit_code == 1
    assert "no such agenda; agendas: " in result.stderr
    assert LVVN_ID in result.stderr


def test_new_does_not_carry_an_outcome_forward(project: Path) -> None:
    assert briefgen(project, "new", "milieuraad-2026-10-20", "--from", MARCH).exit_code == 0
    text = (project / BIO).read_text(encoding="utf-8")
    new_entry = text[text.index("raad: milieuraad-2026-10-20") :]
    assert "uitkomst" not in new_entry


# Text is data: whatever a drafter writes in the verslag's fields comes out as typed.

# (file, text to replace, replacement with {t} or {q} (quoted), document, expected with {t})
FIELDS = {
    "samenvatting": (
        AGENDA,
        "    mondiale milieudiplomatie.\n",
        "    mondiale milieudiplomatie. Zie: {t} einde.\n",
        "verslag.docx",
        "mondiale milieudiplomatie. Zie: {t} einde.",
    ),
    "uitkomst": (
        CO2,
        "      het Revnext-rapport.\n",
        "      het Revnext-rapport. Zie: {t} einde.\n",
        "verslag.docx",
        "het Revnext-rapport. Zie: {t} einde.",
    ),
    "marge.kop": (
        AGENDA,
        "    - kop: Green Growth Group ontbijt",
        "    - kop: {q}",
        "verslag.docx",
        "{t}",
    ),
    "diversen.kop": (
        AGENDA,
        "    - kop: Verordening ontbossingsvrije producten",
        "    - kop: {q}",
        "verslag.docx",
        "{t}",
    ),
    "delen.kop": (
        AGENDA,
        "    - kop: Stand van zaken EU-milieuwetgeving",
        "    - kop: {q}",
        "verslag.docx",
        "II. {t}",
    ),
    "kop": (AGENDA, VERSLAG, VERSLAG + "  kop: {q}\n", "verslag.docx", "I. {t}"),
    "opening": (
        AGENDA,
        VERSLAG,
        VERSLAG + "  opening: {q}\n",
        "kamerbrief-verslag-tk.docx",
        "Hierbij: {t} einde.",
    ),
    "betreft": (AGENDA, VERSLAG, VERSLAG + "  betreft: {q}\n", "kamerbrief-verslag-ek.docx", "Betreft\t{t}"),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, field=st.sampled_from(sorted(FIELDS)))
def test_random_verslag_text_reads_back_exactly(scratch: Path, text: str, field: str) -> None:
    name, old, new, document, expected = FIELDS[field]
    value = f"Hierbij: {text} einde." if field == "opening" else text
    with changed(
        scratch,
        name,
        replaced(scratch, name, old, new.format(t=text, q=json.dumps(value, ensure_ascii=False))),
    ):
        outputs = compose_package(scratch, scratch / AGENDA, scratch / "out").outputs
    data = next(output.data for output in outputs if output.path.name == document)
    paragraphs = [p.text for p in read(data).paragraphs]
    if field.endswith("kop") or field == "betreft":
        assert expected.format(t=text) in paragraphs
    else:
        assert any(expected.format(t=text) in p for p in paragraphs), paragraphs


# Every verslag letter passes the strict schema check (the Milieuraad's: test_validity.py).


@pytest.fixture(scope="module")
def formations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The LVVN and RAZ examples with a verslag each, rendered."""
    root = tmp_path_factory.mktemp("formations")
    copy_example(root)
    lvvn_with_verslag(root)
    raz_with_verslag(root)
    render(root, LVVN)
    render(root, RAZ)
    return root


@pytest.mark.parametrize(
    "name",
    [
        str(LVVN_OUT / "kamerbrief-verslag-tk.docx"),
        str(LVVN_OUT / "verslag.docx"),
        str(RAZ_OUT / "kamerbrief-verslag-ek.docx"),
        str(RAZ_OUT / "verslag.docx"),
    ],
)
def test_verslag_documents_of_other_formations_pass_the_schema_check(formations: Path, name: str) -> None:
    result = OpenXmlValidator(max_errors=0, strict=True).validate(str(formations / name))
    assert [str(error) for error in result.errors] == []
