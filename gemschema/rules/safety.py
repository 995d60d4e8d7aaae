"""GS5xx: ``safetySettings`` — one setting per category, Gemini categories only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.rules._walk import PALM_CATEGORIES, ptr, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gemschema.rules.engine import RuleContext

GEMINI_CATEGORIES = (
    "HARM_CATEGORY_HARASSMENT",
    "HARM_CATEGORY_HATE_SPEECH",
    "HARM_CATEGORY_SEXUALLY_EXPLICIT",
    "HARM_CATEGORY_DANGEROUS_CONTENT",
    "HARM_CATEGORY_CIVIC_INTEGRITY",
)
"""The categories ``generateContent`` accepts in a safety setting."""


_REF = "Gemini API reference, `GenerateContentRequest.safetySettings` and `HarmCategory`"


def _settings(ctx: RuleContext) -> list[tuple[int, dict[str, Any]]]:
    """``(index, SafetySetting)`` for every object in ``safetySettings`` (gathered once per run)."""
    return ctx.facts.safety.settings


@rule(
    "GS501",
    "duplicate-safety-category",
    subject="safety.duplicates",
    summary="Two safety settings name the same category.",
    severity=Severity.ERROR,
    why=(
        "Each safety setting overrides the default threshold of one category, and the reference"
        " says there should not be more than one setting per category: with two, which"
        " threshold applies is undefined. Keep one per category."
    ),
    source=f'{_REF} — "There should not be more than one setting for each SafetyCategory type."',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT",'
        ' "threshold": "BLOCK_NONE"}, {"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}]}'
    ),
)
def duplicate_safety_category(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    first: dict[str, int] = {}
    for k, setting in _settings(ctx):
        category = setting.get("category")
        if not isinstance(category, str):
            continue
        if category in first:
            yield duplicate_safety_category.diagnostic(
                f"safetySettings[{k}] sets {category} again (safetySettings[{first[category]}] already does);"
                " keep one setting per category",
                ptr(("safetySettings", k, "category")),
            )
        else:
            first[category] = k


@rule(
    "GS502",
    "non-gemini-harm-category",
    subject="safety.foreign",
    summary="A safety setting names a PaLM-era category or HARM_CATEGORY_UNSPECIFIED.",
    severity=Severity.ERROR,
    why=(
        "The HarmCategory enum still lists the PaLM categories (DEROGATORY, TOXICITY, VIOLENCE,"
        " SEXUAL, MEDICAL, DANGEROUS) and UNSPECIFIED, but `generateContent` accepts only the"
        " Gemini ones; the API answers `safety_settings[4]: element predicate failed: $.category"
        " in (HarmCategory.HARM_CATEGORY_HATE_SPEECH, …, HarmCategory.HARM_CATEGORY_CIVIC_INTEGRITY)`."
    ),
    source=(
        f'{_REF} — "Harm categories HARM_CATEGORY_HATE_SPEECH, HARM_CATEGORY_SEXUALLY_EXPLICIT,'
        " HARM_CATEGORY_DANGEROUS_CONTENT, HARM_CATEGORY_HARASSMENT, HARM_CATEGORY_CIVIC_INTEGRITY are"
        ' supported." API error text quoted in SillyTavern/SillyTavern#2728.'
    ),
    example='{"contents": [{"parts": [{"text": "hi"}]}], "safetySettings": [{"category": "HARM_CATEGORY_TOXICITY", "threshold": "BLOCK_NONE"}]}',
)
def non_gemini_harm_category(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for k, setting in _settings(ctx):
        category = setting.get("category")
        if not isinstance(category, str):  # a list is not hashable: it cannot be looked up
            continue
        if category in PALM_CATEGORIES or category == "HARM_CATEGORY_UNSPECIFIED":
            kind = "a PaLM-era category" if category in PALM_CATEGORIES else "not a category"
            yield non_gemini_harm_category.diagnostic(
                f"safetySettings[{k}].category is {category}, {kind}; generateContent accepts only"
                f" {', '.join(GEMINI_CATEGORIES)}: use one of them or drop the setting",
                ptr(("safetySettings", k, "category")),
            )


@rule(
    "GS503",
    "unspecified-threshold",
    subject="safety.unspecified",
    summary="A safety setting's threshold is HARM_BLOCK_THRESHOLD_UNSPECIFIED.",
    severity=Severity.WARNING,
    why=(
        "A safety setting exists to set a threshold; `HARM_BLOCK_THRESHOLD_UNSPECIFIED` sets"
        " none, so the setting either does nothing or is refused. A warning: the API's handling"
        " of it is not documented."
    ),
    source='Gemini API reference, `SafetySetting.threshold` — Required; `HarmBlockThreshold.HARM_BLOCK_THRESHOLD_UNSPECIFIED` — "Threshold is unspecified."',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT",'
        ' "threshold": "HARM_BLOCK_THRESHOLD_UNSPECIFIED"}]}'
    ),
)
def unspecified_threshold(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for k, setting in _settings(ctx):
        if setting.get("threshold") == "HARM_BLOCK_THRESHOLD_UNSPECIFIED":
            yield unspecified_threshold.diagnostic(
                f"safetySettings[{k}].threshold is HARM_BLOCK_THRESHOLD_UNSPECIFIED, which sets no threshold;"
                " choose BLOCK_LOW_AND_ABOVE, BLOCK_MEDIUM_AND_ABOVE, BLOCK_ONLY_HIGH, BLOCK_NONE or OFF, or drop"
                " the setting",
                ptr(("safetySettings", k, "threshold")),
            )
