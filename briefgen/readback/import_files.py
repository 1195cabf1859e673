"""Write what import recognised: the new agenda file, and per item a position entry.

A position entry is added to the dossier file whose short name or title is the item's,
as new lines (every existing byte of that file stays), or a new dossier file is written
with an id derived from the item. A footnote keeps the key of an equal footnote the
file or the shared footnotes already have. An item whose dossier an earlier item took is
reported, not written: a dossier holds one position per Council. Every file is
validated before any is written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..data import editing
from ..data.agenda import Agenda
from ..data.dossier import Dossier
from ..data.fields import Base
from ..data.files import decode, read_bytes, read_text, refuse_oversized
from ..data.footnotes import NOTE_REF
from ..data.formations import slug
from ..data.limits import value_problem
from ..data.load import load_text
from ..data.project import SHARED_NOTES, agenda_file, display_path, positions_dir
from ..data.validation import validate
from ..document.blocks import NoteRef, Paragraph
from ..document.tomarkdown import join_blocks, paragraph_markdown, wrap
from ..errors import Location, Problem, UserError, _, fail, joined
from ..output.outputs import Output
from .letter import read_opening
from .meeting import default_place
from .note_values import derive_key, note_value
from .recognise import Item, Recognised

MAX_ITEMS = 100
"""Agenda items one import writes, at most: each may become a new position file."""


@dataclass
class Imported:
    """What an import wrote, added to existing files, and could not place."""

    written: list[Path] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Links that come back as their text alone."""
    resumed: bool = False
    """True when this run only finished an import that was interrupted."""


