"""The ``briefgen`` script: every command runs in this process, the caller's own.

Until a command runs, only the standard library and click are loaded. While modules
load, the garbage collector waits: they make no garbage worth collecting, and a
collection would walk every object they create. pydantic's plugin discovery (it
reads every installed distribution's entry points through ``importlib.metadata``
when the first model is built) is left out: briefgen uses no pydantic plugins.
"""

from __future__ import annotations

import gc
import sys
import types


def main() -> None:
    gc.disable()  # the command group enables it again once the command's modules are loaded
    _without_pydantic_plugins()
    from .cli import main as run_here

    run_here(prog_name="briefgen")


def _without_pydantic_plugins() -> None:
    if "pydantic" in sys.modules:
        return
    loader = types.ModuleType("pydantic.plugin._loader", "No pydantic plugins in briefgen's process.")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules.setdefault(loader.__name__, loader)


if __name__ == "__main__":
    main()
