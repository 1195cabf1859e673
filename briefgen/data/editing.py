"""Drafters' YAML written: single values changed in place, and new entries and files emitted.

This is the one place briefgen writes YAML for a drafter's file (every command then
commits it through the journal, :mod:`briefgen.output.journal`).

ruamel.yaml composes the file to find where a value starts and ends; only that stretch
of text is replaced (or a key's lines removed, or new lines added), so comments, key
order, quoting and blank lines elsewhere stay byte for byte. A changed text keeps its
scalar style where it can: a literal block (``|``) stays literal, a folded one (``>``)
stays folded, wrapped at the width of its old lines, while its value is one paragraph; a
quoted one-liner stays quoted, a plain one stays plain when YAML allows it.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from .load import word_breaks, words_unbroken

Path_ = tuple[str | int, ...]


def _compose(text: str) -> Node:
    """The node tree of ``text``; a vertical tab or form feed is read as ``load`` reads it."""
    node: Node = YAML().compose(word_breaks(text))
    return node


def round_trip() -> YAML:
    """ruamel.yaml as drafters' files are read to be copied and written: mappings indented
    two, a sequence's dashes two in, lines never wrapped, each scalar's quotes as it had them."""
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def load_round_trip(text: str) -> Any:
    """``text`` read for copying into a new file or entry: each value keeps its scalar style."""
    return round_trip().load(word_breaks(text))


def dump(data: Any) -> str:
    """``data`` (plain, or read by :func:`load_round_trip`) as YAML for a drafter's file; a line
    or page break from Word is written as the vertical tab or form feed it was."""
    buffer = io.StringIO()
    round_trip().dump(data, buffer)
    return words_unbroken(buffer.getvalue())


def _find(root: Node, path: Path_) -> tuple[Node | None, Node]:
    """The key node (None in a sequence) and value node at ``path``."""
    node, key_node = root, None
    for step in path:
        if isinstance(node, MappingNode) and isinstance(step, str):
            for candidate_key, value in node.value:
                if candidate_key.value == step:
                    key_node, node = candidate_key, value
                    break
            else:
                raise KeyError(step)
        elif isinstance(node, SequenceNode) and isinstance(step, int):
            key_node, node = None, node.value[step]
        else:
            raise KeyError(step)
    return key_node, node


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _column(text: str, index: int) -> int:
    return index - _line_start(text, index)


def replace_value(text: str, path: Path_, value: Any) -> str:
    """``text`` with the value at ``path`` replaced by ``value`` (a string, number or mapping)."""
    key_node, node = _find(_compose(text), path)
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(value, int):
        return text[:start] + str(value) + text[end:]
    owner = key_node.start_mark.index if key_node is not None else start
    indent = _column(text, owner) + 2
    style = node.style if isinstance(node, ScalarNode) else None
    if isinstance(node, CollectionNode) and not node.flow_style and key_node is not None:
        start = text.index(":", key_node.end_mark.index) + 1
        end = _line_after(text, key_node.start_mark.index, node)
        emitted = _flow(value) if not isinstance(value, str) else scalar(value, indent, block=False)
        return text[:start] + " " + emitted.rstrip("\n") + "\n" + text[end:]
    if not isinstance(value, str):
        return text[:start] + _flow(value) + text[end:]
    if style in ("|", ">"):
        segment = text[start:end]
        body = segment.rstrip()
        tail = segment[len(body) :]
        content = _content_indent(text, start) or indent
        folded = _folded(value, content, _width(segment)) if style == ">" else None
        emitted = folded or scalar(value, content, block=True)
        if emitted.endswith("\n") and tail.startswith("\n"):
            tail = tail[1:]
        return text[:start] + emitted + tail + text[end:]
    emitted = scalar(value, indent, block=False, quote=style)
    if emitted.startswith("|"):
        emitted = emitted.rstrip("\n")
    return text[:start] + emitted + text[end:]


def _content_indent(text: str, start: int) -> int | None:
    """The indentation of a block scalar's first content line."""
    first = text.find("\n", start) + 1
    for line in text[first:].split("\n"):
        if line.strip():
            return len(line) - len(line.lstrip(" "))
    return None


