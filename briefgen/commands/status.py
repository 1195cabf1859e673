"""``briefgen status``: which documents of a build are stale, and why (:mod:`briefgen.output.staleness`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import UserError, _, joined
from ..output.journal import explained, refuse_planted
from ..output.staleness import status
from .common import ROOT, report, resolve


@click.command("status")
@click.argument("agenda", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="Build folder to check."
)
@click.option("--check", "exit_code", is_flag=True, help="Exit 1 when any document is stale.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@ROOT
def status_command(agenda: Path, output: Path | None, exit_code: bool, fmt: str, root: Path) -> None:
    """Which documents of AGENDA's last build are stale, and why."""
    report(refuse_planted(root))
    try:
        result = status(root, resolve(root, agenda), output)
    except UserError as error:
        raise UserError(explained(root, error.problems)) from None
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        for document in result.documents:
            state = _("stale") if document.stale else _("up to date")
            if document.reasons:
                click.echo(f"{document.name}: {state}: {joined(document.reasons, '; ')}")
            else:
                click.echo(f"{document.name}: {state}")
        if result.sent:
            changes = joined(result.since_sent, "; ") or _("nothing changed")
            click.echo(str(_("since sent build {build}: {changes}", build=result.sent, changes=changes)))
    if exit_code and result.stale:
        sys.exit(1)
