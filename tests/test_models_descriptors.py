"""The models cover every documented field and enum value, checked against the proto descriptors.

The published ``google-ai-generativelanguage`` package carries the descriptors of the
``v1beta`` and ``v1`` surfaces. Starting from ``GenerateContentRequest``,
``GenerateContentResponse`` and ``CountTokensRequest``, the descriptor tree and the model tree
are walked side by side (a descriptor message is matched with the model class its field points
to, never by name), and for each API version — after ``only_in`` filtering — every descriptor
field must be a model field with

* the proto field name as attribute and the proto ``json_name`` as alias,
* the same shape (single, repeated, map) and the matching type: message → model, enum → our
  enum, int64 → ``Int64``, int32 → ``Int32``, bytes → ``Bytes``, Duration → ``Duration``,
  Timestamp → ``Timestamp``, Struct → ``JsonObject``, Value → ``JsonValue``,
* the field order of the REST reference,

and every enum value must be a member whose position is its proto number.

Where the package and the REST reference disagree, the REST reference — the wire — wins; each
such case is in one of the short allow-lists below, with its reason.
"""

import types
import typing
from enum import StrEnum
from typing import Any

import google.ai.generativelanguage_v1 as glm_v1
import google.ai.generativelanguage_v1beta as glm_v1beta
import pytest
from google.protobuf.descriptor import Descriptor, EnumDescriptor, FieldDescriptor
from google.rpc import code_pb2
from pydantic import BaseModel, ValidationError, WithJsonSchema
from pydantic.alias_generators import to_camel
from pydantic.fields import FieldInfo

from gemschema import models
from gemschema.models import (
    ONLY_IN,
    Bytes,
    CountTokensRequest,
    Duration,
    GenerateContentRequest,
    GenerateContentResponse,
    Int32,
    Int64,
    Timestamp,
    strict_context,
)
from gemschema.schema_export import generate

VERSIONS: dict[str, types.ModuleType] = {"v1beta": glm_v1beta, "v1": glm_v1}

ROOTS: list[tuple[str, type[BaseModel]]] = [
    ("GenerateContentRequest", GenerateContentRequest),
    ("GenerateContentResponse", GenerateContentResponse),
    ("CountTokensRequest", CountTokensRequest),
]

# ---------------------------------------------------------------------------------------------
# Allow-lists. Messages are named by their descriptor name inside the version's package
# ("GenerateContentResponse.UsageMetadata"), or by full name outside it ("google.type.LatLng").
# ---------------------------------------------------------------------------------------------

OMITTED: dict[tuple[str, str], str] = {
    # The REST reference (and the SDKs generated from it) documents the File Search tool as
    # {fileSearchStoreNames, topK, metadataFilter}; the package still carries an older shape.
    # The REST reference wins: we model the documented fields and not these.
    ("FileSearch", "retrieval_resources"): "package-only shape; REST has fileSearchStoreNames",
    ("FileSearch", "retrieval_config"): "package-only shape; REST has topK and metadataFilter",
}
"""Package fields deliberately not modelled, with the reason."""

JSON_NAMES: dict[tuple[str, str], str] = {
    # The proto declares json_name = "_responseJsonSchema" on field 24 and
    # json_name = "responseJsonSchema" on field 28 ("an internal detail"), and the REST reference
    # lists both names. proto-plus drops the json_name option when it rebuilds the descriptors,
    # so the package says responseJsonSchema / responseJsonSchemaOrdered. The REST reference (the
    # wire) wins: "responseJsonSchema" is field 28, "_responseJsonSchema" is field 24.
    ("GenerationConfig", "response_json_schema"): "_responseJsonSchema",
    ("GenerationConfig", "response_json_schema_ordered"): "responseJsonSchema",
}
"""Wire names where the package's descriptor disagrees with the REST reference."""

RENAMED: dict[tuple[str, str], str] = {
    # Some package releases call UsageMetadata field 2 response_token_count
    # (json responseTokenCount); the REST reference and the live API use candidatesTokenCount.
    # The installed 0.12.x says candidates_token_count in v1 and v1beta, so this entry only
    # keeps other releases allowed by pyproject.toml from failing. The REST reference wins.
    ("GenerateContentResponse.UsageMetadata", "response_token_count"): "candidates_token_count",
}
"""Package field name → our (REST) field name."""

