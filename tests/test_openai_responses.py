"""Responses both ways: finish reasons, usage, ids, reasoning, blocked prompts, signatures."""

from __future__ import annotations

from typing import Any

import pytest

from gemschema.openai import (
    FINISH_FROM_OPENAI,
    FINISH_TO_OPENAI,
    response_from_openai,
    response_to_openai,
)
from gemschema.openai._finish import to_openai
from tests.strategies_openai import check_chat_completion, check_gemini_response

SIG = "c2lnbmF0dXJl"


def _response(*parts: dict[str, Any], reason: str = "STOP", **extra: Any) -> dict[str, Any]:
    candidate = {
        "content": {"role": "model", "parts": list(parts)},
        "finishReason": reason,
        "index": 0,
    }
    return {"candidates": [candidate], "modelVersion": "gemini-x", "responseId": "r1", **extra}


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("STOP", "stop"),
        ("MAX_TOKENS", "length"),
        ("SAFETY", "content_filter"),
        ("RECITATION", "content_filter"),
        ("BLOCKLIST", "content_filter"),
        ("PROHIBITED_CONTENT", "content_filter"),
        ("SPII", "content_filter"),
        ("IMAGE_SAFETY", "content_filter"),
        ("LANGUAGE", "content_filter"),
        ("MALFORMED_FUNCTION_CALL", "stop"),
        ("OTHER", "stop"),
        ("FINISH_REASON_UNSPECIFIED", "stop"),
    ],
)
def test_the_finish_reason_table(reason: str, expected: str) -> None:
    assert FINISH_TO_OPENAI[reason] == expected
    out = response_to_openai(_response({"text": "x"}, reason=reason))
    choice = out.document["choices"][0]
    assert choice["finish_reason"] == expected
    native = choice.get("extra_content", {}).get("google", {}).get("finishReason")
    exact = FINISH_FROM_OPENAI[expected] == reason
    assert native == (None if exact else reason)  # the native value, whenever it does not map back
    assert response_from_openai(out.document).document["candidates"][0]["finishReason"] == reason
    check_chat_completion(out.document)


def test_lossy_finish_reasons_are_reported_without_native_data() -> None:
    out = response_to_openai(_response({"text": "x"}, reason="RECITATION"), native=False)
    assert [loss.pointer for loss in out.losses] == ["/candidates/0/finishReason"]


def test_unknown_future_finish_reasons_map_to_stop() -> None:
    assert to_openai("SOMETHING_NEW", calls_functions=False) == "stop"
    assert to_openai("SOMETHING_NEW", calls_functions=True) == "stop"


def test_an_unknown_finish_reason_converts_and_is_kept_natively() -> None:
    out = response_to_openai(_response({"text": "x"}, reason="SOMETHING_NEW")).document
    assert out["choices"][0]["finish_reason"] == "stop"
    assert out["choices"][0]["extra_content"] == {"google": {"finishReason": "SOMETHING_NEW"}}


def test_a_function_call_finishes_with_tool_calls() -> None:
    fc = {"functionCall": {"name": "weather", "args": {"city": "Oslo"}}, "thoughtSignature": SIG}
    out = response_to_openai(_response(fc)).document
    choice = out["choices"][0]
    assert choice["finish_reason"] == "tool_calls"
    call = choice["message"]["tool_calls"][0]
    assert call["function"] == {"name": "weather", "arguments": '{"city":"Oslo"}'}
    assert call["id"].startswith("call_gs_")
    assert call["extra_content"] == {"google": {"thought_signature": SIG}}
    assert choice["message"]["content"] is None
    check_chat_completion(out)
    assert response_from_openai(out).document == _response(fc)


def test_repeated_calls_of_one_function_get_distinct_ids() -> None:
    fc = {"functionCall": {"name": "get"}}
    calls = response_to_openai(_response(fc, fc)).document["choices"][0]["message"]["tool_calls"]
    assert calls[0]["id"] != calls[1]["id"]


def test_usage_maps_cached_and_reasoning_tokens() -> None:
    usage = {
        "promptTokenCount": 10,
        "cachedContentTokenCount": 4,
        "candidatesTokenCount": 5,
        "thoughtsTokenCount": 7,
        "totalTokenCount": 22,
    }
    out = response_to_openai(_response({"text": "x"}, usageMetadata=usage)).document
    assert out["usage"] == {
        "prompt_tokens": 10,
        "completion_tokens": 12,
        "total_tokens": 22,
        "prompt_tokens_details": {"cached_tokens": 4},
        "completion_tokens_details": {"reasoning_tokens": 7},
    }
    assert "extra_content" not in out
    assert response_from_openai(out).document["usageMetadata"] == usage


def test_tool_use_prompt_tokens_count_as_prompt_and_come_back_natively() -> None:
    usage = {
        "promptTokenCount": 10,
        "toolUsePromptTokenCount": 3,
        "candidatesTokenCount": 5,
        "totalTokenCount": 18,
    }
    out = response_to_openai(_response({"text": "x"}, usageMetadata=usage)).document
    assert out["usage"]["prompt_tokens"] == 13
    assert out["extra_content"] == {"google": {"usageMetadata": {"toolUsePromptTokenCount": 3}}}
    assert response_from_openai(out).document["usageMetadata"] == usage


