"""``briefgen preview``: the package as HTML pages, from the same block documents as the .docx."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import small
from briefgen.document.blocks import Document, ListMark, Paragraph, Span
from briefgen.html.writer import write_html
from briefgen.output.package import compose_package
from briefgen.word.reader import read_docx
from docxread import read
from helpers import AGENDA, CO2, REPO, TEXT, briefgen, changed, copy_example, replaced
from htmlread import Html, read_html

BUILD = Path("build/milieuraad-2026-03-17")
EDITED = (
    "Het kabinet wil zorgen voor uitvoerbare normen",
    "Het kabinet wil echt zorgen voor haalbare normen",
)
HOSTILE = "<script>alert(\"x\")</script> 'q' & </p> {{ 7*7 }} {% if 1 %}ja{% endif %}"


def replace_all(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def previewed(root: Path, *args: str) -> list[str]:
    """``briefgen preview`` of ``args`` without a browser: exit 0; the lines it printed."""
    result = briefgen(root, "preview", *args, "--no-open")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example package previewed with a KGG review copy, then again after a position changed
    (so that it has the update document); read only."""
    root = copy_example(tmp_path_factory.mktemp("preview"))
    previewed(root, AGENDA, "--arcering", "KGG")
    replace_all(root / CO2, *EDITED)
    previewed(root, AGENDA, "--arcering", "KGG")
    return root / BUILD


def page(build: Path, stem: str) -> Html:
    return read_html((build / "preview" / f"{stem}.html").read_bytes())


def pages(build: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((build / "preview").iterdir())}


def test_every_document_of_the_build_has_its_page_and_the_overview_links_them(example: Path) -> None:
    documents = sorted(path.stem for path in example.glob("*.docx"))
    overview = page(example, "index")
    assert sorted(Path(name).stem for name in pages(example) if name != "index.html") == documents
    assert sorted(overview.links) == sorted(f"{stem}.html" for stem in documents)


@pytest.mark.parametrize(
    "stem",
    ["geannoteerde-agenda", "geannoteerde-agenda.arcering-kgg", "kamerbrief-tk", "nota", "verslag"],
)
def test_the_page_and_the_docx_read_back_to_the_same_text_and_footnotes(example: Path, stem: str) -> None:
    html = page(example, stem)
    docx = read_docx(example / f"{stem}.docx")
    assert html.paragraphs == [paragraph.text for paragraph in docx.paragraphs]
    assert html.notes == [" ".join(p.text for p in note.paragraphs) for note in docx.notes]
    assert html.title == docx.title


def test_the_ga_page_has_the_headings_lists_and_footnotes_of_the_ga(example: Path) -> None:
    html = page(example, "geannoteerde-agenda")
    tags = set(html.tags)
    assert {"h1", "h2", "h3", "ol", "li", "sup"} <= tags
    assert len(html.notes) == len(read(example / "geannoteerde-agenda.docx").notes) > 5


@pytest.mark.parametrize("mode", ["current", "old"])
def test_the_update_page_reads_as_the_update_document_accepted_and_rejected(example: Path, mode: str) -> None:
    html = page(example, "geannoteerde-agenda.wijzigingen")
    docx = read_docx(example / "geannoteerde-agenda.wijzigingen.docx", original=mode == "old")
    assert html.reading(mode) == [paragraph.text for paragraph in docx.paragraphs]


def test_the_update_page_shows_insertions_and_deletions(example: Path) -> None:
    blocks = page(example, "geannoteerde-agenda.wijzigingen").blocks
    assert [b.inserted.split() for b in blocks if b.inserted] == [["echt", "haalbare"]]
    assert [b.deleted.split() for b in blocks if b.deleted] == [["uitvoerbare"]]
    assert not any(b.inserted or b.deleted for b in page(example, "geannoteerde-agenda").blocks)


