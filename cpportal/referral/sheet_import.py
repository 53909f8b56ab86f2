"""A spreadsheet of the referral data (sheets.py's layout, .xlsx or .ods) written back into the
YAML files of data/referral/.

Only what changed is touched: the files are edited in place with ruamel.yaml's round trip, so
comments, key order, quoting and flow lists stay, and a spreadsheet exported and imported
unchanged changes no byte. The result is validated in a scratch copy of data/ first; any error
refuses the import, each named by the sheet and cell it comes from, with the codes of
`python -m cpportal validate`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import tempfile
from pathlib import Path

from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..diagnostics import Diagnostic, Report
from ..validation import validate_all
from ..yamlio import read
from . import sheets
from .dataset import KINDS, id_field, load
from .sheets import FILE, SHEETS, STEP, Column

_REQUIRED = re.compile(r"lacks required field '([^']+)'")


@dataclasses.dataclass
class Outcome:
    """What an import did: the files it changed (relative to the portal), or why it refused."""

    changed: list[str]
    problems: list[str]  # formatted, sheet!cell first
    errors: int


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 1 << 20  # never fold a long line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclasses.dataclass
class _Row:
    sheet: str
    number: int  # 1-based, as the spreadsheet shows it
    values: dict  # Column -> value (None: empty)
    letters: dict  # Column -> column letter


def _value(column: Column, raw, where: str, problems: list):
    """A cell's value as the data holds it (None for an empty cell)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if column.form == "integer":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().isdigit():
            return int(raw)
        problems.append((where, "RP102", f"'{column.header}': {raw!r} is not a whole number",
                         "write a number such as 17"))
        return None
    if isinstance(raw, dt.datetime):
        raw = raw.date() if raw.time() == dt.time() else raw.time()
    if isinstance(raw, dt.time):
        raw = raw.strftime("%H:%M")
    elif isinstance(raw, dt.date):
        raw = raw.isoformat()
    raw = str(raw)
    if column.form == "ids":
        return raw.replace(",", " ").split()
    if column.form == "lines":
        return [line for line in raw.split("\n") if line.strip()]
    return raw


def _read(source: Path, columns: dict[str, list[Column]], problems: list) -> dict[str, list]:
    """The rows of every sheet, by kind; layout problems are added to `problems`."""
    book = CalamineWorkbook.from_path(str(source))
    found = {}
    for kind, title in SHEETS.items():
        if title not in book.sheet_names:
            problems.append((f"{title}!A1", "SS101", f"the sheet '{title}' is missing",
                             "export a fresh spreadsheet and copy your rows into it"))
            continue
        table = book.get_sheet_by_name(title).to_python(skip_empty_area=False)
        headers = [str(h).strip() for h in (table[0] if table else [])]
        letters = {}
        for column in columns[kind]:
            if column.header in headers:
                letters[column] = get_column_letter(headers.index(column.header) + 1)
            else:
                problems.append((f"{title}!A1", "SS101", f"the column '{column.header}' is "
                                 f"missing from the sheet '{title}'",
                                 "export a fresh spreadsheet and keep its header row"))
        found[kind] = []
        for number, cells in enumerate(table[1:], 2):
            if all(c in ("", None) for c in cells):
                continue
            values = {c: _value(c, cells[headers.index(c.header)]
                                if headers.index(c.header) < len(cells) else None,
                                f"{title}!{letters[c]}{number}", problems)
                      for c in letters}
            found[kind].append(_Row(title, number, values, letters))
    return found


def _put(mapping: CommentedMap, keys: tuple, value) -> bool:
    """Set (or with None, remove) the value at `keys`; True if that changed anything."""
    *parents, last = keys
    node = mapping
    for key in parents:
        if not isinstance(node.get(key), dict):
            if value is None:
                return False
            node[key] = CommentedMap()
        node = node[key]
    old = node.get(last)
    if value is None:
        if last not in node:
            return False
        del node[last]
        for depth in range(len(parents), 0, -1):  # drop mappings left empty
            parent = _at(mapping, keys[:depth - 1])
            if not parent[keys[depth - 1]]:
                del parent[keys[depth - 1]]
        return True
    if isinstance(value, list):
        if isinstance(old, list) and list(old) == value:
            return False
        seq = CommentedSeq(value)
        if isinstance(old, CommentedSeq) and old.fa.flow_style():
            seq.fa.set_flow_style()
        node[last] = seq
        return True
    if old == value and isinstance(old, bool) == isinstance(value, bool):
        return False
    # A changed text keeps the old one's quoting ("2026-10-26" stays quoted).
    node[last] = type(old)(value) if isinstance(old, str) and isinstance(value, str) else value
    return True


