"""Write what import recognised in a verslag: each item's outcome.

Into an agenda that exists (the GA was rendered or imported before): each verslag item
goes to the agenda item it names (its heading equal to, inside or like the item's
heading, subject, dossier title or short name): as ``uitkomst`` of that dossier's
position for this Council, added as new lines, or of the agenda item when it has no
dossier. A verslag item that names no agenda item becomes a passage of the verslag
with its own heading: a passage of its diversen (``verslag.diversen``) when it stood
under them, else ``verslag.marge``. The verslag's opening paragraphs become its
``samenvatting``, its title its ``kop`` where the templates would word it otherwise.

Without an agenda, a new one is written from the verslag alone: one item per heading
with its outcome. A value that already has an outcome, or an agenda that already has a
verslag, is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..data import editing
from ..data.agenda import Agenda
from ..data.dossier import Dossier
from ..data.files import decode, read_bytes
from ..data.formations import formatie
from ..data.load import load_text
from ..data.project import agenda_file, positions_dir
from ..document.dutch import vergaderdatum
from ..errors import Location, Problem, UserError, _, fail
from ..output.outputs import Output
from .import_files import ImportWriter, _check, _plain
from .letter import is_default_verslag_opening
from .recognise import Item

MATCH = 0.6
"""How like an agenda item's name a verslag heading must be (difflib ratio) to be its outcome."""


