"""GS8xx: responses — candidates, ratings, citations, grounding and token accounting that
contradict themselves. A stream's chunks are checked by these one by one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.rules._walk import (
    Path,
    as_int,
    is_number,
    items,
    obj,
    ptr,
    rule,
    where,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gemschema.rules.engine import RuleContext

_RESP = "Gemini API reference, `GenerateContentResponse` and `Candidate` (ai.google.dev/api/generate-content)"
_RESPONSE = ("response",)

TOKEN_FIELDS = (
    "promptTokenCount",
    "cachedContentTokenCount",
    "candidatesTokenCount",
    "toolUsePromptTokenCount",
    "thoughtsTokenCount",
    "totalTokenCount",
)
DETAIL_FIELDS = (
    "promptTokensDetails",
    "cacheTokensDetails",
    "candidatesTokensDetails",
    "toolUsePromptTokensDetails",
)


def _candidates(ctx: RuleContext) -> list[tuple[int, dict[str, Any]]]:
    """``(index, Candidate)`` for every object in ``candidates`` (gathered once per run)."""
    return ctx.facts.response.candidates


@rule(
    "GS801",
    "duplicate-candidate-index",
    subject="response.several",
    summary="Two candidates of one response have the same `index`.",
    severity=Severity.ERROR,
    why=(
        "`index` is the candidate's position in the list of candidates, so it is unique; clients"
        " (and stream assemblers) key candidates by it. An omitted index is 0, as proto3 JSON"
        " leaves out default values."
    ),
    source=f'{_RESP}: `Candidate.index` — "Index of the candidate in the list of response candidates."',
    example='{"candidates": [{"index": 0, "content": {"role": "model", "parts": [{"text": "a"}]}}, {"content": {"role": "model", "parts": [{"text": "b"}]}}]}',
    applies_to=_RESPONSE,
)
def duplicate_candidate_index(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    seen: dict[int, int] = {}
    for i, candidate in _candidates(ctx):
        index = as_int(candidate.get("index", 0))
        if index is None:
            continue
        if index in seen:
            yield duplicate_candidate_index.diagnostic(
                f"candidates[{i}] has index {index}, like candidates[{seen[index]}] (an omitted index is 0);"
                " candidate indices are unique: number them by position",
                ptr(("candidates", i, "index")) if "index" in candidate else ptr(("candidates", i)),
            )
        else:
            seen[index] = i


@rule(
    "GS802",
    "candidate-role-not-model",
    subject="response.odd_roles",
    summary="A candidate's content has a role other than `model`.",
    severity=Severity.ERROR,
    why=(
        "A candidate is the model's turn; its content's role is `model` (or absent when the"
        " candidate is empty). Another role means the response was assembled by hand or mapped"
        " from another API, and a client that appends it to the history breaks the alternation."
    ),
    source=f'{_RESP}: `Candidate.content` — "Generated content returned from the model"; `Content.role`.',
    example='{"candidates": [{"content": {"role": "assistant", "parts": [{"text": "hi"}]}}]}',
    applies_to=_RESPONSE,
)
def candidate_role_not_model(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, candidate in _candidates(ctx):
        role = obj(candidate.get("content")).get("role")
        if isinstance(role, str) and role not in ("model", ""):
            yield candidate_role_not_model.diagnostic(
                f"candidates[{i}].content.role is {role!r}; a candidate is a model turn: its role is 'model'",
                ptr(("candidates", i, "content", "role")),
            )


def _ratings(ctx: RuleContext) -> Iterator[Path]:
    yield ("promptFeedback", "safetyRatings")
    for i, _ in _candidates(ctx):
        yield ("candidates", i, "safetyRatings")


def _get(doc: Any, path: Path) -> Any:
    node = doc
    for seg in path:
        node = (
            obj(node).get(seg)
            if isinstance(seg, str)
            else (items(node)[seg] if seg < len(items(node)) else None)
        )
    return node


@rule(
    "GS803",
    "duplicate-safety-rating",
    subject="response.ratings",
    summary="A list of safety ratings rates the same category twice.",
    severity=Severity.ERROR,
    why="The reference says there is at most one rating per category, for a candidate and for the prompt.",
    source=f'{_RESP}: `Candidate.safetyRatings` and `PromptFeedback.safetyRatings` — "There is at most one rating per category."',
    example=(
        '{"candidates": [{"content": {"role": "model", "parts": [{"text": "hi"}]}, "safetyRatings": [{"category":'
        ' "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"}, {"category": "HARM_CATEGORY_HARASSMENT",'
        ' "probability": "LOW"}]}]}'
    ),
    applies_to=_RESPONSE,
)
def duplicate_safety_rating(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path in _ratings(ctx):
        first: dict[str, int] = {}
        for k, rating in enumerate(items(_get(doc, path))):
            category = obj(rating).get("category")
            if not isinstance(category, str):
                continue
            if category in first:
                yield duplicate_safety_rating.diagnostic(
                    f"{where((*path, k))} rates {category} again ({where((*path, first[category]))} already does);"
                    " there is at most one rating per category",
                    ptr((*path, k, "category")),
                )
            else:
                first[category] = k


@rule(
    "GS804",
    "blocked-prompt-with-candidates",
    subject="response.blocked",
    summary="`promptFeedback.blockReason` is set, yet the response has candidates.",
    severity=Severity.ERROR,
    why=(
        "When the prompt is blocked, no candidates are generated: the API returns candidates"
        " only if nothing was wrong with the prompt. A response with both is self-contradictory"
        " (usually a hand-built mock)."
    ),
    source=(
        f'{_RESP}: `PromptFeedback.blockReason` — "If set, the prompt was blocked and no candidates are'
        ' returned"; the API "Returns no candidates at all only if there was something wrong with the prompt".'
    ),
    example='{"promptFeedback": {"blockReason": "SAFETY"}, "candidates": [{"content": {"role": "model", "parts": [{"text": "hi"}]}}]}',
    applies_to=_RESPONSE,
)
def blocked_prompt_with_candidates(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    document = obj(doc)
    reason = obj(document.get("promptFeedback")).get("blockReason")
    if (
        isinstance(reason, str)
        and reason != "BLOCK_REASON_UNSPECIFIED"
        and items(document.get("candidates"))
    ):
        yield blocked_prompt_with_candidates.diagnostic(
            f"promptFeedback.blockReason is {reason} but the response has {len(document['candidates'])} candidate(s);"
            " a blocked prompt produces no candidates: drop the candidates or the blockReason",
            ptr(("candidates",)),
        )


def _segments(ctx: RuleContext) -> Iterator[tuple[Path, dict[str, Any]]]:
    for i, candidate in _candidates(ctx):
        base: Path = ("candidates", i)
        for k, source in enumerate(
            items(obj(candidate.get("citationMetadata")).get("citationSources"))
        ):
            if isinstance(source, dict):
                yield (*base, "citationMetadata", "citationSources", k), source
        for k, support in enumerate(
            items(obj(candidate.get("groundingMetadata")).get("groundingSupports"))
        ):
            segment = obj(support).get("segment")
            if isinstance(segment, dict):
                yield (*base, "groundingMetadata", "groundingSupports", k, "segment"), segment


@rule(
    "GS805",
    "inverted-index-range",
    subject="response.segments",
    summary="A citation or grounding segment starts after it ends (`startIndex` > `endIndex`).",
    severity=Severity.ERROR,
    why=(
        "Citation sources and grounding segments point into the response text with a start"
        " index (inclusive) and an end index (exclusive), in bytes; a start beyond the end"
        " points at nothing. An omitted index is 0."
    ),
    source=f"{_RESP}: `CitationSource.startIndex`/`endIndex` (end exclusive); `Segment.startIndex`/`endIndex`.",
    example=(
        '{"candidates": [{"content": {"role": "model", "parts": [{"text": "hi"}]}, "citationMetadata":'
        ' {"citationSources": [{"startIndex": 10, "endIndex": 4, "uri": "https://example.com"}]}}]}'
    ),
    applies_to=_RESPONSE,
)
def inverted_index_range(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, span in _segments(ctx):
        start, end = as_int(span.get("startIndex", 0)), as_int(span.get("endIndex", 0))
        if start is not None and end is not None and start > end and "endIndex" in span:
            yield inverted_index_range.diagnostic(
                f"{where(path)} starts at {start} but ends at {end}; startIndex must not exceed endIndex"
                " (end exclusive, in bytes)",
                ptr((*path, "startIndex")),
            )


@rule(
    "GS806",
    "grounding-chunk-index-out-of-range",
    subject="response.grounding",
    summary="A grounding support points at a grounding chunk that does not exist.",
    severity=Severity.ERROR,
    why=(
        "`groundingChunkIndices` are indices into the candidate's `groundingChunks`; one that"
        " is negative or beyond the list cites nothing, and a client rendering citations fails."
    ),
    source="Gemini API reference, `GroundingSupport.groundingChunkIndices` — \"A list of indices (into 'grounding_chunk')\".",
    example=(
        '{"candidates": [{"content": {"role": "model", "parts": [{"text": "hi"}]}, "groundingMetadata":'
        ' {"groundingChunks": [{"web": {"uri": "https://example.com", "title": "ex"}}], "groundingSupports":'
        ' [{"segment": {"endIndex": 2}, "groundingChunkIndices": [1]}]}}]}'
    ),
    applies_to=_RESPONSE,
)
def grounding_chunk_index_out_of_range(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, candidate in _candidates(ctx):
        grounding = obj(candidate.get("groundingMetadata"))
        chunks = len(items(grounding.get("groundingChunks")))
        for k, support in enumerate(items(grounding.get("groundingSupports"))):
            for n, index in enumerate(items(obj(support).get("groundingChunkIndices"))):
                value = as_int(index)
                if value is not None and not 0 <= value < chunks:
                    path: Path = (
                        "candidates",
                        i,
                        "groundingMetadata",
                        "groundingSupports",
                        k,
                        "groundingChunkIndices",
                        n,
                    )
                    yield grounding_chunk_index_out_of_range.diagnostic(
                        f"{where(path)} is {value}, but the candidate has {chunks} grounding chunk(s) (indices 0 to"
                        f" {chunks - 1}); point at an existing chunk",
                        ptr(path),
                    )


@rule(
    "GS807",
    "confidence-scores-length",
    subject="response.grounding",
    summary="A grounding support's `confidenceScores` and `groundingChunkIndices` differ in length.",
    severity=Severity.WARNING,
    why=(
        "Each confidence score belongs to the chunk index at the same position; the reference"
        " says the two lists have the same size. Newer models omit the scores entirely, which"
        " is fine; a warning otherwise, since clients index one list by the other."
    ),
    source='Gemini API reference, `GroundingSupport.confidenceScores` — "This list must have the same size as the grounding_chunk_indices."',
    example=(
        '{"candidates": [{"content": {"role": "model", "parts": [{"text": "hi"}]}, "groundingMetadata":'
        ' {"groundingChunks": [{"web": {"uri": "https://example.com"}}], "groundingSupports": [{"segment":'
        ' {"endIndex": 2}, "groundingChunkIndices": [0], "confidenceScores": [0.9, 0.8]}]}}]}'
    ),
    applies_to=_RESPONSE,
)
def confidence_scores_length(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, candidate in _candidates(ctx):
        for k, support in enumerate(
            items(obj(candidate.get("groundingMetadata")).get("groundingSupports"))
        ):
            indices, scores = (
                obj(support).get("groundingChunkIndices"),
                obj(support).get("confidenceScores"),
            )
            if (
                isinstance(indices, list)
                and isinstance(scores, list)
                and scores
                and len(scores) != len(indices)
            ):
                path: Path = (
                    "candidates",
                    i,
                    "groundingMetadata",
                    "groundingSupports",
                    k,
                    "confidenceScores",
                )
                yield confidence_scores_length.diagnostic(
                    f"{where(path)} has {len(scores)} score(s) for {len(indices)} chunk index(es); give one score per"
                    " index, in the same order",
                    ptr(path),
                )


def _usage_counts(doc: Any, ctx: RuleContext) -> Iterator[tuple[Path, Any]]:
    usage = obj(obj(doc).get("usageMetadata"))
    for field in TOKEN_FIELDS:
        if field in usage:
            yield ("usageMetadata", field), usage[field]
    for field in DETAIL_FIELDS:
        for k, detail in enumerate(items(usage.get(field))):
            if isinstance(detail, dict) and "tokenCount" in detail:
                yield ("usageMetadata", field, k, "tokenCount"), detail["tokenCount"]
    for i, candidate in _candidates(ctx):
        if "tokenCount" in candidate:
            yield ("candidates", i, "tokenCount"), candidate["tokenCount"]


@rule(
    "GS808",
    "negative-token-count",
    subject="response.usage",
    summary="A token count is negative.",
    severity=Severity.ERROR,
    why="Token counts count tokens; a negative one is a bug in whatever produced the response.",
    source="Gemini API reference, `UsageMetadata` and `ModalityTokenCount` (token counts).",
    example='{"candidates": [], "usageMetadata": {"promptTokenCount": -3, "totalTokenCount": 0}}',
    applies_to=_RESPONSE,
)
def negative_token_count(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, value in _usage_counts(doc, ctx):
        if is_number(value) and value < 0:
            yield negative_token_count.diagnostic(
                f"{where(path)} is {value}; a token count is never negative",
                ptr(path),
            )


@rule(
    "GS809",
    "total-token-count-mismatch",
    subject="response.usage",
    summary="`totalTokenCount` differs from prompt + candidates + thoughts + tool-use prompt tokens.",
    severity=Severity.WARNING,
    why=(
        "The total counts the prompt (cached tokens included) and the response: recorded Gemini"
        " responses satisfy total = promptTokenCount + candidatesTokenCount + thoughtsTokenCount"
        " + toolUsePromptTokenCount. A different total usually means a field was dropped or"
        " mis-mapped (e.g. thoughts left out when converting). A warning: the reference defines"
        " the total only as 'prompt + response candidates'."
    ),
    source=(
        'Gemini API reference, `UsageMetadata.totalTokenCount` — "Total token count for the generation request'
        ' (prompt + response candidates)"; checked against the recorded responses in ../shared/external.'
    ),
    example='{"candidates": [], "usageMetadata": {"promptTokenCount": 9, "candidatesTokenCount": 10, "totalTokenCount": 30}}',
    applies_to=_RESPONSE,
)
def total_token_count_mismatch(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    usage = obj(obj(doc).get("usageMetadata"))
    total = usage.get("totalTokenCount")
    if not is_number(total) or not is_number(usage.get("promptTokenCount")):
        return
    parts = (
        "promptTokenCount",
        "candidatesTokenCount",
        "thoughtsTokenCount",
        "toolUsePromptTokenCount",
    )
    values = [usage.get(f, 0) for f in parts]
    if not all(is_number(v) for v in values):
        return
    try:
        expected = sum(values)
    except OverflowError:  # a float plus an integer beyond the double range: no such count
        return
    if total != expected:
        shown = " + ".join(f"{f} {usage[f]}" for f in parts if f in usage)
        yield total_token_count_mismatch.diagnostic(
            f"usageMetadata.totalTokenCount is {total}, but {shown} = {expected}; check for a dropped or"
            " mis-mapped count",
            ptr(("usageMetadata", "totalTokenCount")),
        )
