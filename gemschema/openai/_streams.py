"""Streams both ways: Gemini ``streamGenerateContent`` chunks ↔ ``chat.completion.chunk``.

Both converters are stateful: feed chunks with :meth:`convert`, then call :meth:`close`.
Loss pointers point into the source stream read as a JSON array (``/3/candidates/0/…``).
``collect_*`` turn a stream into the one response it amounts to; converting chunk by chunk and
then collecting gives what collecting and then converting the whole response gives.
"""

from __future__ import annotations

import copy
from collections import abc
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gemschema.errors import UsageError
from gemschema.openai import _finish, _ids
from gemschema.openai._assemble import CallAssembler, Event, append_part
from gemschema.openai._boundary import gemini_boundary
from gemschema.openai._check import check_openai
from gemschema.openai._common import SIGNATURE, dumps, google, with_google
from gemschema.openai._errors import error_from_openai, error_to_openai
from gemschema.openai._responses import (
    MessageBuilder,
    call_part,
    candidate_residual,
    carry,
    completion_header,
    logprobs_from_openai,
    logprobs_to_openai,
    message_parts,
    response_header,
    response_residual,
    usage_from_openai,
    usage_residual,
    usage_to_openai,
)
from gemschema.openai._sse import format_sse, iter_sse
from gemschema.openai._types import Converted, Losses, Obj

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from gemschema.settings import Settings

# --- collecting -----------------------------------------------------------------------------------


def merge_tool_call_delta(calls: dict[int, Obj], delta: Obj) -> None:
    """Add one streamed ``tool_calls`` delta to the call it continues (by ``index``): the id and
    name when given, the next piece of the arguments, and Google's extension fields."""
    call = calls.setdefault(
        delta.get("index", 0),
        {"id": "", "type": "function", "function": {"name": "", "arguments": ""}},
    )
    if delta.get("id"):
        call["id"] = delta["id"]
    function = delta.get("function") or {}
    if function.get("name"):
        call["function"]["name"] = function["name"]
    call["function"]["arguments"] += function.get("arguments") or ""
    if google(delta):
        call.setdefault("extra_content", {"google": {}})["google"].update(
            copy.deepcopy(google(delta))
        )


def collect_gemini_stream(chunks: Iterable[Obj]) -> Obj:
    """The whole ``GenerateContentResponse`` a Gemini stream amounts to.

    Response and candidate fields: the last value wins (``usageMetadata`` is cumulative).
    Parts are appended in order, adjacent text runs merged, function calls sent in pieces
    assembled. ``logprobsResult`` lists are concatenated.
    """
    out: Obj = {}
    cands: dict[int, Obj] = {}
    assemblers: dict[int, CallAssembler] = {}
    losses = Losses()
    for n, chunk in enumerate(chunks):
        for key, value in chunk.items():
            if key != "candidates":
                out[key] = copy.deepcopy(value)
        for position, cand in enumerate(chunk.get("candidates", [])):
            index = cand.get("index", position)
            merged = cands.setdefault(index, {})
            assembler = assemblers.setdefault(index, CallAssembler(losses))
            for key, value in cand.items():
                if key == "content":
                    content = merged.setdefault("content", {})
                    if "role" in value:
                        content["role"] = value["role"]
                    parts = content.setdefault("parts", [])
                    for j, part in enumerate(value.get("parts", [])):
                        if "functionCall" in part:
                            at = f"/{n}/candidates/{position}/content/parts/{j}"
                            parts += [e.part for e in assembler.take(part, at) if e.kind == "done"]
                        else:
                            append_part(parts, part)
                elif key == "logprobsResult" and "logprobsResult" in merged:
                    for name in ("topCandidates", "chosenCandidates"):
                        if name in value:
                            merged[key].setdefault(name, []).extend(copy.deepcopy(value[name]))
                else:
                    merged[key] = copy.deepcopy(value)
            if "finishReason" in cand:
                merged.setdefault("content", {}).setdefault("parts", []).extend(
                    e.part for e in assembler.flush()
                )
    for index, assembler in assemblers.items():
        cands[index].setdefault("content", {}).setdefault("parts", []).extend(
            e.part for e in assembler.flush()
        )
    for cand in cands.values():
        if not cand.get("content", {}).get("parts"):
            cand.pop("content", None)
    if cands:
        out["candidates"] = list(cands.values())
    return out


