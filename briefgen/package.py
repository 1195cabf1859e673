"""Zip packaging that gives the same bytes for the same parts."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

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


def normalise(docx: bytes) -> bytes:
    """Rewrite a package's zip container deterministically, keeping its parts and order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return deterministic_zip(parts)
