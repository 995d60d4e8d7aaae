"""JSON Schema ↔ the Gemini ``Schema`` subset."""

from __future__ import annotations

from typing import Any

import pytest

from gemschema.openai._schema import from_gemini, to_gemini
from gemschema.openai._types import ConversionError, Losses
from tests.strategies_openai import ref_bomb


def _to(schema: Any) -> tuple[dict[str, Any], list[str]]:
    losses = Losses()
    out = to_gemini(schema, losses, "")
    return out, [loss.pointer for loss in losses.items]


def test_refs_are_inlined() -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"$ref": "#/$defs/A"},
            "b": {"$ref": "#/definitions/B", "description": "b"},
        },
        "$defs": {"A": {"type": "string"}},
        "definitions": {"B": {"type": "integer"}},
    }
    out, losses = _to(schema)
    assert out == {
        "type": "OBJECT",
        "properties": {"a": {"type": "STRING"}, "b": {"type": "INTEGER", "description": "b"}},
    }
    assert losses == []


def test_recursive_refs_are_cut_and_reported() -> None:
    schema = {
        "$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}},
        "$ref": "#/$defs/node",
    }
    out, losses = _to(schema)
    assert out == {"type": "OBJECT", "properties": {"next": {"type": "OBJECT"}}}
    assert losses == ["/$defs/node/properties/next/$ref"]


def test_unresolvable_refs_are_reported() -> None:
    _, losses = _to(
        {
            "type": "object",
            "properties": {"a": {"$ref": "#/$defs/missing"}, "b": {"$ref": "http://x/s"}},
        }
    )
    assert losses == ["/properties/a/$ref", "/properties/b/$ref"]


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": ["string", "null"]}, {"type": "STRING", "nullable": True}),
        ({"type": ["string", "integer"]}, {"anyOf": [{"type": "STRING"}, {"type": "INTEGER"}]}),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, {"type": "STRING", "nullable": True}),
        ({"const": "x"}, {"type": "STRING", "enum": ["x"]}),
        (
            {"type": "string", "enum": ["a", None]},
            {"type": "STRING", "nullable": True, "enum": ["a"]},
        ),
        (
            {"type": "integer", "format": "int64", "minimum": 0},
            {"type": "INTEGER", "format": "int64", "minimum": 0},
        ),
        (
            {"type": "array", "items": {"type": "number"}, "maxItems": 3},
            {"type": "ARRAY", "maxItems": "3", "items": {"type": "NUMBER"}},
        ),
        ({"type": "string", "examples": ["e"]}, {"type": "STRING", "example": "e"}),
        ({"allOf": [{"type": "string", "title": "T"}]}, {"type": "STRING", "title": "T"}),
        (
            {"type": "string", "title": "T", "default": "d"},
            {"type": "STRING", "title": "T", "default": "d"},
        ),
    ],
)
def test_keywords_with_a_counterpart(schema: dict[str, Any], expected: dict[str, Any]) -> None:
    out, losses = _to(schema)
    assert out == expected
    assert losses == []


@pytest.mark.parametrize(
    ("schema", "lost"),
    [
        ({"$schema": "x", "type": "object"}, "/$schema"),
        ({"type": "object", "additionalProperties": False}, "/additionalProperties"),
        ({"type": "object", "patternProperties": {"^a": {}}}, "/patternProperties"),
        ({"type": "integer", "const": 3}, "/const"),
        ({"type": "integer", "enum": [1, 2]}, "/enum"),
        ({"type": "string", "format": "email"}, "/format"),
        ({"oneOf": [{"type": "string"}, {"type": "integer"}]}, "/oneOf"),
        ({"type": "number", "exclusiveMinimum": 0}, "/exclusiveMinimum"),
        ({"type": "null"}, "/type"),
        ({"type": "string", "examples": ["a", "b"]}, "/examples/1"),
    ],
)
def test_keywords_without_a_counterpart_are_dropped_and_reported(
    schema: dict[str, Any], lost: str
) -> None:
    out, losses = _to(schema)
    assert losses == [lost]
    assert lost.split("/")[1] not in out or lost.split("/")[1] in ("type", "enum", "examples")


