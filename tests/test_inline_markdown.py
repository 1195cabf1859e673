"""Inline Markdown: what a paragraph's text says in the data (bold, italics, links, breaks,
footnote references) read into inlines (``markdown.parse``) and written back (``inline_markdown``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.document import tomarkdown
from briefgen.document.blocks import Break, Inline, NoteRef, Span, merge_spans
from briefgen.document.markdown import parse
from briefgen.document.tomarkdown import inline_markdown


def inlines(text: str) -> list[Inline]:
    blocks = parse(text).blocks
    assert len(blocks) == 1
    return blocks[0].inlines  # type: ignore[union-attr]


def test_double_stars_are_bold() -> None:
    assert inlines("**vet**") == [Span("vet", bold=True)]


def test_single_stars_are_italic() -> None:
    assert inlines("*schuin*") == [Span("schuin", italic=True)]


def test_triple_stars_are_bold_and_italic() -> None:
    assert inlines("***beide***") == [Span("beide", bold=True, italic=True)]


def test_a_link_carries_its_address_on_every_span() -> None:
    assert inlines("[**vet** link](https://e.nl)") == [
        Span("vet", bold=True, link="https://e.nl"),
        Span(" link", link="https://e.nl"),
    ]


def test_a_backslash_at_a_line_end_is_a_line_break() -> None:
    assert inlines("a\\\nb") == [Span("a"), Break(), Span("b")]


def test_the_page_break_mark_is_a_page_break() -> None:
    assert inlines("a\ufdd1b") == [Span("a"), Break(page=True), Span("b")]


def test_an_escaped_star_is_a_star() -> None:
    assert inlines("a\\*b\\*") == [Span("a*b*")]


def test_a_code_span_is_its_text() -> None:
    assert inlines("a `b` c") == [Span("a b c")]


def test_a_footnote_reference_is_a_note_ref_with_its_label() -> None:
    document = parse("a[^x] b\n\n[^x]: noot")
    assert document.blocks[0].inlines == [Span("a"), NoteRef(0, label="x"), Span(" b")]  # type: ignore[union-attr]
    assert len(document.notes) == 1


def test_a_footnote_reference_without_its_note_is_text() -> None:
    assert inlines("a[^x] b") == [Span("a[^x] b")]


def test_a_backslash_keeps_a_leading_space() -> None:
    assert inlines("\\ a") == [Span(" a")]


def test_spaces_at_a_bold_spans_edges_are_written_outside_its_marks() -> None:
    assert inline_markdown([Span("a"), Span(" b ", bold=True), Span("c")], str) == "a **b** c"


def test_a_note_ref_is_written_with_the_name_given() -> None:
    assert inline_markdown([Span("a"), NoteRef(0, label="x")], lambda ref: "noot") == "a[^noot]"


def test_markdown_marks_in_text_are_escaped() -> None:
    assert inlines(inline_markdown([Span("*niet schuin* [geen link](x)")], str)) == [
        Span("*niet schuin* [geen link](x)")
    ]


LETTER = st.sampled_from("abé")
WORDS = st.tuples(LETTER, st.text(alphabet="ab *_[]`\\", max_size=5), LETTER).map("".join)
"""Text that begins and ends in a letter, Markdown's marks and spaces inside. (Where a
formatting change falls between a punctuation mark and a letter, CommonMark cannot close
the emphasis: italic ``[`` before a plain ``a`` is written ``*\\[*a`` and read as text.)"""
SPANS = st.lists(
    st.builds(Span, text=WORDS, bold=st.booleans(), italic=st.booleans()),
    min_size=1,
    max_size=5,
)


def flat(spans: list[Inline]) -> list[tuple[str, bool, bool]]:
    """Each character with its formatting (a space's formatting is not kept: it is written
    outside the marks)."""
    return [
        (c, s.bold and c != " ", s.italic and c != " ") for s in spans if isinstance(s, Span) for c in s.text
    ]


@settings(deadline=None)
@given(spans=SPANS)
def test_formatted_words_read_back_as_written(spans: list[Span]) -> None:
    spaced = [Span(s.text + " ", s.bold, s.italic) for s in spans]
    written = inline_markdown(spaced, str)
    assert flat(merge_spans(inlines(written))) == flat(spaced)[:-1]


def test_italic_then_bold_then_both_inside_one_word_reads_back() -> None:
    spans = [Span("aa", italic=True), Span("aa", bold=True), Span("aa", bold=True, italic=True)]
    assert flat(merge_spans(inlines(inline_markdown(spans, str)))) == flat(spans)


def test_emphasis_changing_inside_a_word_is_closed_and_opened_afresh_where_nesting_misreads() -> None:
    spans = [Span("aa", italic=True), Span("aa", bold=True), Span("aa", bold=True, italic=True)]
    assert inline_markdown(spans, str) == "*aa***aa*****aa***"


def test_emphasis_changing_inside_a_word_is_nested_where_nesting_reads_back() -> None:
    spans = [Span("aa"), Span("aa", bold=True), Span("aa", bold=True, italic=True), Span("aa", bold=True)]
    assert inline_markdown(spans, str) == "aa**aa*aa*aa**"


STATE = st.tuples(st.booleans(), st.booleans())


@settings(deadline=None)
@given(states=st.lists(STATE, min_size=2, max_size=5), word=st.sampled_from(["a", "aa", "é"]))
def test_a_word_whose_emphasis_changes_reads_back_as_written_or_as_nested(
    states: list[tuple[bool, bool]], word: str
) -> None:
    """Never worse than nesting alone: where a writing reads back otherwise, it is the nested one."""
    spans = [Span(word, bold=bold, italic=italic) for bold, italic in states]
    written = inline_markdown(spans, str)
    nested = tomarkdown._written(merge_spans(list(spans)), {}, reopen=False)
    assert written == nested or flat(merge_spans(inlines(written))) == flat(spans)


def test_a_footnote_reference_beside_a_change_of_emphasis_is_kept() -> None:
    spans: list[Inline] = [Span("aa", italic=True), Span("aa", bold=True), NoteRef(0), Span("aa", bold=True)]
    assert inline_markdown(spans, lambda ref: "n") == "*aa***aa**[^n]**aa**"
