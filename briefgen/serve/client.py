"""The client side of the render server: hand a command over, start, find and stop servers.

A command handed over runs in a fresh fork of the server, with this process's
arguments, folder, environment, umask, ignored and blocked signals and terminal (its
stdin, stdout and stderr are passed over the socket). Signals this process gets —
Ctrl-C, a hang-up, a kill, Ctrl-Z and ``fg`` — are passed on to that fork. The output
is the same as a run in this process, byte for byte.

Standard library only: this is all a handed-over command loads.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import sys
import time

from . import protocol

_BOOT = "import sys, json; c = json.loads(sys.stdin.readline()); sys.path[:] = c['path']; import briefgen.serve.server as s; s.main(c)"
_FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
_ANSWER_SECONDS = 30.0
"""How long a server may take to answer ``ping`` or ``stop``."""


def server_socket(create: bool = False) -> str | None:
    """Where this interpreter's server listens, or None when no socket can be used here."""
    folder = protocol.runtime_folder(create)
    if folder is None:
        return None
    path = protocol.socket_path(folder, protocol.server_key())
    return path if len(os.fsencode(path)) <= 107 else None  # a Unix socket's name is that short


def hand_over(arguments: list[str]) -> int | None:
    """Run the command in the user's render server; None when it must run here instead.

    With ``BRIEFGEN_SERVER=1`` and no server listening, one is started for the next
    command; with ``BRIEFGEN_SERVER=0`` none is used.
    """
    wanted = protocol.setting()
    if wanted == "off":
        return None
    start = wanted == "on"
    path = server_socket(create=start)
    if path is None:
        return None
    if not os.path.exists(path):
        if start:
            start_server(path, wait=False, arguments=arguments)
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(path)
    except OSError:
        connection.close()
        if start:
            start_server(path, wait=False, arguments=arguments)
        return None
    with connection, _Forwarder() as forwarder:
        try:
            socket.send_fds(connection, [_run_request(arguments)], [0, 1, 2])
        except (OSError, ValueError):
            return None
        status, reason = _await(connection, forwarder)
    if reason == protocol.STALE:  # the user's server stopped for new code: a fresh one for the next command
        start_server(path, wait=False, arguments=arguments)
    if status is None and forwarder.pending:
        return 128 + forwarder.pending[0]  # stopped before any command ran
    return status


def _run_request(arguments: list[str]) -> bytes:
    streams = {
        name: {
            "encoding": stream.encoding,
            "errors": stream.errors,
            "write_through": bool(getattr(stream, "write_through", False)),
        }
        for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))
        if stream is not None
    }
    return protocol.request(
        protocol.RUN,
        {
            "key": protocol.server_key(),
            "argv": ["briefgen", *arguments],
            "cwd": os.getcwd(),
            "env": dict(os.environ),
            "umask": _umask(),
            "streams": streams,
            "ignored": [int(s) for s in protocol.SIGNALS if signal.getsignal(s) == signal.SIG_IGN],
            "blocked": sorted(int(s) for s in signal.pthread_sigmask(signal.SIG_BLOCK, [])),
        },
    )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _Forwarder:
    """Signals meant for this process go to the command's process instead.

    Ctrl-Z stops the command (with SIGSTOP: its process group has no terminal, so a
    SIGTSTP would be discarded) and then this process; ``fg`` continues both. Signals
    this process ignores (``nohup``) are not passed on: the command ignores them too.
    """

    def __init__(self) -> None:
        self.child = 0
        self.pending: list[int] = []
        self.forwarded: list[int] = []
        self.previous: dict[int, object] = {}

    def __enter__(self) -> _Forwarder:
        for signum in (*_FORWARDED, signal.SIGTSTP):
            if signal.getsignal(signum) != signal.SIG_IGN:
                handler = self._suspend if signum == signal.SIGTSTP else self._forward
                self.previous[signum] = signal.signal(signum, handler)
        return self

    def __exit__(self, *_: object) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]

    def _forward(self, signum: int, _frame: object) -> None:
        if self.child:
            self._send(signum)
        else:
            self.pending.append(signum)

    def _suspend(self, _signum: int, _frame: object) -> None:
        if self.child:
            self._send(signal.SIGSTOP, record=False)
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # returns once this process is continued
        signal.signal(signal.SIGTSTP, self._suspend)
        if self.child:
            self._send(signal.SIGCONT, record=False)

    def started(self, child: int) -> None:
        self.child = child
        for signum in self.pending:
            self._send(signum)

    def _send(self, signum: int, record: bool = True) -> None:
        if record:
            self.forwarded.append(signum)
        with contextlib.suppress(OSError):
            os.kill(self.child, signum)


