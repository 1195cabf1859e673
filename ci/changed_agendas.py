"""The agenda files whose package a push changed, one a line, for CI to render.

    python ci/changed_agendas.py BASE

BASE is the commit before the push (GitLab: CI_COMMIT_BEFORE_SHA, GitHub:
github.event.before). An agenda changed when its own file changed, a position file one
of its items names (positions/<dossier>.yaml) changed, or positions/_voetnoten.yaml or
anything under templates/ changed: the files a render reads. When BASE is empty, all
zeros (the first push of a branch) or not in this clone's history (a shallow clone), every
agenda is printed. Run it after `briefgen check`, which refuses a file before anything
here reads it; it reads the agendas with PyYAML's safe loader, which briefgen installs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

WATCHED = ("agendas", "positions", "templates")
SHARED = "positions/_voetnoten.yaml"


def changed_files(base: str) -> set[str] | None:
    """The files under agendas/, positions/ and templates/ that differ between BASE and
    HEAD; None when BASE names no commit this clone has."""
    if not base.strip("0"):
        return None
    known = subprocess.run(["git", "cat-file", "-e", f"{base}^{{commit}}"], capture_output=True)
    if known.returncode != 0:
        return None
    listed = subprocess.run(
        ["git", "diff", "--name-only", "--no-renames", base, "HEAD", "--", *WATCHED],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(listed.stdout.splitlines())


def dossiers(agenda: Path) -> set[str]:
    """The dossier ids an agenda's items name."""
    data = yaml.safe_load(agenda.read_text(encoding="utf-8"))
    items = data.get("punten") if isinstance(data, dict) else None
    return {str(item["dossier"]) for item in items or [] if isinstance(item, dict) and item.get("dossier")}


def changed_agendas(base: str) -> list[str]:
    agendas = sorted(Path("agendas").glob("*.yaml"))
    changed = changed_files(base)
    if changed is None or SHARED in changed or any(name.startswith("templates/") for name in changed):
        return [agenda.as_posix() for agenda in agendas]
    return [
        agenda.as_posix()
        for agenda in agendas
        if agenda.as_posix() in changed
        or any(f"positions/{dossier}.yaml" in changed for dossier in dossiers(agenda))
    ]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python ci/changed_agendas.py BASE")
    for name in changed_agendas(sys.argv[1]):
        print(name)
