"""The ``briefgen`` command's front door: hand the command to the render server, or run it here.

Loading pydantic, python-docx, Jinja and markdown-it takes longer than composing and
writing a whole GA package. So the first command in a session also starts a render
server (``server.py``) that keeps all of that loaded; every later command is handed to
it and runs in a fresh fork of it, with this process's arguments, folder, environment
and terminal (its stdin, stdout and stderr are passed over the socket). The output is
the same as a run in this process, byte for byte.

This module uses the standard library only: it is all a handed-over command loads.
Set ``BRIEFGEN_SERVER=0`` to run every command in this process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import struct
import sys
import zlib

# socket and json are imported where a command is handed over, and typing not at all,
# so that --help and the commands run here do not pay for them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import socket

COMMANDS = frozenset({"render", "check", "diff", "status", "new"})
IDLE_SECONDS = 15 * 60
_HEADER = struct.Struct("!I")
REPLY = struct.Struct("!ci")
_BOOT = "import sys, json; c = json.loads(sys.argv[1]); sys.path[:] = c['path']; import briefgen.server as s; s.main(c)"


def main() -> None:
    """Entry point of the ``briefgen`` script."""
    arguments = sys.argv[1:]
    if _wanted(arguments):
        status = hand_over(arguments)
        if status is not None:
            sys.exit(status)
    from .cli import main as run_here

    run_here(prog_name="briefgen")


def _wanted(arguments: list[str]) -> bool:
    if os.environ.get("BRIEFGEN_SERVER", "1").lower() in {"0", "no", "off", "false"}:
        return False
    if not sys.platform.startswith("linux"):
        return False
    return bool(arguments) and arguments[0] in COMMANDS and not {"-h", "--help"} & set(arguments)


def runtime_folder() -> str | None:
    """This user's private folder for server sockets, or None when none can be trusted."""
    base = os.environ.get("BRIEFGEN_RUNTIME_DIR")
    if not base:
        parent = os.environ.get("XDG_RUNTIME_DIR") or "/tmp"
        base = os.path.join(parent, f"briefgen-{os.getuid()}")
    try:
        os.makedirs(base, mode=0o700, exist_ok=True)
        info = os.lstat(base)
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077
    return base if private else None


def fingerprint() -> str:
    """What the server's loaded code depends on: interpreter, import path and briefgen's sources.

    Installing or editing anything there gives a new fingerprint, hence a new server.
    """
    parts = [sys.executable, sys.version]
    for entry in sys.path:
        try:
            parts.append(f"{entry}\t{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(entry)
    package = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(package)):
        if name.endswith(".py"):
            info = os.stat(os.path.join(package, name))
            parts.append(f"{name}\t{info.st_mtime_ns}\t{info.st_size}")
    return "\n".join(parts)


def sibling(socket_file: str, suffix: str) -> str:
    """The server's other files lie beside its socket: ``.pid``, ``.lock``, ``.log``."""
    return socket_file.removesuffix(".sock") + suffix


def socket_path(folder: str, key: str) -> str:
    data = key.encode("utf-8", "surrogateescape")
    return os.path.join(folder, f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.sock")


def hand_over(arguments: list[str]) -> int | None:
    """Run the command in the render server; None when it must run here instead."""
    import socket

    folder = runtime_folder()
    if folder is None:
        return None
    key = fingerprint()
    path = socket_path(folder, key)
    if len(os.fsencode(path)) > 107:
        return None  # longer than a Unix socket's name can be
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(path)
    except OSError:
        connection.close()
        _start_server(path, key, arguments)
        return None
    with connection, _Forwarder() as forwarder:
        try:
            socket.send_fds(connection, [_request(key, arguments)], [0, 1, 2])
        except (OSError, ValueError, AttributeError):
            return None
        status = _await(connection, forwarder)
    if status is None and forwarder.pending:
        return 128 + forwarder.pending[0]  # stopped before any command ran
    return status


class _Forwarder:
    """Signals meant for this process (Ctrl-C, a kill) go to the command's process instead."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)

    def __init__(self) -> None:
        self.child = 0
        self.pending: list[int] = []
        self.forwarded: list[int] = []

    def __enter__(self) -> _Forwarder:
        self.previous = {signum: signal.signal(signum, self._forward) for signum in self.SIGNALS}
        return self

    def __exit__(self, *_: object) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)

    def _forward(self, signum: int, _frame: object) -> None:
        if self.child:
            self._send(signum)
        else:
            self.pending.append(signum)

    def started(self, child: int) -> None:
        self.child = child
        for signum in self.pending:
            self._send(signum)

    def _send(self, signum: int) -> None:
        self.forwarded.append(signum)
        with contextlib.suppress(OSError):
            os.kill(self.child, signum)


def _request(key: str, arguments: list[str]) -> bytes:
    import json

    streams = {
        name: {
            "encoding": stream.encoding,
            "errors": stream.errors,
            "write_through": bool(getattr(stream, "write_through", False)),
        }
        for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))
        if stream is not None
    }
    body = json.dumps(
        {
            "key": key,
            "argv": ["briefgen", *arguments],
            "cwd": os.getcwd(),
            "env": dict(os.environ),
            "umask": _umask(),
            "streams": streams,
        },
        ensure_ascii=True,
    ).encode("ascii")
    return _HEADER.pack(len(body)) + body


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _await(connection: socket.socket, forwarder: _Forwarder) -> int | None:
    """Wait for the forked command to finish and return its exit status."""
    stream = connection.makefile("rb")
    while True:
        reply = stream.read(REPLY.size)
        if len(reply) < REPLY.size:
            if not forwarder.child:
                return None
            if forwarder.forwarded:  # ended by the signal passed on, as this process would be
                return 128 + forwarder.forwarded[-1]
            print("briefgen: the render server's process ended unexpectedly", file=sys.stderr)
            return 70
        kind, value = REPLY.unpack(reply)
        if kind == b"P":
            forwarder.started(value)
        elif kind == b"X":
            return value
        else:
            return None


def _start_server(path: str, key: str, arguments: list[str]) -> None:
    """Start a server in the background for the next command; this one runs here."""
    import json
    import subprocess

    config = {"socket": path, "key": key, "path": sys.path, "cwd": os.getcwd(), "argv": arguments}
    with contextlib.suppress(OSError):
        subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOT, json.dumps(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )


def running_servers(folder: str | None = None) -> list[tuple[int, str]]:
    """The render servers alive in this user's runtime folder: (pid, socket path)."""
    folder = folder or runtime_folder()
    if folder is None:
        return []
    found = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".pid"):
            continue
        try:
            with open(os.path.join(folder, name), encoding="ascii") as handle:
                pid = int(handle.read())
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if b"briefgen.server" not in handle.read():
                    continue  # the pid of a server that died, now another process's
        except (OSError, ValueError):
            continue
        found.append((pid, os.path.join(folder, name.removesuffix(".pid") + ".sock")))
    return found


def stop_servers(folder: str | None = None) -> list[int]:
    """Ask every running render server to stop; the pids asked."""
    stopped = []
    for pid, _ in running_servers(folder):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
            stopped.append(pid)
    return stopped
