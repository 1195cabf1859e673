"""The quick check of the records (data/modelbase.py) never accepts what pydantic refuses,
and makes the records pydantic's models would: same values, same fields given."""

from __future__ import annotations

import datetime as dt
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from briefgen.data.agenda import Agenda, Agendapunt, Brief, GaTeksten
from briefgen.data.dossier import Dossier
from briefgen.data.footnotes import SharedNotes
from briefgen.data.load import load_text
from briefgen.data.modelbase import FAIL, Base, Pattern
from briefgen.data.pydantic_models import validated
from helpers import REPO

ODD = st.sampled_from(
    [None, True, False, 0, 3, -1, 1.5, "", "  ", "x", "tekst", "co2-normen", "Co2", "2025-2026", "AB", "ab\n",
     "\u00e9", "\u0661\u0662\u0663\u0664-2026", [], {}, ["x"], {"x": 1}, dt.date(2026, 3, 17),
     dt.datetime(2026, 3, 17, 10, 0)]
)  # fmt: skip
"""Values of every kind, right for some fields and wrong for most."""

TEXTS = st.sampled_from(
    ["tekst", "Een zin.", "  ", "", "co2-normen", "a-b", "2025-2026", "II", "XYZ", "ab\n"]
)


def values(hint: Any, depth: int, odd: bool) -> st.SearchStrategy[Any]:
    """Values of ``hint``'s type; when ``odd``, sometimes anything."""
    return (
        st.one_of(right(hint, depth, odd), right(hint, depth, odd), ODD) if odd else right(hint, depth, odd)
    )


def right(hint: Any, depth: int, odd: bool) -> st.SearchStrategy[Any]:
    origin = get_origin(hint)
    if origin is Annotated:
        base, *metadata = get_args(hint)
        patterns = [m.regex for m in metadata if isinstance(m, Pattern)]
        if patterns:
            regex = st.from_regex(patterns[0], fullmatch=True)
            return st.one_of(TEXTS, regex) if odd else regex
        return values(base, depth, odd)
    if origin in (Union, types.UnionType):
        return st.one_of([values(member, depth, odd) for member in get_args(hint)])
    if origin is list:
        size = 3 if depth < 3 else 1
        return st.lists(values(get_args(hint)[0], depth, odd), min_size=0 if odd else 1, max_size=size)
    if origin is dict:
        key, value = get_args(hint)
        keys = values(key, depth, odd).filter(lambda k: not isinstance(k, (list, dict)))
        return st.dictionaries(keys, values(value, depth, odd), max_size=2 if depth < 3 else 0)
    if origin is Literal:
        return st.sampled_from(get_args(hint))
    if isinstance(hint, type) and issubclass(hint, Base):
        return mappings(hint, depth + 1, odd)
    return {
        str: st.one_of(TEXTS, st.text(max_size=6)) if odd else st.sampled_from(["tekst", "Een zin."]),
        int: st.integers(-2, 3),
        bool: st.booleans(),
        dt.date: st.dates(),
        type(None): st.none(),
    }[hint]


def mappings(model: type[Base], depth: int, odd: bool | None = None) -> st.SearchStrategy[Any]:
    """A mapping for ``model``: a subset of its keys; when ``odd``, now and then an unknown
    key, a required one missing or a value of the wrong kind (``None``: either way)."""
    if odd is None:
        return st.booleans().flatmap(lambda odd: mappings(model, depth, odd))
    fields = model.model_fields
    if depth > 4:
        return st.just({})
    keys = st.lists(st.sampled_from([*fields, *(["onbekend"] if odd else [])]), unique=True)

    @st.composite
    def build(draw: Any) -> dict[str, Any]:
        chosen = draw(keys)
        required = [name for name, info in fields.items() if info.is_required()]
        if not odd or draw(st.integers(0, 3)):
            chosen = [*required, *(name for name in chosen if name not in required)]
        return {
            name: draw(values(fields[name].annotation, depth, odd) if name in fields else ODD)
            for name in chosen
        }

    return build()


def given_fields(record: Any) -> Any:
    """Every record's given fields, nested, for comparing two trees of records."""
    if isinstance(record, Base):
        return (sorted(record.model_fields_set), {k: given_fields(v) for k, v in record.__dict__.items()})
    if isinstance(record, list):
        return [given_fields(item) for item in record]
    if isinstance(record, dict):
        return {key: given_fields(item) for key, item in record.items()}
    return record


def agrees(model: type[Base], data: Any) -> None:
    quick = model.quick(data)
    try:
        expected = validated(model, data)
    except ValidationError:
        assert quick is FAIL
        return
    if quick is not FAIL:
        assert quick == expected
        assert given_fields(quick) == given_fields(expected)


MODELS = [Dossier, SharedNotes, Agendapunt, GaTeksten, Brief, Agenda]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_quick_check_accepts_only_what_pydantic_accepts(model: type[Base]) -> None:
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(mappings(model, 0))
    def check(data: Any) -> None:
        agrees(model, data)

    check()


def test_the_quick_check_takes_every_shipped_example() -> None:
    """The examples (and so a usual project) never need pydantic."""
    files = [(Dossier, path) for path in (REPO / "positions").glob("[!_]*.yaml")]
    files += [(Agenda, path) for path in (REPO / "agendas").glob("*.yaml")]
    assert len(files) > 10
    for model, path in files:
        loaded = load_text(path.read_text(encoding="utf-8"), str(path))
        made = model.quick(loaded.data)
        assert made is not FAIL, path.name
        assert made == validated(model, loaded.data)


def test_a_record_is_frozen_and_copies_like_a_pydantic_model() -> None:
    punt = Agendapunt.quick({"dossier": "co2-normen", "soort": "beleidsdebat"})
    with pytest.raises(TypeError):
        punt.soort = "diversen"  # type: ignore[misc]
    copy = punt.model_copy(update={"kop": "Kop"})
    assert (copy.kop, punt.kop) == ("Kop", None)
    assert copy.model_fields_set == {"dossier", "soort", "kop"}
    assert punt.model_dump(exclude_none=True) == {"dossier": "co2-normen", "soort": "beleidsdebat"}


def test_a_record_survives_pickling() -> None:
    import pickle

    punt = Agendapunt.quick({"dossier": "co2-normen", "kopjes": {"inzet": "Inzet"}})
    again = pickle.loads(pickle.dumps(punt))  # noqa: S301 - our own object, in this test
    assert again == punt
    assert again.model_fields_set == {"dossier", "kopjes"}


def test_each_record_gets_its_own_copy_of_a_record_default() -> None:
    """As pydantic does: two agendas never share the mutable parts of a default 'ga'."""
    path = REPO / "agendas" / "milieuraad-2026-03-17.yaml"
    data = dict(load_text(path.read_text(encoding="utf-8"), str(path)).data)
    del data["ga"]
    first, second = Agenda.quick(data), Agenda.quick(data)
    assert first is not FAIL and second is not FAIL
    assert first.ga == second.ga
    assert first.ga is not second.ga
    assert first.ga.voetnoot_bij is not second.ga.voetnoot_bij
