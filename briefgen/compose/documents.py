"""Render a document's view through Jinja into Markdown, then into the block document.

Templates decide all wording; Python only gathers data. Drafters' texts enter the
templates as values, never as template source, so ``{{ … }}`` in a position is text.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2

from ..data.model import (
    NOTE_REF,
    Agenda,
    Agendapunt,
    Brief,
    Dossier,
    GaTeksten,
    Kopjes,
    Nota,
    Standpunt,
    Verslag,
    VerslagPassage,
    Voetnoot,
)
from ..data.project import Entry, Project
from ..errors import Location, UserError, did_you_mean, fail
from . import markdown
from .blocks import Document, Layout
from .loader import Loader
from .sandbox import Sandbox

MAANDEN = ("januari februari maart april mei juni juli augustus september oktober november december").split()
SOORT_DELEN = ("regel", "kop", "opening")
"""What every item type in ``_soorten.md.j2`` has: agenda line, heading, running-prose opening."""
TELWOORDEN = "nul één twee drie vier vijf zes zeven acht negen tien elf twaalf".split()


WEEKDAGEN = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()


def datum(value: dt.date, jaar: bool = True) -> str:
    """A date as Dutch ministries write it: ``17 maart 2026`` (``17 maart`` without the year)."""
    day = f"{value.day} {MAANDEN[value.month - 1]}"
    return f"{day} {value.year}" if jaar else day


def weekdag(value: dt.date) -> str:
    return WEEKDAGEN[value.weekday()]


def relatief(value: dt.date, peildatum: dt.date) -> str:
    """``a.s.`` for a day after ``peildatum`` (the letter's date), ``jl.`` for one before, else nothing."""
    return "a.s." if value > peildatum else "jl." if value < peildatum else ""


def vergaderdatum(agenda: Any, jaar: bool = True, tot: str = "–") -> str:
    """A meeting's day or days: ``22–23 september 2025``, ``23 en 24 juni`` (``tot=" en "``, no year)."""
    begin, eind = agenda["datum"], agenda["einddatum"]
    if eind is None:
        return datum(begin, jaar)
    if (begin.year, begin.month) == (eind.year, eind.month):
        first = str(begin.day)
    else:
        first = datum(begin, jaar and begin.year != eind.year)
    return f"{first}{tot}{datum(eind, jaar)}"


def standaard(value: str | bool | None, default: str) -> str:
    """A default sentence: the drafter's text replaces it, false leaves it out."""
    if value is None:
        return default
    return value or ""


def zinnen(parts: list[str]) -> str:
    """Sentences joined into one paragraph, skipping the ones left out."""
    return " ".join(part.strip() for part in parts if part and part.strip())


def hoofdletter(value: str) -> str:
    """The text with its first letter a capital and the rest as written (``CO2`` stays ``CO2``)."""
    return value[:1].upper() + value[1:]


def romeins(value: int) -> str:
    """A part number as a Roman numeral: ``II``; from 4000 on (no Roman numeral) in digits."""
    if not 0 < value < 4000:
        return str(value)
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"))
    numerals += ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        out += numeral * count
    return out


def telwoord(value: int) -> str:
    return TELWOORDEN[value] if 0 <= value < len(TELWOORDEN) else str(value)


def opsomming(items: list[str]) -> str:
    """Items joined as Dutch prose: ``a, b en c``."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1] if items else ""


# Python errors a template can cause itself ({{ 1/0 }}, a filter given the wrong type):
# template errors when they arise in a template's code, bugs in briefgen otherwise.
TEMPLATE_FAULTS = (ArithmeticError, LookupError, TypeError, ValueError, AttributeError, MemoryError)


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"no key {error}"
    return str(error) or type(error).__name__


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Templates:
    """The Jinja templates of a project, for one Council formation.

    ``templates/<formation>/`` overrides ``templates/`` file by file.
    """

    def __init__(self, folder: Path, formation: str):
        self.folder = folder
        self.formation_folder = folder / slug(formation)
        loader = Loader([self.formation_folder, folder], folder)
        self.env = Sandbox(
            loader,
            {
                "datum": datum,
                "telwoord": telwoord,
                "opsomming": opsomming,
                "weekdag": weekdag,
                "relatief": relatief,
                "vergaderdatum": vergaderdatum,
                "standaard": standaard,
                "zinnen": zinnen,
                "romeins": romeins,
                "hoofdletter": hoofdletter,
            },
        )

    def render(self, name: str, **view: Any) -> str:
        return self._guard(lambda: self.env.get_template(name).render(**view))

    @cached_property
    def soorten(self) -> dict[str, Any]:
        """The agenda item types the templates know, from ``_soorten.md.j2``."""
        template = self._guard(lambda: self.env.get_template("_soorten.md.j2"))
        soorten = dict(getattr(self._guard(lambda: template.module), "soorten", {}))
        for name, parts in soorten.items():
            missing = [part for part in SOORT_DELEN if not isinstance(parts, dict) or part not in parts]
            if missing:
                raise fail(
                    self._named_in(template.filename, name),
                    f"item type '{name}' has no {' or '.join(repr(m) for m in missing)}; every template "
                    f"reads {', '.join(repr(p) for p in SOORT_DELEN)} from this one table",
                )
        return soorten

    def _named_in(self, filename: str | None, name: str) -> Location:
        """Where a template first names ``name`` in quotes (its first line if nowhere)."""
        try:
            lines = Path(filename or "").read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        for number, line in enumerate(lines, 1):
            if f'"{name}"' in line:
                return Location(self._display(Path(filename or "")), number, line.index(f'"{name}"') + 2)
        return self._location(filename or "?", 1)

    def _guard(self, action: Callable[[], Any]) -> Any:
        """Run a template with a fresh budget; what goes wrong in it is a template error at its place."""
        try:
            return self.env.run(action)
        except jinja2.TemplateSyntaxError as error:
            where = self._location(error.filename or error.name or "?", error.lineno)
            raise fail(where, f"template error: {error.message}") from None
        except jinja2.TemplateNotFound as error:
            raise fail(Location(self._display(self.folder)), f"template '{error.name}' not found") from None
        except jinja2.TemplateError as error:
            raise fail(self._traceback_location(), f"template error: {error}") from None
        except RecursionError:
            raise fail(
                self._traceback_location(), "template error: a macro or include calls itself without end"
            ) from None
        except TEMPLATE_FAULTS as error:
            where = self._template_frame()
            if where is None:
                raise
            raise fail(where, f"template error: {_describe(error)}") from None

    def _traceback_location(self) -> Location:
        return self._template_frame() or Location(self._display(self.folder))

    def _template_frame(self) -> Location | None:
        """The innermost template line in the traceback being handled, if any."""
        frames = traceback.extract_tb(sys.exc_info()[2])
        for frame in reversed(frames):
            if frame.filename.endswith(".j2"):
                return self._location(frame.filename, frame.lineno or 1)
        return None

    def _location(self, filename: str, line: int) -> Location:
        return Location(self._display(Path(filename)), line, 1)

    def _display(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.folder.resolve().parent))
        except ValueError:
            return str(path)


@dataclass
class Notes:
    """Footnote definitions in scope for the texts of one document.

    Each text's ``[^key]`` is renamed to a label unique to its scope (a dossier, the
    agenda, or the shared file), so that equal keys in different dossiers never collide.
    """

    templates: Templates
    shared: dict[str, Voetnoot]
    definitions: dict[str, str]

    def scoped(self, text: str | None, scope: str, local: dict[str, Voetnoot]) -> str | None:
        if text is None:
            return None

        def rename(match: re.Match[str]) -> str:
            key = match.group(1)
            if key in local:
                label, note = f"{scope}:{key}", local[key]
            else:
                label, note = f"_:{key}", self.shared[key]
            if label not in self.definitions:
                shown = markdown.protect(note) if isinstance(note, str) else note
                self.definitions[label] = self.templates.render("_voetnoot.md.j2", voetnoot=shown).strip()
            return f"[^{label}]"

        return NOTE_REF.sub(rename, markdown.protect(text))

    def markdown(self) -> str:
        lines = []
        for label, text in self.definitions.items():
            body = text.replace("\n", "\n    ")
            lines.append(f"[^{label}]: {body}")
        return "\n\n".join(lines)


@dataclass(frozen=True)
class Kind:
    """One document of the package: its file stem, template, page layout and extra view."""

    stem: str
    template: str
    layout: Layout
    title: str
    needs: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


KINDS = (
    Kind("geannoteerde-agenda", "geannoteerde-agenda.md.j2", "bijlage", "Geannoteerde Agenda"),
    Kind("kamerbrief-tk", "kamerbrief.md.j2", "brief", "Kamerbrief", "brief", (("kamer", "tk"),)),
    Kind("kamerbrief-ek", "kamerbrief.md.j2", "brief", "Kamerbrief", "brief", (("kamer", "ek"),)),
    Kind("nota", "nota.md.j2", "brief", "Nota ter beslissing", "nota"),
    Kind("verslag", "verslag.md.j2", "bijlage", "Verslag", "verslag"),
    Kind(
        "kamerbrief-verslag-tk",
        "kamerbrief-verslag.md.j2",
        "brief",
        "Kamerbrief verslag",
        "verslag",
        (("kamer", "tk"),),
    ),
    Kind(
        "kamerbrief-verslag-ek",
        "kamerbrief-verslag.md.j2",
        "brief",
        "Kamerbrief verslag",
        "verslag",
        (("kamer", "ek"),),
    ),
)
GA = KINDS[0]


def kinds_for(agenda: Agenda) -> list[Kind]:
    """The documents an agenda file has the data for."""
    return [kind for kind in KINDS if kind.needs is None or getattr(agenda, kind.needs) is not None]


def compose(
    project: Project, entry: Entry[Agenda], templates: Templates, kind: Kind, arcering: str | None = None
) -> Document:
    """One document of an agenda's package as a block document; footnotes restart at 1."""
    notes = Notes(templates, project.shared_notes(), {})
    view = agenda_view(project, entry, notes, arcering)
    text = templates.render(kind.template, **view, **dict(kind.extra))
    source = text + "\n\n" + notes.markdown() + "\n"
    document = markdown.parse(source)
    document.source = source
    agenda = entry.model
    days = vergaderdatum({"datum": agenda.datum, "einddatum": agenda.einddatum})
    document.title = f"{kind.title} {agenda.raad} {days}"
    document.layout = kind.layout
    return document


