"""Requests both ways: each corner peers get wrong, and the documented mappings."""

from __future__ import annotations

from typing import Any

import pytest

from gemschema.openai import ConversionError, request_from_gemini, request_to_gemini
from tests.strategies_openai import check_openai_request

SIG = "c2lnbmF0dXJl"  # base64 of "signature"


def _user(text: str = "hi") -> dict[str, Any]:
    return {"role": "user", "content": text}


def _req(*messages: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"model": "gpt-test", "messages": list(messages), **fields}


def _pointers(result: Any) -> list[str]:
    return [loss.pointer for loss in result.losses]


# --- roles and turns ----------------------------------------------------------------------------


def test_system_and_developer_messages_merge_in_order_into_system_instruction() -> None:
    result = request_to_gemini(
        _req(
            {"role": "system", "content": "a"},
            {"role": "developer", "content": [{"type": "text", "text": "b"}]},
            _user(),
        )
    )
    assert result.document["systemInstruction"] == {"parts": [{"text": "a"}, {"text": "b"}]}
    assert result.losses == ()


def test_consecutive_same_role_messages_merge_without_a_loss() -> None:
    result = request_to_gemini(_req(_user("a"), _user("b")))
    assert result.document["contents"] == [
        {"role": "user", "parts": [{"text": "a"}, {"text": "b"}]}
    ]
    assert result.losses == ()


def test_a_lone_system_message_becomes_the_user_turn() -> None:
    """A request with only a system message would have no contents: the API refuses that."""
    result = request_to_gemini(_req({"role": "system", "content": "Be brief."}))
    assert result.document == {"contents": [{"role": "user", "parts": [{"text": "Be brief."}]}]}
    assert _pointers(result) == ["/messages/0/role"]


