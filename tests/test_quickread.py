"""The quick reader (document/quickread.py) reads what it takes on exactly as markdown-it's
reader does: the same block document, the same source lines per paragraph; what it is not
sure about it leaves to markdown-it whole."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefgen.document import markdown, quickread
from briefgen.document.blocks import Document, Table

WORD = st.one_of(
    st.text(alphabet=st.sampled_from("ab Z1 .,()é\u00a0"), min_size=1, max_size=8),
    st.text(
        alphabet=st.sampled_from("ab Z1 \t\u00a0\u2003é€[]^\\*_`#-.)(<>!&:=+~|{}\ufdd0\x1c"),
        min_size=1,
        max_size=12,
    ),
)
"""A stretch of text: plain, or with every character Markdown gives a meaning, spaces, tabs
and no-break spaces among letters and digits."""

PIECE = st.one_of(
    WORD,
    st.sampled_from(
        [
            "[^a]", "[^b]", "[^_:c]", "[^x]", "[^a](x)", "[^b][c]", "^[inline]", "![^a]", "**vet**", "*schuin*",
            "_x_", "`code`", "\\", "\\*", "\\[^a]", "\\ ", "\\\t", "  ", "[link](https://x.nl)", "&amp;", "<b>",
            "\u00a0", "ü", "\ufdd1",
        ]
    ),
)  # fmt: skip

TEXT = st.lists(PIECE, min_size=1, max_size=5).map("".join)

START = st.sampled_from(
    [
        "", "", "", "", " ", "  ", "   ", "    ", "\t", "# ", "## ", "### ", "#### ", "####### ", "#", "1. ", "2. ",
        "1) ", "3.  ", "1.      ", "10. ", "- ", "* ", "+ ", "-  ", "   - ", "  1. ", "- # ", "1. ## ", "1. - ",
        "> ", "```", "~~~", "---", "***", "___", "- - -", "===", "[^a]: ", "[^b]:", "[^c]:  ", "[^a]:\t", "    x ", "[x]: ",
        "::: stijl adres", "::: arcering", ":::", "::::", "::: tabel 1 2", "- - ", "  - ", ":::stijl", ": ", "[", "-", "1.", "\\",
        "    - ", "     ", "       ", "        ",
    ]
)  # fmt: skip
"""How a line starts: indentation, a heading, list or quote mark, a fence, a rule, a
footnote definition, a container fence."""

LINE = st.one_of(
    st.just(""),
    st.tuples(START, TEXT).map("".join),
    st.tuples(START, st.just("")).map("".join),
)

DOCUMENT = st.lists(LINE, min_size=1, max_size=12).map("\n".join)


def _by_markdown_it(text: str) -> Document:
    return markdown._Reader().read(markdown._parser().parse(markdown._keep_spaces(text)))


def _lines(document: Document) -> list[Any]:
    """The source lines of every paragraph, which the document's equality leaves out."""
    out: list[Any] = []
    for block in document.blocks:
        out.append(
            [p.lines for row in block.rows for cell in row for p in cell]
            if isinstance(block, Table)
            else block.lines
        )
    out.extend([p.lines for p in note.paragraphs] for note in document.notes)
    return out


def _same(text: str) -> None:
    quick = quickread.read(markdown._keep_spaces(text), markdown._inline)
    if quick is None:
        return
    expected = _by_markdown_it(text)
    assert quick == expected
    assert _lines(quick) == _lines(expected)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DOCUMENT)
@example(text="1. een\n2. twee\n   verder\n\n   tweede alinea\n3) ander\n- punt\n\nna")
@example(text="# Titel\n\ntekst[^a] en [^b]\nregel  \nnog\\\n  door\n\n[^b]: B[^a]\n\n[^a]: A")
@example(text="::: stijl adres\nStraat 1\\\nDen Haag\n:::\n\ntekst\n::: arcering\nx\n:::")
@example(text="1. ## Kop\n2. # Titel\n   tekst\n\n   meer")
@example(text="a\n:::\nb\n::: stijl\nc")
@example(text="1. a\n\n       code\n- b\n\n      c")
@example(text="x[^a][^b]\n\n[^a]: een\n    twee\ndrie\n\n    vier[^b]\n\n     vijf\nzes\n\n[^b]: x\n- lijst")
@example(text="x[^a]\n\n[^a]: een\n    - lijst")
@example(text="x[^a]\n\n[^a]: een\n\n   twee")
@example(text="::: tabel 4 x 0 12345\n- - Nr\n  - Naam[^a]\n- - 02\n  - **Brief**\n:::\n\n[^a]: A")
@example(text="::: tabel\n  - a\n:::")
@example(text="::: tabel 1\n- - a\n\n  - b\n:::\n::: tabel\n:::")
@example(text="1. a\n\n   - b\n     c\n\n   - d\n2. e\n\n   1) f\n\n      - g\n\n   h\n3. i")
@example(text="- a\n\n  - b\n- c\n\n  1. d\n\n     2. e\n  f\n\n    - g\n   x\n - h")
@example(text="tekst \nmet  \nbreuken\\\nen\\*\\a\\")
@example(text="*aa***aa*****aa***, *aa***aa*aa** en aa**aa*aa*aa**")  # emphasis renewed inside a word
@example(text="1. a\n   ::: stijl x\nb\n    ::: arcering\n:::")
def test_the_quick_reader_reads_as_markdown_it_does(text: str) -> None:
    _same(text)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.tuples(START, TEXT).map("".join), min_size=1, max_size=8))
