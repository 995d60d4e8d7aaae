"""Hostile and malformed input: a diagnostic or a typed error, every time (issue 7).

gemschema sits in gateways' request paths and sees whatever the internet sends. Every entry point
gets the same treatment here — ``validate_json``, ``validate``, ``normalize`` (and its JSON and
file-text forms), the OpenAI converters and the command line — fed invalid JSON of every kind,
``NaN``/``Infinity``, duplicate keys, bad encodings, out-of-range numbers, booleans for numbers,
100,000 levels of nesting, a 200 MB document, a 10-million-character string, a million parts,
``$ref`` URLs and pattern-heavy strings for every regular expression the package uses. Each must
answer with a diagnostic (or a :class:`~gemschema.errors.GemschemaError` for a bad *call*): no
other exception, no crash, no hang, no unbounded memory, no network access.

The network is blocked for the whole module (``socket`` connect and name resolution raise and
are recorded; the last test checks nothing tried), and in every child process this module
starts. Inputs that could crash or hang the interpreter run in a child process with a timeout.

Known bugs are ``xfail(strict=True)`` with the reason: each turns into a failure ("XPASS") the
day it is fixed, so the mark has to go.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import importlib
import json
import math
import os
import pkgutil
import re
import socket
import subprocess
import sys
import textwrap
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

import gemschema
from gemschema import jsontext
from gemschema.canonical import DEFAULT_MAX_DEPTH as WALK_MAX_DEPTH
from gemschema.cli import main as cli_main
from gemschema.errors import GemschemaError
from gemschema.normalization import normalize, normalize_json, normalize_text
from tests.conftest import ROOT

if TYPE_CHECKING:
    from types import ModuleType


def converters() -> ModuleType:
    """The OpenAI converters (a test that needs them is skipped while they do not import)."""
    return pytest.importorskip("gemschema.openai")


# --- the network is blocked for the whole module -----------------------------------------

NETWORK_ATTEMPTS: list[str] = []

_BLOCK_NETWORK = """
import socket

def _refuse(*args, **kwargs):
    raise OSError("network access blocked by tests/test_hostile.py")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.getaddrinfo = _refuse
socket.create_connection = _refuse
"""
"""The same block for child processes (a ``sitecustomize`` put first on their path)."""


@pytest.fixture(autouse=True, scope="module")
def _no_network() -> Iterator[None]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        NETWORK_ATTEMPTS.append(
            repr(args[1:3] if args and isinstance(args[0], socket.socket) else args[:2])
        )
        raise OSError("network access blocked by tests/test_hostile.py")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", refuse)
        mp.setattr(socket.socket, "connect_ex", refuse)
        mp.setattr(socket, "getaddrinfo", refuse)
        mp.setattr(socket, "create_connection", refuse)
        yield


def test_the_network_block_works() -> None:
    """The guard itself: a name lookup fails and is recorded (then forgotten)."""
    import urllib.request

    before = len(NETWORK_ATTEMPTS)
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.com/schema.json", timeout=1)
    assert len(NETWORK_ATTEMPTS) > before
    del NETWORK_ATTEMPTS[before:]


def test_the_network_block_works_in_child_processes(tmp_path: Path) -> None:
    code = """
        import socket
        try:
            socket.getaddrinfo("example.com", 443)
        except OSError as exc:
            print(exc)
    """
    out = finished(run_child(code, tmp_path, 30), 30)
    assert "network access blocked" in out


# --- helpers ---------------------------------------------------------------------------------


def child_env(tmp_path: Path) -> dict[str, str]:
    """Environment of a child process: this checkout importable, the network blocked."""
    site = tmp_path / "blocked-site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(_BLOCK_NETWORK)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT), env.get("PYTHONPATH", "")])
    env["PYTHONFAULTHANDLER"] = "1"
    return env


def run_child(code: str, tmp_path: Path, timeout: float) -> subprocess.CompletedProcess[str] | None:
    """Run Python ``code`` in a child process; ``None`` when it did not finish in ``timeout`` s."""
    try:
        return subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=child_env(tmp_path),
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None


def finished(result: subprocess.CompletedProcess[str] | None, timeout: float) -> str:
    """The child's stdout; fails the test when it timed out, crashed or raised."""
    assert result is not None, f"did not finish within {timeout} s"
    assert result.returncode == 0, (
        f"exit status {result.returncode} (negative: killed by that signal)\n{result.stderr[-3000:]}"
    )
    return result.stdout


def measure(call: Callable[[], Any]) -> tuple[Any, float, int]:
    """(result, seconds, peak bytes traced while it ran)."""
    tracemalloc.start()
    try:
        start = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, elapsed, peak


def assert_diagnostics_are_sane(diagnostics: Any, text: bool) -> None:
    """Codes from the catalog; from text, 1-based positions on every diagnostic."""
    from gemschema.rules.catalog import RULES

    for d in diagnostics:
        assert d.code in RULES, d
        assert isinstance(d.pointer, str) and (d.pointer == "" or d.pointer.startswith("/")), d
        if text:
            assert d.line is not None and d.line >= 1, d
            assert d.column is None or d.column >= 1, d


DEEP = 100_000
"""Levels of nesting of the deep inputs."""

USER = {"role": "user", "parts": [{"text": "hi"}]}
REQUEST: dict[str, Any] = {"contents": [USER]}
REQUEST_TEXT = json.dumps(REQUEST)


def request_text(config: str) -> str:
    """A request whose generationConfig body is ``config`` (JSON text)."""
    return (
        '{"contents": [{"role": "user", "parts": [{"text": "hi"}]}], "generationConfig": {'
        + config
        + "}}"
    )


def args_request_text(args: str) -> str:
    """A valid function-calling request (call, answer, declaration) whose call has ``args``."""
    return (
        '{"contents": [{"role": "user", "parts": [{"text": "q"}]}, {"role": "model", "parts": '
        '[{"functionCall": {"name": "f", "args": ' + args + '}, "thoughtSignature": "c2ln"}]}, '
        '{"role": "user", "parts": [{"functionResponse": {"name": "f", "response": {"ok": true}}}]}], '
        '"tools": [{"functionDeclarations": [{"name": "f"}]}]}'
    )


# --- hostile JSON text -----------------------------------------------------------------------

