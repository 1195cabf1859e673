"""JSON Schemas for editors, generated from the models, and the pre-commit hook."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from briefgen.cli import main
from briefgen.commands.schema import SCHEMA_NAMES
from briefgen.data.jsonschemas import BESCHRIJVINGEN, SCHEMAS
from briefgen.data.pydantic_models import pydantic_model
from helpers import REPO, briefgen


def printed(name: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["schema", name], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def as_json(value: Any) -> Any:
    """YAML data as an editor's language server sees it: dates are strings."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def example_files() -> list[tuple[str, Path]]:
    files = [("agenda", path) for path in sorted((REPO / "agendas").glob("*.yaml"))]
    for path in sorted((REPO / "positions").glob("*.yaml")):
        files.append(("voetnoten" if path.name == "_voetnoten.yaml" else "dossier", path))
    return files


def test_cli_names_every_schema() -> None:
    assert set(SCHEMA_NAMES) == set(SCHEMAS)


@pytest.mark.parametrize(("name", "path"), example_files(), ids=lambda v: getattr(v, "name", v))
def test_example_files_are_valid_against_their_schema(name: str, path: Path) -> None:
    validator = Draft202012Validator(printed(name))
    errors = [
        error.message for error in validator.iter_errors(as_json(yaml.safe_load(path.read_text("utf-8"))))
    ]
    assert errors == []


def test_misspelled_key_is_refused_by_the_schema() -> None:
    data = as_json(yaml.safe_load((REPO / "agendas" / "milieuraad-2026-03-17.yaml").read_text("utf-8")))
    data["plaatss"] = data.pop("plaats")
    messages = [error.message for error in Draft202012Validator(printed("agenda")).iter_errors(data)]
    assert any("plaatss" in message for message in messages)
    assert any("'plaats'" in message for message in messages)


def test_descriptions_are_dutch_and_on_the_fields() -> None:
    agenda = printed("agenda")
    assert agenda["properties"]["raad"]["description"].startswith("De Raadsformatie")
    assert agenda["$defs"]["Brief"]["properties"]["postadres"]["description"].startswith("Optioneel")
    dossier = printed("dossier")
    assert dossier["$defs"]["Standpunt"]["properties"]["inzet"]["description"] == (
        "Optioneel: de Inzet Nederland (Markdown)."
    )


def test_every_description_names_a_model_field() -> None:
    known: set[str] = set()
    for model in SCHEMAS.values():
        generated = pydantic_model(model).model_json_schema()
        for name, definition in {model.__name__: generated, **generated.get("$defs", {})}.items():
            known.add(name)
            known.update(f"{name}.{field}" for field in definition.get("properties", {}))
    assert sorted(set(BESCHRIJVINGEN) - known) == []


def test_output_folder_gets_the_printed_schemas(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path / "schemas")], catch_exceptions=False)
    assert result.exit_code == 0
    for name in SCHEMA_NAMES:
        written = json.loads((tmp_path / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert written == printed(name)


def test_schema_without_name_or_folder_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 2
    assert result.stderr == "briefgen schema: name a schema (agenda, dossier, voetnoten) or give -o DIR\n"


def test_pre_commit_hook_runs_briefgen_check(project: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "briefgen-check")
    assert hook["pass_filenames"] is False
    command = hook["entry"].split()
    assert command[0] == "briefgen"
    assert briefgen(project, *command[1:]).exit_code == 0
    (project / "agendas" / "milieuraad-2026-03-17.yaml").write_text("id: [\n", encoding="utf-8")
    assert briefgen(project, *command[1:]).exit_code == 1
