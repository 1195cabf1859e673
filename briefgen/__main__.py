"""The ``briefgen`` script: every command runs in this process, the caller's own.

Until a command runs, only the standard library and click are loaded. While modules
load, the garbage collector waits: they make no garbage worth collecting, and a
collection would walk every object they create. pydantic's plugin discovery (it
reads every installed distribution's entry points through ``importlib.metadata``
when the first model is built) is left out: briefgen uses no pydantic plugins. Before
any class of briefgen's is made, the methods ``dataclasses`` compiles for each are taken
from the caller's cache where they were compiled before (``data/dataclass_code.py``); an
exit handler keeps the new ones. Not for ``briefgen --help`` or ``--version``, which make
too few classes to repay reading that cache.

When the command is done, the exit handlers run (temporary folders removed, logging
flushed) and the output is flushed; then the process ends without taking every loaded
module and object apart one by one, which costs about as much as a small render. Every
file briefgen writes is written whole and closed before its command returns.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import types


def main() -> None:
    gc.disable()  # the command group enables it again once the command's modules are loaded
    _without_pydantic_plugins()
    if not _only_help(sys.argv[1:]):
        from .data import dataclass_code

        dataclass_code.install()
    from .cli import main as run_here

    try:
        run_here(prog_name="briefgen")
    except SystemExit as done:
        _end(done.code)
    _end(0)


def _end(code: object) -> None:
    """Exit with ``code`` as ``sys.exit`` would, after the exit handlers and a flush."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or 1
    os._exit(status & 0xFF)


HELP = frozenset({"-h", "--help", "--version"})
"""The options that make ``briefgen`` print a text and stop, as it does without arguments."""


def _only_help(arguments: list[str]) -> bool:
    """Whether ``briefgen`` only prints its list of commands or its version: that makes a few
    classes (the errors'), which reading the cache of dataclasses' code costs more than it
    saves. A command's own help loads the command's modules, and uses the cache."""
    return not arguments or arguments[0] in HELP


def _without_pydantic_plugins() -> None:
    if "pydantic" in sys.modules:
        return
    loader = types.ModuleType("pydantic.plugin._loader", "No pydantic plugins in briefgen's process.")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules.setdefault(loader.__name__, loader)


if __name__ == "__main__":
    main()