def compose_ga(project: Project, entry: Entry[Agenda], templates: Templates) -> Document:
    """The geannoteerde agenda of one Council as a block document."""
    return compose(project, entry, templates, GA)


def portefeuilles(project: Project, agenda: Agenda) -> list[str]:
    """The portfolios of an agenda's items (per item, else the dossier's), in order."""
    found: list[str] = []
    for punt in agenda.punten:
        name = punt.portefeuille or (punt.dossier and project.dossiers[punt.dossier].model.portefeuille)
        if name and name not in found:
            found.append(name)
    return found


def agenda_view(
    project: Project, entry: Entry[Agenda], notes: Notes, arcering: str | None = None
) -> dict[str, Any]:
    """Everything the templates may use, with footnote keys made unique.

    A default sentence the drafter replaced arrives as text, one left out as ``False``
    and one not mentioned as ``None``: the templates hold the default wording.
    """
    agenda = entry.model
    punten = []
    soorten = notes.templates.soorten
    for index, punt in enumerate(agenda.punten):
        if punt.soort is not None and punt.soort not in soorten:
            raise fail(
                entry.source.where(("punten", index, "soort")),
                f"unknown item type '{punt.soort}'{did_you_mean(punt.soort, soorten)}; "
                f"the templates know: {', '.join(soorten)}",
            )
        dossier = project.dossiers[punt.dossier].model if punt.dossier else None
        standpunt = dossier and (dossier.standpunt(agenda.id) or dossier.standpunten[0])
        punten.append(_punt_view(agenda, punt, dossier, standpunt, notes, arcering))

    def text(value: str | None) -> str | None:
        return notes.scoped(value, "agenda", agenda.voetnoten)

    ga = agenda.ga
    plaats = _line(f"{agenda.plaats}, {agenda.land}" if agenda.land else agenda.plaats)
    return {
        "agenda": {
            "id": agenda.id,
            "raad": _line(agenda.raad),
            "formatie": _line(agenda.template_set()),
            "afkorting": agenda.afkorting and _line(agenda.afkorting),
            "datum": agenda.datum,
            "einddatum": agenda.einddatum,
            "plaats": plaats,
            "stad": _line(agenda.plaats),
            "land": agenda.land and _line(agenda.land),
            "waar": f"{agenda.voorzetsel} {plaats}",
            "voorzitterschap": agenda.voorzitterschap and _line(agenda.voorzitterschap),
            "agendastatus": agenda.agendastatus,
            "stand_van_zaken": text(agenda.stand_van_zaken),
        },
        "ga": {
            "titel": _line(ga.titel) if isinstance(ga.titel, str) else ga.titel,
            "diversenkop": _line(ga.diversenkop) if isinstance(ga.diversenkop, str) else ga.diversenkop,
            "inleiding": _zin(ga.inleiding, text),
            "aankondiging": _zin(ga.aankondiging, text),
            "diversen": _zin(ga.diversen, text),
            "vorm": ga.vorm,
        },
        "punten": punten,
        "delen": [
            {
                "kop": _line(deel.kop),
                "tekst": text(deel.tekst),
                "onderwerpen": [{"kop": _line(o.kop), "tekst": text(o.tekst)} for o in deel.onderwerpen],
            }
            for deel in agenda.delen
        ],
        "soorten": soorten,
        "arcering": arcering,
        "brief": _brief_view(agenda.brief, text) if agenda.brief else None,
        "nota": _nota_view(agenda.nota, text) if agenda.nota else None,
        "verslag": _verslag_view(agenda, agenda.verslag, text) if agenda.verslag else None,
    }