@dataclass
class ImportWriter:
    """The files that make ``found`` agenda ``raad_id``; what could not be placed goes to ``report``."""

    root: Path
    raad_id: str
    display: str
    found: Recognised
    report: Imported

    def __post_init__(self) -> None:
        self.agenda = self.found.agenda
        self.items = self.found.items
        self.shared = _shared_notes(self.root)
        self.placed_notes: set[int] = set()

    def outputs(self) -> list[Output]:
        if "plaats" not in self.agenda and "datum" in self.agenda:
            self.agenda["plaats"] = default_place(self.agenda["datum"])
            self.report.unplaced.append(
                f"{self.display}: the document does not say where the Council meets; "
                f"plaats set to {self.agenda['plaats']}"
            )
        self._require_meeting()
        if not self.items:
            raise fail(
                Location(self.display),
                _(
                    "no agenda items found: no item headings (a heading style, a paragraph in bold, or a numbered paragraph of a few words) after the introduction"
                ),
            )
        dossiers = _dossiers(self.root)
        outputs: list[Output] = []
        problems: list[Problem] = []
        agenda_notes: dict[str, Any] = {}
        punten = CommentedSeq()
        used_ids: set[str] = set(dossiers)
        names = _names(dossiers)
        placed: dict[str, int] = {}
        for number, item in enumerate(self.items, start=1):
            existing = _known(names, item)
            if existing is None and (_bare(item) or item.eigen):
                # A heading with nothing under it (a day's or a group's heading, "Volksgezondheid"),
                # or "Diversen" over running text: an item of its own without a dossier.
                punt = CommentedMap(kop=_plain(item.kort or ""))
                if item.deel:
                    punt["deel"] = _plain(item.deel)
                if item.tekst:
                    punt["tekst"] = self._block(item.tekst, agenda_notes, set())
                self._refuse_texts(punt, _item_place(number, item))
                punten.append(punt)
                continue
            if existing in placed:
                self._unplace_second(number, item, existing, placed[existing])
                continue
            dossier_id = existing or _new_id(item, used_ids)
            used_ids.add(dossier_id)
            placed[dossier_id] = number
            punt = CommentedMap()
            punt["dossier"] = dossier_id
            if item.soort:
                punt["soort"] = item.soort
            if item.deel:
                punt["deel"] = _plain(item.deel)
            if item.onderwerp:
                punt["onderwerp"] = self._agenda_text(item.onderwerp, agenda_notes)
            if item.toelichting is not None:
                punt["toelichting"] = self._paragraph_text(item.toelichting, agenda_notes, set())
            if item.tekst:
                punt["tekst"] = self._block(item.tekst, agenda_notes, set())
            for name in ("opening", "slotzin"):
                if getattr(item, name) is False:
                    punt[name] = False
            if item.kopjes is False:
                punt["kopjes"] = False
            elif item.kopjes:
                kopjes = CommentedMap(item.kopjes)
                punt["kopjes"] = kopjes
            self._refuse_texts(punt, _item_place(number, item))
            punten.append(punt)
            outputs.append(self._dossier(dossier_id, dossiers.get(dossier_id), number, item, problems))
        agenda = CommentedMap()
        agenda["id"] = self.raad_id
        self._meeting_fields(agenda)
        for name in ("voorzitterschap", "agendastatus"):
            if name in self.agenda:
                agenda[name] = self.agenda[name]
        if "stand_van_zaken" in self.agenda:
            agenda["stand_van_zaken"] = self._paragraph_text(
                self.agenda["stand_van_zaken"], agenda_notes, set()
            )
            self._refuse_texts(agenda["stand_van_zaken"], _("the introduction"))
        ga = self._ga(agenda_notes)
        self._refuse_texts(ga, _("the introduction"))
        delen = self._delen(agenda_notes)
        brief = self._brief(agenda_notes)
        self._refuse_texts(brief, _("the letter"))
        if agenda_notes:
            agenda["voetnoten"] = agenda_notes
        agenda["punten"] = punten
        if ga:
            agenda["ga"] = ga
        if delen:
            agenda["delen"] = delen
        if brief:
            agenda["brief"] = brief
        self._unplaced_notes()
        letters = (
            "complete 'brief' (its date, kenmerk and addresses) and add 'nota'"
            if brief
            else "add 'brief' and 'nota' for the letters and the nota"
        )
        header = (
            f"# Imported by 'briefgen import' from {Path(self.display).name}: check the items' types and\n"
            f"# subjects, and {letters}.\n"
        )
        where = f"agendas/{self.raad_id}.yaml"
        refuse_oversized(_text_bytes(agenda), Location.file(self.display), _("the agenda's text"), where)
        text = header + editing.dump(agenda)
        path = agenda_file(self.root, self.raad_id)
        _check(text, f"agendas/{self.raad_id}.yaml", Agenda, problems, frozenset(self.shared))
        if problems:
            raise UserError(problems)
        return [Output(path, text.encode("utf-8")), *outputs]

    def _require_meeting(self) -> None:
        missing = [k for k in ("raad", "datum") if k not in self.agenda]
        if missing:
            raise fail(
                Location(self.display),
                _(
                    "cannot tell the meeting's {missing} from the title or the introduction; name the agenda after the Council and its date (--raad milieuraad-2026-10-20)",
                    missing=joined(missing, _(" or ")),
                ),
            )

    def _meeting_fields(self, agenda: CommentedMap) -> None:
        """The meeting's facts as the new agenda's first fields."""
        for name in ("raad", "formatie", "afkorting", "datum", "einddatum", "plaats", "land", "voorzetsel"):
            if name in self.agenda:
                agenda[name] = self.agenda[name]

    def _ga(self, notes: dict[str, Any]) -> CommentedMap:
        """The GA's own texts where the document words them otherwise than the templates."""
        ga = CommentedMap()
        for name, value in self.found.ga.items():
            if isinstance(value, list):
                ga[name] = self._block(value, notes, set()) if value else False
            else:
                ga[name] = value
        return ga

    def _brief(self, notes: dict[str, Any]) -> CommentedMap | None:
        """The letter the GA stood in, with its signatories: its opening paragraph as the
        letter's sentences, its further paragraphs as ``alineas``. The letter's date is not in
        the document: a week before the meeting, reported."""
        letter = self.found.letter
        if not letter.signatories:
            return None
        brief = CommentedMap()
        day = self.agenda["datum"] - dt.timedelta(days=7)
        brief["datum"] = day
        self.report.unplaced.append(
            f"{self.display}: the letter's date is not in the document; brief.datum set to {day}, "
            "put the letter's date there (and its kenmerk, sender and addresses)"
        )
        brief["ondertekenaars"] = [
            CommentedMap(functie=_plain(s.functie), naam=_plain(s.naam)) for s in letter.signatories
        ]
        if not letter.paragraphs:
            return brief
        first, *rest = letter.paragraphs
        opening = read_opening(
            self._paragraph_text(first, notes, set()), self.agenda, len(letter.signatories)
        )
        for name in ("opening", "deelname", "stand_van_zaken"):
            value = getattr(opening, name)
            if value is not None:
                brief[name] = value
        if opening.volgorde:
            brief["volgorde"] = opening.volgorde
        if rest:
            brief["alineas"] = [self._block([p], notes, set()) for p in rest]
        return brief

    def _delen(self, notes: dict[str, Any]) -> CommentedSeq:
        delen = CommentedSeq()
        for part in self.found.parts:
            deel = CommentedMap()
            deel["kop"] = _plain(part.kop)
            if part.tekst:
                deel["tekst"] = self._block(part.tekst, notes, set())
            if part.onderwerpen:
                onderwerpen = CommentedSeq()
                for kop, paragraphs in part.onderwerpen:
                    onderwerp = CommentedMap(kop=_plain(kop))
                    if paragraphs:
                        onderwerp["tekst"] = self._block(paragraphs, notes, set())
                    onderwerpen.append(onderwerp)
                deel["onderwerpen"] = onderwerpen
            self._refuse_texts(deel, _("the part '{heading}'", heading=part.kop))
            delen.append(deel)
        return delen

    def _block(self, paragraphs: list[Paragraph], notes: dict[str, Any], taken: set[str]) -> Any:
        """Paragraphs as one Markdown value: a literal block when it has more than one line."""
        texts = [wrap(self._paragraph_text(p, notes, taken)) for p in paragraphs]
        joined = join_blocks(paragraphs, texts)
        return LiteralScalarString(joined + "\n") if "\n" in joined else joined

    def _unplaced_notes(self) -> None:
        """Every footnote of the document that no written value carries, with its text and place."""
        for index, text in enumerate(self.found.notes):
            if index in self.placed_notes:
                continue
            where = self.found.places.get(index, "no reference in the text")
            self.report.unplaced.append(
                f"{self.display}: footnote {index + 1} (in {where}) has no place in the data: {text}"
            )

    def _unplace_second(self, number: int, item: Item, dossier_id: str, first: int) -> None:
        """Report item ``number``, which names the dossier item ``first`` already took.

        A dossier holds one position per Council and belongs on an agenda once, so the
        item gets neither an entry nor an agenda line; the drafter adds it by hand.
        """
        self.report.unplaced.append(
            f"{self.display}: item {number} '{item.kort or item.onderwerp}' names the dossier of "
            f"item {first} (positions/{dossier_id}.yaml), which holds one position per Council; "
            "not imported, add it by hand"
        )

    def _refuse_texts(self, data: Any, where: str) -> None:
        """Refuse a text of ``data`` that render would refuse in the file import writes, named
        by ``where`` in the document: a text passes a limit only once it is Markdown (wrapped
        lines, escapes, paragraphs joined), and the file's own error would name a file that
        import never wrote."""
        for _path, text in _texts(data):
            problem = value_problem(text)
            if problem:
                raise fail(Location.file(self.display), _("{where}: {problem}", where=where, problem=problem))

    def _agenda_text(self, markdown: str, notes: dict[str, Any]) -> str:
        def rename(match: re.Match[str]) -> str:
            return f"[^{self._note_key(int(match.group(1)), notes, set())}]"

        return re.sub(r"\[\^#(\d+)\]", rename, markdown)

    def _paragraph_text(self, paragraph: Paragraph, notes: dict[str, Any], taken: set[str]) -> str:
        return paragraph_markdown(paragraph, lambda ref: self._note_key(ref.note, notes, taken))

    def _note_key(self, index: int, notes: dict[str, Any], taken: set[str]) -> str:
        self.placed_notes.add(index)
        text = self.found.notes[index] if index < len(self.found.notes) else ""
        value = note_value(text, None)
        if isinstance(value, dict):
            citation = CommentedMap(value["kamerstuk"])
            citation.fa.set_flow_style()
            value = CommentedMap(kamerstuk=citation)
        for existing, known in notes.items():
            if _same(known, value):
                return existing
        for existing, known in self.shared.items():
            if _same(known, value) and existing not in notes:
                return existing
        self._refuse_texts(value, _("footnote {number}", number=index + 1))
        note_key = derive_key(text, set(notes) | taken | set(self.shared))
        notes[note_key] = value
        return note_key

    def _dossier(
        self, dossier_id: str, existing: Path | None, number: int, item: Item, problems: list[Problem]
    ) -> Output:
        notes: dict[str, Any] = {}
        taken: set[str] = set()
        current: dict[str, Any] = {}
        raw, text = b"", ""
        if existing is not None:
            shown = display_path(self.root, existing)
            raw = read_bytes(existing, shown, str(self.root.resolve()))
            text = decode(raw, shown)
            current = load_text(text, shown).data
            notes = dict(current.get("voetnoten") or {})
            taken = set(notes)
        entry = CommentedMap()
        entry["raad"] = self.raad_id
        for name in ("introductie", "inzet", "kern", "krachtenveld"):
            paragraphs = item.sections.get(name)
            if not paragraphs:
                continue
            texts = [wrap(self._paragraph_text(p, notes, taken)) for p in paragraphs]
            entry[name] = LiteralScalarString(join_blocks(paragraphs, texts) + "\n")
            heading = item.written.get(name, name)
            self._refuse_texts(
                entry[name],
                _("{item}, under '{heading}'", item=_item_place(number, item), heading=heading),
            )
        display = f"positions/{dossier_id}.yaml"
        refuse_oversized(
            len(raw) + _text_bytes(entry) + _text_bytes({k: v for k, v in notes.items() if k not in taken}),
            Location.file(self.display),
            _("the text of '{name}'", name=item.kort or item.onderwerp or dossier_id),
            display,
        )
        if existing is None:
            dossier = CommentedMap()
            dossier["id"] = dossier_id
            titel = item.onderwerp or item.kort or dossier_id
            dossier["titel"] = _plain(titel[:1].upper() + titel[1:])
            dossier["kort"] = _plain(item.kort or titel)
            if notes:
                dossier["voetnoten"] = notes
            dossier["standpunten"] = [entry]
            text = f"# Imported by 'briefgen import' for {self.raad_id}.\n" + editing.dump(dossier)
            self.report.added.append(f"{display}: new dossier")
        else:
            if any(s.get("raad") == self.raad_id for s in current.get("standpunten") or []):
                raise fail(
                    Location(display),
                    _(
                        "already has a position for {raad_id}; import does not overwrite it",
                        raad_id=self.raad_id,
                    ),
                )
            for note_key, value in notes.items():
                if note_key not in (current.get("voetnoten") or {}):
                    text = editing.add_key(text, ("voetnoten",), note_key, value, create_before="standpunten")
            text = editing.append_item(text, ("standpunten",), editing.dump([entry]))
            self.report.added.append(f"{display}: position for {self.raad_id}")
        _check(text, display, Dossier, problems, frozenset(self.shared))
        encoded = editing.encoded_like(text, raw)
        refuse_oversized(len(encoded), Location.file(self.display), _("the text"), display)
        return Output(self.root / display, encoded)


