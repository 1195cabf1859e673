"""``briefgen preview``: render an agenda's package and show it in the browser as HTML.

The pages are written into the build folder's ``preview/`` in the same switch as the
documents (see :mod:`briefgen.output.preview`), so they always show the build beside them.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ..errors import _
from ..output.package import compose_package
from ..output.preview import OVERVIEW, preview_files
from ..output.render import Rendered, switch_package
from .common import ARCERING, ROOT, report, resolve


def preview(root: Path, agenda: Path, output: Path | None = None, arcering: Sequence[str] = ()) -> Rendered:
    """Render ``agenda``'s package with its HTML preview, in one switch of the build folder."""
    return switch_package(root, compose_package(root, agenda, output, arcering), preview_files)


@click.command("preview")
@click.argument("agenda", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@ARCERING
@click.option("--no-open", is_flag=True, help="Write the pages, but do not open them in the browser.")
@ROOT
def preview_command(
    agenda: Path, output: Path | None, arcering: tuple[str, ...], no_open: bool, root: Path
) -> None:
    """Render AGENDA's package and show it as HTML pages in the browser (build/ID/preview/)."""
    rendered = preview(root, resolve(root, agenda), output, arcering)
    report(rendered.notices)
    for path in rendered.written():
        click.echo(str(_("wrote {path}", path=path)))
    overview = next(path for path in rendered.files if path.as_posix().endswith(OVERVIEW))
    click.echo(str(_("preview: {path}", path=overview)))
    if not no_open:
        _open(overview)


def _open(page: Path) -> None:
    """Open ``page`` in the user's browser, when there is a screen to show it on."""
    on_screen = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and not on_screen:
        return
    import webbrowser

    with contextlib.suppress(webbrowser.Error):
        webbrowser.open(page.resolve().as_uri())
