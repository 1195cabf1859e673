"""Write a document from scratch in LibreOffice through its UNO API, as another ministry's
writer would build a GA or verslag: heading styles, outline numbering on the headings
("1. Beleidsdebat …" as Word's automatic numbering), numbered lists, bold paragraphs and
run-in labels, real footnotes, tables; saved as "MS Word 2007 XML".

Run by the Python that has LibreOffice's ``uno`` module (Debian's python3-uno), not by the
tests' own interpreter: ``python3 uno_write.py JOBS_JSON``, a list of jobs, each
``{"target", "author", "outline", "blocks"}``. ``outline`` numbers the heading styles of
that many levels "1.", "1.1." (LibreOffice's chapter numbering, which it saves as Word
outline numbering). Each block is ``{"text", "style"?, "bold"?, "label"?, "list"?,
"cells"?}``: ``style`` a paragraph style ("Heading 1", "Title", default the body style),
``bold`` (``italic``) the whole paragraph in bold (italic), ``label`` a bold run-in label before the text,
``list`` the name of a list style ("Numbering 123", "List Bullet" …), ``cells`` a table (rows
of texts) instead of a paragraph. A footnote stands in the text as ``[[its text]]``, an endnote as ``[[!its text]]``.
"""

from __future__ import annotations

import json
import os
import re
import sys

import uno  # type: ignore[import-not-found]
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK  # type: ignore[import-not-found]
from uno_edit import _property, _set_author, office  # type: ignore[import-not-found]

NOTE = re.compile(r"\[\[(.+?)\]\]")
BODY = "Text Body"


def main(jobs: list[dict]) -> None:
    with office("briefgen-write") as (context, desktop):
        for job in jobs:
            _set_author(context, job.get("author", "Schrijver"))
            _write(desktop, job)


def _outline(document: object, levels: int) -> None:
    """Number the heading styles of the first ``levels`` levels: '1.', '1.1.'."""
    rules = document.ChapterNumberingRules  # type: ignore[attr-defined]
    for level in range(levels):
        chosen = {"NumberingType": 4, "Suffix": ".", "ParentNumbering": level + 1}  # 4: ARABIC
        values = tuple(_property(name, value) for name, value in chosen.items())
        uno.invoke(rules, "replaceByIndex", (level, uno.Any("[]com.sun.star.beans.PropertyValue", values)))


def _write(desktop: object, job: dict) -> None:
    document = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
        "private:factory/swriter", "_blank", 0, (_property("Hidden", True),)
    )
    if job.get("outline"):
        _outline(document, int(job["outline"]))
    text = document.Text
    cursor = text.createTextCursor()
    first = True
    for block in job["blocks"]:
        if "cells" in block:
            _table(document, text, cursor, block["cells"])
            continue
        if not first:
            text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        first = False
        if not block.get("list") and cursor.NumberingStyleName:
            cursor.NumberingStyleName = ""  # a list ends with its last item
        cursor.ParaStyleName = block.get("style", BODY)
        if block.get("list"):
            cursor.NumberingStyleName = block["list"]
        if block.get("label"):
            cursor.CharWeight = 150.0
            text.insertString(cursor, block["label"] + " ", False)
        cursor.CharWeight = 150.0 if block.get("bold") else 100.0
        cursor.CharPosture = 2 if block.get("italic") else 0  # ITALIC, NONE
        _inline(document, text, cursor, block["text"])
        cursor.CharWeight, cursor.CharPosture = 100.0, 0
    document.storeToURL(
        uno.systemPathToFileUrl(os.path.abspath(job["target"])),
        (_property("FilterName", "MS Word 2007 XML"),),
    )
    document.close(True)


def _inline(document: object, text: object, cursor: object, content: str) -> None:
    at = 0
    for found in NOTE.finditer(content):
        text.insertString(cursor, content[at : found.start()], False)  # type: ignore[attr-defined]
        kind = "Endnote" if found[1].startswith("!") else "Footnote"
        note = document.createInstance(f"com.sun.star.text.{kind}")  # type: ignore[attr-defined]
        text.insertTextContent(cursor, note, False)  # type: ignore[attr-defined]
        note.setString(found[1].removeprefix("!"))
        at = found.end()
    text.insertString(cursor, content[at:], False)  # type: ignore[attr-defined]


def _table(document: object, text: object, cursor: object, rows: list[list[str]]) -> None:
    table = document.createInstance("com.sun.star.text.TextTable")  # type: ignore[attr-defined]
    table.initialize(len(rows), len(rows[0]))
    text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)  # type: ignore[attr-defined]
    text.insertTextContent(cursor, table, False)  # type: ignore[attr-defined]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.getCellByName(f"{chr(65 + c)}{r + 1}").setString(value)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        main(json.load(file))
