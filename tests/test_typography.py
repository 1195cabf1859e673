"""Typography a secretary would otherwise fix by hand: dates, "nr. 123" and Kamerstuk dossiers
never broken across lines, and document properties naming the sending ministry."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from briefgen.document import dutch
from briefgen.document.dutch import FILTERS, onverbogen, vaste_spaties, vergaderdatum
from briefgen.readback.note_values import note_value
from docxread import W, read
from helpers import REPO, documents
from small import AGENDA, project

NBSP = "\xa0"
DC = "{http://purl.org/dc/elements/1.1/}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def test_the_letter_date_keeps_its_spaces_unbreakable(tmp_path: Path) -> None:
    letter = documents(project(tmp_path, letter=True), AGENDA)["kamerbrief-tk"]
    datum = next(p.raw for p in letter.paragraphs if p.raw.startswith("Datum"))
    assert datum.endswith(f"1{NBSP}maart{NBSP}2030")


def test_the_ga_title_date_keeps_its_spaces_unbreakable(tmp_path: Path) -> None:
    ga = documents(project(tmp_path, raad="Raad Algemene Zaken"), AGENDA)["geannoteerde-agenda"]
    assert f"12{NBSP}maart{NBSP}2030" in ga.paragraphs[0].raw
    assert not any("12 maart" in p.raw for p in ga.paragraphs)


def test_a_kamerstuk_citation_keeps_dossier_and_number_together(tmp_path: Path) -> None:
    ga = documents(project(tmp_path), AGENDA)["geannoteerde-agenda"]
    notes = "".join(etree.fromstring(ga.xml["word/footnotes.xml"]).itertext())
    assert f"Kamerstukken II, 2029-2030, 21{NBSP}501-08, nr.{NBSP}1011." in notes


def test_a_citation_read_back_with_unbreakable_spaces_is_the_same_citation() -> None:
    value = note_value(f"Kamerstukken II, 2029-2030, 21{NBSP}501-08, nr.{NBSP}1011.", None)
    citation = {"kamer": "II", "vergaderjaar": "2029-2030", "dossier": "21 501-08", "nr": 1011}
    assert value == {"kamerstuk": citation}


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 1)), st.integers(0, 40), st.booleans())
@example(dt.date(2000, 12, 31), 1, True)  # "2000 en 1 januari": a year, not a day, before "en"
def test_a_meeting_date_as_a_document_prints_it_breaks_only_between_its_days(
    begin: dt.date, days: int, year: bool
) -> None:
    """What the ``vergaderdatum`` filter writes, after ``vaste_spaties`` (every document's
    text): "11 en 12 juni" never breaks, "30 juni en 1 juli" only around its "en"."""
    end = begin + dt.timedelta(days=days)
    agenda = {"datum": begin, "einddatum": end if days else None}
    written = FILTERS["vergaderdatum"](agenda, jaar=year, tot=" en ")
    text = vaste_spaties(written)
    assert text.replace(NBSP, " ") == written == vergaderdatum(agenda, jaar=year, tot=" en ")
    assert text.count(" ") == (2 if days == 1 and begin.month != end.month else 0)


def test_the_date_filters_leave_the_unbreakable_spaces_to_vaste_spaties() -> None:
    """One place makes a date's spaces non-breaking: compose's ``vaste_spaties``."""
    meeting = {"datum": dt.date(2025, 9, 22), "einddatum": dt.date(2025, 9, 23)}
    assert FILTERS["datum"](dt.date(2026, 3, 17)) == "17 maart 2026"
    assert FILTERS["vergaderdatum"](meeting) == "22–23 september 2025"


def test_a_budgets_kamerstuk_dossier_keeps_all_its_spaces_unbreakable(tmp_path: Path) -> None:
    """``onbreekbaar`` in the citation is no duplicate of ``vaste_spaties``: "600 XII" is beyond it."""
    root = project(tmp_path)
    position = root / "positions" / "bodem.yaml"
    position.write_text(
        position.read_text(encoding="utf-8").replace("dossier: 21 501-08", "dossier: 36 600 XII"),
        encoding="utf-8",
    )
    ga = documents(root, AGENDA)["geannoteerde-agenda"]
    notes = "".join(etree.fromstring(ga.xml["word/footnotes.xml"]).itertext())
    assert f"Kamerstukken II, 2029-2030, 36{NBSP}600{NBSP}XII, nr.{NBSP}1011." in notes


WORDS = "1 12 123 2026 21 501 08 x ( de En en is K \u017f nr. Nrs. a.s. jl. maart MAART Juni juli mei oktober".split()
WORDED = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", " ", "\n", NBSP, "", "-"])), max_size=12
)


@settings(max_examples=500)
@example(f"11{NBSP}en 12 juni, 11 en\n12 mei, 11\nen 12 maart, 21 501-08, nr. 3, nrs.\n4, maart a.s.")
@given(WORDED.map(lambda pairs: "".join(word + after for word, after in pairs)))
def test_unbreakable_spaces_are_where_the_words_before_them_say(text: str) -> None:
    """The fast pattern, looking from each space, finds what the readable one finds from each word."""
    words = re.compile(dutch._spaces("[ \n]"))  # the readable definition the fast one must equal
    expected = words.sub(lambda m: next(g for g in m.groups() if g is not None) + NBSP, text)
    assert vaste_spaties(text) == expected


PARAGRAPHS = st.lists(
    st.tuples(
        WORDED.map(lambda pairs: "".join(word + after for word, after in pairs)),
        st.sampled_from(["\n\n", "\n\n\n", " \n\n", "\n\n ", "\n \n", "\n"]),
    ),
    min_size=2,
    max_size=40,
)


@settings(max_examples=300)
@example("x " * 130 + "11 en\n\n12 juni, nr.\n\n3, 2026 en\n\n1 maart, 21\n\n501, maart\n\na.s.")
@given(PARAGRAPHS.map(lambda pairs: "x " * 130 + "".join(text + between for text, between in pairs)))
def test_a_long_text_gets_its_unbreakable_spaces_paragraph_by_paragraph_as_whole(text: str) -> None:
    """A text longer than a few lines is done per part between blank lines, each as the
    pattern does it alone (and kept): the same spaces as the pattern over the whole text."""
    assert vaste_spaties(text) == dutch._BREAKABLE.sub(NBSP, text)
    assert vaste_spaties(text) == dutch._BREAKABLE.sub(NBSP, text)  # from the kept parts


def test_a_paragraph_done_before_is_not_searched_again(monkeypatch: pytest.MonkeyPatch) -> None:
    searched: list[str] = []
    pattern = dutch._BREAKABLE

    class Recording:
        def sub(self, replacement: str, text: str) -> str:
            searched.append(text)
            return pattern.sub(replacement, text)

    monkeypatch.setattr(dutch, "_BREAKABLE", Recording())
    monkeypatch.setattr(dutch, "_PARAGRAPHS", dutch._Paragraphs())
    first, second = "Op 17 maart 2026 " * 20, "Kamerstuk 21 501-08, nr. 1011 " * 10
    assert vaste_spaties(f"{first}\n\n{second}") == f"{first}\n\n{second}".replace(
        "17 maart 2026", f"17{NBSP}maart{NBSP}2026"
    ).replace("21 501", f"21{NBSP}501").replace("nr. 1011", f"nr.{NBSP}1011")
    assert searched == [first, second]
    assert vaste_spaties(f"{second}\n\nen 1 juni") == vaste_spaties(f"{second}\n\nen 1{NBSP}juni")
    assert searched == [first, second, "en 1 juni", f"en 1{NBSP}juni"]


def core(document_xml: bytes, tag: str) -> str:
    return etree.fromstring(document_xml).findtext(tag) or ""


def test_the_author_is_the_sending_ministry(tmp_path: Path) -> None:
    letter = documents(project(tmp_path, letter=True), AGENDA)["kamerbrief-tk"]
    assert (
        core(letter.xml["docProps/core.xml"], f"{DC}creator") == "Ministerie van Infrastructuur en Waterstaat"
    )


def test_the_company_is_the_sending_ministry(tmp_path: Path) -> None:
    ga = documents(project(tmp_path, letter=True), AGENDA)["geannoteerde-agenda"]
    company = core(ga.xml["docProps/app.xml"], f"{EP}Company")
    assert company == "Ministerie van Infrastructuur en Waterstaat"


def test_without_a_letter_the_author_is_the_formations_ministry(tmp_path: Path) -> None:
    ga = documents(project(tmp_path, raad="Raad Algemene Zaken"), AGENDA)["geannoteerde-agenda"]
    assert core(ga.xml["docProps/core.xml"], f"{DC}creator") == "Ministerie van Buitenlandse Zaken"


def test_title_subject_and_language_are_set(tmp_path: Path) -> None:
    ga = documents(project(tmp_path), AGENDA)["geannoteerde-agenda"]
    xml = ga.xml["docProps/core.xml"]
    assert core(xml, f"{DC}title") == "Geannoteerde Agenda Milieuraad 12 maart 2030"
    assert core(xml, f"{DC}subject") == "Milieuraad 2030-03-12"
    assert core(xml, f"{DC}language") == "nl-NL"


def test_heading_2_and_heading_3_look_different() -> None:
    styles = etree.fromstring(read(REPO / "templates" / "reference.docx").xml["word/styles.xml"])
    looks = {}
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}styleId") in ("Heading2", "Heading3"):
            run = style.find(f"{W}rPr")
            looks[style.get(f"{W}styleId")] = sorted(etree.QName(e).localname for e in run)
    assert looks["Heading2"] != looks["Heading3"]


def test_a_presidencys_adjective_loses_its_inflection_after_het() -> None:
    assert [onverbogen(a) for a in ("Deense", "Cypriotische", "Maltese", "Iers")] == [
        "Deens",
        "Cypriotisch",
        "Maltees",
        "Iers",
    ]


def test_the_paragraphs_kept_with_their_no_break_spaces_stay_within_their_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past ``KEPT_CHARS`` characters the kept paragraphs start afresh: a long ``--watch`` or a
    batch of large agendas does not grow the process; what comes out is the same either way."""
    monkeypatch.setattr(dutch, "KEPT_CHARS", 100)
    kept = dutch._Paragraphs()
    for number in range(40):
        text = f"Op {number} maart 2026 besprak de Raad Kamerstuk 21 501-08, nr. {number}."
        assert kept.unbroken(text) == dutch._BREAKABLE.sub(dutch.NBSP, text)
        assert kept.size <= 100
        assert sum(map(len, kept.made)) == kept.size
