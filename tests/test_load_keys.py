"""Keys of a file without aliases are taken as the builder with aliases takes them: the same
data and places, and the same refusals, whatever the key's style."""

from __future__ import annotations

import pytest

from briefgen.data.load import load_text
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
