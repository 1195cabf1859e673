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

import codecs
import copy
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
from ..data.load import DataPath, Loaded, Source, load_text, word_breaks, words_unbroken
from ..data.project import Project
from ..data.references import STILL_EMPTY, open_agenda
from ..data.validation import validate
from ..errors import Location, UserError, fail
from .common import ROOT


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


VERSLAG_SKELETON = """\
# Drafted by 'briefgen verslag': the report after the Council. Fill in each empty value
# and each item's 'uitkomst' (render and check name what is still empty); uncomment the
# parts you need.
verslag:
  datum:{datum}  # the letter's date, YYYY-MM-DD
  samenvatting:  # the meeting in a few sentences: what the Council reached and discussed
  # diversen:    # points others raised under diversen
  #   - kop: …
  #     tekst: …
  # marge:       # breakfast, lunch, meetings en marge of the Council
  #   - kop: …
  #     tekst: …
  # delen:       # further parts after the verslag (II., III., …)
  #   - kop: …
  #     tekst: …
  # bijlagen:    # the letter's further attachments
  #   - …
"""
UITKOMST = f"uitkomst:  # {STILL_EMPTY} (for the verslag of {{agenda}})"


def draft_verslag(root: Path, agenda_id: str, datum: dt.date | None) -> journal.Committed:
    """Add a ``verslag`` section to an agenda and an empty ``uitkomst`` to each item's position.

    Only lines are added: every existing byte of the agenda and the position files stays.
    All files change as one step, through a journal, as with ``new``.
    """
    project = Project(root)
    if not re.fullmatch(SLUG, agenda_id):
        shown = agenda_id.encode("unicode_escape").decode("ascii")
        raise fail(Location(str(project.agenda_dir / f"{shown}.yaml")), f"'{shown}' is not an agenda id")
    with journal.locked(root, project.agenda_dir / f".{agenda_id}.briefgen-verslag.json") as pending:
        if pending.exists():
            return pending.complete()
        return pending.commit(_prepare_verslag(root, project, agenda_id, datum))


def _prepare_verslag(
    root: Path, project: Project, agenda_id: str, datum: dt.date | None
) -> list[journal.Change]:
    path = project.agenda_dir / f"{agenda_id}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in project.agenda_dir.glob("*.yaml"))
        raise fail(Location(project.display(path)), f"no such agenda; agendas: {', '.join(known)}")
    entry = project.agenda(path)
    project.raise_errors()
    assert entry is not None
    if entry.model.verslag is not None:
        raise fail(
            entry.source.where(("verslag",), key=True),
            "already has a 'verslag' section; briefgen verslag does not overwrite it",
        )
    project, entry = open_agenda(root, path)
    agenda = entry.model
    inserts: dict[str, list[DataPath]] = {entry.source.path: []}
    for index, punt in enumerate(agenda.punten):
        if punt.dossier is None:
            if punt.uitkomst is None:
                inserts[entry.source.path].append(("punten", index))
            continue
        dossier = project.dossiers[punt.dossier]
        position = dossier.model.standpunt_index(agenda.id)
        if position is not None and "uitkomst" not in dossier.model.standpunten[position].model_fields_set:
            inserts.setdefault(dossier.source.path, []).append(("standpunten", position))
    skeleton = VERSLAG_SKELETON.format(datum=f" {datum.isoformat()}" if datum else "")
    changes = []
    for name, mappings in inserts.items():
        before = (root / name).read_bytes()
        tail = skeleton if name == entry.source.path else ""
        changes.append(
            journal.Change(root / name, before, _with_uitkomst(before, name, mappings, agenda.id, tail))
        )
    return changes


def _with_uitkomst(
    raw: bytes, display: str, mappings: list[DataPath], agenda_id: str, tail: str = ""
) -> bytes:
    """A file's bytes with an empty ``uitkomst:`` at the end of each mapping named, then ``tail``."""
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    text = raw[len(bom) :].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    before = load_text(text, display)
    lines = re.findall(r"[^\n]*\n|[^\n]+$", text)  # YAML's line breaks only: a \v or \f is text
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    added: list[tuple[int, str]] = []
    for mapping in mappings:
        line, column = _mapping_start(before.source, mapping)
        at = _end_of_mapping(lines, line - 1, column - 1)
        added.append((at, " " * (column - 1) + UITKOMST.format(agenda=agenda_id) + newline))
    for at, new_line in sorted(added, reverse=True):
        lines.insert(at, new_line)
    if tail:
        lines.append(newline + tail.replace("\n", newline))
    new_text = "".join(lines)
    _verify_added(before.data, load_text(new_text, display), mappings, bool(tail))
    return bom + new_text.encode("utf-8")


def _mapping_start(source: Source, path: DataPath) -> tuple[int, int]:
    """Line and column of the first key of the mapping at ``path``."""
    first = min((place, key) for key, place in source.keys.items() if key[:-1] == path)
    return first[0]


def _end_of_mapping(lines: list[str], start: int, column: int) -> int:
    """The line index after the last line of the block mapping whose keys start at ``column``,
    before any blank or comment lines that lead to what follows."""
    end = len(lines)
    for number in range(start + 1, len(lines)):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#") and _indent(lines[number]) < column:
            end = number
            break
    while end > start + 1:
        previous = lines[end - 1]
        stripped = previous.strip()
        if stripped and not (stripped.startswith("#") and _indent(previous) <= column):
            break
        end -= 1
    return end


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _verify_added(before: Any, after: Loaded, mappings: list[DataPath], tail: bool) -> None:
    """The new text must read as the old data plus the empty keys, or nothing is written."""
    data = copy.deepcopy(after.data)
    ok = isinstance(data, dict) and (not tail or isinstance(data.pop("verslag", None), dict))
    for mapping in mappings:
        node = data
        for part in mapping:
            node = node[part] if ok and isinstance(node, (dict, list)) else None
        ok = ok and isinstance(node, dict) and "uitkomst" in node and node.pop("uitkomst") is None
    if not ok or data != before:
        where = after.source.where(mappings[0] if mappings else ("verslag",), key=True)
        raise fail(
            where,
            "cannot add the verslag's keys here without changing the text around them; add them by hand",
        )


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


def show_drafted(drafted: journal.Committed, command: str) -> None:
    """The files written, after a line saying so when this run completed an interrupted one."""
    if drafted.resumed:
        click.echo(f"completed the interrupted 'briefgen {command}'", err=True)
    for path in drafted.paths:
        click.echo(f"wrote {path}")
