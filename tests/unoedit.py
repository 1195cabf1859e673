"""Colleagues' answers: a document edited in its XML (as Word would store the edits), or by
LibreOffice itself, driven through its UNO API (see ``uno_edit.py``).

LibreOffice's ``uno`` module belongs to the system's Python (Debian's python3-uno), so the
edit runs there, in a process of its own; a test that needs it is skipped, saying why,
where that Python or ``soffice`` is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from docxedit import Docx, q

SCRIPT = Path(__file__).with_name("uno_edit.py")


def _uno_python() -> str | None:
    """A Python that can import LibreOffice's ``uno`` module, if there is one."""
    for candidate in dict.fromkeys(["/usr/bin/python3", shutil.which("python3") or ""]):
        if not candidate or not Path(candidate).exists():
            continue
        found = subprocess.run([candidate, "-c", "import uno"], capture_output=True, check=False, timeout=60)
        if found.returncode == 0:
            return candidate
    return None


PYTHON = _uno_python()
needs_uno = pytest.mark.skipif(
    PYTHON is None or shutil.which("soffice") is None,
    reason="LibreOffice (soffice) or its UNO bridge for Python (python3-uno) is not installed",
)


@dataclass(frozen=True)
class Answer:
    """A colleague's answer to make: ``source`` edited by ``author``, saved at ``target``."""

    source: Path
    target: Path
    author: str
    edits: list[tuple[str, str]]
    tracked: bool = True
    operations: tuple[tuple[str, ...], ...] = ()
    """Comments, deleted footnotes and moved paragraphs (see ``uno_edit.py``)."""


def edit_in_libreoffice(*answers: Answer) -> list[Path]:
    """Each answer made in one LibreOffice: the source opened by its author, each (old, new)
    replaced (as a tracked change when ``tracked``), saved as "MS Word 2007 XML"."""
    assert PYTHON is not None
    jobs = []
    for answer in answers:
        answer.target.parent.mkdir(parents=True, exist_ok=True)
        jobs.append(
            {
                "source": str(answer.source),
                "target": str(answer.target),
                "author": answer.author,
                "tracked": answer.tracked,
                "edits": answer.edits,
                "operations": [list(o) for o in answer.operations],
            }
        )
    with tempfile.TemporaryDirectory() as folder:
        job_file = Path(folder) / "jobs.json"
        job_file.write_text(json.dumps(jobs), encoding="utf-8")
        subprocess.run([PYTHON, str(SCRIPT), str(job_file)], check=True, timeout=600)
    return [answer.target for answer in answers]


def edit_in_xml(
    ga: Path, target: Path, author: str, edits: list[tuple[str, str]], tracked: bool = True
) -> Path:
    """``ga`` as a colleague returns it: each (old, new) made in the first paragraph holding
    ``old``, as tracked changes by ``author`` (or plain edits, the document saved by them)."""
    docx = Docx.read(ga.read_bytes())
    for old, new in edits:
        paragraph = next(p for p in docx.paragraphs() if old in "".join(t.text or "" for t in p.iter(q("t"))))
        docx.reword(paragraph, old, new, tracked)
    for change in docx.document.iter(q("ins"), q("del")):
        change.set(q("author"), author)
    core = docx.parts["docProps/core.xml"].decode("utf-8")
    docx.parts["docProps/core.xml"] = core.replace(
        "<cp:lastModifiedBy>briefgen</cp:lastModifiedBy>", f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
    ).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(docx.bytes())
    return target


def two_paragraph_inzet(root: Path) -> None:
    """Give bodem's inzet in a small project a second paragraph, ``Tweede alinea.``."""
    path = root / "positions/bodem.yaml"
    old = "inzet: >-\n      Inzet van bodem.[^gedeeld]"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(
        text.replace(old, "inzet: |-\n      Inzet van bodem.[^gedeeld]\n\n      Tweede alinea.", 1),
        encoding="utf-8",
    )
