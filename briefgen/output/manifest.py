"""``manifest.json``: what a build read and wrote, so a later run can tell what moved.

Written last by every render, in the output folder. It holds the briefgen version, a
SHA-256 of every input (agenda, position files, shared footnotes, templates,
reference.docx) and of every document written, the text of every agenda item as it
went into the documents, and the Markdown each document was composed from (from which
the next build's tracked-changes update is made). Keys are sorted and nothing comes
from the clock, so the same inputs give the same manifest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from json.encoder import encode_basestring  # json's own, in C
from pathlib import Path
from typing import Any

from .. import __version__
from ..changes.records import SourceMap, maps_from_json, maps_to_json
from ..data.bundle import Bundle
from ..data.dossier import TEXT_SECTIONS
from ..data.files import NotRegularFile, TooLarge, open_regular, read_regular
from ..errors import _
from ..word.archive import CHUNK, MAX_PACKAGE_BYTES

NAME = "manifest.json"
PREVIEW = "preview"
"""The build folder's subfolder of HTML pages (``briefgen preview``), listed in no manifest."""
BUILD_ID_LENGTH = 16
"""Hex digits of a build id: 64 bits, far more than an agenda's builds ever need."""
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
"""A manifest holds the composed Markdown of each document; larger is not one briefgen wrote."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a built document as it is on disk, read in steps; None when it is not
    a regular file or larger than any document briefgen writes (a file put in its place is
    never read whole)."""
    try:
        with open_regular(path) as (file, status):
            if status.st_size > MAX_PACKAGE_BYTES:
                return None
            digest = hashlib.sha256()
            while chunk := file.read(CHUNK):
                digest.update(chunk)
    except (OSError, NotRegularFile):
        return None
    return digest.hexdigest()


