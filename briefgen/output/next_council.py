"""``briefgen new``: draft the next Council from an earlier one.

Writes ``agendas/<new>.yaml`` with the earlier agenda's items, and adds to each of
their position files an entry for the new Council, copied from the dossier's latest
position. ruamel.yaml's round-trip mode reads the files and writes the new entry with
the scalar styles of the one it copies (``|``, ``>-`` with its line breaks); the entry
is added as new lines in the file's own line ending, so every existing byte of
``positions/`` (a byte-order mark too) stays as it was.

Every file is prepared in memory first; then all of them are committed as one step
through a journal (:mod:`briefgen.output.journal`): an interrupted ``new`` is completed by
running it again. Files are rewritten in place, so a position file keeps its owner,
mode, group and links.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..data import editing
from ..data.agenda import date_in_id
from ..data.dossier import Dossier
from ..data.fields import SLUG
from ..data.files import decode, read_bytes, read_text
from ..data.load import load_text
from ..data.project import Project
from ..data.references import open_agenda
from ..data.validation import validate
from ..document.dutch import datum as dutch_date
from ..errors import Location, UserError, _, fail
from . import journal


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
            _("'{shown}' is not a usable agenda id; use lower case, digits and hyphens", shown=shown),
        )
    if plaats is not None and not plaats.strip():
        raise fail(
            Location.file("--plaats"),
            _("is empty; name the place, or leave --plaats out to keep the earlier one's"),
        )
    with journal.locked(
        journal.Journal(root, project.agenda_dir / f".{new_id}.briefgen-new.json", "new", new_id, earlier_id)
    ) as pending:
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
) -> list[journal.FileChange]:
    """Every file ``new`` writes, with its new content, checked before anything is written."""
    if target.exists():
        raise fail(
            Location(project.display(target)), _("already exists; briefgen new does not overwrite an agenda")
        )
    earlier_path = project.agenda_dir / f"{earlier_id}.yaml"
    if not earlier_path.is_file():
        known = sorted(p.stem for p in project.agenda_dir.glob("*.yaml"))
        raise fail(
            Location(project.display(earlier_path)),
            _("no such agenda; agendas: {known}", known=", ".join(known)),
        )
    project, earlier = open_agenda(root, earlier_path)
    datum = datum or date_in_id(new_id)
    if datum is None:
        raise fail(Location(project.display(target)), _("give the Council's date with --datum YYYY-MM-DD"))
    text = _agenda_text(earlier_path, earlier_id, new_id, datum, plaats)
    changes = [journal.FileChange(target, None, text)]
    for dossier_id in dict.fromkeys(p.dossier for p in earlier.model.punten if p.dossier):
        entry = project.dossiers[dossier_id]
        if entry.model.standpunt_index(new_id) is not None:
            raise fail(
                entry.source.where(("standpunten",), key=True),
                _("already has a position for {new_id}; briefgen new does not overwrite it", new_id=new_id),
            )
        path = project.positions / f"{dossier_id}.yaml"
        before = read_bytes(path, entry.source.path, str(project.root.resolve()))
        changes.append(journal.FileChange(path, before, _with_new_entry(before, entry.source.path, new_id)))
    return changes


GA_STYLE: tuple[str, ...] = ("vorm", "soortkop", "kopjes", "diversenkop", "opening", "slotzin")
GA_STYLE += ("volgorde", "getal", "diversen_opsommen", "jaar", "kopnummers")
"""The GA's choices of form that carry over to the next Council; its sentences about this one do not."""

BRIEF_KEPT: tuple[str, ...] = (
    "afzender",
    "bezoekadres",
    "postadres",
    "retouradres",
    "rubricering",
    "ondertekenaars",
    "mede_namens",
)
BRIEF_KEPT += ("aanbieding", "volgorde", "jaar")
"""The letter's sender, addresses, signatories and way of offering: the same for the next Council."""
SENTENCES = ("opening", "deelname", "stand_van_zaken")
"""Default sentences: a choice to leave one out (false) carries over, a text about this meeting does not."""
NOTA_KEPT = ("opgesteld_door", "rubricering", "niet_openbaar", "referentie", "geadviseerd_besluit")
"""The nota's author and its decisions (their dates moved to the new Council); the rest is this meeting's."""

NOT_CARRIED = "# Not carried over from "
"""How the drafted agenda's header starts the line that lists what was left out; ``new`` repeats it."""

ITEM_LEFT_OUT = ("uitkomst", "verslagkop", "verslagdeel")
"""An item's outcome and its heading in the verslag belong to the earlier Council's verslag."""

LEFT_OUT = {
    "voorzitterschap": "voorzitterschap (it follows from the date)",
    "agendastatus": "agendastatus",
    "stand_van_zaken": "stand_van_zaken",
    "einddatum": "einddatum",
    "verslag": "verslag",
}


