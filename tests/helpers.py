"""What many test modules share: the example's paths, running the command line, editing a
project's files, reading documents back, and the reference GA."""

from __future__ import annotations

import ast
import difflib
import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import strategies as st

from briefgen.cli import main
from briefgen.data import files
from briefgen.data.load import Loaded, load_text
from briefgen.output.package import compose_package
from docxread import Docx, read

REPO = Path(__file__).resolve().parent.parent
AGENDA = "agendas/milieuraad-2026-03-17.yaml"
GA = Path("build/milieuraad-2026-03-17/geannoteerde-agenda.docx")
LVVN = "agendas/landbouw-en-visserijraad-2026-01-26.yaml"
LVVN_OUT = Path("build/landbouw-en-visserijraad-2026-01-26")
CO2 = "positions/co2-normen.yaml"
GA_PACKAGE = ("geannoteerde-agenda.docx", "kamerbrief-tk.docx", "kamerbrief-ek.docx", "nota.docx")
VERSLAG_PACKAGE = ("verslag.docx", "kamerbrief-verslag-tk.docx", "kamerbrief-verslag-ek.docx")
PACKAGE = (*GA_PACKAGE, *VERSLAG_PACKAGE)
REFERENCE = Path(__file__).parent / "fixtures" / "ga-milieuraad-2026-03-17.md"

# Markdown markup that drafters use on purpose; everything else must come out literally.
MARKUP = "*_`[]\\"
TEXT = (
    st.text(
        alphabet=st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters=MARKUP),
        min_size=1,
        max_size=80,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


def briefgen(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--root", str(root)], catch_exceptions=False)


PUBLISHED_CITATION = (
    "positions/co2-normen.yaml:7:5: warning: footnote 'bnc' cites a Kamerstuk without its number"
)
"""The one warning the shipped examples give: the Milieuraad example reproduces the published
GA's footnote "Kamerstukken II, 2025-2026, 032-89.", which names no paper."""


NO_KENMERK = "have no 'kenmerk' (Ons kenmerk"
"""The warning on a letter without its number, which ``new`` leaves for the drafter to fill in."""


def checks_clean(root: Path, *args: str, allowed: tuple[str, ...] = ()) -> Result:
    """``briefgen check`` of ``args`` in ``root``: exit 0 and no warning but PUBLISHED_CITATION
    (and those holding one of ``allowed``)."""
    result = briefgen(root, "check", *args)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    warnings = [line for line in warnings if not any(text in line for text in allowed)]
    assert all(line.startswith(PUBLISHED_CITATION) for line in warnings), result.stderr
    return result


def load_file(path: Path, display: str | None = None) -> Loaded:
    """A YAML file loaded as the project loads it: read whole within its size limit, then parsed."""
    shown = display or str(path)
    return load_text(files.read_text(path, shown), shown)


def copy_example(target: Path) -> Path:
    """The shipped example project (positions, agendas, templates) copied into ``target``."""
    for name in ("positions", "agendas", "templates"):
        shutil.copytree(REPO / name, target / name)
    return target


def render_examples(target: Path) -> Path:
    """Every shipped agenda rendered in a copy of the example project, as a drafter renders them
    all (``render agendas/``); the copy's ``build/`` folder."""
    root = copy_example(target)
    result = briefgen(root, "render", "agendas/")
    assert result.exit_code == 0, result.stderr
    return root / "build"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def place(root: Path, name: str, needle: str, offset: int = 0) -> str:
    """'file:line:col' of the first ``needle`` in a file (plus ``offset`` columns)."""
    for number, line in enumerate((root / name).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return f"{name}:{number}:{line.index(needle) + 1 + offset}"
    raise AssertionError(needle)


def render_fails(root: Path, agenda: str = AGENDA, ga: Path = GA) -> str:
    """Render ``agenda``, expecting a user error: exit 1, no traceback, no GA. Returns stderr."""
    result = briefgen(root, "render", agenda)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not (root / ga).exists()
    return result.stderr


def documents(root: Path, agenda: str = AGENDA) -> dict[str, Docx]:
    """Every Word document of ``agenda``'s package, composed in memory, by file stem."""
    outputs = compose_package(root, root / agenda, root / "out").outputs
    return {o.path.stem: read(o.data) for o in outputs if o.path.suffix == ".docx"}


def texts(document: Docx) -> list[str]:
    return [p.text for p in document.paragraphs]


def reference() -> tuple[list[str], list[str]]:
    """The reference GA's body paragraphs and footnotes, as plain text."""
    body, notes = [], []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        note = re.match(r"^\[\^\d+\]: (.*)$", line)
        if note:
            notes.append(note.group(1))
            continue
        line = re.sub(r"^(#+ |\d+\. )", "", line)
        body.append(re.sub(r"\[\^\d+\]", "", line))
    return body, notes


def similarity(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, " ".join(a).split(), " ".join(b).split(), autojunk=False).ratio()


@contextmanager
def changed(root: Path, name: str, text: str) -> Iterator[Path]:
    """``root`` with its file ``name`` holding ``text``; afterwards the file as it was."""
    path = root / name
    before = path.read_bytes()
    path.write_text(text, encoding="utf-8")
    try:
        yield root
    finally:
        path.write_bytes(before)


def replaced(root: Path, name: str, old: str, new: str) -> str:
    """The text of ``root``'s file ``name`` with the first ``old`` replaced by ``new``."""
    text = (root / name).read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Drafter",
    "GIT_AUTHOR_EMAIL": "drafter@example.invalid",
    "GIT_COMMITTER_NAME": "Drafter",
    "GIT_COMMITTER_EMAIL": "drafter@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
"""git as a drafter with no configuration of their own: a name to commit with, nothing else."""


def git(root: Path, *args: str) -> str:
    """``git ARGS`` in ``root`` (which must succeed): what it printed, stripped."""
    done = subprocess.run(
        ["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def section(text: str, heading: str) -> str:
    """The part of a Markdown page under ``heading`` (a whole line), up to the next ``## ``."""
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def shell_blocks(text: str) -> list[str]:
    """The ```sh code blocks of a Markdown page."""
    return re.findall(r"^```sh\n(.*?)^```$", text, flags=re.M | re.S)


def shell_commands(block: str) -> list[list[str]]:
    """Each command of a shell block as its words: comments left out, ``&&`` split."""
    found: list[list[str]] = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        while "&&" in words:
            cut = words.index("&&")
            found.append(words[:cut])
            words = words[cut + 1 :]
        if words:
            found.append(words)
    return found


def private_names(module: Path, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The private names (``_x``, not ``__x__``) a module reads off objects other than its own
    ``self`` and ``cls``, by attribute or by ``getattr``; ``allowed`` are public despite the
    underscore (lxml's ``etree._Element``)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and not (
            isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
        ):
            found.append(node.attr)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr":
            found += [
                a.value for a in node.args[1:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)
            ]
    return [n for n in found if n.startswith("_") and not n.startswith("__") and n not in allowed]
