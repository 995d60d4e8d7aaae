"""Every shipped sample lints as its manifest says: valid ones clean, invalid ones with errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gemschema.lint import LintOptions, lint_file

from .conftest import EXAMPLES

MANIFEST: list[dict[str, Any]] = json.loads(
    (EXAMPLES / ".manifest.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_example_verdict(entry: dict[str, Any]) -> None:
    kind = entry["kind"]
    options = LintOptions(
        kind=kind if kind != "response" or not entry["file"].endswith("l") else "auto"
    )
    if kind == "stream":
        options = LintOptions(kind="stream")
    findings = lint_file(EXAMPLES / entry["file"], options)
    errors = [f.diagnostic for f in findings if f.diagnostic.is_error]
    if entry["expect"] == "valid":
        assert errors == [], errors
    else:
        assert errors, f"{entry['file']} should break: {entry.get('rule')}"
