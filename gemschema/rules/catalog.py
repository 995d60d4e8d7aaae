"""The rule registry: every diagnostic gemschema emits cites a :class:`Rule` registered here.

A rule is a data-like unit in the manner of a linter's catalog: a stable ``code``, a kebab-case
``name``, a one-line ``summary``, a default ``severity``, a ``why`` paragraph, the documented
``source`` it rests on, and an ``example`` payload fragment that triggers it. Semantic rules also
carry a ``check``; rules raised by the parser or the structural pass have none.
``docs/rules.md`` is generated from this registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import Diagnostic, Severity, clip

if TYPE_CHECKING:
    Check = Callable[..., Iterable[Diagnostic]]
else:
    Check = Callable

__all__ = ["RULES", "Rule", "register"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One entry of the catalog."""

    code: str
    name: str
    summary: str
    severity: Severity
    why: str
    source: str
    example: str = ""
    check: Any = None
    applies_to: tuple[str, ...] = ("request", "response", "stream")

    def diagnostic(
        self, message: str, pointer: str = "", *, severity: Severity | None = None
    ) -> Diagnostic:
        """A finding of this rule at ``pointer`` (the rule's default severity unless overridden)."""
        return Diagnostic(self.code, severity or self.severity, clip(message), pointer)


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add ``rule`` to the catalog; codes and names are unique."""
    if rule.code in RULES:
        raise ValueError(f"duplicate rule code {rule.code}")
    if any(r.name == rule.name for r in RULES.values()):
        raise ValueError(f"duplicate rule name {rule.name}")
    RULES[rule.code] = rule
    return rule


def all_rules() -> Iterator[Rule]:
    """Every registered rule in code order (importing the rule modules first)."""
    import gemschema.rules  # noqa: F401  (registers every rule module)

    yield from sorted(RULES.values(), key=lambda r: r.code)
