"""Zip packaging that gives the same bytes for the same parts."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO, Generic, TypeVar, cast

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import CT_Types, serialize_part_xml
from docx.opc.packuri import PACKAGE_URI
from docx.opc.part import Part
from docx.opc.rel import Relationships
from docx.opc.spec import default_content_types
from lxml import etree

from ..errors import _
from .namespaces import R, W

EPOCH = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"


@dataclass(frozen=True)
class Deflated:
    """A part's bytes as a zip holds them: deflated at LEVEL, with their CRC and size; made once
    for a part every document carries unchanged (see ``Reference.stored``)."""

    crc: int
    size: int
    data: bytes

    @classmethod
    def of(cls, data: bytes) -> Deflated:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        return cls(zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


LEVEL = 6
_DOS_DATE = (EPOCH[0] - 1980) << 9 | EPOCH[1] << 5 | EPOCH[2]
_DOS_TIME = EPOCH[3] << 11 | EPOCH[4] << 5 | EPOCH[5] // 2
_VERSION = 20  # zipfile's for a deflated entry
_ATTRIBUTES = 0o600 << 16
_SMALL = 2**31
"""Sizes and offsets far from where zipfile turns to Zip64 records (4 GiB, or a part of more
than 4 GiB / 1.05): below it the bytes written here are zipfile's."""


def deterministic_zip(parts: Iterable[tuple[str, bytes | Deflated]]) -> bytes:
    """A zip of ``parts`` in the given order, with fixed timestamps and attributes; a part
    given as :class:`Deflated` is not deflated again.

    The same bytes as zipfile writes with these settings (the local header with the sizes,
    no data descriptor, then the central directory and its end record), without zipfile's
    work per entry; a package that would need Zip64 records goes through zipfile itself.
    """
    members = [(name, data if isinstance(data, Deflated) else Deflated.of(data)) for name, data in parts]
    if len(members) >= 0xFFFF or sum(len(m.data) + len(name) + 100 for name, m in members) >= _SMALL:
        return _zipfile_zip([(name, zlib.decompress(m.data, -15)) for name, m in members])
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, member in members:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800
        common = (
            flags,
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            member.crc,
            len(member.data),
            member.size,
        )
        header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", _VERSION, 0, *common, len(encoded), 0)
        local += (header, encoded, member.data)
        central.append(
            struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                _VERSION,
                0,  # made on MS-DOS: no Unix permissions or times to differ
                _VERSION,
                0,
                *common,
                len(encoded),
                0,
                0,
                0,
                0,
                _ATTRIBUTES,
                offset,
            )
            + encoded
        )
        offset += len(header) + len(encoded) + len(member.data)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", _END, 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(local) + directory + end


