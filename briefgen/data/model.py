"""The drafters' data as strict pydantic models: dossiers with positions, and agendas.

Validation errors become Problems that point into the YAML file they came from.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError
from pydantic_core import PydanticCustomError

from ..errors import Problem, did_you_mean
from .load import DataPath, Loaded

SLUG = r"^[a-z0-9][a-z0-9-]*$"
NOTE_KEY = r"^[^\s\[\]^]+$"
NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")


def _not_blank(value: str) -> str:
    """Text needs something besides spaces; reported like pydantic's own 'too short'."""
    if not value.strip():
        raise PydanticCustomError("string_too_short", "empty or only spaces")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Slug = Annotated[str, Field(pattern=SLUG)]


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Kamerstuk(Base):
    """A parliamentary paper: ``Kamerstukken II, 2025-2026, 22 112, nr. 4238.``"""

    kamer: Literal["I", "II"]
    vergaderjaar: Annotated[str, Field(pattern=r"^\d{4}-\d{4}$")]
    dossier: Text
    nr: int | None = None
    letter: Annotated[str, Field(pattern=r"^[A-Z]{1,3}$")] | None = None


class KamerstukVoetnoot(Base):
    kamerstuk: Kamerstuk


def _note_kind(value: Any) -> str:
    return "kamerstuk" if isinstance(value, dict) else "tekst"


Voetnoot = Annotated[
    Annotated[Text, Tag("tekst")] | Annotated[KamerstukVoetnoot, Tag("kamerstuk")],
    Discriminator(_note_kind),
]
Voetnoten = dict[Annotated[str, Field(pattern=NOTE_KEY)], Voetnoot]


class Standpunt(Base):
    """The Dutch position on a dossier for one Council."""

    raad: Slug
    introductie: Text | None = None
    inzet: Text | None = None
    kern: Text | None = None
    krachtenveld: Text | None = None
    uitkomst: Text | None = None

    def texts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in TEXT_SECTIONS if getattr(self, name)}


TEXT_SECTIONS = ("introductie", "inzet", "kern", "krachtenveld", "uitkomst")
"""A position's texts; ``uitkomst`` is the Council's outcome, written for the verslag."""


class Dossier(Base):
    id: Slug
    titel: Text
    kort: Text
    portefeuille: Text | None = None
    voetnoten: Voetnoten = {}
    standpunten: Annotated[list[Standpunt], Field(min_length=1)]

    def standpunt(self, raad: str) -> Standpunt | None:
        index = self.standpunt_index(raad)
        return None if index is None else self.standpunten[index]

    def standpunt_index(self, raad: str) -> int | None:
        for index, standpunt in enumerate(self.standpunten):
            if standpunt.raad == raad:
                return index
        return None


Zin = Text | Literal[False] | None
"""A sentence the templates write by default: absent keeps it, text replaces it, false leaves it out."""


class Kopjes(Base):
    """The sub-headings above an item's texts: each replaceable by text, or left out with false."""

    introductie: Zin = None
    inzet: Zin = None
    krachtenveld: Zin = None


class Agendapunt(Base):
    """An agenda item: a dossier with its position, or a heading with its own text (``kop``, ``tekst``)."""

    dossier: Slug | None = None
    soort: Text | None = None
    onderwerp: Text | None = None
    kop: Text | None = None
    toelichting: Text | None = None
    tekst: Text | None = None
    portefeuille: Text | None = None
    opening: Zin = None
    slotzin: Zin = None
    kopjes: Kopjes | Literal[False] | None = None
    uitkomst: Text | None = None


class Onderwerp(Base):
    """A topic in a part beyond the agenda: a heading and its text."""

    kop: Text
    tekst: Text | None = None


class Deel(Base):
    """A part after the agenda ("II. …"): a heading, an opening text and free topics."""

    kop: Text
    tekst: Text | None = None
    onderwerpen: list[Onderwerp] = []


class GaTeksten(Base):
    """The GA's generated sentences, per agenda; ``opening``, ``slotzin`` and ``kopjes`` apply to every item."""

    titel: Zin = None
    diversenkop: Zin = None
    inleiding: Zin = None
    aankondiging: Zin = None
    diversen: Zin = None
    vorm: Literal["lijst", "proza", "geen"] = "lijst"
    opening: Zin = None
    slotzin: Zin = None
    kopjes: Kopjes | Literal[False] | None = None


