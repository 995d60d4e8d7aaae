"""gemschema.jsontext: JSON text to a document or to diagnostics; pointers to positions."""

from __future__ import annotations

import json
import time
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gemschema import jsontext
from gemschema.diagnostics import Diagnostic, Severity
from gemschema.errors import UsageError
from gemschema.jsontext import Parsed, locate, parse
from gemschema.rules.catalog import RULES
from gemschema.rules.json_text import (
    JSON_BOM,
    JSON_DUPLICATE_KEY,
    JSON_ENCODING,
    JSON_NUMBER_PRECISION,
    JSON_SYNTAX,
    JSON_TOO_DEEP,
)


def only(parsed: Parsed, code: str) -> Diagnostic:
    """The single diagnostic of ``parsed``, which must have ``code``."""
    assert [d.code for d in parsed.diagnostics] == [code], parsed.diagnostics
    return parsed.diagnostics[0]


def where(d: Diagnostic) -> tuple[int | None, int | None]:
    return d.line, d.column


# --------------------------------------------------------------------------------------------
# the rules


def test_rules_are_registered_with_every_field() -> None:
    rules = [JSON_SYNTAX, JSON_ENCODING, JSON_DUPLICATE_KEY, JSON_TOO_DEEP, JSON_BOM]
    rules.append(JSON_NUMBER_PRECISION)
    assert [r.code for r in rules] == [f"GS00{i}" for i in range(1, 7)]
    for rule in rules:
        assert RULES[rule.code] is rule
        assert rule.check is None
        assert rule.name.startswith("json-") and rule.name == rule.name.lower()
        assert rule.summary and rule.why and rule.source and rule.example
    assert JSON_BOM.severity is Severity.WARNING
    assert all(r.severity is Severity.ERROR for r in rules if r is not JSON_BOM)
    assert "Google" in JSON_SYNTAX.why
    assert "512" in JSON_TOO_DEEP.why and "1024" in JSON_TOO_DEEP.why


@pytest.mark.parametrize("code", ["GS001", "GS002", "GS003", "GS004", "GS005", "GS006"])
def test_each_rule_example_triggers_it(code: str) -> None:
    assert code in [d.code for d in parse(RULES[code].example).diagnostics]


# --------------------------------------------------------------------------------------------
# GS001 json-syntax


def test_trailing_comma_in_object() -> None:
    d = only(parse('{\n  "a": 1,\n}'), "GS001")
    assert where(d) == (2, 9)  # the comma
    assert d.message == "trailing comma before '}' at line 3: remove it"
    assert d.is_error


def test_trailing_comma_in_array() -> None:
    d = only(parse(b'{"a": [1, 2,]}'), "GS001")
    assert where(d) == (1, 12)
    assert d.pointer == "/a"
    assert "trailing comma before ']'" in d.message


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ('{"a": 1 // note\n}', (1, 9)),
        ('{"a": 1,\n  /* note */ "b": 2}', (2, 3)),
        ("# x\n{}", (1, 1)),
    ],
)
def test_comment(text: str, position: tuple[int, int]) -> None:
    d = only(parse(text), "GS001")
    assert where(d) == position
    assert "comment" in d.message


def test_single_quotes() -> None:
    d = only(parse("{'role': 'user'}"), "GS001")
    assert where(d) == (1, 2)
    assert "single-quoted key" in d.message and 'write "role"' in d.message
    d = only(parse("{\"role\": 'user'}"), "GS001")
    assert where(d) == (1, 10)
    assert d.pointer == "/role"
    assert "single-quoted string" in d.message


def test_unquoted_key() -> None:
    d = only(parse('{\n  "contents": [],\n  role: "user"\n}'), "GS001")
    assert where(d) == (3, 3)
    assert "unquoted key 'role'" in d.message and 'write "role"' in d.message


