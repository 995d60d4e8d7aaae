"""The shapes of the OpenAI documents the converters read, as JSON Schemas (Draft 2020-12).

Each schema types every field a converter reads, as OpenAI's API reference types it, and no
more: fields nobody reads stay open (the converters report them as losses), and values copied
into a Gemini document as they are (user data such as a function's ``parameters``) are left
to the Gemini side. A document that passes is one the converters cannot trip over.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
OBJECT: Schema = {"type": "object"}


def _maybe(schema: Schema) -> Schema:
    """``schema`` or ``null`` (OpenAI sends ``null`` for many unset fields)."""
    kinds = schema["type"]
    return {**schema, "type": ["null", *([kinds] if isinstance(kinds, str) else kinds)]}


def _object(properties: Schema, *, required: tuple[str, ...] = ()) -> Schema:
    out: Schema = {"type": "object", "properties": properties}
    if required:
        out["required"] = list(required)
    return out


def _array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def _when(field: str, value: str, then: Schema) -> Schema:
    """``then`` applies when ``field`` is ``value`` (as a ``type`` or ``role`` discriminator)."""
    condition = {"type": "object", "properties": {field: {"const": value}}, "required": [field]}
    return {"if": condition, "then": then}


_EXTENSION = _object({"google": OBJECT})
"""``extra_content``: where Gemini data with no OpenAI field travels."""

_FUNCTION = _object({"name": STRING, "arguments": STRING}, required=("name", "arguments"))
_FUNCTION_DELTA = _object({"name": STRING, "arguments": STRING})
"""A piece of a streamed call: name and arguments come in fragments."""
_TOOL_CALL = {
    **_object({"id": STRING, "type": STRING, "extra_content": _EXTENSION}),
    "allOf": [
        {
            "if": {"properties": {"type": {"const": "function"}}},
            "then": _object({"function": _FUNCTION}, required=("id", "function")),
        }
    ],
}
"""A call in ``tool_calls`` (``type`` defaults to ``function``)."""

_CONTENT_PART = {
    **_object({"type": STRING}, required=("type",)),
    "allOf": [
        _when("type", "image_url", _object({"image_url": {"type": ["string", "object"]}})),
        _when(
            "type",
            "input_audio",
            _object({"input_audio": _maybe(_object({"data": STRING, "format": STRING}))}),
        ),
        _when("type", "file", _object({"file": _maybe(_object({"filename": STRING}))})),
    ],
}
_CONTENT = {"type": ["null", "string", "array"], "items": _CONTENT_PART}

_TOOL_OUTPUT = {"type": ["null", "string", "array"], "items": _object({"text": STRING})}
"""A tool message's ``content``: its text parts are joined."""

_MESSAGE = {
    **_object(
        {
            "role": {"enum": ["system", "developer", "user", "assistant", "tool", "function"]},
            "content": _CONTENT,
            "tool_calls": _maybe(_array(_TOOL_CALL)),
            "function_call": _maybe(_FUNCTION),
            "extra_content": _EXTENSION,
        },
        required=("role",),
    ),
    "allOf": [
        _when(
            "role",
            "tool",
            _object({"tool_call_id": STRING, "content": _TOOL_OUTPUT}, required=("tool_call_id",)),
        ),
        _when("role", "function", _object({"name": STRING, "content": _TOOL_OUTPUT})),
    ],
}

_DECLARATION = _object({"name": STRING, "description": STRING}, required=("name",))
_TOOL = {
    **_object({"type": STRING}),
    "allOf": [
        {
            "if": {"properties": {"type": {"const": "function"}}},
            "then": _object({"function": _DECLARATION}),
        }
    ],
}
_NAMED = _object(
    {"function": _object({"name": STRING}, required=("name",))}, required=("function",)
)
_ALLOWED = _object(
    {
        "mode": STRING,
        "tools": _array(
            {
                **_object({"type": STRING}, required=("type",)),
                "allOf": [_when("type", "function", _NAMED)],
            }
        ),
    }
)
_TOOL_CHOICE = {
    **_object({"type": STRING}),
    "type": ["string", "object"],  # "auto", or an object the "type" of which says what it holds
    "allOf": [
        _when("type", "function", _NAMED),
        _when(
            "type",
            "allowed_tools",
            _object({"allowed_tools": _ALLOWED}, required=("allowed_tools",)),
        ),
    ],
}
_NUMBER = _maybe({"type": "number"})
_INT = _maybe(INTEGER)

