"""The redline algorithm on blocks: accepting every change gives the new text, rejecting
every change the old one, however long the texts and whatever the size limits chose."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import small
from briefgen.changes import opcodes, redline
from briefgen.changes.tokens import note_text
from briefgen.document import markdown
from briefgen.document.blocks import Block, Break, Document, NoteRef, Paragraph, Revision, Span, Table
from docxread import read, reading
from helpers import briefgen, edit

REVISION = Revision("briefgen", "2026-01-01T00:00:00Z")


def _text(paragraph: Paragraph, notes: Document, drop: str) -> str:
    out = []
    for inline in paragraph.inlines:
        if inline.change == drop:
            continue
        if isinstance(inline, Span):
            out.append(inline.text)
        elif isinstance(inline, Break):
            out.append("\n")
        elif isinstance(inline, NoteRef):
            out.append(f"[{note_text(notes.notes[inline.note])}]")
    return "".join(out)


def readings(document: Document, mode: str) -> list[str]:
    """Paragraph texts after accepting (``current``) or rejecting (``old``) every change."""
    drop = "del" if mode == "current" else "ins"
    out: list[str] = []
    for block in document.blocks:
        out += _block_texts(block, document, drop)
    return out


def _block_texts(block: Block, document: Document, drop: str) -> list[str]:
    if isinstance(block, Table):
        changes = block.changes or [None] * len(block.rows)
        return [
            "|".join(_text(p, document, drop) for cell in row for p in cell)
            for row, change in zip(block.rows, changes, strict=True)
            if change != drop
        ]
    return [] if block.change == drop else [_text(block, document, drop)]


def plain(document: Document) -> list[str]:
    return readings(document, "current")


WORDS = st.sampled_from(["Het", "kabinet", "steunt", "dit.", "Nederland", "wil", "meer", "geld!", "*nadruk*"])
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)
TEXT = st.lists(PARAGRAPH, min_size=1, max_size=4).map("\n\n".join)


@pytest.mark.parametrize("budget", [1_000_000, 4, 0])
@settings(max_examples=40, deadline=None)
@given(old=TEXT, new=TEXT)
def test_readings_are_exact_whatever_the_word_budget(budget: int, old: str, new: str) -> None:
    before, after = markdown.parse(old + "\n"), markdown.parse(new + "\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(opcodes, "WORD_BUDGET", budget)
        document = redline.tracked(before, after, REVISION)
    assert readings(document, "current") == plain(after)
    assert readings(document, "old") == plain(before)


TABLE = "::: tabel 1 2\n{rows}\n:::\n"


def table(rows: list[tuple[str, str]]) -> str:
    return TABLE.format(rows="\n".join(f"- - {a}\n  - {b}" for a, b in rows))


@settings(max_examples=40, deadline=None)
@given(
    old=st.lists(st.tuples(PARAGRAPH, PARAGRAPH), min_size=1, max_size=5),
    new=st.lists(st.tuples(PARAGRAPH, PARAGRAPH), min_size=1, max_size=5),
)
def test_tables_accept_to_the_new_rows_and_reject_to_the_old(
    old: list[tuple[str, str]], new: list[tuple[str, str]]
) -> None:
    before = markdown.parse("Inleiding.\n\n" + table(old))
    after = markdown.parse("Inleiding.\n\n" + table(new))
    document = redline.tracked(before, after, REVISION)
    assert readings(document, "current") == plain(after)
    assert readings(document, "old") == plain(before)


def test_one_word_in_a_long_paragraph_is_one_insertion() -> None:
    words = " ".join(f"woord{i}" for i in range(50_000))
    changed = words.replace("woord25000 ", "woord25000 nieuw ")
    document = redline.tracked(markdown.parse(words + "\n"), markdown.parse(changed + "\n"), REVISION)
    (paragraph,) = document.blocks
    assert isinstance(paragraph, Paragraph)
    assert [(i.change, i.text) for i in paragraph.inlines if isinstance(i, Span) and i.change] == [
        ("ins", "nieuw ")
    ]


def test_opcodes_past_the_budget_keep_the_common_start_and_end() -> None:
    old, new = list("abcXYZdef"), list("abcPQdef")
    assert opcodes.opcodes(old, new, budget=0) == [
        ("equal", 0, 3, 0, 3),
        ("replace", 3, 6, 3, 5),
        ("equal", 6, 9, 5, 8),
    ]


def test_update_document_keeps_tables(tmp_path: Path) -> None:
    """Issue 15: a table in the GA shows in the update document, with its changes tracked."""
    project = small.project(tmp_path, 2)
    template = project / "templates" / "geannoteerde-agenda.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8")
        + "\n::: tabel 1 2\n- - Dossier\n  - Kern\n"
        + "{% for punt in punten %}\n- - {{ punt.dossier.id }}\n  - {{ (punt.standpunt.kern or '') | indent(4) }}\n"
        + "{% endfor %}\n:::\n",
        encoding="utf-8",
    )
    assert briefgen(project, "render", small.AGENDA).exit_code == 0
    old_ga = reading(project / small.GA, "current")
    edit(
        project,
        small.AGENDA,
        "  - dossier: water\n    soort: beleidsdebat\n    onderwerp: het onderwerp water\n",
        "",
    )
    edit(project, "positions/bodem.yaml", "Kern van bodem.", "Kern van de bodem.")
    assert briefgen(project, "render", small.AGENDA).exit_code == 0
    update = project / small.OUT / "geannoteerde-agenda.wijzigingen.docx"
    assert read(update).tables
    for mode, expected in (("current", reading(project / small.GA, "current")), ("old", old_ga)):
        # a paragraph whose mark is deleted reads as empty here; Word joins it to the next
        assert [p for p in reading(update, mode)["paragraphs"] if p] == [
            p for p in expected["paragraphs"] if p
        ]