def _item_place(number: int, item: Item) -> str:
    """An item as the document shows it: its number and heading."""
    return str(_("item {number} '{name}'", number=number, name=item.kort or item.onderwerp or ""))


def _plain(text: str) -> str:
    """Markdown escapes are not wanted in one-line fields such as a title."""
    return re.sub(r"\\([\\`*_\[\]])", r"\1", text)


def refuse_unwritable(found: Recognised, display: str) -> None:
    """Refuse, before anything is written out, a document whose items import could not
    write as render reads them: too many items, an item whose texts alone would pass a
    YAML file's size, a text render would refuse (a line separator, a character XML cannot
    hold, a value longer than one may be)."""
    if len(found.items) > MAX_ITEMS:
        raise fail(
            Location.file(display),
            _(
                "{count:,} items found, more than the {limit} one import writes (a Council's agenda has some dozen); nothing is written",
                count=len(found.items),
                limit=MAX_ITEMS,
            ),
        )
    for item in found.items:
        name = item.kort or item.onderwerp
        refuse_oversized(
            _item_bytes(item, found.notes),
            Location.file(display),
            _("the text of '{name}' and its footnotes", name=name),
            _("its position file"),
        )
        for text in _item_texts(item, found.notes):
            problem = value_problem(text)
            if problem:
                raise fail(
                    Location.file(display), _("the text of '{name}': {problem}", name=name, problem=problem)
                )


