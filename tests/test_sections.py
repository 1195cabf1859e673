"""A position's sections compared on block documents alone: which sections show, how the
changes read as text operations, and the footnotes last."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.changes.sections import Version, compare
from briefgen.document import markdown


def version(raad: str, **texts: str) -> Version:
    return Version.of(raad, {name: markdown.parse(text + "\n") for name, text in texts.items()})


def inzet_operations(old: str, new: str) -> list[tuple[str, str, str]]:
    (section,) = compare(version("a", inzet=old), version("b", inzet=new)).sections
    return [(o.op, o.old, o.new) for o in section.operations]


def test_rewritten_sentence_is_one_deletion_and_one_insertion() -> None:
    old = "Het Voorzitterschap beoogt het akkoord in juni te bereiken."
    new = "De Cypriotische Raad heeft de oriëntatie in juni bereikt."
    assert inzet_operations(old, new) == [("replace", old, new)]


def test_neighbouring_reworded_words_are_one_change() -> None:
    old = "Vooraf. Het kabinet steunt het voorstel van de Commissie."
    new = "Vooraf. Het kabinet verwelkomt dit voorstel van de Commissie."
    assert inzet_operations(old, new) == [
        ("equal", "Vooraf. Het kabinet ", "Vooraf. Het kabinet "),
        ("replace", "steunt het", "verwelkomt dit"),
        ("equal", " voorstel van de Commissie.", " voorstel van de Commissie."),
    ]


def test_an_added_paragraph_is_inserted_after_a_blank_line() -> None:
    assert inzet_operations("Eerste.", "Eerste.\n\nTweede.") == [
        ("equal", "Eerste.", "Eerste."),
        ("insert", "", "\n\nTweede."),
    ]


def test_sections_follow_the_position_order_and_skip_those_neither_has() -> None:
    diff = compare(version("a", kern="K.", inzet="I."), version("b", krachtenveld="V.", inzet="I."))
    assert [s.name for s in diff.sections] == ["inzet", "kern", "krachtenveld"]


def test_an_earlier_outcome_is_no_part_of_a_later_position_without_one() -> None:
    diff = compare(version("a", inzet="I.", uitkomst="Aangenomen."), version("b", inzet="I."))
    assert [s.name for s in diff.sections] == ["inzet"]


def test_an_outcome_the_later_position_has_shows() -> None:
    diff = compare(version("a", inzet="I."), version("b", inzet="I.", uitkomst="Aangenomen."))
    assert [(o.op, o.new) for o in diff.sections[-1].operations] == [("insert", "Aangenomen.")]


def test_footnotes_follow_the_sections_by_key() -> None:
    old = version("a", inzet="Tekst.[^bron]\n\n[^bron]: Oude bron.")
    new = version("b", inzet="Tekst.[^bron]\n\n[^bron]: Nieuwe bron.")
    notes = compare(old, new).sections[-1]
    assert (notes.name, [(o.op, o.old, o.new) for o in notes.operations]) == (
        "voetnoten",
        [("replace", "[^bron]: Oude bron.", "[^bron]: Nieuwe bron.")],
    )


def test_the_marked_paragraphs_carry_the_footnotes_they_reference() -> None:
    old = version("a", inzet="Tekst.[^bron]\n\n[^bron]: Bron.")
    diff = compare(old, version("b", inzet="Andere tekst."))
    assert [" ".join(p.text for p in note.paragraphs) for note in diff.notes] == ["Bron."]


WORDS = st.sampled_from(
    "de het kabinet Raad steunt niet wel voorstel lidstaten. Commissie, 2026 “quote”".split()
)
PARAGRAPHS = st.lists(st.lists(WORDS, min_size=1, max_size=20).map(" ".join), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(old=PARAGRAPHS, new=PARAGRAPHS)
def test_operations_rebuild_both_texts(old: list[str], new: list[str]) -> None:
    (section,) = compare(version("a", kern="\n\n".join(old)), version("b", kern="\n\n".join(new))).sections
    assert "".join(o.old for o in section.operations) == "\n\n".join(old)
    assert "".join(o.new for o in section.operations) == "\n\n".join(new)
