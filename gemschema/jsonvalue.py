"""What counts as a JSON value: checking documents given as Python objects, not as text.

Text has been through the parser, which guarantees JSON. A document handed over as Python
objects can hold anything: NaN, non-string keys, sets, lone surrogates, nesting deeper than any
parser allows. :func:`as_json` finds all of that (fast when there is nothing to find).
"""

from __future__ import annotations

import marshal
import math
from typing import TYPE_CHECKING, Any

import orjson

from gemschema.diagnostics import Diagnostic
from gemschema.jsonwrite import has_lone_surrogate
from gemschema.pointer import join
from gemschema.rules.catalog import RULES

if TYPE_CHECKING:
    from gemschema.jsonwrite import NumberTexts

NOT_JSON_CODES = frozenset({"GS002", "GS004", "GS006", "GS103"})
"""The codes :func:`not_json` reports."""

ORJSON_DUMPS_DEPTH = 254
"""orjson.dumps refuses deeper nesting, so a document it writes is at most this deep."""


def as_json(value: Any, *, max_depth: int) -> tuple[Any, list[Diagnostic]]:
    """``value`` as plain JSON types, and everything in it that is not JSON (:func:`not_json`).

    The first is ``value`` itself unless it holds tuples (read as arrays): then a copy with
    lists, so that no later step hands orjson a tuple (orjson does not count tuples against its
    depth limit, and deep enough nesting of them overflows the C stack).

    The common case costs one ``marshal.dumps``, one ``orjson.dumps`` and one ``orjson.loads``:
    marshal refuses every type but the builtins and nesting deeper than 2,000 levels, without
    overflowing; orjson refuses non-string keys, lone surrogates, integers beyond 64 bits and
    nesting deeper than 254 lists and objects, and writes NaN and infinity as null, which the
    round trip's comparison catches (a tuple comes back a list: unequal). Anything odd gets the
    precise walk.
    """
    if max_depth >= ORJSON_DUMPS_DEPTH:
        try:
            marshal.dumps(value)
            if orjson.loads(orjson.dumps(value)) == value:
                return value, []
        except (orjson.JSONEncodeError, orjson.JSONDecodeError, TypeError, ValueError):
            pass
    found = not_json(value, max_depth=max_depth)
    return (value if found else _without_tuples(value)), found


def _without_tuples(value: Any) -> Any:
    """``value`` with every tuple a list (a copy, made iteratively, when it holds any)."""
    if not _holds_tuple(value):
        return value
    root: list[Any] = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]  # (container in the copy, key of a child to copy)
    while stack:
        parent, key = stack.pop()
        item = parent[key]
        if isinstance(item, dict):
            copy: Any = dict(item)
            stack.extend((copy, k) for k in copy)
        elif isinstance(item, list | tuple):
            copy = list(item)
            stack.extend((copy, i) for i in range(len(copy)))
        else:
            continue
        parent[key] = copy
    return root[0]


def _holds_tuple(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


MAX_FINDINGS = 100
""":func:`not_json` stops after this many findings."""


def not_json(value: Any, *, max_depth: int, numbers: NumberTexts | None = None) -> list[Diagnostic]:
    """What in a parsed document cannot be written as JSON: objects and arrays nested deeper
    than ``max_depth`` (GS004, counted as the parser counts: ``[]`` is depth 1), NaN and
    infinity (GS006, unless ``numbers`` keeps the text they were written as), lone surrogates
    in strings and keys (GS002), keys that are not strings and values that are not JSON
    (GS103). Walks without recursion; stops after :data:`MAX_FINDINGS`."""
    found: list[Diagnostic] = []
    # Containers still to look into: (container, where, depth); where is (parent's where, key).
    stack: list[tuple[Any, Any, int]] = []

    def visit(item: Any, where: Any, depth: int) -> None:
        kind = type(item)
        if kind is str:
            if has_lone_surrogate(item):
                found.append(_not_json("GS002", where, "the string holds a lone surrogate"))
        elif isinstance(item, dict | list | tuple):
            stack.append((item, where, depth + 1))
        elif isinstance(item, float):
            if not math.isfinite(item) and (numbers is None or numbers.get(item) is None):
                found.append(_not_json("GS006", where, f"{item!r} is not a JSON number"))
        elif item is not None and not isinstance(item, int | str):  # a bool is an int
            found.append(_not_json("GS103", where, f"a {kind.__name__} is not a JSON value"))

    visit(value, None, 0)
    while stack and len(found) < MAX_FINDINGS:
        item, where, depth = stack.pop()
        if depth > max_depth:
            found.append(_not_json("GS004", where, f"nested deeper than {max_depth} levels"))
        elif isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    found.append(_not_json("GS103", where, f"the key {key!r} is not a string"))
                elif has_lone_surrogate(key):
                    found.append(
                        _not_json("GS002", (where, key), f"the key {key!r} holds a lone surrogate")
                    )
                else:
                    visit(child, (where, key), depth)
        else:
            for index, child in enumerate(item):
                visit(child, (where, index), depth)
    return found


def _not_json(code: str, where: Any, problem: str) -> Diagnostic:
    path: list[str | int] = []
    while where is not None:
        where, key = where
        path.append(key)
    pointer = join(reversed(path))
    return RULES[code].diagnostic(f"{problem}: it cannot be written as JSON", pointer)
