"""Turn an agenda into its output folder: compose every document (:mod:`briefgen.output.package`),
then switch the folder.

Nothing is written until every document has been composed. The new build is then
staged as a complete folder beside the old one and switched into place in one step
(see :mod:`briefgen.output.switch`), so a render that fails or is killed at any moment leaves
either the previous build or the new one, each matching its ``manifest.json``. A
document whose bytes are already in place is kept (the same file moves into the new
folder); outputs that a render no longer produces leave with the old folder. When the
GA's content differs from the previous build's, ``geannoteerde-agenda.wijzigingen.docx``
shows the change as tracked changes; it stays in the build while the GA stays as it is.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..compose.documents import GA, KINDS, title
from ..data import platform
from ..data.confine import shown
from ..data.files import NotRegularFile, TooLarge, read_regular
from ..data.project import Project
from ..document import markdown
from ..document.blocks import Document, Revision
from ..errors import Location, Problem, UserError, _, fail
from ..word.archive import MAX_PACKAGE_BYTES
from ..word.writer import Properties, write_docx
from . import history
from .manifest import NAME as MANIFEST
from .manifest import PREVIEW as PREVIEW_FOLDER
from .manifest import Manifest, item_changes, sha256
from .outputs import Output
from .package import Package, compose_package, document_properties
from .recovery import recover
from .resources import Resources
from .switch import switch_folder

if TYPE_CHECKING:  # the pool is imported only for several agendas on several processes
    from concurrent.futures import Future

GA_NAME = f"{GA.stem}.docx"
UPDATE_NAME = f"{GA.stem}.wijzigingen.docx"
Pages = Callable[[Package, Document | None], Mapping[str, bytes]]
"""More files of a build, by name inside the build folder (``preview/index.html``), made from
the package and its update document: written in the same switch as the documents."""


@dataclass(frozen=True)
class Update:
    """The update document: its .docx, and its block document when known."""

    output: Output
    document: Document | None


@dataclass
class Rendered:
    """What one render did: each file of the build folder, in the order rendered, and whether
    its bytes are new (``False``: the file already held them and stays); what to tell the user."""

    files: dict[Path, bool]
    notices: list[Problem]
    changes: list[str]

    def written(self) -> list[Path]:
        return [path for path, new in self.files.items() if new]

    def kept(self) -> list[Path]:
        return [path for path, new in self.files.items() if not new and path.name != MANIFEST]


def render(
    root: Path, agenda_path: Path, out_dir: Path | None = None, arcering: Sequence[str] = ()
) -> Rendered:
    """Render one agenda's package and switch the build folder to it in one step."""
    return switch_package(root, compose_package(root, agenda_path, out_dir, arcering))


def switch_package(root: Path, package: Package, pages: Pages | None = None) -> Rendered:
    """Write a composed package: its build folder replaced whole, with the update document:
    the GA's changes since the last sent build (``briefgen send``), else since the last build;
    with ``pages``, the files they make go into the same switch."""
    recover(package.folder)
    previous = Manifest.read(package.folder)
    if previous is not None and previous.agenda != package.manifest.agenda:
        raise fail(
            Location(Project(root).display(package.folder)),
            _(
                "holds the build of another agenda ({agenda}), which a render would replace whole; render {agenda2} into its own folder or an empty one",
                agenda=shown(previous.agenda),
                agenda2=package.manifest.agenda,
            ),
        )
    outputs = list(package.outputs)
    changes: list[str] = []
    update = None
    if previous is not None and previous.agenda == package.manifest.agenda:
        update = _update(package, previous)
        if update is not None:
            changes = item_changes(previous.punten, package.manifest.punten) or [
                _("the GA's own text changed")
            ]
        else:
            update = _carried_update(root, package, previous, pages is not None)
    sent = history.last_sent(root, package.manifest.agenda)
    if sent is not None:
        update = _update(package, sent)
    if update is not None:
        outputs.append(update.output)
        package.manifest.outputs[update.output.path.name] = sha256(update.output.data)
    manifest = package.manifest.to_bytes()
    outputs.append(Output(package.folder / MANIFEST, manifest))
    history.record(root, package.manifest, manifest)
    contents = {output.path.name: output.data for output in outputs}
    if pages is not None:
        contents.update(pages(package, update.document if update else None))
    switched = switch_folder(
        package.folder,
        contents,
        _ours(previous, [output.path.name for output in outputs]),
        is_build=previous is not None,
    )
    kept = set(switched.kept)
    files = {package.folder / name: name not in kept for name in contents}
    return Rendered(files, package.notices, changes)


def _carried_update(root: Path, package: Package, previous: Manifest, composed: bool) -> Update | None:
    """The previous build's update document, while the GA it leads to is still the current one;
    ``composed``: with its block document, made again from the kept build it compared with."""
    recorded = previous.outputs.get(UPDATE_NAME)
    if recorded is None or previous.outputs.get(GA_NAME) != package.manifest.outputs.get(GA_NAME):
        return None
    path = package.folder / UPDATE_NAME
    try:
        data = read_regular(path, MAX_PACKAGE_BYTES)[0]
    except (OSError, NotRegularFile, TooLarge):
        return None
    if sha256(data) != recorded:
        return None
    return Update(Output(path, data), _earlier_changes(root, package) if composed else None)


