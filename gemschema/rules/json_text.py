"""Rules about the JSON *text* itself, before any Gemini semantics: GS001-GS006.

None of these rules has a ``check``: :func:`gemschema.jsontext.parse` raises them while turning
text into a document, with the line and column of the offending character.
"""

from __future__ import annotations

from gemschema.diagnostics import Severity
from gemschema.rules.catalog import Rule, register

__all__ = [
    "JSON_BOM",
    "JSON_DUPLICATE_KEY",
    "JSON_ENCODING",
    "JSON_NUMBER_PRECISION",
    "JSON_SYNTAX",
    "JSON_TOO_DEEP",
]

JSON_SYNTAX = register(
    Rule(
        code="GS001",
        name="json-syntax",
        summary="The text is not JSON.",
        severity=Severity.ERROR,
        why=(
            "The payload must be JSON as RFC 8259 defines it, and nothing more: no comments, no "
            "trailing commas, no single-quoted strings or unquoted keys, no NaN, Infinity or "
            "-Infinity (Python's json module writes and reads them; JSON has no non-finite "
            "numbers), no raw control characters inside strings, no leading zeros, '+' signs or "
            "hex numbers, no second document after the first, and no truncated text. Google's "
            "own parser is lenient about some of these, but the rest of a pipeline is not: "
            "gateways, loggers, caches, replay tools and other SDKs use strict parsers and will "
            "reject, or worse, silently reinterpret, what the API happened to accept. The "
            "message says what was found where, and how to fix it."
        ),
        source="RFC 8259 §2-§7 (the JSON grammar: values, objects, arrays, numbers, strings)",
        example='{"contents": [{"role": "user", "parts": [{"text": "hi"}],}]}',
    )
)

JSON_ENCODING = register(
    Rule(
        code="GS002",
        name="json-encoding",
        summary="The text is not valid UTF-8, or a string holds a lone surrogate.",
        severity=Severity.ERROR,
        why=(
            "JSON exchanged between systems must be UTF-8. Bytes that are not UTF-8 (often "
            "Latin-1 or Windows-1252 text, or a file saved as UTF-16/UTF-32) cannot be decoded "
            "the same way by every hop, and a string escape that names half of a surrogate pair "
            '("\\ud800" without its partner) denotes no character at all: it cannot be encoded '
            "as UTF-8, and parsers variously reject it, replace it with U+FFFD or pass it "
            "through. A Python str holding an unpaired surrogate (from errors='surrogateescape' "
            "decoding) has the same problem. Re-encode the file as UTF-8, or fix the escape."
        ),
        source=(
            "RFC 8259 §8.1 (JSON text exchanged between systems MUST be UTF-8) and §8.2 "
            "(strings with unpaired surrogates: behaviour is unpredictable)"
        ),
        example='{"contents": [{"parts": [{"text": "\\ud800"}]}]}',
    )
)

JSON_DUPLICATE_KEY = register(
    Rule(
        code="GS003",
        name="json-duplicate-key",
        summary="An object names the same key twice.",
        severity=Severity.ERROR,
        why=(
            "RFC 8259 says names within an object SHOULD be unique and that the behaviour of "
            "software receiving duplicates is unpredictable: most parsers (orjson, Python's json, "
            "JavaScript) keep the last value, some keep the first, some reject the document. A "
            "validator that sees one value while the service acts on the other is a classic "
            "request-smuggling hole, and even when harmless the dropped value is almost always a "
            "mistake (a merge gone wrong, a copy-pasted member). Keys are compared after "
            'unescaping, so "role" and "\\u0072ole" are the same key. The diagnostic points at '
            "the second occurrence and names the line of the first."
        ),
        source="RFC 8259 §4 (the names within an object SHOULD be unique)",
        example='{"contents": [{"role": "user", "role": "model", "parts": [{"text": "hi"}]}]}',
    )
)

JSON_TOO_DEEP = register(
    Rule(
        code="GS004",
        name="json-too-deep",
        summary="Objects and arrays are nested deeper than the limit (default 512).",
        severity=Severity.ERROR,
        why=(
            "Deeply nested text is a denial-of-service vector (recursive parsers overflow their "
            "stack, recursive validators blow up) and no real generateContent payload comes "
            "anywhere near it: a request with a nested response schema is a few dozen levels "
            "deep. The limit counts containers: '[]' is depth 1. It is configurable "
            "(parse(..., max_depth=N), default 512), but it cannot be raised past 1024, orjson's "
            "own hard limit: text nested deeper than that cannot be parsed at all and is "
            "reported here as well."
        ),
        source=(
            "RFC 8259 §9 (an implementation may set limits on the maximum depth of nesting); "
            "orjson's fixed parser limit of 1024"
        ),
        example="[" * 513 + "]" * 513,
    )
)

JSON_BOM = register(
    Rule(
        code="GS005",
        name="json-bom",
        summary="The text starts with a UTF-8 byte order mark; it was ignored.",
        severity=Severity.WARNING,
        why=(
            "RFC 8259 forbids adding a byte order mark to JSON text but allows a parser to ignore "
            "one, which is what gemschema does: the rest of the text is parsed and positions are "
            "counted from after the mark. Many parsers reject it (orjson, JavaScript's JSON.parse, "
            "Go's encoding/json, Python's json.loads given a str), so save the file without one "
            '("UTF-8", not "UTF-8 with BOM").'
        ),
        source=(
            "RFC 8259 §8.1 (implementations MUST NOT add a byte order mark; parsers MAY ignore it)"
        ),
        example='\ufeff{"contents": [{"parts": [{"text": "hi"}]}]}',
    )
)

JSON_NUMBER_PRECISION = register(
    Rule(
        code="GS006",
        name="json-number-precision",
        summary="A number literal would be silently changed by most parsers.",
        severity=Severity.ERROR,
        why=(
            "An integer literal outside the 64-bit range (below -9223372036854775808 or above "
            "18446744073709551615) is turned into a float by orjson and most parsers, so its "
            "low digits are silently lost; a number literal beyond the double range (1e999) "
            "becomes infinity, which JSON cannot even represent, or is rejected. Neither can mean "
            "what the author intended in a generateContent payload: if every digit matters, send "
            "the value as a string; otherwise write a value in range."
        ),
        source=(
            "RFC 8259 §6 (numbers beyond IEEE 754 binary64 range and precision are not "
            "interoperable)"
        ),
        example='{"generationConfig": {"seed": 18446744073709551616}}',
    )
)
