"""What templates, reference.docx and LibreOffice may do: nothing runs from a place another
user can write, and every fault in them is a located error in bounded time and memory."""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

import small
from briefgen.compose.loader import MAX_TEMPLATE_BYTES
from briefgen.compose.templates import Templates
from briefgen.errors import UserError
from briefgen.word.archive import MAX_PART_BYTES, MAX_UNPACKED_BYTES, OLE_MAGIC, unpack
from helpers import AGENDA, GA, PACKAGE, REPO, briefgen, edit, render_fails

OUT = GA.parent


class _Planted:
    """A pickle that makes a folder when it is loaded: proof that a cache file was unpickled."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (str(self.marker),))


def test_a_planted_template_cache_is_never_unpickled(project: Path, tmp_path: Path) -> None:
    cache = project / "build" / ".cache" / "jinja"
    cache.mkdir(parents=True)
    marker = tmp_path / "unpickled"
    keys = jinja2.FileSystemBytecodeCache(str(cache))
    for template in (project / "templates").rglob("*.j2"):
        name = template.relative_to(template.parent).as_posix()
        path = cache / f"__jinja2_{keys.get_cache_key(name, str(template))}.cache"
        path.write_bytes(jinja2.bccache.bc_magic + pickle.dumps(_Planted(marker)))
    planted = sorted(cache.iterdir())
    assert briefgen(project, "render", AGENDA).exit_code == 0
    assert briefgen(project, "check").exit_code == 0
    assert not marker.exists()
    assert sorted(cache.iterdir()) == planted


FAKE_SOFFICE = """#!{python}
import json, os, sys
from pathlib import Path
from urllib.parse import unquote, urlparse
args = sys.argv[1:]
profile = Path(unquote(urlparse(next(a for a in args if a.startswith("-env:UserInstallation="))
                                .split("=", 1)[1]).path))
info = profile.stat()
outdir = Path(args[args.index("--outdir") + 1])
for document in args[args.index("--outdir") + 2:]:
    (outdir / (Path(document).stem + ".pdf")).write_bytes(b"%PDF-1.7 fake")
with open(os.environ["SOFFICE_LOG"], "a") as log:
    log.write(json.dumps({{"profile": str(profile), "mode": info.st_mode, "uid": info.st_uid,
                          "entries": os.listdir(profile)}}) + "\\n")