def _zin(value: str | bool | None, text: Scoped) -> str | bool | None:
    """A default sentence as the view carries it: None (say the default), False, or the text."""
    return text(value) if isinstance(value, str) else value


def _kopjes(punt: Agendapunt, ga: GaTeksten) -> dict[str, str | bool | None]:
    """Each sub-heading: the item's choice, else the agenda's, else None (the template's)."""
    chosen: dict[str, str | bool | None] = {}
    for name in Kopjes.model_fields:
        value: str | bool | None = None
        for kopjes in (punt.kopjes, ga.kopjes):
            value = kopjes if kopjes is False else getattr(kopjes, name) if kopjes else None
            if value is not None:
                break
        chosen[name] = _line(value) if isinstance(value, str) else value
    return chosen


def _punt_view(
    agenda: Agenda,
    punt: Agendapunt,
    dossier: Dossier | None,
    standpunt: Standpunt | None,
    notes: Notes,
    arcering: str | None,
) -> dict[str, Any]:
    def local(text: str | None) -> str | None:
        if dossier is None:
            return None
        return notes.scoped(text, f"d:{dossier.id}", dossier.voetnoten)

    def agenda_text(text: str | None) -> str | None:
        return notes.scoped(text, "agenda", agenda.voetnoten)

    portefeuille = punt.portefeuille or (dossier and dossier.portefeuille)
    kop = punt.kop or (dossier.kort if dossier else "")
    return {
        "soort": punt.soort,
        "onderwerp": agenda_text(punt.onderwerp) or markdown.protect(dossier.titel if dossier else kop),
        "kop": _line(kop),
        "toelichting": agenda_text(punt.toelichting),
        "tekst": agenda_text(punt.tekst),
        "opening": _zin(punt.opening if punt.opening is not None else agenda.ga.opening, agenda_text),
        "slotzin": _zin(punt.slotzin if punt.slotzin is not None else agenda.ga.slotzin, agenda_text),
        "kopjes": _kopjes(punt, agenda.ga),
        "portefeuille": portefeuille,
        "gearceerd": bool(arcering and portefeuille and portefeuille.casefold() == arcering.casefold()),
        "dossier": dossier and {"id": dossier.id, "titel": dossier.titel, "kort": dossier.kort},
        "standpunt": {
            "raad": standpunt.raad if standpunt else agenda.id,
            "introductie": local(standpunt and standpunt.introductie),
            "inzet": local(standpunt and standpunt.inzet),
            "kern": local(standpunt and standpunt.kern),
            "krachtenveld": local(standpunt and standpunt.krachtenveld),
        },
        "uitkomst": local(standpunt and standpunt.uitkomst) or agenda_text(punt.uitkomst),
    }


