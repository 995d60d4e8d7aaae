"""Coverage-guided fuzz target (atheris / libFuzzer) for ``validate_json`` and ``normalize``
(and the OpenAI converters' ``convert_text``, both ways).

The contract fuzzed: whatever bytes arrive, ``validate_json``, ``validate``, ``normalize_json``,
``normalize`` and ``normalize_text`` *return* — a report or a normalised document, with
diagnostics — and ``convert_text`` returns or raises its typed ``ConversionError``. The only exceptions allowed are gemschema's typed ones (:class:`GemschemaError`,
meant for bad *calls*, which this target never makes). Every other exception is a crash, and so
is a broken promise of the report: a diagnostic whose code is not in the rule catalog, a position
that is not 1-based, or a JSON Pointer that does not resolve in the parsed document.
A hang (``-timeout``) or a memory blow-up (``-rss_limit_mb``) is a crash too.

Each input is one JSON text. It is checked as ``kind="auto"`` and, to reach every pass, also as
one explicit kind and API version picked from its length (so the seed files stay plain JSON).
Half of the mutations are libFuzzer's byte-level ones; the other half parse the input and change
its structure (:func:`mutate_json`: drop, wrap, unwrap, duplicate or retype a value, rename a
key to a documented field name in either spelling, put in a boundary number), so the fuzzer also
reaches the schema and the semantic rules rather than only the JSON parser.

Run it (``.ci/fuzz`` does, for a bounded time)::

    python fuzz/fuzz_validate.py -artifact_prefix=fuzz/regressions/ WORK_DIR fuzz/corpus

libFuzzer writes a crashing input to ``fuzz/regressions/``; keep it there (commit it): the test
suite replays every file of ``fuzz/regressions/`` and ``fuzz/corpus/`` through :func:`check`
(``tests/test_fuzz_properties.py``), so a fixed crash stays fixed. Without atheris installed,
``python fuzz/fuzz_validate.py FILE...`` replays files the same way.
"""

from __future__ import annotations

import contextlib
import functools
import json
import random
import sys
from typing import Any

KINDS = ("request", "response", "stream", "count_tokens", "error")
VERSIONS = ("v1beta", "v1")


def _load() -> None:
    """Import everything the target reaches (under atheris, inside its instrumentation)."""
    import gemschema.lint
    import gemschema.normalization
    import gemschema.openai
    import gemschema.rules
    import gemschema.validation  # noqa: F401


def _resolves(document: Any, pointer: str) -> bool:
    node = document
    if not pointer:
        return True
    for raw in pointer[1:].split("/"):
        segment = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and segment in node:
            node = node[segment]
        elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
            node = node[int(segment)]
        else:
            return False
    return True


def _check_report(diagnostics: Any, document: Any, *, where: str) -> None:
    from gemschema.rules.catalog import RULES

    for d in diagnostics:
        if d.code not in RULES:
            raise AssertionError(f"{where}: {d.code} is not a catalogued rule code")
        if (d.line is not None and d.line < 1) or (d.column is not None and d.column < 1):
            raise AssertionError(f"{where}: {d.code} at line {d.line}, column {d.column}")
        if document is not None and not _resolves(document, d.pointer):
            raise AssertionError(f"{where}: {d.code} pointer {d.pointer!r} does not resolve")


