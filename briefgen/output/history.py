"""Every build's manifest kept by its id, and which builds were sent.

A document briefgen writes carries its build's id (see :mod:`briefgen.word.properties`).
So that a colleague's answer can be merged against the very build it was made from, each
render also keeps its manifest under ``build/.manifests/<agenda>/<id>.json.gz`` in the
project (also when the documents were rendered elsewhere with ``-o``). ``index.json`` beside
them lists the agenda's builds in the order they were rendered and the builds that were
sent (``briefgen send``).

Pruning: an agenda keeps the manifests of its last :data:`KEEP` builds, of every build
recorded in the last :data:`KEEP_DAYS` days (a drafter re-rendering often during a round
must not lose the build colleagues are answering) and of every build that was sent; older
ones are removed when a new build is recorded. When each build was recorded is kept only in
``index.json`` (never in a manifest or document, whose bytes stay the same for the same
inputs); a build the index records no time for is kept by the other two rules alone. A manifest is a few
kilobytes compressed (the Markdown of each document and its source map).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..data.confine import trusted_owner
from ..data.files import NotRegularFile, TooLarge, open_regular, read_regular
from ..errors import Location, _, fail
from . import disk
from .manifest import Manifest

ARCHIVE = Path("build") / ".manifests"
"""Where the manifests are kept, under the project root."""
KEEP = 20
"""Builds an agenda keeps besides every sent one."""
KEEP_DAYS = 30
"""An agenda also keeps every build recorded this many days ago or since."""
INDEX = "index.json"
COMPRESSION = 1
"""gzip's level for the kept manifests: the fastest, still a fifth of the size (a 1 000-item
agenda's 16 MB manifest in a tenth of a second, to 3.5 MB)."""
SUFFIX = ".json.gz"


@dataclass
class Index:
    """An agenda's builds, oldest first; those sent, in the order they were sent; and for each
    document id, the builds that have it."""

    builds: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    documents: dict[str, list[str]] = field(default_factory=dict)
    recorded: dict[str, str] = field(default_factory=dict)
    """For each build, when it was last recorded (UTC, ISO 8601)."""

    def to_bytes(self) -> bytes:
        data = {
            "builds": self.builds,
            "sent": self.sent,
            "documents": self.documents,
            "recorded": self.recorded,
        }
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


MAX_INDEX_BYTES = 16 * 2**20
"""``index.json`` or ``absorbed.json`` larger than this is not one briefgen wrote."""


def folder(root: Path, agenda: str) -> Path:
    return root / ARCHIVE / agenda


def is_build_id(name: object) -> bool:
    """A build id as render makes them (hex digits): anything else in an index (a path
    climbing out with ``..``, a name with a slash) is never joined to a folder."""
    return isinstance(name, str) and re.fullmatch(r"[0-9a-f]{1,64}", name) is not None


def linked_folder(root: Path, place: Path) -> Path | None:
    """The first of ``build/``, ``build/.manifests/`` and ``place`` below it that is a link or
    not a folder (a colleague's link out of the project), None when each is a plain folder
    or not there yet."""
    for part in (root / "build", root / ARCHIVE, place):
        try:
            info = os.lstat(part)
        except FileNotFoundError:
            return None
        except OSError:
            return part
        if not stat.S_ISDIR(info.st_mode):
            return part
        if part == place:
            return None
    return None


def _read_json(root: Path, path: Path) -> object:
    """A small JSON file of the archive: a regular file (never a link, pipe or device, which
    could make a read hang or never end) owned by the caller or the project's owner, else None."""
    if linked_folder(root, path.parent) is not None:
        return None
    try:
        raw, info = read_regular(path, MAX_INDEX_BYTES, follow_links=False)
        if not trusted_owner(root, info):  # someone else's index: as if there were none
            return None
        return json.loads(raw.decode("utf-8"))
    except (OSError, NotRegularFile, TooLarge, ValueError, RecursionError):
        return None


def read_index(root: Path, agenda: str) -> Index:
    data: Any = _read_json(root, folder(root, agenda) / INDEX)  # any shape: a wrong one is caught below
    try:
        documents = {
            str(k): [b for b in v if is_build_id(b)] for k, v in dict(data.get("documents", {})).items()
        }
        recorded = {
            k: v
            for k, v in dict(data.get("recorded", {})).items()
            if is_build_id(k) and _moment(v) is not None
        }
        return Index(
            [b for b in data.get("builds", []) if is_build_id(b)],
            [b for b in data.get("sent", []) if is_build_id(b)],
            documents,
            recorded,
        )
    except (ValueError, TypeError, AttributeError):
        return Index()


