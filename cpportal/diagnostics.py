"""Compiler-style diagnostics: every problem found in one run, each with a place and a fix."""

from __future__ import annotations

import dataclasses
import re
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
        """One line (two with a fix), at file:line:col (or at `where`: a spreadsheet cell).
        Control characters in names, records and messages are escaped, so that no file name
        or value can forge a line of the report."""
        where = _plain(where or f"{self.file}:{self.line}:{self.column}")
        record = f" [{_plain(self.record)}]" if self.record else ""
        hint = f"\n    fix: {_plain(self.hint)}" if self.hint else ""
        return f"{where}: {self.severity} {self.code}{record}: {_plain(self.message)}{hint}"


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _plain(text: str) -> str:
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


PER_FILE = 100  # errors listed per file; a file with more is mostly noise past them


class Report:
    """Collects diagnostics; paths are shown relative to `root` when they lie inside it. At
    most PER_FILE errors are kept for one file, then one that says the rest were left out:
    a broken file of 2 MiB could otherwise list half a million. Warnings are all kept."""

    def __init__(self, root: Path | None = None):
        self.root = root
        self.items: list[Diagnostic] = []
        self._per_file: dict[str, int] = {}
        self._shown: dict[str, str] = {}

    def add(self, code: str, severity: str, file: Path | str, line: int, column: int,
            message: str, record: str = "", hint: str = "") -> None:
        count = self._per_file.get(str(file), 0) + (severity == ERROR)
        self._per_file[str(file)] = count
        if count <= PER_FILE or severity != ERROR:
            self.items.append(Diagnostic(self.show(file), line, column, code, severity,
                                         message, record, hint))
        elif count == PER_FILE + 1:
            self.items.append(Diagnostic(
                self.show(file), line, column, "YA113", ERROR,
                f"more than {PER_FILE} problems in this file; the rest are not listed",
                hint="fix the problems above and run again"))

    def full(self, file: Path | str) -> bool:
        """Whether no further error of `file` would be listed."""
        return self._per_file.get(str(file), 0) > PER_FILE

    def error(self, code, file, line, column, message, record="", hint=""):
        self.add(code, ERROR, file, line, column, message, record, hint)

    def warning(self, code, file, line, column, message, record="", hint=""):
        self.add(code, WARNING, file, line, column, message, record, hint)

    def show(self, file: Path | str) -> str:
        """`file` as it appears in messages."""
        if str(file) not in self._shown:
            self._shown[str(file)] = self._relative(Path(file))
        return self._shown[str(file)]

    def _relative(self, path: Path) -> str:
        if self.root is not None:
            try:  # the folder resolved, not the file: a link is shown where it stands
                return (path.parent.resolve() / path.name).relative_to(
                    self.root.resolve()).as_posix()
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
