"""The parts of a .docx as the reader takes them: the zip read within limits, each XML
part parsed without entities or network access, relationships resolved to part names."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import Location, fail
from .archive import OLE_MAGIC
from .namespaces import CUSTOM_PROPERTIES, PACKAGE_RELATIONSHIPS

MAX_XML_BYTES = 200_000_000
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


def read_parts(path: Path, name: str) -> dict[str, bytes]:
    """The XML and relationship parts of the package at ``path`` (shown as ``name``)."""
    try:
        head = path.read_bytes()[:8]
    except OSError as error:
        raise fail(Location(name), f"cannot read: {error.strerror}") from None
    if head == OLE_MAGIC:
        raise fail(
            Location(name),
            "this is an encrypted (password-protected) or old-format (.doc) Word file; "
            "remove the password or save it as .docx in Word first",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            wanted = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
            if sum(archive.getinfo(n).file_size for n in wanted) > MAX_XML_BYTES:
                raise fail(Location(name), "too large to be a GA: more than 200 MB of XML")
            return {n: archive.read(n) for n in wanted}
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, RuntimeError, NotImplementedError):
        raise fail(Location(name), "not a Word document (.docx): it is not a readable zip package") from None


def parse_part(parts: dict[str, bytes], part: str, name: str) -> etree._Element | None:
    """A part parsed, or None where the package lacks it."""
    data = parts.get(part)
    if data is None:
        return None
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise fail(
            Location(name), f"not a Word document (.docx): {part} is not well-formed XML ({error})"
        ) from None


def main_part(parts: dict[str, bytes], name: str) -> str:
    """The name of the document part, as the package's relationships give it."""
    rels = parse_part(parts, "_rels/.rels", name)
    if rels is not None:
        for rel in rels.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
    if "word/document.xml" in parts:
        return "word/document.xml"
    raise fail(Location(name), "not a Word document (.docx): it has no document part")


def relationships(parts: dict[str, bytes], part: str, name: str) -> dict[str, tuple[str, str]]:
    """A part's relationships by id: the type's last word and the target's part name (or address)."""
    folder, base = posixpath.split(part)
    rels = parse_part(parts, posixpath.join(folder, "_rels", base + ".rels"), name)
    out: dict[str, tuple[str, str]] = {}
    if rels is not None:
        for rel in rels.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def custom_property(parts: dict[str, bytes], property_name: str, name: str) -> str:
    """The text of a custom document property, or '' where the package has none by that name."""
    targets = [
        target for kind, target in relationships(parts, "", name).values() if kind == "custom-properties"
    ]
    root = parse_part(parts, (targets or ["docProps/custom.xml"])[0], name)
    if root is None:
        return ""
    for item in root.iter(f"{{{CUSTOM_PROPERTIES}}}property"):
        if item.get("name") == property_name:
            return "".join(item.itertext()).strip()
    return ""