def test_a_conversation_opening_with_an_assistant_tool_call_gets_a_user_turn_first() -> None:
    call = {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    result = request_to_gemini(
        _req(
            {"role": "assistant", "content": None, "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "call_1", "content": "done"},
        )
    )
    contents = result.document["contents"]
    assert [c["role"] for c in contents] == ["user", "model", "user"]
    assert contents[0]["parts"] == [{"text": "."}]
    assert _pointers(result) == ["/messages/0"]


def test_a_conversation_ending_with_an_assistant_message_gets_a_user_turn_after() -> None:
    result = request_to_gemini(_req(_user(), {"role": "assistant", "content": "ok"}))
    assert [c["role"] for c in result.document["contents"]] == ["user", "model", "user"]
    assert _pointers(result) == ["/messages/2"]


def test_empty_text_parts_are_dropped_and_reported() -> None:
    result = request_to_gemini(
        _req(
            {
                "role": "user",
                "content": [{"type": "text", "text": ""}, {"type": "text", "text": "x"}],
            }
        )
    )
    assert result.document["contents"] == [{"role": "user", "parts": [{"text": "x"}]}]
    assert _pointers(result) == ["/messages/0/content/0/text"]


def test_a_system_message_inside_the_conversation_is_reported_as_moved() -> None:
    result = request_to_gemini(_req(_user(), {"role": "system", "content": "late"}, _user("b")))
    assert result.document["systemInstruction"] == {"parts": [{"text": "late"}]}
    assert _pointers(result) == ["/messages/1"]


def test_name_fields_are_reported() -> None:
    result = request_to_gemini(_req({"role": "user", "content": "hi", "name": "ann"}))
    assert _pointers(result) == ["/messages/0/name"]


def test_gemini_role_back_to_openai_and_system_role_option() -> None:
    gemini = {
        "systemInstruction": {"parts": [{"text": "s"}]},
        "contents": [{"role": "user", "parts": [{"text": "u"}]}],
    }
    out = request_from_gemini(gemini, model="m", system_role="developer").document
    assert out["messages"] == [
        {"role": "developer", "content": "s"},
        {"role": "user", "content": "u"},
    ]
    check_openai_request(out)


# --- content parts ------------------------------------------------------------------------------


def test_media_parts_both_ways() -> None:
    parts = [
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBO"}},
        {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}},
        {"type": "input_audio", "input_audio": {"data": "UklG", "format": "wav"}},
        {"type": "file", "file": {"file_data": "data:application/pdf;base64,JVBE"}},
    ]
    result = request_to_gemini(_req({"role": "user", "content": parts}))
    assert result.document["contents"][0]["parts"] == [
        {"inlineData": {"mimeType": "image/png", "data": "iVBO"}},
        {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com/cat.jpg"}},
        {"inlineData": {"mimeType": "audio/wav", "data": "UklG"}},
        {"inlineData": {"mimeType": "application/pdf", "data": "JVBE"}},
    ]
    assert result.losses == ()
    back = request_from_gemini(result.document, model="gpt-test")
    assert back.document["messages"][0]["content"] == parts
    check_openai_request(back.document)


def test_an_image_url_whose_mime_type_cannot_be_known_is_dropped_and_reported() -> None:
    part = {"type": "image_url", "image_url": {"url": "https://example.com/image?id=3"}}
    result = request_to_gemini(
        _req({"role": "user", "content": [part, {"type": "text", "text": "x"}]})
    )
    assert result.document["contents"][0]["parts"] == [{"text": "x"}]
    assert _pointers(result) == ["/messages/0/content/0/image_url/url"]


def test_a_file_with_a_raw_base64_body_takes_its_mime_type_from_the_file_name() -> None:
    part = {"type": "file", "file": {"file_data": "JVBE", "filename": "report.pdf"}}
    result = request_to_gemini(_req({"role": "user", "content": [part]}))
    assert result.document["contents"][0]["parts"] == [
        {"inlineData": {"mimeType": "application/pdf", "data": "JVBE"}}
    ]
    assert _pointers(result) == ["/messages/0/content/0/file/filename"]


def test_parts_with_no_openai_counterpart_are_reported() -> None:
    gemini = {
        "contents": [
            {"role": "user", "parts": [{"text": "run it"}]},
            {
                "role": "model",
                "parts": [
                    {"executableCode": {"language": "PYTHON", "code": "print(1)"}},
                    {"codeExecutionResult": {"outcome": "OUTCOME_OK", "output": "1"}},
                    {"text": "1"},
                ],
            },
            {"role": "user", "parts": [{"text": "thanks"}]},
        ]
    }
    result = request_from_gemini(gemini, model="m")
    assert _pointers(result) == ["/contents/1/parts/0", "/contents/1/parts/1"]
    assert result.document["messages"][1] == {"role": "assistant", "content": "1"}


# --- tool calls and results ---------------------------------------------------------------------


def _tool_turns() -> dict[str, Any]:
    calls = [
        {"id": "call_a", "type": "function", "function": {"name": "get", "arguments": '{"q":1}'}},
        {"id": "call_b", "type": "function", "function": {"name": "get", "arguments": '{"q":2}'}},
    ]
    return _req(
        _user("twice"),
        {"role": "assistant", "content": None, "tool_calls": calls},
        {"role": "tool", "tool_call_id": "call_a", "content": '{"r": 1}'},
        {"role": "tool", "tool_call_id": "call_b", "content": "plain text"},
    )


def test_tool_results_recover_the_function_name_from_the_tool_call_id() -> None:
    """Peers send ``functionResponse`` without a name: "Name cannot be empty"."""
    doc = request_to_gemini(_tool_turns()).document
    responses = [p["functionResponse"] for p in doc["contents"][2]["parts"]]
    assert responses == [
        {"id": "call_a", "name": "get", "response": {"r": 1}},
        {"id": "call_b", "name": "get", "response": {"output": "plain text"}},
    ]


def test_tool_calls_become_function_calls_with_their_ids_and_parsed_arguments() -> None:
    doc = request_to_gemini(_tool_turns()).document
    assert doc["contents"][1] == {
        "role": "model",
        "parts": [
            {"functionCall": {"id": "call_a", "name": "get", "args": {"q": 1}}},
            {"functionCall": {"id": "call_b", "name": "get", "args": {"q": 2}}},
        ],
    }


def test_repeated_calls_of_one_function_get_distinct_deterministic_ids() -> None:
    gemini = {
        "contents": [
            {"role": "user", "parts": [{"text": "twice"}]},
            {
                "role": "model",
                "parts": [
                    {"functionCall": {"name": "get", "args": {"q": 1}}},
                    {"functionCall": {"name": "get", "args": {"q": 2}}},
                ],
            },
            {
                "role": "user",
                "parts": [
                    {"functionResponse": {"name": "get", "response": {"r": 1}}},
                    {"functionResponse": {"name": "get", "response": {"r": 2}}},
                ],
            },
        ]
    }
    first = request_from_gemini(gemini, model="m").document
    again = request_from_gemini(gemini, model="m").document
    assert first == again
    ids = [c["id"] for c in first["messages"][1]["tool_calls"]]
    assert len(set(ids)) == 2
    assert [m["tool_call_id"] for m in first["messages"][2:]] == ids  # first in, first out
    assert [m["content"] for m in first["messages"][2:]] == ['{"r":1}', '{"r":2}']
    check_openai_request(first)
    assert request_to_gemini(first).document == gemini  # synthesised ids are dropped again


def test_thought_signatures_survive_the_trip_through_openai_format() -> None:
    """Gemini 3 refuses the next turn when a function call comes back without its signature."""
    gemini = {
        "contents": [
            {"role": "user", "parts": [{"text": "weather?"}]},
            {
                "role": "model",
                "parts": [
                    {
                        "functionCall": {"name": "weather", "args": {"city": "Oslo"}},
                        "thoughtSignature": SIG,
                    },
                    {"functionCall": {"name": "weather", "args": {"city": "Rome"}}},
                ],
            },
            {
                "role": "user",
                "parts": [
                    {"functionResponse": {"name": "weather", "response": {"t": 3}}},
                    {"functionResponse": {"name": "weather", "response": {"t": 20}}},
                ],
            },
        ]
    }
    openai = request_from_gemini(gemini, model="m").document
    first_call = openai["messages"][1]["tool_calls"][0]
    assert first_call["extra_content"] == {"google": {"thought_signature": SIG}}
    assert "extra_content" not in openai["messages"][1]["tool_calls"][1]
    assert request_to_gemini(openai).document == gemini


def test_dummy_signatures_on_request() -> None:
    call = {"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    doc = request_to_gemini(
        _req(
            _user(),
            {"role": "assistant", "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "call_1", "content": "x"},
        ),
        fill_thought_signatures=True,
    ).document
    assert doc["contents"][1]["parts"][0]["thoughtSignature"] == "skip_thought_signature_validator"


def test_a_tool_result_for_an_unknown_call_is_sent_as_user_text() -> None:
    result = request_to_gemini(
        _req(_user(), {"role": "tool", "tool_call_id": "nope", "content": "x"})
    )
    assert result.document["contents"] == [
        {"role": "user", "parts": [{"text": "hi"}, {"text": "x"}]}
    ]
    assert _pointers(result) == ["/messages/1/tool_call_id"]


@pytest.mark.parametrize(
    ("text", "response", "back"),
    [
        ("plain", {"output": "plain"}, "plain"),
        ('{"a": 1}', {"a": 1}, '{"a":1}'),
        ("[1, 2]", {"output": "[1, 2]"}, "[1, 2]"),
        ("", {"output": ""}, ""),
        ('{"output": "{\\"a\\":1}"}', {"output": '{"a":1}'}, '{"output":"{\\"a\\":1}"}'),
    ],
)
def test_tool_output_wrapping(text: str, response: dict[str, Any], back: str) -> None:
    """Non-JSON-object output travels as ``{"output": text}``; JSON objects as themselves."""
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    req = _req(
        _user(),
        {"role": "assistant", "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "c1", "content": text},
    )
    there = request_to_gemini(req)
    assert there.document["contents"][2]["parts"][0]["functionResponse"]["response"] == response
    assert there.losses == ()
    assert (
        request_from_gemini(there.document, model="gpt-test").document["messages"][2]["content"]
        == back
    )


def test_tool_output_that_spells_the_wrapper_itself_is_reported() -> None:
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    req = _req(
        _user(),
        {"role": "assistant", "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "c1", "content": '{"output": "x"}'},
    )
    assert _pointers(request_to_gemini(req)) == ["/messages/2/content"]


def test_invalid_arguments_json_is_reported() -> None:
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{not json"}}
    result = request_to_gemini(
        _req(
            _user(),
            {"role": "assistant", "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "c1", "content": "x"},
        )
    )
    assert _pointers(result) == ["/messages/1/tool_calls/0/function/arguments"]


# --- tools, tool choice, response format ----------------------------------------------------------

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "unit": {"type": ["string", "null"], "enum": ["C", "F"]},
        "kind": {"const": "weather"},
        "where": {"$ref": "#/$defs/place"},
    },
    "required": ["where"],
    "additionalProperties": False,
    "$defs": {
        "place": {"type": "object", "properties": {"city": {"type": "string", "title": "City"}}}
    },
}


def test_tools_go_as_parameters_json_schema_untouched_by_default() -> None:
    tools = [
        {"type": "function", "function": {"name": "w", "description": "d", "parameters": SCHEMA}}
    ]
    result = request_to_gemini(_req(_user(), tools=tools))
    assert result.document["tools"] == [
        {
            "functionDeclarations": [
                {"name": "w", "description": "d", "parametersJsonSchema": SCHEMA}
            ]
        }
    ]
    assert result.losses == ()


def test_tools_in_the_gemini_schema_subset_drop_and_report_what_it_rejects() -> None:
    tools = [{"type": "function", "function": {"name": "w", "parameters": SCHEMA}}]
    result = request_to_gemini(_req(_user(), tools=tools), schema="gemini")
    params = result.document["tools"][0]["functionDeclarations"][0]["parameters"]
    assert params == {
        "type": "OBJECT",
        "properties": {
            "unit": {"type": "STRING", "nullable": True, "enum": ["C", "F"]},
            "kind": {"type": "STRING", "enum": ["weather"]},
            "where": {
                "type": "OBJECT",
                "properties": {"city": {"type": "STRING", "title": "City"}},
            },
        },
        "required": ["where"],
    }
    assert sorted(_pointers(result)) == [
        "/tools/0/function/parameters/$schema",
        "/tools/0/function/parameters/additionalProperties",
    ]


def test_empty_object_parameters_are_left_out_in_the_schema_subset() -> None:
    tools = [
        {
            "type": "function",
            "function": {"name": "w", "parameters": {"type": "object", "properties": {}}},
        }
    ]
    result = request_to_gemini(_req(_user(), tools=tools), schema="gemini")
    assert result.document["tools"] == [{"functionDeclarations": [{"name": "w"}]}]
    assert _pointers(result) == ["/tools/0/function/parameters"]
    assert "empty object" in result.losses[0].reason


@pytest.mark.parametrize(
    "parameters",
    [{"type": "string"}, {"type": "array", "items": {"type": "string"}}, "x", ["a"], {"type": 1}],
)
def test_parameters_that_are_no_object_schema_are_left_out_as_such(parameters: Any) -> None:
    tools = [{"type": "function", "function": {"name": "w", "parameters": parameters}}]
    result = request_to_gemini(_req(_user(), tools=tools), schema="gemini")
    assert result.document["tools"] == [{"functionDeclarations": [{"name": "w"}]}]
    assert _pointers(result) == ["/tools/0/function/parameters"]
    assert "not an object schema" in result.losses[0].reason


def test_arrays_without_items_get_object_items_and_a_loss() -> None:
    parameters = {
        "type": "object",
        "properties": {"a": {"type": "array"}, "b": {"type": ["array", "string"]}},
    }
    tools = [{"type": "function", "function": {"name": "w", "parameters": parameters}}]
    result = request_to_gemini(_req(_user(), tools=tools), schema="gemini")
    [declaration] = result.document["tools"][0]["functionDeclarations"]
    assert declaration["parameters"]["properties"] == {
        "a": {"type": "ARRAY", "items": {"type": "OBJECT"}},
        "b": {"anyOf": [{"type": "ARRAY", "items": {"type": "OBJECT"}}, {"type": "STRING"}]},
    }
    assert _pointers(result) == [
        "/tools/0/function/parameters/properties/a",
        "/tools/0/function/parameters/properties/b",
    ]
    with pytest.raises(ConversionError):
        request_to_gemini(_req(_user(), tools=tools), schema="gemini", strict=True)


@pytest.mark.parametrize(
    ("choice", "config"),
    [
        ("auto", {"mode": "AUTO"}),
        ("none", {"mode": "NONE"}),
        ("required", {"mode": "ANY"}),
        (
            {"type": "function", "function": {"name": "a"}},
            {"mode": "ANY", "allowedFunctionNames": ["a"]},
        ),
        (
            {
                "type": "allowed_tools",
                "allowed_tools": {
                    "mode": "required",
                    "tools": [
                        {"type": "function", "function": {"name": "a"}},
                        {"type": "function", "function": {"name": "b"}},
                    ],
                },
            },
            {"mode": "ANY", "allowedFunctionNames": ["a", "b"]},
        ),
        (
            {
                "type": "allowed_tools",
                "allowed_tools": {
                    "mode": "auto",
                    "tools": [{"type": "function", "function": {"name": "a"}}],
                },
            },
            {"mode": "VALIDATED", "allowedFunctionNames": ["a"]},
        ),
    ],
)
def test_tool_choice_maps_both_ways(choice: Any, config: dict[str, Any]) -> None:
    tools = [{"type": "function", "function": {"name": n}} for n in ("a", "b")]
    there = request_to_gemini(_req(_user(), tools=tools, tool_choice=choice))
    assert there.document["toolConfig"] == {"functionCallingConfig": config}
    back = request_from_gemini(there.document, model="gpt-test").document
    assert back["tool_choice"] == choice
    check_openai_request(back)


def test_parallel_tool_calls_is_reported() -> None:
    assert _pointers(request_to_gemini(_req(_user(), parallel_tool_calls=False))) == [
        "/parallel_tool_calls"
    ]


@pytest.mark.parametrize(
    ("fmt", "config"),
    [
        ({"type": "text"}, {"responseMimeType": "text/plain"}),
        ({"type": "json_object"}, {"responseMimeType": "application/json"}),
        (
            {
                "type": "json_schema",
                "json_schema": {"name": "response", "schema": {"type": "object"}},
            },
            {"responseMimeType": "application/json", "responseJsonSchema": {"type": "object"}},
        ),
    ],
)
def test_response_format_maps_both_ways(fmt: Any, config: dict[str, Any]) -> None:
    there = request_to_gemini(_req(_user(), response_format=fmt))
    assert there.document["generationConfig"] == config
    assert request_from_gemini(there.document, model="gpt-test").document["response_format"] == fmt


def test_response_schema_name_and_strict_are_reported() -> None:
    fmt = {
        "type": "json_schema",
        "json_schema": {"name": "recipe", "strict": True, "schema": {"type": "object"}},
    }
    assert sorted(_pointers(request_to_gemini(_req(_user(), response_format=fmt)))) == [
        "/response_format/json_schema/name",
        "/response_format/json_schema/strict",
    ]


def test_a_gemini_response_schema_becomes_json_schema() -> None:
    gemini = {
        "contents": [{"role": "user", "parts": [{"text": "x"}]}],
        "generationConfig": {
            "responseMimeType": "application/json",
            "responseSchema": {
                "type": "ARRAY",
                "items": {"type": "STRING", "nullable": True},
                "maxItems": "3",
            },
        },
    }
    out = request_from_gemini(gemini, model="m").document
    assert out["response_format"]["json_schema"]["schema"] == {
        "type": "array",
        "items": {"type": ["string", "null"]},
        "maxItems": 3,
    }
    assert (
        request_to_gemini(out, schema="gemini").document["generationConfig"]
        == gemini["generationConfig"]
    )


# --- sampling and other fields --------------------------------------------------------------------


def test_stop_lists_are_capped_at_five_for_gemini() -> None:
    """Peers forward OpenAI stop lists uncapped; Gemini refuses more than five."""
    result = request_to_gemini(_req(_user(), stop=[str(i) for i in range(7)]))
    assert result.document["generationConfig"]["stopSequences"] == ["0", "1", "2", "3", "4"]
    assert _pointers(result) == ["/stop/5", "/stop/6"]


def test_a_stop_string_becomes_a_one_item_list() -> None:
    assert request_to_gemini(_req(_user(), stop="END")).document["generationConfig"] == {
        "stopSequences": ["END"]
    }


def test_gemini_stop_sequences_are_capped_at_four_for_openai() -> None:
    gemini = {
        "contents": [{"role": "user", "parts": [{"text": "x"}]}],
        "generationConfig": {"stopSequences": list("abcde")},
    }
    result = request_from_gemini(gemini, model="m")
    assert result.document["stop"] == list("abcd")
    assert _pointers(result) == ["/generationConfig/stopSequences/4"]


def test_sampling_fields_map_both_ways() -> None:
    openai = _req(
        _user(),
        temperature=0.5,
        top_p=0.9,
        max_completion_tokens=100,
        n=1,
        seed=7,
        presence_penalty=0.1,
        frequency_penalty=0.2,
        logprobs=True,
        top_logprobs=3,
        reasoning_effort="medium",
        modalities=["text", "audio"],
        audio={"voice": "Kore", "format": "pcm16"},
    )
    there = request_to_gemini(openai)
    assert there.document["generationConfig"] == {
        "temperature": 0.5,
        "topP": 0.9,
        "candidateCount": 1,
        "seed": 7,
        "presencePenalty": 0.1,
        "frequencyPenalty": 0.2,
        "responseLogprobs": True,
        "logprobs": 3,
        "maxOutputTokens": 100,
        "thinkingConfig": {"thinkingBudget": 8192},
        "responseModalities": ["TEXT", "AUDIO"],
        "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Kore"}}},
    }
    assert there.losses == ()
    assert request_from_gemini(there.document, model="gpt-test").document == openai


def test_max_tokens_is_read_as_max_completion_tokens() -> None:
    assert request_to_gemini(_req(_user(), max_tokens=5)).document["generationConfig"] == {
        "maxOutputTokens": 5
    }


def test_reasoning_effort_to_thinking_level() -> None:
    doc = request_to_gemini(_req(_user(), reasoning_effort="high"), thinking="level").document
    assert doc["generationConfig"]["thinkingConfig"] == {"thinkingLevel": "HIGH"}


def test_openai_only_fields_are_reported() -> None:
    fields = {
        "user": "u",
        "metadata": {"a": "b"},
        "logit_bias": {"1": 2},
        "store": True,
        "service_tier": "auto",
    }
    assert sorted(_pointers(request_to_gemini(_req(_user(), **fields)))) == sorted(
        f"/{k}" for k in fields
    )


def test_transport_fields_come_back_on_the_result() -> None:
    result = request_to_gemini(_req(_user(), stream=True, stream_options={"include_usage": True}))
    assert (result.model, result.stream, result.include_usage) == ("gpt-test", True, True)
    back = request_from_gemini(
        result.document, model="gpt-test", stream=True, include_usage=True
    ).document
    assert back["stream"] is True and back["stream_options"] == {"include_usage": True}
    check_openai_request(back)


GEMINI_ONLY = {
    "contents": [{"role": "user", "parts": [{"text": "x"}]}],
    "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}],
    "generationConfig": {"topK": 40, "thinkingConfig": {"includeThoughts": True}},
}


def test_gemini_only_fields_are_reported_or_carried_when_asked() -> None:
    plain = request_from_gemini(GEMINI_ONLY, model="m")
    assert sorted(_pointers(plain)) == [
        "/generationConfig/thinkingConfig/includeThoughts",
        "/generationConfig/topK",
        "/safetySettings",
    ]
    assert "extra_body" not in plain.document
    carried = request_from_gemini(GEMINI_ONLY, model="m", extensions=True)
    assert carried.losses == ()
    assert carried.document["extra_body"] == {
        "google": {
            "generationConfig": {"topK": 40, "thinkingConfig": {"includeThoughts": True}},
            "safetySettings": GEMINI_ONLY["safetySettings"],
        }
    }
    check_openai_request(carried.document)
    assert request_to_gemini(carried.document).document == GEMINI_ONLY


def test_cached_content_is_reported() -> None:
    gemini = {
        "contents": [{"role": "user", "parts": [{"text": "x"}]}],
        "cachedContent": "cachedContents/a",
    }
    assert _pointers(request_from_gemini(gemini, model="m")) == ["/cachedContent"]


# --- strictness and validation --------------------------------------------------------------------


def test_strict_raises_with_the_losses() -> None:
    with pytest.raises(ConversionError) as caught:
        request_to_gemini(_req(_user(), user="u"), strict=True)
    assert [loss.pointer for loss in caught.value.losses] == ["/user"]


def test_invalid_openai_input_raises_with_diagnostics() -> None:
    with pytest.raises(ConversionError) as caught:
        request_to_gemini({"model": "m", "messages": [{"role": "robot", "content": "x"}]})
    assert caught.value.stage == "input"
    assert caught.value.diagnostics[0].pointer == "/messages/0/role"


def test_invalid_gemini_input_raises_with_diagnostics() -> None:
    with pytest.raises(ConversionError) as caught:
        request_from_gemini(
            {"contents": [{"role": "user", "parts": [{"text": "x"}]}], "bogus": 1}, model="m"
        )
    assert caught.value.stage == "input"
    assert caught.value.diagnostics


def test_the_v1_api_gets_the_subset_it_has() -> None:
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    request = _req(
        {"role": "system", "content": "be brief"},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "hi"},
                {"type": "image_url", "image_url": {"url": "https://x/a.png"}},
            ],
        },
        {"role": "assistant", "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "c1", "content": "ok"},
        tools=[{"type": "function", "function": {"name": "f"}}],
        temperature=0.2,
        reasoning_effort="low",
    )
    result = request_to_gemini(request, api_version="v1")
    assert result.document == {
        "contents": [{"role": "user", "parts": [{"text": "be brief"}, {"text": "hi"}]}],
        "generationConfig": {"temperature": 0.2},
    }
    assert sorted(_pointers(result)) == [
        "/messages/0",
        "/messages/1/content/1",
        "/messages/2/tool_calls/0",
        "/messages/3",
        "/reasoning_effort",
        "/tools",
    ]


