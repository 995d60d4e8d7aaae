"""The proto3 JSON wire map of a document type, read from its committed JSON Schema.

For every message type it knows each field's canonical (lowerCamelCase) name, its original
proto (snake_case) name, whether it is repeated, and what it holds: another message, an enum,
a scalar, a map whose keys are user data, or a free-form JSON value that is user data entirely.
Normalisation and validation walk documents with it; it is built once per (version, type) and
needs no pydantic at run time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from gemschema.schemastore import load_schema


class Holds(Enum):
    """What a field's value (each element, for repeated fields) is."""

    MESSAGE = "message"
    ENUM = "enum"
    SCALAR = "scalar"
    MAP = "map"
    FREE = "free"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One documented field of a message type."""

    name: str
    snake: str
    repeated: bool
    holds: Holds
    message: str | None = None
    enum: tuple[str, ...] = ()
    scalar: str = ""

    def spelling(self, style: str) -> str:
        """The field's name in ``style`` (``"camel"`` or ``"snake"``)."""
        return self.snake if style == "snake" else self.name


@dataclass(slots=True)
class MessageSpec:
    """A message type: its fields in documented order, and every accepted spelling."""

    name: str
    fields: dict[str, FieldSpec]
    lookup: dict[str, FieldSpec] = field(default_factory=dict)
    spellings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for spec in self.fields.values():
            self.lookup[spec.name] = spec
            self.lookup.setdefault(spec.snake, spec)
        self.spellings = tuple(self.lookup)


_UPPER = re.compile(r"(?<=[a-z0-9])([A-Z])")


PROTO_NAMES = {
    "_responseJsonSchema": "response_json_schema",
    "responseJsonSchema": "response_json_schema_ordered",
}
"""Wire names whose proto field name is not their snake_case form (the API's own exceptions:
``GenerationConfig`` field 24 is sent as ``_responseJsonSchema``, field 28 as ``responseJsonSchema``)."""


def to_snake(camel: str) -> str:
    """The proto field name of a wire name: ``thoughtSignature`` → ``thought_signature``."""
    return PROTO_NAMES.get(camel) or _UPPER.sub(r"_\1", camel).lower()


@dataclass(slots=True)
class WireMap:
    """The wire map of one document type in one API version."""

    root: str
    messages: dict[str, MessageSpec]
    strict: bool

    @property
    def root_spec(self) -> MessageSpec:
        return self.messages[self.root]


def _ref_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.removeprefix("#/$defs/") if isinstance(ref, str) else None


def _field(name: str, node: dict[str, Any], defs: dict[str, Any]) -> FieldSpec:
    repeated = node.get("type") == "array" and isinstance(node.get("items"), dict)
    item: dict[str, Any] = node["items"] if repeated else node
    snake = to_snake(name)
    ref = _ref_name(item)
    if ref is not None:
        target = defs[ref]
        if "enum" in target:
            return FieldSpec(name, snake, repeated, Holds.ENUM, enum=tuple(target["enum"]))
        return FieldSpec(name, snake, repeated, Holds.MESSAGE, message=ref)
    if "enum" in item:
        return FieldSpec(name, snake, repeated, Holds.ENUM, enum=tuple(item["enum"]))
    values = item.get("additionalProperties")
    if item.get("type") == "object" and isinstance(values, dict) and values:
        value_ref = _ref_name(values)
        return FieldSpec(name, snake, repeated, Holds.MAP, message=value_ref)
    kind = item.get("type")
    if isinstance(kind, list):
        return FieldSpec(name, snake, repeated, Holds.SCALAR, scalar="int64")
    if kind in ("string", "integer", "number", "boolean"):
        scalar = "bytes" if item.get("contentEncoding") == "base64" else kind
        return FieldSpec(name, snake, repeated, Holds.SCALAR, scalar=scalar)
    return FieldSpec(name, snake, repeated, Holds.FREE)


def build(schema: dict[str, Any]) -> WireMap:
    """Derive the wire map from a committed schema (root plus ``$defs``)."""
    defs: dict[str, Any] = dict(schema.get("$defs", {}))
    root = str(schema["title"])
    defs[root] = schema
    messages = {
        name: MessageSpec(name, {p: _field(p, n, defs) for p, n in node["properties"].items()})
        for name, node in defs.items()
        if isinstance(node.get("properties"), dict)
    }
    return WireMap(root, messages, strict=schema.get("additionalProperties") is False)


@functools.cache
def wire_map(api_version: str, type_name: str) -> WireMap:
    """The wire map of ``type_name`` in ``api_version`` (built once per process)."""
    return build(load_schema(api_version, type_name))
