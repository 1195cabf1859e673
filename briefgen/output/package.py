"""An agenda's package in memory: every document composed and written to bytes, the review
copies, and the manifest of what they were made from. Nothing is written to disk here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..changes.sourcemap import source_maps
from ..compose.documents import GA, Kind, compose, kinds_for, portefeuilles, share
from ..compose.reads import ViewPath, unread
from ..compose.template_data import sources_of
from ..compose.templates import Templates, slug
from ..data.agenda import Agenda
from ..data.bundle import Bundle, open_bundle
from ..data.formations import formatie
from ..document.blocks import Document
from ..errors import Problem, _, fail
from ..word.headers import Letterhead
from ..word.reference import Reference
from ..word.writer import Properties, write_docx
from .manifest import Manifest, item_texts, sha256
from .outputs import Output, refuse_source_folder
from .resources import Resources

GA_FILE = f"{GA.stem}.docx"
"""The GA, whose id its review copies carry too (their text is the GA's)."""


@dataclass
class Package:
    """Everything one render of an agenda produces, composed in memory."""

    folder: Path
    outputs: list[Output]
    documents: dict[str, Document]
    manifest: Manifest
    notices: list[Problem]
    agenda: Agenda
    templates: Templates
    reference: Reference
    letterhead: Letterhead | None = None
    """What page 1 of its letters and nota shows at the top: the ministry's logo and wordmark."""


def compose_package(
    root: Path,
    agenda_path: Path,
    out_dir: Path | None = None,
    arcering: Sequence[str] | None = (),
    builds: Path | None = None,
) -> Package:
    """An agenda's package in memory, for ``out_dir`` or its folder in ``builds``.

    With ``arcering=None``, the review copies are those the folder's last build has.
    """
    resources = Resources(root, builds)
    bundle = open_bundle(root, agenda_path)
    folder = out_dir if out_dir is not None else resources.build_folder(bundle.agenda.id)
    if arcering is None:
        previous = Manifest.read(folder)
        arcering = previous.arcering if previous else ()
    return package_of(bundle, resources, folder, arcering)


def package_of(
    bundle: Bundle, resources: Resources, folder: Path, arcering: Sequence[str] = (), sourced: bool = True
) -> Package:
    """Every document of a loaded agenda, written in memory, and the manifest of them.

    Without ``sourced`` the manifest has no source map (for the benchmark that prices it).
    """
    agenda = bundle.agenda
    templates = resources.templates(agenda.template_set())
    reference = resources.reference()
    refuse_source_folder(resources.root, folder)
    arcering = _check_portfolios(bundle, arcering)
    documents: dict[str, Document] = {}
    kinds: dict[str, Kind] = {}
    shared = share(bundle, templates, sources_of(bundle) if sourced else None)
    seen: set[ViewPath] = set()
    for kind, name in [(k, None) for k in kinds_for(agenda)] + [(GA, n) for n in arcering]:
        file_name = f"{kind.stem}.arcering-{slug(name)}.docx" if name else f"{kind.stem}.docx"
        documents[file_name] = compose(bundle, templates, kind, arcering=name, shared=shared, seen=seen)
        kinds[file_name] = kind
    own = {name: document for name, document in documents.items() if ".arcering-" not in name}
    manifest = Manifest(
        agenda=agenda.id,
        inputs={**bundle.files, **resources.template_hashes(agenda.template_set())},
        outputs={},
        punten=item_texts(bundle),
        documenten={name: document.source for name, document in own.items()},
        arcering=list(arcering),
        bronnen=source_maps(bundle, own) if sourced else {},
    )
    manifest.ids = {name: manifest.document_id(name) for name in own}
    manifest.build = manifest.identity()
    letterhead = Letterhead(resources.logo(agenda.template_set()), sender(agenda))
    outputs = [
        Output(
            folder / file_name,
            write_docx(
                document,
                reference,
                document_properties(
                    agenda,
                    kinds[file_name],
                    document,
                    manifest.ids.get(file_name) or manifest.ids.get(GA_FILE, ""),
                ),
                letterhead,
            ),
        )
        for file_name, document in documents.items()
    ]
    manifest.outputs = {output.path.name: sha256(output.data) for output in outputs}
    notices = _notices(bundle) + unread(agenda, bundle.entry.source, seen) + reference.warnings
    return Package(folder, outputs, documents, manifest, notices, agenda, templates, reference, letterhead)


def _check_portfolios(bundle: Bundle, arcering: Sequence[str]) -> list[str]:
    """The portfolios for review copies, each once; each must be on the agenda and have its own file."""
    known = portefeuilles(bundle)
    entry = bundle.entry
    files: dict[str, str] = {}
    for name in arcering:
        if not any(name.casefold() == k.casefold() for k in known):
            raise fail(
                entry.source.where(("punten",), key=True),
                _(
                    "no item on this agenda belongs to portfolio '{name}'; portfolios here: {known}",
                    name=name,
                    known=", ".join(known) or _("none"),
                ),
            )
        other = files.setdefault(slug(name), name)
        if other.casefold() != name.casefold():
            raise fail(
                entry.source.where(("punten",), key=True),
                _(
                    "portfolios '{other}' and '{name}' would both get the review copy {stem}.arcering-{slug}.docx; render them into separate folders (-o)",
                    other=other,
                    name=name,
                    stem=GA.stem,
                    slug=slug(name),
                ),
            )
    return list(files.values())


def document_properties(agenda: Agenda, kind: Kind, document: Document, build: str) -> Properties:
    """Document dates from the data: the nota's or verslag's own date, else the letter's, else the
    Council's; ``build`` is the id the document carries (``Manifest.document_id``)."""
    if kind.needs == "nota" and agenda.nota:
        day = agenda.nota.datum
    elif kind.needs == "verslag" and agenda.verslag:
        day = agenda.verslag.datum
    elif agenda.brief:
        day = agenda.brief.datum
    else:
        day = agenda.datum
    ministry = sender(agenda)
    return Properties(
        title=document.title,
        subject=f"{agenda.raad} {agenda.datum.isoformat()}",
        created=dt.datetime.combine(day, dt.time()),
        author=ministry or Properties.author,
        company=ministry,
        build=build,
    )


def sender(agenda: Agenda) -> str:
    """The ministry that sends the documents: the letters' first afzender line, else the
    formation's lead ministry, else nothing (briefgen knows no ministry for it)."""
    for afzender in (agenda.brief and agenda.brief.afzender, agenda.verslag and agenda.verslag.afzender):
        if afzender:
            return str(afzender[0])
    known = formatie(agenda.template_set())
    return f"Ministerie van {known.ministerie}" if known else ""


def _notices(bundle: Bundle) -> list[Problem]:
    missing = {"brief": _("the Kamerbrieven"), "nota": _("the nota")}
    return [
        Problem(
            bundle.entry.source.where(()),
            _("no '{key}' section: {what} not written", key=key, what=what),
            warning=True,
        )
        for key, what in missing.items()
        if getattr(bundle.agenda, key) is None
    ]
