"""The quick tests of the limits on a YAML file's texts decide as the thorough ones do."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.data import limits

ANY_TEXT = st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF))
MARKDOWNISH = st.text(alphabet=st.sampled_from([*" \t\n>-+*1.)a²٣\x07\u2028\ufffe\ud800é"]), max_size=80)


@given(st.one_of(ANY_TEXT, MARKDOWNISH))
def test_the_first_character_xml_cannot_hold_is_the_one_the_pattern_finds(value: str) -> None:
    found = re.search(limits._NOT_IN_XML, value)
    assert limits._not_in_xml(value) == (found.group() if found else None)


@given(st.one_of(ANY_TEXT, MARKDOWNISH))
def test_a_value_has_the_problem_of_its_separator_or_else_of_its_text(value: str) -> None:
    separator = re.search(limits._SEPARATOR, value)
    expected = limits._separator(separator.group()) if separator else limits.text_problem(value)
    assert limits.value_problem(value) == expected


@given(MARKDOWNISH)
def test_a_text_without_a_marked_line_has_no_line_the_nesting_pattern_matches(text: str) -> None:
    first = text[:1]
    if first in limits.LINE_FIRST or first.isdigit() or limits._MARKED_LINE.search(text):
        return
    assert all(limits._LINE_START.match(line) is None for line in text.split("\n"))


LINE = st.tuples(
    st.text(alphabet=" \t-?:", max_size=40), st.sampled_from(["a", "- b", ": c", "[d", "{e", ""])
)


@settings(max_examples=300)
@given(st.lists(LINE, min_size=1, max_size=8), st.integers(0, 40))
def test_a_file_found_surely_shallow_is_within_the_bound(lines: list[tuple[str, str]], brackets: int) -> None:
    text = "\n".join(run + rest for run, rest in lines) + "[" * brackets
    if limits._surely_shallow(text):
        assert limits._depth_bound(text) <= limits.MAX_DEPTH


def test_a_wide_indentation_is_not_taken_for_shallow() -> None:
    text = "a:\n" + " " * 30 + "b: c\n"
    assert not limits._surely_shallow(text)
    assert limits._surely_shallow("a:\n" + " " * 10 + "b: c\n")
    assert not limits._surely_shallow(" " * 30 + "b: c\n")  # the first line, read without the pattern
    assert not limits._surely_shallow("- " * 15 + "b: c\n")
    assert limits._surely_shallow("- " * 5 + "b: c\n")


DEEP_LINES = [
    "a\n" + "- " * 21 + "x",
    "a\n\n" + " " * 39 + "- x",
    "a\n" + "1. " * 21,
    "a\n" + "> " * 41 + "x",
]
"""Texts of several lines whose second line nests deeper than a document can hold."""


@pytest.mark.parametrize("value", DEEP_LINES)
def test_a_deep_line_after_the_first_is_found_outside_double_quotes(value: str) -> None:
    assert limits.read_value_problem(value) == limits.value_problem(value) is not None
    assert limits.read_value_problem(value.replace("\n", "\nb")) is None


@given(st.one_of(ANY_TEXT, MARKDOWNISH))
def test_a_text_read_outside_double_quotes_has_the_problem_value_problem_finds(value: str) -> None:
    if re.search(limits._SEPARATOR, value) or limits._not_in_xml(value):
        return  # the readers and refuse_separators let no such text through outside double quotes
    assert limits.read_value_problem(value) == limits.value_problem(value)


@given(st.text(alphabet="[{a\n", max_size=120), st.integers(0, 60))
def test_brackets_are_counted_up_to_one_past_the_limit(text: str, limit: int) -> None:
    assert limits._brackets(text, limit) == min(text.count("[") + text.count("{"), limit + 1)
