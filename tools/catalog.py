"""briefgen's message catalog: which messages the source has, the Dutch ``.po`` that
translates them, and the ``.mo`` the program reads.

    python tools/catalog.py update    # add new messages to briefgen.po (empty), drop unused ones
    python tools/catalog.py compile   # write briefgen.mo from briefgen.po
    python tools/catalog.py check     # what is missing, empty, fuzzy or stale (exit 1 if any)

Messages are every string literal passed to ``_()`` in ``briefgen/``, the help texts of the
commands and their options, the command summaries of ``briefgen --help``, and the texts of
click's own that briefgen's users see (``CLICK``). The ``.mo`` is written the way GNU msgfmt
writes it (without a hash table, which Python's gettext does not use): same ``.po``, same bytes.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefgen"
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "briefgen.po"
MO = PO.with_suffix(".mo")

CLICK: tuple[str | tuple[str, str], ...] = (
    "Usage:",
    "Options",
    "Commands",
    "Show this message and exit.",
    "Show the version and exit.",
    "%(prog)s, version %(version)s",
    "Error: {message}",
    "Try '{command} {option}' for help.",
    "Missing argument",
    "Missing option",
    "Missing parameter",
    "Missing command.",
    "Missing {param_type}",
    "No such option {name!r}.",
    "No such command {name!r}.",
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    "Option {name!r} does not take a value.",
    "Invalid value: {message}",
    "Invalid value for {param_hint}: {message}",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    "{value!r} is not a valid {number_type}.",
    "{value} is not in the range {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}",
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."),
    "file",
    "directory",
    "path",
    "{name} {filename!r} does not exist.",
    "{name} {filename!r} is a file.",
    "{name} {filename!r} is a directory.",
    "{name} {filename!r} is not readable.",
    "{name} {filename!r} is not writable.",
    "default: {default}",
    "required",
    "Aborted!",
)
"""click's own messages a user of briefgen meets (a pair: singular and plural), as click writes them."""

HEADER = (
    "Project-Id-Version: briefgen\n"
    "Language: nl\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


@dataclass
class Entry:
    """One message of a ``.po`` file: its msgid (and plural), its translations, its flags."""

    msgid: str
    plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    flags: set[str] = field(default_factory=set)
    comments: list[str] = field(default_factory=list)


def messages_in_source(package: Path = PACKAGE) -> dict[str, list[str]]:
    """Every literal passed to ``_()`` in the package, with the places it is used."""
    found: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _is_message_call(node):
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    place = f"{path.relative_to(package.parent)}:{node.lineno}"
                    found.setdefault(first.value, []).append(place)
    return found


def _is_message_call(node: ast.Call) -> bool:
    return isinstance(node.func, ast.Name) and node.func.id == "_" and bool(node.args)


def help_texts() -> dict[str, list[str]]:
    """The texts ``--help`` shows: each command's help and summary, each option's help."""
    sys.path.insert(0, str(ROOT))
    cli = importlib.import_module("briefgen.cli")
    found: dict[str, list[str]] = {}

    def add(text: str | None, place: str) -> None:
        if text:
            found.setdefault(inspect.cleandoc(text), []).append(place)

    def walk(command: object, place: str) -> None:
        add(getattr(command, "help", None), place)
        for param in getattr(command, "params", []):
            add(getattr(param, "help", None), f"{place} {param.name}")
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, f"{place} {name}")

    walk(cli.main, "briefgen")
    for name, (target, summary) in sorted(cli.COMMANDS.items()):
        add(summary, f"briefgen {name} (summary)")
        module, _, attribute = target.partition(":")
        walk(getattr(importlib.import_module(module), attribute), f"briefgen {name}")
    return found


def click_texts() -> list[tuple[str, str | None]]:
    return [(text, None) if isinstance(text, str) else text for text in CLICK]


def wanted() -> list[tuple[str, str | None]]:
    """Every message the catalog must translate: (msgid, plural or None), sorted."""
    singular = {*messages_in_source(), *help_texts()}
    plurals = dict(click_texts())
    singular -= set(plurals)
    return sorted([(text, None) for text in singular] + list(plurals.items()))


