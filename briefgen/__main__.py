"""The ``briefgen`` script: run the command here, or in a render server the user started.

Every command runs in this process unless the user started a render server
(``briefgen server start``, or ``BRIEFGEN_SERVER=1``, which starts one on the first
command): then ``render``, ``check``, ``diff``, ``status`` and ``new`` are handed to it.
Until a command runs here, only the standard library is loaded.
"""

from __future__ import annotations

import sys


def main() -> None:
    arguments = sys.argv[1:]
    if _may_hand_over(arguments):
        from .serve.client import hand_over

        status = hand_over(arguments)
        if status is not None:
            sys.exit(status)
    from .cli import main as run_here

    run_here(prog_name="briefgen")


def _may_hand_over(arguments: list[str]) -> bool:
    from .serve.protocol import COMMANDS

    if not sys.platform.startswith("linux"):
        return False
    return bool(arguments) and arguments[0] in COMMANDS and not {"-h", "--help"} & set(arguments)


if __name__ == "__main__":
    main()
