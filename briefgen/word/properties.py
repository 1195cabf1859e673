"""Document properties beyond python-docx's core ones: the build a document came from
(``docProps/custom.xml``) and the company that wrote it (``docProps/app.xml``).

Every document briefgen writes carries the id of its build as the custom property
``briefgen-build``, which Word (File > Properties > Custom) and LibreOffice keep when a
colleague saves the document. ``briefgen absorb`` reads it back to find the build the
document was made from, wherever the document was saved. The part is built from element
classes registered with python-docx's parser, as python-docx builds its core properties.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory, XmlPart
from docx.oxml.ns import nsmap, pfxmap, qn
from docx.oxml.parser import oxml_parser, register_element_cls
from docx.oxml.simpletypes import ST_DecimalNumber, ST_String

from .contract import BUILD_PROPERTY
from .namespaces import CUSTOM_PROPERTIES, EXTENDED_PROPERTIES, VARIANT_TYPES
from .xmlchemy import BaseOxmlElement, RequiredAttribute, ZeroOrMore, ZeroOrOne

for _prefix, _uri in (("op", CUSTOM_PROPERTIES), ("vt", VARIANT_TYPES), ("ep", EXTENDED_PROPERTIES)):
    nsmap.setdefault(_prefix, _uri)
    pfxmap.setdefault(_uri, _prefix)

BUILD = BUILD_PROPERTY
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id every user-defined property has."""
PARTNAME = "/docProps/custom.xml"


class CT_CustomProperties(BaseOxmlElement):
    """``Properties``, the root of the custom properties part."""

    property_lst: list[CT_CustomProperty]
    property = ZeroOrMore("op:property", successors=())

    def set(self, name: str, value: str) -> None:
        """Give property ``name`` the text ``value`` (added after the others when new)."""
        for existing in self.property_lst:
            if existing.name == name:
                self.remove(existing)
        item = cast(CT_CustomProperty, self._add_property())  # pyright: ignore[reportAttributeAccessIssue]
        item.fmtid = FMTID
        item.pid = max([1, *(p.pid for p in self.property_lst if p is not item)]) + 1
        item.name = name
        item._add_lpwstr().text = value  # pyright: ignore[reportAttributeAccessIssue]


class CT_CustomProperty(BaseOxmlElement):
    """``property``: one named value; briefgen writes text (``vt:lpwstr``)."""

    fmtid: str = RequiredAttribute("fmtid", ST_String)
    pid: int = RequiredAttribute("pid", ST_DecimalNumber)
    name: str = RequiredAttribute("name", ST_String)
    lpwstr = ZeroOrOne("vt:lpwstr", successors=())


class CT_ExtendedProperties(BaseOxmlElement):
    """``Properties``, the root of the application's properties part (its children in any order)."""

    get_or_add_Company: Callable[[], BaseOxmlElement]
    Company = ZeroOrOne("ep:Company", successors=())


register_element_cls("op:Properties", CT_CustomProperties)
register_element_cls("op:property", CT_CustomProperty)
register_element_cls("ep:Properties", CT_ExtendedProperties)
PartFactory.part_type_for[CT.OFC_EXTENDED_PROPERTIES] = XmlPart
"""The application's properties are read as XML (python-docx keeps unknown parts as bytes)."""


def part_named(package: OpcPackage, partname: str) -> Part | None:
    """The package's part named ``partname`` (a package names each part once): looked for
    among the parts the package itself relates to (where the properties parts are) before
    the walk through every part's relationships that ``iter_parts`` takes."""
    for rel in package.rels.values():
        if not rel.is_external and rel.target_part.partname == partname:
            return cast(Part, rel.target_part)
    return next((part for part in package.iter_parts() if part.partname == partname), None)


def set_custom_properties(document: DocxDocument, values: dict[str, str]) -> None:
    """Put ``values`` in the document's custom properties part, making the part if it has none."""
    package = document.part.package
    part = part_named(package, PARTNAME)
    if part is None:
        element = oxml_parser.makeelement(
            qn("op:Properties"), nsmap={None: CUSTOM_PROPERTIES, "vt": VARIANT_TYPES}
        )
        part = XmlPart(PackURI(PARTNAME), CT.OFC_CUSTOM_PROPERTIES, element, package)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)
    properties = cast(CT_CustomProperties, cast(XmlPart, part).element)
    for name, value in values.items():
        properties.set(name, value)


def set_company(document: DocxDocument, company: str) -> None:
    """Name ``company`` in the document's application properties (Word: File > Properties), where it has that part."""
    part = part_named(document.part.package, "/docProps/app.xml")
    if isinstance(part, XmlPart):
        properties = cast(CT_ExtendedProperties, part.element)
        properties.get_or_add_Company().text = company