HOSTILE_TEXT: dict[str, tuple[bytes, str, str | None]] = {
    # name: (the bytes, the code they must yield, its pointer or None for "anywhere")
    "truncated": (b'{"contents": [{"role": "user", "parts": [{"text": "hi"', "GS001", None),
    "truncated-in-string": (b'{"contents": [{"role": "user", "parts": [{"text": "h', "GS001", None),
    "empty": (b"", "GS001", ""),
    "whitespace-only": (b" \n\t ", "GS001", ""),
    "trailing-comma-object": (REQUEST_TEXT[:-1].encode() + b",}", "GS001", None),
    "trailing-comma-array": (
        b'{"contents": [{"role": "user", "parts": [{"text": "hi"},]}]}',
        "GS001",
        None,
    ),
    "single-quotes": (
        b"{'contents': [{'role': 'user', 'parts': [{'text': 'hi'}]}]}",
        "GS001",
        None,
    ),
    "line-comment": (b"// a comment\n" + REQUEST_TEXT.encode(), "GS001", None),
    "block-comment": (b'{"contents": /* c */ []}', "GS001", None),
    "hash-comment": (b"# c\n" + REQUEST_TEXT.encode(), "GS001", None),
    "unquoted-key": (b"{contents: []}", "GS001", None),
    "python-literals": (
        request_text('"candidateCount": None, "presencePenalty": True').encode(),
        "GS001",
        None,
    ),
    "two-documents": ((REQUEST_TEXT + REQUEST_TEXT).encode(), "GS001", None),
    "nan": (request_text('"temperature": NaN').encode(), "GS001", "/generationConfig/temperature"),
    "infinity": (
        request_text('"temperature": Infinity').encode(),
        "GS001",
        "/generationConfig/temperature",
    ),
    "minus-infinity": (
        request_text('"temperature": -Infinity').encode(),
        "GS001",
        "/generationConfig/temperature",
    ),
    "leading-zero": (request_text('"topK": 01').encode(), "GS001", None),
    "hex-number": (request_text('"topK": 0x1F').encode(), "GS001", None),
    "control-char-in-string": (
        b'{"contents": [{"role": "user", "parts": [{"text": "a\x01b"}]}]}',
        "GS001",
        None,
    ),
    "bad-escape": (
        b'{"contents": [{"role": "user", "parts": [{"text": "\\x41"}]}]}',
        "GS001",
        None,
    ),
    "nul-byte": (b"\x00", "GS001", None),
    "duplicate-key-top": (
        b'{"contents": [{"role": "user", "parts": [{"text": "a"}]}], "contents": [{"role": "user", "parts": [{"text": "b"}]}]}',
        "GS003",
        "/contents",
    ),
    "duplicate-key-in-args": (
        args_request_text('{"x": 1, "x": 2}').encode(),
        "GS003",
        "/contents/1/parts/0/functionCall/args/x",
    ),
    "duplicate-key-escaped": (
        b'{"contents": [{"role": "user", "parts": [{"text": "a", "t\\u0065xt": "b"}]}]}',
        "GS003",
        "/contents/0/parts/0/text",
    ),
    "invalid-utf8": (
        b'{"contents": [{"role": "user", "parts": [{"text": "\xff\xfe"}]}]}',
        "GS002",
        None,
    ),
    "overlong-utf8": (
        b'{"contents": [{"role": "user", "parts": [{"text": "\xc0\xaf"}]}]}',
        "GS002",
        None,
    ),
    "encoded-surrogate-utf8": (
        b'{"contents": [{"role": "user", "parts": [{"text": "\xed\xa0\x80"}]}]}',
        "GS002",
        None,
    ),
    "lone-surrogate-escape": (
        b'{"contents": [{"role": "user", "parts": [{"text": "\\ud800"}]}]}',
        "GS002",
        "/contents/0/parts/0/text",
    ),
    "lone-low-surrogate-in-key": (
        b'{"contents": [{"role": "user", "parts": [{"text": "a"}]}], "\\udc00": 1}',
        "GS002",
        None,
    ),
    "utf16-with-bom": (REQUEST_TEXT.encode("utf-16"), "GS002", None),
    "utf16-le": (REQUEST_TEXT.encode("utf-16-le"), "GS002", None),
    "utf16-be": (REQUEST_TEXT.encode("utf-16-be"), "GS002", None),
    "utf32": (REQUEST_TEXT.encode("utf-32"), "GS002", None),
    "int32-overflow": (
        request_text('"maxOutputTokens": 2147483648').encode(),
        "GS107",
        "/generationConfig/maxOutputTokens",
    ),
    "int32-underflow": (
        request_text('"seed": -2147483649').encode(),
        "GS107",
        "/generationConfig/seed",
    ),
    "int64-overflow": (
        b'{"contents": [{"role": "user", "parts": [{"text": "hi"}]}], "generationConfig": {"responseMimeType": '
        b'"application/json", "responseSchema": {"type": "STRING", "maxLength": 9223372036854775808}}}',
        "GS107",
        "/generationConfig/responseSchema/maxLength",
    ),
    "int64-overflow-as-string": (
        b'{"contents": [{"role": "user", "parts": [{"text": "hi"}]}], "generationConfig": {"responseMimeType": '
        b'"application/json", "responseSchema": {"type": "STRING", "maxLength": "99999999999999999999999"}}}',
        "GS107",
        "/generationConfig/responseSchema/maxLength",
    ),
    "integer-beyond-64-bits": (
        request_text('"maxOutputTokens": 123456789012345678901234567890').encode(),
        "GS006",
        "/generationConfig/maxOutputTokens",
    ),
    "1e999": (
        request_text('"temperature": 1e999').encode(),
        "GS006",
        "/generationConfig/temperature",
    ),
    "-1e999": (request_text('"topP": -1e999').encode(), "GS006", "/generationConfig/topP"),
    "true-for-number": (
        request_text('"temperature": true').encode(),
        "GS103",
        "/generationConfig/temperature",
    ),
    "true-for-integer": (
        request_text('"maxOutputTokens": true').encode(),
        "GS103",
        "/generationConfig/maxOutputTokens",
    ),
    "false-for-integer": (
        request_text('"candidateCount": false').encode(),
        "GS103",
        "/generationConfig/candidateCount",
    ),
    "true-for-string": (
        b'{"contents": [{"role": "user", "parts": [{"text": true}]}]}',
        "GS103",
        "/contents/0/parts/0/text",
    ),
}
"""Malformed payloads and the code each must give (GS001 syntax, GS002 encoding, GS003 duplicate
key, GS006 number precision, GS103 wrong type, GS107 integer out of range)."""

PARSER_CODES = {"GS001", "GS002", "GS003", "GS004", "GS006"}


_TEXT_XFAIL: dict[str, str] = {}
"""Hostile texts whose bug is not fixed yet (name → reason), for the validator and the CLI."""


def _xfail(name: str, known: dict[str, str]) -> list[Any]:
    return [pytest.mark.xfail(strict=True, reason=known[name])] if name in known else []


def _texts(known: dict[str, str]) -> list[Any]:
    return [
        pytest.param(data, code, pointer, id=name, marks=_xfail(name, known))
        for name, (data, code, pointer) in HOSTILE_TEXT.items()
    ]


@pytest.mark.parametrize(("data", "code", "pointer"), _texts(_TEXT_XFAIL))
def test_validate_json_reports_hostile_text(data: bytes, code: str, pointer: str | None) -> None:
    report = gemschema.validate_json(data)
    assert not report.ok, report
    found = [(d.code, d.pointer) for d in report]
    if pointer is None:
        assert code in report.codes, found
    else:
        assert (code, pointer) in found, found
    assert_diagnostics_are_sane(report, text=True)
    text = _as_str(data)
    if text is not None:  # the same text handed over as a str
        again = gemschema.validate_json(text)
        assert not again.ok
        if code != "GS002":  # UTF-16 bytes can decode as UTF-8: then they are text full of NULs
            assert [(d.code, d.pointer) for d in again] == found


