"""Timing shared by the benchmarks: the median of repeated runs within a time budget."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_seconds(
    fn: Callable[[], Any], budget: float = 1.0, min_runs: int = 5, max_runs: int = 50_000
) -> float:
    """Median of repeated runs of ``fn`` within about ``budget`` seconds."""
    times: list[float] = []
    deadline = time.perf_counter() + budget
    while len(times) < min_runs or time.perf_counter() < deadline:
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        if len(times) >= max_runs:
            break
    return statistics.median(times)