def test_every_footnote_link_resolves_and_leads_back(example: Path) -> None:
    for name, data in pages(example).items():
        html = read_html(data)
        assert len(html.ids) == len(set(html.ids)), name
        fragments = [link[1:] for link in html.links if link.startswith("#")]
        assert sorted(set(fragments) - set(html.ids)) == [], name
        count = len(html.notes)
        assert sorted(fragments) == sorted(
            [f"voetnoot-{n}" for n in range(1, count + 1)] + [f"noot-{n}" for n in range(1, count + 1)]
        ), name


def test_the_review_copy_shades_the_paragraphs_its_docx_shades(example: Path) -> None:
    shaded = [p.text for p in read(example / "geannoteerde-agenda.arcering-kgg.docx").paragraphs if p.shaded]
    assert shaded
    assert page(example, "geannoteerde-agenda.arcering-kgg").with_class("arcering") == shaded
    assert page(example, "geannoteerde-agenda").with_class("arcering") == []


def test_a_page_runs_nothing_and_loads_nothing(example: Path) -> None:
    for name, data in pages(example).items():
        html = read_html(data)
        assert "script" not in html.tags, name
        assert [a for a in html.attributes if a[1] == "style" or a[1].startswith("on")] == [], name
        (policy,) = [
            value for tag, key, value in html.attributes if key == "content" and "default-src" in value
        ]
        digest = base64.b64encode(hashlib.sha256(html.style.encode("utf-8")).digest()).decode("ascii")
        images = " img-src data:;" if "img" in html.tags else ""
        expected = (
            f"default-src 'none'; style-src 'sha256-{digest}';{images} base-uri 'none'; form-action 'none'"
        )
        assert policy == expected, name
        assert [
            value for _, key, value in html.attributes if key == "src" and not value.startswith("data:")
        ] == []


def test_a_letter_shows_the_letterhead_of_its_docx(example: Path) -> None:
    html = page(example, "kamerbrief-tk")
    (source,) = [value for tag, key, value in html.attributes if (tag, key) == ("img", "src")]
    logo = base64.b64decode(source.removeprefix("data:image/png;base64,"))
    assert logo == (REPO / "templates/logo.png").read_bytes()
    docx = read(example / "kamerbrief-tk.docx")
    header = b"".join(data for name, data in docx.xml.items() if name.startswith("word/header"))
    (wordmark,) = [text for text in html.head_text if text.startswith("Ministerie")]
    assert f">{wordmark}<".encode() in header
    assert "img" not in page(example, "geannoteerde-agenda").tags


def test_a_drafters_markup_and_template_syntax_are_text(tmp_path: Path) -> None:
    root = small.project(tmp_path, letter=True)
    replace_all(root / "positions/bodem.yaml", "Hiervoor zijn nog geen stukken gedeeld.", HOSTILE)
    replace_all(root / small.NOTES, "Een voetnoot die elk dossier kan gebruiken.", HOSTILE)
    previewed(root, small.AGENDA)
    for name, data in pages(root / small.OUT).items():
        html = read_html(data)
        assert "script" not in html.tags and "<script" not in data.decode(), name
    ga = page(root / small.OUT, "geannoteerde-agenda")
    assert any(paragraph.endswith(HOSTILE) for paragraph in ga.paragraphs)
    assert HOSTILE in ga.notes


def test_the_same_inputs_give_the_same_pages(tmp_path: Path) -> None:
    first = small.project(tmp_path / "a", letter=True, nota=True)
    second = small.project(tmp_path / "b", letter=True, nota=True)
    previewed(first, small.AGENDA)
    previewed(second, small.AGENDA)
    assert pages(first / small.OUT) == pages(second / small.OUT)
    again = previewed(first, small.AGENDA)
    assert [line for line in again if line.startswith("wrote")] == []


