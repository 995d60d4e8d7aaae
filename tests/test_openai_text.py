"""``convert_text``: the function the ``gemschema convert`` CLI wraps."""

from __future__ import annotations

import json

import pytest

from gemschema.errors import UsageError
from gemschema.openai import ConversionError, convert_text, parse_sse, read_stream


def test_request_text_both_ways() -> None:
    openai = {"model": "gpt", "messages": [{"role": "user", "content": "hi", "name": "x"}]}
    out, losses = convert_text(json.dumps(openai), "openai", "gemini")
    assert json.loads(out) == {"contents": [{"role": "user", "parts": [{"text": "hi"}]}]}
    assert [loss.pointer for loss in losses] == ["/messages/0/name"]
    back, _ = convert_text(out, "gemini", "openai", kind="request", model="gpt")
    assert json.loads(back)["messages"] == [{"role": "user", "content": "hi"}]


def test_kind_is_detected() -> None:
    response = {
        "candidates": [
            {"content": {"role": "model", "parts": [{"text": "x"}]}, "finishReason": "STOP"}
        ]
    }
    out, _ = convert_text(json.dumps(response), "gemini", "openai")
    assert json.loads(out)["object"] == "chat.completion"
    error = {"error": {"code": 404, "message": "no", "status": "NOT_FOUND"}}
    assert (
        json.loads(convert_text(json.dumps(error), "gemini", "openai")[0])["error"]["code"]
        == "not_found"
    )
    chunk = {"candidates": [{"content": {"role": "model", "parts": [{"text": "x"}]}}]}
    out, _ = convert_text(json.dumps(chunk) + "\n" + json.dumps(chunk) + "\n", "gemini", "openai")
    assert out.endswith("data: [DONE]\n\n")


def test_streams_read_sse_json_lines_and_arrays() -> None:
    chunk = {"candidates": [{"content": {"role": "model", "parts": [{"text": "x"}]}}]}
    line = json.dumps(chunk)
    for text in (f"data: {line}\n\n", f"{line}\n{line}\n", f"[{line}, {line}]"):
        assert read_stream(text)[0] == chunk
    assert parse_sse(
        f": comment\nevent: message\ndata: {line}\n\ndata: [DONE]\n\ndata: {line}\n\n"
    ) == [chunk]


def test_strict_raises_on_a_loss() -> None:
    openai = {"model": "gpt", "messages": [{"role": "user", "content": "hi"}], "user": "u"}
    with pytest.raises(ConversionError):
        convert_text(json.dumps(openai), "openai", "gemini", strict=True)


def test_usage_errors() -> None:
    with pytest.raises(UsageError):
        convert_text("{}", "openai", "openai")
    with pytest.raises(UsageError):
        convert_text("{not json", "openai", "gemini", kind="request")
    with pytest.raises(UsageError):
        convert_text("{}", "openai", "gemini", kind="bogus")
