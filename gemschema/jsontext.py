"""JSON text to a document, or to diagnostics with line and column; JSON Pointers to positions.

What is JSON here: RFC 8259 text, one value of any type surrounded by optional whitespace
(space, tab, LF, CR). ``bytes`` must be UTF-8; a ``str`` is taken as already decoded. Anything
else is refused with a diagnostic instead of an exception:

* GS001 ``json-syntax``: comments, trailing commas, single quotes, unquoted keys, ``NaN`` /
  ``Infinity`` / ``-Infinity``, Python literals, control characters or bad escapes in strings,
  leading zeros / ``+`` / hex / incomplete numbers, content after the document, truncation.
* GS002 ``json-encoding``: bytes that are not UTF-8 (including UTF-16/UTF-32 text), lone
  surrogates, whether escaped (``"\\ud800"``) or raw in a ``str``.
* GS003 ``json-duplicate-key``, GS004 ``json-too-deep`` (more than ``max_depth`` nested
  containers, default 512, never more than orjson's 1024), GS006 ``json-number-precision``
  (integers outside the signed/unsigned 64-bit range, numbers that overflow a double). The
  document is still returned when the text itself parses.
* GS005 ``json-bom`` (warning): a leading UTF-8 byte order mark is ignored, as RFC 8259 §8.1
  allows.

Not reported: integers between 2**53 and 2**64 (exact here, inexact in JavaScript), numbers that
underflow to zero (``1e-400``), non-characters such as U+FFFF.

Positions are 1-based. Columns count characters (code points), not bytes; lines are separated by
LF (a CR before it is the last character of its line); a byte order mark is not counted.

Speed: :func:`parse` costs one ``orjson.loads`` plus, on the valid path, an ``orjson.dumps`` of
the result and at most a few C-speed passes over the bytes (see :func:`_check`). Only
when those cheap invariants cannot rule out a duplicate key, an out-of-range integer or excessive
depth, and on invalid text, does a pure-Python scanner walk the text. Everything is iterative:
time and memory are linear in the size of the text, whatever its depth.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import orjson

from gemschema.errors import UsageError
from gemschema.rules.json_text import (
    JSON_BOM,
    JSON_DUPLICATE_KEY,
    JSON_ENCODING,
    JSON_NUMBER_PRECISION,
    JSON_SYNTAX,
    JSON_TOO_DEEP,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from gemschema.diagnostics import Diagnostic
    from gemschema.rules.catalog import Rule

    _Where = Callable[[int], tuple[int, int]]
    _Message = Callable[[_Where], str]
    _Explained = tuple[Rule, int, _Message, tuple[int, ...]]

__all__ = ["DEFAULT_MAX_DEPTH", "ORJSON_MAX_DEPTH", "Parsed", "locate", "parse"]

DEFAULT_MAX_DEPTH: Final = 512
"""Default limit on nested containers (``[]`` is depth 1) for :func:`parse`."""

ORJSON_MAX_DEPTH: Final = 1024
"""orjson refuses text nested deeper than this; ``max_depth`` cannot usefully exceed it."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """The result of :func:`parse`.

    ``value`` is the document whenever the text is syntactically JSON (also when it carries
    GS003/GS004/GS006 errors), else ``None``. ``text`` is the decoded text without a byte order
    mark (what positions refer to and what :func:`locate` wants), ``None`` when the bytes are not
    UTF-8.
    """

    value: Any
    diagnostics: tuple[Diagnostic, ...]
    source: str | bytes | None
    """The text, or its UTF-8 bytes (decoded only when :attr:`text` is read: most documents
    have no diagnostic to place)."""
    compact: bool = False
    """The text is exactly what ``orjson.dumps(value)`` writes (perhaps with a final newline)."""

    def locate(self, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
        """:func:`locate` in this text; compact text is measured, not scanned."""
        if self.compact and self.source is not None:
            return locate_compact(self.value, self.source, pointers)
        text = self.text
        return {} if text is None else locate(text, pointers)

    @property
    def text(self) -> str | None:
        """The text without a byte order mark; ``None`` when the bytes are not UTF-8."""
        source = self.source
        return source.decode("utf-8") if isinstance(source, bytes) else source

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error (a GS005 warning is fine)."""
        return not any(d.is_error for d in self.diagnostics)


# --------------------------------------------------------------------------------------------
# parse


def parse(data: str | bytes, *, max_depth: int = DEFAULT_MAX_DEPTH) -> Parsed:
    """Parse JSON ``data`` (UTF-8 ``bytes`` or a ``str``) into a :class:`Parsed`.

    Never raises for bad text: every problem becomes a diagnostic with line and column.
    ``max_depth`` limits nesting (GS004); values above 1024 act as 1024, orjson's own limit.
    """
    if type(max_depth) is not int or max_depth < 1:  # bool is refused too
        raise UsageError(f"max_depth must be a positive integer, not {max_depth!r}")
    limit = max_depth if max_depth < ORJSON_MAX_DEPTH else ORJSON_MAX_DEPTH
    pre: list[Diagnostic] = []
    source: str | bytes
    if isinstance(data, str):
        source = data
        if source[:1] == "\ufeff":
            source = source[1:]
            pre.append(_bom_warning())
    elif isinstance(data, bytes | bytearray | memoryview):
        source = data if type(data) is bytes else bytes(data)
        if source[:3] == _BOM_UTF8:
            source = source[3:]
            pre.append(_bom_warning())
    else:
        raise UsageError(f"parse() takes str or bytes, not {type(data).__name__}")

    try:
        value = orjson.loads(source)
    except orjson.JSONDecodeError as exc:
        return _explain_failure(source, exc, limit, pre)

    verdict = _check(source, value, limit)
    if verdict == _SCAN:
        text = source if isinstance(source, str) else source.decode("utf-8")  # orjson checked it
        found = _Scanner(text, limit).run()
        pre.extend(d for d in found if d.code in _PARSEABLE_CODES)
        return Parsed(value, tuple(pre), text)
    return Parsed(value, tuple(pre), source, compact=verdict == _COMPACT)


