"""Run the language-neutral conformance corpus (``conformance/``) through ``gemschema.validate``.

The contract is ``conformance/README.md``: ``valid`` means no error-severity diagnostic, and
``diagnostics`` is the exact multiset of ``{code, path}`` of every diagnostic reported.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from gemschema.rules.catalog import all_rules
from gemschema.settings import Settings

ROOT = Path(__file__).resolve().parent.parent / "conformance"
OPTIONAL_FIELDS = {"profile", "expected"}
CASE_FIELDS = {
    "description",
    "kind",
    "api_version",
    "payload",
    "valid",
    "diagnostics",
} | OPTIONAL_FIELDS


def _files() -> list[Path]:
    return sorted(ROOT.rglob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return body


def _cases() -> list[Any]:
    out = []
    for path in _files():
        for n, case in enumerate(_load(path)["cases"]):
            out.append(
                pytest.param(
                    case, id=f"{path.relative_to(ROOT).with_suffix('')}[{n}] {case['description']}"
                )
            )
    return out


def _validate() -> Any:
    try:
        from gemschema.validation import validate
    except ImportError as exc:  # only the validator itself may be missing, nothing else
        pytest.skip(f"gemschema.validate is not importable yet: {exc}")
    return validate


@pytest.mark.parametrize("case", _cases())
def test_case(case: dict[str, Any]) -> None:
    validate = _validate()
    settings = Settings(profile=case.get("profile", "default"))
    report = validate(
        case["payload"], kind=case["kind"], api_version=case["api_version"], settings=settings
    )
    got = Counter((d.code, d.pointer) for d in report.diagnostics)
    expected = Counter((d["code"], d["path"]) for d in case["diagnostics"])
    detail = "\n".join(
        f"  {d.code} {d.severity} {d.pointer}: {d.message}" for d in report.diagnostics
    )
    assert got == expected, f"diagnostics differ; reported:\n{detail}"
    assert report.ok is case["valid"], f"valid should be {case['valid']}; reported:\n{detail}"


def test_corpus_files_follow_the_contract() -> None:
    assert _files(), "the conformance corpus is empty"
    for path in _files():
        body = _load(path)
        assert isinstance(body.get("description"), str) and isinstance(body.get("cases"), list), (
            path
        )
        assert ("rule" in body) != ("area" in body), f"{path}: a file names its rule or its area"
        for case in body["cases"]:
            assert set(case) <= CASE_FIELDS and set(case) >= CASE_FIELDS - OPTIONAL_FIELDS, (
                f"{path}: {case.get('description')}"
            )
            assert case["kind"] in ("request", "response", "stream") and case["api_version"] in (
                "v1beta",
                "v1",
            )
            assert isinstance(case["valid"], bool)
            for d in case["diagnostics"]:
                assert set(d) == {"code", "path"} and (
                    d["path"] == "" or d["path"].startswith("/")
                ), path
        if "rule" in body:
            assert path.name.startswith(body["rule"] + "-"), (
                f"{path}: the file name starts with its rule code"
            )


def test_every_semantic_rule_has_conformance_cases() -> None:
    files = {_load(p).get("rule"): _load(p) for p in _files()}
    missing = []
    for rule in all_rules():
        if not ("GS2" <= rule.code[:3] <= "GS9"):
            continue
        body = files.get(rule.code)
        if body is None:
            missing.append(f"{rule.code}: no conformance file")
            continue
        cases = body["cases"]
        if len(cases) < 3:
            missing.append(f"{rule.code}: {len(cases)} case(s), at least 3 are needed")
        if not any(d["code"] == rule.code for case in cases for d in case["diagnostics"]):
            missing.append(f"{rule.code}: no case expects the code")
        if not any(not case["diagnostics"] for case in cases):
            missing.append(f"{rule.code}: no clean (valid boundary) case")
    assert not missing, "\n".join(missing)
