"""join and ``~`` stop making texts as soon as the texts made so far pass the limit.

Items that are each within the limit but together far past it (a thousand lists of a
megabyte: a gigabyte) were all written as text before the sum was checked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefgen.compose import quota
from briefgen.compose.quota import LimitExceeded


def test_texts_are_refused_before_every_item_is_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quota, "MAX_TEXT", 1_000_000)
    pulled: list[int] = []

    def items() -> Iterator[list[str]]:
        for n in range(1_000):
            pulled.append(n)
            yield ["x" * 100_000]

    with pytest.raises(LimitExceeded, match="more than 1,000,000 characters"):
        quota.as_texts(items())
    assert len(pulled) <= 11


def test_texts_within_the_limit_are_each_written() -> None:
    assert quota.as_texts(["a", 1, ["b"]], separator=2) == ["a", "1", "['b']"]
