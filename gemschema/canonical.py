"""Schema-aware canonicalisation: every spelling the API accepts → one canonical document.

Only documented field names are renamed; user data (``functionCall.args``, the property names
of a ``Schema``, ``responseJsonSchema``, map keys, every string) is never touched. The walk
follows the wire map, so it descends only into documented messages.

What the API accepts and this turns into the canonical form (proto3 JSON):
field names in lowerCamelCase or snake_case; a single value where a list is documented (only a
value of the element's shape: a string where a list of messages is documented is left for the
validator); enum values by number or in lower case; int64 as a number (within range) or a
decimal string; numbers given as decimal strings; ``null`` for an absent field; keys in any
order (every change, reordering included, is a :class:`Change`).

The walk keeps no Python stack per nesting level, so documents of any depth are walked.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import MAX_FINDINGS
from gemschema.pointer import escape, join
from gemschema.rules.structure import (
    DUPLICATE_SPELLING,
    TOO_DEEP,
    UNKNOWN_FIELD,
    UNKNOWN_RESPONSE_FIELD,
)
from gemschema.wire import FieldSpec, Holds, MessageSpec, WireMap

if TYPE_CHECKING:
    from gemschema.diagnostics import Diagnostic
    from gemschema.structural import SchemaError

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
    messages: int = 0
    """How many documented messages (JSON objects) the walk visited."""


def canonicalize(
    document: Any,
    wire: WireMap,
    *,
    style: str = "camel",
    reorder: bool = True,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Canonical:
    """Return the canonical form of ``document`` (a new object; the input is not modified).

    Values that need no change (every string, number and user-data subtree) are the very
    objects of the input, never copies. ``reorder=False`` keeps the written key order (the
    validator does not need the documented one).
    """
    walker = _Walker(wire, style, reorder, max_depth)
    out = walker.run(document, wire.root_spec)
    return Canonical(out, walker.changes, walker.diagnostics, walker.messages)


Path = tuple[str | int, ...]
_Task = tuple[Any, MessageSpec, Path, int]
"""A message value to canonicalise: the value, its type, its path as written, its depth."""
_Walk = Generator[_Task, Any, Any]

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class _Walker:
    """The walk. Each message is a generator that yields its child messages to :meth:`run`
    and receives their canonical form back, so nesting costs no Python stack: documents of
    any depth are walked (``max_depth`` bounds the work, not the interpreter)."""

    __slots__ = ("changes", "diagnostics", "max_depth", "messages", "reorder", "style", "wire")

    def __init__(self, wire: WireMap, style: str, reorder: bool, max_depth: int) -> None:
        self.wire = wire
        self.style = style
        self.reorder = reorder
        self.max_depth = max_depth
        self.changes: list[Change] = []
        self.diagnostics: list[Diagnostic] = []
        self.messages = 0

    def run(self, value: Any, spec: MessageSpec) -> Any:
        stack: list[_Walk] = [self.message(value, spec, (), 0)]
        result: Any = None
        while stack:
            try:
                task = stack[-1].send(result)
            except StopIteration as done:
                stack.pop()
                result = done.value
                continue
            stack.append(self.message(*task))
            result = None
        return result

    @property
    def full(self) -> bool:
        """One finding more than can be reported is known: the rest need not be built."""
        return len(self.diagnostics) > MAX_FINDINGS

    def report(self, diagnostic: Diagnostic) -> None:
        if not self.full:
            self.diagnostics.append(diagnostic)

    def change(self, path: Path, message: str) -> None:
        self.changes.append(Change(join(path), message))

    def message(self, value: Any, spec: MessageSpec, path: Path, depth: int) -> _Walk:
        if not isinstance(value, dict):
            return value
        self.messages += 1
        if depth > self.max_depth:
            self.report(
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
        order: list[str] = []  # the keys kept, in the written order, as they are named now
        for key, item in value.items():
            spec_field = spec.lookup.get(key)
            if spec_field is None:
                self.unknown(key, spec, path)
                if self.reorder:
                    unknown[key] = item
                else:
                    out[key] = item
                order.append(key)
                continue
            name = spec_field.spelling(self.style)
            if name in written:
                self.report(
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
                self.change(
                    (*path, key), f"removed null {key!r} (null means absent in proto3 JSON)"
                )
                continue
            order.append(name)
            if spec_field.message is not None:
                out[name] = yield from self.nested(item, spec_field, (*path, key), depth)
            else:
                out[name] = self.plain(item, spec_field, (*path, key))
        if self.reorder:
            ordered = {
                n: out[n] for f in spec.fields.values() if (n := f.spelling(self.style)) in out
            }
            ordered.update(unknown)
            if list(ordered) != order:
                self.change(path, f"put the fields of {spec.name} in the documented order")
            out = ordered
        return out

    def unknown(self, key: str, spec: MessageSpec, path: Path) -> None:
        if self.full:
            return
        rule = UNKNOWN_FIELD if self.wire.strict else UNKNOWN_RESPONSE_FIELD
        hint = suggest(key, spec, self.wire)
        verdict = (
            "the API refuses unknown fields"
            if self.wire.strict
            else "newer than this schema, or not from the Gemini API"
        )
        self.report(
            rule.diagnostic(
                f"unknown field {key!r} in {spec.name} ({verdict}){hint}", join((*path, key))
            )
        )

    def nested(self, value: Any, spec: FieldSpec, path: Path, depth: int) -> _Walk:
        """A field that holds messages: each one is yielded to :meth:`run`."""
        inner = self.wire.messages[spec.message or ""]
        if spec.holds is Holds.MAP:  # proto maps are never repeated
            if not isinstance(value, dict):
                return value
            out = {}
            for key, item in value.items():
                out[key] = yield (item, inner, (*path, key), depth + 1)
            return out
        if not spec.repeated:
            return (yield (value, inner, path, depth + 1))
        if isinstance(value, list):
            items = []
            for i, item in enumerate(value):
                items.append((yield (item, inner, (*path, i), depth + 1)))
            return items
        if not isinstance(value, dict):
            return value  # neither a list nor one element of it: the schema says what is wrong
        self.change(path, _WRAPPED)
        return [(yield (value, inner, path, depth + 1))]

    def plain(self, value: Any, spec: FieldSpec, path: Path) -> Any:
        """A field that holds no message (enum, scalar or user data)."""
        if not spec.repeated:
            return self.element(value, spec, path)
        if isinstance(value, list):
            return [self.element(item, spec, (*path, i)) for i, item in enumerate(value)]
        if not _fits(value, spec):
            return value  # neither a list nor one element of it: the schema says what is wrong
        self.change(path, _WRAPPED)
        return [self.element(value, spec, path)]

    def element(self, value: Any, spec: FieldSpec, path: Path) -> Any:
        if spec.holds is Holds.ENUM:
            return self.enum(value, spec, path)
        if spec.holds is Holds.SCALAR:
            return self.scalar(value, spec, path)
        return value  # user data

    def enum(self, value: Any, spec: FieldSpec, path: Path) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(spec.enum):
            name = spec.enum[value]
            self.change(path, f"enum number {value} written as its name {name!r}")
            return name
        if isinstance(value, str) and value not in spec.enum and value.upper() in spec.enum:
            self.change(path, f"enum value {value!r} written as {value.upper()!r}")
            return value.upper()
        return value

    def scalar(self, value: Any, spec: FieldSpec, path: Path) -> Any:
        kind = spec.scalar
        if kind == "int64":
            # Out of range stays a number, so the schema's range check still sees it.
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and INT64_MIN <= value <= INT64_MAX
            ):
                self.change(path, "int64 written as a decimal string (proto3 JSON)")
                return str(value)
            return value
        if (
            isinstance(value, str)
            and kind in ("integer", "number")
            and len(value) <= _MAX_NUMBER_TEXT
        ):
            number: int | float
            if _INTEGER.match(value):
                number = int(value)
            elif kind == "number" and _NUMBER.match(value) and math.isfinite(float(value)):
                number = float(value)
            else:
                return value
            self.change(path, f"number given as the string {value!r} written as a number")
            return number
        return value


_WRAPPED = "wrapped a single value in a list (the field is repeated)"

_MAX_NUMBER_TEXT = 400
"""Longer numeric strings are left as strings (no such number fits a proto3 number field)."""


def _fits(value: Any, spec: FieldSpec) -> bool:
    """Whether a non-list ``value`` has the shape of one element of the repeated ``spec``."""
    holds = spec.holds
    if holds is Holds.MAP:
        return isinstance(value, dict)
    if holds is Holds.ENUM:
        return isinstance(value, str | int) and not isinstance(value, bool)
    if holds is Holds.SCALAR:
        return isinstance(value, str | int | float)
    return True


_UNCHANGED_BY_SPELLING = frozenset(
    {
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "format",
        "minItems",
        "maxItems",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "required",
    }
)
"""Schema keywords whose failure no respelling of the document can change."""


def may_respell(error: SchemaError) -> bool:
    """Whether canonicalising might change what schema ``error`` (found in the document as
    written) is about, so that only the canonical document's errors can be trusted.

    Unknown fields (snake_case names), enum values (numbers, lower case), a single value where
    a list is documented, ``null``, int64 numbers and numbers in strings are all respelt; a
    range, length, pattern or required field failure, or a value of the wrong type that none of
    those rewrites touches, is the same in both documents.
    """
    if error.keyword == "type":
        value, expected = error.instance, error.expected
        if "array" in expected or value is None:
            return True  # wrapped in a list, or dropped as absent
        if isinstance(value, bool | dict | list):
            return False
        return not isinstance(value, str) or _NUMBER.match(value) is not None
    return error.keyword not in _UNCHANGED_BY_SPELLING


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


def original_path(
    document: Any, canonical: Sequence[str | int], wire: WireMap
) -> tuple[str | int, ...]:
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
    """The key as written for canonical field ``name``: the first spelling of it in ``node``,
    which is the one the walk kept when a field was given twice (GS106)."""
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
