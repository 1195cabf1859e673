"""The verslag after the Council: its documents, its data, its skeleton and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openxml_audit import OpenXmlValidator

import small
from briefgen.output.package import compose_package
from docxread import Docx, read
from helpers import (
    AGENDA,
    GA,
    GA_PACKAGE,
    TEXT,
    briefgen,
    changed,
    edit,
    place,
    render_fails,
    replaced,
)

OUT = GA.parent
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
    assert (first.style, first.text) == ("Heading1", "Verslag Milieuraad 17 maart 2026")


def test_verslag_summary_follows_part_one(package: Path) -> None:
    text = after(doc(package, "verslag.docx"), "Verslag Milieuraad 17 maart 2026")
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


def test_further_part_follows_unnumbered_as_the_first(package: Path) -> None:
    assert doc(package, "verslag.docx").styled("Heading1")[1:] == ["Stand van zaken EU-milieuwetgeving"]


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


# Changing the data: on small projects.

SMALL = small.AGENDA
SMALL_VERSLAG = "  datum: 2030-03-20\n"


def small_verslag(
    tmp_path: Path, items: int | tuple[str, ...] = ("beleidsdebat", "diversen"), **options: str
) -> Path:
    """A small project with a letter and a verslag, in a folder of its own under ``tmp_path``."""
    return small.project(tmp_path / "small", items, letter=True, verslag=True, **options)


def small_doc(root: Path, name: str) -> Docx:
    return read(root / small.OUT / name)


def render(project: Path, agenda: str = AGENDA) -> None:
    result = briefgen(project, "render", agenda)
    assert result.exit_code == 0, result.output


def without_verslag(root: Path) -> Path:
    text = (root / SMALL).read_text(encoding="utf-8")
    (root / SMALL).write_text(text[: text.index("verslag:\n")], encoding="utf-8")
    return root


def test_the_ga_package_is_the_same_with_or_without_a_verslag(tmp_path: Path) -> None:
    with_it = small.project(tmp_path / "with", letter=True, nota=True, verslag=True)
    without = without_verslag(small.project(tmp_path / "without", letter=True, nota=True, verslag=True))
    render(with_it, SMALL)
    render(without, SMALL)
    for name in GA_PACKAGE:
        assert (without / small.OUT / name).read_bytes() == (with_it / small.OUT / name).read_bytes(), name


def test_no_verslag_section_writes_no_verslag(tmp_path: Path) -> None:
    root = without_verslag(small_verslag(tmp_path))
    render(root, SMALL)
    assert not list((root / small.OUT).glob("*verslag*"))


def test_own_opening_replaces_the_standard_sentence(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    edit(root, SMALL, SMALL_VERSLAG, SMALL_VERSLAG + "  opening: Hierbij ontvangt u het verslag.\n")
    render(root, SMALL)
    assert small_doc(root, "kamerbrief-verslag-tk.docx").styled("")[0] == "Hierbij ontvangt u het verslag."


def test_opening_false_leaves_the_sentence_out(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    edit(root, SMALL, SMALL_VERSLAG, SMALL_VERSLAG + "  opening: false\n")
    render(root, SMALL)
    first = small_doc(root, "kamerbrief-verslag-tk.docx").styled("")[0]
    assert first == "Daarnaast treft u in de bijlage de rapportage aan."


def test_own_betreft_and_part_heading(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    edit(
        root,
        SMALL,
        SMALL_VERSLAG,
        SMALL_VERSLAG + "  betreft: Verslag Milieuraad\n  kop: VERSLAG MILIEURAAD\n",
    )
    render(root, SMALL)
    assert small_doc(root, "kamerbrief-verslag-tk.docx").styled("Kenmerk")[1] == "Betreft\tVerslag Milieuraad"
    assert small_doc(root, "verslag.docx").styled("Heading1")[0] == "VERSLAG MILIEURAAD"


def test_own_diversen_heading_replaces_the_standard_one(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    edit(root, SMALL, SMALL_VERSLAG, SMALL_VERSLAG + "  diversenkop: Overige punten\n")
    render(root, SMALL)
    headings = small_doc(root, "verslag.docx").styled("Heading2")
    assert "Overige punten" in headings
    assert "Diversen" not in headings


def test_diversen_heading_false_leaves_it_out(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    edit(root, SMALL, SMALL_VERSLAG, SMALL_VERSLAG + "  diversenkop: false\n")
    render(root, SMALL)
    verslag = small_doc(root, "verslag.docx")
    assert "Diversen" not in verslag.styled("Heading2")
    assert "Kort water" in verslag.styled("Heading3")


def test_own_signatories_replace_those_of_the_ga_letter(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    own = "  ondertekenaars:\n    - {functie: de Minister van Klimaat en Groene Groei, naam: S. Voorbeeld}\n"
    edit(root, SMALL, SMALL_VERSLAG, SMALL_VERSLAG + own + "  mede_namens: []\n")
    render(root, SMALL)
    letter = small_doc(root, "kamerbrief-verslag-tk.docx")
    assert letter.styled("Ondertekenaar") == ["S. Voorbeeld"]
    assert letter.styled("")[0].startswith("Met deze brief ontvangt u het verslag van de Milieuraad die op")


def test_the_position_for_the_council_stays_in_the_ga(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    render(root, SMALL)
    ga = body(read(root / small.GA))
    assert "De Raad sprak erover." not in ga
    assert "Inzet Nederland" in ga


LVVN_RAAD = "Landbouw- en Visserijraad"


def test_lvvn_letter_says_the_council_took_place_jl(tmp_path: Path) -> None:
    root = small_verslag(tmp_path, raad=LVVN_RAAD)
    render(root, SMALL)
    assert small_doc(root, "kamerbrief-verslag-tk.docx").styled("")[0] == (
        "Op 12 maart jl. vond de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel. "
        "Met deze brief informeer ik de Kamer over de uitkomsten van de Raad."
    )


def test_lvvn_letter_of_two_signatories_informs_as_wij(tmp_path: Path) -> None:
    root = small_verslag(tmp_path, raad=LVVN_RAAD)
    second = "    - functie: de Staatssecretaris\n      naam: B. Staatssecretaris\n"
    edit(root, SMALL, "      naam: A. Minister\n", "      naam: A. Minister\n" + second)
    render(root, SMALL)
    assert (
        small_doc(root, "kamerbrief-verslag-tk.docx")
        .styled("")[0]
        .endswith("Met deze brief informeren wij de Kamer over de uitkomsten van de Raad.")
    )


def test_lvvn_letter_of_a_three_day_meeting_names_first_and_last_day(tmp_path: Path) -> None:
    root = small_verslag(tmp_path, raad=LVVN_RAAD)
    edit(root, SMALL, "datum: 2030-03-12\n", "datum: 2030-03-12\neinddatum: 2030-03-14\n")
    render(root, SMALL)
    assert (
        small_doc(root, "kamerbrief-verslag-tk.docx")
        .styled("")[0]
        .startswith("Op 12–14 maart jl. vond de Landbouw- en Visserijraad (hierna: Raad) plaats in Brussel.")
    )


def test_lvvn_letter_carries_the_verslag_inside(tmp_path: Path) -> None:
    root = small_verslag(tmp_path, raad=LVVN_RAAD)
    edit(
        root, "positions/bodem.yaml", "uitkomst: De Raad sprak erover.", "uitkomst: De Raad sprak over bodem."
    )
    render(root, SMALL)
    letter = small_doc(root, "kamerbrief-verslag-tk.docx")
    assert letter.styled("Heading1") == ["I. Verslag Landbouw- en Visserijraad"]
    assert after(letter, "Kort bodem") == "De Raad sprak over bodem."
    assert "Bijlage(n)" not in body(letter)


# Items without a dossier, with an outcome each, as the RAZ and RBZ agendas have them.
OWN_ITEMS = """punten:
  - kop: Voorbereiding Europese Raad
    tekst: De Raad bereidt de Europese Raad voor.
    uitkomst: Over Voorbereiding Europese Raad werd gesproken.
  - kop: Werklunch met de kandidaat-lidstaten
    tekst: De ministers lunchen.
    uitkomst: Over Werklunch met de kandidaat-lidstaten werd gesproken.
  - kop: Diversen
    tekst: Overige punten.
    uitkomst: Over Diversen werd gesproken.
