"""``validate`` and ``validate_json``: every finding in a payload, at once.

The pipeline: parse (text only) → structure (the versioned JSON Schema, after canonicalising
the user's spelling) → semantic rules → settings (select / ignore / severity) → positions.
A document that is already canonical and structurally valid — the common case for a gateway —
costs one compiled-schema call before the rules; the canonicalising walk runs only otherwise.
"""

from __future__ import annotations

import functools
import itertools
from typing import Any

import orjson

from gemschema import jsontext, jsonvalue, structural
from gemschema.canonical import DEFAULT_MAX_DEPTH, canonicalize, may_respell, original_path
from gemschema.diagnostics import MAX_FINDINGS, Diagnostic, Report, sort_key
from gemschema.errors import UsageError
from gemschema.pointer import join, split
from gemschema.rules.engine import run_rules
from gemschema.rules.structure import TOO_MANY_FINDINGS, WRONG_TYPE
from gemschema.schemastore import DEFAULT_API_VERSION, check_api_version
from gemschema.settings import Settings
from gemschema.wire import WireMap, wire_map

KINDS: dict[str, str] = {
    "request": "GenerateContentRequest",
    "response": "GenerateContentResponse",
    "stream": "GenerateContentResponse",
    "count_tokens": "CountTokensRequest",
    "error": "ErrorResponse",
}
"""Document kinds and the schema each is checked against (a stream is a list of responses)."""


def check_kind(kind: str) -> str:
    """``kind`` if it is ``auto`` or a known document kind; else a :class:`UsageError`."""
    if kind != "auto" and kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; expected auto or one of {', '.join(KINDS)}")
    return kind


def validate(
    payload: Any,
    *,
    kind: str = "auto",
    api_version: str = DEFAULT_API_VERSION,
    settings: Settings | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
    backend: str = "rs",
) -> Report:
    """Validate a parsed payload (dicts, lists, strings, numbers, booleans, None).

    A payload that holds anything JSON cannot (NaN, a non-string key, a set, a lone surrogate,
    nesting deeper than ``max_depth``) gets those diagnostics and nothing else.
    """
    check_api_version(api_version)
    check_kind(kind)
    payload, not_json = jsonvalue.as_json(payload, max_depth=max_depth)
    if not_json:
        return Report(kind, api_version, sorted(not_json, key=sort_key))
    return _validate(
        payload,
        kind=kind,
        api_version=api_version,
        settings=settings,
        max_depth=max_depth,
        backend=backend,
    )


def _validate(
    payload: Any,
    *,
    kind: str,
    api_version: str,
    settings: Settings | None,
    max_depth: int,
    backend: str,
    text: str | bytes | None = None,
) -> Report:
    """:func:`validate` of a payload known to be JSON (parsed from ``text``, if given)."""
    resolved = detect_kind(payload, api_version) if kind == "auto" else kind
    settings = settings or default_settings()
    if resolved == "stream":
        diagnostics = _stream(payload, api_version, settings, max_depth, backend)
    else:
        wire = wire_map(api_version, KINDS[resolved])
        canonical, diagnostics = _structure(
            payload, wire, api_version, max_depth, backend, text=text
        )
        rules = run_rules(canonical, kind=resolved, api_version=api_version, settings=settings)
        diagnostics += _as_written(rules, payload, canonical, wire)
    diagnostics = settings.apply(diagnostics)
    return Report(resolved, api_version, capped(sorted(diagnostics, key=sort_key)))


def capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """At most :data:`MAX_FINDINGS` diagnostics, then a GS110 warning when some were left out."""
    if len(diagnostics) <= MAX_FINDINGS:
        return diagnostics
    return [
        *diagnostics[:MAX_FINDINGS],
        TOO_MANY_FINDINGS.diagnostic(
            f"more than {MAX_FINDINGS} findings: only the first {MAX_FINDINGS} are reported;"
            " fix them and validate again"
        ),
    ]


def validate_json(
    data: str | bytes,
    *,
    kind: str = "auto",
    api_version: str = DEFAULT_API_VERSION,
    settings: Settings | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH,
    backend: str = "rs",
) -> Report:
    """Parse ``data`` as JSON and validate it; syntax errors are diagnostics with line/column."""
    check_api_version(api_version)
    check_kind(kind)
    parsed = jsontext.parse(data, max_depth=max_depth)
    if not parsed.ok:
        settings = settings or default_settings()
        found = settings.apply(list(parsed.diagnostics))
        return Report(kind, api_version, sorted(found, key=sort_key))
    report = _validate(
        parsed.value,
        kind=kind,
        api_version=api_version,
        settings=settings,
        max_depth=max_depth,
        backend=backend,
        text=parsed.source,
    )
    report.diagnostics = locate(report.diagnostics, parsed)
    return report


@functools.cache
def default_settings() -> Settings:
    """The settings used when none are given: the documented defaults (built once)."""
    return Settings()


