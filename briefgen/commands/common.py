"""What the command modules share: the ``--root`` and ``--arcering`` options, paths typed relative to it,
problems printed, and the files a drafting command wrote."""

from __future__ import annotations

import errno
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import Problem, _

if TYPE_CHECKING:
    from ..output import journal

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder holding positions/, agendas/, templates/ and build/.",
)

ARCERING = click.option(
    "--arcering",
    metavar="PORTEFEUILLE",
    multiple=True,
    help="Also write a review copy of the GA with this portfolio's items shaded red (repeatable).",
)


def resolve(root: Path, path: Path) -> Path:
    """A relative path inside the project root when it exists there, else as typed."""
    if path.is_absolute() or not (root / path).exists():
        return path
    return root / path


def report(problems: Iterable[Problem]) -> None:
    """Each problem as ``file:line:col: message`` on stderr, as :func:`_echo_shown` shows it."""
    for problem in problems:
        _echo_shown(str(problem))


def warn(warnings: Iterable[str]) -> None:
    """Each warning on stderr, as :func:`_echo_shown` shows it: a warning may quote a
    colleague's Word document (a text box, a link), whose XML can hold control characters
    a terminal obeys."""
    for warning in warnings:
        _echo_shown(str(_("warning: {warning}", warning=warning)))


def _echo_shown(text: str) -> None:
    """``text`` on stderr on one line: a line break or other control character in it is
    shown escaped. Only its own indented continuation lines (a conflict's versions) stay
    lines of their own: no line can pass for a problem of its own."""
    from ..data.confine import shown

    lines = re.split(r"\n(?=[ \t])", text)
    click.echo("\n".join(shown(line, sys.maxsize) for line in lines), err=True)


def show_drafted(drafted: journal.Committed, command: str) -> None:
    """The files written, after a line saying so when this run completed an interrupted one."""
    if drafted.resumed:
        click.echo(str(_("completed the interrupted 'briefgen {command}'", command=command)), err=True)
    for path in drafted.paths:
        click.echo(str(_("wrote {path}", path=path)))


def system_refusal(error: OSError) -> None:
    """A path the system refused (too long a name, a loop of links, a folder where a file
    belongs, a file that went away meanwhile) as one located line: the user's, not a bug."""
    from ..data.confine import shown

    name = error.filename if isinstance(error.filename, str) else "briefgen"
    reason = error.strerror or str(error)
    if error.errno == errno.ENAMETOOLONG:
        reason = _("the name is too long for the file system; use a shorter one")
    elif error.errno == errno.ELOOP:
        reason = _("a link that leads back to itself (a loop of links)")
    click.echo(str(_("{name}: {reason}", name=shown(name), reason=reason)), err=True)
