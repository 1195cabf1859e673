"""Edits made by LibreOffice itself, driven through its UNO API (see ``uno_edit.py``).

LibreOffice's ``uno`` module belongs to the system's Python (Debian's python3-uno), so the
edit runs there, in a process of its own; a test that needs it is skipped, saying why,
where that Python or ``soffice`` is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

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


def edit_in_libreoffice(
    source: Path, target: Path, author: str, edits: list[tuple[str, str]], tracked: bool = True
) -> Path:
    """``source`` opened in LibreOffice by ``author``, each (old, new) replaced (as a tracked
    change when ``tracked``), saved as "MS Word 2007 XML" at ``target``."""
    assert PYTHON is not None
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [PYTHON, str(SCRIPT), str(source), str(target), author, "1" if tracked else "0", json.dumps(edits)],
        check=True,
        timeout=300,
    )
    return target
