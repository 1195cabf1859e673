"""Text stays text through Markdown: what a paragraph in Word says, written as the Markdown of
the data (``tomarkdown``) and read again (``markdown.parse``), is what it said; rendered into
a GA and read back from it, it is that text again and the same Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import small
from briefgen.data.footnotes import note_refs
from briefgen.document import markdown
from briefgen.document.blocks import Break, Paragraph, Span, Table
from briefgen.document.markdown import parse
from briefgen.document.tomarkdown import paragraph_markdown, wrap
from briefgen.output.package import compose_package
from briefgen.word.reader import read_docx
from helpers import changed, replaced

TYPED = st.text(
    alphabet=st.sampled_from("ab1 \t\u00a0[]^\\*_`#-.)(<>!&:=+~|{}"),
    min_size=1,
    max_size=40,
)
"""What someone types in Word: letters and digits among Markdown's marks, spaces, tabs and
no-break spaces. Spaces and tabs at a paragraph's end are dropped (Word shows none)."""


def _read_back(paragraph: Paragraph) -> str:
    """The paragraph written as Markdown (wrapped as absorb writes it) and parsed again, as text."""
    blocks = parse(wrap(paragraph_markdown(paragraph, lambda ref: "x"), width=20)).blocks
    assert len(blocks) <= 1
    return "".join(i.text if isinstance(i, Span) else "\n" for b in blocks for i in b.inlines)  # type: ignore[union-attr]


@given(text=TYPED.filter(lambda t: t.strip(" \t")))
@example(text="[^bnc]")
@example(text="  ingesprongen")
@example(text="\u00a0\u00a0na no-break spaces\u00a0")
@example(text="\\[^x\\]")
@example(text="  - geen lijst")
@example(text="\tingesprongen met een tab")
@example(text="~~~")
@example(text="a ~~~ ~~~ b ~~~ c ~~~ d ~~~ e ~~~")
def test_typed_text_reads_back_as_typed(text: str) -> None:
    assert _read_back(Paragraph("body", [Span(text)])) == text.rstrip(" \t")


@given(first=TYPED.filter(lambda t: t.strip(" \t")), second=TYPED.filter(lambda t: t.strip(" \t")))
def test_spaces_after_a_line_break_are_kept(first: str, second: str) -> None:
    paragraph = Paragraph("body", [Span(first), Break(), Span(second)])
    assert _read_back(paragraph) == first + "\n" + second.rstrip(" \t")


def test_a_typed_footnote_mark_is_no_footnote_reference() -> None:
    markdown = paragraph_markdown(Paragraph("body", [Span("zie [^bnc] hier")]), lambda ref: "x")
    assert note_refs(markdown) == []
    assert parse(markdown).notes == []


def test_a_footnote_reference_after_an_escaped_backslash_is_one() -> None:
    assert note_refs("pad C:\\\\[^bron] en \\\\\\\\[^twee]") == ["bron", "twee"]


INZET = "inzet: >-\n      Inzet van bodem.[^gedeeld]"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project whose position's inzet each example replaces, and puts back."""
    return small.project(tmp_path_factory.mktemp("typed"), 1)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TYPED.filter(str.strip))  # a value of spaces alone is refused as empty
@example(text="  [^bnc] met\u00a0harde spatie\u00a0")
def test_typed_text_written_as_absorb_writes_it_renders_and_reads_back_as_typed(
    scratch: Path, text: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    markdown = paragraph_markdown(Paragraph("body", [Span(text)]), lambda ref: "x")
    position = replaced(
        scratch, "positions/bodem.yaml", INZET, "inzet: " + json.dumps(markdown, ensure_ascii=False)
    )
    with changed(scratch, "positions/bodem.yaml", position):
        outputs = compose_package(scratch, scratch / small.AGENDA, scratch / "out").outputs
    ga = next(o for o in outputs if o.path.name == "geannoteerde-agenda.docx")
    path = tmp_path_factory.mktemp("ga") / "geannoteerde-agenda.docx"
    path.write_bytes(ga.data)
    paragraphs = read_docx(path).paragraphs
    heading = next(
        i
        for i, p in enumerate(paragraphs)
        if "".join(getattr(s, "text", "") for s in p.inlines) == "Inzet Nederland"
    )
    shown = paragraphs[heading + 1]
    assert "".join(i.text for i in shown.inlines if isinstance(i, Span)) == text.rstrip(" \t")
    assert paragraph_markdown(shown, lambda ref: "x") == markdown


@pytest.mark.parametrize(
    "given_widths", ["0 0", "² 3", "9" * 5000 + " 3"], ids=["zero", "superscript", "long"]
)
def test_a_tables_widths_are_whole_numbers_a_writer_can_divide_by(given_widths: str) -> None:
    table = parse(f"::: tabel {given_widths}\n- - a\n  - b\n:::\n").blocks[0]
    assert isinstance(table, Table)
    assert all(isinstance(width, int) and 1 <= width <= 9999 for width in table.widths)
    assert sum(table.widths) > 0


@given(st.text(st.sampled_from(["a", " ", "\t", "\n", "\r", "\xa0", "\\", "\u2028", "\x85"]), max_size=24))
def test_no_break_spaces_at_a_lines_edge_are_found_however_the_line_ends(text: str) -> None:
    """The quick look for no-break spaces at a line's start or end misses none that the full
    rewrite would keep (a space markdown-it would otherwise strip)."""
    edges = markdown._EDGE_NBSP.sub(  # the full rewrite, run on every text
        lambda m: (
            (m.group(1) + markdown.KEPT_NBSP * len(m.group(2)))
            if m.group(2)
            else markdown.KEPT_NBSP * len(m.group(3))
        ),
        markdown.kept_spaces(text),
    )
    assert markdown._keep_spaces(text) == edges
