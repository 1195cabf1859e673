"""Note alignment: each footnote of a returned document paired with the built footnote it is,
by its text, else by where its reference stands (``readback.align.Alignment``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.document.blocks import Document, Note, NoteRef, Paragraph, Span
from briefgen.readback.align import Alignment
from briefgen.word.reader import Reading


def note(text: str) -> Note:
    return Note([Paragraph("body", [Span(text)])])


def paragraph(text: str, *refs: tuple[int, str]) -> Paragraph:
    """A paragraph of ``text`` followed by references (note index, label)."""
    return Paragraph("body", [Span(text), *(NoteRef(i, label=label) for i, label in refs)])


BUILT = Document(
    blocks=[paragraph("Eerste alinea.", (0, "a")), paragraph("Tweede alinea.", (1, "b"))],
    notes=[note("Noot een."), note("Noot twee.")],
)


def align(paragraphs: list[Paragraph], notes: list[Note]) -> Alignment:
    return Alignment(BUILT, Reading(paragraphs, notes))


def test_unchanged_notes_keep_their_labels() -> None:
    alignment = align(BUILT.paragraphs, BUILT.notes)
    assert alignment.e_labels == ["a", "b"]
    assert alignment.note_edits == {}


def test_a_reworded_note_is_the_one_whose_reference_stands_in_the_same_paragraph() -> None:
    alignment = align(BUILT.paragraphs, [note("Noot een."), note("Noot twee, herschreven.")])
    assert alignment.e_labels == ["a", "b"]
    assert alignment.note_edits == {"b": "Noot twee, herschreven."}


def test_a_note_added_beside_a_kept_one_is_new() -> None:
    paragraphs = [paragraph("Eerste alinea.", (0, "a"), (1, "")), paragraph("Tweede alinea.", (2, "b"))]
    alignment = align(paragraphs, [note("Noot een."), note("Nieuwe noot."), note("Noot twee.")])
    assert alignment.e_labels == ["a", None, "b"]
    assert alignment.note_edits == {}


def test_a_new_note_is_named_by_its_number() -> None:
    paragraphs = [paragraph("Eerste alinea.", (0, "a"), (1, "")), paragraph("Tweede alinea.", (2, "b"))]
    alignment = align(paragraphs, [note("Noot een."), note("Nieuwe noot."), note("Noot twee.")])
    assert alignment.e_name(NoteRef(1)) == "+1"


def test_a_deleted_note_leaves_the_other_its_label() -> None:
    paragraphs = [paragraph("Eerste alinea."), paragraph("Tweede alinea.", (0, "b"))]
    alignment = align(paragraphs, [note("Noot twee.")])
    assert alignment.e_labels == ["b"]


def test_notes_moved_to_the_other_paragraph_keep_their_labels_by_text() -> None:
    paragraphs = [paragraph("Eerste alinea.", (0, "b")), paragraph("Tweede alinea.", (1, "a"))]
    alignment = align(paragraphs, [note("Noot twee."), note("Noot een.")])
    assert sorted(alignment.e_labels, key=str) == ["a", "b"]
    assert alignment.note_edits == {}


@settings(deadline=None, max_examples=50)
@given(texts=st.lists(st.text(alphabet="abc .", min_size=1, max_size=8).filter(str.strip), max_size=2))
def test_no_built_label_is_given_to_two_notes(texts: list[str]) -> None:
    notes = [note("Noot een."), *(note(t) for t in texts), note("Noot twee.")]
    refs = [(i, "") for i in range(len(notes))]
    alignment = align([paragraph("Eerste alinea.", *refs[:1]), paragraph("Tweede alinea.", *refs[1:])], notes)
    labels = [label for label in alignment.e_labels if label is not None]
    assert len(labels) == len(set(labels))
