"""The CI recipes in ci/ run as written: their shell commands, read from the YAML, check the
project on a push and render the package of each agenda the push changed into build/,
the folder their artifact keeps."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import GIT_ENV, REPO, copy_example, git

CI = REPO / "ci"
CHANGED = ["agendas/ecofinraad-2026-03-10.yaml", "agendas/transportraad-2026-06-04.yaml"]
"""What the push in `pushed` changes: the Ecofinraad's agenda file itself, and the position
file of the Transportraad's one dossier."""


@dataclass
class Step:
    """One shell step of a recipe: its script and the variables it runs with."""

    name: str
    script: str
    env: dict[str, str] = field(default_factory=dict)


def gitlab(base: str) -> tuple[list[Step], list[str]]:
    """The GitLab recipe's jobs in stage order (each job's before_script and script as one
    shell script, as the runner runs it) and the render job's artifact paths."""
    recipe: dict[str, Any] = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))
    variables = {name: str(value) for name, value in recipe.get("variables", {}).items()}
    variables["CI_COMMIT_BEFORE_SHA"] = base
    before = recipe.get("default", {}).get("before_script", [])
    jobs = {name: job for name, job in recipe.items() if isinstance(job, dict) and "script" in job}
    steps = [
        Step(name, "\n".join([*job.get("before_script", before), *job["script"]]), variables)
        for stage in recipe["stages"]
        for name, job in jobs.items()
        if job["stage"] == stage
    ]
    return steps, jobs["render"]["artifacts"]["paths"]


