"""Exact JSON: parse keeping every number's text, serialise without recursion.

Normalisation must not change a value the user wrote: ``1.0`` stays ``1.0``, ``1.10`` stays
``1.10``, ``1E+2`` stays ``1E+2``, a 30-digit integer stays that integer (orjson turns integers
beyond 64 bits into floats), and unicode and key order are kept.

The document itself holds plain ``int``/``float``/``str``/``list``/``dict`` values, so it can be
handed to any validator or encoder (``jsonschema-rs`` and ``orjson`` refuse subclasses of
``float``). The text of each number whose default rendering would differ from what was written
is kept beside it, in a :class:`NumberTexts` table keyed by the number object's identity; the
table holds a reference to each object, so an identity is never reused while it is recorded.
:func:`dumps` consults the table; a number that is not in it (a value computed or copied after
parsing) is written the way :func:`json.dumps` writes it.

:func:`dumps` walks with an explicit stack, so documents of any depth serialise (``orjson.dumps``
refuses more than 254 levels and :func:`json.dumps` recurses). Without a table, its output is
exactly that of ``json.dumps(value, indent=indent, separators=separators, ensure_ascii=False)``.
"""

from __future__ import annotations

import json
import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["NumberTexts", "dumps", "has_lone_surrogate", "loads", "string"]


class NumberTexts:
    """The written text of parsed numbers whose default rendering would differ from it."""

    __slots__ = ("_texts",)

    def __init__(self) -> None:
        self._texts: dict[int, tuple[object, str]] = {}

    def __len__(self) -> int:
        return len(self._texts)

    def record(self, value: object, text: str) -> None:
        """Remember that ``value`` (this very object) was written as ``text``."""
        self._texts[id(value)] = (value, text)

    def get(self, value: object) -> str | None:
        """The text ``value`` was written as, or ``None`` when it was not recorded."""
        entry = self._texts.get(id(value))
        return entry[1] if entry is not None and entry[0] is value else None


def loads(text: str) -> tuple[Any, NumberTexts]:
    """Parse JSON ``text`` into plain values and the table of number texts to keep.

    Meant for text that :func:`gemschema.jsontext.parse` has accepted (duplicate keys, encoding
    and syntax are its diagnostics); this parse only keeps values exact. ``NaN`` and
    ``Infinity`` are refused (``ValueError``), as JSON has no such numbers; a document nested
    deeper than the interpreter's recursion limit raises ``RecursionError``.
    """
    numbers = NumberTexts()

    def parse_float(token: str) -> float:
        value = float(token)
        if not math.isfinite(value) or float.__repr__(value) != token:
            numbers.record(value, token)
        return value

    def parse_int(token: str) -> int | float:
        if token == "-0":
            zero = -0.0  # the only integer text int() cannot keep; -0.0 is the same JSON number
            numbers.record(zero, token)
            return zero
        if len(token) <= _INT_DIGITS:
            return int(token)
        value = _big_int(token)
        numbers.record(value, token)
        return value

    def refuse(token: str) -> Any:
        raise ValueError(f"{token} is not a JSON number")

    value = json.loads(text, parse_float=parse_float, parse_int=parse_int, parse_constant=refuse)
    return value, numbers


_INT_DIGITS = 4000
"""Longer integer texts are converted piecewise (``int(str)`` is capped at 4300 digits)."""


def _big_int(token: str) -> int:
    digits = token.lstrip("-")
    value = 0
    for start in range(0, len(digits), _INT_DIGITS):
        chunk = digits[start : start + _INT_DIGITS]
        value = value * 10 ** len(chunk) + int(chunk)
    return -value if token.startswith("-") else value


_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(value: str) -> bool:
    """Whether ``value`` holds half of a surrogate pair (no character; not encodable as UTF-8)."""
    return _SURROGATE.search(value) is not None


def string(value: str) -> str:
    """A JSON string literal: non-ASCII kept as is, lone surrogates escaped (``\\udXXX``)."""
    out = json.dumps(value, ensure_ascii=False)
    if _SURROGATE.search(out):
        out = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    return out


def _scalar(value: Any, numbers: NumberTexts | None) -> str:
    if isinstance(value, str):
        return string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        text = numbers.get(value) if numbers is not None else None
        if text is not None:
            return text
        if isinstance(value, int):
            return _int_text(value)
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a JSON number")
        return float.__repr__(value)
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def _int_text(value: int) -> str:
    try:
        return int.__repr__(value)
    except ValueError:  # more digits than int.__repr__ may write (sys.get_int_max_str_digits)
        pass
    chunks: list[str] = []
    rest = abs(value)
    while rest:
        rest, chunk = divmod(rest, _CHUNK)
        chunks.append(f"{chunk:0{_INT_DIGITS}d}")
    return ("-" if value < 0 else "") + "".join(reversed(chunks)).lstrip("0")


_CHUNK = 10**_INT_DIGITS


def dumps(
    value: Any,
    *,
    indent: int | str | None = None,
    separators: tuple[str, str] | None = None,
    numbers: NumberTexts | None = None,
) -> str:
    """Serialise ``value`` as JSON text, writing recorded numbers as they were written.

    ``indent`` and ``separators`` mean what they mean for :func:`json.dumps` (``None`` is one
    line); non-ASCII characters are written as themselves. Dictionary keys must be strings.
    """
    if isinstance(indent, int):
        indent = " " * indent
    item_sep, key_sep = separators or ((", ", ": ") if indent is None else (",", ": "))
    parts: list[str] = []
    # Each open container: its remaining items, whether it is an object, whether one was written.
    stack: list[tuple[Iterator[Any], bool, list[bool]]] = []
    current = value
    while True:
        if isinstance(current, dict) and current:
            parts.append("{")
            stack.append((iter(current.items()), True, [False]))
        elif isinstance(current, list | tuple) and current:
            parts.append("[")
            stack.append((iter(current), False, [False]))
        elif isinstance(current, dict):
            parts.append("{}")
        elif isinstance(current, list | tuple):
            parts.append("[]")
        else:
            parts.append(_scalar(current, numbers))
        while stack:
            items, is_object, started = stack[-1]
            item: Any = next(items, _END)
            if item is _END:
                stack.pop()
                if indent is not None:
                    parts.append("\n" + indent * len(stack))
                parts.append("}" if is_object else "]")
                continue
            if started[0]:
                parts.append(item_sep)
            started[0] = True
            if indent is not None:
                parts.append("\n" + indent * len(stack))
            if is_object:
                key, current = item
                if not isinstance(key, str):
                    raise TypeError(f"object keys must be strings, not {type(key).__name__}")
                parts.append(string(key))
                parts.append(key_sep)
            else:
                current = item
            break
        else:
            return "".join(parts)


_END = object()
