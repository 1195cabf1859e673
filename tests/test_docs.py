"""The README is short and its commands work; the MkDocs site in docs/ lists every page."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import click
import docx
import yaml

from briefgen.cli import main
from helpers import GIT_ENV, REPO, briefgen, copy_example, section, shell_blocks, shell_commands

README = REPO / "README.md"
DOCS = REPO / "docs"
WALK = "## One Council, start to finish"
ANSWERS = "~/Downloads/antwoorden/"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def test_the_readme_is_at_most_200_lines() -> None:
    assert len(readme().splitlines()) <= 200


def test_the_first_two_commands_install_and_render_then_install_and_test() -> None:
    first, second = shell_blocks(readme())[:2]
    assert first.strip() == "pip install -e . && briefgen render agendas/milieuraad-2026-03-17.yaml"
    assert second.strip() == "pip install -e '.[test]' && pytest"


def test_the_readme_links_only_to_pages_that_exist() -> None:
    targets = re.findall(r"\]\((docs/[^)#]+)", readme())
    assert targets
    assert [target for target in targets if not (REPO / target).is_file()] == []


def test_the_site_home_walks_the_same_council_as_the_readme() -> None:
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert section(home, WALK) == section(readme(), WALK)


def test_every_page_is_in_the_navigation_once() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    listed = [next(iter(entry.values())) for entry in config["nav"]]
    assert sorted(listed) == sorted(path.name for path in DOCS.glob("*.md"))


def answer(root: Path, folder: Path) -> None:
    """A colleague's answer: the built GA with one sentence of the co2-normen inzet reworded."""
    built = docx.Document(str(root / "build/milieuraad-2026-10-20/geannoteerde-agenda.docx"))
    runs = [
        run for run in (r for p in built.paragraphs for r in p.runs) if "Het kabinet wil zorgen" in run.text
    ]
    runs[0].text = runs[0].text.replace("Het kabinet wil zorgen", "Het kabinet wil blijven zorgen")
    folder.mkdir(parents=True)
    built.save(str(folder / "GA Milieuraad (DGMI).docx"))


def run(root: Path, words: list[str], answers: Path) -> None:
    if words[0] == "git":
        subprocess.run(words, cwd=root, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)
        return
    assert words[0] == "briefgen", words
    if ANSWERS in words:
        if not answers.exists():
            answer(root, answers)
        words = [str(answers) if word == ANSWERS else word for word in words]
    result = briefgen(root, *words[1:])
    assert result.exit_code == 0, (words, result.stderr)


def test_the_walk_through_one_council_runs_as_written(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    (root / ".gitignore").write_text("/build/\n", encoding="utf-8")
    for words in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "start"]):
        run(root, words, tmp_path)
    walk = [words for block in shell_blocks(section(readme(), WALK)) for words in shell_commands(block)]
    assert [words[1] for words in walk if words[0] == "briefgen"] == [
        "new", "check", "render", "status", "diff", "render", "send", "absorb", "absorb", "render", "verslag"
    ]  # fmt: skip
    for words in walk:
        run(root, words, tmp_path / "antwoorden")
    inzet = (root / "positions/co2-normen.yaml").read_text(encoding="utf-8")
    assert "Het kabinet wil blijven zorgen" in inzet
    assert (root / "build/milieuraad-2026-10-20/geannoteerde-agenda.wijzigingen.docx").is_file()
    assert subprocess.run(["git", "tag"], cwd=root, capture_output=True, text=True).stdout.startswith(
        "sent/milieuraad-2026-10-20/"
    )
    assert "briefgen render agendas/milieuraad-2026-10-20.yaml` writes `verslag.docx`" in " ".join(
        section(readme(), WALK).split()
    )
    fill_in_the_verslag(root)
    assert briefgen(root, "render", "agendas/milieuraad-2026-10-20.yaml").exit_code == 0
    assert (root / "build/milieuraad-2026-10-20/verslag.docx").is_file()


def fill_in_the_verslag(root: Path) -> None:
    """What the drafter writes after `briefgen verslag`: the summary and every outcome."""
    for path in [root / "agendas/milieuraad-2026-10-20.yaml", *sorted((root / "positions").glob("*.yaml"))]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(\s+)uitkomst:[ \t]*(#.*)?$", r"\1uitkomst: De Raad sprak erover.", text, flags=re.M)
        text = re.sub(
            r"^(\s+)samenvatting:[ \t]*(#.*)?$", r"\1samenvatting: De Raad kwam bijeen.", text, flags=re.M
        )
        path.write_text(text, encoding="utf-8")


def command_names() -> list[str]:
    return main.list_commands(click.Context(main))


def test_the_command_tables_name_every_command() -> None:
    pages = {"README.md": readme(), "docs/commands.md": (DOCS / "commands.md").read_text(encoding="utf-8")}
    missing = [
        (page, name)
        for page, text in pages.items()
        for name in command_names()
        if f"| `briefgen {name} " not in text
    ]
    assert missing == []
