"""Conversion between Gemini ``generateContent`` payloads and OpenAI Chat Completions.

Every converter is a pure function over JSON-like dicts and returns :class:`Converted`: the
converted document and the :class:`Loss` list (RFC 6901 pointer into the source, reason).
``strict=True`` raises :class:`ConversionError` on the first loss. Gemini input is normalised
and validated first, Gemini output validated last. The field table is docs/openai-mapping.md.
"""

from gemschema.openai._canonical import canonical_openai_request, canonical_openai_response
from gemschema.openai._errors import error_from_openai, error_to_openai, report_to_error_body
from gemschema.openai._finish import FROM_OPENAI as FINISH_FROM_OPENAI
from gemschema.openai._finish import TO_OPENAI as FINISH_TO_OPENAI
from gemschema.openai._req_from_gemini import request_from_gemini
from gemschema.openai._req_to_gemini import request_to_gemini
from gemschema.openai._responses import response_from_openai, response_to_openai
from gemschema.openai._sse import format_sse, iter_sse, parse_sse
from gemschema.openai._streams import (
    StreamToGemini,
    StreamToOpenAI,
    collect_gemini_stream,
    collect_openai_stream,
    stream_to_gemini,
    stream_to_openai,
)
from gemschema.openai._text import convert_text, read_stream
from gemschema.openai._types import ConversionError, Converted, Loss

__all__ = [
    "FINISH_FROM_OPENAI",
    "FINISH_TO_OPENAI",
    "ConversionError",
    "Converted",
    "Loss",
    "StreamToGemini",
    "StreamToOpenAI",
    "canonical_openai_request",
    "canonical_openai_response",
    "collect_gemini_stream",
    "collect_openai_stream",
    "convert_text",
    "error_from_openai",
    "error_to_openai",
    "format_sse",
    "iter_sse",
    "parse_sse",
    "read_stream",
    "report_to_error_body",
    "request_from_gemini",
    "request_to_gemini",
    "response_from_openai",
    "response_to_openai",
    "stream_to_gemini",
    "stream_to_openai",
]