_BOM_UTF8: Final = codecs.BOM_UTF8


_PARSEABLE_CODES: Final = frozenset(
    {JSON_DUPLICATE_KEY.code, JSON_TOO_DEEP.code, JSON_NUMBER_PRECISION.code}
)


def _bom_warning() -> Diagnostic:
    return JSON_BOM.diagnostic(
        "the text starts with a UTF-8 byte order mark (EF BB BF); it was ignored, but many "
        'parsers reject it: save the file as plain UTF-8 ("without BOM")'
    ).at(1, 1)


# --------------------------------------------------------------------------------------------
# The valid path: cheap invariants that rule out what orjson does not report.
#
# orjson keeps the last of duplicate keys and turns integers beyond 64 bits into floats without a
# word. Both, and excessive depth, are ruled out here without a Python-level pass over the text:
#
# * Re-serialise the result with orjson.dumps in the text's apparent style (compact, or
#   indented by 2 as orjson, JSON.stringify and json.dumps(indent=2) write it). If that equals
#   the text byte for byte, nothing can be wrong: a dict has no duplicates, and a float is never
#   written as a bare integer. This is the common case for machine-written requests.
# * Otherwise count colons. Every ':' in valid JSON text is a key separator or inside a string,
#       colons(text) + escaped colons(text) == keys + colons inside strings == colons(dumps)
#   exactly when nothing was dropped: a duplicate drops at least its own separator, so the text
#   side can only be larger. Escapes are \\u003a / \\u003A (an over-count, from an escaped
#   backslash followed by "u003a", only costs a needless precise scan, never a miss).
# * An integer literal beyond 64 bits has at least 19 digits and becomes a float >= 9.2e18 in
#   magnitude, which dumps writes as "e+18" or more. Only when the result holds such a float
#   and the text has a run of 19 digits is the text scanned.
# * orjson.dumps refuses to nest deeper than a fixed limit (254 in orjson 3.x, probed at import),
#   so a successful dumps proves the depth is at most that; otherwise the result is walked.
#
# bytes.count runs at about the speed of orjson.loads itself (~4 GB/s), so big texts are counted
# in windows that start where memchr finds the next colon: a 1 MB base64 string costs ~20 us.
# A regex runs at about 3 GB/s; the search for a float is a walk over the result instead when
# that has few items for its size (base64 data).


_WINDOW: Final = 1 << 16
_BIG_FLOAT_RX: Final = re.compile(rb"e\+(?:1[89]|[2-9][0-9]|[0-9]{3})(?:[,\]}\n]|\Z)")
_ESCAPED_COLON_RX: Final = re.compile(rb"\\u003[aA]")
_DIGIT_MAP: Final = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_DIGITS_19: Final = b"0" * 19
_HUGE: Final = 9.2e18  # below 2**63: every float an out-of-range integer becomes is at least this


_SCAN, _CLEAN, _COMPACT = 0, 1, 2
"""Verdicts of :func:`_check`."""


def _check(source: str | bytes, value: Any, limit: int) -> int:
    """``_SCAN`` unless cheap invariants prove ``source`` has no duplicate key, no integer beyond
    64 bits and no nesting deeper than ``limit`` (``value`` is ``orjson.loads(source)``);
    ``_COMPACT`` when the text is moreover what ``orjson.dumps(value)`` writes (perhaps with a
    final newline), ``_CLEAN`` otherwise."""
    body = source if isinstance(source, bytes) else source.encode("utf-8")
    option = _orjson_style(body)
    try:
        canon = orjson.dumps(value, option=option)
    except orjson.JSONEncodeError:  # nested deeper than orjson.dumps allows
        depth, expected, huge = _walk(value)
        if depth > limit or _text_colons(body) != expected or (huge and _has_long_digit_run(body)):
            return _SCAN
        return _CLEAN
    if limit < _PROVEN_DEPTH and _walk(value)[0] > limit:
        return _SCAN
    if canon == body:
        return _CLEAN if option & orjson.OPT_INDENT_2 else _COMPACT
    if _text_colons(body) != _count(canon, b":"):
        return _SCAN
    plus = canon.find(b"+")
    if plus < 0:  # no float >= 1e16
        return _CLEAN
    walked = _has_huge_float(value, budget=len(canon) >> 8)
    huge = walked if walked is not None else _BIG_FLOAT_RX.search(canon, plus - 1) is not None
    return _SCAN if huge and _has_long_digit_run(body) else _CLEAN


def values_estimate(text: str | bytes) -> int:
    """About how many values JSON ``text`` holds: one per comma, plus one. For choosing between
    strategies of equal results, never for a verdict."""
    return _count(text, b",") + 1 if isinstance(text, bytes) else text.count(",") + 1


def _orjson_style(body: bytes) -> int:
    """The orjson.dumps option that would reproduce ``body`` if orjson (or JSON.stringify, or
    json.dumps(indent=2, ensure_ascii=False)) wrote it: compact or indented by 2, final LF."""
    option = orjson.OPT_APPEND_NEWLINE if body.endswith(b"\n") else 0
    if body[1:2] == b"\n":
        option |= orjson.OPT_INDENT_2
    return option


def _count(buf: bytes, needle: bytes) -> int:
    """``buf.count(needle)``, skipping needle-free stretches of big buffers at memchr speed."""
    size = len(buf)
    if size <= _WINDOW:
        return buf.count(needle)
    first, overlap = needle[:1], len(needle) - 1
    total = start = 0
    while start < size:
        hit = buf.find(first, start)
        if hit < 0:
            break
        end = hit + _WINDOW
        total += buf.count(needle, hit, end + overlap)  # occurrences starting in [hit, end)
        start = end
    return total


