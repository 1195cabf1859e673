"""``briefgen import`` leaves out of an inzet the closing sentence the project's templates word."""

from __future__ import annotations

from pathlib import Path

from helpers import LVVN, LVVN_OUT, briefgen, edit

SENTENCE = "Nederland spreekt zich in die zin uit."


def test_import_leaves_out_the_templates_own_closing_sentence(project: Path) -> None:
    edit(
        project,
        "templates/_soorten.md.j2",
        "Tijdens de Raad zal Nederland langs deze lijnen interveniëren.",
        SENTENCE,
    )
    assert briefgen(project, "render", LVVN).exit_code == 0
    source = project / LVVN_OUT / "geannoteerde-agenda.docx"
    result = briefgen(project, "import", str(source), "--raad", "landbouw-en-visserijraad-2026-09-21")
    assert result.exit_code == 0, result.output
    positions = [path.read_text(encoding="utf-8") for path in (project / "positions").glob("*.yaml")]
    assert not any(SENTENCE in text for text in positions)