"""


def with_own_items(tmp_path: Path, raad: str = "Raad Algemene Zaken") -> Path:
    root = small_verslag(tmp_path, 1, raad=raad)
    edit(
        root,
        SMALL,
        "punten:\n  - dossier: bodem\n    soort: beleidsdebat\n    onderwerp: het onderwerp bodem\n",
        OWN_ITEMS,
    )
    return root


def test_raz_letter_offers_the_verslag_in_one_line(tmp_path: Path) -> None:
    root = with_own_items(tmp_path)
    render(root, SMALL)
    assert small_doc(root, "kamerbrief-verslag-tk.docx").styled("")[0] == (
        "Hierbij bied ik u het verslag aan van de Raad Algemene Zaken van 12 maart 2030."
    )


def test_item_without_dossier_has_its_own_outcome(tmp_path: Path) -> None:
    root = with_own_items(tmp_path)
    render(root, SMALL)
    verslag = small_doc(root, "verslag.docx")
    assert after(verslag, "Werklunch met de kandidaat-lidstaten") == (
        "Over Werklunch met de kandidaat-lidstaten werd gesproken."
    )


def test_item_without_dossier_and_outcome_is_named(tmp_path: Path) -> None:
    root = with_own_items(tmp_path)
    edit(root, SMALL, "    uitkomst: Over Diversen werd gesproken.\n", "")
    result = briefgen(root, "render", SMALL)
    assert result.exit_code == 1
    assert f"{place(root, SMALL, 'kop: Diversen')}: the verslag needs this item's outcome" in result.stderr


def test_rbz_letter_follows_the_raz_model(tmp_path: Path) -> None:
    root = with_own_items(tmp_path, "Raad Buitenlandse Zaken")
    render(root, SMALL)
    first = small_doc(root, "kamerbrief-verslag-tk.docx").styled("")[0]
    assert first.startswith(
        "Hierbij bied ik u het verslag aan van de Raad Buitenlandse Zaken van 12 maart 2030"
    )


def test_raz_verslag_heading_dates_the_meeting_with_van(tmp_path: Path) -> None:
    root = with_own_items(tmp_path)
    render(root, SMALL)
    assert small_doc(root, "verslag.docx").styled("Heading1") == [
        "Verslag Raad Algemene Zaken van 12 maart 2030"
    ]


def test_raz_verslag_opens_with_the_day_and_place_before_the_summary(tmp_path: Path) -> None:
    root = with_own_items(tmp_path)
    render(root, SMALL)
    assert small_doc(root, "verslag.docx").styled("")[0] == (
        "Op dinsdag 12 maart jl. vond de Raad Algemene Zaken (RAZ) plaats in Brussel. De Raad vergaderde."
    )


def test_the_drafter_words_the_verslag_opening(tmp_path: Path) -> None:
    root = with_own_items(tmp_path, "Raad Buitenlandse Zaken")
    edit(
        root,
        SMALL,
        "  samenvatting: >-\n",
        "  inleiding: Op 12 maart jl. nam de minister deel aan de RBZ.\n  samenvatting: >-\n",
    )
    render(root, SMALL)
    assert small_doc(root, "verslag.docx").styled("")[0] == (
        "Op 12 maart jl. nam de minister deel aan de RBZ. De Raad vergaderde."
    )


def test_the_drafter_leaves_the_verslag_opening_out(tmp_path: Path) -> None:
    root = with_own_items(tmp_path)
    edit(root, SMALL, "  samenvatting: >-\n", "  inleiding: false\n  samenvatting: >-\n")
    render(root, SMALL)
    assert small_doc(root, "verslag.docx").styled("")[0] == "De Raad vergaderde."


def test_milieuraad_verslag_has_no_opening_sentence_of_its_own(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    render(root, SMALL)
    verslag = small_doc(root, "verslag.docx")
    assert verslag.styled("Heading1") == ["Verslag Milieuraad 12 maart 2030"]
    assert verslag.styled("")[0] == "De Raad vergaderde."


# Errors.

POSITION = "positions/bodem.yaml"


def small_render_fails(root: Path) -> str:
    return render_fails(root, SMALL, small.GA)


# file, text to replace, replacement, where the message points (text in the changed file and
# columns past it), message
MISTAKES = {
    "missing outcome": (
        POSITION,
        "    uitkomst: De Raad sprak erover.\n",
        "",
        (f"raad: {small.ID}", 0),
        f"the verslag of {small.ID} needs the outcome of 'bodem': write 'uitkomst' in this position",
    ),
    "empty outcome": (
        POSITION,
        "    uitkomst: De Raad sprak erover.\n",
        "    uitkomst:\n",
        ("uitkomst:", 0),
        f"the verslag of {small.ID} needs the outcome",
    ),
    "empty summary": (
        SMALL,
        "  samenvatting: >-\n    De Raad vergaderde.\n",
        "  samenvatting:\n",
        ("samenvatting:", 0),
        "'verslag.samenvatting' is still empty",
    ),
    "outcome on a dossier's item": (
        SMALL,
        "    soort: beleidsdebat\n",
        "    soort: beleidsdebat\n    uitkomst: Besproken.\n",
        ("uitkomst: Besproken", 0),
        "the outcome of a dossier's item belongs in",
    ),
    "misspelt key": (
        SMALL,
        "  samenvatting:",
        "  samenvating:",
        ("samenvating", 0),
        "unknown key 'samenvating' (did you mean 'samenvatting'?)",
    ),
    "opening neither text nor false": (
        SMALL,
        SMALL_VERSLAG,
        SMALL_VERSLAG + "  opening: 5\n",
        ("opening: 5", 9),
        "'verslag.opening' must be text, or false to leave it out, not the number 5",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_verslag_mistake_is_reported_at_its_place(tmp_path: Path, mistake: str) -> None:
    name, old, new, (needle, offset), message = MISTAKES[mistake]
    root = small_verslag(tmp_path)
    edit(root, name, old, new)
    assert f"{place(root, name, needle, offset)}: {message}" in small_render_fails(root)


def test_letters_without_anyone_to_sign_are_refused(tmp_path: Path) -> None:
    root = small.project(tmp_path, verslag=True, raad=LVVN_RAAD)
    result = briefgen(root, "render", SMALL)
    assert result.exit_code == 1
    assert "the verslag's letters need 'ondertekenaars', in 'verslag' or in 'brief'" in result.stderr


# Status and diff.


def test_changed_outcome_makes_only_the_verslag_stale(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    render(root, SMALL)
    edit(root, POSITION, "uitkomst: De Raad sprak erover.", "uitkomst: De Raad sprak er lang over.")
    states = {
        d["name"]: d
        for d in json.loads(briefgen(root, "status", SMALL, "--format", "json").stdout)["documents"]
    }
    assert states["verslag.docx"]["reasons"] == [f"{POSITION} changed: uitkomst"]
    assert not states["geannoteerde-agenda.docx"]["stale"]
    assert not states["kamerbrief-verslag-tk.docx"]["stale"]


def later_position(root: Path, outcome: str = "") -> list[str]:
    """Give the first dossier a position for a later Council; the diff command between the two."""
    with (root / POSITION).open("a", encoding="utf-8") as position:
        position.write(f"  - raad: {LATER}\n    introductie: Later.\n{outcome}")
    return ["diff", "bodem", "--from", small.ID, "--to", LATER, "--format", "json"]


def test_diff_shows_an_outcome_the_later_council_gained(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    args = later_position(root, "    uitkomst: De Raad bereikte een algemene oriëntatie.\n")
    sections = {s["name"]: s["changes"] for s in json.loads(briefgen(root, *args).stdout)["sections"]}
    assert sections["uitkomst"][-1]["new"].endswith("De Raad bereikte een algemene oriëntatie.")


def test_diff_leaves_out_an_outcome_only_the_earlier_council_has(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    args = later_position(root)
    names = [s["name"] for s in json.loads(briefgen(root, *args).stdout)["sections"]]
    assert "introductie" in names
    assert "uitkomst" not in names


# The skeleton: briefgen verslag.


LATER = "raad-2030-06-18"


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """A small project with three items and no verslag; the first dossier also has a position
    for a later Council."""
    root = small.project(tmp_path, ("beleidsdebat", "gedachtewisseling", "diversen"), letter=True)
    later_position(root)
    return root


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
    before = {p: p.read_bytes() for p in [bare / SMALL, *(bare / "positions").glob("*.yaml")]}
    assert briefgen(bare, "verslag", small.ID).exit_code == 0
    for path, old in before.items():
        only_added(old.decode("utf-8"), path.read_text(encoding="utf-8"))


def test_skeleton_adds_an_empty_outcome_to_each_position(bare: Path) -> None:
    old = (bare / POSITION).read_text(encoding="utf-8")
    briefgen(bare, "verslag", small.ID)
    added = only_added(old, (bare / POSITION).read_text(encoding="utf-8"))
    assert [line.split("#")[0].rstrip() for line in added] == ["    uitkomst:"]


def test_skeleton_outcome_goes_into_this_councils_position(bare: Path) -> None:
    briefgen(bare, "verslag", small.ID)
    text = (bare / POSITION).read_text(encoding="utf-8")
    assert text.index("uitkomst:") < text.index(f"raad: {LATER}")


def test_skeleton_is_reported_not_rendered(bare: Path) -> None:
    briefgen(bare, "verslag", small.ID, "--datum", "2030-03-20")
    err = small_render_fails(bare)
    assert err.count("needs the outcome of") == 3
    assert "'verslag.samenvatting' is still empty" in err


def test_skeleton_without_a_date_asks_for_one(bare: Path) -> None:
    briefgen(bare, "verslag", small.ID)
    result = briefgen(bare, "check", SMALL)
    assert "'verslag.datum' must be a date written as YYYY-MM-DD, not empty" in result.stderr


def test_filled_skeleton_renders(bare: Path) -> None:
    briefgen(bare, "verslag", small.ID, "--datum", "2030-03-20")
    for dossier in ("bodem", "water", "lucht"):
        edit(bare, f"positions/{dossier}.yaml", "    uitkomst:  #", "    uitkomst: Besproken.  #")
    edit(bare, SMALL, "  samenvatting:  #", "  samenvatting: De Raad vergaderde.  #")
    render(bare, SMALL)
    assert after(small_doc(bare, "verslag.docx"), "Kort bodem") == "Besproken."


def test_skeleton_gives_an_item_without_dossier_its_own_empty_outcome(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True, raad="Raad Algemene Zaken")
    items = "".join(line for line in OWN_ITEMS.splitlines(keepends=True) if "uitkomst:" not in line)
    edit(
        root,
        SMALL,
        "punten:\n  - dossier: bodem\n    soort: beleidsdebat\n    onderwerp: het onderwerp bodem\n",
        items,
    )
    before = (root / SMALL).read_text(encoding="utf-8")
    assert briefgen(root, "verslag", small.ID, "--datum", "2030-03-20").exit_code == 0
    added = only_added(before, (root / SMALL).read_text(encoding="utf-8"))
    assert [line.split("#")[0].rstrip() for line in added].count("    uitkomst:") == 3
    err = briefgen(root, "check", SMALL).stderr
    assert f"{place(root, SMALL, 'uitkomst:')}: the verslag needs this item's outcome" in err


def test_skeleton_keeps_bom_and_crlf(bare: Path) -> None:
    raw = (bare / POSITION).read_bytes().replace(b"\n", b"\r\n")
    (bare / POSITION).write_bytes(b"\xef\xbb\xbf" + raw)
    assert briefgen(bare, "verslag", small.ID).exit_code == 0
    new = (bare / POSITION).read_bytes()
    assert new.startswith(b"\xef\xbb\xbf")
    assert b"uitkomst:" in new
    assert b"\n" not in new.replace(b"\r\n", b"")


def test_skeleton_refuses_an_agenda_with_a_verslag(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    before = (root / SMALL).read_bytes()
    result = briefgen(root, "verslag", small.ID)
    assert result.exit_code == 1
    assert f"{place(root, SMALL, 'verslag:')}: already has a 'verslag' section" in result.stderr
    assert (root / SMALL).read_bytes() == before


def test_skeleton_of_an_unknown_agenda_lists_the_known(bare: Path) -> None:
    result = briefgen(bare, "verslag", "milieuraad-2099-01-01")
    assert result.exit_code == 1
    assert "no such agenda; agendas: " in result.stderr
    assert small.ID in result.stderr


def test_new_does_not_carry_an_outcome_forward(tmp_path: Path) -> None:
    root = small_verslag(tmp_path)
    assert briefgen(root, "new", "raad-2030-10-20", "--from", small.ID).exit_code == 0
    text = (root / POSITION).read_text(encoding="utf-8")
    new_entry = text[text.index("raad: raad-2030-10-20") :]
    assert "uitkomst" not in new_entry


# Text is data: whatever a drafter writes in the verslag's fields comes out as typed.

EXTRA = """  diversen:
    - kop: Verordening ontbossingsvrije producten
      tekst: Oostenrijk deelde informatie.
  marge:
    - kop: Green Growth Group ontbijt
      tekst: De Minister nam deel.
  delen:
    - kop: Stand van zaken EU-milieuwetgeving
      tekst: De onderhandelingen gaan door.