def test_ids_model_and_creation_time() -> None:
    gemini = _response({"text": "x"}, createTime="2026-01-02T03:04:05Z")
    out = response_to_openai(gemini).document
    assert (out["id"], out["model"], out["created"]) == ("r1", "gemini-x", 1767323045)
    assert "extra_content" not in out
    assert response_from_openai(out).document == gemini


def test_reasoning_content_is_opt_in() -> None:
    gemini = _response({"text": "thinking…", "thought": True}, {"text": "answer"})
    plain = response_to_openai(gemini)
    assert "reasoning_content" not in plain.document["choices"][0]["message"]
    assert [loss.pointer for loss in plain.losses] == ["/candidates/0/content/parts/0"]
    opted = response_to_openai(gemini, reasoning=True)
    assert opted.document["choices"][0]["message"]["reasoning_content"] == "thinking…"
    assert opted.losses == ()
    assert response_from_openai(opted.document).document == gemini


def test_text_signatures_ride_on_the_message() -> None:
    gemini = _response({"text": "hi", "thoughtSignature": SIG})
    out = response_to_openai(gemini).document
    assert out["choices"][0]["message"]["extra_content"] == {"google": {"thought_signature": SIG}}
    assert response_from_openai(out).document == gemini


def test_several_text_parts_are_joined_and_reported() -> None:
    out = response_to_openai(_response({"text": "a"}, {"text": "b"}))
    assert out.document["choices"][0]["message"]["content"] == "ab"
    assert [loss.pointer for loss in out.losses] == ["/candidates/0/content/parts"]


def test_a_blocked_prompt_becomes_a_content_filter_choice() -> None:
    gemini = {
        "promptFeedback": {"blockReason": "SAFETY"},
        "modelVersion": "gemini-x",
        "responseId": "r1",
    }
    out = response_to_openai(gemini).document
    assert out["choices"] == [
        {
            "index": 0,
            "message": {"role": "assistant", "content": None},
            "finish_reason": "content_filter",
        }
    ]
    assert out["extra_content"] == {"google": {"promptFeedback": {"blockReason": "SAFETY"}}}
    check_chat_completion(out)
    assert response_from_openai(out).document == gemini


def test_a_blocked_prompt_can_become_an_error_body() -> None:
    gemini = {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}, "responseId": "r1"}
    out = response_to_openai(gemini, prompt_blocked="error")
    assert out.http_status == 400
    assert out.document["error"]["code"] == "content_filter"


def test_candidate_metadata_is_carried_natively_or_reported() -> None:
    ratings = [{"category": "HARM_CATEGORY_HARASSMENT", "probability": "NEGLIGIBLE"}]
    gemini = _response({"text": "x"}, reason="STOP")
    gemini["candidates"][0]["safetyRatings"] = ratings
    out = response_to_openai(gemini)
    assert out.document["choices"][0]["extra_content"] == {"google": {"safetyRatings": ratings}}
    assert response_from_openai(out.document).document == gemini
    plain = response_to_openai(gemini, native=False)
    assert [loss.pointer for loss in plain.losses] == ["/candidates/0/safetyRatings"]


def test_logprobs_map_both_ways() -> None:
    result = {
        "topCandidates": [
            {
                "candidates": [
                    {"token": "a", "logProbability": -0.1},
                    {"token": "b", "logProbability": -2.0},
                ]
            }
        ],
        "chosenCandidates": [{"token": "a", "logProbability": -0.1}],
    }
    gemini = _response({"text": "a"})
    gemini["candidates"][0]["logprobsResult"] = result
    out = response_to_openai(gemini).document
    content = out["choices"][0]["logprobs"]["content"]
    assert content[0]["token"] == "a" and [t["token"] for t in content[0]["top_logprobs"]] == [
        "a",
        "b",
    ]
    check_chat_completion(out)
    assert response_from_openai(out).document == gemini


def test_openai_only_response_fields_are_reported() -> None:
    completion = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-x",
        "system_fingerprint": "fp",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "x", "refusal": "no"},
            }
        ],
    }
    out = response_from_openai(completion)
    assert sorted(loss.pointer for loss in out.losses) == [
        "/choices/0/message/refusal",
        "/system_fingerprint",
    ]
    check_gemini_response(out.document)


def test_the_gemini_response_we_emit_parses_with_google_genai() -> None:
    completion = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1700000000,
        "model": "gpt-x",
        "choices": [
            {
                "index": 0,
                "finish_reason": "tool_calls",
                "message": {
                    "role": "assistant",
                    "content": "calling",
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "f", "arguments": "{}"},
                        }
                    ],
                },
            }
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 4, "total_tokens": 7},
    }
    out = response_from_openai(completion)
    assert out.losses == ()
    check_gemini_response(out.document)
    assert out.document["candidates"][0]["content"]["parts"] == [
        {"text": "calling"},
        {"functionCall": {"id": "call_1", "name": "f"}},
    ]
    assert response_to_openai(out.document).document == completion
