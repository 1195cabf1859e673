"""The ``briefgen`` command: parse arguments, call one stage, report.

Exit codes: 0 fine, 1 a problem in the user's data or documents, 2 wrong usage.
Heavy modules are imported inside the commands so that ``--help`` stays instant.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from .errors import Problem, UserError

ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder holding positions/, agendas/, templates/ and build/.",
)


def reports_problems(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn UserError into 'file:line:col: message' lines and exit 1; bugs get a traceback."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as error:
            report(error.problems)
            sys.exit(1)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception:
            traceback.print_exc()
            click.echo(
                "briefgen: this is a bug in briefgen, not in your files; please report it "
                "with the traceback above.",
                err=True,
            )
            sys.exit(70)

    return run


def report(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def resolve(root: Path, path: Path) -> Path:
    """A relative path inside the project root when it exists there, else as typed."""
    if path.is_absolute() or not (root / path).exists():
        return path
    return root / path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefgen")
def main() -> None:
    """Geannoteerde agenda's for EU Councils from YAML positions, as Word documents."""


@main.command()
@click.argument("agenda", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option(
    "--arcering",
    metavar="PORTEFEUILLE",
    multiple=True,
    help="Also write a review copy of the GA with this portfolio's items shaded red (repeatable).",
)
@click.option("--pdf", is_flag=True, help="Also convert every document to PDF with LibreOffice.")
@ROOT
@reports_problems
def render(agenda: Path, output: Path | None, arcering: tuple[str, ...], pdf: bool, root: Path) -> None:
    """Render the GA package of AGENDA (an agendas/*.yaml file)."""
    from .build import render as render_agenda

    package = render_agenda(root, resolve(root, agenda), output, arcering)
    report(package.notices)
    for written in package.outputs:
        click.echo(f"wrote {written.path}")
    if pdf:
        from .pdf import PdfError, convert

        try:
            for path in convert([written.path for written in package.outputs]):
                click.echo(f"wrote {path}")
        except PdfError as error:
            click.echo(f"briefgen: {error}", err=True)
            sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@ROOT
@reports_problems
def check(paths: tuple[Path, ...], strict: bool, root: Path) -> None:
    """Validate position and agenda files (default: all of positions/ and agendas/)."""
    from .checking import check_all

    problems, files = check_all(root, [resolve(root, p) for p in paths])
    report(problems)
    errors = [p for p in problems if strict or not p.warning]
    warnings = len(problems) - len([p for p in problems if not p.warning])
    if errors:
        click.echo(f"{len(errors)} problem(s) in {files} file(s)", err=True)
        sys.exit(1)
    suffix = f", {warnings} warning(s)" if warnings else ""
    click.echo(f"checked {files} file(s): no errors{suffix}", err=True)


if __name__ == "__main__":
    main()