def check(data: bytes) -> None:
    """Run one input through the validator and the normaliser; raise if the contract breaks."""
    import gemschema
    from gemschema import jsontext
    from gemschema.normalization import normalize, normalize_json, normalize_text

    kind = KINDS[len(data) % len(KINDS)]
    version = VERSIONS[(len(data) // len(KINDS)) % len(VERSIONS)]
    parsed = jsontext.parse(data)
    value = parsed.value if parsed.ok else None
    try:
        _check_report(gemschema.validate_json(data), value, where="validate_json(auto)")
        report = gemschema.validate_json(data, kind=kind, api_version=version)
        _check_report(report, value, where=f"validate_json({kind}, {version})")
        result = normalize_json(data, kind=kind, api_version=version)
        _check_report(result.diagnostics, value, where=f"normalize_json({kind})")
        if result.writable and result.document is not None:
            result.to_json()
        if parsed.text is not None:
            normalize_text(parsed.text, kind=kind, api_version=version)
        if parsed.ok:
            _check_report(
                gemschema.validate(value, kind=kind, api_version=version),
                value,
                where=f"validate({kind})",
            )
            _check_report(gemschema.validate(value), value, where="validate(auto)")
            normalized = normalize(value, kind=kind, api_version=version)
            if normalized.writable:
                normalized.to_json()
    except gemschema.GemschemaError:
        pass  # a typed, documented exception: allowed
    if parsed.text is not None:
        _convert(parsed.text)


def _convert(text: str) -> None:
    """Both directions of ``convert_text``; only its typed errors are allowed."""
    import gemschema
    from gemschema.openai import convert_text

    for source, target in (("gemini", "openai"), ("openai", "gemini")):
        with contextlib.suppress(gemschema.GemschemaError):
            convert_text(text, source, target)


BOUNDARY_VALUES: tuple[Any, ...] = (
    0,
    -1,
    1,
    2,
    6,
    2**31 - 1,
    2**31,
    -(2**31) - 1,
    2**63,
    2**64,
    10**30,
    1.5,
    -0.0,
    1e308,
    1e-320,
    True,
    False,
    None,
    "",
    "0",
    "-1",
    "1e3",
    "\u0000",
    "user",
    "model",
    "x" * 70,
    [],
    {},
    [[]],
    {"": {}},
)
"""Values that sit on a limit of some field or rule."""


@functools.cache
def field_words() -> tuple[str, ...]:
    """Every documented field name (both spellings) and enum value, of every type and version."""
    from gemschema.validation import KINDS as TYPES
    from gemschema.wire import wire_map

    words: set[str] = set()
    for version in VERSIONS:
        for type_name in set(TYPES.values()) | {"CountTokensRequest"}:
            for message in wire_map(version, type_name).messages.values():
                for spec in message.fields.values():
                    words.update((spec.name, spec.snake, *spec.enum))
    return tuple(sorted(words))


def _slots(doc: Any, limit: int = 400) -> list[tuple[Any, Any]]:
    """(container, key or index) of the values of ``doc``, breadth first, at most ``limit``."""
    out: list[tuple[Any, Any]] = []
    queue = [doc]
    while queue and len(out) < limit:
        node = queue.pop(0)
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            out.append((node, key))
            if isinstance(value, dict | list):
                queue.append(value)
    return out


def mutate_json(data: bytes, rng: random.Random) -> bytes | None:
    """One structural mutation of a JSON text, or None when it does not parse."""
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return None
    slots = _slots(doc) if isinstance(doc, dict | list) else []
    words = field_words()
    if not slots:
        return json.dumps({rng.choice(words): doc}).encode()
    node, key = rng.choice(slots)
    value = node[key]
    op = rng.randrange(9)
    if op == 0 and isinstance(node, dict):
        del node[key]
    elif op == 1 and isinstance(node, dict):  # rename to a documented field, either spelling
        node[rng.choice(words)] = node.pop(key)
    elif op == 2 and isinstance(node, dict):  # add a documented field
        node[rng.choice(words)] = rng.choice((*BOUNDARY_VALUES, value))
    elif op == 3:
        node[key] = [value]
    elif op == 4 and isinstance(value, list) and value:
        node[key] = rng.choice(value)
    elif op == 5 and isinstance(node, list):
        node.insert(rng.randrange(len(node) + 1), json.loads(json.dumps(value)))
    elif op == 6:
        node[key] = rng.choice(words) if rng.random() < 0.5 else rng.choice(BOUNDARY_VALUES)
    elif op == 7 and isinstance(value, str) and value:
        node[key] = value.lower() if value.isupper() else value.upper()
    else:
        node[key] = rng.choice(BOUNDARY_VALUES)
    text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
    # A lone surrogate in the document: its UTF-8 bytes are invalid, which is worth trying too.
    return text.encode("utf-8", "surrogatepass")


def replay(paths: list[str]) -> None:
    """Run :func:`check` on each file (what the test suite does with the regression corpus)."""
    for path in paths:
        with open(path, "rb") as handle:
            check(handle.read())
        print(f"ok {path}")


def main() -> None:
    try:
        import atheris
    except ImportError:
        if len(sys.argv) > 1 and not any(a.startswith("-") for a in sys.argv[1:]):
            replay(sys.argv[1:])
            return
        sys.exit("atheris is not installed: pip install atheris (or pass files to replay)")
    with atheris.instrument_imports(include=["gemschema"]):
        _load()
    field_words()

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.5:
            try:
                mutated = mutate_json(data, rng)
            except (ValueError, RecursionError):  # the mutator's own limits, not a finding
                mutated = None
            if mutated is not None and len(mutated) <= max_size:
                return mutated
        return bytes(atheris.Mutate(data, max_size))

    atheris.Setup(sys.argv, check, custom_mutator=custom_mutator)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
