"""Round trip: random edits in the GA or nota, absorbed and rendered again, give the edited document.

Each example starts from the rendered example package, makes a few edits a colleague
might make (reword, add or remove a paragraph or list item, add, edit or remove a
footnote, bold or italics), as tracked changes or plain edits, absorbs the document,
renders again, and compares the new GA's text and footnotes with the edited document's
accepted reading. Every file absorb wrote differs from before only inside the values it
reports as changed. In the nota the edits land in the Toelichting (its paragraphs and the
item list, whose summaries come from the positions' kern); the item list itself is one
generated entry per agenda item, so adding or removing an entry there is reported as
having no home rather than absorbed.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, SequenceNode

from briefgen.readback.absorb import absorb
from docxedit import Docx, accepted, q
from helpers import AGENDA, GA, briefgen, copy_example

WORDS = ["kabinet", "Raad", "lidstaten", "R&D", "50%", "a*b", "[x]", "_y_", "“citaat”", "1.", "#3", "<b>"]
STRUCTURAL = ("insert", "item", "delete")
EDITS = ("reword", "insert", "item", "delete", "note", "edit-note", "unnote", "bold", "italic")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("roundtrip")
    copy_example(root)
    assert briefgen(root, "render", AGENDA).exit_code == 0
    return root


def _copy(built: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(built, target)
    return target


def _sections(docx: Docx) -> list[list[etree._Element]]:
    """The paragraphs of each section under an item heading: the drafters' own texts."""
    sections: list[list[etree._Element]] = []
    started = False
    for p in docx.paragraphs():
        style = p.find(f"{q('pPr')}/{q('pStyle')}")
        name = style.get(q("val")) if style is not None else ""
        if name.startswith("Heading"):
            started = True
            sections.append([])
        elif started and name in ("", "ListParagraph") and sections:
            sections[-1].append(p)
    return [s for s in sections if s]


def _plain_words(p: etree._Element) -> list[str]:
    words = []
    for run in p.iter(q("r")):
        if run.find(q("rPr")) is None and run.getparent().tag == q("p"):
            t = run.find(q("t"))
            words += [w for w in (t.text or "").split(" ")[1:-1] if w.isalpha() and len(w) > 3]
    return words


def _toelichting(docx: Docx) -> list[list[etree._Element]]:
    """The nota's drafter texts: each Toelichting subsection's paragraphs and list items
    (an item's summary after its generated description comes from the position's kern)."""
    sections: list[list[etree._Element]] = []
    inside = False
    for p in docx.paragraphs():
        style = p.find(f"{q('pPr')}/{q('pStyle')}")
        name = style.get(q("val")) if style is not None else ""
        text = "".join(t.text or "" for t in p.iter(q("t")))
        if name == "Heading1":
            inside = text == "Toelichting"
        elif inside and name == "Heading2":
            sections.append([])
        elif inside and name in ("", "ListParagraph") and sections:
            sections[-1].append(p)
    return [s for s in sections if s]


def _listed(p: etree._Element) -> bool:
    return p.find(f"{q('pPr')}/{q('numPr')}") is not None


def _edit(
    docx: Docx, edit: str, pick: int, word: str, tracked: bool, parts: Callable[[Docx], list] = _sections
) -> None:
    sections = parts(docx)
    section = sections[pick % len(sections)]
    p = section[pick % len(section)]
    if edit in STRUCTURAL and parts is _toelichting and _listed(p):
        return  # one generated entry per agenda item: absorb lists such edits as homeless
    words = _plain_words(p)
    if edit == "reword" and words:
        docx.reword(p, f" {words[pick % len(words)]} ", f" {word} ", tracked)
    elif edit == "insert":
        docx.insert_after(p, f"Nieuwe alinea over {word} en de Raad.", tracked)
    elif edit == "item" and _listed(p):
        docx.insert_after(p, f"Een nieuw punt over {word}.", tracked, like=True)
    elif edit == "delete" and len(section) > 1:
        docx.delete(p, tracked)
    elif edit == "note":
        docx.add_note(p, f"Zie ook {word}.", tracked)
    elif edit == "edit-note" and docx.note_ids(p):
        note_id = docx.note_ids(p)[0]
        note = next(n for n in docx.notes.iter(q("footnote")) if n.get(q("id")) == note_id)
        last = [t for t in note.iter(q("t"))][-1]
        last.text = (last.text or "") + f" En {word}."
    elif edit == "unnote" and docx.note_ids(p):
        docx.remove_note(p, tracked)
    elif edit in ("bold", "italic") and words:
        docx.embolden(p, words[pick % len(words)], tracked, "b" if edit == "bold" else "i")


edits = st.lists(
    st.tuples(st.sampled_from(EDITS), st.integers(0, 200), st.sampled_from(WORDS)), min_size=1, max_size=4
)


