"""Three colleagues answer the sent example GA and nota in LibreOffice itself: tracked and
plain edits, a deleted footnote, a paragraph moved with its footnote, a table cell of the
nota; absorbed together, or one by one with renders between. No edit is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import briefgen, copy_example
from unoedit import Answer, edit_in_libreoffice, needs_uno

AGENDA = "agendas/milieuraad-2026-03-17.yaml"
EDITS = {
    "jan": ("Het kabinet wil zorgen voor uitvoerbare normen", "Het kabinet wil zorgen voor haalbare normen"),
    "piet": ("Er is over het algemeen brede steun", "Er is in het algemeen brede steun"),
    "tabel": ("Een rapport over de inschatting", "Een onderzoek naar de inschatting"),
    "kern": ("Het kabinet verwelkomt deze bespreking", "Het kabinet juicht deze bespreking toe"),
}
MOVED = "Tot slot, zal het kabinet bij de uitwerking"
BEFORE = "Daarnaast is het van belang te zorgen"


def _answers(tmp_path: Path) -> tuple[Path, list[Path]]:
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    assert briefgen(root, "send", AGENDA).exit_code == 0
    build = root / "build" / "milieuraad-2026-03-17"
    mail = tmp_path / "Downloads"
    answers = edit_in_libreoffice(
        Answer(
            build / "geannoteerde-agenda.docx",
            mail / "jan.docx",
            "Jan",
            [EDITS["jan"]],
            operations=(("delete_note", "“technologie-neutraliteit”"),),
        ),
        Answer(
            build / "geannoteerde-agenda.docx",
            mail / "piet.docx",
            "Piet",
            [EDITS["piet"]],
            tracked=False,
            operations=(("move", MOVED, BEFORE),),
        ),
        Answer(build / "nota.docx", mail / "anna.docx", "Anna", [EDITS["tabel"], EDITS["kern"]]),
    )
    return root, answers


def _words(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def _assert_every_edit_kept(root: Path) -> None:
    co2 = _words(root / "positions/co2-normen.yaml")
    this_council = co2.split("- raad: milieuraad-2026-06-16")[0]
    assert EDITS["jan"][1] in this_council and EDITS["jan"][0] not in this_council
    assert "“technologie-neutraliteit”[^technologie-neutraliteit]" not in this_council
    diplomatie = _words(root / "positions/milieudiplomatie.yaml")
    assert EDITS["piet"][1] in diplomatie and EDITS["kern"][1] in diplomatie
    assert EDITS["tabel"][1] in _words(root / AGENDA)
    inzet = _words(root / "positions/decarbonisatie-post-2030.yaml")
    assert inzet.index(MOVED) < inzet.index(BEFORE)
    assert "landbouw.[^betaalbaarheid]" in inzet and inzet.count(MOVED) == 1


@pytest.mark.slow
@needs_uno
def test_three_colleagues_absorbed_together_lose_nothing(tmp_path: Path) -> None:
    root, answers = _answers(tmp_path)
    result = briefgen(root, "absorb", *map(str, answers))
    assert result.exit_code == 0, result.output
    _assert_every_edit_kept(root)


@pytest.mark.slow
@needs_uno
def test_three_colleagues_absorbed_one_by_one_with_renders_between_lose_nothing(tmp_path: Path) -> None:
    root, answers = _answers(tmp_path)
    for answer in reversed(answers):
        result = briefgen(root, "absorb", str(answer))
        assert result.exit_code == 0, result.output
        assert briefgen(root, "render", AGENDA).exit_code == 0
    _assert_every_edit_kept(root)


@pytest.mark.slow
@needs_uno
@pytest.mark.parametrize(("first", "second"), [("Jan", "Anna"), ("Jansen, J. (Jan)", "Bakker, A.")])
def test_a_colleague_who_edits_the_copy_another_returned_supersedes_it(
    tmp_path: Path, first: str, second: str
) -> None:
    """Jan returns the GA with a tracked change; Anna changes Jan's words in Jan's copy. Jan's
    answer absorbed first, then Anna's: hers builds on his, so it is no conflict (also when
    their names are written 'surname, initials')."""
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    assert briefgen(root, "send", AGENDA).exit_code == 0
    ga = root / "build" / "milieuraad-2026-03-17" / "geannoteerde-agenda.docx"
    (jan,) = edit_in_libreoffice(Answer(ga, tmp_path / "jan.docx", first, [EDITS["jan"]]))
    (anna,) = edit_in_libreoffice(
        Answer(jan, tmp_path / "anna.docx", second, [("haalbare normen", "werkbare normen")])
    )
    assert briefgen(root, "absorb", str(jan)).exit_code == 0
    assert briefgen(root, "render", AGENDA).exit_code == 0
    result = briefgen(root, "absorb", str(anna))
    assert result.exit_code == 0, result.output
    this_council = _words(root / "positions/co2-normen.yaml").split("- raad: milieuraad-2026-06-16")[0]
    assert "Het kabinet wil zorgen voor werkbare normen" in this_council


@pytest.mark.slow
@needs_uno
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Jan", "Jan"),  # which of his two answers he meant is his to say
        ("Vries", "Vries, J. de"),  # two people, though one's name holds the other's
    ],
)
def test_two_answers_from_the_sent_ga_on_one_paragraph_are_a_conflict(
    tmp_path: Path, first: str, second: str
) -> None:
    """Two answers, each made from the sent GA, change one paragraph differently: the second
    is a conflict, not an edit on top of the first."""
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    ga = root / "build" / "milieuraad-2026-03-17" / "geannoteerde-agenda.docx"
    earlier, later = edit_in_libreoffice(
        Answer(ga, tmp_path / "first.docx", first, [EDITS["jan"]]),
        Answer(
            ga,
            tmp_path / "second.docx",
            second,
            [(EDITS["jan"][0], "Het kabinet wil zorgen voor strenge normen")],
        ),
    )
    assert briefgen(root, "absorb", str(earlier)).exit_code == 0
    result = briefgen(root, "absorb", str(later))
    assert result.exit_code == 1
    assert f"changed both in the file since the build (absorbed from {first} (first.docx))" in result.output


@pytest.mark.slow
@needs_uno
def test_comments_made_in_libreoffice_are_reported_with_their_authors(tmp_path: Path) -> None:
    """Jan edits with tracking on and comments; Anna comments on Jan's returned copy. Each
    comment is named with its author and the words it is on (the data holds no comments,
    none is dropped without a word); Jan's edit is taken."""
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    ga = root / "build" / "milieuraad-2026-03-17" / "geannoteerde-agenda.docx"
    (jan,) = edit_in_libreoffice(
        Answer(
            ga,
            tmp_path / "jan.docx",
            "Jan",
            [EDITS["jan"]],
            operations=(("comment", "Er is over het algemeen brede steun", "Graag afstemmen met EZK."),),
        )
    )
    (anna,) = edit_in_libreoffice(
        Answer(
            jan, tmp_path / "anna.docx", "Anna", [], operations=(("comment", "haalbare normen", "Akkoord."),)
        )
    )
    result = briefgen(root, "absorb", str(anna))
    assert result.exit_code == 0, result.output
    assert (
        "comment by Jan on 'Er is over het algemeen brede steun': Graag afstemmen met EZK." in result.output
    )
    assert "comment by Anna on 'haalbare normen': Akkoord." in result.output
    assert EDITS["jan"][1] in _words(root / "positions/co2-normen.yaml")


