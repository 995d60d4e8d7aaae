"""Generate the versioned JSON Schemas under ``schemas/<api-version>/`` from the models.

The models are the source of truth; the committed schema files are derived from them and a
test fails when they drift. The generated schemas describe the *canonical* document (camelCase
names, lists as lists, enum names): :func:`gemschema.normalize` turns every other accepted
spelling into that form, and :func:`gemschema.validate` normalises before it checks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from gemschema.models import SCHEMA_TYPES
from gemschema.models._base import ONLY_IN, REQUIRED
from gemschema.schemastore import API_VERSIONS, schema_id

DIALECT = "https://json-schema.org/draft/2020-12/schema"

ENUM_NOTE = (
    " On the wire the API also accepts a value's number (its position in this list, as in"
    " proto3 JSON) and the name in lower case; gemschema normalises both to the name."
)


class _Generator(GenerateJsonSchema):
    """Pydantic's generator with proto3 JSON's view of optional fields: absent, never null."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        if schema.get("default") is None:
            return self.generate_inner(schema["schema"])
        return super().default_schema(schema)

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def generate(type_name: str, api_version: str) -> dict[str, Any]:
    """The JSON Schema of ``type_name`` for ``api_version``, as it is committed."""
    model, kind = SCHEMA_TYPES[type_name]
    raw = model.model_json_schema(by_alias=True, schema_generator=_Generator)
    defs: dict[str, Any] = raw.pop("$defs", {})
    defs[type_name] = raw
    for definition in defs.values():
        _shape_definition(
            definition, api_version=api_version, strict=kind == "request", output=kind == "response"
        )
    defs = _reachable(defs, type_name)
    root = defs.pop(type_name)
    return {
        "$schema": DIALECT,
        "$id": schema_id(api_version, type_name),
        **root,
        **({"$defs": dict(sorted(defs.items()))} if defs else {}),
    }


def _shape_definition(
    definition: dict[str, Any], *, api_version: str, strict: bool, output: bool
) -> None:
    """Filter fields to ``api_version``; set unknown-field strictness; annotate enums.

    ``output`` documents (responses) require no field: proto3 JSON omits default values. The
    others (requests, error bodies) also require the fields declared with
    :func:`~gemschema.models._base.required`.
    """
    if "enum" in definition:
        definition["description"] = definition.get("description", "").strip() + ENUM_NOTE
        return
    props: dict[str, Any] | None = definition.get("properties")
    if props is None:
        return
    marked: set[str] = set()
    for name in list(props):
        versions = props[name].pop(ONLY_IN, None)
        if props[name].pop(REQUIRED, False):
            marked.add(name)
        if versions is not None and api_version not in versions:
            del props[name]
    listed = set(definition.pop("required", ())) | marked
    required = [] if output else [name for name in props if name in listed]
    if required:  # right after "properties", where pydantic puts it
        items = list(definition.items())
        at = [key for key, _ in items].index("properties") + 1
        definition.clear()
        definition.update([*items[:at], ("required", required), *items[at:]])
    definition["additionalProperties"] = not strict


def _refs(node: Any) -> set[str]:
    """Every ``#/$defs/X`` name referenced below ``node``."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                found.add(ref.removeprefix("#/$defs/"))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _reachable(defs: dict[str, Any], root: str) -> dict[str, Any]:
    keep: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        if name not in keep:
            keep.add(name)
            todo.extend(_refs(defs[name]) - keep)
    return {k: v for k, v in defs.items() if k in keep}


def render(schema: dict[str, Any]) -> str:
    """The committed text of a schema: sorted-free, two-space indented, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def export(target: Path) -> list[Path]:
    """Write every schema of every API version under ``target``; returns the paths written."""
    written = []
    for version in API_VERSIONS:
        folder = target / version
        folder.mkdir(parents=True, exist_ok=True)
        for type_name in SCHEMA_TYPES:
            path = folder / f"{type_name}.schema.json"
            text = render(generate(type_name, version))
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            written.append(path)
    return written
