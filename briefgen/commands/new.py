"""``briefgen new``: draft the next Council from an earlier one (:mod:`briefgen.output.next_council`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..data.project import Project
from ..output.next_council import NOT_CARRIED, draft
from .common import ROOT, show_drafted


@click.command("new")
@click.argument("agenda_id")
@click.option("--from", "earlier", required=True, metavar="AGENDA-ID", help="The Council to start from.")
@click.option(
    "--datum", type=click.DateTime(formats=["%Y-%m-%d"]), help="The new Council's date (YYYY-MM-DD)."
)
@click.option("--plaats", help="Where the new Council meets (default: as the earlier one).")
@ROOT
def new_command(
    agenda_id: str, earlier: str, datum: dt.datetime | None, plaats: str | None, root: Path
) -> None:
    """Draft agendas/AGENDA_ID.yaml and new position entries from an earlier Council."""
    drafted = draft(root, agenda_id, earlier, datum.date() if datum else None, plaats)
    show_drafted(drafted, f"new {agenda_id}")
    target = Project(root).agenda_dir / f"{agenda_id}.yaml"
    for line in target.read_text(encoding="utf-8").splitlines():
        if line.startswith(NOT_CARRIED):
            click.echo(line.removeprefix("# ").replace("Not carried", "not carried", 1))
