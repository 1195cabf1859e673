"""Footnotes: each text's ``[^key]`` renamed to a label unique to its scope."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..data.footnotes import NOTE_REF, Voetnoot
from ..document import markdown
from .templates import Templates

_CITED = re.compile(r"\[\^([^\]\s]+)\]")
"""A footnote reference as :meth:`Notes.scoped` writes it: ``[^scope:key]``."""


@dataclass
class Notes:
    """Footnote definitions in scope for the texts of one document.

    Each text's ``[^key]`` is renamed to a label unique to its scope (a dossier, the
    agenda, or the shared file), so that equal keys in different dossiers never collide.
    """

    templates: Templates
    shared: Mapping[str, Voetnoot]
    definitions: dict[str, str]
    kamerstuk: str | None = None
    """The Kamerstuk dossier of the agenda's formation: a Kamerstuk footnote's dossier when it names none."""

    def scoped(self, text: str | None, scope: str, local: dict[str, Voetnoot]) -> str | None:
        if text is None:
            return None

        def rename(match: re.Match[str]) -> str:
            key = match.group(1)
            if key in local:
                label, note = f"{scope}:{key}", local[key]
            else:
                label, note = f"_:{key}", self.shared[key]
            if label not in self.definitions:
                shown = markdown.protect(note) if isinstance(note, str) else note
                self.definitions[label] = self.templates.footnote(shown, self.kamerstuk).strip()
            return f"[^{label}]"

        protected = markdown.protect(text)
        if "[^" not in protected:  # cites nothing (NOTE_REF needs "[^"): as the substitution leaves it
            return protected
        return NOTE_REF.sub(rename, protected)

    def markdown(self, cited_in: str | None = None) -> str:
        """The footnote definitions, in the order first met; with ``cited_in``, only those
        that text cites."""
        cited = None if cited_in is None else set(_CITED.findall(cited_in))
        lines = []
        for label, text in self.definitions.items():
            if cited is not None and label not in cited:
                continue
            body = text.replace("\n", "\n    ")
            lines.append(f"[^{label}]: {body}")
        return "\n\n".join(lines)