def _as_str(data: bytes) -> str | None:
    """The text a caller holding a ``str`` would pass (None when the bytes are not UTF-8)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def test_a_bom_is_a_warning_and_the_document_is_still_checked() -> None:
    bom = b"\xef\xbb\xbf"
    report = gemschema.validate_json(bom + REQUEST_TEXT.encode())
    assert report.ok and report.codes == ["GS005"]
    assert gemschema.validate_json(bom + b'{"contents": 1}').codes == ["GS005", "GS103"]
    assert gemschema.validate_json("\ufeff" + REQUEST_TEXT).codes == ["GS005"]
    assert normalize_json(bom + REQUEST_TEXT.encode()).writable


def test_a_raw_lone_surrogate_in_str_input_is_an_encoding_error() -> None:
    text = '{"contents": [{"role": "user", "parts": [{"text": "\ud800"}]}]}'
    assert "GS002" in gemschema.validate_json(text).codes
    assert "GS002" in [d.code for d in normalize_json(text).diagnostics]


@pytest.mark.parametrize(("data", "code", "pointer"), _texts({}))
def test_normalize_json_never_raises_and_refuses_what_does_not_parse(
    data: bytes, code: str, pointer: str | None
) -> None:
    result = normalize_json(data)
    codes = [d.code for d in result.diagnostics]
    if code in PARSER_CODES:
        assert code in codes, codes
        if code != "GS006":  # a number most parsers change is kept as written, not refused
            assert not result.writable and result.document is None
    if result.writable and result.document is not None:
        result.to_json()
    text = _as_str(data)
    if text is not None:
        normalized = normalize_text(text)
        if code in PARSER_CODES - {"GS006"}:
            assert not normalized.writable and normalized.text == text


_CONVERTER_XFAIL: dict[str, str] = {}
"""Hostile texts the converters do not refuse yet (name → reason)."""


def _converter_cases() -> list[Any]:
    out = []
    for name, (data, code, _) in HOSTILE_TEXT.items():
        if _as_str(data) is None:
            continue
        marks = _xfail(name, _CONVERTER_XFAIL)
        out.append(pytest.param(data.decode(), code, id=name, marks=marks))
    return out


@pytest.mark.parametrize(("text", "code"), _converter_cases())
def test_convert_text_refuses_hostile_gemini_text(text: str, code: str) -> None:
    """Text that is not a valid request is refused with a typed error, never converted."""
    openai = converters()
    with pytest.raises(GemschemaError):
        openai.convert_text(text, "gemini", "openai", kind="request")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            '{"model": "m", "messages": [{"role": "user", "content": "hi"}], "temperature": NaN}',
            id="nan",
        ),
        pytest.param(
            '{"model": "m", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 1e999}',
            id="1e999",
        ),
        pytest.param(
            '{"model": "m", "messages": [{"role": "user", "content": "hi"},]}', id="trailing-comma"
        ),
        pytest.param(
            '{"model": "m", "messages": ' + "[" * 100_000 + "]" * 100_000 + "}",
            id="deep",
        ),
        pytest.param(
            '{"model": "m", "messages": [{"role": "user", "content": "a"}], "messages": [{"role": "user", "content": "b"}]}',
            id="duplicate-key",
        ),
    ],
)
def test_convert_text_refuses_hostile_openai_text(text: str) -> None:
    openai = converters()
    with pytest.raises(GemschemaError):
        openai.convert_text(text, "openai", "gemini", kind="request")


def openai_call_request(arguments: str, content: str = "hi") -> dict[str, Any]:
    """An OpenAI chat request whose assistant turn calls ``f`` with these ``arguments`` (text)."""
    call = {"id": "c1", "type": "function", "function": {"name": "f", "arguments": arguments}}
    return {
        "model": "m",
        "messages": [
            {"role": "user", "content": content},
            {"role": "assistant", "content": None, "tool_calls": [call]},
            {"role": "tool", "tool_call_id": "c1", "content": "ok"},
        ],
        "tools": [
            {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}
        ],
    }


def strict_json(document: Any) -> None:
    """Fails unless ``document`` serialises as standard JSON in UTF-8 (no NaN, no lone surrogate)."""
    json.dumps(document, allow_nan=False, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param("{'a': 1}", id="single-quotes"),
        pytest.param('{"a": 1,}', id="trailing-comma"),
        pytest.param(
            '{"a": NaN}',
            id="nan",
        ),
        pytest.param(
            '{"a": 1, "a": 2}',
            id="duplicate-key",
        ),
        pytest.param(
            '{"a": ' + "[" * DEEP + "]" * DEEP + "}",
            id="deep",
        ),
        pytest.param(
            '{"a": "\\ud800"}',
            id="lone-surrogate",
        ),
    ],
)
def test_request_to_gemini_reports_tool_call_arguments_that_are_not_json(arguments: str) -> None:
    openai = converters()
    try:
        converted = openai.request_to_gemini(openai_call_request(arguments))
    except GemschemaError:
        return
    strict_json(converted.document)
    assert "/messages/1/tool_calls/0/function/arguments" in {
        loss.pointer for loss in converted.losses
    }


def test_request_to_gemini_refuses_a_lone_surrogate() -> None:
    openai = converters()
    with pytest.raises(GemschemaError):
        strict_json(openai.request_to_gemini(openai_call_request("{}", content="\ud800")).document)


def _tool_request(parameters: Any) -> dict[str, Any]:
    tool = {"type": "function", "function": {"name": "f", "parameters": parameters}}
    return {"model": "m", "messages": [{"role": "user", "content": "q"}], "tools": [tool]}


def _nested_schema(depth: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(depth):
        schema = {"type": "object", "properties": {"p": schema}}
    return schema


@pytest.mark.parametrize(
    ("parameters", "code", "pointer"),
    [
        (
            {"type": "object", "properties": {"a": {"default": math.nan}}},
            "GS006",
            "/tools/0/function/parameters/properties/a/default",
        ),
        ({"type": "object", "properties": {"a": {"enum": {1, 2}}}}, "GS103", None),
        (_nested_schema(1_000), "GS004", None),
    ],
)
def test_request_to_gemini_blames_the_request_for_values_that_are_not_json(
    parameters: Any, code: str, pointer: str | None
) -> None:
    openai = converters()
    with pytest.raises(openai.ConversionError) as caught:
        openai.request_to_gemini(_tool_request(parameters))
    error = caught.value
    assert error.stage == "input"
    found = [(d.code, d.pointer) for d in error.diagnostics]
    assert code in {c for c, _ in found}
    assert all(p.startswith("/tools/0/function/parameters") for _, p in found)
    if pointer is not None:
        assert (code, pointer) in found


def test_schemas_nested_100000_deep_are_cut_not_recursed() -> None:
    openai = converters()
    from gemschema.openai._schema import MAX_DEPTH

    converted = openai.request_to_gemini(_tool_request(_nested_schema(DEEP)), schema="gemini")
    [loss] = converted.losses
    assert loss.pointer.count("/properties/p") == MAX_DEPTH and "cut" in loss.reason
    assert gemschema.validate(converted.document).ok


def _nested(depth: int, wrap: Callable[[Any], Any]) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = wrap(value)
    return value


HOSTILE_OPENAI_VALUES = (
    math.nan,
    math.inf,
    {1, 2},
    b"bytes",
    uuid.uuid4(),
    "\ud800",
    2**80,
    10**400,
    (1, "x"),
    _nested(600, lambda v: (v,)),
    _nested(600, lambda v: {"a": v}),
    _nested(600, lambda v: [v]),
    {1: "a"},
    object(),
    None,
    True,
    "",
    [],
    {},
)
"""Values to put anywhere in a document to convert: not JSON, or JSON of a wrong shape."""


def _locations(document: Any) -> list[tuple[Any, ...]]:
    """The path of every value in ``document`` (the root is ``()``)."""
    found, stack = [], [((), document)]
    while stack:
        path, node = stack.pop()
        found.append(path)
        if isinstance(node, dict | list):
            for key, child in node.items() if isinstance(node, dict) else enumerate(node):
                stack.append(((*path, key), child))
    return found


@hyp_settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_converters_refuse_hostile_documents_with_a_typed_error(data: st.DataObject) -> None:
    """Found by this test: tracebacks (``TypeError`` on ``{"role": {}}``, ``KeyError`` on a
    function without a name, ``OverflowError`` on a huge ``created`` …) where a shape was
    assumed; now every OpenAI document is checked against the shapes the converters read."""
    from tests.strategies_openai import (
        gemini_responses,
        gemini_streams,
        openai_chunks,
        openai_completions,
        openai_requests,
    )

    openai = converters()
    kinds = ["request", "response", "stream", "error", "gemini-stream", "gemini-error"]
    kind = data.draw(st.sampled_from(kinds), label="kind")
    document: Any
    if kind == "request":
        document = data.draw(openai_requests(lossy=True))
    elif kind == "response":
        document = data.draw(openai_completions())
    elif kind == "stream":
        document = openai_chunks(data.draw(openai_completions()), data.draw)
    elif kind == "gemini-stream":
        document = data.draw(gemini_streams(data.draw(gemini_responses())))
    elif kind == "gemini-error":
        violation = {"field": "contents", "description": "empty"}
        details = [
            {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [violation]}
        ]
        document = {
            "error": {"code": 400, "message": "m", "status": "INVALID_ARGUMENT", "details": details}
        }
    else:
        document = {"error": {"message": "m", "type": "invalid_request_error", "code": "c"}}
    where = data.draw(st.sampled_from(_locations(document)), label="where")
    value = data.draw(st.sampled_from(range(len(HOSTILE_OPENAI_VALUES))), label="value")
    document = copy.deepcopy(document)
    if where:
        node = document
        for key in where[:-1]:
            node = node[key]
        node[where[-1]] = HOSTILE_OPENAI_VALUES[value]
    else:
        document = HOSTILE_OPENAI_VALUES[value]
    convert: dict[str, list[Callable[[Any], Any]]] = {
        "request": [
            openai.request_to_gemini,
            lambda d: openai.request_to_gemini(d, schema="gemini"),
            lambda d: openai.request_to_gemini(d, api_version="v1"),
        ],
        "response": [openai.response_from_openai],
        "stream": [openai.stream_to_gemini],
        "error": [openai.error_from_openai],
        "gemini-stream": [openai.stream_to_openai],
        "gemini-error": [openai.error_to_openai],
    }
    for run in convert[kind]:
        with contextlib.suppress(GemschemaError):
            run(document)


def test_convert_text_refuses_deep_gemini_text() -> None:
    openai = converters()
    with pytest.raises(GemschemaError):
        openai.convert_text(deep_args_text(DEEP), "gemini", "openai", kind="request")


# --- hostile Python values -------------------------------------------------------------------


def _config(**config: Any) -> dict[str, Any]:
    return {"contents": [dict(USER)], "generationConfig": config}


def with_args(args: Any) -> dict[str, Any]:
    """A valid function-calling request whose one call has these ``args``."""
    return {
        "contents": [
            {"role": "user", "parts": [{"text": "q"}]},
            {
                "role": "model",
                "parts": [
                    {"functionCall": {"name": "f", "args": args}, "thoughtSignature": "c2ln"}
                ],
            },
            {
                "role": "user",
                "parts": [{"functionResponse": {"name": "f", "response": {"ok": True}}}],
            },
        ],
        "tools": [{"functionDeclarations": [{"name": "f"}]}],
    }


HOSTILE_VALUES: dict[str, tuple[Any, str | None, str]] = {
    # name: (the document, the code it must yield or None for any error, the pointer; "a|b": a or b)
    "nan": (_config(temperature=float("nan")), None, "/generationConfig/temperature"),
    "infinity": (_config(temperature=float("inf")), None, "/generationConfig/temperature"),
    "minus-infinity": (_config(topP=float("-inf")), None, "/generationConfig/topP"),
    "int32-overflow": (
        _config(maxOutputTokens=2**31),
        "GS107",
        "/generationConfig/maxOutputTokens",
    ),
    "int32-underflow": (_config(seed=-(2**31) - 1), "GS107", "/generationConfig/seed"),
    "int64-overflow": (
        {
            "contents": [dict(USER)],
            "generationConfig": {
                "responseMimeType": "application/json",
                "responseSchema": {"type": "STRING", "minLength": 2**63},
            },
        },
        "GS107",
        "/generationConfig/responseSchema/minLength",
    ),
    "huge-int": (_config(topK=10**400), "GS107", "/generationConfig/topK"),
    "huge-float-for-int": (
        _config(maxOutputTokens=1e300),
        None,
        "/generationConfig/maxOutputTokens",
    ),
    "true-for-number": (_config(temperature=True), "GS103", "/generationConfig/temperature"),
    "true-for-integer": (
        _config(maxOutputTokens=True),
        "GS103",
        "/generationConfig/maxOutputTokens",
    ),
    "false-for-integer": (
        _config(candidateCount=False),
        "GS103",
        "/generationConfig/candidateCount",
    ),
    "lone-surrogate-value": (
        {"contents": [{"role": "user", "parts": [{"text": "\ud800"}]}]},
        "GS002",
        "/contents/0/parts/0/text",
    ),
    # at the member, or at the object holding it (a pointer with the surrogate cannot be encoded)
    "lone-surrogate-key": ({"contents": [dict(USER)], "\udc00": 1}, "GS002", "/\udc00|"),
    "lone-surrogate-in-args": (
        with_args({"city": "\ud800"}),
        "GS002",
        "/contents/1/parts/0/functionCall/args/city",
    ),
}
"""Documents a caller might hand to ``validate`` directly (after its own, lenient, parser)."""


def _value_cases(xfail: dict[str, str]) -> list[Any]:
    return [
        pytest.param(
            copy.deepcopy(doc),
            code,
            pointer,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=xfail[name])] if name in xfail else [],
        )
        for name, (doc, code, pointer) in HOSTILE_VALUES.items()
    ]


@pytest.mark.parametrize(("doc", "code", "pointer"), _value_cases({}))
@pytest.mark.parametrize("backend", ["rs", "reference"])
def test_validate_reports_hostile_values(
    doc: Any, code: str | None, pointer: str, backend: str
) -> None:
    report = gemschema.validate(doc, backend=backend)
    assert not report.ok, report
    at = [d.code for d in report.errors if d.pointer in pointer.split("|")]
    assert at, [(d.code, d.pointer) for d in report]
    if code is not None:
        assert code in at, [(d.code, d.pointer) for d in report]
    assert_diagnostics_are_sane(report, text=False)


@pytest.mark.parametrize(("doc", "code", "pointer"), _value_cases({}))
def test_normalize_output_of_hostile_values_is_json_or_refused(
    doc: Any, code: str | None, pointer: str
) -> None:
    """normalize() never raises; what it calls writable serialises to valid UTF-8 JSON."""
    result = normalize(doc)
    if result.writable:
        text = result.to_json()
        text.encode("utf-8")
        codes = {d.code for d in jsontext.parse(text).diagnostics}
        assert not codes & {"GS001", "GS002"}, codes  # GS006 is right for 10**400


@pytest.mark.parametrize(("doc", "code", "pointer"), _value_cases({}))
def test_request_from_gemini_refuses_hostile_values(
    doc: Any, code: str | None, pointer: str
) -> None:
    openai = converters()
    with pytest.raises(openai.ConversionError):
        openai.request_from_gemini(doc)


def _not_json_values() -> dict[str, dict[str, Any]]:
    import decimal

    def text(value: Any) -> dict[str, Any]:
        return {"contents": [{"role": "user", "parts": [{"text": value}]}]}

    return {
        "bytes": text(b"hi"),
        "set": text({"hi"}),
        "object": text(object()),
        "decimal": _config(temperature=decimal.Decimal("0.5")),
        "int-key": {"contents": [dict(USER)], 1: 1},
        "int-key-in-args": with_args({1: 2}),
        "bytes-in-args": with_args({"a": b"x"}),
    }


@pytest.mark.parametrize("backend", ["rs", "reference"])
@pytest.mark.parametrize("name", list(_not_json_values()))
def test_validate_reports_python_values_that_are_not_json(name: str, backend: str) -> None:
    report = gemschema.validate(_not_json_values()[name], backend=backend)
    assert not report.ok and "GS103" in report.codes, report


@pytest.mark.parametrize("name", list(_not_json_values()))
def test_normalize_and_converters_refuse_python_values_that_are_not_json(name: str) -> None:
    result = normalize(_not_json_values()[name])
    assert not result.writable and "GS103" in [d.code for d in result.diagnostics]
    openai = converters()
    with pytest.raises(openai.ConversionError):
        openai.request_from_gemini(_not_json_values()[name])


# --- nesting 100,000 levels deep -------------------------------------------------------------


def deep_args_text(depth: int) -> str:
    """A request whose functionCall.args nest ``depth`` objects deep."""
    return args_request_text('{"a": ' * depth + "{}" + "}" * depth)


def deep_schema_text(depth: int) -> str:
    """A request whose responseSchema nests ``depth`` OBJECT schemas deep."""
    schema = '{"type": "OBJECT", "properties": {"p": ' * depth + '{"type": "STRING"}' + "}}" * depth
    return (
        '{"contents": [{"role": "user", "parts": [{"text": "q"}]}], "generationConfig": '
        '{"responseMimeType": "application/json", "responseSchema": ' + schema + "}}"
    )


def deep_args(depth: int) -> dict[str, Any]:
    args: dict[str, Any] = {}
    for _ in range(depth):
        args = {"a": args}
    return with_args(args)


def deep_schema(depth: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "STRING"}
    for _ in range(depth):
        schema = {"type": "OBJECT", "properties": {"p": schema}}
    doc: dict[str, Any] = json.loads(deep_schema_text(0))
    doc["generationConfig"]["responseSchema"] = schema
    return doc


def test_the_depth_limit_is_documented_and_configurable() -> None:
    """GS004 and its default of 512 are in the rule catalog; ``max_depth`` moves the limit."""
    rules = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert re.search(r"GS004.*json-too-deep.*default 512", rules), (
        "docs/rules.md must state the limit"
    )
    assert jsontext.DEFAULT_MAX_DEPTH == WALK_MAX_DEPTH == 512
    assert "max_depth" in (gemschema.validate_json.__doc__ or "") + (jsontext.__doc__ or "")
    text = deep_args_text(40)
    assert gemschema.validate_json(text).ok
    assert "GS004" in gemschema.validate_json(text, max_depth=20).codes
    assert "GS004" in [d.code for d in normalize_json(text, max_depth=20).diagnostics]
    assert "GS004" in gemschema.validate_json(deep_args_text(600)).codes
    assert gemschema.validate_json(deep_args_text(600), max_depth=1000).ok
    with pytest.raises(GemschemaError):
        gemschema.validate_json(text, max_depth=0)


@pytest.mark.parametrize("make", [deep_args_text, deep_schema_text], ids=["args", "schema"])
def test_nesting_100000_deep_text_is_a_diagnostic(make: Callable[[int], str]) -> None:
    text = make(DEEP)
    start = time.perf_counter()
    report = gemschema.validate_json(text)
    assert time.perf_counter() - start < 10
    assert "GS004" in report.codes and not report.ok
    result = normalize_json(text)
    assert "GS004" in [d.code for d in result.diagnostics] and not result.writable
    assert not normalize_text(text).writable


def test_validate_dict_with_args_100000_deep_is_a_diagnostic() -> None:
    report = gemschema.validate(deep_args(DEEP))
    assert "GS004" in report.codes and not report.ok
    assert "GS004" in gemschema.validate(deep_args(600)).codes
    assert gemschema.validate(deep_args(600), max_depth=1000).ok


def test_normalize_dict_with_args_100000_deep_is_refused() -> None:
    result = normalize(deep_args(DEEP))  # to_json() of it would need ~10 GB (indentation)
    assert "GS004" in [d.code for d in result.diagnostics] and not result.writable


def test_normalize_dict_with_schema_100000_deep_is_refused() -> None:
    result = normalize(deep_schema(DEEP))
    assert "GS004" in [d.code for d in result.diagnostics] and not result.writable


def test_validate_dict_with_schema_100000_deep_is_a_diagnostic(tmp_path: Path) -> None:
    """In a child process: jsonschema_rs overflowed the C stack (SIGSEGV) on such a dict."""
    out = finished(
        run_child(
            f"""
            import gemschema
            from tests.test_hostile import deep_schema
            for depth in (5_000, {DEEP}):
                print(" ".join(gemschema.validate(deep_schema(depth)).codes))
            """,
            tmp_path,
            timeout=60,
        ),
        60,
    )
    assert [line.split() for line in out.splitlines()] == [["GS004"], ["GS004"]]


def test_deep_tuples_in_python_documents_never_reach_orjson(tmp_path: Path) -> None:
    """In a child process: orjson does not count tuples against its depth limit, and 100,000
    nested ones overflowed the C stack (SIGSEGV) in validate and in a conversion."""
    out = finished(
        run_child(
            f"""
            import gemschema
            from gemschema.normalization import normalize
            from gemschema.openai import ConversionError, request_to_gemini
            from tests.test_hostile import with_args
            deep = 1
            for _ in range({DEEP}):
                deep = (deep,)
            print(*gemschema.validate(with_args({{"a": deep}})).codes)
            print(*gemschema.validate(with_args({{"a": deep}}), max_depth=2 * {DEEP}).codes)
            print(*[d.code for d in normalize(with_args({{"a": deep}})).diagnostics])
            print(gemschema.validate(with_args({{"a": (1, ("x", {{"b": (2,)}}))}})).codes)
            schema = {{"type": "object", "properties": {{"a": {{"default": deep}}}}}}
            tool = {{"type": "function", "function": {{"name": "f", "parameters": schema}}}}
            request = {{"model": "m", "messages": [{{"role": "user", "content": "q"}}], "tools": [tool]}}
            try:
                request_to_gemini(request)
            except ConversionError as error:
                print(*[d.code for d in error.diagnostics])
            """,
            tmp_path,
            timeout=120,
        ),
        120,
    )
    assert out.splitlines() == ["GS004", "", "GS004", "[]", "GS004"]


@pytest.mark.parametrize("where", ["unknown-field", "wrong-type"])
def test_a_deep_value_where_the_schema_says_no_is_a_diagnostic(where: str) -> None:
    """Under the depth limit, but deeper than jsonschema-rs returns offending values (~254:
    it raised ValueError('Recursion limit reached'), found by the fuzzer)."""
    deep = "[" * 300 + "]" * 300
    if where == "unknown-field":
        text = REQUEST_TEXT[:-1] + ', "zz": ' + deep + "}"
        expected = "GS101"
    else:
        text = '{"contents": [{"role": "user", "parts": [{"text": ' + deep + "}]}]}"
        expected = "GS103"
    assert expected in gemschema.validate_json(text).codes
    assert expected in gemschema.validate(json.loads(text)).codes


def test_request_from_gemini_with_deep_args_is_a_typed_error() -> None:
    openai = converters()
    with pytest.raises(GemschemaError):
        openai.request_from_gemini(deep_args(DEEP))


# --- big documents ---------------------------------------------------------------------------

MB = 1 << 20


def big_request(total: int) -> bytes:
    """A valid request of about ``total`` bytes: 1 MB base64 images (what big requests are)."""
    image = "QUFB" * (MB // 4)
    parts = ",".join(
        '{"inlineData": {"mimeType": "image/png", "data": "' + image + '"}}'
        for _ in range(total // MB)
    )
    return (
        '{"contents": [{"role": "user", "parts": [{"text": "describe"},' + parts + "]}]}"
    ).encode()


@pytest.mark.slow
def test_a_200_mb_document_in_bounded_time_and_memory() -> None:
    """Linear: within a small multiple of the parse floor (``orjson.loads``) in time and memory."""
    data = big_request(200 * MB)
    assert len(data) > 200 * 1000 * 1000
    _, floor_seconds, floor_peak = measure(lambda: orjson.loads(data))
    report, seconds, peak = measure(lambda: gemschema.validate_json(data))
    assert report.ok, report.diagnostics[:5]
    # generous for a noisy 2-core machine: measured ~1.6 s and the floor's own peak + ~0 here
    assert seconds < 10 * floor_seconds + 20, (seconds, floor_seconds)
    assert peak < floor_peak + 3 * len(data), (peak / MB, floor_peak / MB)
    del report
    invalid = data[:-3] + b"],}"  # a syntax error at the very end
    report, seconds, peak = measure(lambda: gemschema.validate_json(invalid))
    assert report.codes == ["GS001"]
    assert seconds < 10 * floor_seconds + 30, (seconds, floor_seconds)
    assert peak < floor_peak + 6 * len(data), (peak / MB, floor_peak / MB)


TEN_MILLION = 10_000_000


def long_value_documents(n: int) -> dict[str, tuple[dict[str, Any], str | None]]:
    """Documents with an ``n``-character string in each kind of place, and the code it gives."""
    s = "x" * n

    def part(data: dict[str, Any]) -> dict[str, Any]:
        return {"contents": [{"role": "user", "parts": [data]}]}

    base = {"contents": [dict(USER)]}
    return {
        "text": (part({"text": s}), None),
        "text-non-ascii": (part({"text": "\u00e9\u4e2d" * (n // 2)}), None),
        "unknown-key": ({**base, s: 1}, "GS101"),
        "enum": ({**base, "safetySettings": [{"category": s, "threshold": "BLOCK_NONE"}]}, "GS105"),
        "role": ({"contents": [{"role": s, "parts": [{"text": "x"}]}]}, "GS203"),
        "media-type": (
            part({"inlineData": {"mimeType": "a/b;x=" + s + '"', "data": "aGk="}}),
            "GS303",
        ),
        "file-uri": (
            part({"fileData": {"mimeType": "image/png", "fileUri": "a:" + s + " "}}),
            "GS305",
        ),
        "base64": (
            part({"inlineData": {"mimeType": "image/png", "data": "A" * (n - 1) + "!"}}),
            "GS302",
        ),
        "function-name": (
            {**base, "tools": [{"functionDeclarations": [{"name": s + " "}]}]},
            "GS601",
        ),
        "model": ({**base, "model": "models/" + s + "/"}, "GS703"),
        "number-as-string": ({**base, "generationConfig": {"maxOutputTokens": "1" * n}}, "GS103"),
    }


@pytest.mark.parametrize("name", list(long_value_documents(1)))
def test_a_ten_million_character_string_in_bounded_time(name: str) -> None:
    doc, code = long_value_documents(TEN_MILLION)[name]
    data = orjson.dumps(doc)
    start = time.perf_counter()
    report = gemschema.validate_json(data)
    seconds = time.perf_counter() - start
    assert (code in report.codes) if code else report.ok, report.codes
    assert seconds < 8, seconds  # ~0.05 s (a valid text) to ~2.5 s (bad base64) measured


@pytest.mark.parametrize("name", ["text", "text-non-ascii"])
def test_a_ten_million_character_string_in_bounded_memory(name: str) -> None:
    """The valid path copies a long string a small, fixed number of times."""
    doc, _ = long_value_documents(TEN_MILLION)[name]
    data = orjson.dumps(doc)
    floor_peak = measure(lambda: orjson.loads(data))[2]
    report, _, peak = measure(lambda: gemschema.validate_json(data))
    assert report.ok
    assert peak < floor_peak + 4 * len(data), (peak / MB, floor_peak / MB)
    start = time.perf_counter()
    assert gemschema.validate(doc).ok
    result = normalize_json(data)
    assert result.writable and not result.diagnostics
    assert time.perf_counter() - start < 8


def test_diagnostic_messages_stay_short_whatever_the_value() -> None:
    longest = {
        name: max((len(d.message) for d in gemschema.validate(doc)), default=0)
        for name, (doc, _) in long_value_documents(100_000).items()
    }
    assert max(longest.values()) <= 2000, longest


A_MILLION = 1_000_000


def million_parts(part: str) -> bytes:
    return (
        '{"contents": [{"role": "user", "parts": [' + ",".join([part] * A_MILLION) + "]}]}"
    ).encode()


def test_a_million_parts_in_bounded_time() -> None:
    data = million_parts('{"text": "a"}')
    start = time.perf_counter()
    assert gemschema.validate_json(data).ok
    assert time.perf_counter() - start < 20
    doc = orjson.loads(data)
    start = time.perf_counter()
    assert gemschema.validate(doc).ok
    assert time.perf_counter() - start < 20
    start = time.perf_counter()
    result = normalize(doc)
    assert result.writable and not result.diagnostics
    assert time.perf_counter() - start < 30


MILLION_BAD_BUDGET = 15


def test_a_million_wrong_parts_in_bounded_time_and_memory(tmp_path: Path) -> None:
    code = """
        import resource, time, gemschema
        from tests.test_hostile import million_parts
        data = million_parts('{"text": 1}')
        start = time.perf_counter()
        report = gemschema.validate_json(data)
        assert not report.ok
        print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
    out = finished(run_child(code, tmp_path, MILLION_BAD_BUDGET), MILLION_BAD_BUDGET)
    _, max_rss_kb = out.split()
    assert int(max_rss_kb) < 2_000_000, f"{int(max_rss_kb) // 1024} MB"