def test_a_render_takes_the_preview_away(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    previewed(root, small.AGENDA)
    assert (root / small.OUT / "preview" / "index.html").is_file()
    assert briefgen(root, "render", small.AGENDA).exit_code == 0
    assert not (root / small.OUT / "preview").exists()
    assert (root / small.GA).is_file()


def test_an_unknown_portfolio_writes_nothing(tmp_path: Path) -> None:
    root = small.project(tmp_path)
    result = briefgen(root, "preview", small.AGENDA, "--arcering", "Onbekend", "--no-open")
    assert result.exit_code == 1
    assert re.match(rf"^{re.escape(small.AGENDA)}:\d+:\d+: no item on this agenda", result.stderr)
    assert not (root / small.OUT).exists()


@pytest.mark.parametrize(
    ("display", "no_open", "opened"), [(":0", False, True), (":0", True, False), ("", False, False)]
)
def test_the_browser_opens_the_overview_only_on_a_screen_and_without_no_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, display: str, no_open: bool, opened: bool
) -> None:
    import webbrowser

    root = small.project(tmp_path)
    calls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: calls.append(url) or True)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("DISPLAY", display)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = briefgen(root, "preview", small.AGENDA, *(["--no-open"] if no_open else []))
    assert result.exit_code == 0, result.output
    overview = (root / small.OUT / "preview" / "index.html").resolve().as_uri()
    assert calls == ([overview] if opened else [])


@pytest.mark.parametrize("agenda", sorted(path.name for path in (REPO / "agendas").glob("*.yaml")))
def test_every_shipped_documents_page_reads_as_its_docx(tmp_path: Path, agenda: str) -> None:
    """Every formation's documents: tables, lists, letters' columns and footnotes alike."""
    package = compose_package(REPO, REPO / "agendas" / agenda, tmp_path / "out")
    for output in package.outputs:
        output.path.parent.mkdir(exist_ok=True)
        output.path.write_bytes(output.data)
        docx = read_docx(output.path)
        html = read_html(write_html(package.documents[output.path.name]))
        assert html.paragraphs == [paragraph.text for paragraph in docx.paragraphs], output.path.name
        assert html.notes == [" ".join(p.text for p in note.paragraphs) for note in docx.notes], (
            output.path.name
        )


HTML_PIECES = ("&lt;", "&amp;", "&#x41;", "&nbsp", "<b>", "</p>", "<!--", "-->", '"', "'", "=", "{{ x }}")
PAGE_TEXT = st.lists(st.one_of(TEXT, st.sampled_from(HTML_PIECES)), min_size=1, max_size=6).map(" ".join)
"""Open-ended text, with pieces that mean something in HTML among it."""


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small.project(tmp_path_factory.mktemp("scratch"))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=PAGE_TEXT)
def test_any_text_reads_back_from_the_page_as_the_document_holds_it(scratch: Path, text: str) -> None:
    value = json.dumps(f"Krachtenveld: {text} einde.", ensure_ascii=False)
    with changed(
        scratch,
        "positions/bodem.yaml",
        replaced(scratch, "positions/bodem.yaml", ">-\n      Krachtenveld van bodem.", value),
    ):
        ga = compose_package(scratch, scratch / small.AGENDA, scratch / "out").documents[
            "geannoteerde-agenda.docx"
        ]
    html = read_html(write_html(ga))
    assert html.paragraphs == [paragraph.text for paragraph in ga.paragraphs]
    assert f"Krachtenveld: {text} einde." in html.paragraphs


def test_nested_lists_number_as_words_list_definitions_do() -> None:
    items = [(0, True, "."), (1, True, "."), (2, True, ")"), (1, False, ".")]
    document = Document(
        [
            Paragraph(
                "listitem", [Span(f"punt {n}")], ListMark(7 + ordered, level, ordered, delimiter=delimiter)
            )
            for n, (level, ordered, delimiter) in enumerate(items)
        ]
    )
    html = read_html(write_html(document))
    lists = [(tag, value) for tag, key, value in html.attributes if tag in ("ol", "ul") and key == "class"]
    assert lists == [("ol", "niveau-0"), ("ol", "niveau-1"), ("ol", "niveau-2 haakje"), ("ul", "niveau-1")]
    assert html.paragraphs == ["punt 0", "punt 1", "punt 2", "punt 3"]
