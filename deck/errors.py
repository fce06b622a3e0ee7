"""The one exception tree of deck.

Every error a user can cause is a :class:`DeckError`. It knows its exit code and prints itself
as plain lines, without a traceback. Problems in input files are collected as :class:`Problem`
records (file, line, column, key path, message, hint) so that all of them are reported at once.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]
Key = tuple[str | int, ...]  # a path of keys into a file: ("sections", 2, "items", 0, "value")


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file."""

    message: str
    key: Key = ()
    file: Path | None = None
    line: int | None = None
    col: int | None = None
    hint: str | None = None
    severity: Severity = "error"
    code: str = ""  # what kind of problem, for programs: "unknown-key", "unfit-text", …

    @property
    def path(self) -> str:
        """The key as written in messages: ``sections[1].items[0].value``."""
        return dotted(self.key)

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


def dotted(key: Key) -> str:
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def printable(text: str) -> str:
    """Text safe to print on a terminal: control, format and other invisible characters escaped
    (spaces of every width are kept)."""
    return "".join(repr(c)[1:-1] if unicodedata.category(c)[0] == "C" or c in "\u2028\u2029" else c for c in text)


def did_you_mean(name: str, choices: list[str]) -> str:
    """A hint naming the closest valid choice, or "" when none is close."""
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


class DeckError(Exception):
    """Base of every error deck reports to its user."""

    exit_code = 2

    def lines(self) -> list[str]:
        return [str(self)]


class InputError(DeckError):
    """The data file or layout spec is invalid. Carries every problem found."""

    exit_code = 1

    partial: object = None  # what was readable despite the problems (inputs.load.Inputs), if anything

    def __init__(self, problems: list[Problem]) -> None:
        problems = sorted(dict.fromkeys(problems), key=lambda p: (str(p.file or ""), p.line or 0, p.col or 0))
        self.problems = [p for p in problems if p.severity == "error"]
        self.warnings = [p for p in problems if p.severity == "warning"]
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.warnings + self.problems]


class FitError(InputError):
    """A text cannot fit its box even at the smallest allowed size."""


class UsageError(DeckError):
    """The command asks for something that cannot be done as asked (exit 2)."""

    exit_code = 2


class OutputError(DeckError):
    """The outputs could not be written; the previous outputs are untouched."""

    exit_code = 3


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) arrived while outputs were being moved in; deck finished that first.

    ``written`` tells whether the new outputs are in place (true) or the previous ones are (false).
    """

    def __init__(self, written: bool) -> None:
        super().__init__()
        self.written = written
