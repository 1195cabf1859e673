"""Planted journals and manifests naming paths outside the project: does every command refuse?

Run from anywhere:  python bench/planted.py

A copy of the example project is made in a temporary folder, beside a folder ``outside/``
holding a file (``victim.sh``) that stands for another project's position or a system
script. For each way of naming a path outside (absolute, climbing out with ``..``, a
link out of ``positions/``, a file its command would not write, a file not there yet)
a journal of ``briefgen new`` or ``verslag``, or the build's ``manifest.json``, is
planted (and journals of ``import`` and ``absorb``); then every command that reads it
runs as its own process (``new``, ``verslag``, ``import``, ``render``, ``check``,
``status``, ``absorb``). Each must exit 1 with one
line that starts with the planted file's name, no traceback, and ``outside/`` must be
as it was.

Prints one JSON object: cases, refused with the planted file's place, exit codes other
than 1, tracebacks, and cases after which ``outside/`` changed.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AGENDA_ID = "milieuraad-2026-03-17"
AGENDA = f"agendas/{AGENDA_ID}.yaml"
NEW_ID = "milieuraad-2026-10-20"
EARLIER = "milieuraad-2026-06-16"
BUILD = f"build/{AGENDA_ID}"
MANIFEST = f"{BUILD}/manifest.json"
POSITION = "positions/co2-normen.yaml"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefgen", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def entry(path: str, after: bytes, before: str | None = None) -> dict[str, object]:
    return {"path": path, "before": before, "after": base64.b64encode(after).decode("ascii")}


def ways_out(root: Path, outside: Path) -> dict[str, str]:
    """Each way of naming a file outside the project (or not written by the command)."""
    link = root / "positions" / "link-out.yaml"
    if not link.is_symlink():
        link.symlink_to(outside / "victim.sh")
    return {
        "absolute": str(outside / "victim.sh"),
        "absolute-new-file": str(outside / "created.sh"),
        "climbing": os.path.relpath(outside / "victim.sh", root),
        "climbing-inside-name": "positions/../../outside/victim.sh",
        "link-out": "positions/link-out.yaml",
        "not-its-file": "positions/voedselzekerheid.yaml",
        "control-character": "positions/co2-normen\n.yaml",
    }


def plant_new(root: Path, named: str) -> None:
    agenda = (root / f"agendas/{EARLIER}.yaml").read_text(encoding="utf-8").replace(EARLIER, NEW_ID)
    record = {
        "briefgen": "new",
        "agenda": NEW_ID,
        "files": [entry(f"agendas/{NEW_ID}.yaml", agenda.encode("utf-8")), entry(named, b"id: planted\n")],
    }
    (root / f"agendas/.{NEW_ID}.briefgen-new.json").write_text(json.dumps(record), encoding="utf-8")


def plant_verslag(root: Path, named: str, command: str = "verslag") -> None:
    agenda = (root / AGENDA).read_bytes()
    record = {"files": [entry(AGENDA, agenda, "0" * 64), entry(named, b"id: planted\n", "0" * 64)]}
    (root / f"agendas/.{AGENDA_ID}.briefgen-{command}.json").write_text(json.dumps(record), encoding="utf-8")


def plant_manifest(root: Path, named: str, where: str) -> None:
    path = root / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    if where == "agenda":
        data["agenda"] = named
    for bron in data["bronnen"].values():
        for spec in [*bron["fields"], *bron["notes"].values()]:
            if spec["file"] == POSITION and where == "bronnen":
                spec["file"] = named
    for punt in data["punten"]:
        if punt.get("bestand") == POSITION and where == "punten":
            punt["bestand"] = named
    path.write_text(json.dumps(data), encoding="utf-8")


def main() -> None:
    results = {
        "cases": 0,
        "refused_at_planted_file": 0,
        "other_exit": 0,
        "tracebacks": 0,
        "outside_changed": 0,
    }
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        outside = base / "outside"
        outside.mkdir()
        (outside / "victim.sh").write_text("#!/bin/sh\necho root's own script\n", encoding="utf-8")
        pristine = base / "pristine"
        for name in ("positions", "agendas", "templates"):
            shutil.copytree(REPO / name, pristine / name)
        assert run(pristine, "render", AGENDA).returncode == 0
        document = pristine / BUILD / "geannoteerde-agenda.docx"
        before = snapshot(outside)

        def case(label: str, planted: str, plant: Callable[[Path], None], command: list[str]) -> None:
            root = base / "project"
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(pristine, root, symlinks=True)
            plant(root)
            result = run(root, *command)
            results["cases"] += 1
            located = result.returncode == 1 and result.stderr.startswith(planted)
            results["refused_at_planted_file"] += located
            results["other_exit"] += result.returncode != 1
            results["tracebacks"] += "Traceback" in result.stderr
            changed = snapshot(outside) != before
            results["outside_changed"] += changed
            if not located or changed:
                failures.append(f"{label} {' '.join(command)}: rc {result.returncode}: {result.stderr[:300]}")

        probe = base / "probe"
        shutil.copytree(pristine, probe, symlinks=True)
        ways = ways_out(probe, outside)
        shutil.rmtree(probe)
        new_journal = f"agendas/.{NEW_ID}.briefgen-new.json"
        verslag_journal = f"agendas/.{AGENDA_ID}.briefgen-verslag.json"
        for label, named in ways.items():

            def new(root: Path, named: str = named) -> None:
                ways_out(root, outside)
                plant_new(root, named)

            def verslag(root: Path, named: str = named) -> None:
                ways_out(root, outside)
                plant_verslag(root, named)

            for command in (
                ["new", NEW_ID, "--from", EARLIER],
                ["render", AGENDA],
                ["check"],
                ["status", AGENDA],
            ):
                case(f"new-journal/{label}", new_journal, new, command)
            for command in (["verslag", AGENDA_ID], ["check"]):
                case(f"verslag-journal/{label}", verslag_journal, verslag, command)
            for kind in ("absorb", "import"):

                def journal(root: Path, named: str = named, kind: str = kind) -> None:
                    ways_out(root, outside)
                    plant_verslag(root, named, kind)

                answer = str(base / "project" / BUILD / document.name)
                words = ["absorb", answer] if kind == "absorb" else ["import", answer, "--raad", AGENDA_ID]
                case(f"{kind}-journal/{label}", f"agendas/.{AGENDA_ID}.briefgen-{kind}.json", journal, words)
            for where in ("bronnen", "punten"):
                if label == "not-its-file":
                    continue

                def manifest(root: Path, named: str = named, where: str = where) -> None:
                    ways_out(root, outside)
                    plant_manifest(root, named, where)

                path = str(base / "project" / BUILD / document.name)
                case(f"manifest-{where}/{label}", MANIFEST, manifest, ["absorb", path])
        for agenda in ("../../outside/victim", str(outside / "victim")):
            case(
                "manifest-agenda",
                MANIFEST,
                lambda root, agenda=agenda: plant_manifest(root, agenda, "agenda"),
                ["absorb", str(base / "project" / BUILD / document.name)],
            )
    print(json.dumps(results))
    for line in failures:
        print(line, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
