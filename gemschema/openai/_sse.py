"""Server-Sent Events: how both APIs frame stream chunks on the wire."""

from __future__ import annotations

import itertools
import json
from typing import TYPE_CHECKING

from gemschema.files import split_lines
from gemschema.openai._common import loads

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from gemschema.openai._types import Obj

DONE = "[DONE]"


def iter_sse(lines: Iterable[str]) -> Iterator[Obj]:
    """The JSON events of Server-Sent Events text, line by line (stops at ``[DONE]``)."""
    data: list[str] = []
    for raw in itertools.chain(lines, [""]):
        for line, _ in split_lines(raw) or [("", "")]:  # a "line" may hold several, or none
            if line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
            elif line.strip() == "" and data:
                payload = "\n".join(data)
                data = []
                if payload.strip() == DONE:
                    return
                yield loads(payload)


def parse_sse(text: str) -> list[Obj]:
    """The JSON events of a Server-Sent Events document."""
    return list(iter_sse(line for line, _ in split_lines(text)))


def format_sse(chunks: Iterable[Obj], *, done: bool) -> str:
    """Chunks as SSE text; ``done`` ends with ``data: [DONE]`` (OpenAI's terminator)."""
    out = "".join(f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in chunks)
    return out + (f"data: {DONE}\n\n" if done else "")
