"""kill -9 at random moments during ``briefgen render``, ``import`` or ``absorb``: how many
builds are left inconsistent, how many changes half applied.

Run from the project folder:  python bench/kills.py [--command render|import|absorb]
[--trials N] [--seed S] [--slow]

Each render trial edits a position (alternating between two texts, so every render changes the
GA and writes the update document), starts ``briefgen render`` as its own process and
sends it SIGKILL after a random delay within the time a whole render takes. Then the
build folder is read back: every file must match ``manifest.json`` and the folder must
hold no temporary file. Every tenth trial a render runs to its end, after which no
temporary file or folder of briefgen's may be left anywhere in the project. With
``--slow`` each disk step takes up to 20 ms longer and the kill comes at a random moment
within 0.25 s of the first disk step, so that it lands while the new build is written,
switched or the old one removed.

An ``import`` trial imports the example's own GA as the agenda of another Council (a new
agenda and an entry in five position files); an ``absorb`` trial takes back a GA with a
word changed in two positions. After the kill, ``positions/`` and ``agendas/`` must hold
no temporary file, and either be as before or as after the command, or hold the
command's journal; then ``check`` must name the command that finishes it, and that
command, run again, must leave the files exactly as an uninterrupted run does.

Prints one JSON object: trials, kills that landed while the command was still running
(and of those, while a staged folder existed: during the write and switch, or while a
journal was in place), inconsistent builds or half-applied changes, temporary files left,
leftovers after a completed run. The CI suite runs the deterministic version
(tests/test_faults.py).
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

from briefgen.output.manifest import disagreements  # noqa: E402

AGENDA = "agendas/milieuraad-2026-03-17.yaml"
OUT = Path("build/milieuraad-2026-03-17")
POSITION = "positions/bio-economie-strategie.yaml"
TEXTS = ("Het kabinet zal daarom haar ambities tijdens de", "Het kabinet zal daarom zijn ambities tijdens de")
SLOWED = (
    "import random, sys, time, briefgen.output.disk as disk; "
    "disk.checkpoint = lambda step: (print('step', file=sys.stderr, flush=True), time.sleep(random.random() / 50)); "
    "from briefgen.cli import main; main()"
)


def command(slow: bool, *args: str) -> list[str]:
    args = args or ("render", AGENDA)
    if slow:
        return [sys.executable, "-c", SLOWED, *args]
    return [sys.executable, "-m", "briefgen", *args]


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


def kill_during(
    words: list[str], root: Path, environment: dict[str, str], slow: bool, chance: random.Random, whole: float
) -> bool:
    """Start a command and SIGKILL it at a random moment (with ``slow``: within 0.25 s of its
    first disk step); whether it was still running."""
    process = subprocess.Popen(
        words,
        cwd=root,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if slow else subprocess.DEVNULL,
    )
    if slow and process.stderr is not None:
        process.stderr.readline()  # the first disk step has begun
        time.sleep(chance.uniform(0, 0.25))
    else:
        time.sleep(chance.uniform(0, whole))
    process.send_signal(signal.SIGKILL)
    if process.stderr is not None:
        process.stderr.close()
    return process.wait() == -signal.SIGKILL


IMPORTED = "milieuraad-2026-09-01"
EDITS = (("uitvoerbare", "haalbare"), ("haar ambities tijdens de", "zijn ambities tijdens de"))
"""Two words of the GA changed, in co2-normen's and bio-economie-strategie's positions."""


def sources(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for folder in ("positions", "agendas")
        for p in sorted((root / folder).iterdir())
        if p.is_file() and not p.name.endswith(".json")
    }


def restore(root: Path, before: dict[str, bytes]) -> None:
    for folder in ("positions", "agendas"):
        for path in (root / folder).iterdir():
            if str(path.relative_to(root)) not in before:
                path.unlink()
    for name, data in before.items():
        (root / name).write_bytes(data)


def stray_sources(root: Path) -> list[str]:
    """Temporary or staged files of briefgen's in positions/ and agendas/ (a journal is not one)."""
    return sorted(
        f"{folder}/{p.name}"
        for folder in ("positions", "agendas")
        for p in (root / folder).iterdir()
        if p.name.endswith(".tmp") or (".briefgen-" in p.name and not p.name.endswith(".json"))
    )


