"""The sample fixtures under ``examples/`` agree with ``examples/.manifest.json``.

Layout (see the manifest's entries for the details of each file):

* ``reference/``: the request bodies printed in the API documents, one file each, named
  ``<doc-stem>-<line>-<slug>.json`` where ``line`` is where the body starts in the document;
  ``reference/responses/``: the response bodies they print;
  ``reference/syntax-errors/``: bodies that are not JSON as printed, kept as printed, each with a
  ``-fixed`` twin (the minimal edit) in ``reference/`` or ``reference/responses/``.
  A copy is the document's text from the body's opening ``{`` through its closing ``}``, plus one
  final newline, with each placeholder replaced as its ``substitutions`` entry records.
* ``valid/`` and ``invalid/``: hand-written fixtures; each invalid one breaks the one rule its
  entry states.

When the documents are at hand (``$GEMSCHEMA_REFERENCE_DIR``, by default ``../shared/reference``
next to the checkout) the reference copies are also checked against them, byte for byte.
"""

from __future__ import annotations

import base64
import difflib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MANIFEST = EXAMPLES / ".manifest.json"
REFERENCE_DIR = Path(
    os.environ.get("GEMSCHEMA_REFERENCE_DIR", ROOT.parent / "shared" / "reference")
)

DOCUMENTS = {
    "gemini-api-all-methods.ja.txt",
    "gemini-api-overview.fa.txt",
    "gemini-api-overview.ja.txt",
    "gemini-generate-content-gateway-guide.ja.md",
    "gemini-generate-content-reference.ja.txt",
}
KEYS = {
    "file",
    "source",
    "kind",
    "method",
    "expect",
    "rule",
    "rule_source",
    "syntax_error",
    "fixed_from",
    "fix",
    "substitutions",
    "notes",
}
SUBSTITUTION_KEYS = {"line", "original", "replacement", "value_kind", "reason"}
SOURCE_RE = re.compile(r"^(?P<doc>[^:]+):(?P<line>[1-9][0-9]*)$")
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

ENTRIES: list[dict[str, Any]] = json.loads(MANIFEST.read_text(encoding="utf-8"))
BY_FILE = {e["file"]: e for e in ENTRIES}


def _ids(entry: dict[str, Any]) -> str:
    return str(entry["file"])


def _select(**conditions: Any) -> list[dict[str, Any]]:
    return [e for e in ENTRIES if all(e[k] == v for k, v in conditions.items())]


def _text(entry: dict[str, Any]) -> str:
    return (EXAMPLES / str(entry["file"])).read_text(encoding="utf-8")


def _documents(entry: dict[str, Any]) -> list[str]:
    """The JSON texts in a fixture: the whole file, or each non-empty line of a ``.jsonl``."""
    text = _text(entry)
    if entry["file"].endswith(".jsonl"):
        return [line for line in text.splitlines() if line.strip()]
    return [text]


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise ValueError(f"duplicate key(s) {sorted(duplicates)}")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_loads(text: str) -> Any:
    """``json.loads`` that also refuses duplicate keys and NaN/Infinity."""
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)


# ------------------------------------------------------------------ the manifest itself


def test_manifest_entries_are_well_formed() -> None:
    assert ENTRIES, "empty manifest"
    assert len(BY_FILE) == len(ENTRIES), "a file is listed twice"
    for e in ENTRIES:
        name = e.get("file")
        assert set(e) == KEYS, (name, set(e) ^ KEYS)
        assert e["kind"] in {"request", "response", "stream", "error"}, name
        assert e["method"] in {"generateContent", "streamGenerateContent"}, name
        assert e["expect"] in {"valid", "invalid"}, name
        assert isinstance(e["syntax_error"], bool), name
        assert isinstance(e["notes"], list) and all(isinstance(n, str) and n for n in e["notes"]), (
            name
        )
        if e["expect"] == "invalid":
            assert isinstance(e["rule"], str) and e["rule"].strip(), (
                f"{name}: an invalid fixture states its rule"
            )
            assert isinstance(e["rule_source"], str) and e["rule_source"].strip(), name
        else:
            assert e["rule"] is None and e["rule_source"] is None, name
            assert not e["syntax_error"], name
        if e["syntax_error"]:
            assert e["expect"] == "invalid", name
        if e["source"] != "hand-written":
            m = SOURCE_RE.match(e["source"])
            assert m and m["doc"] in DOCUMENTS, f"{name}: source {e['source']!r}"
        assert isinstance(e["substitutions"], list), name
        for sub in e["substitutions"]:
            assert set(sub) == SUBSTITUTION_KEYS, (name, sub)
            assert isinstance(sub["line"], int) and sub["line"] > 0, name
            assert (
                sub["original"] and sub["replacement"] and sub["original"] != sub["replacement"]
            ), name
        if e["substitutions"]:
            assert e["source"] != "hand-written", name


