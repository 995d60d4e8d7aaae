"""GS9xx: streams — a ``streamGenerateContent`` response is a sequence of chunks that together
make one response. The document is the JSON array of chunks (from a JSON array, JSON Lines or
the ``data:`` lines of server-sent events); each chunk is also checked as a response."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.rules._walk import as_int, items, obj, ptr, response_candidates, rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gemschema.rules.engine import RuleContext

_STREAM = ("stream",)
_SOURCE = (
    "Gemini API reference, `models.streamGenerateContent` and `GenerateContentResponse.responseId`"
)


def _chunks(doc: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(n, chunk) for n, chunk in enumerate(items(doc)) if isinstance(chunk, dict)]


@rule(
    "GS901",
    "stream-response-id-mismatch",
    summary="The chunks of one stream carry different `responseId`s.",
    severity=Severity.ERROR,
    why=(
        "Every chunk of a `streamGenerateContent` response belongs to the same response and"
        " carries its `responseId` (recorded streams from the Gemini API and Vertex AI do); a"
        " different id means chunks of two responses were mixed. Chunks without an id are not"
        " compared."
    ),
    source=f'{_SOURCE} — "response_id is used to identify each response"; the recorded streams in ../shared/external.',
    example='[{"candidates": [{"content": {"role": "model", "parts": [{"text": "a"}]}}], "responseId": "r1"}, {"candidates": [{"content": {"role": "model", "parts": [{"text": "b"}]}, "finishReason": "STOP"}], "responseId": "r2"}]',
    applies_to=_STREAM,
)
def stream_response_id_mismatch(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    first: tuple[int, str] | None = None
    for n, chunk in _chunks(doc):
        rid = chunk.get("responseId")
        if not isinstance(rid, str):
            continue
        if first is None:
            first = (n, rid)
        elif rid != first[1]:
            yield stream_response_id_mismatch.diagnostic(
                f"chunk {n} has responseId {rid!r}, but chunk {first[0]} has {first[1]!r}; the chunks of one stream"
                " share one responseId: split the chunks into their own streams",
                ptr((n, "responseId")),
            )


@rule(
    "GS902",
    "finish-reason-not-last",
    summary="A candidate's `finishReason` appears on a chunk that is not its last.",
    severity=Severity.ERROR,
    why=(
        "`finishReason` says why the model stopped generating a candidate ('If empty, the model"
        " has not stopped generating tokens'), so it comes with the candidate's last chunk; a"
        " later chunk for the same candidate contradicts it (and clients stop reading at it)."
        " Candidates are matched by `index` (0 when omitted)."
    ),
    source='Gemini API reference, `Candidate.finishReason` — "If empty, the model has not stopped generating tokens."',
    example=(
        '[{"candidates": [{"content": {"role": "model", "parts": [{"text": "a"}]}, "finishReason": "STOP"}]},'
        ' {"candidates": [{"content": {"role": "model", "parts": [{"text": "b"}]}}]}]'
    ),
    applies_to=_STREAM,
)
def finish_reason_not_last(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    last: dict[int, int] = {}
    finished: dict[int, tuple[int, int]] = {}
    for n, chunk in _chunks(doc):
        for i, candidate in response_candidates(chunk):
            index = as_int(candidate.get("index", 0))
            if index is None:
                continue
            last[index] = n
            if obj(candidate).get("finishReason") not in (None, "FINISH_REASON_UNSPECIFIED"):
                finished.setdefault(index, (n, i))
    for index, (n, i) in finished.items():
        if last[index] != n:
            yield finish_reason_not_last.diagnostic(
                f"chunk {n} gives candidate {index} a finishReason, but chunk {last[index]} still carries that candidate;"
                " finishReason belongs on the candidate's last chunk",
                ptr((n, "candidates", i, "finishReason")),
            )
