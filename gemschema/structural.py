"""The schema-fed structural pass: the committed JSON Schemas, compiled once, run per document.

Two backends check the same schema files: ``jsonschema-rs`` (fast, the default) and the
``jsonschema`` package (the reference). Both report :class:`SchemaError` tuples that become
identical diagnostics, so a test can prove the fast path agrees with the reference.
"""

from __future__ import annotations

import copy
import difflib
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from gemschema.diagnostics import MAX_FINDINGS, Diagnostic, Severity
from gemschema.pointer import join, split
from gemschema.rules.structure import (
    INVALID_ENUM,
    INVALID_FORMAT,
    MISSING_FIELD,
    OUT_OF_RANGE,
    SCHEMA_CONSTRAINT,
    WRONG_TYPE,
)
from gemschema.schemastore import load_schema

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class SchemaError:
    """A backend-neutral schema violation: keyword, where, the value, what was expected."""

    keyword: str
    path: Path
    instance: Any
    expected: Any


class Backend(Protocol):
    """A compiled validator for one schema."""

    def is_valid(self, document: Any) -> bool: ...

    def errors(self, document: Any, *, few: bool = False) -> Iterator[SchemaError]:
        """Every violation; ``few``: the document has at most :data:`FEW_VALUES` values."""
        ...


class RustBackend:
    """``jsonschema-rs`` over the committed schema."""

    def __init__(self, schema: dict[str, Any]) -> None:
        import jsonschema_rs

        self._schema = schema
        self._validator = jsonschema_rs.validator_for(schema)

    def is_valid(self, document: Any) -> bool:
        return bool(self._validator.is_valid(document))

    def errors(self, document: Any, *, few: bool = False) -> Iterator[SchemaError]:
        # ``evaluate`` reports every error as plain strings, in bulk and without handing values
        # back to Python, but its cost grows with the whole document; ``iter_errors`` costs
        # little per document and much per error (a Python object each, built eagerly), so it
        # serves documents with few values. Neither returns a value nested deeper than ~254
        # levels. The value and what was expected are read from the document and the schema
        # at the two locations each error gives.
        located: list[tuple[Sequence[str | int], Sequence[str | int]]] = []
        try:
            if few:
                located = [
                    (error.schema_path, error.instance_path)
                    for error in self._validator.iter_errors(document)
                ]
            if not few or any(_through_empty_key(document, path) for _, path in located):
                # iter_errors (jsonschema-rs 0.61) leaves "" out of the paths it gives
                located = [
                    (
                        split(_fragment(error["schemaLocation"])),
                        split(error["instanceLocation"]),
                    )
                    for error in self._validator.evaluate(document).errors()[: MAX_FINDINGS + 1]
                ]
        except ValueError:  # a value nested deeper than jsonschema-rs converts (~254 levels)
            yield from ReferenceBackend(self._schema).errors(document)
            return
        for schema_path, instance_path in located:
            *where, last = schema_path
            keyword = str(last)
            node = _resolve_schema(self._schema, where)
            path, instance = _resolve_instance(document, instance_path)
            expected = node.get(keyword) if isinstance(node, dict) else None
            if keyword == "type" and isinstance(expected, str):
                expected = [expected]
            elif keyword == "required" and isinstance(instance, dict):
                expected = [p for p in expected or () if p not in instance]
            yield SchemaError(keyword, path, instance, expected)


def _fragment(location: str) -> str:
    """The JSON Pointer part of a schema location (``urn:…#/a/b`` or, with no ``$id``, ``/a/b``)."""
    return location if location.startswith("/") or not location else location.partition("#")[2]


def _through_empty_key(document: Any, segments: Sequence[str | int]) -> bool:
    """Whether an object named ``""`` hangs off the way ``segments`` lead through ``document``
    (so a path that lost a ``""`` segment may have been meant): walking a path that lost one
    passes the object that holds it, because the segments before it are intact."""
    node = document
    for seg in segments:
        if isinstance(node, dict):
            if "" in node:
                return True
            node = node.get(str(seg))
        elif isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node):
            node = node[seg]
        else:
            return True  # does not resolve: do not trust it
    return isinstance(node, dict) and "" in node


def _resolve_schema(schema: dict[str, Any], segments: Sequence[str | int]) -> Any:
    node: Any = schema
    for seg in segments:
        node = node[int(seg)] if isinstance(node, list) else node.get(str(seg), {})
    return node


def _resolve_instance(document: Any, segments: Sequence[str | int]) -> tuple[Path, Any]:
    path: list[str | int] = []
    node = document
    for seg in segments:
        if isinstance(node, list):
            path.append(int(seg))
            node = node[int(seg)]
        else:  # iter_errors gives a key that reads as a number as an int: "0" → 0
            path.append(str(seg))
            node = node[str(seg)]
    return tuple(path), node


class ReferenceBackend:
    """The ``jsonschema`` package over the committed schema: slow, the reference."""

    def __init__(self, schema: dict[str, Any]) -> None:
        import jsonschema

        self._validator = jsonschema.Draft202012Validator(schema)

    def is_valid(self, document: Any) -> bool:
        return bool(self._validator.is_valid(document))

    def errors(self, document: Any, *, few: bool = False) -> Iterator[SchemaError]:
        for error in self._validator.iter_errors(document):
            expected = error.validator_value
            if error.validator == "required":
                expected = [p for p in expected if p not in error.instance]
            elif error.validator == "type" and isinstance(expected, str):
                expected = [expected]
            yield SchemaError(
                str(error.validator), tuple(error.absolute_path), error.instance, expected
            )