def _text_colons(body: bytes) -> int:
    """Colons in the text, counting each ``\\u003a`` escape as one."""
    colons = _count(body, b":")
    size, hit = len(body), body.find(b"\\")
    while hit >= 0:  # look for an escaped colon only in windows that hold a backslash
        end = hit + _WINDOW
        if _ESCAPED_COLON_RX.search(body, hit, end + 5) is not None:
            return colons + _count(body, b"\\u003a") + _count(body, b"\\u003A")
        hit = body.find(b"\\", end) if end < size else -1
    return colons


def _has_long_digit_run(body: bytes) -> bool:
    return body.translate(_DIGIT_MAP).find(_DIGITS_19) >= 0


def _walk(value: Any) -> tuple[int, int, bool]:
    """Iteratively: (container depth, keys + colons in strings, whether a float is >= 9.2e18 in
    magnitude)."""
    deepest = expected = 0
    huge = False
    stack: list[tuple[Any, int]] = [([value], 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if type(node) is dict:
            expected += len(node)
            for key in node:
                if ":" in key:
                    expected += key.count(":")
            items: Iterable[Any] = node.values()
        else:
            items = node
        for item in items:
            kind = type(item)
            if kind is str:
                if ":" in item:
                    expected += item.count(":")
            elif kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is float and (item >= _HUGE or item <= -_HUGE):
                huge = True
    return deepest, expected, huge


def _has_huge_float(value: Any, budget: int) -> bool | None:
    """Whether the document holds a float >= 9.2e18 in magnitude (what a too big integer
    becomes); ``None`` when it has more than ``budget`` items."""
    stack: list[Any] = [[value]]
    while stack:
        node = stack.pop()
        budget -= len(node)
        if budget < 0:
            return None
        for item in node.values() if type(node) is dict else node:
            kind = type(item)
            if kind is dict or kind is list:
                stack.append(item)
            elif kind is float and (item >= _HUGE or item <= -_HUGE):
                return True
    return False


def _nested(depth: int) -> list[Any]:
    doc: list[Any] = []
    for _ in range(depth - 1):
        doc = [doc]
    return doc


def _probe_dumps_depth() -> int:
    """The depth a successful ``orjson.dumps`` proves (254 in orjson 3.x), else ``sys.maxsize``."""
    limit = 254
    for option in (0, orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE):
        try:
            orjson.dumps(_nested(limit), option=option)
        except orjson.JSONEncodeError:
            return sys.maxsize
        try:
            orjson.dumps(_nested(limit + 1), option=option)
        except orjson.JSONEncodeError:
            continue
        return sys.maxsize
    return limit


def _probe_loads_depth() -> int:
    """The depth a successful ``orjson.loads`` proves (1024), else ``sys.maxsize``."""
    deeper = ORJSON_MAX_DEPTH + 1
    try:
        orjson.loads("[" * deeper + "]" * deeper)
    except orjson.JSONDecodeError:
        return ORJSON_MAX_DEPTH
    return sys.maxsize


def _probe_pos_in_bytes() -> bool:
    """Whether orjson reports error positions in bytes (older versions) or characters."""
    try:
        orjson.loads('["\u00e9",]'.encode())
    except orjson.JSONDecodeError as exc:
        return bool(exc.pos == 6)
    return False


_DUMPS_DEPTH: Final = _probe_dumps_depth()
_LOADS_DEPTH: Final = _probe_loads_depth()
_POS_IN_BYTES: Final = _probe_pos_in_bytes()
_PROVEN_DEPTH: Final = min(_DUMPS_DEPTH, _LOADS_DEPTH)  # depth a successful loads + dumps proves


# --------------------------------------------------------------------------------------------
# The invalid path


def _explain_failure(
    source: str | bytes, exc: orjson.JSONDecodeError, limit: int, pre: list[Diagnostic]
) -> Parsed:
    if isinstance(source, str):
        text = source
        try:
            body = text.encode("utf-8")
        except UnicodeEncodeError as bad:
            return Parsed(None, (*pre, _raw_surrogate(text, bad.start)), text)
    else:
        body = source
        wide = _wide_encoding(body)
        if wide is not None:
            return Parsed(None, (*pre, wide), None)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as bad:
            return Parsed(None, (*pre, _invalid_utf8(body, bad)), None)
    scanner = _Scanner(text, limit)
    found = scanner.run()
    if not scanner.fatal:  # the scanner missed what orjson refused: report orjson's reason
        found.append(_from_orjson(exc, body, text))
    return Parsed(None, (*pre, *found), text)


_WIDE_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "UTF-16BE"),
)


def _wide_encoding(body: bytes) -> Diagnostic | None:
    """GS002 when ``body`` is UTF-16 or UTF-32 (by byte order mark or RFC 4627 §3 zero pattern)."""
    name = how = None
    for bom, bom_name in _WIDE_BOMS:
        if body.startswith(bom):
            name, how = bom_name, f"byte order mark {bom.hex(' ').upper()}"
            break
    else:
        head = body[:4]
        if len(head) == 4 and head[:3] == b"\0\0\0":
            name = "UTF-32BE"
        elif len(head) == 4 and head[1:] == b"\0\0\0":
            name = "UTF-32LE"
        elif len(head) >= 2 and head[0] == 0:
            name = "UTF-16BE"
        elif len(head) >= 2 and head[1] == 0:
            name = "UTF-16LE"
        how = "zero bytes between the characters"
    if name is None:
        return None
    return JSON_ENCODING.diagnostic(
        f"the text is {name}, not UTF-8 ({how}): JSON exchanged between systems must be "
        "UTF-8; re-encode the file as UTF-8"
    ).at(1, 1)