def test_truncated() -> None:
    d = only(parse('{"a": [1, 2'), "GS001")
    assert where(d) == (1, 12)  # the end of the text
    assert "array opened at line 1, column 7 is not closed" in d.message
    assert "']'" in d.message
    d = only(parse('{"a": "abc'), "GS001")
    assert where(d) == (1, 7)  # the string that never ends
    assert "never closed" in d.message


@pytest.mark.parametrize("text", ["", "  \n "])
def test_empty(text: str) -> None:
    assert "empty document" in only(parse(text), "GS001").message


@pytest.mark.parametrize(
    ("text", "position", "pointer"),
    [
        ('{"temperature": NaN}', (1, 17), "/temperature"),
        ("[Infinity]", (1, 2), "/0"),
        ("[1, -Infinity]", (1, 5), "/1"),
    ],
)
def test_non_finite_numbers(text: str, position: tuple[int, int], pointer: str) -> None:
    d = only(parse(text), "GS001")
    assert where(d) == position
    assert d.pointer == pointer
    assert "not a JSON number" in d.message and "null" in d.message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[01]", "leading zeros"),
        ("[+1]", "leading '+'"),
        ("[1.]", "digit is required after '.'"),
        ("[.5]", "digit is required before '.'"),
        ("[0x1F]", "hexadecimal"),
        ("[1e]", "exponent needs digits"),
        ("[True]", "write true"),
        ("[None]", "write null"),
        ("[NULL]", "lowercase"),
        ("[undefined]", "JavaScript"),
        ('["a\tb"]', "control character U+0009"),
        ('["a\nb"]', "line break inside a string"),
        ('["\\x"]', "invalid escape"),
        ('{"a" 1}', "expected ':'"),
        ('{"a" = 1}', "write ':'"),
        ("[1 2]", "missing ','"),
        ('{"a": 1]', "mismatched ']'"),
        ('{"a": }', "missing value"),
        ("[1,,2]", "missing value before ','"),
        ("{1: 2}", "double-quoted key"),
        ("{} {}", "second JSON document"),
        ("[1] x", "after the end of the document"),
        ("[1]\x00", "U+0000"),
    ],
)
def test_syntax_messages(text: str, fragment: str) -> None:
    assert fragment in only(parse(text), "GS001").message


def test_columns_count_characters_not_bytes() -> None:
    text = '{"é€😀": 1,}'
    for data in (text, text.encode()):
        d = only(parse(data), "GS001")
        assert where(d) == (1, 10)
    d = only(parse('{"ключ":\n  "значение" x}'.encode()), "GS001")
    assert where(d) == (2, 14)


def test_orjson_fallback_position_is_in_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    class Blind:  # a scanner that finds nothing: the orjson message is all there is
        fatal = False

        def __init__(self, text: str, limit: int) -> None:
            pass

        def run(self) -> list[Diagnostic]:
            return []

    monkeypatch.setattr(jsontext, "_Scanner", Blind)
    d = only(parse('["éé", 1,]'.encode()), "GS001")
    assert where(d) == (1, 9)  # the comma is the 9th character, the 11th byte
    assert "trailing comma" in d.message


# --------------------------------------------------------------------------------------------
# GS002 json-encoding


@pytest.mark.parametrize(
    ("text", "position"),
    [('["\\ud800"]', (1, 3)), ('["x\\udc00"]', (1, 4)), ('["\\ude00\\ud83d"]', (1, 3))],
)
def test_lone_surrogate_escape(text: str, position: tuple[int, int]) -> None:
    d = only(parse(text), "GS002")
    assert where(d) == position
    assert d.pointer == "/0"
    assert "lone surrogate" in d.message


def test_surrogate_pairs_and_escaped_backslashes_are_fine() -> None:
    assert parse('["\\ud83d\\ude00", "\\\\ud800"]').value == ["😀", "\\ud800"]
    assert parse('["\\ud83d\\ude00", "\\\\ud800"]').ok


