"""The ``briefgen`` script: every command runs in this process, the caller's own.

Until a command runs, only the standard library and click are loaded. While modules
load, the garbage collector waits: they make no garbage worth collecting, and a
collection would walk every object they create. pydantic's plugin discovery (it
reads every installed distribution's entry points through ``importlib.metadata``
when the first model is built) is left out: briefgen uses no pydantic plugins.

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


def _without_pydantic_plugins() -> None:
    if "pydantic" in sys.modules:
        return
    loader = types.ModuleType("pydantic.plugin._loader", "No pydantic plugins in briefgen's process.")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules.setdefault(loader.__name__, loader)


if __name__ == "__main__":
    main()
