"""``normalize``: one canonical form for every accepted spelling, user data and values untouched."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gemschema
from gemschema import jsonwrite
from gemschema.canonical import canonicalize
from gemschema.cli import main
from gemschema.errors import UsageError
from gemschema.files import Layout, detect_layout, split_lines
from gemschema.normalization import normalize, normalize_json, normalize_text
from gemschema.wire import wire_map

from .conftest import EXAMPLES, ROOT
from .strategies import documents, json_values, respelled, user_data

PROPERTIES = settings(
    max_examples=int(os.environ.get("GEMSCHEMA_EXAMPLES", "40")),  # raise it for a longer search
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KINDS = [
    ("request", "v1beta"),
    ("request", "v1"),
    ("response", "v1beta"),
    ("response", "v1"),
    ("stream", "v1beta"),
    ("count_tokens", "v1beta"),
    ("error", "v1beta"),
]


def exact(value: Any) -> str:
    """The JSON text of ``value``: equal texts mean equal values *and* equal key order."""
    return jsonwrite.dumps(value)


def codes(diagnostics: Any) -> list[tuple[str, str]]:
    return sorted((d.code, d.pointer) for d in diagnostics)


# --- properties over generated documents -----------------------------------------------------


@pytest.mark.parametrize(("kind", "version"), KINDS)
@PROPERTIES
@given(data=st.data())
def test_generated_documents_are_valid_and_canonical(
    kind: str, version: str, data: st.DataObject
) -> None:
    doc = data.draw(documents(kind, version))
    report = gemschema.validate(doc, kind=kind, api_version=version)
    assert report.ok, report.errors
    result = normalize(doc, kind=kind, api_version=version)
    assert not result.changed, result.changes
    assert exact(result.document) == exact(doc)


@pytest.mark.parametrize(("kind", "version"), KINDS)
@PROPERTIES
@given(data=st.data())
def test_every_spelling_normalises_to_the_canonical_document(
    kind: str, version: str, data: st.DataObject
) -> None:
    doc = data.draw(documents(kind, version))
    spelled = data.draw(respelled(doc, kind, version))
    assert gemschema.validate(spelled, kind=kind, api_version=version).ok  # accepted as written
    result = normalize(spelled, kind=kind, api_version=version)
    assert exact(result.document) == exact(doc)
    assert result.changed == (exact(spelled) != exact(doc))
    assert result.writable and not [d for d in result.diagnostics if d.is_error]
    again = normalize(result.document, kind=kind, api_version=version)  # idempotent
    assert not again.changed and exact(again.document) == exact(doc)
    assert user_data(result.document, kind, version) == user_data(doc, kind, version)
    assert gemschema.validate(result.document, kind=kind, api_version=version).ok


@pytest.mark.parametrize(("kind", "version"), KINDS)
@PROPERTIES
@given(data=st.data())
def test_snake_and_camel_round_trip(kind: str, version: str, data: st.DataObject) -> None:
    doc = data.draw(documents(kind, version))
    spelled = data.draw(respelled(doc, kind, version))
    snake = normalize(spelled, style="snake", kind=kind, api_version=version)
    assert normalize(snake.document, style="snake", kind=kind, api_version=version).changed is False
    assert user_data(snake.document, kind, version) == user_data(doc, kind, version)
    assert gemschema.validate(snake.document, kind=kind, api_version=version).ok
    back = normalize(snake.document, style="camel", kind=kind, api_version=version)
    assert exact(back.document) == exact(doc)
    assert normalize(doc, style="snake", kind=kind, api_version=version).document == snake.document


@pytest.mark.parametrize(("kind", "version"), KINDS[:3])
@PROPERTIES
@given(data=st.data())
def test_from_text_the_canonical_text_is_exact(
    kind: str, version: str, data: st.DataObject
) -> None:
    doc = data.draw(documents(kind, version))
    spelled = data.draw(respelled(doc, kind, version))
    indent = data.draw(st.sampled_from([None, 2, 4, "\t"]))
    result = normalize_json(jsonwrite.dumps(spelled, indent=indent), kind=kind, api_version=version)
    assert result.writable
    assert result.to_json(None) == json.dumps(doc, ensure_ascii=False)


@PROPERTIES
@given(value=json_values(big_ints=True), indent=st.sampled_from([None, 0, 2, 4, "\t"]))
def test_dumps_writes_what_json_dumps_writes(value: Any, indent: int | str | None) -> None:
    assert jsonwrite.dumps(value, indent=indent) == json.dumps(
        value, indent=indent, ensure_ascii=False
    )
    compact = (",", ":")
    assert jsonwrite.dumps(value, separators=compact) == json.dumps(
        value, separators=compact, ensure_ascii=False
    )


# --- user data at any depth ------------------------------------------------------------------

USER_DATA_REQUEST: dict[str, Any] = {
    "system_instruction": {"parts": {"text": "Be brief."}},
    "contents": [
        {"role": "user", "parts": [{"text": "Lights on, then make a recipe list."}]},
        {
            "role": "model",
            "parts": [
                {
                    "thought_signature": "c2ln",
                    "function_call": {
                        "name": "set_light",
                        "args": {
                            "rgb_hex": "ff0000",
                            "mime_type": None,
                            "nested": {"stop_sequences": [1]},
                        },
                    },
                }
            ],
        },
        {
            "role": "user",
            "parts": [
                {
                    "function_response": {
                        "name": "set_light",
                        "response": {"inline_data": {"mime_type": "x"}, "zeta": 1, "alpha": 2},
                    }
                }
            ],
        },
    ],
    "tools": [
        {
            "function_declarations": [
                {
                    "name": "set_light",
                    "parameters": {
                        "type": "object",
                        "properties": {
                            "rgb_hex": {"type": "string", "max_length": "6"},
                            "recipe_name": {"type": "array", "items": {"type": "string"}},
                        },
                        "required": ["rgb_hex"],
                        "property_ordering": ["rgb_hex", "recipe_name"],
                    },
                },
                {
                    "name": "find",
                    "parametersJsonSchema": {
                        "type": "object",
                        "properties": {"recipe_name": {"type": "string", "max_length": 3}},
                        "required": ["recipe_name"],
                    },
                },
            ]
        }
    ],
    "generation_config": {
        "response_mime_type": "application/json",
        "responseJsonSchema": {"type": "object", "properties": {"recipe_name": {"type": "string"}}},
    },
}


def test_user_data_keys_and_values_stay_as_written() -> None:
    result = normalize(USER_DATA_REQUEST)
    doc = result.document
    assert list(doc) == ["contents", "tools", "systemInstruction", "generationConfig"]
    call = doc["contents"][1]["parts"][0]
    assert list(call) == ["thoughtSignature", "functionCall"]
    assert (
        call["functionCall"]["args"]
        == USER_DATA_REQUEST["contents"][1]["parts"][0]["function_call"]["args"]
    )
    response = doc["contents"][2]["parts"][0]["functionResponse"]["response"]
    assert list(response) == ["inline_data", "zeta", "alpha"]  # user key order too
    declaration = doc["tools"][0]["functionDeclarations"][0]["parameters"]
    assert declaration == {
        "type": "OBJECT",
        "properties": {
            "rgb_hex": {"type": "STRING", "maxLength": "6"},
            "recipe_name": {"type": "ARRAY", "items": {"type": "STRING"}},
        },
        "required": ["rgb_hex"],
        "propertyOrdering": ["rgb_hex", "recipe_name"],
    }
    json_schema = USER_DATA_REQUEST["tools"][0]["function_declarations"][1]["parametersJsonSchema"]
    assert doc["tools"][0]["functionDeclarations"][1]["parametersJsonSchema"] == json_schema
    config = doc["generationConfig"]
    assert (
        config["responseJsonSchema"] is USER_DATA_REQUEST["generation_config"]["responseJsonSchema"]
    )
    assert user_data(doc) == user_data(USER_DATA_REQUEST)
    assert gemschema.validate(doc).ok and gemschema.validate(USER_DATA_REQUEST).ok


def test_snake_style_renames_documented_fields_only() -> None:
    doc = normalize(USER_DATA_REQUEST, style="snake").document
    assert list(doc) == ["contents", "tools", "system_instruction", "generation_config"]
    assert doc["generation_config"] == {  # proto field 28, whose wire name is responseJsonSchema
        "response_mime_type": "application/json",
        "response_json_schema_ordered": {
            "type": "object",
            "properties": {"recipe_name": {"type": "string"}},
        },
    }
    parameters = doc["tools"][0]["function_declarations"][0]["parameters"]
    assert parameters["property_ordering"] == ["rgb_hex", "recipe_name"]
    assert parameters["properties"]["rgb_hex"] == {"type": "STRING", "max_length": "6"}
    assert doc["contents"][2]["parts"][0]["function_response"]["response"]["inline_data"] == {
        "mime_type": "x"
    }
    assert normalize(doc).document == normalize(USER_DATA_REQUEST).document


def _reference_examples() -> list[Any]:
    manifest = json.loads((EXAMPLES / ".manifest.json").read_text(encoding="utf-8"))
    return [
        pytest.param(entry, id=Path(entry["file"]).name)
        for entry in manifest
        if entry["file"].startswith("reference/") and not entry["syntax_error"]
    ]


@pytest.mark.parametrize("entry", _reference_examples())
def test_reference_examples_normalise_with_user_data_intact(entry: dict[str, Any]) -> None:
    path = EXAMPLES / entry["file"]
    kind = entry["kind"]
    result = normalize_json(path.read_bytes(), kind=kind)
    assert result.writable and not [d for d in result.diagnostics if d.is_error]
    written = json.loads(path.read_text(encoding="utf-8"))
    before = gemschema.validate(written, kind=kind)
    after = gemschema.validate(result.document, kind=kind)
    assert after.ok is (entry["expect"] == "valid"), after.diagnostics
    assert sorted(d.code for d in after) == sorted(d.code for d in before)
    assert user_data(result.document, kind) == user_data(written, kind)
    assert not normalize(result.document, kind=kind).changed
    assert normalize(json.loads(result.to_json()), kind=kind).document == result.document


def test_reference_example_with_snake_case_and_singular_values() -> None:
    path = EXAMPLES / "reference/gemini-generate-content-gateway-guide.ja-96-function-calling.json"
    result = normalize_json(path.read_bytes())
    doc = result.document
    assert doc["contents"] == [{"parts": [{"text": "Turn on the lights please."}], "role": "user"}]
    assert doc["toolConfig"] == {"functionCallingConfig": {"mode": "AUTO"}}
    properties = doc["tools"][0]["functionDeclarations"][1]["parameters"]["properties"]
    assert list(properties) == ["rgb_hex"] and properties["rgb_hex"]["type"] == "STRING"
    pointers = {c.pointer for c in result.changes}
    assert {
        "/system_instruction",
        "/system_instruction/parts",
        "/contents",
        "/contents/parts",
    } <= pointers


# --- exact values from text ------------------------------------------------------------------

EXACT = """{
  "contents": [
    {"role": "user", "parts": [{"text": "héllo 😀 \\u00e9 \\ud83d\\ude00 \\u2028 \\""}]},
    {"role": "model", "parts": [{"thought_signature": "c2ln", "function_call": {"name": "f", "args": {
      "big": 123456789012345678901234567890,
      "one": 1.0, "tenth": 0.10, "exp": 1E+2, "small": 1e-7, "neg_zero": -0, "pi": 3.14159265358979323846264,
      "z": {"b": 1, "a": 2}
    }}}]},
    {"role": "user", "parts": [{"function_response": {"name": "f", "response": {"huge": 1e400}}}]}
  ],
  "generation_config": {"temperature": 1.0, "top_k": 40}
}"""


def test_numbers_keep_their_text_and_unicode_is_kept() -> None:
    result = normalize_json(EXACT)
    text = result.to_json(None)
    for literal in (
        "123456789012345678901234567890",
        '"one": 1.0',
        '"tenth": 0.10',
        '"exp": 1E+2',
        '"small": 1e-7',
        '"neg_zero": -0',
        "3.14159265358979323846264",
        '"huge": 1e400',
        '"z": {"b": 1, "a": 2}',
        '"temperature": 1.0',
    ):
        assert literal in text, literal
    assert 'héllo 😀 é 😀 \u2028 \\"' in text
    assert (
        result.document["contents"][1]["parts"][0]["functionCall"]["args"]["big"]
        == 123456789012345678901234567890
    )
    # Numbers beyond 64 bits and beyond the double range are the parser's GS006, kept as written.
    assert codes(result.diagnostics) == [
        ("GS006", "/contents/1/parts/0/function_call/args/big"),
        ("GS006", "/contents/2/parts/0/function_response/response/huge"),
    ]
    assert all(d.line is not None for d in result.diagnostics)
    assert result.writable
    assert normalize_json(text).to_json(None) == text


def test_orjson_style_parse_would_lose_the_big_integer() -> None:
    """The reason for the exact parse: the parser's own value is not exact."""
    from gemschema import jsontext

    value = jsontext.parse('{"a": 123456789012345678901234567890}').value
    assert value["a"] != 123456789012345678901234567890
    exact_value, _ = jsonwrite.loads('{"a": 123456789012345678901234567890}')
    assert exact_value["a"] == 123456789012345678901234567890


def test_loads_and_dumps_keep_every_number_text() -> None:
    text = "[1.0, 1.10, 1E+2, 1e-07, -0, -0.0, 0, 12345678901234567890123, 2.5e+300, 1e400, -1e400]"
    value, numbers = jsonwrite.loads(text)
    assert jsonwrite.dumps(value, numbers=numbers) == text.replace(",", ", ").replace(",  ", ", ")
    assert jsonwrite.dumps(value[:4]) == "[1.0, 1.1, 100.0, 1e-07]"  # without the texts
    long_int = "9" * 5000
    value, numbers = jsonwrite.loads(f"[{long_int}, -{long_int}]")
    assert jsonwrite.dumps(value, numbers=numbers) == f"[{long_int}, -{long_int}]"
    assert jsonwrite.dumps(value) == f"[{long_int}, -{long_int}]"
    with pytest.raises(ValueError, match="not a JSON number"):
        jsonwrite.loads("[NaN]")
    with pytest.raises(ValueError, match="not a JSON number"):
        jsonwrite.dumps([float("inf")])


def test_dumps_has_no_depth_limit_and_escapes_lone_surrogates() -> None:
    deep: list[Any] = []
    node = deep
    for _ in range(100_000):
        node.append([])
        node = node[0]
    assert jsonwrite.dumps(deep) == "[" * 100_001 + "]" * 100_001
    assert jsonwrite.dumps("\ud800x") == '"\\ud800x"'
    with pytest.raises(TypeError):
        jsonwrite.dumps({1: 2})


# --- what normalisation changes, and what it will not ----------------------------------------

REQUEST = {"contents": [{"role": "user", "parts": [{"text": "hi"}]}]}


def test_spellings_the_api_accepts() -> None:
    written = {
        "generationConfig": {
            "temperature": "0.5",
            "topK": "40",
            "stopSequences": "END",
            "seed": None,
        },
        "contents": {"parts": {"text": "hi"}, "role": "user"},
        "safety_settings": {"category": 7, "threshold": "block_only_high"},
        "toolConfig": {"functionCallingConfig": {"mode": "any", "allowedFunctionNames": "f"}},
        "tools": {
            "functionDeclarations": {
                "name": "f",
                "parameters": {"type": "object", "properties": {"x": {"type": 1, "maxLength": 5}}},
            }
        },
    }
    result = normalize(written)
    assert result.document == {
        "contents": [{"parts": [{"text": "hi"}], "role": "user"}],
        "tools": [
            {
                "functionDeclarations": [
                    {
                        "name": "f",
                        "parameters": {
                            "type": "OBJECT",
                            "properties": {"x": {"type": "STRING", "maxLength": "5"}},
                        },
                    }
                ]
            }
        ],
        "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["f"]}},
        "safetySettings": [
            {"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}
        ],
        "generationConfig": {"stopSequences": ["END"], "temperature": 0.5, "topK": 40},
    }
    assert list(result.document) == [
        "contents",
        "tools",
        "toolConfig",
        "safetySettings",
        "generationConfig",
    ]
    messages = {(c.pointer, c.message) for c in result.changes}
    assert (
        "/generationConfig/seed",
        "removed null 'seed' (null means absent in proto3 JSON)",
    ) in messages
    assert (
        "/safety_settings/category",
        "enum number 7 written as its name 'HARM_CATEGORY_HARASSMENT'",
    ) in messages
    assert ("", "put the fields of GenerateContentRequest in the documented order") in messages
    assert result.writable and result.diagnostics == ()
    assert gemschema.validate(written).ok and gemschema.validate(result.document).ok


def test_a_field_given_twice_is_reported_never_silently_picked() -> None:
    written = {**REQUEST, "generationConfig": {"topK": 3, "top_k": 4}}
    result = normalize(written)
    assert codes(result.diagnostics) == [("GS106", "/generationConfig/top_k")]
    assert not result.writable
    from_text = normalize_json(json.dumps(written, indent=2))
    assert [(d.code, d.line, d.column) for d in from_text.diagnostics] == [("GS106", 14, 5)]


def test_duplicate_keys_in_the_text_stop_normalisation() -> None:
    result = normalize_json('{"contents": [], "contents": [{"parts": [{"text": "hi"}]}]}')
    assert result.document is None and not result.writable
    assert [d.code for d in result.diagnostics] == ["GS003"]


def test_unknown_fields_are_kept_after_the_documented_ones_and_reported() -> None:
    result = normalize(
        {"stop_sequence": ["x"], **REQUEST, "generation_config": {"bogus": {"a": None}, "top_k": 1}}
    )
    assert result.document == {
        **REQUEST,
        "generationConfig": {"topK": 1, "bogus": {"a": None}},
        "stop_sequence": ["x"],
    }
    assert list(result.document) == ["contents", "generationConfig", "stop_sequence"]
    assert codes(result.diagnostics) == [
        ("GS101", "/generation_config/bogus"),
        ("GS101", "/stop_sequence"),
    ]
    assert result.writable
    response = normalize({"candidates": [], "createTime": "2025-01-01T00:00:00Z"}, kind="response")
    assert [(d.code, d.severity.value) for d in response.diagnostics] == [("GS102", "warning")]


def test_values_that_are_not_the_documented_shape_are_left_for_the_validator() -> None:
    written = {
        "contents": "hello",
        "generationConfig": {"temperature": "warm", "maxOutputTokens": "1e3"},
    }
    result = normalize(written)
    assert result.document == written
    assert codes(gemschema.validate(written).errors)[0] == ("GS103", "/contents")


def test_int64_numbers_become_strings_within_range_only() -> None:
    schema = {"type": "STRING", "maxLength": 10, "minLength": 2**64}
    doc = {
        **REQUEST,
        "generationConfig": {"responseMimeType": "application/json", "responseSchema": schema},
    }
    result = normalize(doc)
    assert result.document["generationConfig"]["responseSchema"] == {
        "type": "STRING",
        "minLength": 2**64,
        "maxLength": "10",
    }
    assert ("GS107", "/generationConfig/responseSchema/minLength") in codes(
        gemschema.validate(doc).errors
    )


def test_stream_chunks_are_normalised_each() -> None:
    chunks = [
        {
            "candidates": {"content": {"parts": {"text": "a"}, "role": "model"}, "index": 0},
            "response_id": "r",
        },
        {
            "candidates": [
                {
                    "content": {"role": "model", "parts": [{"text": "b"}]},
                    "finish_reason": 1,
                    "index": 0,
                }
            ],
            "responseId": "r",
        },
    ]
    result = normalize(chunks)
    assert result.kind == "stream"
    assert result.document[1]["candidates"][0] == {
        "content": {"parts": [{"text": "b"}], "role": "model"},
        "finishReason": "STOP",
        "index": 0,
    }
    assert {c.pointer for c in result.changes} >= {
        "/0/candidates",
        "/0/response_id",
        "/1/candidates/0/finish_reason",
    }
    assert gemschema.validate(result.document).ok


def test_deep_documents_are_walked_without_recursion() -> None:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(3000):
        schema = {"type": "array", "items": schema}
    doc = {
        **REQUEST,
        "generation_config": {"response_mime_type": "application/json", "response_schema": schema},
    }
    shallow = normalize(doc)
    assert [d.code for d in shallow.diagnostics] == ["GS004"] and not shallow.writable
    full = normalize(doc, max_depth=5000)
    assert full.writable and full.diagnostics == ()
    node = full.document["generationConfig"]["responseSchema"]
    for _ in range(3000):
        assert node["type"] == "ARRAY"
        node = node["items"]
    assert node == {"type": "STRING"}
    assert (
        canonicalize(doc, wire_map("v1beta", "GenerateContentRequest"), max_depth=5000).diagnostics
        == []
    )


@pytest.mark.parametrize(
    ("value", "code", "pointer"),
    [
        (float("nan"), "GS006", "/contents/0/parts/0/functionCall/args/x"),
        (float("-inf"), "GS006", "/contents/0/parts/0/functionCall/args/x"),
        ("\ud800", "GS002", "/contents/0/parts/0/functionCall/args/x"),
        ({"\udc00": 1}, "GS002", "/contents/0/parts/0/functionCall/args/x/\udc00"),
        ({1: 1}, "GS103", "/contents/0/parts/0/functionCall/args/x"),
        (b"bytes", "GS103", "/contents/0/parts/0/functionCall/args/x"),
    ],
)
def test_values_that_are_not_json_are_refused(value: Any, code: str, pointer: str) -> None:
    doc = {
        "contents": [
            {"role": "model", "parts": [{"functionCall": {"name": "f", "args": {"x": value}}}]}
        ]
    }
    result = normalize(doc)
    assert codes(result.diagnostics) == [(code, pointer)] and not result.writable
    assert result.document is doc  # nothing was normalised


def test_user_data_nested_too_deep_is_refused() -> None:
    args: dict[str, Any] = {}
    for _ in range(100_000):
        args = {"a": args}
    doc = {
        "contents": [{"role": "model", "parts": [{"functionCall": {"name": "f", "args": args}}]}]
    }
    result = normalize(doc)
    [diagnostic] = result.diagnostics
    assert diagnostic.code == "GS004" and not result.writable
    assert diagnostic.pointer == "/contents/0/parts/0/functionCall/args" + "/a" * (
        512 - 6
    )  # as the parser
    assert normalize(doc, max_depth=200_000).writable


def test_input_is_not_modified_and_usage_errors_are_raised() -> None:
    written = json.loads(json.dumps(USER_DATA_REQUEST))
    normalize(written)
    assert written == USER_DATA_REQUEST
    with pytest.raises(UsageError):
        normalize(REQUEST, style="kebab")
    with pytest.raises(UsageError):
        normalize(REQUEST, kind="chat")
    with pytest.raises(UsageError):
        normalize(REQUEST, api_version="v2")


def test_public_api() -> None:
    assert gemschema.normalize is normalize
    assert gemschema.normalize_json is normalize_json
    assert gemschema.Normalized is type(normalize(REQUEST))


# --- layout of files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ('{\n  "a": [\n    1\n  ]\n}\n', Layout("  ", (",", ": "), "\n", True)),
        ('{\n    "a": 1\n}', Layout("    ", (",", ": "), "\n", False)),
        ('{\r\n\t"a": 1\r\n}\r\n', Layout("\t", (",", ": "), "\r\n", True)),
        ('{"a": 1, "b": [1, 2]}\n', Layout(None, (", ", ": "), "\n", True)),
        ('{"a":1,"b":"x, y: z"}', Layout(None, (",", ":"), "\n", False)),
        ('{"a:b, c":1}', Layout(None, (",", ":"), "\n", False)),
        ('\ufeff{\n  "a": 1\n}\n', Layout("  ", (",", ": "), "\n", True, bom=True)),
    ],
)
def test_detect_layout(text: str, layout: Layout) -> None:
    assert detect_layout(text) == layout
    assert (
        layout.render(json.loads(text.removeprefix("\ufeff"))) == text
    )  # the layout is all there is


def test_split_lines_splits_on_line_feeds_only() -> None:
    text = '{"a": "x\u2028y"}\r\n\n{"b": 1}'
    assert split_lines(text) == [('{"a": "x\u2028y"}', "\r\n"), ("", "\n"), ('{"b": 1}', "")]
    assert split_lines("a\n") == [("a", "\n")]


def test_normalize_text_keeps_unchanged_lines_byte_for_byte() -> None:
    canonical = '{"contents":[{"parts":[{"text":"ok"}],"role":"user"}]}'
    text = f'{canonical}\n\n{{"contents": {{"parts": {{"text": "x"}}}}}}\r\n'
    result = normalize_text(text, lines=True)
    assert [line for line, _ in result.changes] == [3, 3]
    assert result.text == f'{canonical}\n\n{{"contents": [{{"parts": [{{"text": "x"}}]}}]}}\r\n'


# --- the command line ------------------------------------------------------------------------

SNAKE = '{\n    "generation_config": {"top_k": 3},\n    "contents": {"parts": {"text": "hi"}}\n}\n'
SNAKE_FIXED = '{\n    "contents": [\n        {\n            "parts": [\n                {\n                    "text": "hi"\n                }\n            ]\n        }\n    ],\n    "generationConfig": {\n        "topK": 3\n    }\n}\n'
CANONICAL = '{"contents": [{"parts": [{"text": "hi"}]}]}'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_the_canonical_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.json").write_text(SNAKE)
    code, out, _ = run(capsys, "normalize", str(tmp_path / "a.json"))
    assert code == 0 and out == SNAKE_FIXED
    assert (tmp_path / "a.json").read_text() == SNAKE
    code, out, _ = run(capsys, "normalize", "--style", "snake", str(tmp_path / "a.json"))
    assert code == 0 and json.loads(out) == {
        "contents": [{"parts": [{"text": "hi"}]}],
        "generation_config": {"top_k": 3},
    }


def test_cli_check_lists_files_that_are_not_canonical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.json").write_text(SNAKE)
    (tmp_path / "b.json").write_text(CANONICAL)
    code, out, _ = run(capsys, "normalize", "--check", str(tmp_path))
    assert code == 1
    assert f"would normalise {tmp_path / 'a.json'}:" in out and "b.json" not in out.split("\n")[0]
    assert "1 file(s) would be normalised, 1 already canonical" in out
    assert (tmp_path / "a.json").read_text() == SNAKE
    code, out, _ = run(capsys, "normalize", "--check", str(tmp_path / "b.json"))
    assert code == 0 and "0 file(s) would be normalised, 1 already canonical" in out


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (SNAKE, SNAKE_FIXED),
        (
            '{\n\t"contents": {"parts": {"text": "hi"}}\n}',
            '{\n\t"contents": [\n\t\t{\n\t\t\t"parts": [\n\t\t\t\t{\n\t\t\t\t\t"text": "hi"\n\t\t\t\t}\n\t\t\t]\n\t\t}\n\t]\n}',
        ),
        ('{"contents":{"parts":{"text":"hi"}}}\n', '{"contents":[{"parts":[{"text":"hi"}]}]}\n'),
        ('{"contents": {"parts": {"text": "hi"}}}', CANONICAL),
        (
            '{\r\n  "contents": {"parts": {"text": 1.10}}\r\n}\r\n',
            '{\r\n  "contents": [\r\n    {\r\n      "parts": [\r\n        {\r\n          "text": 1.10\r\n        }\r\n      ]\r\n    }\r\n  ]\r\n}\r\n',
        ),
    ],
)
def test_cli_write_keeps_the_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, expected: str
) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(written.encode())
    os.chmod(path, 0o640)
    code, out, _ = run(capsys, "normalize", "--write", str(path))
    assert code == 0 and f"normalised {path}" in out
    assert path.read_bytes() == expected.encode()
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no temporary file left
    code, out, _ = run(capsys, "normalize", "--check", str(path))
    assert code == 0


