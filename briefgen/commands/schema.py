"""``briefgen schema``: the JSON Schemas of the data files, for an editor's YAML language server."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..data.jsonschemas import schema_json
from ..errors import Location, _, fail
from ..output.disk import cannot, replace_file
from ..output.outputs import check_output, refuse_build_folder, refuse_source_folder
from .common import ROOT

SCHEMA_NAMES = ("agenda", "dossier", "voetnoten")


@click.command("schema")
@click.argument("name", required=False, type=click.Choice(SCHEMA_NAMES))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write NAME.schema.json (default: all three) into this folder.",
)
@ROOT
def schema_command(name: str | None, output: Path | None, root: Path) -> None:
    """JSON Schema of agenda, dossier or voetnoten files, for an editor's YAML language server."""
    if output is None:
        if name is None:
            raise click.UsageError(str(_("name a schema (agenda, dossier, voetnoten) or give -o DIR")))
        click.echo(schema_json(name), nl=False)
        return
    refuse_source_folder(root, output)
    refuse_build_folder(output, output)
    if os.path.lexists(output) and not output.is_dir():
        raise fail(Location(str(output)), _("is not a folder; -o takes the folder the schemas go into"))
    for each in [name] if name else SCHEMA_NAMES:
        check_output(root, output / f"{each}.schema.json")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot(output, error, _("cannot make this folder")) from None
    for each in [name] if name else SCHEMA_NAMES:
        target = output / f"{each}.schema.json"
        replace_file(target, schema_json(each).encode("utf-8"), follow_links=False)
        click.echo(str(_("wrote {path}", path=target)))
