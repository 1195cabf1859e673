"""merge3: the drafter's edits since the build and the document's edits of one text, merged
paragraph by paragraph (paragraphs are separated by a blank line)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefgen.readback.merge import merge3

PARAGRAPH = st.text(alphabet="abc .", min_size=1, max_size=6).filter(lambda t: t.strip())
PARAGRAPHS = st.lists(PARAGRAPH, min_size=1, max_size=6)


def text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


@given(base=PARAGRAPHS, ours=PARAGRAPHS)
def test_no_edit_in_the_document_gives_the_file(base: list[str], ours: list[str]) -> None:
    assert merge3(text(*base), text(*ours), text(*base)) == text(*ours)


@given(base=PARAGRAPHS, theirs=PARAGRAPHS)
def test_no_edit_in_the_file_gives_the_document(base: list[str], theirs: list[str]) -> None:
    assert merge3(text(*base), text(*base), text(*theirs)) == text(*theirs)


@given(base=PARAGRAPHS, edited=PARAGRAPHS)
def test_the_same_edit_on_both_sides_merges_to_it(base: list[str], edited: list[str]) -> None:
    assert merge3(text(*base), text(*edited), text(*edited)) == text(*edited)


def test_edits_of_different_paragraphs_both_survive() -> None:
    merged = merge3(text("a", "b", "c"), text("A", "b", "c"), text("a", "b", "C"))
    assert merged == text("A", "b", "C")


def test_edits_of_the_same_paragraph_conflict() -> None:
    assert merge3(text("a", "b"), text("a1", "b"), text("a2", "b")) is None


def test_an_edit_and_a_deletion_of_the_same_paragraph_conflict() -> None:
    assert merge3(text("a", "b", "c"), text("a", "B", "c"), text("a", "c")) is None


def test_additions_at_the_same_place_conflict() -> None:
    assert merge3(text("a", "b"), text("a", "x", "b"), text("a", "y", "b")) is None


def test_an_addition_and_an_edit_elsewhere_both_survive() -> None:
    merged = merge3(text("a", "b", "c"), text("a", "b", "c", "d"), text("A", "b", "c"))
    assert merged == text("A", "b", "c", "d")


def test_the_same_edit_of_one_paragraph_beside_other_edits_merges() -> None:
    merged = merge3(text("a", "b", "c"), text("A", "b", "c"), text("A", "b", "C"))
    assert merged == text("A", "b", "C")


def test_a_blank_line_with_spaces_separates_paragraphs() -> None:
    merged = merge3("a\n  \nb\n\nc", "a\n\nb\n\nc", "a\n\nb\n\nC")
    assert merged == text("a", "b", "C")


def test_lines_inside_a_paragraph_are_one_paragraph() -> None:
    assert merge3("a\nb", "A\nb", "a\nB") is None