def _invalid_utf8(body: bytes, exc: UnicodeDecodeError) -> Diagnostic:
    start = exc.start
    line = body.count(b"\n", 0, start) + 1
    line_start = body.rfind(b"\n", 0, start) + 1
    column = len(body[line_start:start].decode("utf-8")) + 1
    bad = body[start : max(exc.end, start + 1)].hex(" ").upper()
    return JSON_ENCODING.diagnostic(
        f"bytes {bad} at line {line}, column {column} are not valid UTF-8 ({exc.reason}); the "
        "text must be UTF-8: re-encode the file (it may be Latin-1 or Windows-1252)"
    ).at(line, column)


def _raw_surrogate(text: str, index: int) -> Diagnostic:
    line, column = _positions(text, [index])[index]
    return JSON_ENCODING.diagnostic(
        f"the str holds a lone surrogate U+{ord(text[index]):04X} at line {line}, column "
        f"{column} (undecodable bytes smuggled in by errors='surrogateescape'?): it cannot be "
        "encoded as UTF-8; decode the input strictly"
    ).at(line, column)


def _from_orjson(exc: orjson.JSONDecodeError, body: bytes, text: str) -> Diagnostic:
    """Fallback when the scanner found nothing wrong: map orjson's own message.

    orjson always sees bytes here; whether its ``pos`` counts bytes or characters is probed at
    import (3.x reports characters).
    """
    offset = max(int(exc.pos), 0)
    if _POS_IN_BYTES:
        offset = len(body[:offset].decode("utf-8", "replace"))
    line, column = _positions(text, [offset])[offset]
    msg = str(exc.msg)
    where = f"at line {line}, column {column}"
    if "depth" in msg:
        rule = JSON_TOO_DEEP
        message = (
            f"nesting deeper than {ORJSON_MAX_DEPTH} levels {where}, orjson's hard limit: "
            "flatten the document"
        )
    elif "infinity" in msg:
        rule = JSON_NUMBER_PRECISION
        message = f"a number {where} overflows a double: write a smaller value or a string"
    elif "surrogate" in msg or "UTF-8" in msg:
        rule, message = JSON_ENCODING, f"{msg} {where}: the text must be valid UTF-8"
    else:
        rule, message = JSON_SYNTAX, f"not JSON {where}: {msg}"
    return rule.diagnostic(message).at(line, column)


# --------------------------------------------------------------------------------------------
# Positions


def _positions(text: str, offsets: Iterable[int]) -> dict[int, tuple[int, int]]:
    """1-based (line, column) of each character offset, in one forward pass."""
    out: dict[int, tuple[int, int]] = {}
    line, line_start, previous = 1, 0, 0
    for offset in sorted(set(offsets)):
        breaks = text.count("\n", previous, offset)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", previous, offset) + 1
        out[offset] = (line, offset - line_start + 1)
        previous = offset
    return out


# --------------------------------------------------------------------------------------------
# The tokenizer shared by the scanner and locate()

_PUNCT, _STRING, _NUMBER, _LITERAL, _END = 1, 2, 3, 4, 5
_TOKEN: Final = re.compile(
    r"""[ \t\n\r]*+(?:
        ([{}\[\]:,])
      | ("[^"\\\x00-\x1f]*+(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*+)*+")
      | (-?(?:0|[1-9][0-9]*+)(?:\.[0-9]++)?(?:[eE][+-]?[0-9]++)?)
      | (true|false|null)
      | (\Z)
    )""",
    re.VERBOSE,
)
_SPACE: Final = re.compile(r"[ \t\n\r]*+")
_STRING_RUN: Final = re.compile(r'[^"\\\x00-\x1f]*+')
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
_ESCAPE: Final = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.DOTALL)
_WORD: Final = re.compile(r"[-+.\w$]+")
_SHOWN: Final = 40


def _decode_key(text: str, start: int, end: int) -> str:
    """The value of the string token ``text[start:end]``."""
    if text.find("\\", start, end) < 0:
        return text[start + 1 : end - 1]
    key: str = json.loads(text[start:end])
    return key