def now() -> datetime:
    """The time a build is recorded at (a function, so that tests can move the clock)."""
    return datetime.now(UTC)


def _moment(value: object) -> datetime | None:
    """``value`` as a time with a zone, None when it is not one ``record`` wrote."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _recent(index: Index, since: datetime) -> set[str]:
    """The builds the index records as recorded at ``since`` or later."""
    return {
        build
        for build in index.builds
        if (moment := _moment(index.recorded.get(build))) is not None and moment >= since
    }


def record(root: Path, manifest: Manifest, data: bytes | None = None) -> None:
    """Keep ``manifest`` by its build id, as the agenda's newest build; prune older ones.
    ``data`` is the manifest's bytes when the caller has made them already."""
    if not is_build_id(manifest.build):
        return
    place = folder(root, manifest.agenda)
    with _locked(root, place):
        index = read_index(root, manifest.agenda)
        target = place / f"{manifest.build}{SUFFIX}"
        if not target.is_file():
            data = manifest.to_bytes() if data is None else data
            _write(target, gzip.compress(data, compresslevel=COMPRESSION, mtime=0))
        if index.builds[-1:] != [manifest.build]:
            index.builds = [b for b in index.builds if b != manifest.build] + [manifest.build]
        moment = now()
        index.recorded[manifest.build] = moment.isoformat(timespec="seconds")
        for document in manifest.ids.values():
            builds = index.documents.setdefault(document, [])
            if manifest.build not in builds:
                builds.append(manifest.build)
        recent = _recent(index, moment - timedelta(days=KEEP_DAYS))
        kept = set(index.builds[-KEEP:]) | set(index.sent) | recent
        for old in index.builds:
            if old not in kept:
                (place / f"{old}{SUFFIX}").unlink(missing_ok=True)
        index.builds = [b for b in index.builds if b in kept]
        index.documents = {
            document: [b for b in builds if b in kept]
            for document, builds in index.documents.items()
            if any(b in kept for b in builds)
        }
        index.recorded = {b: t for b, t in index.recorded.items() if b in kept}
        _write(place / INDEX, index.to_bytes())


def find(root: Path, document: str) -> Manifest | None:
    """A kept manifest of any agenda of the project with a document whose id is ``document``."""
    if not document or not document.isalnum() or linked_folder(root, root / ARCHIVE) is not None:
        return None
    places = sorted(p for p in (root / ARCHIVE).glob("*") if p.is_dir() and not p.is_symlink())
    for place in places:
        for build in reversed(read_index(root, place.name).documents.get(document, [])):
            manifest = load(place / f"{build}{SUFFIX}")
            if manifest is not None and document in manifest.ids.values():
                return manifest
    for place in places:  # an index lost or damaged: every kept manifest, newest first
        kept = sorted(place.glob(f"*{SUFFIX}"), key=_modified, reverse=True)
        for path in kept:
            manifest = load(path)
            if manifest is not None and document in manifest.ids.values():
                return manifest
    return None


MAX_MANIFEST_BYTES = 64 * 2**20
"""A kept manifest unpacked (the example's is some 130 KB): a gzip bomb put in its place
stops here."""


def _modified(path: Path) -> int:
    try:
        return os.lstat(path).st_mtime_ns
    except OSError:
        return 0


def load(path: Path) -> Manifest | None:
    try:
        with open_regular(path, follow_links=False) as (file, _), gzip.GzipFile(fileobj=file) as unpacked:
            data = unpacked.read(MAX_MANIFEST_BYTES + 1)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error, NotRegularFile):
        return None
    if len(data) > MAX_MANIFEST_BYTES:
        return None
    return Manifest.parse(data)


def mark_sent(root: Path, manifest: Manifest) -> bool:
    """Record ``manifest``'s build as sent (kept for good); False when it already was the last sent."""
    record(root, manifest)
    place = folder(root, manifest.agenda)
    with _locked(root, place):
        index = read_index(root, manifest.agenda)
        if index.sent[-1:] == [manifest.build]:
            return False
        index.sent.append(manifest.build)
        _write(place / INDEX, index.to_bytes())
    return True


