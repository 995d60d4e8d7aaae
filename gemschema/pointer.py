"""RFC 6901 JSON Pointers."""

from __future__ import annotations

from collections.abc import Iterable


def escape(segment: str | int) -> str:
    """One pointer segment: ``~`` → ``~0``, ``/`` → ``~1``."""
    text = str(segment)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def join(path: Iterable[str | int]) -> str:
    """``("contents", 0, "parts")`` → ``"/contents/0/parts"`` (``""`` is the whole document)."""
    return "".join(["/" + escape(s) for s in path])


def split(pointer: str) -> list[str]:
    """``"/a~1b/0"`` → ``["a/b", "0"]``."""
    if not pointer:
        return []
    return [s.replace("~1", "/").replace("~0", "~") for s in pointer[1:].split("/")]
