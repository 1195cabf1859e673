"""How fast briefgen is, measured side by side with pandoc in one run.

Run from the project folder:  python bench/run.py [--json] [--runs N]

Uses only the standard library and briefgen itself, with pandoc (when it is on the
PATH) as the anchor: every timing of ours alternates with pandoc's on the GA, so that a
busy moment on the machine hits both, and each ratio is the median of the pairwise
ratios. Every figure is a median. Nothing here asserts a time: the figures are
reported, and docs/performance.md says what they were on our machine.

``briefgen`` runs as a user gets it: every command a new process of its own, with its
modules' bytecode compiled (pip compiles it when it installs; here it goes into a
folder of the benchmark's own, ``PYTHONPYCACHEPREFIX``) and the template code cache
filled by an earlier render (in a cache folder of the benchmark's own). The machine is
described in the output (cores, load average before and after).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

AGENDA = "agendas/milieuraad-2026-03-17.yaml"
REFERENCE_MD = REPO / "tests" / "fixtures" / "ga-milieuraad-2026-03-17.md"
WORDS = (
    "het kabinet zet zich in voor een ambitieus Europees pakket ten behoeve van gelijk speelveld binnen en buiten "
    "de EU lidstaten Raad Commissie Voorzitterschap voorstel verordening richtlijn inzet krachtenveld steun "
    "concurrentievermogen weerbaarheid investeringszekerheid burgers bedrijven klimaat biodiversiteit water "
    "circulaire economie emissies normen innovatie uitvoerbaar betaalbaar Nederland pleit benadrukt verwelkomt "
    "onderschrijft vraagt aandacht mits daarbij tegelijkertijd bovendien echter verwacht"
).split()


def briefgen_command() -> list[str]:
    script = Path(sys.executable).with_name("briefgen")
    current = script.exists() and "briefgen.__main__" in script.read_text(encoding="utf-8", errors="replace")
    return [str(script)] if current else [sys.executable, "-m", "briefgen"]


def environment(scratch: Path) -> dict[str, str]:
    """briefgen's environment here: bytecode and template code cached in the scratch folder."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTHONDONTWRITEBYTECODE", "BRIEFGEN_TEMPLATE_CACHE"}
    }
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    env["XDG_CACHE_HOME"] = str(scratch / "cache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user and system, its child processes included) of
    one run of ``command``. On a busy shared machine the CPU time says more than the clock."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), command)
    return seconds, usage.ru_utime + usage.ru_stime


def wall(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    return timed(command, cwd, env)[0]


def peak_rss_mib(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one run of ``command`` (its largest process), in MiB."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return usage.ru_maxrss / 1024


def example_project(target: Path) -> Path:
    for name in ("positions", "agendas", "templates"):
        shutil.copytree(REPO / name, target / name)
    return target


def ga_only(project: Path, agenda: str) -> None:
    """Leave only the GA's data in an agenda file: no letter, nota or verslag sections."""
    path = project / agenda
    kept, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line[:1] not in (" ", "\n", "#", "-") and line.strip():
            skipping = line.split(":", 1)[0] in {"brief", "nota", "verslag"}
        if not skipping:
            kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


def pandoc_command(markdown: Path, out: Path) -> list[str] | None:
    pandoc = shutil.which("pandoc")
    return [pandoc, str(markdown), "-o", str(out)] if pandoc and markdown.exists() else None


def ratio(ours: list[float], theirs: list[float]) -> float | None:
    pairs = [a / b for a, b in zip(ours, theirs, strict=False) if b]
    return statistics.median(pairs) if pairs else None


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def cold(
    example: Path, ga: Path, runs: int, env: dict[str, str], between: Callable[[], None] = lambda: None
) -> dict[str, float | None]:
    """The example package, and the GA alone, each as a new process, alternating with pandoc
    turning the reference GA into one .docx; ``between`` runs after each round."""
    command = [*briefgen_command(), "render", AGENDA, "-o"]
    theirs_command = pandoc_command(REFERENCE_MD, example / "pandoc.docx")
    for project in (example, ga):
        wall([*command, str(project / "out-warmup")], project, env)  # fills the caches
    package, alone, theirs = [], [], []
    package_cpu, alone_cpu, theirs_cpu = [], [], []
    for run in range(runs):
        for times, cpus, args in (
            (package, package_cpu, ([*command, str(example / f"out-{run}")], example, env)),
            (theirs, theirs_cpu, (theirs_command, example, None)),
            (alone, alone_cpu, ([*command, str(ga / f"out-{run}")], ga, env)),
        ):
            if args[0]:
                seconds, cpu = timed(*args)  # type: ignore[arg-type]
                times.append(seconds)
                cpus.append(cpu)
        between()
    no_cache = {**env, "BRIEFGEN_TEMPLATE_CACHE": "0"}
    first = [
        wall([*command, str(example / f"first-{run}")], example, no_cache) for run in range(max(1, runs // 2))
    ]
    return {
        "pandoc_ga_s": median(theirs),
        "cold_package_s": median(package),
        "cold_package_ratio": ratio(package, theirs),
        "cold_ga_s": median(alone),
        "cold_ga_ratio": ratio(alone, theirs),
        "cold_package_uncached_s": median(first),
        "pandoc_ga_cpu_s": median(theirs_cpu),
        "cold_package_cpu_s": median(package_cpu),
        "cold_package_cpu_ratio": ratio(package_cpu, theirs_cpu),
        "cold_ga_cpu_s": median(alone_cpu),
        "cold_ga_cpu_ratio": ratio(alone_cpu, theirs_cpu),
        "peak_rss_mib": peak_rss_mib([*command, str(example / "out-rss")], example, env),
        "pandoc_peak_rss_mib": peak_rss_mib(theirs_command, example) if theirs_command else None,
    }


class WarmGA:
    """Inside this process after a warm-up: from reading the YAML files to the written GA.

    Samples are taken in rounds between the other measurements, so that a few busy
    seconds on the machine do not decide the median. The first round waits until the
    project's files (copied just before) are older than briefgen's racy window
    (``briefgen.data.digests.RACY_NS``), as a drafter's files are between saves: a file
    saved in the last two seconds is read and hashed again on every render.
    """

    def __init__(self, project: Path):
        from briefgen.compose.documents import GA, compose
        from briefgen.data.bundle import open_bundle
        from briefgen.data.digests import RACY_NS
        from briefgen.output.package import document_properties
        from briefgen.output.resources import Resources
        from briefgen.word.writer import write_docx

        target = project / "warm.docx"

        def once() -> float:
            start = time.perf_counter()
            bundle = open_bundle(project, project / AGENDA)
            resources = Resources(project)
            document = compose(bundle, resources.templates(bundle.agenda.template_set()), GA)
            properties = document_properties(bundle.agenda, GA, document, "")
            target.write_bytes(write_docx(document, resources.reference(), properties))
            return time.perf_counter() - start

        self.once = once
        self.samples: list[float] = []
        self.settled = time.monotonic() + RACY_NS / 1e9  # the files were copied before this
        for _ in range(3):
            once()

    def sample(self, count: int) -> None:
        time.sleep(max(0.0, self.settled - time.monotonic()))
        gc.collect()
        gc.freeze()  # as a render does once loaded: collections skip what is loaded
        try:
            self.samples += [self.once() for _ in range(count)]
        finally:
            gc.unfreeze()

    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1000


def paragraphs(rng: random.Random, count: int, words: tuple[int, int]) -> str:
    out = []
    for _ in range(count):
        sentence_words = [rng.choice(WORDS) for _ in range(rng.randint(*words))]
        text = " ".join(sentence_words)
        out.append(". ".join(part.capitalize() for part in text.split(" verwacht ")) + ".")
    return "\n\n".join(out)


def indent(text: str, by: int) -> str:
    return "\n".join((" " * by + line) if line else "" for line in text.splitlines())


def dossier_yaml(dossier_id: str, councils: list[str], rng: random.Random) -> str:
    lines = [
        f"id: {dossier_id}",
        f"titel: Dossier {dossier_id}",
        f"kort: {dossier_id}",
        f"portefeuille: {rng.choice(['IenW', 'KGG', 'LVVN', 'EZ'])}",
        "voetnoten:",
        "  bnc: {kamerstuk: {kamer: II, vergaderjaar: 2025-2026, dossier: 22 112, nr: 4238}}",
        "  begrip: Een begrip dat in de tekst wordt uitgelegd.",
        "standpunten:",
    ]
    for council in councils:
        lines.append(f"  - raad: {council}")
        for name, count in (("introductie", 2), ("inzet", 3), ("kern", 1), ("krachtenveld", 2)):
            text = paragraphs(rng, count, (40, 90))
            if name == "introductie":
                text += "[^bnc]"
            if name == "krachtenveld":
                text += "[^begrip]"
            lines += [f"    {name}: |", indent(text, 6)]
    return "\n".join(lines) + "\n"


def agenda_yaml(agenda_id: str, dossiers: list[str], rng: random.Random) -> str:
    soorten = ["beleidsdebat", "gedachtewisseling", "raadsconclusies", "algemene oriëntatie", "diversen"]
    items = "\n".join(
        f"  - dossier: {d}\n    soort: {rng.choice(soorten)}\n    onderwerp: {paragraphs(rng, 1, (8, 16))}"
        for d in dossiers
    )
    return f"""id: {agenda_id}
raad: Milieuraad
datum: {agenda_id[-10:]}
plaats: Brussel
voorzitterschap: Cypriotische
agendastatus: concept
punten:
{items}
brief:
  datum: {agenda_id[-10:]}
  afzender: [Ministerie van Infrastructuur en Waterstaat]
  ondertekenaars:
    - {{functie: de Staatssecretaris van Infrastructuur en Waterstaat, naam: A. Bertram}}
    - {{functie: de Minister van Klimaat en Groene Groei, naam: S. van Veldhoven}}
  mede_namens: [de Minister van Buitenlandse Handel en Ontwikkelingssamenwerking]
  alineas:
    - {paragraphs(rng, 1, (30, 60))}
nota:
  datum: {agenda_id[-10:]}
  referentie: IENW/BSK-2026/1
  opgesteld_door: [DG Milieu en Internationaal]
  beslistermijn: {agenda_id[-10:]}
  geadviseerd_besluit: [Akkoord te gaan met de Kamerbrieven., Akkoord te gaan met deelname aan de Raad.]
  toelichting:
    - kop: Interdepartementale afstemming
      tekst: {paragraphs(rng, 1, (40, 80))}
    - kop: Milieuraad
      tekst: {paragraphs(rng, 1, (40, 80))}
      agendapunten: true
  bijlagen:
    - {{naam: Geannoteerde agenda, informatie: De geannoteerde agenda.}}
"""


def corpus(target: Path, agendas: int, rng: random.Random) -> Path:
    """A project of ``agendas`` agendas with 5–8 items each, every item its own dossier."""
    example_project(target)
    for folder in ("positions", "agendas"):
        shutil.rmtree(target / folder)
        (target / folder).mkdir()
    for number in range(agendas):
        day = f"2027-{1 + number // 28:02d}-{1 + number % 28:02d}"
        agenda_id = f"raad-{number:03d}-{day}"
        dossiers = [f"d{number:03d}-{item}" for item in range(rng.randint(5, 8))]
        for dossier in dossiers:
            (target / "positions" / f"{dossier}.yaml").write_text(
                dossier_yaml(dossier, [agenda_id], rng), encoding="utf-8"
            )
        (target / "agendas" / f"{agenda_id}.yaml").write_text(
            agenda_yaml(agenda_id, dossiers, rng), encoding="utf-8"
        )
    return target


def synthetic(target: Path, items: int, rng: random.Random) -> tuple[Path, str]:
    """A project with one agenda of ``items`` items, each on a dossier of its own."""
    example_project(target)
    for folder in ("positions", "agendas"):
        shutil.rmtree(target / folder)
        (target / folder).mkdir()
    agenda_id = "raad-2027-01-15"
    dossiers = [f"d{number:04d}" for number in range(items)]
    for dossier in dossiers:
        (target / "positions" / f"{dossier}.yaml").write_text(
            dossier_yaml(dossier, [agenda_id], rng), encoding="utf-8"
        )
    agenda = f"agendas/{agenda_id}.yaml"
    (target / agenda).write_text(agenda_yaml(agenda_id, dossiers, rng), encoding="utf-8")
    return target, agenda


def sizes(
    target: Path, items: list[int], runs: int, rng: random.Random, env: dict[str, str]
) -> dict[str, float | None]:
    """Per size: the package of an agenda of that many items (a new process) against pandoc on
    the same GA's Markdown (taken from the build's manifest), and ``status`` on the build."""
    results: dict[str, float | None] = {}
    for count in items:
        project, agenda = synthetic(target / f"items-{count}", count, rng)
        command = [*briefgen_command(), "render", agenda]
        wall(command, project, env)
        manifest = json.loads(
            (project / "build" / Path(agenda).stem / "manifest.json").read_text(encoding="utf-8")
        )
        markdown = project / "ga.md"
        markdown.write_text(manifest["documenten"]["geannoteerde-agenda.docx"], encoding="utf-8")
        theirs_command = pandoc_command(markdown, project / "pandoc.docx")
        ours, theirs, status = [], [], []
        for run in range(max(1, runs // 2)):
            ours.append(wall([*command, "-o", str(project / f"out-{run}")], project, env))
            if theirs_command:
                theirs.append(wall(theirs_command, project))
            status.append(wall([*briefgen_command(), "status", agenda], project, env))
        results[f"items_{count}_package_s"] = median(ours)
        results[f"items_{count}_pandoc_ga_s"] = median(theirs)
        results[f"items_{count}_ratio"] = ratio(ours, theirs)
        results[f"items_{count}_status_s"] = median(status)
    return results


def batch(
    target: Path, agendas: int, rng: random.Random, env: dict[str, str], runs: int
) -> dict[str, float | None]:
    project = corpus(target, agendas, rng)
    command = [*briefgen_command(), "render", "agendas"]
    wall([*command, "-o", str(project / "warmup"), "-j1"], project, env)
    results: dict[str, float | None] = {}
    for jobs in (1, 2):
        runs_here = [
            timed([*command, "-o", str(project / f"out-{jobs}-{run}"), f"-j{jobs}"], project, env)
            for run in range(max(1, runs // 3))
        ]
        results[f"batch_j{jobs}_agendas_per_s"] = agendas / statistics.median(t for t, _ in runs_here)
        results[f"batch_j{jobs}_cpu_ms_per_agenda"] = (
            1000 * statistics.median(c for _, c in runs_here) / agendas
        )
    return results


def check(
    target: Path, dossiers: int, rng: random.Random, env: dict[str, str], runs: int
) -> dict[str, float]:
    example_project(target)
    shutil.rmtree(target / "positions")
    (target / "positions").mkdir()
    councils = ["milieuraad-2026-03-17", "milieuraad-2026-06-16", "milieuraad-2026-10-20"]
    for number in range(dossiers):
        dossier = f"dossier-{number:04d}"
        (target / "positions" / f"{dossier}.yaml").write_text(
            dossier_yaml(dossier, councils, rng), encoding="utf-8"
        )
    # In turns: as a drafter runs it (one process per core from 64 files on) and on one process.
    both = [
        (
            timed([*briefgen_command(), "check", "positions"], target, env),
            timed([*briefgen_command(), "check", "-j1", "positions"], target, env),
        )
        for _ in range(max(1, runs // 3))
    ]
    cores, one = [pair[0] for pair in both], [pair[1] for pair in both]
    return {
        "check_dossiers_per_s": dossiers / statistics.median(t for t, _ in cores),
        "check_dossiers_per_cpu_s": dossiers / statistics.median(c for _, c in cores),
        "check_j1_dossiers_per_s": dossiers / statistics.median(t for t, _ in one),
        "check_j1_dossiers_per_cpu_s": dossiers / statistics.median(c for _, c in one),
    }


def long_paragraph(
    target: Path, size: int, runs: int, rng: random.Random, env: dict[str, str]
) -> dict[str, float]:
    """The update document after a one-word change in one paragraph of ``size`` characters:
    the render that writes it (a new process each time), its time and its peak memory."""
    project = example_project(target)
    sentences: list[str] = []
    while sum(map(len, sentences)) + len(sentences) < size:
        sentences.append(paragraphs(rng, 1, (8, 25)))
    text = " ".join(sentences)
    middle = text.index(" ", len(text) // 2)
    position = project / "positions" / "co2-normen.yaml"
    original = position.read_text(encoding="utf-8")
    first = original.index("    inzet: >-\n")
    after = re.compile(r"\n    \S").search(original, first).start() + 1
    agenda = project / "agendas" / "milieuraad-2026-03-17.yaml"
    command = [*briefgen_command(), "render", str(agenda)]
    times, peaks = [], []
    for run in range(runs + 1):
        word = "" if run % 2 else " ook"
        inzet = f"    inzet: |-\n      {text[:middle]}{word}{text[middle:]}\n"
        position.write_text(original[:first] + inzet + original[after:], encoding="utf-8")
        start = time.perf_counter()
        peak = peak_rss_mib(command, project, env)
        if run:
            times.append(time.perf_counter() - start)
            peaks.append(peak)
    assert (project / "build" / "milieuraad-2026-03-17" / "geannoteerde-agenda.wijzigingen.docx").is_file()
    return {
        "long_paragraph_update_s": statistics.median(times),
        "long_paragraph_rss_mib": statistics.median(peaks),
    }


def help_seconds(runs: int, env: dict[str, str]) -> float:
    return statistics.median(wall([*briefgen_command(), "--help"], REPO, env) for _ in range(runs))


def machine() -> dict[str, str | float | None]:
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pandoc": _pandoc_version(),
        "load_before": os.getloadavg()[0],
    }


def _pandoc_version() -> str | None:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        return None
    out = subprocess.run([pandoc, "--version"], capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0] if out else None


PARTS = ("cold", "batch", "check", "sizes", "help", "paragraph", "warm")
"""The measures ``--only`` may name."""


def measure(
    runs: int,
    agendas: int,
    dossiers: int,
    paragraph: int,
    items: list[int],
    only: frozenset[str] = frozenset(PARTS),
) -> dict[str, float | str | None]:
    rng = random.Random(20260317)
    results: dict[str, float | str | None] = {**machine()}
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as scratch:
        root = Path(scratch)
        env = environment(root)
        example = example_project(root / "example")
        ga = example_project(root / "ga-only")
        ga_only(ga, AGENDA)
        os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]  # the warm GA below too
        warm = WarmGA(example) if "warm" in only else None

        def sample() -> None:
            if warm is not None:
                warm.sample(10)

        if "cold" in only:
            results.update(cold(example, ga, runs, env, between=sample))
        if "batch" in only:
            results.update(batch(root / "batch", agendas, rng, env, runs))
            sample()
        if "check" in only:
            results.update(check(root / "check", dossiers, rng, env, runs))
            sample()
        if "sizes" in only:
            results.update(sizes(root / "sizes", items, runs, rng, env))
            sample()
        if "help" in only:
            results["help_s"] = help_seconds(runs, env)
        if "paragraph" in only:
            results.update(long_paragraph(root / "paragraph", paragraph, max(1, runs // 3), rng, env))
        if warm is not None:
            if not warm.samples:
                sample()
            results["warm_ga_ms"] = warm.median_ms()
    results["load_after"] = os.getloadavg()[0]
    return results


TARGETS: dict[str, tuple[str, float]] = {
    "cold_package_ratio": ("<=", 3.0),
    "cold_ga_ratio": ("<=", 2.5),
    "cold_package_cpu_ratio": ("<=", 3.0),
    "cold_ga_cpu_ratio": ("<=", 2.5),
    "warm_ga_ms": ("<=", 8),
    "batch_j2_agendas_per_s": (">=", 40),
    "check_dossiers_per_s": (">=", 2000),
    "peak_rss_mib": ("<=", 60),
    "items_1000_ratio": ("<=", 0.7),
    "items_1000_status_s": ("<=", 1.5),
    "long_paragraph_update_s": ("<", 2.0),
    "long_paragraph_rss_mib": ("<", 200),
}


def table(results: dict[str, float | str | None]) -> str:
    lines = [f"{'measure':<30}{'median':>12}  target"]
    for name, value in results.items():
        if isinstance(value, str):
            lines.append(f"{name:<30}  {value}")
            continue
        shown = "n/a" if value is None else f"{value:.3f}" if value < 10 else f"{value:.1f}"
        target = TARGETS.get(name)
        verdict = ""
        if target and value is not None:
            op, limit = target
            ok = value <= limit if op == "<=" else value >= limit if op == ">=" else value < limit
            verdict = f"{op} {limit:g}  {'met' if ok else 'NOT met'}"
        lines.append(f"{name:<30}{shown:>12}  {verdict}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--runs", type=int, default=9, help="repetitions per cold timing (default 9)")
    parser.add_argument("--agendas", type=int, default=50, help="agendas in the batch corpus (default 50)")
    parser.add_argument(
        "--dossiers", type=int, default=500, help="dossier files in the check corpus (default 500)"
    )
    parser.add_argument(
        "--items", default="10,100,1000", help="agenda sizes to render and status (default 10,100,1000)"
    )
    parser.add_argument(
        "--paragraph",
        type=int,
        default=1_000_000,
        help="characters in the paragraph changed by one word for the update document (default 1000000)",
    )
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"the measures to take, comma-separated (default all: {','.join(PARTS)})",
    )
    args = parser.parse_args()
    items = [int(part) for part in args.items.split(",") if part.strip()]
    only = frozenset(part.strip() for part in args.only.split(",") if part.strip())
    if not only <= set(PARTS):
        parser.error(f"--only: unknown measure(s) {', '.join(sorted(only - set(PARTS)))}")
    results = measure(args.runs, args.agendas, args.dossiers, args.paragraph, items, only)
    print(json.dumps(results, indent=2) if args.json else table(results))


if __name__ == "__main__":
    main()
