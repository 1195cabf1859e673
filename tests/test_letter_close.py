"""The letter around an imported GA or verslag: its close read as signatories, nothing
else taken from the text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from briefgen.document.blocks import Paragraph, Span
from briefgen.readback import letter
from briefgen.readback.letter import functie, split_close


def _paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph("body", [Span(text)]) for text in texts]


def test_a_close_in_capitals_with_two_signatories() -> None:
    body = _paragraphs(
        "Nederland steunt het voorstel.",
        "Hoogachtend,",
        "DE MINISTER VAN BUITENLANDSE ZAKEN,",
        "A.B. Voorbeeld",
        "DE STAATSSECRETARIS VAN FINANCIËN,",
        "mr. C. de Vries",
    )
    kept, signatories = split_close(body)
    assert [p.text for p in kept] == ["Nederland steunt het voorstel."]
    assert [(s.functie, s.naam) for s in signatories] == [
        ("de Minister van Buitenlandse Zaken", "A.B. Voorbeeld"),
        ("de Staatssecretaris van Financiën", "mr. C. de Vries"),
    ]


def test_a_signature_block_as_one_paragraph_with_a_line_break() -> None:
    kept, signatories = split_close(
        _paragraphs("Tekst.", "De Minister voor Klimaat en Groene Groei,\nE. Voorbeeld")
    )
    assert [p.text for p in kept] == ["Tekst."]
    assert [(s.functie, s.naam) for s in signatories] == [
        ("de Minister voor Klimaat en Groene Groei", "E. Voorbeeld")
    ]


def test_a_name_without_its_function_is_text() -> None:
    body = _paragraphs("Tekst.", "Marktsituatie")
    assert split_close(body) == (body, [])


def test_a_function_in_running_text_is_not_a_close() -> None:
    body = _paragraphs("De Minister van Buitenlandse Zaken neemt deel.", "Uitbreiding")
    assert split_close(body) == (body, [])


def test_a_ministrys_name_in_capitals_reads_as_running_text() -> None:
    assert functie("DE MINISTER VAN LANDBOUW, VISSERIJ, VOEDSELZEKERHEID EN NATUUR,") == (
        "de Minister van Landbouw, Visserij, Voedselzekerheid en Natuur"
    )


@given(st.lists(st.text(min_size=1, max_size=40), max_size=6))
def test_only_a_whole_close_is_taken(texts: list[str]) -> None:
    """Whatever the text: what is kept is the document's start, and only a close that names
    a signatory is taken off."""
    body = _paragraphs(*texts)
    kept, signatories = split_close(body)
    assert kept == body[: len(kept)]
    assert signatories or kept == body


WORDS = st.lists(
    st.sampled_from(["voornemens", "bij te wonen", "deel te nemen", "Wij zijn", "om", "x", "\n", "-", ""]),
    max_size=8,
).map(" ".join)
SLOW_PARTICIPATION = re.compile(r"\bvoornemens\b.*\b(?:bij te wonen|deel te nemen)\b")


@given(WORDS)
def test_participation_is_found_as_one_pattern_would_find_it(sentence: str) -> None:
    assert letter.participation(sentence) == bool(SLOW_PARTICIPATION.search(sentence))


def test_a_footnote_reference_ends_at_the_next_bracket() -> None:
    """A sentence ends after its footnote references ('[^1][^2]'); a label holds no bracket."""
    assert letter.sentences("Een.[^1][^a] Twee.[^x[^y] Drie") == ["Een.[^1][^a]", "Twee.[^x[^y] Drie"]
