"""YAML treated as untrusted input: strict reading with the position of every value."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from .diagnostics import PER_FILE, Report

MAX_BYTES = 2 * 1024 * 1024
Keys = tuple  # a place in a document: its mapping keys and list indexes


class Document:
    """A parsed YAML file: its data and where each value stands (1-based line and column).

    Positions of a file read by the fast parser are worked out when first asked for, which
    happens only when something in the file is reported."""

    def __init__(self, path: Path, data: Any, text: str,
                 positions: dict[Keys, tuple[int, int]] | None = None,
                 key_positions: dict[Keys, tuple[int, int]] | None = None,
                 floats: bool = False):
        self.path = path
        self.data = data
        self.text = text
        self.floats = floats  # whether a value is a float (JSON Schema takes 90.0 as an integer)
        self._positions = positions
        self._key_positions = key_positions

    def _locate(self) -> None:
        self._positions, self._key_positions = _positions(self.text)

    @property
    def positions(self) -> dict[Keys, tuple[int, int]]:
        if self._positions is None:
            self._locate()
        return self._positions

    @property
    def key_positions(self) -> dict[Keys, tuple[int, int]]:
        if self._key_positions is None:
            self._locate()
        return self._key_positions

    def where(self, *keys) -> tuple[int, int]:
        """Line and column of the value at `keys`, or of its nearest parent that has one."""
        keys = tuple(keys)
        while keys not in self.positions and keys:
            keys = keys[:-1]
        return self.positions.get(keys, (1, 1))

    def key_where(self, *keys) -> tuple[int, int]:
        """Line and column of the key that ends `keys` (of its value if the key is unknown)."""
        return self.key_positions.get(tuple(keys)) or self.where(*keys)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader (libyaml when present) that keeps dates as text for the schema to check."""


# YAML 1.2 core schema, as editors (yaml-language-server) read these files: `yes`, `on` and
# `16:00` are text, not a boolean or a sexagesimal number; dates stay text for the schema.
_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("merge", r"^(?:<<)$", "<"),  # recognised only to be refused (YA105)
):
    _Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))
_SCALARS = {**yaml.SafeLoader.yaml_constructors,
            "tag:yaml.org,2002:int": lambda _, node: int(node.value, 0 if "x" in node.value else 10),
            "tag:yaml.org,2002:bool": lambda _, node: node.value.lower() == "true"}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# Files with none of these are read by the fast parser; others take the exact path below.
# Tags, anchors, aliases, merge keys, complex keys, document markers and directives. Spaces are
# written [ ], not \s: `^\s*` would rescan every following blank line from each line start.
_NEEDS_EXACT = re.compile(r"[&*!][^\s,\]}]|<<[ ]*:|^[ ]*\?(?:[ \n]|$)", re.M)
_MARKERS = ("\n---", "\n...", "\n%")  # a second document, or a directive
# ... and a list or mapping written as a key, which ends in `]` or `}` before its colon (two
# patterns that each start with a literal scan 15 times faster than one with `[\]}]`).
_COLLECTION_KEY = (re.compile(r"\] *:"), re.compile(r"\} *:"))



