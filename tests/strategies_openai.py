"""Hypothesis strategies and checks for the OpenAI conversion tests (``gemschema.openai``).

Strategies draw documents in the *conversion domain*: valid, canonical documents of both
formats (Gemini: camelCase, turns alternating, results answering calls; OpenAI: the spelling
:func:`~gemschema.openai.canonical_openai_request` gives). With ``lossy=True`` they also draw
fields that cannot survive a conversion, so tests can check that exactly those are reported.

Checks use the SDKs as independent judges: ``openai`` (``ChatCompletion``,
``ChatCompletionChunk``, ``CompletionCreateParams``) and ``google-genai``
(``GenerateContentResponse``).
"""

from __future__ import annotations

import base64
import copy
import difflib
import json
import string
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from google.genai.types import GenerateContentResponse
from hypothesis import strategies as st
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.chat.completion_create_params import (
    CompletionCreateParamsNonStreaming,
    CompletionCreateParamsStreaming,
)
from pydantic import TypeAdapter

if TYPE_CHECKING:
    from collections.abc import Iterable

    from gemschema.openai import Loss

Obj = dict[str, Any]

# --- diffs and loss coverage ---------------------------------------------------------------------


def _esc(token: object) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def diff(a: Any, b: Any, at: str = "") -> list[str]:
    """JSON Pointers (into ``a``) where ``a`` and ``b`` differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        out: list[str] = []
        for key in list(a) + [k for k in b if k not in a]:
            where = f"{at}/{_esc(key)}"
            out += [where] if key not in a or key not in b else diff(a[key], b[key], where)
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            p for i, (x, y) in enumerate(zip(a, b, strict=True)) for p in diff(x, y, f"{at}/{i}")
        ]
    if isinstance(a, list) and isinstance(b, list):
        # Align the lists first, so a removed element is one difference, not a shifted tail.
        keys_a = [json.dumps(x, sort_keys=True) for x in a]
        keys_b = [json.dumps(x, sort_keys=True) for x in b]
        out = []
        matcher = difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    out += diff(a[i1 + k], b[j1 + k], f"{at}/{i1 + k}")
            else:
                out += [f"{at}/{i}" for i in range(i1, i2)] or [f"{at}/{i1}"]
        return out
    same = (a == b and type(a) is type(b)) or (isinstance(a, float | int) and a == b)
    return [] if same else [at]


def _related(p: str, q: str) -> bool:
    return p == q or p.startswith(q + "/") or q.startswith(p + "/") or q == "" or p == ""


def assert_losses_exact(losses: Iterable[Loss], diffs: list[str]) -> None:
    """Every difference lies under a reported loss, and every loss names a difference."""
    pointers = [loss.pointer for loss in losses]
    uncovered = [d for d in diffs if not any(_related(d, p) for p in pointers)]
    assert not uncovered, f"changed but not reported: {uncovered} (losses: {pointers})"
    idle = [p for p in pointers if not any(_related(d, p) for d in diffs)]
    assert not idle, f"reported but unchanged: {idle} (diffs: {diffs})"


# --- SDK checks ----------------------------------------------------------------------------------

_REQUEST = TypeAdapter(CompletionCreateParamsNonStreaming)
_STREAM_REQUEST = TypeAdapter(CompletionCreateParamsStreaming)
EXTENSIONS = {"extra_content", "extra_body", "reasoning_content"}
"""The documented extension keys; anything else the SDK drops is a bug."""


def _materialize(value: Any) -> Any:
    if isinstance(value, Iterator):  # pydantic validates Iterable fields lazily
        return [_materialize(v) for v in value]
    if isinstance(value, dict):
        return {k: _materialize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_materialize(v) for v in value]
    return value


def _dropped(original: Any, validated: Any, at: str = "") -> list[str]:
    if isinstance(original, dict) and isinstance(validated, dict):
        out = [f"{at}/{k}" for k in original if k not in validated and k not in EXTENSIONS]
        for key in original:
            if key in validated:
                out += _dropped(original[key], validated[key], f"{at}/{key}")
        return out
    if isinstance(original, list) and isinstance(validated, list):
        return [
            p
            for i, (o, v) in enumerate(zip(original, validated, strict=False))
            for p in _dropped(o, v, f"{at}/{i}")
        ]
    return []


def check_openai_request(doc: Obj) -> None:
    """The ``openai`` package accepts ``doc`` as ``CompletionCreateParams``, with no stray keys."""
    adapter = _STREAM_REQUEST if doc.get("stream") else _REQUEST
    validated = _materialize(adapter.validate_python(doc))
    assert not _dropped(doc, validated), _dropped(doc, validated)


def check_chat_completion(doc: Obj) -> None:
    """``ChatCompletion`` parses ``doc``; its only unknown keys are the documented extensions."""
    parsed = ChatCompletion.model_validate(doc)
    _no_stray_extras(parsed)


def check_chunk(doc: Obj) -> None:
    """``ChatCompletionChunk`` parses ``doc`` (an error body is checked as one)."""
    if "error" in doc:
        assert isinstance(doc["error"]["message"], str)
        return
    _no_stray_extras(ChatCompletionChunk.model_validate(doc))


def _no_stray_extras(model: Any) -> None:
    extras = getattr(model, "model_extra", None) or {}
    assert set(extras) <= EXTENSIONS, extras
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if hasattr(type(item), "model_fields"):
                _no_stray_extras(item)


def check_gemini_response(doc: Obj) -> None:
    """``google-genai`` parses ``doc`` as a ``GenerateContentResponse`` (unknown keys refused)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown finish reasons warn, by design
        GenerateContentResponse.model_validate(doc)


