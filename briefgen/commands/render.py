"""``briefgen render``: each agenda's package built and switched into its folder
(:mod:`briefgen.output.render`), what was written and kept said, and PDF copies made."""

from __future__ import annotations

import gc
import os
from functools import cache
from pathlib import Path

import click

from ..errors import Location, Problem, UserError, _, fail
from ..output.leftovers import any_left
from ..output.render import Rendered, render, render_many
from .common import ARCERING, ROOT, report, resolve


@click.command("render")
@click.argument("agendas", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (with several agendas: the folder that gets one folder per agenda).",
)
@ARCERING
@click.option("--pdf", is_flag=True, help="Also convert every document to PDF with LibreOffice.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Processes for several agendas (default: one per core)."
)
@click.option("--watch", is_flag=True, help="Keep running and render again after every save (Ctrl-C stops).")
@ROOT
def render_command(
    agendas: tuple[Path, ...],
    output: Path | None,
    arcering: tuple[str, ...],
    pdf: bool,
    jobs: int | None,
    watch: bool,
    root: Path,
) -> None:
    """Render the GA package of each AGENDA (agendas/*.yaml files, or folders of them)."""

    def once() -> None:
        paths = _agenda_files([resolve(root, agenda) for agenda in agendas])
        _render_and_report(root, paths, output, arcering, pdf, jobs)

    if watch:
        from .watch import keep_rendering

        keep_rendering(root, once)
    else:
        once()


def _render_and_report(
    root: Path, paths: list[Path], output: Path | None, arcering: tuple[str, ...], pdf: bool, jobs: int | None
) -> None:
    _freeze_once()
    if any_left(root):  # else nothing to sweep or explain: the journal's machinery stays unloaded
        from ..output.journal import refuse_planted

        report(refuse_planted(root))
    if len(paths) == 1:
        try:
            results: list[tuple[Path, Rendered | UserError]] = [
                (paths[0], render(root, paths[0], output, arcering))
            ]
        except UserError as error:
            results = [(paths[0], error)]
    else:
        results = render_many(root, paths, output, arcering, jobs or os.cpu_count() or 1)
    documents: list[Path] = []
    failed: list[Problem] = []
    for _agenda, result in results:
        if isinstance(result, UserError):
            failed += result.problems
            continue
        report(result.notices)
        for path in result.written():
            click.echo(str(_("wrote {path}", path=path)))
        for path in result.kept():
            click.echo(str(_("kept {path} (unchanged)", path=path)))
        for line in result.changes:
            click.echo(str(_("changed: {line}", line=line)))
        documents += [path for path in result.files if path.suffix == ".docx"]
    if failed:
        from ..output.journal import explained

        raise UserError(explained(root, failed))
    if pdf:
        from ..output.pdf import convert

        for path in convert(documents):
            click.echo(str(_("wrote {path}", path=path)))


def _agenda_files(paths: list[Path]) -> list[Path]:
    """The agenda files named, with each folder standing for the ``*.yaml`` files in it."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(path.glob("*.yaml"))
        if not found:
            raise fail(Location(str(path)), _("no agenda files (*.yaml) in this folder"))
        files += found
    return files


@cache
def _freeze_once() -> None:
    """What is loaded before the first render lives as long as the process: collections need
    not visit it. Only once: ``--watch`` renders again and again, and what a render leaves
    behind must stay collectable (frozen, a render's reference cycles would be kept for good)."""
    gc.freeze()
