"""Hostile templates: each must stop with a template error at its line in seconds and little memory.

Run from anywhere:  python bench/templates.py [--only NAME ...] [--cap-mib N] [--timeout S] [--code DIR]

Copies the example project into a temporary folder and, per case, puts one line before
the first line of the GA template and runs ``briefgen render`` on the Milieuraad agenda
as its own process (under an address-space cap, as bench/bombs.py does). Prints its exit
code, seconds, peak resident memory and first line of output. Issue 20 wants exit 1 and
a located message within 10 s and 300 MiB; nothing here asserts that, the figures are
reported (docs/performance.md keeps the last run's). ``--code`` measures another checkout.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bombs import AGENDA_ID, REPO, options, run

GA_TEMPLATE = Path("templates") / "geannoteerde-agenda.md.j2"

CASES = {
    "control: the GA unchanged": "",
    "bytes repeated 3 GB": "{% set b = 'x'.encode() * 3 * 10**9 %}",
    "utf-32 of 20 M characters": "{% set b = ('x' * 20000000).encode('utf-32') %}",
    "unicode_escape of 20 M characters": "{% set b = ('\u00e9' * 20000000).encode('unicode_escape') %}",
    "translate to 40 M characters each": "{{ 'aaa'.translate({97: 'b' * 40000000}) }}",
    "translate through a list": "{{ ('a' * 10).translate(['b' * 10000000] * 100) }}",
    "replace method": "{{ ('a' * 1000).replace('a', 'b' * 100000) }}",
    "ljust method": "{{ 'x'.ljust(10**10) }}",
    "join method": "{{ '-'.join(['x' * 30000000] * 2) }}",
    "split into 2 M pieces": "{{ ('a,' * 2000000).split(',') | length }}",
    "a list holding one text 100 times": "{{ ['x' * 40000000] * 100 }}",
    "that list as string": "{{ (['x' * 40000000] * 100) | string }}",
    "that list sorted": "{{ (['x' * 40000000] * 100) | sort | length }}",
    "sorted by an attribute 100 times 40 M": "{% set t = 'x' * 40000000 %}"
    "{{ ([{'x': t}] * 100) | sort(attribute='x') | length }}",
    "a text made a list": "{{ ('x' * 40000000) | list | length }}",
    "four texts of 45 M wide characters": "{% set a = '\U0001f600' * 45000000 %}{% set b = a ~ '' %}"
    "{% set c = a ~ '' %}{% set d = a ~ '' %}",
    "bytes formatting": "{{ 'x%s'.encode() % 1 }}",
    "Undefined in a list": "{{ punten | map(attribute='bestaat_niet') | list }}",
}


def main() -> None:
    args = options(__doc__).parse_args()
    print(f"{'case':<36} {'rc':>7} {'s':>6} {'MiB':>7}  message")
    with tempfile.TemporaryDirectory(prefix="briefgen-templates-") as folder:
        root = Path(folder) / "project"
        for name in ("positions", "agendas", "templates"):
            shutil.copytree(REPO / name, root / name)
        original = (root / GA_TEMPLATE).read_text(encoding="utf-8")
        for name, line in CASES.items():
            if args.only and not any(part in name for part in args.only):
                continue
            (root / GA_TEMPLATE).write_text((line + "\n" if line else "") + original, encoding="utf-8")
            shutil.rmtree(root / "build", ignore_errors=True)
            code, seconds, peak, message = run(
                ["render", f"agendas/{AGENDA_ID}.yaml"], root, args.cap_mib, args.timeout, args.code
            )
            shown = message.replace(str(root) + "/", "")
            print(f"{name:<36} {code!s:>7} {seconds:6.2f} {peak:7.1f}  {shown}", flush=True)


if __name__ == "__main__":
    main()
