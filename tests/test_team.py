"""A team on one project (docs/team.md): the sent version is kept by its git tag, another
clone absorbs answers once it rendered the sent commit, and the pre-commit hook checks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from helpers import (
    AGENDA,
    GA,
    GIT_ENV,
    REPO,
    briefgen,
    copy_example,
    git,
    section,
    shell_blocks,
    shell_commands,
)

TEAM = (REPO / "docs" / "team.md").read_text(encoding="utf-8")
ANSWERS = "~/Downloads/antwoorden/"
SENT = re.compile(r"sent/milieuraad-2026-03-17/[0-9a-f]+")


def sent(root: Path) -> str:
    """The example project in git, rendered and sent: the tag `briefgen send` made."""
    copy_example(root)
    (root / ".gitignore").write_text("/build/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "GA Milieuraad 17 maart")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    assert briefgen(root, "send", AGENDA).exit_code == 0
    return git(root, "tag", "--list", "sent/*")


def answered(root: Path, folder: Path) -> None:
    """A colleague's answer to the sent GA: one sentence of the co2-normen inzet reworded."""
    built = docx.Document(str(root / GA))
    runs = [
        run
        for paragraph in built.paragraphs
        for run in paragraph.runs
        if "Het kabinet wil zorgen" in run.text
    ]
    runs[0].text = runs[0].text.replace("Het kabinet wil zorgen", "Het kabinet wil blijven zorgen")
    folder.mkdir()
    built.save(str(folder / "GA Milieuraad (DGMI).docx"))


def test_another_clone_absorbs_the_answers_after_rendering_the_sent_commit(tmp_path: Path) -> None:
    origin, clone, answers = tmp_path / "origin", tmp_path / "clone", tmp_path / "antwoorden"
    tag = sent(origin)
    answered(origin, answers)
    git(origin, "commit", "--allow-empty", "-qm", "later work")
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    assert briefgen(clone, "absorb", str(answers)).exit_code == 1  # its build is not known here
    block = shell_blocks(section(TEAM, "## Who renders"))[0]
    for words in shell_commands(SENT.sub(tag, block)):
        words = [str(answers) if word == ANSWERS else word for word in words]
        if words[0] == "git":
            git(clone, *words[1:])
        else:
            result = briefgen(clone, *words[1:])
            assert result.exit_code == 0, (words, result.stderr)
    assert git(clone, "rev-parse", "HEAD") == git(origin, "rev-parse", "HEAD")
    assert "Het kabinet wil blijven zorgen" in (clone / "positions/co2-normen.yaml").read_text(
        encoding="utf-8"
    )


def test_the_sent_tag_renders_the_sent_documents_again(tmp_path: Path) -> None:
    origin, clone = tmp_path / "origin", tmp_path / "clone"
    tag = sent(origin)
    (origin / "positions/co2-normen.yaml").write_text(
        (origin / "positions/co2-normen.yaml")
        .read_text(encoding="utf-8")
        .replace("wil zorgen", "wil blijven zorgen"),
        encoding="utf-8",
    )
    git(origin, "commit", "-qam", "after the round")
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-q", tag)
    assert briefgen(clone, "render", AGENDA).exit_code == 0
    build = GA.parent
    assert sorted(path.name for path in (clone / build).glob("*.docx")) == sorted(
        path.name for path in (origin / build).glob("*.docx")
    )
    for path in (origin / build).glob("*.docx"):
        assert (clone / build / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_documented_pre_commit_hook_is_the_shipped_one_and_checks(tmp_path: Path) -> None:
    config = yaml.safe_load(re.findall(r"^```yaml\n(.*?)^```$", TEAM, flags=re.M | re.S)[0])
    (local,) = config["repos"][0]["hooks"]
    (shipped,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for key in ("id", "entry", "files", "pass_filenames"):
        assert local[key] == shipped[key], key
    watched = re.compile(local["files"])
    assert [
        name
        for name in ("positions/a.yaml", "agendas/b.yaml", "templates/c.md.j2")
        if not watched.search(name)
    ] == []
    assert [
        name for name in ("README.md", "briefgen/cli.py", "build/x/manifest.json") if watched.search(name)
    ] == []
    root = copy_example(tmp_path)
    command = local["entry"].split()
    assert command[0] == "briefgen"
    assert briefgen(root, *command[1:]).exit_code == 0
    (root / "positions/co2-normen.yaml").write_text("id: [\n", encoding="utf-8")
    assert briefgen(root, *command[1:]).exit_code == 1


def pre_commit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit ARGS`` in ``root``, with this interpreter's ``briefgen`` on the PATH and
    pre-commit's own cache inside the test's folder. The environment pre-commit makes for a
    hook installs the versions CI pins (``PIP_CONSTRAINT``), as the pinned lane does."""
    env = {
        **os.environ,
        **GIT_ENV,
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "PRE_COMMIT_HOME": str(root.parent / "pre-commit-cache"),
        "PIP_CONSTRAINT": str(REPO / "constraints.txt"),
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=root, env=env, capture_output=True, text=True
    )


def committed(root: Path, config: str) -> Path:
    """The example project in git with ``config`` as its .pre-commit-config.yaml."""
    copy_example(root)
    (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the project")
    return root


def test_pre_commit_runs_the_documented_hook_on_a_staged_position(tmp_path: Path) -> None:
    config = re.findall(r"^```yaml\n(.*?)^```$", TEAM, flags=re.M | re.S)[0]
    root = committed(tmp_path / "project", config)
    assert pre_commit(root, "run", "--all-files").returncode == 0
    (root / "positions/co2-normen.yaml").write_text("id: [\n", encoding="utf-8")
    git(root, "add", "positions/co2-normen.yaml")
    failed = pre_commit(root, "run")
    assert failed.returncode == 1
    assert "positions/co2-normen.yaml:2:1: YAML syntax error" in failed.stdout


def test_pre_commit_skips_the_hook_when_no_project_file_is_staged(tmp_path: Path) -> None:
    config = re.findall(r"^```yaml\n(.*?)^```$", TEAM, flags=re.M | re.S)[0]
    root = committed(tmp_path / "project", config)
    (root / "positions/co2-normen.yaml").write_text("id: [\n", encoding="utf-8")
    (root / "notes.md").write_text("a note\n", encoding="utf-8")
    git(root, "add", "notes.md")
    skipped = pre_commit(root, "run")
    assert skipped.returncode == 0
    assert "Skipped" in skipped.stdout


@pytest.mark.slow
def test_pre_commit_installs_the_shipped_hook_from_this_repository(tmp_path: Path) -> None:
    """The hook as a project refers to it (repo and rev): pre-commit installs briefgen from
    this repository into an environment of its own and runs `briefgen check`."""
    hooks = tmp_path / "briefgen"
    for name in ("briefgen", "templates"):
        shutil.copytree(REPO / name, hooks / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, hooks / name)
    git(hooks, "init", "-q")
    git(hooks, "add", "-A")
    git(hooks, "commit", "-qm", "briefgen")
    rev = git(hooks, "rev-parse", "HEAD")
    config = f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: briefgen-check\n"
    root = committed(tmp_path / "project", config)
    done = pre_commit(root, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    (root / "agendas/milieuraad-2026-03-17.yaml").write_text("id: [\n", encoding="utf-8")
    git(root, "add", "-A")
    assert pre_commit(root, "run").returncode == 1