def test_cli_write_leaves_canonical_files_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.json"
    path.write_text(CANONICAL + "  \n")
    before = os.stat(path).st_mtime_ns
    code, out, _ = run(capsys, "normalize", "--write", str(path))
    assert code == 0 and "0 file(s) normalised, 1 already canonical" in out
    assert path.read_text() == CANONICAL + "  \n" and os.stat(path).st_mtime_ns == before


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"contents": [{"parts": {"text": "hi"}},]}', "GS001"),
        ('{"contents": {"parts": {"text": "hi"}}, "contents": []}', "GS003"),
        (
            '{"contents": {"parts": {"text": "hi"}}, "generationConfig": {"topK": 1, "top_k": 2}}',
            "GS106",
        ),
    ],
)
def test_cli_never_writes_a_file_it_could_not_normalise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, code: str
) -> None:
    path = tmp_path / "a.json"
    path.write_text(text)
    status, out, err = run(capsys, "normalize", "--write", str(path))
    assert status == 1 and path.read_text() == text
    assert f"{path}:1:" in err and f" {code} " in err and "not normalised" in err
    assert "0 file(s) normalised, 0 already canonical, 1 not normalised" in out
    status, _, _ = run(capsys, "normalize", str(path))
    assert status == 1


def test_cli_write_failure_leaves_the_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.json"
    path.write_text(SNAKE)

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    code, _, err = run(capsys, "normalize", "--write", str(path))
    assert code == 1 and "No space left on device" in err
    assert path.read_text() == SNAKE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_cli_json_lines_line_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        CANONICAL,
        "",
        '{"contents": {"parts": {"text": "x"}}, "generation_config": {"top_k": 1}}',
        '{"candidates":[{"finish_reason":"stop"}]}',
    ]
    path.write_text("\n".join(lines) + "\n")
    code, out, _ = run(capsys, "normalize", "--check", str(path))
    assert code == 1 and "first at line 3 " in out
    code, _, _ = run(capsys, "normalize", "--write", str(path))
    assert code == 0
    assert path.read_text().split("\n") == [
        CANONICAL,
        "",
        '{"contents": [{"parts": [{"text": "x"}]}], "generationConfig": {"topK": 1}}',
        '{"candidates":[{"finishReason":"STOP"}]}',
        "",
    ]
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"contents": {"parts": {"text": "x"}}}\n{"contents": [}\n')
    code, _, err = run(capsys, "normalize", "--write", str(bad))
    assert code == 1 and f"{bad}:2:" in err and bad.read_text().startswith('{"contents": {')


def test_cli_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SNAKE.encode())))
    code, out, _ = run(capsys, "normalize", "-")
    assert code == 0 and out == SNAKE_FIXED
    code, _, err = run(capsys, "normalize", "--write", "-")
    assert code == 2 and "standard input" in err