REQUEST = _object(
    {
        "model": STRING,
        "messages": {**_array(_MESSAGE), "minItems": 1},
        "tools": _maybe(_array(_TOOL)),
        "functions": _maybe(_array(_DECLARATION)),
        "tool_choice": _maybe(_TOOL_CHOICE),
        "function_call": {
            **_object({"name": STRING}, required=("name",)),
            "type": ["null", "string", "object"],
        },
        **dict.fromkeys(("temperature", "top_p", "presence_penalty", "frequency_penalty"), _NUMBER),
        **dict.fromkeys(("n", "seed", "max_tokens", "max_completion_tokens", "top_logprobs"), _INT),
        "logprobs": _maybe({"type": "boolean"}),
        "stop": {"type": ["null", "string", "array"], "items": STRING},
        "reasoning_effort": _maybe(STRING),
        "modalities": _maybe(_array(STRING)),
        "response_format": _maybe(_object({"type": STRING, "json_schema": _maybe(OBJECT)})),
        "stream_options": _maybe(OBJECT),
    },
    required=("model", "messages"),
)
"""A ``chat.completions`` request."""

_USAGE = _object(
    {
        **dict.fromkeys(("prompt_tokens", "completion_tokens", "total_tokens"), INTEGER),
        "prompt_tokens_details": _maybe(_object({"cached_tokens": _INT})),
        "completion_tokens_details": _maybe(_object({"reasoning_tokens": _INT})),
    }
)
_HEADER: Schema = {
    "id": STRING,
    "model": STRING,
    "created": {**INTEGER, "minimum": 0, "maximum": 253402300799},  # up to the year 9999
    "usage": _maybe(_USAGE),
    "extra_content": _EXTENSION,
}
_REPLY = _object(
    {
        "content": _CONTENT,
        "tool_calls": _maybe(_array(_TOOL_CALL)),
        "function_call": _maybe(_FUNCTION),
        "extra_content": _EXTENSION,
    }
)
_TOKEN: Schema = {"token": STRING, "logprob": {"type": "number"}}
_ALTERNATIVE = _object(_TOKEN, required=("token", "logprob"))
_LOGPROBS = _object(
    {
        "content": _maybe(
            _array(
                _object(
                    {**_TOKEN, "top_logprobs": _maybe(_array(_ALTERNATIVE))},
                    required=("token", "logprob"),
                )
            )
        )
    }
)
_CHOICE: Schema = {
    "index": INTEGER,
    "finish_reason": _maybe(STRING),
    "logprobs": _maybe(_LOGPROBS),
    "extra_content": _EXTENSION,
}

RESPONSE = _object(
    {**_HEADER, "choices": _array(_object({**_CHOICE, "message": _REPLY}, required=("message",)))},
    required=("choices",),
)
"""A ``chat.completion``."""

_DELTA_CALL = _object(
    {"index": INTEGER, "id": _maybe(STRING), "type": STRING, "function": _maybe(_FUNCTION_DELTA)}
)
CHUNK = _object(
    {
        **_HEADER,
        "choices": _array(
            _object(
                {
                    **_CHOICE,
                    "delta": _maybe(
                        _object(
                            {
                                "tool_calls": _maybe(_array(_DELTA_CALL)),
                                "extra_content": _EXTENSION,
                            }
                        )
                    ),
                }
            )
        ),
    },
    required=("choices",),
)
"""A ``chat.completion.chunk``."""

ERROR = _object(
    {
        "error": _object(
            {"message": STRING, "type": _maybe(STRING), "extra_content": _EXTENSION},
            required=("message",),
        )
    },
    required=("error",),
)
"""An error body."""

SHAPES = {"request": REQUEST, "response": RESPONSE, "chunk": CHUNK, "error": ERROR}
"""Each kind of OpenAI document and its shape."""