class Ondertekenaar(Base):
    """A signing minister: ``functie`` as in running text (de Minister van …)."""

    functie: Text
    naam: Text


class Brief(Base):
    """The cover letters to both Chambers."""

    datum: dt.date
    afzender: list[Text] = []
    bezoekadres: list[Text] = []
    postadres: list[Text] = []
    retouradres: Text | None = None
    """The address on the return-address line above the addressee; without it, the postadres."""
    kenmerk: Text | None = None
    bijlagen: Annotated[int, Field(ge=0)] | None = None
    rubricering: Text | None = None
    ondertekenaars: Annotated[list[Ondertekenaar], Field(min_length=1)]
    mede_namens: list[Text] = []
    betreft: Text | None = None
    opening: Zin = None
    deelname: Zin = None
    stand_van_zaken: Zin = None
    alineas: list[Text] = []


class NotaSectie(Base):
    """A section of the nota's Toelichting; ``agendapunten`` places the per-item summary after it."""

    kop: Text
    tekst: Text | None = None
    agendapunten: bool = False


class Bijlage(Base):
    volgnummer: Text | None = None
    naam: Text
    informatie: Text | None = None


class Nota(Base):
    """The internal nota ter beslissing for the minister."""

    datum: dt.date
    referentie: Text
    betreft: Text | None = None
    """Page 1's subject line; without it, the Council and its date."""
    opgesteld_door: Annotated[list[Text], Field(min_length=1)]
    rubricering: Text | None = None
    beslistermijn: dt.date
    beslistermijn_toelichting: Text | None = None
    geadviseerd_besluit: Annotated[list[Text], Field(min_length=1)]
    niet_openbaar: Text = "N.v.t."
    toelichting: list[NotaSectie] = []
    bijlagen: list[Bijlage] = []


class VerslagPassage(Base):
    """A passage of the verslag: a diversen point raised by others, or a side event."""

    kop: Text | None = None
    tekst: Text


class VerslagDeel(Base):
    """A further Roman-numbered part after the verslag itself (II., III., …)."""

    kop: Text
    tekst: Text