# --- building blocks -----------------------------------------------------------------------------

texts = st.text(min_size=1, max_size=12)
names = st.text(string.ascii_letters, min_size=1, max_size=6).map(lambda s: "f_" + s)
b64 = st.binary(min_size=1, max_size=9).map(lambda b: base64.b64encode(b).decode())
call_ids = st.text(string.ascii_letters + string.digits, min_size=4, max_size=10).map(
    lambda s: "call_" + s
)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-1000, 1000), texts, st.floats(-10, 10, allow_nan=False)
)
json_objects = st.dictionaries(
    st.text(string.ascii_lowercase, min_size=1, max_size=5),
    st.recursive(scalars, lambda inner: st.lists(inner, max_size=2), max_leaves=4),
    max_size=3,
)
floats01 = st.floats(0, 1, allow_nan=False).map(lambda f: round(f, 3))
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


def gemini_schemas() -> st.SearchStrategy[Obj]:
    """Gemini ``Schema`` objects of the kind function parameters use."""
    leaf = st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("STRING")},
            optional={
                "description": texts,
                "enum": st.lists(texts, min_size=1, max_size=3, unique=True),
                "nullable": st.just(True),
                "maxLength": st.integers(1, 99).map(str),
                "pattern": st.just("^a+$"),
                "title": texts,
                "format": st.just("date-time"),
            },
        ),
        st.fixed_dictionaries(
            {"type": st.sampled_from(["INTEGER", "NUMBER"])},
            optional={
                "minimum": st.integers(-5, 0),
                "maximum": st.integers(1, 9),
                "example": st.integers(1, 9),
            },
        ),
        st.fixed_dictionaries({"type": st.just("BOOLEAN")}, optional={"default": st.booleans()}),
    )
    array = st.builds(lambda items: {"type": "ARRAY", "items": items, "minItems": "1"}, leaf)
    props = st.dictionaries(
        st.text(string.ascii_lowercase, min_size=1, max_size=5),
        leaf | array,
        min_size=1,
        max_size=3,
    )

    def obj(p: Obj, required: bool, ordering: bool) -> Obj:
        out: Obj = {"type": "OBJECT", "properties": p}
        if required:
            out["required"] = sorted(p)[:1]
        if ordering:
            out["propertyOrdering"] = list(p)
        return out

    return st.builds(obj, props, st.booleans(), st.booleans())


json_schemas = st.builds(
    lambda props: {"type": "object", "properties": props, "required": sorted(props)[:1]},
    st.dictionaries(
        st.text(string.ascii_lowercase, min_size=1, max_size=5),
        st.sampled_from([{"type": "string"}, {"type": "integer"}, {"type": ["string", "null"]}]),
        min_size=1,
        max_size=3,
    ),
)

# --- Gemini requests -----------------------------------------------------------------------------


