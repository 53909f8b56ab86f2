"""YAML treated as untrusted input: strict reading with the position of every value."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from .diagnostics import Report

MAX_BYTES = 2 * 1024 * 1024
Keys = tuple  # a place in a document: its mapping keys and list indexes


class Document:
    """A parsed YAML file: its data and where each value stands (1-based line and column).

    Positions of a file read by the fast parser are worked out when first asked for, which
    happens only when something in the file is reported."""

    def __init__(self, path: Path, data: Any, text: str,
                 positions: dict[Keys, tuple[int, int]] | None = None,
                 key_positions: dict[Keys, tuple[int, int]] | None = None):
        self.path = path
        self.data = data
        self.text = text
        self._positions = positions
        self._key_positions = key_positions

    def _locate(self) -> None:
        builder = _Builder(self.path, Report())
        builder.build(yaml.compose(self.text, Loader=_Loader), ())
        self._positions, self._key_positions = builder.positions, builder.key_positions

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
_NEEDS_EXACT = re.compile(r"[&*!][^\s,\]}]|<<\s*:|^\s*\?(?:\s|$)", re.M)
# ... and a list or mapping written as a key, which ends in `]` or `}` before its colon (two
# patterns that each start with a literal scan 15 times faster than one with `[\]}]`).
_COLLECTION_KEY = (re.compile(r"\] *:"), re.compile(r"\} *:"))



def read(path: Path, report: Report) -> Document | None:
    """Parse `path`; report size, encoding, tab, syntax, alias and duplicate-key problems."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        report.error("YA101", path, 1, 1,
                     f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}",
                     hint="split the records over several files")
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
    if "\t" in text:
        for number, line_text in enumerate(text.splitlines(), 1):
            if "\t" in line_text:
                report.error("YA103", path, number, line_text.index("\t") + 1,
                             "tab character; YAML data here is indented with spaces only",
                             hint="replace the tab with spaces")
        return None
    exact = any(c in text for c in "&*!<?") and _NEEDS_EXACT.search(text)
    if not exact and not any(pattern.search(text) for pattern in _COLLECTION_KEY):
        try:
            return Document(path, yaml_rs.loads(text, parse_datetime=False), text)
        except Exception:  # the exact path below reports precisely what is wrong
            pass
    try:
        if not _plain_structure(text, path, report):
            return None
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        report.error("YA104", path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                     f"YAML syntax: {exc.problem or exc.context}",
                     hint="check indentation and quoting on this line and the one above")
        return None
    if node is None:
        return Document(path, None, text, {}, {})
    builder = _Builder(path, report)
    data = builder.build(node, ())
    if not builder.ok:
        return None
    return Document(path, data, text, builder.positions, builder.key_positions)


MAX_DEPTH = 50


def _plain_structure(text: str, path: Path, report: Report) -> bool:
    """Refuse anchors and aliases (and so alias bombs) and absurd nesting before composing."""
    ok = True
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            report.error("YA105", path, mark.line + 1, mark.column + 1,
                         f"{what} '{event.anchor}': anchors and aliases are not accepted in "
                         "data files", hint="write the value out in full")
            ok = False
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                report.error("YA104", path, mark.line + 1, mark.column + 1,
                             f"nested more than {MAX_DEPTH} levels deep",
                             hint="flatten the structure")
                return False
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return ok


class _Builder:
    """Builds Python values from a node tree, recording positions; refuses aliases (and so
    alias bombs), merge keys and duplicate keys."""

    def __init__(self, path: Path, report: Report):
        self.path = path
        self.report = report
        self.positions: dict[Keys, tuple[int, int]] = {}
        self.key_positions: dict[Keys, tuple[int, int]] = {}
        self.ok = True

    def fail(self, code: str, node, message: str, hint: str) -> None:
        mark = node.start_mark
        self.report.error(code, self.path, mark.line + 1, mark.column + 1, message, hint=hint)
        self.ok = False

    def build(self, node, at: Keys):
        self.positions[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result, lines = {}, {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail("YA105", key_node, "merge keys (<<) are not accepted in data files",
                              "write the keys out in full")
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail("YA104", key_node, "a mapping key must be plain text",
                              "write the key as text")
                    continue
                key = self.build(key_node, at + ("<key>",))
                self.key_positions[at + (key,)] = (key_node.start_mark.line + 1,
                                                   key_node.start_mark.column + 1)
                if key in lines:
                    self.fail("YA106", key_node, f"duplicate key '{key}' (first at line "
                              f"{lines[key]}); YAML would silently keep only the last one",
                              "remove or rename one of the two")
                    continue
                lines[key] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, at + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, at + (i,)) for i, item in enumerate(node.value)]
        construct = _SCALARS.get(node.tag, _SCALARS["tag:yaml.org,2002:str"])
        return construct(_CONSTRUCTOR, node)

