"""Safe XML parsing for list files: no DTDs, no entities, no network.

Official list files never declare entities; a file that does is refused outright
(that covers external entities and "billion laughs" expansion alike), and the lxml
parser is configured so that nothing is resolved or fetched even if it tried.
"""

from __future__ import annotations

import re

from lxml import etree

from sanctiongap.errors import SourceError
from sanctiongap.sources.base import SourceFile

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(src: SourceFile) -> etree._Element:
    """The root element of a list file, parsed safely; errors name file and line."""
    head = src.data[:65536]
    if _ENTITY.search(src.data):
        raise SourceError(src.display_path, "XML declares entities (<!ENTITY>); refused as unsafe")
    if _DOCTYPE.search(head):
        raise SourceError(src.display_path, "XML has a DOCTYPE declaration; refused as unsafe")
    try:
        return etree.fromstring(src.data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise SourceError(src.display_path, f"malformed XML: {exc.msg}",
                          record=f"line {line}" if line else None) from exc


def local_name(element: etree._Element) -> str:
    """Tag without its namespace."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""
