"""Spreadsheets the way information management officers keep them: a bold, frozen header row
with a note on each column, filters, and readable column widths (openpyxl)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MAX_WIDTH = 60


def new() -> Workbook:
    """An empty workbook (openpyxl starts one with a blank sheet, removed here)."""
    book = Workbook()
    book.remove(book.active)
    return book


def add_sheet(book: Workbook, title: str, headers: list[str], rows: list, notes=None):
    """A sheet of `rows` under `headers`, with `notes` (one per header, or None) as comments."""
    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    for column, header in enumerate(headers, 1):
        cell = sheet.cell(1, column)
        cell.font = Font(bold=True)
        if notes and notes[column - 1]:
            cell.comment = Comment(notes[column - 1], "cpportal", width=300, height=120)
        longest = max((len(str(r[column - 1])) for r in rows if r[column - 1] is not None),
                      default=0)
        sheet.column_dimensions[get_column_letter(column)].width = min(
            MAX_WIDTH, max(len(header), longest) + 2)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    return sheet
