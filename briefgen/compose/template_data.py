"""The data each template sees: an agenda's texts as the view a document is rendered from.

Drafters' texts enter as values with their footnote keys made unique, never as template
source; a default sentence the drafter replaced arrives as text, one left out as ``False``
and one not mentioned as ``None``, so that the templates hold the default wording.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..data.agenda import Agenda, Agendapunt, Brief, GaTeksten, Kopjes, NootBij, Nota, Verslag, VerslagPassage
from ..data.bundle import Bundle
from ..data.dossier import Dossier, Standpunt
from ..data.formations import Formatie, formatie, sending_ministerie, voorzitterschap
from ..data.provenance import Provenance, keep
from ..document import markdown
from ..errors import _, did_you_mean, fail
from .notes import Notes

Scoped = Callable[[str | None], str | None]


def shaded(view: dict[str, Any], arcering: str) -> dict[str, Any]:
    """The view of a review copy for portfolio ``arcering``: ``view`` with its items shaded."""
    punten = [{**punt, "gearceerd": _gearceerd(punt["portefeuille"], arcering)} for punt in view["punten"]]
    return {**view, "punten": punten, "arcering": arcering}


def _gearceerd(portefeuille: str | None, arcering: str | None) -> bool:
    return bool(arcering and portefeuille and portefeuille.casefold() == arcering.casefold())


@dataclass
class Sources:
    """An agenda's texts that know where they came from, made once for all its documents."""

    agenda: Agenda
    standpunten: dict[str, Standpunt] = field(default_factory=dict)
    provenance: Provenance = field(default_factory=Provenance)


def sources_of(bundle: Bundle) -> Sources:
    """The bundle's agenda and positions with every drafter's text :class:`Sourced`."""
    provenance = Provenance()
    agenda = provenance.sourced(bundle.agenda, bundle.entry.source.path)
    standpunten = {}
    for dossier_id, entry in bundle.dossiers.items():
        index = bundle.positions[dossier_id]
        standpunten[dossier_id] = provenance.sourced(
            bundle.standpunt(dossier_id), entry.source.path, f"d:{dossier_id}", ("standpunten", index)
        )
    return Sources(agenda, standpunten, provenance)


