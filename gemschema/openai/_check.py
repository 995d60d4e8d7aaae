"""Structural checks of OpenAI input documents (the shapes the converters rely on)."""

from __future__ import annotations

import math
from typing import Any

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.openai._types import ConversionError, ptr

CODE = "openai-input"
"""Diagnostic code of every finding here (not a Gemini rule: these are OpenAI documents)."""

_ROLES = {"system", "developer", "user", "assistant", "tool", "function"}
_NUMBERS = ("temperature", "top_p", "presence_penalty", "frequency_penalty")
_INTEGERS = ("n", "seed", "max_tokens", "max_completion_tokens", "top_logprobs")


class _Checker:
    def __init__(self) -> None:
        self.found: list[Diagnostic] = []

    def fail(self, pointer: str, message: str) -> None:
        self.found.append(Diagnostic(CODE, Severity.ERROR, message, pointer))

    def obj(self, value: Any, pointer: str, what: str) -> bool:
        if not isinstance(value, dict):
            self.fail(pointer, f"{what} must be a JSON object")
            return False
        return True

    def array(self, value: Any, pointer: str, what: str) -> bool:
        if not isinstance(value, list):
            self.fail(pointer, f"{what} must be a JSON array")
            return False
        return True

    def string(self, value: Any, pointer: str, what: str) -> None:
        if not isinstance(value, str):
            self.fail(pointer, f"{what} must be a string")

    def content(self, value: Any, at: str) -> None:
        """The ``content`` of the message at ``at`` (its pointer built only when needed)."""
        if value is None or isinstance(value, str):
            return
        pointer = f"{at}/content"
        if self.array(value, pointer, "content"):
            for i, part in enumerate(value):
                if self.obj(part, f"{pointer}/{i}", "a content part"):
                    self.string(part.get("type"), f"{pointer}/{i}/type", "a content part type")

    def tool_calls(self, value: Any, pointer: str) -> None:
        if not self.array(value, pointer, "tool_calls"):
            return
        for i, call in enumerate(value):
            at = f"{pointer}/{i}"
            if not self.obj(call, at, "a tool call"):
                continue
            if call.get("type", "function") != "function":
                continue
            self.string(call.get("id"), f"{at}/id", "a tool call id")
            if self.obj(call.get("function"), f"{at}/function", "a tool call function"):
                self.string(call["function"].get("name"), f"{at}/function/name", "a name")
                self.string(
                    call["function"].get("arguments"), f"{at}/function/arguments", "arguments"
                )

    def message(self, msg: Any, at: str) -> None:
        if not self.obj(msg, at, "a message"):
            return
        role = msg.get("role")
        if role not in _ROLES:
            self.fail(f"{at}/role", f"role must be one of {sorted(_ROLES)}, not {role!r}")
            return
        self.content(msg.get("content"), at)
        if role == "tool":
            self.string(msg.get("tool_call_id"), f"{at}/tool_call_id", "tool_call_id")
        if role == "assistant" and msg.get("tool_calls") is not None:
            self.tool_calls(msg["tool_calls"], f"{at}/tool_calls")

    def request(self, doc: Any) -> None:
        if not self.obj(doc, "", "an OpenAI chat request"):
            return
        self.string(doc.get("model"), "/model", "model")
        messages = doc.get("messages")
        if self.array(messages, "/messages", "messages"):
            if not messages:
                self.fail("/messages", "messages must not be empty")
            for i, msg in enumerate(messages):
                self.message(msg, f"/messages/{i}")
        if "tools" in doc and self.array(doc["tools"], "/tools", "tools"):
            for i, tool in enumerate(doc["tools"]):
                self.obj(tool, f"/tools/{i}", "a tool")
        self.settings(doc)

    def settings(self, doc: dict[str, Any]) -> None:
        """The sampling settings the converters copy as they are (``null`` means unset)."""
        for key in _NUMBERS:
            value = doc.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.fail(ptr(key), f"{key} must be a number, not {type(value).__name__}")
            elif isinstance(value, float) and not math.isfinite(value):
                self.fail(ptr(key), f"{key} must be a finite number, not {value!r}")
        for key in _INTEGERS:
            value = doc.get(key)
            if value is None:
                continue
            integral = isinstance(value, float) and math.isfinite(value) and value.is_integer()
            if isinstance(value, bool) or not (isinstance(value, int) or integral):
                self.fail(ptr(key), f"{key} must be an integer, not {value!r}")
        if doc.get("logprobs") is not None and not isinstance(doc["logprobs"], bool):
            self.fail("/logprobs", f"logprobs must be a boolean, not {doc['logprobs']!r}")
        stop = doc.get("stop")
        if stop is not None and not isinstance(stop, str) and self.array(stop, "/stop", "stop"):
            for i, item in enumerate(stop):
                self.string(item, f"/stop/{i}", "a stop sequence")
        if doc.get("reasoning_effort") is not None:
            self.string(doc["reasoning_effort"], "/reasoning_effort", "reasoning_effort")
        modalities = doc.get("modalities")
        if modalities is not None and self.array(modalities, "/modalities", "modalities"):
            for i, item in enumerate(modalities):
                self.string(item, f"/modalities/{i}", "a modality")

    def choices(self, doc: Any, key: str) -> None:
        if self.array(doc.get("choices"), "/choices", "choices"):
            for i, choice in enumerate(doc["choices"]):
                at = f"/choices/{i}"
                if self.obj(choice, at, "a choice") and self.obj(
                    choice.get(key), f"{at}/{key}", key
                ):
                    self.content(choice[key].get("content"), f"{at}/{key}")
                    if choice[key].get("tool_calls") is not None and key == "message":
                        self.tool_calls(choice[key]["tool_calls"], f"{at}/{key}/tool_calls")

    def response(self, doc: Any) -> None:
        if self.obj(doc, "", "an OpenAI chat.completion"):
            self.choices(doc, "message")

    def chunk(self, doc: Any) -> None:
        if self.obj(doc, "", "an OpenAI chat.completion.chunk"):
            self.choices(doc, "delta")

    def error(self, doc: Any) -> None:
        if self.obj(doc, "", "an OpenAI error body") and self.obj(
            doc.get("error"), "/error", "error"
        ):
            self.string(doc["error"].get("message"), "/error/message", "message")


def check_openai(doc: Any, kind: str, *, stage: str = "input") -> None:
    """Raise :class:`ConversionError` when ``doc`` is not the OpenAI ``kind`` shape.

    ``stage="output"`` checks a document we produced (a failure there is a gemschema bug).
    """
    checker = _Checker()
    getattr(checker, kind)(doc)
    if checker.found:
        what = "is not valid" if stage == "input" else "we produced is not valid (a bug)"
        raise ConversionError(f"the OpenAI {kind} {what}", diagnostics=checker.found, stage=stage)
