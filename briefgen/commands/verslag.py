"""``briefgen verslag``: draft the report of a Council that met (:mod:`briefgen.output.verslag_draft`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..output.verslag_draft import draft_verslag
from .common import ROOT, show_drafted


@click.command("verslag")
@click.argument("agenda_id")
@click.option("--datum", type=click.DateTime(formats=["%Y-%m-%d"]), help="The letter's date (YYYY-MM-DD).")
@ROOT
def verslag_command(agenda_id: str, datum: dt.datetime | None, root: Path) -> None:
    """Draft the verslag of AGENDA_ID: a 'verslag' section and an empty 'uitkomst' per item."""
    drafted = draft_verslag(root, agenda_id, datum.date() if datum else None)
    show_drafted(drafted, f"verslag {agenda_id}")