def _round_trip(
    built: Path,
    work: Path,
    plan: list[tuple[str, int, str]],
    tracked: bool,
    via_libreoffice: bool,
    name: str = GA.name,
    parts: Callable[[Docx], list] = _sections,
) -> None:
    root = _copy(built, work)
    edited = root / GA.parent / name
    docx = Docx.read(edited.read_bytes())
    for edit, pick, word in plan:
        _edit(docx, edit, pick, word, tracked, parts)
    edited.write_bytes(docx.bytes())
    if via_libreoffice:
        edited = _through_libreoffice(edited, root / "lo")
    expected = accepted(edited.read_bytes())
    before = {p: p.read_text(encoding="utf-8") for p in sorted((root / "positions").glob("*.yaml"))}
    before |= {p: p.read_text(encoding="utf-8") for p in sorted((root / "agendas").glob("*.yaml"))}
    report = absorb(root, edited)
    assert not report.conflicts
    changed = {root / c.bestand: [] for c in report.changes}
    for change in report.changes:
        changed[root / change.bestand].append(change.pad)
    for path, text in before.items():
        after = path.read_text(encoding="utf-8")
        if path not in changed:
            assert after == text, path
        else:
            assert _without(text, changed[path]) == _without(after, changed[path]), path
    result = briefgen(root, "render", AGENDA)
    assert result.exit_code == 0, result.output
    assert accepted((root / GA.parent / name).read_bytes()) == expected


def _without(text: str, paths: list[tuple]) -> str:
    """``text`` without the lines of the values at ``paths`` (those that exist in it)."""
    root = YAML().compose(text)
    spans = []
    voetnoten = [k for k, v in root.value if k.value == "voetnoten"]
    if voetnoten:
        notes = next(v for k, v in root.value if k.value == "voetnoten")
        if {k.value for k, _ in notes.value} <= {p[1] for p in paths if p[0] == "voetnoten"}:
            paths = [*paths, ("voetnoten",)]  # a mapping that holds only new keys is new itself
    for path in paths:
        node, key = root, None
        for step in path:
            if isinstance(node, MappingNode):
                found = [(k, v) for k, v in node.value if k.value == step]
                if not found:
                    node = None
                    break
                key, node = found[0]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
                key, node = None, node.value[step]
            else:
                node = None
                break
        if node is None:
            continue
        start = text.rfind("\n", 0, (key or node).start_mark.index) + 1
        spans.append((start, start + len(text[start : node.end_mark.index].rstrip())))
    spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    for start, end in sorted(set(spans), reverse=True):
        newline = text.find("\n", end)
        text = text[:start] + ("" if newline < 0 else text[newline + 1 :])
    return text


def _through_libreoffice(path: Path, out: Path) -> Path:
    out.mkdir(exist_ok=True)
    profile = out / "profile"
    command = [
        *"soffice --headless --norestore --convert-to docx".split(),
        f"-env:UserInstallation={profile.as_uri()}",
    ]
    subprocess.run([*command, "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=120)
    converted = path.parent / "geannoteerde-agenda-lo.docx"
    converted.write_bytes((out / path.name).read_bytes())
    return converted


SETTINGS = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(plan=edits, tracked=st.booleans())
def test_random_edits_round_trip(built: Path, tmp_path: Path, plan, tracked: bool) -> None:
    _round_trip(built, tmp_path / "work", plan, tracked, via_libreoffice=False)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@settings(SETTINGS, max_examples=2)
@given(plan=edits, tracked=st.booleans())
def test_random_edits_round_trip_after_libreoffice(built: Path, tmp_path: Path, plan, tracked: bool) -> None:
    _round_trip(built, tmp_path / "work", plan, tracked, via_libreoffice=True)


@SETTINGS
@given(plan=edits, tracked=st.booleans())
def test_random_nota_edits_round_trip(built: Path, tmp_path: Path, plan, tracked: bool) -> None:
    _round_trip(built, tmp_path / "work", plan, tracked, False, "nota.docx", _toelichting)


@pytest.mark.parametrize("edit", STRUCTURAL)
def test_nota_item_list_structure_edits_are_listed_not_absorbed(
    built: Path, tmp_path: Path, edit: str
) -> None:
    root = _copy(built, tmp_path / "work")
    path = root / GA.parent / "nota.docx"
    docx = Docx.read(path.read_bytes())
    item = next(p for section in _toelichting(docx) for p in section if _listed(p))
    if edit == "delete":
        docx.delete(item, False)
    else:
        docx.insert_after(item, "Een nieuw punt over R&D.", False, like=edit == "item")
    path.write_bytes(docx.bytes())
    before = {p: p.read_bytes() for p in sorted((root / "positions").glob("*.yaml"))}
    report = absorb(root, path)
    assert not report.changes
    assert len(report.homeless) == 1
    assert ("deleted: " if edit == "delete" else "added: Een nieuw punt over R&D.") in report.homeless[0]
    assert {p: p.read_bytes() for p in before} == before