def edited_ga(root: Path, environment: dict[str, str]) -> Path:
    """The example's GA, rendered, with the words of EDITS changed, saved beside the build."""
    import zipfile

    subprocess.run(command(False), cwd=root, env=environment, check=True, capture_output=True)
    path = root / OUT / "geannoteerde-agenda.docx"
    with zipfile.ZipFile(path) as original:
        parts = {info: original.read(info.filename) for info in original.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as edited:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                for old, new in EDITS:
                    assert text.count(old) == 1, old
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            edited.writestr(info, data)
    return path


def source_trials(args: argparse.Namespace, chance: random.Random, environment: dict[str, str]) -> None:
    """Kill ``import`` or ``absorb`` at random moments; count half-applied changes and leftovers."""
    with tempfile.TemporaryDirectory(prefix="briefgen-kills-") as folder:
        root = Path(folder)
        for name in ("positions", "agendas", "templates"):
            shutil.copytree(REPO / name, root / name)
        if args.command == "import":
            subprocess.run(command(False), cwd=root, env=environment, check=True, capture_output=True)
            document = root / "ga.docx"
            shutil.copy(root / OUT / "geannoteerde-agenda.docx", document)
            words = ("import", str(document), "--raad", IMPORTED)
        else:
            words = ("absorb", str(edited_ga(root, environment)))
        before = sources(root)
        started = time.perf_counter()
        subprocess.run(command(args.slow, *words), cwd=root, env=environment, check=True, capture_output=True)
        whole = time.perf_counter() - started
        after = sources(root)
        assert after != before
        counts = {"command": args.command, "trials": args.trials, "killed_while_running": 0}
        counts |= {"killed_with_journal": 0, "half_applied": 0, "temporary_in_sources": 0}
        counts |= {"not_named_by_check": 0, "left_after_completed_run": 0}
        problems: list[str] = []
        for trial in range(args.trials):
            restore(root, before)
            killed = kill_during(command(args.slow, *words), root, environment, args.slow, chance, whole)
            counts["killed_while_running"] += killed
            journals = [p.name for p in (root / "agendas").glob(f".*.briefgen-{args.command}.json")]
            counts["killed_with_journal"] += bool(journals)
            if stray_sources(root):
                counts["temporary_in_sources"] += 1
                problems.append(f"trial {trial}: left {', '.join(stray_sources(root))}")
            now = sources(root)
            if journals:
                check = subprocess.run(
                    command(False, "check"), cwd=root, env=environment, capture_output=True, text=True
                )
                if f"run 'briefgen {args.command} " not in check.stderr:
                    counts["not_named_by_check"] += 1
                    problems.append(f"trial {trial}: check said {check.stderr[-300:]!r}")
            elif now not in (before, after):
                counts["half_applied"] += 1
                problems.append(f"trial {trial}: half applied without a journal")
            if journals or trial % 10 == 9 or now == before:
                subprocess.run(command(False, *words), cwd=root, env=environment, capture_output=True)
                if sources(root) != after:
                    counts["half_applied"] += 1
                    problems.append(f"trial {trial}: the run after the kill did not finish the change")
                if stray_sources(root) or list((root / "agendas").glob(".*.json")):
                    counts["left_after_completed_run"] += 1
        counts["run_s"] = round(whole, 3)
        print(json.dumps({**counts, "problems": problems[:10]}, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", choices=("render", "import", "absorb"), default="render")
    parser.add_argument("--trials", type=int, default=300)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--slow", action="store_true")
    args = parser.parse_args()
    if args.command != "render":
        source_trials(args, random.Random(args.seed), {**os.environ, "PYTHONPATH": str(REPO)})
        return
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
            if kill_during(command(args.slow), root, environment, args.slow, chance, whole):
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
