"""Reading templates: only regular files inside ``templates/``, of a bounded size, in UTF-8."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import jinja2

from ..data.files import LinkedOut, NotRegularFile, TooLarge, read_regular
from ..errors import Location, UserError, _, fail

MAX_TEMPLATE_BYTES = 1_000_000
"""Size of one template file."""


class Loader(jinja2.BaseLoader):
    """Reads templates from ``folders`` (first match wins), only regular files inside ``root``.

    A link is followed only when what it points at is inside ``root`` too: a link in
    ``templates/`` to ``/etc/passwd`` is refused, never read into a document.
    """

    def __init__(self, folders: list[Path], root: Path):
        self.folders = folders
        self.root = root
        self.inside = root.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if os.path.lexists(path):
                return self._read(path)
        raise jinja2.TemplateNotFound(template)

    def _read(self, path: Path) -> tuple[str, str, Callable[[], bool]]:
        where = Location((Path(self.root.name) / path.relative_to(self.root)).as_posix())
        if not _regular(path):  # refused before it is opened: a device or pipe is never opened
            raise _refused(where, linked_out=not _inside(path, self.inside))
        try:  # the file opened is located: a link out of templates/, or a folder on the way
            # swapped for one, is refused there (and a link inside it followed)
            data, info = read_regular(path, MAX_TEMPLATE_BYTES, inside=str(self.inside))
        except LinkedOut:
            raise _refused(where, linked_out=True) from None
        except NotRegularFile:
            raise _refused(where, linked_out=False) from None
        except TooLarge:
            raise fail(
                where, _("this template is larger than {limit:,} bytes", limit=MAX_TEMPLATE_BYTES)
            ) from None
        except OSError as error:
            raise fail(where, _("cannot read this template: {strerror}", strerror=error.strerror)) from None
        return _decode(data, where), str(path), _unchanged(path, info.st_mtime_ns)


def _regular(path: Path) -> bool:
    """Whether ``path``, links followed, is a regular file; True where its status cannot be
    had (the open then says why)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(folder)


def _refused(where: Location, linked_out: bool) -> UserError:
    if linked_out:
        return fail(
            where,
            _("this template is a link to a file outside templates/; templates read only files inside it"),
        )
    return fail(where, _("this template is not a regular file"))


def _decode(data: bytes, where: Location) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise fail(
            Location(where.path, line, column),
            _("the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8", byte=data[error.start]),
        ) from None


def _unchanged(path: Path, mtime: int) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return os.stat(path).st_mtime_ns == mtime
        except OSError:
            return False

    return check
