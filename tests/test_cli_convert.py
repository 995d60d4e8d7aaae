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


@pytest.mark.parametrize(
    ("document", "pointer"),
    [
        ({"model": "m", "messages": [{"role": {}, "content": "x"}]}, "/messages/0/role"),
        (
            {**REQUEST, "tools": [{"type": "function", "function": 5}]},
            "/tools/0/function",
        ),
        ({**REQUEST, "tool_choice": {"type": "function", "function": {}}}, "/tool_choice/function"),
        ({**REQUEST, "stream_options": "yes"}, "/stream_options"),
        (
            {
                "model": "m",
                "messages": [
                    {
                        "role": "user",
                        "content": [{"type": "input_audio", "input_audio": {"format": {}}}],
                    }
                ],
            },
            "/messages/0/content/0/input_audio/format",
        ),
    ],
)
def test_convert_of_valid_json_in_a_wrong_shape_exits_1_with_a_diagnostic(
    document: dict[str, object], pointer: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps(document))
    assert main(["convert", "--from", "openai", "--to", "gemini", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and pointer in err and "Traceback" not in err
