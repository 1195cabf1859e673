"""The ``briefgen`` command group: finds each command where it lives and reports the user's mistakes.

Each command is defined in its own module, under ``briefgen/commands/``, and imported
only when it runs or shows its own help: ``briefgen --help`` loads click and nothing of
the pipeline. Every command runs in the caller's own process.

Help texts, usage errors and messages are in Dutch when the locale is Dutch (see
``briefgen.errors``): the command's texts are translated when it is loaded, click's own
through gettext's text domain, which points at briefgen's catalog.

Exit codes: 0 fine, 1 a problem in the user's data or documents, 2 wrong usage, 70 a
bug in briefgen.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import inspect
import sys
from typing import Any, NoReturn

import click

from .errors import UserError, _, dutch, translate

COMMANDS: dict[str, tuple[str, str]] = {
    "absorb": (
        "briefgen.commands.absorb:absorb_command",
        "Take the edits in returned DOCUMENTS (or folders of them) back into positions/ and agendas/.",
    ),
    "check": (
        "briefgen.commands.check:check_command",
        "Validate position and agenda files (default: all of positions/ and agendas/).",
    ),
    "diff": (
        "briefgen.commands.diff:diff_command",
        "How positions moved: DOSSIER between two Councils, since a git revision, or two agendas.",
    ),
    "dossier": (
        "briefgen.commands.dossier:dossier_group",
        "Dossiers in positions/: 'dossier new ID' writes a commented skeleton position file.",
    ),
    "import": (
        "briefgen.commands.import_ga:import_command",
        "Turn a GA that briefgen did not write into agendas/ID.yaml and position entries.",
    ),
    "new": (
        "briefgen.commands.new:new_command",
        "Draft agendas/AGENDA_ID.yaml and new position entries from an earlier Council.",
    ),
    "preview": (
        "briefgen.commands.preview:preview_command",
        "Render AGENDA's package and show it as HTML pages in the browser (build/ID/preview/).",
    ),
    "render": (
        "briefgen.commands.render:render_command",
        "Render the GA package of each AGENDA (agendas/*.yaml files, or folders of them).",
    ),
    "schema": (
        "briefgen.commands.schema:schema_command",
        "JSON Schema of agenda, dossier or voetnoten files, for an editor's YAML language server.",
    ),
    "send": (
        "briefgen.commands.send:send_command",
        "Mark AGENDA's current build as sent round: answers to it stay absorbable.",
    ),
    "status": (
        "briefgen.commands.status:status_command",
        "Which documents of AGENDA's last build are stale, and why.",
    ),
    "verslag": (
        "briefgen.commands.verslag:verslag_command",
        "Draft the verslag of AGENDA_ID: a 'verslag' section and an empty 'uitkomst' per item.",
    ),
}
"""Each command's ``module:attribute``, and the summary ``briefgen --help`` shows without importing it."""


class Briefgen(click.Group):
    """Loads a command's module when the command is asked for; turns a UserError into
    ``file:line:col: message`` lines and exit code 1, anything else unexpected into a
    traceback and exit code 70."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        click_in_dutch()
        _escape_unencodable()
        return super().main(*args, **kwargs)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name][0].split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        localize(command)
        if not gc.isenabled():  # the script paused collections while it loaded (see __main__)
            gc.freeze()
            gc.enable()
        return command

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        localize(self)
        super().format_help(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [
            (name, click.Command(name, help=translate(summary)).get_short_help_str(limit))
            for name, (_target, summary) in sorted(COMMANDS.items())
        ]
        with formatter.section(translate("Commands")):
            formatter.write_dl(rows)

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            _usage_error(error)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            _refuse_control_characters([*getattr(ctx, "_protected_args", []), *ctx.args])
            return super().invoke(ctx)
        except UserError as error:
            from .commands.common import report

            report(error.problems)
            sys.exit(1)
        except click.UsageError as error:
            _usage_error(error)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except OSError as error:
            from .commands.common import system_refusal

            system_refusal(error)
            sys.exit(1)
        except Exception as error:
            if isinstance(error, RuntimeError) and str(error).startswith("Symlink loop"):
                from .commands.common import system_refusal

                system_refusal(OSError(errno.ELOOP, str(error), str(error).rpartition(": ")[2]))
                sys.exit(1)
            import traceback

            traceback.print_exc()
            message = _(
                "briefgen: this is a bug in briefgen, not in your files; please report it "
                "with the traceback above."
            )
            click.echo(str(message), err=True)
            sys.exit(70)


def localize(command: click.Command) -> None:
    """The help texts of ``command``, its options and its subcommands in the user's language;
    the English ones are kept, so the next call can go back to them."""
    if "english_help" not in vars(command) and not dutch():
        return  # English, as written, and never shown in another language by this process
    items: list[Any] = [command, *command.params]
    for item in items:
        english = vars(item).setdefault("english_help", item.help)
        item.help = translate(inspect.cleandoc(english)) if english else english
    for sub in getattr(command, "commands", {}).values():
        localize(sub)


def _usage_error(error: click.UsageError) -> NoReturn:
    """A usage error (a missing argument, an unknown option or command, a bad value) as one
    line ``briefgen <command>: message``, exit code 2 (wrong usage, as the design card fixes);
    the bare ``briefgen`` shows its help."""
    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        raise error
    names: list[str] = []
    ctx = error.ctx
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    message = " ".join(error.format_message().split())
    click.echo(f"{' '.join(['briefgen', *names])}: {message}", err=True)
    sys.exit(2)


def _escape_unencodable() -> None:
    """Print what the terminal cannot encode escaped (``\\udcff``), not as a UnicodeEncodeError:
    a path whose bytes are not UTF-8 (a folder named on another system) comes to Python as
    surrogates, which a UTF-8 terminal refuses."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change now
                reconfigure(errors="backslashreplace")


def _refuse_control_characters(words: list[str]) -> None:
    """An argument with a line break, tab or other control character (``--raad $'id\\n'``) is
    refused as typed, before any command reads it into a file name or a message."""
    from .data.confine import has_control, shown
    from .errors import Location, Problem

    for word in words:
        if has_control(word):
            raise UserError(
                Problem(
                    Location.file(f"'{shown(word)}'"),
                    _("holds a control character (a line break, tab or escape); type it without one"),
                )
            )


def click_in_dutch() -> None:
    """click's own texts (Usage:, Options, its errors) from briefgen's catalog, when Dutch."""
    if dutch():
        import gettext

        from .errors import DOMAIN, LOCALES

        gettext.bindtextdomain(DOMAIN, str(LOCALES))
        gettext.textdomain(DOMAIN)


click_in_dutch()  # before the decorators below, which take click's texts when they run


@click.group(cls=Briefgen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefgen")
def main() -> None:
    """Geannoteerde agenda's for EU Councils from YAML positions, as Word documents."""


if __name__ == "__main__":
    main()
