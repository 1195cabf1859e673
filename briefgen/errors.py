"""Problems in the user's data, each tied to a place in a file, and the messages that say them.

A message is written in English with named placeholders, ``_("unknown key '{key}'", key=key)``,
and shown in the user's language: Dutch when the locale says so (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES`` or ``LANG``, the first one set, naming ``nl`` before ``C``), English otherwise.
The Dutch texts are in ``briefgen/locale/nl/LC_MESSAGES/briefgen.po`` (compiled beside it to
``briefgen.mo``, read with the standard library's gettext only when the locale is Dutch).
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gettext import GNUTranslations

LOCALES = Path(os.path.abspath(__file__)).parent / "locale"
"""The message catalogs: ``LOCALES/nl/LC_MESSAGES/briefgen.mo``."""
DOMAIN = "briefgen"
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class Message(str):
    """A message for the user: its English text as the string itself (compared, sorted and
    searched as such, so the order of problems is the same in every language), shown through
    ``str()`` or a format in the user's language. Placeholders that are Texts themselves are
    shown in that language too; every other value (the user's own words) is shown as given."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, params: dict[str, Any]) -> Message:
        english = msgid.format_map({key: _english(value) for key, value in params.items()})
        text = super().__new__(cls, english)
        text.msgid = msgid
        text.params = params
        return text

    def __str__(self) -> str:
        catalog = translations()
        if catalog is None:
            return str.__str__(self)
        try:
            return _DUTCH_NUMBERS.vformat(catalog.gettext(self.msgid), (), self.params)
        except (KeyError, IndexError, ValueError):  # a translation naming another placeholder
            return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return format(self.__str__(), spec)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.msgid, self.params))


class _DutchNumbers(string.Formatter):
    """Formats as ``str.format_map`` does, but a number given thousands separators reads as
    Dutch writes it: 1.001 for a thousand and one (and 2,5 for two and a half)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        text = super().format_field(value, format_spec)
        if isinstance(value, int | float) and "," in format_spec:
            return text.translate(_SWAP_SEPARATORS)
        return text


_DUTCH_NUMBERS = _DutchNumbers()
_SWAP_SEPARATORS = str.maketrans({",": ".", ".": ","})


def _(msgid: str, /, **params: Any) -> Message:
    """The message ``msgid`` (English, a literal, ``{name}`` placeholders, ``{{`` for a brace)
    with its values, shown in the user's language."""
    return Message(msgid, params)


def _english(value: Any) -> Any:
    return str.__str__(value) if isinstance(value, Message) else value


def translate(text: str) -> str:
    """A text that is no literal at its place (a command's docstring, an option's help) in the
    user's language, when the catalog has it; else as given."""
    catalog = translations()
    return text if catalog is None or not text else catalog.gettext(text)


def joined(texts: Iterable[str], separator: str = ", ") -> str:
    """Texts joined as each is shown (``str.join`` would take their English)."""
    return str(separator).join(str(text) for text in texts)


def dutch() -> bool:
    """True when the locale asks for Dutch and briefgen has the catalog for it."""
    return translations() is not None


_CACHE: dict[tuple[str, ...], GNUTranslations | None] = {}


def translations() -> GNUTranslations | None:
    """The Dutch catalog (a ``gettext.GNUTranslations``) when the locale asks for Dutch, else
    None. Without ``nl`` in the locale variable that decides, nothing is imported or read."""
    setting = next((value for name in _LOCALE_VARIABLES if (value := os.environ.get(name, ""))), "")
    lowered = setting.lower()
    if "nl" not in lowered and "dutch" not in lowered:
        return None
    key = tuple(os.environ.get(name, "") for name in _LOCALE_VARIABLES)
    if key not in _CACHE:
        import gettext  # only for a locale that may be Dutch

        found = gettext.find(DOMAIN, str(LOCALES))
        if found is None:
            _CACHE[key] = None
        else:
            with open(found, "rb") as catalog:
                _CACHE[key] = gettext.GNUTranslations(catalog)
    return _CACHE[key]


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
        if self.warning:
            return str(_("{place}: warning: {message}", place=self.location, message=self.message))
        return f"{self.location}: {self.message}"


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
    return _(" (did you mean '{match}'?)", match=match[0]) if match else ""
