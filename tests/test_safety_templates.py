"""What templates, reference.docx and LibreOffice may do: nothing runs from a place another
user can write, and every fault in them is a located error in bounded time and memory."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import stat
import sys
import tempfile
from pathlib import Path

import jinja2
import pytest

from conftest import AGENDA, GA, briefgen

OUT = GA.parent


class _Planted:
    """A pickle that makes a folder when it is loaded: proof that a cache file was unpickled."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def test_a_planted_template_cache_is_never_unpickled(project: Path, tmp_path: Path) -> None:
    cache = project / "build" / ".cache" / "jinja"
    cache.mkdir(parents=True)
    marker = tmp_path / "unpickled"
    keys = jinja2.FileSystemBytecodeCache(str(cache))
    for template in (project / "templates").rglob("*.j2"):
        name = template.relative_to(template.parent).as_posix()
        path = cache / f"__jinja2_{keys.get_cache_key(name, str(template))}.cache"
        path.write_bytes(jinja2.bccache.bc_magic + pickle.dumps(_Planted(marker)))
    planted = sorted(cache.iterdir())
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert briefgen(project, "check").exit_code == 0
    assert not marker.exists()
    assert sorted(cache.iterdir()) == planted


FAKE_SOFFICE = """#!{python}
import json, os, sys
from pathlib import Path
from urllib.parse import unquote, urlparse
args = sys.argv[1:]
profile = Path(unquote(urlparse(next(a for a in args if a.startswith("-env:UserInstallation="))
                                .split("=", 1)[1]).path))
info = profile.stat()
outdir = Path(args[args.index("--outdir") + 1])
for document in args[args.index("--outdir") + 2:]:
    (outdir / (Path(document).stem + ".pdf")).write_bytes(b"%PDF-1.7 fake")
with open(os.environ["SOFFICE_LOG"], "a") as log:
    log.write(json.dumps({{"profile": str(profile), "mode": info.st_mode, "uid": info.st_uid,
                          "entries": os.listdir(profile)}}) + "\\n")
"""


def _fake_soffice(folder: Path) -> Path:
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable))
    script.chmod(0o700)
    return script


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test alone."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_pdf_profile_is_a_fresh_private_folder_removed_afterwards(
    project: Path, tmp_path: Path, temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_folder = tmp_path / "bin"
    _fake_soffice(bin_folder)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    log = tmp_path / "soffice.log"
    monkeypatch.setenv("SOFFICE_LOG", str(log))
    result = briefgen(project, "render", AGENDA, "--pdf")
    assert result.exit_code == 0, result.output
    assert len(list((project / OUT).glob("*.pdf"))) == 4
    runs = [json.loads(line) for line in log.read_text().splitlines()]
    assert runs
    profiles = {run["profile"] for run in runs}
    assert len(profiles) == len(runs)
    for run in runs:
        assert Path(run["profile"]).parent == temp
        assert stat.S_IMODE(run["mode"]) == 0o700
        assert run["uid"] == os.getuid()
        assert run["entries"] == []
    assert list(temp.iterdir()) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")
def test_pdf_never_uses_a_profile_folder_someone_prepared(project: Path, temp: Path) -> None:
    prepared = {}
    for number in range(os.cpu_count() or 1):
        folder = temp / f"briefgen-libreoffice-{os.getuid()}-{number}"
        basic = folder / "user" / "basic" / "Standard"
        basic.mkdir(parents=True)
        (basic / "Module1.xba").write_text('Sub Main\n  Shell("touch planted")\nEnd Sub\n')
        prepared[folder] = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    result = briefgen(project, "render", AGENDA, "--pdf")
    assert result.exit_code == 0, result.output
    assert len(list((project / OUT).glob("*.pdf"))) == 4
    for folder, contents in prepared.items():
        assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == contents
    assert sorted(temp.iterdir()) == sorted(prepared)
