"""Where a YAML file stops parsing and what to do about it: ruamel.yaml's error, said
plainly, with a hint for the usual slips (an indentation off by a few spaces, a list
item among keys, a colon inside a text)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..errors import Location, _, joined

if TYPE_CHECKING:
    from ruamel.yaml.error import MarkedYAMLError


def syntax_problem(error: MarkedYAMLError, text: str, display: str) -> tuple[Location, str]:
    """The place and explanation of a syntax error in ``text``."""
    return _location(error, display), _message(error) + _indent_hint(error, text)


def _location(error: MarkedYAMLError, display: str) -> Location:
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return Location(display, 1, 1)
    return Location(display, mark.line + 1, mark.column + 1)


def _message(error: MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    if "'\\t'" in problem or "\\t" in problem:
        return _("a tab character cannot indent YAML; use spaces")
    message = f"{context}: {problem}" if context and problem else problem or context
    return _("YAML syntax error: {message}", message=message)


_KEY_LINE = r"^( *)((?:- +)*)([^\s#:'\"][^:#]*?):(?: |$)"
"""A line that starts with a key (compiled when a file does not parse)."""


def _key_at(line: str) -> tuple[int, str] | None:
    """The column (0-based) and name of the key a line starts with, if it starts with one."""
    found = re.match(_KEY_LINE, line)
    if not found:
        return None
    return len(found.group(1)) + len(found.group(2)), found.group(3).strip()


def _indent_hint(error: Any, text: str) -> str:
    """What YAML expected where an indentation slip or a colon in a text broke the file."""
    mark = error.problem_mark
    if mark is None:
        return ""
    lines = text.splitlines()
    if not 0 <= mark.line < len(lines):
        return ""
    number, line = mark.line + 1, lines[mark.line]
    problem = error.problem or ""
    key = _key_at(line)
    if "mapping values are not allowed" in problem:
        if key and mark.column > key[0] + len(key[1]):
            return _(
                "; the text of '{key}' contains a colon followed by a space or line end: put the whole text in quotes, or write it on the next lines after '>-'",
                key=key[1],
            )
    elif "expected <block end>" not in problem:
        return ""
    if "found '-'" in problem:
        return _(
            "; a list item ('- ') cannot stand among the keys of a mapping: give it a key, or indent it under one"
        )
    indent = len(line) - len(line.lstrip(" "))
    if line.lstrip().startswith("- "):
        dashes = [
            (n + 1, len(other) - len(other.lstrip(" ")))
            for n, other in enumerate(lines[: mark.line])
            if other.lstrip().startswith("- ")
        ]
        if dashes:
            n, column = dashes[-1]
            return _(
                "; the '- ' on line {number} is indented {indent}: line it up with the '- ' on line {n} ({column})",
                number=number,
                indent=_spaces(indent),
                n=n,
                column=_spaces(column),
            )
    above = _enclosing_keys(lines[: mark.line])
    if not above:
        return ""
    choices = joined(
        (
            _("'{name}' on line {n} ({spaces})", name=name, n=n, spaces=_spaces(column))
            for n, column, name in above
        ),
        _(" or "),
    )
    what = f"'{key[1]}'" if key else _("this line")
    return _(
        "; {what} on line {number} is indented {indent}: line it up with {choices}",
        what=what,
        number=number,
        indent=_spaces(indent),
        choices=choices,
    )


def _spaces(count: int) -> str:
    return _("1 space") if count == 1 else _("{count} spaces", count=count)


def _enclosing_keys(lines: list[str]) -> list[tuple[int, int, str]]:
    """The keys above a line that it could belong beside: the nearest one, then each less indented one."""
    found: list[tuple[int, int, str]] = []
    for index in range(len(lines) - 1, -1, -1):
        key = _key_at(lines[index])
        if key is None:
            continue
        column, name = key
        if not found or column < found[-1][1]:
            found.append((index + 1, column, name))
        if column == 0 or len(found) == 3:
            break
    return found
