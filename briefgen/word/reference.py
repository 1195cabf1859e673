"""``templates/reference.docx`` as the writer uses it: read and parsed once within limits,
copied afresh for each document, with what every document needs looked up once."""

from __future__ import annotations

import copy
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.exceptions import PythonDocxError
from docx.opc.exceptions import OpcError
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.styles import CT_Style, CT_Styles
from docx.oxml.text.parfmt import CT_PPr
from docx.package import Package
from docx.parts.settings import SettingsPart
from lxml import etree

from ..data.files import LinkedOut, NotRegularFile, TooLarge, linked_out_refusal, read_regular
from ..errors import Location, Problem, UserError, _, fail
from .archive import MAX_PACKAGE_BYTES, Deflated, UnusablePackage, deterministic_zip, strip_active, unpack
from .contract import LISTS, REGENERATE
from .numbering import CT_NumberingDefinitions
from .oxml import frame_of
from .oxml_styles import CT_FramePr

UNCHANGED = frozenset(
    {
        "/word/styles.xml",
        "/word/settings.xml",
        "/word/fontTable.xml",
        "/word/theme/theme1.xml",
    }
)
"""The parts of the reference the writer only reads: every document carries them as they are."""


class Reference:
    """``templates/reference.docx``, read and parsed once; each document starts from a copy.

    It is input like any other: read only when it is a regular file, unpacked within
    limits (a zip bomb stops at the limit), and stripped of relationships to anything
    outside it and of active content (macros, ActiveX, OLE objects), each of which
    becomes a warning. What every document needs to know of
    it (style ids, style frames, list definitions) is looked up once, here.
    """

    def __init__(self, path: Path, display: str | None = None, inside: str | None = None):
        """``inside``, when given, is the real folder the file must be in once opened."""
        self.display = display or str(path)
        raw = self._read(path, inside)
        self.sha256 = hashlib.sha256(raw).hexdigest()
        """The hash of the bytes read, which may differ from a hash taken of the file before."""
        try:
            parts, removed = strip_active(unpack(raw))
        except (UnusablePackage, etree.XMLSyntaxError) as error:
            raise self._unusable(error.reason if isinstance(error, UnusablePackage) else str(error)) from None
        self.data = deterministic_zip(parts)
        self.warnings = [
            Problem(
                Location(self.display),
                _(
                    "the reference document has {what}; left out of every document, as Word would fetch or run it when the document opens",
                    what=what,
                ),
                warning=True,
            )
            for what in removed
        ]
        opened = self._parsed = self._parse()
        unchanged = [part for part in opened.part.package.iter_parts() if part.partname in UNCHANGED]
        self.stored: dict[str, Deflated] = {part.partname: Deflated.of(part.blob) for part in unchanged}
        """The parts no document changes, by part name, deflated once as every document's zip holds them."""
        self._shared = [part.element for part in unchanged if isinstance(part, XmlPart)]
        styles = _style_elements(opened)
        self.style_ids = {style_id.lower(): style_id for style_id in styles if style_id}
        self.frames = _style_frames(styles)
        self.abstract = _abstract_ids(cast(CT_NumberingDefinitions, opened.part.numbering_part.element))
        self._paragraph_styles: dict[str, str | None] = {}
        self._plan = _Plan.of(opened)

    def paragraph_style_id(self, name: str) -> str | None:
        """The style id python-docx's ``paragraph.style = name`` gives a paragraph (None for the
        default paragraph style), looked up once per name: it searches the styles part, which
        every copy shares unchanged (UNCHANGED)."""
        if name not in self._paragraph_styles:
            found = self._parsed.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
            self._paragraph_styles[name] = found
        return self._paragraph_styles[name]

    def _read(self, path: Path, inside: str | None) -> bytes:
        """The file's bytes; a FIFO or device is refused instead of waited on."""
        try:
            data = read_regular(path, MAX_PACKAGE_BYTES, inside=inside)[0]
        except LinkedOut as error:
            raise fail(Location.file(self.display), linked_out_refusal(error.target)) from None
        except NotRegularFile:
            raise self._unusable(_("not a regular file")) from None
        except TooLarge:
            raise self._unusable(_("larger than {limit:,} bytes", limit=MAX_PACKAGE_BYTES)) from None
        except OSError as error:
            raise fail(
                Location(self.display),
                _("cannot read the reference document: {strerror}", strerror=error.strerror),
            ) from None
        return data

    def open(self) -> DocxDocument:
        """A fresh copy of the parsed reference, for one document to be written into; the
        parts no document changes (UNCHANGED) are shared, not copied, and written as
        ``stored`` holds them."""
        if self._plan is not None:
            return self._plan.made()
        return copy.deepcopy(self._parsed, {id(element): element for element in self._shared})

    def _parse(self) -> DocxDocument:
        try:
            return docx.Document(io.BytesIO(self.data))
        except (KeyError, ValueError, etree.XMLSyntaxError, OpcError, PythonDocxError) as error:
            raise self._unusable(error.reason if isinstance(error, UnusablePackage) else str(error)) from None

    def _unusable(self, reason: str) -> UserError:
        return fail(
            Location(self.display),
            _(
                "not a usable Word document ({reason}); restore it or run '{command}'",
                reason=reason,
                command=REGENERATE,
            ),
        )


