"""Footnote references are found as Markdown reads them: ``[^key]`` not escaped by a backslash."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from briefgen.data.footnotes import NOTE_REF, note_refs

_CANDIDATE = re.compile(r"\[\^([^\]\s]+)\]")


def by_counting(text: str) -> list[tuple[int, str]]:
    """Every ``[^key]`` preceded by an even number of backslashes (at most eight), by counting,
    scanned left to right as a regular expression's search is: a bracket that does not start a
    reference (an escaped one) may still hold one further on ('\\[^[^[]' holds '[^[]')."""
    found = []
    at = 0
    while (match := _CANDIDATE.search(text, at)) is not None:
        start = match.start()
        slashes = len(text[:start]) - len(text[:start].rstrip("\\"))
        if slashes % 2 == 0 and slashes <= 8:
            found.append((start, match.group(1)))
            at = match.end()
        else:
            at = start + 1
    return found


@example("\\[^[^[]")
@given(st.text(alphabet="\\[^]ab \n", max_size=40))
def test_references_are_the_unescaped_brackets(text: str) -> None:
    assert [(m.start(), m.group(1)) for m in NOTE_REF.finditer(text)] == by_counting(text)


def test_an_escaped_reference_is_text() -> None:
    assert note_refs(r"een [^a], geen \[^b], wel \\[^c]") == ["a", "c"]


@given(st.text(alphabet="\\[^]ab \n", max_size=60))
def test_the_keys_found_where_a_reference_may_start_are_those_the_pattern_finds(text: str) -> None:
    assert note_refs(text) == NOTE_REF.findall(text)
