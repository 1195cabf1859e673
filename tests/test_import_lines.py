"""A paragraph whose lines, each ended by a manual line break, read as headings: import takes
each line as a heading of its own, however many the paragraph holds."""

from __future__ import annotations

from briefgen.document.blocks import Break, Paragraph, Span
from briefgen.readback.recognise import _labelled

LINES = 5_000
"""More lines than Python's default recursion limit: each line was once a recursion."""


def test_a_paragraph_of_thousands_of_bold_lines_is_split_into_each_line_and_its_text() -> None:
    inlines: list[Span | Break] = []
    for number in range(LINES):
        inlines += [Span(f"Kop {number}", bold=True), Break()]
    inlines.append(Span("De ministers spreken over het doel."))
    split = _labelled(Paragraph("body", list(inlines)))
    assert [p.text for p in split] == [
        *(f"Kop {n}" for n in range(LINES)),
        "De ministers spreken over het doel.",
    ]


def test_a_bold_line_split_off_a_table_cell_stays_in_the_cell() -> None:
    """A krachtenveld table of countries, each in bold before a line break: no country is an item."""
    cell = Paragraph("body", [Span("Frankrijk", bold=True), Break(), Span("Steunt het voorstel.")], cell=True)
    assert [(p.text, p.cell) for p in _labelled(cell)] == [
        ("Frankrijk", True),
        ("Steunt het voorstel.", True),
    ]