# --- $ref URLs are never fetched ---------------------------------------------------------------

URL_REFS = [
    "https://example.com/schema.json",
    "http://169.254.169.254/latest/meta-data/",
    "file:///etc/passwd",
]


def _ref_documents(url: str) -> dict[str, dict[str, Any]]:
    ref = {"$ref": url}
    remote = {
        "$schema": url,
        "$id": url,
        "type": "object",
        "properties": {"a": {"$ref": url}},
        "$defs": {"x": ref},
    }
    return {
        "response-json-schema": {
            "contents": [dict(USER)],
            "generationConfig": {
                "responseMimeType": "application/json",
                "responseJsonSchema": remote,
            },
        },
        "parameters-json-schema": {
            "contents": [dict(USER)],
            "tools": [
                {
                    "functionDeclarations": [
                        {"name": "f", "parametersJsonSchema": remote, "responseJsonSchema": ref}
                    ]
                }
            ],
        },
        "gemini-schema-with-ref": {
            "contents": [dict(USER)],
            "generationConfig": {
                "responseMimeType": "application/json",
                "responseSchema": {"type": "OBJECT", "$ref": url, "properties": {"a": ref}},
            },
        },
        "args": {
            "contents": [
                dict(USER),
                {"role": "model", "parts": [{"functionCall": {"name": "f", "args": ref}}]},
            ],
        },
    }


