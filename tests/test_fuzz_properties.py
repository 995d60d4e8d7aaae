"""Differential and property-based fuzzing (issue 7): generated documents, one mutation away.

Documents come from :mod:`tests.strategies` (valid documents of every documented type, and every
spelling the API accepts) and :mod:`tests.mutations` (one mutation away from valid). Properties:

* the schema-fed validator and the pydantic models agree on every generated document: both
  accept or both reject (the structural verdict: GS0xx and GS1xx errors; the semantic rules,
  GS2xx-GS9xx, are the validator's alone). Models are validated from JSON in strict mode, with
  :func:`~gemschema.models.strict_context` for requests;
* ``validate`` never raises, and every diagnostic's JSON Pointer resolves in the input;
* a mutation that breaks exactly one rule yields that rule's code, at the mutated place;
* ``validate_json`` of a document's text finds what ``validate`` finds in the document;
* the shortcuts of the invalid path (schema errors taken as written when no respelling could
  change them; jsonschema-rs's ``iter_errors`` for small documents) give the reports of the
  long way (the canonicalising walk, then ``evaluate``);
* ``normalize`` and every converter never raise on valid input, and their output re-validates;
* every file of ``fuzz/corpus/`` and ``fuzz/regressions/`` passes the fuzz target's check.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
import pydantic
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import gemschema
from gemschema import structural, validation
from gemschema.models import (
    CountTokensRequest,
    ErrorResponse,
    GeminiModel,
    GenerateContentRequest,
    GenerateContentResponse,
    strict_context,
)
from gemschema.normalization import normalize
from gemschema.validation import KINDS
from tests.conftest import ROOT
from tests.mutations import Mutant, is_structural, mutated, near_valid, resolve
from tests.strategies import documents, json_values, respelled

if TYPE_CHECKING:
    from types import ModuleType

VERSIONS = ("v1beta", "v1")

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

KNOWN_FAILING = settings(SETTINGS, phases=[Phase.explicit, Phase.reuse, Phase.generate])
"""For the properties a known bug breaks (xfail): fail at the first counterexample, no shrinking."""

MODELS: dict[str, type[GeminiModel]] = {
    "request": GenerateContentRequest,
    "count_tokens": CountTokensRequest,
    "response": GenerateContentResponse,
    "stream": GenerateContentResponse,  # each chunk
    "error": ErrorResponse,
}


# --- the validator and the models agree ------------------------------------------------------


def model_rejects(document: Any, kind: str) -> str | None:
    """Why the pydantic model refuses ``document`` (strict, from JSON), or None if it accepts."""
    context = strict_context() if kind in ("request", "count_tokens") else None
    chunks = document if kind == "stream" and isinstance(document, list) else [document]
    for chunk in chunks:
        try:
            MODELS[kind].model_validate_json(orjson.dumps(chunk), strict=True, context=context)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            return f"{first['type']} at {first['loc']}: {first['msg']}"
    if kind == "stream" and not isinstance(document, list):
        return "a stream is a list"
    return None


def structural_errors(report: gemschema.Report) -> list[tuple[str, str]]:
    return [(d.code, d.pointer) for d in report.errors if is_structural(d.code)]


def newer_enum_value(report: gemschema.Report) -> bool:
    """A response holds an enum string its schema does not list: the validator warns (GS105: a
    value newer than the schema), the models refuse. The one designed difference."""
    return any(d.code == "GS105" and not d.is_error for d in report)


@pytest.mark.parametrize("kind", ["request", "count_tokens", "error"])
@SETTINGS
@given(data=st.data())
def test_validator_and_models_agree(kind: str, data: st.DataObject) -> None:
    check_agreement(kind, data)


@pytest.mark.parametrize("kind", ["response", "stream"])
@SETTINGS
@given(data=st.data())
def test_validator_and_models_agree_on_responses(kind: str, data: st.DataObject) -> None:
    check_agreement(kind, data)


def check_agreement(kind: str, data: st.DataObject) -> None:
    version = data.draw(st.sampled_from(VERSIONS), label="version")
    document = data.draw(
        st.one_of(documents(kind, version), near_valid(kind, version).map(lambda m: m.document)),
        label="document",
    )
    report = gemschema.validate(document, kind=kind, api_version=version)
    validator = structural_errors(report)
    model = model_rejects(document, kind)
    if (
        model is not None
        and model.startswith("enum ")
        and not validator
        and newer_enum_value(report)
    ):
        return  # the only difference by design (see newer_enum_value)
    assert bool(validator) == bool(model), f"validator: {validator}; model: {model}"


# --- validate never raises, pointers resolve, mutations give their code -----------------------


def check_report(report: gemschema.Report, document: Any) -> None:
    """Codes from the catalog; every pointer designates a value of ``document``."""
    from gemschema.rules.catalog import RULES

    for d in report:
        assert d.code in RULES, d
        assert resolve(document, d.pointer), f"{d.code} at {d.pointer!r} does not resolve"


def imperfect(kind: str, version: str) -> st.SearchStrategy[Any]:
    """Documents of ``kind`` with mutations stacked, or in another accepted spelling."""
    return st.one_of(
        mutated(kind, version),
        documents(kind, version).flatmap(lambda d: respelled(d, kind, version)),
    )


@pytest.mark.parametrize("kind", list(KINDS))
@SETTINGS
@given(data=st.data())
def test_validate_never_raises_and_every_pointer_resolves(kind: str, data: st.DataObject) -> None:
    version = data.draw(st.sampled_from(VERSIONS), label="version")
    document = data.draw(imperfect(kind, version) | json_values(max_leaves=20), label="document")
    for as_kind in (kind, "auto"):
        check_report(gemschema.validate(document, kind=as_kind, api_version=version), document)


@pytest.mark.parametrize("kind", ["request", "response", "stream"])
@SETTINGS
@given(data=st.data())
def test_the_invalid_path_shortcuts_change_no_report(kind: str, data: st.DataObject) -> None:
    version = data.draw(st.sampled_from(VERSIONS), label="version")
    text = orjson.dumps(data.draw(imperfect(kind, version), label="document"))
    short = gemschema.validate_json(text, kind=kind, api_version=version)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "may_respell", lambda error: True)
        patch.setattr(structural, "FEW_VALUES", -1)
        long = gemschema.validate_json(text, kind=kind, api_version=version)
    assert short.diagnostics == long.diagnostics


def check_mutant(mutant: Mutant) -> gemschema.Report:
    report = gemschema.validate(mutant.document, kind=mutant.kind, api_version=mutant.api_version)
    found = [(d.code, d.pointer) for d in report]
    assert any((code, mutant.pointer) in found for code in mutant.codes), (
        f"{mutant.operator} at {mutant.pointer} must give {' or '.join(mutant.codes)}; got {found}"
    )
    check_report(report, mutant.document)
    return report


@pytest.mark.parametrize("kind", list(KINDS))
@SETTINGS
@given(data=st.data())
def test_a_mutation_yields_its_rule_code(kind: str, data: st.DataObject) -> None:
    version = data.draw(st.sampled_from(VERSIONS), label="version")
    check_mutant(data.draw(near_valid(kind, version), label="mutant"))


@pytest.mark.parametrize("kind", ["request", "response", "stream"])
@SETTINGS
@given(data=st.data())
def test_breaking_one_semantic_rule_yields_that_code_and_nothing_structural(
    kind: str, data: st.DataObject
) -> None:
    version = data.draw(st.sampled_from(VERSIONS), label="version")
    mutant = data.draw(near_valid(kind, version, semantic=True), label="mutant")
    report = check_mutant(mutant)
    if not mutant.structural:
        assert structural_errors(report) == [], structural_errors(report)


@pytest.mark.parametrize("kind", list(KINDS))
@SETTINGS
@given(data=st.data())
def test_validate_json_finds_what_validate_finds(kind: str, data: st.DataObject) -> None:
    version = data.draw(st.sampled_from(VERSIONS), label="version")
    mutant = data.draw(near_valid(kind, version), label="mutant")
    text = orjson.dumps(mutant.document)
    from_text = gemschema.validate_json(text, kind=kind, api_version=version)
    from_value = gemschema.validate(mutant.document, kind=kind, api_version=version)
    assert sorted((d.code, d.pointer) for d in from_text) == sorted(
        (d.code, d.pointer) for d in from_value
    )
    assert all(d.line is not None and d.line >= 1 for d in from_text), from_text


# --- normalize and the converters on valid input ----------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
@SETTINGS
@given(data=st.data())
def test_normalize_never_raises_on_valid_input_and_its_output_revalidates(
    kind: str, data: st.DataObject
) -> None:
    version = data.draw(st.sampled_from(VERSIONS), label="version")
    canonical = data.draw(documents(kind, version), label="canonical")
    spelled = data.draw(respelled(canonical, kind, version), label="spelled")
    for style in ("camel", "snake"):
        result = normalize(spelled, kind=kind, api_version=version, style=style)
        assert result.writable, result.diagnostics
        assert not [d for d in result.diagnostics if d.is_error], result.diagnostics
        report = gemschema.validate(result.document, kind=kind, api_version=version)
        assert report.ok, [(d.code, d.pointer, d.message) for d in report.errors]
        again = normalize(result.document, kind=kind, api_version=version, style=style)
        assert not again.changed, again.changes
        assert gemschema.validate_json(result.to_json(), kind=kind, api_version=version).ok


def _openai() -> ModuleType:
    return pytest.importorskip("gemschema.openai")


@pytest.mark.parametrize("kind", ["response", "error"])
@SETTINGS
@given(data=st.data())
def test_converters_never_raise_on_valid_gemini_input_and_their_output_revalidates(
    kind: str, data: st.DataObject
) -> None:
    check_conversion(kind, data)


@pytest.mark.parametrize("kind", ["request", "stream"])
@SETTINGS
@given(data=st.data())
def test_converters_on_valid_gemini_input_known_bugs(kind: str, data: st.DataObject) -> None:
    check_conversion(kind, data)


def check_conversion(kind: str, data: st.DataObject) -> None:
    """Gemini → OpenAI → Gemini on any valid document (any accepted spelling): no exception,
    the OpenAI side passes the converters' own input check, the Gemini side validates."""
    openai = _openai()
    from gemschema.openai._check import check_openai

    version = data.draw(st.sampled_from(VERSIONS), label="version")
    canonical = data.draw(documents(kind, version), label="canonical")
    source = data.draw(respelled(canonical, kind, version, nulls=False), label="source")
    if kind == "request":
        there = openai.request_from_gemini(source, api_version=version)
        check_openai(there.document, "request")
        back = openai.request_to_gemini(there.document, api_version=version).document
    elif kind == "response":
        there = openai.response_to_openai(source, api_version=version)
        check_openai(there.document, "response")
        back = openai.response_from_openai(there.document, api_version=version).document
    elif kind == "stream":
        there = openai.stream_to_openai(source, api_version=version)
        for chunk in there.document:
            check_openai(chunk, "chunk")
        back = openai.stream_to_gemini(there.document, api_version=version).document
    else:
        there = openai.error_to_openai(source)
        check_openai(there.document, "error")
        back = openai.error_from_openai(there.document).document
    report = gemschema.validate(back, kind=kind, api_version=version)
    assert report.ok, [(d.code, d.pointer, d.message) for d in report.errors]


