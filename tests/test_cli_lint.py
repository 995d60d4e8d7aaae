"""``gemschema lint``: files, folders, globs, JSON Lines, SSE, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gemschema.cli import main

from .conftest import EXAMPLES, external_files

GOOD = '{"contents": [{"role": "user", "parts": [{"text": "hi"}]}]}'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.json").write_text(GOOD)
    code, out, _ = run(capsys, "lint", str(tmp_path / "a.json"))
    assert code == 0 and "All checks passed: 1 file(s)" in out


def test_findings_exit_one_with_file_line_col(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "b.json").write_text(
        '{\n  "contents": [{"parts": [{"text": "hi"}]}],\n  "bogus": 1\n}\n'
    )
    code, out, _ = run(capsys, "lint", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'b.json'}:3:3: GS101 " in out
    assert "Found 1 error(s)" in out


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.json").write_text('{"contents": [{"parts": [{"text": 1}]}]}')
    code, out, _ = run(capsys, "lint", "--format", "json", str(tmp_path / "b.json"))
    [finding] = json.loads(out)
    assert code == 1
    assert finding == {
        "file": str(tmp_path / "b.json"),
        "line": 1,
        "column": 27,
        "path": "/contents/0/parts/0/text",
        "code": "GS103",
        "severity": "error",
        "message": finding["message"],
    }


def test_jsonl_reports_file_line_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "c.jsonl").write_text(
        f"{GOOD}\n\n{GOOD}\n" + '{"contents": [], "bogus": 1}\n' + '{"contents": [,]}\n'
    )
    code, out, _ = run(capsys, "lint", "--format", "json", str(tmp_path / "c.jsonl"))
    found = {(f["line"], f["code"]) for f in json.loads(out)}
    assert code == 1
    assert (4, "GS101") in found and (5, "GS001") in found
    assert all(line >= 4 for line, _ in found)


def test_glob_and_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.json").write_text('{"contents": 1}')
    (tmp_path / "y.txt").write_text("not looked at")
    code, out, _ = run(capsys, "lint", "--exit-zero", str(tmp_path / "*.json"))
    assert code == 0 and "GS103" in out


def test_usage_errors_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["lint", "--kind", "bogus", str(tmp_path)])
    assert exc.value.code == 2
    code, _, err = run(capsys, "lint", str(tmp_path / "missing-folder"))
    assert code == 2 and "no such file" in err


def test_lint_never_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"contents": [1,],}')
    before = path.stat().st_mtime_ns
    run(capsys, "lint", str(path))
    assert path.read_bytes() == b'{"contents": [1,],}' and path.stat().st_mtime_ns == before


def test_external_responses_lint_without_errors(capsys: pytest.CaptureFixture[str]) -> None:
    files = [p for p in external_files("*.json") if "429" not in p.name]
    assert files
    code, out, _ = run(capsys, "lint", "--kind", "response", *map(str, files))
    assert code == 0, out


def test_external_error_body_lints_as_error(capsys: pytest.CaptureFixture[str]) -> None:
    files = external_files("*429*.json")
    code, out, _ = run(capsys, "lint", "--kind", "error", *map(str, files))
    assert code == 0, out


def test_external_streams_lint_without_errors(capsys: pytest.CaptureFixture[str]) -> None:
    files = external_files("*.chunks.txt")
    assert len(files) >= 8
    code, out, _ = run(capsys, "lint", "--kind", "stream", "--format", "json", *map(str, files))
    findings = json.loads(out)
    assert code == 0 and all(f["severity"] == "warning" for f in findings), out
    assert {f["code"] for f in findings} <= {"GS102"}


def test_sse_stream(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chunk = {
        "candidates": [{"content": {"role": "model", "parts": [{"text": "hi"}]}}],
        "responseId": "r1",
    }
    bad = {
        "candidates": [{"content": {"role": "model", "parts": [{"text": 2}]}}],
        "responseId": "r1",
    }
    (tmp_path / "s.sse").write_text(
        f"data: {json.dumps(chunk)}\n\ndata: {json.dumps(bad)}\n\ndata: [DONE]\n"
    )
    code, out, _ = run(capsys, "lint", "--format", "json", str(tmp_path / "s.sse"))
    [f] = json.loads(out)
    assert code == 1 and f["line"] == 3 and f["path"] == "/1/candidates/0/content/parts/0/text"
    assert (
        (tmp_path / "s.sse").read_text().splitlines()[2][f["column"] - 1 :].startswith('"text": 2')
    )


def test_examples_valid_folder_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", str(EXAMPLES / "valid"))
    assert code == 0, out


def test_jsonl_line_separator_inside_a_string_is_not_a_new_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = '{"contents": [{"role": "user", "parts": [{"text": "a\u2028b"}]}]}'
    (tmp_path / "u.jsonl").write_text(f"{line}\n{line}\n", encoding="utf-8")
    code, out, _ = run(capsys, "lint", str(tmp_path / "u.jsonl"))
    assert code == 0, out