class VerslagWriter(ImportWriter):
    """The files that carry a verslag's outcomes for agenda ``raad_id``."""

    def outputs(self) -> list[Output]:
        if not self.items:
            raise fail(
                Location(self.display), _("no items found in the verslag (no headings after its opening)")
            )
        path = agenda_file(self.root, self.raad_id)
        outputs = self._into(path) if path.exists() else self._new(path)
        self._unplaced_notes()
        return outputs

    # -- a new agenda from the verslag alone -------------------------------------------------

    def _new(self, path: Path) -> list[Output]:
        self._require_meeting()
        notes: dict[str, Any] = {}
        agenda = CommentedMap(id=self.raad_id)
        self._meeting_fields(agenda)
        if "plaats" not in agenda:
            agenda["plaats"] = self._assumed_place()
        punten = CommentedSeq()
        for item in self.items:
            punt = CommentedMap(kop=_plain(item.kort or ""))
            if item.soort == "diversen":
                punt["soort"] = "diversen"
            elif item.deel:
                punt["verslagdeel"] = _plain(item.deel)
            if item.uitkomst:
                punt["uitkomst"] = self._outcome(item, notes, set())
            punten.append(punt)
        verslag = self._verslag(notes)
        if notes:
            agenda["voetnoten"] = notes
        agenda["punten"] = punten
        agenda["verslag"] = verslag
        text = (
            f"# Imported by 'briefgen import' from the verslag {Path(self.display).name}.\n"
            + editing.dump(agenda)
        )
        problems: list[Problem] = []
        _check(text, f"agendas/{self.raad_id}.yaml", Agenda, problems, frozenset(self.shared))
        if problems:
            raise UserError(problems)
        self.report.added.append(f"agendas/{self.raad_id}.yaml: new agenda with the verslag's outcomes")
        return [Output(path, text.encode("utf-8"))]

    def _outcome(self, item: Item, notes: dict[str, Any], taken: set[str]) -> Any:
        """An item's outcome as one Markdown value, refused here when render would refuse it."""
        value = self._block(item.uitkomst, notes, taken)
        self._refuse_texts(value, _("the outcome under '{heading}'", heading=item.kort or ""))
        return value

    def _assumed_place(self) -> str:
        from .meeting import default_place  # noqa: PLC0415 - only when the verslag names no place

        place = default_place(self.agenda["datum"])
        self.report.unplaced.append(
            f"{self.display}: the verslag does not say where the Council met; plaats set to {place}"
        )
        return place

    def _verslag(
        self,
        notes: dict[str, Any],
        passages: dict[str, CommentedSeq] | None = None,
        has_signatories: bool = False,
    ) -> CommentedMap:
        verslag = CommentedMap()
        day = self.agenda["datum"]
        letter = self.found.letter
        opening = self._paragraph_text(letter.paragraphs[0], notes, set()) if letter.paragraphs else ""
        # a letter that says "jl." was written after the meeting: a week after, to be replaced
        after = dt.timedelta(days=7 if " jl. " in f" {opening} " else 0)
        verslag["datum"] = dt.date(day.year, day.month, day.day) + after  # its own object: no YAML anchor
        self.report.unplaced.append(
            f"{self.display}: the verslag's letter date is not in the verslag; verslag.datum set to "
            f"{verslag['datum']}, put the letter's date there"
        )
        if opening and not is_default_verslag_opening(opening, self.agenda, len(letter.signatories)):
            verslag["opening"] = opening
        if letter.paragraphs[1:]:
            verslag["alineas"] = [self._block([p], notes, set()) for p in letter.paragraphs[1:]]
        signatories = self.found.letter.signatories
        if signatories:
            verslag["ondertekenaars"] = [
                CommentedMap(functie=_plain(s.functie), naam=_plain(s.naam)) for s in signatories
            ]
        elif not has_signatories:
            self.report.unplaced.append(
                f"{self.display}: the verslag's letters need signatories: add verslag.ondertekenaars "
                "(functie, naam) before rendering"
            )
        kop = self.agenda.get("verslag_kop")
        known = formatie(str(self.agenda.get("formatie") or self.agenda.get("raad") or ""))
        if kop and "raad" in self.agenda and "datum" in self.agenda:
            when = vergaderdatum({"datum": self.agenda["datum"], "einddatum": self.agenda.get("einddatum")})
            datum = known.verslag_datum if known else ""
            standard = f"Verslag {self.agenda['raad']}" + (
                "" if datum == "geen" else f" {datum} {when}".replace("  ", " ")
            )
            if kop != standard:
                verslag["kop"] = _plain(kop)
        numbered = self.agenda.get("verslag_genummerd")
        if kop and numbered is not None and numbered != bool(known and known.verslag_nummering):
            verslag["nummering"] = numbered
        diversenkop = self.found.ga.get("diversenkop")
        if isinstance(diversenkop, str) and diversenkop != "Diversen":
            verslag["diversenkop"] = _plain(diversenkop)
        if self.found.samenvatting:
            verslag["samenvatting"] = self._block(self.found.samenvatting, notes, set())
            if known and known.verslag_inleiding:
                # the opening sentence is read as part of the summary: not written twice
                verslag["inleiding"] = False
        for name, found in (passages or {}).items():
            if found:
                verslag[name] = found
        delen = self._delen(notes)
        for deel in delen:
            if "onderwerpen" in deel or "tekst" not in deel:  # a verslag's part is a heading and its text
                self.report.unplaced.append(
                    f"{self.display}: the part '{deel['kop']}' is not one heading and its text; left out"
                )
        delen[:] = [deel for deel in delen if "onderwerpen" not in deel and "tekst" in deel]
        if delen:
            verslag["delen"] = delen
        self._refuse_texts(verslag, _("the letter"))
        return verslag

    # -- into an agenda that exists ------------------------------------------------------------

    def _into(self, path: Path) -> list[Output]:
        shown = f"agendas/{self.raad_id}.yaml"
        raw = read_bytes(path, shown, str(self.root.resolve()))
        text = decode(raw, shown)
        data = load_text(text, shown).data
        if not isinstance(data, dict) or not isinstance(data.get("punten"), list):
            raise fail(Location(shown), _("is not an agenda with items; import the GA first"))
        if "verslag" in data:
            raise fail(Location(shown), _("already has a verslag; import does not overwrite it"))
        for name in ("raad", "datum", "einddatum"):  # the agenda's own facts come first
            if data.get(name):
                self.agenda[name] = data[name]
        notes: dict[str, Any] = dict(data.get("voetnoten") or {})
        known = set(notes)
        punten = data["punten"]
        matched = self._match(punten)
        outputs: list[Output] = []
        problems: list[Problem] = []
        passages = {"diversen": CommentedSeq(), "marge": CommentedSeq()}
        for number, item in enumerate(self.items):
            index = matched.get(number)
            if index is None:
                passage = CommentedMap(kop=_plain(item.kort or ""))
                passage["tekst"] = self._outcome(item, notes, set()) if item.uitkomst else "-"
                passages["diversen" if item.soort == "diversen" else "marge"].append(passage)
                self.report.added.append(
                    f"{shown}: verslag passage '{item.kort}' (no agenda item of that name)"
                )
                continue
            punt = punten[index]
            text = self._heading_and_kind(text, index, punt, item)
            if (
                item.deel
                and item.soort != "diversen"
                and isinstance(punt, dict)
                and "verslagdeel" not in punt
            ):
                # the verslag's heading over this item and the next ones ("Eurogroep")
                text = editing.add_key(text, ("punten", index), "verslagdeel", _plain(item.deel))
            if not item.uitkomst:
                continue
            dossier = punt.get("dossier") if isinstance(punt, dict) else None
            if dossier:
                output = self._outcome_in_position(dossier, item, problems)
                if output is not None:
                    outputs.append(output)
                    continue
            if isinstance(punt, dict) and punt.get("uitkomst"):
                self.report.unplaced.append(
                    f"{self.display}: '{item.kort}' already has an outcome; left as it is"
                )
                continue
            text = editing.add_key(text, ("punten", index), "uitkomst", self._outcome(item, notes, set()))
            self.report.added.append(f"{shown}: outcome of item {index + 1}")
        for index in sorted(set(range(len(punten))) - set(matched.values())):
            self.report.unplaced.append(
                f"{self.display}: agenda item {index + 1} has no outcome in the verslag; "
                "write its 'uitkomst' before rendering"
            )
        verslag = self._verslag(notes, passages, has_signatories=bool(data.get("brief")))
        for key, value in notes.items():
            if key not in known:
                text = editing.add_key(text, ("voetnoten",), key, value, create_before="punten")
        text = text + ("" if text.endswith("\n") else "\n") + editing.dump(CommentedMap(verslag=verslag))
        self.report.added.append(f"{shown}: verslag")
        _check(text, shown, Agenda, problems, frozenset(self.shared))
        if problems:
            raise UserError(problems)
        return [Output(path, editing.encoded_like(text, raw)), *outputs]

    def _match(self, punten: list[Any]) -> dict[int, int]:
        """Each verslag item's agenda item (by index), the closest name first; each used once."""
        names = [self._names(punt) for punt in punten]
        pairs: list[tuple[float, int, int]] = []
        for number, item in enumerate(self.items):
            heading = (item.kort or "").casefold()
            for index, own in enumerate(names):
                score = max((_likeness(heading, name) for name in own), default=0.0)
                if score >= MATCH:
                    pairs.append((score, number, index))
        matched: dict[int, int] = {}
        for _score, number, index in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            if number not in matched and index not in matched.values():
                matched[number] = index
        return self._match_diversen(punten, matched)

    def _match_diversen(self, punten: list[Any], matched: dict[int, int]) -> dict[int, int]:
        """The verslag's diversen left unmatched, paired in order with the agenda's items headed
        just 'Diversen' when there are as many of each: a GA that heads its diversen item so
        (RAZ) names no subject the verslag's heading could be matched with. An item with a
        subject of its own that the verslag does not name stays unmatched."""
        taken = set(matched.values())
        left = [n for n, item in enumerate(self.items) if n not in matched and item.soort == "diversen"]
        open_ = [i for i, punt in enumerate(punten) if i not in taken and self._headed_diversen(punt)]
        if left and len(left) == len(open_):
            matched.update(zip(left, open_, strict=True))
        return matched

    def _headed_diversen(self, punt: Any) -> bool:
        """An agenda item with no dossier whose heading is the diversen heading itself."""
        if not isinstance(punt, dict) or punt.get("dossier"):
            return False
        heading = str(self.found.ga.get("diversenkop") or "Diversen").casefold()
        return str(punt.get("kop") or "").casefold() == heading

    def _heading_and_kind(self, text: str, index: int, punt: Any, item: Item) -> str:
        """The verslag's own heading for the item (``verslagkop``) where it names the item
        otherwise than the GA, and ``soort: diversen`` for an item the verslag puts among the
        diversen."""
        if not isinstance(punt, dict):
            return text
        if item.soort == "diversen" and punt.get("soort") is None:
            text = editing.add_key(text, ("punten", index), "soort", "diversen")
        heading = (item.kort or "").casefold()
        if heading and "verslagkop" not in punt and heading not in self._names(punt):
            text = editing.add_key(text, ("punten", index), "verslagkop", _plain(item.kort or ""))
        return text

    def _names(self, punt: Any) -> list[str]:
        if not isinstance(punt, dict):
            return []
        own = [str(punt.get(k) or "") for k in ("kop", "onderwerp")]
        dossier = punt.get("dossier")
        path = positions_dir(self.root) / f"{dossier}.yaml" if dossier else None
        if path is not None and path.is_file():
            try:
                raw = read_bytes(path, path.name, str(self.root.resolve()))
                data = load_text(decode(raw, path.name), path.name).data
            except UserError:
                data = None
            if isinstance(data, dict):
                own += [str(data.get("kort") or ""), str(data.get("titel") or "")]
        return [n.casefold() for n in own if n]

    def _outcome_in_position(self, dossier: str, item: Item, problems: list[Problem]) -> Output | None:
        """The outcome as ``uitkomst`` of the dossier's position for this Council (None: it has none)."""
        path = positions_dir(self.root) / f"{dossier}.yaml"
        shown = f"positions/{dossier}.yaml"
        if not path.is_file():
            return None
        raw = read_bytes(path, shown, str(self.root.resolve()))
        text = decode(raw, shown)
        data = load_text(text, shown).data
        standpunten: Any = data.get("standpunten") if isinstance(data, dict) else None
        entry = next(
            (
                i
                for i, s in enumerate(standpunten or [])
                if isinstance(s, dict) and s.get("raad") == self.raad_id
            ),
            None,
        )
        if entry is None:
            return None
        if standpunten[entry].get("uitkomst"):
            self.report.unplaced.append(
                f"{self.display}: {shown} already has an outcome for {self.raad_id}; left as it is"
            )
            return Output(path, raw)
        notes = dict(data.get("voetnoten") or {})
        known = set(notes)
        value = self._outcome(item, notes, known)
        text = editing.add_key(text, ("standpunten", entry), "uitkomst", value)
        for key, note in notes.items():
            if key not in known:
                text = editing.add_key(text, ("voetnoten",), key, note, create_before="standpunten")
        _check(text, shown, Dossier, problems, frozenset(self.shared))
        self.report.added.append(f"{shown}: outcome for {self.raad_id}")
        return Output(path, editing.encoded_like(text, raw))


def _likeness(heading: str, name: str) -> float:
    if heading == name:
        return 1.0
    if heading and name and (heading in name or name in heading):
        return 0.9
    return difflib.SequenceMatcher(None, heading, name, autojunk=False).ratio()