@pytest.mark.parametrize("kind", ["request", "response"])
@SETTINGS
@given(data=st.data())
def test_converters_never_raise_on_valid_openai_input_and_their_output_validates(
    kind: str, data: st.DataObject
) -> None:
    openai = _openai()
    from tests.strategies_openai import openai_completions, openai_requests

    if kind == "request":
        source = data.draw(openai_requests(lossy=True), label="source")
        out = openai.request_to_gemini(source)
    else:
        source = data.draw(openai_completions(), label="source")
        out = openai.response_from_openai(source)
    assert gemschema.validate(out.document, kind=kind).ok


# --- the fuzz target's corpus and regressions ---------------------------------------------------

FUZZ = ROOT / "fuzz"

KNOWN_CRASHES: dict[str, str] = {}
"""Regression inputs whose bug is not fixed yet (file name → reason): xfail(strict) until it is."""


@functools.cache
def fuzz_target() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_validate", FUZZ / "fuzz_validate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fuzz_inputs() -> list[Any]:
    files = sorted((FUZZ / "corpus").iterdir()) + sorted((FUZZ / "regressions").iterdir())
    return [
        pytest.param(
            path,
            id=f"{path.parent.name}/{path.name}",
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_CRASHES[path.name])]
            if path.name in KNOWN_CRASHES
            else [],
        )
        for path in files
        if path.is_file() and not path.name.startswith(".")
    ]


def test_the_fuzz_corpus_is_there() -> None:
    assert len(list((FUZZ / "corpus").iterdir())) >= 10
    assert (FUZZ / "regressions").is_dir()
    assert set(KNOWN_CRASHES) <= {p.name for p in (FUZZ / "regressions").iterdir()}


@pytest.mark.parametrize("path", _fuzz_inputs())
def test_fuzz_corpus_and_regressions_replay(path: Path) -> None:
    """Each saved input passes the fuzz target's own check (what ``.ci/fuzz`` runs)."""
    fuzz_target().check(path.read_bytes())


@SETTINGS
@given(data=st.data())
def test_the_fuzz_targets_structural_mutator_keeps_json(data: st.DataObject) -> None:
    """The custom mutator turns JSON into JSON (else the fuzzer wastes its half on noise)."""
    import json
    import random

    target = fuzz_target()
    document = data.draw(documents("request", "v1beta"))
    seed = data.draw(st.integers(0, 2**32 - 1))
    out = target.mutate_json(json.dumps(document).encode(), random.Random(seed))
    assert out is not None
    json.loads(out.decode("utf-8", "surrogatepass"))
