"""editing.append_item: a sequence item added as new lines, every other byte kept."""

from __future__ import annotations

from briefgen.data.editing import append_item
from briefgen.data.load import load_text

ITEM = "  - raad: b\n    inzet: |\n      Nieuw.\n"


def test_the_item_follows_the_last_one_and_what_leads_to_the_next_key_stays_before_it() -> None:
    text = "standpunten:\n  - raad: a\n    inzet: Oud.\n\n# De voetnoten.\nvoetnoten:\n  k: v\n"
    new = append_item(text, ("standpunten",), ITEM)
    assert new == (
        "standpunten:\n  - raad: a\n    inzet: Oud.\n  - raad: b\n    inzet: |\n      Nieuw.\n"
        "\n# De voetnoten.\nvoetnoten:\n  k: v\n"
    )


def test_the_item_moves_to_the_column_of_the_dashes() -> None:
    new = append_item("standpunten:\n- raad: a\n", ("standpunten",), ITEM)
    assert new == "standpunten:\n- raad: a\n- raad: b\n  inzet: |\n    Nieuw.\n"


def test_the_new_lines_end_as_the_file_s_first_line_does() -> None:
    new = append_item("standpunten:\r\n  - raad: a\r\n", ("standpunten",), ITEM)
    assert new.count("\n") == new.count("\r\n") == 5


def test_a_last_line_without_a_line_break_gets_one() -> None:
    new = append_item("standpunten:\n  - raad: a", ("standpunten",), ITEM)
    assert load_text(new, "f.yaml").data == {
        "standpunten": [{"raad": "a"}, {"raad": "b", "inzet": "Nieuw.\n"}]
    }


def test_a_vertical_tab_in_the_file_is_text_as_render_reads_it() -> None:
    text = "standpunten:\n  - raad: a\n    inzet: Een\vregel.\n"
    assert append_item(text, ("standpunten",), ITEM) == text + "  - raad: b\n    inzet: |\n      Nieuw.\n"
