"""``briefgen verslag``: draft the report of a Council that met.

Adds a ``verslag`` section to the agenda and an empty ``uitkomst`` to each item (in the
agenda for an item of its own, in the dossier's position for this Council otherwise).
Only lines are added, in each file's own line ending: every existing byte stays. All
files change as one step, through a journal, as with ``new``.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, cast

from ..data.agenda import Agenda
from ..data.fields import SLUG
from ..data.files import read_bytes
from ..data.load import DataPath, Loaded, Source, load_text
from ..data.project import Project
from ..data.references import STILL_EMPTY, open_agenda
from ..errors import Location, _, fail
from . import journal

VERSLAG_SKELETON = """\
# Drafted by 'briefgen verslag': the report after the Council. Fill in each empty value
# and each item's 'uitkomst' (render and check name what is still empty); uncomment the
# parts you need.
verslag:
  datum:{datum}  # the letter's date, YYYY-MM-DD
{ondertekenaars}  samenvatting:  # the meeting in a few sentences: what the Council reached and discussed
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
    """Add a ``verslag`` section to an agenda and an empty ``uitkomst`` to each item's position."""
    project = Project(root)
    if not re.fullmatch(SLUG, agenda_id):
        shown = agenda_id.encode("unicode_escape").decode("ascii")
        raise fail(
            Location(str(project.agenda_dir / f"{shown}.yaml")),
            _("'{shown}' is not an agenda id", shown=shown),
        )
    with journal.locked(
        journal.Journal(
            root, project.agenda_dir / f".{agenda_id}.briefgen-verslag.json", "verslag", agenda_id
        )
    ) as pending:
        if pending.exists():
            return pending.complete()
        return pending.commit(_prepare_verslag(root, project, agenda_id, datum))


def _prepare_verslag(
    root: Path, project: Project, agenda_id: str, datum: dt.date | None
) -> list[journal.FileChange]:
    path = project.agenda_dir / f"{agenda_id}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in project.agenda_dir.glob("*.yaml"))
        raise fail(
            Location(project.display(path)), _("no such agenda; agendas: {known}", known=", ".join(known))
        )
    entry = project.agenda(path)
    project.raise_errors()
    assert entry is not None
    if entry.model.verslag is not None:
        raise fail(
            entry.source.where(("verslag",), key=True),
            _("already has a 'verslag' section; briefgen verslag does not overwrite it"),
        )
    project, entry = open_agenda(root, path)
    agenda = entry.model
    inserts: dict[str, list[DataPath]] = {entry.source.path: []}
    files = {entry.source.path: path}
    for index, punt in enumerate(agenda.punten):
        if punt.dossier is None:
            if punt.uitkomst is None:
                inserts[entry.source.path].append(("punten", index))
            continue
        dossier = project.dossiers[punt.dossier]
        position = dossier.model.standpunt_index(agenda.id)
        if position is not None and "uitkomst" not in dossier.model.standpunten[position].model_fields_set:
            inserts.setdefault(dossier.source.path, []).append(("standpunten", position))
            files[dossier.source.path] = project.positions / f"{punt.dossier}.yaml"
    skeleton = VERSLAG_SKELETON.format(
        datum=f" {datum.isoformat()}" if datum else "", ondertekenaars=_signatories(agenda)
    )
    changes = []
    for name, mappings in inserts.items():
        before = read_bytes(files[name], name)
        tail = skeleton if name == entry.source.path else ""
        changes.append(
            journal.FileChange(files[name], before, _with_uitkomst(before, name, mappings, agenda.id, tail))
        )
    return changes


def _signatories(agenda: Agenda) -> str:
    """The verslag's signatories drafted: those of the GA's letters, to change where another
    minister signs the verslag; without a letter, an empty key to fill in."""
    if agenda.brief is None:
        return "  ondertekenaars:  # who signs the letters: - {functie: de Minister van …, naam: …}\n"
    lines = ["  ondertekenaars:  # who signs the letters; as for the GA, change them if others sign\n"]
    for o in agenda.brief.ondertekenaars:
        lines.append(f"    - functie: {json.dumps(o.functie, ensure_ascii=False)}\n")
        lines.append(f"      naam: {json.dumps(o.naam, ensure_ascii=False)}\n")
    return "".join(lines)


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
            node = cast(Any, node)[part] if ok and isinstance(node, (dict, list)) else None
        ok = ok and isinstance(node, dict) and "uitkomst" in node and node.pop("uitkomst") is None
    if not ok or data != before:
        where = after.source.where(mappings[0] if mappings else ("verslag",), key=True)
        raise fail(
            where,
            _("cannot add the verslag's keys here without changing the text around them; add them by hand"),
        )
