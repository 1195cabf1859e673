"""Several source files changed as one step: write the intent down, then carry it out.

``briefgen new`` changes the new agenda and a position file per item. It prepares every
new content in memory, writes them all into one journal file (``agendas/.<id>.briefgen-new.json``,
put in place by a rename: that is the commit), then writes each file in place and
removes the journal. A process killed before the commit changed nothing; one killed
after it left a journal that the next run of the same command carries out.

Files are rewritten in place (truncated and written) rather than replaced, so each
keeps its owner, mode, group, ACLs and hard links, and a symbolic link is written
through to its target. A file that someone changed after the journal was written is
not overwritten: the run stops with its name.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..data.project import agendas_dir
from ..errors import Location, Problem, fail
from . import disk


@dataclass(frozen=True)
class Change:
    """One file's new content; ``before`` is its content now (None: the file is new)."""

    path: Path
    before: bytes | None
    after: bytes


@dataclass
class Committed:
    """The files written, and whether they finish an interrupted run."""

    paths: list[Path]
    resumed: bool = False


class Journal:
    def __init__(self, root: Path, path: Path):
        self.root = root
        self.path = path

    def exists(self) -> bool:
        return self.path.exists()

    def commit(self, changes: list[Change]) -> Committed:
        """Record every change, then make them; all or (before the record is in place) none."""
        record = {
            "files": [
                {
                    "path": change.path.relative_to(self.root).as_posix(),
                    "before": None if change.before is None else _sha(change.before),
                    "after": base64.b64encode(change.after).decode("ascii"),
                }
                for change in changes
            ]
        }
        data = (json.dumps(record, indent=1) + "\n").encode("utf-8")
        temporary = self.path.with_name(f"{self.path.name}.{secrets.token_hex(8)}.tmp")
        try:
            disk.checkpoint("write the journal")
            disk.create_file(temporary, data)
            disk.checkpoint("commit the journal")
            os.rename(temporary, self.path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise fail(Location(self._shown(self.path)), f"cannot write: {error.strerror}") from None
        return self._carry_out(resumed=False)

    def complete(self) -> Committed:
        """Carry out a journal an interrupted run left."""
        return self._carry_out(resumed=True)

    def _carry_out(self, resumed: bool) -> Committed:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            entries = [
                (self.root / item["path"], item["before"], base64.b64decode(item["after"], validate=True))
                for item in record["files"]
            ]
        except (OSError, ValueError, KeyError, TypeError):
            raise fail(
                Location(self._shown(self.path)),
                "an interrupted 'briefgen new' left this file and it cannot be read; "
                "check the agenda and position files it names, then remove it",
            ) from None
        for path, before, after in entries:
            self._apply(path, before, after)
        disk.checkpoint("remove the journal")
        self.path.unlink(missing_ok=True)
        return Committed([path for path, _, _ in entries], resumed)

    def _apply(self, path: Path, before: str | None, after: bytes) -> None:
        """Write ``after`` into ``path`` unless it is there already or someone else changed the file."""
        try:
            current: bytes | None = path.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as error:
            raise fail(Location(self._shown(path)), f"cannot read: {error.strerror}") from None
        if current == after:
            return
        ours = current == b"" or (current is None and before is None)
        if current is not None and not ours:
            ours = _sha(current) == before or after.startswith(current)
        if not ours:
            raise fail(
                Location(self._shown(path)),
                f"changed since 'briefgen new' prepared it (journal {self._shown(self.path)}); "
                "check the file, then remove the journal and run 'briefgen new' again",
            )
        try:
            _write_in_place(path, after)
        except OSError as error:
            raise fail(Location(self._shown(path)), f"cannot write: {error.strerror}") from None

    def _shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def _write_in_place(path: Path, data: bytes) -> None:
    """Truncate and write ``path`` (through a link); a new file gets the umask's mode."""
    disk.checkpoint(f"open {path.name}")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        disk.checkpoint(f"write {path.name}")
        disk.write_fully(descriptor, data)
    finally:
        os.close(descriptor)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


PENDING = re.compile(r"^\.(?P<id>.+)\.briefgen-(?P<command>new|verslag)\.json$")


def pending(root: Path) -> list[Problem]:
    """A warning for each ``briefgen new`` or ``verslag`` that was interrupted after it committed."""
    folder = agendas_dir(root)
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return []
    return [
        Problem(
            Location(f"agendas/{name}"),
            f"'briefgen {match['command']} {match['id']}' was interrupted and its files are half written; "
            f"run it again to finish",
            warning=True,
        )
        for name in names
        if (match := PENDING.match(name))
    ]


LEFTOVER = re.compile(r"^\..+\.briefgen-(new|verslag)\.json\.[0-9a-f]{16}\.tmp$")


@contextmanager
def locked(root: Path, path: Path) -> Iterator[Journal]:
    """The journal at ``path``, with its folder locked against a second ``new`` meanwhile.

    Journal drafts that an interrupted run left before its commit are removed.
    """
    folder = path.parent
    with disk.locked(folder):
        try:
            for entry in os.scandir(folder):
                if LEFTOVER.match(entry.name) and entry.is_file(follow_symlinks=False):
                    disk.checkpoint("remove a journal draft")
                    os.unlink(entry.path)
        except OSError as error:
            raise fail(Location(str(folder)), f"cannot read: {error.strerror}") from None
        yield Journal(root, path)