def _item_texts(item: Item, notes: list[str]) -> list[str]:
    """The texts of an item's sections and of the footnotes they refer to."""
    paragraphs = [p for section in item.sections.values() for p in section]
    referred = sorted({i.note for p in paragraphs for i in p.inlines if isinstance(i, NoteRef)})
    return [p.text for p in paragraphs] + [notes[n] for n in referred if n < len(notes)]


def _item_bytes(item: Item, notes: list[str]) -> int:
    """Bytes of an item's sections and the footnotes they refer to: at least what its
    position entry takes, known before any of it is written out as YAML."""
    return sum(len(text.encode("utf-8")) for text in _item_texts(item, notes))


def _text_bytes(data: Any) -> int:
    """Bytes of the texts in ``data``: a lower bound of its size as YAML."""
    if isinstance(data, str):
        return len(data.encode("utf-8"))
    if isinstance(data, dict):
        return sum(_text_bytes(v) for v in data.values())
    if isinstance(data, list):
        return sum(_text_bytes(v) for v in data)
    return 0


def _same(a: Any, b: Any) -> bool:
    """Equal footnotes; spaces of any kind (a no-break space from a typesetter) count as one."""
    if isinstance(a, str) and isinstance(b, str):
        return a.split() == b.split()
    return bool(a == b)


