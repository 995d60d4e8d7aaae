"""Every benchmark, side by side in one run: ``python bench/run.py [--budget SECONDS]``.

Prints median times and their ratios, all measured in this one process on this machine:

1. Full validation (parse + structure + every semantic rule, all findings) of valid and invalid
   small / medium / large requests — also with the tool set unseen, as on the first turn of a
   conversation (later turns reuse the remembered facts of the same tools) — next to the parse floor (``orjson.loads`` of the same bytes),
   the plain ``jsonschema`` package over our own schemas (verdicts compared), pydantic's
   ``model_validate_json`` over our models, and ``jsonschema-rs`` alone.
2. OpenAI → Gemini request conversion, next to LiteLLM's own transform when LiteLLM is installed.
3. ``import gemschema`` in a fresh interpreter, next to a bare interpreter start.

Not a test: a shared machine is noisy, so track the ratios measured together.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

import payloads
from _timing import median_seconds

import gemschema
from gemschema.diagnostics import Report
from gemschema.models import GenerateContentRequest, strict_context
from gemschema.openai import request_to_gemini
from gemschema.rules._facts import TOOLS_MEMO
from gemschema.schemastore import load_schema

Row = tuple[str, float, str]


def _plain_verdict(validator: jsonschema.Draft202012Validator, data: bytes) -> bool:
    return not any(True for _ in validator.iter_errors(orjson.loads(data)))


def _first_sight(data: bytes) -> Report:
    """Validation as if the request's tools had never been seen (the memo of tool facts emptied
    first): what a gateway pays on the first turn of a conversation."""
    TOOLS_MEMO.clear()
    return gemschema.validate_json(data, kind="request")


def _pydantic(data: bytes) -> bool:
    try:
        GenerateContentRequest.model_validate_json(data, context=strict_context())
    except ValueError:
        return False
    return True


def validation(budget: float) -> None:
    schema = load_schema("v1beta", "GenerateContentRequest")
    plain = jsonschema.Draft202012Validator(schema)
    rs = jsonschema_rs.validator_for(schema)
    cases = {
        "small": payloads.small(),
        "medium": payloads.medium(),
        "large": payloads.large(),
        "small-invalid": payloads.invalid(payloads.small()),
        "medium-invalid": payloads.invalid(payloads.medium()),
        "large-invalid": payloads.invalid(payloads.large()),
    }
    print("1. Full validation (x parse = median / orjson.loads of the same bytes)")
    print(f"{'payload':<16}{'bytes':>10}  {'contender':<32}{'median':>12}{'x parse':>9}  verdict")
    for name, doc in cases.items():
        data = orjson.dumps(doc)
        floor = median_seconds(partial(orjson.loads, data), budget)
        ours = gemschema.validate_json(data, kind="request")
        contenders: dict[str, tuple[Callable[[], Any], str]] = {
            "orjson.loads (parse floor)": (partial(orjson.loads, data), "-"),
            "gemschema.validate_json": (
                partial(gemschema.validate_json, data, kind="request"),
                "ok" if ours.ok else ",".join(sorted(set(ours.codes))),
            ),
            "validate_json, new tool set": (
                partial(_first_sight, data),
                "ok" if ours.ok else ",".join(sorted(set(ours.codes))),
            ),
            "orjson + jsonschema-rs": (
                lambda data=data: rs.is_valid(orjson.loads(data)),
                str(rs.is_valid(doc)),
            ),
            "pydantic model_validate_json": (partial(_pydantic, data), str(_pydantic(data))),
            "orjson + jsonschema (plain)": (
                partial(_plain_verdict, plain, data),
                str(_plain_verdict(plain, data)),
            ),
        }
        times = {}
        for label, (fn, verdict) in contenders.items():
            slow = "plain" in label or "pydantic" in label
            times[label] = median_seconds(fn, budget / 2 if slow else budget, min_runs=3)
            print(
                f"{name:<16}{len(data):>10}  {label:<32}{times[label] * 1e6:>10.1f}us"
                f"{times[label] / floor:>8.1f}x  {verdict}"
            )
        speedup = times["orjson + jsonschema (plain)"] / times["gemschema.validate_json"]
        print(f"{'':<28}gemschema vs plain jsonschema: {speedup:.1f}x faster\n")


def conversion(budget: float) -> None:
    request = payloads.openai_medium()
    print("2. OpenAI -> Gemini request conversion (medium request)")
    ours = median_seconds(partial(request_to_gemini, request), budget)
    converted = request_to_gemini(request).document
    check = median_seconds(partial(gemschema.validate, converted, kind="request"), budget)
    print(f"   gemschema.openai.request_to_gemini   {ours * 1e6:>10.1f}us")
    print(f"     of which validating its output     {check * 1e6:>10.1f}us   (gemschema.validate)")
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    try:
        import litellm
        from litellm.llms.vertex_ai.gemini.transformation import _transform_request_body

        config = litellm.GoogleAIStudioGeminiConfig()
        model = "gemini-2.5-flash"
        params = {k: v for k, v in request.items() if k not in ("model", "messages")}

        def theirs() -> Any:
            optional = config.map_openai_params(dict(params), {}, model, drop_params=False)
            messages = [dict(m) for m in request["messages"]]
            return _transform_request_body(messages, model, optional, "gemini", {}, None)

        theirs()
    except Exception as exc:  # an optional peer: any failure just skips the comparison
        print(f"   LiteLLM transform: not measured ({type(exc).__name__}: {exc})"[:200])
        return
    t = median_seconds(theirs, budget)
    print(f"   LiteLLM GoogleAIStudioGeminiConfig   {t * 1e6:>10.1f}us   ({t / ours:.1f}x ours)")


def import_time(runs: int = 7) -> None:
    def run(code: str) -> float:
        def once() -> None:
            subprocess.run([sys.executable, "-c", code], check=True)

        return median_seconds(once, budget=0.0, min_runs=runs)

    bare = run("pass")
    ours = run("import gemschema")
    first = run("import gemschema; gemschema.validate({'contents': [{'parts': [{'text': 'hi'}]}]})")
    print("\n3. Start-up (a fresh interpreter each run)")
    print(
        f"   import gemschema: {(ours - bare) * 1e3:.1f} ms over a bare interpreter ({bare * 1e3:.1f} ms)"
    )
    print(
        f"   import + first validate (loads and compiles the schema): {(first - bare) * 1e3:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=1.0, help="seconds per measurement")
    args = parser.parse_args()
    validation(args.budget)
    conversion(args.budget)
    import_time()


if __name__ == "__main__":
    main()
