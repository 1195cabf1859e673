"""The ``briefgen`` script: every command runs in this process, the caller's own.

Until a command runs, only the standard library and click are loaded.
"""

from __future__ import annotations


def main() -> None:
    from .cli import main as run_here

    run_here(prog_name="briefgen")


if __name__ == "__main__":
    main()
