"""The methods ``dataclasses`` generates for each class, compiled once and kept between runs.

For every ``@dataclass``, Python 3.11 and 3.12 write the source of each method it adds
(``__init__``, ``__repr__``, ``__eq__``, the order methods, ``__hash__``, a frozen class's
``__setattr__`` and ``__delattr__``) and compile it with ``exec`` in
``dataclasses._create_fn``: about 0.08 ms a method, some 250 methods before a GA is
rendered. The ``briefgen`` script calls :func:`install` before briefgen's own modules
load. From then on, ``exec`` in ``dataclasses`` is :meth:`CompiledMethods.exec`: the
source it is given is looked up in a bundle of code objects read once from the caller's
cache folder, and compiled, as ``exec`` compiles it, only when missing. The code object
is then run as ``exec`` runs it, so each class gets the functions it would get without
the bundle (same code, names, annotations, defaults and closures;
``tests/test_dataclass_code.py``).

The bundle is one entry of the private cache (``data/private_cache.py``: a folder only
the caller can use, an entry whose format line, key and SHA-256 are checked, written
whole; ``BRIEFGEN_TEMPLATE_CACHE=0`` turns it off). It is named by the SHA-256 of the
exact Python (version and bytecode magic number) and of ``dataclasses.py``'s source, so
another Python or another ``dataclasses`` never reads it. It holds a dictionary from
each method's whole source to its code object, marshalled and compressed with zlib (a
seventh of the size: less to read and hash). It is written at exit (the script's exit
handlers), by the process that read it, only when a source was compiled; past
:data:`MAX_ENTRIES` sources or :data:`MAX_BYTES` it starts over with the sources this
process used.

Installed only where ``dataclasses._create_fn`` is the function this was written against:
parameters ``name, args, body`` and keyword-only ``globals, locals, return_type``, ``exec``
called by name, no ``__future__`` feature that would compile the source otherwise. Python
3.13 builds the methods otherwise (it has no ``_create_fn``) and runs without the bundle.
"""

from __future__ import annotations
import __future__

import atexit
import builtins
import dataclasses
import hashlib
import marshal
import os
import sys
import types
import zlib
from pathlib import Path
from typing import Any

from . import platform, private_cache

FORMAT = b"briefgen dataclass code 1"
MAX_ENTRIES = 2_000
"""The sources a bundle keeps at most (render, check, status, preview and absorb use about 350)."""
MAX_BYTES = 2_000_000
"""The bytes a bundle's code takes at most, marshalled (about 1 kB a source; the file holds it
compressed with zlib, about a seventh of that)."""

KEPT_BUNDLES = 4
"""The bundles kept at most, one per Python and ``dataclasses`` used: past them, writing one
removes the oldest written (each upgrade leaves its Python's bundle behind)."""

_PARAMETERS = ("name", "args", "body", "globals", "locals", "return_type")
_FUTURE = sum(getattr(__future__, name).compiler_flag for name in __future__.all_feature_names)


class CompiledMethods:
    """The compiled methods of one process: those read from the cache, and those compiled since."""

    def __init__(self, kept: dict[Any, Any]):
        self.kept = kept
        self.used: dict[str, types.CodeType] = {}
        self.compiled = 0

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        """``exec(source, globals, locals)``, a source string's code taken from the bundle."""
        if globals is None:  # exec's own default: the namespaces of whoever called it
            caller = sys._getframe(1)
            globals = caller.f_globals
            locals = caller.f_locals if locals is None else locals
        if type(source) is str:
            code = self.kept.get(source)
            if type(code) is not types.CodeType:
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.kept[source] = code
                self.compiled += 1
            self.used[source] = code
            source = code
        builtins.exec(source, globals, locals)

    def body(self) -> bytes | None:
        """The bundle as written: all it holds, or past the bounds only what this process used."""
        for kept in (self.kept, self.used):
            if len(kept) <= MAX_ENTRIES:
                code = marshal.dumps(kept)
                if len(code) <= MAX_BYTES:
                    return zlib.compress(code, 9)
        return None

    def save(self, folder: Path, name: str, process: int) -> None:
        """Write the bundle when this process compiled a source; never an error."""
        if not self.compiled or os.getpid() != process:
            return
        try:
            body = self.body()
        except ValueError:
            return
        if body is None:
            return
        descriptor = private_cache.open_folder(folder, create=True)
        if descriptor is None:
            return
        try:
            private_cache.write_entry(descriptor, name, FORMAT, body)
            private_cache.prune(descriptor, _is_bundle, KEPT_BUNDLES)
        finally:
            os.close(descriptor)


def _is_bundle(name: str) -> bool:
    return name.startswith("dataclasses-")


def supported(module: types.ModuleType) -> bool:
    """Whether ``module`` (``dataclasses``) compiles methods as this was written against."""
    create = getattr(module, "_create_fn", None)
    code = getattr(create, "__code__", None)
    return (
        isinstance(code, types.CodeType)
        and (code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount) == (3, 0, 3)
        and code.co_varnames[:6] == _PARAMETERS
        and "exec" in code.co_names
        and not code.co_flags & _FUTURE
        and "exec" not in vars(module)
    )


def bundle_name(module: types.ModuleType) -> str | None:
    """The bundle's file name for this Python and ``module``'s source; None when unreadable."""
    try:
        with open(module.__file__ or "", "rb") as handle:
            source = handle.read()
    except (OSError, TypeError):
        return None
    digest = hashlib.sha256(FORMAT + b"\0" + private_cache.interpreter().encode() + b"\0")
    digest.update(hashlib.sha256(source).digest())
    return f"dataclasses-{digest.hexdigest()}"


def load(folder: Path, name: str) -> dict[Any, Any]:
    """The bundle ``name`` in ``folder`` when it can be trusted, else an empty one."""
    descriptor = private_cache.open_folder(folder, create=False)
    if descriptor is None:
        return {}
    try:
        body = private_cache.read_entry(descriptor, name, FORMAT, MAX_BYTES)
    finally:
        os.close(descriptor)
    if body is None:
        return {}
    inflater = zlib.decompressobj()
    try:
        code = inflater.decompress(body, MAX_BYTES)
        kept = marshal.loads(code) if inflater.eof and not inflater.unconsumed_tail else None
    except (zlib.error, EOFError, ValueError, TypeError):
        return {}
    return kept if type(kept) is dict else {}


def install(module: types.ModuleType = dataclasses) -> CompiledMethods | None:
    """Serve ``module``'s generated methods from the cache for the rest of the process, and
    keep what is compiled at exit; nothing where unsupported, the cache is off or on Windows."""
    folder = private_cache.cache_folder()
    if folder is None or not platform.private_folders() or not supported(module):
        return None
    name = bundle_name(module)
    if name is None:
        return None
    bundle = CompiledMethods(load(folder, name))
    module.exec = bundle.exec  # type: ignore[attr-defined]  # found before the builtin by _create_fn
    atexit.register(bundle.save, folder, name, os.getpid())
    return bundle
