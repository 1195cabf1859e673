"""``briefgen import``: a GA that briefgen did not write, turned into an agenda and positions."""

from __future__ import annotations

from pathlib import Path

import click

from ..readback.importing import import_ga
from .common import ROOT, resolve


@click.command("import")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--raad", "raad_id", required=True, metavar="ID", help="The new agenda's id (its file name).")
@click.option("--dry-run", is_flag=True, help="Only show what would be written.")
@ROOT
def import_command(document: Path, raad_id: str, dry_run: bool, root: Path) -> None:
    """Turn a GA that briefgen did not write into agendas/ID.yaml and position entries."""
    report = import_ga(root, resolve(root, document), raad_id, dry_run=dry_run)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if report.resumed:
        click.echo(f"completed the interrupted 'briefgen import --raad {raad_id}'", err=True)
        for path in report.written:
            click.echo(f"wrote {path}")
        return
    click.echo(f"{'would write' if dry_run else 'wrote'} agendas/{raad_id}.yaml")
    for line in report.added:
        click.echo(("would add " if dry_run else "added ") + line)
    for line in report.unplaced:
        click.echo(f"not placed: {line}")
