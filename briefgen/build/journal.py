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

A journal is a file in the project that someone else may have planted. Before it is
carried out, it must be a regular file owned by the caller or the project's owner, and
every file it names must be one the command itself writes (its agenda and the position
files of that agenda's items), inside ``positions/`` or ``agendas/`` with links followed
(:mod:`briefgen.data.confine`); otherwise nothing is read or written and the refusal
names the journal. ``briefgen check``, ``status`` and ``render`` name an interrupted
journal with the exact command that finishes it, and explain a file it half wrote.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.confine import confined, owners, shown, trusted_file
from ..data.fields import SLUG
from ..data.files import MAX_FILE_BYTES, NotRegularFile, TooLarge, decode, read_regular
from ..data.load import load_text
from ..data.project import agendas_dir
from ..errors import Location, Problem, UserError, fail
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


@dataclass(frozen=True)
class Entry:
    """One file a journal names: where it is (checked), as named, and its content before and after."""

    path: Path
    named: str
    before: str | None
    after: bytes


MAX_JOURNAL_BYTES = 512 * 1024 * 1024
"""A journal holds every file a command writes; larger than this is not one briefgen wrote."""


class Journal:
    """The journal of ``briefgen <command> <agenda_id>`` at ``path``.

    A journal names the files it writes; before any is read or written each must be one
    the command itself writes (the agenda ``agendas/<agenda_id>.yaml`` and the position
    files of that agenda's dossiers), inside the project and owned by the caller or the
    project's owner (:mod:`briefgen.data.confine`), and so must the journal itself be.
    """

    def __init__(self, root: Path, path: Path, command: str = "new", agenda_id: str = "", earlier: str = ""):
        self.root = root
        self.path = path
        self.command = command
        self.agenda_id = agenda_id or _agenda_of(path.name)
        self.earlier = earlier

    def exists(self) -> bool:
        return os.path.lexists(self.path)

    def commit(self, changes: list[Change]) -> Committed:
        """Record every change, then make them; all or (before the record is in place) none."""
        record = {
            "briefgen": self.command,
            "agenda": self.agenda_id,
            **({"from": self.earlier} if self.earlier else {}),
            "files": [
                {
                    "path": change.path.relative_to(self.root).as_posix(),
                    "before": None if change.before is None else _sha(change.before),
                    "after": base64.b64encode(change.after).decode("ascii"),
                }
                for change in changes
            ],
        }
        entries = self._checked(record, at_files=True)
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
        return self._carry_out(entries, resumed=False)

    def complete(self) -> Committed:
        """Carry out a journal an interrupted run left, once every file it names is checked."""
        return self._carry_out(self.entries(), resumed=True)

    def entries(self) -> list[Entry]:
        """The files the journal names, each checked; a refusal names the journal."""
        where = Location(self._shown(self.path))
        trusted_file(self.root, self.path, where, "this journal")
        try:
            raw, _ = read_regular(self.path, MAX_JOURNAL_BYTES, follow_links=False)
            record = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, NotRegularFile, TooLarge):
            raise self._unreadable() from None
        return self._checked(record)

    def _checked(self, record: Any, at_files: bool = False) -> list[Entry]:
        """The entries of ``record``, each path checked; refused at the journal (or, for a run's
        own changes, ``at_files``, at the file)."""
        where = Location(self._shown(self.path))
        if not isinstance(record, dict) or not isinstance(record.get("files"), list):
            raise self._unreadable()
        entries: list[Entry] = []
        for item in record["files"]:
            if not isinstance(item, dict) or not isinstance(item.get("after"), str):
                raise self._unreadable()
            before = item.get("before")
            if not (before is None or (isinstance(before, str) and re.fullmatch(r"[0-9a-f]{64}", before))):
                raise self._unreadable()
            try:
                after = base64.b64decode(item["after"], validate=True)
            except ValueError:
                raise self._unreadable() from None
            if len(after) > MAX_FILE_BYTES:
                raise fail(
                    where, f"names a file of {len(after) / 2**20:.1f} MiB; not a journal briefgen wrote"
                )
            named = item.get("path")
            at = Location(named) if at_files and isinstance(named, str) else where
            path = confined(self.root, named, at)
            entries.append(Entry(path, item["path"], before, after))
        self._refuse_others(entries, where)
        return entries

    def _refuse_others(self, entries: list[Entry], where: Location) -> None:
        """Each file named must be one this command writes: its agenda, and its dossiers' files."""
        agenda = f"agendas/{self.agenda_id}.yaml"
        named = [entry.named for entry in entries]
        duplicate = next((name for name in named if named.count(name) > 1), None)
        if duplicate is not None:
            raise fail(where, f"names '{shown(duplicate)}' twice; not a journal briefgen wrote")
        own = next((entry for entry in entries if entry.named == agenda), None)
        if own is None or (self.command == "new") != (own.before is None):
            raise fail(
                where,
                f"does not hold the new text of {agenda}; not a journal 'briefgen {self.command}' wrote",
            )
        dossiers = _dossiers(own.after)
        for entry in entries:
            if entry is own:
                continue
            if not entry.named.startswith("positions/") or entry.named[10:-5] not in dossiers:
                raise fail(
                    where,
                    f"names '{shown(entry.named)}', which 'briefgen {self.command} {self.agenda_id}' "
                    f"does not write (it writes {agenda} and the position files of its items)",
                )

    def _unreadable(self) -> UserError:
        return fail(
            Location(self._shown(self.path)),
            f"an interrupted 'briefgen {self.command}' left this file and it cannot be read; "
            "check the agenda and position files it names, then remove it",
        )

    def _carry_out(self, entries: list[Entry], resumed: bool) -> Committed:
        for entry in entries:
            self._apply(entry.path, entry.before, entry.after)
        disk.checkpoint("remove the journal")
        self.path.unlink(missing_ok=True)
        return Committed([self.root / entry.named for entry in entries], resumed)

    def _apply(self, path: Path, before: str | None, after: bytes) -> None:
        """Write ``after`` into ``path`` unless it is there already or someone else changed the file."""
        try:
            current: bytes | None = read_regular(path, MAX_FILE_BYTES, follow_links=False)[0]
        except FileNotFoundError:
            current = None
        except OSError as error:
            raise fail(Location(self._shown(path)), f"cannot read: {error.strerror}") from None
        except (NotRegularFile, TooLarge):
            raise fail(
                Location(self._shown(path)), "is no longer the regular file the journal was written for"
            ) from None
        if current == after:
            return
        ours = current == b"" or (current is None and before is None)
        if current is not None and not ours:
            ours = _sha(current) == before or after.startswith(current)
        if not ours:
            raise fail(
                Location(self._shown(path)),
                f"changed since 'briefgen {self.command}' prepared it (journal {self._shown(self.path)}); "
                f"check the file, then remove the journal and run 'briefgen {self.command}' again",
            )
        try:
            _write_in_place(path, after, owners(self.root))
        except OSError as error:
            raise fail(Location(self._shown(path)), f"cannot write: {error.strerror}") from None

    def _shown(self, path: Path) -> str:
        for base in (self.root, self.root.resolve()):
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                continue
        return str(path)