def _earlier_changes(root: Path, package: Package) -> Document | None:
    """The GA's changes since the newest kept build whose GA differs from the current one:
    what a carried update document shows."""
    current = package.documents[GA_NAME].source
    place = history.folder(root, package.manifest.agenda)
    for build in reversed(history.read_index(root, package.manifest.agenda).builds):
        kept = history.load(place / f"{build}{history.SUFFIX}")
        earlier = kept.documenten.get(GA_NAME) if kept is not None else None
        if earlier is not None and earlier != current:
            return _tracked(package, earlier)[0]
    return None


_EARLIER_TEMPORARY = r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$"
_STEMS = "|".join(
    re.escape(stem) for stem in [kind.stem for kind in KINDS] + [UPDATE_NAME.removesuffix(".docx")]
)
_KNOWN = rf"^(?:{_STEMS})(?:\.arcering-[a-z0-9-]+)?\.(?:docx|pdf)$"
"""The names of documents in a build folder; compiled, as _EARLIER_TEMPORARY, on first use:
only a folder that already holds files needs them."""


def _ours(previous: Manifest | None, names: Sequence[str]) -> Callable[[str], bool]:
    """Which names in a build folder an earlier render (or its ``--pdf``) wrote."""
    known = {MANIFEST, *names, *(previous.outputs if previous else ())}
    known |= {str(Path(name).with_suffix(".pdf")) for name in known if name.endswith(".docx")}

    def ours(name: str) -> bool:
        if name in known or name == PREVIEW_FOLDER or re.match(_KNOWN, name) or name.startswith(".pdf-"):
            return True
        earlier = re.match(_EARLIER_TEMPORARY, name)
        return earlier is not None and (earlier["name"] in known or bool(re.match(_KNOWN, earlier["name"])))

    return ours


def render_many(
    root: Path, agendas: Sequence[Path], out_dir: Path | None, arcering: Sequence[str] = (), jobs: int = 1
) -> list[tuple[Path, Rendered | UserError]]:
    """Render several agendas, on ``jobs`` processes; each agenda succeeds or fails on its own.

    With several agendas, ``out_dir`` is the parent of one folder per agenda.
    """
    tasks = [(root, path, out_dir, tuple(arcering)) for path in agendas]
    if jobs <= 1 or len(tasks) < 2 or not platform.can_fork():
        return [(task[1], _render_one(task)) for task in tasks]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from ..data.parallel import processes

    _prepare(root, agendas)
    with ProcessPoolExecutor(processes(jobs, len(tasks)), mp_context=get_context("fork")) as pool:
        # One agenda at a time: handing one over costs a fraction of a millisecond, while
        # with chunks (six of 50 agendas at -j2) one process could still have a whole chunk
        # to go when the others are done.
        futures = [pool.submit(_render_one, task) for task in tasks]
        results = [_finished(future, task) for future, task in zip(futures, tasks, strict=True)]
    return [(task[1], result) for task, result in zip(tasks, results, strict=True)]


def _finished(
    future: Future[Rendered | UserError], task: tuple[Path, Path, Path | None, tuple[str, ...]]
) -> Rendered | UserError:
    """A worker's render of one agenda; rendered again here when a worker died (killed, out of
    memory) before handing it back: its agenda and every one after it then cost only time."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        return _render_one(task)


def _prepare(root: Path, agendas: Sequence[Path]) -> None:
    """Before the workers fork: compile the templates of every formation among ``agendas`` and
    read the reference once, so that each worker starts with them. An agenda that does not
    load is left for its own render to report."""
    project = Project(root)
    formations: set[str] = set()
    for path in agendas:
        try:
            entry = project.agenda(path)
        except (UserError, OSError):
            continue
        if entry is not None:
            formations.add(entry.model.template_set())
    resources = Resources(root)
    try:
        resources.compile_templates(formations)
        resources.reference()
    except UserError:
        pass
    gc.freeze()


def _render_one(task: tuple[Path, Path, Path | None, tuple[str, ...]]) -> Rendered | UserError:
    root, path, builds, arcering = task
    try:
        return switch_package(root, compose_package(root, path, None, arcering, builds))
    except UserError as error:
        return error


def _update(package: Package, previous: Manifest) -> Update | None:
    """The GA with every change since ``previous`` (a build) as a tracked change, if it changed."""
    earlier = previous.documenten.get(GA_NAME)
    if earlier is None or earlier == package.documents[GA_NAME].source:
        return None
    document, properties = _tracked(package, earlier)
    return Update(
        Output(package.folder / UPDATE_NAME, write_docx(document, package.reference, properties)), document
    )


def _tracked(package: Package, earlier: str) -> tuple[Document, Properties]:
    """The current GA with its changes since the GA ``earlier`` (its Markdown) tracked, and its properties."""
    current = package.documents[GA_NAME]
    properties = document_properties(package.agenda, GA, current, package.manifest.ids[GA_NAME])
    revision = Revision("briefgen", f"{properties.created.date().isoformat()}T00:00:00Z")
    from ..changes.redline import tracked  # only when the GA changed

    document = tracked(markdown.parse(earlier), current, revision)
    document.title = title(package.agenda, package.templates, "wijzigingen")
    return document, dataclasses.replace(properties, title=document.title)
