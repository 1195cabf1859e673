"""The XML namespaces of a Word package, named once for the writer, the reader and the house style."""

from __future__ import annotations

from docx.opc.constants import NAMESPACE
from docx.oxml.ns import nsmap

W = NAMESPACE.WML_MAIN
"""WordprocessingML: the document, styles, numbering, notes, headers."""
R = NAMESPACE.OFC_RELATIONSHIPS
"""Relationship ids inside a part (``r:id``) and the relationship types."""
PACKAGE_RELATIONSHIPS = NAMESPACE.OPC_RELATIONSHIPS
"""The ``.rels`` parts themselves."""
CONTENT_TYPES = NAMESPACE.OPC_CONTENT_TYPES
DRAWING = nsmap["a"]
DUBLIN_CORE = nsmap["dc"]
CORE_PROPERTIES = nsmap["cp"]
CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VARIANT_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
VML = "urn:schemas-microsoft-com:vml"
XML_SPACE = f"{{{nsmap['xml']}}}space"


def w(tag: str) -> str:
    """The Clark name (``{namespace}tag``) of a WordprocessingML element or attribute, for lxml."""
    return f"{{{W}}}{tag}"