def _await(connection: socket.socket, forwarder: _Forwarder) -> tuple[int | None, int]:
    """Wait for the forked command to finish: its exit status (None: run it here), and why not."""
    stream = connection.makefile("rb")
    while True:
        data = stream.read(protocol.REPLY.size)
        if len(data) < protocol.REPLY.size:
            if not forwarder.child:
                return None, protocol.REFUSED
            if forwarder.forwarded:  # ended by the signal passed on, as this process would be
                return 128 + forwarder.forwarded[-1], 0
            print("briefgen: the render server's process ended unexpectedly", file=sys.stderr)
            return 70, 0
        kind, value = protocol.REPLY.unpack(data)
        if kind == protocol.STARTED:
            forwarder.started(value)
        elif kind == protocol.EXITED:
            return value, 0
        else:
            return None, value if kind == protocol.DIRECT else protocol.REFUSED


def start_server(path: str, wait: bool, arguments: list[str]) -> int | None:
    """Start a server in the background, listening at ``path``; with ``wait``, its pid once it serves.

    The configuration goes through a pipe, so that the server's command line shows no
    folder or argument of the user's.
    """
    import subprocess

    config = {
        "socket": path,
        "key": protocol.server_key(),
        "path": sys.path,
        "cwd": os.getcwd(),
        "argv": arguments,
    }
    try:
        process = subprocess.Popen(
            [sys.executable, "-P", "-c", _BOOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
        assert process.stdin is not None
        with process.stdin:
            process.stdin.write(json.dumps(config).encode("utf-8") + b"\n")
    except OSError:
        return None
    if not wait:
        return None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        pid = ask(path, protocol.PING)
        if pid is not None:
            return pid
        time.sleep(0.05)
    return ask(path, protocol.PING)


def ask(path: str, kind: bytes) -> int | None:
    """Send ``ping`` or ``stop`` to the server at ``path``: its pid, or None when none answers."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(_ANSWER_SECONDS)
    with connection:
        try:
            connection.connect(path)
            connection.sendall(protocol.request(kind, {}))
            data = connection.makefile("rb").read(protocol.REPLY.size)
        except OSError:
            return None
    if len(data) < protocol.REPLY.size:
        return None
    answer, pid = protocol.REPLY.unpack(data)
    return pid if answer == protocol.SERVER else None


def running_servers(folder: str | None = None) -> list[tuple[int, str]]:
    """The render servers that answer in this user's runtime folder: (pid, socket path).

    Servers are found through their sockets, never through pid files: a pid that
    outlived its server cannot be taken for one.
    """
    folder = folder or protocol.runtime_folder(create=False)
    if folder is None:
        return []
    found = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".sock"):
            path = os.path.join(folder, name)
            pid = ask(path, protocol.PING)
            if pid is not None:
                found.append((pid, path))
    return found


def stop_servers(folder: str | None = None) -> list[int]:
    """Ask every render server in the runtime folder to stop, and wait until each has let go of its socket."""
    folder = folder or protocol.runtime_folder(create=False)
    if folder is None:
        return []
    stopped = []
    for pid, path in running_servers(folder):
        try:
            handle = os.pidfd_open(pid)
        except OSError:
            continue
        try:
            if ask(path, protocol.STOP) == pid:
                stopped.append(pid)
                select.select([handle], [], [], 10)  # readable once the process has ended
        finally:
            os.close(handle)
    return stopped
