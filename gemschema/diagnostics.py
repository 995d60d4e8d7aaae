"""The one finding type used everywhere: :class:`Diagnostic`, and :class:`Report`, a set of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

MAX_MESSAGE = 1000
"""Longest message a diagnostic carries; longer ones (quoting a huge value) are clipped."""

MAX_FINDINGS = 1000
"""Most findings reported for one document; past it a GS110 warning says how many more."""


def clip(message: str, limit: int = MAX_MESSAGE) -> str:
    """``message`` cut in the middle to ``limit`` characters: its start and its fix hint stay."""
    if len(message) <= limit:
        return message
    tail = limit // 4
    return f"{message[: limit - tail - 3]} … {message[-tail:]}"


class Severity(StrEnum):
    """How bad a finding is: an ``error`` fails validation, a ``warning`` does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: which rule, where in the document as written, and how to fix it.

    ``pointer`` is an RFC 6901 JSON Pointer into the document with the user's own key
    spelling; ``line``/``column`` (1-based) are set when the document was parsed from text.
    """

    code: str
    severity: Severity
    message: str
    pointer: str = ""
    line: int | None = None
    column: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def at(self, line: int | None, column: int | None) -> Diagnostic:
        """This diagnostic with a text position."""
        return Diagnostic(self.code, self.severity, self.message, self.pointer, line, column)

    def moved(self, pointer: str) -> Diagnostic:
        """This diagnostic at ``pointer`` instead."""
        if pointer == self.pointer:
            return self
        return Diagnostic(self.code, self.severity, self.message, pointer, self.line, self.column)

    def graded(self, severity: Severity) -> Diagnostic:
        """This diagnostic with ``severity``."""
        if severity is self.severity:
            return self
        return Diagnostic(self.code, severity, self.message, self.pointer, self.line, self.column)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "path": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


def sort_key(d: Diagnostic) -> tuple[int, int, str, str]:
    """Document order when positions are known, then pointer, then code."""
    return (d.line or 0, d.column or 0, d.pointer, d.code)


@dataclass(slots=True)
class Report:
    """Every diagnostic found in one document, in document order."""

    kind: str
    api_version: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def __len__(self) -> int:
        return len(self.diagnostics)

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error (warnings allowed)."""
        return not any(d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def codes(self) -> list[str]:
        return [d.code for d in self.diagnostics]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "api_version": self.api_version,
            "ok": self.ok,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }
