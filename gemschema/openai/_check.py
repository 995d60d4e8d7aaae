"""Structural checks of OpenAI documents: the shapes (:mod:`gemschema.openai._shapes`) the
converters rely on, checked by the structural pass's backend, every finding at once."""

from __future__ import annotations

import functools
from typing import Any

from gemschema import structural
from gemschema.canonical import DEFAULT_MAX_DEPTH
from gemschema.diagnostics import Diagnostic
from gemschema.jsonvalue import as_json
from gemschema.openai._shapes import SHAPES
from gemschema.openai._types import ConversionError

CODE = "openai-input"
"""Diagnostic code of every finding here (not a Gemini rule: these are OpenAI documents)."""


@functools.cache
def _backend(kind: str) -> structural.RustBackend:
    return structural.RustBackend(SHAPES[kind])


def findings(doc: Any, kind: str) -> list[Diagnostic]:
    """Where ``doc`` holds what JSON cannot, or else breaks the shape of an OpenAI ``kind``
    (``request``, ``response``, ``chunk``, ``error``); ``[]`` when it does neither."""
    backend = _backend(kind)
    try:
        if backend.is_valid(doc):
            return []
    except (ValueError, UnicodeEncodeError):  # a set, "\\ud800": answered by as_json below
        pass
    plain, not_json = as_json(doc, max_depth=DEFAULT_MAX_DEPTH)
    if not_json:
        return not_json
    return [
        Diagnostic(CODE, d.severity, d.message, d.pointer)
        for d in structural.diagnostics(backend.errors(plain))
    ]


def check_openai(doc: Any, kind: str, *, stage: str = "input") -> None:
    """Raise :class:`ConversionError` when ``doc`` is not the OpenAI ``kind`` shape.

    ``stage="output"`` checks a document we produced (a failure there is a gemschema bug).
    """
    found = findings(doc, kind)
    if found:
        what = "is not valid" if stage == "input" else "we produced is not valid (a bug)"
        raise ConversionError(f"the OpenAI {kind} {what}", diagnostics=found, stage=stage)
