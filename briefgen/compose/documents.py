"""Render a document's view through Jinja into Markdown, then into the block document.

Templates decide all wording; Python only gathers data. Drafters' texts enter the
templates as values, never as template source, so ``{{ … }}`` in a position is text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..data.agenda import Agenda
from ..data.bundle import Bundle
from ..data.formations import formatie
from ..document import markdown
from ..document.blocks import Document, Layout
from ..document.dutch import vaste_spaties, vergaderdatum
from .notes import Notes
from .reads import ViewPath, watched
from .sources import place, unmark
from .template_data import Sources, agenda_view, shaded
from .templates import Templates


@dataclass(frozen=True)
class Kind:
    """One document of the package: its file stem, template, page layout and extra view.

    Its title starts with the name ``_titels.md.j2`` gives the template (``nota`` for
    ``nota.md.j2``).
    """

    stem: str
    template: str
    layout: Layout
    needs: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        return self.template.removesuffix(".md.j2")


TK, EK = (("kamer", "tk"),), (("kamer", "ek"),)
KINDS = (
    Kind("geannoteerde-agenda", "geannoteerde-agenda.md.j2", "bijlage"),
    Kind("kamerbrief-tk", "kamerbrief.md.j2", "brief", "brief", TK),
    Kind("kamerbrief-ek", "kamerbrief.md.j2", "brief", "brief", EK),
    Kind("nota", "nota.md.j2", "brief", "nota"),
    Kind("verslag", "verslag.md.j2", "bijlage", "verslag"),
    Kind("kamerbrief-verslag-tk", "kamerbrief-verslag.md.j2", "brief", "verslag", TK),
    Kind("kamerbrief-verslag-ek", "kamerbrief-verslag.md.j2", "brief", "verslag", EK),
)
GA = KINDS[0]


def kinds_for(agenda: Agenda) -> list[Kind]:
    """The documents an agenda file has the data for."""
    return [kind for kind in KINDS if kind.needs is None or getattr(agenda, kind.needs) is not None]


@dataclass
class Shared:
    """What every document of one agenda's package is rendered from, built once: the view
    and the footnote definitions its texts cite; with ``sources``, texts that know their origin."""

    view: dict[str, Any]
    notes: Notes
    sources: Sources | None = None
    _watching: tuple[set[ViewPath], dict[str, Any]] | None = field(default=None, repr=False)

    def watched(self, seen: set[ViewPath]) -> dict[str, Any]:
        """The view recording its reads into ``seen``, wrapped once for all documents that share ``seen``."""
        if self._watching is None or self._watching[0] is not seen:
            self._watching = (seen, watched(self.view, seen))
        return self._watching[1]


def share(bundle: Bundle, templates: Templates, sources: Sources | None = None) -> Shared:
    """The view of an agenda and its footnotes, for all of its documents."""
    known = formatie(bundle.agenda.template_set())
    notes = Notes(templates, bundle.shared_notes, {}, known.kamerstuk if known else None)
    return Shared(agenda_view(bundle, notes, sources=sources), notes, sources)


def compose(
    bundle: Bundle,
    templates: Templates,
    kind: Kind,
    arcering: str | None = None,
    shared: Shared | None = None,
    seen: set[ViewPath] | None = None,
) -> Document:
    """One document of an agenda's package as a block document; footnotes restart at 1, and
    only the footnotes the document cites are defined in it. With ``seen``, every field of
    the view the templates look up is added to it (:mod:`briefgen.compose.reads`).

    When ``shared`` has sources (:func:`.template_data.sources_of`), each paragraph records the
    drafter's values it shows (``Paragraph.shows``), and ``origins`` where they came from.
    """
    shared = shared or share(bundle, templates)
    sources = shared.sources
    if arcering is not None:
        view = shaded(shared.view, arcering)
        view = view if seen is None else watched(view, seen)
    else:
        view = shared.view if seen is None else shared.watched(seen)
    text = templates.render(kind.template, **view, **dict(kind.extra))
    if sources is not None:
        text, found = unmark(text)
    # Every text, a drafter's too, without a line break inside a date, a "nr." and its
    # number or a Kamerstuk dossier; the same length, so found places stay where they are.
    source = vaste_spaties(text + "\n\n" + shared.notes.markdown(cited_in=text) + "\n")
    document = markdown.parse(source, templates.origin(kind.template))
    if sources is not None:
        place(document, source, found)
        document.origins = sources.provenance.origins
    document.source = source
    document.title = title(bundle.agenda, templates, kind.name)
    if arcering is not None:
        document.title, document.review = templates.review(document.title, arcering)
    document.layout = kind.layout
    return document


def title(agenda: Agenda, templates: Templates, name: str) -> str:
    """A document's title: its name from the templates, then the Council and its date."""
    days = vergaderdatum({"datum": agenda.datum, "einddatum": agenda.einddatum})
    return f"{templates.title(name)} {agenda.raad} {days}"


def portefeuilles(bundle: Bundle) -> list[str]:
    """The portfolios of an agenda's items (per item, else the dossier's), in order."""
    found: list[str] = []
    for punt in bundle.agenda.punten:
        name = punt.portefeuille or (punt.dossier and bundle.dossiers[punt.dossier].model.portefeuille)
        if name and name not in found:
            found.append(name)
    return found