REST_ONLY: dict[str, set[tuple[str, str]]] = {
    # Fields of the current v1beta REST reference that the installed package lacks. Messages
    # reached only through them (Part.MediaResolution) are not in the package at all.
    "v1beta": {
        ("Part", "media_resolution"),  # per-part media resolution (Gemini 3)
        ("ThinkingConfig", "thinking_level"),  # Gemini 3 thinking levels
        ("ImageConfig", "image_size"),  # 1K / 2K / 4K image output
        ("FileSearch", "file_search_store_names"),  # see OMITTED
        ("FileSearch", "top_k"),
        ("FileSearch", "metadata_filter"),
    },
    # The v1 REST reference is generated from the same (public) v1 protos as the package.
    "v1": set(),
}
"""Our fields the package lacks (the reverse direction is fine, but is listed here)."""

REST_ONLY_ENUMS = {models.ThinkingLevel, models.PartMediaResolutionLevel}
"""Enums the package lacks; their numbers follow the Vertex AI protos (see their comments)."""

# ---------------------------------------------------------------------------------------------
# The walk.
# ---------------------------------------------------------------------------------------------

_INT64 = {
    FieldDescriptor.TYPE_INT64,
    FieldDescriptor.TYPE_UINT64,
    FieldDescriptor.TYPE_SINT64,
    FieldDescriptor.TYPE_FIXED64,
    FieldDescriptor.TYPE_SFIXED64,
}
_INT32 = {
    FieldDescriptor.TYPE_INT32,
    FieldDescriptor.TYPE_UINT32,
    FieldDescriptor.TYPE_SINT32,
    FieldDescriptor.TYPE_FIXED32,
    FieldDescriptor.TYPE_SFIXED32,
}
_FLOAT = {FieldDescriptor.TYPE_FLOAT, FieldDescriptor.TYPE_DOUBLE}


def _json_schema_of(alias: object) -> WithJsonSchema:
    return next(m for m in typing.get_args(alias)[1:] if isinstance(m, WithJsonSchema))


# Scalar flavours are recognised by the very WithJsonSchema object of each _base alias.
FLAVOURS: dict[int, str] = {
    id(_json_schema_of(Int64)): "Int64",
    id(_json_schema_of(Int32)): "Int32",
    id(_json_schema_of(Bytes)): "Bytes",
    id(_json_schema_of(Duration)): "Duration",
    id(_json_schema_of(Timestamp)): "Timestamp",
}


def _key(descriptor: Descriptor | EnumDescriptor, version: str) -> str:
    return str(descriptor.full_name).removeprefix(f"google.ai.generativelanguage.{version}.")


def _proto_name(field: FieldDescriptor) -> str:
    # proto-plus appends "_" to names that clash with Python (type_, format_, license_); no
    # real field of the API ends with "_".
    return str(field.name).removesuffix("_")


def _repeated(field: FieldDescriptor) -> bool:
    # protobuf >= 6 has is_repeated (and deprecates label); older releases only have label.
    if hasattr(field, "is_repeated"):
        return bool(field.is_repeated)
    return bool(field.label == FieldDescriptor.LABEL_REPEATED)


def _rest_order(descriptor: Descriptor) -> list[FieldDescriptor]:
    """The REST reference's field order: plain fields, then each oneof's members."""
    plain = [f for f in descriptor.fields if f.containing_oneof is None]
    return plain + [f for oneof in descriptor.oneofs for f in oneof.fields]


def fields_in(model: type[BaseModel], version: str) -> dict[str, FieldInfo]:
    """The model's fields that exist in ``version`` (``only_in`` filtering), in order."""
    out = {}
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra
        versions = extra.get(ONLY_IN) if isinstance(extra, dict) else None
        if versions is None or version in typing.cast("list[str]", versions):
            out[name] = info
    return out


