"""Small mappings used by both directions: tool output wrapping, JSON text, thinking, time."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from gemschema import jsontext
from gemschema.errors import UsageError

if TYPE_CHECKING:
    from gemschema.openai._types import Obj

OUTPUT_KEY = "output"
"""Tool output that is not a JSON object travels as ``{"output": <text>}`` (Gemini's convention)."""

EXTENSION = "extra_content"
"""OpenAI-side key of Gemini data that has no OpenAI field (Google's own endpoint convention)."""

REQUEST_EXTENSION = "extra_body"
"""OpenAI request key that carries Gemini-only request fields (opt-in, ``extensions=True``)."""

SIGNATURE = "thought_signature"

BUDGETS = {"none": 0, "low": 1024, "medium": 8192, "high": 24576}
"""``reasoning_effort`` ↔ ``thinkingBudget`` (the table of Google's OpenAI-compatible endpoint)."""

APPROXIMATE_BUDGETS = {"minimal": 1024, "xhigh": 24576, "max": 24576}
"""Efforts without an exact budget: sent as the nearest one, reported."""

LEVELS = {"minimal": "MINIMAL", "low": "LOW", "medium": "MEDIUM", "high": "HIGH"}
"""``reasoning_effort`` ↔ ``thinkingLevel`` (Gemini 3)."""


def dumps(value: Any) -> str:
    """Compact JSON text, non-ASCII kept (the form of ``arguments`` and tool output we emit)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    """JSON text parsed as gemschema parses it (no NaN, no duplicate keys, bounded depth).

    Raises :class:`~gemschema.errors.UsageError` naming the first problem and where it is.
    """
    parsed = jsontext.parse(text)
    if not parsed.ok:
        first = next(d for d in parsed.diagnostics if d.is_error)
        raise UsageError(f"not JSON (line {first.line}, column {first.column}): {first.message}")
    return parsed.value


def parse_object(text: str) -> Obj | None:
    """The JSON object ``text`` holds, else ``None`` (also for text that is not strict JSON)."""
    parsed = jsontext.parse(text)
    return parsed.value if parsed.ok and isinstance(parsed.value, dict) else None


def wrap_output(text: str) -> Obj:
    """A tool message's text as ``functionResponse.response``."""
    parsed = parse_object(text)
    return parsed if parsed is not None else {OUTPUT_KEY: text}


def unwrap_output(response: Obj) -> str:
    """``functionResponse.response`` as tool message text (the inverse of :func:`wrap_output`)."""
    if set(response) == {OUTPUT_KEY} and isinstance(response[OUTPUT_KEY], str):
        text: str = response[OUTPUT_KEY]
        if parse_object(text) is None:
            return text
    return dumps(response)


def google(container: Any) -> Obj:
    """``container["extra_content"]["google"]`` when it is an object, else ``{}``."""
    if not isinstance(container, dict):
        return {}
    ext = container.get(EXTENSION)
    found = ext.get("google") if isinstance(ext, dict) else None
    return found if isinstance(found, dict) else {}


def with_google(target: Obj, data: Obj) -> None:
    """Set ``target["extra_content"]["google"]`` to ``data`` when ``data`` is not empty."""
    if data:
        target[EXTENSION] = {"google": data}


def rfc3339(seconds: int) -> str:
    """A Unix time as an RFC 3339 UTC timestamp (``createTime``)."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def unix(timestamp: str) -> int | None:
    """An RFC 3339 timestamp as whole Unix seconds, ``None`` when it does not parse."""
    try:
        return int(datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def deep_merge(base: Obj, extra: Obj) -> Obj:
    """``extra`` merged into ``base``: objects recursively, lists appended, scalars replaced."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        else:
            out[key] = value
    return out
