"""The parts of a returned .docx as the reader takes them, read within bounds.

The file is refused by its size before anything of it is read, and by its first bytes
when it is no zip package; the zip's directory is checked before any part is inflated
(:func:`.archive.entries`: duplicate names, zip bombs, overlapping entries). Each XML
part is then inflated in chunks and fed to a pull parser, which counts as it goes: the
part's unpacked bytes, its elements, how deep they nest, how deep tables nest in tables
and how many paragraphs the document holds. The first count past its limit stops the
reading with one line naming the file and the part, long before time or memory run out.
No entity is resolved and nothing is fetched from the network.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from lxml import etree

from ..data.files import NotRegularFile, open_regular
from ..errors import Location, UserError, _, fail
from .archive import (
    CHUNK,
    MAX_PACKAGE_BYTES,
    MAX_PART_BYTES,
    UnusablePackage,
    check_directory,
    entries,
    sniff,
)
from .namespaces import CUSTOM_PROPERTIES, PACKAGE_RELATIONSHIPS, w

MAX_ELEMENTS = 250_000
"""Elements in one part; a long GA has some tens of thousands."""
MAX_PACKAGE_ELEMENTS = 400_000
"""Elements in all parts read together."""
MAX_XML_DEPTH = 100
"""How deep elements nest in a part; Word's own markup nests some twenty deep."""
MAX_TABLE_NESTING = 10
"""Tables inside table cells, this many levels deep at most."""
MAX_PARAGRAPHS = 10_000
"""Paragraphs in the document, its footnotes and its comments together; a long GA has
some hundreds."""

TABLE = w("tbl")
PARAGRAPH = w("p")


@dataclass
class _Counts:
    """What the parts read so far hold, against the package's limits."""

    elements: int = 0
    paragraphs: int = 0


class OpenedDocx:
    """A .docx opened for reading: its checked zip directory, each part parsed on request."""

    def __init__(self, archive: zipfile.ZipFile, name: str):
        self.name = name
        self.archive = archive
        try:
            found = entries(archive)
        except UnusablePackage as error:
            self._refuse(error.reason)
        self.by_name = {info.filename.lstrip("/").casefold(): info for info in found}
        self.counts = _Counts()

    def _refuse(self, reason: str) -> NoReturn:
        raise fail(Location.file(self.name), _("not a usable Word document (.docx): {reason}", reason=reason))

    def has(self, part: str) -> bool:
        return part.casefold() in self.by_name

    def parse(self, part: str) -> etree._Element | None:
        """The part's root element, or None where the package lacks it."""
        info = self.by_name.get(part.casefold())
        if info is None:
            return None
        reading = _PartReading(self, part)
        try:
            with self.archive.open(info) as member:
                while chunk := member.read(CHUNK):
                    reading.feed(chunk)
            return reading.close()
        except etree.XMLSyntaxError as error:
            self._refuse(_("{part} is not well-formed XML ({error})", part=part, error=error))
        except (
            zipfile.BadZipFile,
            EOFError,
            OSError,
            zlib.error,
            RuntimeError,
            NotImplementedError,
        ) as error:
            self._refuse(_("part {part} is damaged ({error})", part=part, error=error))


