"""What the ``briefgen`` client and the render server agree on.

The socket's folder and name, the request and reply formats, and how long a server
waits. Standard library only: the client loads this before it knows whether anything
else is needed.

A request is a header (kind, body length) and a JSON body. A ``run`` request carries
the client's stdin, stdout and stderr as descriptors on its first bytes. Replies are
fixed-size pairs (kind, number).
"""

from __future__ import annotations

import json
import os
import signal
import stat
import struct
import sys
import zlib
from typing import Any

COMMANDS = frozenset({"render", "check", "diff", "status", "new"})
"""The commands a server may run; everything else always runs in the client's process."""

IDLE_SECONDS = 15 * 60
REQUEST_SECONDS = 5.0
"""A client that has not sent its whole request by then is dropped."""

SIGNALS = (
    signal.SIGHUP,
    signal.SIGINT,
    signal.SIGQUIT,
    signal.SIGTERM,
    signal.SIGTSTP,
    signal.SIGTTIN,
    signal.SIGTTOU,
    signal.SIGUSR1,
    signal.SIGUSR2,
    signal.SIGALRM,
)
"""Signals whose disposition (ignored or not) a command takes over from the client."""

HEADER = struct.Struct("!4sI")
REPLY = struct.Struct("!ci")
MAX_BODY = 1 << 22

# Request kinds.
RUN = b"run "
PING = b"ping"
STOP = b"stop"

# Reply kinds: the command's pid, its exit status, the server's pid, or "run it yourself".
STARTED = b"P"
EXITED = b"X"
SERVER = b"S"
DIRECT = b"D"

# Why a command is to run in the client's process (the number of a DIRECT reply).
STALE = 1
"""The server's code, a dependency or the import path changed since it loaded them."""
UNLIKE = 2
"""The client has other credentials, groups, limits, namespaces or signal state."""
REFUSED = 3
"""Another interpreter or import path, or a request the server cannot read."""

SETTING = "BRIEFGEN_SERVER"


def setting() -> str:
    """``on`` (start a server when none runs), ``off`` (never use one) or ``auto`` (use a running one)."""
    value = os.environ.get(SETTING, "").strip().lower()
    if value in {"1", "on", "yes", "true"}:
        return "on"
    if value in {"0", "off", "no", "false"}:
        return "off"
    return "auto"


def seconds(name: str, default: float) -> float:
    """A number of seconds from the environment variable ``name``, else ``default``."""
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def runtime_folder(create: bool = True) -> str | None:
    """This user's private folder for server sockets, or None when there is none to trust."""
    base = os.environ.get("BRIEFGEN_RUNTIME_DIR")
    if not base:
        parent = os.environ.get("XDG_RUNTIME_DIR") or "/tmp"
        base = os.path.join(parent, f"briefgen-{os.getuid()}")
    try:
        if create:
            os.makedirs(base, mode=0o700, exist_ok=True)
        info = os.lstat(base)
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077
    return base if private else None


def server_key() -> str:
    """Which server a client may use: same interpreter, interpreter settings, text
    encodings, import path and briefgen.

    The server itself watches the content of everything it loaded (see ``loaded.Loaded``).
    """
    import _locale

    package = os.path.dirname(os.path.abspath(__file__))
    path = [entry or os.getcwd() for entry in sys.path]
    flags = [f"{name}={getattr(sys.flags, name)}" for name in _FLAGS]
    encodings = [sys.getfilesystemencoding(), sys.getfilesystemencodeerrors(), _locale.getencoding()]
    return "\n".join([sys.executable, sys.version, package, *flags, *encodings, *path])


_FLAGS = ("optimize", "utf8_mode", "dev_mode", "bytes_warning", "warn_default_encoding", "int_max_str_digits")


def socket_path(folder: str, key: str) -> str:
    data = key.encode("utf-8", "surrogateescape")
    return os.path.join(folder, f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.sock")


def sibling(socket_file: str, suffix: str) -> str:
    """A server's other files lie beside its socket: ``.lock`` and ``.log``."""
    return socket_file.removesuffix(".sock") + suffix


def request(kind: bytes, body: dict[str, Any]) -> bytes:
    data = json.dumps(body, ensure_ascii=True).encode("ascii")
    return HEADER.pack(kind, len(data)) + data


def reply(kind: bytes, value: int) -> bytes:
    return REPLY.pack(kind, value)