def test_every_file_is_listed_and_every_entry_exists() -> None:
    on_disk = {
        p.relative_to(EXAMPLES).as_posix()
        for p in EXAMPLES.rglob("*")
        if p.is_file() and p != MANIFEST
    }
    listed = set(BY_FILE)
    assert sorted(on_disk - listed) == [], "files missing from .manifest.json"
    assert sorted(listed - on_disk) == [], ".manifest.json entries without a file"


def test_layout() -> None:
    for e in ENTRIES:
        name, top = e["file"], e["file"].split("/")[0]
        assert top in {"reference", "valid", "invalid"}, name
        assert name.endswith((".json", ".jsonl")), name
        if top == "reference":
            assert e["source"] != "hand-written", name
            assert name.endswith(".json"), name
            in_syntax_errors = name.startswith("reference/syntax-errors/")
            assert e["syntax_error"] == in_syntax_errors, name
            if not in_syntax_errors:
                in_responses = name.startswith("reference/responses/")
                assert in_responses == (e["kind"] != "request"), name
        else:
            assert e["source"] == "hand-written", name
            assert (top == "valid") == (e["expect"] == "valid"), name
        if e["kind"] == "stream":
            assert name.endswith(".jsonl") and e["method"] == "streamGenerateContent", name


def test_reference_files_are_named_after_their_source() -> None:
    for e in ENTRIES:
        if e["source"] == "hand-written":
            continue
        src = SOURCE_RE.match(e["source"])
        assert src
        name = Path(e["file"]).name
        prefix = f"{Path(src['doc']).stem}-{src['line']}-"
        assert name.startswith(prefix), (name, prefix)
        slug = name.removeprefix(prefix).removesuffix(".json")
        assert SLUG_RE.fullmatch(slug), name
        assert slug.endswith("-fixed") == (e["fixed_from"] is not None), name


# ------------------------------------------------------------------ parsing


@pytest.mark.parametrize("entry", [e for e in ENTRIES if not e["syntax_error"]], ids=_ids)
def test_parses(entry: dict[str, Any]) -> None:
    """Every fixture not marked as a syntax error is JSON (JSON Lines: each non-empty line)."""
    docs = _documents(entry)
    assert docs, "no JSON text in the file"
    for doc in docs:
        value = strict_loads(doc)
        assert isinstance(value, dict), "a request or response is a JSON object"


@pytest.mark.parametrize("entry", _select(expect="valid"), ids=_ids)
def test_valid_files_parse_with_json_loads(entry: dict[str, Any]) -> None:
    for doc in _documents(entry):
        json.loads(doc)


@pytest.mark.parametrize("entry", _select(syntax_error=True), ids=_ids)
def test_syntax_error_files_do_not_parse(entry: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        json.loads(_text(entry))


def test_jsonl_fixtures() -> None:
    three = BY_FILE["valid/three-requests.jsonl"]
    assert three["kind"] == "request"
    assert len(_documents(three)) == 3
    stream = BY_FILE["valid/stream-chunks.jsonl"]
    chunks = [json.loads(d) for d in _documents(stream)]
    assert len(chunks) >= 2
    assert len({c["responseId"] for c in chunks}) == 1, "chunks of one stream share a responseId"
    assert "finishReason" in chunks[-1]["candidates"][0]
    for c in chunks[:-1]:
        assert "finishReason" not in c["candidates"][0]


# ------------------------------------------------------------------ fixed twins

_COMMENT_LINE = re.compile(r"\n[ \t]*//[^\n]*(?=\n)")
_TRAILING_COMMA = re.compile(r",(\s*[\]}])")
_COMMA = re.compile(r",")


def _canonical(text: str) -> str:
    """The text without comment lines, commas and whitespace: what a minimal fix may touch."""
    text = _COMMENT_LINE.sub("", text)
    text = _COMMA.sub("", text)
    return re.sub(r"\s+", "", text)


def _is_minimal_edit(removed: str, added: str) -> bool:
    if added.strip() not in {"", ","}:
        return False
    if removed.strip() in {"", ","}:
        return True
    # comment text (to the end of its line) and the whitespace around it
    return not added and re.fullmatch(r"(\s*//[^\n]*)+\s*", removed) is not None


FIXED = [e for e in ENTRIES if e["fixed_from"] is not None]


def test_each_syntax_error_has_one_fixed_twin() -> None:
    twins = [e["fixed_from"] for e in FIXED]
    broken_reference = [
        e["file"] for e in ENTRIES if e["syntax_error"] and e["file"].startswith("reference/")
    ]
    assert sorted(twins) == sorted(broken_reference)
    for e in FIXED:
        twin = BY_FILE[e["fixed_from"]]
        assert twin["syntax_error"], e["file"]
        assert twin["source"] == e["source"] and twin["kind"] == e["kind"], e["file"]
        assert twin["substitutions"] == e["substitutions"], e["file"]
        assert Path(e["file"]).name == Path(twin["file"]).name.removesuffix(".json") + "-fixed.json"
        assert isinstance(e["fix"], str) and e["fix"], e["file"]


@pytest.mark.parametrize("entry", FIXED, ids=_ids)
def test_fixed_copy_is_a_minimal_edit_of_the_printed_one(entry: dict[str, Any]) -> None:
    fixed = _text(entry)
    printed = (EXAMPLES / entry["fixed_from"]).read_text(encoding="utf-8")
    json.loads(fixed)
    assert _COMMENT_LINE.search(fixed) is None
    # same text once commas, comment lines and whitespace are set aside ...
    assert _canonical(fixed) == _canonical(printed)
    # ... and every difference is a comma, whitespace or a removed comment line
    matcher = difflib.SequenceMatcher(None, printed, fixed, autojunk=False)
    changes = [
        (printed[i1:i2], fixed[j1:j2])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]
    assert changes, "the fixed copy is identical to the printed one"
    for removed, added in changes:
        assert _is_minimal_edit(removed, added), (removed, added)
    if "trailing comma" in entry["fix"]:
        assert _TRAILING_COMMA.sub(r"\1", printed) == fixed


# ------------------------------------------------------------------ substitutions and the documents


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e["substitutions"]], ids=_ids)
def test_substitutions_are_in_place(entry: dict[str, Any]) -> None:
    text = _text(entry)
    for sub in entry["substitutions"]:
        assert text.count(sub["replacement"]) == 1, sub["replacement"]
        assert sub["original"] not in text
        if sub["value_kind"] == "base64":
            base64.b64decode(sub["replacement"], validate=True)
            assert len(sub["replacement"]) % 4 == 0