class _PartReading:
    """One part fed to a pull parser, every element counted as it is parsed."""

    def __init__(self, package: OpenedDocx, part: str):
        self.package = package
        self.part = part
        self.parser = etree.XMLPullParser(
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
            load_dtd=False,
        )
        self.size = 0
        self.elements = 0
        self.depth = 0
        self.tables = 0

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > MAX_PART_BYTES:
            self._refuse(_("unpacks to more than {limit:,} bytes", limit=MAX_PART_BYTES))
        self.parser.feed(chunk)
        self._count()

    def close(self) -> etree._Element:
        root = self.parser.close()
        self._count()
        return root

    def _count(self) -> None:
        counts = self.package.counts
        for event, element in self.parser.read_events():
            tag = element.tag
            if event == "end":
                self.depth -= 1
                self.tables -= tag == TABLE
                continue
            if not self.elements and element.getroottree().docinfo.doctype:
                self._refuse(
                    _(
                        "declares a document type (<!DOCTYPE …>), which Word never writes; its entities would be read as nothing"
                    )
                )
            self.depth += 1
            self.elements += 1
            counts.elements += 1
            if self.depth > MAX_XML_DEPTH:
                self._refuse(_("nests its elements more than {limit} levels deep", limit=MAX_XML_DEPTH))
            if self.elements > MAX_ELEMENTS:
                self._refuse(_("has more than {limit:,} elements", limit=MAX_ELEMENTS))
            if counts.elements > MAX_PACKAGE_ELEMENTS:
                self._refuse(_("brings the document past {limit:,} elements", limit=MAX_PACKAGE_ELEMENTS))
            if tag == TABLE:
                self.tables += 1
                if self.tables > MAX_TABLE_NESTING:
                    self._refuse(
                        _("nests tables in tables more than {limit} levels deep", limit=MAX_TABLE_NESTING)
                    )
            elif tag == PARAGRAPH:
                counts.paragraphs += 1
                if counts.paragraphs > MAX_PARAGRAPHS:
                    self._refuse(
                        _(
                            "brings the document past {limit:,} paragraphs; a GA has some hundreds",
                            limit=MAX_PARAGRAPHS,
                        )
                    )

    def _refuse(self, reason: str) -> NoReturn:
        raise fail(Location.file(self.package.name), _("{part} {reason}", part=self.part, reason=reason))


@contextmanager
def open_package(path: Path, name: str) -> Iterator[OpenedDocx]:
    """The package at ``path`` (shown as ``name``), opened within the limits."""
    where = Location.file(name)
    try:
        with open_regular(path) as (file, status):
            if status.st_size > MAX_PACKAGE_BYTES:
                raise fail(
                    where,
                    _(
                        "the file is {size:,.1f} MiB, more than the {limit} MiB a Word document briefgen reads may hold",
                        size=status.st_size / 2**20,
                        limit=MAX_PACKAGE_BYTES // 2**20,
                    ),
                )
            try:
                sniff(file.read(8))
                check_directory(file)
                archive = zipfile.ZipFile(file)
            except UnusablePackage as error:
                raise _not_word(where, error.reason) from None
            except (
                zipfile.BadZipFile,
                zipfile.LargeZipFile,
                NotImplementedError,
                ValueError,
                EOFError,
            ) as error:
                raise _not_word(where, _("not a readable zip package ({error})", error=error)) from None
            with archive:
                yield OpenedDocx(archive, name)
    except NotRegularFile:
        raise fail(where, _("is not a regular file; briefgen reads only regular files")) from None
    except UserError:
        raise
    except OSError as error:
        raise fail(where, _("cannot read: {value}", value=error.strerror or error)) from None


def _not_word(where: Location, reason: str) -> UserError:
    if reason.startswith("an OLE compound file"):
        return fail(
            where,
            _(
                "this is an encrypted (password-protected) or old-format (.doc) Word file; remove the password or save it as .docx in Word first"
            ),
        )
    return fail(where, _("not a Word document (.docx): {reason}", reason=reason))


def main_part(package: OpenedDocx) -> str:
    """The name of the document part, as the package's relationships give it."""
    rels = package.parse("_rels/.rels")
    if rels is not None:
        for rel in rels.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                target: str = rel.get("Target", "")
                return target.lstrip("/")
    if package.has("word/document.xml"):
        return "word/document.xml"
    raise fail(Location.file(package.name), _("not a Word document (.docx): it has no document part"))


def relationships(package: OpenedDocx, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships by id: the type's last word and the target's part name (or address)."""
    folder, base = posixpath.split(part)
    rels = package.parse(posixpath.join(folder, "_rels", base + ".rels"))
    out: dict[str, tuple[str, str]] = {}
    if rels is not None:
        for rel in rels.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def custom_property(package: OpenedDocx, property_name: str) -> str:
    """The text of a custom document property, or '' where the package has none by that name."""
    targets = [target for kind, target in relationships(package, "").values() if kind == "custom-properties"]
    root = package.parse((targets or ["docProps/custom.xml"])[0])
    if root is None:
        return ""
    for item in root.iter(f"{{{CUSTOM_PROPERTIES}}}property"):
        if item.get("name") == property_name:
            return "".join(item.itertext()).strip()
    return ""