@pytest.mark.parametrize("url", URL_REFS)
def test_ref_urls_are_never_fetched_by_the_validator(url: str) -> None:
    before = len(NETWORK_ATTEMPTS)
    for doc in _ref_documents(url).values():
        for backend in ("rs", "reference"):
            gemschema.validate(doc, backend=backend)
        gemschema.validate_json(json.dumps(doc))
        normalize(doc)
        normalize_json(json.dumps(doc))
    assert NETWORK_ATTEMPTS[before:] == []


@pytest.mark.parametrize("url", URL_REFS)
def test_ref_urls_are_never_fetched_by_the_converters(url: str) -> None:
    openai = converters()
    before = len(NETWORK_ATTEMPTS)
    for doc in _ref_documents(url).values():
        with contextlib.suppress(GemschemaError):
            openai.request_from_gemini(doc)
    tool = {
        "type": "function",
        "function": {"name": "f", "parameters": {"$ref": url, "$defs": {"x": {"$ref": url}}}},
    }
    fmt = {"type": "json_schema", "json_schema": {"name": "s", "schema": {"$ref": url}}}
    request = {
        "model": "m",
        "messages": [{"role": "user", "content": "hi"}],
        "tools": [tool],
        "response_format": fmt,
    }
    for schema in ("json", "gemini"):  # "gemini" inlines local $refs; a URL must stay a URL
        with contextlib.suppress(GemschemaError):
            openai.request_to_gemini(request, schema=schema)
    assert NETWORK_ATTEMPTS[before:] == []


