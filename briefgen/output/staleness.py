"""``briefgen status``: which documents of a build no longer match their inputs, and why;
and, once a build was sent round (``briefgen send``), what changed since.

When every file the last build read still has the hash its manifest recorded (the
same template files, the same briefgen) and every document is the one it wrote, the
build is up to date without composing anything: the same inputs give the same bytes.
Otherwise the package is composed again in memory and each document's bytes are
compared with what the last build wrote, so a document is stale exactly when a render
would rewrite it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..compose.documents import GA, KINDS
from ..data.formations import slug
from ..data.project import SHARED_NOTES, Project, display_path
from ..errors import _
from . import history
from .manifest import ITEM_FIELDS, Manifest, file_sha256, input_reasons, item_changes, sha256
from .manifest import NAME as MANIFEST
from .package import compose_package
from .resources import Resources, file_digest
from .trusted import checked_manifest

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
    unchanged, folder, previous = _unchanged_build(root, agenda_path, out_dir)
    if unchanged is not None and previous is not None:
        result, current = unchanged, previous
    else:
        arcering = previous.arcering if previous is not None else None
        package = compose_package(root, agenda_path, out_dir, arcering=arcering)
        if previous is None or folder != package.folder:
            previous = checked_manifest(root, package.folder, display_path(root, package.folder / MANIFEST))
        documents = []
        for output in package.outputs:
            name = output.path.name
            documents.append(
                DocumentStatus(name, *_judge(output.path, output.data, previous, package.manifest, name))
            )
        result = Status(package.agenda.id, package.folder, documents)
        current = package.manifest
    sent = history.last_sent(root, result.agenda)
    if sent is not None:
        result.sent = sent.build
        result.since_sent = item_changes(sent.punten, current.punten) or input_reasons(
            sent, current.inputs, current.punten
        )
    return result


def _unchanged_build(
    root: Path, agenda_path: Path, out_dir: Path | None
) -> tuple[Status | None, Path | None, Manifest | None]:
    """The status of a build none of whose inputs or documents changed since it was made,
    found from hashes alone (None when anything differs: then the package is composed);
    the build folder and its manifest, when read, so that they are read once."""
    project = Project(root)
    entry = project.agenda(agenda_path)
    if entry is None or project.problems:
        return None, None, None
    resources = Resources(root)
    folder = out_dir if out_dir is not None else resources.build_folder(entry.model.id)
    previous = checked_manifest(root, folder, display_path(root, folder / MANIFEST))
    if previous is None or previous.version != __version__ or previous.agenda != entry.model.id:
        return None, folder, previous
    templates = resources.template_hashes(entry.model.template_set())
    recorded = {name: digest for name, digest in previous.inputs.items() if not name.startswith("templates/")}
    shared = project.display(project.positions / SHARED_NOTES)
    if templates != {n: d for n, d in previous.inputs.items() if n.startswith("templates/")}:
        return None, folder, previous
    if os.path.lexists(project.positions / SHARED_NOTES) != (shared in recorded):
        return None, folder, previous
    if any(file_digest(root / name) != digest for name, digest in recorded.items()):
        return None, folder, previous
    names = [f"{kind.stem}.docx" for kind in KINDS] + [
        f"{GA.stem}.arcering-{slug(name)}.docx" for name in previous.arcering
    ]
    documents = [DocumentStatus(name, False) for name in names if name in previous.outputs]
    for document in documents:
        if file_digest(folder / document.name) != previous.outputs[document.name]:
            return None, folder, previous
    return Status(entry.model.id, folder, documents), folder, previous


def _judge(
    path: Path, data: bytes, previous: Manifest | None, current: Manifest, name: str
) -> tuple[bool, list[str]]:
    if previous is None:
        return True, [_("not built yet (no manifest.json)")]
    if not path.is_file():
        return True, [_("missing from the build folder")]
    on_disk = file_sha256(path)  # read in steps, never whole: a 6 GB file put in its place is not read
    if on_disk is None:
        return True, [_("not a document briefgen wrote (larger than any, or not a regular file)")]
    if on_disk != previous.outputs.get(name):
        return True, [_("differs from what the last build wrote (edited or replaced since)")]
    if sha256(data) == on_disk:
        return False, []
    uses = NOTA_USES if name == "nota.docx" else VERSLAG_USES if "verslag" in name else GA_USES
    reasons = input_reasons(previous, current.inputs, current.punten, uses)
    return True, reasons or [_("its composed content changed")]
