"""Schema-aware canonicalisation: every spelling the API accepts → one canonical document.

Only documented field names are renamed; user data (``functionCall.args``, the property names
of a ``Schema``, ``responseJsonSchema``, map keys, every string) is never touched. The walk
follows the wire map, so it descends only into documented messages.

What the API accepts and this turns into the canonical form (proto3 JSON):
field names in lowerCamelCase or snake_case; a single value where a list is documented; enum
values by number or in lower case; int64 as a number or a decimal string; numbers given as
decimal strings; ``null`` for an absent field.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gemschema.diagnostics import Diagnostic
from gemschema.pointer import escape, join
from gemschema.rules.structure import DUPLICATE_SPELLING, TOO_DEEP, UNKNOWN_FIELD, UNKNOWN_RESPONSE_FIELD
from gemschema.wire import FieldSpec, Holds, MessageSpec, WireMap

DEFAULT_MAX_DEPTH = 512
"""How many documented-message levels the walk descends before it reports GS004."""

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\Z")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")


@dataclass(frozen=True, slots=True)
class Change:
    """One thing canonicalisation changed, at a pointer into the document as written."""

    pointer: str
    message: str


@dataclass(slots=True)
class Canonical:
    """The canonical document, what was changed to get it, and what could not be."""

    document: Any
    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def canonicalize(
    document: Any,
    wire: WireMap,
    *,
    style: str = "camel",
    reorder: bool = True,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Canonical:
    """Return the canonical form of ``document`` (a new object; the input is not modified)."""
    walker = _Walker(wire, style, reorder, max_depth)
    out = walker.message(document, wire.root_spec, (), 0)
    return Canonical(out, walker.changes, walker.diagnostics)


class _Walker:
    __slots__ = ("changes", "diagnostics", "max_depth", "reorder", "style", "wire")

    def __init__(self, wire: WireMap, style: str, reorder: bool, max_depth: int) -> None:
        self.wire = wire
        self.style = style
        self.reorder = reorder
        self.max_depth = max_depth
        self.changes: list[Change] = []
        self.diagnostics: list[Diagnostic] = []

    def change(self, path: tuple[str | int, ...], message: str) -> None:
        self.changes.append(Change(join(path), message))

    def message(self, value: Any, spec: MessageSpec, path: tuple[str | int, ...], depth: int) -> Any:
        if not isinstance(value, dict):
            return value
        if depth > self.max_depth:
            self.diagnostics.append(
                TOO_DEEP.diagnostic(
                    f"documented messages nest more than {self.max_depth} levels deep here;"
                    " flatten the document or raise max_depth",
                    join(path),
                )
            )
            return value
        out: dict[str, Any] = {}
        unknown: dict[str, Any] = {}
        written: dict[str, str] = {}
        for key, item in value.items():
            spec_field = spec.lookup.get(key)
            if spec_field is None:
                self.unknown(key, spec, path)
                unknown[key] = item
                continue
            name = spec_field.spelling(self.style)
            if name in written:
                self.diagnostics.append(
                    DUPLICATE_SPELLING.diagnostic(
                        f"{spec.name} field {spec_field.name!r} is given twice, as"
                        f" {written[name]!r} and as {key!r}; the API would use only one:"
                        f" keep one spelling",
                        join((*path, key)),
                    )
                )
                continue
            written[name] = key
            if key != name:
                self.change((*path, key), f"renamed {key!r} to {name!r}")
            if item is None:
                self.change((*path, key), f"removed null {key!r} (null means absent in proto3 JSON)")
                continue
            out[name] = self.field(item, spec_field, (*path, key), depth)
        if self.reorder and out:
            out = {f.spelling(self.style): out[n] for f in spec.fields.values() if (n := f.spelling(self.style)) in out}
        if unknown:
            out.update(unknown)
        return out

    def unknown(self, key: str, spec: MessageSpec, path: tuple[str | int, ...]) -> None:
        rule = UNKNOWN_FIELD if self.wire.strict else UNKNOWN_RESPONSE_FIELD
        hint = suggest(key, spec, self.wire)
        verdict = "the API refuses unknown fields" if self.wire.strict else "newer than this schema, or not from the Gemini API"
        self.diagnostics.append(
            rule.diagnostic(f"unknown field {key!r} in {spec.name} ({verdict}){hint}", join((*path, key)))
        )

    def field(self, value: Any, spec: FieldSpec, path: tuple[str | int, ...], depth: int) -> Any:
        if not spec.repeated:
            return self.element(value, spec, path, depth)
        if not isinstance(value, list):
            self.change(path, "wrapped a single value in a list (the field is repeated)")
            return [self.element(value, spec, path, depth)]
        return [self.element(item, spec, (*path, i), depth) for i, item in enumerate(value)]

    def element(self, value: Any, spec: FieldSpec, path: tuple[str | int, ...], depth: int) -> Any:
        holds = spec.holds
        if holds is Holds.MESSAGE:
            return self.message(value, self.wire.messages[spec.message or ""], path, depth + 1)
        if holds is Holds.ENUM:
            return self.enum(value, spec, path)
        if holds is Holds.SCALAR:
            return self.scalar(value, spec, path)
        if holds is Holds.MAP and spec.message is not None and isinstance(value, dict):
            inner = self.wire.messages[spec.message]
            return {k: self.message(v, inner, (*path, k), depth + 1) for k, v in value.items()}
        return value

    def enum(self, value: Any, spec: FieldSpec, path: tuple[str | int, ...]) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(spec.enum):
            name = spec.enum[value]
            self.change(path, f"enum number {value} written as its name {name!r}")
            return name
        if isinstance(value, str) and value not in spec.enum and value.upper() in spec.enum:
            self.change(path, f"enum value {value!r} written as {value.upper()!r}")
            return value.upper()
        return value

    def scalar(self, value: Any, spec: FieldSpec, path: tuple[str | int, ...]) -> Any:
        kind = spec.scalar
        if kind == "int64":
            if isinstance(value, int) and not isinstance(value, bool):
                self.change(path, "int64 written as a decimal string (proto3 JSON)")
                return str(value)
            return value
        if isinstance(value, str) and kind in ("integer", "number"):
            pattern = _INTEGER if kind == "integer" else _NUMBER
            if pattern.match(value):
                number: int | float = int(value) if kind == "integer" else float(value)
                self.change(path, f"number given as the string {value!r} written as a number")
                return number
        return value


def suggest(key: str, spec: MessageSpec, wire: WireMap) -> str:
    """A ``"; did you mean …?"`` hint for an unknown field, or ``""``."""
    close = difflib.get_close_matches(key, spec.spellings, n=1, cutoff=0.75)
    if not close:
        lowered = {s.lower().replace("_", ""): s for s in spec.spellings}
        folded = key.lower().replace("_", "").replace("-", "")
        if folded in lowered:
            close = [lowered[folded]]
    if close:
        return f"; did you mean {spec.lookup[close[0]].name!r}?"
    for child in spec.fields.values():
        inner = wire.messages.get(child.message or "") if child.holds is Holds.MESSAGE else None
        if inner is not None and key in inner.lookup:
            return f"; it belongs inside {child.name!r}: move it to {child.name}.{inner.lookup[key].name}"
    return ""


def original_path(document: Any, canonical: Sequence[str | int], wire: WireMap) -> tuple[str | int, ...]:
    """Map a path into the canonical document back onto the document as written."""
    out: list[str | int] = []
    node = document
    spec: MessageSpec | None = wire.root_spec
    segments = list(canonical)
    i = 0
    while i < len(segments):
        seg = segments[i]
        i += 1
        if spec is None or not isinstance(node, dict):
            out.append(seg)
            node = _step(node, seg)
            continue
        key, field_spec = _find_key(node, spec, str(seg))
        out.append(key)
        node = node.get(key)
        spec = None
        if field_spec is None:
            continue
        if field_spec.repeated:
            if isinstance(node, list):
                if i < len(segments):
                    out.append(segments[i])
                    node = _step(node, segments[i])
                    i += 1
            elif i < len(segments) and str(segments[i]) == "0":
                i += 1
        if field_spec.holds is Holds.MESSAGE:
            spec = wire.messages[field_spec.message or ""]
        elif field_spec.holds is Holds.MAP and field_spec.message and i < len(segments):
            out.append(segments[i])
            node = _step(node, segments[i])
            i += 1
            spec = wire.messages[field_spec.message]
    return tuple(out)


def _find_key(node: dict[str, Any], spec: MessageSpec, name: str) -> tuple[str, FieldSpec | None]:
    if name in node:
        return name, spec.lookup.get(name)
    target = spec.lookup.get(name)
    if target is not None:
        for key in node:
            if spec.lookup.get(key) is target:
                return key, target
    return name, target


def _step(node: Any, seg: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(str(seg))
    if isinstance(node, list):
        try:
            return node[int(seg)]
        except (ValueError, IndexError):
            return None
    return None


__all__ = ["Canonical", "Change", "canonicalize", "escape", "original_path", "suggest"]