def scalar(value: str, indent: int, block: bool, quote: str | None = None) -> str:
    """``value`` as YAML text for a mapping value whose block content is indented ``indent``."""
    multiline = "\n" in value.rstrip("\n")
    if (block or multiline) and _literal_safe(value):
        chomp = "-" if not value.endswith("\n") else ("+" if value.endswith("\n\n") else "")
        lines = value.rstrip("\n").split("\n") if chomp != "+" else value[:-1].split("\n")
        body = "".join((" " * indent + line if line else "") + "\n" for line in lines)
        return f"|{chomp}\n" + body
    if quote == "'" and "\n" not in value and _printable(value):
        return "'" + value.replace("'", "''") + "'"
    if quote is None and "\n" not in value:
        plain = _plain(value)
        if plain is not None:
            return plain
    return _quoted(value)


def _quoted(value: str) -> str:
    """``value`` double-quoted, every character YAML does not print as itself escaped."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""What JSON leaves as it is but YAML reads as a line break or refuses: C1 controls, DEL, the
Unicode line and paragraph separators, the byte order mark and the two non-characters."""

WIDTH = 96


def _width(segment: str) -> int:
    """The width a block scalar's lines were wrapped at: its longest line, when it has
    several; else ``WIDTH``."""
    lines = [line.rstrip() for line in segment.split("\n")[1:] if line.strip()]
    return max(len(line) for line in lines) if len(lines) > 1 else WIDTH


def _folded(value: str, indent: int, width: int = WIDTH) -> str | None:
    """A one-paragraph value as a folded block wrapped at ``width`` columns, when folding
    gives back exactly ``value``."""
    body = value.rstrip("\n")
    if "\n" in body or "  " in body or body != body.strip() or not _printable(body) or not body:
        return None
    lines, current = [], ""
    for word in body.split(" "):
        if current and indent + len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    chomp = "-" if not value.endswith("\n") else ("+" if value.endswith("\n\n") else "")
    if chomp == "+":
        return None
    return f">{chomp}\n" + "".join(" " * indent + line + "\n" for line in lines)


def _printable(value: str) -> bool:
    """No character YAML refuses or reads as a line break (besides ``\\n``) is in ``value``."""
    return not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ufdd0\ufdd1]", value)


def _literal_safe(value: str) -> bool:
    """A literal block can carry the value: printable, no leading space, no trailing spaces."""
    if not value.strip() or value[0] in " \t" or not _printable(value.replace("\n", "")):
        return False
    return not any(line != line.rstrip(" \t") for line in value.split("\n"))


def _plain(value: str) -> str | None:
    """``value`` as ruamel.yaml writes it on its own (plain when YAML allows, else quoted)."""
    if not value or not _printable(value):
        return None
    yaml = YAML()
    yaml.width = 1_000_000
    buffer = io.StringIO()
    yaml.dump({"k": value}, buffer)
    dumped = buffer.getvalue()
    if dumped.count("\n") != 1:
        return None
    out = dumped[3:].rstrip("\n")
    try:
        loaded = YAML(typ="safe").load(f"k: {out}\n")
    except Exception:
        return None
    return out if loaded == {"k": value} else None


def _flow(value: Any) -> str:
    """A small mapping (a structured citation) as a flow mapping: ``{kamer: II, nr: 4}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = _plain(text)
    return plain if plain is not None and not re.search(r"[,{}\[\]]", plain) else _quoted(text)


def delete_key(text: str, path: Path_, *, emptied: bool = False) -> str:
    """``text`` without the key at ``path`` and its value's lines. With ``emptied``, a mapping
    left without keys goes too (an empty ``voetnoten:`` is null, which no schema takes), or
    becomes ``{}`` where it is the file's only key."""
    root = _compose(text)
    if emptied and len(path) > 1:
        _, parent = _find(root, path[:-1])
        if isinstance(parent, MappingNode) and len(parent.value) == 1:
            key_node, node = _find(root, path[:-1])
            if len(path) == 2 and key_node is not None and len(root.value) == 1:
                start = _line_start(text, key_node.start_mark.index)
                end = _line_after(text, key_node.start_mark.index, node)
                newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
                return text[:start] + f"{path[0]}: {{}}{newline}" + text[end:]
            return delete_key(text, path[:-1], emptied=True)
    key_node, node = _find(root, path)
    if key_node is None:
        raise KeyError(path)
    start = _line_start(text, key_node.start_mark.index)
    end = _line_after(text, key_node.start_mark.index, node)
    return text[:start] + text[end:]