@st.composite
def gemini_user_part(draw: st.DrawFn) -> Obj:
    kind = draw(st.sampled_from(["text", "text", "image", "audio", "pdf", "url"]))
    if kind == "text":
        return {"text": draw(texts)}
    if kind == "image":
        mime = draw(st.sampled_from(sorted(IMAGE_TYPES)))
        return {"inlineData": {"mimeType": mime, "data": draw(b64)}}
    if kind == "audio":
        mime = draw(st.sampled_from(["audio/wav", "audio/mp3"]))
        return {"inlineData": {"mimeType": mime, "data": draw(b64)}}
    if kind == "pdf":
        return {"inlineData": {"mimeType": "application/pdf", "data": draw(b64)}}
    mime = draw(st.sampled_from(sorted(IMAGE_TYPES)))
    stem = draw(st.text(string.ascii_lowercase, min_size=1, max_size=6))
    return {
        "fileData": {"mimeType": mime, "fileUri": f"https://example.com/{stem}.{IMAGE_TYPES[mime]}"}
    }


@st.composite
def gemini_requests(draw: st.DrawFn, *, lossy: bool = False, schema: str = "json") -> Obj:
    """A ``GenerateContentRequest`` (``schema``: how declarations give parameters)."""
    functions = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    contents: list[Obj] = []
    pending: list[Obj] = []
    used: set[str] = set()
    for _ in range(draw(st.integers(1, 4))):
        parts = [_answer(draw, call) for call in pending]
        parts += draw(st.lists(gemini_user_part(), min_size=0 if pending else 1, max_size=3))
        contents.append({"role": "user", "parts": parts})
        pending = []
        if draw(st.integers(0, 3)) == 0:
            break
        model: list[Obj] = [{"text": t} for t in draw(st.lists(texts, max_size=2))]
        for k in range(draw(st.integers(0 if model else 1, 3))):
            fc: Obj = {"name": draw(st.sampled_from(functions))}
            if draw(st.booleans()):
                call_id = draw(call_ids.filter(lambda c: c not in used))
                used.add(call_id)
                fc = {"id": call_id, **fc}
            args = draw(json_objects)
            if args:
                fc["args"] = args
            part: Obj = {"functionCall": fc}
            if k == 0 and draw(st.booleans()):
                part["thoughtSignature"] = draw(b64)
            model.append(part)
            pending.append(fc)
        if lossy and draw(st.booleans()):
            model.insert(0, {"text": draw(texts), "thought": True})
        contents.append({"role": "model", "parts": model})
    if pending:
        contents.append({"role": "user", "parts": [_answer(draw, call) for call in pending]})
    elif contents[-1]["role"] == "model":
        contents.append({"role": "user", "parts": [{"text": draw(texts)}]})
    doc: Obj = {"contents": contents}
    if draw(st.booleans()):
        doc = {
            "systemInstruction": {
                "parts": [{"text": t} for t in draw(st.lists(texts, min_size=1, max_size=2))]
            },
            **doc,
        }
    declarations = []
    for name in functions:
        decl: Obj = {"name": name}
        if draw(st.booleans()):
            decl["description"] = draw(texts)
        if draw(st.booleans()):
            if schema == "json":
                decl["parametersJsonSchema"] = draw(json_schemas)
            else:
                decl["parameters"] = draw(gemini_schemas())
        declarations.append(decl)
    doc["tools"] = [{"functionDeclarations": declarations}]
    fcc = draw(
        st.sampled_from(
            [
                None,
                {"mode": "AUTO"},
                {"mode": "ANY"},
                {"mode": "NONE"},
                {"mode": "ANY", "allowedFunctionNames": functions[:1]},
                {"mode": "VALIDATED", "allowedFunctionNames": functions[:2]},
            ]
        )
    )
    if fcc is not None:
        doc["toolConfig"] = {"functionCallingConfig": fcc}
    config = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "stopSequences": st.lists(texts, min_size=1, max_size=5 if lossy else 4),
                "candidateCount": st.just(1),
                "maxOutputTokens": st.integers(1, 4096),
                "temperature": floats01,
                "topP": floats01,
                "seed": st.integers(0, 2**31 - 1),
                "presencePenalty": floats01,
                "frequencyPenalty": floats01,
                "thinkingConfig": st.fixed_dictionaries(
                    {
                        "thinkingBudget": st.sampled_from(
                            [0, 1024, 8192, 24576, *([500] if lossy else [])]
                        )
                    }
                ),
                **({"topK": st.integers(1, 40)} if lossy else {}),
            },
        )
    )
    output = draw(st.sampled_from(["none", "text", "json", "schema", "logprobs", "audio"]))
    if output == "text":
        config["responseMimeType"] = "text/plain"
    elif output == "json":
        config["responseMimeType"] = "application/json"
    elif output == "schema":
        config["responseMimeType"] = "application/json"
        if schema == "json":
            config["responseJsonSchema"] = draw(json_schemas)
        else:
            config["responseSchema"] = draw(gemini_schemas())
    elif output == "logprobs":
        config["responseLogprobs"] = True
        config["logprobs"] = draw(st.integers(1, 5))
    elif output == "audio":
        config["responseModalities"] = ["AUDIO"]
        voice = draw(st.sampled_from(["Kore", "Puck"]))
        config["speechConfig"] = {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": voice}}}
    if config:
        doc["generationConfig"] = config
    if lossy and draw(st.booleans()):
        doc["safetySettings"] = [
            {"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}
        ]
    return doc


def _answer(draw: st.DrawFn, call: Obj) -> Obj:
    response = draw(json_objects | texts.map(lambda t: {"output": t}))
    fr: Obj = {"name": call["name"], "response": response}
    if "id" in call:
        fr = {"id": call["id"], **fr}
    return {"functionResponse": fr}


# --- OpenAI requests -----------------------------------------------------------------------------


@st.composite
def openai_user_content(draw: st.DrawFn, *, lossy: bool) -> Any:
    def part(kind: str) -> Obj:
        if kind == "text":
            return {"type": "text", "text": draw(texts)}
        if kind == "image":
            mime = draw(st.sampled_from(sorted(IMAGE_TYPES)))
            url: Obj = {"url": f"data:{mime};base64,{draw(b64)}"}
            if lossy and draw(st.booleans()):
                url["detail"] = "low"
            return {"type": "image_url", "image_url": url}
        if kind == "url":
            ext = draw(st.sampled_from(sorted(IMAGE_TYPES.values())))
            return {"type": "image_url", "image_url": {"url": f"https://example.com/a.{ext}"}}
        if kind == "audio":
            fmt = draw(st.sampled_from(["wav", "mp3"]))
            return {"type": "input_audio", "input_audio": {"data": draw(b64), "format": fmt}}
        file: Obj = {"file_data": f"data:application/pdf;base64,{draw(b64)}"}
        if lossy and draw(st.booleans()):
            file["filename"] = "a.pdf"
        return {"type": "file", "file": file}

    kinds = draw(
        st.lists(st.sampled_from(["text", "image", "url", "audio", "file"]), min_size=1, max_size=3)
    )
    parts = [part(k) for k in kinds]
    if len(parts) == 1 and parts[0]["type"] == "text":
        return parts[0]["text"]
    return parts


@st.composite
def openai_requests(draw: st.DrawFn, *, lossy: bool = False, reasoning: bool = False) -> Obj:
    """A canonical OpenAI chat request."""
    functions = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    messages: list[Obj] = []
    if draw(st.booleans()):
        system = draw(st.lists(texts, min_size=1, max_size=2))
        content: Any = (
            system[0] if len(system) == 1 else [{"type": "text", "text": t} for t in system]
        )
        messages.append({"role": "system", "content": content})
    used: set[str] = set()
    for _ in range(draw(st.integers(1, 3))):
        user: Obj = {"role": "user", "content": draw(openai_user_content(lossy=lossy))}
        if lossy and draw(st.integers(0, 4)) == 0:
            user["name"] = "alice"
        messages.append(user)
        if draw(st.integers(0, 3)) == 0:
            break
        assistant: Obj = {"role": "assistant"}
        body = draw(st.lists(texts, max_size=2))
        calls = []
        for k in range(draw(st.integers(0 if body else 1, 2))):
            call_id = draw(call_ids.filter(lambda c: c not in used))
            used.add(call_id)
            call: Obj = {
                "id": call_id,
                "type": "function",
                "function": {
                    "name": draw(st.sampled_from(functions)),
                    "arguments": dumps(draw(json_objects)),
                },
            }
            if k == 0 and draw(st.booleans()):
                call["extra_content"] = {"google": {"thought_signature": draw(b64)}}
            calls.append(call)
        assistant["content"] = (
            body[0] if len(body) == 1 else ([{"type": "text", "text": t} for t in body] or None)
        )
        if reasoning and draw(st.booleans()):
            assistant["reasoning_content"] = draw(texts)
        if calls:
            assistant["tool_calls"] = calls
        messages.append(assistant)
        for call in calls:
            output = draw(texts | json_objects.map(dumps))
            messages.append({"role": "tool", "tool_call_id": call["id"], "content": output})
        if calls and draw(st.booleans()):
            break
    if messages[-1]["role"] == "assistant" or (
        messages[-1]["role"] == "tool" and draw(st.booleans())
    ):
        messages.append({"role": "user", "content": draw(texts)})
    doc: Obj = {"model": "gpt-test", "messages": messages}
    tools = []
    for name in functions:
        fn: Obj = {"name": name}
        if draw(st.booleans()):
            fn["description"] = draw(texts)
        if draw(st.booleans()):
            fn["parameters"] = draw(json_schemas)
        tools.append({"type": "function", "function": fn})
    doc["tools"] = tools
    choice = draw(st.sampled_from([None, "auto", "none", "required", "named", "allowed"]))
    if choice == "named":
        doc["tool_choice"] = {"type": "function", "function": {"name": functions[0]}}
    elif choice == "allowed":
        mode = draw(st.sampled_from(["auto", "required"]))
        allowed = [{"type": "function", "function": {"name": n}} for n in functions[:2]]
        if mode == "required" and len(allowed) == 1:
            mode = "auto"
        doc["tool_choice"] = {
            "type": "allowed_tools",
            "allowed_tools": {"mode": mode, "tools": allowed},
        }
    elif choice is not None:
        doc["tool_choice"] = choice
    doc.update(
        draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "temperature": floats01,
                    "top_p": floats01,
                    "max_completion_tokens": st.integers(1, 4096),
                    "stop": st.lists(texts, min_size=1, max_size=4),
                    "n": st.just(1),
                    "seed": st.integers(0, 2**31 - 1),
                    "presence_penalty": floats01,
                    "frequency_penalty": floats01,
                    "reasoning_effort": st.sampled_from(
                        ["none", "low", "medium", "high", *(["minimal"] if lossy else [])]
                    ),
                    **(
                        {
                            "user": texts,
                            "metadata": st.just({"k": "v"}),
                            "logit_bias": st.just({"50256": -100}),
                            "store": st.booleans(),
                            "parallel_tool_calls": st.booleans(),
                            "service_tier": st.just("auto"),
                        }
                        if lossy
                        else {}
                    ),
                },
            )
        )
    )
    output = draw(st.sampled_from(["none", "text", "json", "schema", "logprobs", "audio"]))
    if output == "text":
        doc["response_format"] = {"type": "text"}
    elif output == "json":
        doc["response_format"] = {"type": "json_object"}
    elif output == "schema":
        spec: Obj = {"name": "response", "schema": draw(json_schemas)}
        if lossy and draw(st.booleans()):
            spec["strict"] = True
        doc["response_format"] = {"type": "json_schema", "json_schema": spec}
    elif output == "logprobs":
        doc["logprobs"] = True
        doc["top_logprobs"] = draw(st.integers(1, 5))
    elif output == "audio":
        doc["modalities"] = ["audio"]
        doc["audio"] = {"voice": draw(st.sampled_from(["Kore", "Puck"])), "format": "pcm16"}
    return doc


