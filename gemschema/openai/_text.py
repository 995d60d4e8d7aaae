"""Text in, text out: SSE reading and writing, and :func:`convert_text` for the CLI."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from gemschema.errors import UsageError
from gemschema.files import split_lines
from gemschema.openai._common import loads
from gemschema.openai._errors import error_from_openai, error_to_openai
from gemschema.openai._req_from_gemini import request_from_gemini
from gemschema.openai._req_to_gemini import request_to_gemini
from gemschema.openai._responses import response_from_openai, response_to_openai
from gemschema.openai._sse import format_sse, parse_sse
from gemschema.openai._streams import StreamToGemini, StreamToOpenAI

if TYPE_CHECKING:
    from collections.abc import Callable

    from gemschema.openai._types import Converted, Loss, Obj


def read_stream(text: str) -> list[Obj]:
    """Stream chunks from SSE text, JSON Lines, or a JSON array of chunks."""
    stripped = text.lstrip()
    if stripped.startswith("data:") or "\ndata:" in text:
        return parse_sse(text)
    if stripped.startswith("["):
        value = loads(text)
        if isinstance(value, list):
            return value
    return [loads(line) for line, _ in split_lines(text) if line.strip()]


def _detect(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith(("data:", "[")):
        return "stream"
    try:
        value = loads(text)
    except ValueError:
        return "stream"  # JSON Lines
    if not isinstance(value, dict):
        raise UsageError("cannot tell what kind of document this is")
    if "error" in value:
        return "error"
    if "messages" in value or "contents" in value:
        return "request"
    if value.get("object") == "chat.completion.chunk":
        return "stream"
    return "response"


def convert_text(
    text: str,
    from_: str,
    to: str,
    kind: str = "auto",
    strict: bool = False,
    **options: Any,
) -> tuple[str, tuple[Loss, ...]]:
    """Convert a document given as text; the output text and the losses.

    ``from_``/``to``: ``"openai"``/``"gemini"`` (one each). ``kind``: ``request``,
    ``response``, ``stream`` (SSE, JSON Lines or a JSON array in; SSE out) or ``error``, or
    ``auto``. ``options`` go to the converter (e.g. ``reasoning=True``). Raises
    :class:`~gemschema.errors.UsageError` on bad arguments or unparsable text, and
    :class:`ConversionError` on invalid input or, under ``strict``, any loss.
    """
    if {from_, to} != {"openai", "gemini"}:
        raise UsageError("convert from openai to gemini or from gemini to openai")
    if kind == "auto":
        kind = _detect(text)
    try:
        if kind == "stream":
            chunks = read_stream(text)
            if from_ == "gemini":
                s2o = StreamToOpenAI(strict=strict, **options)
                out = list(s2o.iter(chunks))
                return format_sse(out, done=True), tuple(s2o.losses.items)
            s2g = StreamToGemini(strict=strict, **options)
            out = list(s2g.iter(chunks))
            return format_sse(out, done=False), tuple(s2g.losses.items)
        doc = loads(text)
    except ValueError as exc:
        raise UsageError(f"the input is not JSON: {exc}") from exc
    converters: dict[tuple[str, str], Callable[..., Converted]] = {
        ("request", "openai"): request_to_gemini,
        ("request", "gemini"): request_from_gemini,
        ("response", "gemini"): response_to_openai,
        ("response", "openai"): response_from_openai,
        ("error", "gemini"): error_to_openai,
        ("error", "openai"): error_from_openai,
    }
    if (kind, from_) not in converters:
        raise UsageError(f"kind must be request, response, stream, error or auto, not {kind!r}")
    result = converters[kind, from_](doc, strict=strict, **options)
    return json.dumps(result.document, ensure_ascii=False, indent=2) + "\n", result.losses
