"""``gemschema convert``: converted JSON on stdout, losses on stderr, exit 1 on a loss under --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gemschema.cli import main

REQUEST = {
    "model": "gpt-4o",
    "messages": [{"role": "user", "content": "hi"}],
    "stop": list("abcdef"),
}


def test_convert_reports_losses_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(REQUEST))
    assert main(["convert", "--from", "openai", "--to", "gemini", str(path)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["generationConfig"]["stopSequences"] == list("abcde")
    assert "/stop/5" in err
    assert main(["convert", "--from", "openai", "--to", "gemini", "--strict", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "/stop/5" in err
