"""Normalisation: every spelling the API accepts → one canonical document, user data untouched.

The canonical form is the proto3 JSON mapping the committed schemas describe: lowerCamelCase
field names (snake_case with ``style="snake"``), documented lists as lists, enum values by their
documented name, int64 as decimal strings, no ``null`` fields, and keys in the documented field
order. The schema-aware walk that does it is :func:`gemschema.canonical.canonicalize`; this
module adds the document kinds, streams, exact values from text and file text.

Normalisation never guesses: a field given twice in two spellings (GS106) keeps its first value
and makes the result unwritable; unknown fields are kept (after the documented ones) and
reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from gemschema import jsontext, jsonwrite
from gemschema.canonical import DEFAULT_MAX_DEPTH, Change, canonicalize
from gemschema.diagnostics import Diagnostic, sort_key
from gemschema.errors import UsageError
from gemschema.files import BOM, Layout, detect_layout, split_lines
from gemschema.jsonvalue import not_json
from gemschema.pointer import join
from gemschema.rules.catalog import RULES
from gemschema.rules.structure import WRONG_TYPE
from gemschema.schemastore import DEFAULT_API_VERSION, check_api_version
from gemschema.validation import KINDS, detect_kind
from gemschema.wire import wire_map

if TYPE_CHECKING:
    from gemschema.jsonwrite import NumberTexts

__all__ = [
    "STYLES",
    "UNREADABLE",
    "UNWRITABLE",
    "Normalized",
    "NormalizedText",
    "normalize",
    "normalize_json",
    "normalize_text",
    "not_json",
]

STYLES = ("camel", "snake")
"""Field-name styles: ``camel`` (the JSON names, canonical) or ``snake`` (the proto names)."""

UNREADABLE = frozenset({"GS001", "GS002", "GS003", "GS004"})
"""Parser errors after which there is no document to normalise: not JSON, not UTF-8 (or a lone
surrogate), a key given twice (which value counts is not defined), nesting too deep. A number
that most parsers would change (GS006) is not among them: normalisation keeps its text."""

UNWRITABLE = UNREADABLE | {"GS106"}
"""Codes that leave the canonical document undetermined: the parser's, and a field given twice
in two spellings (which value the API would use is not documented). A parsed document whose
values are not JSON (:func:`not_json`) is not writable either."""


@dataclass(frozen=True, slots=True)
class Normalized:
    """The canonical document, what normalisation changed to get it, and what it could not.

    ``changes`` and ``diagnostics`` point into the document as written. ``document`` holds
    plain JSON values; when it came from text, the written text of its numbers is kept beside
    it, and :meth:`to_json` writes them back exactly.
    """

    document: Any
    changes: tuple[Change, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    kind: str = "request"
    api_version: str = DEFAULT_API_VERSION
    style: str = "camel"
    writable: bool = True
    """True when the canonical document is fully determined and can be written as JSON: it
    parsed, no field is given twice (GS106), nothing nests deeper than ``max_depth`` (GS004) and
    every value is JSON (no NaN or infinity, GS006; no lone surrogate, GS002). Unknown fields do
    not matter: they are kept as written."""
    numbers: NumberTexts | None = field(default=None, repr=False, compare=False)

    @property
    def changed(self) -> bool:
        """True when the canonical document differs from the one given (names, shape or order)."""
        return bool(self.changes)

    def to_json(
        self, indent: int | str | None = 2, *, separators: tuple[str, str] | None = None
    ) -> str:
        """The canonical document as JSON text, numbers exactly as they were written."""
        return jsonwrite.dumps(
            self.document, indent=indent, separators=separators, numbers=self.numbers
        )


def normalize(
    payload: Any,
    *,
    style: str = "camel",
    kind: str = "auto",
    api_version: str = DEFAULT_API_VERSION,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Normalized:
    """The canonical form of a parsed ``payload`` (the input is not modified).

    ``kind`` is ``auto`` or one of :data:`gemschema.validation.KINDS`; a ``stream`` is a list
    of response chunks, each normalised. Idempotent; with ``style="snake"`` the field names are
    the proto names, and normalising that back with ``style="camel"`` gives the camel form.
    ``max_depth`` bounds how deep objects and arrays may nest (GS004), user data included.
    """
    return _normalize(
        payload, style=style, kind=kind, api_version=api_version, max_depth=max_depth, numbers=None
    )


def _normalize(
    payload: Any,
    *,
    style: str,
    kind: str,
    api_version: str,
    max_depth: int,
    numbers: NumberTexts | None,
) -> Normalized:
    if style not in STYLES:
        raise UsageError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
    check_api_version(api_version)
    resolved = detect_kind(payload, api_version) if kind == "auto" else kind
    if resolved not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; expected auto or one of {', '.join(KINDS)}")

    def result(
        document: Any, changes: Any, found: tuple[Diagnostic, ...], writable: bool
    ) -> Normalized:
        return Normalized(
            document, tuple(changes), found, resolved, api_version, style, writable, numbers
        )

    # Parsed text has been checked by the parser (numbers is set): only objects need the scan.
    problems = not_json(payload, max_depth=max_depth) if numbers is None else []
    if problems:
        return result(payload, (), tuple(problems), False)
    wire = wire_map(api_version, KINDS[resolved])
    if resolved != "stream":
        canon = canonicalize(payload, wire, style=style, max_depth=max_depth)
        found = tuple(canon.diagnostics)
        return result(canon.document, canon.changes, found, _writable(found))
    if not isinstance(payload, list):
        problem = WRONG_TYPE.diagnostic("a stream is a JSON array of response chunks", "")
        return result(payload, (), (problem,), True)
    chunks: list[Any] = []
    changes: list[Change] = []
    diagnostics: list[Diagnostic] = []
    for index, chunk in enumerate(payload):
        canon = canonicalize(chunk, wire, style=style, max_depth=max_depth)
        chunks.append(canon.document)
        changes += [Change(join((index,)) + c.pointer, c.message) for c in canon.changes]
        diagnostics += [_prefixed(d, index) for d in canon.diagnostics]
    return result(chunks, changes, tuple(diagnostics), _writable(tuple(diagnostics)))


def _writable(diagnostics: tuple[Diagnostic, ...]) -> bool:
    return not any(d.code in UNWRITABLE and d.is_error for d in diagnostics)


def normalize_json(
    data: str | bytes,
    *,
    style: str = "camel",
    kind: str = "auto",
    api_version: str = DEFAULT_API_VERSION,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Normalized:
    """Parse JSON text and normalise it, keeping every value exactly as written.

    Syntax errors, duplicate keys, bad encodings and too deep nesting are the parser's
    diagnostics (:data:`UNREADABLE`), with line and column; then ``document`` is ``None`` and
    the result is not :attr:`writable`. Numbers most parsers would change (GS006: integers
    beyond 64 bits, ``1e400``) are reported, and kept exactly as written.
    """
    if style not in STYLES:
        raise UsageError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
    check_api_version(api_version)
    parsed = jsontext.parse(data, max_depth=max_depth)
    if any(d.code in UNREADABLE and d.is_error for d in parsed.diagnostics):
        found = tuple(sorted(parsed.diagnostics, key=sort_key))
        return Normalized(None, (), found, kind, api_version, style, writable=False)
    decoded = parsed.text
    text = (decoded if isinstance(decoded, str) else _decode(data)).removeprefix(BOM)
    try:
        value, numbers = jsonwrite.loads(text)
    except RecursionError:
        too_deep = RULES["GS004"].diagnostic(
            "the document nests too deep to read exactly; flatten it"
        )
        return Normalized(None, (), (too_deep,), kind, api_version, style, writable=False)
    result = _normalize(
        value, style=style, kind=kind, api_version=api_version, max_depth=max_depth, numbers=numbers
    )
    diagnostics = list(parsed.diagnostics) + _locate(list(result.diagnostics), text)
    return replace(result, diagnostics=tuple(sorted(diagnostics, key=sort_key)))


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A file's text normalised: the new text (the old one when nothing changed) and findings.

    ``changes`` pairs each change with the 1-based line of its record (always 1 for a JSON
    file; the line of the record in JSON Lines). Diagnostics carry file lines and columns.
    """

    text: str
    changes: tuple[tuple[int, Change], ...]
    diagnostics: tuple[Diagnostic, ...]
    writable: bool

    @property
    def changed(self) -> bool:
        """True when the text of the file would change."""
        return bool(self.changes)