# --- what the converters must never blame on themselves -----------------------------------------


def test_an_empty_user_text_is_an_empty_user_message_and_back() -> None:
    gemini = {"contents": [{"parts": [{"text": ""}], "role": "user"}]}
    there = request_from_gemini(gemini)
    assert there.document["messages"] == [{"role": "user", "content": ""}]
    assert "/contents" in _pointers(there)
    back = request_to_gemini(there.document)
    assert back.document["contents"] == [{"role": "user", "parts": [{"text": "."}]}]
    assert "/messages" in _pointers(back)


def test_a_conversation_opening_with_an_assistant_text_gets_a_user_turn_first() -> None:
    result = request_to_gemini(_req({"role": "assistant", "content": "hello"}, _user()))
    contents = result.document["contents"]
    assert [c["role"] for c in contents] == ["user", "model", "user"]
    assert contents[0]["parts"] == [{"text": "."}]
    assert _pointers(result) == ["/messages/0"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("temperature", float("nan")),
        ("temperature", float("inf")),
        ("temperature", "0.5"),
        ("top_p", True),
        ("max_tokens", True),
        ("max_completion_tokens", 1.5),
        ("seed", "1"),
        ("logprobs", 1),
        ("stop", 5),
        ("reasoning_effort", 1),
        ("temperature", 5),  # out of range: a Gemini rule, still the input's fault
        ("max_tokens", -1),
    ],
)
def test_a_bad_setting_is_an_input_error_naming_the_field(field: str, value: Any) -> None:
    with pytest.raises(ConversionError) as caught:
        request_to_gemini(_req(_user(), **{field: value}))
    assert caught.value.stage == "input"
    assert [d.pointer for d in caught.value.diagnostics] == [f"/{field}"]
    assert "we produced" not in str(caught.value)