def _shared_notes(root: Path) -> dict[str, Any]:
    path = positions_dir(root) / SHARED_NOTES
    if not path.is_file():
        return {}
    shown = f"positions/{SHARED_NOTES}"
    data = load_text(read_text(path, shown, str(root.resolve())), shown).data
    notes = data.get("voetnoten") if isinstance(data, dict) else None
    return dict(notes) if isinstance(notes, dict) else {}


def _check(
    text: str, display: str, model: type[Base], problems: list[Problem], shared: frozenset[str]
) -> None:
    loaded = load_text(text, display)
    validated, found = validate(model, loaded)
    problems.extend(found)
    if validated is None:
        return
    keys = set(getattr(validated, "voetnoten", {}) or {}) | shared
    for _path, value in _texts(loaded.data):
        for note_key in NOTE_REF.findall(value):
            if note_key not in keys:
                problems.append(Problem(Location(display), _("footnote [^{key}] has no text", key=note_key)))
                keys.add(note_key)


def _texts(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [t for k, v in data.items() if k != "voetnoten" for t in _texts(v, (*path, k))]
    if isinstance(data, list):
        return [t for i, v in enumerate(data) for t in _texts(v, (*path, i))]
    return []


def _dossiers(root: Path) -> dict[str, Path]:
    folder = positions_dir(root)
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml")) if p.name != SHARED_NOTES}


def _names(dossiers: dict[str, Path]) -> dict[str, set[str]]:
    """Each dossier's short name and title, case-folded; a file that does not load has none."""
    names: dict[str, set[str]] = {}
    for dossier_id, path in dossiers.items():
        try:
            data = load_text(read_text(path, path.name), path.name).data
        except UserError:
            continue
        if isinstance(data, dict):
            names[dossier_id] = {str(data.get("kort", "")).casefold(), str(data.get("titel", "")).casefold()}
    return names


def _known(names: dict[str, set[str]], item: Item) -> str | None:
    """The dossier whose short name or title is this item's, if one exists."""
    wanted = {t.casefold() for t in (item.kort, item.onderwerp) if t}
    return next((dossier_id for dossier_id, own in names.items() if own & wanted), None)


def _bare(item: Item) -> bool:
    """An item that is only its heading: no type, subject, text or section."""
    return not (
        item.soort
        or item.onderwerp
        or item.toelichting is not None
        or item.tekst
        or any(item.sections.values())
        or item.uitkomst
    )


def _new_id(item: Item, used: set[str]) -> str:
    """A dossier id from the item's short name: whole words, at most 40 characters, letters
    with a diaeresis or accent as their plain letter ('justitiële' → 'justitiele')."""
    name = unicodedata.normalize("NFKD", _plain(item.kort or item.onderwerp or "dossier"))
    stem = ""
    for word in slug("".join(c for c in name if not unicodedata.combining(c))).split("-"):
        if stem and len(stem) + 1 + len(word) > 40:
            break
        stem = f"{stem}-{word}" if stem else word
    stem = stem or "dossier"
    candidate, number = stem, 2
    while candidate in used:
        candidate, number = f"{stem}-{number}", number + 1
    return candidate
