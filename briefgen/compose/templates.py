"""A project's Jinja templates for one Council formation, and what goes wrong in them as
template errors at their place."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Hashable
from functools import cached_property, partial
from pathlib import Path
from typing import Any

import jinja2

from ..data.formations import slug as slug  # re-exported: the name every stage slugs with
from ..data.formations import template_folders
from ..data.modelbase import Base
from ..data.private_cache import cache_folder
from ..document.dutch import FILTERS
from ..document.shape import GaShape
from ..errors import Location, UserError, _, fail, joined
from .codecache import CachedCompile, CodeCache
from .loader import Loader
from .sandbox import Sandbox

TITLES = "_titels.md.j2"
FOOTNOTE = "_voetnoot.md.j2"
MAX_KEPT_FOOTNOTES = 10_000
MAX_KEPT_FOOTNOTE_CHARS = 20_000_000
"""Rendered footnotes one Templates keeps, and the characters of them and their texts: a
long-running process keeps a bounded number."""
SOORT_DELEN = ("regel", "kop", "opening")
"""What every item type in ``_soorten.md.j2`` has: agenda line, heading, running-prose opening."""

# Python errors a template can cause itself ({{ 1/0 }}, a filter given the wrong type):
# template errors when they arise in a template's code, bugs in briefgen otherwise.
TEMPLATE_FAULTS = (ArithmeticError, LookupError, TypeError, ValueError, AttributeError, MemoryError)


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return _("no key {error}", error=error)
    return str(error) or type(error).__name__


class Environment(CachedCompile, Sandbox):
    """The sandbox, with each template's generated code kept in the caller's cache folder."""


class Templates:
    """The Jinja templates of a project, for one Council formation.

    ``templates/<formation>/`` overrides ``templates/`` file by file; a configuration
    that shares another's templates (``data/formations.py``) reads that one's folder next.
    """

    def __init__(self, folder: Path, formation: str):
        self.folder = folder
        self.folders = [folder / name for name in template_folders(formation)]
        self.env = Environment(Loader([*self.folders, folder], folder), FILTERS)
        self.env.code_cache = CodeCache(cache_folder())
        self._footnotes: dict[Hashable, str] = {}
        self._footnote_chars = 0
        self._origins: dict[str, Location] = {}
        self._titles: dict[str, str] = {}

    def compile_all(self) -> None:
        """Compile every template this formation can use now (before ``-j`` workers fork, so that
        they share the code); a template that does not compile is left for its render to report."""
        names = {
            path.relative_to(folder).as_posix()
            for folder in (*self.folders, self.folder)
            if folder.is_dir()
            for path in folder.glob("*.j2")
        }
        for name in sorted(names):
            with contextlib.suppress(UserError):
                self._guard(partial(self.env.get_template, name))

    def render(self, name: str, **view: Any) -> str:
        text: str = self._guard(lambda: self.env.get_template(name).render(**view), name)
        return text

    def footnote(self, voetnoot: object, kamerstuk: str | None) -> str:
        """One footnote's definition from ``_voetnoot.md.j2``, rendered once per footnote these
        templates see: a footnote cited in every document of a package (and again in the next
        render of a long-running process) is the same text each time."""
        key = value_key((voetnoot, kamerstuk))
        found = self._footnotes.get(key) if key is not None else None
        if found is None:
            found = self.render(FOOTNOTE, voetnoot=voetnoot, kamerstuk=kamerstuk)
            if key is not None:
                self._keep_footnote(
                    key, found, len(found) + (len(voetnoot) if isinstance(voetnoot, str) else 0)
                )
        return found

    def _keep_footnote(self, key: Hashable, text: str, size: int) -> None:
        """Keep a rendered footnote; past the limits (a long-running process, footnotes edited
        again and again) the kept ones are let go and keeping starts over."""
        if (
            len(self._footnotes) >= MAX_KEPT_FOOTNOTES
            or self._footnote_chars + size > MAX_KEPT_FOOTNOTE_CHARS
        ):
            self._footnotes.clear()
            self._footnote_chars = 0
        self._footnotes[key] = text
        self._footnote_chars += size

    def origin(self, name: str) -> Location:
        """The file template ``name`` is read from, as a whole (found once per name: these
        templates are those of one state of their files)."""
        found = self._origins.get(name)
        if found is None:
            template = self._guard(lambda: self.env.get_template(name))
            found = self._origins[name] = Location.file(self._display(Path(template.filename or name)))
        return found

    @cached_property
    def soorten(self) -> dict[str, Any]:
        """The agenda item types the templates know, from ``_soorten.md.j2``."""
        template = self._guard(lambda: self.env.get_template("_soorten.md.j2"))
        soorten = dict(getattr(self._guard(lambda: template.module), "soorten", {}))
        for name, parts in soorten.items():
            missing = [part for part in SOORT_DELEN if not isinstance(parts, dict) or part not in parts]
            if missing:
                raise fail(
                    self._named_in(template.filename, name),
                    _(
                        "item type '{name}' has no {missing}; every template reads {parts} from this one table",
                        name=name,
                        missing=joined((repr(m) for m in missing), _(" or ")),
                        parts=", ".join(repr(p) for p in SOORT_DELEN),
                    ),
                )
        return soorten

    @cached_property
    def slotzin(self) -> str:
        """The sentence that closes an item's inzet in running prose, from ``_soorten.md.j2``."""
        template = self._guard(lambda: self.env.get_template("_soorten.md.j2"))
        found = getattr(self._guard(lambda: template.module), "slotzin", "")
        return found if isinstance(found, str) else ""

    @cached_property
    def ga_shape(self) -> GaShape:
        """What the formation's GA template writes itself, for reading a GA back: read from the
        template and those it includes (two levels), here where the templates are known."""
        source = self.source("geannoteerde-agenda.md.j2", depth=2)
        title = re.search(r'ga\.titel or "([^"]*)"(\s*~\s*agenda\.raad)?', source)
        return GaShape(
            typed_headings="s.kop(" in source,
            numbered_title="I. {{ ga.titel" in source,
            numbered_parts=bool(re.search(r"\{%-?\s*set eerste\b", source)),
            openings="s.opening(" in source,
            intro=bool(re.search(r"\{\{\s*ga\.inleiding\b|ga\.inleiding\s*\|", source)),
            title=(title[1].strip(), bool(title[2])) if title else ("", False),
            parts="delen" in source,
            heading_numbers="ga.kopnummers" in source,
        )

    def source(self, name: str, depth: int = 0) -> str:
        """Template ``name``'s text without its comments, followed by the texts of the templates it
        includes (``depth`` levels deep); empty for a template that cannot be read."""
        try:
            text = self.env.loader.get_source(self.env, name)[0]
        except Exception:  # noqa: BLE001 - a template that cannot be read adds nothing to look at
            return ""
        text = re.sub(r"\{#.*?#\}", "", text, flags=re.DOTALL)  # what a comment says is not written
        if depth:
            for included in re.findall(r"\{%-?\s*include\s+\"([^\"]+)\"", text):
                text += self.source(included, depth - 1)
        return text

    def title(self, document: str) -> str:
        """A document's name, the start of its title, from the table in ``_titels.md.j2`` (read
        once per name, like :meth:`origin`)."""
        found = self._titles.get(document)
        if found is None:
            found = self._titles[document] = self._title(document)
        return found

    def _title(self, document: str) -> str:
        template = self._guard(lambda: self.env.get_template(TITLES))
        titels = getattr(self._guard(lambda: template.module), "titels", None)
        found = titels.get(document) if isinstance(titels, dict) else None
        if not isinstance(found, str):
            raise fail(
                self._location(template.filename or TITLES, 1),
                _(
                    "'titels' has no title for '{document}'; every document takes its name from this one table",
                    document=document,
                ),
            )
        return found

    def review(self, title: str, portfolio: str) -> tuple[str, str]:
        """A review copy's title and the line on every page of it, from the macros
        ``reviewtitel`` and ``reviewregel`` in ``_titels.md.j2``."""
        return self._title_macro("reviewtitel", title), self._title_macro("reviewregel", portfolio)

    def _title_macro(self, name: str, value: str) -> str:
        template = self._guard(lambda: self.env.get_template(TITLES))
        macro = getattr(self._guard(lambda: template.module), name, None)
        if not callable(macro):
            raise fail(
                self._location(template.filename or TITLES, 1),
                _("no macro '{name}'; a review copy takes its wording from this file", name=name),
            )
        return str(self._guard(lambda: macro(value)))

    def _named_in(self, filename: str | None, name: str) -> Location:
        """Where a template first names ``name`` in quotes (its first line if nowhere)."""
        try:
            lines = Path(filename or "").read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        for number, line in enumerate(lines, 1):
            if f'"{name}"' in line:
                return Location(self._display(Path(filename or "")), number, line.index(f'"{name}"') + 2)
        return self._location(filename or "?", 1)

    def _guard(self, action: Callable[[], Any], name: str | None = None) -> Any:
        """Run a template with a fresh budget; what goes wrong in it is a template error at its place.

        What goes wrong outside any template line (Jinja folding a constant while it compiles
        template ``name``, or joining its output) is placed at the start of that template.
        """
        try:
            return self.env.run(action)
        except jinja2.TemplateSyntaxError as error:
            where = self._location(error.filename or error.name or "?", error.lineno)
            raise fail(where, _("template error: {message}", message=error.message)) from None
        except jinja2.TemplateNotFound as error:
            where = self._template_frame() or Location(self._display(self.folder))
            raise fail(where, _not_found(str(error.name))) from None
        except jinja2.TemplateError as error:
            raise fail(self._traceback_location(name), _("template error: {error}", error=error)) from None
        except RecursionError:
            raise fail(
                self._traceback_location(name),
                _("template error: a macro or include calls itself without end"),
            ) from None
        except TEMPLATE_FAULTS as error:
            frame = self._template_frame()
            if frame is None:
                raise
            raise fail(frame, _("template error: {error}", error=_describe(error))) from None

    def _traceback_location(self, name: str | None = None) -> Location:
        return (
            self._template_frame() or (name and self._start_of(name)) or Location(self._display(self.folder))
        )

    def _start_of(self, name: str) -> Location | None:
        try:
            _, filename, _ = self.env.loader.get_source(self.env, name)
        except jinja2.TemplateError:
            return None
        return self._location(filename or name, 1)

    def _template_frame(self) -> Location | None:
        """The innermost template line in the traceback being handled, if any."""
        import traceback  # only when a template went wrong

        frames = traceback.extract_tb(sys.exc_info()[2])
        for frame in reversed(frames):
            if frame.filename.endswith(".j2"):
                return self._location(frame.filename, frame.lineno or 1)
        return None

    def _location(self, filename: str, line: int) -> Location:
        return Location(self._display(Path(filename)), line, 1)

    def _display(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.folder.resolve().parent))
        except ValueError:
            return str(path)


def value_key(value: object) -> Hashable | None:
    """What a template can see of ``value`` (texts with the marks ``str`` gives them, numbers,
    records with the fields their file gave), as a key; None for anything else."""
    if value is None or type(value) in (int, bool, float):
        return (type(value), value)
    if isinstance(value, str):
        return (type(value), str(value))
    if isinstance(value, tuple):
        parts = tuple(value_key(part) for part in value)
        return None if any(part is None for part in parts) else (tuple, parts)
    if isinstance(value, Base):
        fields = tuple((name, value_key(part)) for name, part in value.__dict__.items())
        if any(part is None for _name, part in fields):
            return None
        return (type(value), fields, frozenset(value.model_fields_set))
    return None


def _not_found(name: str) -> str:
    """Why an include, import or extends of ``name`` found no template."""
    if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
        return _(
            "template '{name}' is outside templates/; a template includes only templates inside it", name=name
        )
    return _("template '{name}' not found", name=name)
