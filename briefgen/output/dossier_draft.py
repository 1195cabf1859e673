"""``briefgen dossier new ID``: a commented skeleton of a new dossier's position file.

The skeleton names every key of a position file with what belongs there; its empty
values are refused by ``check`` and ``render`` until the drafter writes them, each at
its own line. The file is created the way the journal creates its own
(:func:`briefgen.output.disk.create_whole`): whole or not at all, never over a file that
is there, and a killed run leaves no draft in ``positions/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..data.confine import refuse_folders_linked_out
from ..data.fields import SLUG
from ..data.project import Project
from ..errors import Location, _, fail
from . import disk, leftovers

SKELETON = """\
# Drafted by 'briefgen dossier new': the position file of one dossier. Fill in each empty
# value (check and render name what is still empty); texts are Markdown, [^key] refers to
# a footnote of this file or of positions/_voetnoten.yaml.
id: {id}
titel:  # the dossier in the agenda line: "de herziening van de verordening …"
kort:  # its short name, in item headings: "Passagiersrechten"
# portefeuille: IenW  # whose minister approves this item: the red shading of a review copy
# voetnoten:          # footnotes of this dossier's texts
#   bnc-fiche: {{kamerstuk: {{kamer: II, vergaderjaar: 2025-2026, dossier: "22 112", nr: 4238}}}}
standpunten:          # one entry per Council, oldest first; 'briefgen new' adds the next
  - raad:{raad}  # the agenda id of the Council: milieuraad-2026-10-20
    introductie:      # what lies on the table, and since when
    inzet:            # the Dutch position (Inzet Nederland)
    kern:             # the position in a sentence or two, for the nota
    krachtenveld:     # where the other member states and the Parliament stand
    # uitkomst:       # after the Council, for the verslag: what it did, in the past tense
"""


NAME_MAX = 255
"""The longest file name (in bytes; an id is ASCII) most file systems allow."""


def draft_dossier(root: Path, dossier_id: str, raad: str | None) -> Path:
    """Write ``positions/<dossier_id>.yaml`` as a commented skeleton; refuse an existing one."""
    project = Project(root)
    shown = dossier_id.encode("unicode_escape").decode("ascii")
    target = project.positions / f"{dossier_id}.yaml"
    if not re.fullmatch(SLUG, dossier_id):
        raise fail(
            Location(str(project.positions / f"{shown}.yaml")),
            _("'{shown}' is not a usable dossier id; use lower case, digits and hyphens", shown=shown),
        )
    if raad is not None and not re.fullmatch(SLUG, raad):
        raise fail(Location(project.display(target)), _("'{raad}' is not an agenda id", raad=raad))
    if raad is not None and len(f"{raad}.yaml") > NAME_MAX:
        raise fail(
            Location(project.display(target)),
            _(
                "'{raad}…' is not an agenda id: agendas/<id>.yaml would be longer than a file name can be",
                raad=raad[:40],
            ),
        )
    exists = fail(
        Location(project.display(target)), _("already exists; briefgen dossier new does not overwrite it")
    )
    if os.path.lexists(target):
        raise exists
    refuse_folders_linked_out(root, ("positions",))
    text = SKELETON.format(id=dossier_id, raad=f" {raad}" if raad else "")
    try:
        disk.create_whole(target, text.encode("utf-8"), "create the dossier file", leftovers.drafts(root))
    except FileExistsError:
        raise exists from None
    except OSError as error:
        raise fail(
            Location(project.display(target)), _("cannot write: {strerror}", strerror=error.strerror)
        ) from None
    return target
