"""``briefgen status``: which documents of a build no longer match their inputs, and why;
and, once a build was sent round (``briefgen send``), what changed since.

The package is composed again in memory (it takes a fraction of a second) and each
document's bytes are compared with what the last build wrote, so a document is stale
exactly when a render would rewrite it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from ..build import history
from ..build.package import compose_package
from ..changes.manifest import ITEM_FIELDS, Manifest, input_reasons, item_changes, sha256
from .common import ROOT, resolve

# The nota shows each item's summary; the verslag (and its letters) the outcome; the GA
# (and a letter that carries it) the rest.
NOTA_USES = frozenset({"kern", "onderwerp", "soort", "kop"})
VERSLAG_USES = frozenset({"uitkomst", "soort", "kop"})
GA_USES = frozenset(ITEM_FIELDS) - {"kern", "uitkomst"}


@dataclass
class DocumentStatus:
    name: str
    stale: bool
    reasons: list[str] = field(default_factory=list)


@dataclass
class Status:
    agenda: str
    folder: Path
    documents: list[DocumentStatus]
    sent: str = ""
    """The last sent build (``briefgen send``), if any."""
    since_sent: list[str] = field(default_factory=list)
    """What changed in the data since that build: one line per item or input."""

    @property
    def stale(self) -> bool:
        return any(d.stale for d in self.documents)

    def as_json(self) -> dict[str, Any]:
        return {
            "agenda": self.agenda,
            "folder": str(self.folder),
            "stale": self.stale,
            "documents": [{"name": d.name, "stale": d.stale, "reasons": d.reasons} for d in self.documents],
            "sent": {"build": self.sent, "changes": self.since_sent} if self.sent else None,
        }


def status(root: Path, agenda_path: Path, out_dir: Path | None = None) -> Status:
    package = compose_package(root, agenda_path, out_dir, arcering=None)
    previous = Manifest.read(package.folder)
    documents = []
    for output in package.outputs:
        name = output.path.name
        documents.append(
            DocumentStatus(name, *_judge(output.path, output.data, previous, package.manifest, name))
        )
    result = Status(package.agenda.id, package.folder, documents)
    sent = history.last_sent(root, package.agenda.id)
    if sent is not None:
        result.sent = sent.build
        current = package.manifest
        result.since_sent = item_changes(sent.punten, current.punten) or input_reasons(
            sent, current.inputs, current.punten
        )
    return result


def _judge(
    path: Path, data: bytes, previous: Manifest | None, current: Manifest, name: str
) -> tuple[bool, list[str]]:
    if previous is None:
        return True, ["not built yet (no manifest.json)"]
    if not path.is_file():
        return True, ["missing from the build folder"]
    on_disk = sha256(path.read_bytes())
    if on_disk != previous.outputs.get(name):
        return True, ["differs from what the last build wrote (edited or replaced since)"]
    if sha256(data) == on_disk:
        return False, []
    uses = NOTA_USES if name == "nota.docx" else VERSLAG_USES if "verslag" in name else GA_USES
    reasons = input_reasons(previous, current.inputs, current.punten, uses)
    return True, reasons or ["its composed content changed"]


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
    result = status(root, resolve(root, agenda), output)
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        for document in result.documents:
            state = "stale" if document.stale else "up to date"
            click.echo(
                f"{document.name}: {state}" + (f": {'; '.join(document.reasons)}" if document.reasons else "")
            )
        if result.sent:
            click.echo(
                f"since sent build {result.sent}: " + ("; ".join(result.since_sent) or "nothing changed")
            )
    if exit_code and result.stale:
        sys.exit(1)
