"""The render server: briefgen loaded once, every command run in a fresh fork of it.

Started in the background by ``client.py``. It listens on a socket in the user's
private runtime folder, named after the fingerprint of the code it loaded. For each
command it forks; the child takes the client's stdin, stdout and stderr, folder,
environment and umask, runs the command exactly as ``briefgen`` would, and reports
its exit status. Nothing a command does stays in the server. The server stops after
``client.IDLE_SECONDS`` without a command, or as soon as briefgen's code changes.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import io
import json
import os
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import client

_CHECK_SECONDS = 1.0


@dataclass
class _Server:
    """What the server holds: each fork lets go of all of it but the log."""

    key: str
    socket_path: str
    lock: IO[str]
    log: IO[str]
    listener: socket.socket | None = None

    def file(self, suffix: str) -> str:
        return client.sibling(self.socket_path, suffix)

    def write_log(self, line: str) -> None:
        self.log.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n")


def main(config: dict[str, Any]) -> None:
    """Serve until idle; ``config`` comes from the client that started this server."""
    path = config["socket"]
    with contextlib.ExitStack() as stack:
        lock = stack.enter_context(open(client.sibling(path, ".lock"), "w"))  # noqa: SIM115
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # another server for this socket is starting or running
        log = stack.enter_context(open(client.sibling(path, ".log"), "a", buffering=1, encoding="utf-8"))
        log.truncate(0)
        server = _Server(config["key"], path, lock, log)
        server.listener = _listen(path)
        if server.listener is None:
            return
        stack.callback(_remove, path, os.stat(path).st_ino)
        Path(server.file(".pid")).write_text(f"{os.getpid()}\n", encoding="ascii")
        stack.callback(_remove, server.file(".pid"), None)
        signal.signal(signal.SIGTERM, _stop)
        server.write_log(f"started, pid {os.getpid()}")
        try:
            _warm(Path(config["cwd"]), config["argv"])
            os.chdir("/")
            gc.collect()
            gc.freeze()
            signal.signal(signal.SIGCHLD, signal.SIG_IGN)
            reason = _serve(server, server.listener)
        except _Stop:
            reason = "asked to stop"
        server.write_log(f"stopped: {reason}")


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
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            reason = _reason_to_stop(server, inode, last)
            if reason:
                return reason
            continue
        with connection:
            if not _same_user(connection):
                continue
            started = time.monotonic()
            try:
                child = os.fork()
            except OSError as error:
                server.write_log(f"cannot fork: {error.strerror}; the command runs on its own")
                continue
            if child == 0:
                _run_child(server, connection)
            server.write_log(f"command in pid {child}")
            last = started


def _reason_to_stop(server: _Server, inode: int, last: float) -> str | None:
    if time.monotonic() - last >= _idle_seconds():
        return "idle"
    try:
        if os.stat(server.socket_path).st_ino != inode:
            return "socket replaced"
    except OSError:
        return "socket removed"
    if client.fingerprint() != server.key:
        return "briefgen changed"
    return None


def _idle_seconds() -> float:
    try:
        return float(os.environ.get("BRIEFGEN_SERVER_IDLE", client.IDLE_SECONDS))
    except ValueError:
        return client.IDLE_SECONDS


def _same_user(connection: socket.socket) -> bool:
    credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _, uid, _ = struct.unpack("3i", credentials)
    return uid == os.getuid()


class _Stop(BaseException):
    pass


def _stop(_signum: int, _frame: object) -> None:
    raise _Stop


def _remove(path: str, inode: int | None) -> None:
    """Remove our own file, not one a newer server has put in its place."""
    with contextlib.suppress(OSError):
        if inode is None or os.stat(path).st_ino == inode:
            os.unlink(path)


def _warm(root: Path, argv: list[str]) -> None:
    """Load every command's modules and compose one package in memory, so that each fork
    starts with templates compiled and parsers built."""
    import concurrent.futures  # noqa: F401 - render_many's pool
    import multiprocessing  # noqa: F401

    from . import checking, cli, diffing, drafting, pdf, status, watch  # noqa: F401
    from .build import compose_package

    if "--root" in argv[:-1]:
        root = root / argv[argv.index("--root") + 1]
    with contextlib.suppress(Exception):
        agendas = [root / a for a in argv[1:] if a.endswith(".yaml") and (root / a).is_file()]
        if not agendas:
            agendas = sorted((root / "agendas").glob("*.yaml"), key=lambda p: p.stat().st_mtime)[-1:]
        if agendas:
            compose_package(root, agendas[0].resolve())


# The child: never returns.


def _run_child(server: _Server, connection: socket.socket) -> None:
    started = time.monotonic()
    status = 70
    command = "?"
    try:
        if server.listener is not None:
            server.listener.close()
        server.lock.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        request = _receive(connection)
        if request is None:
            os._exit(0)  # not a command: a probe, or a client that gave up
        if request["key"] != server.key:
            with contextlib.suppress(OSError):
                connection.sendall(_reply(b"R", 0))
            os._exit(0)
        command = " ".join(request["argv"][1:2])
        connection.sendall(_reply(b"P", os.getpid()))
        _become_client(request)
        _stop_when_client_leaves(connection)
        status = _run(request["argv"])
    except BaseException:  # noqa: BLE001 - a child must never return into the server loop
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
    with contextlib.suppress(BaseException):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        elapsed = (time.monotonic() - started) * 1000
        server.write_log(f"pid {os.getpid()}: {command}: exit {status}, {elapsed:.0f} ms")
        connection.sendall(_reply(b"X", status))
    os._exit(status)


def _reply(kind: bytes, value: int) -> bytes:
    return client.REPLY.pack(kind, value)


def _receive(connection: socket.socket) -> dict[str, Any] | None:
    data, fds, _, _ = socket.recv_fds(connection, 1 << 16, 3)
    if len(fds) != 3 or len(data) < 4:
        for fd in fds:
            os.close(fd)
        return None
    for number, fd in enumerate(fds):
        os.dup2(fd, number)
        os.close(fd)
    (size,) = struct.unpack("!I", data[:4])
    body = bytearray(data[4:])
    while len(body) < size:
        chunk = connection.recv(size - len(body))
        if not chunk:
            return None
        body += chunk
    return json.loads(body)


def _become_client(request: dict[str, Any]) -> None:
    """Take on the client's folder, environment, umask and standard streams."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.umask(request["umask"])
    time.tzset()
    tempfile.tempdir = None
    sys.argv = list(request["argv"])
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


def _stop_when_client_leaves(connection: socket.socket) -> None:
    """A client that is killed closes its socket; the command then stops as after Ctrl-C."""

    def watch() -> None:
        with contextlib.suppress(OSError):
            while connection.recv(1):
                pass
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=watch, daemon=True).start()


def _run(argv: list[str]) -> int:
    from .cli import main as command

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
