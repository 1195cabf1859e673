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
Jinja and Python versions (the bytecode's magic number included). It starts with that
name and the SHA-256 of the code's bytes, both checked on every read. The folder is used only when it is a real folder (not a link),
owned by the caller and open to no one else (mode 0700), checked on the open folder each
time; an entry only when it is a regular file owned by the caller that no one else can
write. Anything else is ignored and the template compiled as if there were no cache;
a new entry is written beside it under a temporary name and renamed into place.
``BRIEFGEN_TEMPLATE_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import types
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ..data import platform

FORMAT = b"briefgen template code 2"
MAX_ENTRY_BYTES = 8_000_000
SETTING = "BRIEFGEN_TEMPLATE_CACHE"


def cache_folder() -> Path | None:
    """Where this user's template code is kept, or None when the cache is off."""
    if os.environ.get(SETTING, "").strip().lower() in {"0", "off", "no", "false"}:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "briefgen"


def settings(environment: jinja2.Environment) -> bytes:
    """What the generated code of any template depends on besides its name and source."""
    kind = type(environment)
    compiler = environment.code_generator_class
    options = [
        FORMAT.decode(),
        f"jinja2 {jinja2.__version__}",
        f"python {sys.version} {sys.implementation.name} {_magic().hex()}",
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


def _magic() -> bytes:
    """The bytecode's magic number: code objects are kept for this interpreter only."""
    from importlib.util import MAGIC_NUMBER

    return MAGIC_NUMBER


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

    def get(self, key: str) -> types.CodeType | None:
        """The code object stored as ``key``, or None if there is none to trust."""
        descriptor = self._open_folder(create=False)
        if descriptor is None:
            return None
        try:
            return _read_entry(descriptor, key)
        finally:
            os.close(descriptor)

    def put(self, key: str, code: types.CodeType) -> None:
        """Keep ``code`` as ``key``; a folder or disk that refuses is no error."""
        descriptor = self._open_folder(create=True)
        if descriptor is None:
            return
        body = marshal.dumps(code)
        header = b"# %s\n# %s\n# %s\n" % (FORMAT, key.encode(), hashlib.sha256(body).hexdigest().encode())
        temporary = f".{key}.{os.urandom(8).hex()}.tmp"
        try:
            handle = os.open(
                temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=descriptor
            )
            try:
                os.write(handle, header + body)
            finally:
                os.close(handle)
            os.rename(temporary, key, src_dir_fd=descriptor, dst_dir_fd=descriptor)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=descriptor)
        finally:
            os.close(descriptor)

    def _open_folder(self, create: bool) -> int | None:
        """The cache folder, open, when it is private to the caller; else None."""
        if self.folder is None or not platform.private_folders():
            return None
        if create:
            try:
                self.folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.mkdir(self.folder, 0o700)
            except OSError:
                pass
        try:
            descriptor = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            info = os.fstat(descriptor)
        except OSError:
            os.close(descriptor)
            return None
        if not (stat.S_ISDIR(info.st_mode) and platform.owned_by_caller(info) and not info.st_mode & 0o077):
            os.close(descriptor)
            return None
        return descriptor


def _read_entry(folder: int, key: str) -> types.CodeType | None:
    try:
        handle = os.open(key, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        trusted = stat.S_ISREG(info.st_mode) and platform.owned_by_caller(info) and not info.st_mode & 0o022
        if not trusted or info.st_size > MAX_ENTRY_BYTES:
            return None
        data = os.read(handle, MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    lines = data.split(b"\n", 3)
    if len(lines) != 4 or lines[:2] != [b"# " + FORMAT, b"# " + key.encode()]:
        return None
    body = lines[3]
    if lines[2] != b"# " + hashlib.sha256(body).hexdigest().encode():
        return None
    try:
        code = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, types.CodeType) else None


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
