"""The ``gemschema`` command: a thin shell over the library (every flag maps to one parameter).

Exit codes, the same for every verb: 0 clean, 1 findings (errors; or a loss under ``--strict``;
or files to change under ``--check``), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gemschema.errors import GemschemaError

if TYPE_CHECKING:
    from gemschema.settings import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace) -> Settings:
    """``[tool.gemschema]`` (from ``--config``, else the nearest pyproject.toml) and the flags."""
    from gemschema.settings import load_settings

    base = load_settings(Path(args.config) if args.config else None)
    return base.merge(profile=args.profile, select=args.select, ignore=args.ignore)


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--kind",
        default="auto",
        choices=["auto", "request", "response", "stream", "count_tokens", "error"],
    )
    p.add_argument("--api-version", default="v1beta", choices=["v1beta", "v1"])


def cmd_lint(args: argparse.Namespace) -> int:
    from gemschema.lint import LintOptions, lint

    options = LintOptions(
        kind=args.kind,
        api_version=args.api_version,
        input_format=args.input_format,
        settings=_settings(args),
        max_depth=args.max_depth,
    )
    findings, checked = lint(args.paths, options, jobs=args.jobs, progress=args.progress)
    errors = sum(f.diagnostic.is_error for f in findings)
    warnings = len(findings) - errors
    if args.format == "json":
        print(json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False))
    else:
        for f in findings:
            d = f.diagnostic
            where = f"{f.file}:{d.line or 1}:{d.column or 1}"
            print(
                f"{where}: {d.code} {d.message}"
                + (f" [{d.pointer}]" if d.pointer else "")
                + (" (warning)" if not d.is_error else "")
            )
        files = len({f.file for f in findings if f.diagnostic.is_error})
        if findings:
            print(
                f"Found {errors} error(s) and {warnings} warning(s) in {checked} file(s) checked; {files} file(s) with errors."
            )
        else:
            print(f"All checks passed: {checked} file(s) checked.")
    if checked == 0:
        print("gemschema: no files found", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_FINDINGS if errors and not args.exit_zero else EXIT_OK


def cmd_normalize(args: argparse.Namespace) -> int:
    from gemschema.files import atomic_write
    from gemschema.lint import discover, input_format
    from gemschema.normalization import UNREADABLE, normalize_text

    if args.write and "-" in args.paths:
        print("gemschema: --write needs files, not standard input", file=sys.stderr)
        return EXIT_USAGE
    files: list[Path | None] = []  # None: standard input
    seen: set[Path] = set()
    for raw in args.paths:
        found = [None] if raw == "-" else [p for p in discover([raw]) if p not in seen]
        seen.update(p for p in found if p is not None)
        files += found
    if not files:
        print("gemschema: no files found", file=sys.stderr)
        return EXIT_USAGE
    changed = unchanged = failed = 0
    for name in files:
        stdin = name is None
        path = Path("-") if name is None else name
        try:
            text = (sys.stdin.buffer.read() if stdin else path.read_bytes()).decode("utf-8")
        except OSError as exc:
            print(f"{path}: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
            failed += 1
            continue
        except UnicodeDecodeError as exc:
            print(f"{path}: not UTF-8 text ({exc.reason}); not normalised", file=sys.stderr)
            failed += 1
            continue
        fmt = "json" if stdin else input_format(path, text)
        if fmt == "sse":
            print(f"{path}: skipped: server-sent event streams are not normalised", file=sys.stderr)
            continue
        result = normalize_text(
            text,
            lines=fmt == "jsonl",
            style=args.style,
            kind=args.kind,
            api_version=args.api_version,
        )
        for d in result.diagnostics:
            where = f"{path}:{d.line or 1}:{d.column or 1}"
            tail = (f" [{d.pointer}]" if d.pointer else "") + ("" if d.is_error else " (warning)")
            print(f"{where}: {d.code} {d.message}{tail}", file=sys.stderr)
        if not result.writable:
            unreadable = any(d.code in UNREADABLE for d in result.diagnostics)
            why = "it is not JSON" if unreadable else "its canonical form is not determined"
            print(f"{path}: not normalised: {why} (see above)", file=sys.stderr)
            failed += 1
            continue
        if not result.changed:
            unchanged += 1
            if not (args.check or args.write):
                sys.stdout.write(text if text.endswith("\n") else text + "\n")
            continue
        changed += 1
        if args.check:
            line, first = result.changes[0]
            at = f"line {line} " if fmt == "jsonl" else ""
            where = f"{at}{first.pointer or '/'}"
            count = len(result.changes)
            print(f"would normalise {path}: {count} change(s), first at {where}: {first.message}")
        elif args.write:
            try:
                atomic_write(path, result.text)
            except OSError as exc:
                print(f"{path}: cannot write the file: {exc.strerror or exc}", file=sys.stderr)
                changed -= 1
                failed += 1
                continue
            print(f"normalised {path} ({len(result.changes)} change(s))")
        else:
            sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")
    if args.check or args.write:
        verb = "would be normalised" if args.check else "normalised"
        summary = f"{changed} file(s) {verb}, {unchanged} already canonical"
        print(summary + (f", {failed} not normalised" if failed else ""))
    if failed or (args.check and changed):
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_schema_export(args: argparse.Namespace) -> int:
    from gemschema.schema_export import export

    for path in export(Path(args.out)):
        print(path)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from gemschema.rules.catalog import all_rules

    for rule in all_rules():
        print(f"{rule.code}  {rule.name:<34} {rule.severity:<8} {rule.summary}")
    return EXIT_OK


def cmd_convert(args: argparse.Namespace) -> int:
    from gemschema.openai import ConversionError, convert_text

    text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    try:
        output, losses = convert_text(text, args.from_, args.to, kind=args.kind, strict=args.strict)
    except ConversionError as exc:
        print(f"gemschema: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    sys.stdout.write(output)
    for loss in losses:
        print(f"{args.file}: loss at {loss.pointer or '/'}: {loss.reason}", file=sys.stderr)
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="gemschema", description=__doc__)
    verbs = top.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("lint", help="validate stored request/response fixtures")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive) or globs")
    _add_common(p)
    p.add_argument("--input-format", default="auto", choices=["auto", "json", "jsonl", "sse"])
    p.add_argument("--format", default="text", choices=["text", "json"])
    p.add_argument(
        "--select",
        action="append",
        default=None,
        metavar="CODE",
        help="only these codes (or prefixes)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        default=None,
        metavar="CODE",
        help="never these codes (or prefixes)",
    )
    p.add_argument("--profile", default=None, help="a built-in or [tool.gemschema] profile")
    p.add_argument(
        "--config",
        default=None,
        help="a pyproject.toml with [tool.gemschema] (default: ./pyproject.toml)",
    )
    p.add_argument("--max-depth", type=int, default=512)
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    p.set_defaults(run=cmd_lint)

    p = verbs.add_parser("normalize", help="rewrite payloads in the one canonical spelling")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, globs, - (stdin)")
    _add_common(p)
    p.add_argument("--style", default="camel", choices=["camel", "snake"], help="name style")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="list the files not canonical; exit 1")
    mode.add_argument("--write", action="store_true", help="rewrite the files not canonical")
    p.set_defaults(run=cmd_normalize)

    p = verbs.add_parser("schema", help="the versioned JSON Schemas")
    schema_verbs = p.add_subparsers(dest="schema_verb", required=True)
    e = schema_verbs.add_parser(
        "export", help="regenerate schemas/<api-version>/*.schema.json from the models"
    )
    e.add_argument("--out", default="schemas")
    e.set_defaults(run=cmd_schema_export)

    p = verbs.add_parser("convert", help="convert between OpenAI chat format and Gemini")
    p.add_argument("file", metavar="FILE", help="a JSON, JSON Lines or SSE file, or - for stdin")
    p.add_argument("--from", dest="from_", required=True, choices=["openai", "gemini"])
    p.add_argument("--to", required=True, choices=["openai", "gemini"])
    p.add_argument(
        "--kind", default="auto", choices=["auto", "request", "response", "stream", "error"]
    )
    p.add_argument("--strict", action="store_true", help="exit 1 on any loss")
    p.set_defaults(run=cmd_convert)

    p = verbs.add_parser("rules", help="list every rule code")
    p.set_defaults(run=cmd_rules)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except GemschemaError as exc:
        print(f"gemschema: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    return code


if __name__ == "__main__":
    sys.exit(main())