def _non_null(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        assert len(args) == 1, annotation
        return args[0]
    return annotation


def _strip(annotation: Any, metadata: list[Any]) -> Any:
    """Drop ``Annotated``, collecting its metadata."""
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        metadata.extend(args[1:])
        return args[0]
    return annotation


def describe(info: FieldInfo) -> tuple[str, Any, str | None]:
    """(shape, element type, scalar flavour) of a model field."""
    metadata: list[Any] = list(info.metadata)
    annotation = _strip(_non_null(info.annotation), metadata)
    origin = typing.get_origin(annotation)
    shape = "single"
    if origin is list:
        shape, annotation = "repeated", typing.get_args(annotation)[0]
    elif origin is dict and typing.get_args(annotation)[1] is not Any:
        shape, annotation = "map", typing.get_args(annotation)[1]
    annotation = _strip(annotation, metadata)
    flavours = [FLAVOURS[id(m)] for m in metadata if id(m) in FLAVOURS]
    return shape, annotation, flavours[0] if flavours else None


class Walk:
    """Matches the descriptor tree of one API version with the model tree."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.messages: dict[str, type[BaseModel]] = {}
        self.enums: dict[str, tuple[EnumDescriptor, type[StrEnum]]] = {}
        self.problems: list[str] = []
        self.extras: set[tuple[str, str]] = set()

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{self.version} {where}: {message}")

    def message(self, descriptor: Descriptor, model: type[BaseModel]) -> None:
        key = _key(descriptor, self.version)
        seen = self.messages.get(key)
        if seen is not None:
            if seen is not model:
                self.fail(key, f"matched with both {seen.__name__} and {model.__name__}")
            return
        self.messages[key] = model
        ours = fields_in(model, self.version)
        matched: list[str] = []
        for field in _rest_order(descriptor):
            proto_name = _proto_name(field)
            if (key, proto_name) in OMITTED:
                continue
            name = RENAMED.get((key, proto_name), proto_name)
            info = ours.get(name)
            where = f"{key}.{proto_name}"
            if info is None:
                why = "is only_in another version" if name in model.model_fields else "missing"
                self.fail(where, f"{model.__name__}.{name} {why}")
                continue
            matched.append(name)
            json_name = JSON_NAMES.get((key, proto_name), field.json_name)
            if (key, proto_name) in RENAMED:
                json_name = to_camel(name)
            if info.alias != json_name:
                self.fail(where, f"alias {info.alias!r}, the wire name is {json_name!r}")
            self.field(where, field, info)
        order = [n for n in ours if n in matched]
        if order != matched:
            self.fail(key, f"field order {order}, the REST reference's is {matched}")
        self.extras |= {(key, n) for n in ours if n not in matched}

    def field(self, where: str, field: FieldDescriptor, info: FieldInfo) -> None:
        shape, annotation, flavour = describe(info)
        target = field
        want_shape = "repeated" if _repeated(field) else "single"
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            want_shape, target = "map", field.message_type.fields_by_name["value"]
        if shape != want_shape:
            self.fail(where, f"is {shape}, the proto field is {want_shape}")
            return
        kind = target.type
        if target.message_type is not None:
            full = target.message_type.full_name
            if full == "google.protobuf.Struct":
                ok = shape == "single" and typing.get_origin(annotation) is dict
                self.expect(where, ok, "JsonObject", annotation)
            elif full == "google.protobuf.Value":
                self.expect(where, annotation is Any, "JsonValue", annotation)
            elif full == "google.protobuf.Duration":
                self.expect(where, flavour == "Duration", "Duration", annotation)
            elif full == "google.protobuf.Timestamp":
                self.expect(where, flavour == "Timestamp", "Timestamp", annotation)
            elif full.startswith("google.protobuf."):
                self.fail(where, f"unexpected well-known type {full}")
            elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
                self.message(target.message_type, annotation)
            else:
                self.fail(where, f"should be a model, is {annotation!r}")
        elif target.enum_type is not None:
            if isinstance(annotation, type) and issubclass(annotation, StrEnum):
                self.enum(target.enum_type, annotation)
            else:
                self.fail(where, f"should be an enum, is {annotation!r}")
        elif kind in _INT64:
            self.expect(where, flavour == "Int64", "Int64", annotation)
        elif kind in _INT32:
            self.expect(where, flavour == "Int32", "Int32", annotation)
        elif kind == FieldDescriptor.TYPE_BYTES:
            self.expect(where, flavour == "Bytes", "Bytes", annotation)
        elif kind in _FLOAT:
            self.expect(where, annotation is float, "float", annotation)
        elif kind == FieldDescriptor.TYPE_BOOL:
            self.expect(where, annotation is bool, "bool", annotation)
        elif kind == FieldDescriptor.TYPE_STRING:
            self.expect(where, annotation is str and flavour is None, "str", annotation)
        else:
            self.fail(where, f"unexpected proto type {kind}")

    def expect(self, where: str, ok: bool, wanted: str, annotation: Any) -> None:
        if not ok:
            self.fail(where, f"should be {wanted}, is {annotation!r}")

    def enum(self, descriptor: EnumDescriptor, enum: type[StrEnum]) -> None:
        key = _key(descriptor, self.version)
        seen = self.enums.get(key)
        if seen is not None:
            if seen[1] is not enum:
                self.fail(key, f"matched with both {seen[1].__name__} and {enum.__name__}")
            return
        self.enums[key] = (descriptor, enum)
        members = list(enum)
        for value in descriptor.values:
            if value.name not in enum.__members__:
                self.fail(key, f"{enum.__name__} lacks {value.name}")
                continue
            position = members.index(enum[value.name])
            if position != value.number:
                self.fail(key, f"{enum.__name__}.{value.name} is at {position}, not {value.number}")


@pytest.fixture(scope="module", params=list(VERSIONS))
def walk(request: pytest.FixtureRequest) -> Walk:
    version: str = request.param
    result = Walk(version)
    for name, model in ROOTS:
        result.message(getattr(VERSIONS[version], name).pb().DESCRIPTOR, model)
    return result


def test_every_documented_field_and_value_is_modelled(walk: Walk) -> None:
    assert walk.problems == []


def test_fields_beyond_the_package_are_listed(walk: Walk) -> None:
    """Our extra fields in a version are newer REST fields, listed in REST_ONLY — never a field
    that lacks its ``only_in`` marker."""
    assert walk.extras - REST_ONLY[walk.version] == set()


def test_the_allow_lists_are_not_stale(walk: Walk) -> None:
    if walk.version == "v1beta":
        assert {k for k, _ in OMITTED} <= set(walk.messages)
        assert {k for k, _ in JSON_NAMES} <= set(walk.messages)
    assert REST_ONLY[walk.version] <= walk.extras


def test_roots_and_key_types_are_walked() -> None:
    walked = Walk("v1beta")
    for name, model in ROOTS:
        walked.message(getattr(glm_v1beta, name).pb().DESCRIPTOR, model)
    assert walked.messages["Part"] is models.Part
    assert walked.messages["Schema"] is models.Schema
    assert walked.messages["LogprobsResult.Candidate"] is models.LogprobsResultCandidate
    assert walked.messages["google.type.LatLng"] is models.LatLng
    assert walked.enums["GenerationConfig.Modality"][1] is models.ResponseModality
    assert walked.enums["Modality"][1] is models.Modality
    assert walked.enums["HarmCategory"][1] is models.HarmCategory
    assert len(walked.messages) >= 50


def test_enum_values_are_their_names() -> None:
    enums = [
        e
        for e in vars(models).values()
        if isinstance(e, type) and issubclass(e, StrEnum) and e.__module__.startswith("gemschema")
    ]
    assert len(enums) >= 20
    for enum in enums:
        assert [m.value for m in enum] == [m.name for m in enum], enum
    for enum in REST_ONLY_ENUMS:
        assert next(iter(enum)).name.endswith("_UNSPECIFIED")


def test_status_follows_google_rpc_code() -> None:
    code = code_pb2.DESCRIPTOR.enum_types_by_name["Code"]
    assert [m.name for m in models.Status] == [
        v.name for v in sorted(code.values, key=lambda v: v.number)
    ]
    for value in code.values:
        assert list(models.Status).index(models.Status[value.name]) == value.number
    assert models.ErrorStatus.model_fields["status"].annotation == str | None


def test_vertex_only_response_fields_are_not_modelled() -> None:
    assert "create_time" not in GenerateContentResponse.model_fields
    assert "traffic_type" not in models.UsageMetadata.model_fields
    assert {"partial_args", "will_continue"}.isdisjoint(models.FunctionCall.model_fields)
    response = GenerateContentResponse.model_validate(
        {
            "candidates": [
                {
                    "content": {
                        "role": "model",
                        "parts": [{"functionCall": {"name": "f", "partialArgs": []}}],
                    }
                }
            ],
            "usageMetadata": {"promptTokenCount": 3, "trafficType": "ON_DEMAND"},
            "createTime": "2025-01-01T00:00:00Z",
        }
    )
    assert response.model_extra == {"createTime": "2025-01-01T00:00:00Z"}
    assert response.usage_metadata is not None
    assert response.usage_metadata.model_extra == {"trafficType": "ON_DEMAND"}


# ---------------------------------------------------------------------------------------------
# Round trips of the reference's examples.
# ---------------------------------------------------------------------------------------------

# The function-calling example of the reference, in its snake_case spelling.
SNAKE_REQUEST: dict[str, Any] = {
    "system_instruction": {
        "parts": [
            {"text": "You are a helpful lighting system bot. You can turn lights on and off."}
        ]
    },
    "tools": [
        {
            "function_declarations": [
                {"name": "enable_lights", "description": "Turn on the lighting system."},
                {
                    "name": "set_light_color",
                    "description": "Set the light color. Lights must be enabled for this to work.",
                    "parameters": {
                        "type": "OBJECT",
                        "properties": {
                            "rgb_hex": {
                                "type": "STRING",
                                "description": "The light color as a 6-digit hex string.",
                            }
                        },
                        "required": ["rgb_hex"],
                    },
                },
            ]
        }
    ],
    "tool_config": {"function_calling_config": {"mode": "ANY", "allowed_function_names": []}},
    "contents": [
        {"role": "user", "parts": [{"text": "Turn on the lights please."}]},
        {
            "role": "user",
            "parts": [{"inline_data": {"mime_type": "image/jpeg", "data": "/9j/4AAQSkZJRg=="}}],
        },
    ],
    "generation_config": {"max_output_tokens": 800, "thinking_config": {"thinking_budget": 0}},
}

# The JSON-mode and safety-settings examples of the reference, in camelCase.
CAMEL_REQUEST: dict[str, Any] = {
    "contents": [{"parts": [{"text": "List 5 popular cookie recipes"}]}],
    "safetySettings": [
        {"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"},
    ],
    "generationConfig": {
        "responseMimeType": "application/json",
        "responseSchema": {
            "type": "ARRAY",
            "items": {
                "type": "OBJECT",
                "properties": {"recipeName": {"type": "STRING"}},
                "propertyOrdering": ["recipeName"],
                "maxProperties": "4",
            },
        },
        "stopSequences": ["Title"],
        "temperature": 1.0,
        "topP": 0.8,
        "topK": 10,
    },
}


def test_snake_case_request_round_trips_to_camel_case() -> None:
    request = GenerateContentRequest.model_validate(SNAKE_REQUEST, context=strict_context())
    dumped = request.model_dump(by_alias=True, exclude_none=True)
    assert list(dumped) == [
        "contents",
        "tools",
        "toolConfig",
        "systemInstruction",
        "generationConfig",
    ]
    assert dumped["tools"][0]["functionDeclarations"][1]["parameters"]["required"] == ["rgb_hex"]
    assert dumped["toolConfig"] == {
        "functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": []}
    }
    assert dumped["contents"][1]["parts"][0] == {
        "inlineData": {"mimeType": "image/jpeg", "data": "/9j/4AAQSkZJRg=="}
    }
    assert dumped["generationConfig"] == {
        "maxOutputTokens": 800,
        "thinkingConfig": {"thinkingBudget": 0},
    }
    again = GenerateContentRequest.model_validate(dumped, context=strict_context())
    assert again == request


def test_camel_case_request_round_trips() -> None:
    request = GenerateContentRequest.model_validate(CAMEL_REQUEST, context=strict_context())
    dumped = request.model_dump(by_alias=True, exclude_none=True, mode="json")
    items = dumped["generationConfig"]["responseSchema"]["items"]
    assert items["maxProperties"] == "4"  # int64 is a decimal string in proto3 JSON
    assert items["properties"] == {"recipeName": {"type": "STRING"}}
    CAMEL_REQUEST["generationConfig"]["responseSchema"]["items"]["maxProperties"] = "4"
    assert dumped == CAMEL_REQUEST


@pytest.mark.parametrize(
    ("document", "unknown"),
    [
        ({"contents": [], "stream": True}, "'stream'"),
        ({"contents": [], "generationConfig": {"maxTokens": 5}}, "'maxTokens'"),
        ({"contents": [{"parts": [{"text": "x", "type": "text"}]}]}, "'type'"),
    ],
)
def test_unknown_request_field_fails_in_strict_context(
    document: dict[str, Any], unknown: str
) -> None:
    with pytest.raises(ValidationError, match=unknown):
        GenerateContentRequest.model_validate(document, context=strict_context())
    GenerateContentRequest.model_validate(document)  # without the context it is kept as extra


def test_required_fields_are_required() -> None:
    with pytest.raises(ValidationError, match="contents"):
        GenerateContentRequest.model_validate({}, context=strict_context())
    with pytest.raises(ValidationError, match="data"):
        models.Blob.model_validate({"mimeType": "image/png"}, context=strict_context())
    with pytest.raises(ValidationError, match="'name'"):
        models.FunctionCall.model_validate({"args": {}}, context=strict_context())
    with pytest.raises(ValidationError, match="'mimeType'"):
        models.Blob.model_validate({"mime_type": None, "data": "AA=="}, context=strict_context())
    with pytest.raises(ValidationError, match="threshold"):
        models.SafetySetting.model_validate({"category": "HARM_CATEGORY_HARASSMENT"})


def test_request_only_required_fields_may_be_absent_in_responses() -> None:
    """proto3 JSON output omits default values: a streamed function-call continuation has no
    ``name``, and a response part may be ``{"inlineData": {}}``; the request schemas still list
    these fields in ``required``, the response schema does not."""
    chunk = (
        '{"candidates":[{"content":{"parts":[{"inlineData":{}},{"functionCall":{"args":{}}}]}}]}'
    )
    parts = models.GenerateContentResponse.model_validate_json(chunk, strict=True).candidates
    assert parts is not None
    blob = models.Blob.model_validate(
        {"mimeType": "image/png", "data": "AA=="}, context=strict_context()
    )
    assert blob.mime_type == "image/png"
    request = generate("GenerateContentRequest", "v1beta")["$defs"]
    assert request["Blob"]["required"] == ["mimeType", "data"]
    assert request["FunctionCall"]["required"] == ["name"]
    assert "x-gemschema-required" not in str(request)
    response = generate("GenerateContentResponse", "v1beta")["$defs"]
    assert "required" not in response["Blob"] and "required" not in response["FunctionCall"]


def test_the_two_json_schema_fields_follow_the_wire() -> None:
    """``responseJsonSchema`` is field 28; ``_responseJsonSchema`` / ``response_json_schema`` is
    field 24 — each accepted under its wire name and its proto name, as proto3 JSON does."""
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    camel = models.GenerationConfig.model_validate({"responseJsonSchema": schema})
    assert camel.response_json_schema_ordered == schema
    assert camel.model_dump(by_alias=True, exclude_none=True) == {"responseJsonSchema": schema}
    snake = models.GenerationConfig.model_validate({"response_json_schema": schema})
    assert snake.model_dump(by_alias=True, exclude_none=True) == {"_responseJsonSchema": schema}
