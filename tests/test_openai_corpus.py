"""Every recorded Gemini response and stream (external corpus) converts to OpenAI and back."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gemschema.openai import (
    StreamToGemini,
    StreamToOpenAI,
    collect_gemini_stream,
    collect_openai_stream,
    convert_text,
    error_from_openai,
    error_to_openai,
    parse_sse,
    read_stream,
    response_from_openai,
    response_to_openai,
)
from tests.conftest import EXTERNAL, external_files
from tests.strategies_openai import check_chat_completion, check_chunk, check_gemini_response, diff

RESPONSES = sorted(p.name for p in EXTERNAL.glob("*.json")) if EXTERNAL.is_dir() else []
STREAMS = sorted(p.name for p in EXTERNAL.glob("*.chunks.txt")) if EXTERNAL.is_dir() else []


def _load(name: str) -> Any:
    external_files(name)  # skips, saying so, when the corpus is absent
    return json.loads((EXTERNAL / name).read_text())


def _chunks(name: str) -> list[dict[str, Any]]:
    external_files(name)
    return read_stream((EXTERNAL / name).read_text())


def test_the_corpus_is_there() -> None:
    assert len(external_files("*.json")) >= 2
    assert len(external_files("*.chunks.txt")) >= 2


@pytest.mark.parametrize("name", RESPONSES)
def test_recorded_response_converts_and_back(name: str) -> None:
    doc = _load(name)
    if "error" in doc:
        out = error_to_openai(doc)
        assert out.http_status == doc["error"]["code"]
        back = error_from_openai(out.document, http_status=out.http_status)
        assert back.document == doc and out.losses == back.losses == ()
        return
    out = response_to_openai(doc)
    assert out.losses == ()
    check_chat_completion(out.document)
    back = response_from_openai(out.document)
    assert back.losses == ()
    check_gemini_response(back.document)
    assert back.document == doc


@pytest.mark.parametrize("name", STREAMS)
def test_recorded_stream_converts_and_back(name: str) -> None:
    chunks = _chunks(name)
    converter = StreamToOpenAI(include_usage=True, reasoning=True)
    out = list(converter.iter(chunks))
    assert converter.losses.items == []
    for chunk in out:
        check_chunk(chunk)
    assert len({c["id"] for c in out}) == 1
    whole = collect_gemini_stream(chunks)
    assert collect_openai_stream(out) == response_to_openai(whole, reasoning=True).document
    back = StreamToGemini()
    gemini = list(back.iter(out))
    assert back.losses.items == []
    for chunk in gemini:
        check_gemini_response(chunk)
    expected = json.loads(json.dumps(whole))
    for candidate in expected.get("candidates", []):
        candidate.setdefault("index", 0)  # Vertex leaves index 0 out; we always write it
    assert diff(expected, collect_gemini_stream(gemini)) == []


@pytest.mark.parametrize("name", STREAMS)
def test_recorded_stream_through_sse_text(name: str) -> None:
    text = "".join(
        f"data: {line}\n\n" for line in (EXTERNAL / name).read_text().splitlines() if line
    )
    out, losses = convert_text(
        text, "gemini", "openai", kind="stream", include_usage=True, reasoning=True
    )
    assert out.endswith("data: [DONE]\n\n") and losses == ()
    chunks = parse_sse(out)
    for chunk in chunks:
        check_chunk(chunk)
    back, back_losses = convert_text(out, "openai", "gemini", kind="stream")
    assert back_losses == ()
    assert "[DONE]" not in back
    for chunk in parse_sse(back):
        check_gemini_response(chunk)


def test_recorded_partial_arguments_are_assembled() -> None:
    chunks = _chunks("google-vertex-stream-tool-call-arguments-nested.1.chunks.txt")
    out = list(StreamToOpenAI().iter(chunks))
    call = collect_openai_stream(out)["choices"][0]["message"]["tool_calls"][0]
    args = json.loads(call["function"]["arguments"])
    assert call["function"]["name"] == "cookRecipe"
    assert args["recipe"]["name"] == "Lasagna"
    assert len(args["recipe"]["ingredients"]) == 10
    assert args["recipe"]["ingredients"][0] == {"amount": "16 oz", "name": "Lasagna noodles"}
    assert args["recipe"]["steps"][1].endswith("set aside.")  # a string sent in two pieces
    assert args["recipe"]["steps"][4] == "In a 9x13 baking dish, spread a thin layer of meat sauce."


def test_recorded_partial_arguments_without_a_terminal_chunk() -> None:
    chunks = _chunks(
        "google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt"
    )
    merged = collect_openai_stream(StreamToOpenAI().iter(chunks))
    choice = merged["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    args = json.loads(choice["message"]["tool_calls"][0]["function"]["arguments"])
    assert args == {
        "operations": [
            {
                "action": "add",
                "description": "Fresh red apple",
                "itemid": "apple_001",
                "price": 0.5,
            },
            {
                "action": "add",
                "description": "Ripe yellow banana",
                "itemid": "banana_001",
                "price": 0.3,
            },
        ]
    }


def test_recorded_parallel_calls_get_distinct_indexes_and_ids() -> None:
    chunks = _chunks("google-stream-no-args-tool-call.chunks.txt")
    out = list(StreamToOpenAI(reasoning=True).iter(chunks))
    starts = [
        tc
        for c in out
        for ch in c["choices"]
        for tc in ch["delta"].get("tool_calls", [])
        if "id" in tc
    ]
    assert [tc["index"] for tc in starts] == [0, 1, 2, 3]
    assert len({tc["id"] for tc in starts}) == 4
    calls = collect_openai_stream(out)["choices"][0]["message"]["tool_calls"]
    assert [(c["function"]["name"], c["function"]["arguments"]) for c in calls] == [
        ("read_theme", "{}"),
        ("read_screen", '{"id":"A"}'),
        ("read_screen", '{"id":"B"}'),
        ("read_screen", '{"id":"C"}'),
    ]


def test_recorded_call_and_stop_in_separate_chunks_finish_with_tool_calls() -> None:
    """Peers leave ``finish_reason: "stop"`` when ``STOP`` arrives after the call."""
    chunks = _chunks("google-tool-call.chunks.txt")
    assert (
        "functionCall" in json.dumps(chunks[0])
        and chunks[0]["candidates"][0].get("finishReason") is None
    )
    out = list(StreamToOpenAI().iter(chunks))
    finishes = [ch["finish_reason"] for c in out for ch in c["choices"] if ch["finish_reason"]]
    assert finishes == ["tool_calls"]
