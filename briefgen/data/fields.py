"""The field types every model of the drafters' data shares: strict, frozen records
without unknown keys, text that is not blank, slugs, and sentences a drafter may replace."""

from __future__ import annotations

from typing import Annotated, Literal

from .modelbase import NOT_BLANK, Base, Pattern
from .provenance import LINE, PROSE

__all__ = ["SLUG", "Aanbieding", "Base", "Line", "LineZin", "Prose", "Slug", "Text", "Zin"]

SLUG = r"^[a-z0-9][a-z0-9-]*$"

Text = Annotated[str, NOT_BLANK]
"""Text with something besides spaces."""
Prose = Annotated[Text, PROSE]
"""A drafter's text: Markdown that may carry footnotes (see :mod:`.provenance`)."""
Line = Annotated[Text, LINE]
"""A drafter's one-line text: a heading, a name, an address line (see :mod:`.provenance`)."""
Slug = Annotated[str, Pattern(SLUG)]

Zin = Prose | Literal[False] | None
"""A sentence the templates write by default: absent keeps it, text replaces it, false leaves it out."""
LineZin = Line | Literal[False] | None
"""A heading the templates write by default, kept, replaced or left out like a ``Zin``."""
Aanbieding = Literal["sturen", "zenden", "aanbieden", "toekomen", "ontvangen", "met deze brief", "informeren"]
"""How a letter offers its document: "Hierbij stuur ik u …", "Hierbij zend ik u …",
"Hierbij bied ik u … aan", "Hierbij doe ik u … toekomen", "Hierbij ontvangt u …",
"Met deze brief ontvangt u …" (the verslag letter only), "Met deze brief informeer ik u over
de … die op … plaatsvond" (the verslag letter)."""