def _escape_segment(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _lone_surrogate(text: str, start: int, end: int) -> int | None:
    """Offset of the first unpaired surrogate escape in the string token, if any."""
    first = text.find("\\", start, end)
    if first < 0 or _SURROGATE_ESCAPE.search(text, first, end) is None:
        return None
    high_at = low_due = -1
    for match in _ESCAPE.finditer(text, first, end):
        code = int(match.group(1), 16) if match.group(1) else -1
        if low_due >= 0:
            if match.start() == low_due and 0xDC00 <= code <= 0xDFFF:
                low_due = -1
                continue
            return high_at
        if 0xD800 <= code <= 0xDBFF:
            high_at, low_due = match.start(), match.end()
        elif 0xDC00 <= code <= 0xDFFF:
            return match.start()
    return high_at if low_due >= 0 else None


def _shown(literal: str) -> str:
    if len(literal) <= _SHOWN:
        return literal
    return f"{literal[:20]}...({len(literal)} characters)"


# --------------------------------------------------------------------------------------------
# The precise scanner

_U64_MAX: Final = "18446744073709551615"
_I64_MIN_DIGITS: Final = "9223372036854775808"

# what the grammar expects next
_VALUE, _FIRST_VALUE, _KEY, _FIRST_KEY, _COLON, _NEXT, _DONE = range(7)
_OPENS_VALUE: Final = frozenset('{["-0123456789')
_CONTROL_NAMES: Final = {"\t": " or \\t", "\r": " or \\r", "\b": " or \\b", "\f": " or \\f"}
_FAMOUS_WORDS: Final = {
    "True": "True is Python, not JSON: write true",
    "False": "False is Python, not JSON: write false",
    "None": "None is Python, not JSON: write null",
    "undefined": "undefined is JavaScript, not JSON: write null or leave the member out",
}


@dataclass(slots=True)
class _Frame:
    """One open object or array."""

    is_object: bool
    open_at: int
    key: str | None = None  # objects: the current member's key
    index: int = 0  # arrays: elements started so far (the current one is index - 1)
    keys: dict[str, int] = field(default_factory=dict)  # key -> offset of its first occurrence
    whole: bool = False  # a pointer for an error here names this container, not a child


@dataclass(slots=True)
class _Finding:
    rule: Rule
    offset: int
    pointer: str
    message: _Message
    refs: tuple[int, ...] = ()


class _Scanner:
    """A strict, iterative JSON scanner that reports what orjson does not explain: where and why
    the text is not JSON, duplicate keys, excessive depth and out-of-range numbers.

    It stops at the first syntax error (what follows cannot be trusted) and reports everything
    found before it. ``fatal`` tells whether it found something that makes orjson refuse the text.
    """

    def __init__(self, text: str, limit: int) -> None:
        self.text = text
        self.limit = limit
        self.stack: list[_Frame] = []
        self.findings: list[_Finding] = []
        self.fatal = False
        self.too_deep = False
        self.state = _VALUE
        self.prev_kind = 0
        self.prev_start = self.prev_end = 0

    # -- driver ---------------------------------------------------------------------------

    def run(self) -> list[Diagnostic]:
        text, stack = self.text, self.stack
        match_token = _TOKEN.match
        pos = kind = start = 0
        state = _VALUE
        while True:
            m = match_token(text, pos)
            before = kind, start, pos  # the previous token
            if m is None:
                space = _SPACE.match(text, pos)
                at = space.end() if space else pos
            else:
                kind = m.lastindex or 0
                start, pos = m.span(kind)
                at = start
                char = text[start : start + 1]
                if kind == _END:
                    if state == _DONE:
                        break
                elif state == _NEXT:
                    top = stack[-1]
                    if char == ",":
                        state = _KEY if top.is_object else _VALUE
                        continue
                    if char == ("}" if top.is_object else "]"):
                        stack.pop()
                        state = _NEXT if stack else _DONE
                        continue
                elif state in (_VALUE, _FIRST_VALUE):
                    if kind != _PUNCT or char in "{[":
                        if stack and not stack[-1].is_object:
                            stack[-1].index += 1
                        if kind == _PUNCT:
                            self._open(char == "{", start)
                            state = _FIRST_KEY if char == "{" else _FIRST_VALUE
                            continue
                        if kind == _STRING:
                            if text.find("\\", start, pos) >= 0:
                                self._check_escapes(start, pos)
                        elif kind == _NUMBER and pos - start >= 5:  # shorter ones are fine
                            self._number(start, pos)
                        state = _NEXT if stack else _DONE
                        continue
                    if state == _FIRST_VALUE and char == "]":
                        stack.pop()
                        state = _NEXT if stack else _DONE
                        continue
                elif state in (_KEY, _FIRST_KEY):
                    if kind == _STRING:
                        self._key(start, pos)
                        state = _COLON
                        continue
                    if state == _FIRST_KEY and char == "}":
                        stack.pop()
                        state = _NEXT if stack else _DONE
                        continue
                elif state == _COLON and char == ":":
                    state = _VALUE
                    continue
            # not JSON at ``at``
            self.state = state
            self.prev_kind, self.prev_start, self.prev_end = before
            self._syntax_error(at)
            break
        return self._diagnostics()

    def _pointer(self) -> str:
        """Pointer of the value being read (the current child of every open container)."""
        parts = []
        for frame in self.stack:
            if frame.whole:
                break
            if frame.is_object:
                if frame.key is None:
                    break
                parts.append("/" + _escape_segment(frame.key))
            else:
                if frame.index == 0:
                    break
                parts.append(f"/{frame.index - 1}")
        return "".join(parts)

    def _open(self, is_object: bool, start: int) -> None:
        depth = len(self.stack)
        if depth >= self.limit and not self.too_deep:
            self.too_deep = True
            self._too_deep(start)
        if depth >= ORJSON_MAX_DEPTH:
            self.fatal = True
        self.stack.append(_Frame(is_object, start))

    def _check_escapes(self, start: int, end: int) -> None:
        bad = _lone_surrogate(self.text, start, end)
        if bad is not None:
            self._lone_surrogate_finding(bad)

    def _key(self, start: int, end: int) -> None:
        text = self.text
        top = self.stack[-1]
        if text.find("\\", start, end) >= 0:
            top.key = None  # a lone surrogate in the key: the pointer names the object
            self._check_escapes(start, end)
            key = _decode_key(text, start, end)
        else:
            key = text[start + 1 : end - 1]
        top.key = key
        first = top.keys.get(key)
        if first is None:
            top.keys[key] = start
            return
        shown = json.dumps(key, ensure_ascii=False)
        self._add(
            JSON_DUPLICATE_KEY,
            start,
            lambda at: (
                f"duplicate key {shown} (first at line {at(first)[0]}): parsers keep one of "
                "the two values, most the last, so the other is silently dropped; remove "
                "or rename one"
            ),
            (first,),
        )

    def _number(self, start: int, end: int) -> None:
        literal = self.text[start:end]
        if "." in literal or "e" in literal or "E" in literal:
            if math.isinf(float(literal)):
                self.fatal = True
                self._add(
                    JSON_NUMBER_PRECISION,
                    start,
                    lambda _: (
                        f"number {_shown(literal)} overflows a double (the largest is "
                        "1.7976931348623157e308): parsers turn it into infinity, which JSON "
                        "cannot represent, or reject it; write a value in range or a string"
                    ),
                )
            return
        negative = literal.startswith("-")
        digits = literal[1:] if negative else literal
        if negative:
            out = len(digits) > 19 or (len(digits) == 19 and digits > _I64_MIN_DIGITS)
        else:
            out = len(digits) > 20 or (len(digits) == 20 and digits > _U64_MAX)
        if not out:
            return
        if len(digits) > 308:
            self.fatal = True  # orjson refuses it: it overflows a double
            becomes = "infinity"
        else:
            becomes = f"the float {float(literal)!r}"
        self._add(
            JSON_NUMBER_PRECISION,
            start,
            lambda _: (
                f"integer {_shown(literal)} does not fit in 64 bits (-9223372036854775808 to "
                f"18446744073709551615): orjson and most parsers silently turn it into "
                f"{becomes}, losing digits; send it as a string if every digit matters"
            ),
        )

    def _too_deep(self, start: int) -> None:
        limit = self.limit
        self._add(
            JSON_TOO_DEEP,
            start,
            lambda _: (
                f"nesting deeper than {limit} levels starts here: no real payload is this "
                "deep; flatten the document (or raise max_depth, at most "
                f"{ORJSON_MAX_DEPTH})"
            ),
        )

    def _lone_surrogate_finding(self, offset: int) -> None:
        self.fatal = True
        escape = self.text[offset : offset + 6]
        self._add(
            JSON_ENCODING,
            offset,
            lambda _: (
                f"lone surrogate escape {escape}: a surrogate escape must be a high-low pair "
                "such as \\ud83d\\ude00; alone it is no character and cannot be encoded as "
                "UTF-8 (remove it, or use \\ufffd)"
            ),
        )

    def _add(
        self,
        rule: Rule,
        offset: int,
        message: _Message,
        refs: tuple[int, ...] = (),
    ) -> None:
        self.findings.append(_Finding(rule, offset, self._pointer(), message, refs))

    def _diagnostics(self) -> list[Diagnostic]:
        offsets = [f.offset for f in self.findings]
        offsets += [r for f in self.findings for r in f.refs]
        where = _positions(self.text, offsets)
        at = where.__getitem__
        return [
            f.rule.diagnostic(f.message(at), f.pointer).at(*where[f.offset]) for f in self.findings
        ]

    # -- explaining a syntax error --------------------------------------------------------

    def _syntax_error(self, at: int) -> None:
        """Report why the text is not JSON at offset ``at`` (the first non-space character)."""
        self.fatal = True
        rule, offset, message, refs = self._explain(at)
        stack = self.stack
        if stack and not self._glued(at):
            # the pointer names the value being read, else the innermost open container
            top, char = stack[-1], self.text[at : at + 1]
            if self.state in (_VALUE, _FIRST_VALUE) and char not in ("", "}", "]"):
                if not top.is_object:
                    top.index += 1
            else:
                top.whole = True
        self._add(rule, offset, message, refs)

    def _glued(self, at: int) -> bool:
        """A number or literal runs into more characters: 01, 1., 1e, 0x1F, truex."""
        text = self.text
        return (
            at < len(text)
            and at == self.prev_end
            and self.prev_kind in (_NUMBER, _LITERAL)
            and (text[at].isalnum() or text[at] in ".+-_$")
        )

    def _explain(self, at: int) -> _Explained:
        text, state, stack = self.text, self.state, self.stack
        char = text[at] if at < len(text) else ""
        prev_kind, prev_start = self.prev_kind, self.prev_start

        def plain(message: str, offset: int = at) -> _Explained:
            return _syntax(message, offset)

        # a number or literal running into more characters: 01, 1., 1e, 0x1F, truex
        if self._glued(at):
            word = _WORD.match(text, prev_start)
            return plain(_bad_word(word.group() if word else char), prev_start)

        if not char:
            return self._truncated(at)
        if (char == "/" and text[at + 1 : at + 2] in ("/", "*")) or char == "#":
            return plain(
                "comment: JSON has no comments; remove it (or move it into a field the API ignores)"
            )
        if char == '"' and state in (_VALUE, _FIRST_VALUE, _KEY, _FIRST_KEY):
            return self._bad_string(at)
        if char == "'":
            quoted = re.match(r"'([^'\n]{0,40})'", text[at : at + 43])
            what = "key" if state in (_KEY, _FIRST_KEY) else "string"
            fix = f': write "{quoted.group(1)}"' if quoted and '"' not in quoted.group(1) else ""
            return plain(f"single-quoted {what}: JSON strings use double quotes{fix}")
        if char in "}]":
            if prev_kind == _PUNCT and text[prev_start] == "," and state in (_KEY, _VALUE):
                return (
                    JSON_SYNTAX,
                    prev_start,
                    lambda pos: f"trailing comma before '{char}' at line {pos(at)[0]}: remove it",
                    (at,),
                )
            if state == _NEXT or (state == _FIRST_KEY and char == "]"):
                top = stack[-1]
                closer = "}" if top.is_object else "]"
                what = "object" if top.is_object else "array"
                return (
                    JSON_SYNTAX,
                    at,
                    lambda pos: (
                        f"mismatched '{char}': the {what} opened at line {pos(top.open_at)[0]}, "
                        f"column {pos(top.open_at)[1]} must be closed with '{closer}'"
                    ),
                    (top.open_at,),
                )
            if state == _VALUE and prev_kind == _PUNCT and text[prev_start] == ":":
                return plain(f"missing value before '{char}': write a value after the ':'")
            return plain(f"unexpected '{char}': expected a JSON value")
        if state in (_KEY, _FIRST_KEY):
            word = _WORD.match(text, at)
            if word and (char.isalpha() or char in "_$"):
                name = word.group()
                return plain(
                    f"unquoted key '{name}': JSON object keys are double-quoted strings; "
                    f'write "{name}"'
                )
            if char == ",":
                return plain("missing key before ',': remove the extra ','")
            return plain(f"expected a double-quoted key, found {_char(char)}")
        if state == _COLON:
            hint = "write ':'" if char == "=" else "add ':' and the value"
            return plain(f"expected ':' after the key, found {_char(char)}: {hint}")
        if state == _NEXT:
            if char in _OPENS_VALUE or char.isalpha():
                what = "members" if stack[-1].is_object else "elements"
                return plain(f"missing ',' between {what} before {_char(char)}: add it")
            closer = "}" if stack[-1].is_object else "]"
            return plain(f"expected ',' or '{closer}', found {_char(char)}")
        if state == _DONE:
            if char in "{[":
                return plain(
                    "a second JSON document follows the first (JSON Lines?): a payload is one "
                    "document; send them one at a time or wrap them in an array"
                )
            return plain(f"unexpected {_char(char)} after the end of the document: remove it")
        # a value was expected
        if char in ",:":
            return plain(f"missing value before '{char}'")
        word = _WORD.match(text, at)
        if word:
            return plain(_bad_word(word.group()))
        return plain(f"expected a JSON value, found {_char(char)}")

    def _truncated(self, at: int) -> _Explained:
        stack = self.stack
        if not stack:
            empty = self.state == _VALUE and not self.text.strip(" \t\n\r")
            what = "empty document" if empty else "unexpected end of text"
            return _syntax(f"{what}: expected a JSON value", at)
        top = stack[-1]
        what, closer = ("object", "}") if top.is_object else ("array", "]")
        return (
            JSON_SYNTAX,
            at,
            lambda pos: (
                f"unexpected end of text: the {what} opened at line {pos(top.open_at)[0]}, "
                f"column {pos(top.open_at)[1]} is not closed (truncated?); complete the "
                f"document or add the missing '{closer}'"
            ),
            (top.open_at,),
        )

    def _bad_string(self, start: int) -> _Explained:
        """Why the string starting at ``start`` does not match the string grammar."""
        text = self.text
        i = start + 1
        while True:
            run = _STRING_RUN.match(text, i)
            i = run.end() if run else i
            if i >= len(text):
                return _syntax("string never closed (truncated?): add the closing '\"'", start)
            if text[i] != "\\":
                break
            escape = text[i + 1 : i + 2]
            if escape and escape in '"\\/bfnrt':
                i += 2
            elif escape == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2 : i + 6]):
                i += 6
            else:
                shown = "\\" + (text[i + 1 : i + 6] if escape == "u" else escape)
                return _syntax(
                    f'invalid escape {shown!r} in string: JSON allows \\" \\\\ \\/ \\b \\f \\n '
                    "\\r \\t and \\uXXXX; write \\\\ for a backslash",
                    i,
                )
        char = text[i]
        if char == '"':  # not reached: the string is fine
            return _syntax("unexpected string", start)
        if char == "\n":
            return _syntax(
                "line break inside a string: write it as \\n, or add the missing closing '\"' "
                "before it",
                i,
            )
        return _syntax(
            f"unescaped control character U+{ord(char):04X} in string: write it as "
            f"\\u{ord(char):04x}{_CONTROL_NAMES.get(char, '')}",
            i,
        )


