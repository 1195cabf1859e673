"""``briefgen diff``: pick the two versions to compare, compare them, hand them to a writer."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import _
from ..output.diff_document import write
from ..output.outputs import write_output
from ..output.versions import between_agendas, between_councils, since_revision
from .common import ROOT, resolve
from .diffoutput import as_json, as_text


@click.command("diff")
@click.argument("dossier", required=False)
@click.option("--from", "old", metavar="RAAD", help="The earlier Council (an agenda id).")
@click.option("--to", "new", metavar="RAAD", help="The later Council (an agenda id).")
@click.option(
    "--agenda", "old_agenda", type=click.Path(dir_okay=False, path_type=Path), help="Earlier agenda file."
)
@click.option(
    "--against", "new_agenda", type=click.Path(dir_okay=False, path_type=Path), help="Later agenda file."
)
@click.option("--since", metavar="GITREV", help="Compare with the dossier file in this git revision.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "docx"]), default="text", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File for --format docx."
)
@ROOT
def diff_command(
    dossier: str | None,
    old: str | None,
    new: str | None,
    old_agenda: Path | None,
    new_agenda: Path | None,
    since: str | None,
    fmt: str,
    output: Path | None,
    root: Path,
) -> None:
    """How positions moved: DOSSIER between two Councils, since a git revision, or two agendas."""
    if old_agenda or new_agenda:
        if not (old_agenda and new_agenda) or dossier:
            raise click.UsageError("use --agenda FROM_AGENDA --against TO_AGENDA, without a dossier")
        comparison = between_agendas(root, resolve(root, old_agenda), resolve(root, new_agenda))
    elif dossier and since:
        comparison = since_revision(root, dossier, since, new)
    elif dossier and old and new:
        comparison = between_councils(root, dossier, old, new)
    else:
        raise click.UsageError(
            "give DOSSIER --from RAAD --to RAAD, DOSSIER --since GITREV, or --agenda/--against"
        )
    if fmt == "docx":
        if output is None:
            raise click.UsageError(str(_("--format docx needs -o FILE")))
        write_output(root, output, write(comparison, root))
        click.echo(str(_("wrote {path}", path=output)))
    elif fmt == "json":
        click.echo(as_json(comparison))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        click.echo(as_text(comparison, colour), color=colour)
