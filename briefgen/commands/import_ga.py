"""``briefgen import``: a GA that briefgen did not write, turned into an agenda and positions."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import _
from ..readback.importing import import_ga
from .common import ROOT, resolve, warn


@click.command("import")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--raad", "raad_id", required=True, metavar="ID", help="The new agenda's id (its file name).")
@click.option("--dry-run", is_flag=True, help="Only show what would be written.")
@ROOT
def import_command(document: Path, raad_id: str, dry_run: bool, root: Path) -> None:
    """Turn a GA that briefgen did not write into agendas/ID.yaml and position entries."""
    report = import_ga(root, resolve(root, document), raad_id, dry_run=dry_run)
    warn(report.warnings)
    if report.resumed:
        click.echo(
            str(_("completed the interrupted 'briefgen import --raad {raad_id}'", raad_id=raad_id)), err=True
        )
        for path in report.written:
            click.echo(str(_("wrote {path}", path=path)))
        return
    click.echo(
        str(
            _("would write agendas/{raad_id}.yaml", raad_id=raad_id)
            if dry_run
            else _("wrote agendas/{raad_id}.yaml", raad_id=raad_id)
        )
    )
    for line in report.added:
        click.echo(str(_("would add {line}", line=line) if dry_run else _("added {line}", line=line)))
    for line in report.unplaced:
        click.echo(str(_("not placed: {line}", line=line)))
