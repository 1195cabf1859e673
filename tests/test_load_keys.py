"""Keys of a file without aliases are taken as the builder with aliases takes them: the same
data and places, and the same refusals, whatever the key's style."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.data.limits import TOO_DEEP
from briefgen.data.load import Source, _Builder, _Unaliased, load_text
from briefgen.data.parsers import node_tree
from briefgen.errors import UserError

KEYS = [
    "a: 1\nb: 2\n",
    "'a': 1\n\"b\": 2\n3: x\n",
    "a: {b: 1, 'c': [d, {e: 2}]}\n",
    "a: 1\na: 2\n",
    "a: 1\n'a': 2\n",
    '"a\\x01": 1\n',
    "? [a]\n: 1\n",
    "<<: {a: 1}\n",
    "'- - - - - - - - - - - - - - - - - - - - x': 1\n",
]


def outcome(text: str) -> object:
    try:
        loaded = load_text(text, "f.yaml")
    except UserError as error:
        return [(str(p.location), p.message) for p in error.problems]
    return loaded.data, loaded.source.keys, loaded.source.values


@pytest.mark.parametrize("text", KEYS)
def test_keys_load_alike_with_and_without_aliases(text: str) -> None:
    """A '*' in a comment makes the loader take the builder that expands aliases."""
    assert outcome(text) == outcome(text + "# *\n")


def test_a_key_past_the_first_is_checked_as_the_first() -> None:
    assert outcome('a: 1\n"b\\x01": 2\n') == [("f.yaml:2:1", outcome('"b\\x01": 2\n')[0][1])]


VALUES = [
    "a: b\nc: '- d'\nd: \"e\"\ne: |\n  f\n  - g\nf: 1x\ng: ²\nh: ''\n",
    "a: [b, - c, {d: e}]\nb: !!str 3\nc: > \n  d\n",
    "a: " + "x" * 1_999 + "\nb: " + "x" * 2_000 + "\n",
    "a: " + "1) " * 21 + "x\n",
    "a: '" + "- " * 21 + "x'\n",
    "a: " + "1) " * 20 + "x\n",
    "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(49)) + "  " * 49 + "k: v\n",
    "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(50)) + "  " * 50 + "k: v\n",
]


@pytest.mark.parametrize("text", VALUES)
def test_values_load_alike_with_and_without_aliases(text: str) -> None:
    """The builder without aliases takes a plainly good text value in its mapping's loop."""
    assert outcome(text) == outcome(text + "# *\n")


@pytest.mark.parametrize("depth", [49, 50])
def test_a_value_past_the_depth_limit_is_refused_by_both_builders(depth: int) -> None:
    """``refuse_deep`` stops such a file first; the builders, asked directly, refuse alike."""
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + "  " * depth + "k: v\n"
    node = node_tree(text, "f.yaml")
    found = []
    for builder in (_Builder, _Unaliased):
        try:
            found.append(builder(Source("f.yaml", text)).build(node, ()))
        except UserError as error:
            found.append([(str(p.location), p.message) for p in error.problems])
    assert found[0] == found[1]
    assert (found[0] == [("f.yaml:51:104", TOO_DEEP)]) == (depth == 50)


SCALAR = st.text(alphabet=[*"ab -+*>1.)\n\t'\"²é#:"], max_size=12)
DATA = st.recursive(
    st.one_of(SCALAR, st.integers(), st.none()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SCALAR, inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(DATA, st.sampled_from([None, "'", '"', "|", ">"]), st.booleans())
def test_random_files_load_alike_with_and_without_aliases(
    data: object, style: str | None, flow: bool
) -> None:
    text = yaml.safe_dump({"k": data}, default_style=style, default_flow_style=flow, allow_unicode=True)
    assert outcome(text) == outcome(text + "# *\n")
