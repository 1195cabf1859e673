"""The render server: briefgen loaded once, every command run in a fresh fork of it.

Started only when the user asks (``briefgen server start``, or ``BRIEFGEN_SERVER=1``).
It listens on a socket in the user's private runtime folder, named after the
interpreter and import path (``protocol.server_key``). For each connection it forks;
the child reads the request, and for a command takes the client's stdin, stdout and
stderr, folder, environment, umask and signal state, runs the command exactly as
``briefgen`` would, and reports its exit status. Nothing a command does stays in the
server.

A command runs in the client's own process instead when the client differs from the
server in anything that decides what a command may do (``protocol.identity``), or when
any file the server loaded changed its content since. The server stops after
``protocol.IDLE_SECONDS`` without a command, on ``briefgen server stop``, or as soon
as what it loaded changes.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import importlib
import importlib.machinery
import io
import json
import os
import select
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import protocol

_CHECK_SECONDS = 1.0
_GRACE_SECONDS = 5.0
"""How long a command whose client vanished may take to end after its Ctrl-C."""


class Loaded:
    """Every file of every module the server has loaded, known by content.

    A file whose status (inode, size, times) changed is read again; only a new content
    counts as a change. Each top-level module must also still be found where it was
    found, so that a module installed in front of it counts too.
    """

    def __init__(self) -> None:
        self.files: dict[str, tuple[tuple[int, ...], bytes]] = {}
        self.origins: dict[str, str | None] = {}
        for name, module in list(sys.modules.items()):
            path = getattr(module, "__file__", None)
            if isinstance(path, str) and os.path.isfile(path):
                self.files[path] = (_status(path), _digest(path))
            if "." not in name and path:
                self.origins[name] = _origin(name)

    def changed(self) -> bool:
        for path, (status, digest) in self.files.items():
            now = _status(path)
            if now != status:
                if _digest(path) != digest:
                    return True
                self.files[path] = (now, digest)
        importlib.invalidate_caches()
        return any(_origin(name) != origin for name, origin in self.origins.items())


def _status(path: str) -> tuple[int, ...]:
    try:
        info = os.stat(path)
    except OSError:
        return ()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _digest(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        return b""


def _origin(name: str) -> str | None:
    try:
        spec = importlib.machinery.PathFinder.find_spec(name, sys.path)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec else None


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
            if _peer(connection)[1] != os.getuid():
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
                _child(server, connection)
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
    return _seconds("BRIEFGEN_SERVER_IDLE", protocol.IDLE_SECONDS)


def _seconds(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _peer(connection: socket.socket) -> tuple[int, int, int]:
    """The connecting process's pid, uid and gid, from the kernel."""
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    pid, uid, gid = struct.unpack("3i", credentials)
    return pid, uid, gid


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

    from .. import cli  # noqa: F401
    from ..commands import check as checking  # noqa: F401
    from ..commands.render import compose_package

    root = Path(argv[argv.index("--root") + 1]) if "--root" in argv[:-1] else Path(".")
    with contextlib.suppress(Exception):
        os.chdir(folder)
        agendas = [root / a for a in argv[1:] if a.endswith(".yaml") and (root / a).is_file()]
        if not agendas:
            agendas = sorted((root / "agendas").glob("*.yaml"), key=lambda p: p.stat().st_mtime)[-1:]
        if agendas:
            compose_package(root, agendas[0].resolve())


# The child: never returns.


def _child(server: _Server, connection: socket.socket) -> None:
    status = 0
    try:
        if server.listener is not None:
            server.listener.close()
        server.lock.close()
        server.guard.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        kind, body = _receive(connection)
        if kind == protocol.PING:
            connection.sendall(protocol.reply(protocol.SERVER, os.getppid()))
        elif kind == protocol.STOP:
            connection.sendall(protocol.reply(protocol.SERVER, os.getppid()))
            os.kill(os.getppid(), signal.SIGTERM)
        elif kind == protocol.RUN and body is not None:
            status = _run_command(server, connection, body)
    except BaseException:  # noqa: BLE001 - a child must never return into the server loop
        status = 70
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
    os._exit(status)


