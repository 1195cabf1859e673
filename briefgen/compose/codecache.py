"""The Python code Jinja generates for each template, kept between runs in a folder only the
caller owns.

Compiling a template (parsing it, generating Python source and compiling that) costs
more than running it. The compiled code object is kept, one file per template, in the
caller's own cache folder (``$XDG_CACHE_HOME/briefgen``, else ``~/.cache/briefgen``),
written with ``marshal`` as Python writes its own ``.pyc`` files and read back the same
way; nothing is unpickled. Each code object is given the template's file name when read,
so one entry serves the same template wherever a project lies.

An entry is named by the SHA-256 of everything its code follows from: the template's
name and source, the sandbox's settings and the code of its filters and compiler, the
Jinja and Python versions (the bytecode's magic number included). The folder and the entries
are opened, checked and written by ``data/private_cache.py``, as the cache of dataclasses'
code is: an entry starts with its name and the SHA-256 of the code's bytes, both checked
on every read; anything that fails a check is ignored and the template compiled as if
there were no cache. ``BRIEFGEN_TEMPLATE_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import types
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ..data import private_cache

FORMAT = b"briefgen template code 2"
MAX_ENTRY_BYTES = 8_000_000
MAX_ENTRIES = 2_000
"""The entries kept at most: past them, writing one removes the oldest written (a template
edited and compiled again leaves its earlier entry behind; the examples use about 90)."""


def settings(environment: jinja2.Environment) -> bytes:
    """What the generated code of any template depends on besides its name and source."""
    kind = type(environment)
    compiler = environment.code_generator_class
    options = [
        FORMAT.decode(),
        f"jinja2 {jinja2.__version__}",
        private_cache.interpreter(),
        f"{kind.__module__}.{kind.__qualname__}",
        f"{compiler.__module__}.{compiler.__qualname__}",
        repr(
            (
                environment.block_start_string,
                environment.block_end_string,
                environment.variable_start_string,
                environment.variable_end_string,
                environment.comment_start_string,
                environment.comment_end_string,
                environment.line_statement_prefix,
                environment.line_comment_prefix,
                environment.trim_blocks,
                environment.lstrip_blocks,
                environment.newline_sequence,
                environment.keep_trailing_newline,
                environment.optimized,
                repr(environment.autoescape),
                sorted(environment.extensions),
                sorted(getattr(environment, "intercepted_binops", ())),
                sorted(getattr(environment, "intercepted_unops", ())),
                sorted(environment.filters),
                sorted(environment.tests),
                sorted(environment.globals),
            )
        ),
    ]
    # The optimizer runs filters on constants while it compiles, so the filters' code
    # (and the sandbox's, the compiler's) is part of what an entry follows from.
    modules = {kind.__module__, compiler.__module__, __name__}
    for function in [*environment.filters.values(), *environment.tests.values()]:
        modules.add(getattr(function, "__module__", None) or "")
    digest = hashlib.sha256("\n".join(options).encode())
    for name in sorted(modules):
        if name.startswith("briefgen"):
            digest.update(name.encode() + b"\0" + _module_digest(name))
    return digest.digest()


@cache
def _module_digest(name: str) -> bytes:
    path = getattr(sys.modules.get(name), "__file__", None)
    try:
        with open(path or "", "rb") as handle:
            return hashlib.sha256(handle.read()).digest()
    except OSError:
        return os.urandom(16)  # unknown code: never matches an entry


def entry_name(settings_digest: bytes, name: str | None, source: str) -> str:
    """The file an entry lives in: the SHA-256 of its settings, template name and source."""
    digest = hashlib.sha256(FORMAT + b"\0" + settings_digest)
    digest.update(b"\0" + (name or "").encode("utf-8", "surrogatepass") + b"\0")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest() + ".py"


class CodeCache:
    """Generated template code in one user's cache folder (see the module's description)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.pruned = False

    def get(self, key: str) -> types.CodeType | None:
        """The code object stored as ``key``, or None if there is none to trust."""
        descriptor = private_cache.open_folder(self.folder, create=False)
        if descriptor is None:
            return None
        try:
            body = private_cache.read_entry(descriptor, key, FORMAT, MAX_ENTRY_BYTES)
        finally:
            os.close(descriptor)
        if body is None:
            return None
        try:
            code = marshal.loads(body)
        except (EOFError, ValueError, TypeError):
            return None
        return code if isinstance(code, types.CodeType) else None

    def put(self, key: str, code: types.CodeType) -> None:
        """Keep ``code`` as ``key``; a folder or disk that refuses is no error."""
        descriptor = private_cache.open_folder(self.folder, create=True)
        if descriptor is None:
            return
        try:
            private_cache.write_entry(descriptor, key, FORMAT, marshal.dumps(code))
            if not self.pruned:  # once a process: a render compiles a template or twenty
                self.pruned = True
                private_cache.prune(descriptor, _is_entry, MAX_ENTRIES)
        finally:
            os.close(descriptor)


def _is_entry(name: str) -> bool:
    return name.endswith(".py")


def _named(code: types.CodeType, filename: str) -> types.CodeType:
    """``code`` and the code objects inside it (macros, blocks) as compiled from ``filename``."""
    inner = tuple(_named(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=inner)


class CachedCompile:
    """Mixed into a Jinja environment: ``compile`` takes generated code from the cache."""

    code_cache: CodeCache | None = None
    _settings: bytes | None = None

    def compile(
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        cache = self.code_cache
        if cache is None or raw or defer_init or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)  # type: ignore[misc]
        if self._settings is None:
            self._settings = settings(self)  # type: ignore[arg-type]
        key = entry_name(self._settings, name, source)
        filename = filename or "<template>"
        code = cache.get(key)
        if code is not None:
            return code if code.co_filename == filename else _named(code, filename)
        generated = super().compile(source, name, filename, raw=True)  # type: ignore[misc]
        code = self._compile(generated, filename)  # type: ignore[attr-defined]
        cache.put(key, code)
        return code
