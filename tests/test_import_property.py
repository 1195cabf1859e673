"""Property: a GA of any shape, written by someone else with bold headings or numbered
items, imports and renders again to the same paragraphs: no text is lost or moved."""

from __future__ import annotations

import tempfile
from pathlib import Path

from docx import Document
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import small
from docxread import read
from helpers import briefgen

RAAD = "milieuraad-2026-06-16"
WORDS = (
    "water bodem lucht natuur klimaat afval voorstel richtlijn verordening herziening kader "
    "strategie markt energie plastic emissies zorg uitvoering lidstaat toezicht rapport"
).split()
word = st.sampled_from(WORDS)
heading = st.lists(word, min_size=1, max_size=5).map(lambda w: " ".join(w).capitalize())
sentence = st.lists(word, min_size=3, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)
SECTIONS = ("Introductie", "Inzet Nederland", "Krachtenveld")
section = st.lists(paragraph, min_size=1, max_size=2)
item = st.tuples(
    heading, st.one_of(st.lists(paragraph, min_size=1, max_size=4), st.lists(section, min_size=1, max_size=3))
)
STYLES = ("bold", "numbered", "heading")


def _document(path: Path, intro: list[str], items: list[tuple[str, list]], style: str) -> list[str]:
    """The GA written with python-docx (headings in bold, numbered or in a heading style,
    an item's text plain or under sub-headings); its paragraphs' texts in order."""
    document = Document()
    texts = ["Geannoteerde agenda Milieuraad 16 juni 2026", *intro]
    document.add_paragraph().add_run(texts[0]).bold = True
    for text in intro:
        document.add_paragraph(text)

    def add_heading(text: str, level: int) -> None:
        if style == "heading":
            document.add_heading(text, level)
        else:
            document.add_paragraph().add_run(text).bold = True
        texts.append(text)

    for number, (kop, body) in enumerate(items, start=1):
        if style == "numbered":
            document.add_paragraph(f"{number}. {kop}")
            texts.append(kop)
        else:
            add_heading(kop, 2)
        parts = body if isinstance(body[0], list) else [body]
        for name, paragraphs in zip(SECTIONS, parts, strict=False):
            if isinstance(body[0], list):
                add_heading(name, 3)
            for text in paragraphs:
                document.add_paragraph(text)
                texts.append(text)
    document.save(str(path))
    return texts


@settings(
    max_examples=15,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    intro=st.lists(paragraph, max_size=2),
    items=st.lists(item, min_size=1, max_size=4, unique_by=lambda i: i[0].casefold()),
    style=st.sampled_from(STYLES),
)
def test_any_ga_renders_again_to_its_own_paragraphs(
    intro: list[str], items: list[tuple[str, list]], style: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = small.empty(Path(folder) / "project")
        source = Path(folder) / "ga.docx"
        texts = _document(source, intro, items, style)
        result = briefgen(root, "import", str(source), "--raad", RAAD)
        assert result.exit_code == 0, result.output
        result = briefgen(root, "render", f"agendas/{RAAD}.yaml")
        assert result.exit_code == 0, result.output
        ours = [p.text for p in read(root / "build" / RAAD / "geannoteerde-agenda.docx").paragraphs]
        assert [t for t in ours if t.strip()] == texts
