"""The render server: briefgen loaded once, every command run in a fresh fork of it.

Started only when the user asks (``briefgen server start``, or ``BRIEFGEN_SERVER=1``).
It listens on a socket in the user's private runtime folder, named after the
interpreter and import path (``protocol.server_key``), and forks for each connection
(:mod:`.forked`). Nothing a command does stays in the server.

A command runs in the client's own process instead when the client differs from the
server in anything that decides what a command may do (:mod:`.identity`), or when any
file the server loaded changed its content since (:mod:`.loaded`). The server stops
after ``protocol.IDLE_SECONDS`` without a command, on ``briefgen server stop``, or as
soon as what it loaded changes.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import select
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import protocol
from .forked import serve_in_fork
from .identity import peer
from .loaded import Loaded

_CHECK_SECONDS = 1.0


class _Guard:
    """Each running command's process and its client's connection.

    A command stopped with Ctrl-Z cannot notice that its client was killed; the server
    sees it and continues the command, which then ends as any command whose client left.
    """

    def __init__(self) -> None:
        self.commands: dict[int, socket.socket] = {}

    def add(self, child: int, connection: socket.socket) -> None:
        with contextlib.suppress(OSError):
            self.commands[os.pidfd_open(child)] = connection.dup()

    def check(self) -> None:
        poller = select.poll()
        for process, connection in self.commands.items():
            poller.register(process, select.POLLIN)
            poller.register(connection.fileno(), select.POLLRDHUP)
        events = dict(poller.poll(0))
        for process, connection in list(self.commands.items()):
            if events.get(process):
                self._drop(process)
            elif events.get(connection.fileno()):
                with contextlib.suppress(OSError):
                    signal.pidfd_send_signal(process, signal.SIGCONT)
                self._drop(process)

    def close(self) -> None:
        for process in list(self.commands):
            self._drop(process)

    def _drop(self, process: int) -> None:
        self.commands.pop(process).close()
        os.close(process)


@dataclass
class _Server:
    """What the server holds: each fork lets go of all of it but the log."""

    key: str
    socket_path: str
    lock: IO[str]
    log: IO[str]
    listener: socket.socket | None = None
    loaded: Loaded | None = None
    guard: _Guard = field(default_factory=_Guard)

    def write_log(self, line: str) -> None:
        self.log.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n")

    def let_go(self) -> None:
        """In a fork: close the listener, the lock and the guard, and take the usual signals back."""
        if self.listener is not None:
            self.listener.close()
        self.lock.close()
        self.guard.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def main(config: dict[str, Any]) -> None:
    """Serve until idle; ``config`` comes from the client that started this server, through stdin."""
    _detach_stdin()
    path = config["socket"]
    if protocol.server_key() != config["key"]:
        return  # this interpreter was not set up as its client's: it would serve no one alike
    sys.path[:] = [entry or config["cwd"] for entry in sys.path]
    with contextlib.ExitStack() as stack:
        lock = stack.enter_context(open(protocol.sibling(path, ".lock"), "w"))  # noqa: SIM115
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # another server for this socket is starting or running
        log = stack.enter_context(open(protocol.sibling(path, ".log"), "a", buffering=1, encoding="utf-8"))
        log.truncate(0)
        server = _Server(config["key"], path, lock, log)
        server.listener = _listen(path)
        if server.listener is None:
            return
        stack.callback(_remove, path, os.stat(path).st_ino)
        signal.signal(signal.SIGTERM, _stop)
        server.write_log(f"started, pid {os.getpid()}")
        try:
            _warm(config["cwd"], config.get("argv", []))
            os.chdir("/")
            server.loaded = Loaded()
            gc.collect()
            gc.freeze()
            signal.signal(signal.SIGCHLD, signal.SIG_IGN)
            reason = _serve(server, server.listener)
        except _Stop:
            reason = "asked to stop"
        server.write_log(f"stopped: {reason}")


def _detach_stdin() -> None:
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)


def _listen(path: str) -> socket.socket | None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    mask = os.umask(0o077)
    try:
        listener.bind(path)
    except OSError:
        listener.close()
        return None
    finally:
        os.umask(mask)
    listener.listen(64)
    return listener


def _serve(server: _Server, listener: socket.socket) -> str:
    """Accept connections from this user and fork for each, until there is a reason to stop."""
    listener.settimeout(min(_CHECK_SECONDS, _idle_seconds()))
    inode = os.stat(server.socket_path).st_ino
    last = time.monotonic()
    while True:
        server.guard.check()
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            reason = _reason_to_stop(server, inode, last)
            if reason:
                return reason
            continue
        with connection:
            if peer(connection)[1] != os.getuid():
                continue
            if server.loaded is not None and server.loaded.changed():
                with contextlib.suppress(OSError):
                    connection.sendall(protocol.reply(protocol.DIRECT, protocol.STALE))
                return "briefgen changed"
            try:
                child = os.fork()
            except OSError as error:
                server.write_log(f"cannot fork: {error.strerror}; the command runs on its own")
                with contextlib.suppress(OSError):
                    connection.sendall(protocol.reply(protocol.DIRECT, protocol.REFUSED))
                continue
            if child == 0:
                serve_in_fork(connection, server.key, server.write_log, server.let_go)
            server.guard.add(child, connection)
            last = time.monotonic()


def _reason_to_stop(server: _Server, inode: int, last: float) -> str | None:
    if time.monotonic() - last >= _idle_seconds():
        return "idle"
    try:
        if os.stat(server.socket_path).st_ino != inode:
            return "socket replaced"
    except OSError:
        return "socket removed"
    if server.loaded is not None and server.loaded.changed():
        return "briefgen changed"
    return None


def _idle_seconds() -> float:
    return protocol.seconds("BRIEFGEN_SERVER_IDLE", protocol.IDLE_SECONDS)


class _Stop(BaseException):
    pass


def _stop(_signum: int, _frame: object) -> None:
    raise _Stop


def _remove(path: str, inode: int | None) -> None:
    """Remove our own file, not one a newer server has put in its place."""
    with contextlib.suppress(OSError):
        if inode is None or os.stat(path).st_ino == inode:
            os.unlink(path)


def _warm(folder: str, argv: list[str]) -> None:
    """Load every command's modules and compose one package in memory, so that each fork
    starts with templates compiled and parsers built.

    From the folder and with the ``--root`` the command line gives, as the commands that
    follow will: their template caches are keyed on those paths.
    """
    import concurrent.futures  # noqa: F401 - render_many's pool
    import multiprocessing  # noqa: F401

    from ..build.package import compose_package
    from ..cli import load_commands
    from ..data.project import agendas_dir

    load_commands(protocol.COMMANDS)

    root = Path(argv[argv.index("--root") + 1]) if "--root" in argv[:-1] else Path(".")
    with contextlib.suppress(Exception):
        os.chdir(folder)
        agendas = [root / a for a in argv[1:] if a.endswith(".yaml") and (root / a).is_file()]
        if not agendas:
            agendas = sorted(agendas_dir(root).glob("*.yaml"), key=lambda p: p.stat().st_mtime)[-1:]
        if agendas:
            compose_package(root, agendas[0].resolve())
