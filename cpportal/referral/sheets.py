"""The referral data as a spreadsheet: a sheet per kind of record, a row per record, a column
per field and per language, laid out from the data schemas (data/schema/) so that a new field
gets its column without code. `python -m cpportal spreadsheet export` writes it; the import
(sheet_import.py) reads it back with the same layout.

Lists of ids are written space-separated in one cell (`camp-1e camp-1w`), lists of text one
item a line; a pathway's steps have a sheet of their own, a row per step."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.utils import get_column_letter, quote_sheetname

from .. import workbook
from .dataset import KINDS, Dataset

# kind: sheet title; the pathways' sheet holds their steps.
SHEETS = {"services": "Services", "organizations": "Organizations", "locations": "Locations",
          "concerns": "Concerns", "service_types": "Service types", "pathways": "Pathway steps"}
FILE = "file"  # the column naming the data file of a service (services span several files)
STEP = "step"  # the column numbering a pathway's steps
LISTS = "Lists"  # the hidden sheet that drop-downs take their values from
REFERENCES = {"organization": "organizations", "service_type": "service_types",
              "service_types": "service_types", "parent": "locations",
              "locations": "locations", "concern": "concerns", "concerns": "concerns"}
DROPDOWN_ROWS = 2000  # rows below the header that drop-downs cover


@dataclasses.dataclass(frozen=True)
class Column:
    """One column: the header, the keys of the value in a record, and how a cell holds it."""

    header: str
    keys: tuple[str, ...]
    form: str  # "text", "integer", "ids" (space-separated list), "lines" (list, one a line)
    note: str
    choices: tuple[str, ...] = ()  # the allowed values, if the schema lists them
    names: str = ""  # the kind of record whose ids the column holds

    @property
    def listed(self) -> tuple[str, ...] | str:
        """What the column's drop-down offers (single values only)."""
        return "" if self.form == "ids" else (self.choices or self.names)


def _schemas(schema_dir: Path) -> tuple[dict, dict]:
    common = json.loads((schema_dir / "common.schema.json").read_text(encoding="utf-8"))
    items = {kind: json.loads((schema_dir / schema).read_text(encoding="utf-8"))
             ["properties"][key]["items"] for kind, (_, key, schema) in KINDS.items()}
    return items, common["$defs"]


def _columns(properties: dict, required: list, defs: dict, languages: list[str],
             prefix: tuple = ()) -> list[Column]:
    found = []
    for name, prop in properties.items():
        keys, header = prefix + (name,), ".".join(prefix + (name,))
        ref = prop.get("$ref", "").rsplit("/", 1)[-1]
        prop = {**defs.get(ref, {}), **prop}
        note = " ".join(filter(None, [prop.get("description", "").rstrip(".") + "."
                                      if prop.get("description") else "",
                                      "Required." if name in required else "Optional."]))
        items = prop.get("items", {})
        item_ref = items.get("$ref", "").rsplit("/", 1)[-1]
        if ref in ("text", "textList"):
            form = "text" if ref == "text" else "lines"
            found += [Column(f"{header}.{lang}", keys + (lang,), form,
                             f"{note if lang == 'en' else note.replace('Required.', 'Optional.')}"
                             f" In {lang}{', one item a line' if form == 'lines' else ''}"
                             f"{'; other languages fall back to English' if lang == 'en' else ''}.")
                      for lang in languages]
        elif prop.get("type") == "object":
            found += _columns(prop["properties"], prop.get("required", []), defs, languages, keys)
        elif prop.get("type") == "array" and items.get("type") != "object":
            choices = tuple(items.get("enum", ()))
            kind = REFERENCES.get(name, "") if item_ref == "slug" else ""
            found.append(Column(header, keys, "ids", f"{note} Several values, separated by "
                                f"spaces{': ' + ', '.join(choices) if choices else ''}.",
                                choices, kind))
        elif prop.get("type") != "array":
            form = "integer" if prop.get("type") == "integer" else "text"
            kind = REFERENCES.get(name, "") if ref == "slug" and name != "id" else ""
            choices = tuple(map(str, prop.get("enum", ())))
            found.append(Column(header, keys, form, note + (" YYYY-MM-DD." if ref == "date"
                                                             else "")
                                + (f" One of: {', '.join(choices)}." if choices else "")
                                + (f" An id of the {kind.replace('_', ' ')} sheet." if kind
                                   else ""), choices, kind))
    return found