def _syntax(message: str, offset: int) -> _Explained:
    """A GS001 explanation whose message does not depend on other positions."""
    return JSON_SYNTAX, offset, lambda _: message, ()


def _char(char: str) -> str:
    if not char:
        return "the end of the text"
    if char == '"':
        return "a string"
    if char.isprintable() and char != " ":
        return f"'{char}'"
    return f"U+{ord(char):04X}"


def _bad_word(word: str) -> str:
    """Explain a word that is not a JSON value: NaN, True, 01, 0x1F, 1., +1, foo ..."""
    bare = word.lstrip("+-")
    if bare.lower() in ("nan", "inf", "infinity"):
        return (
            f"{word} is not a JSON number: JSON has no NaN or infinities (Python's json writes "
            "them, strict parsers reject them); send null or a string instead"
        )
    if word in _FAMOUS_WORDS:
        return _FAMOUS_WORDS[word]
    if word.lower() in ("true", "false", "null"):
        return f"{word} is not a JSON literal: JSON literals are lowercase ({word.lower()})"
    first = word[:1]
    if first.isdigit() or first in "+-.":
        if first == "+":
            return f"invalid number {word}: JSON numbers have no leading '+'; remove it"
        if re.match(r"-?0[xX]", word):
            return f"invalid number {word}: JSON has no hexadecimal numbers; write it in decimal"
        if re.match(r"-?0[0-9]", word):
            return f"invalid number {word}: JSON numbers have no leading zeros; remove them"
        if re.match(r"-?\.", word):
            return f"invalid number {word}: a digit is required before '.'; write 0{bare}"
        if "_" in word:
            return f"invalid number {word}: JSON numbers have no digit separators"
        if re.search(r"\.(?![0-9])", word):
            return f"invalid number {word}: a digit is required after '.'"
        if re.search(r"[eE][+-]?(?![0-9])", word):
            return f"invalid number {word}: the exponent needs digits"
        if word == "-":
            return "'-' without digits: write a number such as -1"
        return f"invalid number {word}"
    return (
        f"unexpected {word!r}: a JSON value is an object, array, double-quoted string, number, "
        f'true, false or null (a string? write "{word}")'
    )


