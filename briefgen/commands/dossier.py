"""``briefgen dossier new``: a commented skeleton position file (:mod:`briefgen.output.dossier_draft`)."""

from __future__ import annotations

from pathlib import Path

import click

from ..data.project import Project
from ..errors import _
from ..output.dossier_draft import draft_dossier
from .common import ROOT


@click.group("dossier")
def dossier_group() -> None:
    """Dossiers in positions/: 'dossier new ID' writes a commented skeleton position file."""


@dossier_group.command("new")
@click.argument("dossier_id")
@click.option("--raad", metavar="AGENDA-ID", help="The Council of the first position.")
@ROOT
def dossier_new_command(dossier_id: str, raad: str | None, root: Path) -> None:
    """Write positions/DOSSIER_ID.yaml: a commented skeleton to fill in."""
    target = draft_dossier(root, dossier_id, raad)
    click.echo(str(_("wrote {path}", path=Project(root).display(target))))
