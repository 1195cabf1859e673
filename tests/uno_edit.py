"""Edit a .docx in LibreOffice through its UNO API, as a colleague would, and save it as Word.

Run by the Python that has LibreOffice's ``uno`` module (Debian's python3-uno), not by the
tests' own interpreter: ``python3 uno_edit.py JOBS_JSON``, a list of jobs, each
``{"source", "target", "author", "tracked", "edits"}``; ``edits`` is a list of [old, new]:
the first occurrence of each ``old`` is replaced by ``new``, as a tracked change by the
author when ``tracked``; ``operations`` (optional) a list of ``["delete_note", AFTER]`` (the footnote whose reference follows those words) and
``["move", PARAGRAPH, BEFORE]`` (a paragraph moved before another, both named by their first
words), ``["reject", WORDS]`` (the tracked changes in the paragraph holding those words
rejected), ``["comment", WORDS, TEXT]`` (a comment by the author on the first occurrence of
those words), ``["shape", WORDS]`` (a drawing shape put before those words) and
``["table", WORDS, ROWS, COLUMNS]`` (a table inserted after the paragraph holding those
words, its cells reading ``Cel 1.1``, ``Cel 1.2`` and on). Each document is saved with the "MS Word 2007 XML" filter. One LibreOffice,
headless with a profile of its own, does every job.

Comments: LibreOffice 7.4 headless crashes (its process ends) when a document opened in a
frame holds a comment and is saved, whether the comment came through UNO (an Annotation
text field, or the dispatcher's .uno:InsertAnnotation) or was in the file (Word's); a
document model loaded without a frame (``com.sun.star.text.TextDocument`` and its
``load``) has no comment windows and saves its comments. So comments are added last, to the
saved document loaded that way; such a model cannot search (``findFirst`` finds nothing
without a layout), so the words are found paragraph by paragraph.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def _property(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def _connect(pipe: str) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.2)
    raise SystemExit("LibreOffice did not start")


def _set_author(context: object, author: str) -> None:
    """The user name LibreOffice records on tracked changes and as the document's last author."""
    provider = context.ServiceManager.createInstanceWithContext(  # type: ignore[attr-defined]
        "com.sun.star.configuration.ConfigurationProvider", context
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (_property("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    access.setPropertyValue("givenname", author)
    access.setPropertyValue("sn", "")
    access.commitChanges()


@contextlib.contextmanager
def office(name: str) -> Iterator[object]:
    """A headless LibreOffice with a profile of its own, and its desktop; afterwards it is
    gone, with every process it started (soffice starts soffice.bin as a child), even
    when a job failed."""
    profile = tempfile.mkdtemp(prefix="uno-profile-")
    pipe = f"{name}-{os.getpid()}"
    process = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        context = _connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        yield context, desktop
        with contextlib.suppress(Exception):  # the bridge goes down with the office
            desktop.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        shutil.rmtree(profile, ignore_errors=True)


def main(jobs: list[dict]) -> None:
    with office("briefgen-test") as (context, desktop):
        for job in jobs:
            _set_author(context, job["author"])
            _edit(context, desktop, job)


def _edit(context: object, desktop: object, job: dict) -> None:
    source = uno.systemPathToFileUrl(os.path.abspath(job["source"]))
    target = uno.systemPathToFileUrl(os.path.abspath(job["target"]))
    operations = job.get("operations", [])
    comments = [operation[1:] for operation in operations if operation[0] == "comment"]
    others = [operation for operation in operations if operation[0] != "comment"]
    if _has_comments(job["source"]):
        # a frame would crash on it (see above): the whole job on the model alone
        if any(operation[0] == "move" for operation in others):
            raise SystemExit("a paragraph cannot be moved in a document that holds comments")
        document = _model(context, source)
        finder = _in_paragraphs
    else:
        document = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
            source, "_blank", 0, (_property("Hidden", True),)
        )
        finder = _find
    document.RecordChanges = bool(job["tracked"])
    for old, new in job["edits"]:
        finder(document, old).setString(new)
    for operation in others:
        OPERATIONS[operation[0]](document, job["author"], *operation[1:])
    if comments and finder is _in_paragraphs:
        _add_comments(document, job["author"], comments)
        comments = []
    document.storeToURL(target, (_property("FilterName", WORD),))
    document.close(True)
    if comments:
        document = _model(context, target)
        _add_comments(document, job["author"], comments)
        document.storeToURL(target, (_property("FilterName", WORD),))
        document.close(True)


WORD = "MS Word 2007 XML"


def _has_comments(path: str) -> bool:
    with zipfile.ZipFile(path) as archive:
        return "word/comments.xml" in archive.namelist()


def _model(context: object, url: str) -> object:
    """The document at ``url`` loaded without a frame (see above)."""
    manager = context.ServiceManager  # type: ignore[attr-defined]
    document = manager.createInstanceWithContext("com.sun.star.text.TextDocument", context)
    document.load((_property("URL", url), _property("FilterName", WORD)))
    return document


def _add_comments(document: object, author: str, comments: list[list[str]]) -> None:
    """Each (words, text) a comment by ``author`` on those words."""
    for words, text in comments:
        found = _in_paragraphs(document, words)
        field = document.createInstance("com.sun.star.text.textfield.Annotation")  # type: ignore[attr-defined]
        field.Author, field.Content = author, text
        stamp = uno.createUnoStruct("com.sun.star.util.DateTime")
        stamp.Year, stamp.Month, stamp.Day, stamp.Hours = 2026, 3, 9, 10
        field.DateTimeValue = stamp
        document.Text.insertTextContent(found, field, True)  # type: ignore[attr-defined]


def _in_paragraphs(document: object, words: str) -> object:
    """The first occurrence of ``words`` in a body paragraph, selected by a text cursor."""
    paragraphs = document.Text.createEnumeration()  # type: ignore[attr-defined]
    while paragraphs.hasMoreElements():
        paragraph = paragraphs.nextElement()
        if not paragraph.supportsService("com.sun.star.text.Paragraph"):
            continue
        at = paragraph.getString().find(words)
        if at >= 0:
            cursor = document.Text.createTextCursorByRange(paragraph.getStart())  # type: ignore[attr-defined]
            cursor.goRight(at, False)
            cursor.goRight(len(words), True)
            return cursor
    raise SystemExit(f"not in the document: {words}")


def _find(document: object, text: str) -> object:
    search = document.createSearchDescriptor()  # type: ignore[attr-defined]
    search.SearchString = text
    found = document.findFirst(search)  # type: ignore[attr-defined]
    if found is None:
        raise SystemExit(f"not in the document: {text}")
    return found


def _delete_note(document: object, author: str, after: str) -> None:
    """The footnote whose reference follows the words ``after`` deleted (its reference cut)."""
    found = _find(document, after) if document.getCurrentController() else _in_paragraphs(document, after)  # type: ignore[attr-defined]
    cursor = found.getText().createTextCursorByRange(found.getEnd())  # type: ignore[attr-defined]
    cursor.goRight(1, True)
    cursor.setString("")


def _move(document: object, author: str, paragraph: str, before: str) -> None:
    """The paragraph that starts with ``paragraph`` moved, footnotes and all, to stand before
    the one starting with ``before``: cut and pasted through the document's view."""
    start = _find(document, paragraph)
    cursor = start.getText().createTextCursorByRange(start.getStart())  # type: ignore[attr-defined]
    cursor.gotoStartOfParagraph(False)
    cursor.gotoEndOfParagraph(True)
    cursor.goRight(1, True)  # and its paragraph mark
    view = document.getCurrentController()  # type: ignore[attr-defined]
    view.select(cursor)
    moved = view.getTransferable()
    cursor.setString("")
    target = _find(document, before)
    place = target.getText().createTextCursorByRange(target.getStart())  # type: ignore[attr-defined]
    place.gotoStartOfParagraph(False)
    view.select(place)
    view.insertTransferable(moved)


def _reject(document: object, author: str, words: str) -> None:
    """The tracked changes in the paragraph holding ``words`` rejected (by the job's author,
    reviewing another's copy): selected through the document's view, then LibreOffice's own
    "Reject" (.uno:RejectTrackedChange), which leaves no trace of them."""
    found = _find(document, words)
    cursor = found.getText().createTextCursorByRange(found.getStart())  # type: ignore[attr-defined]
    cursor.gotoStartOfParagraph(False)
    cursor.gotoEndOfParagraph(True)
    view = document.getCurrentController()  # type: ignore[attr-defined]
    view.select(cursor)
    context = uno.getComponentContext()
    helper = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    helper.executeDispatch(view.getFrame(), ".uno:RejectTrackedChange", "", 0, ())


def _shape(document: object, author: str, words: str) -> None:
    """A small rectangle (a drawing shape, saved as a Word drawing) put before ``words``."""
    found = _find(document, words)
    shape = document.createInstance("com.sun.star.drawing.RectangleShape")  # type: ignore[attr-defined]
    size = uno.createUnoStruct("com.sun.star.awt.Size")
    size.Width, size.Height = 2000, 1000
    shape.setSize(size)
    found.getText().insertTextContent(found.getStart(), shape, False)  # type: ignore[attr-defined]


def _table(document: object, author: str, words: str, rows: str, columns: str) -> None:
    """A table of ``rows`` x ``columns`` inserted (Insert > Table) in a new paragraph after the
    one holding ``words``, each cell given its row and column: ``Cel 2.3``."""
    found = _find(document, words)
    text = found.getText()  # type: ignore[attr-defined]
    cursor = text.createTextCursorByRange(found.getEnd())
    cursor.gotoEndOfParagraph(False)
    text.insertControlCharacter(
        cursor, uno.getConstantByName("com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK"), False
    )
    table = document.createInstance("com.sun.star.text.TextTable")  # type: ignore[attr-defined]
    table.initialize(int(rows), int(columns))
    text.insertTextContent(cursor, table, False)
    for row in range(int(rows)):
        for column in range(int(columns)):
            table.getCellByName(f"{chr(ord('A') + column)}{row + 1}").setString(f"Cel {row + 1}.{column + 1}")


OPERATIONS = {"delete_note": _delete_note, "move": _move, "reject": _reject, "shape": _shape, "table": _table}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        main(json.load(file))
