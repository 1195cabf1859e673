"""What a formation's GA template writes itself, as compose declares it for reading back.

Import must not store in the data what the templates already write (the type before an item's
heading, the "I." before the title, the standard introduction), and must store what they do
not. Compose knows its templates and fills this record (``Templates.ga_shape``); readback reads
only the record, never a template.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GaShape:
    """How a formation's GA template writes what import must reproduce."""

    typed_headings: bool = True
    """Item headings start with the type's heading ('Beleidsdebat …'), sub-headings default on."""
    numbered_title: bool = False
    """The template writes 'I. ' before the title itself."""
    numbered_parts: bool = False
    """The template numbers the diversen part and further parts itself."""
    openings: bool = False
    """Items open with their type's sentence and close their inzet with the intervention sentence."""
    intro: bool = True
    """The template writes the GA's ``inleiding``."""
    title: tuple[str, bool] = ("Geannoteerde Agenda", False)
    """The template's own title: its words, and whether the Council and its date follow."""
    parts: bool = True
    """The template writes the agenda's further parts (``delen``)."""
    heading_numbers: bool = False
    """The template can number the item headings ('1. …', ``ga.kopnummers``)."""