def test_a_ref_bomb_is_refused_in_bounded_time(tmp_path: Path) -> None:
    converters()
    code = """
        from gemschema import openai
        from gemschema.errors import GemschemaError
        from tests.strategies_openai import ref_bomb
        tool = {"type": "function", "function": {"name": "f", "parameters": ref_bomb(30)}}
        request = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "tools": [tool]}
        try:
            openai.request_to_gemini(request, schema="gemini")
        except GemschemaError:
            pass
    """
    finished(run_child(code, tmp_path, 5), 5)


# --- every regular expression, fed pattern-heavy strings ---------------------------------------

REGEX_SIZES = (10_000, 100_000)
"""Each input is tried at 10 KB first (a quadratic pattern shows there in well under a minute)."""

REGEX_BUDGET = {10_000: 0.1, 100_000: 0.5}
"""Seconds per call: a linear pattern takes about a millisecond on 100 KB."""

PUMPS = (
    "a",
    "Z",
    "0",
    "1",
    "-",
    "+",
    ".",
    "/",
    ";",
    "=",
    ":",
    " ",
    "\t",
    "\n",
    '"',
    "'",
    "\\",
    "[",
    "]",
    "{",
    "}",
    ",",
    "e",
    "u",
    "_",
    "$",
    "\u00e9",
    "\ud800",
    "a=",
    ";a=b",
    "\\u",
    "\\\\",
    "\\u003",
    "a/",
    "0.",
    "e+1",
    ".a",
    "['",
    "[0",
    '{"a":',
    "[1,",
    '"\\"',
    "a1b2",
    "ab ",
    "%2F",
)
PREFIXES = (
    "",
    "a/b",
    "a/b;x=",
    "data:a/b",
    "models/",
    "cachedContents/",
    "a:",
    '"',
    "$",
    "-",
    "e+",
    "\\",
)
SUFFIXES = ("!", "\x00")


