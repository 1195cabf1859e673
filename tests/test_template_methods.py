"""The methods of texts and bytes a template may call make what Python makes, checked piece by
piece; the limits themselves are tested as hostile templates in test_safety_templates."""

from __future__ import annotations

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2.exceptions import SecurityError

from briefgen.compose import methods
from briefgen.compose.sandbox import Sandbox
from briefgen.document.dutch import FILTERS

CODECS = (
    "utf-8",
    "utf-16",
    "utf-32",
    "utf-7",
    "latin-1",
    "cp1252",
    "unicode_escape",
    "idna",
    "cp932",
    "iso2022_jp",
)
ERRORS = ("strict", "replace", "ignore", "xmlcharrefreplace", "backslashreplace", "namereplace")
DECODE_ERRORS = ("strict", "replace", "ignore", "backslashreplace", "surrogateescape")


def _render(source: str) -> str:
    env = Sandbox(jinja2.DictLoader({"t.md.j2": source}), FILTERS)
    return env.run(lambda: env.get_template("t.md.j2").render())


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Encode and decode three characters (bytes) at a time, so texts cross piece boundaries."""
    monkeypatch.setattr(methods, "PIECE", 3)


def _same(make: object) -> object:
    try:
        return ("made", make())  # type: ignore[operator]
    except (UnicodeError, LookupError, ValueError) as error:
        return ("refused", type(error))


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture]
)  # the same small pieces for every input
@given(text=st.text(max_size=30), codec=st.sampled_from(CODECS), errors=st.sampled_from(ERRORS))
def test_encode_piece_by_piece_makes_what_python_makes(
    small_pieces: None, text: str, codec: str, errors: str
) -> None:
    expected = _same(lambda: text.encode(codec, errors))
    assert _same(lambda: methods.call(text.encode, (codec, errors), {})) == expected


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=30), codec=st.sampled_from(CODECS), errors=st.sampled_from(DECODE_ERRORS))
def test_decode_makes_what_python_makes(small_pieces: None, data: bytes, codec: str, errors: str) -> None:
    expected = _same(lambda: data.decode(codec, errors))
    assert _same(lambda: methods.call(data.decode, (codec, errors), {})) == expected


@given(
    text=st.text(alphabet="ab\t\n", max_size=20),
    table=st.dictionaries(st.sampled_from([97, 98, 9, 10]), st.none() | st.text(alphabet="xyz", max_size=4)),
)
def test_translate_makes_what_python_makes(text: str, table: dict[int, str | None]) -> None:
    assert methods.call(text.translate, (table,), {}) == text.translate(table)


def test_a_codec_that_encodes_the_whole_text_at_once_is_refused() -> None:
    with pytest.raises(SecurityError, match="codec 'punycode' is not available"):
        methods.call("bücher".encode, ("punycode",), {})


def test_a_bytes_to_bytes_codec_is_refused_as_python_refuses_it() -> None:
    with pytest.raises(LookupError, match="not a text encoding"):
        methods.call("x".encode, ("zlib",), {})


CALLS = {
    "{{ 'a,b,c'.split(',') | join('-') }}": "a-b-c",
    "{{ 'a b'.rsplit(maxsplit=1) | length }}": "2",
    "{{ 'x'.center(5, '.') }}|{{ 'x'.ljust(3) }}|{{ '7'.zfill(3) }}": "..x..|x  |007",
    "{{ 'aXa'.replace('a', 'bb') }}": "bbXbb",
    "{{ 'a\tb'.expandtabs(4) }}": "a   b",
    "{{ ', '.join(['een', 'twee']) }}": "een, twee",
    "{{ 'één'.encode('utf-16-le') | length }}": "6",
    "{{ 'één'.encode().decode() }}": "één",
    "{{ 'ab'.encode().hex(':') }}": "61:62",
    "{{ 'a\nb'.splitlines() | length }}": "2",
    "{{ 'straße'.upper() }}": "STRASSE",
    "{{ 'abc'.translate({97: 'AA', 98: none}) }}": "AAc",
    "{{ ' x '.strip() }}{{ 'ab'.startswith('a') }}": "xTrue",
}


@pytest.mark.parametrize("source, expected", CALLS.items(), ids=CALLS.values())
def test_a_text_method_within_limits_works_as_in_python(source: str, expected: str) -> None:
    assert _render(source) == expected


def test_a_list_is_written_as_python_writes_it() -> None:
    assert _render("{{ ['a', 1, ('b',)] }}{{ [1] ~ {'k': 'v'} }}") == "['a', 1, ('b',)][1]{'k': 'v'}"


def test_a_namespace_that_holds_itself_is_written() -> None:
    assert (
        _render("{% set ns = namespace(a=1) %}{% set ns.me = ns %}{{ ns | string | length > 0 }}") == "True"
    )


def test_a_text_method_works_inside_a_loop() -> None:
    source = "{% for w in ['kort', 'lang'] %}{{ w.upper() }}{{ ','.join([w, w]) }};{% endfor %}"
    assert _render(source) == "KORTkort,kort;LANGlang,lang;"


def test_a_text_method_works_inside_a_block() -> None:
    assert _render("{% block b %}{{ 'raad'.title() }}{% endblock %}") == "Raad"
