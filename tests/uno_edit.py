"""Edit a .docx in LibreOffice through its UNO API, as a colleague would, and save it as Word.

Run by the Python that has LibreOffice's ``uno`` module (Debian's python3-uno), not by the
tests' own interpreter: ``python3 uno_edit.py JOBS_JSON``, a list of jobs, each
``{"source", "target", "author", "tracked", "edits"}``; ``edits`` is a list of [old, new]:
the first occurrence of each ``old`` is replaced by ``new``, as a tracked change by the
author when ``tracked``. Each document is saved with the "MS Word 2007 XML" filter. One
LibreOffice, headless with a profile of its own, does every job.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

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


def main(jobs: list[dict]) -> None:
    profile = tempfile.mkdtemp(prefix="uno-profile-")
    pipe = f"briefgen-test-{os.getpid()}"
    office = subprocess.Popen(
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
    )
    try:
        context = _connect(pipe)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        for job in jobs:
            _set_author(context, job["author"])
            _edit(desktop, job)
        with contextlib.suppress(Exception):  # the bridge goes down with the office
            desktop.terminate()
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()
        shutil.rmtree(profile, ignore_errors=True)


def _edit(desktop: object, job: dict) -> None:
    document = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
        uno.systemPathToFileUrl(os.path.abspath(job["source"])), "_blank", 0, (_property("Hidden", True),)
    )
    document.RecordChanges = bool(job["tracked"])
    for old, new in job["edits"]:
        search = document.createSearchDescriptor()
        search.SearchString = old
        found = document.findFirst(search)
        if found is None:
            raise SystemExit(f"not in the document: {old}")
        found.setString(new)
    document.storeToURL(
        uno.systemPathToFileUrl(os.path.abspath(job["target"])),
        (_property("FilterName", "MS Word 2007 XML"),),
    )
    document.close(True)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        main(json.load(file))
