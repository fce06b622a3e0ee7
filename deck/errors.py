"""The one exception tree of deck.

Every error a user can cause is a :class:`DeckError`. It knows its exit code and prints itself
as plain lines, without a traceback. Problems in input files are collected as :class:`Problem`
records (file, line, column, key path, message, hint) so that all of them are reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    message: str
    path: str = ""
    file: Path | None = None
    line: int | None = None
    col: int | None = None
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = str(self.file) if self.file else "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: "
        if self.severity == "warning":
            text += "warning: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.hint:
            text += f"; {self.hint}"
        return text


class DeckError(Exception):
    """Base of every error deck reports to its user."""

    exit_code = 2

    def lines(self) -> list[str]:
        return [str(self)]


class InputError(DeckError):
    """The data file or layout spec is invalid. Carries every problem found."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        problems = sorted(dict.fromkeys(problems), key=lambda p: (str(p.file or ""), p.line or 0, p.col or 0))
        self.problems = [p for p in problems if p.severity == "error"]
        self.warnings = [p for p in problems if p.severity == "warning"]
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.warnings + self.problems]


class FitError(InputError):
    """A text cannot fit its box even at the smallest allowed size."""


class OutputError(DeckError):
    """The outputs could not be written; the previous outputs are untouched."""

    exit_code = 3
