"""Several source files changed as one step: write the intent down, then carry it out.

``briefgen new``, ``verslag``, ``import`` and ``absorb`` change an agenda and position
files. Each prepares every new content in memory, writes them all into one journal file
(``agendas/.<id>.briefgen-<command>.json``; drafted in ``build/.drafts/`` or as an unnamed
file, and put in place by one rename or link: that is the commit), then writes each file
in place and removes the journal. A process killed before the commit changed nothing;
one killed after it left a journal that the next run of the same command carries out.
No draft or staged file is left in ``positions/`` or ``agendas/``; one an older run left
is removed under the folder's lock by the next command.

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

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data import platform
from ..data.confine import confined, owners, refuse_folders_linked_out, shown, trusted_file
from ..data.fields import SLUG
from ..data.files import MAX_FILE_BYTES, NotRegularFile, TooLarge, decode, read_regular
from ..data.load import load_text
from ..data.project import SHARED_NOTES, agendas_dir
from ..errors import Location, Problem, UserError, _, fail
from . import disk
from .leftovers import LEFTOVER, PENDING, STAGED, drafts


@dataclass(frozen=True)
class FileChange:
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
class JournalFile:
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

    def __init__(
        self,
        root: Path,
        path: Path,
        command: str = "new",
        agenda_id: str = "",
        earlier: str = "",
        document: str = "",
        agendas: tuple[str, ...] = (),
    ):
        self.root = root
        self.path = path
        self.command = command
        self.agenda_id = agenda_id or _agenda_of(path.name)
        self.earlier = earlier
        self.document = document
        self.agendas = tuple(dict.fromkeys((self.agenda_id, *agendas)))

    def exists(self) -> bool:
        return os.path.lexists(self.path)

    def commit(self, changes: list[FileChange]) -> Committed:
        """Record every change, then make them; all or (before the record is in place) none."""
        import base64  # only a command that changes files writes a journal
        import json

        refuse_folders_linked_out(self.root)
        record = {
            "briefgen": self.command,
            "agenda": self.agenda_id,
            **({"from": self.earlier} if self.earlier else {}),
            **({"document": self.document} if self.document else {}),
            **({"agendas": list(self.agendas)} if len(self.agendas) > 1 else {}),
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
        try:
            disk.checkpoint("write the journal")
            self._unchanged(entries)
            disk.create_whole(self.path, data, "commit the journal", drafts(self.root))
        except OSError as error:
            raise fail(
                Location(self._shown(self.path)), _("cannot write: {strerror}", strerror=error.strerror)
            ) from None
        return self._carry_out(entries, resumed=False)

    def _unchanged(self, entries: list[JournalFile]) -> None:
        """Refuse, before the journal is written, a file that changed since the command read
        it: a second absorb in another terminal or an editor wrote it meanwhile. (Under the
        folder's lock no other briefgen command writes until this one is done.) Carrying the
        journal out would stop at that file and leave a journal no run could finish. A file
        created or removed meanwhile has changed too: carrying out refuses either."""
        for entry in entries:
            try:
                current: bytes | None = read_regular(entry.path, MAX_FILE_BYTES, follow_links=False)[0]
            except FileNotFoundError:
                current = None
            except (OSError, NotRegularFile, TooLarge):
                continue  # named as such when the journal is carried out
            if not _as_read(current, entry.before, entry.after):
                raise fail(
                    Location(self._shown(entry.path)),
                    _(
                        "changed while 'briefgen {command}' read it (by another command or an editor); nothing was written: run 'briefgen {command}' again",
                        command=self.command,
                    ),
                )

    def complete(self) -> Committed:
        """Carry out a journal an interrupted run left, once every file it names is checked."""
        refuse_folders_linked_out(self.root)
        return self._carry_out(self.entries(), resumed=True)

    def entries(self) -> list[JournalFile]:
        """The files the journal names, each checked; a refusal names the journal."""
        where = Location(self._shown(self.path))
        trusted_file(self.root, self.path, where, _("this journal"))
        import json  # only when a journal is there

        try:
            raw = read_regular(self.path, MAX_JOURNAL_BYTES, follow_links=False)[0]
            record = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, NotRegularFile, TooLarge, RecursionError):
            raise self._unreadable() from None
        entries = self._checked(record)
        self.record = record
        return entries

    def finishing(self) -> str:
        """The exact command that finishes this journal (after :meth:`entries` read it)."""
        record = getattr(self, "record", {})
        earlier, document = record.get("from"), record.get("document")
        earlier = (
            earlier if isinstance(earlier, str) and re.fullmatch(SLUG, earlier) else "<the earlier agenda>"
        )
        document = shown(document) if isinstance(document, str) and document else "<the document>"
        if " " in document:
            document = "'" + document.replace("'", "'\\''") + "'"
        return {
            "new": f"briefgen new {self.agenda_id} --from {earlier}",
            "verslag": f"briefgen verslag {self.agenda_id}",
            "import": f"briefgen import {document} --raad {self.agenda_id}",
            "absorb": f"briefgen absorb {document}",
        }[self.command]

    def _checked(self, record: Any, at_files: bool = False) -> list[JournalFile]:
        """The entries of ``record``, each path checked; refused at the journal (or, for a run's
        own changes, ``at_files``, at the file)."""
        where = Location(self._shown(self.path))
        if not isinstance(record, dict) or not isinstance(record.get("files"), list):
            raise self._unreadable()
        agendas = record.get("agendas", [])
        if not isinstance(agendas, list) or not all(
            isinstance(a, str) and re.fullmatch(SLUG, a) for a in agendas
        ):
            raise self._unreadable()
        self.agendas = tuple(dict.fromkeys((self.agenda_id, *agendas)))
        import base64  # only when a journal is there

        entries: list[JournalFile] = []
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
                    where,
                    _(
                        "names a file of {size:.1f} MiB; not a journal briefgen wrote",
                        size=len(after) / 2**20,
                    ),
                )
            named = item.get("path")
            at = Location(named) if at_files and isinstance(named, str) else where
            path = confined(self.root, named, at)
            entries.append(JournalFile(path, item["path"], before, after))
        self._refuse_others(entries, where)
        return entries

    def _refuse_others(self, entries: list[JournalFile], where: Location) -> None:
        """Each file named must be one this command writes: its agenda, the position files of
        that agenda's items and (for ``absorb``) the shared footnotes; each file once."""
        agenda = f"agendas/{self.agenda_id}.yaml"
        named = [entry.path for entry in entries]
        duplicate = next((entry.named for entry in entries if named.count(entry.path) > 1), None)
        if duplicate is not None:
            raise fail(
                where,
                _("names '{duplicate}' twice; not a journal briefgen wrote", duplicate=shown(duplicate)),
            )
        own = next((entry for entry in entries if entry.path == _resolved(self.root / agenda)), None)
        creates = CREATES[self.command]
        if (creates is not None and own is None) or (own is not None and creates and own.before is not None):
            raise fail(
                where,
                _(
                    "does not hold the new text of {agenda}; not a journal 'briefgen {command}' wrote",
                    agenda=agenda,
                    command=self.command,
                ),
            )
        allowed = self._writable(own)
        for entry in entries:
            if entry.path not in allowed:
                raise fail(
                    where,
                    _(
                        "names '{named}', which 'briefgen {command}' for {agenda_id} does not write (it writes {agenda} and the position files of its items)",
                        named=shown(entry.named),
                        command=self.command,
                        agenda_id=self.agenda_id,
                        agenda=agenda,
                    ),
                )

    def _writable(self, own: JournalFile | None) -> set[Path]:
        """Where the files this command may write are: its agendas and their items' positions."""
        allowed: set[Path] = set()
        positions = self.root / "positions"
        for agenda_id in self.agendas:
            path = self.root / "agendas" / f"{agenda_id}.yaml"
            if own is not None and agenda_id == self.agenda_id:
                text = own.after
            else:
                try:
                    text = read_regular(path, MAX_FILE_BYTES)[0]
                except (OSError, NotRegularFile, TooLarge):
                    text = b""
            allowed.add(_resolved(path))
            allowed |= {_resolved(positions / f"{dossier}.yaml") for dossier in _dossiers(text)}
        if self.command == "absorb":
            allowed.add(_resolved(positions / SHARED_NOTES))
        return allowed

    def _unreadable(self) -> UserError:
        return fail(
            Location(self._shown(self.path)),
            _(
                "an interrupted 'briefgen {command}' left this file and it cannot be read; check the agenda and position files it names, then remove it",
                command=self.command,
            ),
        )

    def _carry_out(self, entries: list[JournalFile], resumed: bool) -> Committed:
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
            raise fail(
                Location(self._shown(path)), _("cannot read: {strerror}", strerror=error.strerror)
            ) from None
        except (NotRegularFile, TooLarge):
            raise fail(
                Location(self._shown(path)), _("is no longer the regular file the journal was written for")
            ) from None
        if current == after:
            return
        ours = current == b"" or (current is None and before is None)
        if current is not None and not ours:
            ours = _sha(current) == before or after.startswith(current)
        if not ours:
            raise fail(
                Location(self._shown(path)),
                _(
                    "changed since 'briefgen {command}' prepared it (journal {path}); check the file, then remove the journal and run 'briefgen {command}' again",
                    command=self.command,
                    path=self._shown(self.path),
                ),
            )
        try:
            kept = len(current) if current and after.startswith(current) else 0
            _write_in_place(path, after, owners(self.root), kept)
        except OSError as error:
            raise fail(
                Location(self._shown(path)), _("cannot write: {strerror}", strerror=error.strerror)
            ) from None

    def _shown(self, path: Path) -> str:
        for base in (self.root, self.root.resolve()):
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                continue
        return str(path)


CREATES: dict[str, bool | None] = {"new": True, "verslag": False, "import": False, "absorb": None}
"""Per command whether its journal creates the agenda (True), changes it (False: it must hold
the agenda, new or changed) or may leave it alone (None)."""


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _agenda_of(name: str) -> str:
    match = re.match(PENDING, name)
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


def _write_in_place(path: Path, data: bytes, allowed: set[int] | None = None, kept: int = 0) -> None:
    """Write ``data`` into ``path``; a new file gets the umask's mode.

    The first ``kept`` bytes are already there (the change only adds lines at the end, as
    ``new`` and ``import`` mostly do): only the rest is written, so that an interruption
    leaves the file as it was plus part of the new lines, never emptied. Otherwise the file
    is truncated and written whole. ``path`` is resolved already: a link swapped in since is
    not followed, a named pipe is not waited on, and a file that someone else than
    ``allowed`` owns is not written.
    """
    disk.checkpoint(f"open {path.name}")
    descriptor = platform.open_file(
        path, os.O_WRONLY | os.O_CREAT, 0o666, follow_links=False, nonblocking=True
    )
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or (allowed is not None and info.st_uid not in allowed):
            raise OSError(errno.EPERM, "not a regular file of yours or the project's owner")
        if not kept or info.st_size != kept:
            kept = 0
            os.ftruncate(descriptor, 0)
        os.lseek(descriptor, kept, os.SEEK_SET)
        disk.checkpoint(f"write {path.name}")
        disk.write_fully(descriptor, data[kept:])
    finally:
        os.close(descriptor)


def _as_read(current: bytes | None, before: str | None, after: bytes) -> bool:
    """Whether a file's content ``current`` (None: there is none) is as the command read it
    (``before``, its hash; None: there was none) or as the journal will leave it (``after``)."""
    if current is None:
        return before is None
    return current == after or _sha(current) == before


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Interrupted:
    """A journal found in ``agendas/``: the command that finishes it, and the files it half wrote."""

    journal: str
    command: str
    files: list[str]
    problem: Problem


def interrupted(root: Path) -> list[Interrupted]:
    """Each ``briefgen new``, ``verslag``, ``import`` or ``absorb`` interrupted after it committed, with the exact command
    that finishes it; a journal that is not one briefgen wrote for this project is an error."""
    folder = agendas_dir(root)
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return []
    found = []
    for name in names:
        match = re.match(PENDING, name)
        if not match:
            continue
        shown_name = f"agendas/{shown(name)}"
        agenda_id = match["id"]
        if not re.fullmatch(SLUG, agenda_id):
            problem = Problem(
                Location(shown_name),
                _("not a journal briefgen wrote (its name holds no agenda id); remove it"),
            )
            found.append(Interrupted(shown_name, "", [], problem))
            continue
        journal = Journal(root, folder / name, match["command"], agenda_id)
        try:
            entries = journal.entries()
        except UserError as error:
            found.append(Interrupted(shown_name, "", [], error.problems[0]))
            continue
        command = journal.finishing()
        files = [entry.named for entry in entries]
        what = f"briefgen {match['command']}" + (
            f" {agenda_id}" if match["command"] in ("new", "verslag") else ""
        )
        problem = Problem(
            Location(shown_name),
            _(
                "'{what}' was interrupted and its files are half written ({files}); run '{command}' to finish",
                what=what,
                files=", ".join(files),
                command=command,
            ),
            warning=True,
        )
        found.append(Interrupted(shown_name, command, files, problem))
    return found


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
        writing = half.get(problem.location.path)
        if writing is None:
            out.append(problem)
        elif problem.location.path not in told:
            told.add(problem.location.path)
            state = _("emptied") if problem.message == "the file is empty" else _("being rewritten")
            out.append(
                Problem(
                    Location(problem.location.path),
                    _(
                        "half written: {state} when '{command}' was interrupted (its journal {journal} holds the new text); run '{command}' to finish",
                        state=state,
                        command=found.command,
                        journal=found.journal,
                    ),
                )
            )
    return out


def refuse_planted(root: Path) -> list[Problem]:
    """The interrupted journals' warnings; a journal briefgen cannot trust is raised as an error.
    Drafts and staged files an interrupted run left in the source folders are removed first."""
    sweep_sources(root)
    found = pending(root)
    if any(not problem.warning for problem in found):
        raise UserError([problem for problem in found if not problem.warning])
    return found


@contextmanager
def locked(journal: Journal) -> Iterator[Journal]:
    """``journal``, with its folder locked against a second such command meanwhile.

    Journal drafts that an interrupted run left before its commit are removed.
    """
    root, path = journal.root, journal.path
    folder = path.parent
    with disk.locked(folder):
        sweep(folder)
        if os.path.isdir(drafts(root)) and not os.path.islink(drafts(root)):
            sweep(drafts(root))
        yield journal


def sweep(folder: Path) -> None:
    """Remove the journal drafts and staged files an interrupted run left in ``folder``
    (the caller holds its lock, so no run that is still going has any there)."""
    try:
        for entry in os.scandir(folder):
            if (re.match(LEFTOVER, entry.name) or re.match(STAGED, entry.name)) and entry.is_file(
                follow_symlinks=False
            ):
                disk.checkpoint("remove a journal draft")
                os.unlink(entry.path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise fail(Location(str(folder)), _("cannot read: {strerror}", strerror=error.strerror)) from None


def sweep_sources(root: Path) -> None:
    """Clear what an interrupted run left in ``agendas/`` and ``positions/``, each under its lock,
    and the journal drafts (under the lock of ``agendas/``, which every journal's writer holds)."""
    for folder in (agendas_dir(root), root / "positions"):
        if folder.is_dir():
            with disk.locked(folder):
                sweep(folder)
                if (
                    folder == agendas_dir(root)
                    and os.path.isdir(drafts(root))
                    and not os.path.islink(drafts(root))
                ):
                    sweep(drafts(root))


def journal_path(root: Path, command: str, agenda_id: str) -> Path:
    return agendas_dir(root) / f".{agenda_id}.briefgen-{command}.json"


def write_sources(
    root: Path, command: str, agendas: tuple[str, ...], changes: list[FileChange], document: str = ""
) -> Committed:
    """Make ``changes`` to source files as one step through the journal of ``command`` for the
    first of ``agendas`` (whose files, and their items' positions, are the ones it may write)."""
    path = journal_path(root, command, agendas[0])
    with locked(Journal(root, path, command, agendas[0], document=document, agendas=agendas)) as journal:
        if journal.exists():
            journal.entries()
            finish = journal.finishing()
            raise fail(
                Location(journal._shown(path)),
                _(
                    "an interrupted 'briefgen {command}' is not finished; run '{finish}' first",
                    command=command,
                    finish=finish,
                ),
            )
        return journal.commit(changes)


def finish(root: Path, command: str) -> list[Committed]:
    """Carry out every journal of ``command`` that an interrupted run left; any journal
    briefgen cannot trust is refused first."""
    refuse_planted(root)
    done = []
    for found in interrupted(root):
        match = re.match(PENDING, Path(found.journal).name)
        if match and match["command"] == command and found.command:
            path = journal_path(root, command, match["id"])
            with locked(Journal(root, path, command, match["id"])) as journal:
                if journal.exists():
                    done.append(journal.complete())
    return done
