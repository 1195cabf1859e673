"""``briefgen absorb``: take the edits in a returned document back into the data."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UserError, _
from ..output.journal import finish
from ..output.outputs import check_output, write_output
from ..readback.absorb import absorb_all
from ..readback.report import conflict_document
from .common import ROOT, resolve, warn


@click.command("absorb")
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only show what would change; write nothing.")
@click.option("--original", is_flag=True, help="Read the text before its tracked changes.")
@click.option("--strict-pending", is_flag=True, help="Refuse a document that still has tracked changes.")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the conflicts to this Word document, each version a tracked change by its author.",
)
@ROOT
def absorb_command(
    documents: tuple[Path, ...],
    dry_run: bool,
    original: bool,
    strict_pending: bool,
    report_file: Path | None,
    root: Path,
) -> None:
    """Take the edits in returned DOCUMENTS (or folders of them) back into positions/ and agendas/.

    Each document (GA, letter, nota) is merged against the build it was made from, wherever
    it was saved; edits of different paragraphs all land, whatever the order."""
    if report_file is not None:  # refused before anything is absorbed, not after
        check_output(root, report_file)
    if not dry_run:
        for done in finish(root, "absorb"):
            click.echo(str(_("completed the interrupted 'briefgen absorb'")), err=True)
            for path in done.paths:
                click.echo(str(_("wrote {path}", path=path)))
    report = absorb_all(
        root,
        [resolve(root, document) for document in documents],
        dry_run=dry_run,
        original=original,
        strict_pending=strict_pending,
    )
    warn(report.warnings)
    if report.pending and not original:
        click.echo(str(_("read with {pending} tracked change(s) accepted", pending=report.pending)), err=True)
    if report.diff:
        click.echo(report.diff)
    files = sorted({c.bestand for c in report.changes})
    counts = {"values": len(report.changes), "files": len(files)}
    if dry_run:
        summary = _("would change {values} value(s) in {files} file(s)", **counts)
    else:
        summary = _("changed {values} value(s) in {files} file(s)", **counts)
    click.echo(f"{summary}: {', '.join(files)}" if files else str(summary))
    for line in report.homeless:
        click.echo(str(_("no home in the data: {line}", line=line)))
    for line in report.comments:
        click.echo(line)
    if report_file is not None:
        if report.disputes:
            write_output(root, report_file, conflict_document(root, report.disputes))
            click.echo(
                str(
                    _(
                        "wrote {report_file}: {count} conflict(s)",
                        report_file=report_file,
                        count=len(report.disputes),
                    )
                )
            )
        else:
            click.echo(
                str(_("no conflicts between texts: {report_file} not written", report_file=report_file))
            )
    if report.conflicts:
        raise UserError(report.conflicts)
