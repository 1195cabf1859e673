"""The ``briefgen`` command: parse arguments, call one stage, report.

Exit codes: 0 fine, 1 a problem in the user's data or documents, 2 wrong usage.
Heavy modules are imported inside the commands so that ``--help`` stays instant.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from .errors import Location, Problem, UserError, fail

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
@click.argument("agendas", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (with several agendas: the folder that gets one folder per agenda).",
)
@click.option(
    "--arcering",
    metavar="PORTEFEUILLE",
    multiple=True,
    help="Also write a review copy of the GA with this portfolio's items shaded red (repeatable).",
)
@click.option("--pdf", is_flag=True, help="Also convert every document to PDF with LibreOffice.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), help="Processes for several agendas (default: one per core)."
)
@click.option("--watch", is_flag=True, help="Keep running and render again after every save (Ctrl-C stops).")
@ROOT
@reports_problems
def render(
    agendas: tuple[Path, ...],
    output: Path | None,
    arcering: tuple[str, ...],
    pdf: bool,
    jobs: int | None,
    watch: bool,
    root: Path,
) -> None:
    """Render the GA package of each AGENDA (agendas/*.yaml files, or folders of them)."""

    def once() -> None:
        _render(root, _agenda_files([resolve(root, a) for a in agendas]), output, arcering, pdf, jobs)

    if not watch:
        once()
        return
    from .commands.watch import watch as watch_files
    from .data.project import Project

    def again(changed: Iterable[Path]) -> None:
        project = Project(root)
        click.echo(f"saved: {', '.join(project.display(p) for p in changed)}")
        _keep_watching(once)

    try:
        _keep_watching(once)
        click.echo("watching positions/, agendas/ and templates/ (Ctrl-C stops)", err=True)
        watch_files(root, again)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def _keep_watching(action: Callable[[], None]) -> None:
    """Run ``action``; report problems in the user's files instead of stopping."""
    try:
        action()
    except UserError as error:
        report(error.problems)
    except SystemExit:
        pass


def _render(
    root: Path, paths: list[Path], output: Path | None, arcering: tuple[str, ...], pdf: bool, jobs: int | None
) -> None:
    import gc
    import os

    from .commands.render import render_many

    gc.freeze()  # what is loaded by now lives as long as the process: collections need not visit it

    if len(paths) == 1:
        from .commands.render import render as render_agenda

        results = [(paths[0], render_agenda(root, paths[0], output, arcering))]
    else:
        results = render_many(root, paths, output, arcering, jobs or os.cpu_count() or 1)
    documents: list[Path] = []
    failed: list[Problem] = []
    for _, result in results:
        if isinstance(result, UserError):
            failed += result.problems
            continue
        report(result.notices)
        for path in result.written:
            click.echo(f"wrote {path}")
        for path in result.kept:
            click.echo(f"kept {path} (unchanged)")
        for line in result.changes:
            click.echo(f"changed: {line}")
        documents += [o.path for o in result.outputs if o.path.suffix == ".docx"]
    if failed:
        raise UserError(failed)
    if pdf:
        from .commands.pdf import PdfError, convert

        try:
            for path in convert(documents):
                click.echo(f"wrote {path}")
        except PdfError as error:
            click.echo(f"briefgen: {error}", err=True)
            sys.exit(1)


def _agenda_files(paths: list[Path]) -> list[Path]:
    """The agenda files named, with each folder standing for the ``*.yaml`` files in it."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(path.glob("*.yaml"))
        if not found:
            raise fail(Location(str(path)), "no agenda files (*.yaml) in this folder")
        files += found
    return files


@main.command()
@click.argument("agenda", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="Build folder to check."
)
@click.option("--check", "exit_code", is_flag=True, help="Exit 1 when any document is stale.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@ROOT
@reports_problems
def status(agenda: Path, output: Path | None, exit_code: bool, fmt: str, root: Path) -> None:
    """Which documents of AGENDA's last build are stale, and why."""
    import json

    from .commands.status import status as build_status

    result = build_status(root, resolve(root, agenda), output)
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        for document in result.documents:
            state = "stale" if document.stale else "up to date"
            click.echo(
                f"{document.name}: {state}" + (f": {'; '.join(document.reasons)}" if document.reasons else "")
            )
    if exit_code and result.stale:
        sys.exit(1)


@main.command()
@click.argument("agenda_id")
@click.option("--from", "earlier", required=True, metavar="AGENDA-ID", help="The Council to start from.")
@click.option(
    "--datum", type=click.DateTime(formats=["%Y-%m-%d"]), help="The new Council's date (YYYY-MM-DD)."
)
@click.option("--plaats", help="Where the new Council meets (default: as the earlier one).")
@ROOT
@reports_problems
def new(agenda_id: str, earlier: str, datum: Any, plaats: str | None, root: Path) -> None:
    """Draft agendas/AGENDA_ID.yaml and new position entries from an earlier Council."""
    from .commands.new import draft

    drafted = draft(root, agenda_id, earlier, datum.date() if datum else None, plaats)
    if drafted.resumed:
        click.echo(f"completed the interrupted 'briefgen new {agenda_id}'", err=True)
    for path in drafted.paths:
        click.echo(f"wrote {path}")


@main.command()
@click.argument("agenda_id")
@click.option("--datum", type=click.DateTime(formats=["%Y-%m-%d"]), help="The letter's date (YYYY-MM-DD).")
@ROOT
@reports_problems
def verslag(agenda_id: str, datum: Any, root: Path) -> None:
    """Draft the verslag of AGENDA_ID: a 'verslag' section and an empty 'uitkomst' per item."""
    from .commands.new import draft_verslag

    drafted = draft_verslag(root, agenda_id, datum.date() if datum else None)
    if drafted.resumed:
        click.echo(f"completed the interrupted 'briefgen verslag {agenda_id}'", err=True)
    for path in drafted.paths:
        click.echo(f"wrote {path}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@ROOT
@reports_problems
def check(paths: tuple[Path, ...], strict: bool, root: Path) -> None:
    """Validate position and agenda files (default: all of positions/ and agendas/)."""
    from .commands.check import check_all

    problems, files = check_all(root, [resolve(root, p) for p in paths])
    report(problems)
    errors = [p for p in problems if strict or not p.warning]
    warnings = len(problems) - len([p for p in problems if not p.warning])
    if errors:
        click.echo(f"{len(errors)} problem(s) in {files} file(s)", err=True)
        sys.exit(1)
    suffix = f", {warnings} warning(s)" if warnings else ""
    click.echo(f"checked {files} file(s): no errors{suffix}", err=True)


SCHEMA_NAMES = ("agenda", "dossier", "voetnoten")


@main.command()
@click.argument("name", required=False, type=click.Choice(SCHEMA_NAMES))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write NAME.schema.json (default: all three) into this folder.",
)
@reports_problems
def schema(name: str | None, output: Path | None) -> None:
    """JSON Schema of agenda, dossier or voetnoten files, for an editor's YAML language server."""
    from .build.disk import replace_file
    from .data.schema import schema_json

    if output is None:
        if name is None:
            raise click.UsageError("name a schema (agenda, dossier, voetnoten) or give -o DIR")
        click.echo(schema_json(name), nl=False)
        return
    output.mkdir(parents=True, exist_ok=True)
    for each in [name] if name else SCHEMA_NAMES:
        target = output / f"{each}.schema.json"
        replace_file(target, schema_json(each).encode("utf-8"))
        click.echo(f"wrote {target}")


@main.command()
@click.argument("dossier", required=False)
@click.option("--from", "old", metavar="RAAD", help="The earlier Council (an agenda id).")
@click.option("--to", "new", metavar="RAAD", help="The later Council (an agenda id).")
@click.option(
    "--agenda", "old_agenda", type=click.Path(dir_okay=False, path_type=Path), help="Earlier agenda file."
)
@click.option(
    "--against", "new_agenda", type=click.Path(dir_okay=False, path_type=Path), help="Later agenda file."
)
@click.option("--since", metavar="GITREV", help="Compare with the dossier file in this git revision.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "docx"]), default="text", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File for --format docx."
)
@ROOT
@reports_problems
def diff(
    dossier: str | None,
    old: str | None,
    new: str | None,
    old_agenda: Path | None,
    new_agenda: Path | None,
    since: str | None,
    fmt: str,
    output: Path | None,
    root: Path,
) -> None:
    """How positions moved: DOSSIER between two Councils, since a git revision, or two agendas."""
    import json
    import os

    from .build.outputs import write_output
    from .changes.sections import format_text
    from .commands import diff as diffing

    if old_agenda or new_agenda:
        if not (old_agenda and new_agenda) or dossier:
            raise click.UsageError("use --agenda FROM_AGENDA --against TO_AGENDA, without a dossier")
        comparison = diffing.between_agendas(root, resolve(root, old_agenda), resolve(root, new_agenda))
    elif dossier and since:
        comparison = diffing.since_revision(root, dossier, since, new)
    elif dossier and old and new:
        comparison = diffing.between_councils(root, dossier, old, new)
    else:
        raise click.UsageError(
            "give DOSSIER --from RAAD --to RAAD, DOSSIER --since GITREV, or --agenda/--against"
        )
    if fmt == "docx":
        if output is None:
            raise click.UsageError("--format docx needs -o FILE")
        write_output(root, output, diffing.write(comparison, root))
        click.echo(f"wrote {output}")
    elif fmt == "json":
        payload = [d.as_json() for d in comparison.diffs]
        if old_agenda:
            document = {"dossiers": payload, "added": comparison.added, "dropped": comparison.dropped}
        else:
            document = payload[0]
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        for label, ids in (("added", comparison.added), ("dropped", comparison.dropped)):
            if ids:
                click.echo(f"{label}: {', '.join(ids)}")
        click.echo(format_text(comparison.diffs, colour), color=colour)


@main.command()
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only show what would change; write nothing.")
@click.option("--original", is_flag=True, help="Read the text before its tracked changes.")
@click.option("--strict-pending", is_flag=True, help="Refuse a document that still has tracked changes.")
@ROOT
@reports_problems
def absorb(document: Path, dry_run: bool, original: bool, strict_pending: bool, root: Path) -> None:
    """Take the edits in a returned DOCUMENT (GA, letter, nota) back into positions/ and agendas/."""
    from .readback.absorb import absorb as run

    report = run(
        root, resolve(root, document), dry_run=dry_run, original=original, strict_pending=strict_pending
    )
    if report.pending and not original:
        click.echo(f"read with {report.pending} tracked change(s) accepted", err=True)
    if report.diff:
        click.echo(report.diff)
    verb = "would change" if dry_run else "changed"
    files = sorted({c.bestand for c in report.changes})
    click.echo(
        f"{verb} {len(report.changes)} value(s) in {len(files)} file(s)"
        + (f": {', '.join(files)}" if files else "")
    )
    for line in report.homeless:
        click.echo(f"no home in the data: {line}")
    for line in report.comments:
        click.echo(line)
    if report.conflicts:
        from .errors import UserError

        raise UserError(report.conflicts)


@main.command("import")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--raad", "raad_id", required=True, metavar="ID", help="The new agenda's id (its file name).")
@click.option("--dry-run", is_flag=True, help="Only show what would be written.")
@ROOT
@reports_problems
def import_(document: Path, raad_id: str, dry_run: bool, root: Path) -> None:
    """Turn a GA that briefgen did not write into agendas/ID.yaml and position entries."""
    from .readback.importing import import_ga

    report = import_ga(root, resolve(root, document), raad_id, dry_run=dry_run)
    click.echo(f"{'would write' if dry_run else 'wrote'} agendas/{raad_id}.yaml")
    for line in report.added:
        click.echo(("would add " if dry_run else "added ") + line)
    for line in report.unplaced:
        click.echo(f"not placed: {line}")


@main.group(invoke_without_command=True)
@click.option("--stop", is_flag=True, help="Stop the running render servers (as `server stop`).")
@click.pass_context
def server(context: click.Context, stop: bool) -> None:
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
    from .serve.client import running_servers

    servers = running_servers()
    for pid, path in servers:
        click.echo(f"render server: pid {pid}, socket {path}")
    if not servers:
        click.echo("no render server running")


@server.command("start")
@ROOT
def server_start(root: Path) -> None:
    """Start a render server; later commands are handed to it.

    It composes the project's latest agenda once (from --root) to have its templates ready.
    """
    from .serve.client import ask, server_socket, start_server
    from .serve.protocol import PING

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


@server.command("stop")
def server_stop() -> None:
    """Stop the running render servers."""
    from .serve.client import stop_servers

    stopped = stop_servers()
    click.echo(f"stopped {len(stopped)} render server(s)")


if __name__ == "__main__":
    main()