def languages(dataset: Dataset) -> list[str]:
    """English, then every other language the data's text is written in (first seen first)."""
    seen = {"en": None}

    def walk(value):
        if isinstance(value, dict):
            if "en" in value and all(isinstance(v, (str, list)) for v in value.values()):
                seen.update(dict.fromkeys(value))
            else:
                for item in value.values():
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for records in dataset.records.values():
        for record in records:
            walk(record.data)
    return list(seen)


def layout(schema_dir: Path, langs: list[str]) -> dict[str, list[Column]]:
    """The columns of each sheet, by kind."""
    items, defs = _schemas(schema_dir)
    found = {}
    for kind, item in items.items():
        if kind == "pathways":
            step = item["properties"]["steps"]["items"]
            found[kind] = [Column("concern", ("concern",), "text", "The concern (id) whose "
                                  "pathway this step belongs to. Required.", names="concerns"),
                           Column(STEP, (STEP,), "integer", "The step's number in its pathway: "
                                  "1, 2, 3...")] + _columns(step["properties"],
                                                            step.get("required", []), defs, langs)
        else:
            found[kind] = _columns(item["properties"], item.get("required", []), defs, langs)
    found["services"].append(Column(FILE, (FILE,), "text", "The data file the service is kept "
                                    "in, under data/referral/services/. Required.",
                                    names=FILE))
    return found


def get(data: dict, keys: tuple):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def cell(column: Column, value):
    """How `value` is written in a cell of `column` (None: empty)."""
    if value is None:
        return None
    if column.form == "ids":
        return " ".join(map(str, value))
    if column.form == "lines":
        return "\n".join(value)
    return value


def rows(dataset: Dataset, columns: dict[str, list[Column]]) -> dict[str, list[list]]:
    """Every record as a row of cells, by kind, in the order of the data files."""
    found = {}
    for kind, records in dataset.records.items():
        if kind == "pathways":
            found[kind] = [[cell(c, get({"concern": p.id, STEP: number, **step}, c.keys))
                            for c in columns[kind]]
                           for p in records for number, step in enumerate(p.get("steps"), 1)]
        else:
            found[kind] = [[cell(c, r.doc.path.name if c.keys == (FILE,) else get(r.data, c.keys))
                            for c in columns[kind]] for r in records]
    return found


def export(dataset: Dataset, schema_dir: Path, target: Path) -> dict[str, int]:
    """Write the spreadsheet; return the number of rows of each sheet."""
    columns = layout(schema_dir, languages(dataset))
    table = rows(dataset, columns)
    book = workbook.new()
    choices = _lists(book, dataset, columns)
    for kind, title in SHEETS.items():
        sheet = workbook.add_sheet(book, title, [c.header for c in columns[kind]], table[kind],
                                   [c.note for c in columns[kind]])
        for number, column in enumerate(columns[kind], 1):
            if column.listed in choices:
                letter = get_column_letter(number)
                check = DataValidation(type="list", formula1=choices[column.listed],
                                       allow_blank=True, showErrorMessage=True,
                                       error=f"Choose a value of the list ({column.header}).")
                check.add(f"{letter}2:{letter}{DROPDOWN_ROWS + 1}")
                sheet.add_data_validation(check)
    book.move_sheet(LISTS, offset=len(SHEETS))
    book.save(target)
    return {SHEETS[kind]: len(table[kind]) for kind in SHEETS}


def _lists(book, dataset: Dataset, columns: dict[str, list[Column]]) -> dict:
    """The hidden sheet of drop-down values: a column per list; returns each list's formula."""
    wanted = dict.fromkeys(c.listed for cs in columns.values() for c in cs if c.listed)
    values = {key: key if isinstance(key, tuple) else
              tuple(sorted({r.doc.path.name for r in dataset.records["services"]}))
              if key == FILE else tuple(dataset.ids(key)) for key in wanted}
    sheet = book.create_sheet(LISTS)
    sheet.sheet_state = "hidden"
    formulas = {}
    for number, (key, options) in enumerate(values.items(), 1):
        letter = get_column_letter(number)
        sheet.cell(1, number, key if isinstance(key, str) else ", ".join(key)[:60])
        for row, option in enumerate(options, 2):
            sheet.cell(row, number, option)
        formulas[key] = (f"{quote_sheetname(LISTS)}!${letter}$2:${letter}$"
                         f"{max(2, len(options) + 1)}")
    return formulas
