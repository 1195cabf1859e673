"""``briefgen schema``: the JSON Schemas of the data files, for an editor's YAML language server."""

from __future__ import annotations

from pathlib import Path

import click

from ..build.disk import replace_file
from ..data.schema import schema_json

SCHEMA_NAMES = ("agenda", "dossier", "voetnoten")


@click.command("schema")
@click.argument("name", required=False, type=click.Choice(SCHEMA_NAMES))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write NAME.schema.json (default: all three) into this folder.",
)
def schema_command(name: str | None, output: Path | None) -> None:
    """JSON Schema of agenda, dossier or voetnoten files, for an editor's YAML language server."""
    if output is None:
        if name is None:
            raise click.UsageError("name a schema (agenda, dossier, voetnoten) or give -o DIR")
        click.echo(schema_json(name), nl=False)
        return
    output.mkdir(parents=True, exist_ok=True)
    for each in [name] if name else SCHEMA_NAMES:
        target = output / f"{each}.schema.json"
        replace_file(target, schema_json(each).encode("utf-8"))
        click.echo(f"wrote {target}")