# --------------------------------------------------------------------------------------------
# locate


@dataclass(slots=True)
class _Node:
    """A trie node over unescaped pointer segments."""

    children: dict[str, _Node] = field(default_factory=dict)
    pointers: list[str] = field(default_factory=list)


_INDEX: Final = re.compile(r"(?:0|[1-9][0-9]*)\Z")


def _segments(pointer: str) -> list[str] | None:
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        return None
    return [s.replace("~1", "/").replace("~0", "~") for s in pointer[1:].split("/")]


@dataclass(slots=True)
class _Container:
    is_object: bool
    node: _Node | None  # trie node of this container, None when no pointer goes through it
    index: int = 0
    expect_key: bool = True
    member: _Node | None = None  # trie node of the current member's value


_SKIP_TOKEN = re.compile(r'["\[\]{}]')
"""What skipping a container has to look at: a quote (a string starts) or a bracket."""


def _skip_container(text: str, pos: int) -> int:
    """The offset just past the container whose opening bracket ends at ``pos``.

    Strings are jumped with ``str.find`` (memchr speed: a 1 MB base64 value costs little).
    """
    depth = 1
    search = _SKIP_TOKEN.search
    while (m := search(text, pos)) is not None:
        char, pos = m.group(), m.end()
        if char == '"':
            while True:
                end = text.find('"', pos)
                if end < 0:
                    return len(text)
                back = end - 1
                while back >= pos and text[back] == "\\":  # each backslash is looked at once
                    back -= 1
                pos = end + 1
                if (end - 1 - back) % 2 == 0:  # an even run of backslashes: the quote is real
                    break
        elif char in "[{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return pos
    return len(text)


