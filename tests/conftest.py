"""Shared paths and helpers for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXTERNAL = SHARED / "external" / "vercel-ai-google-fixtures"
REFERENCE = SHARED / "reference"
EXAMPLES = ROOT / "examples"


def external_files(pattern: str) -> list[Path]:
    """Files of the external corpus (the test is skipped, saying so, when it is absent)."""
    if not EXTERNAL.is_dir():
        pytest.skip(f"the external corpus is not beside this checkout ({EXTERNAL})")
    return sorted(EXTERNAL.glob(pattern))