Scoped = Callable[[str | None], str | None]


def _line(value: str) -> str:
    """A drafter's one-line value that templates put at the start of a line: always text."""
    return markdown.one_line(markdown.protect(value))


def _brief_view(brief: Brief, text: Scoped) -> dict[str, Any]:
    return {
        "datum": brief.datum,
        "afzender": [_line(line) for line in brief.afzender],
        "bezoekadres": [_line(line) for line in brief.bezoekadres],
        "postadres": [_line(line) for line in brief.postadres],
        "retouradres": _line(brief.retouradres or " ".join(brief.postadres)),
        "kenmerk": brief.kenmerk and _line(brief.kenmerk),
        "bijlagen": brief.bijlagen,
        "rubricering": brief.rubricering and _line(brief.rubricering),
        "ondertekenaars": [
            {"functie": _line(o.functie), "naam": _line(o.naam)} for o in brief.ondertekenaars
        ],
        "mede_namens": [_line(m) for m in brief.mede_namens],
        "betreft": brief.betreft and _line(brief.betreft),
        "opening": _zin(brief.opening, text),
        "deelname": _zin(brief.deelname, text),
        "stand_van_zaken": _zin(brief.stand_van_zaken, text),
        "alineas": [text(alinea) for alinea in brief.alineas],
    }