def locate(text: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """1-based (line, column) of what each RFC 6901 pointer designates in JSON ``text``.

    For an object member the position is that of its key; for an array element or the root, that
    of the value. With duplicate keys the last occurrence wins (as in the parsed document).
    Pointers that do not resolve (or are not pointers) are left out. Meant for text that
    :func:`parse` read: on other text the answer is best effort, and stops where the text stops
    being made of JSON tokens. One iterative pass; a leading byte order mark is ignored.
    """
    root = _Node()
    for pointer in pointers:
        segments = _segments(pointer)
        if segments is None:
            continue
        branch = root
        for segment in segments:
            branch = branch.children.setdefault(segment, _Node())
        branch.pointers.append(pointer)
    if not root.children and not root.pointers:
        return {}
    if text.startswith("\ufeff"):
        text = text[1:]

    found: dict[str, int] = {}
    node: _Node | None
    stack: list[_Container] = []
    pending: _Node | None = root  # trie node of the next value
    pos = 0
    match_token = _TOKEN.match
    while True:
        m = match_token(text, pos)
        if m is None:
            break
        kind = m.lastindex or 0
        start, pos = m.start(kind), m.end()
        if kind == _END:
            break
        char = text[start]
        top = stack[-1] if stack else None
        if kind == _PUNCT and char in "}]":
            if not stack:
                break
            stack.pop()
            continue
        if kind == _PUNCT and char == ",":
            if top is not None and top.is_object:
                top.expect_key = True
            continue
        if kind == _PUNCT and char == ":":
            continue
        if top is not None and top.is_object and top.expect_key:
            if kind != _STRING:
                break
            top.expect_key = False
            top.member = None
            if top.node is not None and top.node.children:
                top.member = top.node.children.get(_decode_key(text, start, m.end()))
                if top.member is not None:
                    for pointer in top.member.pointers:
                        found[pointer] = start
            continue
        # a value
        if top is None:
            node = pending
            pending = None
        elif top.is_object:
            node = top.member
        else:
            node = None
            if top.node is not None and top.node.children:
                node = top.node.children.get(str(top.index))
                if node is not None:
                    for pointer in node.pointers:
                        found[pointer] = start
            top.index += 1
        if top is None and node is not None:
            for pointer in node.pointers:
                found[pointer] = start
        if kind == _PUNCT:  # '{' or '['
            if node is not None and node.children:
                stack.append(_Container(char == "{", node))
            else:  # no pointer goes inside: jump past the whole container
                pos = _skip_container(text, pos)
    where = _positions(text, found.values())
    return {pointer: where[offset] for pointer, offset in found.items()}


def locate_compact(
    value: Any, text: str | bytes, pointers: Iterable[str]
) -> dict[str, tuple[int, int]]:
    """:func:`locate` for ``text`` that ``orjson.dumps(value)`` wrote (one line, perhaps with a
    final newline), measured instead of scanned: see :func:`_compact_offset`."""
    body = text if isinstance(text, bytes) else text.encode("utf-8")
    size = len(body) - body.endswith(b"\n")
    found: dict[str, int] = {}
    for pointer in pointers:
        segments = _segments(pointer)
        offset = None if segments is None else _compact_offset(value, segments, size)
        if offset is not None:
            found[pointer] = offset
    ascii_ = body.isascii()
    return {
        pointer: (1, (offset if ascii_ else len(body[:offset].decode("utf-8"))) + 1)
        for pointer, offset in found.items()
    }


def _compact_offset(value: Any, segments: list[str], size: int) -> int | None:
    """Byte offset, in ``orjson.dumps(value)`` (``size`` bytes long), of what ``segments``
    designate (a member's key, an element's value); None when they do not resolve.

    At each level the siblings before the target are written again and measured, or, when the
    target sits in the second half and the container's end is known, the target and the
    siblings after it, measured back from that end: a pointer into the last member of a
    request (``generationConfig``, after megabytes of ``contents``) costs little.
    """
    dumps = orjson.dumps
    node: Any = value
    start: int = 0
    end: int | None = size  # where node's text starts and ends (None: not measured)
    last = len(segments) - 1
    for depth, segment in enumerate(segments):
        at: int
        stop: int | None = None
        if type(node) is dict:
            if segment not in node:
                return None
            keys = list(node)
            index = keys.index(segment)
            if end is not None and 2 * index >= len(keys):
                at = end
                for key in reversed(keys[index:]):  # each member with its ',' or '}'
                    length = len(dumps(node[key]))
                    at -= len(dumps(key)) + length + 2
                stop = at + len(dumps(segment)) + 1 + length
            else:
                at = start + 1
                for key in keys[:index]:
                    at += len(dumps(key)) + len(dumps(node[key])) + 2
            if depth == last:
                return at  # a member is placed at its key
            at += len(dumps(segment)) + 1
            child = node[segment]
        elif type(node) is list:
            if not _INDEX.match(segment) or int(segment) >= len(node):
                return None
            index = int(segment)
            if end is not None and 2 * index >= len(node):
                at = end - 1  # "]"
                for j in range(len(node) - 1, index - 1, -1):
                    length = len(dumps(node[j]))
                    at -= length + (j > index)  # the element and the "," before it
                stop = at + length
            else:
                at = start + (len(dumps(node[:index])) if index else 1)  # "[a,b" and its ","
            child = node[index]
        else:
            return None
        node, start, end = child, at, stop
    return start
