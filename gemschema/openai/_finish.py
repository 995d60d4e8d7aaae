"""The one ``finishReason`` ↔ ``finish_reason`` table (documented in docs/openai-mapping.md)."""

from __future__ import annotations

TO_OPENAI: dict[str, str] = {
    "FINISH_REASON_UNSPECIFIED": "stop",
    "STOP": "stop",
    "MAX_TOKENS": "length",
    "SAFETY": "content_filter",
    "RECITATION": "content_filter",
    "LANGUAGE": "content_filter",
    "OTHER": "stop",
    "BLOCKLIST": "content_filter",
    "PROHIBITED_CONTENT": "content_filter",
    "SPII": "content_filter",
    "MALFORMED_FUNCTION_CALL": "stop",
    "IMAGE_SAFETY": "content_filter",
    "IMAGE_PROHIBITED_CONTENT": "content_filter",
    "IMAGE_RECITATION": "content_filter",
    "IMAGE_OTHER": "stop",
    "NO_IMAGE": "stop",
    "UNEXPECTED_TOOL_CALL": "stop",
    "TOO_MANY_TOOL_CALLS": "stop",
    "MISSING_THOUGHT_SIGNATURE": "stop",
    "MALFORMED_RESPONSE": "stop",
    "MODEL_ARMOR": "content_filter",
}
"""Gemini ``finishReason`` → OpenAI ``finish_reason``; an unknown (future) value maps to ``stop``."""

FROM_OPENAI: dict[str, str] = {
    "stop": "STOP",
    "length": "MAX_TOKENS",
    "tool_calls": "STOP",
    "content_filter": "SAFETY",
    "function_call": "STOP",
}
"""OpenAI ``finish_reason`` → Gemini ``finishReason``."""


def to_openai(reason: str, *, calls_functions: bool) -> str:
    """The OpenAI ``finish_reason`` of a Gemini candidate.

    A candidate that calls functions and stopped normally finishes with ``tool_calls``, whether
    the call and ``STOP`` came in one chunk or not.
    """
    mapped = TO_OPENAI.get(reason, "stop")
    if calls_functions and reason in ("STOP", "FINISH_REASON_UNSPECIFIED"):
        return "tool_calls"
    return mapped


def from_openai(reason: str) -> str:
    """The Gemini ``finishReason`` of an OpenAI ``finish_reason`` (unknown → ``OTHER``)."""
    return FROM_OPENAI.get(reason, "OTHER")


def round_trips(reason: str, *, calls_functions: bool) -> bool:
    """Whether ``reason`` comes back unchanged from OpenAI format (else the mapping is lossy)."""
    return from_openai(to_openai(reason, calls_functions=calls_functions)) == reason