"""


def _fake_soffice(folder: Path) -> Path:
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable))
    script.chmod(0o700)
    return script


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test alone."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_pdf_profile_is_a_fresh_private_folder_removed_afterwards(
    project: Path, tmp_path: Path, temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_folder = tmp_path / "bin"
    _fake_soffice(bin_folder)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    log = tmp_path / "soffice.log"
    monkeypatch.setenv("SOFFICE_LOG", str(log))
    result = briefgen(project, "render", AGENDA, "--pdf")
    assert result.exit_code == 0, result.output
    assert len(list((project / OUT).glob("*.pdf"))) == len(PACKAGE)
    runs = [json.loads(line) for line in log.read_text().splitlines()]
    assert runs
    profiles = {run["profile"] for run in runs}
    assert len(profiles) == len(runs)
    for run in runs:
        assert Path(run["profile"]).parent == temp
        assert stat.S_IMODE(run["mode"]) == 0o700
        assert run["uid"] == os.getuid()
        assert run["entries"] == []
    assert list(temp.iterdir()) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")
def test_pdf_never_uses_a_profile_folder_someone_prepared(project: Path, temp: Path) -> None:
    prepared = {}
    for number in range(os.cpu_count() or 1):
        folder = temp / f"briefgen-libreoffice-{os.getuid()}-{number}"
        basic = folder / "user" / "basic" / "Standard"
        basic.mkdir(parents=True)
        (basic / "Module1.xba").write_text('Sub Main\n  Shell("touch planted")\nEnd Sub\n')
        prepared[folder] = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    result = briefgen(project, "render", AGENDA, "--pdf")
    assert result.exit_code == 0, result.output
    assert len(list((project / OUT).glob("*.pdf"))) == len(PACKAGE)
    for folder, contents in prepared.items():
        assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == contents
    assert sorted(temp.iterdir()) == sorted(prepared)


GA_TEMPLATE = "templates/geannoteerde-agenda.md.j2"


def _first_line(root: Path, line: str) -> None:
    """Put ``line`` before the GA template's first line."""
    path = root / GA_TEMPLATE
    path.write_text(line + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


HOSTILE = {
    "escape": ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "attribute '__init__'"),
    "division": ("{{ 1/0 }}", "division by zero"),
    "long text": ("{{ 'x' * 10**12 }}", "a text of more than 50,000,000 characters"),
    "doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "a text of more than 50,000,000 characters",
    ),
    "huge range": ("{% for i in range(10**12) %}{% endfor %}", "ranges larger than MAX_RANGE"),
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "more than 1,000,000 loop iterations and calls",
    ),
    "macro bomb": (
        "{% macro d(n) %}{% if n %}{{ d(n-1) }}{{ d(n-1) }}{% endif %}{% endmacro %}{{ d(60) }}",
        "more than 1,000,000 loop iterations and calls",
    ),
    "long output": (
        "{% for i in range(100000) %}" + "y" * 1000 + "{% endfor %}",
        "writes more than 50,000,000",
    ),
    "format width": ("{{ '{:>1000000000}'.format('x') }}", "attribute 'format'"),
    "padding": ("{{ 'x' | center(10**10) }}", "a text of more than 50,000,000 characters"),
    "long list": ("{{ [1] * 10**9 }}", "a list of more than 1,000,000 items"),
    "big number": ("{{ 2 ** 1000000000 }}", "a number of more than 4096 bits"),
    "many texts": (
        "{{ range(1000) | map('center', 40000000) | list | length }}",
        "more than 200,000,000 bytes of texts and lists",
    ),
    "joined list": ("{{ (['x' * 40000000] * 100) | zinnen }}", "a text of more than 50,000,000 characters"),
    "changing data": ("{{ punten.append(1) }}", "attribute 'append'"),
    "repeated bytes": ("{% set b = 'x'.encode() * 3 * 10**9 %}", "more than 50,000,000 bytes"),
    "utf-32 bytes": ("{% set b = ('x' * 20000000).encode('utf-32') %}", "more than 50,000,000 bytes"),
    "escaped bytes": ("{% set b = ('\u00e9' * 20000000).encode('unicode_escape') %}", "50,000,000 bytes"),
    "decoded bytes": (
        "{% set t = ('\u00ff' * 20000000).encode('latin-1').decode('ascii', 'backslashreplace') %}",
        "a text of more than 50,000,000 characters",
    ),
    "translate": ("{{ 'aaa'.translate({97: 'b' * 40000000}) }}", "a text of more than 50,000,000 characters"),
    "translate list": (
        "{{ ('a' * 10).translate(['b' * 10000000] * 100) }}",
        "a text of more than 50,000,000 characters",
    ),
    "bytes formatting": ("{{ 'x%s'.encode() % 1 }}", "'%' formatting of text is not available"),
    "format map": ("{{ '{x}'.format_map({'x': 1}) }}", "attribute 'format_map'"),
    "maketrans": ("{{ ''.maketrans('a', 'b') }}", "attribute 'maketrans'"),
    "text method padding": ("{{ 'x'.ljust(10**10) }}", "a text of more than 50,000,000 characters"),
    "bytes padding": ("{{ 'x'.encode().center(10**10) }}", "more than 50,000,000 bytes"),
    "text method replace": (
        "{{ ('a' * 1000).replace('a', 'b' * 100000) }}",
        "a text of more than 50,000,000 characters",
    ),
    "expandtabs": ("{{ ('\t' * 1000).expandtabs(10**6) }}", "a text of more than 50,000,000 characters"),
    "text method join": ("{{ '-'.join(['x' * 30000000] * 2) }}", "a text of more than 50,000,000 characters"),
    "bytes join": ("{{ 'x'.encode().join(['y'.encode() * 30000000] * 2) }}", "more than 50,000,000 bytes"),
    "split": ("{{ ('a,' * 2000000).split(',') | length }}", "a list of more than 1,000,000 items"),
    "case change": ("{{ ('x' * 20000000).upper() }}", "a text of more than 50,000,000 characters"),
    "list written": ("{{ ['x' * 40000000] * 100 }}", "a text of more than 50,000,000 characters"),
    "list as string": (
        "{{ (['x' * 40000000] * 100) | string }}",
        "a text of more than 50,000,000 characters",
    ),
    "list joined by ~": ("{{ (['x' * 40000000] * 100) ~ '' }}", "a text of more than 50,000,000 characters"),
    "list in replace": ("{{ 'a' | replace('a', ['x' * 40000000] * 100) }}", "50,000,000 characters"),
    "text made a list": ("{{ ('x' * 40000000) | list | length }}", "more than 1,000,000 loop iterations"),
    "text compared": ("{{ ('x' * 40000000) | max }}", "more than 1,000,000 loop iterations"),
    "lowered for sorting": (
        "{{ (['x' * 40000000] * 100) | sort | length }}",
        "more than 200,000,000 bytes of texts and lists",
    ),
    "deeply nested list": (
        "{% set ns = namespace(l=[]) %}{% for i in range(5000) %}{% set ns.l = [ns.l] %}{% endfor %}{{ ns.l }}",
        "lists nested too deeply",
    ),
    "wide characters": (
        "{% set a = '😀' * 45000000 %}{% set b = '😀' * 45000000 %}{{ a|length + b|length }}",
        "more than 200,000,000 bytes of texts and lists",
    ),
    "int to bytes": ("{{ (1).to_bytes(1000000000, 'big') | length }}", "attribute 'to_bytes'"),
    "lowered by attribute": (
        "{% set t = 'x' * 40000000 %}{{ ([{'x': t}] * 100) | sort(attribute='x') | length }}",
        "more than 200,000,000 bytes of texts and lists",
    ),
    "misspelled field": ("{{ punten[0].onderwrp }}", "punten[0] has no field 'onderwrp'"),
    "undefined in a list": (
        "{{ punten | map(attribute='bestaat_niet') | list }}",
        "punten[0] has no field 'bestaat_niet'",
    ),
}


