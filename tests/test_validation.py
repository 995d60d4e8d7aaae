"""validate / validate_json: spellings the API accepts, pointers as written, all findings."""

from __future__ import annotations

import json
from typing import Any

import pytest

import gemschema
from gemschema import validation
from gemschema.validation import detect_kind

REQUEST: dict[str, Any] = {
    "contents": [{"role": "user", "parts": [{"text": "Write a haiku"}]}],
    "generationConfig": {"temperature": 0.7, "maxOutputTokens": 100},
}


def codes(report: gemschema.Report) -> list[tuple[str, str]]:
    return [(d.code, d.pointer) for d in report]


def test_valid_request_is_clean() -> None:
    report = gemschema.validate(REQUEST)
    assert report.ok and list(report) == [] and report.kind == "request"


def test_snake_case_is_accepted_and_pointers_keep_the_users_spelling() -> None:
    doc = {
        "system_instruction": {"parts": [{"text": "Be brief."}]},
        "contents": [
            {"role": "user", "parts": [{"inline_data": {"mime_type": "image/png", "data": "aGk="}}]}
        ],
        "generation_config": {"stop_sequences": ["x"], "max_output_tokens": "nope"},
    }
    report = gemschema.validate(doc)
    assert codes(report) == [("GS103", "/generation_config/max_output_tokens")]
    assert "expected an integer" in report.diagnostics[0].message


def test_unknown_field_suggests_the_documented_name() -> None:
    doc = {**REQUEST, "generationConfig": {"stop_sequence": ["x"]}}
    [d] = gemschema.validate(doc).diagnostics
    assert (d.code, d.pointer) == ("GS101", "/generationConfig/stop_sequence")
    assert "did you mean 'stopSequences'" in d.message


def test_unknown_field_that_belongs_elsewhere_says_where() -> None:
    [d] = gemschema.validate({**REQUEST, "temperature": 0.2}).diagnostics
    assert d.code == "GS101" and "generationConfig.temperature" in d.message


def test_enum_numbers_and_lowercase_names_are_accepted() -> None:
    doc = {
        **REQUEST,
        "safetySettings": [{"category": 7, "threshold": "block_only_high"}],
        "toolConfig": {"functionCallingConfig": {"mode": "auto"}},
    }
    assert gemschema.validate(doc).ok


def test_singular_values_where_lists_are_documented() -> None:
    doc = {"contents": {"role": "user", "parts": {"text": "hi"}}}
    assert gemschema.validate(doc).ok
    bad = {"contents": {"role": "user", "parts": {"text": 5}}}
    assert codes(gemschema.validate(bad)) == [("GS103", "/contents/parts/text")]


def test_field_given_twice_in_two_spellings_is_an_error() -> None:
    doc = {**REQUEST, "generationConfig": {"topK": 3, "top_k": 4}}
    report = gemschema.validate(doc)
    assert ("GS106", "/generationConfig/top_k") in codes(report) and not report.ok


def test_invalid_enum_gets_a_suggestion() -> None:
    doc = {
        **REQUEST,
        "safetySettings": [{"category": "HARM_CATEGORY_HARASMENT", "threshold": "BLOCK_NONE"}],
    }
    [d] = gemschema.validate(doc).diagnostics
    assert d.code == "GS105" and "HARM_CATEGORY_HARASSMENT" in d.message


def test_all_findings_at_once() -> None:
    doc = {
        "contents": [{"role": "user", "parts": [{"text": 1}]}],
        "bogus": 1,
        "generationConfig": {"topK": "x"},
    }
    found = codes(gemschema.validate(doc))
    assert ("GS101", "/bogus") in found
    assert ("GS103", "/contents/0/parts/0/text") in found
    assert ("GS103", "/generationConfig/topK") in found


def test_missing_required_field() -> None:
    found = codes(
        gemschema.validate(
            {"contents": [{"role": "user", "parts": [{"inlineData": {"data": "aGk="}}]}]}
        )
    )
    assert ("GS104", "/contents/0/parts/0/inlineData") in found


def test_response_unknown_fields_are_warnings() -> None:
    doc = {
        "candidates": [
            {"content": {"role": "model", "parts": [{"text": "hi"}]}, "finishReason": "STOP"}
        ],
        "usageMetadata": {"promptTokenCount": 1, "trafficType": "ON_DEMAND"},
        "createTime": "2025-01-01T00:00:00Z",
    }
    report = gemschema.validate(doc)
    assert report.kind == "response" and report.ok
    assert sorted(codes(report)) == [
        ("GS102", "/createTime"),
        ("GS102", "/usageMetadata/trafficType"),
    ]


def test_syntax_error_has_line_and_column() -> None:
    report = gemschema.validate_json('{\n  "contents": [],\n}')
    [d] = report.diagnostics
    assert d.code == "GS001" and (d.line, d.column) == (2, 17) and not report.ok
    assert "trailing comma" in d.message


