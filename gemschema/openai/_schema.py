"""JSON Schema ↔ the Gemini ``Schema`` subset (OpenAPI 3.0 style, ``type`` in upper case).

JSON Schema → ``Schema``: ``$ref`` into ``$defs``/``definitions`` (or any local pointer) is
inlined, a recursive ``$ref`` is cut and reported; ``type: [X, "null"]`` becomes ``nullable``;
several types become ``anyOf``; a string ``const`` becomes a one-value ``enum``; ``oneOf`` is
read as ``anyOf`` and reported; ``examples`` with one value becomes ``example``; every keyword
the subset lacks is dropped and reported; a schema left without a type (``{}``, a dropped
``$ref``, …) is typed ``OBJECT`` and reported, as every Gemini schema needs a type. Inlining
stops at :data:`NODE_BUDGET` nodes: every ``$ref`` met past it is cut to ``{type: OBJECT}``
and reported (a ``$ref`` chain can otherwise expand a small schema exponentially); schemas nested
deeper than :data:`MAX_DEPTH` are cut the same way.
``Schema`` → JSON Schema is the inverse, plus ``propertyOrdering``, which is kept under its
own name (JSON Schema ignores unknown keywords).
"""

from __future__ import annotations

from typing import Any

from gemschema.openai._types import JSON, Losses, Obj
from gemschema.pointer import escape

_TYPES = {"string", "number", "integer", "boolean", "array", "object"}
_FORMATS = {
    "STRING": {"enum", "date-time"},
    "NUMBER": {"float", "double"},
    "INTEGER": {"int32", "int64"},
}
_INT64 = ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties")
_COPIED = ("title", "description", "pattern", "default", "minimum", "maximum", "propertyOrdering")
_CONSUMED = {"$defs", "definitions", "$ref", "type", "nullable", "format", "enum", "const"}
_CONSUMED |= {"items", "properties", "required", "anyOf", "oneOf", "allOf", "example", "examples"}
_CONSUMED |= set(_INT64) | set(_COPIED)

NODE_BUDGET = 10_000
"""Most schema nodes one JSON Schema → ``Schema`` conversion produces before it stops inlining
``$ref``s (a schema whose definitions each reference the next one twice doubles per level)."""

MAX_DEPTH = 100
"""Most levels of nested schemas one JSON Schema → ``Schema`` conversion writes; deeper ones are
cut to ``{type: OBJECT}`` and reported (the conversion recurses, and no real schema nests so)."""


_UNTYPED_ITEMS = (
    "an array without items has no Gemini counterpart (the API refuses ARRAY without items);"
    " items typed OBJECT"
)


_NUMBER = (int, float)
_KEYWORD_TYPES: dict[str, type | tuple[type, ...]] = {
    "$ref": str,
    "type": (str, list),
    "format": str,
    "title": str,
    "description": str,
    "pattern": str,
    "nullable": bool,
    "minimum": _NUMBER,
    "maximum": _NUMBER,
    "enum": list,
    "required": list,
    "propertyOrdering": list,
    "examples": list,
    "properties": dict,
    "anyOf": list,
    "oneOf": list,
    "allOf": list,
    **dict.fromkeys(_INT64, (int, str)),
}
"""The keywords the conversion reads or copies, and the JSON types JSON Schema allows them."""
_STRING_LISTS = frozenset({"type", "required", "propertyOrdering"})
"""Keywords whose list holds strings only."""


def _strings(values: list[Any]) -> bool:
    return all(isinstance(v, str) for v in values)


