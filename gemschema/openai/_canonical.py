"""The canonical form of OpenAI documents: the spelling an OpenAI → Gemini → OpenAI trip returns.

Two OpenAI documents that differ only in these spellings mean the same to the API:
``developer`` and ``system`` roles; a one-text content list and a string; consecutive messages
of one role (Gemini merges them into one turn); ``max_tokens`` and ``max_completion_tokens``;
a ``stop`` string and a one-item list; JSON-object text in tool ``arguments`` and tool output
with or without insignificant whitespace; an absent and a ``null`` assistant content.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from gemschema.openai._common import dumps, parse_object

if TYPE_CHECKING:
    from gemschema.openai._types import Obj


def _parts(content: Any) -> list[Obj]:
    if content is None:
        return []
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    return list(content)


def _content(parts: list[Obj]) -> Any:
    if len(parts) == 1 and parts[0].get("type") == "text" and set(parts[0]) == {"type", "text"}:
        return parts[0]["text"]
    return parts or None


def _json_text(text: Any, *, blank: Any = None) -> Any:
    if isinstance(text, str):
        parsed = parse_object(text) if text.strip() else blank
        if parsed is not None:
            return dumps(parsed)
    return text


def _message(msg: Obj) -> Obj:
    msg = copy.deepcopy(msg)
    if msg.get("role") == "developer":
        msg["role"] = "system"
    if msg.get("role") == "tool":
        content = msg.get("content")
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content)
        msg["content"] = _json_text(content)
        return msg
    if "content" in msg or msg.get("role") == "assistant":
        msg["content"] = _content(_parts(msg.get("content")))
    for call in msg.get("tool_calls") or []:
        function = call.get("function") or {}
        if "arguments" in function:
            function["arguments"] = _json_text(function["arguments"], blank={})
    if msg.get("tool_calls") == []:
        del msg["tool_calls"]
    return msg


def _merge(a: Obj, b: Obj) -> Obj:
    out = dict(a)
    out["content"] = _content(_parts(a.get("content")) + _parts(b.get("content")))
    if a.get("reasoning_content") or b.get("reasoning_content"):
        out["reasoning_content"] = (a.get("reasoning_content") or "") + (
            b.get("reasoning_content") or ""
        )
    calls = list(a.get("tool_calls") or []) + list(b.get("tool_calls") or [])
    if calls:
        out["tool_calls"] = calls
    for key, value in b.items():
        if key not in ("content", "reasoning_content", "tool_calls"):
            out[key] = value
    return out


def canonical_openai_request(request: Obj) -> Obj:
    """``request`` in the canonical spelling (see the module docstring); a new object."""
    out = copy.deepcopy(request)
    messages: list[Obj] = []
    for raw in request.get("messages", []):
        msg = _message(raw)
        prev = messages[-1] if messages else None
        mergeable = msg.get("role") in ("system", "user", "assistant")
        if prev is not None and mergeable and prev.get("role") == msg.get("role"):
            messages[-1] = _merge(prev, msg)
        else:
            messages.append(msg)
    out["messages"] = messages
    if "max_tokens" in out and "max_completion_tokens" not in out:
        out["max_completion_tokens"] = out.pop("max_tokens")
    if isinstance(out.get("stop"), str):
        out["stop"] = [out["stop"]]
    return out


def canonical_openai_response(completion: Obj) -> Obj:
    """A ``chat.completion`` in the canonical spelling; a new object."""
    out = copy.deepcopy(completion)
    for choice in out.get("choices", []):
        if isinstance(choice.get("message"), dict):
            choice["message"] = _message(choice["message"])
    return out
