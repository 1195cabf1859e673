"""A field of the view looked up in a template: what Jinja's own lookup gives, the quick way
the sandbox takes for the view's mappings included (attributes of a dict first, then its keys)."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.compose.reads import ViewPath, watched
from briefgen.compose.sandbox import Sandbox
from briefgen.document.dutch import FILTERS


def _render(source: str, **view: Any) -> str:
    env = Sandbox(jinja2.DictLoader({"t.md.j2": source}), FILTERS)
    return str(env.run(lambda: env.get_template("t.md.j2").render(**view)))


def _jinja(source: str, **view: Any) -> str:
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(undefined=jinja2.ChainableUndefined)
    return env.from_string(source).render(**view)


def test_a_key_named_like_a_dict_method_leaves_the_method() -> None:
    assert _render("{{ d.keys() | list | length }}", d={"keys": "x", "a": 1}) == "2"


def test_a_key_starting_with_an_underscore_is_found_as_jinja_finds_it() -> None:
    assert _render("{{ d._eigen }}", d={"_eigen": "gevonden"}) == "gevonden"


def test_a_missing_field_of_a_watched_view_is_named_by_its_place() -> None:
    seen: set[ViewPath] = set()
    view = watched({"punten": [{"kop": "Kop"}]}, seen)
    with pytest.raises(jinja2.UndefinedError, match=r"punten\[0\] has no field 'x'"):
        _render("{{ punten[0].kop }}{{ punten[0].x }}", **view)
    assert ("punten", 0, "kop") in seen


def test_a_watched_views_own_attributes_stay_out_of_reach() -> None:
    view = watched({"agenda": {"raad": "Milieuraad"}}, set())
    with pytest.raises(jinja2.exceptions.SecurityError):
        _render("{{ agenda._watched_seen }}", **view)


@settings(deadline=None)  # each example compiles its template: slow on a busy machine
@given(
    st.dictionaries(st.sampled_from(["a", "items", "get", "_x", "__class__", "copy", "kop"]), st.integers()),
    st.sampled_from(["a", "items", "get", "_x", "copy", "kop", "values"]),
)
def test_a_lookup_finds_what_jinjas_own_sandbox_finds(mapping: dict[str, int], name: str) -> None:
    """A key's value, a method's name (called for its result) or nothing, as in Jinja's sandbox."""
    source = f"{{% set v = d.{name} %}}{{{{ v is defined }}}}:{{{{ v if v is number else '' }}}}"
    assert _render(source, d=mapping) == _jinja(source, d=mapping)


class _Store:
    """An object a template is given, with a method named like a mapping's that changes it."""

    def clear(self) -> str:
        return "leeg"


def test_a_class_registered_as_a_mutable_mapping_later_loses_its_changing_methods() -> None:
    env = Sandbox(jinja2.DictLoader({}), FILTERS)
    store = _Store()
    assert env.is_safe_attribute(store, "clear", store.clear)  # decided, and kept
    MutableMapping.register(_Store)
    assert not env.is_safe_attribute(store, "clear", store.clear)


class _Posing:
    """An object whose ``__class__`` says it is a list, which isinstance believes."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: D105
        return list

    def append(self, item: object) -> None:
        return None


def test_an_object_posing_as_another_class_is_decided_as_jinja_decides() -> None:
    env = Sandbox(jinja2.DictLoader({}), FILTERS)
    posing = _Posing()
    assert env.is_safe_attribute(posing, "append", posing.append) is False
    assert env.is_safe_attribute(posing, "append", posing.append) is False
