"""Problems in the user's data, each tied to a place in a file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column; line 0 stands for the file as a whole."""

    path: str
    line: int = 1
    column: int = 1

    @classmethod
    def file(cls, path: str) -> Location:
        """A file as a whole, for a problem no line of it causes; shown as just its path."""
        return cls(path, 0, 0)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path


@dataclass(frozen=True)
class Problem:
    """One mistake in the user's input, reported as ``file:line:col: message``."""

    location: Location
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.location}: {prefix}{self.message}"


class UserError(Exception):
    """Raised for mistakes in the user's data, templates or documents (exit code 1).

    Carries one or more problems; anything else that escapes is a bug in briefgen.
    """

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def fail(location: Location, message: str) -> UserError:
    return UserError(Problem(location, message))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a close match exists, else ''."""
    import difflib  # only when a name is unknown

    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
