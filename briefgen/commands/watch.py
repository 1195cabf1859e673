"""``briefgen render --watch``: render again whenever a source file is saved.

Polls modification times (no extra dependency, works on every file system); a save
in positions/, agendas/ or templates/ triggers one new render.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from ..data.project import SOURCE_FOLDERS, Project
from ..errors import UserError, _
from .common import report

Snapshot = dict[Path, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """Modification time and size of every file in the project's source folders."""
    files: Snapshot = {}
    for name in SOURCE_FOLDERS:
        folder = root / name
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                files[path] = (stat.st_mtime_ns, stat.st_size)
    return files


def changed_files(before: Snapshot, after: Snapshot) -> list[Path]:
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def watch(
    root: Path,
    on_change: Callable[[Iterable[Path]], None],
    interval: float = 0.5,
    keep_going: Callable[[], bool] = lambda: True,
) -> None:
    """Call ``on_change`` with the changed files after each save, until ``keep_going`` says stop."""
    seen = snapshot(root)
    while keep_going():
        time.sleep(interval)
        now = snapshot(root)
        changed = changed_files(seen, now)
        if changed:
            seen = now
            on_change(changed)


def keep_rendering(root: Path, render: Callable[[], None]) -> None:
    """Call ``render`` now and after every save until Ctrl-C; problems in the files are
    reported and the watching goes on."""

    def again(changed: Iterable[Path]) -> None:
        project = Project(root)
        click.echo(str(_("saved: {value}", value=", ".join(project.display(p) for p in changed))))
        _reporting_problems(render)

    try:
        _reporting_problems(render)
        click.echo(str(_("watching positions/, agendas/ and templates/ (Ctrl-C stops)")), err=True)
        watch(root, again)
    except KeyboardInterrupt:
        click.echo(str(_("stopped")), err=True)


def _reporting_problems(action: Callable[[], None]) -> None:
    try:
        action()
    except UserError as error:
        report(error.problems)