def _zipfile_zip(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """:func:`deterministic_zip` as zipfile writes it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = _ATTRIBUTES
            info.create_system = 0
            archive.writestr(info, data, compresslevel=LEVEL)
    return buffer.getvalue()


def docx_bytes(document: DocxDocument, stored: Mapping[str, Deflated] | None = None) -> bytes:
    """A python-docx document as a deterministic zip, in the part order Word and python-docx use.

    python-docx's own ``save`` stamps the current time on every zip entry; the same
    members are gathered here (content types, the package's relationships, then each
    part followed by its own) and zipped once with fixed stamps. ``stored`` gives the
    deflated bytes of parts that are known to be unchanged, by part name, instead of
    serializing and deflating them again; parts that came out the same before in this
    process (relationships, headers, properties; a document's body when it did not change)
    are not deflated again either.
    """
    stored = stored or {}
    package = document.part.package
    parts = list(package.iter_parts())
    members: list[tuple[str, bytes | Deflated]] = [
        (CONTENT_TYPES, _deflated(_content_types(parts))),
        (PACKAGE_URI.rels_uri.membername, _deflated(_rels_xml(package.rels, PACKAGE_URI.baseURI))),
    ]
    for part in parts:
        blob = stored.get(part.partname)
        members.append((part.partname.membername, _deflated(part.blob) if blob is None else blob))
        if len(part.rels):
            rels = _rels_xml(part.rels, part.partname.baseURI)
            members.append((part.partname.rels_uri.membername, _deflated(rels)))
    return deterministic_zip(members)


SMALL_PART = 2**11
"""Parts up to this size are deflated once per process for the same bytes: a package's
relationships, headers and properties, which most documents share."""
KEPT_LIMIT = 1024
"""How many entries each cache below keeps in a process (then it starts afresh)."""
K = TypeVar("K")
V = TypeVar("V")


@dataclass
class Kept(Generic[K, V]):
    """One kind of value a process keeps for the next document, at most KEPT_LIMIT of them."""

    entries: dict[K, V] = field(default_factory=dict)

    def get(self, key: K) -> V | None:
        return self.entries.get(key)

    def keep(self, key: K, value: V) -> V:
        """``value``, kept under ``key``; a cache that holds KEPT_LIMIT entries starts afresh."""
        if len(self.entries) >= KEPT_LIMIT:
            self.entries.clear()
        self.entries[key] = value
        return value


RelsKey = tuple[str, tuple[tuple[str, str, bool, str], ...]]
"""A relationship set as it serializes: the base URI of its source part's folder, and per
relationship its id, type, whether it is external, and its target (the address of an
external one, the target part's name of an internal one, which is written relative to the
base)."""
TypesKey = tuple[tuple[str, str], ...]
"""A package's parts as ``[Content_Types].xml`` lists them: each part's name and content type."""

DEFLATED_PARTS: Kept[bytes, Deflated] = Kept()
"""Small parts' bytes, deflated."""
RELS_XML: Kept[RelsKey, bytes] = Kept()
"""Relationship sets, serialized."""
CONTENT_TYPES_XML: Kept[TypesKey, bytes] = Kept()
"""Packages' ``[Content_Types].xml``, serialized."""


LARGE_KEPT_BYTES = 32 * 2**20
"""Bytes of larger parts (a document's body, its footnotes and lists) a process keeps with
their deflated bytes, the oldest let go first: the documents of a package that come out the
same as in the render before (in ``--watch``, those an edit did not touch) are not deflated
again. A part larger than this is deflated each time."""


@dataclass
class KeptBySize:
    """Larger parts' bytes, deflated, kept up to LARGE_KEPT_BYTES of parts in all."""

    entries: dict[bytes, Deflated] = field(default_factory=dict)
    size: int = 0

    def deflated(self, data: bytes) -> Deflated:
        found = self.entries.get(data)
        if found is not None:
            return found
        made = Deflated.of(data)
        if len(data) <= LARGE_KEPT_BYTES:
            while self.entries and self.size + len(data) > LARGE_KEPT_BYTES:
                oldest = next(iter(self.entries))
                del self.entries[oldest]
                self.size -= len(oldest)
            self.entries[data] = made
            self.size += len(data)
        return made


LARGE_PARTS = KeptBySize()


def _deflated(data: bytes) -> Deflated:
    """A part's bytes deflated, as before when they were the same."""
    if len(data) > SMALL_PART:
        return LARGE_PARTS.deflated(data)
    found = DEFLATED_PARTS.get(data)
    return DEFLATED_PARTS.keep(data, Deflated.of(data)) if found is None else found


def _rels_xml(relationships: Relationships, base: str) -> bytes:
    """``relationships.xml``, serialized once per process for the same relationships.

    ``base`` is the base URI of the source part's folder (``PackURI.baseURI``), which
    python-docx makes a part's relationships with and writes internal targets relative to
    (``tests/test_zip_bytes.py`` holds it to that)."""
    key: RelsKey = (
        base,
        tuple(
            (
                rel.rId,
                rel.reltype,
                rel.is_external,
                rel.target_ref if rel.is_external else rel.target_part.partname,
            )
            for rel in relationships.values()
        ),
    )
    found = RELS_XML.get(key)
    return RELS_XML.keep(key, cast(bytes, relationships.xml)) if found is None else found


def _content_types(parts: list[Part]) -> bytes:
    """``[Content_Types].xml`` as python-docx writes it: a default per extension where the
    extension's usual type fits, an override per part otherwise, each sorted."""
    key: TypesKey = tuple((part.partname, part.content_type) for part in parts)
    found = CONTENT_TYPES_XML.get(key)
    if found is not None:
        return found
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides: dict[str, str] = {}
    for part in parts:
        if (part.partname.ext.lower(), part.content_type) in default_content_types:
            defaults[part.partname.ext] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    types = CT_Types.new()
    for extension in sorted(defaults):
        types.add_default(extension, defaults[extension])
    for name in sorted(overrides):
        types.add_override(name, overrides[name])
    return CONTENT_TYPES_XML.keep(key, serialize_part_xml(types))


MAX_PACKAGE_BYTES = 64 * 2**20
"""Size of a package file read as input (``reference.docx``, a returned document), refused
by its size before anything of it is read."""
MAX_PART_BYTES = 32 * 2**20
"""Size of one part once unpacked, as its zip entry declares it and as it turns out."""
MAX_UNPACKED_BYTES = 64 * 2**20
"""Size of all parts together once unpacked."""
MAX_PARTS = 1000
MAX_RATIO = 100
"""How many times larger than its compressed bytes a part of more than RATIO_FROM bytes may
unpack: Word's XML deflates some 5 to 20 times; a zip bomb a thousand times and more."""
RATIO_FROM = 2**20
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 2**16
MAX_DIRECTORY_BYTES = 2**20
"""Size of the zip's directory: a thousand entries with long names take some 200 KB."""
_END, _END_SIZE, _MAX_COMMENT = b"PK\x05\x06", 22, 2**16 - 1
_LOCATOR, _LOCATOR_SIZE = b"PK\x06\x07", 20
_END64, _END64_SIZE = b"PK\x06\x06", 56
_LOCAL_HEADER = 30
"""Bytes of a zip entry's local header before its name."""


class UnusablePackage(Exception):
    """Why a package cannot be read; one short phrase for the user's message."""

    @property
    def reason(self) -> str:
        """The phrase, as a message (its English compares; it shows in the user's language)."""
        reason: str = self.args[0] if self.args else ""
        return reason


def sniff(head: bytes) -> None:
    """Refuse, by its first bytes alone, a file that is not a zip package."""
    if head.startswith(OLE_MAGIC):
        raise UnusablePackage(
            _(
                "an OLE compound file: a password-protected document or an old .doc; save it as .docx without a password"
            )
        )
    if not head.startswith(ZIP_MAGIC):
        raise UnusablePackage(_("not a zip package"))


def check_directory(file: BinaryIO) -> None:
    """Refuse, from its end record alone, a zip whose directory lists more than MAX_PARTS
    entries or takes more than MAX_DIRECTORY_BYTES, before zipfile reads it (hundreds of
    thousands of empty entries fit in a few MiB and take seconds and hundreds of MiB to list).
    A Zip64 end record, which zipfile prefers when there is one, is checked too."""
    end = file.seek(0, io.SEEK_END)
    tail_size = min(end, _END_SIZE + _MAX_COMMENT)
    file.seek(end - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < _END_SIZE:
        file.seek(0)
        return  # no directory at all: zipfile says so
    count, size = struct.unpack_from("<HL", tail, at + 10)
    records = [(count, size)]
    locator = at - _LOCATOR_SIZE
    if locator >= 0 and tail[locator : locator + 4] == _LOCATOR:
        (offset,) = struct.unpack_from("<Q", tail, locator + 8)
        file.seek(offset)
        record = file.read(_END64_SIZE)
        if len(record) < _END64_SIZE or record[:4] != _END64:
            raise UnusablePackage(_("not a readable zip package (its Zip64 end record is missing)"))
        records.append(struct.unpack_from("<QQ", record, 32))
    for count, size in records:
        if count > MAX_PARTS:
            raise UnusablePackage(_("more than {limit} parts", limit=MAX_PARTS))
        if size > MAX_DIRECTORY_BYTES:
            raise UnusablePackage(
                _("its directory takes more than {limit:,} bytes", limit=MAX_DIRECTORY_BYTES)
            )
    file.seek(0)


def entries(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's entries once each passes the limits, read from its directory alone.

    Refused: more than MAX_PARTS entries; two entries with one name (part names are
    case-insensitive, and readers differ on which of the two they take); encrypted parts
    or compression Word does not use; a part or all parts declared to unpack past the
    limits or a part compressed like a zip bomb; entries whose data overlap (one
    compressed stream counted as many parts).
    """
    found = [info for info in archive.infolist() if not info.is_dir()]
    if len(found) > MAX_PARTS:
        raise UnusablePackage(_("more than {limit} parts", limit=MAX_PARTS))
    names: set[str] = set()
    declared = 0
    for info in found:
        key = info.filename.replace("\\", "/").lstrip("/").casefold()
        if key in names:
            raise UnusablePackage(
                _(
                    "two parts are named {filename}; readers differ on which one they take",
                    filename=info.filename,
                )
            )
        names.add(key)
        if info.flag_bits & 0x1:
            raise UnusablePackage(_("part {filename} is encrypted", filename=info.filename))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnusablePackage(
                _("part {filename} uses a compression method Word does not", filename=info.filename)
            )
        if info.file_size > MAX_PART_BYTES:
            raise UnusablePackage(
                _(
                    "part {filename} unpacks to more than {limit:,} bytes",
                    filename=info.filename,
                    limit=MAX_PART_BYTES,
                )
            )
        declared += info.file_size
        if declared > MAX_UNPACKED_BYTES:
            raise UnusablePackage(
                _("its parts unpack to more than {limit:,} bytes", limit=MAX_UNPACKED_BYTES)
            )
    for info in found:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnusablePackage(
                _(
                    "part {filename} unpacks to {times:,} times its packed size (more than {limit}): a zip bomb",
                    filename=info.filename,
                    times=info.file_size // max(info.compress_size, 1),
                    limit=MAX_RATIO,
                )
            )
    end = 0
    for info in sorted(found, key=lambda i: i.header_offset):
        if info.header_offset < end:
            raise UnusablePackage(_("part {filename} overlaps the part before it", filename=info.filename))
        end = info.header_offset + _LOCAL_HEADER + len(info.filename.encode()) + info.compress_size
    return found


def unpack(data: bytes) -> list[tuple[str, bytes]]:
    """The parts of a zip package, refusing before it inflates what would pass the limits.

    Each entry's declared size is checked first, then each is inflated in small chunks,
    so that a zip bomb stops at the limit instead of filling memory; the CRC of every
    part is checked on the way.
    """
    sniff(data[:8])
    check_directory(io.BytesIO(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise UnusablePackage(str(error) or _("not a zip file")) from None
    return [(info.filename, _inflate(archive, info)) for info in entries(archive)]


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    chunks = []
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as error:
        raise UnusablePackage(
            _("part {filename} is damaged: {error}", filename=info.filename, error=error)
        ) from None
    return b"".join(chunks)


HYPERLINK = f"{{{W}}}hyperlink"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


ACTIVE = frozenset(
    {
        "vbaProject",
        "wordVbaData",
        "control",
        "activeXControlBinary",
        "oleObject",
        "package",
        "attachedToolbars",
        "keyMapCustomizations",
    }
)
"""Relationship types (the last part of the type's address) of content that runs code:
macros, ActiveX controls, embedded OLE objects and packages, toolbars and key bindings."""


def strip_active(parts: list[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The parts without what would make Word fetch or run something, and what was left out.

    An external relationship (``TargetMode="External"``) is how a document makes Word
    fetch something when it opens: an attached template, a linked picture, a frame;
    the ACTIVE types carry code. Each relationship is removed with what refers to it (a
    hyperlink keeps its text, a picture its embedded copy, anything else goes); a part
    no relationship reaches any more is not read, so not written either.
    """
    contents = dict(parts)
    removed: list[str] = []
    for name, data in parts:
        if not name.endswith(".rels"):
            continue
        relationships = etree.fromstring(data, _PARSER)
        source = _source(name)
        stripped = []
        for relationship in relationships:
            kind = (relationship.get("Type") or "").rsplit("/", 1)[-1]
            target, where = relationship.get("Target"), source or name
            if relationship.get("TargetMode") == "External":
                removed.append(
                    _("a link to {target} ({kind}, in {where})", target=target, kind=kind, where=where)
                )
            elif kind in ACTIVE:
                removed.append(
                    _("active content ({kind} {target}, in {where})", kind=kind, target=target, where=where)
                )
            else:
                continue
            stripped.append(relationship)
        if not stripped:
            continue
        for relationship in stripped:
            relationships.remove(relationship)
        contents[name] = etree.tostring(
            relationships, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        if source in contents:
            contents[source] = _without_references(contents[source], {r.get("Id") for r in stripped})
    return [(name, contents[name]) for name, _ in parts], removed


def _source(rels_name: str) -> str:
    """``word/_rels/settings.xml.rels`` → ``word/settings.xml``; the package's own rels → ''."""
    folder, _, file_name = rels_name.rpartition("_rels/")
    return folder + file_name.removesuffix(".rels")


def _without_references(data: bytes, ids: set[str | None]) -> bytes:
    root = etree.fromstring(data, _PARSER)
    for element in list(root.iter()):
        for attribute, value in list(element.attrib.items()):
            if not attribute.startswith(f"{{{R}}}") or value not in ids:
                continue
            if element.tag == HYPERLINK or attribute == f"{{{R}}}link":
                del element.attrib[attribute]
            elif (parent := element.getparent()) is not None:
                parent.remove(element)
                break
    cleaned: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return cleaned