def test_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "normalize", str(tmp_path / "nothing-*.json"))
    assert code == 2 and "no files" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["normalize", "--check", "--write", str(tmp_path)])
    assert exit_info.value.code == 2


def test_cli_examples_folder_is_checked_without_errors(capsys: pytest.CaptureFixture[str]) -> None:
    folders = [EXAMPLES / "valid", EXAMPLES / "reference" / "responses"]
    files = sorted((EXAMPLES / "reference").glob("*.json"))
    code, out, err = run(capsys, "normalize", "--check", *map(str, folders + files))
    assert "not normalised" not in err
    assert code in (0, 1) and "already canonical" in out


def test_conformance_normalization_cases() -> None:
    """``conformance/normalization.json``: the verdict, and the canonical document (``expected``,
    compared with key order; absent where normalisation must refuse, as for GS106)."""
    body = json.loads((ROOT / "conformance" / "normalization.json").read_text(encoding="utf-8"))
    assert len(body["cases"]) >= 10
    for case in body["cases"]:
        where = {"kind": case["kind"], "api_version": case["api_version"]}
        result = normalize(case["payload"], **where)
        if "expected" in case:
            assert result.writable, case["description"]
            assert exact(result.document) == exact(case["expected"]), case["description"]
            assert not normalize(case["expected"], **where).changed, case["description"]
            again = gemschema.validate(case["expected"], **where)
            assert sorted(d.code for d in again) == sorted(d["code"] for d in case["diagnostics"])
        else:
            assert not result.writable, case["description"]
        report = gemschema.validate(case["payload"], **where)
        assert sorted((d.code, d.pointer) for d in report) == sorted(
            (d["code"], d["path"]) for d in case["diagnostics"]
        ), case["description"]
        assert report.ok is case["valid"], case["description"]
