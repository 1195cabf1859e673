"""The .docx zip is written by hand for speed; its bytes must stay the ones zipfile writes."""

from __future__ import annotations

import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st

from briefgen.word.archive import Deflated, _zipfile_zip, deterministic_zip

NAMES = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=30)
PARTS = st.lists(
    st.tuples(NAMES, st.binary(max_size=3000) | st.text(max_size=3000).map(str.encode)),
    max_size=8,
    unique_by=lambda part: part[0],
)


@given(PARTS, st.data())
def test_the_zip_is_the_one_zipfile_writes(parts: list[tuple[str, bytes]], data: st.DataObject) -> None:
    """Any names (non-ASCII ones too) and contents, some parts handed over already deflated."""
    given_as = [
        (name, Deflated.of(content) if data.draw(st.booleans()) else content) for name, content in parts
    ]
    assert deterministic_zip(given_as) == _zipfile_zip(parts)


def test_the_zip_reads_back_with_its_parts() -> None:
    parts = [("word/document.xml", b"<w:document/>" * 100), ("m\u00e9dia/\u00e9.png", bytes(range(256)))]
    archive = zipfile.ZipFile(io.BytesIO(deterministic_zip(parts)))
    assert archive.testzip() is None
    assert [(info.filename, archive.read(info)) for info in archive.infolist()] == parts
