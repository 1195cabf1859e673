"""What the source map costs: a large agenda's package composed with it and without it.

Run from the project folder:  python bench/sourcemap.py [--items N] [--runs N] [--json]

The agenda has ``--items`` items (1000 by default), each on a dossier of its own with a
full position, a letter and a nota (the generator of ``bench/run.py``). The package is
composed in memory (every document composed and written to bytes, and the manifest), in
turns with and without the source map; every figure is a median of the process's CPU
time (the machine may be shared: CPU time is what the map costs, waiting is not). Nothing here asserts a
time: docs/performance.md says what the ratio was on our machine (the target is at most 1.2).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]

from run import agenda_yaml, dossier_yaml, example_project  # noqa: E402

from briefgen.data.bundle import open_bundle  # noqa: E402
from briefgen.output.package import package_of  # noqa: E402
from briefgen.output.resources import Resources  # noqa: E402

AGENDA_ID = "raad-groot-2027-01-12"


def project(target: Path, items: int) -> Path:
    """A project with one agenda of ``items`` items, each on its own dossier."""
    rng = random.Random(21)
    example_project(target)
    for folder in ("positions", "agendas"):
        for path in (target / folder).glob("*.yaml"):
            path.unlink()
    dossiers = [f"dossier-{number:04d}" for number in range(items)]
    for dossier in dossiers:
        text = dossier_yaml(dossier, [AGENDA_ID], rng)
        (target / "positions" / f"{dossier}.yaml").write_text(text, encoding="utf-8")
    (target / "agendas" / f"{AGENDA_ID}.yaml").write_text(
        agenda_yaml(AGENDA_ID, dossiers, rng), encoding="utf-8"
    )
    return target


def measure(items: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        root = project(Path(scratch), items)
        bundle = open_bundle(root, root / "agendas" / f"{AGENDA_ID}.yaml")
        resources = Resources(root)
        folder = root / "build" / AGENDA_ID
        times: dict[bool, list[float]] = {True: [], False: []}
        fields = 0
        package_of(bundle, resources, folder, sourced=True)  # templates compiled, caches warm
        for _ in range(runs):
            for sourced in (False, True):
                gc.collect()
                start = time.process_time()
                package = package_of(bundle, resources, folder, sourced=sourced)
                times[sourced].append(time.process_time() - start)
                if sourced:
                    fields = sum(len(source_map.fields) for source_map in package.manifest.bronnen.values())
    without, with_map = statistics.median(times[False]), statistics.median(times[True])
    return {
        "items": items,
        "runs": runs,
        "without_map_s": round(without, 3),
        "with_map_s": round(with_map, 3),
        "ratio": round(with_map / without, 3),
        "mapped_values": fields,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    results = measure(arguments.items, arguments.runs)
    if arguments.json:
        print(json.dumps(results, indent=1))
    else:
        for name, value in results.items():
            print(f"{name:>15}: {value}")


if __name__ == "__main__":
    main()
