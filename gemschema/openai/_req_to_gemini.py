"""OpenAI chat request → Gemini ``GenerateContentRequest``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gemschema.openai import _ids, _schema
from gemschema.openai._boundary import gemini_boundary
from gemschema.openai._check import check_openai
from gemschema.openai._common import (
    APPROXIMATE_BUDGETS,
    BUDGETS,
    LEVELS,
    REQUEST_EXTENSION,
    SIGNATURE,
    deep_merge,
    dumps,
    google,
    parse_object,
    unwrap_output,
    wrap_output,
)
from gemschema.openai._media import AUDIO_FORMATS, guess_mime, parse_data_url
from gemschema.openai._types import ConversionError, Converted, Losses, Obj, ptr
from gemschema.openai._versions import prune_v1
from gemschema.pointer import escape

if TYPE_CHECKING:
    from gemschema.settings import Settings

MAX_STOP_SEQUENCES = 5
PLACEHOLDER_TURN = "."
"""Text of the user turn put before a conversation that opens with an assistant message (and
sent alone when no message has content Gemini can carry)."""
SKIP_SIGNATURE = "skip_thought_signature_validator"
"""The dummy signature Google documents for function calls that never had one."""

_TRANSPORT = {"model", "stream", "stream_options"}
_UNCARRIED = (
    "user",
    "metadata",
    "logit_bias",
    "store",
    "service_tier",
    "prediction",
    "parallel_tool_calls",
    "prompt_cache_key",
    "prompt_cache_retention",
    "prompt_cache_options",
    "safety_identifier",
    "verbosity",
    "web_search_options",
    "moderation",
)
_DIRECT = {
    "temperature": "temperature",
    "top_p": "topP",
    "n": "candidateCount",
    "seed": "seed",
    "presence_penalty": "presencePenalty",
    "frequency_penalty": "frequencyPenalty",
    "logprobs": "responseLogprobs",
    "top_logprobs": "logprobs",
}

_VERBATIM = {*_DIRECT.values(), "maxOutputTokens", "stopSequences"}
"""``generationConfig`` fields holding an OpenAI value as it was sent."""

_CONFIG_SOURCES = {target: ptr(key) for key, target in _DIRECT.items()} | {
    "maxOutputTokens": "/max_completion_tokens",
    "stopSequences": "/stop",
    "thinkingConfig": "/reasoning_effort",
    "responseModalities": "/modalities",
    "speechConfig": "/audio",
    "responseMimeType": "/response_format",
    "responseSchema": "/response_format",
    "responseJsonSchema": "/response_format",
}
"""The OpenAI field each ``generationConfig`` field comes from (``maxOutputTokens``: from
``max_tokens`` when ``max_completion_tokens`` is not sent)."""

_DECLARATION_KEYS = frozenset({"name", "description", "parameters", "strict"})
"""The fields of an OpenAI function declaration that are read."""

_PLAIN = frozenset({"role", "content"})
"""The keys of a message that holds nothing but its content."""

_KNOWN = frozenset(
    {*_DIRECT, *_UNCARRIED, *_TRANSPORT, "messages", "tools", "tool_choice", "functions"}
    | {"function_call", "max_tokens", "max_completion_tokens", "stop", "reasoning_effort"}
    | {"response_format", "modalities", "audio", REQUEST_EXTENSION}
)
"""The request fields this module reads (any other is reported as unknown)."""


def _input_fault(error: ConversionError, request: Obj, sources: dict[str, str]) -> Exception:
    """``error`` (our output does not validate) as an input error when every finding is on a
    value the request sent as it is (a sampling setting, ``extra_body.google``), else itself.
    """
    extension = request.get(REQUEST_EXTENSION)
    native = extension.get("google") if isinstance(extension, dict) else None
    found = []
    for d in error.diagnostics:
        tokens = d.pointer.split("/")[1:]
        node: Any = native
        for token in tokens:
            node = node.get(token) if isinstance(node, dict) else None
        if tokens and node is not None:
            found.append(d.moved(f"/{REQUEST_EXTENSION}/google{d.pointer}"))
        elif tokens[:1] == ["generationConfig"] and len(tokens) >= 2 and tokens[1] in _VERBATIM:
            found.append(
                d.moved(
                    sources.get(tokens[1], "")
                    + "".join(f"/{escape(t)}" for t in tokens[2:] if tokens[1] == "stopSequences")
                )
            )
        else:
            return error
    fields = ", ".join(sorted({d.pointer for d in found}))
    return ConversionError(
        f"the OpenAI request is not valid: {fields} cannot be sent to Gemini",
        diagnostics=found,
        stage="input",
    )


class _Builder:
    def __init__(
        self, losses: Losses, *, schema: str, thinking: str, fill: bool, sources: bool
    ) -> None:
        self.losses = losses
        self.schema = schema
        self.thinking = thinking
        self.fill = fill
        self.contents: list[Obj] = []
        self.system: list[Obj] = []
        self.system_at: list[str] = []
        self.names: dict[str, str] = {}
        self.first_model_at: str | None = None
        self.sources: dict[int, str] | None = {} if sources else None
        """``id(part)`` → the OpenAI pointer of what it was made from (what :func:`prune_v1`
        reports at), kept only when asked for; the first pointer given wins."""
        self.config_sources: dict[str, str] = {"tools": "/tools", "toolConfig": "/tool_choice"}
        self.count = 0

    # --- turns -------------------------------------------------------------------------------

    def turn(self, role: str, parts: list[Obj], at: str) -> None:
        if not parts:
            return
        if self.sources is not None:
            for part in parts:
                self.sources.setdefault(id(part), at)
        contents = self.contents
        if contents and contents[-1]["role"] == role:
            contents[-1]["parts"].extend(parts)
        else:
            if not contents and role == "model":
                self.first_model_at = at
            contents.append({"role": role, "parts": parts})

    def text(self, text: Any, at: str, key: str, signature: str | None = None) -> Obj | None:
        """The part of ``text``, the value of ``key`` in the object at ``at``."""
        if not isinstance(text, str):
            self.losses.add(f"{at}/{key}", "text is not a string; dropped")
            return None
        if text == "" and signature is None:
            self.losses.add(f"{at}/{key}", "empty text dropped (the API refuses empty text parts)")
            return None
        part: Obj = {"text": text}
        if signature is not None:
            part["thoughtSignature"] = signature
        return part

    def media(self, part: Obj, at: str) -> Obj | None:
        kind = part.get("type")
        if kind == "image_url":
            image = part.get("image_url")
            url = image.get("url") if isinstance(image, dict) else image
            if isinstance(image, dict) and "detail" in image:
                self.losses.add(f"{at}/image_url/detail", "image detail has no Gemini counterpart")
            if not isinstance(url, str):
                self.losses.add(at, "image_url has no url; dropped")
                return None
            data = parse_data_url(url)
            if data is not None:
                return {"inlineData": {"mimeType": data[0], "data": data[1]}}
            mime = None if url.startswith("data:") else guess_mime(url)
            if mime is None:
                self.losses.add(
                    f"{at}/image_url/url",
                    "the MIME type of this image URL cannot be known (no file extension, or a "
                    "data URL that is not base64); part dropped",
                )
                return None
            return {"fileData": {"mimeType": mime, "fileUri": url}}
        if kind == "input_audio":
            audio = part.get("input_audio") or {}
            mime = AUDIO_FORMATS.get(audio.get("format", ""))
            if mime is None or not isinstance(audio.get("data"), str):
                self.losses.add(f"{at}/input_audio", "audio format not wav or mp3; dropped")
                return None
            return {"inlineData": {"mimeType": mime, "data": audio["data"]}}
        if kind == "file":
            file = part.get("file") or {}
            if "filename" in file:
                self.losses.add(f"{at}/file/filename", "Gemini inline data has no file name")
            if "file_id" in file:
                self.losses.add(f"{at}/file/file_id", "OpenAI file ids mean nothing to Gemini")
            raw = file.get("file_data")
            if not isinstance(raw, str):
                return None
            data = parse_data_url(raw)
            if data is None and not raw.startswith("data:"):
                mime = guess_mime(file.get("filename", ""))
                data = (mime, raw) if mime else None
            if data is None:
                self.losses.add(f"{at}/file/file_data", "the MIME type of this file is unknown")
                return None
            return {"inlineData": {"mimeType": data[0], "data": data[1]}}
        self.losses.add(at, f"content part type {kind!r} has no Gemini counterpart")
        return None

    def content_parts(
        self, content: Any, at: str, *, media: bool, signature: str | None = None
    ) -> list[Obj]:
        """The parts of ``content``, the content of the message at ``at``."""
        if content is None:
            return []
        if isinstance(content, str):
            part = self.text(content, at, "content", signature)
            return [part] if part else []
        texts = [j for j, item in enumerate(content) if item.get("type") == "text"]
        out: list[Obj] = []
        for j, item in enumerate(content):
            where = f"{at}/content/{j}"
            if item.get("type") == "text":
                signed = signature if j == texts[-1] else None
                part = self.text(item.get("text"), where, "text", signed)
            elif media:
                part = self.media(item, where)
                if part and self.sources is not None:
                    self.sources[id(part)] = where
            else:
                self.losses.add(where, f"a {item.get('type')!r} part cannot go in this message")
                part = None
            if part:
                out.append(part)
        return out

    # --- messages ----------------------------------------------------------------------------

    def message(self, msg: Obj, i: int) -> None:
        at = f"/messages/{i}"
        role = msg["role"]
        if "name" in msg and role != "function":
            self.losses.add(f"{at}/name", "participant names have no Gemini counterpart")
        if role == "user":
            self.turn("user", self.content_parts(msg.get("content"), at, media=True), at)
        elif role == "assistant":
            self.assistant(msg, at)
        elif role in ("system", "developer"):
            if self.contents:
                self.losses.add(at, "a system message inside the conversation moves to the front")
            parts = self.content_parts(msg.get("content"), at, media=False)
            self.system.extend(parts)
            self.system_at.append(at)
        elif role == "tool":
            self.tool(msg, at)
        else:  # legacy "function" result
            self.losses.add(f"{at}/role", "legacy function message sent as a function response")
            name = msg.get("name", "")
            content = msg.get("content")
            response = wrap_output(content if isinstance(content, str) else "")
            self.turn("user", [{"functionResponse": {"name": name, "response": response}}], at)

    def assistant(self, msg: Obj, at: str) -> None:
        if msg.keys() <= _PLAIN:  # the common case: nothing but content to carry
            parts = self.content_parts(msg.get("content"), at, media=False)
        else:
            parts = self.assistant_parts(msg, at)
        if not parts:
            self.losses.add(at, "an empty assistant message has no Gemini counterpart; dropped")
        self.turn("model", parts, at)

    def assistant_parts(self, msg: Obj, at: str) -> list[Obj]:
        """The parts of an assistant message: reasoning, content, tool calls."""
        parts: list[Obj] = []
        reasoning = msg.get("reasoning_content")
        if isinstance(reasoning, str) and reasoning:
            parts.append({"text": reasoning, "thought": True})
        for key in ("refusal", "audio"):
            if msg.get(key) is not None:
                self.losses.add(f"{at}/{key}", f"assistant {key} has no Gemini counterpart")
        ext = google(msg)
        signature = ext.get(SIGNATURE) if isinstance(ext.get(SIGNATURE), str) else None
        content = msg.get("content")
        if signature is not None and not (
            isinstance(content, str)
            or any(isinstance(item, dict) and item.get("type") == "text" for item in content or [])
        ):
            self.losses.add(f"{at}/extra_content/google/{SIGNATURE}", "no text to sign")
            signature = None
        parts.extend(self.content_parts(content, at, media=False, signature=signature))
        for key in set(ext) - {SIGNATURE}:
            self.losses.add(f"{at}/extra_content/google/{key}", "not a Gemini request field")
        for j, call in enumerate(msg.get("tool_calls") or []):
            part = self.tool_call(call, f"{at}/tool_calls/{j}")
            if part:
                parts.append(part)
        legacy = msg.get("function_call")
        if isinstance(legacy, dict):
            self.losses.add(f"{at}/function_call", "legacy function_call sent as a function call")
            part = self.tool_call({"function": legacy}, f"{at}/function_call")
            if part:
                parts.append(part)
        return parts

    def tool_call(self, call: Obj, at: str) -> Obj | None:
        if call.get("type", "function") != "function":
            self.losses.add(at, f"{call.get('type')!r} tool calls have no Gemini counterpart")
            return None
        function = call["function"]
        name = function["name"]
        call_id = call.get("id", "")
        self.names[call_id] = name
        fc: Obj = {"name": name}
        if call_id and not _ids.is_synthetic(call_id):
            fc = {"id": call_id, "name": name}
        arguments = function.get("arguments", "")
        args = parse_object(arguments) if arguments.strip() else {}
        if args is None:
            self.losses.add(f"{at}/function/arguments", "arguments are not a JSON object")
            args = {}
        if args:
            fc["args"] = args
        part: Obj = {"functionCall": fc}
        if self.sources is not None:
            self.sources[id(part)] = at
        ext = google(call)
        if isinstance(ext.get(SIGNATURE), str):
            part["thoughtSignature"] = ext[SIGNATURE]
        for key in set(ext) - {SIGNATURE}:
            self.losses.add(f"{at}/extra_content/google/{key}", "not a Gemini request field")
        return part

    def tool(self, msg: Obj, at: str) -> None:
        call_id = msg["tool_call_id"]
        content = msg.get("content")
        if isinstance(content, list):
            texts = [p.get("text", "") for p in content if p.get("type") == "text"]
            for j in range(1, len(content)):
                self.losses.add(f"{at}/content/{j}", "tool output parts are joined into one text")
            content = "".join(texts)
        text = content if isinstance(content, str) else ""
        name = self.names.get(call_id)
        if name is None:
            self.losses.add(
                f"{at}/tool_call_id",
                "no earlier tool call has this id, so the function name is unknown; "
                "the output is sent as user text",
            )
            part = self.text(text, at, "content")
            self.turn("user", [part] if part else [], at)
            return
        response: Obj = {"name": name, "response": wrap_output(text)}
        parsed = parse_object(text)
        if parsed is not None and unwrap_output(parsed) != dumps(parsed):
            self.losses.add(
                f"{at}/content",
                'the text is the JSON of {"output": <text>}, the form plain output takes; '
                "it comes back as that inner text",
            )
        if not _ids.is_synthetic(call_id):
            response = {"id": call_id, **response}
        self.turn("user", [{"functionResponse": response}], at)

    # --- request fields ------------------------------------------------------------------------

    def declarations(self, request: Obj) -> list[Obj]:
        out: list[Obj] = []
        tools = request.get("tools") or []
        for j, tool in enumerate(tools):
            if tool.get("type", "function") != "function" or "function" not in tool:
                self.losses.add(
                    f"/tools/{j}", f"{tool.get('type')!r} tools have no Gemini counterpart"
                )
                continue
            out.append(self.declaration(tool["function"], f"/tools/{j}/function"))
        if "functions" in request:
            self.losses.add("/functions", "legacy functions sent as function declarations")
            for j, fn in enumerate(request["functions"]):
                out.append(self.declaration(fn, f"/functions/{j}"))
        return out

    def declaration(self, fn: Obj, at: str) -> Obj:
        decl: Obj = {"name": fn["name"]}
        if "description" in fn:
            decl["description"] = fn["description"]
        if "strict" in fn:
            self.losses.add(f"{at}/strict", "Gemini has no strict switch for function schemas")
        params = fn.get("parameters")
        if params is not None:
            kind = params.get("type", "object") if isinstance(params, dict) else params
            if self.schema == "json":
                decl["parametersJsonSchema"] = params
            elif kind != "object" and not (isinstance(kind, list) and "object" in kind):
                shown = f" (type {kind!r})" if isinstance(kind, str) else ""
                self.losses.add(
                    f"{at}/parameters",
                    f"parameters that are not an object schema{shown} have no Gemini"
                    " counterpart (parameters are an OBJECT whose properties are the parameters);"
                    " left out",
                )
            elif params.get("properties") or set(params) - {"type", "properties"}:
                decl["parameters"] = _schema.to_gemini(params, self.losses, f"{at}/parameters")
            else:
                self.losses.add(
                    f"{at}/parameters",
                    "empty object parameters left out (the API refuses OBJECT without properties)",
                )
        for key in set(fn) - _DECLARATION_KEYS:
            self.losses.add(f"{at}/{key}", "not a Gemini function declaration field")
        return decl

    def tool_config(self, choice: Any, at: str) -> Obj | None:
        modes = {"auto": "AUTO", "none": "NONE", "required": "ANY"}
        if isinstance(choice, str):
            if choice in modes:
                return {"mode": modes[choice]}
            self.losses.add(at, f"tool_choice {choice!r} is unknown")
            return None
        kind = choice.get("type")
        if kind == "function":
            return {"mode": "ANY", "allowedFunctionNames": [choice["function"]["name"]]}
        if kind == "allowed_tools":
            allowed = choice["allowed_tools"]
            names: list[str] = []
            for j, tool in enumerate(allowed.get("tools", [])):
                if tool.get("type") == "function":
                    names.append(tool["function"]["name"])
                else:
                    self.losses.add(f"{at}/allowed_tools/tools/{j}", "only functions are allowed")
            mode = {"auto": "VALIDATED", "required": "ANY"}.get(
                allowed.get("mode", ""), "VALIDATED"
            )
            return {"mode": mode, "allowedFunctionNames": names}
        self.losses.add(at, f"tool_choice of type {kind!r} has no Gemini counterpart")
        return None

    def generation(self, request: Obj) -> Obj:
        config: Obj = {}
        self.config_sources.update(_CONFIG_SOURCES)
        if "max_completion_tokens" not in request:
            self.config_sources["maxOutputTokens"] = "/max_tokens"
        for key, target in _DIRECT.items():
            if request.get(key) is not None:
                config[target] = request[key]
        max_tokens = request.get("max_completion_tokens")
        if request.get("max_tokens") is not None:
            if max_tokens is None:
                max_tokens = request["max_tokens"]
            else:
                self.losses.add("/max_tokens", "max_completion_tokens wins over max_tokens")
        if max_tokens is not None:
            config["maxOutputTokens"] = max_tokens
        stop = request.get("stop")
        if isinstance(stop, str):
            stop = [stop]
        if stop:
            config["stopSequences"] = list(stop[:MAX_STOP_SEQUENCES])
            for j in range(MAX_STOP_SEQUENCES, len(stop)):
                self.losses.add(f"/stop/{j}", "Gemini takes at most 5 stop sequences")
        effort = request.get("reasoning_effort")
        if effort is not None:
            if self.thinking == "level" and effort in LEVELS:
                config["thinkingConfig"] = {"thinkingLevel": LEVELS[effort]}
            elif effort in BUDGETS:
                config["thinkingConfig"] = {"thinkingBudget": BUDGETS[effort]}
            elif effort in APPROXIMATE_BUDGETS:
                config["thinkingConfig"] = {"thinkingBudget": APPROXIMATE_BUDGETS[effort]}
                self.losses.add("/reasoning_effort", f"{effort!r} sent as the nearest budget")
            else:
                self.losses.add("/reasoning_effort", f"reasoning_effort {effort!r} is unknown")
        self.response_format(request.get("response_format"), config)
        modalities = request.get("modalities")
        if modalities:
            config["responseModalities"] = [m.upper() for m in modalities]
        audio = request.get("audio")
        if isinstance(audio, dict):
            voice = audio.get("voice")
            if isinstance(voice, str):
                config["speechConfig"] = {
                    "voiceConfig": {"prebuiltVoiceConfig": {"voiceName": voice}}
                }
            else:
                self.losses.add("/audio/voice", "custom voices have no Gemini counterpart")
            if audio.get("format") != "pcm16":
                self.losses.add("/audio/format", "Gemini speech is 24 kHz 16-bit PCM (pcm16)")
        return config

    def response_format(self, fmt: Any, config: Obj) -> None:
        if not isinstance(fmt, dict):
            return
        kind = fmt.get("type")
        if kind == "text":
            config["responseMimeType"] = "text/plain"
        elif kind == "json_object":
            config["responseMimeType"] = "application/json"
        elif kind == "json_schema":
            config["responseMimeType"] = "application/json"
            spec = fmt.get("json_schema") or {}
            at = "/response_format/json_schema"
            if spec.get("name", "response") != "response":
                self.losses.add(f"{at}/name", "Gemini response schemas have no name")
            for key in ("description", "strict"):
                if key in spec:
                    self.losses.add(f"{at}/{key}", f"Gemini response schemas have no {key}")
            if "schema" in spec:
                if self.schema == "json":
                    config["responseJsonSchema"] = spec["schema"]
                else:
                    config["responseSchema"] = _schema.to_gemini(
                        spec["schema"], self.losses, f"{at}/schema"
                    )
        else:
            self.losses.add("/response_format", f"response_format {kind!r} is unknown")

    def build(self, request: Obj) -> Obj:
        self.count = len(request["messages"])
        for i, msg in enumerate(request["messages"]):
            self.message(msg, i)
        doc: Obj = {}
        if self.system and not self.contents:
            self.losses.add(
                f"{self.system_at[0]}/role",
                "a request with only system messages is sent as one user turn "
                "(the API refuses a request without contents)",
            )
            self.contents, self.system = [{"role": "user", "parts": self.system}], []
        if not self.contents:
            self.losses.add(
                "/messages",
                f"no message has content Gemini can carry; a user turn {PLACEHOLDER_TURN!r} is "
                "sent (the API refuses a request without contents)",
            )
            self.contents = [{"role": "user", "parts": [{"text": PLACEHOLDER_TURN}]}]
        first = self.contents[0]
        if first["role"] == "model":
            what = "tool call" if any("functionCall" in p for p in first["parts"]) else "message"
            self.losses.add(
                self.first_model_at or "/messages",
                f"the conversation opens with an assistant {what}; a user turn "
                f"{PLACEHOLDER_TURN!r} is put before it (the API refuses it otherwise)",
            )
            self.contents.insert(0, {"role": "user", "parts": [{"text": PLACEHOLDER_TURN}]})
        if self.contents and self.contents[-1]["role"] == "model":
            self.losses.add(
                f"/messages/{self.count}",
                f"the conversation ends with an assistant message; a user turn "
                f"{PLACEHOLDER_TURN!r} is added (the API wants the last turn from the user)",
            )
            self.contents.append({"role": "user", "parts": [{"text": PLACEHOLDER_TURN}]})
        if self.fill:
            for turn in self.contents:
                calls = [p for p in turn["parts"] if "functionCall" in p]
                if turn["role"] == "model" and calls and "thoughtSignature" not in calls[0]:
                    calls[0]["thoughtSignature"] = SKIP_SIGNATURE
        if self.system:
            doc["systemInstruction"] = {"parts": self.system}
            self.config_sources["systemInstruction"] = self.system_at[0]
        doc["contents"] = self.contents
        declarations = self.declarations(request)
        if declarations:
            doc["tools"] = [{"functionDeclarations": declarations}]
        choice = request.get("tool_choice", request.get("function_call"))
        if choice is not None:
            at = "/tool_choice" if "tool_choice" in request else "/function_call"
            if at == "/function_call":
                self.losses.add(at, "legacy function_call sent as a tool choice")
                choice = (
                    {"type": "function", "function": choice} if isinstance(choice, dict) else choice
                )
            fcc = self.tool_config(choice, at)
            if fcc is not None:
                doc["toolConfig"] = {"functionCallingConfig": fcc}
        config = self.generation(request)
        if config:
            doc["generationConfig"] = config
        for key in _UNCARRIED:
            if key in request:
                self.losses.add(ptr(key), f"{key!r} has no Gemini counterpart")
        options = request.get("stream_options") or {}
        for key in set(options) - {"include_usage"}:
            self.losses.add(ptr("stream_options", key), "no Gemini counterpart")
        extension = request.get(REQUEST_EXTENSION)
        if isinstance(extension, dict):
            for key in set(extension) - {"google"}:
                self.losses.add(ptr(REQUEST_EXTENSION, key), "only extra_body.google is read")
            if isinstance(extension.get("google"), dict):
                doc = deep_merge(doc, extension["google"])
        for key in set(request) - _KNOWN:
            self.losses.add(ptr(key), f"unknown request field {key!r}")
        return doc


def request_to_gemini(
    request: Obj,
    *,
    strict: bool = False,
    api_version: str = "v1beta",
    settings: Settings | None = None,
    schema: str = "json",
    thinking: str = "budget",
    fill_thought_signatures: bool = False,
) -> Converted:
    """Convert an OpenAI chat request into a Gemini ``GenerateContentRequest`` body.

    ``schema="json"`` sends JSON Schemas as ``parametersJsonSchema``/``responseJsonSchema``
    unchanged; ``"gemini"`` converts them into the ``Schema`` subset (reporting what it drops).
    ``thinking`` picks ``thinkingBudget`` or ``thinkingLevel`` for ``reasoning_effort``.
    ``fill_thought_signatures`` gives the first call of every model turn that has no
    signature Google's documented dummy. The model, ``stream`` and ``include_usage`` come back
    on the result, as they are not part of a Gemini body.
    """
    check_openai(request, "request")
    losses = Losses(strict)
    builder = _Builder(
        losses,
        schema=schema,
        thinking=thinking,
        fill=fill_thought_signatures,
        sources=api_version == "v1",
    )
    doc = builder.build(request)
    if builder.sources is not None:  # v1
        sources, config_sources = builder.sources, builder.config_sources
        doc = prune_v1(doc, losses, sources=sources, config_sources=config_sources)
    try:
        doc = gemini_boundary(
            doc,
            kind="request",
            api_version=api_version,
            stage="output",
            settings=settings,
            source=request,
        )
    except ConversionError as error:
        if error.stage == "input":  # values of the request that JSON cannot hold
            raise
        raise _input_fault(error, request, builder.config_sources) from None
    options = request.get("stream_options") or {}
    return losses.result(
        doc,
        model=request.get("model"),
        stream=bool(request.get("stream")),
        include_usage=bool(options.get("include_usage")),
    )