def test_raw_lone_surrogate_in_str() -> None:
    d = only(parse('{"a": "\udcff"}'), "GS002")
    assert where(d) == (1, 8)
    assert "U+DCFF" in d.message


def test_invalid_utf8() -> None:
    parsed = parse('{"é": "x'.encode() + b"\xff" + b'"}')
    d = only(parsed, "GS002")
    assert where(d) == (1, 9)
    assert "FF" in d.message and "not valid UTF-8" in d.message
    assert parsed.text is None and parsed.value is None


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32(codec: str) -> None:
    parsed = parse('{"contents": []}'.encode(codec))
    d = only(parsed, "GS002")
    assert where(d) == (1, 1)
    assert codec.upper().replace("-", "")[:5] in d.message.replace("-", "")
    assert parsed.text is None


# --------------------------------------------------------------------------------------------
# GS005 json-bom


def test_utf8_bom_is_a_warning_and_ignored() -> None:
    for data in (b'\xef\xbb\xbf{"a": 1}', '\ufeff{"a": 1}'):
        parsed = parse(data)
        d = only(parsed, "GS005")
        assert d.severity is Severity.WARNING and where(d) == (1, 1)
        assert parsed.ok and parsed.value == {"a": 1}
        assert parsed.text == '{"a": 1}'


def test_positions_after_a_bom_do_not_count_it() -> None:
    parsed = parse(b'\xef\xbb\xbf{"a": 1,}')
    assert [d.code for d in parsed.diagnostics] == ["GS005", "GS001"]
    assert where(parsed.diagnostics[1]) == (1, 8)


# --------------------------------------------------------------------------------------------
# GS003 json-duplicate-key


DUPLICATE = """{
  "contents": [
    {
      "role": "user",
      "parts": [
        {"text": "see http://example.com:80/a?b=c:d"},
        {"inlineData": {"mimeType": "image/png",
                        "data": "AAAA",
                        "mimeType": "image/jpeg"}}
      ]
    }
  ]
}"""


def test_duplicate_key_at_depth() -> None:
    for data in (DUPLICATE, DUPLICATE.encode()):
        parsed = parse(data)
        d = only(parsed, "GS003")
        assert d.pointer == "/contents/0/parts/1/inlineData/mimeType"
        assert where(d) == (9, 25)  # the second occurrence
        assert '"mimeType"' in d.message and "first at line 7" in d.message
        assert parsed.value == orjson.loads(DUPLICATE)  # the last one wins, as in orjson
        assert not parsed.ok


def test_duplicate_key_compared_after_unescaping() -> None:
    d = only(parse('{"role": 1, "\\u0072ole": 2}'), "GS003")
    assert d.pointer == "/role" and where(d) == (1, 13)


def test_duplicate_hidden_by_an_escaped_colon() -> None:
    # without counting \u003a as a colon, the dropped member and the escape would cancel out
    d = only(parse('{"a\\u003a": 1, "b": 2, "b": 3}'), "GS003")
    assert d.pointer == "/b"


def test_every_repeat_is_reported() -> None:
    parsed = parse('{"a": 1,\n "a": 2,\n "a": 3}')
    assert [(d.code, d.line) for d in parsed.diagnostics] == [("GS003", 2), ("GS003", 3)]
    assert all("first at line 1" in d.message for d in parsed.diagnostics)


def test_pointer_escapes_in_duplicate() -> None:
    d = only(parse('{"a/b": {"~": 1, "~": 2}}'), "GS003")
    assert d.pointer == "/a~1b/~0"


def test_duplicate_in_a_document_deeper_than_dumps_allows() -> None:
    deep = '{"k": ' * 300 + '{"x": 1, "x": 2}' + "}" * 300
    d = only(parse(deep), "GS003")
    assert d.pointer == "/k" * 300 + "/x"


