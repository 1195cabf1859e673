"""python-docx's element-class descriptors, typed as the checker should read them.

python-docx declares an element's attributes and children with descriptors
(``val: int = RequiredAttribute("w:val", ST_DecimalNumber)``) that its metaclass turns into
properties; the annotation beside each says what the property gives. A type checker sees
the descriptor object instead, so python-docx silences it line by line. Here each
descriptor is declared once, for the checker only, as giving Any, so that the annotation
is what it reads; at run time these are python-docx's own classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.oxml.xmlchemy import BaseOxmlElement

if TYPE_CHECKING:
    from docx.enum.base import BaseXmlEnum
    from docx.oxml.simpletypes import BaseSimpleType

    def RequiredAttribute(attr_name: str, simple_type: type[BaseXmlEnum] | type[BaseSimpleType]) -> Any: ...

    def OptionalAttribute(
        attr_name: str,
        simple_type: type[BaseXmlEnum] | type[BaseSimpleType],
        default: BaseXmlEnum | BaseSimpleType | str | bool | None = None,
    ) -> Any: ...

    def ZeroOrOne(nsptagname: str, successors: tuple[str, ...] = ()) -> Any: ...

    def ZeroOrMore(nsptagname: str, successors: tuple[str, ...] = ()) -> Any: ...

else:
    from docx.oxml.xmlchemy import OptionalAttribute, RequiredAttribute, ZeroOrMore, ZeroOrOne

__all__ = ["BaseOxmlElement", "OptionalAttribute", "RequiredAttribute", "ZeroOrMore", "ZeroOrOne"]
