"""Built-in rule profiles: the documented limits, and what real model families differ in.

A :class:`Profile` is a small frozen record: the numeric :class:`Limits` the rules check against,
and severity tweaks by code or code prefix (``"error"``, ``"warning"`` or ``"off"``). The
``default`` profile is the documentation as written; the others are named for model families
and say, in their ``description``, which observed behaviour they encode. A user-defined profile
(``[tool.gemschema.profiles.<name>]``) extends one of these.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from gemschema.errors import ConfigError

SEVERITY_VALUES = ("error", "warning", "off")


@dataclass(frozen=True, slots=True)
class Limits:
    """Numeric limits the rules check; the defaults are the documented ones."""

    stop_sequences_max: int = 5
    """``generationConfig.stopSequences``: "The set of character sequences (up to 5)"."""
    candidate_count_max: int = 1
    """``generationConfig.candidateCount``: "Currently, this value can only be set to 1"."""
    temperature_min: float = 0.0
    temperature_max: float = 2.0
    """``generationConfig.temperature``: "Values can range from [0.0, 2.0]"."""
    top_p_max: float = 1.0
    """``generationConfig.topP`` is a cumulative probability."""
    logprobs_max: int = 20
    """``generationConfig.logprobs``: "The number must be in the range of [0, 20]"."""
    penalty_min: float = -2.0
    penalty_max: float = 2.0
    """Presence/frequency penalties: [-2.0, 2.0) in the Vertex AI reference (max exclusive)."""
    thinking_budget_min: int = 0
    thinking_budget_max: int = 32768
    """``thinkingConfig.thinkingBudget``: -1 (dynamic) or a token count in [min, max]."""
    function_name_max_length: int = 64
    """``FunctionDeclaration.name``: "with a maximum length of 64"."""


LIMIT_NAMES = tuple(f.name for f in fields(Limits))


def limits_from(base: Limits, overrides: Mapping[str, Any], *, where: str) -> Limits:
    """``base`` with ``overrides`` applied; unknown names and non-numbers are a ConfigError."""
    changes: dict[str, Any] = {}
    for name, value in overrides.items():
        if name not in LIMIT_NAMES:
            raise ConfigError(
                f"{where}: unknown limit {name!r}; known limits: {', '.join(LIMIT_NAMES)}"
            )
        current = getattr(base, name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: limit {name!r} must be a number, not {value!r}")
        if isinstance(current, int) and not isinstance(value, int):
            raise ConfigError(f"{where}: limit {name!r} must be an integer, not {value!r}")
        changes[name] = value
    return dataclasses.replace(base, **changes)


@dataclass(frozen=True, slots=True)
class Profile:
    """A named set of limits and severity tweaks (selector → ``error|warning|off``)."""

    name: str
    description: str
    limits: Limits = field(default_factory=Limits)
    severity: tuple[tuple[str, str], ...] = ()

    def tweak(self, code: str) -> tuple[str, int] | None:
        """The most specific tweak for ``code`` and its selector's length (later wins a tie)."""
        best: tuple[str, int] | None = None
        for selector, value in self.severity:
            length = match_length(selector, code)
            if length is not None and (best is None or length >= best[1]):
                best = (value, length)
        return best


def match_length(selector: str, code: str) -> int | None:
    """How specifically ``selector`` matches ``code`` (``ALL`` is 0), or None if it does not."""
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else None


_SIGNATURE_RULE = "GS214"
"""Gemini 3 thought-signature rule: off unless the model family enforces it."""

_DEFAULT = Profile(
    name="default",
    description=(
        "The documented limits as the reference states them: one candidate, at most five stop"
        " sequences, strict user/model alternation. The Gemini 3 thought-signature rule is off."
    ),
    severity=((_SIGNATURE_RULE, "off"),),
)