def _agenda_text(earlier: Path, earlier_id: str, new_id: str, datum: dt.date, plaats: str | None) -> bytes:
    """The new agenda's text; its header lists what of the earlier agenda it did not carry over."""
    data: Any = editing.load_round_trip(read_text(earlier, str(earlier)))
    left_out = [LEFT_OUT[key] for key in LEFT_OUT if key in data]
    agenda = CommentedMap()
    agenda["id"] = new_id
    agenda["raad"] = data["raad"]
    for key in ("formatie", "afkorting"):
        if key in data:
            agenda[key] = data[key]
    agenda["datum"] = datum
    agenda["plaats"] = plaats or data["plaats"]
    for key in ("land", "voorzetsel"):
        if key in data and not plaats:
            agenda[key] = data[key]
    ga = data.get("ga") or {}
    style = {key: ga[key] for key in GA_STYLE if key in ga}
    left_out += [f"ga.{key}" for key in ga if key not in GA_STYLE]
    if style:
        agenda["ga"] = style
    agenda["punten"] = data["punten"]
    for index, punt in enumerate(data["punten"]):
        for key in ITEM_LEFT_OUT:
            if isinstance(punt, dict) and key in punt:
                del punt[key]
                left_out.append(f"punten.{index}.{key}")
    moved = _moved(data["datum"], datum)
    if isinstance(data.get("brief"), dict):
        agenda["brief"], dropped = _carried_brief(data["brief"], data["datum"], datum, earlier_id)
        left_out += [f"brief.{key}" for key in dropped]
    if isinstance(data.get("nota"), dict):
        agenda["nota"], dropped = _carried_nota(data["nota"], data["datum"], datum, earlier_id, moved)
        left_out += [f"nota.{key}" for key in dropped]
    notes = data.get("voetnoten") or {}
    if notes:
        used = _referenced(agenda)
        kept = CommentedMap((key, value) for key, value in notes.items() if key in used)
        left_out += [f"voetnoten.{key}" for key in notes if key not in used]
        if kept:
            agenda.insert(list(agenda).index("punten") + 1, "voetnoten", kept)
    header = (
        f"# Drafted by 'briefgen new' from {earlier_id}: the same items, each with a new position\n"
        f"# entry copied from the dossier's latest, and the letters' and the nota's senders,\n"
        f"# addresses and signatories. Check each item and the dates, add 'agendastatus' once\n"
        f"# the presidency has shared an agenda.\n"
    )
    if left_out:
        header += f"{NOT_CARRIED}{earlier_id}: {', '.join(left_out)}.\n"
    return (header + editing.dump(agenda)).encode("utf-8")


def _referenced(agenda: CommentedMap) -> set[str]:
    """The footnote keys the carried texts refer to (``[^key]``)."""
    return set(re.findall(r"\[\^([^\]\s]+)\]", editing.dump(agenda)))


def _moved(before: dt.date, after: dt.date) -> list[tuple[str, str]]:
    """The earlier Council's date as texts write it (with and without the year), and the new one's."""
    return [
        (dutch_date(before), dutch_date(after)),
        (dutch_date(before, jaar=False), dutch_date(after, jaar=False)),
    ]


def _shifted(section: Any, key: str, before: dt.date, after: dt.date) -> dt.date | None:
    """A date of the earlier package as far before (or after) the new Council as it was before the earlier one."""
    value = section.get(key)
    if not isinstance(value, dt.date):
        return None
    try:
        return after - (before - value)
    except OverflowError:  # before the year 1 or after 9999: left for the drafter to write
        return None


def _carried_brief(
    brief: Any, before: dt.date, after: dt.date, earlier_id: str
) -> tuple[CommentedMap, list[str]]:
    carried = CommentedMap()
    shifted = _shifted(brief, "datum", before, after)
    if shifted is not None:
        carried["datum"] = shifted
        carried.yaml_add_eol_comment(f"as long before the Council as for {earlier_id}; check it", "datum")
    for key in BRIEF_KEPT:
        if key in brief:
            carried[key] = brief[key]
    for key in SENTENCES:
        if brief.get(key) is False:
            carried[key] = False
    dropped = [k for k in brief if k not in carried]
    return carried, dropped


def _carried_nota(
    nota: Any, before: dt.date, after: dt.date, earlier_id: str, moved: list[tuple[str, str]]
) -> tuple[CommentedMap, list[str]]:
    carried = CommentedMap()
    for key in ("datum", "beslistermijn"):
        shifted = _shifted(nota, key, before, after)
        if shifted is not None:
            carried[key] = shifted
            carried.yaml_add_eol_comment(f"as long before the Council as for {earlier_id}; check it", key)
    for key in NOTA_KEPT:
        if key in nota:
            carried[key] = _with_dates(nota[key], moved)
    if "referentie" in carried:
        carried.yaml_add_eol_comment(
            f"the reference of {earlier_id}'s nota: give this one its own", "referentie"
        )
    dropped = [k for k in nota if k not in carried]
    return carried, dropped


def _with_dates(value: Any, moved: list[tuple[str, str]]) -> Any:
    """A carried text (or list of texts) with the earlier Council's date replaced by the new one's."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _with_dates(item, moved)
        return value
    if isinstance(value, str):
        text = str(value)
        for old, new in moved:
            text = text.replace(old, new)
        return value if text == value else type(value)(text)
    return value


def _with_new_entry(raw: bytes, display: str, new_id: str) -> bytes:
    """The position file with a new entry for ``new_id`` added as new lines (see
    :func:`briefgen.data.editing.append_item`); a byte-order mark and CRLF line endings stay."""
    text = decode(raw, display)
    data: Any = editing.load_round_trip(text)
    latest = data["standpunten"][-1]
    entry = CommentedMap()
    entry["raad"] = new_id
    for key, value in latest.items():
        if key not in ("raad", "uitkomst"):
            entry[key] = value
    note = f"  # Copied by 'briefgen new' from {latest['raad']}: bring it up to date for {new_id}.\n"
    new_text = editing.append_item(text, ("standpunten",), note + editing.dump([entry]))
    _verify(new_text, display)
    return editing.encoded_like(new_text, raw)


def _verify(text: str, display: str) -> None:
    """The changed file must still be a valid dossier, or nothing is written."""
    model, problems = validate(Dossier, load_text(text, display))
    if model is None:
        raise UserError(problems)