def _int(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip("-").isdigit():
        return int(value)
    return value


class _ToGemini:
    def __init__(self, root: Obj, losses: Losses, root_at: str, budget: int) -> None:
        self.root = root
        self.losses = losses
        self.root_at = root_at
        self.budget = budget
        self.depth = 0

    def resolve(self, ref: str, at: str) -> Obj | None:
        if not ref.startswith("#"):
            self.losses.add(at, f"$ref {ref!r} is not a local reference; dropped")
            return None
        node: Any = self.root
        for raw in ref[1:].split("/")[1:] if ref != "#" else []:
            token = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                self.losses.add(at, f"$ref {ref!r} does not resolve; dropped")
                return None
        if not isinstance(node, dict):
            self.losses.add(at, f"$ref {ref!r} is not a schema; dropped")
            return None
        return node

    def convert(self, schema: JSON, at: str, stack: tuple[str, ...]) -> Obj:
        """The ``Schema`` for one whole subschema: typed, as Gemini wants every schema."""
        if self.depth >= MAX_DEPTH:
            self.losses.add(at, f"schemas nested deeper than {MAX_DEPTH} levels; cut to OBJECT")
            return {"type": "OBJECT"}
        self.depth += 1
        try:
            out = self.node(schema, at, stack)
        finally:
            self.depth -= 1
        if "type" not in out and "anyOf" not in out:
            self.losses.add(at, "a schema without a type has no Gemini counterpart; typed OBJECT")
            out["type"] = "OBJECT"
        if out.get("type") == "ARRAY" and "items" not in out:
            self.losses.add(at, _UNTYPED_ITEMS)
            out["items"] = {"type": "OBJECT"}
        if isinstance(out.get("required"), list):
            defined = out.get("properties") or {}
            for name in out["required"]:
                if name not in defined:
                    self.losses.add(at, f"required {name!r} is not a property (Gemini refuses it)")
            out["required"] = [name for name in out["required"] if name in defined]
            if not out["required"]:
                del out["required"]
        return out

    def well_typed(self, schema: Obj, src_at: dict[str, str]) -> Obj:
        """``schema`` without the keywords the conversion reads whose value has a type JSON
        Schema does not allow there (each reported): what follows may rely on the types."""
        wrong = [
            key
            for key, value in schema.items()
            if key in _KEYWORD_TYPES
            and not (
                isinstance(value, _KEYWORD_TYPES[key])
                and (not isinstance(value, list) or key not in _STRING_LISTS or _strings(value))
            )
        ]
        for key in wrong:
            self.losses.add(
                src_at[key], f"{key!r} does not have the type JSON Schema wants; dropped"
            )
        return {k: v for k, v in schema.items() if k not in wrong} if wrong else schema

    def node(self, schema: JSON, at: str, stack: tuple[str, ...]) -> Obj:
        self.budget -= 1
        if not isinstance(schema, dict):
            if schema is not True:
                self.losses.add(at, "a boolean schema has no Gemini counterpart; dropped")
            return {}
        src_at = {k: f"{at}/{escape(k)}" for k in schema}
        schema = self.well_typed(schema, src_at)
        if "$ref" in schema:
            ref = schema["$ref"]
            target: Obj | None
            if ref in stack:
                self.losses.add(src_at["$ref"], f"recursive $ref {ref!r} cannot be inlined; cut")
                target = {"type": "object"}
            elif self.budget <= 0:
                self.losses.add(
                    src_at["$ref"],
                    f"$ref {ref!r} not inlined: the schema already expands to over "
                    f"{NODE_BUDGET:,} nodes; cut",
                )
                target = {"type": "object"}
                stack = (*stack, str(ref))  # cut like a recursive $ref
            else:
                target = self.resolve(str(ref), src_at["$ref"])
            if target is not None and ref not in stack:
                # Siblings of $ref refine the target (2020-12): convert the target, then overlay.
                base = self.convert(target, self.root_at + str(ref)[1:], (*stack, str(ref)))
                rest = {k: v for k, v in schema.items() if k != "$ref"}
                if rest:
                    base.update(self.node(rest, at, stack))
                return base
            if target is not None:
                return {"type": "OBJECT"}
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            kept: Obj = self.node(rest, at, stack) if rest else {}
            if "type" not in kept and "anyOf" not in kept:
                kept["type"] = "OBJECT"  # the dropped $ref is reported already
            return kept
        out: Obj = {}
        nullable = schema.get("nullable") is True
        types = schema.get("type")
        type_list = types if isinstance(types, list) else [types] if types is not None else []
        if "null" in type_list:
            nullable = True
        concrete = [t for t in type_list if t != "null"]
        bad = [t for t in concrete if t not in _TYPES]
        if bad:
            self.losses.add(src_at["type"], f"type {bad[0]!r} is not a JSON Schema type; dropped")
            concrete = [t for t in concrete if t in _TYPES]
        any_of: list[Obj] = []
        if "type" in schema and not concrete and not bad:
            self.losses.add(src_at["type"], "type 'null' alone has no Gemini counterpart; OBJECT")
            out["type"] = "OBJECT"
        if len(concrete) == 1:
            out["type"] = concrete[0].upper()
        elif len(concrete) > 1:
            any_of = [{"type": t.upper()} for t in concrete]
            if "array" in concrete and not isinstance(schema.get("items"), dict):
                self.losses.add(at, _UNTYPED_ITEMS)
                any_of[concrete.index("array")]["items"] = {"type": "OBJECT"}
        if "format" in schema:
            allowed = _FORMATS.get(out.get("type", ""), set())
            if schema["format"] in allowed:
                out["format"] = schema["format"]
            else:
                self.losses.add(src_at["format"], f"format {schema['format']!r} is not supported")
        for key in ("title", "description"):
            if key in schema:
                out[key] = schema[key]
        if nullable:
            out["nullable"] = True
        enum: list[Any] | None = None
        if "enum" in schema:
            values = schema["enum"]
            if isinstance(values, list) and all(isinstance(v, str) or v is None for v in values):
                enum = [v for v in values if v is not None]
                if None in values:
                    out["nullable"] = True
            else:
                self.losses.add(src_at["enum"], "Gemini enums hold strings only; enum dropped")
        if "const" in schema:
            if isinstance(schema["const"], str) and enum is None:
                enum = [schema["const"]]
            else:
                self.losses.add(src_at["const"], "only a string const becomes a Gemini enum")
        if enum is not None:
            out["enum"] = enum
            out.setdefault("type", "STRING")
        for key in _INT64:
            if key in schema:
                out[key] = str(_int(schema[key]))
        for key in ("pattern", "minimum", "maximum", "default"):
            if key in schema:
                out[key] = schema[key]
        if "example" in schema:
            out["example"] = schema["example"]
        elif "examples" in schema:
            examples = schema["examples"]
            if isinstance(examples, list) and examples:
                out["example"] = examples[0]
                for i in range(1, len(examples)):
                    self.losses.add(f"{src_at['examples']}/{i}", "Gemini keeps one example")
            else:
                self.losses.add(src_at["examples"], "examples is not a non-empty list; dropped")
        if "items" in schema:
            if isinstance(schema["items"], dict):
                items = self.convert(schema["items"], src_at["items"], stack)
                if any_of and "array" in concrete:  # items belong to the ARRAY of the types
                    any_of[concrete.index("array")]["items"] = items
                else:
                    out["items"] = items
            else:
                self.losses.add(src_at["items"], "tuple-form items has no Gemini counterpart")
        if isinstance(schema.get("properties"), dict):
            out["properties"] = {
                name: self.convert(sub, f"{src_at['properties']}/{escape(name)}", stack)
                for name, sub in schema["properties"].items()
            }
        if "required" in schema:
            out["required"] = list(schema["required"])
        if "propertyOrdering" in schema:
            out["propertyOrdering"] = list(schema["propertyOrdering"])
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list):
                if key == "oneOf":
                    self.losses.add(src_at[key], "oneOf is read as anyOf (Gemini has no oneOf)")
                for i, sub in enumerate(schema[key]):
                    if sub == {"type": "null"}:
                        out["nullable"] = True  # Optional[X] spelt anyOf [X, null]
                    else:
                        any_of.append(self.convert(sub, f"{src_at[key]}/{i}", stack))
        if len(any_of) == 1 and "type" not in out:
            out = {**any_of[0], **out}
        elif any_of:
            out["anyOf"] = any_of
        if "allOf" in schema:
            parts = schema["allOf"]
            if isinstance(parts, list) and len(parts) == 1:
                merged = self.convert(parts[0], f"{src_at['allOf']}/0", stack)
                out = {**merged, **out}
            else:
                self.losses.add(src_at["allOf"], "allOf has no Gemini counterpart; dropped")
        for key in schema:
            if key not in _CONSUMED:
                self.losses.add(src_at[key], f"{key!r} has no counterpart in the Gemini Schema")
        return out


