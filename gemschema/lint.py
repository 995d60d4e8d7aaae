"""Lint stored fixtures: find files, read each as JSON, JSON Lines or SSE, validate, collect.

Reading never writes. A file that cannot be read or decoded becomes a diagnostic of its own.
"""

from __future__ import annotations

import concurrent.futures
import glob
import itertools
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gemschema import jsontext
from gemschema.canonical import DEFAULT_MAX_DEPTH
from gemschema.diagnostics import Diagnostic, sort_key
from gemschema.errors import UsageError
from gemschema.files import split_lines
from gemschema.rules.catalog import RULES
from gemschema.settings import Settings
from gemschema.validation import validate, validate_json

SUFFIXES = (".json", ".jsonl", ".ndjson", ".sse")
"""Files a folder is searched for (a file named on the command line is read whatever its name);
hidden files and folders (``.name``) are skipped."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A diagnostic in a file."""

    file: str
    diagnostic: Diagnostic

    def to_dict(self) -> dict[str, Any]:
        d = self.diagnostic.to_dict()
        return {
            "file": self.file,
            **{k: d[k] for k in ("line", "column", "path", "code", "severity", "message")},
        }


@dataclass(frozen=True, slots=True)
class LintOptions:
    """What to check each file as; every CLI flag maps to one field."""

    kind: str = "auto"
    api_version: str = "v1beta"
    input_format: str = "auto"
    settings: Settings | None = None
    max_depth: int = DEFAULT_MAX_DEPTH


def discover(paths: Iterable[str]) -> Iterator[Path]:
    """Files named, files under folders named (recursively), and glob matches, each once, sorted."""
    seen: set[Path] = set()
    for raw in paths:
        if glob.has_magic(raw):
            matches = [Path(m) for m in sorted(glob.glob(raw, recursive=True))]
        elif Path(raw).exists():
            matches = [Path(raw)]
        else:
            raise UsageError(f"no such file or folder: {raw}")
        for match in matches:
            found = (
                sorted(
                    p
                    for p in match.rglob("*")
                    if p.is_file() and p.suffix in SUFFIXES and not _hidden(p.relative_to(match))
                )
                if match.is_dir()
                else [match]
            )
            for path in found:
                if path not in seen:
                    seen.add(path)
                    yield path


def _hidden(relative: Path) -> bool:
    """A file or folder whose name starts with ``.`` (skipped when searching folders, as ruff does)."""
    return any(part.startswith(".") for part in relative.parts)


def input_format(path: Path, text: str, requested: str = "auto") -> str:
    """``json``, ``jsonl`` or ``sse``: as requested, by suffix, else by content."""
    if requested != "auto":
        return requested
    if path.suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if path.suffix == ".sse":
        return "sse"
    if path.suffix == ".json":
        return "json"
    lines = [ln for ln, _ in split_lines(text) if ln.strip()]
    if lines and lines[0].startswith("data:"):
        return "sse"
    if len(lines) > 1 and all(ln.lstrip().startswith(("{", "[")) for ln in lines):
        return "jsonl"
    return "json"


def lint_file(path: Path, options: LintOptions) -> list[Finding]:
    """Every finding in one file."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [
            Finding(name, RULES["GS002"].diagnostic(f"cannot read the file: {exc.strerror or exc}"))
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        report = validate_json(
            data, kind=options.kind, api_version=options.api_version, settings=options.settings
        )
        return [Finding(name, d) for d in report]
    fmt = input_format(path, text, options.input_format)
    if fmt == "json":
        report = validate_json(
            data,
            kind=options.kind,
            api_version=options.api_version,
            settings=options.settings,
            max_depth=options.max_depth,
        )
        return [Finding(name, d) for d in report]
    return [Finding(name, d) for d in _lint_lines(text, fmt, options)]


def _records(text: str, fmt: str) -> Iterator[tuple[int, int, str]]:
    """(line number, column offset, JSON text) of each record of a JSON Lines or SSE file."""
    for number, (line, _) in enumerate(split_lines(text), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if fmt == "sse":
            if not line.startswith("data:"):
                continue
            payload = line[5:]
            offset = 5 + (len(payload) - len(payload.lstrip()))
            payload = payload.strip()
            if payload == "[DONE]":
                continue
            yield number, offset, payload
        else:
            yield number, len(line) - len(line.lstrip()), stripped


def _lint_lines(text: str, fmt: str, options: LintOptions) -> list[Diagnostic]:
    """Each line a document (``--kind`` other than stream), or all lines one stream."""
    records = list(_records(text, fmt))
    stream = options.kind == "stream" or (options.kind == "auto" and fmt == "sse")
    out: list[Diagnostic] = []
    if not stream:
        for number, offset, payload in records:
            report = validate_json(
                payload,
                kind=options.kind,
                api_version=options.api_version,
                settings=options.settings,
                max_depth=options.max_depth,
            )
            out += [_shift(d, number, offset) for d in report]
        return sorted(out, key=sort_key)
    parsed = [
        (number, offset, jsontext.parse(payload, max_depth=options.max_depth))
        for number, offset, payload in records
    ]
    for number, offset, p in parsed:
        out += [_shift(d, number, offset) for d in p.diagnostics]
    if any(not p.ok for _, _, p in parsed):
        return sorted(out, key=sort_key)
    report = validate(
        [p.value for _, _, p in parsed],
        kind="stream",
        api_version=options.api_version,
        settings=options.settings,
    )
    for d in report:
        index, _, rest = d.pointer[1:].partition("/")
        if not index.isdigit():
            out.append(d.at(1, 1))
            continue
        number, offset, p = parsed[int(index)]
        inner = "/" + rest if rest else ""
        line, column = p.locate([inner]).get(inner, (1, 1))
        out.append(_shift(d.at(line, column), number, offset))
    return sorted(out, key=sort_key)


def _shift(d: Diagnostic, number: int, offset: int) -> Diagnostic:
    """A diagnostic of one record placed at its line (and column) in the file."""
    if d.line is None:
        return d.at(number, None)
    return d.at(number + d.line - 1, (d.column or 1) + (offset if d.line == 1 else 0))


PARALLEL_FROM = 64
"""Below this many files, linting stays in one process (a worker pool costs more than it saves)."""


def lint(
    paths: Iterable[str], options: LintOptions, *, jobs: int = 0, progress: bool | None = None
) -> tuple[list[Finding], int]:
    """Every finding in every file under ``paths``, and how many files were checked.

    Many files are linted by a pool of ``jobs`` processes (default: one per core); ``progress``
    (default: when stderr is a terminal) shows a counter on stderr.
    """
    files = list(discover(paths))
    show = sys.stderr.isatty() if progress is None else progress
    workers = jobs or cpu_count()
    findings: list[Finding] = []
    if workers > 1 and len(files) >= PARALLEL_FROM:
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(lint_file, files, itertools.repeat(options), chunksize=32)
            for done, found in enumerate(results, start=1):
                findings += found
                _progress(show, done, len(files))
    else:
        for done, path in enumerate(files, start=1):
            findings += lint_file(path, options)
            _progress(show, done, len(files))
    if show and files:
        print(file=sys.stderr)
    return findings, len(files)


def _progress(show: bool, done: int, total: int) -> None:
    if show and (done == total or done % 50 == 0):
        print(f"\rgemschema: {done}/{total} files", end="", file=sys.stderr, flush=True)


def cpu_count() -> int:
    """Cores this process may use."""
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
