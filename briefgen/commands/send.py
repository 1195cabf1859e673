"""``briefgen send``: mark the build that went round (or to the Kamer) as sent.

The build is recorded as sent beside the kept manifests (see
:mod:`briefgen.output.history`), so its manifest is kept for good: every answer to it can be
absorbed, however many renders come after. The wijzigingen document and ``status`` then
compare against it. In a git repository the current commit is tagged ``sent/<agenda>/<build>``.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..data.project import display_path
from ..errors import Location, _, fail
from ..output import history
from ..output.manifest import NAME, disagreements
from ..output.package import compose_package
from ..output.trusted import checked_manifest
from .common import ROOT, resolve


@click.command("send")
@click.argument("agenda", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="Build folder that was sent."
)
@ROOT
def send_command(agenda: Path, output: Path | None, root: Path) -> None:
    """Mark AGENDA's current build as sent round: answers to it stay absorbable.

    The wijzigingen document and status compare against the last sent build from now on."""
    package = compose_package(root, resolve(root, agenda), output, arcering=None)
    built = checked_manifest(root, package.folder, display_path(root, package.folder / NAME))
    if built is None or not built.build:
        raise fail(
            Location(str(package.folder)),
            _("no build here to mark as sent; render the agenda, send the documents it wrote, then run send"),
        )
    if built.agenda != package.manifest.agenda:
        raise fail(
            Location(str(package.folder)),
            _(
                "the build here is of {agenda}, not of {agenda2}; name the folder that holds this agenda's build",
                agenda=built.agenda,
                agenda2=package.manifest.agenda,
            ),
        )
    if built.build != package.manifest.build:
        raise fail(
            Location(str(package.folder)),
            _(
                "the build here is older than the data (the YAML or templates changed since); render again, send the documents it writes, then run send"
            ),
        )
    for problem in disagreements(package.folder):
        if not problem.endswith("not in the manifest"):
            click.echo(
                str(_("{folder}: warning: {problem}", folder=package.folder, problem=problem)), err=True
            )
    if history.mark_sent(root, built):
        click.echo(str(_("marked build {build} of {agenda} as sent", build=built.build, agenda=built.agenda)))
    else:
        click.echo(
            str(
                _(
                    "build {build} of {agenda} was already the last one sent",
                    build=built.build,
                    agenda=built.agenda,
                )
            )
        )
    click.echo(history.tag_sent(root, built.agenda, built.build))
