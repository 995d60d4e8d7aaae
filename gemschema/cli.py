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

from gemschema.errors import GemschemaError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace) -> object:
    from gemschema.settings import Settings, load_settings

    base = load_settings(Path(args.config)) if args.config else load_settings(None)
    return Settings.merge(base, profile=args.profile, select=args.select, ignore=args.ignore) if isinstance(base, Settings) else base


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kind", default="auto", choices=["auto", "request", "response", "stream", "count_tokens", "error"])
    p.add_argument("--api-version", default="v1beta", choices=["v1beta", "v1"])


def cmd_lint(args: argparse.Namespace) -> int:
    from gemschema.lint import LintOptions, lint

    options = LintOptions(
        kind=args.kind,
        api_version=args.api_version,
        input_format=args.input_format,
        settings=_settings(args),  # type: ignore[arg-type]
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
            print(f"{where}: {d.code} {d.message}" + (f" [{d.pointer}]" if d.pointer else "") + (" (warning)" if not d.is_error else ""))
        files = len({f.file for f in findings if f.diagnostic.is_error})
        if findings:
            print(f"Found {errors} error(s) and {warnings} warning(s) in {checked} file(s) checked; {files} file(s) with errors.")
        else:
            print(f"All checks passed: {checked} file(s) checked.")
    if checked == 0:
        print("gemschema: no files found", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_FINDINGS if errors and not args.exit_zero else EXIT_OK


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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="gemschema", description=__doc__)
    verbs = top.add_subparsers(dest="verb", required=True)

    p = verbs.add_parser("lint", help="validate stored request/response fixtures")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive) or globs")
    _add_common(p)
    p.add_argument("--input-format", default="auto", choices=["auto", "json", "jsonl", "sse"])
    p.add_argument("--format", default="text", choices=["text", "json"])
    p.add_argument("--select", action="append", default=None, metavar="CODE", help="only these codes (or prefixes)")
    p.add_argument("--ignore", action="append", default=None, metavar="CODE", help="never these codes (or prefixes)")
    p.add_argument("--profile", default=None, help="a built-in or [tool.gemschema] profile")
    p.add_argument("--config", default=None, help="a pyproject.toml with [tool.gemschema] (default: ./pyproject.toml)")
    p.add_argument("--max-depth", type=int, default=512)
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None)
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when errors are found")
    p.set_defaults(run=cmd_lint)

    p = verbs.add_parser("schema", help="the versioned JSON Schemas")
    schema_verbs = p.add_subparsers(dest="schema_verb", required=True)
    e = schema_verbs.add_parser("export", help="regenerate schemas/<api-version>/*.schema.json from the models")
    e.add_argument("--out", default="schemas")
    e.set_defaults(run=cmd_schema_export)

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