def dumps(value: Any) -> str:
    """Compact JSON text (the spelling canonical tool arguments use)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --- Gemini responses and streams ------------------------------------------------------------------

FINISH = [
    "STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "LANGUAGE", "OTHER", "BLOCKLIST",
    "PROHIBITED_CONTENT", "SPII", "MALFORMED_FUNCTION_CALL", "IMAGE_SAFETY", "FINISH_REASON_UNSPECIFIED", "SOMETHING_NEW",
]  # fmt: skip


@st.composite
def gemini_responses(draw: st.DrawFn, *, reasoning: bool = True) -> Obj:
    """A ``GenerateContentResponse`` (one text part at most: OpenAI content is one string)."""
    candidates = []
    for index in range(draw(st.integers(1, 2))):
        parts: list[Obj] = []
        if reasoning and draw(st.booleans()):
            parts.append({"text": draw(texts), "thought": True})
        if draw(st.booleans()):
            part: Obj = {"text": draw(texts)}
            if draw(st.booleans()):
                part["thoughtSignature"] = draw(b64)
            parts.append(part)
        for k in range(draw(st.integers(0 if parts else 1, 3))):
            fc: Obj = {"name": draw(names)}
            if draw(st.integers(0, 3)) == 0:
                fc = {"id": draw(call_ids), **fc}
            args = draw(json_objects)
            if args:
                fc["args"] = args
            call: Obj = {"functionCall": fc}
            if k == 0 and draw(st.booleans()):
                call["thoughtSignature"] = draw(b64)
            parts.append(call)
        cand: Obj = {
            "content": {"parts": parts, "role": "model"},
            "finishReason": draw(st.sampled_from(FINISH)),
            "index": index,
        }
        if draw(st.booleans()):
            cand["safetyRatings"] = [
                {"category": "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"}
            ]
        if draw(st.integers(0, 3)) == 0:
            cand["finishMessage"] = draw(texts)
        candidates.append(cand)
    doc: Obj = {"candidates": candidates}
    prompt, out, thoughts = (
        draw(st.integers(1, 99)),
        draw(st.integers(1, 99)),
        draw(st.integers(0, 99)),
    )
    usage: Obj = {
        "promptTokenCount": prompt,
        "candidatesTokenCount": out,
        "totalTokenCount": prompt + out + thoughts,
    }
    if thoughts:
        usage["thoughtsTokenCount"] = thoughts
    if draw(st.booleans()):
        usage["cachedContentTokenCount"] = draw(st.integers(1, prompt))
    if draw(st.booleans()):
        usage["promptTokensDetails"] = [{"modality": "TEXT", "tokenCount": prompt}]
    doc["usageMetadata"] = usage
    doc["modelVersion"] = "gemini-test"
    doc["responseId"] = draw(st.text(string.ascii_letters, min_size=5, max_size=10))
    return doc


@st.composite
def gemini_streams(draw: st.DrawFn, response: Obj) -> list[Obj]:
    """``response`` cut into stream chunks: text split, calls whole or in Vertex pieces."""
    header = {k: v for k, v in response.items() if k not in ("candidates", "usageMetadata")}
    chunks: list[Obj] = []
    for cand in response["candidates"]:
        for part in cand["content"]["parts"]:
            for piece in _pieces(draw, part):
                content = {"role": "model", "parts": [piece]}
                chunks.append(
                    {"candidates": [{"content": content, "index": cand["index"]}], **header}
                )
        last = {k: v for k, v in cand.items() if k != "content"}
        chunks.append({"candidates": [last], **header})
    chunks[-1]["usageMetadata"] = response["usageMetadata"]
    return chunks


def _pieces(draw: st.DrawFn, part: Obj) -> list[Obj]:
    if "text" in part and len(part["text"]) > 1 and draw(st.booleans()):
        cut = draw(st.integers(1, len(part["text"]) - 1))
        first = {k: v for k, v in part.items() if k != "thoughtSignature"}
        return [{**first, "text": part["text"][:cut]}, {**part, "text": part["text"][cut:]}]
    if "functionCall" in part and "id" not in part["functionCall"] and draw(st.booleans()):
        fc = part["functionCall"]
        head = {k: v for k, v in part.items() if k != "functionCall"}
        pieces = [{**head, "functionCall": {"name": fc["name"], "willContinue": True}}]
        for key, value in fc.get("args", {}).items():
            if isinstance(value, str):
                arg = {"jsonPath": f"$.{key}", "stringValue": value}
            elif isinstance(value, bool):
                arg = {"jsonPath": f"$.{key}", "boolValue": value}
            elif value is None:
                arg = {"jsonPath": f"$.{key}", "nullValue": "NULL_VALUE"}
            elif isinstance(value, int | float):
                arg = {"jsonPath": f"$.{key}", "numberValue": value}
            else:
                return [part]
            pieces.append({"functionCall": {"partialArgs": [arg], "willContinue": True}})
        pieces.append({"functionCall": {}})
        return pieces
    return [copy.deepcopy(part)]


def openai_chunks(completion: Obj, draw: st.DrawFn) -> list[Obj]:
    """A ``chat.completion`` cut into ``chat.completion.chunk`` objects."""
    header = {
        "id": completion["id"],
        "object": "chat.completion.chunk",
        "created": completion["created"],
        "model": completion["model"],
    }
    chunks: list[Obj] = []
    for choice in completion["choices"]:
        message = choice["message"]
        delta: Obj = {"role": "assistant"}
        if message.get("reasoning_content") is not None:
            delta["reasoning_content"] = message["reasoning_content"]
        chunks.append(
            {
                **header,
                "choices": [{"index": choice["index"], "delta": delta, "finish_reason": None}],
            }
        )
        if message.get("content") is not None:
            text = message["content"]
            cut = draw(st.integers(0, len(text)))
            for piece in (text[:cut], text[cut:]):
                chunks.append(
                    {
                        **header,
                        "choices": [
                            {
                                "index": choice["index"],
                                "delta": {"content": piece},
                                "finish_reason": None,
                            }
                        ],
                    }
                )
            if "extra_content" in message:
                chunks[-1]["choices"][0]["delta"]["extra_content"] = message["extra_content"]
        for k, call in enumerate(message.get("tool_calls") or []):
            args = call["function"]["arguments"]
            cut = draw(st.integers(0, len(args)))
            first: Obj = {
                "index": k,
                "id": call["id"],
                "type": "function",
                "function": {"name": call["function"]["name"], "arguments": args[:cut]},
            }
            if "extra_content" in call:
                first["extra_content"] = call["extra_content"]
            rest = {"index": k, "function": {"arguments": args[cut:]}}
            for piece in (first, rest):
                chunks.append(
                    {
                        **header,
                        "choices": [
                            {
                                "index": choice["index"],
                                "delta": {"tool_calls": [piece]},
                                "finish_reason": None,
                            }
                        ],
                    }
                )
        end: Obj = {"index": choice["index"], "delta": {}, "finish_reason": choice["finish_reason"]}
        if "extra_content" in choice:
            end["extra_content"] = choice["extra_content"]
        chunks.append({**header, "choices": [end]})
    last: Obj = {**header, "choices": []}
    if "usage" in completion:
        last["usage"] = completion["usage"]
    if "extra_content" in completion:
        last["extra_content"] = completion["extra_content"]
    chunks.append(last)
    return chunks


# --- OpenAI completions ----------------------------------------------------------------------------


@st.composite
def openai_completions(draw: st.DrawFn) -> Obj:
    """A canonical ``chat.completion`` (finish reasons that agree with the message)."""
    choices = []
    for index in range(draw(st.integers(1, 2))):
        message: Obj = {"role": "assistant", "content": draw(st.none() | st.text(max_size=12))}
        if draw(st.booleans()):
            message["reasoning_content"] = draw(texts)
        calls = []
        for k in range(draw(st.integers(0, 2))):
            call: Obj = {
                "id": f"call_{index}{k}"
                + draw(st.text(string.ascii_letters, min_size=3, max_size=6)),
                "type": "function",
                "function": {"name": draw(names), "arguments": dumps(draw(json_objects))},
            }
            if k == 0 and draw(st.booleans()):
                call["extra_content"] = {"google": {"thought_signature": draw(b64)}}
            calls.append(call)
        if calls:
            message["tool_calls"] = calls
        if message["content"] is not None and draw(st.booleans()):
            message["extra_content"] = {"google": {"thought_signature": draw(b64)}}
        reasons = (
            ["tool_calls", "length", "content_filter"]
            if calls
            else ["stop", "length", "content_filter"]
        )
        choices.append(
            {"index": index, "message": message, "finish_reason": draw(st.sampled_from(reasons))}
        )
    prompt, out = draw(st.integers(1, 99)), draw(st.integers(1, 99))
    doc: Obj = {
        "id": "chatcmpl-" + draw(st.text(string.ascii_letters, min_size=4, max_size=8)),
        "object": "chat.completion",
        "created": draw(st.integers(1, 2_000_000_000)),
        "model": draw(st.sampled_from(["gpt-4o", "gemini-2.5-flash"])),
        "choices": choices,
    }
    if draw(st.booleans()):
        doc["usage"] = {
            "prompt_tokens": prompt,
            "completion_tokens": out,
            "total_tokens": prompt + out,
        }
    return doc


def ref_bomb(levels: int) -> dict[str, Any]:
    """A JSON Schema of ~300 bytes per level whose inlined form has 2**levels nodes."""
    defs = {
        f"d{i}": {
            "type": "object",
            "properties": {"a": {"$ref": f"#/$defs/d{i + 1}"}, "b": {"$ref": f"#/$defs/d{i + 1}"}},
        }
        for i in range(levels)
    }
    defs[f"d{levels}"] = {"type": "string"}
    return {"$defs": defs, "$ref": "#/$defs/d0"}
