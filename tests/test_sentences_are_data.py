"""The new free-text fields are data too: random text in a sentence, heading or part reads
back exactly from the documents (see test_text_is_data.py for the older fields)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import small
from briefgen.output.package import compose_package
from docxread import read
from helpers import TEXT, changed, replaced

AGENDA = small.AGENDA


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project with a letter for all examples; each puts back the agenda it changed."""
    return small.project(tmp_path_factory.mktemp("sentences"), letter=True)


# (text to replace in the agenda, replacement with {q} (quoted text) or {t}, document, style or None,
#  expected paragraph text: exact for a style, contained otherwise)
FIELDS = {
    "ga.titel": ("punten:\n", "ga:\n  titel: {q}\npunten:\n", "geannoteerde-agenda", "Title", "{t}"),
    "ga.inleiding": (
        "punten:\n",
        "ga:\n  inleiding: {w}\npunten:\n",
        "geannoteerde-agenda",
        None,
        "Tekst: {t} einde.",
    ),
    "ga.aankondiging": (
        "punten:\n",
        "ga:\n  aankondiging: {w}\npunten:\n",
        "geannoteerde-agenda",
        None,
        "Tekst: {t} einde.",
    ),
    "ga.kopjes": (
        "punten:\n",
        "ga:\n  kopjes: {{inzet: {q}}}\npunten:\n",
        "geannoteerde-agenda",
        "Heading2",
        "{t}",
    ),
    "punten.kop": (
        "punten:\n",
        "punten:\n  - kop: {q}\n    tekst: Een lunch.\n    uitkomst: Besproken.\n",
        "geannoteerde-agenda",
        "Heading1",
        "{t}",
    ),
    "punten.tekst": (
        "punten:\n",
        "punten:\n  - kop: Werklunch\n    tekst: {w}\n    uitkomst: Besproken.\n",
        "geannoteerde-agenda",
        None,
        "Tekst: {t} einde.",
    ),
    "punten.opening": (
        "    soort: beleidsdebat\n",
        "    soort: beleidsdebat\n    opening: {w}\n",
        "geannoteerde-agenda",
        None,
        "Tekst: {t} einde.",
    ),
    "delen": (
        "punten:\n",
        "delen:\n  - kop: {q}\n    onderwerpen:\n      - {{kop: {q}, tekst: {w}}}\npunten:\n",
        "geannoteerde-agenda",
        "Heading1",
        "{t}",
    ),
    "brief.betreft": (
        "  alineas:\n",
        "  betreft: {q}\n  alineas:\n",
        "kamerbrief-tk",
        "Kenmerk",
        "Betreft\t{t}",
    ),
    "brief.opening": (
        "  alineas:\n",
        "  opening: {w}\n  alineas:\n",
        "kamerbrief-tk",
        None,
        "Tekst: {t} einde.",
    ),
    "raad": (
        "raad: Milieuraad\n",
        "raad: {q}\nformatie: Milieuraad\n",
        "kamerbrief-tk",
        None,
        "de geannoteerde agenda van de {t} van 12 maart 2030 in Brussel.",
    ),
    "land": ("plaats: Brussel\n", "plaats: Brussel\nland: {q}\n", "kamerbrief-tk", None, "in Brussel, {t}."),
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, field=st.sampled_from(sorted(FIELDS)))
def test_new_fields_read_back_exactly(scratch: Path, text: str, field: str) -> None:
    old, new, stem, style, expected = FIELDS[field]
    quoted = json.dumps(text, ensure_ascii=False)
    wrapped = json.dumps(f"Tekst: {text} einde.", ensure_ascii=False)
    with changed(scratch, AGENDA, replaced(scratch, AGENDA, old, new.format(q=quoted, w=wrapped))):
        outputs = compose_package(scratch, scratch / AGENDA, scratch / "out").outputs
    document = read(next(o.data for o in outputs if o.path.stem == stem))
    want = expected.format(t=text)
    if style:
        assert want in document.styled(style)
    else:
        assert any(want in p.text for p in document.paragraphs)
