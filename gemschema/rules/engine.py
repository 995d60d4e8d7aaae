"""Running the semantic rules: every registered rule whose kind matches, lazily, then settings.

A rule's ``check(doc, ctx)`` is a generator over the *canonical* document (camelCase names,
lists where lists are documented, enum names in upper case), which may still be structurally
wrong: checks guard every type and never raise. ``kind`` is ``request``, ``response`` or
``stream``; for a stream the document is the JSON array of response chunks and only the stream
rules run (the caller runs the response rules on each chunk).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from gemschema.errors import UsageError
from gemschema.rules.catalog import Rule, all_rules
from gemschema.settings import Settings

if TYPE_CHECKING:
    from gemschema.diagnostics import Diagnostic
    from gemschema.profiles import Limits, Profile

RULE_KINDS = ("request", "response", "stream")
"""The kinds rules declare in ``applies_to``."""


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a check may consult besides the document: the kind, version, profile and settings."""

    kind: str
    api_version: str
    profile: Profile
    settings: Settings

    @property
    def limits(self) -> Limits:
        """The effective numeric limits (the profile's, with the settings' overrides)."""
        return self.profile.limits


@functools.lru_cache(maxsize=64)
def applicable_rules(kind: str, settings: Settings) -> tuple[Rule, ...]:
    """The rules with a check that apply to ``kind`` and that ``settings`` leaves enabled."""
    return tuple(
        rule
        for rule in all_rules()
        if rule.check is not None and kind in rule.applies_to and settings.enabled(rule.code)
    )


def run_rules(
    doc: Any, *, kind: str, api_version: str = "v1beta", settings: Settings | None = None
) -> list[Diagnostic]:
    """Every semantic finding in ``doc`` (canonical form), filtered and graded by ``settings``.

    ``kind`` is ``request``, ``response`` or ``stream``; ``count_tokens`` checks the request
    nested in ``generateContentRequest``; any other kind (``error``) has no semantic rules.
    """
    if not isinstance(kind, str):
        raise UsageError(f"kind must be a string, not {kind!r}")
    settings = settings or Settings()
    if kind == "count_tokens":
        nested = doc.get("generateContentRequest") if isinstance(doc, dict) else None
        if not isinstance(nested, dict):
            return []
        found = run_rules(nested, kind="request", api_version=api_version, settings=settings)
        return [replace(d, pointer="/generateContentRequest" + d.pointer) for d in found]
    ctx = RuleContext(kind, api_version, settings.resolved_profile, settings)
    found = []
    for rule in applicable_rules(kind, settings):
        found.extend(rule.check(doc, ctx))
    return settings.apply(found)


__all__ = ["RULE_KINDS", "RuleContext", "applicable_rules", "run_rules"]