def locate(diagnostics: list[Diagnostic], parsed: jsontext.Parsed) -> list[Diagnostic]:
    """Give each diagnostic the line and column of its pointer in the parsed text."""
    found = list(parsed.diagnostics) + diagnostics
    if not diagnostics:
        return sorted(found, key=sort_key)
    positions = parsed.locate({d.pointer for d in diagnostics})
    placed = [
        d if d.line is not None or d.pointer not in positions else d.at(*positions[d.pointer])
        for d in found
    ]
    return sorted(placed, key=sort_key)


def detect_kind(payload: Any, api_version: str = DEFAULT_API_VERSION) -> str:
    """``request``, ``response``, ``stream`` (a list of responses) or ``error``, by the keys present."""
    if isinstance(payload, list):
        return "stream"
    if not isinstance(payload, dict):
        return "request"
    if "error" in payload and len(payload) == 1:
        return "error"
    keys = payload.keys()
    response = wire_map(api_version, KINDS["response"]).root_spec.lookup
    request = wire_map(api_version, KINDS["request"]).root_spec.lookup
    if sum(k in response for k in keys) > sum(k in request for k in keys):
        return "response"
    return "request"


def _structure(
    payload: Any,
    wire: WireMap,
    api_version: str,
    max_depth: int,
    backend: str,
    *,
    text: str | bytes | None = None,
) -> tuple[Any, list[Diagnostic]]:
    """The canonical document and its structural diagnostics (pointers as written).

    ``text`` is the JSON text ``payload`` was parsed from, if any. When the document is not
    valid as written and none of its schema errors is one canonicalising could change, those
    errors are the answer and the walk is skipped: a document spelt canonically (the common
    case) costs one more compiled-schema call.
    """
    fast = structural.compiled(api_version, wire.root, backend, closed_=not wire.strict)
    if fast.is_valid(payload):
        return payload, []
    source = _written(payload) if text is None else text
    values = structural.LAZY_FROM + 1 if source is None else jsontext.values_estimate(source)
    if values <= structural.LAZY_FROM:
        pending = fast.errors(payload, few=values <= structural.FEW_VALUES)
        errors = list(itertools.islice(pending, MAX_FINDINGS + 1))
        if not any(may_respell(error) for error in errors):
            return payload, structural.diagnostics(errors, output=not wire.strict)
    canon = canonicalize(payload, wire, reorder=False, max_depth=max_depth)
    if any(d.code == "GS004" for d in canon.diagnostics):
        return canon.document, canon.diagnostics
    if canon.messages > structural.LAZY_FROM:
        backend = "reference"  # stops after MAX_FINDINGS errors instead of building them all
    found = structural.check(
        canon.document, api_version, wire.root, backend, output=not wire.strict
    )
    return canon.document, canon.diagnostics + _as_written(found, payload, canon.document, wire)


def _written(payload: Any) -> bytes | None:
    """``payload`` as JSON text, if orjson can write it."""
    try:
        return orjson.dumps(payload)
    except orjson.JSONEncodeError:
        return None


def _as_written(
    found: list[Diagnostic], payload: Any, canonical: Any, wire: WireMap
) -> list[Diagnostic]:
    """Re-point diagnostics from the canonical document onto the document as written."""
    if canonical is payload:
        return found
    return [d.moved(join(original_path(payload, split(d.pointer), wire))) for d in found]


def _in_chunk(d: Diagnostic, payload: list[Any], chunks: list[Any], wire: WireMap) -> Diagnostic:
    """A stream rule's finding (``/<chunk>/<canonical path>``) re-pointed into the chunk as written."""
    head, _, rest = d.pointer[1:].partition("/")
    if not head.isdigit() or int(head) >= len(payload):
        return d
    i = int(head)
    [within] = _as_written([d.moved(f"/{rest}" if rest else "")], payload[i], chunks[i], wire)
    return d.moved(f"/{i}{within.pointer}")


def _stream(
    payload: Any, api_version: str, settings: Settings, max_depth: int, backend: str
) -> list[Diagnostic]:
    """Each chunk as a response, then the stream rules over the canonical chunks."""
    if not isinstance(payload, list):
        return [WRONG_TYPE.diagnostic("a stream is a JSON array of response chunks", "")]
    wire = wire_map(api_version, KINDS["stream"])
    diagnostics: list[Diagnostic] = []
    chunks = []
    for index, chunk in enumerate(payload):
        canonical, found = _structure(chunk, wire, api_version, max_depth, backend)
        rules = run_rules(canonical, kind="response", api_version=api_version, settings=settings)
        found += _as_written(rules, chunk, canonical, wire)
        diagnostics += [d.moved(f"/{index}{d.pointer}") for d in found]
        chunks.append(canonical)
    for d in run_rules(chunks, kind="stream", api_version=api_version, settings=settings):
        diagnostics.append(_in_chunk(d, payload, chunks, wire))
    return diagnostics