def normalize_text(
    text: str,
    *,
    lines: bool = False,
    style: str = "camel",
    kind: str = "auto",
    api_version: str = DEFAULT_API_VERSION,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> NormalizedText:
    """Normalise the text of a JSON file (or JSON Lines with ``lines=True``), keeping its layout.

    A document that needs no change keeps its text byte for byte; one that does is written with
    the layout detected from its text (indentation, separators, line ending, final newline,
    byte-order mark). In JSON Lines each line is a document (``kind="stream"``: a chunk) and
    blank lines stay as they are.
    """
    bom = text.startswith(BOM)
    body = text.removeprefix(BOM)
    if not lines:
        result = normalize_json(
            body, style=style, kind=kind, api_version=api_version, max_depth=max_depth
        )
        new = _render(result, detect_layout(text)) if result.changed and result.writable else text
        changes = tuple((1, c) for c in result.changes)
        return NormalizedText(new, changes, result.diagnostics, result.writable)
    record_kind = "response" if kind == "stream" else kind
    out: list[str] = [BOM] if bom else []
    all_changes: list[tuple[int, Change]] = []
    diagnostics: list[Diagnostic] = []
    writable = True
    for number, (line, ending) in enumerate(split_lines(body), start=1):
        if not line.strip():
            out.append(line + ending)
            continue
        result = normalize_json(
            line, style=style, kind=record_kind, api_version=api_version, max_depth=max_depth
        )
        writable = writable and result.writable
        offset = len(line) - len(line.lstrip())
        diagnostics += [_shift(d, number, offset) for d in result.diagnostics]
        all_changes += [(number, c) for c in result.changes]
        layout = replace(detect_layout(line), final_newline=False)
        out.append((_render(result, layout) if result.changed else line) + ending)
    new = "".join(out) if all_changes and writable else text
    found = tuple(sorted(diagnostics, key=sort_key))
    return NormalizedText(new, tuple(all_changes), found, writable)


def _render(result: Normalized, layout: Layout) -> str:
    return layout.render(result.document, result.numbers)


def _prefixed(d: Diagnostic, index: int) -> Diagnostic:
    return Diagnostic(d.code, d.severity, d.message, join((index,)) + d.pointer, d.line, d.column)


def _shift(d: Diagnostic, number: int, offset: int) -> Diagnostic:
    """A diagnostic of one JSON Lines record placed at its line (and column) in the file."""
    if d.line is None:
        return d.at(number, None)
    return d.at(number + d.line - 1, (d.column or 1) + (offset if d.line == 1 else 0))


def _locate(diagnostics: list[Diagnostic], text: str) -> list[Diagnostic]:
    pointers = {d.pointer for d in diagnostics if d.line is None}
    if not pointers:
        return diagnostics
    positions = jsontext.locate(text, pointers)
    return [
        d.at(*positions[d.pointer]) if d.line is None and d.pointer in positions else d
        for d in diagnostics
    ]


def _decode(data: str | bytes) -> str:
    return data if isinstance(data, str) else data.decode("utf-8-sig")
