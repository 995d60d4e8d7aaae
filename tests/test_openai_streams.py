"""Streams both ways: indexes, ids, finish reasons, partial arguments, usage, SSE."""

from __future__ import annotations

import json
from typing import Any

from gemschema.openai import (
    StreamToGemini,
    StreamToOpenAI,
    collect_gemini_stream,
    collect_openai_stream,
    format_sse,
    parse_sse,
    stream_to_gemini,
    stream_to_openai,
)
from tests.strategies_openai import check_chunk, check_gemini_response

SIG = "c2lnbmF0dXJl"


def _chunk(*parts: dict[str, Any], reason: str | None = None, **extra: Any) -> dict[str, Any]:
    candidate: dict[str, Any] = {"content": {"role": "model", "parts": list(parts)}, "index": 0}
    if reason:
        candidate["finishReason"] = reason
    return {"candidates": [candidate], "responseId": "r1", "modelVersion": "gemini-x", **extra}


def _deltas(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [choice["delta"] for chunk in chunks for choice in chunk["choices"]]


def test_role_comes_in_the_first_delta_only() -> None:
    out = stream_to_openai([_chunk({"text": "a"}), _chunk({"text": "b"}, reason="STOP")]).document
    deltas = _deltas(out)
    assert deltas[0] == {"role": "assistant", "content": "a"}
    assert deltas[1] == {"content": "b"}
    assert [c["object"] for c in out] == ["chat.completion.chunk"] * 2
    for chunk in out:
        check_chunk(chunk)


def test_parallel_calls_in_one_chunk_get_distinct_indexes() -> None:
    """Peers give every streamed tool call ``index: 0``."""
    chunk = _chunk(
        {"functionCall": {"name": "a", "args": {"x": 1}}, "thoughtSignature": SIG},
        {"functionCall": {"name": "a", "args": {"x": 2}}},
        reason="STOP",
    )
    out = stream_to_openai([chunk]).document
    calls = _deltas(out)[0]["tool_calls"]
    assert [c["index"] for c in calls] == [0, 1]
    assert calls[0]["id"] != calls[1]["id"]
    assert calls[0]["extra_content"] == {"google": {"thought_signature": SIG}}
    assert out[0]["choices"][0]["finish_reason"] == "tool_calls"


def test_a_call_and_stop_in_separate_chunks_finish_with_tool_calls() -> None:
    out = stream_to_openai(
        [_chunk({"functionCall": {"name": "a"}}), _chunk({"text": ""}, reason="STOP")]
    ).document
    assert [c["choices"][0]["finish_reason"] for c in out] == [None, "tool_calls"]


def test_max_tokens_with_a_call_still_finishes_with_length() -> None:
    out = stream_to_openai([_chunk({"functionCall": {"name": "a"}}, reason="MAX_TOKENS")]).document
    assert out[0]["choices"][0]["finish_reason"] == "length"


def test_partial_arguments_are_announced_then_completed() -> None:
    chunks = [
        _chunk({"functionCall": {"name": "f", "willContinue": True}, "thoughtSignature": SIG}),
        _chunk(
            {
                "functionCall": {
                    "partialArgs": [
                        {"jsonPath": "$.a[1].b", "stringValue": "he", "willContinue": True}
                    ],
                    "willContinue": True,
                }
            }
        ),
        _chunk(
            {
                "functionCall": {
                    "partialArgs": [{"jsonPath": "$.a[1].b", "stringValue": "llo"}],
                    "willContinue": True,
                }
            }
        ),
        _chunk(
            {
                "functionCall": {
                    "partialArgs": [{"jsonPath": "$['odd key']", "boolValue": True}],
                    "willContinue": True,
                }
            }
        ),
        _chunk(
            {
                "functionCall": {
                    "partialArgs": [
                        {"jsonPath": "$.n", "numberValue": 2.5},
                        {"jsonPath": "$.z", "nullValue": "NULL_VALUE"},
                    ]
                }
            }
        ),
        _chunk({"text": ""}, reason="STOP"),
    ]
    out = stream_to_openai(chunks).document
    deltas = _deltas(out)
    head = deltas[0]["tool_calls"][0]
    assert head["function"] == {"name": "f", "arguments": ""} and head["index"] == 0
    assert head["extra_content"] == {"google": {"thought_signature": SIG}}
    tail = deltas[4]["tool_calls"][0]
    assert tail["index"] == 0 and "id" not in tail
    assert json.loads(tail["function"]["arguments"]) == {
        "a": [None, {"b": "hello"}],
        "odd key": True,
        "n": 2.5,
        "z": None,
    }
    assert out[-1]["choices"][0]["finish_reason"] == "tool_calls"
    assert collect_gemini_stream(chunks)["candidates"][0]["content"]["parts"][0] == {
        "functionCall": {
            "name": "f",
            "args": {"a": [None, {"b": "hello"}], "odd key": True, "n": 2.5, "z": None},
        },
        "thoughtSignature": SIG,
    }


def test_a_pending_call_is_flushed_when_the_next_begins_and_at_the_end() -> None:
    chunks = [
        _chunk({"functionCall": {"name": "f", "willContinue": True}}),
        _chunk({"functionCall": {"name": "g", "willContinue": True}}),
        _chunk(
            {
                "functionCall": {
                    "partialArgs": [{"jsonPath": "$.k", "stringValue": "v"}],
                    "willContinue": True,
                }
            }
        ),
    ]
    converter = StreamToOpenAI()
    out = list(converter.iter(chunks))
    merged = collect_openai_stream(out)["choices"][0]
    assert [
        (c["function"]["name"], c["function"]["arguments"]) for c in merged["message"]["tool_calls"]
    ] == [
        ("f", "{}"),
        ("g", '{"k":"v"}'),
    ]
    assert merged["finish_reason"] == "tool_calls"  # a stream cut short still finishes


def test_usage_chunk_only_with_include_usage() -> None:
    chunk = _chunk(
        {"text": "a"},
        reason="STOP",
        usageMetadata={"promptTokenCount": 2, "candidatesTokenCount": 3, "totalTokenCount": 5},
    )
    plain = stream_to_openai([chunk]).document
    assert all("usage" not in c for c in plain)
    with_usage = stream_to_openai([chunk], include_usage=True).document
    assert with_usage[-1]["choices"] == []
    assert with_usage[-1]["usage"] == {
        "prompt_tokens": 2,
        "completion_tokens": 3,
        "total_tokens": 5,
    }
    check_chunk(with_usage[-1])


def test_sse_ends_with_done() -> None:
    text = format_sse(stream_to_openai([_chunk({"text": "a"}, reason="STOP")]).document, done=True)
    assert text.endswith("data: [DONE]\n\n")
    assert parse_sse(text)[0]["choices"][0]["delta"]["content"] == "a"


def test_a_blocked_prompt_in_a_stream() -> None:
    out = stream_to_openai(
        [{"promptFeedback": {"blockReason": "SAFETY"}, "responseId": "r"}]
    ).document
    assert out[0]["choices"][0]["finish_reason"] == "content_filter"
    check_chunk(out[0])


def test_an_error_in_a_stream_passes_through_converted() -> None:
    error = {"error": {"code": 503, "message": "overloaded", "status": "UNAVAILABLE"}}
    out = stream_to_openai([_chunk({"text": "a"}), error]).document
    assert out[-1] == {
        "error": {
            "message": "overloaded",
            "type": "server_error",
            "param": None,
            "code": "unavailable",
        }
    }


# --- OpenAI → Gemini ------------------------------------------------------------------------------


def _oai(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "finish_reason": finish}
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "gpt",
        "choices": [choice],
        **extra,
    }


