"""The committed schemas: generated from the models, standard 2020-12, usable on their own."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gemschema.models import SCHEMA_TYPES
from gemschema.models._base import INT64_PATTERN
from gemschema.schema_export import generate, render
from gemschema.schemastore import API_VERSIONS

from .conftest import ROOT

CASES = [(v, t) for v in API_VERSIONS for t in SCHEMA_TYPES]


@pytest.mark.parametrize(("version", "type_name"), CASES)
def test_committed_schema_matches_models(version: str, type_name: str) -> None:
    path = ROOT / "schemas" / version / f"{type_name}.schema.json"
    assert path.read_text(encoding="utf-8") == render(generate(type_name, version)), (
        f"{path} drifted from the models: run `gemschema schema export`"
    )


def test_no_stray_schema_files() -> None:
    committed = {
        p.relative_to(ROOT / "schemas").as_posix() for p in (ROOT / "schemas").rglob("*.json")
    }
    assert committed == {f"{v}/{t}.schema.json" for v, t in CASES}


@pytest.mark.parametrize(("version", "type_name"), CASES)
def test_schema_is_valid_2020_12(version: str, type_name: str) -> None:
    schema = json.loads((ROOT / "schemas" / version / f"{type_name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:gemschema:{version}:{type_name}"
    assert schema["title"] == type_name and schema["description"]


def _validator(version: str, type_name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / version / f"{type_name}.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def test_plain_jsonschema_accepts_and_refuses_from_the_files() -> None:
    request = _validator("v1beta", "GenerateContentRequest")
    good = {
        "systemInstruction": {"parts": [{"text": "Be brief."}]},
        "contents": [{"role": "user", "parts": [{"text": "Hi"}]}],
        "generationConfig": {
            "temperature": 0.5,
            "stopSequences": ["x"],
            "thinkingConfig": {"thinkingBudget": 0},
        },
        "safetySettings": [
            {"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"}
        ],
    }
    assert list(request.iter_errors(good)) == []
    assert not request.is_valid({**good, "stop_sequence": ["x"]})
    assert not request.is_valid({"contents": "hi"})
    assert not request.is_valid(
        {
            **good,
            "safetySettings": [{"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_SOME"}],
        }
    )
    response = _validator("v1beta", "GenerateContentResponse")
    out = {
        "candidates": [
            {"content": {"role": "model", "parts": [{"text": "Hello"}]}, "finishReason": "STOP"}
        ]
    }
    assert response.is_valid(out)
    assert response.is_valid({**out, "createTime": "2025-01-01T00:00:00Z"}), (
        "unknown response fields are allowed"
    )
    assert not response.is_valid({"candidates": [{"finishReason": 7.5}]})


def test_versions_differ_where_the_api_does() -> None:
    beta = json.loads((ROOT / "schemas/v1beta/GenerateContentRequest.schema.json").read_text())
    v1 = json.loads((ROOT / "schemas/v1/GenerateContentRequest.schema.json").read_text())
    assert beta != v1
    assert set(v1["$defs"]) <= set(beta["$defs"]) | {"GenerateContentRequest"}


def test_wheel_carries_the_schemas_and_validates_without_the_checkout(tmp_path: Path) -> None:
    hatchling = pytest.importorskip("hatchling.builders.wheel")
    wheel = next(
        hatchling.WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])
    )
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert {f"gemschema/_schemas/{v}/{t}.schema.json" for v, t in CASES} <= names
        zf.extractall(tmp_path / "site")
    code = (
        "import gemschema, gemschema.schemastore as s;"
        "assert s.schema_dir().name == '_schemas', s.schema_dir();"
        "r = gemschema.validate({'contents': [{'parts': [{'text': 'hi'}]}], 'bogus': 1});"
        "print(r.codes)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "GS101" in out.stdout


@given(
    st.integers(min_value=-(2**65), max_value=2**65)
    | st.sampled_from([2**63 - 1, 2**63, -(2**63), -(2**63) - 1])
)
def test_int64_pattern_is_exactly_the_int64_range(n: int) -> None:
    assert bool(re.match(INT64_PATTERN, str(n))) == (-(2**63) <= n < 2**63)