@pytest.mark.slow
@needs_uno
def test_a_comment_made_in_word_survives_an_edit_in_libreoffice(tmp_path: Path) -> None:
    """Kees comments in Word; Jan edits Kees's copy in LibreOffice with tracking on. The
    comment LibreOffice kept is named with its author; Jan's edit is taken."""
    from docx import Document  # noqa: PLC0415 - python-docx adds the comment as Word stores one

    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    ga = root / "build" / "milieuraad-2026-03-17" / "geannoteerde-agenda.docx"
    document = Document(str(ga))
    paragraph = next(
        p for p in document.paragraphs if p.text.startswith("Er is over het algemeen brede steun")
    )
    document.add_comment(paragraph.runs, text="Graag afstemmen met EZK.", author="Kees")
    kees = tmp_path / "kees.docx"
    document.save(str(kees))
    (jan,) = edit_in_libreoffice(Answer(kees, tmp_path / "jan.docx", "Jan", [EDITS["jan"]]))
    result = briefgen(root, "absorb", str(jan))
    assert result.exit_code == 0, result.output
    assert "comment by Kees on 'Er is over het algemeen brede steun" in result.output
    assert "Graag afstemmen met EZK." in result.output
    assert EDITS["jan"][1] in _words(root / "positions/co2-normen.yaml")


@pytest.mark.slow
@needs_uno
def test_a_change_rejected_on_the_copy_another_returned_is_taken_back(tmp_path: Path) -> None:
    """Jan returns the GA with two tracked changes and it is absorbed; Anna, reviewing Jan's
    copy in LibreOffice, rejects one of them and returns it. Her answer takes that change
    back (the paragraph reads as sent again) and keeps Jan's other one."""
    root = copy_example(tmp_path / "project")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    assert briefgen(root, "send", AGENDA).exit_code == 0
    ga = root / "build" / "milieuraad-2026-03-17" / "geannoteerde-agenda.docx"
    (jan,) = edit_in_libreoffice(Answer(ga, tmp_path / "jan.docx", "Jan", [EDITS["jan"], EDITS["piet"]]))
    (anna,) = edit_in_libreoffice(
        Answer(jan, tmp_path / "anna.docx", "Anna", [], operations=(("reject", EDITS["jan"][1]),))
    )
    assert briefgen(root, "absorb", str(jan)).exit_code == 0
    assert EDITS["jan"][1] in _words(root / "positions/co2-normen.yaml")
    assert briefgen(root, "render", AGENDA).exit_code == 0
    result = briefgen(root, "absorb", str(anna))
    assert result.exit_code == 0, result.output
    co2 = _words(root / "positions/co2-normen.yaml").split("- raad: milieuraad-2026-06-16")[0]
    assert EDITS["jan"][0] in co2 and EDITS["jan"][1] not in co2
    assert EDITS["piet"][1] in _words(root / "positions/milieudiplomatie.yaml")
