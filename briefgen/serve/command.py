"""``briefgen server``: list, start and stop the render servers the user asked for."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Any

import click

from ..commands.common import ROOT
from .client import ask, running_servers, server_socket, start_server, stop_servers
from .protocol import PING


class ServerUnavailable(click.ClickException):
    """No render server could be started; said as ``briefgen: message``, exit code 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"briefgen: {self.format_message()}", file=file, err=file is None)


@click.group("server", invoke_without_command=True)
@click.option("--stop", is_flag=True, help="Stop the running render servers (as `server stop`).")
@click.pass_context
def server_command(context: click.Context, stop: bool) -> None:
    """List the render servers that keep briefgen loaded between commands; start or stop one.

    Commands run on their own unless you start a server (`briefgen server start`, or
    BRIEFGEN_SERVER=1 to start one on the first command). It stops by itself after 15
    idle minutes or when briefgen or a dependency changes.
    """
    if context.invoked_subcommand is not None:
        return
    if stop:
        context.invoke(server_stop)
        return
    servers = running_servers()
    for pid, path in servers:
        click.echo(f"render server: pid {pid}, socket {path}")
    if not servers:
        click.echo("no render server running")


@server_command.command("start")
@ROOT
def server_start(root: Path) -> None:
    """Start a render server; later commands are handed to it.

    It composes the project's latest agenda once (from --root) to have its templates ready.
    """
    if not sys.platform.startswith("linux"):
        raise ServerUnavailable("the render server needs Linux (Unix sockets passing descriptors)")
    path = server_socket(create=True)
    if path is None:
        raise ServerUnavailable("no private runtime folder for a server socket (see BRIEFGEN_RUNTIME_DIR)")
    running = ask(path, PING)
    if running is not None:
        click.echo(f"render server already running: pid {running}, socket {path}")
        return
    pid = start_server(path, wait=True, arguments=["--root", str(root)])
    if pid is None:
        raise ServerUnavailable("the render server did not start")
    click.echo(f"render server started: pid {pid}, socket {path}")


@server_command.command("stop")
def server_stop() -> None:
    """Stop the running render servers."""
    stopped = stop_servers()
    click.echo(f"stopped {len(stopped)} render server(s)")
