"""YAML treated as untrusted input: strict reading with the position of every value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Report

MAX_BYTES = 2 * 1024 * 1024
Keys = tuple  # a place in a document: its mapping keys and list indexes


class Document:
    """A parsed YAML file: its data and where each value stands (1-based line and column)."""

    def __init__(self, path: Path, data: Any, positions: dict[Keys, tuple[int, int]]):
        self.path = path
        self.data = data
        self.positions = positions

    def where(self, *keys) -> tuple[int, int]:
        """Line and column of the value at `keys`, or of its nearest parent that has one."""
        keys = tuple(keys)
        while keys not in self.positions and keys:
            keys = keys[:-1]
        return self.positions.get(keys, (1, 1))


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader (libyaml when present) that keeps dates as text for the schema to check."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SCALARS = yaml.SafeLoader.yaml_constructors
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


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
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
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
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        report.error("YA104", path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1,
                     f"YAML syntax: {exc.problem or exc.context}",
                     hint="check indentation and quoting on this line and the one above")
        return None
    if node is None:
        return Document(path, None, {})
    builder = _Builder(path, report)
    data = builder.build(node, ())
    return Document(path, data, builder.positions) if builder.ok else None


class _Builder:
    """Builds Python values from a node tree, recording positions; refuses aliases (and so
    alias bombs), merge keys and duplicate keys."""

    def __init__(self, path: Path, report: Report):
        self.path = path
        self.report = report
        self.positions: dict[Keys, tuple[int, int]] = {}
        self.seen: set[int] = set()
        self.ok = True

    def fail(self, code: str, node, message: str, hint: str) -> None:
        mark = node.start_mark
        self.report.error(code, self.path, mark.line + 1, mark.column + 1, message, hint=hint)
        self.ok = False

    def build(self, node, at: Keys):
        if id(node) in self.seen:
            self.fail("YA105", node, "anchors and aliases (&name, *name) are not accepted in "
                      "data files", "write the value out in full")
            return None
        self.seen.add(id(node))
        self.positions[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            result, lines = {}, {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail("YA105", key_node, "merge keys (<<) are not accepted in data files",
                              "write the keys out in full")
                    continue
                key = self.build(key_node, at + ("<key>",))
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
