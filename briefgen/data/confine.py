"""Paths that a file names (a journal, a build's manifest), checked before anything uses them.

A file in the project may have been written by someone else than the person running
briefgen: a colleague with group write on ``agendas/`` or ``build/``. Whatever such a file
names must not make briefgen read or write anywhere else. So a path named inside a file
is used only when it is a plain relative ``positions/…/<name>.yaml`` or
``agendas/…/<name>.yaml``, resolves (links followed) inside that folder of this project,
and is a regular file (or not there yet) owned by the caller or the project's owner.
The file that names the paths must itself be owned by one of them. Each refusal is
located at the naming file; the caller checks every path before it reads or writes any.
"""

from __future__ import annotations

import os
import re
import stat
from contextlib import suppress
from pathlib import Path, PurePosixPath

from ..errors import Location, _, fail, joined
from . import platform

SOURCE_PARTS = ("positions", "agendas")
"""The folders whose files a journal or a manifest may name."""

_CONTROL = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
"""Control characters and the line and paragraph separators; compiled when a text is not
plain printable ASCII (which holds none of them): most commands never need it."""


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character or a line or paragraph separator."""
    return not (text.isascii() and text.isprintable()) and re.search(_CONTROL, text) is not None


def shown(text: str, limit: int = 240) -> str:
    """A value from a file or the command line, safe to print: control characters escaped, cut short."""
    escaped = (
        text
        if text.isascii() and text.isprintable()
        else re.sub(_CONTROL, lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
    )
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"


def owners(root: Path) -> set[int] | None:
    """Who may have written a file briefgen trusts: the caller and the project folder's owner;
    None where the system reports no owners (Windows), so that any file passes."""
    caller = platform.user_id()
    if caller is None:
        return None
    allowed = {caller}
    with suppress(OSError, RuntimeError):
        allowed.add(root.resolve().stat().st_uid)
    return allowed


def refuse_folders_linked_out(root: Path, names: tuple[str, ...] = ("positions", "agendas")) -> None:
    """Refuse to write into a drafters' folder that is a link leading out of the project:
    whoever can write the project folder could have put it there to make briefgen write into
    a folder of the drafter's elsewhere (another project's positions, a configuration folder)."""
    try:
        project = root.resolve()
        for name in names:
            folder = root / name
            if not folder.is_symlink():
                continue
            target = folder.resolve()
            if target != project and project not in target.parents:
                raise fail(
                    Location.file(f"{name}/"),
                    _(
                        "is a link to '{target}', outside this project; briefgen writes nothing through it: make it a folder of the project",
                        target=shown(str(target)),
                    ),
                )
    except (OSError, RuntimeError):
        return  # a loop of links or a folder that cannot be read: the write itself names it


def folder_linked_out(folder: Path, inside: Path) -> bool:
    """Whether a folder's real path ``folder`` lies outside ``inside``, the project's: a
    drafters' folder made a link to another folder of the drafter's. A file that is itself
    such a link is refused where it is opened (``data.files.read_regular``'s ``inside``)."""
    return folder != inside and inside not in folder.parents


def trusted_owner(root: Path, info: os.stat_result) -> bool:
    """Whether the file of ``info`` is owned by the caller or the project's owner."""
    allowed = owners(root)
    return allowed is None or info.st_uid in allowed


def owner_name(uid: int) -> str:
    name = platform.user_name(uid)
    return f"'{name}'" if name is not None else str(_("uid {uid}", uid=uid))


def check_owner(root: Path, info: os.stat_result, where: Location, what: str) -> None:
    """Refuse a file that neither the caller nor the project's owner owns."""
    if not trusted_owner(root, info):
        raise fail(
            where,
            _(
                "{what} is owned by {owner}, not by you or the project's owner; briefgen does not act on it: check it and remove it",
                what=what,
                owner=owner_name(info.st_uid),
            ),
        )


def trusted_file(root: Path, path: Path, where: Location, what: str) -> os.stat_result | None:
    """The status of a file that names paths (None when it is not there): a regular file, not a
    link, owned by the caller or the project's owner; anything else is refused at ``where``."""
    info = _status(path, where, _("cannot read"), follow_links=False)
    if info is None:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise fail(
            where, _("{what} is a link; briefgen writes it as a file and does not follow it here", what=what)
        )
    if not stat.S_ISREG(info.st_mode):
        raise fail(where, _("{what} is not a regular file", what=what))
    check_owner(root, info, where, what)
    return info


def _status(path: Path, where: Location, refusal: str, follow_links: bool = True) -> os.stat_result | None:
    """A file's status, None when it is not there; any other failure refused at ``where``."""
    try:
        return os.stat(path, follow_symlinks=follow_links)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise fail(where, _("{refusal}: {strerror}", refusal=refusal, strerror=error.strerror)) from None


def plain_name(name: object, where: Location, what: str) -> str:
    """A file name inside one folder (no folder part, no control character), or a refusal."""
    if (
        not isinstance(name, str)
        or not name
        or name in (".", "..")
        or "/" in name
        or "\\" in name
        or has_control(name)
        or platform.reserved_name(name)
        or len(name.encode("utf-8", "surrogateescape")) > 255
    ):
        text = shown(name) if isinstance(name, str) else repr(name)[:80]
        raise fail(where, _("{what} '{text}' is not a file name in this folder", what=what, text=text))
    return name


def confined(
    root: Path,
    named: object,
    where: Location,
    folders: tuple[str, ...] = SOURCE_PARTS,
    bases: dict[str, Path] | None = None,
) -> Path:
    """Where a path named in a file (``where``) is, once it is known to be inside the project.

    ``named`` must be ``<folder>/…/<name>.yaml`` with ``folder`` one of ``folders``; it must
    resolve inside that folder of ``root``, links followed, and be a regular file owned by
    the caller or the project's owner, or not exist yet. Returns the resolved path, so a
    later write does not follow a link swapped in meanwhile. ``bases`` keeps each folder
    of ``folders`` as resolved, for a caller that checks many paths at once.
    """
    if not isinstance(named, str):
        raise fail(
            where, _("names {named} where a file of positions/ or agendas/ belongs", named=repr(named)[:80])
        )
    text = shown(named)

    def lead() -> str:  # the messages' words, made only for a refusal
        return _("is") if where.path == named else _("names '{text}', which is", text=text)

    parts = PurePosixPath(named).parts
    if (
        not named
        or named.startswith("/")
        or has_control(named)
        or "\\" in named
        or len(parts) < 2
        or parts[0] not in folders
        or any(part in (".", "..") or platform.reserved_name(part) for part in parts)
        or not named.endswith(".yaml")
        or "/".join(parts) != named
    ):
        raise fail(
            where,
            _(
                "{lead} not a file in {allowed} of this project; briefgen reads and writes nothing for it",
                lead=lead(),
                allowed=joined((f"{folder}/" for folder in folders), _(" or ")),
            ),
        )
    try:
        base = bases.get(parts[0]) if bases is not None else None
        if base is None:
            base = (root / parts[0]).resolve()
            if bases is not None:
                bases[parts[0]] = base
        target = (root / named).resolve()
    except (OSError, RuntimeError) as error:
        reason = getattr(error, "strerror", None) or _("a loop of links")
        raise fail(
            where, _("{lead} a path that cannot be followed: {reason}", lead=lead(), reason=reason)
        ) from None
    if target.parent != base and base not in target.parents:
        raise fail(
            where,
            _(
                "{lead} a link to '{target}', outside {parts}/ of this project; briefgen reads and writes nothing for it",
                lead=lead(),
                target=shown(str(target)),
                parts=parts[0],
            ),
        )
    info = _status(target, where, _("{lead} a path that cannot be read", lead=lead()))
    if info is None:
        return target
    if not stat.S_ISREG(info.st_mode):
        raise fail(where, _("{lead} not a regular file", lead=lead()))
    check_owner(root, info, where, _("this file") if where.path == named else f"'{text}'")
    return target
