"""Render a document's view through Jinja into Markdown, then into the block document.

Templates decide all wording; Python only gathers data. Drafters' texts enter the
templates as values, never as template source, so ``{{ … }}`` in a position is text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.agenda import Agenda
from ..data.bundle import Bundle
from . import markdown
from .blocks import Document, Layout
from .dutch import vergaderdatum
from .notes import Notes
from .templates import Templates
from .views import agenda_view


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


def compose(bundle: Bundle, templates: Templates, kind: Kind, arcering: str | None = None) -> Document:
    """One document of an agenda's package as a block document; footnotes restart at 1."""
    notes = Notes(templates, bundle.shared_notes, {})
    view = agenda_view(bundle, notes, arcering)
    text = templates.render(kind.template, **view, **dict(kind.extra))
    source = text + "\n\n" + notes.markdown() + "\n"
    document = markdown.parse(source, templates.origin(kind.template))
    document.source = source
    agenda = bundle.agenda
    days = vergaderdatum({"datum": agenda.datum, "einddatum": agenda.einddatum})
    document.title = f"{kind.title} {agenda.raad} {days}"
    document.layout = kind.layout
    return document


def portefeuilles(bundle: Bundle) -> list[str]:
    """The portfolios of an agenda's items (per item, else the dossier's), in order."""
    found: list[str] = []
    for punt in bundle.agenda.punten:
        name = punt.portefeuille or (punt.dossier and bundle.dossiers[punt.dossier].model.portefeuille)
        if name and name not in found:
            found.append(name)
    return found
