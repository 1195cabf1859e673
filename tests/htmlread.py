"""A small reader of the preview's HTML pages for the tests, with the standard library's parser:
the text of each paragraph as a reader sees it, the footnotes, links, ids and classes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "pre"}
"""Elements whose text is one paragraph (a list item's nested list is its own paragraphs)."""
CONTAINERS = {"ol", "ul", "table", "thead", "tbody", "tr", "colgroup", "main", "section.voetnoten"}
"""Elements whose own text is layout (line breaks between their children), never a paragraph's."""
VOID = {"br", "col", "meta", "img", "hr", "input", "link"}


@dataclass
class Block:
    tag: str
    text: str
    classes: list[str]
    in_notes: bool
    current: str = ""
    """The text with its insertions and without its deletions (every change accepted)."""
    old: str = ""
    """The text without its insertions and with its deletions (every change rejected)."""
    inserted: str = ""
    deleted: str = ""


@dataclass
class Html:
    """A page as read: its paragraphs and footnotes, and what the checks look at."""

    blocks: list[Block] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)
    """Every attribute: element, name, value."""
    title: str = ""
    style: str = ""
    head_text: list[str] = field(default_factory=list)
    """Text outside ``main`` and the footnotes: the link to the overview, the review line, the wordmark."""

    @property
    def ids(self) -> list[str]:
        """Every ``id``, in document order."""
        return [value for _, name, value in self.attributes if name == "id"]

    @property
    def links(self) -> list[str]:
        """Every link's ``href``, in document order."""
        return [value for tag, name, value in self.attributes if (tag, name) == ("a", "href")]

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs, table cells' included, in reading order."""
        return [block.text for block in self.blocks if not block.in_notes]

    @property
    def notes(self) -> list[str]:
        """The footnotes in number order, without their link back."""
        return [block.text for block in self.blocks if block.in_notes and block.tag == "li"]

    def reading(self, mode: str) -> list[str]:
        """The body's paragraphs with every change accepted (``current``) or rejected (``old``)."""
        gone = "del" if mode == "current" else "ins"
        return [getattr(b, mode) for b in self.blocks if not b.in_notes and gone not in b.classes]

    def with_class(self, name: str) -> list[str]:
        return [block.text for block in self.blocks if name in block.classes]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html = Html()
        self.open: list[tuple[str, Block | None]] = []
        self.where: list[str] = []
        self.stack: list[Block] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.html.tags.append(tag)
        self.html.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "br":
            self._text("\n")
            return
        if tag in VOID:
            return
        block = None
        readable = "main" in self.where or self._in_notes()
        if (
            readable
            and tag in BLOCKS
            and not (tag == "p" and self.stack and self.stack[-1].tag == "li" and self._in_notes())
        ):
            block = Block(tag, "", values.get("class", "").split(), self._in_notes())
            self.html.blocks.append(block)
            self.stack.append(block)
        if tag == "a" and values.get("class") == "terugnaarnoot":
            self.where.append("back")
        elif tag == "sup" and values.get("class") == "noot":
            self.where.append("reference")
        else:
            self.where.append(tag if tag != "section" else f"section.{values.get('class', '')}")
        self.open.append((tag, block))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.open:
            name, block = self.open.pop()
            self.where.pop()
            if block is not None:
                self.stack.remove(block)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if "title" in self.where:
            self.html.title += data
        elif "style" in self.where:
            self.html.style += data
        elif self.stack:
            if not self._skipped():
                self._text(data)
        elif "main" not in self.where and data.strip() and not self._in_notes():
            self.html.head_text.append(data)

    def _text(self, data: str) -> None:
        if not self.stack:
            return
        block = self.stack[-1]
        block.text += data
        if "ins" in self.where:
            block.inserted += data
        else:
            block.old += data
        if "del" in self.where:
            block.deleted += data
        else:
            block.current += data

    def _skipped(self) -> bool:
        """Text no reader reads: a note's number and link back, line breaks between list items."""
        return "back" in self.where or "reference" in self.where or self.where[-1] in CONTAINERS

    def _in_notes(self) -> bool:
        return "section.voetnoten" in self.where


def read_html(data: bytes) -> Html:
    parser = _Parser()
    parser.feed(data.decode("utf-8"))
    parser.close()
    html = parser.html
    for block in html.blocks:
        block.text, block.current, block.old = (
            text.strip(" ") for text in (block.text, block.current, block.old)
        )
    return html
