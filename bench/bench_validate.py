"""Validation speed, measured side by side in one run: ``python bench/bench_validate.py``.

Prints the median time of each contender on each payload and its ratio to the parse floor
(``orjson.loads`` of the same bytes). Not a test: timings on a shared machine are noisy, ratios
measured together are what we track.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

import payloads

import gemschema
from gemschema.schemastore import load_schema


def median_seconds(fn: Callable[[], Any], budget: float = 1.0, min_runs: int = 5) -> float:
    """Median of repeated runs of ``fn`` within about ``budget`` seconds."""
    times = []
    deadline = time.perf_counter() + budget
    while len(times) < min_runs or time.perf_counter() < deadline:
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        if len(times) >= 20_000:
            break
    return statistics.median(times)


def main() -> None:
    schema = load_schema("v1beta", "GenerateContentRequest")
    plain = jsonschema.Draft202012Validator(schema)
    rs = jsonschema_rs.validator_for(schema)
    cases = {
        "small": payloads.small(),
        "medium": payloads.medium(),
        "large": payloads.large(),
        "medium-invalid": payloads.invalid(payloads.medium()),
    }
    print(f"{'payload':<16}{'bytes':>10}  {'contender':<34}{'median':>12}{'x parse':>10}")
    for name, doc in cases.items():
        data = orjson.dumps(doc)
        floor = median_seconds(lambda data=data: orjson.loads(data))
        contenders: dict[str, Callable[[], Any]] = {
            "orjson.loads (parse floor)": lambda data=data: orjson.loads(data),
            "gemschema.validate_json": lambda data=data: gemschema.validate_json(
                data, kind="request"
            ),
            "orjson + jsonschema-rs": lambda data=data: rs.is_valid(orjson.loads(data)),
        }
        if name != "large":
            contenders["orjson + jsonschema (plain)"] = lambda data=data: list(
                plain.iter_errors(orjson.loads(data))
            )
        for label, fn in contenders.items():
            t = median_seconds(fn, budget=0.5 if "plain" in label else 1.0)
            print(f"{name:<16}{len(data):>10}  {label:<34}{t * 1e6:>10.1f}us{t / floor:>9.1f}x")
    report = gemschema.validate(cases["medium-invalid"])
    print("\nmedium-invalid findings:", json.dumps(report.codes))


if __name__ == "__main__":
    main()