# ---- reading and writing .po ----------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    body = text.strip()
    if not (body.startswith('"') and body.endswith('"')):
        raise ValueError(f"not a quoted string: {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], body[1:-1])


def _quote(text: str) -> str:
    return (
        '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n") + '"'
    )


def read_po(text: str) -> tuple[str, list[Entry]]:
    """The header and the entries of a ``.po`` file."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    pending_flags: set[str] = set()
    pending_comments: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("#,"):
            pending_flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            pending_comments.append(line)
        elif line.startswith("msgid_plural "):
            assert current is not None
            current.plural = _unquote(line[len("msgid_plural ") :])
            target = ("plural", 0)
        elif line.startswith("msgid "):
            current = Entry(_unquote(line[len("msgid ") :]), flags=pending_flags, comments=pending_comments)
            current.msgstr = []
            entries.append(current)
            pending_flags, pending_comments = set(), []
            target = ("msgid", 0)
        elif line.startswith("msgstr"):
            assert current is not None
            head, _, rest = line.partition(" ")
            index = int(head[len("msgstr[") : -1]) if head.startswith("msgstr[") else 0
            while len(current.msgstr) <= index:
                current.msgstr.append("")
            current.msgstr[index] = _unquote(rest)
            target = ("msgstr", index)
        elif line.startswith('"'):
            assert current is not None and target is not None
            part = _unquote(line)
            if target[0] == "msgid":
                current.msgid += part
            elif target[0] == "plural":
                current.plural = (current.plural or "") + part
            else:
                current.msgstr[target[1]] += part
        else:
            raise ValueError(f"cannot read this .po line: {line!r}")
    header = next((entry.msgstr[0] for entry in entries if entry.msgid == ""), "")
    return header, [entry for entry in entries if entry.msgid != ""]


def _po_string(keyword: str, text: str) -> list[str]:
    if "\n" not in text.rstrip("\n"):
        return [f"{keyword} {_quote(text)}"]
    pieces = text.splitlines(keepends=True)
    return [f'{keyword} ""', *(_quote(piece) for piece in pieces)]


def write_po(header: str, entries: list[Entry]) -> str:
    lines = [
        "# Dutch messages of briefgen. Edit the msgstr lines; then run `python tools/catalog.py compile`.",
        "# Placeholders in braces ({key}) stay as they are; a brace itself is written twice ({{).",
        'msgid ""',
        *_po_string("msgstr", header),
    ]
    for entry in entries:
        lines.append("")
        lines.extend(entry.comments)
        if entry.flags:
            lines.append("#, " + ", ".join(sorted(entry.flags)))
        lines.extend(_po_string("msgid", entry.msgid))
        if entry.plural is not None:
            lines.extend(_po_string("msgid_plural", entry.plural))
            for index, text in enumerate(entry.msgstr):
                lines.extend(_po_string(f"msgstr[{index}]", text))
        else:
            lines.extend(_po_string("msgstr", entry.msgstr[0] if entry.msgstr else ""))
    return "\n".join(lines) + "\n"


def compile_mo(header: str, entries: list[Entry]) -> bytes:
    """The GNU ``.mo`` of the translated, non-fuzzy entries (and the header), keys sorted."""
    pairs = {b"": header.encode("utf-8")}
    for entry in entries:
        if "fuzzy" in entry.flags or not all(entry.msgstr):
            continue
        key = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
        pairs[key.encode("utf-8")] = "\0".join(entry.msgstr).encode("utf-8")
    keys = sorted(pairs)
    count = len(keys)
    start = 7 * 4 + 16 * count
    ids = b""
    strs = b""
    id_table: list[int] = []
    str_table: list[int] = []
    for msgid in keys:
        id_table += [len(msgid), start + len(ids)]
        ids += msgid + b"\0"
    strs_start = start + len(ids)
    for msgid in keys:
        value = pairs[msgid]
        str_table += [len(value), strs_start + len(strs)]
        strs += value + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, start)
    return (
        head
        + struct.pack(f"<{2 * count}I", *id_table)
        + struct.pack(f"<{2 * count}I", *str_table)
        + ids
        + strs
    )


def placeholders(text: str) -> list[str]:
    """The placeholders of a message, sorted: ``{name}`` fields and ``%(name)s`` ones."""
    import string

    names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    return sorted(names + re.findall(r"%\((\w+)\)s", text))


# ---- the commands ---------------------------------------------------------------------------


def update() -> int:
    header, entries = read_po(PO.read_text(encoding="utf-8")) if PO.exists() else (HEADER, [])
    known = {entry.msgid: entry for entry in entries}
    fresh = []
    for msgid, plural in wanted():
        entry = known.get(msgid) or Entry(msgid, plural, ["", ""] if plural else [""])
        fresh.append(entry)
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_text(write_po(header or HEADER, fresh), encoding="utf-8")
    print(
        f"{PO.relative_to(ROOT)}: {len(fresh)} messages, {sum(not all(e.msgstr) for e in fresh)} untranslated"
    )
    return 0


def compile_catalog() -> int:
    header, entries = read_po(PO.read_text(encoding="utf-8"))
    MO.write_bytes(compile_mo(header, entries))
    print(f"wrote {MO.relative_to(ROOT)}")
    return 0


def check() -> int:
    header, entries = read_po(PO.read_text(encoding="utf-8"))
    have = {entry.msgid: entry for entry in entries}
    need = dict(wanted())
    faults = [f"missing: {msgid!r}" for msgid in need if msgid not in have]
    faults += [f"stale: {msgid!r}" for msgid in have if msgid not in need]
    faults += [f"untranslated: {e.msgid!r}" for e in entries if not all(e.msgstr) or "fuzzy" in e.flags]
    for line in faults:
        print(line)
    return 1 if faults else 0


if __name__ == "__main__":
    commands = {"update": update, "compile": compile_catalog, "check": check}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    sys.exit(commands[sys.argv[1]]())
