"""The cross-references of a project checked: items to dossiers, dossiers to this
Council's positions, footnote references to their definitions, a verslag to its outcomes."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import Location, Problem, UserError, _, did_you_mean, fail
from .agenda import Agenda
from .dossier import Dossier
from .footnotes import Voetnoot, note_refs, unnumbered, without_dossier
from .load import DataPath, Source
from .project import SHARED_NOTES, Entry, Project, file_size, refuse_nested_notes

MAX_MEETING_DAYS = 31
"""The days one meeting may span (Councils meet for one to three): a longer one is a slip in
'einddatum', which would otherwise name every day of it ('dagen: opsomming')."""
STILL_EMPTY = "what the Council did, in the past tense"
"""What an outcome still to be written says, in the check's message and the drafted verslag."""


def open_agenda(root: Path, agenda_path: Path) -> tuple[Project, Entry[Agenda]]:
    """Load one agenda and everything it refers to; raise UserError on any problem."""
    project = Project(root)
    if not os.path.lexists(agenda_path):
        raise fail(Source(project.display(agenda_path), "").at(1, 1), _("no such agenda file"))
    entry = project.agenda(agenda_path)
    if entry is not None:
        named = [project.positions / f"{p.dossier}.yaml" for p in entry.model.punten if p.dossier]
        project.reserve(
            [*named, project.positions / SHARED_NOTES],
            Location.file(entry.source.path),
            _("the agenda and the {count} position file(s) it names", count=len(set(named))),
        )
        check_agenda(project, entry)
    project.raise_errors()
    assert entry is not None
    return project, entry


FORK_FROM = 64
"""Position files in one check from which ``jobs`` processes share them (fewer: not worth a fork)."""


def check_paths(root: Path, paths: Iterable[Path] = (), jobs: int = 1) -> Project:
    """Validate the named files, or all of positions/ and agendas/; collect every problem.
    With ``jobs`` above 1, many position files are read on that many processes."""
    project = Project(root)
    paths = list(paths)
    if not paths:
        paths = [project.positions, project.agenda_dir]
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.name.endswith(".yaml"):
            files.extend(sorted(path.glob("*.yaml"), key=_in_folder_order))
        elif os.path.lexists(path):
            files.append(path)
        else:
            project.problems.append(
                Problem(Source(project.display(path), "").at(1, 1), _("no such file or folder"))
            )
    kinds = [(path, path.name == SHARED_NOTES, path.parent.name == "agendas") for path in files]
    dossiers = [path for path, notes, in_agendas in kinds if not notes and not in_agendas]
    shared = jobs > 1 and len(dossiers) >= FORK_FROM
    for path, notes, in_agendas in kinds:
        if notes:
            project.shared_notes()
        elif in_agendas:
            project.agenda(path)
        elif not shared:
            _check_dossier_file(project, path)
    if shared:
        _check_dossiers_shared(project, dossiers, jobs)
    for agenda in list(project.agendas.values()):
        check_agenda(project, agenda)
    return project


def _in_folder_order(path: Path) -> str:
    """The key that sorts the files of one folder as their paths sort (by name, as the system
    compares names: folded on Windows), without comparing 500 paths part by part (2 ms)."""
    return os.path.normcase(path.name)


def _check_dossier_file(project: Project, path: Path) -> None:
    in_project = path.parent == project.positions
    dossier = project.dossier(path.stem, path) if in_project else project._read(Dossier, path)
    if dossier is not None:
        check_dossier_notes(project, dossier)


_Found = tuple[list[Problem], set[str], set[str]]
"""What checking some position files found: the problems, the files read, the files whose
footnotes were checked."""


def _check_dossiers_shared(project: Project, paths: list[Path], jobs: int) -> None:
    """Check position files on ``jobs`` processes, each a part of about the same size; the
    dossiers the agendas name are read here, where their agendas will look for them. The
    problems are those of checking the files in turn (``check`` sorts them)."""
    from .parallel import in_parts, processes  # only check of many position files forks

    jobs = processes(jobs, len(paths))
    named = {punt.dossier for entry in project.agendas.values() for punt in entry.model.punten}
    here: list[Path] = []
    rest: list[Path] = []
    for path in paths:
        (here if path.stem in named and path.parent == project.positions else rest).append(path)
    sizes = {path: max(file_size(path), 1) for path in rest}
    weight = float(sum(file_size(path) for path in here))
    target = (sum(sizes.values()) + weight) / jobs
    parts: list[list[Path]] = [here]
    for path in rest:
        if weight >= target and len(parts) < jobs:
            parts.append([])
            weight = 0
        parts[-1].append(path)
        weight += sizes[path]
    folders = dict(project._folders)
    project.shared_notes()  # read here once: a child that read it again would report its problems again

    def work(part: list[Path]) -> _Found:
        own = project
        if part is not parts[0]:
            own = Project(project.root, shared=project.shared, loaded_shared=True, _folders=folders)
        for path in part:
            _check_dossier_file(own, path)
        return own.problems, own.files_read, own.notes_checked

    for problems, files_read, notes_checked in in_parts(parts, work)[1:]:
        project.problems.extend(problems)
        project.files_read |= files_read
        project.notes_checked |= notes_checked