def last_sent(root: Path, agenda: str) -> Manifest | None:
    """The manifest of the agenda's last sent build, or None when none was sent."""
    if linked_folder(root, folder(root, agenda)) is not None:
        return None
    for build in reversed(read_index(root, agenda).sent):
        manifest = load(folder(root, agenda) / f"{build}{SUFFIX}")
        if manifest is not None:
            return manifest
    return None


@contextmanager
def _locked(root: Path, place: Path) -> Iterator[None]:
    """The agenda's archive folder, made if needed and held locked; leftovers of a killed run
    removed. A failure to write is the located error of the file system; a link (or a file)
    where a folder of the archive belongs is refused, before anything is written through it."""
    linked = linked_folder(root, place)
    if linked is not None:
        shown = linked.relative_to(root) if linked.is_relative_to(root) else linked
        raise fail(
            Location.file(f"{shown}/"),
            _(
                "is a link or not a folder; briefgen keeps its builds' manifests only in a folder of this project: remove it and render again"
            ),
        )
    try:
        place.mkdir(parents=True, exist_ok=True)
        with disk.locked(place):
            for leftover in place.glob(".*.tmp"):
                with suppress(OSError):
                    leftover.unlink()
            yield
    except OSError as error:
        raise disk.cannot(Path(error.filename or place), error) from None


def _write(path: Path, data: bytes) -> None:
    """Replace ``path`` whole through a temporary file (the archive is ours: no checkpoints)."""
    temporary = path.parent / f".{path.name}.{disk.token()}.tmp"
    try:
        with open(temporary, "xb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:  # a full disk: no half-written temporary stays behind
        with suppress(OSError):
            temporary.unlink()
        raise


GIT = ("git", "-c", f"core.hooksPath={os.devnull}", "-c", "core.fsmonitor=false", "-c", "tag.gpgSign=false")
"""git with nothing of the repository's own configuration run as a program: a hook (``git tag``
runs ``reference-transaction``), a file-system monitor or a signing program named in
``.git/config`` by whoever can write it would otherwise run as the drafter."""


def tag_sent(root: Path, agenda: str, build: str) -> str:
    """Tag the project's current commit ``sent/<agenda>/<build>`` when the project is a git
    repository; what happened, in a line for the drafter. Never fails: without git, or
    outside a repository, there is simply no tag."""
    import subprocess  # only send tags: a render need not load it

    name = f"sent/{agenda}/{build}"
    try:
        inside = subprocess.run(
            [*GIT, "-C", str(root), "rev-parse", "--verify", "--quiet", "HEAD"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if inside.returncode != 0:
            return "no git tag: the project is not a git repository with a commit"
        known = subprocess.run(
            [*GIT, "-C", str(root), "tag", "--list", name],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if known.stdout.strip():
            return f"tag {name} is already there"
        made = subprocess.run(
            [*GIT, "-C", str(root), "tag", name],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return _("no git tag: {error}", error=error)
    if made.returncode != 0:
        reason = made.stderr.strip().splitlines()[-1:] or [_("git tag failed")]
        return _("no git tag: {reason}", reason=reason[0])
    return _("tagged the current commit {name}", name=name)


ABSORBED = "absorbed.json"
"""Beside the agendas' folders: who each value absorbed last came from, by the value's hash."""


def value_key(bestand: str, place: str) -> str:
    return f"{bestand}#{place}"


def value_hash(value: object) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[
        :16
    ]


@dataclass(frozen=True)
class Absorbed:
    """What absorb last wrote for a value: the hash of that text, the answer it came from
    (``Jan, Anna (ga-jan.docx)``, for messages) and that answer's editors, one name each."""

    hash: str
    by: str
    editors: tuple[str, ...]


def read_absorbed(root: Path) -> dict[str, Absorbed]:
    """For each value absorb wrote: the hash of what it wrote and the answer it came from."""
    data: Any = _read_json(root, root / ARCHIVE / ABSORBED)  # any shape: a wrong one is caught below
    try:
        return {
            str(k): Absorbed(str(v["hash"]), str(v["by"]), tuple(str(name) for name in v.get("editors", ())))
            for k, v in dict(data).items()
        }
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}


def record_absorbed(root: Path, written: dict[str, Absorbed]) -> None:
    """Remember who the values just written came from (see :func:`read_absorbed`)."""
    if not written:
        return
    with _locked(root, root / ARCHIVE):
        known = read_absorbed(root) | written
        data = {
            key: {"hash": value.hash, "by": value.by, "editors": list(value.editors)}
            for key, value in sorted(known.items())
        }
        _write(
            root / ARCHIVE / ABSORBED, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        )