def test_duplicate_before_a_syntax_error_is_reported_too() -> None:
    parsed = parse('{"a": 1, "a": 2,}')
    assert [d.code for d in parsed.diagnostics] == ["GS003", "GS001"]
    assert parsed.value is None


@pytest.mark.parametrize(
    "text",
    [
        '{"a:b": "c:d", "http://x:1/": ["::", ":"], "t": "12:30:45"}',
        '{\n  "url": "https://example.com:8443/a:b",\n  "a\\u003ab": "\\u003A"\n}',
        '{"a": {"b": {"c": "x:y"}}, "b": {"a": "::::"}}',
        '["a:b", {"c:d": "e:f"}, ":"]',
    ],
)
def test_no_false_duplicate_with_many_colons(text: str) -> None:
    parsed = parse(text)
    assert parsed.diagnostics == ()
    assert parsed.value == orjson.loads(text)


# --------------------------------------------------------------------------------------------
# GS004 json-too-deep


def test_depth_over_the_default_limit() -> None:
    text = "[" * 600 + "]" * 600
    parsed = parse(text)
    d = only(parsed, "GS004")
    assert where(d) == (1, 513)
    assert d.pointer == "/0" * 512
    assert "512" in d.message
    assert parsed.value is not None  # orjson could read it (600 <= 1024)
    assert parse(text, max_depth=600).ok
    assert not parse(text, max_depth=599).ok


def test_depth_100000_is_a_diagnostic_not_a_recursion_error() -> None:
    text = '{"a": ' * 50_000 + "[" * 50_000 + "]" * 50_000 + "}" * 50_000
    parsed = parse(text)
    d = only(parsed, "GS004")
    assert d.pointer == "/a" * 512
    assert where(d) == (1, 512 * 6 + 1)
    assert parsed.value is None


def test_depth_limit_beyond_orjson() -> None:
    text = "[" * 1100 + "]" * 1100
    d = only(parse(text, max_depth=5000), "GS004")
    assert where(d) == (1, 1025)
    assert "1024" in d.message


def test_small_depth_limit_on_valid_text() -> None:
    parsed = parse('{"a": [{"b": [1]}]}', max_depth=3)
    d = only(parsed, "GS004")
    assert d.pointer == "/a/0/b" and where(d) == (1, 14)
    assert parse('{"a": [{"b": [1]}]}', max_depth=4).ok


def test_depth_between_dumps_and_default_limit_is_fine() -> None:
    text = "[" * 400 + "]" * 400
    assert parse(text).ok


@pytest.mark.parametrize("bad", [0, -1, True, 1.5, "512"])
def test_max_depth_must_be_a_positive_int(bad: Any) -> None:
    with pytest.raises(UsageError):
        parse("{}", max_depth=bad)


def test_only_str_and_bytes() -> None:
    with pytest.raises(UsageError):
        parse(123)  # type: ignore[arg-type]
    assert parse(bytearray(b"[1]")).value == [1]  # type: ignore[arg-type]
    assert parse(memoryview(b"[1]")).value == [1]  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# GS006 json-number-precision


def test_twenty_digit_integer() -> None:
    text = '{"generationConfig": {"seed": 123456789012345678901}}'
    parsed = parse(text)
    d = only(parsed, "GS006")
    assert d.pointer == "/generationConfig/seed" and where(d) == (1, 31)
    assert "123456789012345678901" in d.message and "64 bits" in d.message
    assert parsed.value == orjson.loads(text)  # the float orjson made of it


@pytest.mark.parametrize(
    ("literal", "fires"),
    [
        ("18446744073709551615", False),
        ("18446744073709551616", True),
        ("-9223372036854775808", False),
        ("-9223372036854775809", True),
        ("99999999999999999999", True),
        ("1e20", False),
        ("10000000000000000000.0", False),
        ("1.8446744073709552e19", False),
    ],
)
def test_64_bit_bounds(literal: str, fires: bool) -> None:
    for text in (f"[{literal}]", f"[\n  {literal}\n]\n", f"[{literal}, 1.0, 2e300]"):
        assert [d.code for d in parse(text).diagnostics] == (["GS006"] if fires else []), text