def _printed_text(entry: dict[str, Any]) -> str:
    """The fixture with its substitutions undone and without the final newline added on copy."""
    text = _text(entry)
    assert text.endswith("}\n") and not text.endswith("\n\n"), (
        "a copy ends with the body's } and one newline"
    )
    text = text[:-1]
    for sub in entry["substitutions"]:
        text = text.replace(sub["replacement"], sub["original"])
    return text


REFERENCE_COPIES = [e for e in ENTRIES if e["source"] != "hand-written" and e["fixed_from"] is None]


@pytest.mark.skipif(
    not REFERENCE_DIR.is_dir(), reason=f"reference documents not found at {REFERENCE_DIR}"
)
@pytest.mark.parametrize("entry", REFERENCE_COPIES, ids=_ids)
def test_reference_copy_matches_the_document(entry: dict[str, Any]) -> None:
    src = SOURCE_RE.match(entry["source"])
    assert src
    document = (REFERENCE_DIR / src["doc"]).read_text(encoding="utf-8")
    printed = _printed_text(entry)
    where = document.find(printed)
    assert where >= 0, "the copy is not the document's text"
    assert document.count("\n", 0, where) + 1 == int(src["line"]), "the body starts on another line"
    for sub in entry["substitutions"]:
        start = where + printed.index(sub["original"])
        assert document.count("\n", 0, start) + 1 == sub["line"], sub["original"]


def test_every_reference_document_was_read() -> None:
    sources = {e["source"].rpartition(":")[0] for e in ENTRIES if e["source"] != "hand-written"}
    # The method list and the generateContent reference print no request or response body.
    assert sources == DOCUMENTS - {
        "gemini-api-all-methods.ja.txt",
        "gemini-generate-content-reference.ja.txt",
    }


# ------------------------------------------------------------------ hand-written fixtures

_USER_DATA = {"properties", "args", "response"}


def _snake_to_camel(value: Any) -> Any:
    if isinstance(value, list):
        return [_snake_to_camel(v) for v in value]
    if isinstance(value, dict):
        out = {}
        for key, v in value.items():
            camel = re.sub(r"_([a-z])", lambda m: m[1].upper(), key)
            out[camel] = v if camel in _USER_DATA else _snake_to_camel(v)
        return out
    return value


def test_snake_case_request_is_the_camel_case_request() -> None:
    snake = json.loads(_text(BY_FILE["valid/snake-case-request.json"]))
    camel = json.loads(_text(BY_FILE["valid/camel-case-request.json"]))
    assert snake != camel
    assert _snake_to_camel(snake) == camel


def test_function_calling_round_trip_shape() -> None:
    request = json.loads(_text(BY_FILE["valid/function-calling-round-trip.json"]))
    turns = request["contents"]
    roles = [t["role"] for t in turns]
    assert roles == ["user", "model", "user"]
    call = turns[1]["parts"][0]["functionCall"]
    answer = turns[2]["parts"][0]["functionResponse"]
    assert call["name"] == answer["name"]
    declared = {d["name"] for t in request["tools"] for d in t["functionDeclarations"]}
    assert call["name"] in declared


@pytest.mark.parametrize("entry", _select(source="hand-written", expect="invalid"), ids=_ids)
def test_invalid_fixtures_break_one_stated_rule(entry: dict[str, Any]) -> None:
    assert entry["file"].startswith("invalid/")
    assert len(entry["rule"]) < 300, "state the rule briefly"