@dataclass(frozen=True)
class _Plan:
    """How to make a copy of the parsed reference as python-docx loads a package: each part
    anew around a copy of its XML (the UNCHANGED parts around their own), then the
    relationships between them in their order. About three times as fast as
    ``copy.deepcopy`` of python-docx's object graph.

    It does what python-docx's loading does, through its public methods, and rests on three
    assumptions about python-docx, each held by a test in ``tests/test_reference_plan.py`` so
    that an upgrade that breaks one fails there instead of writing another document: a part
    is made as ``cls(partname, content_type, element_or_blob, package)``; relationships are
    added by ``load_rel(reltype, target, rId, is_external)`` and then ``after_unmarshal()``
    is called on each part; the package's own ``after_unmarshal()`` only gathers pictures,
    which a plan has none of. The copy is held equal to a fresh ``docx.Document`` of the
    reference, part for part and byte for byte once written."""

    package: type[Package]
    parts: list[tuple[type[Part], PackURI, str, etree._Element | bytes | None, bool]]
    """Each part's class, name, content type, XML (or bytes) and whether it is shared."""
    relationships: list[tuple[int, str, int | str, str, bool]]
    """Each relationship's source (a part's index, -1: the package), type, target (a part's
    index, or an address), id and whether it is external."""

    @classmethod
    def of(cls, parsed: DocxDocument) -> _Plan | None:
        """The plan for ``parsed``; None for a reference with parts of other kinds (a picture)."""
        original = parsed.part.package
        index: dict[int, int] = {}
        parts: list[tuple[type[Part], PackURI, str, etree._Element | bytes | None, bool]] = []
        for part in original.iter_parts():
            kind = type(part)
            if isinstance(part, XmlPart) and kind.__init__ in _XML_PART_INITS:
                content: etree._Element | bytes | None = part.element
            elif kind is Part:
                content = part.blob
            else:
                return None
            index[id(part)] = len(parts)
            parts.append((kind, part.partname, part.content_type, content, part.partname in UNCHANGED))
        relationships: list[tuple[int, str, int | str, str, bool]] = []
        sources: list[tuple[int, OpcPackage | Part]] = [(-1, original)]
        sources += [(index[id(part)], part) for part in original.iter_parts()]
        for number, source in sources:
            for rel in source.rels.values():
                target = rel.target_ref if rel.is_external else index[id(rel.target_part)]
                relationships.append((number, rel.reltype, target, rel.rId, rel.is_external))
        return cls(cast(type[Package], type(original)), parts, relationships)

    def made(self) -> DocxDocument:
        package = self.package()
        parts: list[Part] = []
        for kind, partname, content_type, content, shared in self.parts:
            if isinstance(content, etree._Element):
                element = content if shared else content.__copy__()
                parts.append(kind(partname, content_type, element, package))  # an XmlPart's
            else:
                parts.append(Part(partname, content_type, content, package))
        for source, reltype, target, rel_id, external in self.relationships:
            related = target if isinstance(target, str) else parts[target]
            (package if source < 0 else parts[source]).load_rel(reltype, related, rel_id, external)
        for part in parts:
            part.after_unmarshal()
        # No package.after_unmarshal(): it gathers the pictures, and a plan has none.
        return cast(DocxDocument, package.main_document_part.document)


_XML_PART_INITS = {XmlPart.__init__, SettingsPart.__init__}
"""Constructors that take what ``XmlPart``'s takes, in that order (python-docx's parts and ours)."""


def _style_elements(target: DocxDocument) -> dict[str, CT_Style]:
    """Each style's element by its id, as python-docx's ``target.styles`` lists them (read
    from the XML: a style object of python-docx's for each cost more than all the rest)."""
    styles = cast(CT_Styles, target.styles.element)
    return {style.styleId: style for style in styles.style_lst}  # pyright: ignore[reportAttributeAccessIssue]


def _style_frames(elements: dict[str, CT_Style]) -> dict[str, CT_FramePr]:
    """The frame (``w:framePr``) of each paragraph style that has one, own or inherited."""
    frames: dict[str, CT_FramePr] = {}
    for style_id in elements:
        current, seen = style_id, set()
        while current in elements and current not in seen:
            seen.add(current)
            frame = frame_of(cast(CT_PPr | None, elements[current].pPr))
            if frame is not None:
                frames[style_id] = frame
                break
            current = elements[current].basedOn_val
    return frames


def _abstract_ids(numbering: CT_NumberingDefinitions) -> dict[str, int]:
    """The abstract numbering ids of our named list definitions."""
    found = {
        definition.name.val: definition.abstractNumId
        for definition in numbering.abstractNum_lst
        if definition.name is not None
    }
    missing = [name for name in LISTS if name not in found]
    if missing:
        raise fail(
            Location("templates/reference.docx"),
            _(
                "the numbering definitions {missing} are missing; regenerate with '{command}'",
                missing=", ".join(missing),
                command=REGENERATE,
            ),
        )
    return found