@pytest.mark.parametrize("line, message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_template_is_a_template_error_at_its_line(project: Path, line: str, message: str) -> None:
    _first_line(project, line)
    err = render_fails(project)
    assert err.startswith(f"{GA_TEMPLATE}:1:1: template error: ")
    assert message in err


def test_a_template_link_out_of_templates_is_refused(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-12345\n")
    (project / "templates" / "_geheim.md.j2").symlink_to(secret)
    _first_line(project, '{% include "_geheim.md.j2" %}')
    err = render_fails(project)
    assert err.startswith("templates/_geheim.md.j2:1:1: this template is a link to a file outside templates/")
    assert "GEHEIM" not in err


@pytest.mark.parametrize(
    "line",
    [
        '{% include "/etc/passwd" %}',
        '{% include "../../etc/passwd" %}',
        '{% import "/etc/passwd" as p %}',
        '{% extends "/etc/passwd" %}',
    ],
)
def test_a_template_naming_a_file_outside_templates_is_refused_at_its_line(project: Path, line: str) -> None:
    path = project / GA_TEMPLATE
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, line, ""]), encoding="utf-8")
    err = render_fails(project)
    assert err.startswith(f"{GA_TEMPLATE}:{len(lines) + 1}:1: template '")
    assert "is outside templates/" in err.splitlines()[0]


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_template_link_to_a_pipe_or_device_outside_templates_is_refused_unopened(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Looked at before it is opened, as a link out of templates/: opening a device can do
    something (a terminal's line, a tape rewound), and a pipe could be another's."""
    from briefgen.data import platform

    target = Path("/dev/null")
    if kind == "pipe":
        target = tmp_path / "pijp"
        os.mkfifo(target)
    link = project / "templates" / "_buiten.md.j2"
    link.symlink_to(target)
    _first_line(project, '{% include "_buiten.md.j2" %}')
    opened: list[str] = []
    open_file = platform.open_file

    def recording(path: Path | str, *args: object, **kwargs: object) -> int:
        opened.append(os.path.abspath(path))
        return open_file(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(platform, "open_file", recording)
    err = render_fails(project)
    assert err.startswith("templates/_buiten.md.j2:1:1: this template is a link to a file outside templates/")
    assert str(link) not in opened


def test_a_template_that_is_a_link_loop_is_refused_as_unreadable(project: Path) -> None:
    """Found by the open itself (it used to be resolved first, which raised for a loop)."""
    (project / "templates" / "_rond.md.j2").symlink_to("_rond.md.j2")
    _first_line(project, '{% include "_rond.md.j2" %}')
    err = render_fails(project)
    assert err.startswith("templates/_rond.md.j2:1:1: cannot read this template: ")


def test_a_template_link_inside_templates_is_followed(project: Path) -> None:
    formation = project / "templates" / "milieuraad"
    formation.mkdir(exist_ok=True)
    (formation / "_voetnoot.md.j2").symlink_to(Path("..") / "_voetnoot.md.j2")
    result = briefgen(project, "render", AGENDA)
    assert result.exit_code == 0, result.output


def _render_with_fifo(project: Path, name: str) -> str:
    """Replace a file by a FIFO and render in a process of its own (a hang fails on the timeout)."""
    (project / name).unlink()
    os.mkfifo(project / name)
    finished = subprocess.run(
        [sys.executable, "-m", "briefgen", "render", AGENDA, "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 1, finished.stderr
    return finished.stderr


def test_a_fifo_as_template_is_refused_without_waiting(project: Path) -> None:
    assert _render_with_fifo(project, "templates/_voetnoot.md.j2").startswith(
        "templates/_voetnoot.md.j2:1:1: this template is not a regular file"
    )


def test_a_template_that_is_not_utf8_is_located(project: Path) -> None:
    path = project / GA_TEMPLATE
    path.write_bytes(b"{# ok #}\nGeannoteerde agenda \xe9\n" + path.read_bytes())
    err = render_fails(project)
    assert err.startswith(f"{GA_TEMPLATE}:2:21: the file is not UTF-8 text (byte 0xe9)")


def test_a_template_over_the_size_limit_is_refused(project: Path) -> None:
    _first_line(project, "{# " + "x" * MAX_TEMPLATE_BYTES + " #}")
    err = render_fails(project)
    assert err.startswith(f"{GA_TEMPLATE}:1:1: this template is larger than 1,000,000 bytes")


def _documented(page: str, label: str) -> set[str]:
    line = next(line for line in page.splitlines() if line.startswith(f"- **{label}**"))
    return set(re.findall(r"`([a-z_]+)`", line))


def test_the_filters_and_globals_are_the_documented_ones(project: Path) -> None:
    page = (REPO / "docs" / "safety.md").read_text(encoding="utf-8")
    env = Templates(project / "templates", "Milieuraad").env
    assert set(env.filters) == _documented(page, "Filters")
    assert set(env.globals) == _documented(page, "Globals")


REFERENCE = "templates/reference.docx"
UNUSABLE = f"{REFERENCE}:1:1: not a usable Word document ("
RESTORE = "); restore it or run 'python tools/housestyle.py templates/reference.docx'"


def _repacked(root: Path, drop: tuple[str, ...] = (), extra: dict[str, bytes] | None = None) -> bytes:
    """The project's reference.docx without the parts ``drop``, with ``extra`` added or replaced."""
    source = zipfile.ZipFile(root / REFERENCE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name not in drop and name not in (extra or {}):
                target.writestr(name, source.read(name))
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def _bomb(root: Path) -> bytes:
    """Parts of zeros, each within the limit for one part, together past the limit for all."""
    part = MAX_PART_BYTES
    return _repacked(
        root, extra={f"word/bom{n}.xml": bytes(part) for n in range(MAX_UNPACKED_BYTES // part + 1)}
    )


BROKEN_REFERENCES = {
    "corrupt": (lambda root: b"PK\x03\x04 not really a zip", "File is not a zip file"),
    "encrypted": (lambda root: OLE_MAGIC + bytes(1024), "an OLE compound file"),
    "without its document part": (
        lambda root: _repacked(root, drop=("word/document.xml",)),
        "word/document.xml",
    ),
    "zip bomb": (_bomb, "unpack to more than 67,108,864 bytes"),
}


@pytest.mark.parametrize("make, reason", BROKEN_REFERENCES.values(), ids=BROKEN_REFERENCES.keys())
def test_a_broken_reference_docx_gives_the_documented_message(
    project: Path, make: Callable[[Path], bytes], reason: str
) -> None:
    (project / REFERENCE).write_bytes(make(project))
    err = render_fails(project)
    assert err.startswith(UNUSABLE)
    assert reason in err
    assert err.rstrip().endswith(RESTORE)


def test_a_zip_part_that_inflates_past_its_declared_size_stops_there() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", bytes(4 * 2**20))
    data = bytearray(buffer.getvalue())
    declared, crc = 1000, zlib.crc32(bytes(1000))
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 16, crc)
    struct.pack_into("<I", data, central + 24, declared)
    struct.pack_into("<I", data, 14, crc)
    struct.pack_into("<I", data, 22, declared)
    assert unpack(bytes(data)) == [("word/document.xml", bytes(declared))]


def test_a_fifo_as_reference_docx_is_refused_without_waiting(project: Path) -> None:
    assert _render_with_fifo(project, REFERENCE).startswith(f"{UNUSABLE}not a regular file{RESTORE}")


ATTACHED = "https://example.invalid/sjabloon.dotm"
SETTINGS_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdSjabloon"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
 Target="{ATTACHED}" TargetMode="External"/></Relationships>"""
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _relationships(document: zipfile.ZipFile) -> dict[str, list[etree._Element]]:
    return {
        name: list(etree.fromstring(document.read(name)))
        for name in document.namelist()
        if name.endswith(".rels")
    }


def _rendered_with_reference_parts(
    project: Path, parts: dict[str, bytes], warning: str
) -> list[tuple[Path, zipfile.ZipFile]]:
    """Render with ``parts`` added to reference.docx, checking that ``warning`` was given."""
    (project / REFERENCE).write_bytes(_repacked(project, extra=parts))
    result = briefgen(project, "render", small.AGENDA)
    assert result.exit_code == 0, result.output
    assert f"{REFERENCE}:1:1: warning: the reference document has {warning}; left out of every document" in (
        result.stderr
    )
    outputs = sorted((project / small.OUT).glob("*.docx"))
    assert len(outputs) == len(PACKAGE)
    return [(path, zipfile.ZipFile(path)) for path in outputs]


def test_external_relationships_of_the_reference_are_left_out_with_a_warning(tmp_path: Path) -> None:
    project = small.project(tmp_path, letter=True, nota=True, verslag=True)
    settings = zipfile.ZipFile(project / REFERENCE).read("word/settings.xml").decode()
    settings = settings.replace(
        "<w:defaultTabStop", '<w:attachedTemplate r:id="rIdSjabloon"/><w:defaultTabStop', 1
    )
    edit(project, "positions/bodem.yaml", "Inzet van bodem.", "Zie [EUR-Lex](https://eur-lex.europa.eu/).")
    parts = {"word/settings.xml": settings.encode(), "word/_rels/settings.xml.rels": SETTINGS_RELS.encode()}
    warning = f"a link to {ATTACHED} (attachedTemplate, in word/settings.xml)"
    for path, document in _rendered_with_reference_parts(project, parts, warning):
        relationships = _relationships(document)
        external = [
            r.get("Target")
            for rels in relationships.values()
            for r in rels
            if r.get("TargetMode") == "External"
        ]
        assert ATTACHED not in external
        assert b"attachedTemplate" not in document.read("word/settings.xml")
        if path.name == "geannoteerde-agenda.docx":
            assert external == ["https://eur-lex.europa.eu/"]
        ids = {r.get("Id") for r in relationships.get("word/_rels/settings.xml.rels", [])}
        settings_root = etree.fromstring(document.read("word/settings.xml"))
        assert {e.get(R_ID) for e in settings_root.iter() if e.get(R_ID)} <= ids


NUMBERS = st.sampled_from(["0", "1", "3", "-2", "1000", "10**6", "10**9", "10**12", "2.5"])
ATOMS = st.one_of(
    NUMBERS, st.sampled_from(["'x'", "''", "'ab\\ncd'", "[1, 'x']", "range(1000)", "none", "punten"])
)
FILTERS = st.sampled_from(
    [
        "center({n})",
        "indent({n})",
        "replace('', {a})",
        "join({a})",
        "batch({n})",
        "list",
        "sum",
        "length",
        "romeins",
        "zinnen",
        "opsomming",
        "telwoord",
        "trim",
        "first",
        "sort",
        "map('string')",
        "map('center', {n})",
    ]
)


def _expressions(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    operators = st.sampled_from(["*", "+", "**", "~", "%", "/", "//", "-"])
    binary = st.tuples(children, operators, children).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    filtered = st.tuples(children, FILTERS, children, NUMBERS).map(
        lambda t: f"({t[0]} | {t[1].format(a=t[2], n=t[3])})"
    )
    looped = st.tuples(NUMBERS, children).map(lambda t: f"[{t[1]}] * {t[0]}")
    return st.one_of(binary, filtered, looped)


EXPRESSIONS = st.recursive(ATOMS, _expressions, max_leaves=6)
STATEMENTS = st.one_of(
    EXPRESSIONS.map(lambda e: "{{ " + e + " }}"),
    st.tuples(EXPRESSIONS, EXPRESSIONS).map(
        lambda t: (
            "{% for i in " + t[0] + " %}{% for j in " + t[0] + " %}{{ " + t[1] + " }}{% endfor %}{% endfor %}"
        )
    ),
    st.tuples(NUMBERS, EXPRESSIONS).map(
        lambda t: (
            "{% set ns = namespace(s=" + t[1] + ") %}{% for i in range(" + t[0] + ") %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"
        )
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statements=st.lists(STATEMENTS, min_size=1, max_size=3))
@example(
    statements=[
        "{% set ns = namespace(s=[1000] * 10**6) %}{% for i in range(3) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}"
    ]
)
@example(statements=["{{ [] | first }}"])
def test_any_template_renders_or_is_a_template_error_at_its_place(
    tmp_path_factory: pytest.TempPathFactory, statements: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("templates")
    (folder / "t.md.j2").write_text("\n".join(statements), encoding="utf-8")
    templates = Templates(folder, "")
    try:
        templates.render("t.md.j2", punten=[{"kop": "a"}], none=None)
    except UserError as error:
        assert len(error.problems) == 1
        assert re.match(rf"{folder.name}/t\.md\.j2:[1-3]:1: template error: ", str(error)), str(error)


CONTROL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/control"


def test_active_content_of_the_reference_is_left_out_with_a_warning(tmp_path: Path) -> None:
    project = small.project(tmp_path, letter=True, nota=True, verslag=True)
    reference = zipfile.ZipFile(project / REFERENCE)
    rels = reference.read("word/_rels/document.xml.rels").decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdActiveX" Type="{CONTROL}" Target="activeX/activeX1.xml"/></Relationships>',
    )
    control = b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>'
    parts = {"word/_rels/document.xml.rels": rels.encode(), "word/activeX/activeX1.xml": control}
    warning = "active content (control activeX/activeX1.xml, in word/document.xml)"
    for _, document in _rendered_with_reference_parts(project, parts, warning):
        assert not [name for name in document.namelist() if "activeX" in name]
        types = [r.get("Type") for rels in _relationships(document).values() for r in rels]
        assert CONTROL not in types