def add_key(text: str, path: Path_, key: str, value: Any, create_before: str | None = None) -> str:
    """``text`` with ``key: value`` added as the last entry of the mapping at ``path``.

    When the mapping does not exist (a dossier without ``voetnoten``), it is created at the
    top level, before ``create_before``.
    """
    root = _compose(text)
    try:
        key_node, node = _find(root, path)
    except KeyError:
        if len(path) != 1 or not isinstance(root, MappingNode):
            raise
        at = len(text)
        for candidate, _ in root.value:
            if candidate.value == create_before:
                at = _line_start(text, candidate.start_mark.index)
        entry = f"{path[0]}:\n" + _entry(key, value, 2)
        prefix = text[:at] if text[:at].endswith("\n") or not at else text[:at] + "\n"
        return prefix + entry + text[at:]
    if not isinstance(node, MappingNode) or not node.value:
        raise KeyError(path)
    last_key, last_value = node.value[-1]
    column = _column(text, last_key.start_mark.index)
    end = _line_after(text, last_key.start_mark.index, last_value)
    return text[:end] + _entry(key, value, column) + text[end:]


def append_item(text: str, path: Path_, item: str) -> str:
    """``text`` with ``item`` added as the last item of the block sequence at ``path``.

    ``item`` is YAML for one item (``- raad: …``, comment lines before it allowed) at
    any indentation; it is moved to the column of the sequence's dashes and added as new
    lines after the last item, before any blank or comment lines that lead to what
    follows. The new lines end as the file's first line does (CRLF or LF).
    """
    _, node = _find(_compose(text), path)
    if not isinstance(node, SequenceNode) or node.flow_style or not node.value:
        raise KeyError(path)
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    dash = node.start_mark.column
    end = _line_after(text, node.value[-1].start_mark.index, node)
    while True:
        start = _line_start(text, end - 1) if end else 0
        line = text[start:end].strip()
        if start <= node.value[-1].start_mark.index or (line and not line.startswith("#")):
            break
        if line and _column(text, text.index("#", start)) > dash:
            break
        end = start
    if end == len(text) and text and not text.endswith("\n"):
        text += newline
        end = len(text)
    lines = re.findall(r"[^\n]*\n|[^\n]+$", item)  # YAML's line breaks only: a \v or \f is text
    first = next(line for line in lines if line.lstrip(" ").startswith("-"))
    by = dash - (len(first) - len(first.lstrip(" ")))
    shifted = "".join(_shifted(line.rstrip("\n"), by) + newline for line in lines)
    return text[:end] + shifted + text[end:]


def _shifted(line: str, by: int) -> str:
    if not line.strip():
        return line
    return " " * by + line if by >= 0 else line[min(-by, len(line) - len(line.lstrip(" "))) :]


def _line_after(text: str, start: int, node: Node) -> int:
    """Where the line after a value's last non-blank character begins (block scalars and
    collections end only where the next token starts)."""
    last = start + len(text[start : node.end_mark.index].rstrip())
    newline = text.find("\n", last)
    return len(text) if newline < 0 else newline + 1


def _entry(key: str, value: Any, column: int) -> str:
    emitted = scalar(value, column + 2, block="\n" in value) if isinstance(value, str) else _flow(value)
    return " " * column + f"{key}: " + emitted + ("" if emitted.endswith("\n") else "\n")


def encoded_like(text: str, raw: bytes) -> bytes:
    """``text`` as the bytes of the file that was ``raw``: a byte-order mark stays, and when
    every line of ``raw`` ends in CRLF, so does every line of ``text``."""
    data = text.encode("utf-8")
    if raw.startswith(codecs.BOM_UTF8):
        data = codecs.BOM_UTF8 + data
    if b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n"):
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return data
