"""Structural rules (GS1xx): what the versioned JSON Schemas check, plus field spellings.

These have no ``check`` of their own: the schema-fed pass (:mod:`gemschema.structural`) and the
canonicalising walk (:mod:`gemschema.canonical`) raise them.
"""

from __future__ import annotations

from gemschema.diagnostics import Severity
from gemschema.rules import json_text  # noqa: F401  (GS004 is raised by the walk too)
from gemschema.rules.catalog import RULES, Rule, register

_SCHEMA = (
    "The versioned JSON Schema of the type (schemas/<api-version>/), generated from the models."
)

UNKNOWN_FIELD = register(
    Rule(
        code="GS101",
        name="unknown-field",
        summary="A request names a field the API does not document.",
        severity=Severity.ERROR,
        why=(
            "The API parses request bodies strictly and refuses the whole request: its error"
            ' reads `Invalid JSON payload received. Unknown name "…"`. A misspelt field'
            " (`stop_sequence`) is never silently ignored, so neither is it here; the message"
            " suggests the nearest documented name, or the object the field belongs in."
        ),
        source="API error text: `Invalid JSON payload received. Unknown name \"stop_sequence\" at 'generation_config': Cannot find field.`",
        example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"stop_sequence": ["x"]}}',
        applies_to=("request",),
    )
)

UNKNOWN_RESPONSE_FIELD = register(
    Rule(
        code="GS102",
        name="unknown-response-field",
        summary="A response carries a field this schema version does not document.",
        severity=Severity.WARNING,
        why=(
            "Servers add response fields over time, and Vertex AI adds its own (`createTime`,"
            " `usageMetadata.trafficType`, `functionCall.partialArgs`). A client must not break on"
            " new output, so an unknown response field is a warning, never an error."
        ),
        source="Google API design guide: adding a field to a response is a backwards-compatible change.",
        example='{"candidates": [], "createTime": "2025-01-01T00:00:00Z"}',
        applies_to=("response", "stream"),
    )
)

WRONG_TYPE = register(
    Rule(
        code="GS103",
        name="wrong-type",
        summary="A field holds a JSON value of the wrong type.",
        severity=Severity.ERROR,
        why="The API refuses a value whose JSON type differs from the documented field type.",
        source=_SCHEMA,
        example='{"contents": "hello"}',
    )
)

MISSING_FIELD = register(
    Rule(
        code="GS104",
        name="missing-required-field",
        summary="A required field is absent.",
        severity=Severity.ERROR,
        why="Fields the reference marks as required (必須) must be present.",
        source=_SCHEMA,
        example='{"generationConfig": {}}',
    )
)

INVALID_ENUM = register(
    Rule(
        code="GS105",
        name="invalid-enum-value",
        summary="An enum field holds a value that is not one of its documented names or numbers.",
        severity=Severity.ERROR,
        why=(
            "Enum fields take a documented name (any case) or its proto number; anything else is"
            " refused with `Invalid value at '…' (type.googleapis.com/…), \"…\"`."
        ),
        source=_SCHEMA,
        example='{"contents": [{"parts": [{"text": "hi"}]}], "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_SOME"}]}',
    )
)

DUPLICATE_SPELLING = register(
    Rule(
        code="GS106",
        name="field-given-twice",
        summary="One field is given twice in one object, in two spellings (`stopSequences` and `stop_sequences`).",
        severity=Severity.ERROR,
        why=(
            "The API accepts both spellings but the field once: which value it would use is not"
            " documented, so gemschema never picks one silently."
        ),
        source="proto3 JSON mapping: a field may be named by its JSON name or its proto name.",
        example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"topK": 3, "top_k": 4}}',
    )
)

OUT_OF_RANGE = register(
    Rule(
        code="GS107",
        name="integer-out-of-range",
        summary="An integer field holds a value outside its int32/int64 range.",
        severity=Severity.ERROR,
        why="proto3 JSON refuses integers that do not fit the field's integer type.",
        source=_SCHEMA,
        example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"maxOutputTokens": 4294967296}}',
    )
)

INVALID_FORMAT = register(
    Rule(
        code="GS108",
        name="invalid-string-format",
        summary='A string does not have its documented form (int64 digits, a Duration such as `"3.5s"`).',
        severity=Severity.ERROR,
        why="proto3 JSON parses int64 from decimal strings and Duration from `<seconds>s` strings only.",
        source=_SCHEMA,
        example='{"contents": [{"parts": [{"text": "hi", "videoMetadata": {"startOffset": "10 seconds"}}]}]}',
    )
)

SCHEMA_CONSTRAINT = register(
    Rule(
        code="GS109",
        name="schema-constraint",
        summary="A value breaks another constraint of the type's JSON Schema.",
        severity=Severity.ERROR,
        why="Any other structural constraint of the documented type.",
        source=_SCHEMA,
        example="",
    )
)

TOO_DEEP = RULES["GS004"]

TOO_MANY_FINDINGS = register(
    Rule(
        code="GS110",
        name="too-many-findings",
        summary="A document has more findings than are reported; the rest are left out.",
        severity=Severity.WARNING,
        why=(
            "A hostile or badly broken document (a million wrong parts) could otherwise make"
            " the report, and the time and memory to build it, as large as the document times"
            " the rules. Past `gemschema.diagnostics.MAX_FINDINGS` findings, the first ones in"
            " document order are reported and this warning says more exist: fix those and run"
            " again."
        ),
        source="gemschema's own limit (hostile input must not tie up a gateway).",
        example='{"contents": [{"role": "user", "parts": [{"text": 1}, {"text": 1}, "… 1,000 more"]}]}',
    )
)
