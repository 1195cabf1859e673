"""The field types every model of the drafters' data shares: strict, frozen models
without unknown keys, text that is not blank, slugs, and sentences a drafter may replace."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from .provenance import LINE, PROSE

SLUG = r"^[a-z0-9][a-z0-9-]*$"


def _not_blank(value: str) -> str:
    """Text needs something besides spaces; reported like pydantic's own 'too short'."""
    if not value.strip():
        raise PydanticCustomError("string_too_short", "empty or only spaces")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Prose = Annotated[Text, PROSE]
"""A drafter's text: Markdown that may carry footnotes (see :mod:`.provenance`)."""
Line = Annotated[Text, LINE]
"""A drafter's one-line text: a heading, a name, an address line (see :mod:`.provenance`)."""
Slug = Annotated[str, Field(pattern=SLUG)]


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Zin = Prose | Literal[False] | None
"""A sentence the templates write by default: absent keeps it, text replaces it, false leaves it out."""
LineZin = Line | Literal[False] | None
"""A heading the templates write by default, kept, replaced or left out like a ``Zin``."""
