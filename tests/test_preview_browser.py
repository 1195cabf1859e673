"""The preview in a real browser (headless Chromium): every page loads with its style, every
footnote link leads to its note and back, and nothing is logged (no Content-Security-Policy
violation, no resource that failed to load, no error)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import chromium
from helpers import AGENDA, CO2, briefgen, copy_example

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(chromium.find() is None, reason="needs Chromium (Debian: apt install chromium)"),
]

BUILD = Path("build/milieuraad-2026-03-17")
UNRESOLVED = """[...document.querySelectorAll('a[href^="#"]')]
    .map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))"""


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's preview folder, with a review copy and the update document."""
    root = copy_example(tmp_path_factory.mktemp("browser"))
    assert briefgen(root, "preview", AGENDA, "--arcering", "KGG", "--no-open").exit_code == 0
    text = (root / CO2).read_text(encoding="utf-8")
    (root / CO2).write_text(text.replace("Het kabinet wil zorgen", "Het kabinet wil echt zorgen"), "utf-8")
    result = briefgen(root, "preview", AGENDA, "--arcering", "KGG", "--no-open")
    assert result.exit_code == 0, result.output
    return root / BUILD / "preview"


@pytest.fixture(scope="module")
def browser() -> Iterator[chromium.Browser]:
    program = chromium.find()
    assert program is not None
    with chromium.browser(program) as running:
        yield running


def opened(browser: chromium.Browser, path: Path) -> chromium.Page:
    page = browser.new_page()
    page.load(path.as_uri())
    return page


def test_every_page_the_overview_links_loads_styled_and_logs_nothing(
    browser: chromium.Browser, preview: Path
) -> None:
    overview = opened(browser, preview / "index.html")
    names = overview.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    assert sorted(names) == sorted(path.name for path in preview.glob("*.html") if path.name != "index.html")
    for name in ["index.html", *names]:
        page = opened(browser, preview / name)
        assert page.evaluate("document.querySelector('main') !== null"), name
        assert page.evaluate("document.title") != "", name
        assert "Verdana" in page.evaluate("getComputedStyle(document.body).fontFamily"), name
        assert page.logged == [], name


def test_every_footnote_link_resolves_in_the_browser(browser: chromium.Browser, preview: Path) -> None:
    for path in sorted(preview.glob("*.html")):
        page = opened(browser, path)
        assert page.evaluate(UNRESOLVED) == [], path.name
    ga = opened(browser, preview / "geannoteerde-agenda.html")
    count = ga.evaluate("document.querySelectorAll('section.voetnoten li').length")
    assert count > 5
    for number in (1, count):
        ga.evaluate(f"document.getElementById('noot-{number}').click()")
        assert ga.evaluate("document.querySelector(':target').id") == f"voetnoot-{number}"
        ga.evaluate(f"document.querySelector('#voetnoot-{number} a.terugnaarnoot').click()")
        assert ga.evaluate("document.querySelector(':target').id") == f"noot-{number}"
    assert ga.logged == []


def test_the_review_shading_and_the_changes_show(browser: chromium.Browser, preview: Path) -> None:
    review = opened(browser, preview / "geannoteerde-agenda.arcering-kgg.html")
    colours = review.evaluate(
        "[...document.querySelectorAll('.arcering')].map(e => getComputedStyle(e).backgroundColor)"
    )
    assert colours and set(colours) == {"rgb(244, 166, 166)"}
    changes = opened(browser, preview / "geannoteerde-agenda.wijzigingen.html")
    assert changes.evaluate("[...document.querySelectorAll('ins')].map(e => e.textContent.trim())") == [
        "echt"
    ]
    assert (
        changes.evaluate("getComputedStyle(document.querySelector('ins')).textDecorationLine") == "underline"
    )
