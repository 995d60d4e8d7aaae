"""Gemini ``GenerateContentResponse`` ↔ OpenAI ``chat.completion``.

Gemini data with no OpenAI field is carried, when ``native=True`` (the default), under
``extra_content.google`` of the completion (response fields), of each choice (candidate fields,
and the native ``finishReason`` whenever the OpenAI value does not map back to it) and of each
message and tool call (``thought_signature``). Only what the standard mapping cannot reproduce
is carried, so converting back gives the Gemini response exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gemschema.openai import _finish, _ids
from gemschema.openai._boundary import gemini_boundary
from gemschema.openai._check import check_openai
from gemschema.openai._common import (
    SIGNATURE,
    dumps,
    google,
    parse_object,
    rfc3339,
    unix,
    with_google,
)
from gemschema.openai._types import Converted, Losses, Obj, ptr

if TYPE_CHECKING:
    from gemschema.settings import Settings

DEFAULT_ID = "chatcmpl-gemschema"
"""``id`` of a completion whose Gemini response had no ``responseId``."""

_USAGE_MAPPED = (
    "promptTokenCount", "candidatesTokenCount", "thoughtsTokenCount", "totalTokenCount",
    "cachedContentTokenCount",
)  # fmt: skip


# --- Gemini → OpenAI ----------------------------------------------------------------------------


def usage_to_openai(meta: Obj) -> Obj | None:
    """OpenAI ``usage`` from Gemini ``usageMetadata`` (``None`` when it has no counts)."""
    if not any(k in meta for k in ("promptTokenCount", "candidatesTokenCount", "totalTokenCount")):
        return None
    prompt = meta.get("promptTokenCount", 0) + meta.get("toolUsePromptTokenCount", 0)
    thoughts = meta.get("thoughtsTokenCount", 0)
    completion = meta.get("candidatesTokenCount", 0) + thoughts
    usage: Obj = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": meta.get("totalTokenCount", prompt + completion),
    }
    if "cachedContentTokenCount" in meta:
        usage["prompt_tokens_details"] = {"cached_tokens": meta["cachedContentTokenCount"]}
    if "thoughtsTokenCount" in meta:
        usage["completion_tokens_details"] = {"reasoning_tokens": thoughts}
    return usage


def usage_residual(meta: Obj) -> Obj:
    """The part of ``usageMetadata`` that :func:`usage_to_openai` cannot give back."""
    if usage_to_openai(meta) is None:
        return dict(meta)
    rest = {k: v for k, v in meta.items() if k not in _USAGE_MAPPED}
    back = usage_from_openai(usage_to_openai(meta) or {}, rest)
    for key in _USAGE_MAPPED:
        if back.get(key) != meta.get(key):
            rest[key] = meta.get(key)
    return rest


def logprobs_to_openai(result: Obj) -> Obj:
    """OpenAI ``choice.logprobs`` from a Gemini ``logprobsResult``."""
    tops = result.get("topCandidates", [])
    content = []
    for i, chosen in enumerate(result.get("chosenCandidates", [])):
        alternatives = tops[i].get("candidates", []) if i < len(tops) else []
        content.append(
            {
                "token": chosen.get("token", ""),
                "logprob": chosen.get("logProbability", 0.0),
                "bytes": list(chosen.get("token", "").encode()),
                "top_logprobs": [
                    {
                        "token": alt.get("token", ""),
                        "logprob": alt.get("logProbability", 0.0),
                        "bytes": list(alt.get("token", "").encode()),
                    }
                    for alt in alternatives
                ],
            }
        )
    return {"content": content, "refusal": None}


def logprobs_from_openai(logprobs: Obj) -> Obj:
    """Gemini ``logprobsResult`` from an OpenAI ``choice.logprobs``."""
    chosen, tops = [], []
    for item in logprobs.get("content") or []:
        chosen.append({"token": item["token"], "logProbability": item["logprob"]})
        alternatives = [
            {"token": alt["token"], "logProbability": alt["logprob"]}
            for alt in item.get("top_logprobs") or []
        ]
        tops.append({"candidates": alternatives})
    out: Obj = {}
    if any(t["candidates"] for t in tops):
        out["topCandidates"] = tops
    out["chosenCandidates"] = chosen
    return out


class MessageBuilder:
    """Collects the parts of one candidate into an OpenAI assistant message.

    Shared by whole responses and stream chunks, so both treat every part alike.
    """

    def __init__(self, losses: Losses, *, reasoning: bool) -> None:
        self.losses = losses
        self.reasoning = reasoning
        self.texts: list[str] = []
        self.thoughts: list[str] = []
        self.calls: list[Obj] = []
        self.signature: str | None = None
        self.text_at: str | None = None
        self.any_text = False

    def part(self, part: Obj, at: str) -> bool:
        """Take one non-function-call part; ``False`` when it is not text."""
        if "text" not in part:
            self.losses.add(at, "only text and function calls fit an assistant message")
            return False
        for key in set(part) - {"text", "thought", "thoughtSignature"}:
            self.losses.add(f"{at}/{key}", "no OpenAI counterpart")
        if part.get("thought") is True:
            if not self.reasoning:
                self.losses.add(at, "thought text is carried only with reasoning=True")
                return True
            if "thoughtSignature" in part:
                self.losses.add(f"{at}/thoughtSignature", "a thought's signature is lost")
            self.thoughts.append(part["text"])
            return True
        if part.get("thought") is False:
            self.losses.add(f"{at}/thought", "thought: false has no OpenAI counterpart")
        self.any_text = True
        self.texts.append(part["text"])
        if "thoughtSignature" in part:
            if self.signature is not None and self.text_at is not None:
                self.losses.add(self.text_at, "one text signature per message; an earlier one")
            self.signature = part["thoughtSignature"]
            self.text_at = f"{at}/thoughtSignature"
        return True

    def call(self, part: Obj, at: str, call_id: str) -> Obj:
        """An OpenAI tool call for a complete ``functionCall`` part."""
        fc = part["functionCall"]
        for key in set(part) - {"functionCall", "thoughtSignature"}:
            self.losses.add(f"{at}/{key}", "no OpenAI counterpart on a function call")
        for key in set(fc) - {"id", "name", "args"}:
            self.losses.add(f"{at}/functionCall/{key}", "no OpenAI counterpart")
        call: Obj = {
            "id": fc.get("id") or call_id,
            "type": "function",
            "function": {"name": fc.get("name", ""), "arguments": dumps(fc.get("args", {}))},
        }
        if "thoughtSignature" in part:
            with_google(call, {SIGNATURE: part["thoughtSignature"]})
        return call


def layout_losses(
    kinds: list[str], at: str, losses: Losses, *, reasoning: bool, join_text: bool = True
) -> None:
    """Report parts that an OpenAI message joins or reorders (thoughts, text, then calls)."""
    kept = [k for k in kinds if k != "thought" or reasoning]
    if kept != sorted(kept, key=("thought", "text", "call").index):
        losses.add(at, "parts reordered: reasoning, then text, then tool calls")
    joined = (("text", "text parts"),) if join_text else ()
    for kind, what in (*joined, ("thought", "thought parts")):
        if kept.count(kind) > 1:
            losses.add(at, f"{what} are joined into one string")


def candidate_residual(cand: Obj, *, calls: bool) -> Obj:
    """Candidate fields with no OpenAI place (``finishReason`` only when it maps back wrong)."""
    rest = {k: v for k, v in cand.items() if k not in ("content", "finishReason", "index")}
    if "finishReason" in cand and not _finish.round_trips(
        cand["finishReason"], calls_functions=calls
    ):
        rest["finishReason"] = cand["finishReason"]
    result = cand.get("logprobsResult")
    if result is not None and logprobs_from_openai(logprobs_to_openai(result)) == result:
        del rest["logprobsResult"]
    return rest


def carry(target: Obj, rest: Obj, at: str, losses: Losses, *, native: bool, reason: str) -> None:
    """Put ``rest`` under ``target.extra_content.google`` or report each key lost."""
    if native:
        with_google(target, rest)
        return
    for key in rest:
        losses.add(f"{at}/{key}", reason)


def _choice(cand: Obj, ci: int, response_id: str, losses: Losses, opts: Obj) -> Obj:
    at = ptr("candidates", ci)
    builder = MessageBuilder(losses, reasoning=opts["reasoning"])
    content = cand.get("content")
    parts = content.get("parts", []) if isinstance(content, dict) else []
    ordinal = 0
    kinds: list[str] = []
    for j, part in enumerate(parts):
        where = f"{at}/content/parts/{j}"
        if "functionCall" in part:
            call_id = _ids.synthesize(response_id, cand.get("index", ci), ordinal)
            builder.calls.append(builder.call(part, where, call_id))
            ordinal += 1
            kinds.append("call")
        elif builder.part(part, where):
            kinds.append("thought" if part.get("thought") is True else "text")
    layout_losses(kinds, f"{at}/content/parts", losses, reasoning=opts["reasoning"])
    message: Obj = {
        "role": "assistant",
        "content": "".join(builder.texts) if builder.any_text else None,
    }
    if builder.thoughts:
        message["reasoning_content"] = "".join(builder.thoughts)
    if builder.calls:
        message["tool_calls"] = builder.calls
    if builder.signature is not None:
        with_google(message, {SIGNATURE: builder.signature})
    reason = cand.get("finishReason", "STOP")
    choice: Obj = {
        "index": cand.get("index", ci),
        "message": message,
        "finish_reason": _finish.to_openai(reason, calls_functions=bool(builder.calls)),
    }
    if "logprobsResult" in cand:
        choice["logprobs"] = logprobs_to_openai(cand["logprobsResult"])
    rest = candidate_residual(cand, calls=bool(builder.calls))
    carry(choice, rest, at, losses, native=opts["native"], reason="no OpenAI counterpart")
    return choice


def response_to_openai(
    response: Obj,
    *,
    strict: bool = False,
    native: bool = True,
    reasoning: bool = False,
    created: int | None = None,
    model: str | None = None,
    prompt_blocked: str = "choice",
    api_version: str = "v1beta",
    settings: Settings | None = None,
) -> Converted:
    """Convert a Gemini ``GenerateContentResponse`` into an OpenAI ``chat.completion``.

    ``native`` carries Gemini-only data under ``extra_content.google`` (else it is reported);
    ``reasoning`` carries thought text as ``message.reasoning_content``. ``created`` defaults
    to ``createTime`` (else 0) and ``model`` to ``modelVersion``. A blocked prompt (no
    candidates, ``promptFeedback.blockReason``) becomes one choice finishing with
    ``content_filter``, or with ``prompt_blocked="error"`` an HTTP 400 OpenAI error body.
    """
    doc = gemini_boundary(
        response, kind="response", api_version=api_version, stage="input", settings=settings
    )
    losses = Losses(strict)
    opts = {"native": native, "reasoning": reasoning}
    feedback = doc.get("promptFeedback") or {}
    if "blockReason" in feedback and not doc.get("candidates") and prompt_blocked == "error":
        body = {
            "error": {
                "message": f"The prompt was blocked ({feedback['blockReason']}).",
                "type": "invalid_request_error",
                "param": "messages",
                "code": "content_filter",
            }
        }
        return losses.result(body, http_status=400)
    out = completion_header(doc, created=created, model=model)
    out["object"] = "chat.completion"
    response_id = doc.get("responseId", "")
    out["choices"] = [
        _choice(c, i, response_id, losses, opts) for i, c in enumerate(doc.get("candidates", []))
    ]
    if "blockReason" in feedback and not out["choices"]:
        message = {"role": "assistant", "content": None}
        out["choices"] = [{"index": 0, "message": message, "finish_reason": "content_filter"}]
    usage = usage_to_openai(doc.get("usageMetadata", {}))
    if usage is not None:
        out["usage"] = usage
    rest = response_residual(doc)
    carry(out, rest, "", losses, native=native, reason="no OpenAI counterpart")
    check_openai(out, "response", stage="output")
    return losses.result(out)


def completion_header(doc: Obj, *, created: int | None, model: str | None) -> Obj:
    """``id``, ``created`` and ``model`` of a completion or chunk from a Gemini response."""
    if created is None:
        created = unix(doc["createTime"]) if "createTime" in doc else None
    return {
        "id": doc.get("responseId") or DEFAULT_ID,
        "object": "chat.completion.chunk",
        "created": created or 0,
        "model": model or doc.get("modelVersion", ""),
    }


def response_residual(doc: Obj) -> Obj:
    """Response fields with no OpenAI place (usage counts that map back are left out)."""
    mapped = ("candidates", "responseId", "modelVersion", "usageMetadata", "createTime")
    rest = {k: v for k, v in doc.items() if k not in mapped}
    if "createTime" in doc:
        seconds = unix(doc["createTime"])
        if seconds is None or rfc3339(seconds) != doc["createTime"]:
            rest["createTime"] = doc["createTime"]
    if "usageMetadata" in doc:
        usage = usage_residual(doc["usageMetadata"])
        if usage:
            rest["usageMetadata"] = usage
    return rest


# --- OpenAI → Gemini ----------------------------------------------------------------------------


def usage_from_openai(usage: Obj, native: Obj) -> Obj:
    """Gemini ``usageMetadata`` from OpenAI ``usage`` plus the carried residual."""
    details = usage.get("completion_tokens_details") or {}
    reasoning = details.get("reasoning_tokens")
    tool_use = native.get("toolUsePromptTokenCount", 0)
    meta: Obj = {}
    counts = {
        "promptTokenCount": usage.get("prompt_tokens", 0) - tool_use,
        "candidatesTokenCount": usage.get("completion_tokens", 0) - (reasoning or 0),
        "totalTokenCount": usage.get("total_tokens", 0),
    }
    for key, value in counts.items():
        if value:
            meta[key] = value
    cached = (usage.get("prompt_tokens_details") or {}).get("cached_tokens")
    if cached is not None:
        meta["cachedContentTokenCount"] = cached
    if reasoning is not None:
        meta["thoughtsTokenCount"] = reasoning
    for key, value in native.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    return meta


def _usage_losses(usage: Obj, losses: Losses) -> None:
    for group, keep in (
        ("prompt_tokens_details", "cached_tokens"),
        ("completion_tokens_details", "reasoning_tokens"),
    ):
        for key, value in (usage.get(group) or {}).items():
            if key != keep and value:
                losses.add(ptr("usage", group, key), "no Gemini usage counterpart")


def candidate_from_choice(choice: Obj, key: str, at: str, losses: Losses) -> Obj:
    """A Gemini candidate from an OpenAI choice (``key`` is ``message`` or ``delta``)."""
    message = choice.get(key) or {}
    native = dict(google(choice))
    parts = message_parts(message, f"{at}/{key}", losses)
    cand: Obj = {}
    if parts:
        cand["content"] = {"role": "model", "parts": parts}
    reason = choice.get("finish_reason")
    if reason is not None:
        calls = bool(message.get("tool_calls"))
        if "finishReason" in native:
            cand["finishReason"] = native.pop("finishReason")
        else:
            cand["finishReason"] = _finish.from_openai(reason)
            if _finish.to_openai(cand["finishReason"], calls_functions=calls) != reason:
                losses.add(f"{at}/finish_reason", f"{reason!r} does not map back exactly")
    if choice.get("logprobs") is not None and "logprobsResult" not in native:
        cand["logprobsResult"] = logprobs_from_openai(choice["logprobs"])
    cand.update(native)
    cand["index"] = choice.get("index", 0)
    return cand


def message_parts(message: Obj, at: str, losses: Losses) -> list[Obj]:
    """Gemini parts of an OpenAI assistant message or delta (thought, text, calls)."""
    parts: list[Obj] = []
    if isinstance(message.get("reasoning_content"), str):
        parts.append({"text": message["reasoning_content"], "thought": True})
    ext = google(message)
    content = message.get("content")
    if isinstance(content, str):
        part: Obj = {"text": content}
        if isinstance(ext.get(SIGNATURE), str):
            part["thoughtSignature"] = ext[SIGNATURE]
        parts.append(part)
    elif isinstance(ext.get(SIGNATURE), str):
        losses.add(f"{at}/extra_content/google/{SIGNATURE}", "no text to sign")
    for key in set(ext) - {SIGNATURE}:
        losses.add(f"{at}/extra_content/google/{key}", "not a Gemini part field")
    for field in ("refusal", "audio", "annotations"):
        if message.get(field):
            losses.add(f"{at}/{field}", f"{field} has no Gemini counterpart")
    calls = list(message.get("tool_calls") or [])
    if isinstance(message.get("function_call"), dict):
        losses.add(f"{at}/function_call", "legacy function_call comes back as a tool call")
        calls.append({"function": message["function_call"]})
    for j, call in enumerate(calls):
        where = f"{at}/tool_calls/{j}"
        if call.get("type", "function") != "function":
            losses.add(where, "only function tool calls have a Gemini counterpart")
            continue
        parts.append(call_part(call, where, losses))
    return parts


def call_part(call: Obj, at: str, losses: Losses) -> Obj:
    """A Gemini ``functionCall`` part from a complete OpenAI tool call."""
    function = call.get("function") or {}
    fc: Obj = {}
    call_id = call.get("id")
    if call_id and not _ids.is_synthetic(call_id):
        fc["id"] = call_id
    fc["name"] = function.get("name", "")
    arguments = function.get("arguments") or ""
    args = parse_object(arguments) if arguments.strip() else {}
    if args is None:
        losses.add(f"{at}/function/arguments", "arguments are not a JSON object")
    elif args:
        fc["args"] = args
    part: Obj = {"functionCall": fc}
    ext = google(call)
    if isinstance(ext.get(SIGNATURE), str):
        part["thoughtSignature"] = ext[SIGNATURE]
    for key in set(ext) - {SIGNATURE}:
        losses.add(f"{at}/extra_content/google/{key}", "not a Gemini part field")
    return part


def response_header(doc: Obj, losses: Losses, at: str = "") -> Obj:
    """``responseId``, ``modelVersion`` and ``createTime`` from an OpenAI completion/chunk."""
    out: Obj = {}
    if doc.get("id"):
        out["responseId"] = doc["id"]
    if doc.get("model"):
        out["modelVersion"] = doc["model"]
    if doc.get("created"):
        out["createTime"] = rfc3339(int(doc["created"]))
    for key in ("system_fingerprint", "service_tier"):
        if doc.get(key) is not None:
            losses.add(at + ptr(key), f"{key} has no Gemini counterpart")
    return out


def response_from_openai(
    completion: Obj,
    *,
    strict: bool = False,
    api_version: str = "v1beta",
    settings: Settings | None = None,
) -> Converted:
    """Convert an OpenAI ``chat.completion`` into a Gemini ``GenerateContentResponse``."""
    check_openai(completion, "response")
    losses = Losses(strict)
    native = dict(google(completion))
    out = response_header(completion, losses)
    blocked = "blockReason" in (native.get("promptFeedback") or {})
    if not blocked:
        out["candidates"] = [
            candidate_from_choice(c, "message", ptr("choices", i), losses)
            for i, c in enumerate(completion.get("choices", []))
        ]
    usage_native = native.pop("usageMetadata", {})
    if completion.get("usage"):
        out["usageMetadata"] = usage_from_openai(completion["usage"], usage_native)
        _usage_losses(completion["usage"], losses)
    elif usage_native:
        out["usageMetadata"] = usage_native
    out.update(native)
    doc = gemini_boundary(
        out,
        kind="response",
        api_version=api_version,
        stage="output",
        settings=settings,
        source=completion,
    )
    return losses.result(doc)
