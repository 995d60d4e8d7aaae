"""Conventions shared by every documented type.

* Attribute names are the proto field names (snake_case); the JSON name is lowerCamelCase
  (``alias_generator=to_camel``) and both spellings are accepted, as the API accepts both.
* Models allow unknown fields at the Python level; whether an unknown field is an error
  (requests) or a warning (responses) is decided by the schema generator and the validator,
  and by :func:`strict_context` when a model is validated directly.
* Fields that exist only in some API versions carry :func:`only_in` metadata; the schema
  generator drops them from the other versions.
* Fields a request must hold but a response may omit (proto3 JSON output omits default values)
  are declared ``X | None = required()``: the request and error schemas list them in
  ``required``, and :func:`strict_context` validation (requests) refuses them missing.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic.fields import FieldInfo

ONLY_IN = "x-gemschema-only-in"
"""Schema annotation naming the API versions a field exists in; stripped on export."""


def only_in(*versions: str, **kwargs: Any) -> Any:
    """A ``Field`` that exists only in ``versions`` (e.g. ``only_in("v1beta")``)."""
    return Field(default=None, json_schema_extra={ONLY_IN: list(versions)}, **kwargs)


REQUIRED = "x-gemschema-required"
"""Schema annotation of a field required in requests (not in responses); stripped on export."""


def required(**kwargs: Any) -> Any:
    """A ``Field`` required in requests; optional in responses, where proto3 JSON omits it when
    it holds its default value (a streamed function-call continuation has no ``name``)."""
    return Field(default=None, json_schema_extra={REQUIRED: True}, **kwargs)


def _is_required_in_requests(info: FieldInfo) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get(REQUIRED) is True


class GeminiModel(BaseModel):
    """Base of every documented message type."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="allow",
        use_attribute_docstrings=True,
        ser_json_bytes="base64",
        val_json_bytes="base64",
    )

    @model_validator(mode="before")
    @classmethod
    def _reject_unknown(cls, data: Any, info: ValidationInfo) -> Any:
        """With ``context={"unknown": "error"}`` (:func:`strict_context`, requests): refuse
        unknown fields, and absent (or null) fields declared with :func:`required`."""
        if isinstance(data, dict) and info.context and info.context.get("unknown") == "error":
            known = {s for n, f in cls.model_fields.items() for s in (n, f.alias)}
            unknown = [k for k in data if k not in known]
            if unknown:
                raise ValueError(f"unknown field(s): {', '.join(map(repr, unknown))}")
            missing = [
                f.alias or n
                for n, f in cls.model_fields.items()
                if _is_required_in_requests(f)
                and data.get(n) is None
                and (f.alias is None or data.get(f.alias) is None)
            ]
            if missing:
                raise ValueError(f"missing required field(s): {', '.join(map(repr, missing))}")
        return data


def strict_context() -> dict[str, str]:
    """The validation context of a request: unknown fields are errors, as the API says."""
    return {"unknown": "error"}


def _int64(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value


def decimal_at_most(limit: int) -> str:
    """A regular expression for the decimal strings (no sign) of the integers 0 … ``limit``.

    Linear alternatives with fixed prefixes, so no backtracking: shorter numbers, then each
    digit position of ``limit`` taking a smaller digit, then ``limit`` itself.
    """
    digits = str(limit)
    options = [f"[0-9]{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    for i, d in enumerate(digits):
        if d != "0":
            rest = len(digits) - i - 1
            options.append(digits[:i] + f"[0-{int(d) - 1}]" + (f"[0-9]{{{rest}}}" if rest else ""))
    options.append(digits)
    return "(?:" + "|".join(options) + ")"


INT64_PATTERN = f"^(?:{decimal_at_most(2**63 - 1)}|-{decimal_at_most(2**63)})$"
"""An int64 as a decimal string, its range included (proto3 JSON refuses anything beyond)."""

Int64 = Annotated[
    int,
    BeforeValidator(_int64),
    PlainSerializer(str, return_type=str),
    Field(ge=-(2**63), le=2**63 - 1),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": INT64_PATTERN,
            "format": "int64",
            "minimum": -(2**63),
            "maximum": 2**63 - 1,
            "description": "A 64-bit integer: a decimal string in proto3 JSON (a number is accepted).",
        }
    ),
]
"""int64: a decimal string in proto3 JSON; a JSON number is also accepted."""

Int32 = Annotated[
    int,
    Field(ge=-(2**31), le=2**31 - 1),
    WithJsonSchema(
        {"type": "integer", "format": "int32", "minimum": -(2**31), "maximum": 2**31 - 1}
    ),
]
"""int32: a JSON number."""


def _b64(value: Any) -> Any:
    if isinstance(value, str):
        try:
            base64.b64decode(
                value + "=" * (-len(value) % 4),
                altchars=b"-_" if ("-" in value or "_" in value) else None,
                validate=True,
            )
        except (binascii.Error, ValueError) as exc:
            raise ValueError("not valid base64") from exc
    return value


Bytes = Annotated[
    str,
    BeforeValidator(_b64),
    WithJsonSchema({"type": "string", "contentEncoding": "base64"}),
]
"""bytes: base64 text (standard or URL-safe alphabet, padding optional), kept as written."""

Duration = Annotated[
    str,
    Field(pattern=r"^-?[0-9]+(\.[0-9]{1,9})?s$"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^-?[0-9]+(\.[0-9]{1,9})?s$",
            "description": "A duration in seconds with up to nine fractional digits, ending in 's' (e.g. \"3.5s\").",
        }
    ),
]
"""google.protobuf.Duration in proto3 JSON: ``"3.5s"``."""

Timestamp = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "description": "An RFC 3339 timestamp (google.protobuf.Timestamp).",
        }
    ),
]
"""google.protobuf.Timestamp in proto3 JSON: an RFC 3339 string."""

JsonObject = dict[str, Any]
"""google.protobuf.Struct: a free-form JSON object, user data."""

JsonValue = Any
"""google.protobuf.Value: any JSON value, user data."""