def test_double_overflow() -> None:
    parsed = parse('{"temperature": 1e999}')
    d = only(parsed, "GS006")
    assert d.pointer == "/temperature" and where(d) == (1, 17)
    assert "overflows a double" in d.message
    assert parsed.value is None
    assert only(parse("[-1.5E+400]"), "GS006")
    assert only(parse("[" + "9" * 400 + "]"), "GS006")


def test_underflow_is_not_reported() -> None:
    assert parse("[1e-400]").diagnostics == ()


# --------------------------------------------------------------------------------------------
# valid documents: exactly orjson.loads


VALID = [
    b"{}",
    b"[]",
    b"0",
    b'"x"',
    b"null",
    b"-0.0",
    b'  {"a" : [ 1 , 2.5e3 , true , false , null ] }  ',
    b'{"contents": [{"role": "user", "parts": [{"text": "Hi: there http://a.b:80/"}]}]}\n',
    b'{"\\u00e9\\/": "\\"\\\\\\b\\f\\n\\r\\t\\u0000"}',
    '["\u2028 é 😀", 18446744073709551615, -9223372036854775808]'.encode(),
    b'{"a": {"b": {"c": [[[[]]]]}}}',
    b"\r\n\t[1]\r\n",
]


@pytest.mark.parametrize("data", VALID)
def test_valid_documents(data: bytes) -> None:
    for source in (data, data.decode()):
        parsed = parse(source)
        assert parsed.diagnostics == () and parsed.ok
        assert parsed.value == orjson.loads(data)
        assert parsed.text == data.decode()


def test_parsed_is_frozen() -> None:
    parsed = parse("[1]")
    with pytest.raises(AttributeError):
        parsed.value = 2  # type: ignore[misc]


KEYS = st.text(max_size=8) | st.sampled_from(["a:b", "http://x:80/", ":", "~/", "role"])
STRINGS = st.text(max_size=20) | st.sampled_from(["https://a.b:8080/x?y=z:w", "12:30", "::"])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | STRINGS
)
DOCS = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(DOCS)
def test_property_canonical_text_round_trips(doc: Any) -> None:
    for data in (orjson.dumps(doc), orjson.dumps(doc, option=orjson.OPT_INDENT_2)):
        parsed = parse(data)
        assert parsed.diagnostics == ()
        assert parsed.value == doc


@settings(max_examples=200, deadline=None)
@given(DOCS, st.integers(min_value=0, max_value=3))
def test_property_other_styles_round_trip(doc: Any, indent: int) -> None:
    text = json.dumps(doc, indent=indent or None, ensure_ascii=indent % 2 == 1)
    parsed = parse(text)
    assert parsed.diagnostics == ()
    assert parsed.value == doc == orjson.loads(text)


def _dump_with_duplicate(doc: Any, target: int) -> tuple[str, str, int] | None:
    """``doc`` as compact-ish JSON whose ``target``-th non-empty object (in document order)
    repeats its first member; with the repeated member's pointer and offset."""
    out: list[str] = []
    counter = [0]
    found: list[tuple[str, int]] = []

    def emit(value: Any, pointer: str) -> None:
        if isinstance(value, dict) and value:
            index = counter[0]
            counter[0] += 1
            out.append("{")
            members = list(value.items())
            if index == target:
                members.insert(1, members[0])
            for n, (key, item) in enumerate(members):
                if n:
                    out.append(", ")
                child = pointer + "/" + key.replace("~", "~0").replace("/", "~1")
                if index == target and n == 1:
                    found.append((child, sum(map(len, out))))
                out.append(json.dumps(key, ensure_ascii=False) + ": ")
                emit(item, child)
            out.append("}")
        elif isinstance(value, list):
            out.append("[")
            for n, item in enumerate(value):
                if n:
                    out.append(",")
                emit(item, f"{pointer}/{n}")
            out.append("]")
        else:
            out.append(json.dumps(value, ensure_ascii=False))

    emit(doc, "")
    if not found:
        return None
    return "".join(out), found[0][0], found[0][1]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(DOCS.filter(lambda d: isinstance(d, dict | list)), st.integers(0, 10), st.booleans())