def to_gemini(schema: JSON, losses: Losses, at: str) -> Obj:
    """The Gemini ``Schema`` for a JSON Schema; losses point under ``at`` in the source."""
    root = schema if isinstance(schema, dict) else {}
    return _ToGemini(root, losses, at, NODE_BUDGET).convert(schema, at, ())


def from_gemini(schema: Obj, losses: Losses, at: str) -> Obj:
    """The JSON Schema for a Gemini ``Schema``."""
    out: Obj = {}
    type_ = schema.get("type")
    nullable = schema.get("nullable") is True
    if isinstance(type_, str) and type_.lower() in _TYPES:
        out["type"] = [type_.lower(), "null"] if nullable else type_.lower()
    elif type_ is not None:
        losses.add(f"{at}/type", f"type {type_!r} has no JSON Schema counterpart")
    for key, value in schema.items():
        where = f"{at}/{escape(key)}"
        if key in ("type", "nullable"):
            continue
        if key in _INT64:
            out[key] = _int(value)
        elif key in ("format", "enum", "required", *_COPIED):
            out[key] = value
        elif key == "example":
            out["examples"] = [value]
        elif key == "items":
            out["items"] = from_gemini(value, losses, where)
        elif key == "properties":
            out["properties"] = {
                name: from_gemini(sub, losses, f"{where}/{escape(name)}")
                for name, sub in value.items()
            }
        elif key == "anyOf":
            out["anyOf"] = [from_gemini(s, losses, f"{where}/{i}") for i, s in enumerate(value)]
        else:
            losses.add(where, f"{key!r} has no JSON Schema counterpart")
    if nullable and "type" not in out:
        if "anyOf" in out:
            out["anyOf"] = [*out["anyOf"], {"type": "null"}]
        elif "enum" in out:
            out["enum"] = [*out["enum"], None]
        else:
            losses.add(f"{at}/nullable", "nullable without a type has no JSON Schema counterpart")
    return out