def read(path: Path, report: Report, project: Path) -> Document | None:
    """Parse `path`; report what makes it unsafe or unreadable as data: not a regular file
    inside the `project` folder, too large, not UTF-8, control characters, tabs, syntax, tags, aliases,
    duplicate keys, keys that are not text."""
    raw = _read_bytes(path, report, project)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start: exc.start].decode("utf-8", errors="replace")) + 1
        report.error("YA102", path, line, column,
                     f"byte 0x{raw[exc.start]:02x} is not UTF-8",
                     hint="save the file as UTF-8 (most editors: 'Save with encoding')")
        return None
    text = text.removeprefix("\ufeff")  # a byte-order mark is not part of the data
    if not _plain_characters(text, path, report):
        return None
    exact = (any(c in text for c in "&*!<?") and _NEEDS_EXACT.search(text)) or \
        text.startswith(("---", "...", "%")) or any(marker in text for marker in _MARKERS)
    if not exact and not any(pattern.search(text) for pattern in _COLLECTION_KEY):
        try:
            data = yaml_rs.loads(text, parse_datetime=False)
        except Exception:  # the exact path below reports precisely what is wrong
            data = _UNREAD
        if data is not _UNREAD:
            plain, floats = _plain_data(data)
            if plain:
                return Document(path, data, text, floats=floats)
    builder = _Builder(path, report)
    try:
        data = builder.build(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        report.error("YA104", path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                     f"YAML syntax: {exc.problem or exc.context}",
                     hint="check indentation and quoting on this line and the one above")
        return None
    if not builder.ok:
        return None
    return Document(path, data, text, builder.positions, builder.key_positions,
                    builder.floats)


MAX_DEPTH = 50
_UNREAD = object()


_TEXT_KEYS = {str}


def _plain_data(data) -> tuple[bool, bool]:
    """Whether what the fast parser read is plain data (text keys, no deeper than MAX_DEPTH:
    anything else takes the exact path, which reports it at its place), and whether it holds
    a float."""
    floats = False
    stack = [(data, 0)] if type(data) in (dict, list) else []
    while stack:
        value, depth = stack.pop()
        if depth >= MAX_DEPTH:
            return False, floats
        if type(value) is dict:
            if value and set(map(type, value)) != _TEXT_KEYS:
                return False, floats
            value = value.values()
        for item in value:
            kind = type(item)
            if kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is float:
                floats = True
    return True, floats or type(data) is float


def _read_bytes(path: Path, report: Report, project: Path) -> bytes | None:
    """The bytes of `path` if it is a regular file (or a link to one) inside `project`, no
    larger than MAX_BYTES; else report why not. The size is known before reading, and
    reading never blocks (a FIFO or device is refused, not opened)."""
    try:
        target = path.resolve(strict=True)
        info = target.stat()
    except (OSError, RuntimeError) as error:  # dangling or looping link, vanished file
        report.error("YA107", path, 1, 1, f"cannot be read as a data file ({_reason(error)})",
                     hint="replace the link with the file itself, or remove it")
        return None
    if not target.is_relative_to(project.resolve()):
        report.error("YA107", path, 1, 1, "is a link to a file outside the project",
                     hint="copy the data into the project instead of linking to it")
        return None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        report.error("YA107", path, 1, 1, f"is {kind}; data files are plain text files",
                     hint="rename it so that its name does not end in .yml, or remove it")
        return None
    if info.st_size > MAX_BYTES:
        report.error("YA101", path, 1, 1,
                     f"file is {info.st_size:,} bytes; the limit is {MAX_BYTES:,}",
                     hint="split the records over several files")
        return None
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except OSError as error:
        report.error("YA108", path, 1, 1, f"cannot be read ({_reason(error)})",
                     hint="give the file read permission (chmod a+r), or remove it")
        return None
    if len(raw) > MAX_BYTES:
        report.error("YA101", path, 1, 1, f"file is over {MAX_BYTES:,} bytes, the limit",
                     hint="split the records over several files")
        return None
    return raw


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or type(error).__name__


# C0 controls but newline, DEL, C1 controls, line and paragraph separators and a BOM inside the
# text: invisible, and several of them are line breaks to YAML but not to editors (positions
# would be off) or are refused by the YAML parser. A carriage return is accepted before \n.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\r(?!\n)")
# Indentation must be plain spaces: a tab or a no-break or other Unicode space reads as part of
# a key (' status'). Tabs are refused anywhere (YA103).
_ODD_SPACE = re.compile("^ *[\t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]", re.M)


def _plain_characters(text: str, path: Path, report: Report) -> bool:
    """Report control characters (YA109), and tabs or odd spaces in indentation (YA103)."""
    ok = True
    for match in _CONTROL.finditer(text):
        line, column = _position(text, match.start())
        char = match.group()
        report.error("YA109", path, line, column,
                     f"invisible control character U+{ord(char):04X}",
                     hint="delete it (retype the text around it if unsure)")
        ok = False
    if "\t" in text:
        for number, line_text in enumerate(text.split("\n"), 1):
            if "\t" in line_text:
                report.error("YA103", path, number, line_text.index("\t") + 1,
                             "tab character; YAML data here is indented with spaces only",
                             hint="replace the tab with spaces")
        ok = False
    for match in _ODD_SPACE.finditer(text):
        if match.group()[-1] == "\t":
            continue
        line, column = _position(text, match.end() - 1)
        report.error("YA103", path, line, column,
                     f"U+{ord(match.group()[-1]):04X} (a no-break or other special space) in "
                     "the indentation", hint="indent with plain spaces only")
        ok = False
    return ok


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `index`, lines counted at \\n only, as editors do."""
    start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - start + 1


_BAD_KEY = object()  # the value after a refused key is dropped
_KEY_BEING_READ = object()  # a list or mapping written as a key, being read
_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)


class _Builder:
    """Builds Python values from the parser's events in one pass, recording the position of
    every value and key. Refuses tags, anchors and aliases (and so alias bombs), merge keys,
    keys that are not text, duplicate keys, a second document and nesting deeper than
    MAX_DEPTH; stops once the report holds PER_FILE errors of the file."""

    def __init__(self, path: Path, report: Report):
        self.path = path
        self.report = report
        self.positions: dict[Keys, tuple[int, int]] = {}
        self.key_positions: dict[Keys, tuple[int, int]] = {}
        self.ok = True
        self.errors = 0
        self.floats = False

    def fail(self, code: str, event, message: str, hint: str) -> None:
        mark = event.start_mark
        self.report.error(code, self.path, mark.line + 1, mark.column + 1, message, hint=hint)
        self.ok = False
        self.errors += 1

    def build(self, text: str):
        """The document's data (None if empty); check `ok` before trusting it."""
        root = None
        documents = 0
        # a frame: [container, its keys, the pending key (mapping), first lines of its keys]
        stack: list[list] = []
        for event in yaml.parse(text, Loader=_Loader):
            if self.errors > PER_FILE:
                break
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.fail("YA104", event, "a second YAML document in the file (after "
                              "'---'); a data file holds one", "remove the '---' line and "
                              "merge the records, or put them in another file")
                    break
                continue
            if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            if kind in _END:
                value = stack.pop()[0]
                root = self._place(stack, value, None, event) if stack else value
                continue
            self._refuse_markup(event)
            if kind in _START:
                if len(stack) >= MAX_DEPTH:
                    self.fail("YA104", event, f"nested more than {MAX_DEPTH} levels deep",
                              "flatten the structure")
                    break
                at = self._at(stack, event)
                stack.append([{} if kind is yaml.MappingStartEvent else [], at, None, {}])
                continue
            value = _scalar(event) if kind is yaml.ScalarEvent else None
            self.floats = self.floats or type(value) is float
            if stack:
                self._place(stack, value, event, event)
            else:
                root = value
                self.positions[()] = (event.start_mark.line + 1, event.start_mark.column + 1)
        return root

    def _refuse_markup(self, event) -> None:
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self.fail("YA110", event, f"YAML tag '{tag}': tags are not accepted in data files",
                      "remove the tag and write the value itself (quote it if it must stay "
                      "text)")
        elif type(event) is yaml.AliasEvent or getattr(event, "anchor", None):
            what = "alias" if type(event) is yaml.AliasEvent else "anchor"
            self.fail("YA105", event, f"{what} '{event.anchor}': anchors and aliases are not "
                      "accepted in data files", "write the value out in full")

    def _at(self, stack: list, event) -> Keys:
        """Where a value that starts with `event` stands; records its position."""
        if not stack:
            at = ()
        else:
            container, parent, key, _ = stack[-1]
            if isinstance(container, list):
                at = parent + (len(container),)
            elif key is None:  # a collection where a key is expected
                self.fail("YA104", event, "a mapping key must be plain text",
                          "write the key as text")
                stack[-1][2] = _KEY_BEING_READ
                return parent + ("<refused>",)
            else:
                at = parent + (key,)
        self._record(at, event)
        return at

    def _record(self, at: Keys, event) -> None:
        self.positions[at] = (event.start_mark.line + 1, event.start_mark.column + 1)

    def _place(self, stack: list, value, scalar, event):
        """Put `value` into the innermost container (as its key, if one is expected)."""
        frame = stack[-1]
        container, parent, key, lines = frame
        if isinstance(container, list):
            if scalar is not None:
                self._record(parent + (len(container),), scalar)
            container.append(value)
        elif key is _KEY_BEING_READ:  # its end: the value that follows is dropped
            frame[2] = _BAD_KEY
        elif key is None:
            frame[2] = self._key(value, scalar, parent, lines)
        else:
            if key is not _BAD_KEY:
                if scalar is not None:
                    self._record(parent + (key,), scalar)
                container[key] = value
            frame[2] = None
        return container

    def _key(self, key, event, parent: Keys, lines: dict):
        line = event.start_mark.line + 1
        if event.tag is None and event.implicit[0] and event.value == "<<":
            self.fail("YA105", event, "merge keys (<<) are not accepted in data files",
                      "write the keys out in full")
            return _BAD_KEY
        if not isinstance(key, str):
            self.fail("YA112", event, f"key {event.value!r} is read as "
                      f"{type(key).__name__}, not as a field name",
                      f"write a field name, or quote it: '{event.value}':")
            return _BAD_KEY
        if key in lines:
            self.fail("YA106", event, f"duplicate key '{key}' (first at line {lines[key]}); "
                      "YAML would silently keep only the last one",
                      "remove or rename one of the two")
            return _BAD_KEY
        lines[key] = line
        self.key_positions[parent + (key,)] = (line, event.start_mark.column + 1)
        return key


def _positions(text: str) -> tuple[dict, dict]:
    """Where each value and key of a file the fast parser read stands (its keys are all
    text, so a key's text is its name): the parser's events only, nothing built."""
    positions: dict[Keys, tuple[int, int]] = {}
    keys: dict[Keys, tuple[int, int]] = {}
    stack: list[list] = []  # [is a list, keys of the container, pending key, items so far]
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)
        if kind in _END:
            stack.pop()
            _next(stack)
            continue
        if kind not in _START and kind is not yaml.ScalarEvent and kind is not yaml.AliasEvent:
            continue  # stream and document events
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if stack and not stack[-1][0] and stack[-1][2] is None:
            stack[-1][2] = getattr(event, "value", None)
            keys[stack[-1][1] + (stack[-1][2],)] = mark
            continue
        at = () if not stack else stack[-1][1] + (
            stack[-1][3] if stack[-1][0] else stack[-1][2],)
        positions[at] = mark
        if kind in _START:
            stack.append([kind is yaml.SequenceStartEvent, at, None, 0])
        else:
            _next(stack)
    return positions, keys


def _next(stack: list) -> None:
    """A value of the innermost container is complete."""
    if stack:
        if stack[-1][0]:
            stack[-1][3] += 1
        else:
            stack[-1][2] = None


_STR = "tag:yaml.org,2002:str"


def _scalar(event):
    """A scalar's value: plain scalars resolved by the YAML 1.2 core schema above, quoted
    ones text."""
    tag = _STR
    if event.implicit[0]:
        for candidate, pattern in _Loader.yaml_implicit_resolvers.get(event.value[:1], ()):
            if pattern.match(event.value):
                tag = candidate
                break
    if tag in (_STR, "tag:yaml.org,2002:merge"):  # a merge key is refused as a key
        return event.value
    return _SCALARS[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, event.value))
