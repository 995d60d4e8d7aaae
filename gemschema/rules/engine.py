"""Running the semantic rules: every registered rule whose kind matches, then settings.

A rule's ``check(doc, ctx)`` returns (or yields) its findings in the *canonical* document
(camelCase names, lists where lists are documented, enum names in upper case), which may still be
structurally wrong: checks guard every type and never raise. ``kind`` is ``request``, ``response`` or
``stream``; for a stream the document is the JSON array of response chunks and only the stream
rules run (the caller runs the response rules on each chunk).

Speed: the document is walked once per run, not once per rule. ``ctx.facts`` (a
:class:`~gemschema.rules._facts.Facts`) gathers, section by section and only when first needed,
the items the rules iterate (turns, calls, declarations …) and, for each rule, its *subject*
(declared with the rule): the candidate items (parts, schema nodes, with their paths) or a flag
without which the rule cannot report anything. The per-settings plan (which rules run, grouped by section, with their subjects) is
computed once per ``(kind, settings)``; a rule whose subject is empty is not called at all, and a
section with no subject set skips its whole group.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import MAX_FINDINGS, Diagnostic
from gemschema.errors import UsageError
from gemschema.rules._facts import Facts
from gemschema.rules._walk import SUBJECTS
from gemschema.rules.catalog import Rule, all_rules
from gemschema.settings import Settings

if TYPE_CHECKING:
    from gemschema.profiles import Limits, Profile

RULE_KINDS = ("request", "response", "stream")
"""The kinds rules declare in ``applies_to``."""

_DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a check may consult besides the document: the kind, version, profile, settings,
    and the facts of the document (gathered once per run, see :mod:`gemschema.rules._facts`)."""

    kind: str
    api_version: str
    profile: Profile
    settings: Settings
    facts: Facts

    @property
    def limits(self) -> Limits:
        """The effective numeric limits (the profile's, with the settings' overrides)."""
        return self.profile.limits

    @classmethod
    def of(
        cls,
        doc: Any,
        *,
        kind: str,
        api_version: str = "v1beta",
        settings: Settings | None = None,
    ) -> RuleContext:
        """The context to run checks over ``doc`` with (what :func:`run_rules` builds)."""
        settings = settings or _DEFAULT_SETTINGS
        profile = settings.resolved_profile
        return cls(kind, api_version, profile, settings, Facts(doc, kind, profile.limits))


@functools.lru_cache(maxsize=64)
def applicable_rules(kind: str, settings: Settings) -> tuple[Rule, ...]:
    """The rules with a check that apply to ``kind`` and that ``settings`` leaves enabled."""
    return tuple(
        rule
        for rule in all_rules()
        if rule.check is not None and kind in rule.applies_to and settings.enabled(rule.code)
    )


_Step = tuple[Callable[[Any], Any] | None, Callable[[Any, RuleContext], Iterable[Diagnostic]]]
"""A rule in a plan: the getter of its subject on its section (or None), and its check."""
_Group = tuple[str | None, tuple[_Step, ...]]


@functools.lru_cache(maxsize=64)
def plan(kind: str, settings: Settings) -> tuple[_Group, ...]:
    """:func:`applicable_rules` in code order, as runs of rules over the same facts section.

    Each group is ``(section, ((gate, check), …))``: the section name (None: no facts, always
    run) and, per rule, a getter of its subject on the section (None: the section's ``live``).
    """
    groups: list[tuple[str | None, list[_Step]]] = []
    for rule in applicable_rules(kind, settings):
        subject = SUBJECTS.get(rule.code)
        section, _, attribute = subject.partition(".") if subject else (None, "", "")
        step: _Step = (attrgetter(attribute) if attribute else None, rule.check)
        if groups and groups[-1][0] == section:
            groups[-1][1].append(step)
        else:
            groups.append((section, [step]))
    return tuple((section, tuple(steps)) for section, steps in groups)


def run_rules(
    doc: Any, *, kind: str, api_version: str = "v1beta", settings: Settings | None = None
) -> list[Diagnostic]:
    """Every semantic finding in ``doc`` (canonical form), filtered and graded by ``settings``.

    ``kind`` is ``request``, ``response`` or ``stream``; ``count_tokens`` checks the request
    nested in ``generateContentRequest``; any other kind (``error``) has no semantic rules.
    """
    if not isinstance(kind, str):
        raise UsageError(f"kind must be a string, not {kind!r}")
    settings = settings or _DEFAULT_SETTINGS
    if kind == "count_tokens":
        nested = doc.get("generateContentRequest") if isinstance(doc, dict) else None
        if not isinstance(nested, dict):
            return []
        inner = run_rules(nested, kind="request", api_version=api_version, settings=settings)
        return [d.moved("/generateContentRequest" + d.pointer) for d in inner]
    profile = settings.resolved_profile
    facts = Facts(doc, kind, profile.limits)
    ctx: RuleContext | None = None  # made for the first check that runs: often none does
    found: list[Diagnostic] = []
    for section_name, steps in plan(kind, settings):
        section = None if section_name is None else getattr(facts, section_name)
        if section is not None and not section.live:
            continue
        for gate, check in steps:
            if gate is not None and not gate(section):
                continue
            if ctx is None:
                ctx = RuleContext(kind, api_version, profile, settings, facts)
            found.extend(itertools.islice(check(doc, ctx), MAX_FINDINGS + 1 - len(found)))
            if len(found) > MAX_FINDINGS:
                return settings.apply(found)
    return settings.apply(found) if found else found


__all__ = ["RULE_KINDS", "RuleContext", "applicable_rules", "plan", "run_rules"]