def test_openai_tool_call_fragments_are_buffered_until_whole() -> None:
    chunks = [
        _oai({"role": "assistant", "content": None}),
        _oai(
            {
                "tool_calls": [
                    {
                        "index": 0,
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "f", "arguments": '{"a":'},
                    }
                ]
            }
        ),
        _oai(
            {
                "tool_calls": [
                    {
                        "index": 1,
                        "id": "call_2",
                        "type": "function",
                        "function": {"name": "g", "arguments": ""},
                    }
                ]
            }
        ),
        _oai({"tool_calls": [{"index": 0, "function": {"arguments": "1}"}}]}),
        _oai({}, "tool_calls"),
        {
            "id": "chatcmpl-1",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "gpt",
            "choices": [],
            "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
        },
    ]
    result = stream_to_gemini(chunks)
    out = result.document
    assert result.losses == ()
    assert len(out) == 2  # the finish chunk with both calls, then usage
    assert out[0]["candidates"][0]["content"]["parts"] == [
        {"functionCall": {"id": "call_1", "name": "f", "args": {"a": 1}}},
        {"functionCall": {"id": "call_2", "name": "g"}},
    ]
    assert out[0]["candidates"][0]["finishReason"] == "STOP"
    assert out[1]["usageMetadata"] == {
        "promptTokenCount": 1,
        "candidatesTokenCount": 2,
        "totalTokenCount": 3,
    }
    assert {c["responseId"] for c in out} == {"chatcmpl-1"}
    for chunk in out:
        check_gemini_response(chunk)


def test_openai_text_deltas_stream_as_text_parts() -> None:
    chunks = [
        _oai({"role": "assistant", "content": ""}),
        _oai({"content": "Hel"}),
        _oai({"content": "lo"}),
        _oai({}, "stop"),
    ]
    out = list(StreamToGemini().iter(chunks))
    assert collect_gemini_stream(out)["candidates"][0] == {
        "content": {"role": "model", "parts": [{"text": "Hello"}]},
        "finishReason": "STOP",
        "index": 0,
    }


def test_one_response_id_for_every_chunk() -> None:
    chunks = [_oai({"content": "a"}), {**_oai({"content": "b"}), "id": "other"}, _oai({}, "stop")]
    assert {c["responseId"] for c in stream_to_gemini(chunks).document} == {"chatcmpl-1"}


def test_sse_text_in_and_out_line_by_line() -> None:
    gemini = [_chunk({"text": "a"}), _chunk({"text": "b"}, reason="STOP")]
    lines = [f"data: {json.dumps(c)}\r\n" for c in gemini for _ in (0,)]
    lines = [x for line in lines for x in (line, "\r\n")]
    events = list(StreamToOpenAI().sse(iter(lines)))
    assert events[-1] == "data: [DONE]\n\n"
    openai = [e for event in events for e in parse_sse(event)]
    assert [ch["delta"].get("content") for c in openai for ch in c["choices"]] == ["a", "b"]
    back = list(StreamToGemini().sse("".join(events).splitlines(keepends=True)))
    chunks = [c for event in back for c in parse_sse(event)]
    assert collect_gemini_stream(chunks)["candidates"][0]["content"]["parts"] == [{"text": "ab"}]


def test_a_blocked_prompt_round_trips_as_a_blocked_prompt() -> None:
    gemini = [{"promptFeedback": {"blockReason": "SAFETY"}}]
    back = stream_to_gemini(stream_to_openai(gemini).document)
    assert back.document == [
        {"responseId": "chatcmpl-gemschema", "promptFeedback": {"blockReason": "SAFETY"}}
    ]
    assert back.losses == ()
