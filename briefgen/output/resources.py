"""A project's resources besides its data: the templates per formation, ``reference.docx``
and the build folder. Every command gets them here, so each is found one way.

Templates and the reference are loaded once per process and again only when a file's
content changes, so that a long-running process (``--watch``) never
renders with old ones; a Resources (one per render) hashes the template files once.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data import digests
from ..data.files import LinkedOut, NotRegularFile, TooLarge, linked_out_refusal, open_regular, read_regular
from ..data.formations import template_folders
from ..document.shape import GaShape
from ..errors import _

if TYPE_CHECKING:  # imported where used: a command that needs neither loads neither Jinja nor python-docx
    from ..compose.templates import Templates
    from ..word.reference import Reference

REFERENCE = "reference.docx"
LOGO = "logo.png"
"""The ministry's logo for the letterhead: ``templates/<formation>/logo.png``, else ``templates/logo.png``."""
MAX_LOGO_BYTES = 2 * 2**20


@dataclass(frozen=True)
class TemplateFacts:
    """What reading a Word document back needs of one formation's templates."""

    soorten: dict[str, Any]
    """The agenda item types, from ``_soorten.md.j2``."""
    slotzin: str
    """The sentence that closes an item's inzet in running prose."""
    shape: GaShape
    """What the formation's GA template writes itself, as compose declares it."""


