"""What the writer and ``templates/reference.docx`` agree on: style ids, list names,
page geometry, colours and fonts; and what the writer and the reader agree on: the
custom property that names a document's build.

``tools/housestyle.py`` (run by hand, not part of the package) generates the reference from these; the writer looks the same ids and
names up in whatever reference a ministry uses, so a reference edited in Word keeps
working as long as it keeps them. Lengths are in twentieths of a point (twips), font
sizes in half-points, colours hex RGB.
"""

from __future__ import annotations

from typing import Final

from ..document.blocks import Role

TITLE: Final = "Title"
HEADINGS: Final = ("Heading1", "Heading2", "Heading3")
LIST_PARAGRAPH: Final = "ListParagraph"
QUOTE: Final = "Quote"
CODE: Final = "Code"
NOTE_TEXT: Final = "FootnoteText"
HEADER: Final = "Header"
COLUMN: Final = "Referentiegegevens"
"""The reference column beside a letter's text: its style carries the frame."""
COLUMN_TEXT: Final = "Referentietekst"
"""The reference column repeated on follow-on pages, inside a text box."""
REVIEW: Final = "Reviewversie"
TABLE_HEADER: Final = "Tabelkop"
TABLE_TEXT: Final = "Tabeltekst"
NOTE_MARK: Final = "FootnoteReference"
"""Character style of a footnote's number."""
LINK: Final = "Hyperlink"
"""Character style of a link."""
TABLE: Final = "Tabel"
"""Table style."""

ROLE_STYLES: Final[dict[Role, str]] = {
    "title": TITLE,
    "heading1": HEADINGS[0],
    "heading2": HEADINGS[1],
    "heading3": HEADINGS[2],
    "body": "",
    "listitem": LIST_PARAGRAPH,
    "quote": QUOTE,
    "code": CODE,
}
"""The paragraph style of each block role; a body paragraph takes the default style."""

NUMBERED: Final = "briefgen-genummerd"
NUMBERED_PAREN: Final = "briefgen-genummerd-haakje"
BULLETED: Final = "briefgen-opsomming"
LISTS: Final = (NUMBERED, NUMBERED_PAREN, BULLETED)
"""The numbering definitions the writer finds by name."""
LIST_LEVELS: Final = 9
"""What Word offers: levels 0 to 8."""

PAGE_WIDTH: Final = 11906
PAGE_HEIGHT: Final = 16838
MARGIN_TOP: Final = 2268
MARGIN_RIGHT: Final = 1134
MARGIN_BOTTOM: Final = 1418
MARGIN_LEFT: Final = 1418
BRIEF_MARGIN_RIGHT: Final = 3515
"""Letters and notas keep a narrow text column; the reference column stands to its right."""
COLUMN_X: Final = 8959
COLUMN_WIDTH: Final = 2381
RETURN_ADDRESS_HEIGHT: Final = 360
"""The Retouradres line above the addressee: 9 pt leading and 9 pt after."""
COLUMN_Y: Final = MARGIN_TOP + RETURN_ADDRESS_HEIGHT
"""Level with the addressee's first line."""
TEXT_WIDTH: Final = PAGE_WIDTH - MARGIN_LEFT - BRIEF_MARGIN_RIGHT
"""A letter's text column, which the return address and the addressee fill."""
RETURN_ADDRESS: Final = "Retouradres"
"""The return-address line: a frame at the top of a letter's text, ``RETURN_ADDRESS_HEIGHT`` high."""
ADDRESS: Final = "Adres"
"""The addressee: a frame under the return address, level with the reference column."""
ADDRESS_GAP: Final = 480
"""Between the addressee and the text under it (Datum, Betreft)."""
FOLLOW_ON: Final = "Vervolgkolom"
"""What a letter's follow-on pages show in the reference column under the page number (the
sender, Datum, Ons kenmerk): the writer takes these paragraphs out of page 1's text."""

LINK_COLOUR: Final = "0563C1"
REVIEW_COLOUR: Final = "C00000"
SHADING: Final = "F4A6A6"
"""The fill behind a review copy's shaded paragraphs."""

FONT: Final = "Verdana"
CODE_FONT: Final = "Courier New"

REGENERATE: Final = "python tools/housestyle.py templates/reference.docx"
"""The command that writes a fresh reference (in a checkout of briefgen), named in messages about a broken one."""

BUILD_PROPERTY: Final = "briefgen-build"
WRITER: Final = "briefgen"
"""Who last saved a document briefgen wrote (its author is the sending ministry), and the
author of its own tracked changes: never taken for a colleague's edit."""
"""The custom document property naming the build a document came from (see ``properties``)."""
WORD_JOINER: Final = "\u2060"
"""What the writer puts after the dash of a range of days ("12–13 mei"), so that no line
breaks there, and the reader drops."""
