"""What ``briefgen absorb`` found and did, and each changed value in the view of ``briefgen diff``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..changes.operations import operations
from ..changes.redline import tracked
from ..document import markdown
from ..document.blocks import Revision
from ..errors import Problem, _
from ..output.resources import Resources
from ..word.conflicts import Conflict, ConflictSide, conflicts_docx
from .edits import IN_THE_FILE, Dispute, Edit, value_at


@dataclass
class Report:
    """What absorb found in ``document`` and what it wrote; ``pending``: tracked changes it accepted."""

    document: str
    changes: list[Edit] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    homeless: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    conflicts: list[Problem] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    """The conflicts among them whose versions are texts, for ``--report``."""
    diff: str = ""
    pending: int = 0
    warnings: list[str] = field(default_factory=list)


def show(bestand: str, old: Any, new: Any, changes: list[Edit]) -> str:
    """What changed in one file, from its data ``old`` to ``new``."""
    lines = [f"{bestand}:"]
    for change in changes:
        before, after = value_at(old, change.pad), value_at(new, change.pad)
        lines.append(f"== {change.place}")
        if isinstance(before, str) and isinstance(after, str):
            paragraphs = tracked(markdown.parse(before), markdown.parse(after), Revision("", "")).paragraphs
            ops = operations(paragraphs)
            lines.append(
                "".join(
                    o.old
                    if o.op == "equal"
                    else (f"[-{o.old}-]" if o.old else "") + (f"{{+{o.new}+}}" if o.new else "")
                    for o in ops
                )
            )
        else:
            lines.append(
                f"[-{short(before)}-]{{+{short(after)}+}}" if before is not None else f"{{+{short(after)}+}}"
            )
    return "\n".join(lines)


def short(value: Any, indent: int = 19) -> str:
    """A value on the lines of a message, its continuation lines indented by ``indent``; a
    mapping or list (a Kamerstuk footnote) as the drafter's YAML writes it on one line."""
    if value is None:
        return str(_("(removed)"))
    return flow(value).replace("\n", "\n" + " " * indent)


def flow(value: Any) -> str:
    """A value in YAML's flow style: ``{kamer: II, vergaderjaar: 2025-2026, nr: 4238}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return str(value)


REPORT_TITLE = "Conflicten in de reacties"
REPORT_INTRODUCTION = (
    "Bij deze waarden veranderden twee versies dezelfde alinea verschillend; briefgen liet ze "
    "ongewijzigd. Per versie staat de tekst van de verzonden build met de wijzigingen van die "
    "versie als bijgehouden wijzigingen van de auteur. Kies per waarde, zet de uitkomst in de "
    "YAML (of neem in één reactie de gekozen versie over en verwerk die opnieuw)."
)
FILE_SIDE = "het YAML-bestand zoals het nu is"


def conflict_document(root: Path, disputes: list[Dispute]) -> bytes:
    """The conflicts as a Word document on the project's reference (``absorb --report``)."""
    conflicts = [
        Conflict(
            f"{dispute.bestand}: {dispute.place}",
            dispute.base,
            [
                ConflictSide(
                    FILE_SIDE if side.who == IN_THE_FILE else side.who, side.author or "YAML", side.text
                )
                for side in dispute.versions
            ],
        )
        for dispute in disputes
    ]
    return conflicts_docx(conflicts, Resources(root).reference(), REPORT_TITLE, REPORT_INTRODUCTION)