def collect_openai_stream(chunks: Iterable[Obj]) -> Obj:
    """The whole ``chat.completion`` an OpenAI chunk stream amounts to."""
    out: Obj = {}
    choices: dict[int, Obj] = {}
    ext: Obj = {}
    for chunk in chunks:
        for key in ("id", "created", "model", "system_fingerprint", "service_tier"):
            if key in chunk and key not in out:
                out[key] = chunk[key]
        if chunk.get("usage") is not None:
            out["usage"] = copy.deepcopy(chunk["usage"])
        ext.update(copy.deepcopy(google(chunk)))
        for delta in chunk.get("choices", []):
            merged = choices.setdefault(
                delta.get("index", 0), {"message": {"role": "assistant"}, "calls": {}}
            )
            _merge_delta(merged, delta)
    out["object"] = "chat.completion"
    out["choices"] = []
    for index, merged in sorted(choices.items()):
        message = merged["message"]
        message.setdefault("content", None)
        if merged["calls"]:
            message["tool_calls"] = [merged["calls"][k] for k in sorted(merged["calls"])]
        choice: Obj = {
            "index": index,
            "message": message,
            "finish_reason": merged.get("finish_reason") or "stop",
        }
        if "logprobs" in merged:
            choice["logprobs"] = merged["logprobs"]
        with_google(choice, merged.get("ext", {}))
        out["choices"].append(choice)
    with_google(out, ext)
    return out


def _merge_delta(merged: Obj, choice: Obj) -> None:
    delta = choice.get("delta") or {}
    message = merged["message"]
    for key in ("content", "reasoning_content", "refusal"):
        if delta.get(key) is not None:
            message[key] = (message.get(key) or "") + delta[key]
    sig = google(delta)
    if sig:
        message.setdefault("extra_content", {"google": {}})["google"].update(copy.deepcopy(sig))
    for tc in delta.get("tool_calls") or []:
        merge_tool_call_delta(merged["calls"], tc)
    if choice.get("finish_reason") is not None:
        merged["finish_reason"] = choice["finish_reason"]
    if choice.get("logprobs") is not None:
        logprobs = merged.setdefault("logprobs", {"content": [], "refusal": None})
        logprobs["content"].extend(copy.deepcopy(choice["logprobs"].get("content") or []))
    merged.setdefault("ext", {}).update(copy.deepcopy(google(choice)))


# --- Gemini → OpenAI ------------------------------------------------------------------------------


@dataclass
class _CandidateState:
    assembler: CallAssembler
    role_sent: bool = False
    calls: int = 0
    finished: bool = False
    open: tuple[int, bool] | None = None


class _Converter:
    """What both stream converters share: whole streams and SSE text, over ``convert``/``close``.

    ``DONE`` says whether the target format ends a stream with ``data: [DONE]`` (OpenAI's does).
    """

    DONE = False

    def convert(self, chunk: Obj) -> list[Obj]:
        raise NotImplementedError

    def close(self) -> list[Obj]:
        raise NotImplementedError

    def iter(self, chunks: Iterable[Obj]) -> Iterator[Obj]:
        """Convert a whole stream lazily (``close`` included)."""
        if not isinstance(chunks, abc.Iterable):
            raise UsageError(f"a stream is an iterable of chunks, not {type(chunks).__name__}")
        for chunk in chunks:
            yield from self.convert(chunk)
        yield from self.close()

    def sse(self, lines: Iterable[str]) -> Iterator[str]:
        """Convert SSE text (line by line; ``[DONE]`` ends it) to SSE events of the target."""
        for chunk in self.iter(iter_sse(lines)):
            yield format_sse([chunk], done=False)
        if self.DONE:
            yield format_sse([], done=True)