def test_property_a_duplicated_key_is_reported(doc: Any, target: int, as_bytes: bool) -> None:
    made = _dump_with_duplicate(doc, target)
    if made is None:
        return
    text, pointer, offset = made
    parsed = parse(text.encode() if as_bytes else text)
    d = only(parsed, "GS003")
    assert d.pointer == pointer
    assert where(d) == (1, offset + 1)
    assert parsed.value == doc


@settings(max_examples=100, deadline=None)
@given(
    DOCS,
    st.integers(min_value=2**64, max_value=10**300) | st.integers(-(10**300), -(2**63) - 1),
)
def test_property_out_of_range_integers_are_reported(doc: Any, big: int) -> None:
    text = json.dumps([doc, big])
    d = only(parse(text), "GS006")
    assert d.pointer == "/1"


# --------------------------------------------------------------------------------------------
# big inputs stay linear


def test_big_string_and_long_list() -> None:
    blob = "QUJD" * 2_500_000  # a 10-million-character string
    text = '{"data": "' + blob + '", "n": [' + ",".join(["1"] * 200_000) + "]}"
    parsed = parse(text)
    assert parsed.ok and parsed.value["data"] == blob
    start = time.perf_counter()
    dup = text[:-1] + ', "data": 1}'
    d = only(parse(dup), "GS003")  # the precise scanner walks the whole text
    assert d.pointer == "/data" and where(d) == (1, len(text) + 2)
    bad = text[:-2] + ",]}"
    d = only(parse(bad), "GS001")
    assert where(d) == (1, len(text) - 1)
    assert time.perf_counter() - start < 30


# --------------------------------------------------------------------------------------------
# locate

LOCATE = """{
  "contents": [
    {"role": "user", "parts": [{"text": "a:b"}, {"inlineData": {"data": "QUJD"}}]},
    {"role": "model", "parts": []}
  ],
  "a/b": {"m~n": [10, [20, 21]]},
  "\\u0041": "escaped key",
  "": {"": 5},
  "dup": 1, "dup": {"x": 2}
}"""


def test_locate_values_and_keys() -> None:
    found = locate(
        LOCATE,
        [
            "",
            "/contents",
            "/contents/0",
            "/contents/0/role",
            "/contents/0/parts/1/inlineData/data",
            "/contents/1/parts",
        ],
    )
    assert found == {
        "": (1, 1),
        "/contents": (2, 3),  # the key of a member
        "/contents/0": (3, 5),  # the value of an element
        "/contents/0/role": (3, 6),
        "/contents/0/parts/1/inlineData/data": (3, 65),
        "/contents/1/parts": (4, 23),
    }


def test_locate_escapes() -> None:
    found = locate(
        LOCATE, ["/a~1b", "/a~1b/m~0n", "/a~1b/m~0n/1", "/a~1b/m~0n/1/1", "/A", "/", "//"]
    )
    assert found == {
        "/a~1b": (6, 3),
        "/a~1b/m~0n": (6, 11),
        "/a~1b/m~0n/1": (6, 23),
        "/a~1b/m~0n/1/1": (6, 28),
        "/A": (7, 3),
        "/": (8, 3),
        "//": (8, 8),
    }


def test_locate_duplicates_resolve_to_the_last() -> None:
    assert locate(LOCATE, ["/dup", "/dup/x"]) == {"/dup": (9, 13), "/dup/x": (9, 21)}