def agenda_view(
    bundle: Bundle, notes: Notes, arcering: str | None = None, sources: Sources | None = None
) -> dict[str, Any]:
    """Everything the templates may use, with footnote keys made unique; an item's type as
    ``_soorten.md.j2`` spells it, whatever its case in the agenda (``Beleidsdebat``). With
    ``sources``, the drafter's texts carry their origin (see :mod:`.sources`)."""
    agenda = bundle.agenda if sources is None else sources.agenda

    def standpunt(dossier_id: str) -> Standpunt:
        return bundle.standpunt(dossier_id) if sources is None else sources.standpunten[dossier_id]

    punten = []
    soorten = notes.templates.soorten
    by_case = {name.casefold(): name for name in soorten}
    for index, punt in enumerate(agenda.punten):
        soort = by_case.get(punt.soort.casefold()) if punt.soort is not None else None
        if punt.soort is not None and soort is None:
            raise fail(
                bundle.entry.source.where(("punten", index, "soort")),
                _(
                    "unknown item type '{soort}'{hint}; the templates know: {soorten}",
                    soort=punt.soort,
                    hint=did_you_mean(punt.soort, soorten),
                    soorten=", ".join(soorten),
                ),
            )
        if soort != punt.soort:
            punt = punt.model_copy(update={"soort": soort})
        if punt.dossier is None:
            punten.append(_punt_view(agenda, punt, None, None, notes, arcering))
        else:
            dossier = bundle.dossiers[punt.dossier].model
            punten.append(_punt_view(agenda, punt, dossier, standpunt(punt.dossier), notes, arcering))

    def text(value: str | None) -> str | None:
        return keep(value, notes.scoped(value, "agenda", agenda.voetnoten))

    ga = agenda.ga
    plaats = _line(f"{agenda.plaats}, {agenda.land}" if agenda.land else agenda.plaats)
    known = formatie(agenda.template_set())
    presidency = voorzitterschap(agenda.datum)
    afkorting = agenda.afkorting or (known and known.afkorting)
    return {
        "agenda": {
            "id": agenda.id,
            "raad": _line(agenda.raad),
            "formatie": _line(agenda.template_set()),
            "afkorting": afkorting and _line(afkorting),
            "kamerstuk": known and known.kamerstuk,
            "ministerie": known and known.ministerie,
            "datum": agenda.datum,
            "einddatum": agenda.einddatum,
            "dagen": agenda.dagen,
            "plaats": plaats,
            "stad": _line(agenda.plaats),
            "land": agenda.land and _line(agenda.land),
            "waar": f"{agenda.voorzetsel or (known.voorzetsel if known else 'in')} {plaats}",
            "voorzitterschap": _line(agenda.voorzitterschap)
            if agenda.voorzitterschap
            else presidency and presidency.bijvoeglijk,
            "voorzitterschap_land": presidency and presidency.land,
            "agendastatus": agenda.agendastatus,
            "stand_van_zaken": text(agenda.stand_van_zaken),
        },
        "ga": {
            "titel": _line(ga.titel) if isinstance(ga.titel, str) else ga.titel,
            "diversenkop": _line(ga.diversenkop) if isinstance(ga.diversenkop, str) else ga.diversenkop,
            "diversenpunt": _line(ga.diversenpunt) if isinstance(ga.diversenpunt, str) else ga.diversenpunt,
            "inleiding": _zin(ga.inleiding, text),
            "deelname": _zin(ga.deelname, text),
            "aankondiging": _zin(ga.aankondiging, text),
            "diversen": _zin(ga.diversen, text),
            "diversen_opsommen": ga.diversen_opsommen,
            "diversentekst": text(ga.diversentekst),
            "vooraf": text(ga.vooraf),
            "volgorde": ga.volgorde,
            "getal": ga.getal,
            "agendastatus": ga.agendastatus,
            "waar": _line(ga.waar) if isinstance(ga.waar, str) else ga.waar,
            "jaar": ga.jaar,
            "waar_achteraan": ga.waar_achteraan,
            "voetnoot_bij": _noten(ga.voetnoot_bij, text),
            "vorm": ga.vorm or (known.ga_vorm if known else "lijst"),
            "soortkop": ga.soortkop or (known.soortkop if known else "voor"),
            "kopnummers": ga.kopnummers,
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
        "brief": _brief_view(agenda.brief, text, known, agenda.agendastatus) if agenda.brief else None,
        "nota": _nota_view(agenda.nota, text) if agenda.nota else None,
        "verslag": _verslag_view(agenda, agenda.verslag, text, known) if agenda.verslag else None,
    }


def _noten(bij: Mapping[Any, NootBij], text: Scoped) -> dict[str, dict[str, str | None]]:
    """Footnotes on standard sentences, by the sentence's name: the reference (scoped like
    any of the agenda's) and the words it follows (none: the end of the sentence)."""
    found: dict[str, dict[str, str | None]] = {}
    for name, place in bij.items():
        key, after = (place, None) if isinstance(place, str) else (place.noot, place.na)
        found[name] = {"ref": text(f"[^{key}]"), "na": after}
    return found


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
        return keep(text, notes.scoped(text, f"d:{dossier.id}", dossier.voetnoten))

    def agenda_text(text: str | None) -> str | None:
        return keep(text, notes.scoped(text, "agenda", agenda.voetnoten))

    portefeuille = punt.portefeuille or (dossier.portefeuille if dossier else None)
    kop = punt.kop or (dossier.kort if dossier else "")
    return {
        "soort": punt.soort,
        "onderwerp": agenda_text(punt.onderwerp) or markdown.protect(dossier.titel if dossier else kop),
        "kop": _line(kop),
        "verslagkop": _line(punt.verslagkop) if punt.verslagkop else None,
        "deel": _line(punt.deel) if punt.deel else None,
        "verslagdeel": _line(punt.verslagdeel) if punt.verslagdeel else None,
        "door": _line(punt.door) if punt.door else None,
        "slotzin_na": punt.slotzin_na,
        "inzet_delen": _paragraphs(local(standpunt.inzet if standpunt else None))
        if punt.slotzin_na is not None
        else None,
        "toelichting": agenda_text(punt.toelichting),
        "tekst": agenda_text(punt.tekst),
        "opening": _zin(punt.opening if punt.opening is not None else agenda.ga.opening, agenda_text),
        "slotzin": _zin(punt.slotzin if punt.slotzin is not None else agenda.ga.slotzin, agenda_text),
        "kopjes": _kopjes(punt, agenda.ga),
        "portefeuille": portefeuille,
        "gearceerd": _gearceerd(portefeuille, arcering),
        "dossier": dossier and {"id": dossier.id, "titel": dossier.titel, "kort": dossier.kort},
        "standpunt": {
            "raad": standpunt.raad if standpunt else agenda.id,
            "introductie": local(standpunt.introductie if standpunt else None),
            "inzet": local(standpunt.inzet if standpunt else None),
            "kern": local(standpunt.kern if standpunt else None),
            "krachtenveld": local(standpunt.krachtenveld if standpunt else None),
        },
        "uitkomst": local(standpunt.uitkomst if standpunt else None) or agenda_text(punt.uitkomst),
    }


def _paragraphs(text: str | None) -> list[str]:
    """A text's paragraphs, for a template that puts a sentence between them (``slotzin_na``)."""
    return [part.strip() for part in (text or "").strip().split("\n\n") if part.strip()]


def _line(value: str) -> str:
    """A drafter's one-line value that templates put at the start of a line: always text."""
    return keep(value, markdown.one_line(markdown.protect(value))) or ""


def _brief_view(
    brief: Brief, text: Scoped, known: Formatie | None, agendastatus: str | None = None, verslag: bool = False
) -> dict[str, Any]:
    """A letter's texts; without an afzender, the formation's lead ministry, without
    addresses the sending ministry's (``formations.MINISTERIES``), and without an
    ``aanbieding``, the formation's way of offering the document (else "sturen", and for
    the verslag "met deze brief")."""
    afzender = brief.afzender or ([f"Ministerie van {known.ministerie}"] if known else [])
    head = sending_ministerie(afzender, known)
    bezoekadres = brief.bezoekadres or list(head.bezoekadres if head else [])
    postadres = brief.postadres or list(head.postadres if head else [])
    default = (known.verslag_aanbieding if verslag else known.aanbieding) if known else None
    return {
        "datum": brief.datum,
        "aanbieding": brief.aanbieding or default or ("met deze brief" if verslag else "sturen"),
        "agendastatus": brief.agendastatus or agendastatus,
        "relatief": brief.relatief if brief.relatief is not None else _relatief(known, verslag),
        "deelname_standaard": known.deelname_in_brief if known else True,
        "stand_standaard": known.stand_in_brief if known else True,
        "plaats": known.plaats_in_brief if known else True,
        "aanspreking": known.aanspreking if known else "u",
        "op": known.op if known else "van",
        "tot": known.tot if known else "–",
        "afzender": [_line(line) for line in afzender],
        "bezoekadres": [_line(line) for line in bezoekadres],
        "postadres": [_line(line) for line in postadres],
        "retouradres": _line(brief.retouradres or " ".join(postadres)),
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
        "volgorde": brief.volgorde,
        "waar": _line(brief.waar) if isinstance(brief.waar, str) else brief.waar,
        "jaar": brief.jaar,
        "voetnoot_bij": _noten(brief.voetnoot_bij, text),
        "alineas": [text(alinea) for alinea in brief.alineas],
    }


def _relatief(known: Formatie | None, verslag: bool) -> bool:
    """Whether the formation's letters date the meeting "a.s."/"jl.": its verslag letters may differ."""
    if known is None:
        return False
    if verslag and known.verslag_relatief is not None:
        return known.verslag_relatief
    return known.relatief


def _verslag_view(agenda: Agenda, verslag: Verslag, text: Scoped, known: Formatie | None) -> dict[str, Any]:
    """The verslag's texts, and its letter (``brief``) as the GA letter's with the verslag's own values."""

    def passages(found: list[VerslagPassage]) -> list[dict[str, Any]]:
        return [{"kop": p.kop and _line(p.kop), "tekst": text(p.tekst)} for p in found]

    return {
        "brief": _brief_view(verslag_brief(agenda, verslag), text, known, verslag=True),
        "opening": verslag.opening if verslag.opening is False else text(verslag.opening),
        "kop": _line(verslag.kop) if isinstance(verslag.kop, str) else verslag.kop,
        "nummering": verslag.nummering
        if verslag.nummering is not None
        else bool(known and known.verslag_nummering),
        "datum": known.verslag_datum if known else "",
        "inleiding": _zin(verslag.inleiding, text)
        if verslag.inleiding is not None
        else bool(known and known.verslag_inleiding),
        "diversenkop": _line(verslag.diversenkop)
        if isinstance(verslag.diversenkop, str)
        else verslag.diversenkop,
        "samenvatting": text(verslag.samenvatting),
        "diversen": passages(verslag.diversen),
        "marge": passages(verslag.marge),
        "delen": [{"kop": _line(d.kop), "tekst": text(d.tekst)} for d in verslag.delen],
        "bijlagen": [_line(b) for b in verslag.bijlagen],
    }


def verslag_brief(agenda: Agenda, verslag: Verslag) -> Brief:
    """The verslag's letter: the GA letter's head and signatures unless the verslag gives its own."""
    own: dict[str, object] = {
        "datum": verslag.datum,
        "kenmerk": verslag.kenmerk,
        "rubricering": verslag.rubricering,
        "alineas": verslag.alineas,
        "betreft": verslag.betreft,
        "aanbieding": verslag.aanbieding,
        "bijlagen": None,
        "opening": None,
        "deelname": None,
        "stand_van_zaken": None,
        "volgorde": None,
        "voetnoot_bij": {},
        "waar": verslag.waar,
        "jaar": verslag.jaar,
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
                "naam": keep(bijlage.naam, markdown.one_line(text(bijlage.naam) or "")),
                "informatie": keep(bijlage.informatie, markdown.one_line(text(bijlage.informatie) or "")),
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