FEW_VALUES = 2_000
"""Documents with at most this many values get their errors from jsonschema-rs's
``iter_errors``, bigger ones from its ``evaluate`` (see :meth:`RustBackend.errors`)."""

LAZY_FROM = 50_000
"""Documents with more messages than this are checked by the reference backend, which yields
errors lazily: jsonschema-rs builds every error of a document at once, and a document of a
million wrong parts would make a million of them before the first :data:`MAX_FINDINGS`."""

BACKENDS: dict[str, type[RustBackend] | type[ReferenceBackend]] = {
    "rs": RustBackend,
    "reference": ReferenceBackend,
}


def closed(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with every message type closed to unknown fields (free-form values stay open).

    A response schema allows unknown fields; validating against its closed twin first tells
    in one fast call whether a response has none, so the common case needs no walk.
    """
    out = copy.deepcopy(schema)
    for node in [out, *out.get("$defs", {}).values()]:
        if "properties" in node:
            node["additionalProperties"] = False
    return out


@functools.cache
def compiled(
    api_version: str, type_name: str, backend: str = "rs", *, closed_: bool = False
) -> Backend:
    """The compiled validator of a committed schema (once per process)."""
    schema = load_schema(api_version, type_name)
    return BACKENDS[backend](closed(schema) if closed_ else schema)


def check(
    document: Any, api_version: str, type_name: str, backend: str = "rs", *, output: bool = False
) -> list[Diagnostic]:
    """Every structural diagnostic of a canonical ``document`` (pointers into it).

    ``output`` documents (responses) grade an unknown enum value as a warning: servers add
    values over time (a new ``finishReason``), and clients must not break on them.
    """
    return diagnostics(compiled(api_version, type_name, backend).errors(document), output=output)


def diagnostics(errors: Iterable[SchemaError], *, output: bool = False) -> list[Diagnostic]:
    """The diagnostics of the first :data:`MAX_FINDINGS` schema errors, without repeats."""
    found: dict[tuple[str, str, str], Diagnostic] = {}
    for error in itertools.islice(errors, MAX_FINDINGS + 1):
        for diagnostic in diagnose(error, output=output):
            found.setdefault((diagnostic.code, diagnostic.pointer, diagnostic.message), diagnostic)
    return list(found.values())


_DIGITS = re.compile(r"-?[0-9]+\Z")
"""An integer written as a decimal string: a pattern failure on it is a range failure (int64)."""

_TYPE_NAMES = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
}
_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "a boolean",
    type(None): "null",
}


def json_type(value: Any) -> str:
    """How JSON would name the type of ``value`` (``"an object"``, ``"a number"`` …)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def dotted(path: Path) -> str:
    """``("contents", 0, "parts")`` → ``contents[0].parts`` for messages."""
    text = ""
    for seg in path:
        text += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if text else str(seg))
    return text or "the document"


def diagnose(error: SchemaError, *, output: bool = False) -> Iterator[Diagnostic]:
    """The diagnostics for one schema violation (``additionalProperties`` is the walk's job)."""
    where = dotted(error.path)
    pointer = join(error.path)
    keyword = error.keyword
    if keyword == "additionalProperties":
        return
    if keyword == "type":
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in error.expected)
        yield WRONG_TYPE.diagnostic(
            f"{where} is {json_type(error.instance)}; expected {wanted}", pointer
        )
    elif keyword == "required":
        for name in error.expected:
            yield MISSING_FIELD.diagnostic(
                f"{where} lacks the required field {name!r}: add it", pointer
            )
    elif keyword == "enum":
        options = [str(o) for o in error.expected]
        close = difflib.get_close_matches(str(error.instance).upper(), options, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        shown = ", ".join(options) if len(options) <= 12 else ", ".join(options[:12]) + ", …"
        if output:
            yield INVALID_ENUM.diagnostic(
                f"{where} is {error.instance!r}, not one of {shown}{hint} (a value newer than this"
                " schema, or a server bug)",
                pointer,
                severity=Severity.WARNING,
            )
        else:
            yield INVALID_ENUM.diagnostic(
                f"{where} is {error.instance!r}, not one of {shown}{hint}", pointer
            )
    elif keyword in ("minimum", "maximum") and isinstance(error.instance, int):
        yield OUT_OF_RANGE.diagnostic(
            f"{where} is {error.instance}, outside the field's integer range ({keyword} {error.expected}): use a smaller value",
            pointer,
        )
    elif keyword == "pattern" and _DIGITS.match(str(error.instance)):
        yield OUT_OF_RANGE.diagnostic(
            f"{where} is {error.instance}, outside the int64 range: use a smaller value", pointer
        )
    elif keyword == "pattern":
        yield INVALID_FORMAT.diagnostic(
            f"{where} is {error.instance!r}, which does not have the documented form {error.expected!r}",
            pointer,
        )
    else:
        yield SCHEMA_CONSTRAINT.diagnostic(
            f"{where} breaks the schema keyword {keyword!r} ({error.expected!r})", pointer
        )