@dataclass(frozen=True)
class Resources:
    """Where one project keeps its templates and reference, and where its builds go.

    ``build`` is the folder that holds one folder per agenda: ``build/`` in the project,
    or the folder ``render -o`` names for several agendas.
    """

    root: Path
    build: Path | None = None
    _states: dict[str, tuple[tuple[str, str], ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Each formation's template files and their hashes, read once for this object: the
    templates one render compiles are the ones its manifest names."""

    @property
    def templates_folder(self) -> Path:
        return self.root / "templates"

    def build_folder(self, agenda_id: str) -> Path:
        """An agenda's own build folder, named by its id."""
        return (self.build if self.build is not None else self.root / "build") / agenda_id

    def template_files(self, formation: str) -> list[Path]:
        """The shared templates and those of one formation; reference.docx among them."""
        return [Path(path) for path in self._template_paths(formation)]

    def _template_paths(self, formation: str) -> list[str]:
        """:meth:`template_files` as the paths' texts, in the order of their Path objects."""
        folder = self.templates_folder
        files = _files_in(folder) if folder.is_dir() else []
        for name in template_folders(formation):
            own = folder / name
            if own.is_dir():
                files += _files_in(own)
        return sorted((p for p in files if _nameable(os.path.basename(p))), key=_path_order)

    def template_hashes(self, formation: str) -> dict[str, str]:
        """The SHA-256 of each template file (as a path under the project root) a formation reads."""
        return {
            Path(path).relative_to(self.root).as_posix(): digest
            for path, digest in self._state(formation)
            if digest
        }

    def templates(self, formation: str) -> Templates:
        """The Jinja templates of one formation; compiled once per state of its files."""
        folders = tuple(
            name for name in template_folders(formation) if (self.templates_folder / name).is_dir()
        )
        key = (str(self.root.resolve()), folders)
        state = self._state(formation)
        known = _TEMPLATES.get(key)
        if known is None or known[0] != state:
            from ..compose.templates import Templates

            known = _TEMPLATES[key] = (state, Templates(self.templates_folder, formation))
        return known[1]

    def template_facts(self, formation: str) -> TemplateFacts:
        """What reading a document back needs of a formation's templates, in one typed record."""
        templates = self.templates(formation)
        return TemplateFacts(
            soorten=templates.soorten,
            slotzin=templates.slotzin,
            shape=templates.ga_shape,
        )

    def compile_templates(self, formations: set[str]) -> None:
        """Compile the templates of these formations now, once for every process forked later."""
        for formation in sorted(formations):
            self.templates(formation).compile_all()

    def logo(self, formation: str) -> bytes | None:
        """The letterhead's logo for ``formation`` (its own folder's, else the project's), if any."""
        from ..errors import Location, fail
        from ..word.headers import placeable_image

        for folder in [*template_folders(formation), ""]:
            path = self.templates_folder / folder / LOGO
            name = "/".join(part for part in ("templates", folder, LOGO) if part)
            if not path.exists() and not path.is_symlink():
                continue
            try:  # read where it is now: a link retargeted since its check is refused
                data = read_regular(path, MAX_LOGO_BYTES, inside=str(self.root.resolve()))[0]
            except LinkedOut as error:
                raise fail(Location.file(name), linked_out_refusal(error.target)) from None
            except NotRegularFile:
                raise fail(Location.file(name), _("not a regular file")) from None
            except TooLarge:
                raise fail(
                    Location.file(name),
                    _("larger than {limit} MB", limit=MAX_LOGO_BYTES // 2**20),
                ) from None
            if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or not placeable_image(data):
                raise fail(Location.file(name), _("not a PNG or JPEG image"))
            return data
        return None

    def reference(self) -> Reference:
        """``reference.docx``, read once per process unless its content changes."""
        from ..word.reference import Reference

        path = self.templates_folder / REFERENCE
        name = f"templates/{REFERENCE}"
        digest = file_digest(path)
        inside = str(self.root.resolve())
        if not digest:
            return Reference(path, name, inside)
        key = str(path.resolve())
        known = _REFERENCES.get(key)
        if known is None or known[0] != digest:  # the file's earlier contents are let go
            # kept by the hash of what it read: a save between the two reads is not kept
            # under the hash of the file before it
            reference = Reference(path, name, inside)
            known = _REFERENCES[key] = (reference.sha256, reference)
        return known[1]

    def _state(self, formation: str) -> tuple[tuple[str, str], ...]:
        if formation not in self._states:
            self._states[formation] = tuple(
                (path, file_digest(path)) for path in self._template_paths(formation)
            )
        return self._states[formation]


def _files_in(folder: Path) -> list[str]:
    """The paths of the regular files in ``folder``, links to one among them, as
    ``Path.is_file`` tells them (the folder's listing says for all but links, without asking
    each file's status)."""
    with os.scandir(folder) as entries:
        return [entry.path for entry in entries if _is_file(entry)]


def _path_order(path: str) -> list[str]:
    """What orders ``Path(path)`` among paths of one folder's tree: its parts, as the file
    system compares them (on Windows without case)."""
    return os.path.normcase(path).split(os.sep)


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:  # a loop of links, as Path.is_file: not a file
        return False


def _nameable(name: str) -> bool:
    """Whether a file name is text (UTF-8): one whose bytes are not (a file copied from another
    system) no template can include or extend, and the manifest, JSON, cannot record it."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def file_digest(path: Path | str) -> str:
    """A regular file's content hash (a save that keeps size and time still counts as a
    change: a file is hashed again unless :mod:`..data.digests` may trust its status);
    empty for anything else, never waiting on a FIFO."""
    kept = digests.known(path)
    if kept is not None:
        return kept.hex()
    started = digests.now()
    try:
        with open_regular(path) as (file, info):
            if info.st_size <= SMALL_FILE:  # read at once: file_digest allocates 256 KiB per file
                digest = hashlib.sha256(file.read()).digest()
            else:
                digest = hashlib.file_digest(file, "sha256").digest()
    except (OSError, NotRegularFile):
        return ""
    digests.remember(path, info, started, digest)
    return digest.hex()


SMALL_FILE = 2**16
"""Files up to this size (a template, a small reference) are hashed from one read."""


_TEMPLATES: dict[tuple[str, tuple[str, ...]], tuple[tuple[tuple[str, str], ...], Templates]] = {}
_REFERENCES: dict[str, tuple[str, Reference]] = {}
"""Each reference file's last contents read, by path: a long ``watch`` keeps one per file."""