def _run_command(server: _Server, connection: socket.socket, request: dict[str, Any]) -> int:
    started = time.monotonic()
    if request.get("key") != server.key:
        connection.sendall(protocol.reply(protocol.DIRECT, protocol.REFUSED))
        return 0
    unlike = protocol.differences(protocol.identity(os.getpid()), protocol.identity(_peer(connection)[0]))
    if unlike:
        server.write_log(f"pid {os.getpid()}: runs in its client: {', '.join(unlike)} differ")
        connection.sendall(protocol.reply(protocol.DIRECT, protocol.UNLIKE))
        return 0
    command = " ".join(request["argv"][1:2])
    server.write_log(f"command in pid {os.getpid()}")
    connection.sendall(protocol.reply(protocol.STARTED, os.getpid()))
    _become_client(request)
    _end_when_client_leaves(connection)
    status = _run(request["argv"])
    with contextlib.suppress(BaseException):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        elapsed = (time.monotonic() - started) * 1000
        server.write_log(f"pid {os.getpid()}: {command}: exit {status}, {elapsed:.0f} ms")
        connection.sendall(protocol.reply(protocol.EXITED, status))
    return status


def _receive(connection: socket.socket) -> tuple[bytes, dict[str, Any] | None]:
    """The request: its kind and body. A run request's descriptors become this process's 0, 1, 2.

    A client that has not sent it all within ``protocol.REQUEST_SECONDS`` (or
    ``BRIEFGEN_SERVER_REQUEST_SECONDS``) gets nothing.
    """
    patience = _seconds("BRIEFGEN_SERVER_REQUEST_SECONDS", protocol.REQUEST_SECONDS)
    deadline = time.monotonic() + patience
    connection.settimeout(patience)
    data, fds, _, _ = socket.recv_fds(connection, 1 << 16, 3)
    if fds and len(fds) != 3:
        for fd in fds:
            os.close(fd)
        return b"", None
    for number, fd in enumerate(fds):
        os.dup2(fd, number)
        os.close(fd)
    while len(data) < protocol.HEADER.size:
        data += _chunk(connection, deadline)
    kind, size = protocol.HEADER.unpack(data[: protocol.HEADER.size])
    if size > protocol.MAX_BODY or (kind == protocol.RUN and not fds):
        return b"", None
    body = bytearray(data[protocol.HEADER.size :])
    while len(body) < size:
        body += _chunk(connection, deadline)
    connection.settimeout(None)
    return kind, json.loads(body) if size else {}


def _chunk(connection: socket.socket, deadline: float) -> bytes:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    connection.settimeout(remaining)
    chunk = connection.recv(1 << 16)
    if not chunk:
        raise ConnectionError("the client left before its request was complete")
    return chunk


def _become_client(request: dict[str, Any]) -> None:
    """Take on the client's folder, environment, umask, signal state and standard streams."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.umask(request["umask"])
    time.tzset()
    tempfile.tempdir = None
    sys.argv = list(request["argv"])
    ignored = set(request.get("ignored", []))
    for signum in protocol.SIGNALS:
        default = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
        signal.signal(signum, signal.SIG_IGN if signum in ignored else default)
    signal.pthread_sigmask(signal.SIG_SETMASK, request.get("blocked", []))
    streams = request["streams"]
    sys.stdin = _text(0, "r", streams.get("stdin"), False)
    sys.stdout = _text(1, "w", streams.get("stdout"), False)
    sys.stderr = _text(2, "w", streams.get("stderr"), True)


def _text(fd: int, mode: str, setup: dict[str, Any] | None, line_buffering: bool) -> io.TextIOWrapper:
    """A standard stream set up as the client's own was."""
    setup = setup or {"encoding": "utf-8", "errors": "strict", "write_through": False}
    raw = open(fd, mode + "b", closefd=False)  # noqa: SIM115 - lives as long as the process
    return io.TextIOWrapper(
        raw,
        encoding=setup["encoding"],
        errors=setup["errors"],
        line_buffering=line_buffering or (mode == "w" and os.isatty(fd)),
        write_through=setup["write_through"],
    )


def _end_when_client_leaves(connection: socket.socket) -> None:
    """A client that is killed closes its socket: the command gets a Ctrl-C, and ends
    for good if it has not ended a few seconds later."""

    def watch() -> None:
        with contextlib.suppress(OSError):
            while connection.recv(1):
                pass
        with contextlib.suppress(OSError):
            os.kill(os.getpid(), signal.SIGINT)
        time.sleep(_GRACE_SECONDS)
        os._exit(128 + signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()


def _run(argv: list[str]) -> int:
    from ..cli import main as command

    try:
        command(args=argv[1:], prog_name="briefgen")
        status: Any = 0
    except SystemExit as done:
        status = done.code
    except KeyboardInterrupt:
        status = 130
    if status is None:
        status = 0
    elif not isinstance(status, int):
        print(status, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    return status