def test_gemini_schema_to_json_schema_and_back() -> None:
    gemini = {
        "type": "OBJECT",
        "properties": {
            "when": {"type": "STRING", "format": "date-time", "nullable": True},
            "tags": {
                "type": "ARRAY",
                "items": {"type": "STRING", "enum": ["a", "b"]},
                "minItems": "1",
            },
            "either": {"anyOf": [{"type": "INTEGER"}, {"type": "BOOLEAN"}], "nullable": True},
        },
        "required": ["when"],
        "propertyOrdering": ["when", "tags", "either"],
        "example": {"when": None},
    }
    losses = Losses()
    json_schema = from_gemini(gemini, losses, "")
    assert json_schema == {
        "type": "object",
        "properties": {
            "when": {"type": ["string", "null"], "format": "date-time"},
            "tags": {
                "type": "array",
                "items": {"type": "string", "enum": ["a", "b"]},
                "minItems": 1,
            },
            "either": {"anyOf": [{"type": "integer"}, {"type": "boolean"}, {"type": "null"}]},
        },
        "required": ["when"],
        "propertyOrdering": ["when", "tags", "either"],
        "examples": [{"when": None}],
    }
    back = Losses()
    assert to_gemini(json_schema, back, "") == gemini
    assert losses.items == back.items == []


# --- bounded inlining, a type for every schema ----------------------------------------------------


def _size(node: Any) -> int:
    if isinstance(node, dict):
        return 1 + sum(_size(v) for v in node.values())
    if isinstance(node, list):
        return sum(_size(v) for v in node)
    return 0


def test_inlining_stops_at_the_node_budget_and_reports_the_cut_refs() -> None:
    from gemschema.openai._schema import NODE_BUDGET

    out, losses = _to(ref_bomb(40))  # 2**40 nodes unbounded: this returns at once
    assert _size(out) < 3 * NODE_BUDGET
    assert losses and all(p.startswith("/$defs/") and p.endswith("/$ref") for p in losses)
    small, none = _to(ref_bomb(5))  # well under the budget: inlined whole, nothing lost
    assert none == [] and _size(small) > 2**5


def test_the_node_budget_raises_under_strict() -> None:
    with pytest.raises(ConversionError, match="nodes"):
        to_gemini(ref_bomb(40), Losses(strict=True), "")


@pytest.mark.parametrize(
    ("schema", "lost"),
    [
        ({"$ref": "https://example.com/s.json"}, ["/$ref"]),
        ({"$ref": "#/nowhere", "description": "d"}, ["/$ref"]),
        ({"type": "object", "properties": {"a": {}}}, ["/properties/a"]),
        ({"type": "object", "properties": {"a": {"description": "d"}}}, ["/properties/a"]),
        ({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a", "b"]}, [""]),
        ({"type": "object", "properties": {"a": {"type": "array"}}}, ["/properties/a"]),
        (
            {
                "type": "object",
                "properties": {"a": {"type": "array", "items": [{"type": "string"}]}},
            },
            ["/properties/a/items", "/properties/a"],  # tuple form dropped, so no items
        ),
        ({"type": "object", "properties": {"a": {"type": ["array", "null"]}}}, ["/properties/a"]),
        (
            {"type": "object", "properties": {"a": {"type": ["array", "integer"]}}},
            ["/properties/a"],
        ),
        (
            {"type": "object", "properties": {"a": {"type": ["array", "integer"], "items": {}}}},
            ["/properties/a/items"],
        ),
    ],
)
def test_what_gemini_refuses_is_reported_not_produced(schema: Any, lost: list[str]) -> None:
    import gemschema

    out, losses = _to(schema)
    assert losses == lost
    request = {
        "contents": [{"role": "user", "parts": [{"text": "hi"}]}],
        "tools": [{"functionDeclarations": [{"name": "f", "parameters": out}]}],
    }
    report = gemschema.validate(request, kind="request")
    assert report.ok, [(d.code, d.pointer) for d in report.errors]
