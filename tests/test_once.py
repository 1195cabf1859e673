"""Each thing once per package: the view built once for all documents, footnotes defined only
where cited, and ``status`` of an unchanged build decided from hashes without composing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import briefgen.output.package as build_stage
import briefgen.output.staleness as status_command
import small
from briefgen.word.archive import Deflated
from helpers import briefgen, edit


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Two items with a footnote each, a letter, a nota and a verslag."""
    return small.project(tmp_path / "small", 2, letter=True, nota=True, verslag=True)


def test_the_view_is_built_once_per_package(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = build_stage.share

    def counted(*args: object, **kwargs: object) -> object:
        calls.append("share")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build_stage, "share", counted)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    manifest = json.loads((root / small.OUT / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["documenten"]) > 1
    assert calls == ["share"]


def test_footnotes_are_defined_only_in_documents_that_cite_them(root: Path) -> None:
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    manifest = json.loads((root / small.OUT / "manifest.json").read_text(encoding="utf-8"))
    sources = manifest["documenten"]
    assert "]: " in sources["geannoteerde-agenda.docx"]
    for name in ("kamerbrief-tk.docx", "kamerbrief-ek.docx"):
        assert "[^" not in sources[name], name


def test_status_of_an_unchanged_build_composes_nothing(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert briefgen(root, "render", small.AGENDA).exit_code == 0

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("composed")

    monkeypatch.setattr(status_command, "compose_package", refuse)
    result = briefgen(root, "status", small.AGENDA, "--check")
    assert result.exit_code == 0, result.output
    assert all(line.endswith(": up to date") for line in result.stdout.splitlines())


def test_status_composes_again_when_an_input_changed(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    edit(root, "positions/bodem.yaml", "Inzet van bodem.", "Inzet van de bodem.")
    composed: list[bool] = []
    real = status_command.compose_package

    def counted(*args: object, **kwargs: object) -> object:
        composed.append(True)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(status_command, "compose_package", counted)
    result = briefgen(root, "status", small.AGENDA, "--check")
    assert result.exit_code == 1
    assert composed == [True]
    assert "geannoteerde-agenda.docx: stale" in result.stdout


def test_status_composes_again_when_a_template_is_added(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    (root / "templates" / "_nieuw.md.j2").write_text("nieuw\n", encoding="utf-8")
    monkeypatch.setattr(status_command, "compose_package", lambda *a, **k: (_ for _ in ()).throw(LookupError))
    with pytest.raises(LookupError):
        status_command.status(root, root / small.AGENDA)


def test_status_lists_documents_in_package_order_either_way(root: Path) -> None:
    assert briefgen(root, "render", small.AGENDA, "--arcering", "IenW").exit_code == 0
    fast = briefgen(root, "status", small.AGENDA).stdout
    (root / "templates" / "_nieuw.md.j2").write_text("nieuw\n", encoding="utf-8")
    slow = briefgen(root, "status", small.AGENDA).stdout
    assert [line.split(":")[0] for line in fast.splitlines()] == [
        line.split(":")[0] for line in slow.splitlines()
    ]


def test_the_parts_written_as_stored_bytes_are_the_ones_no_document_changes(root: Path) -> None:
    """The reference's parts that every document carries as stored bytes must really be left
    alone by the writer: after a whole package, each still serializes to those bytes."""
    from briefgen.output.package import compose_package
    from briefgen.output.resources import Resources

    package = compose_package(root, root / small.AGENDA, arcering=["IenW"])
    assert len(package.outputs) > 4
    reference = Resources(root).reference()
    assert set(reference.stored) >= {"/word/styles.xml", "/word/settings.xml"}
    for part in reference.open().part.package.iter_parts():
        if part.partname in reference.stored:
            assert Deflated.of(part.blob) == reference.stored[part.partname], part.partname


def test_an_unchanged_file_is_parsed_once_per_process(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.data.project as project_stage
    from briefgen.data.bundle import open_bundle

    parsed: list[str] = []
    real = project_stage.load_text

    def counted(text: str, display: str, sha256: str | None = None) -> object:
        parsed.append(display)
        return real(text, display, sha256)

    monkeypatch.setattr(project_stage, "load_text", counted)
    monkeypatch.setattr(project_stage, "_READ", {})
    open_bundle(root, root / small.AGENDA)
    first = len(parsed)
    assert first >= 3
    open_bundle(root, root / small.AGENDA)
    assert len(parsed) == first
    edit(root, "positions/bodem.yaml", "Inzet van bodem.", "Inzet van de bodem.")
    bundle = open_bundle(root, root / small.AGENDA)
    assert parsed[first:] == ["positions/bodem.yaml"]
    assert "Inzet van de bodem." in bundle.dossiers["bodem"].model.standpunten[0].inzet


def test_a_footnote_is_rendered_once_per_state_of_the_templates(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefgen.compose.templates import FOOTNOTE, Templates
    from briefgen.output.package import compose_package

    rendered: list[str] = []
    real = Templates.render

    def counted(self: Templates, name: str, **view: object) -> str:
        if name == FOOTNOTE:
            rendered.append(name)
        return real(self, name, **view)

    monkeypatch.setattr(Templates, "render", counted)
    first = compose_package(root, root / small.AGENDA)
    count = len(rendered)
    assert count >= 2
    again = compose_package(root, root / small.AGENDA)
    assert len(rendered) == count
    assert again.manifest.documenten == first.manifest.documenten


def test_a_changed_footnote_template_is_rendered_anew_in_the_same_process(root: Path) -> None:
    from briefgen.output.package import compose_package

    before = compose_package(root, root / small.AGENDA).manifest.documenten["geannoteerde-agenda.docx"]
    assert "Kamerstukken II, 2029-2030" in before
    edit(root, "templates/_voetnoot.md.j2", "Kamerstukken {{", "Kamerstuk {{")
    after = compose_package(root, root / small.AGENDA).manifest.documenten["geannoteerde-agenda.docx"]
    assert "Kamerstuk II, 2029-2030" in after
    assert "Kamerstukken II" not in after


def test_a_drafters_text_is_a_footnote_key_of_its_own() -> None:
    """Texts with the same letters but another origin are written with other marks: other keys."""
    from briefgen.compose.templates import value_key
    from briefgen.data.provenance import Sourced

    keys = {value_key(text) for text in ("tekst", Sourced("tekst", 1), Sourced("tekst", 2))}
    assert len(keys) == 3
    assert value_key(["a list"]) is None


def test_the_watched_view_is_wrapped_once_per_package_and_review_copy(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefgen.compose.documents as compose_stage
    from briefgen.output.package import compose_package

    wrapped: list[str] = []
    real = compose_stage.watched

    def counted(view: dict[str, object], seen: set[tuple[str | int, ...]]) -> dict[str, object]:
        wrapped.append(str(view.get("arcering")))
        return real(view, seen)

    monkeypatch.setattr(compose_stage, "watched", counted)
    package = compose_package(root, root / small.AGENDA, arcering=["IenW"])
    assert len(package.documents) > 4
    assert wrapped == ["None", "IenW"]


def test_the_kept_footnotes_stay_within_their_limit(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefgen.compose.templates as templates_stage
    from briefgen.output.resources import Resources

    monkeypatch.setattr(templates_stage, "MAX_KEPT_FOOTNOTES", 2)
    templates = Resources(root).templates("Milieuraad")
    texts = [templates.footnote(f"Noot {number}.", None).strip() for number in range(5)]
    assert texts == [f"Noot {number}." for number in range(5)]
    assert 1 <= len(templates._footnotes) <= 2
    assert templates.footnote("Noot 4.", None).strip() == "Noot 4."


def test_template_files_come_in_the_order_of_their_paths(tmp_path: Path) -> None:
    """The template files are listed as texts and ordered as their Path objects order: the
    folder ``milieuraad/`` sorts as its name before ``milieuraad-x.md.j2`` and ``milieuraad.md.j2``,
    not as its text ("-" and "." come before "/")."""
    from briefgen.output.resources import Resources

    templates = tmp_path / "templates"
    names = [
        "milieuraad.md.j2",
        "milieuraad/a.md.j2",
        "milieuraad-x.md.j2",
        "z.md.j2",
        "a.md.j2",
        "milieuraad/b.md.j2",
    ]
    for name in names:
        (templates / name).parent.mkdir(parents=True, exist_ok=True)
        (templates / name).write_text("x", encoding="utf-8")
    files = Resources(tmp_path).template_files("Milieuraad")
    assert [path.relative_to(templates).as_posix() for path in files] == [
        "a.md.j2",
        "milieuraad/a.md.j2",
        "milieuraad/b.md.j2",
        "milieuraad-x.md.j2",
        "milieuraad.md.j2",
        "z.md.j2",
    ]
    assert files == sorted(files)
    hashes = Resources(tmp_path).template_hashes("Milieuraad")
    assert list(hashes) == [f"templates/{path.relative_to(templates).as_posix()}" for path in files]
