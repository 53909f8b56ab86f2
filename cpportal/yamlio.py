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


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as text so a schema reports them, not the parser."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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
    bad = False
    for number, line_text in enumerate(text.splitlines(), 1):
        if "\t" in line_text:
            report.error("YA103", path, number, line_text.index("\t") + 1,
                         "tab character; YAML data here is indented with spaces only",
                         hint="replace the tab with spaces")
            bad = True
    if bad:
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
    positions: dict[Keys, tuple[int, int]] = {}
    if not _walk(node, (), positions, set(), path, report):
        return None
    data = _Loader(text).construct_document(node)
    return Document(path, data, positions)


def _walk(node, at: Keys, positions, seen: set[int], path: Path, report: Report) -> bool:
    """Record positions; refuse aliases (and so alias bombs) and duplicate keys."""
    mark = node.start_mark
    if id(node) in seen:
        report.error("YA105", path, mark.line + 1, mark.column + 1,
                     "anchors and aliases (&name, *name) are not accepted in data files",
                     hint="write the value out in full")
        return False
    seen.add(id(node))
    positions[at] = (mark.line + 1, mark.column + 1)
    ok = True
    if isinstance(node, yaml.MappingNode):
        keys: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                report.error("YA105", path, key_node.start_mark.line + 1,
                             key_node.start_mark.column + 1,
                             "merge keys (<<) are not accepted in data files",
                             hint="write the keys out in full")
                ok = False
                continue
            key = key_node.value
            if key in keys:
                report.error("YA106", path, key_node.start_mark.line + 1,
                             key_node.start_mark.column + 1,
                             f"duplicate key '{key}' (first at line {keys[key]}); "
                             "YAML would silently keep only the last one",
                             hint="remove or rename one of the two")
                ok = False
            keys[key] = key_node.start_mark.line + 1
            ok = _walk(value_node, at + (key,), positions, seen, path, report) and ok
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            ok = _walk(item, at + (index,), positions, seen, path, report) and ok
    return ok
