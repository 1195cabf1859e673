"""What a formation's templates read of an agenda, and the drafter's fields they never read.

A field the chosen formation's templates never show is a value the drafter wrote for
nothing (the Landbouw- en Visserijraad's letter has no place for ``ga.inleiding``): it
is a warning that names the field and the formation, never a silent drop. The view a
template gets is watched while every document of the package is composed; a field counts
as read when any document's template looked at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..data.agenda import Agenda
from ..data.formations import formatie
from ..data.load import DataPath, Source
from ..data.modelbase import Base
from ..errors import Problem, _

ViewPath = tuple[str | int, ...]


class Watched(dict[str, Any]):
    """A view's mapping that records each key a template looks up in it."""

    def __init__(self, values: dict[str, Any], path: ViewPath, seen: set[ViewPath]):
        super().__init__(values)
        self._watched_path = path
        self._watched_seen = seen

    def __getitem__(self, key: str) -> Any:
        self._watched_seen.add((*self._watched_path, key))
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._watched_seen.add((*self._watched_path, key))
        return super().get(key, default)

    def __iter__(self) -> Iterator[str]:
        # Defined so that dict(view) copies through __getitem__: a copied mapping was read.
        return super().__iter__()


def watched(view: dict[str, Any], seen: set[ViewPath]) -> dict[str, Any]:
    """``view`` with every mapping in it (not the item-type table) recording its reads into ``seen``."""
    return {key: value if key == "soorten" else _wrap(value, (key,), seen) for key, value in view.items()}


def _wrap(value: Any, path: ViewPath, seen: set[ViewPath]) -> Any:
    if isinstance(value, dict):
        return Watched({k: _wrap(v, (*path, k), seen) for k, v in value.items()}, path, seen)
    if isinstance(value, list):
        return [_wrap(v, (*path, i), seen) for i, v in enumerate(value)]
    return value


ALWAYS = {
    "id",
    "raad",
    "datum",
    "plaats",
    "formatie",
    "voetnoten",
    "punten",
    "ga",
    "brief",
    "nota",
    "verslag",
}
"""Top-level fields that are structure, or read by briefgen itself rather than the templates."""
ITEM_SKIPPED = {"dossier", "soort", "portefeuille", "uitkomst"}
"""Item fields briefgen reads itself (the dossier, the review copies) or only a verslag shows."""
PER_ITEM = {"opening", "slotzin", "kopjes"}
AGENDA_VIEW = {"voorzetsel": ("waar",), "land": ("land", "plaats", "waar")}
"""Agenda fields the view shows under other names."""
"""``ga`` fields that reach the templates through every item."""
LETTER = {
    "datum",
    "afzender",
    "ondertekenaars",
    "mede_namens",
    "kenmerk",
    "rubricering",
    "betreft",
    "aanbieding",
    "alineas",
}
"""``verslag`` fields that reach the templates through the verslag's letter."""


def drafted(agenda: Agenda) -> list[DataPath]:
    """The template-facing fields the drafter set in the agenda file, as data paths."""
    found: list[DataPath] = [(name,) for name in agenda.model_fields_set if name not in ALWAYS]
    for section in ("ga", "brief", "nota", "verslag"):
        model = getattr(agenda, section)
        if isinstance(model, Base) and section in agenda.model_fields_set:
            found += [(section, name) for name in model.model_fields_set]
    for index, punt in enumerate(agenda.punten):
        found += [("punten", index, name) for name in punt.model_fields_set if name not in ITEM_SKIPPED]
    return found


def _read(path: DataPath, seen: set[ViewPath], items: int) -> bool:
    head, *rest = path
    if head == "punten":
        return ("punten", *rest) in seen
    if head == "delen":
        return ("delen",) in seen or any(p[:1] == ("delen",) for p in seen)
    if head == "ga" and rest[0] in PER_ITEM:
        return any(("punten", i, rest[0]) in seen for i in range(items))
    if head == "brief":
        return ("brief", *rest) in seen or ("verslag", "brief", *rest) in seen
    if head == "verslag" and rest[0] in LETTER:
        return ("verslag", *rest) in seen or ("verslag", "brief", *rest) in seen
    if head in ("ga", "nota", "verslag"):
        return (head, *rest) in seen
    return any(("agenda", name) in seen for name in AGENDA_VIEW.get(str(head), (head,)))


def unread(agenda: Agenda, source: Source, seen: set[ViewPath]) -> list[Problem]:
    """A warning for each field the drafter set that no template of the agenda's formation read."""
    known = formatie(agenda.template_set())
    formation = known.naam if known else agenda.template_set()
    return [
        Problem(
            source.where(path, key=True),
            _(
                "'{field}' is not shown: no template of the {formation} reads it (remove it, or add a template in templates/ that does)",
                field=".".join(str(p) for p in path),
                formation=formation,
            ),
            warning=True,
        )
        for path in drafted(agenda)
        if not _read(path, seen, len(agenda.punten))
    ]
