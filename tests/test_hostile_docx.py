"""Returned answers mangled by a hostile colleague or a broken editor: a real returned GA with
its XML changed element by element (removed, doubled, moved, renamed, attributes rewritten,
wrapped in tracked changes), so that every part stays well-formed and reaches the reader.

Whatever comes back, ``absorb`` and ``import`` answer with changes or with one located line
(exit 0 or 1), never a traceback; these properties found the crashes fixed alongside them
(a list level ``off`` in numbering, a zip asking for a later zip version)."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import small
from helpers import briefgen

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TAGS = ("p", "r", "t", "tbl", "tr", "tc", "ins", "del", "delText", "footnoteReference", "hyperlink", "sdt")
TAGS += (
    "sdtContent",
    "smartTag",
    "moveFrom",
    "moveTo",
    "instrText",
    "fldChar",
    "pPr",
    "rPr",
    "numPr",
    "ilvl",
)
TAGS += (
    "numId",
    "pStyle",
    "tab",
    "br",
    "footnote",
    "b",
    "i",
    "vertAlign",
    "commentReference",
    "bookmarkStart",
)
VALUES = ("", "-1", "0", "1", "99999999", "off", "true", "²", "begin", "end", "Kop1", "x" * 300, "\u202e")
TEXTS = ("", "nieuw", "[^stuk]", "{{ punten }}", "*nadruk*", "\\", "1.", "- lijst", "# kop", "x" * 3000)
OPERATIONS = ("remove", "double", "move", "rename", "attribute", "drop-attribute", "wrap", "text", "reorder")
PARTS = (
    "word/document.xml",
    "word/document.xml",
    "word/footnotes.xml",
    "word/numbering.xml",
    "word/styles.xml",
)

steps = st.lists(
    st.tuples(
        st.sampled_from(PARTS),
        st.sampled_from(OPERATIONS),
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.sampled_from(TAGS),
        st.sampled_from(VALUES),
        st.sampled_from(TEXTS),
    ),
    min_size=1,
    max_size=6,
)


@pytest.fixture(scope="module")
def returned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A rendered small project, and the parts of its GA as a colleague would return it."""
    root = small.project(tmp_path_factory.mktemp("hostile"), ["beleidsdebat", "diversen"], letter=True)
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    with zipfile.ZipFile(root / small.GA) as archive:
        return root, {name: archive.read(name) for name in archive.namelist()}


def mangled(parts: dict[str, bytes], plan: list[tuple[str, str, int, int, str, str, str]]) -> bytes:
    """The package with each step of ``plan`` applied to the element it picks."""
    trees = {name: etree.fromstring(parts[name]) for name in set(PARTS) if name in parts}
    for part, operation, pick, other, tag, value, text in plan:
        if part not in trees:
            continue
        elements = [e for e in trees[part].iter() if isinstance(e.tag, str)]
        element, target = elements[pick % len(elements)], elements[other % len(elements)]
        parent = element.getparent()
        if parent is None:
            continue
        if operation == "remove":
            parent.remove(element)
        elif operation == "double":
            element.addnext(copy.deepcopy(element))
        elif operation == "move" and target is not element and element not in target.iterancestors():
            target.append(element)
        elif operation == "rename":
            element.tag = f"{{{W}}}{tag}"
        elif operation == "attribute" and element.attrib:
            element.set(sorted(element.attrib)[other % len(element.attrib)], value)
        elif operation == "drop-attribute" and element.attrib:
            del element.attrib[sorted(element.attrib)[other % len(element.attrib)]]
        elif operation == "wrap":
            wrapper = etree.Element(f"{{{W}}}{tag}", {f"{{{W}}}id": value, f"{{{W}}}author": "Collega"})
            element.addprevious(wrapper)
            wrapper.append(element)
        elif operation == "text":
            element.text = text
        elif operation == "reorder" and len(parent) > 1:
            parent.insert(other % len(parent), element)
    out = dict(parts)
    for name, tree in trees.items():
        out[name] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in out.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def answered(root: Path, *args: str) -> None:
    result = briefgen(root, *args)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert result.stderr.strip(), result.output


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=steps)
def test_a_mangled_answer_is_absorbed_or_refused_in_one_line(
    returned: tuple[Path, dict[str, bytes]], plan: list[tuple[str, str, int, int, str, str, str]]
) -> None:
    root, parts = returned
    (root / "antwoord.docx").write_bytes(mangled(parts, plan))
    answered(root, "absorb", "antwoord.docx", "--dry-run")


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=steps)
def test_a_mangled_ga_is_imported_or_refused_in_one_line(
    returned: tuple[Path, dict[str, bytes]], plan: list[tuple[str, str, int, int, str, str, str]]
) -> None:
    root, parts = returned
    (root / "antwoord.docx").write_bytes(mangled(parts, plan))
    answered(root, "import", "antwoord.docx", "--raad", "raad-2031-01-01", "--dry-run")


def test_a_list_level_that_is_no_number_is_absorbed(returned: tuple[Path, dict[str, bytes]]) -> None:
    """The first crash these properties found, kept in the fast lane."""
    root, parts = returned
    plan = [("word/numbering.xml", "attribute", index, 0, "p", "off", "") for index in range(3, 9)]
    (root / "antwoord.docx").write_bytes(mangled(parts, plan))
    answered(root, "absorb", "antwoord.docx", "--dry-run")