def test_a_bad_extra_body_setting_is_an_input_error() -> None:
    extra = {"google": {"generationConfig": {"topK": -3}}}
    with pytest.raises(ConversionError) as caught:
        request_to_gemini(_req(_user(), extra_body=extra))
    assert caught.value.stage == "input"
    assert [d.pointer for d in caught.value.diagnostics] == [
        "/extra_body/google/generationConfig/topK"
    ]


@pytest.mark.parametrize("url", ["https://example.com/s.json", "http://x/s#/defs/a"])
def test_a_url_ref_under_schema_gemini_is_a_reported_loss(url: str) -> None:
    params = {"type": "object", "properties": {"a": {"$ref": url}}, "$defs": {"x": {"$ref": url}}}
    tool = {"type": "function", "function": {"name": "f", "parameters": params}}
    fmt = {"type": "json_schema", "json_schema": {"name": "response", "schema": {"$ref": url}}}
    request = _req(_user(), tools=[tool], response_format=fmt)
    result = request_to_gemini(request, schema="gemini")
    assert "/tools/0/function/parameters/properties/a/$ref" in _pointers(result)
    assert "/response_format/json_schema/schema/$ref" in _pointers(result)
    with pytest.raises(ConversionError) as caught:
        request_to_gemini(request, schema="gemini", strict=True)
    assert caught.value.stage == "strict"
