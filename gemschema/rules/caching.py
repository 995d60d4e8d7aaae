"""GS7xx: resource names in a request body — ``cachedContent`` and ``model`` — and what a
cached request may not repeat."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.rules._walk import obj, ptr, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gemschema.rules.engine import RuleContext

_CACHED = re.compile(r"cachedContents/[^/\s]+\Z")
_MODEL = re.compile(r"(models|tunedModels)/[^/\s]+\Z")
_CONFLICTS = ("systemInstruction", "tools", "toolConfig")


@rule(
    "GS701",
    "cached-content-name",
    subject="resources.cached_content",
    summary="`cachedContent` is not a resource name of the form `cachedContents/{id}`.",
    severity=Severity.ERROR,
    why=(
        "`cachedContent` names a cache created with `cachedContents.create`, by its resource name"
        " `cachedContents/{id}` as the create call returned it; a bare id, a display name or a"
        " URL does not resolve."
    ),
    source='Gemini API reference, `GenerateContentRequest.cachedContent` — "Format: cachedContents/{cachedContent}".',
    example='{"contents": [{"parts": [{"text": "hi"}]}], "cachedContent": "abc123"}',
)
def cached_content_name(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    name = obj(doc).get("cachedContent")
    if isinstance(name, str) and not _CACHED.match(name):
        hint = (
            f' ("cachedContents/{name}"?)'
            if name and "/" not in name and not name.isspace()
            else ""
        )
        yield cached_content_name.diagnostic(
            f"cachedContent is {name!r}; it must be a resource name cachedContents/{{id}}: use the name the"
            f" cache was created with{hint}",
            ptr(("cachedContent",)),
        )


@rule(
    "GS702",
    "cached-content-conflict",
    subject="resources.cached_content",
    summary="A request with `cachedContent` also sets `systemInstruction`, `tools` or `toolConfig`.",
    severity=Severity.ERROR,
    why=(
        "A cache fixes the system instruction, tools and tool config it was created with; the"
        " API refuses a request that sets them again: `CachedContent can not be used with"
        " GenerateContent request setting system_instruction, tools or tool_config. Proposed fix:"
        " move those values to CachedContent from GenerateContent request.`"
    ),
    source=(
        "Gemini API context-caching guide (ai.google.dev/gemini-api/docs/caching); API error text quoted in"
        " vercel/ai#3333 and langchain-ai/langchain-google#978."
    ),
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "cachedContent": "cachedContents/abc",'
        ' "systemInstruction": {"parts": [{"text": "be brief"}]}}'
    ),
)
def cached_content_conflict(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    document = obj(doc)
    if document.get("cachedContent") is None:
        return
    for field in _CONFLICTS:
        if document.get(field) is not None:
            yield cached_content_conflict.diagnostic(
                f"{field} is set together with cachedContent; the API refuses that: move {field} into the cache"
                " when creating it, and drop it from this request",
                ptr((field,)),
            )


@rule(
    "GS703",
    "model-name",
    subject="resources.model",
    summary="A `model` field is not a resource name `models/{model}` (or `tunedModels/{id}`).",
    severity=Severity.ERROR,
    why=(
        "Where a request body names its model (batch requests, `countTokens`'"
        " `generateContentRequest`), it is a resource name such as `models/gemini-2.5-flash`;"
        " a bare `gemini-2.5-flash` does not resolve there."
    ),
    source='Gemini API reference, `GenerateContentRequest.model` — "Format: models/{model}".',
    example='{"model": "gemini-2.5-flash", "contents": [{"parts": [{"text": "hi"}]}]}',
)
def model_name(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    name = obj(doc).get("model")
    if isinstance(name, str) and not _MODEL.match(name):
        hint = f' ("models/{name}"?)' if name and "/" not in name and not name.isspace() else ""
        yield model_name.diagnostic(
            f"model is {name!r}; it must be a resource name models/{{model}}: write the full name{hint}",
            ptr(("model",)),
        )
