"""How fast briefgen is, measured side by side with pandoc in one run.

Run from the project folder:  python bench/run.py [--json] [--runs N]

Uses only the standard library and briefgen itself (and pandoc, when it is on the
PATH, as the anchor). Every figure is a median. Nothing here asserts a time: the
figures are reported, and the README says what they were on our machine.

``briefgen`` runs as a user gets it: every command in a new process of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
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


def wall(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def peak_rss_mib(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one run of ``command``, in MiB."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024


def example_project(target: Path) -> Path:
    for name in ("positions", "agendas", "templates"):
        shutil.copytree(REPO / name, target / name)
    return target


def cold_render(
    project: Path, runs: int, env: dict[str, str], between: Callable[[], None] = lambda: None
) -> dict[str, float | None]:
    """Our whole package as a new process, alternating with pandoc's one document;
    ``between`` runs after each round."""
    pandoc = shutil.which("pandoc") if REFERENCE_MD.exists() else None
    command = [*briefgen_command(), "render", AGENDA, "-o"]
    wall([*command, str(project / "out-warmup")], project, env)
    direct, theirs, ratios = [], [], []
    for run in range(runs):
        direct.append(wall([*command, str(project / f"direct-{run}")], project, env))
        if pandoc:
            other = wall([pandoc, str(REFERENCE_MD), "-o", str(project / f"pandoc-{run}.docx")], project)
            theirs.append(other)
            ratios.append(direct[-1] / other)
        between()
    return {
        "cold_render_s": statistics.median(direct),
        "pandoc_ga_s": statistics.median(theirs) if theirs else None,
        "cold_ratio": statistics.median(ratios) if ratios else None,
        "peak_rss_mib": peak_rss_mib([*command, str(project / "out-rss")], project, env),
        "pandoc_peak_rss_mib": (
            peak_rss_mib([pandoc, str(REFERENCE_MD), "-o", str(project / "pandoc-rss.docx")], project)
            if pandoc
            else None
        ),
    }


class WarmGA:
    """Inside this process after a warm-up: from reading the YAML files to the written GA.

    Samples are taken in rounds between the other measurements, so that a few busy
    seconds on the machine do not decide the median.
    """

    def __init__(self, project: Path):
        from briefgen.build.resources import Resources
        from briefgen.compose.documents import GA, compose
        from briefgen.data.bundle import open_bundle
        from briefgen.word.writer import Properties, write_docx

        target = project / "warm.docx"

        def once() -> float:
            start = time.perf_counter()
            bundle = open_bundle(project, project / AGENDA)
            resources = Resources(project)
            document = compose(bundle, resources.templates(bundle.agenda.raad), GA)
            properties = Properties(document.title, dt.datetime.combine(bundle.agenda.datum, dt.time()))
            target.write_bytes(write_docx(document, resources.reference(), properties))
            return time.perf_counter() - start

        self.once = once
        self.samples: list[float] = []
        for _ in range(3):
            once()

    def sample(self, count: int) -> None:
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


def batch(target: Path, agendas: int, rng: random.Random, env: dict[str, str]) -> float:
    project = corpus(target, agendas, rng)
    seconds = wall([*briefgen_command(), "render", "agendas", "-o", str(project / "out")], project, env)
    return agendas / seconds


def check(target: Path, dossiers: int, rng: random.Random, env: dict[str, str]) -> float:
    example_project(target)
    shutil.rmtree(target / "positions")
    (target / "positions").mkdir()
    councils = ["milieuraad-2026-03-17", "milieuraad-2026-06-16", "milieuraad-2026-10-20"]
    for number in range(dossiers):
        dossier = f"dossier-{number:04d}"
        (target / "positions" / f"{dossier}.yaml").write_text(
            dossier_yaml(dossier, councils, rng), encoding="utf-8"
        )
    seconds = wall([*briefgen_command(), "check", "positions"], target, env)
    return dossiers / seconds


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


def help_seconds(runs: int) -> float:
    return statistics.median(wall([*briefgen_command(), "--help"], REPO) for _ in range(runs))


def measure(runs: int, agendas: int, dossiers: int, paragraph: int) -> dict[str, float | None]:
    rng = random.Random(20260317)
    with tempfile.TemporaryDirectory(prefix="briefgen-bench-") as scratch:
        root = Path(scratch)
        env = dict(os.environ)
        results: dict[str, float | None] = {}
        example = example_project(root / "example")
        warm = WarmGA(example)
        results.update(cold_render(example, runs, env, between=lambda: warm.sample(10)))
        results["batch_agendas_per_s"] = batch(root / "batch", agendas, rng, env)
        warm.sample(10)
        results["check_dossiers_per_s"] = check(root / "check", dossiers, rng, env)
        warm.sample(10)
        results["help_s"] = help_seconds(runs)
        results.update(long_paragraph(root / "paragraph", paragraph, runs, rng, env))
        results["warm_ga_ms"] = warm.median_ms()
    return results


TARGETS = {
    "cold_ratio": ("<=", 2.0),
    "help_s": ("<=", 0.12),
    "warm_ga_ms": ("<=", 25),
    "batch_agendas_per_s": (">=", 20),
    "check_dossiers_per_s": (">=", 250),
    "long_paragraph_update_s": ("<", 2.0),
    "long_paragraph_rss_mib": ("<", 200),
}


def table(results: dict[str, float | None]) -> str:
    lines = [f"{'measure':<24}{'median':>12}  target"]
    for name, value in results.items():
        shown = "n/a" if value is None else f"{value:.3f}" if value < 10 else f"{value:.1f}"
        target = TARGETS.get(name)
        if name == "peak_rss_mib" and results.get("pandoc_peak_rss_mib"):
            target = ("<", results["pandoc_peak_rss_mib"])
        verdict = ""
        if target and value is not None:
            op, limit = target
            ok = value <= limit if op == "<=" else value >= limit if op == ">=" else value < limit
            verdict = f"{op} {limit:.4g}  {'met' if ok else 'NOT met'}"
        lines.append(f"{name:<24}{shown:>12}  {verdict}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--runs", type=int, default=7, help="repetitions per timing (default 7)")
    parser.add_argument("--agendas", type=int, default=50, help="agendas in the batch corpus (default 50)")
    parser.add_argument(
        "--dossiers", type=int, default=500, help="dossier files in the check corpus (default 500)"
    )
    parser.add_argument(
        "--paragraph",
        type=int,
        default=1_000_000,
        help="characters in the paragraph changed by one word for the update document (default 1000000)",
    )
    args = parser.parse_args()
    results = measure(args.runs, args.agendas, args.dossiers, args.paragraph)
    print(json.dumps(results, indent=2) if args.json else table(results))


if __name__ == "__main__":
    main()