def test_a_footnote_per_line_reads_as_markdown_it_does(lines: list[str]) -> None:
    definitions = "\n\n".join(f"[^{label}]: {label.upper()}" for label in ("a", "b", "_:c"))
    _same("\n".join(lines) + "\n\n" + definitions + "\n")


INLINE = st.lists(
    st.one_of(
        WORD,
        st.sampled_from(
            ["*", "**", "***", "_", "__", " *", "* ", "_ ", " _", "[^a]", "\\", "\n", "  \n", " \n"]
        ),
    ),
    min_size=1,
    max_size=10,
).map("".join)
"""A paragraph's text: emphasis marks of every length before, after and between words."""


SEPARATOR = st.sampled_from(["", " ", ", ", "(", ")", "€", "\n", "  \n", "é", "_", "\\*", "[^a]", "\u2003"])
EMPHASIS = st.recursive(
    st.text(alphabet=st.sampled_from("ab1 é.(),€"), min_size=1, max_size=5),
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["*", "**", "_", "__", "***"]), inner).map(lambda t: t[0] + t[1] + t[0]),
        st.tuples(inner, SEPARATOR, inner).map("".join),
    ),
    max_leaves=6,
)
"""Emphasis marks in pairs, nested and side by side, with and without space around."""


@settings(max_examples=1000, deadline=None)
@given(text=st.one_of(INLINE, EMPHASIS))
@example(text="**vet** en *schuin*, __ook__ _dit_, a*b*c, snake_case_naam")
@example(text="een ***drie*** x")
@example(text="**Bijlage(n)**\\\n1 en (*a*) a*b*c *(a)*(b)*")
@example(text="x €*a*€ (**a**) *a **b** c* **a *b* c** _a_b_")
def test_a_paragraphs_inlines_read_as_markdown_it_does(text: str) -> None:
    text = text.strip(quickread.TRIM)

    def env() -> dict[str, Any]:
        return {"footnotes": {"refs": {":a": -1}, "list": {}}}

    quick = quickread._inlines(text, env())
    if quick is not None:
        assert quick == markdown._inline(text, env())


@settings(max_examples=300, deadline=None)
@given(text=INLINE)
def test_a_paragraph_reads_as_markdown_it_does(text: str) -> None:
    _same("x " + text + "\n\n[^a]: noot\n")


GA = """# Geannoteerde Agenda

Tijdens de Raad van 17 maart 2026 staan geagendeerd:

1. Een beleidsdebat over de CO2-emissienormen;
2. Een gedachtewisseling over decarbonisatie.

## Beleidsdebat CO2-emissienormen

### Inzet Nederland

Het kabinet wil zorgen voor uitvoerbare normen[^d:co2:bnc] en innovatie
op het gebied van personen- en bestelauto’s.

1. Het kabinet verwelkomt de mededeling[^_:bron] en
   steunt de richting.
2. Daarnaast is het kabinet positief.

::: stijl slot
Hoogachtend,
:::

[^d:co2:bnc]: Kamerstukken II, 2025-2026, 032-89.

[^_:bron]: COM (2025) 960.

[^ongebruikt]: Niet geciteerd.
"""


def test_a_ga_is_read_without_markdown_it(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _by_markdown_it(GA)

    def refuse() -> None:
        raise AssertionError("markdown-it was asked")

    monkeypatch.setattr(markdown, "_parser", refuse)
    document = markdown.parse(GA)
    assert document == expected
    assert [len(note.paragraphs) for note in document.notes] == [1, 1]


def test_plain_emphasis_is_read_without_markdown_it(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "**Ministerie**\\\nTekst met **vet**[^a] en *schuin*.\n\n**Bijlage(n)**\\\n1\n\n[^a]: Noot.\n"
    expected = _by_markdown_it(text)
    monkeypatch.setattr(markdown, "_parser", None)
    assert markdown.parse(text) == expected


def test_a_link_in_a_quickly_read_document_is_left_to_markdown_it() -> None:
    text = "# Kop\n\nZie [de site](https://x.nl)[^a] en *dit*.\n\n[^a]: Noot.\n"
    assert quickread.read(markdown._keep_spaces(text), markdown._inline) == _by_markdown_it(text)


@pytest.mark.parametrize(
    "text",
    [
        "> citaat",
        "```\ncode\n```",
        "a\n===",
        "- a\n  - b",
        "::: tabel 1 2\n- - a\n    - b\n:::",
        "[x]: https://x.nl\n\n[x]",
        "a^[b]",
    ],
)
def test_what_it_is_unsure_of_is_left_to_markdown_it(text: str) -> None:
    assert quickread.read(markdown._keep_spaces(text), markdown._inline) is None


@given(st.text(alphabet=" \t\nab\xa0", max_size=40))
def test_soft_breaks_are_the_break_pattern_replaced_by_one_space(text: str) -> None:
    assert quickread.soft_breaks(text) == re.sub(quickread._BREAK, " ", text)
