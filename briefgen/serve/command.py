"""``briefgen server``: list, start and stop the render servers the user asked for."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..commands.common import ROOT
from .client import ask, running_servers, server_socket, start_server, stop_servers
from .protocol import PING


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
        click.echo("briefgen: the render server needs Linux (Unix sockets passing descriptors)", err=True)
        sys.exit(1)
    path = server_socket(create=True)
    if path is None:
        click.echo(
            "briefgen: no private runtime folder for a server socket (see BRIEFGEN_RUNTIME_DIR)", err=True
        )
        sys.exit(1)
    running = ask(path, PING)
    if running is not None:
        click.echo(f"render server already running: pid {running}, socket {path}")
        return
    pid = start_server(path, wait=True, arguments=["--root", str(root)])
    if pid is None:
        click.echo("briefgen: the render server did not start", err=True)
        sys.exit(1)
    click.echo(f"render server started: pid {pid}, socket {path}")


@server_command.command("stop")
def server_stop() -> None:
    """Stop the running render servers."""
    stopped = stop_servers()
    click.echo(f"stopped {len(stopped)} render server(s)")