@dataclass
class Manifest:
    """What a build read and wrote (``manifest.json``): the files with their hashes, the
    items, the documents and where their paragraphs came from."""

    agenda: str
    inputs: dict[str, str]
    outputs: dict[str, str]
    punten: list[dict[str, Any]]
    documenten: dict[str, str]
    arcering: list[str] = field(default_factory=list)
    version: str = __version__
    bronnen: dict[str, SourceMap] = field(default_factory=dict)
    """Per document, where its paragraphs came from (see ``records`` and ``sourcemap``)."""
    build: str = ""
    """The build's id: a hash of everything the build was made from and composed, but not of
    the documents' bytes; see :meth:`identity`."""
    ids: dict[str, str] = field(default_factory=dict)
    """Per document, the id it carries (see :meth:`document_id`)."""

    def identity(self) -> str:
        """The id this build's content gives: the same inputs and texts give the same id.

        Made from the documents' ids (set first), which hash their Markdown and source maps,
        so those are not serialised twice."""
        return _digest(
            {
                "agenda": self.agenda,
                "briefgen": self.version,
                "arcering": self.arcering,
                "inputs": self.inputs,
                "punten": self.punten,
                "ids": self.ids,
            }
        )

    def document_id(self, name: str) -> str:
        """The id document ``name`` carries: a hash of what absorb reads it against (its
        Markdown and source map), so a document that did not change keeps its id and bytes
        from one build to the next, and any build that has the id has the same base for it."""
        return _digest(
            {
                "agenda": self.agenda,
                "briefgen": self.version,
                "document": name,
                "source": self.documenten.get(name, ""),
                "bron": maps_to_json({name: self.bronnen[name]} if name in self.bronnen else {}),
            }
        )

    def to_bytes(self) -> bytes:
        return (indented(self._content()) + "\n").encode("utf-8")

    def _content(self) -> dict[str, Any]:
        return {
            "build": self.build,
            "briefgen": self.version,
            "agenda": self.agenda,
            "arcering": self.arcering,
            "inputs": self.inputs,
            "outputs": self.outputs,
            "punten": self.punten,
            "documenten": self.documenten,
            "bronnen": maps_to_json(self.bronnen),
            "ids": self.ids,
        }

    @classmethod
    def read(cls, folder: Path) -> Manifest | None:
        """The manifest of an earlier build, or None when there is none (or it is unreadable)."""
        try:
            raw, _ = read_regular(folder / NAME, MAX_MANIFEST_BYTES, follow_links=False)
        except (OSError, NotRegularFile, TooLarge):  # a pipe or device planted there is not read
            return None
        return cls.parse(raw)

    @classmethod
    def parse(cls, raw: bytes) -> Manifest | None:
        """A manifest from its bytes, or None when they are not one."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (ValueError, RecursionError):
            return None
        return cls.from_data(data)

    @classmethod
    def from_data(cls, data: Any, maps: dict[str, SourceMap] | None = None) -> Manifest | None:
        """A manifest from its JSON data, or None when they are not one; ``maps`` are its
        source maps when the caller has read them from ``data`` already."""
        try:
            return cls(
                agenda=data["agenda"],
                inputs=dict(data["inputs"]),
                outputs=dict(data["outputs"]),
                punten=list(data["punten"]),
                documenten=dict(data["documenten"]),
                arcering=list(data.get("arcering", [])),
                version=str(data["briefgen"]),
                bronnen=maps if maps is not None else maps_from_json(data.get("bronnen", {})),
                build=str(data.get("build", "")),
                ids={str(k): str(v) for k, v in dict(data.get("ids", {})).items()},
            )
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None


def _digest(data: dict[str, Any]) -> str:
    return sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))[:BUILD_ID_LENGTH]


def disagreements(folder: Path) -> list[str]:
    """How a build folder differs from its own manifest: each file missing, altered or not listed.

    PDFs made by ``--pdf`` beside a listed document, and the pages of ``briefgen preview``
    (:data:`PREVIEW`), are part of the build without being listed.
    """
    manifest = Manifest.read(folder)
    if manifest is None:
        return [_("{name} missing or unreadable", name=NAME)]
    found = {path.name for path in folder.iterdir()}
    problems: list[str] = []
    for name, digest in sorted(manifest.outputs.items()):
        if name not in found:
            problems.append(_("{name} missing", name=name))
        elif file_sha256(folder / name) != digest:
            problems.append(_("{name} differs from the manifest", name=name))
    listed = {NAME, PREVIEW, *manifest.outputs}
    listed |= {name.removesuffix(".docx") + ".pdf" for name in manifest.outputs if name.endswith(".docx")}
    problems += [_("{name} not in the manifest", name=name) for name in sorted(found - listed)]
    return problems


def item_texts(bundle: Bundle) -> list[dict[str, Any]]:
    """Each agenda item with the texts of its position for this Council."""
    out = []
    for index, punt in enumerate(bundle.agenda.punten):
        item: dict[str, Any] = {
            "dossier": punt.dossier or punt.kop or f"punt {index + 1}",
            "bestand": bundle.entry.source.path,
            "soort": punt.soort,
            "onderwerp": punt.onderwerp,
            "kop": punt.kop,
            "portefeuille": punt.portefeuille,
        }
        if punt.dossier:
            dossier = bundle.dossiers[punt.dossier]
            item.update(
                bestand=dossier.source.path, portefeuille=punt.portefeuille or dossier.model.portefeuille
            )
            standpunt = bundle.standpunt(punt.dossier)
            item.update({name: getattr(standpunt, name) for name in TEXT_SECTIONS})
        else:
            item.update(tekst=punt.tekst, uitkomst=punt.uitkomst)
        out.append(item)
    return out


def item_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """One line per agenda item that changed: added, dropped, or which of its texts."""
    before = {item["dossier"]: item for item in old}
    after = {item["dossier"]: item for item in new}
    lines: list[str] = []
    for dossier, item in after.items():
        if dossier not in before:
            lines.append(_("{dossier}: added to the agenda", dossier=dossier))
            continue
        changed = [key for key in item if key != "bestand" and item[key] != before[dossier].get(key)]
        if changed:
            lines.append(_("{dossier}: {fields} changed", dossier=dossier, fields=", ".join(changed)))
    lines += [
        _("{dossier}: dropped from the agenda", dossier=dossier) for dossier in before if dossier not in after
    ]
    return lines


ITEM_FIELDS = (*TEXT_SECTIONS, "onderwerp", "kop", "soort", "tekst")


def input_reasons(
    old: Manifest,
    inputs: dict[str, str],
    punten: list[dict[str, Any]],
    uses: frozenset[str] = frozenset(ITEM_FIELDS),
) -> list[str]:
    """Why a build differs from ``old``: each input that changed, with the texts that moved.

    ``uses`` names the item texts a document shows; a position file whose changes are all
    elsewhere is left out.
    """
    sections: dict[str, set[str]] = {}
    before = {item["dossier"]: item for item in old.punten}
    for item in punten:
        earlier = before.get(item["dossier"], {})
        changed = [key for key in ITEM_FIELDS if item.get(key) != earlier.get(key)]
        sections.setdefault(item["bestand"], set()).update(changed)
    reasons: list[str] = []
    for name in sorted(set(old.inputs) | set(inputs)):
        if name not in inputs:
            reasons.append(_("{name} is no longer read", name=name))
        elif name not in old.inputs:
            reasons.append(_("{name} is new", name=name))
        elif old.inputs[name] != inputs[name]:
            moved = sections.get(name, set())
            detail = sorted(moved & uses, key=ITEM_FIELDS.index)
            if moved and not detail:
                continue
            if detail:
                reasons.append(_("{name} changed: {fields}", name=name, fields=", ".join(detail)))
            else:
                reasons.append(_("{name} changed", name=name))
    if old.version != __version__:
        reasons.append(
            _(
                "briefgen changed from {old} to {new}",
                old=old.version,
                new=__version__,
            )
        )
    return reasons


def indented(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)``, the same text in
    half the time: with an indent, json encodes in Python, one generator per container; here
    strings, numbers and the keys of mappings of strings go through json's C encoder each."""
    pieces: list[str] = []
    _indent(value, "\n", pieces.append)
    return "".join(pieces)


def _indent(value: Any, newline: str, out: Callable[[str], None]) -> None:
    kind = type(value)
    if kind is dict and value and all(type(key) is str for key in value):
        inner = newline + " "
        lead = "{" + inner
        for key in sorted(value):
            item = value[key]
            out(lead + encode_basestring(key) + ": ")
            _indent(item, inner, out)
            lead = "," + inner
        out(newline + "}")
    elif (kind is list or kind is tuple) and value:
        inner = newline + " "
        lead = "[" + inner
        for item in value:
            out(lead)
            _indent(item, inner, out)
            lead = "," + inner
        out(newline + "]")
    elif kind is str:
        out(encode_basestring(value))
    elif kind is int:
        out(int.__repr__(value))
    elif kind is bool or value is None:
        out("true" if value is True else "false" if value is False else "null")
    elif kind is dict and not value:
        out("{}")
    elif kind is list and not value:
        out("[]")
    else:  # anything else (empty containers, floats, keys that are no strings) as json writes it
        out(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).replace("\n", newline))
