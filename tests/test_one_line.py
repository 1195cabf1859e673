"""``protect`` and ``one_line`` (a drafter's text kept text) take quick paths for the usual text;
they make what the regular expressions make over the whole text, line starts and ends alike."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefgen.data.provenance import Sourced
from briefgen.document.markdown import one_line, protect

PIECES = st.lists(
    st.sampled_from(
        [
            ":::",
            " :::",
            "    :::",
            "#",
            " #",
            "##",
            "-",
            "+",
            "*",
            ">",
            "=",
            "==",
            "1.",
            "12)",
            "٣.",
            "7",
            " ",
            "\t",
            "\n",
            "\r\n",
            "\u2028",
            "\x0c",
            "tekst",
            "a#",
            "\\",
            "[^a]",
        ]
    ),
    max_size=8,
).map("".join)

_FENCE = re.compile(r"^( {0,3}):::", re.MULTILINE)
_BLOCK_START = re.compile(r"^([ \t]*)([-+*>#]|\d{1,9}(?=[.)])|=+[ \t]*$)", re.MULTILINE)
_CLOSING_HASHES = re.compile(r"(?<=[ \t])#+$")


def _protect_everywhere(text: str) -> str:
    return _FENCE.sub(r"\1\\:::", text)


def _one_line_everywhere(text: str) -> str:
    flat = _CLOSING_HASHES.sub(lambda m: "\\" + m.group(), " ".join(text.split()))
    return _BLOCK_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2)[0].isdigit() else m.group(2) + "\\"),
        flat,
        count=1,
    )


@settings(deadline=None)
@given(PIECES)
@example("  ::: tabel")
def test_protect_makes_what_the_expression_makes_everywhere(text: str) -> None:
    made = protect(text)
    assert made == _protect_everywhere(text)
    assert type(made) is str


def test_protect_gives_a_drafters_text_as_plain_text() -> None:
    made = protect(Sourced("gewone tekst", 3))
    assert made == "gewone tekst"
    assert type(made) is str


@settings(deadline=None)
@given(PIECES)
@example("1. punt #")
@example("=== ")
def test_one_line_makes_what_the_expressions_make_everywhere(text: str) -> None:
    assert one_line(text) == _one_line_everywhere(text)