def _at(mapping, keys: tuple):
    for key in keys:
        mapping = mapping[key]
    return mapping


def _records(rows: dict[str, list[_Row]], kind: str) -> list[tuple[str, dict, _Row]]:
    """(id, values by keys, first row) of each record of `kind`: a pathway from its steps."""
    if kind != "pathways":
        return [(row.values.get(_column(row, ("id",))) or "", row, row) for row in rows[kind]]
    found: dict[str, list[_Row]] = {}
    for row in rows[kind]:
        found.setdefault(row.values.get(_column(row, ("concern",))) or "", []).append(row)
    return [(concern, steps, steps[0]) for concern, steps in found.items()]


def _column(row: _Row, keys: tuple) -> Column | None:
    return next((c for c in row.letters if c.keys == keys), None)


def _steps(rows: list[_Row]) -> list[_Row]:
    """A pathway's step rows in the order of their numbers."""
    return sorted(rows, key=lambda r: r.values.get(_column(r, (STEP,))) or 0)


def _apply(kind: str, record: CommentedMap, source) -> bool:
    """Give `record` the values of its row (or, for a pathway, of its steps' rows)."""
    if kind != "pathways":
        return any([_put(record, c.keys, v) for c, v in source.values.items()
                    if c.keys not in (("id",), (FILE,))])
    steps = _steps(source)
    changed = False
    if not isinstance(record.get("steps"), list):
        record["steps"] = CommentedSeq()
        changed = True
    listed = record["steps"]
    while len(listed) > len(steps):
        listed.pop()
        changed = True
    for index, row in enumerate(steps):
        if index == len(listed):
            listed.append(CommentedMap())
            changed = True
        changed |= any([_put(listed[index], c.keys, v) for c, v in row.values.items()
                        if c.keys not in (("concern",), (STEP,))])
    return changed


def _merge(data_dir: Path, rows: dict[str, list[_Row]], problems: list
           ) -> tuple[dict[Path, str], dict]:
    """The new text of every data file the rows change, and where each record's row is."""
    yaml = _yaml()
    texts, places = {}, {}
    for kind, (pattern, key, _) in KINDS.items():
        if kind not in rows:
            continue
        files = {p: yaml.load(p.read_text(encoding="utf-8")) for p in
                 sorted(data_dir.glob(pattern))}
        changed = set()
        wanted = {}
        for rid, source, row in _records(rows, kind):
            if not rid:
                problems.append((f"{row.sheet}!{row.letters[_column(row, (id_field(kind),))]}"
                                 f"{row.number}", "RP101", f"the row has no "
                                 f"{id_field(kind)}", "give every row an id"))
            elif rid in wanted:
                problems.append((f"{row.sheet}!A{row.number}", "RP105",
                                 f"'{rid}' is on an earlier row too (row {wanted[rid][1].number})",
                                 "ids must be unique per kind: rename or remove one"))
            else:
                wanted[rid] = (source, row)
        for path, document in files.items():
            items = document.get(key) if isinstance(document, dict) else None
            for item in list(items or []):
                rid = item.get(id_field(kind))
                source, row = wanted.get(rid, (None, None))
                target = _target(data_dir, kind, pattern, row)
                if source is None or target != path:
                    items.remove(item)
                    changed.add(path)
                else:
                    changed |= {path} if _apply(kind, item, source) else set()
                    wanted.pop(rid)
        for rid, (source, row) in wanted.items():  # new records, and records that moved file
            path = _target(data_dir, kind, pattern, row)
            if path not in files:
                files[path] = CommentedMap({key: CommentedSeq()})
            record = CommentedMap({id_field(kind): rid})
            _apply(kind, record, source)
            files[path][key].append(record)
            changed.add(path)
        for path in changed:
            out = io.StringIO()
            yaml.dump(files[path], out)
            texts[path] = out.getvalue()
        for rid, source, row in _records(rows, kind):
            places[kind, rid] = row
            for index, step in enumerate(_steps(source) if kind == "pathways" else ()):
                places[kind, rid, index] = step
    return texts, places


