"""Edit a .docx in LibreOffice through its UNO API, as a colleague would, and save it as Word.

Run by the Python that has LibreOffice's ``uno`` module (Debian's python3-uno), not by the
tests' own interpreter: ``python3 uno_edit.py JOBS_JSON``, a list of jobs, each
``{"source", "target", "author", "tracked", "edits"}``; ``edits`` is a list of [old, new]:
the first occurrence of each ``old`` is replaced by ``new``, as a tracked change by the
author when ``tracked``; ``operations`` (optional) a list of ``["delete_note", AFTER]`` (the footnote whose reference follows those words) and
``["move", PARAGRAPH, BEFORE]`` (a paragraph moved before another, both named by their first
words). (No comments: LibreOffice headless crashes saving one it was given through UNO.) Each document is saved with the "MS Word 2007 XML" filter. One
LibreOffice, headless with a profile of its own, does every job.
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
            _edit(desktop, job)


def _edit(desktop: object, job: dict) -> None:
    document = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
        uno.systemPathToFileUrl(os.path.abspath(job["source"])), "_blank", 0, (_property("Hidden", True),)
    )
    document.RecordChanges = bool(job["tracked"])
    for old, new in job["edits"]:
        _find(document, old).setString(new)
    for operation in job.get("operations", []):
        OPERATIONS[operation[0]](document, job["author"], *operation[1:])
    document.storeToURL(
        uno.systemPathToFileUrl(os.path.abspath(job["target"])),
        (_property("FilterName", "MS Word 2007 XML"),),
    )
    document.close(True)


def _find(document: object, text: str) -> object:
    search = document.createSearchDescriptor()  # type: ignore[attr-defined]
    search.SearchString = text
    found = document.findFirst(search)  # type: ignore[attr-defined]
    if found is None:
        raise SystemExit(f"not in the document: {text}")
    return found


def _delete_note(document: object, author: str, after: str) -> None:
    """The footnote whose reference follows the words ``after`` deleted (its reference cut)."""
    found = _find(document, after)
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


OPERATIONS = {"delete_note": _delete_note, "move": _move}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        main(json.load(file))