BUILTIN_PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        _DEFAULT,
        Profile(
            name="gemini-2.0",
            description=(
                "Gemini 2.0 models: candidateCount up to 8 (the proto reference says it does not"
                " work only for the Gemini 1.0 family; 1-8 is the documented Vertex AI range)."
            ),
            limits=Limits(candidate_count_max=8),
            severity=((_SIGNATURE_RULE, "off"),),
        ),
        Profile(
            name="gemini-2.5",
            description=(
                "Gemini 2.5 models: candidateCount up to 8; thinkingBudget up to 32768 (2.5 Pro)."
                " Thought signatures are returned but not enforced on replay."
            ),
            limits=Limits(candidate_count_max=8),
            severity=((_SIGNATURE_RULE, "off"),),
        ),
        Profile(
            name="gemini-3",
            description=(
                "Gemini 3 models: a replayed functionCall part of the current turn must carry its"
                " thoughtSignature (GS214 is an error), and more than one candidate is refused"
                ' ("Multiple candidates is not enabled for this model").'
            ),
            limits=Limits(candidate_count_max=1),
            severity=((_SIGNATURE_RULE, "error"),),
        ),
        Profile(
            name="lenient-turns",
            description=(
                "The documented limits, but turn order (alternation, first and last turn) is a"
                " warning: some current models accept two user turns in a row."
            ),
            severity=(
                (_SIGNATURE_RULE, "off"),
                ("GS206", "warning"),
                ("GS207", "warning"),
                ("GS208", "warning"),
            ),
        ),
        Profile(
            name="vertex-ai",
            description=(
                "Gemini on Vertex AI: up to 16 stop sequences (its error reads 'supported range is"
                " from 1 (inclusive) to 17 (exclusive)'), candidateCount up to 8, and function names"
                " up to 128 characters (the Vertex AI FunctionDeclaration reference)."
            ),
            limits=Limits(
                stop_sequences_max=16, candidate_count_max=8, function_name_max_length=128
            ),
            severity=((_SIGNATURE_RULE, "off"),),
        ),
    )
}
"""Every built-in profile by name; ``default`` is the documentation as written."""


def check_selector(selector: str, *, where: str) -> str:
    """A rule selector is ``ALL``, or ``GS`` and up to three digits (a code or a prefix)."""
    digits = selector[2:]
    if selector == "ALL" or (
        selector.startswith("GS") and len(digits) <= 3 and (digits == "" or digits.isdigit())
    ):
        return selector
    raise ConfigError(
        f"{where}: {selector!r} is not a rule selector (a code like GS206, a prefix like GS2, or ALL)"
    )


def severity_table(raw: Mapping[str, Any], *, where: str) -> tuple[tuple[str, str], ...]:
    """Validate a ``{selector: "error"|"warning"|"off"}`` table."""
    out = []
    for selector, value in raw.items():
        check_selector(selector, where=where)
        if value not in SEVERITY_VALUES:
            raise ConfigError(
                f"{where}: severity of {selector} must be one of {', '.join(SEVERITY_VALUES)}, not {value!r}"
            )
        out.append((selector, str(value)))
    return tuple(out)


def profile_from_table(
    name: str, table: Mapping[str, Any], known: Mapping[str, Profile]
) -> Profile:
    """A user-defined profile from ``[tool.gemschema.profiles.<name>]`` (``extends`` a known one)."""
    where = f"[tool.gemschema.profiles.{name}]"
    allowed = {"extends", "description", "limits", "severity"}
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
        )
    base_name = table.get("extends", "default")
    base = known.get(base_name) if isinstance(base_name, str) else None
    if base is None:
        raise ConfigError(f"{where}: extends unknown profile {base_name!r}")
    limits = table.get("limits", {})
    severity = table.get("severity", {})
    if not isinstance(limits, Mapping) or not isinstance(severity, Mapping):
        raise ConfigError(f"{where}: 'limits' and 'severity' must be tables")
    description = table.get("description", f"User-defined, extends {base.name}.")
    return Profile(
        name=name,
        description=str(description),
        limits=limits_from(base.limits, limits, where=where),
        severity=base.severity + severity_table(severity, where=where),
    )


def get_profile(name: str, user: Mapping[str, Profile] | None = None) -> Profile:
    """The profile called ``name``: a user-defined one first, then a built-in one."""
    if user and name in user:
        return user[name]
    try:
        return BUILTIN_PROFILES[name]
    except KeyError:
        names = sorted({*BUILTIN_PROFILES, *(user or {})})
        raise ConfigError(f"unknown profile {name!r}; known profiles: {', '.join(names)}") from None


__all__ = ["BUILTIN_PROFILES", "LIMIT_NAMES", "Limits", "Profile", "get_profile", "match_length"]