def _verslag_view(agenda: Agenda, verslag: Verslag, text: Scoped) -> dict[str, Any]:
    """The verslag's texts, and its letter (``brief``) as the GA letter's with the verslag's own values."""

    def passages(found: list[VerslagPassage]) -> list[dict[str, Any]]:
        return [{"kop": p.kop and _line(p.kop), "tekst": text(p.tekst)} for p in found]

    return {
        "brief": _brief_view(verslag_brief(agenda, verslag), text),
        "opening": verslag.opening if verslag.opening is False else text(verslag.opening),
        "kop": verslag.kop and _line(verslag.kop),
        "diversenkop": verslag.diversenkop
        if verslag.diversenkop is False
        else _line(verslag.diversenkop or "Diversen"),
        "samenvatting": text(verslag.samenvatting),
        "diversen": passages(verslag.diversen),
        "marge": passages(verslag.marge),
        "delen": [{"kop": _line(d.kop), "tekst": text(d.tekst)} for d in verslag.delen],
        "bijlagen": [_line(b) for b in verslag.bijlagen],
    }


def verslag_brief(agenda: Agenda, verslag: Verslag) -> Brief:
    """The verslag's letter: the GA letter's head and signatures unless the verslag gives its own."""
    own = {
        "datum": verslag.datum,
        "kenmerk": verslag.kenmerk,
        "rubricering": verslag.rubricering,
        "alineas": verslag.alineas,
        "betreft": verslag.betreft,
        "bijlagen": None,
        "opening": None,
        "deelname": None,
        "stand_van_zaken": None,
    }
    own.update(
        {
            name: getattr(verslag, name)
            for name in ("afzender", "ondertekenaars", "mede_namens")
            if getattr(verslag, name) is not None
        }
    )
    base = agenda.brief or Brief.model_construct(datum=verslag.datum, ondertekenaars=[])
    return base.model_copy(update=own)


def _nota_view(nota: Nota, text: Scoped) -> dict[str, Any]:
    bijlagen = []
    number = 0
    for bijlage in nota.bijlagen:
        given = bijlage.volgnummer
        number = int(given) if given and given.isdigit() else number + 1
        bijlagen.append(
            {
                "volgnummer": _line(given or f"{number:02d}"),
                "naam": markdown.one_line(text(bijlage.naam) or ""),
                "informatie": markdown.one_line(text(bijlage.informatie) or ""),
            }
        )
    return {
        "datum": nota.datum,
        "referentie": _line(nota.referentie),
        "betreft": nota.betreft and _line(nota.betreft),
        "opgesteld_door": [_line(line) for line in nota.opgesteld_door],
        "rubricering": nota.rubricering and _line(nota.rubricering),
        "beslistermijn": nota.beslistermijn,
        "beslistermijn_toelichting": text(nota.beslistermijn_toelichting),
        "geadviseerd_besluit": [text(item) for item in nota.geadviseerd_besluit],
        "niet_openbaar": text(nota.niet_openbaar),
        "toelichting": [
            {"kop": _line(s.kop), "tekst": text(s.tekst), "agendapunten": s.agendapunten}
            for s in nota.toelichting
        ],
        "bijlagen": bijlagen,
    }


__all__ = ["Templates", "compose", "compose_ga", "KINDS", "kinds_for", "portefeuilles", "datum", "UserError"]
