"""Compiler-style diagnostics: every problem found in one run, each with a place and a fix."""

from __future__ import annotations

import dataclasses
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclasses.dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is, which record, what is wrong and how to fix it."""

    file: str
    line: int
    column: int
    code: str
    severity: str
    message: str
    record: str = ""
    hint: str = ""

    def format(self, where: str | None = None) -> str:
        """The diagnostic as printed, at file:line:col (or at `where`: a spreadsheet cell)."""
        where = where or f"{self.file}:{self.line}:{self.column}"
        record = f" [{self.record}]" if self.record else ""
        hint = f"\n    fix: {self.hint}" if self.hint else ""
        return f"{where}: {self.severity} {self.code}{record}: {self.message}{hint}"


class Report:
    """Collects diagnostics; paths are shown relative to `root` when they lie inside it."""

    def __init__(self, root: Path | None = None):
        self.root = root
        self.items: list[Diagnostic] = []

    def add(self, code: str, severity: str, file: Path | str, line: int, column: int,
            message: str, record: str = "", hint: str = "") -> None:
        self.items.append(Diagnostic(self.show(file), line, column, code, severity,
                                     message, record, hint))

    def error(self, code, file, line, column, message, record="", hint=""):
        self.add(code, ERROR, file, line, column, message, record, hint)

    def warning(self, code, file, line, column, message, record="", hint=""):
        self.add(code, WARNING, file, line, column, message, record, hint)

    def show(self, file: Path | str) -> str:
        """`file` as it appears in messages."""
        path = Path(file)
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in sorted(self.items) if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in sorted(self.items) if d.severity == WARNING]

    def extend(self, other: "Report") -> None:
        self.items.extend(other.items)
