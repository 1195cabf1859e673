"""``briefgen new``: draft the next Council from an earlier one.

Writes ``agendas/<new>.yaml`` with the earlier agenda's items, and adds to each of
their position files an entry for the new Council, copied from the dossier's latest
position. ruamel.yaml's round-trip mode reads the files and writes the new entry with
the scalar styles of the one it copies (``|``, ``>-`` with its line breaks); the entry
is added as new lines in the file's own line ending, so every existing byte of
``positions/`` (a byte-order mark too) stays as it was.

Every file is prepared in memory first; then all of them are committed as one step
through a journal (:mod:`briefgen.build.journal`): an interrupted ``new`` is completed by
running it again. Files are rewritten in place, so a position file keeps its owner,
mode, group and links.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import click
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..build import journal
from ..data import editing
from ..data.agenda import date_in_id
from ..data.dossier import Dossier
from ..data.fields import SLUG
from ..data.files import decode, read_text
from ..data.load import load_text, word_breaks, words_unbroken
from ..data.project import Project
from ..data.references import open_agenda
from ..data.validation import validate
from ..errors import Location, UserError, fail
from .common import ROOT, show_drafted


def _yaml() -> YAML:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def draft(
    root: Path, new_id: str, earlier_id: str, datum: dt.date | None, plaats: str | None
) -> journal.Committed:
    """Write the new agenda and the new position entries as one step; say what was written.

    When an earlier ``new`` for the same id was interrupted after it committed, this
    completes that one instead.
    """
    project = Project(root)
    target = project.agenda_dir / f"{new_id}.yaml"
    if not re.fullmatch(SLUG, new_id):
        shown = new_id.encode("unicode_escape").decode("ascii")
        raise fail(
            Location(str(project.agenda_dir / f"{shown}.yaml")),
            f"'{shown}' is not a usable agenda id; use lower case, digits and hyphens",
        )
    with journal.locked(root, project.agenda_dir / f".{new_id}.briefgen-new.json") as pending:
        if pending.exists():
            return pending.complete()
        return pending.commit(_prepare(root, project, target, new_id, earlier_id, datum, plaats))


def _prepare(
    root: Path,
    project: Project,
    target: Path,
    new_id: str,
    earlier_id: str,
    datum: dt.date | None,
    plaats: str | None,
) -> list[journal.Change]:
    """Every file ``new`` writes, with its new content, checked before anything is written."""
    if target.exists():
        raise fail(
            Location(project.display(target)), "already exists; briefgen new does not overwrite an agenda"
        )
    earlier_path = project.agenda_dir / f"{earlier_id}.yaml"
    if not earlier_path.is_file():
        known = sorted(p.stem for p in project.agenda_dir.glob("*.yaml"))
        raise fail(Location(project.display(earlier_path)), f"no such agenda; agendas: {', '.join(known)}")
    project, earlier = open_agenda(root, earlier_path)
    datum = datum or date_in_id(new_id)
    if datum is None:
        raise fail(Location(project.display(target)), "give the Council's date with --datum YYYY-MM-DD")
    changes = [journal.Change(target, None, _agenda_text(earlier_path, earlier_id, new_id, datum, plaats))]
    for dossier_id in dict.fromkeys(p.dossier for p in earlier.model.punten if p.dossier):
        entry = project.dossiers[dossier_id]
        if entry.model.standpunt_index(new_id) is not None:
            raise fail(
                entry.source.where(("standpunten",), key=True),
                f"already has a position for {new_id}; briefgen new does not overwrite it",
            )
        path = root / entry.source.path
        before = path.read_bytes()
        changes.append(journal.Change(path, before, _with_new_entry(before, entry.source.path, new_id)))
    return changes


GA_STYLE = ("vorm", "kopjes", "diversenkop", "opening", "slotzin")
"""The GA's choices of form that carry over to the next Council; its sentences about this one do not."""


def _agenda_text(earlier: Path, earlier_id: str, new_id: str, datum: dt.date, plaats: str | None) -> bytes:
    yaml = _yaml()
    data: Any = yaml.load(word_breaks(read_text(earlier, str(earlier))))
    agenda = CommentedMap()
    agenda["id"] = new_id
    agenda["raad"] = data["raad"]
    for key in ("formatie", "afkorting"):
        if key in data:
            agenda[key] = data[key]
    agenda["datum"] = datum
    agenda["plaats"] = plaats or data["plaats"]
    for key in ("land", "voorzetsel", "voorzitterschap"):
        if key in data and not (plaats and key in ("land", "voorzetsel")):
            agenda[key] = data[key]
    style = {key: data["ga"][key] for key in GA_STYLE if key in (data.get("ga") or {})}
    if style:
        agenda["ga"] = style
    agenda["punten"] = data["punten"]
    if data.get("voetnoten"):
        agenda["voetnoten"] = data["voetnoten"]
    buffer = io.StringIO()
    yaml.dump(agenda, buffer)
    header = (
        f"# Drafted by 'briefgen new' from {earlier_id}: the same items, each with a new position\n"
        f"# entry copied from the dossier's latest. Check the presidency and each item, add\n"
        f"# 'agendastatus' once the presidency has shared an agenda, and 'brief' and 'nota' for\n"
        f"# the letters and the nota.\n"
    )
    return (header + words_unbroken(buffer.getvalue())).encode("utf-8")


def _with_new_entry(raw: bytes, display: str, new_id: str) -> bytes:
    """The position file with a new entry for ``new_id`` added as new lines (see
    :func:`briefgen.data.editing.append_item`); a byte-order mark and CRLF line endings stay."""
    text = decode(raw, display)
    yaml = _yaml()
    data: Any = yaml.load(word_breaks(text))
    latest = data["standpunten"][-1]
    entry = CommentedMap()
    entry["raad"] = new_id
    for key, value in latest.items():
        if key not in ("raad", "uitkomst"):
            entry[key] = value
    buffer = io.StringIO()
    yaml.dump([entry], buffer)
    note = f"  # Copied by 'briefgen new' from {latest['raad']}: bring it up to date for {new_id}.\n"
    new_text = editing.append_item(text, ("standpunten",), note + words_unbroken(buffer.getvalue()))
    _verify(new_text, display)
    return editing.encoded_like(new_text, raw)


def _verify(text: str, display: str) -> None:
    """The changed file must still be a valid dossier, or nothing is written."""
    model, problems = validate(Dossier, load_text(text, display))
    if model is None:
        raise UserError(problems)


@click.command("new")
@click.argument("agenda_id")
@click.option("--from", "earlier", required=True, metavar="AGENDA-ID", help="The Council to start from.")
@click.option(
    "--datum", type=click.DateTime(formats=["%Y-%m-%d"]), help="The new Council's date (YYYY-MM-DD)."
)
@click.option("--plaats", help="Where the new Council meets (default: as the earlier one).")
@ROOT
def new_command(
    agenda_id: str, earlier: str, datum: dt.datetime | None, plaats: str | None, root: Path
) -> None:
    """Draft agendas/AGENDA_ID.yaml and new position entries from an earlier Council."""
    drafted = draft(root, agenda_id, earlier, datum.date() if datum else None, plaats)
    show_drafted(drafted, f"new {agenda_id}")