class Verslag(Base):
    """The report after the Council: its letter and the verslag's own texts.

    The outcome per item is not here but in the item's position (``uitkomst``), or on
    the agenda item when it has no dossier. The letter's head and signatures default to
    those of ``brief``. ``opening: false`` leaves the standard opening sentence out.
    """

    datum: dt.date
    betreft: Text | None = None
    afzender: list[Text] | None = None
    kenmerk: Text | None = None
    rubricering: Text | None = None
    ondertekenaars: Annotated[list[Ondertekenaar], Field(min_length=1)] | None = None
    mede_namens: list[Text] | None = None
    opening: Zin = None
    alineas: list[Text] = []
    kop: Text | None = None
    diversenkop: Zin = None
    samenvatting: Text | None = None
    diversen: list[VerslagPassage] = []
    marge: list[VerslagPassage] = []
    delen: list[VerslagDeel] = []
    bijlagen: list[Text] = []

    def texts(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every text of the section that may carry footnotes, with its path."""
        found = _sentences(("verslag",), self, ("opening",))
        found += [(("verslag", "alineas", i), text) for i, text in enumerate(self.alineas)]
        if self.samenvatting:
            found.append((("verslag", "samenvatting"), self.samenvatting))
        for name in ("diversen", "marge", "delen"):
            for i, passage in enumerate(getattr(self, name)):
                found.append((("verslag", name, i, "tekst"), passage.tekst))
        return found


class Agenda(Base):
    id: Slug
    raad: Text
    formatie: Text | None = None
    afkorting: Text | None = None
    datum: dt.date
    einddatum: dt.date | None = None
    plaats: Text
    land: Text | None = None
    voorzetsel: Literal["in", "te"] = "in"
    voorzitterschap: Text | None = None
    agendastatus: Literal["concept", "voorlopig", "definitief"] | None = None
    stand_van_zaken: Text | None = None
    voetnoten: Voetnoten = {}
    punten: Annotated[list[Agendapunt], Field(min_length=1)]
    ga: GaTeksten = GaTeksten()
    delen: list[Deel] = []
    brief: Brief | None = None
    nota: Nota | None = None
    verslag: Verslag | None = None

    def template_set(self) -> str:
        """The formation whose templates apply: ``formatie``, else the meeting's own name."""
        return self.formatie or self.raad

    def texts(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every drafter's text of the agenda file with its path, for footnote checks."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        if self.stand_van_zaken:
            found.append((("stand_van_zaken",), self.stand_van_zaken))
        for index, punt in enumerate(self.punten):
            for name in ("onderwerp", "toelichting", "tekst", "opening", "slotzin", "uitkomst"):
                if value := getattr(punt, name):
                    found.append((("punten", index, name), value))
        found += _sentences(("ga",), self.ga, ("inleiding", "aankondiging", "diversen", "opening", "slotzin"))
        for index, deel in enumerate(self.delen):
            if deel.tekst:
                found.append((("delen", index, "tekst"), deel.tekst))
            for i, onderwerp in enumerate(deel.onderwerpen):
                if onderwerp.tekst:
                    found.append((("delen", index, "onderwerpen", i, "tekst"), onderwerp.tekst))
        if self.brief:
            found += _sentences(("brief",), self.brief, ("opening", "deelname", "stand_van_zaken"))
            found += [(("brief", "alineas", i), text) for i, text in enumerate(self.brief.alineas)]
        if self.nota:
            nota = self.nota
            found += [(("nota", "geadviseerd_besluit", i), t) for i, t in enumerate(nota.geadviseerd_besluit)]
            found.append((("nota", "niet_openbaar"), nota.niet_openbaar))
            if nota.beslistermijn_toelichting:
                found.append((("nota", "beslistermijn_toelichting"), nota.beslistermijn_toelichting))
            for i, sectie in enumerate(nota.toelichting):
                if sectie.tekst:
                    found.append((("nota", "toelichting", i, "tekst"), sectie.tekst))
            for i, bijlage in enumerate(nota.bijlagen):
                found.append((("nota", "bijlagen", i, "naam"), bijlage.naam))
                if bijlage.informatie:
                    found.append((("nota", "bijlagen", i, "informatie"), bijlage.informatie))
        if self.verslag:
            found += self.verslag.texts()
        return found


def _sentences(
    path: tuple[str | int, ...], model: Base, names: tuple[str, ...]
) -> list[tuple[tuple[str | int, ...], str]]:
    """The drafter's replacements among a model's default sentences, with their paths."""
    return [((*path, name), value) for name in names if isinstance(value := getattr(model, name), str)]


class SharedNotes(Base):
    voetnoten: Voetnoten


def date_in_id(agenda_id: str) -> dt.date | None:
    """The date an agenda id ends with (``milieuraad-2026-10-20``), if it is a real date."""
    found = re.search(r"(\d{4})-(\d{2})-(\d{2})$", agenda_id)
    if not found:
        return None
    try:
        return dt.date(*map(int, found.groups()))
    except ValueError:
        return None


M = TypeVar("M", bound=Base)
_UNIONS = (Union, types.UnionType)


def validate(model: type[M], loaded: Loaded) -> tuple[M | None, list[Problem]]:
    """Validate loaded data against ``model``; on failure, problems with locations."""
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as error:
        problems = [_problem(model, loaded, detail) for detail in _merge_false_unions(error.errors())]
        return None, sorted(set(problems), key=lambda p: p.location)


FALSE_TAG = "literal[False]"


def _merge_false_unions(errors: list[Any]) -> list[Any]:
    """One error per value that may be text (or a mapping) or false, instead of one per union member.

    A value of the wrong kind altogether becomes one 'text, or false' error; a mapping
    with a problem inside keeps that problem, without the union member's name in its path.
    """
    errors = [dict(e) for e in errors]
    bases = sorted({e["loc"][: e["loc"].index(FALSE_TAG)] for e in errors if FALSE_TAG in e["loc"]}, key=len)
    for base in reversed(bases):
        depth = len(base)
        members = [e for e in errors if e["loc"][:depth] == base and len(e["loc"]) > depth]
        others = [e for e in members if e["loc"][depth] != FALSE_TAG]
        if any(len(e["loc"]) > depth + 1 for e in others):
            for e in others:
                e["loc"] = (*base, *e["loc"][depth + 1 :])
            errors = [e for e in errors if e not in members or e in others]
        else:
            kind = "mapping_or_false" if any(e["type"] == "model_type" for e in others) else "text_or_false"
            merged = {**members[0], "loc": base, "type": kind}
            errors = [e for e in errors if e not in members] + [merged]
    return errors


def _problem(model: type[Base], loaded: Loaded, detail: Any) -> Problem:
    path = _data_path(loaded.data, detail["loc"])
    source = loaded.source
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = str(path[-1])
        allowed = _fields_at(model, path[:-1])
        hint = did_you_mean(key, allowed)
        known = f"; allowed here: {', '.join(allowed)}" if allowed and not hint else ""
        return Problem(source.where(path, key=True), f"unknown key '{key}'{hint}{known}")
    if kind == "missing":
        return Problem(source.where(path[:-1], key=True), f"missing key '{path[-1]}'")
    where = source.where(path)
    return Problem(where, _describe(kind, detail, path))


def _describe(kind: str, detail: Any, path: DataPath) -> str:
    name = ".".join(str(p) for p in path) or "the file"
    given = _kind_of(detail.get("input"))
    expectations = {
        "string_type": "text",
        "int_type": "a whole number",
        "date_type": "a date written as YYYY-MM-DD",
        "list_type": "a list",
        "dict_type": "a mapping of keys to values",
        "model_type": "a mapping of keys to values",
        "model_attributes_type": "a mapping of keys to values",
        "bool_type": "yes or no (true/false)",
    }
    if kind in expectations:
        return f"'{name}' must be {expectations[kind]}, not {given}"
    if kind == "text_or_false":
        return f"'{name}' must be text, or false to leave it out, not {given}"
    if kind == "mapping_or_false":
        return f"'{name}' must be a mapping of sub-headings, or false to leave them all out, not {given}"
    if kind == "literal_error":
        return f"'{name}' must be one of {detail['ctx']['expected']}, not {detail.get('input')!r}"
    if kind == "string_too_short":
        return f"'{name}' is empty; write text or remove the key"
    if kind == "too_short":
        return f"'{name}' needs at least one entry"
    if kind == "string_pattern_mismatch":
        return f"'{name}' has the wrong form: {_pattern_hint(detail['ctx']['pattern'])}"
    return f"'{name}': {detail['msg']}"


def _pattern_hint(pattern: str) -> str:
    return {
        SLUG: "use lower-case letters, digits and hyphens, like 'co2-normen'",
        NOTE_KEY: "a footnote key has no spaces or brackets",
        r"^\d{4}-\d{4}$": "write the parliamentary year as 2025-2026",
        r"^[A-Z]{1,3}$": "an Eerste Kamer paper letter is a capital, like 'A'",
    }.get(pattern, f"it must match {pattern}")


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value} (put it in quotes if it is text)"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()} (put it in quotes if it is text)"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _data_path(data: Any, loc: tuple[Any, ...]) -> DataPath:
    """Pydantic's error location with union tags dropped, as a path into the data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and part not in ("tekst", "kamerstuk", "[key]"):
            path.append(part)
            node = None
    return tuple(path)


def _fields_at(model: type[Base], path: DataPath) -> list[str]:
    """The keys allowed in the mapping at ``path`` of a ``model`` document."""
    current: Any = model
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    current = _unwrap_model(current)
    return list(current.model_fields) if current else []


def _step(annotation: Any, part: str | int) -> Any:
    model = _unwrap_model(annotation)
    if model is not None and isinstance(part, str):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    origin = get_origin(annotation)
    if origin is Annotated:
        return _step(get_args(annotation)[0], part)
    if origin is list:
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    if origin in _UNIONS:
        for arg in get_args(annotation):
            found = _step(arg, part)
            if found is not None:
                return found
    return None


def _unwrap_model(annotation: Any) -> type[Base] | None:
    if isinstance(annotation, type) and issubclass(annotation, Base):
        return annotation
    origin = get_origin(annotation)
    if origin is Annotated or origin in _UNIONS:
        for arg in get_args(annotation):
            found = _unwrap_model(arg)
            if found is not None:
                return found
    return None


def note_refs(text: str) -> list[str]:
    """The footnote keys referenced as ``[^key]`` in a Markdown text, in order."""
    return NOTE_REF.findall(text)