def check_agenda(project: Project, entry: Entry[Agenda]) -> None:
    agenda, source = entry.model, entry.source
    first_item: dict[str, int] = {}
    _check_meeting(project, entry)
    _check_letters(project, entry)
    for index, punt in enumerate(agenda.punten):
        if punt.dossier is None:
            if punt.kop is None:
                project.problems.append(
                    Problem(
                        source.where(("punten", index)),
                        _("an item needs a 'dossier', or a 'kop' (and 'tekst') of its own"),
                    )
                )
            continue
        where = source.where(("punten", index, "dossier"))
        if punt.dossier in first_item:
            project.problems.append(
                Problem(
                    where,
                    _(
                        "dossier '{dossier}' is on this agenda twice (also item {first_item})",
                        dossier=punt.dossier,
                        first_item=first_item[punt.dossier] + 1,
                    ),
                    warning=True,
                )
            )
        first_item.setdefault(punt.dossier, index)
        dossier = project.dossier(punt.dossier)
        if dossier is None:
            known = project.dossier_ids()  # listed only when a dossier is missing
            if punt.dossier not in known:
                hint = did_you_mean(punt.dossier, known) or (
                    _("; known dossiers: {known}", known=", ".join(known)) if known else ""
                )
                project.problems.append(
                    Problem(where, _("unknown dossier '{dossier}'{hint}", dossier=punt.dossier, hint=hint))
                )
            continue
        check_dossier_notes(project, dossier)
        try:
            position_index(entry, index, dossier)
        except UserError as error:
            project.problems.extend(error.problems)
    _checked_once(project, source, lambda: _check_agenda_notes(project, entry))
    if agenda.verslag is not None:
        check_verslag(project, entry)


def _check_agenda_notes(project: Project, entry: Entry[Agenda]) -> None:
    agenda, source = entry.model, entry.source
    _check_refs(project, source, agenda.texts(), agenda.voetnoten)
    from .formations import formatie  # the Councils' configurations: only an agenda needs them

    council = formatie(agenda.template_set())
    why = _("briefgen knows no Kamerstuk dossier of '{formation}'", formation=agenda.template_set())
    _refuse_without_dossier(project, source, agenda.voetnoten, council.kamerstuk if council else None, why)


_NOTES_CHECKED: dict[tuple[str, str, str], tuple[Problem, ...]] = {}
"""The problems of a file's footnote check by its name and content hash and the shared
footnotes' hash (all the check reads): a long-running process (a warm render, ``--watch``)
checks an unchanged file once. At most NOTES_KEPT entries; the oldest goes first."""
NOTES_KEPT = 512


def _checked_once(project: Project, source: Source, check: Callable[[], None]) -> None:
    """``check`` (a file's footnote check, adding its problems to the project's), or the
    problems it found before for the same file and shared footnotes."""
    project.shared_notes()  # read first: its own problems are the shared file's, not this check's
    shared = project.shared.source.sha256 if project.shared is not None else ""
    if source.sha256 is None or shared is None:
        check()
        return
    key = (source.path, source.sha256, shared)
    found = _NOTES_CHECKED.get(key)
    if found is not None:
        project.problems.extend(found)
        return
    before = len(project.problems)
    check()
    if len(_NOTES_CHECKED) >= NOTES_KEPT:
        del _NOTES_CHECKED[next(iter(_NOTES_CHECKED))]
    _NOTES_CHECKED[key] = tuple(project.problems[before:])


def position_index(entry: Entry[Agenda], item: int, dossier: Entry[Dossier]) -> int:
    """Where in ``standpunten`` the dossier of item ``item`` has its position for this agenda's
    Council; a located error when it has none (never another Council's position instead)."""
    found = dossier.model.standpunt_index(entry.model.id)
    if found is None:
        councils = ", ".join(s.raad for s in dossier.model.standpunten)
        raise fail(
            entry.source.where(("punten", item, "dossier")),
            _(
                "dossier '{dossier}' has no position for {id} ({path} has: {councils})",
                dossier=entry.model.punten[item].dossier,
                id=entry.model.id,
                path=dossier.source.path,
                councils=councils,
            ),
        )
    return found


