"""Gemini ``GenerateContentRequest`` → OpenAI chat request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gemschema.openai import _ids, _schema
from gemschema.openai._boundary import gemini_boundary
from gemschema.openai._check import check_openai
from gemschema.openai._common import (
    BUDGETS,
    LEVELS,
    REQUEST_EXTENSION,
    SIGNATURE,
    dumps,
    unwrap_output,
    with_google,
)
from gemschema.openai._media import AUDIO_MIME, data_url, guess_mime, is_web_url
from gemschema.openai._responses import layout_losses
from gemschema.openai._types import Converted, Losses, Obj, ptr

if TYPE_CHECKING:
    from gemschema.settings import Settings

MAX_STOP = 4
"""OpenAI takes at most four stop sequences."""

DEFAULT_SCHEMA_NAME = "response"
"""``response_format.json_schema.name`` given to a Gemini response schema (which has none)."""

_DIRECT = {
    "temperature": "temperature",
    "topP": "top_p",
    "candidateCount": "n",
    "seed": "seed",
    "presencePenalty": "presence_penalty",
    "frequencyPenalty": "frequency_penalty",
    "responseLogprobs": "logprobs",
    "logprobs": "top_logprobs",
    "maxOutputTokens": "max_completion_tokens",
}
_GEMINI_ONLY_CONFIG = ("topK", "mediaResolution", "enableEnhancedCivicAnswers", "imageConfig")


def signature_index(turn: Obj) -> int:
    """Index, among the kept text parts of a model turn, of the last signed one."""
    index, found = -1, -1
    for part in turn.get("parts", []):
        if "text" in part and part.get("thought") is not True:
            if part["text"] == "" and "thoughtSignature" not in part:
                continue
            index += 1
            if "thoughtSignature" in part:
                found = index
    return found


class _Builder:
    def __init__(self, losses: Losses, *, reasoning: bool, extensions: bool) -> None:
        self.losses = losses
        self.reasoning = reasoning
        self.extensions = extensions
        self.extension: Obj = {}
        self.pairing = _ids.Pairing()

    def residual(self, at: str, path: list[str], value: Any, reason: str) -> None:
        """Carry a Gemini-only field in ``extra_body.google`` (opt-in) or report it."""
        if not self.extensions:
            self.losses.add(at, reason)
            return
        node = self.extension
        for key in path[:-1]:
            node = node.setdefault(key, {})
        if isinstance(value, list) and isinstance(node.get(path[-1]), list):
            node[path[-1]].extend(value)
        else:
            node[path[-1]] = value

    # --- parts -------------------------------------------------------------------------------

    def user_part(self, part: Obj, at: str) -> Obj | None:
        extra = set(part) - {"text", "inlineData", "fileData"}
        for key in extra - {"functionResponse"}:
            self.losses.add(f"{at}/{key}", f"{key!r} has no counterpart in an OpenAI user message")
        if "text" in part:
            if part["text"] == "":
                self.losses.add(f"{at}/text", "empty text dropped (the API refuses it too)")
                return None
            return {"type": "text", "text": part["text"]}
        if "inlineData" in part:
            blob = part["inlineData"]
            mime = blob.get("mimeType", "")
            for key in set(blob) - {"mimeType", "data"}:
                self.losses.add(f"{at}/inlineData/{key}", "no OpenAI counterpart")
            if mime.startswith("image/"):
                return {"type": "image_url", "image_url": {"url": data_url(mime, blob["data"])}}
            if mime in AUDIO_MIME:
                audio = {"data": blob["data"], "format": AUDIO_MIME[mime]}
                return {"type": "input_audio", "input_audio": audio}
            return {"type": "file", "file": {"file_data": data_url(mime, blob["data"])}}
        if "fileData" in part:
            file = part["fileData"]
            uri, mime = file.get("fileUri", ""), file.get("mimeType")
            for key in set(file) - {"mimeType", "fileUri"}:
                self.losses.add(f"{at}/fileData/{key}", "no OpenAI counterpart")
            if is_web_url(uri) and mime is not None and mime.startswith("image/"):
                if guess_mime(uri) != mime:
                    self.losses.add(
                        f"{at}/fileData/mimeType", "an image URL carries no MIME type of its own"
                    )
                return {"type": "image_url", "image_url": {"url": uri}}
            self.losses.add(
                f"{at}/fileData",
                "only http(s) image URLs have an OpenAI counterpart (image_url); dropped",
            )
            return None
        if not extra:
            self.losses.add(at, "an empty part has no OpenAI counterpart")
        return None

    # --- turns -------------------------------------------------------------------------------

    def system(self, instruction: Obj, role: str) -> list[Obj]:
        at = "/systemInstruction"
        if "role" in instruction:
            self.losses.add(f"{at}/role", "the role of a system instruction has no counterpart")
        texts: list[str] = []
        for j, part in enumerate(instruction.get("parts", [])):
            where = f"{at}/parts/{j}"
            for key in set(part) - {"text"}:
                self.losses.add(f"{where}/{key}", "a system message holds text only")
            if "text" in part:
                if part["text"] == "":
                    self.losses.add(f"{where}/text", "empty text dropped")
                else:
                    texts.append(part["text"])
        if not texts:
            return []
        content: Any = texts[0] if len(texts) == 1 else [{"type": "text", "text": t} for t in texts]
        return [{"role": role, "content": content}]

    def user(self, turn: Obj, at: str) -> list[Obj]:
        tools: list[Obj] = []
        parts: list[Obj] = []
        moved = False
        for j, part in enumerate(turn.get("parts", [])):
            where = f"{at}/parts/{j}"
            if "functionResponse" in part:
                if parts and not moved:
                    moved = True
                    self.losses.add(f"{at}/parts", "function results move before other parts")
                tools.append(self.tool_message(part, where))
                continue
            converted = self.user_part(part, where)
            if converted is not None:
                parts.append(converted)
        out = [t for t in tools if t]
        if parts:
            content: Any = parts[0]["text"] if len(parts) == 1 and "text" in parts[0] else parts
            out.append({"role": "user", "content": content})
        return out

    def tool_message(self, part: Obj, at: str) -> Obj:
        fr = part["functionResponse"]
        for key in set(part) - {"functionResponse"}:
            self.losses.add(f"{at}/{key}", "no OpenAI counterpart on a function response")
        for key in set(fr) - {"id", "name", "response"}:
            self.losses.add(f"{at}/functionResponse/{key}", "no OpenAI counterpart")
        name = fr.get("name", "")
        call_id = self.pairing.answer(name, fr.get("id"))
        if call_id is None:
            self.losses.add(
                f"{at}/functionResponse",
                "no earlier call of this function awaits a result; sent as user text",
            )
            return {"role": "user", "content": dumps(fr.get("response", {}))}
        if fr.get("id") not in (None, call_id):
            self.losses.add(f"{at}/functionResponse/id", "id matches no call; paired by name")
        return {
            "role": "tool",
            "tool_call_id": call_id,
            "content": unwrap_output(fr.get("response", {})),
        }

    def model(self, turn: Obj, at: str, index: int) -> list[Obj]:
        texts: list[str] = []
        thoughts: list[str] = []
        calls: list[Obj] = []
        kinds: list[str] = []
        signature: str | None = None
        for j, part in enumerate(turn.get("parts", [])):
            where = f"{at}/parts/{j}"
            if "functionCall" in part:
                calls.append(self.tool_call(part, where, index, j))
                kinds.append("call")
                continue
            if "text" not in part:
                self.losses.add(where, "only text and function calls fit an assistant message")
                continue
            for key in set(part) - {"text", "thought", "thoughtSignature"}:
                self.losses.add(f"{where}/{key}", "no OpenAI counterpart")
            if part.get("thought") is True:
                kinds.append("thought")
                if not self.reasoning:
                    self.losses.add(where, "thought text is carried only with reasoning=True")
                    continue
                if "thoughtSignature" in part:
                    self.losses.add(f"{where}/thoughtSignature", "a thought's signature is lost")
                thoughts.append(part["text"])
                continue
            if "thought" in part:
                self.losses.add(f"{where}/thought", "thought: false has no OpenAI counterpart")
            if part["text"] == "" and "thoughtSignature" not in part:
                self.losses.add(where, "empty text dropped (the API refuses it too)")
                continue
            kinds.append("text")
            if "thoughtSignature" in part:
                if signature is not None:
                    self.losses.add(f"{where}/thoughtSignature", "one text signature per message")
                signature = part["thoughtSignature"]
            texts.append(part["text"])
        layout_losses(kinds, f"{at}/parts", self.losses, reasoning=self.reasoning, join_text=False)
        if signature is not None and texts and signature_index(turn) != len(texts) - 1:
            self.losses.add(f"{at}/parts", "the text signature moves to the last text part")
        msg: Obj = {"role": "assistant"}
        if texts:
            msg["content"] = (
                texts[0] if len(texts) == 1 else [{"type": "text", "text": t} for t in texts]
            )
        elif calls:
            msg["content"] = None
        if thoughts:
            msg["reasoning_content"] = "".join(thoughts)
        if calls:
            msg["tool_calls"] = calls
        if signature is not None:
            with_google(msg, {SIGNATURE: signature})
        if len(msg) == 1:
            self.losses.add(at, "this model turn has nothing an assistant message can hold")
            return []
        return [msg]

    def tool_call(self, part: Obj, at: str, index: int, j: int) -> Obj:
        fc = part["functionCall"]
        for key in set(part) - {"functionCall", "thoughtSignature"}:
            self.losses.add(f"{at}/{key}", "no OpenAI counterpart on a function call")
        for key in set(fc) - {"id", "name", "args"}:
            self.losses.add(f"{at}/functionCall/{key}", "no OpenAI counterpart")
        name = fc.get("name", "")
        call_id = fc.get("id") or _ids.synthesize("contents", index, j)
        self.pairing.call(name, call_id)
        call: Obj = {
            "id": call_id,
            "type": "function",
            "function": {"name": name, "arguments": dumps(fc.get("args", {}))},
        }
        if "thoughtSignature" in part:
            with_google(call, {SIGNATURE: part["thoughtSignature"]})
        return call

    # --- request fields ------------------------------------------------------------------------

    def tools(self, tools: list[Obj]) -> list[Obj]:
        out: list[Obj] = []
        for j, tool in enumerate(tools):
            at = ptr("tools", j)
            for k, decl in enumerate(tool.get("functionDeclarations", [])):
                out.append(self.declaration(decl, f"{at}/functionDeclarations/{k}"))
            rest = {key: v for key, v in tool.items() if key != "functionDeclarations"}
            if rest:
                self.residual(at, ["tools"], [rest], "only function tools have a counterpart")
        return out

    def declaration(self, decl: Obj, at: str) -> Obj:
        fn: Obj = {"name": decl.get("name", "")}
        if "description" in decl:
            fn["description"] = decl["description"]
        if "parametersJsonSchema" in decl:
            fn["parameters"] = decl["parametersJsonSchema"]
        elif "parameters" in decl:
            fn["parameters"] = _schema.from_gemini(
                decl["parameters"], self.losses, f"{at}/parameters"
            )
        for key in set(decl) - {"name", "description", "parameters", "parametersJsonSchema"}:
            self.losses.add(f"{at}/{key}", "no OpenAI function counterpart")
        return {"type": "function", "function": fn}

    def tool_choice(self, config: Obj) -> Any:
        at = "/toolConfig/functionCallingConfig"
        fcc = config.get("functionCallingConfig")
        for key in set(config) - {"functionCallingConfig"}:
            self.residual(f"/toolConfig/{key}", ["toolConfig", key], config[key], "no counterpart")
        if not isinstance(fcc, dict):
            return None
        mode = fcc.get("mode")
        names = fcc.get("allowedFunctionNames")
        simple = {"AUTO": "auto", "NONE": "none", "ANY": "required"}
        if names is None and mode in simple:
            return simple[mode]
        if names is not None and mode in ("ANY", "VALIDATED"):
            if mode == "ANY" and len(names) == 1:
                return {"type": "function", "function": {"name": names[0]}}
            tools = [{"type": "function", "function": {"name": n}} for n in names]
            mode_name = "required" if mode == "ANY" else "auto"
            return {"type": "allowed_tools", "allowed_tools": {"mode": mode_name, "tools": tools}}
        self.losses.add(at, f"function calling mode {mode!r} has no counterpart here")
        return None

    def generation(self, config: Obj, out: Obj) -> None:
        at = "/generationConfig"
        for key, value in config.items():
            where = f"{at}/{key}"
            if key in _DIRECT:
                out[_DIRECT[key]] = value
            elif key == "stopSequences":
                out["stop"] = list(value[:MAX_STOP])
                for j in range(MAX_STOP, len(value)):
                    self.losses.add(f"{where}/{j}", "OpenAI takes at most 4 stop sequences")
            elif key == "thinkingConfig":
                self.thinking(value, where, out)
            elif key == "responseModalities":
                keep = [m for m in value if m in ("TEXT", "AUDIO")]
                for j, m in enumerate(value):
                    if m not in ("TEXT", "AUDIO"):
                        self.losses.add(f"{where}/{j}", f"modality {m!r} has no counterpart")
                if keep:
                    out["modalities"] = [m.lower() for m in keep]
            elif key == "speechConfig":
                self.speech(value, where, out)
            elif key in ("responseMimeType", "responseSchema", "responseJsonSchema"):
                continue
            elif key in _GEMINI_ONLY_CONFIG:
                self.residual(where, ["generationConfig", key], value, "Gemini-only setting")
            else:
                self.losses.add(where, f"{key!r} has no OpenAI counterpart")
        self.response_format(config, out)

    def thinking(self, value: Obj, at: str, out: Obj) -> None:
        for key, item in value.items():
            where = f"{at}/{key}"
            if key == "thinkingBudget" and item in BUDGETS.values():
                out["reasoning_effort"] = next(k for k, v in BUDGETS.items() if v == item)
            elif key == "thinkingLevel" and item in LEVELS.values():
                out["reasoning_effort"] = next(k for k, v in LEVELS.items() if v == item)
            else:
                path = ["generationConfig", "thinkingConfig", key]
                self.residual(where, path, item, "no reasoning_effort matches this setting")

    def speech(self, value: Obj, at: str, out: Obj) -> None:
        voice = value.get("voiceConfig", {}).get("prebuiltVoiceConfig", {}).get("voiceName")
        simple = set(value) == {"voiceConfig"} and set(value["voiceConfig"]) == {
            "prebuiltVoiceConfig"
        }
        if isinstance(voice, str) and simple:
            out["audio"] = {"voice": voice, "format": "pcm16"}
            return
        self.residual(at, ["generationConfig", "speechConfig"], value, "only a voice name maps")

    def response_format(self, config: Obj, out: Obj) -> None:
        at = "/generationConfig"
        mime = config.get("responseMimeType")
        has_schema = "responseSchema" in config or "responseJsonSchema" in config
        if mime == "application/json":
            if "responseJsonSchema" in config:
                schema = config["responseJsonSchema"]
            elif "responseSchema" in config:
                schema = _schema.from_gemini(
                    config["responseSchema"], self.losses, f"{at}/responseSchema"
                )
            else:
                out["response_format"] = {"type": "json_object"}
                return
            spec = {"name": DEFAULT_SCHEMA_NAME, "schema": schema}
            out["response_format"] = {"type": "json_schema", "json_schema": spec}
            return
        if mime == "text/plain":
            out["response_format"] = {"type": "text"}
        elif mime is not None:
            self.losses.add(f"{at}/responseMimeType", f"{mime!r} has no OpenAI counterpart")
        if has_schema:
            key = "responseSchema" if "responseSchema" in config else "responseJsonSchema"
            self.losses.add(f"{at}/{key}", "a schema needs responseMimeType application/json")

    def build(self, request: Obj, *, model: str, system_role: str) -> Obj:
        messages: list[Obj] = []
        if "systemInstruction" in request:
            messages += self.system(request["systemInstruction"], system_role)
        for i, turn in enumerate(request.get("contents", [])):
            at = ptr("contents", i)
            role = turn.get("role", "user")
            if role == "model":
                messages += self.model(turn, at, i)
            else:
                if role != "user":
                    self.losses.add(f"{at}/role", f"role {role!r} is read as user")
                messages += self.user(turn, at)
        if not messages:
            self.losses.add(
                "/contents",
                "nothing in the request has an OpenAI message counterpart; sent as one user "
                "message with empty content (OpenAI refuses a request without messages)",
            )
            messages.append({"role": "user", "content": ""})
        out: Obj = {"model": model, "messages": messages}
        tools = self.tools(request.get("tools", []))
        if tools:
            out["tools"] = tools
        if "toolConfig" in request:
            choice = self.tool_choice(request["toolConfig"])
            if choice is not None:
                out["tool_choice"] = choice
        self.generation(request.get("generationConfig", {}), out)
        for key in ("safetySettings", "cachedContent"):
            if key in request:
                self.residual(ptr(key), [key], request[key], "a Gemini-only request field")
        known = {"model", "systemInstruction", "contents", "tools", "toolConfig"}
        known |= {"generationConfig", "safetySettings", "cachedContent"}
        for key in set(request) - known:
            self.losses.add(ptr(key), f"{key!r} has no OpenAI counterpart")
        if self.extension:
            out[REQUEST_EXTENSION] = {"google": self.extension}
        return out


def request_from_gemini(
    request: Obj,
    *,
    model: str | None = None,
    strict: bool = False,
    api_version: str = "v1beta",
    settings: Settings | None = None,
    reasoning: bool = False,
    extensions: bool = False,
    system_role: str = "system",
    stream: bool = False,
    include_usage: bool = False,
) -> Converted:
    """Convert a Gemini ``GenerateContentRequest`` body into an OpenAI chat request.

    ``model`` names the OpenAI model (default: the body's ``model`` field without its
    ``models/`` prefix, else ``"gemini"``). ``reasoning=True`` carries thought text as the
    assistant's ``reasoning_content``; ``extensions=True`` carries Gemini-only fields in
    ``extra_body.google`` instead of reporting them. ``stream``/``include_usage`` set
    ``stream`` and ``stream_options``.
    """
    doc = gemini_boundary(
        request, kind="request", api_version=api_version, stage="input", settings=settings
    )
    losses = Losses(strict)
    body_model = doc.pop("model", None)
    name = model or (body_model.removeprefix("models/") if isinstance(body_model, str) else None)
    builder = _Builder(losses, reasoning=reasoning, extensions=extensions)
    out = builder.build(doc, model=name or "gemini", system_role=system_role)
    if stream:
        out["stream"] = True
        if include_usage:
            out["stream_options"] = {"include_usage": True}
    check_openai(out, "request", stage="output")
    return losses.result(out, model=out["model"], stream=stream, include_usage=include_usage)