"""


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project whose verslag has every part, for all examples; each example puts back
    the file it changed."""
    root = small.project(tmp_path_factory.mktemp("verslag"), letter=True, verslag=True)
    with (root / SMALL).open("a", encoding="utf-8") as agenda:
        agenda.write(EXTRA)
    edit(
        root,
        POSITION,
        "    uitkomst: De Raad sprak erover.\n",
        "    uitkomst: >-\n      De Raad sprak erover.\n",
    )
    return root


# (file, text to replace, replacement with {t} or {q} (quoted), document, expected with {t})
FIELDS = {
    "samenvatting": (
        SMALL,
        "    De Raad vergaderde.\n",
        "    De Raad vergaderde. Zie: {t} einde.\n",
        "verslag.docx",
        "De Raad vergaderde. Zie: {t} einde.",
    ),
    "uitkomst": (
        POSITION,
        "      De Raad sprak erover.\n",
        "      De Raad sprak erover. Zie: {t} einde.\n",
        "verslag.docx",
        "De Raad sprak erover. Zie: {t} einde.",
    ),
    "marge.kop": (SMALL, "    - kop: Green Growth Group ontbijt", "    - kop: {q}", "verslag.docx", "{t}"),
    "diversen.kop": (
        SMALL,
        "    - kop: Verordening ontbossingsvrije producten",
        "    - kop: {q}",
        "verslag.docx",
        "{t}",
    ),
    "delen.kop": (
        SMALL,
        "    - kop: Stand van zaken EU-milieuwetgeving",
        "    - kop: {q}",
        "verslag.docx",
        "{t}",
    ),
    "kop": (SMALL, SMALL_VERSLAG, SMALL_VERSLAG + "  kop: {q}\n", "verslag.docx", "{t}"),
    "opening": (
        SMALL,
        SMALL_VERSLAG,
        SMALL_VERSLAG + "  opening: {q}\n",
        "kamerbrief-verslag-tk.docx",
        "Hierbij: {t} einde.",
    ),
    "betreft": (
        SMALL,
        SMALL_VERSLAG,
        SMALL_VERSLAG + "  betreft: {q}\n",
        "kamerbrief-verslag-ek.docx",
        "Betreft\t{t}",
    ),
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
        outputs = compose_package(scratch, scratch / SMALL, scratch / "out").outputs
    data = next(output.data for output in outputs if output.path.name == document)
    paragraphs = [p.text for p in read(data).paragraphs]
    if field.endswith("kop") or field == "betreft":
        assert expected.format(t=text) in paragraphs
    else:
        assert any(expected.format(t=text) in p for p in paragraphs), paragraphs


# Every verslag letter passes the strict schema check (the Milieuraad's: test_validity.py).


@pytest.fixture(scope="module")
def formations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Small LVVN and RAZ projects with a verslag each, rendered: their output folders."""
    lvvn = small_verslag(tmp_path_factory.mktemp("lvvn"), raad=LVVN_RAAD)
    raz = with_own_items(tmp_path_factory.mktemp("raz"))
    for root in (lvvn, raz):
        render(root, SMALL)
    return {"lvvn": lvvn / small.OUT, "raz": raz / small.OUT}


@pytest.mark.parametrize(
    ("formation", "name"),
    [
        ("lvvn", "kamerbrief-verslag-tk.docx"),
        ("lvvn", "verslag.docx"),
        ("raz", "kamerbrief-verslag-ek.docx"),
        ("raz", "verslag.docx"),
    ],
)
def test_verslag_documents_of_other_formations_pass_the_schema_check(
    formations: dict[str, Path], formation: str, name: str
) -> None:
    result = OpenXmlValidator(max_errors=0, strict=True).validate(str(formations[formation] / name))
    assert [str(error) for error in result.errors] == []
