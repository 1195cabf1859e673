"""One connection in a fresh fork of the server: read the request, become the client, run its command.

The fork reads the request; for a command it takes the client's stdin, stdout and
stderr, folder, environment, umask and signal state, runs the command exactly as
``briefgen`` would, and reports its exit status. It never returns into the server's
loop: it ends with ``os._exit``, so nothing a command does stays in the server.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from typing import Any, NoReturn

from . import protocol
from .identity import unlike_caller

_GRACE_SECONDS = 5.0
"""How long a command whose client vanished may take to end after its Ctrl-C."""


def serve_in_fork(
    connection: socket.socket, key: str, log: Callable[[str], None], let_go: Callable[[], None]
) -> NoReturn:
    """Answer one connection and end; ``let_go`` first releases what only the server may hold."""
    status = 0
    try:
        let_go()
        kind, body = _receive(connection)
        if kind == protocol.PING:
            connection.sendall(protocol.reply(protocol.SERVER, os.getppid()))
        elif kind == protocol.STOP:
            connection.sendall(protocol.reply(protocol.SERVER, os.getppid()))
            os.kill(os.getppid(), signal.SIGTERM)
        elif kind == protocol.RUN and body is not None:
            status = _run_command(connection, key, log, body)
    except BaseException:  # noqa: BLE001 - a child must never return into the server loop
        status = 70
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
    os._exit(status)


def _run_command(
    connection: socket.socket, key: str, log: Callable[[str], None], request: dict[str, Any]
) -> int:
    started = time.monotonic()
    if request.get("key") != key:
        connection.sendall(protocol.reply(protocol.DIRECT, protocol.REFUSED))
        return 0
    unlike = unlike_caller(connection)
    if unlike:
        log(f"pid {os.getpid()}: runs in its client: {', '.join(unlike)} differ")
        connection.sendall(protocol.reply(protocol.DIRECT, protocol.UNLIKE))
        return 0
    command = " ".join(request["argv"][1:2])
    log(f"command in pid {os.getpid()}")
    connection.sendall(protocol.reply(protocol.STARTED, os.getpid()))
    _become_client(request)
    _end_when_client_leaves(connection)
    status = _run(request["argv"])
    with contextlib.suppress(BaseException):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        elapsed = (time.monotonic() - started) * 1000
        log(f"pid {os.getpid()}: {command}: exit {status}, {elapsed:.0f} ms")
        connection.sendall(protocol.reply(protocol.EXITED, status))
    return status


def _receive(connection: socket.socket) -> tuple[bytes, dict[str, Any] | None]:
    """The request: its kind and body. A run request's descriptors become this process's 0, 1, 2.

    A client that has not sent it all within ``protocol.REQUEST_SECONDS`` (or
    ``BRIEFGEN_SERVER_REQUEST_SECONDS``) gets nothing.
    """
    patience = protocol.seconds("BRIEFGEN_SERVER_REQUEST_SECONDS", protocol.REQUEST_SECONDS)
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
