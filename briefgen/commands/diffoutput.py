"""``briefgen diff`` for a terminal or a program: text with ``[-deleted-]{+inserted+}``
(or red and green), or JSON."""

from __future__ import annotations

import dataclasses
import json

import click

from ..changes.operations import Operation
from ..changes.sections import PositionDiff
from ..data.dossier import TEXT_SECTIONS
from ..output.versions import Comparison

HEADING = "wijzigingen/_sectie.md.j2"
"""The template that names a section, as the document's headings do."""


def as_text(comparison: Comparison, colour: bool) -> str:
    """The dossiers only one agenda has, then per dossier each section's changes."""
    lines = [
        f"{label}: {', '.join(ids)}"
        for label, ids in (("added", comparison.added), ("dropped", comparison.dropped))
        if ids
    ]
    for dossier, diff in comparison.diffs:
        lines.append(f"{dossier.id}: {diff.old} -> {diff.new}")
        for section in diff.sections:
            heading = comparison.templates.render(HEADING, sectie=section.name).strip()
            if all(o.op == "equal" for o in section.operations):
                lines.append(f"== {heading}: unchanged")
                continue
            lines.append(f"== {heading}")
            if section.name in TEXT_SECTIONS:
                lines.append("".join(_shown(o, colour) for o in section.operations))
            else:
                lines += [_shown(o, colour) for o in section.operations if o.op != "equal"]
        lines.append("")
    return "\n".join(lines)


def _shown(op: Operation, colour: bool) -> str:
    if op.op == "equal":
        return op.old
    if colour:
        old = click.style(op.old, fg="red", strikethrough=True) if op.old else ""
        new = click.style(op.new, fg="green", underline=True) if op.new else ""
    else:
        old = f"[-{op.old}-]" if op.old else ""
        new = f"{{+{op.new}+}}" if op.new else ""
    return old + new


def as_json(comparison: Comparison) -> str:
    """One dossier's changes, or for two agendas every shared dossier's and the ids of the rest."""
    payload = [_dossier_json(dossier.id, diff) for dossier, diff in comparison.diffs]
    if comparison.agendas:
        document = {"dossiers": payload, "added": list(comparison.added), "dropped": list(comparison.dropped)}
    else:
        document = payload[0]
    return json.dumps(document, ensure_ascii=False, indent=2)


def _dossier_json(dossier: str, diff: PositionDiff) -> dict[str, object]:
    return {
        "dossier": dossier,
        "from": diff.old,
        "to": diff.new,
        "sections": [
            {"name": s.name, "changes": [dataclasses.asdict(o) for o in s.operations]} for s in diff.sections
        ],
    }
