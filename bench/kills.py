"""kill -9 at random moments during ``briefgen render``: how many builds are left inconsistent.

Run from the project folder:  python bench/kills.py [--trials N] [--seed S] [--slow]

Each trial edits a position (alternating between two texts, so every render changes the
GA and writes the update document), starts ``briefgen render`` as its own process and
sends it SIGKILL after a random delay within the time a whole render takes. Then the
build folder is read back: every file must match ``manifest.json`` and the folder must
hold no temporary file. Every tenth trial a render runs to its end, after which no
temporary file or folder of briefgen's may be left anywhere in the project. With
``--slow`` each disk step takes up to 20 ms longer and the kill comes at a random moment
within 0.25 s of the first disk step, so that it lands while the new build is written,
switched or the old one removed.

Prints one JSON object: trials, kills that landed while the render was still running
(and of those, while a staged folder existed: during the write and switch), inconsistent builds, temporary files left in the build folder, leftovers after a
completed render. The CI suite runs the deterministic version (tests/test_faults.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefgen.changes.manifest import disagreements  # noqa: E402

AGENDA = "agendas/milieuraad-2026-03-17.yaml"
OUT = Path("build/milieuraad-2026-03-17")
POSITION = "positions/bio-economie-strategie.yaml"
TEXTS = ("Het kabinet zal daarom haar ambities tijdens de", "Het kabinet zal daarom zijn ambities tijdens de")
SLOWED = (
    "import random, sys, time, briefgen.build.disk as disk; "
    "disk.checkpoint = lambda step: (print('step', file=sys.stderr, flush=True), time.sleep(random.random() / 50)); "
    "from briefgen.cli import main; main()"
)


def command(slow: bool) -> list[str]:
    if slow:
        return [sys.executable, "-c", SLOWED, "render", AGENDA]
    return [sys.executable, "-m", "briefgen", "render", AGENDA]


def toggle(root: Path, trial: int) -> None:
    path = root / POSITION
    text = path.read_text(encoding="utf-8")
    old, new = TEXTS if trial % 2 == 0 else TEXTS[::-1]
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def leftovers(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if ".briefgen-" in p.name or p.name.endswith(".tmp")
    )


def staging(root: Path) -> set[str]:
    """briefgen's staged or moved-aside folders beside the build folder."""
    return {p.name for p in (root / "build").iterdir() if ".briefgen-" in p.name}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--slow", action="store_true")
    args = parser.parse_args()
    chance = random.Random(args.seed)
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory(prefix="briefgen-kills-") as folder:
        root = Path(folder)
        for name in ("positions", "agendas", "templates"):
            shutil.copytree(REPO / name, root / name)
        started = time.perf_counter()
        subprocess.run(command(args.slow), cwd=root, env=environment, check=True, capture_output=True)
        whole = time.perf_counter() - started
        counts = {"trials": args.trials, "killed_while_running": 0, "inconsistent": 0}
        counts |= {"killed_while_writing": 0, "temporary_in_build": 0, "left_after_completed_render": 0}
        problems: list[str] = []
        for trial in range(args.trials):
            toggle(root, trial)
            before = staging(root)
            process = subprocess.Popen(
                command(args.slow),
                cwd=root,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE if args.slow else subprocess.DEVNULL,
            )
            if args.slow and process.stderr is not None:
                process.stderr.readline()  # the first disk step has begun
                time.sleep(chance.uniform(0, 0.25))
            else:
                time.sleep(chance.uniform(0, whole))
            process.send_signal(signal.SIGKILL)
            if process.stderr is not None:
                process.stderr.close()
            if process.wait() == -signal.SIGKILL:
                counts["killed_while_running"] += 1
                counts["killed_while_writing"] += bool(staging(root) - before)
            found = disagreements(root / OUT) if (root / OUT).exists() else []
            if found:
                counts["inconsistent"] += 1
                problems.append(f"trial {trial}: {'; '.join(found)}")
            if (root / OUT).exists() and [n for n in os.listdir(root / OUT) if n.startswith(".")]:
                counts["temporary_in_build"] += 1
            if trial % 10 == 9:
                subprocess.run(command(False), cwd=root, env=environment, check=True, capture_output=True)
                if leftovers(root):
                    counts["left_after_completed_render"] += 1
                    problems.append(f"trial {trial}: left {', '.join(leftovers(root))}")
        counts["render_s"] = round(whole, 3)
        print(json.dumps({**counts, "problems": problems[:10]}, indent=1))


if __name__ == "__main__":
    main()
