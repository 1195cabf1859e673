"""Zip packaging that gives the same bytes for the same parts."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from docx.document import Document as DocxDocument
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter

EPOCH = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``parts`` in the given order, with fixed timestamps and attributes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def docx_bytes(document: DocxDocument) -> bytes:
    """A python-docx document as a deterministic zip, in the part order Word and python-docx use.

    python-docx's own ``save`` stamps the current time on every zip entry; its package
    writer's steps are run here into a list instead, then zipped once with fixed stamps.
    """
    package = document.part.package
    parts = list(package.iter_parts())
    collected = _Collected()
    PackageWriter._write_content_types_stream(collected, parts)
    PackageWriter._write_pkg_rels(collected, package.rels)
    PackageWriter._write_parts(collected, parts)
    return deterministic_zip(collected.parts)


class _Collected:
    """Stands in for python-docx's zip writer: keeps each member's name and bytes in order."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, bytes]] = []

    def write(self, uri: PackURI, blob: bytes) -> None:
        self.parts.append((uri.membername, blob))