def regex_inputs(size: int) -> Iterator[str]:
    """Strings that pump one repeated piece after a prefix, then fail at the very end."""
    for prefix in PREFIXES:
        for pump in PUMPS:
            for suffix in SUFFIXES:
                yield prefix + pump * (size // len(pump)) + suffix


_METHODS = ("match", "search", "fullmatch", "sub", "subn", "split", "finditer", "findall")


def discover_regexes() -> dict[str, tuple[re.Pattern[Any], tuple[str, ...]]]:
    """Every regular expression of the package and how it is used (the methods called on it).

    Module-level compiled patterns are found by importing every module; patterns written inline
    (``re.match(r"...", s)``) by reading the source. A pattern whose use cannot be seen is tried
    with ``search``, the most expensive way.
    """
    package = Path(gemschema.__file__).parent
    found: dict[str, re.Pattern[Any]] = {}
    uses: dict[str, set[str]] = {}
    for info in pkgutil.walk_packages(gemschema.__path__, "gemschema."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.setdefault(f"{info.name}.{name}", value)
    for path in sorted(package.rglob("*.py")):
        module_name = ".".join(
            ("gemschema", *path.relative_to(package).with_suffix("").parts)
        ).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.attr in _METHODS
            ):
                uses.setdefault(f"{module_name}.{node.value.id}", set()).add(node.attr)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _METHODS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                flags = 0
                for arg in [*node.args[2:], *(k.value for k in node.keywords if k.arg == "flags")]:
                    if isinstance(arg, ast.Attribute) and isinstance(
                        getattr(re, arg.attr, None), re.RegexFlag
                    ):
                        flags |= getattr(re, arg.attr)
                key = f"{module_name}:{node.lineno}"
                found[key] = re.compile(node.args[0].value, flags)
                uses.setdefault(key, set()).add(node.func.attr)
    for schema_file in sorted((ROOT / "schemas").rglob("*.json")):
        for pattern in set(
            re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', schema_file.read_text(encoding="utf-8"))
        ):
            text = json.loads(pattern)
            found[f"schema pattern {text}"] = re.compile(text)
            uses[f"schema pattern {text}"] = {"search"}  # how the jsonschema reference uses it
    methods = {"sub": "search", "subn": "search", "split": "search", "findall": "finditer"}
    return {
        key: (pattern, tuple(sorted({methods.get(m, m) for m in uses.get(key, {"search"})})))
        for key, pattern in found.items()
    }


def regex_battery() -> None:
    """Child-process entry: time every regex on every input, one JSON line per regex."""
    for key, (pattern, methods) in discover_regexes().items():
        print(json.dumps({"start": key}), flush=True)
        worst: dict[str, Any] = {"seconds": 0.0}
        for size in REGEX_SIZES:
            for text in regex_inputs(size):
                subject: str | bytes = text
                if isinstance(pattern.pattern, bytes):
                    subject = text.encode("utf-8", "surrogatepass")
                for method in methods:
                    start = time.perf_counter()
                    result = getattr(pattern, method)(subject)
                    if method == "finditer":
                        for _ in result:
                            pass
                    seconds = time.perf_counter() - start
                    if seconds > worst["seconds"]:
                        worst = {
                            "seconds": seconds,
                            "size": size,
                            "method": method,
                            "input": text[:40],
                        }
            if worst["seconds"] > REGEX_BUDGET[size]:
                break
        print(json.dumps({"done": key, "methods": methods, **worst}), flush=True)


@pytest.fixture(scope="module")
def regex_timings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("regex")
    result = run_child(
        "from tests.test_hostile import regex_battery; regex_battery()", tmp, timeout=120
    )
    lines = result.stdout.splitlines() if result is not None else []
    timings: dict[str, Any] = {}
    for line in lines:
        record = json.loads(line)
        if "start" in record:
            timings[record["start"]] = {"hung": True}
        else:
            timings[record["done"]] = record
    timings["<child>"] = None if result is None else result.returncode
    return timings


def test_every_regex_is_found() -> None:
    regexes = discover_regexes()
    names = " ".join(regexes)
    assert len(regexes) >= 20, names
    for expected in (
        "gemschema.rules.parts._MEDIA_TYPE",
        "gemschema.rules.parts._URI",
        "gemschema.jsontext._TOKEN",
    ):
        assert expected in regexes, names
    assert any(key.startswith("gemschema.jsontext:") for key in regexes), (
        "inline patterns must be found"
    )
    assert any(key.startswith("schema pattern") for key in regexes), "schema patterns must be found"


@pytest.mark.parametrize("key", sorted(discover_regexes()))
def test_no_regex_backtracks_catastrophically(key: str, regex_timings: dict[str, Any]) -> None:
    record = regex_timings.get(key)
    assert record is not None, (
        f"the battery never reached {key} (child exit {regex_timings['<child>']})"
    )
    assert not record.get("hung"), f"{key} did not finish on a pattern-heavy input"
    size = record.get("size", REGEX_SIZES[-1])
    assert record["seconds"] <= REGEX_BUDGET[size], record


# --- the command line --------------------------------------------------------------------------


def write_hostile_files(folder: Path, deep: int = DEEP) -> dict[str, Path]:
    """One file per hostile text (and a Schema nested ``deep`` levels) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, (data, _, _) in HOSTILE_TEXT.items():
        path = folder / f"{name}.json"
        path.write_bytes(data)
        files[name] = path
    files["deep-schema"] = folder / "deep-schema.json"
    files["deep-schema"].write_text(deep_schema_text(deep))
    return files


EXPECTED_CLI_CODE = {
    **{name: code for name, (_, code, _) in HOSTILE_TEXT.items()},
    "deep-schema": "GS004",
}


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_hostile_files(tmp_path_factory.mktemp("hostile"))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
    }


def lines_of(output: str, path: Path) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{path}:")]


@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=_xfail(name, _TEXT_XFAIL)) for name in sorted(EXPECTED_CLI_CODE)],
)
def test_cli_lint_on_a_hostile_file_exits_1_with_a_diagnostic(
    name: str, hostile_files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_files[name]
    before = snapshot(path.parent)
    code = EXPECTED_CLI_CODE[name]
    assert cli_main(["lint", str(path)]) == 1
    out, err = capsys.readouterr()
    assert any(f" {code} " in line for line in lines_of(out, path)), out[-2000:]
    assert "Traceback" not in out + err
    if name != "deep-schema":  # slow to read twice
        assert cli_main(["lint", "--format", "json", str(path)]) == 1
        findings = json.loads(capsys.readouterr().out)
        assert code in {f["code"] for f in findings}
    assert snapshot(path.parent) == before, "lint wrote"


def test_cli_lint_never_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    write_hostile_files(folder, deep=2_000)
    (folder / "valid.json").write_text(REQUEST_TEXT)
    (folder / "stream.jsonl").write_text(REQUEST_TEXT + "\n{,}\n")
    (folder / "events.sse").write_text('data: {"candidates": [}\n\ndata: [DONE]\n')
    before = snapshot(folder)
    assert cli_main(["lint", str(folder)]) == 1
    assert cli_main(["lint", "--format", "json", "--kind", "stream", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert snapshot(folder) == before


UNREADABLE = sorted(
    name for name, code in EXPECTED_CLI_CODE.items() if code in PARSER_CODES - {"GS006"}
)
"""The hostile files without a canonical form (parser errors): normalize must refuse them."""


def test_cli_normalize_write_leaves_unreadable_files_intact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    files = write_hostile_files(folder, deep=2_000)
    before = snapshot(folder)
    assert cli_main(["normalize", "--write", *(str(files[name]) for name in UNREADABLE)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    for name in UNREADABLE:
        assert f"{files[name]}: not" in err, name
    assert snapshot(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(before), "a temporary file was left"


def test_cli_normalize_write_leaves_the_original_intact_when_writing_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills up half way: the file is as it was, no temporary file is left, exit 1."""
    import gemschema.files

    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    snake = '{"contents": [{"role": "user", "parts": [{"text": "hi"}]}], "generation_config": {"max_output_tokens": 5}}\n'
    first.write_text(snake)
    second.write_text(snake)
    original = second.read_bytes()
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(gemschema.files.os, "fsync", failing_fsync)
    assert cli_main(["normalize", "--write", str(first), str(second)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "No space left" in err
    assert "generationConfig" in first.read_text(), "the first file is normalised"
    assert second.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]


def test_cli_in_a_real_process_never_shows_a_traceback(tmp_path: Path) -> None:
    files = write_hostile_files(tmp_path / "in")
    before = snapshot(tmp_path / "in")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gemschema.cli", *args, *map(str, files.values())],
            capture_output=True,
            text=True,
            timeout=120,
            env=child_env(tmp_path),
            cwd=tmp_path,
            check=False,
        )

    result = run("lint")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout
    for name, path in files.items():
        if name in _TEXT_XFAIL:
            continue
        assert any(
            f" {EXPECTED_CLI_CODE[name]} " in line for line in lines_of(result.stdout, path)
        ), name
    assert snapshot(tmp_path / "in") == before
    result = run("normalize", "--write")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout
    for name in UNREADABLE:
        assert files[name].read_bytes() == before[files[name].name][0], name


# --- last: nothing tried the network -------------------------------------------------------------


def test_zz_nothing_in_this_module_tried_the_network() -> None:
    assert NETWORK_ATTEMPTS == []
