"""The one place this package calls :func:`gemschema.normalize` and :func:`gemschema.validate`."""

from __future__ import annotations

from typing import Any

from gemschema.canonical import DEFAULT_MAX_DEPTH
from gemschema.jsonvalue import NOT_JSON_CODES, as_json
from gemschema.openai._types import ConversionError
from gemschema.validation import validate


def gemini_boundary(
    document: Any,
    *,
    kind: str,
    api_version: str,
    stage: str,
    settings: Any = None,
    source: Any = None,
) -> Any:
    """Normalise (``stage="input"``) and validate a Gemini document; raise when it has errors.

    ``kind`` is ``"request"``, ``"response"``, ``"error"`` or ``"chunk"`` (one stream chunk,
    checked as a one-chunk stream); ``settings`` (a :class:`gemschema.Settings`) picks the
    rule profile. Returns the canonical document (input) or ``document`` (output). ``source``
    is the OpenAI document an output was made from: when the output holds what JSON cannot
    (NaN, a set, nesting too deep …), that came from the source, and the error says so there.
    """
    wrapped = kind == "chunk"
    api_kind = "stream" if wrapped else kind
    payload = [document] if wrapped else document
    if stage == "input":
        from gemschema.normalization import normalize  # loaded only when input is normalised

        normalized = normalize(payload, kind=api_kind, api_version=api_version)
        errors = [d for d in normalized.diagnostics if d.is_error]
        if errors:
            raise ConversionError(
                f"the Gemini {kind} does not normalise", diagnostics=errors, stage=stage
            )
        payload = normalized.document
    report = validate(payload, kind=api_kind, api_version=api_version, settings=settings)
    if not report.ok and source is not None and NOT_JSON_CODES & set(report.codes):
        _, not_json = as_json(source, max_depth=DEFAULT_MAX_DEPTH)
        if not_json:
            raise ConversionError(
                "the OpenAI input holds values that are not JSON",
                diagnostics=not_json,
                stage="input",
            )
    if not report.ok:
        what = "is not valid" if stage == "input" else "we produced does not validate"
        raise ConversionError(f"the Gemini {kind} {what}", diagnostics=report.errors, stage=stage)
    return payload[0] if wrapped else payload