def _target(data_dir: Path, kind: str, pattern: str, row: _Row | None) -> Path | None:
    """The file a row's record belongs in."""
    if kind != "services":
        return data_dir / pattern
    name = row.values.get(_column(row, (FILE,))) if row else None
    return data_dir / Path(pattern).parent / name if name else None


def run(root: Path, source: Path) -> Outcome:
    """Import `source` into root/data: validate the result, then write the changed files."""
    data_dir = root / "data"
    dataset = load(data_dir, Report(root))
    columns = sheets.layout(data_dir / "schema", sheets.languages(dataset))
    problems: list[tuple] = []
    rows = _read(source, columns, problems)
    for kind, found in rows.items():
        for row in found if kind == "services" else ():
            name = row.values.get(_column(row, (FILE,)))
            if name is None or Path(name).name != name or not name.endswith(".yml"):
                problems.append((f"{row.sheet}!{row.letters[_column(row, (FILE,))]}{row.number}",
                                 "RP102", f"'{name or ''}' is not a file name ending in .yml",
                                 "name a file of data/referral/services/, e.g. ukhia.yml"))
    # A sheet or column missing, or a service without its file: nothing to merge into.
    structural = any(code == "SS101" or where.startswith(f"{SHEETS['services']}!")
                     and "not a file name" in message for where, code, message, _ in problems)
    texts, places = ({}, {}) if structural else _merge(data_dir, rows, problems)
    report, lines = Report(root), []
    if not structural:
        named = {where for where, *_ in problems}  # a cell already refused is named once
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / "data"
            shutil.copytree(data_dir, copy)
            for path, text in texts.items():
                (copy / path.relative_to(data_dir)).parent.mkdir(parents=True, exist_ok=True)
                (copy / path.relative_to(data_dir)).write_text(text, encoding="utf-8")
            report = Report(Path(scratch))
            validate_all(copy, report=report)
            for diagnostic in report.errors:
                where = _locate(diagnostic, copy, places)
                if where not in named:
                    lines.append(diagnostic.format(f"{source.name}:{where}" if where else None))
    formatted = [f"{source.name}:{where}: error {code}: {message}\n    fix: {hint}"
                 for where, code, message, hint in problems] + lines
    errors = len(problems) + len(lines)
    if errors:
        return Outcome([], formatted, errors)
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Outcome(sorted(p.relative_to(root).as_posix() for p in texts), formatted, 0)


def _locate(diagnostic: Diagnostic, data_copy: Path, places: dict) -> str | None:
    """The sheet!cell of what `diagnostic` reports, if it lies in a record of a row."""
    path = data_copy.parent / diagnostic.file
    relative = path.relative_to(data_copy) if path.is_relative_to(data_copy) else None
    kind = next((k for k, (pattern, _, _) in KINDS.items()
                 if relative and relative.match(pattern)), None)
    if kind is None or not path.is_file():
        return None
    doc = read(path, Report(), data_copy.parent)
    spot = (diagnostic.line, diagnostic.column)
    keys = min((k for k, p in doc.positions.items() if p == spot and "<key>" not in k),
               key=len, default=None) or next(
        (k for k, p in doc.key_positions.items() if p == spot), None)
    if not keys or len(keys) < 2 or not isinstance(keys[1], int):
        return None
    if missing := _REQUIRED.search(diagnostic.message):  # reported at the enclosing mapping
        keys += (missing[1],)
    record = doc.data[keys[0]][keys[1]]
    rid = record.get(id_field(kind)) if isinstance(record, dict) else None
    row, rest = places.get((kind, rid)), keys[2:]
    if kind == "pathways" and len(rest) >= 2 and rest[0] == "steps" and isinstance(rest[1], int):
        row, rest = places.get((kind, rid, rest[1]), row), rest[2:]
    if row is None:
        return None
    rest = tuple(k for k in rest if isinstance(k, str))
    column = next((c for c in row.letters if c.keys == rest), None) or next(
        (c for c in row.letters if rest and c.keys[:len(rest)] == rest), None) or next(
        (c for c in row.letters if rest and rest[:len(c.keys)] == c.keys), None)
    return f"{row.sheet}!{row.letters[column] if column else 'A'}{row.number}"