class StreamToOpenAI(_Converter):
    """Gemini stream chunks → ``chat.completion.chunk`` objects.

    Role in the first delta; text and (opt-in) ``reasoning_content`` deltas; one
    ``tool_calls`` entry per call with its own ``index`` and id (a call streamed in pieces is
    announced by name at once and gets its whole ``arguments`` when complete); a finish chunk
    with ``finish_reason`` ``tool_calls`` when the candidate called functions, whichever chunk
    the call and ``STOP`` came in; with ``include_usage`` a last chunk with ``usage``.
    """

    DONE = True

    def __init__(
        self,
        *,
        include_usage: bool = False,
        native: bool = True,
        reasoning: bool = False,
        created: int | None = None,
        model: str | None = None,
        strict: bool = False,
        api_version: str = "v1beta",
        settings: Settings | None = None,
    ) -> None:
        self.include_usage = include_usage
        self.native = native
        self.reasoning = reasoning
        self.created = created
        self.model = model
        self.api_version = api_version
        self.settings = settings
        self.losses = Losses(strict)
        self.header: Obj | None = None
        self.response_id = ""
        self.cands: dict[int, _CandidateState] = {}
        self.usage_meta: Obj | None = None
        self.last_rest: Obj = {}
        self.errored = False
        self.count = 0

    def _chunk(self, choices: list[Obj]) -> Obj:
        assert self.header is not None
        return {**self.header, "choices": choices}

    def convert(self, chunk: Obj) -> list[Obj]:
        """The OpenAI chunks for one Gemini chunk (an error body converts to an error body)."""
        n = self.count
        self.count += 1
        if isinstance(chunk, dict) and "error" in chunk:
            self.errored = True  # the stream ends here: nothing to finish or count
            return [error_to_openai(chunk, native=self.native, settings=self.settings).document]
        doc = gemini_boundary(
            chunk, kind="chunk", api_version=self.api_version, stage="input", settings=self.settings
        )
        if self.header is None:
            self.header = completion_header(doc, created=self.created, model=self.model)
            self.response_id = doc.get("responseId", "")
        if "usageMetadata" in doc:
            self.usage_meta = doc["usageMetadata"]
        choices = [self._choice(c, i, n) for i, c in enumerate(doc.get("candidates", []))]
        feedback = doc.get("promptFeedback") or {}
        if "blockReason" in feedback and not doc.get("candidates"):
            delta = {"role": "assistant"}
            choices.append({"index": 0, "delta": delta, "finish_reason": "content_filter"})
        out = self._chunk(choices)
        rest = response_residual({k: v for k, v in doc.items() if k != "usageMetadata"})
        carry(out, rest, f"/{n}", self.losses, native=self.native, reason="no OpenAI counterpart")
        self.last_rest = rest if self.native else {}
        check_openai(out, "chunk", stage="output")
        return [out]

    def _choice(self, cand: Obj, position: int, n: int) -> Obj:
        at = f"/{n}/candidates/{position}"
        index = cand.get("index", position)
        state = self.cands.setdefault(index, _CandidateState(CallAssembler(self.losses)))
        builder = MessageBuilder(self.losses, reasoning=self.reasoning)
        tool_deltas: list[Obj] = []
        content = cand.get("content")
        parts = content.get("parts", []) if isinstance(content, dict) else []
        for j, part in enumerate(parts):
            where = f"{at}/content/parts/{j}"
            if "functionCall" in part:
                for event in state.assembler.take(part, where):
                    tool_deltas.append(self._tool_delta(event, state, index, where))
            else:
                builder.part(part, where)
        if "finishReason" in cand:
            for event in state.assembler.flush():
                tool_deltas.append(self._tool_delta(event, state, index, f"{at}/content"))
        delta: Obj = {}
        if not state.role_sent:
            delta["role"] = "assistant"
            state.role_sent = True
        if builder.thoughts:
            delta["reasoning_content"] = "".join(builder.thoughts)
        if builder.any_text:
            delta["content"] = "".join(builder.texts)
        if builder.signature is not None:
            with_google(delta, {SIGNATURE: builder.signature})
        if tool_deltas:
            delta["tool_calls"] = tool_deltas
        finish = None
        if "finishReason" in cand:
            finish = _finish.to_openai(cand["finishReason"], calls_functions=state.calls > 0)
            state.finished = True
        choice: Obj = {"index": index, "delta": delta, "finish_reason": finish}
        if "logprobsResult" in cand:
            choice["logprobs"] = logprobs_to_openai(cand["logprobsResult"])
        rest = candidate_residual(cand, calls=state.calls > 0)
        carry(choice, rest, at, self.losses, native=self.native, reason="no OpenAI counterpart")
        return choice

    def _tool_delta(self, event: Event, state: _CandidateState, index: int, at: str) -> Obj:
        part = event.part
        fc = part["functionCall"]
        if event.kind == "done" and state.open is not None:
            ordinal, signed = state.open
            state.open = None
            delta: Obj = {"index": ordinal, "function": {"arguments": dumps(fc.get("args", {}))}}
            if "thoughtSignature" in part and not signed:
                with_google(delta, {SIGNATURE: part["thoughtSignature"]})
            return delta
        ordinal = state.calls
        state.calls += 1
        call_id = fc.get("id") or _ids.synthesize(self.response_id, index, ordinal)
        if event.kind == "started":
            state.open = (ordinal, "thoughtSignature" in part)
            delta = {
                "index": ordinal,
                "id": call_id,
                "type": "function",
                "function": {"name": fc.get("name", ""), "arguments": ""},
            }
            if "thoughtSignature" in part:
                with_google(delta, {SIGNATURE: part["thoughtSignature"]})
            return delta
        builder = MessageBuilder(self.losses, reasoning=self.reasoning)
        return {"index": ordinal, **builder.call(part, at, call_id)}

    def close(self) -> list[Obj]:
        """Flush calls still pending, finish unfinished candidates, then the usage chunk."""
        out: list[Obj] = []
        if self.header is None or self.errored:
            return out
        choices = []
        for index, state in self.cands.items():
            at = f"/{self.count - 1}"
            deltas = [self._tool_delta(e, state, index, at) for e in state.assembler.flush()]
            if state.finished and not deltas:
                continue
            delta: Obj = {"tool_calls": deltas} if deltas else {}
            finish = None
            if not state.finished:
                finish = _finish.to_openai("STOP", calls_functions=state.calls > 0)
                state.finished = True
            choices.append({"index": index, "delta": delta, "finish_reason": finish})
        if choices:
            chunk = self._chunk(choices)
            with_google(chunk, self.last_rest)  # the response fields of the chunk it closes
            out.append(chunk)
        if self.include_usage and self.usage_meta is not None:
            chunk = self._chunk([])
            usage = usage_to_openai(self.usage_meta)
            if usage is not None:
                chunk["usage"] = usage
            rest = usage_residual(self.usage_meta)
            at = f"/{self.count - 1}/usageMetadata"
            if self.native:
                with_google(chunk, {**self.last_rest, **({"usageMetadata": rest} if rest else {})})
            else:
                for key in rest:
                    self.losses.add(f"{at}/{key}", "no OpenAI counterpart")
            if usage is not None or google(chunk):
                out.append(chunk)
        return out


