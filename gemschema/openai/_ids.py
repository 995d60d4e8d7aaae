"""Tool-call ids: deterministic synthesis, and pairing of results with calls.

Gemini function calls often carry no ``id``; OpenAI tool calls always do. A synthesised id is
``call_gs_`` + 24 hex digits of a SHA-256 over where the call sits (response id, candidate,
ordinal; or turn and part), so it is stable across runs, unique per call even when one function
is called twice, and recognisable: converting back to Gemini drops it again, so the Gemini
document is exactly what the model produced.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict, deque

SYNTHETIC_PREFIX = "call_gs_"


def synthesize(*where: object) -> str:
    """A deterministic tool-call id for the call at ``where``."""
    digest = hashlib.sha256("\x1f".join(map(str, where)).encode()).hexdigest()
    return SYNTHETIC_PREFIX + digest[:24]


def is_synthetic(call_id: str) -> bool:
    """Whether ``call_id`` was made by :func:`synthesize`."""
    return call_id.startswith(SYNTHETIC_PREFIX)


class Pairing:
    """Pairs function results with calls: by id when given, else first-in-first-out per name."""

    def __init__(self) -> None:
        self._queues: defaultdict[str, deque[str]] = defaultdict(deque)

    def call(self, name: str, call_id: str) -> None:
        """Record a call awaiting its result."""
        self._queues[name].append(call_id)

    def answer(self, name: str, call_id: str | None) -> str | None:
        """The id of the call a result of ``name`` answers (``None`` when there is none)."""
        queue = self._queues[name]
        if call_id is not None:
            if call_id in queue:
                queue.remove(call_id)
            return call_id
        return queue.popleft() if queue else None