def github(base: str) -> tuple[list[Step], list[str]]:
    """The GitHub workflow's run steps in order, each with its env (the one expression they
    use filled in as Actions fills it), and the upload step's path."""
    recipe: dict[str, Any] = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    (job,) = recipe["jobs"].values()
    expressions = {"${{ github.event.before }}": base}
    steps = []
    for step in job["steps"]:
        if "run" in step:
            env = {name: expressions[str(value)] for name, value in step.get("env", {}).items()}
            steps.append(Step(step["name"], step["run"], env))
    (upload,) = (step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact"))
    return steps, [upload["with"]["path"]]


RECIPES = {"gitlab": gitlab, "github": github}


def pushed(root: Path) -> str:
    """A project in git with two commits: the example, then a push that changes one agenda
    and one position file. The first commit's id (the commit before the push)."""
    shutil.copytree(CI, root / "ci", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "constraints.txt", root)
    (root / ".gitignore").write_text("/build/\n/changed-agendas.txt\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the example project")
    base = git(root, "rev-parse", "HEAD")
    for name in ("agendas/ecofinraad-2026-03-10.yaml", "positions/passagiersrechten.yaml"):
        with (root / name).open("a", encoding="utf-8") as file:
            file.write("# reviewed\n")
    git(root, "commit", "-qam", "a push")
    return base


def installing(line: str) -> bool:
    return line.split()[:2] == ["pip", "install"]


def run(root: Path, step: Step, path: str, install: bool = False) -> subprocess.CompletedProcess[str]:
    """A step's script in bash with -e and pipefail, as both forges run it; without
    ``install`` its pip install lines are left out (briefgen is installed already)."""
    script = "\n".join(line for line in step.script.splitlines() if install or not installing(line))
    env = {**os.environ, **GIT_ENV, **step.env, "PATH": path}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def this_python() -> str:
    """PATH with this interpreter's folder first: its `python` and `briefgen`."""
    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


def rendered(root: Path) -> list[str]:
    build = root / "build"
    return sorted(
        f"agendas/{folder.name}.yaml" for folder in build.iterdir() if not folder.name.startswith(".")
    )


@pytest.mark.parametrize("forge", sorted(RECIPES))
def test_a_push_is_checked_and_each_changed_agenda_rendered_into_the_artifact(
    forge: str, tmp_path: Path
) -> None:
    root = copy_example(tmp_path / "project")
    steps, artifacts = RECIPES[forge](pushed(root))
    assert any(
        [line for line in step.script.splitlines() if not installing(line)] == ["briefgen check"]
        for step in steps
    )
    for step in steps:
        done = run(root, step, this_python())
        assert done.returncode == 0, (step.name, done.stderr)
    assert rendered(root) == CHANGED
    assert artifacts == ["build/"]
    for agenda in CHANGED:
        assert (root / "build" / Path(agenda).stem / "geannoteerde-agenda.docx").is_file()


@pytest.mark.parametrize("forge", sorted(RECIPES))
def test_a_push_with_a_broken_file_fails_the_check_before_anything_is_rendered(
    forge: str, tmp_path: Path
) -> None:
    root = copy_example(tmp_path / "project")
    base = pushed(root)
    (root / "positions/passagiersrechten.yaml").write_text("id: [\n", encoding="utf-8")
    git(root, "commit", "-qam", "a broken push")
    steps, _ = RECIPES[forge](base)
    results = []
    for step in steps:
        results.append(run(root, step, this_python()))
        if results[-1].returncode != 0:
            break
    assert results[-1].returncode == 1
    assert "positions/passagiersrechten.yaml:2:1: YAML syntax error" in results[-1].stderr
    assert not (root / "build").exists()


def changed(root: Path, base: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "ci/changed_agendas.py", base], cwd=root, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def every_agenda(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in (root / "agendas").glob("*.yaml"))


def test_the_first_push_of_a_branch_renders_every_agenda(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    pushed(root)
    assert changed(root, "0" * 40) == every_agenda(root)
    assert changed(root, "") == every_agenda(root)


def test_a_commit_the_clone_does_not_have_renders_every_agenda(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    pushed(root)
    assert changed(root, "1" * 40) == every_agenda(root)


@pytest.mark.parametrize("name", ["templates/_voetnoot.md.j2", "positions/_voetnoten.yaml"])
def test_a_change_every_agenda_reads_renders_every_agenda(name: str, tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    pushed(root)
    base = git(root, "rev-parse", "HEAD")
    with (root / name).open("a", encoding="utf-8") as file:
        file.write("\n")
    git(root, "commit", "-qam", "a file every agenda reads")
    assert changed(root, base) == every_agenda(root)


def test_a_dossier_renders_each_agenda_that_names_it(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    pushed(root)
    base = git(root, "rev-parse", "HEAD")
    with (root / "positions/co2-normen.yaml").open("a", encoding="utf-8") as file:
        file.write("# reviewed\n")
    git(root, "commit", "-qam", "co2")
    assert changed(root, base) == ["agendas/milieuraad-2026-03-17.yaml", "agendas/milieuraad-2026-06-16.yaml"]


@pytest.mark.slow
@pytest.mark.parametrize("forge", sorted(RECIPES))
def test_the_recipe_installs_briefgen_on_a_fresh_clone(forge: str, tmp_path: Path) -> None:
    """Every line, the install too, in a fresh clone with a new virtual environment."""
    source = tmp_path / "source"
    for name in ("briefgen", "positions", "agendas", "templates", "ci"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "constraints.txt", "README.md"):
        shutil.copy(REPO / name, source / name)
    (source / ".gitignore").write_text("/build/\n/changed-agendas.txt\n*.egg-info/\n", encoding="utf-8")
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "commit", "-qm", "the project")
    base = git(source, "rev-parse", "HEAD")
    with (source / "positions/passagiersrechten.yaml").open("a", encoding="utf-8") as file:
        file.write("# reviewed\n")
    git(source, "commit", "-qam", "a push")
    root = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(source), str(root))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    path = os.pathsep.join([str(venv / "bin"), os.environ.get("PATH", "")])
    steps, _ = RECIPES[forge](base)
    for step in steps:
        done = run(root, step, path, install=True)
        assert done.returncode == 0, (step.name, done.stderr)
    assert rendered(root) == ["agendas/transportraad-2026-06-04.yaml"]