def check_verslag(project: Project, entry: Entry[Agenda]) -> None:
    """The verslag needs every item's outcome, a filled-in summary and someone to sign."""
    agenda, source = entry.model, entry.source
    verslag = agenda.verslag
    assert verslag is not None
    for index, punt in enumerate(agenda.punten):
        if punt.dossier is None:
            if punt.uitkomst is None:
                at: DataPath = (
                    ("punten", index, "uitkomst")
                    if "uitkomst" in punt.model_fields_set
                    else ("punten", index)
                )
                project.problems.append(
                    Problem(
                        source.where(at, key=True),
                        _(
                            "the verslag needs this item's outcome: write 'uitkomst' ({example})",
                            example=STILL_EMPTY,
                        ),
                    )
                )
            continue
        if punt.uitkomst is not None:
            project.problems.append(
                Problem(
                    source.where(("punten", index, "uitkomst"), key=True),
                    _(
                        "the outcome of a dossier's item belongs in positions/{dossier}.yaml, in its position for {id}, where 'briefgen diff' sees it; move it there",
                        dossier=punt.dossier,
                        id=agenda.id,
                    ),
                )
            )
        dossier = project.dossiers.get(punt.dossier)
        index_ = dossier.model.standpunt_index(agenda.id) if dossier else None
        if dossier is None or index_ is None:
            continue
        standpunt = dossier.model.standpunten[index_]
        if standpunt.uitkomst is None:
            field = "uitkomst" if "uitkomst" in standpunt.model_fields_set else "raad"
            project.problems.append(
                Problem(
                    dossier.source.where(("standpunten", index_, field), key=True),
                    _(
                        "the verslag of {id} needs the outcome of '{dossier}': write 'uitkomst' in this position ({example})",
                        id=agenda.id,
                        dossier=punt.dossier,
                        example=STILL_EMPTY,
                    ),
                )
            )
    if "samenvatting" in verslag.model_fields_set and verslag.samenvatting is None:
        project.problems.append(
            Problem(
                source.where(("verslag", "samenvatting"), key=True),
                _("'verslag.samenvatting' is still empty; summarise the meeting or remove the key"),
            )
        )
    if not (verslag.ondertekenaars or (agenda.brief and agenda.brief.ondertekenaars)):
        project.problems.append(
            Problem(
                source.where(("verslag",), key=True),
                _("the verslag's letters need 'ondertekenaars', in 'verslag' or in 'brief'"),
            )
        )


def _check_meeting(project: Project, entry: Entry[Agenda]) -> None:
    from .formations import LAATSTE_DAG, VOORZITTERSCHAPPEN, voorzitterschap

    agenda = entry.model
    if agenda.einddatum is not None and agenda.einddatum <= agenda.datum:
        project.problems.append(
            Problem(
                entry.source.where(("einddatum",)),
                _(
                    "'einddatum' must come after 'datum' ({datum}): it is the meeting's last day",
                    datum=agenda.datum.isoformat(),
                ),
            )
        )
    elif agenda.einddatum is not None and (agenda.einddatum - agenda.datum).days >= MAX_MEETING_DAYS:
        project.problems.append(
            Problem(
                entry.source.where(("einddatum",)),
                _(
                    "'einddatum' is {days:,} days after 'datum' ({datum}); a meeting lasts at most {limit} days: look for a slip in the year or month",
                    days=(agenda.einddatum - agenda.datum).days,
                    datum=agenda.datum.isoformat(),
                    limit=MAX_MEETING_DAYS,
                ),
            )
        )
    if agenda.agendastatus and agenda.voorzitterschap is None and voorzitterschap(agenda.datum) is None:
        project.problems.append(
            Problem(
                entry.source.where(("agendastatus",)),
                _(
                    "briefgen knows the Council's presidencies from {begin} to {end} only: the GA's sentence on the agenda the presidency shared is left out; set 'voorzitterschap' (the adjective: Ierse) to keep it",
                    begin=VOORZITTERSCHAPPEN[0].begin.isoformat(),
                    end=LAATSTE_DAG.isoformat(),
                ),
                warning=True,
            )
        )