def _agenda_of(name: str) -> str:
    match = PENDING.match(name)
    return match["id"] if match else ""


def _dossiers(agenda: bytes) -> set[str]:
    """The dossiers an agenda's text names (none when it does not read as an agenda)."""
    try:
        data = load_text(decode(agenda, "agenda"), "agenda").data
    except UserError:
        return set()
    punten = data.get("punten") if isinstance(data, dict) else None
    return {
        punt["dossier"]
        for punt in (punten if isinstance(punten, list) else [])
        if isinstance(punt, dict)
        and isinstance(punt.get("dossier"), str)
        and re.fullmatch(SLUG, punt["dossier"])
    }


def _write_in_place(path: Path, data: bytes, allowed: set[int] | None = None) -> None:
    """Truncate and write ``path``; a new file gets the umask's mode.

    ``path`` is resolved already: a link swapped in since is not followed, a named pipe is
    not waited on, and a file that someone else than ``allowed`` owns is not written.
    """
    disk.checkpoint(f"open {path.name}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    descriptor = os.open(path, flags, 0o666)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or (allowed is not None and info.st_uid not in allowed):
            raise OSError(errno.EPERM, "not a regular file of yours or the project's owner")
        os.ftruncate(descriptor, 0)
        disk.checkpoint(f"write {path.name}")
        disk.write_fully(descriptor, data)
    finally:
        os.close(descriptor)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


PENDING = re.compile(r"^\.(?P<id>.+)\.briefgen-(?P<command>new|verslag)\.json$")


@dataclass(frozen=True)
class Interrupted:
    """A journal found in ``agendas/``: the command that finishes it, and the files it half wrote."""

    journal: str
    command: str
    files: list[str]
    problem: Problem


def interrupted(root: Path) -> list[Interrupted]:
    """Each ``briefgen new`` or ``verslag`` interrupted after it committed, with the exact command
    that finishes it; a journal that is not one briefgen wrote for this project is an error."""
    folder = agendas_dir(root)
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return []
    found = []
    for name in names:
        match = PENDING.match(name)
        if not match:
            continue
        shown_name = f"agendas/{shown(name)}"
        agenda_id = match["id"]
        if not re.fullmatch(SLUG, agenda_id):
            problem = Problem(
                Location(shown_name), "not a journal briefgen wrote (its name holds no agenda id); remove it"
            )
            found.append(Interrupted(shown_name, "", [], problem))
            continue
        journal = Journal(root, folder / name, match["command"], agenda_id)
        try:
            entries = journal.entries()
            earlier = _recorded_from(folder / name) if match["command"] == "new" else ""
        except UserError as error:
            found.append(Interrupted(shown_name, "", [], error.problems[0]))
            continue
        command = f"briefgen {match['command']} {agenda_id}" + (
            f" --from {earlier}" if match["command"] == "new" else ""
        )
        files = [entry.named for entry in entries]
        problem = Problem(
            Location(shown_name),
            f"'briefgen {match['command']} {agenda_id}' was interrupted and its files are half written "
            f"({', '.join(files)}); run '{command}' to finish",
            warning=True,
        )
        found.append(Interrupted(shown_name, command, files, problem))
    return found


def _recorded_from(path: Path) -> str:
    """The earlier agenda a ``new`` journal records (written by this briefgen), else a placeholder."""
    try:
        earlier = json.loads(path.read_bytes()).get("from")
    except (OSError, ValueError, AttributeError):
        earlier = None
    return (
        earlier
        if isinstance(earlier, str) and re.fullmatch(SLUG, earlier)
        else "<the agenda it started from>"
    )


def pending(root: Path) -> list[Problem]:
    """A warning for each interrupted ``briefgen new`` or ``verslag``, an error for a journal refused."""
    return [found.problem for found in interrupted(root)]


def explained(root: Path, problems: list[Problem]) -> list[Problem]:
    """``problems``, each in a file an interrupted journal half wrote explained as such.

    A problem in a file that an interrupted command was writing (an emptied file: the
    command was stopped between truncating and writing it) gives way to one that says so
    and names the command that finishes the job.
    """
    half: dict[str, Interrupted] = {}
    for found in interrupted(root):
        if found.command:
            for name in found.files:
                half.setdefault(name, found)
    out: list[Problem] = []
    told: set[str] = set()
    for problem in problems:
        found = half.get(problem.location.path)
        if found is None:
            out.append(problem)
        elif problem.location.path not in told:
            told.add(problem.location.path)
            state = "emptied" if problem.message == "the file is empty" else "being rewritten"
            out.append(
                Problem(
                    Location(problem.location.path),
                    f"half written: {state} when '{found.command}' was interrupted (its journal "
                    f"{found.journal} holds the new text); run '{found.command}' to finish",
                )
            )
    return out


def refuse_planted(root: Path) -> list[Problem]:
    """The interrupted journals' warnings; a journal briefgen cannot trust is raised as an error."""
    found = pending(root)
    if any(not problem.warning for problem in found):
        raise UserError([problem for problem in found if not problem.warning])
    return found


LEFTOVER = re.compile(r"^\..+\.briefgen-(new|verslag)\.json\.[0-9a-f]{16}\.tmp$")


@contextmanager
def locked(
    root: Path, path: Path, command: str = "new", agenda_id: str = "", earlier: str = ""
) -> Iterator[Journal]:
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
        yield Journal(root, path, command, agenda_id, earlier)