def test_locate_omits_what_does_not_resolve() -> None:
    pointers = ["/contents/2", "/contents/01", "/contents/-", "no-slash", "/nope", "/a~1b/m~0n/5"]
    assert locate(LOCATE, pointers) == {}
    assert locate(LOCATE, []) == {}


def test_locate_unicode_columns_and_bom() -> None:
    text = '\ufeff{"é😀": {"ключ": [0, "x"]}}'
    assert locate(text, ["/é😀/ключ/1"]) == {"/é😀/ключ/1": (1, 21)}


def test_locate_stops_where_the_text_stops_being_json() -> None:
    assert locate('{"a": 1, "b": [1, \'x\', 2], "c": 3}', ["/a", "/b/0", "/c"]) == {
        "/a": (1, 2),
        "/b/0": (1, 16),
    }


def test_locate_deep_document() -> None:
    text = '{"a": ' * 5000 + "1" + "}" * 5000
    found = locate(text, ["/a" * 5000, "/a" * 3])
    assert found == {"/a" * 5000: (1, 6 * 4999 + 2), "/a" * 3: (1, 14)}


def test_locate_agrees_with_parse_positions() -> None:
    parsed = parse(DUPLICATE)
    d = only(parsed, "GS003")
    assert parsed.text is not None
    assert locate(parsed.text, [d.pointer]) == {d.pointer: where(d)}


def _all_pointers(value: Any, pointer: str = "") -> list[str]:
    out = [pointer]
    if isinstance(value, dict):
        for key, child in value.items():
            escaped = key.replace("~", "~0").replace("/", "~1")
            out += _all_pointers(child, f"{pointer}/{escaped}")
    elif isinstance(value, list):
        for i, child in enumerate(value):
            out += _all_pointers(child, f"{pointer}/{i}")
    return out


_TREES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='ab"\\[]{}/~ \n', max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet='ab"\\[]{}/~', max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(_TREES, st.data(), st.sampled_from([None, 2]))
def test_locating_one_pointer_agrees_with_locating_all(
    doc: Any, data: st.DataObject, indent: int | None
) -> None:
    """Subtrees no pointer enters are skipped; that must not move any position."""
    text = json.dumps(doc, indent=indent)
    everything = jsontext.locate(text, _all_pointers(doc))
    one = data.draw(st.sampled_from(_all_pointers(doc)))
    assert jsontext.locate(text, [one]) == {one: everything[one]}


def _pointers(doc: Any) -> list[str]:
    """The pointer of every value in ``doc``, and a few that do not resolve."""
    found, stack = ["/nope", "/0/x"], [("", doc)]
    while stack:
        pointer, node = stack.pop()
        found.append(pointer)
        if isinstance(node, dict | list):
            for key, child in node.items() if isinstance(node, dict) else enumerate(node):
                stack.append((f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}", child))
    return found


@settings(max_examples=300, deadline=None)
@given(DOCS, st.booleans())
def test_compact_text_is_measured_as_the_scanner_reads_it(doc: Any, newline: bool) -> None:
    data = orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE if newline else 0)
    parsed = parse(data)
    assert parsed.compact or not isinstance(doc, dict | list)  # "0\n" looks indented
    pointers = _pointers(doc)
    assert parsed.locate(pointers) == locate(data.decode(), pointers)
    assert parse(data.decode()).locate(pointers) == locate(data.decode(), pointers)


def test_only_orjsons_compact_writing_is_measured() -> None:
    assert parse(b'{"a":[1,{"b":2}]}').compact
    assert not parse(b'{"a": [1, {"b": 2}]}').compact
    assert not parse(orjson.dumps({"a": [1]}, option=orjson.OPT_INDENT_2)).compact
    assert not parse(b'{"a":1,"a":2}').compact
    assert parse(b'{"a":1,"a":2}').locate(["/a"]) == {"/a": (1, 8)}