def _check_letters(project: Project, entry: Entry[Agenda]) -> None:
    """A letter a secretary would hold back: no Ons kenmerk, or no return address (none
    given, no postadres, and a sender briefgen knows no address of). Its signatories the
    schema already requires."""
    agenda, source = entry.model, entry.source
    brief, verslag = agenda.brief, agenda.verslag
    for section, kenmerk, message in (
        (
            "brief",
            brief.kenmerk if brief else "",
            _(
                "the Kamerbrieven have no 'kenmerk' (Ons kenmerk in the reference column): "
                "write the number the document system gave them"
            ),
        ),
        (
            "verslag",
            verslag.kenmerk if verslag else "",
            _(
                "the verslag's letters have no 'kenmerk' (Ons kenmerk in the reference column): "
                "write the number the document system gave them"
            ),
        ),
    ):
        if kenmerk is None:
            project.problems.append(Problem(source.where((section,), key=True), message, warning=True))
    from .formations import formatie, sending_ministerie

    known = formatie(agenda.template_set())
    given = brief is not None and bool(brief.retouradres or brief.postadres)
    senders = {"brief": brief.afzender} if brief is not None else {}
    if verslag is not None and (brief is None or verslag.afzender is not None):
        senders["verslag"] = verslag.afzender or (brief.afzender if brief else [])
    for section, afzender in senders.items():
        if not given and sending_ministerie(afzender, known) is None:
            project.problems.append(
                Problem(
                    source.where((section,), key=True),
                    _(
                        "the letters have no return address: give 'brief.retouradres' or 'brief.postadres' "
                        "(briefgen knows a ministry's address by its name, 'Ministerie van …', "
                        "as the first line of 'afzender')"
                    ),
                    warning=True,
                )
            )


def check_dossier_notes(project: Project, entry: Entry[Dossier]) -> None:
    """Every [^key] defined, every definition used (unused: a warning); a position's text
    written as a key without a value (as ``dossier new`` drafts them) is a warning too."""
    if entry.source.path in project.notes_checked:
        return
    project.notes_checked.add(entry.source.path)
    _checked_once(project, entry.source, lambda: _check_dossier_notes(project, entry))


def _check_dossier_notes(project: Project, entry: Entry[Dossier]) -> None:
    _warn_still_empty(project, entry)
    texts: list[tuple[DataPath, str]] = [
        (("standpunten", index, name), text)
        for index, standpunt in enumerate(entry.model.standpunten)
        for name, text in standpunt.texts().items()
    ]
    _check_refs(project, entry.source, texts, entry.model.voetnoten)
    why = _("a position's footnote serves the Councils of every formation")
    _refuse_without_dossier(project, entry.source, entry.model.voetnoten, None, why)


def _warn_still_empty(project: Project, entry: Entry[Dossier]) -> None:
    for index, standpunt in enumerate(entry.model.standpunten):
        given = standpunt.model_fields_set
        for name in STILL_TO_WRITE:
            if getattr(standpunt, name) is None and name in given:
                project.problems.append(
                    Problem(
                        entry.source.where(("standpunten", index, name), key=True),
                        _(
                            "'{name}' of the position for {raad} is still empty (nothing is shown for it); write it, or remove the key",
                            name=name,
                            raad=standpunt.raad,
                        ),
                        warning=True,
                    )
                )


STILL_TO_WRITE = ("introductie", "inzet", "kern", "krachtenveld")
"""A position's texts that are shown once written (``uitkomst``: see :func:`check_verslag`)."""


def _refuse_without_dossier(
    project: Project, source: Source, notes: dict[str, Voetnoot], default: str | None, why: str
) -> None:
    for key, message in without_dossier(notes, default, why):
        project.problems.append(Problem(source.where(("voetnoten", key, "kamerstuk"), key=True), message))


def _check_refs(
    project: Project, source: Source, texts: list[tuple[DataPath, str]], local: dict[str, Voetnoot]
) -> None:
    refuse_nested_notes(project, source, local)
    shared = project.shared_notes()
    used: set[str] = set()
    for path, text in texts:
        for key in note_refs(text):
            used.add(key)
            if key not in local and key not in shared:
                hint = did_you_mean(key, [*local, *shared])
                project.problems.append(
                    Problem(
                        source.find(f"[^{key}]", path),
                        _(
                            "footnote [^{key}] is not defined in 'voetnoten' of this file or in positions/{shared}{hint}",
                            key=key,
                            shared=SHARED_NOTES,
                            hint=hint,
                        ),
                    )
                )
    for key in unnumbered(local):
        project.problems.append(
            Problem(
                source.where(("voetnoten", key)),
                _(
                    "footnote '{key}' cites a Kamerstuk without its number ('nr. …', in the Eerste Kamer its letter): a reader cannot find the paper",
                    key=key,
                ),
                warning=True,
            )
        )
    for key in local:
        if key not in used:
            project.problems.append(
                Problem(
                    source.where(("voetnoten", key), key=True),
                    _("footnote '{key}' is never referenced as [^{key}]", key=key),
                    warning=True,
                )
            )
