"""The semantic rule pass alone, next to the parse floor: ``python bench/bench_rules.py``.

For each payload of ``bench/payloads.py`` (valid small, medium and large requests, the invalid
medium one, and a medium request with function calls and responses in its history), prints the
median time of ``run_rules`` on the parsed document, of ``orjson.loads`` of the same bytes (the
parse floor), and of a full ``gemschema.validate_json``, with their ratios to the floor. Not a
test: timings on a shared machine are noisy; ratios measured together in one run are what we
track. ``--budget SECONDS`` sets the time spent per measurement (default 1).
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

import payloads
from _timing import median_seconds

import gemschema
from gemschema.rules.engine import run_rules
from gemschema.settings import Settings


def agentic() -> dict[str, Any]:
    """The medium request with a parallel function call and its responses in the history."""
    doc = payloads.medium()
    calls = [
        {"functionCall": {"name": f"tool_{i}", "args": {"location": "Paris, FR"}}} for i in range(2)
    ]
    answers = [
        {"functionResponse": {"name": f"tool_{i}", "response": {"temperature": 21, "sky": "clear"}}}
        for i in range(2)
    ]
    doc["contents"] += [
        {"role": "model", "parts": calls},
        {"role": "user", "parts": answers},
    ]
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=1.0, help="seconds per measurement")
    args = parser.parse_args()
    cases = {
        "small": payloads.small(),
        "medium": payloads.medium(),
        "medium-agentic": agentic(),
        "medium-invalid": payloads.invalid(payloads.medium()),
        "large": payloads.large(),
    }
    settings = Settings()
    header = f"{'payload':<16}{'bytes':>9}  {'parse floor':>12}  {'run_rules':>12}{'x parse':>9}  {'validate_json':>14}{'x parse':>9}"
    print(header)
    print("-" * len(header))
    for name, built in cases.items():
        data = orjson.dumps(built)
        doc = orjson.loads(data)
        floor = median_seconds(partial(orjson.loads, data), args.budget)
        rules = median_seconds(
            partial(run_rules, doc, kind="request", settings=settings), args.budget
        )
        full = median_seconds(
            partial(gemschema.validate_json, data, kind="request", settings=settings),
            args.budget,
        )
        found = ",".join(d.code for d in run_rules(doc, kind="request", settings=settings)) or "-"
        print(
            f"{name:<16}{len(data):>9}  {floor * 1e6:>10.1f}us  {rules * 1e6:>10.1f}us{rules / floor:>8.2f}x"
            f"  {full * 1e6:>12.1f}us{full / floor:>8.2f}x   rules: {found}"
        )


if __name__ == "__main__":
    main()