# --- OpenAI → Gemini ------------------------------------------------------------------------------


class StreamToGemini(_Converter):
    """``chat.completion.chunk`` objects → Gemini stream chunks.

    Text and reasoning deltas become parts as they come; tool-call fragments are buffered per
    ``index`` until the choice finishes, then sent as whole ``functionCall`` parts; every chunk
    carries the first chunk's id as ``responseId``.
    """

    def __init__(
        self, *, strict: bool = False, api_version: str = "v1beta", settings: Settings | None = None
    ) -> None:
        self.losses = Losses(strict)
        self.api_version = api_version
        self.settings = settings
        self.response_id: str | None = None
        self.buffers: dict[int, dict[int, Obj]] = {}
        self.count = 0

    def convert(self, chunk: Obj) -> list[Obj]:
        """The Gemini chunks for one OpenAI chunk (an error body converts to an error body)."""
        n = self.count
        self.count += 1
        if isinstance(chunk, dict) and "error" in chunk:
            return [error_from_openai(chunk).document]
        check_openai(chunk, "chunk")
        if self.response_id is None:
            self.response_id = chunk.get("id", "")
        header = response_header({**chunk, "id": self.response_id}, self.losses, f"/{n}")
        ext = dict(google(chunk))
        cands = []
        # A blocked prompt has no candidates (its choice is the content_filter stand-in).
        blocked = "blockReason" in (ext.get("promptFeedback") or {})
        for i, choice in enumerate([] if blocked else chunk.get("choices", [])):
            cand = self._candidate(choice, f"/{n}/choices/{i}")
            if cand is not None:
                cands.append(cand)
        usage_native = ext.pop("usageMetadata", {})
        out: Obj = {}
        if cands:
            out["candidates"] = cands
        if chunk.get("usage"):
            out["usageMetadata"] = usage_from_openai(chunk["usage"], usage_native)
        elif usage_native:
            out["usageMetadata"] = usage_native
        if not out and not ext:
            return []
        out = {**out, **header, **ext}
        return [
            gemini_boundary(
                out,
                kind="chunk",
                api_version=self.api_version,
                stage="output",
                settings=self.settings,
                source=chunk,
            )
        ]

    def _candidate(self, choice: Obj, at: str) -> Obj | None:
        index = choice.get("index", 0)
        delta = choice.get("delta") or {}
        buffers = self.buffers.setdefault(index, {})
        plain = {k: v for k, v in delta.items() if k != "tool_calls"}
        parts: list[Obj] = []
        if buffers and any(plain.get(k) is not None for k in ("content", "reasoning_content")):
            parts += self._flush(index, at)  # text after tool calls: the calls are whole
            buffers = self.buffers.setdefault(index, {})
        parts += message_parts(plain, f"{at}/delta", self.losses)
        for tc in delta.get("tool_calls") or []:
            merge_tool_call_delta(buffers, tc)
        cand: Obj = {}
        native = dict(google(choice))
        reason = choice.get("finish_reason")
        if reason is not None:
            parts += self._flush(index, at)
            calls = any("functionCall" in p for p in parts)
            if "finishReason" in native:
                cand["finishReason"] = native.pop("finishReason")
            else:
                cand["finishReason"] = _finish.from_openai(reason)
                if _finish.to_openai(cand["finishReason"], calls_functions=calls) != reason:
                    self.losses.add(f"{at}/finish_reason", f"{reason!r} does not map back exactly")
        if parts:
            cand = {"content": {"role": "model", "parts": parts}, **cand}
        if choice.get("logprobs") is not None and "logprobsResult" not in native:
            cand["logprobsResult"] = logprobs_from_openai(choice["logprobs"])
        cand.update(native)
        if not cand:
            return None
        cand["index"] = index
        return cand

    def _flush(self, index: int, at: str) -> list[Obj]:
        buffers = self.buffers.pop(index, {})
        return [
            call_part(buffers[k], f"{at}/delta/tool_calls/{k}", self.losses)
            for k in sorted(buffers)
        ]

    def close(self) -> list[Obj]:
        """Send tool calls still buffered when the stream ended without a finish."""
        cands = []
        for index in sorted(self.buffers):
            parts = self._flush(index, f"/{self.count}")
            if parts:
                cands.append({"content": {"role": "model", "parts": parts}, "index": index})
        if not cands:
            return []
        out = {"candidates": cands, **response_header({"id": self.response_id}, Losses(), "")}
        return [
            gemini_boundary(
                out,
                kind="chunk",
                api_version=self.api_version,
                stage="output",
                settings=self.settings,
            )
        ]


def stream_to_openai(
    chunks: Iterable[Obj],
    *,
    include_usage: bool = False,
    native: bool = True,
    reasoning: bool = False,
    created: int | None = None,
    model: str | None = None,
    strict: bool = False,
    api_version: str = "v1beta",
    settings: Settings | None = None,
) -> Converted:
    """Convert a whole Gemini stream at once: the OpenAI chunks and the losses."""
    converter = StreamToOpenAI(
        include_usage=include_usage,
        native=native,
        reasoning=reasoning,
        created=created,
        model=model,
        strict=strict,
        api_version=api_version,
        settings=settings,
    )
    return Converted(list(converter.iter(chunks)), tuple(converter.losses.items))


def stream_to_gemini(
    chunks: Iterable[Obj],
    *,
    strict: bool = False,
    api_version: str = "v1beta",
    settings: Settings | None = None,
) -> Converted:
    """Convert a whole OpenAI chunk stream at once: the Gemini chunks and the losses."""
    converter = StreamToGemini(strict=strict, api_version=api_version, settings=settings)
    return Converted(list(converter.iter(chunks)), tuple(converter.losses.items))
