"""A build's ``manifest.json`` checked before anything acts on it.

``absorb`` writes into the files a manifest names, and ``status`` judges a build by it.
A manifest is a file in the build folder, where a colleague with group write could have
put one of their own, or a disk or editor could have damaged it. So before use it must
be a regular file owned by the caller or the project's owner, hold every field with
the type briefgen writes, and name only files of this project's ``positions/`` and
``agendas/`` (:mod:`briefgen.data.confine`) and, for the documents, plain names in the
build folder. Anything else is refused with the manifest's place: a damaged manifest
as "damaged build: render again", a planted path as the path it names.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..changes.records import FORMAT, SourceMap
from ..data.confine import confined, plain_name, trusted_file
from ..data.fields import SLUG
from ..data.files import NotRegularFile, TooLarge, read_regular
from ..errors import Location, _, fail
from .manifest import MAX_MANIFEST_BYTES, NAME, Manifest


class Damaged(Exception):
    """What is wrong with a manifest's content."""


def checked_manifest(root: Path, folder: Path, shown: str) -> Manifest | None:
    """The manifest in ``folder`` (shown to the user as ``shown``), checked; None when there is none."""
    where = Location.file(shown)
    path = folder / NAME
    if trusted_file(root, path, where, _("this manifest")) is None:
        return None
    try:
        raw = read_regular(path, MAX_MANIFEST_BYTES, follow_links=False)[0]
    except FileNotFoundError:
        return None
    except OSError as error:
        raise fail(where, _("cannot read: {strerror}", strerror=error.strerror)) from None
    except (NotRegularFile, TooLarge):
        raise fail(where, _("damaged build: render again")) from None
    return checked(root, raw, where)


def checked(root: Path, raw: bytes, where: Location) -> Manifest:
    """A manifest from its bytes, refused at ``where`` when damaged or naming files outside."""
    try:
        data = json.loads(raw.decode("utf-8"))
        manifest = Manifest.from_data(data, _structure(data))
        if manifest is None:
            raise Damaged(_("a field is missing"))
    except (ValueError, Damaged, RecursionError) as error:  # nesting deeper than any manifest briefgen writes
        detail = _(" ({error})", error=error) if isinstance(error, Damaged) else ""
        raise fail(where, _("damaged build{detail}: render again", detail=detail)) from None
    confine_paths(root, manifest, where)
    return manifest


def confine_paths(root: Path, manifest: Manifest, where: Location) -> None:
    """The manifest names only its agenda by id and files of this project's positions/ or agendas/."""
    if not re.fullmatch(SLUG, manifest.agenda):
        raise fail(where, _("damaged build ('agenda' is not an agenda id): render again"))
    named = {item["bestand"] for item in manifest.punten if isinstance(item, dict) and "bestand" in item}
    for name, source_map in manifest.bronnen.items():
        for source in source_map.fields:
            start, end = source.span if source.span is not None else (0, 0)
            if source.paragraph < 0 or source.count < 1 or not 0 <= start <= end:
                raise fail(
                    where,
                    _(
                        "damaged build (the source map of {name} has a paragraph out of range): render again",
                        name=name,
                    ),
                )
        named |= {source.origin.file for source in source_map.fields}
        named |= {note.file for note in source_map.notes.values()}
    bases: dict[str, Path] = {}  # positions/ and agendas/ resolved once for all the names
    for name in sorted(named):
        confined(root, name, where, bases=bases)
    for name in [*manifest.outputs, *manifest.documenten]:
        plain_name(name, where, _("names the document"))


def _structure(data: Any) -> dict[str, SourceMap]:
    """Every field with the type briefgen writes; a source map of this format that does not
    read. Returns the source maps read (each of this format; others are left out)."""
    maps: dict[str, SourceMap] = {}
    record = _dict(data, "the manifest")
    _str(record.get("agenda"), "agenda")
    _strings(record.get("inputs"), "inputs")
    _strings(record.get("outputs"), "outputs")
    _strings(record.get("documenten"), "documenten")
    _strings(record.get("ids", {}), "ids")
    _str(record.get("briefgen"), "briefgen")
    _str(record.get("build", ""), "build")
    for item in _list(record.get("punten"), "punten"):
        _punt(item)
    for name in _list(record.get("arcering", []), "arcering"):
        _str(name, "arcering")
    for name, value in _dict(record.get("bronnen", {}), "bronnen").items():
        if isinstance(value, dict) and value.get("format") == FORMAT:
            try:
                maps[str(name)] = SourceMap.from_json(value)
            except ValueError as error:
                raise Damaged(_("the source map of {name}: {error}", name=name, error=error)) from None
    return maps


def _punt(item: Any) -> dict[str, Any]:
    punt = _dict(item, "punten")
    _str(punt.get("dossier"), "punten: dossier")
    if "bestand" in punt:
        _str(punt["bestand"], "punten: bestand")
    return punt


def _strings(value: Any, name: str) -> dict[str, str]:
    mapping = _dict(value, name)
    for key, item in mapping.items():
        _str(key, name)
        _str(item, name)
    return dict(mapping)


def _dict(value: Any, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Damaged(_("'{name}' is not a mapping", name=name))
    return value


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise Damaged(_("'{name}' is not a list", name=name))
    return value


def _str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise Damaged(_("'{name}' is not a text", name=name))
    return value