def test_positions_for_structural_findings() -> None:
    text = json.dumps(
        {"contents": [{"parts": [{"text": "a"}]}], "generation_config": {"top_k": "x"}}, indent=2
    )
    [d] = gemschema.validate_json(text).diagnostics
    lines = text.splitlines()
    assert d.pointer == "/generation_config/top_k"
    assert lines[d.line - 1][d.column - 1 :].startswith('"top_k"')


def test_kind_detection() -> None:
    assert detect_kind(REQUEST) == "request"
    assert detect_kind({"candidates": []}) == "response"
    assert detect_kind([{"candidates": []}]) == "stream"
    assert (
        detect_kind({"error": {"code": 400, "message": "x", "status": "INVALID_ARGUMENT"}})
        == "error"
    )


def test_unknown_kind_or_version_is_a_usage_error() -> None:
    with pytest.raises(gemschema.UsageError):
        gemschema.validate(REQUEST, kind="bogus")
    with pytest.raises(gemschema.UsageError):
        gemschema.validate(REQUEST, api_version="v2")


def test_v1_refuses_fields_only_v1beta_has() -> None:
    doc = {**REQUEST, "cachedContent": "cachedContents/abc"}
    assert gemschema.validate(doc).ok
    assert ("GS101", "/cachedContent") in codes(gemschema.validate(doc, api_version="v1"))


@pytest.mark.parametrize(
    "doc",
    [
        {"contents": [{"role": "user", "parts": [{"text": 3}]}], "bogus": {"x": 1}},
        {
            "contents": {"parts": {"inline_data": {"mime_type": 4}}},
            "generation_config": {"top_k": "x", "topK": 1},
        },
        {"contents": "hi", "safety_settings": [{"category": "nope", "threshold": 99}]},
    ],
)
def test_fast_backend_agrees_with_the_reference(doc: dict[str, Any]) -> None:
    fast = gemschema.validate(doc, backend="rs")
    ref = gemschema.validate(doc, backend="reference")
    assert fast.diagnostics == ref.diagnostics and fast.diagnostics


def test_findings_inside_a_field_given_twice_point_at_the_spelling_kept() -> None:
    doc = {
        **REQUEST,
        "tool_config": {"function_calling_config": {"mode": 5}},
        "toolConfig": {"functionCallingConfig": {"mode": "AUTO"}},
    }
    found = codes(gemschema.validate(doc))
    assert ("GS106", "/toolConfig") in found
    assert ("GS105", "/tool_config/function_calling_config/mode") in found


_BROKEN = {"generationConfig": {"topK": "many"}}
"""A structural error no respelling changes: each case below adds one respelling to it."""


@pytest.mark.parametrize(
    ("respelling", "kind"),
    [
        ({"toolConfig": {"functionCallingConfig": {"mode": "auto"}}}, "request"),
        ({"safetySettings": [{"category": 7, "threshold": "BLOCK_NONE"}]}, "request"),
        ({"generationConfig": {"topK": "many", "stopSequences": "x"}}, "request"),
        ({"generationConfig": {"topK": "many", "temperature": "0.5"}}, "request"),
        ({"generationConfig": {"topK": "many", "seed": None}}, "request"),
        ({"generation_config": {"top_k": "many"}}, "request"),
        ({"systemInstruction": {"parts": {"text": "be brief"}}}, "request"),
        ({"candidates": [{"finishReason": "stop", "index": "x"}]}, "response"),
        ({"candidates": [{"index": "x"}], "usageMetadata": {"promptTokenCount": "3"}}, "response"),
    ],
)
def test_errors_taken_as_written_match_the_canonical_walk(
    respelling: dict[str, Any], kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = {**REQUEST, **_BROKEN, **respelling} if kind == "request" else respelling
    text = json.dumps(doc)
    short = gemschema.validate_json(text, kind=kind)
    monkeypatch.setattr(validation, "may_respell", lambda error: True)
    assert gemschema.validate_json(text, kind=kind).diagnostics == short.diagnostics
    assert not short.ok


def test_errors_under_a_key_that_reads_as_a_number_point_at_it() -> None:
    """jsonschema-rs's iter_errors gives the key "0" as the int 0 (found by hypothesis)."""
    properties = {"0": {"type": "STRING", "maxLength": "many"}, "1": {"type": "STRING"}}
    doc = {
        **REQUEST,
        "tools": [
            {
                "functionDeclarations": [
                    {"name": "f", "parameters": {"type": "OBJECT", "properties": properties}}
                ]
            }
        ],
    }
    pointer = "/tools/0/functionDeclarations/0/parameters/properties/0/maxLength"
    for report in (
        gemschema.validate(doc),
        gemschema.validate_json(json.dumps(doc)),
        gemschema.validate(doc, backend="reference"),
    ):
        assert [d.pointer for d in report.errors] == [pointer]
