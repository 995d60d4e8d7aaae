"""Assembly of streamed Gemini parts: function calls sent in pieces, and text runs.

Vertex AI streams a function call as a head ``{"name": …, "willContinue": true}``, then chunks
of ``partialArgs`` (``{"jsonPath": "$.a.b[0]", "stringValue": …, "willContinue": …}``; strings
continue across chunks while ``willContinue`` is set), then a terminal ``{}`` — or, as recorded
streams show, no terminal at all when the last ``partialArgs`` chunk lacks ``willContinue``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gemschema.openai._types import Losses, Obj

_TOKEN = re.compile(
    r"\.(?P<name>[^.\[\]]+)|\[(?P<index>\d+)\]|\['(?P<sq>(?:[^'\\]|\\.)*)'\]|\[\"(?P<dq>(?:[^\"\\]|\\.)*)\"\]"
)


def parse_json_path(path: str) -> list[str | int] | None:
    """The keys and indexes of a ``$.a[0]['b']`` path, ``None`` when it is not one."""
    if not path.startswith("$"):
        return None
    tokens: list[str | int] = []
    pos = 1
    while pos < len(path):
        match = _TOKEN.match(path, pos)
        if match is None:
            return None
        if match.group("index") is not None:
            tokens.append(int(match.group("index")))
        else:
            tokens.append(
                next(g for g in (match["name"], match["sq"], match["dq"]) if g is not None)
            )
        pos = match.end()
    return tokens


def _set(root: Obj, tokens: list[str | int], value: Any) -> bool:
    node: Any = root
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        nxt: Any = value if last else ([] if isinstance(tokens[i + 1], int) else {})
        if isinstance(token, int):
            if not isinstance(node, list):
                return False
            while len(node) <= token:
                node.append(None)
            if last or node[token] is None:
                node[token] = nxt
        else:
            if not isinstance(node, dict):
                return False
            if last or token not in node:
                node[token] = nxt
        node = node[token]
    return True


def _get(root: Obj, tokens: list[str | int]) -> Any:
    node: Any = root
    for token in tokens:
        try:
            node = node[token]
        except (KeyError, IndexError, TypeError):
            return None
    return node


@dataclass
class _Pending:
    head: Obj
    args: Obj = field(default_factory=dict)
    continuing: set[tuple[str | int, ...]] = field(default_factory=set)


@dataclass
class Event:
    """A call that ``started`` (its head: name, id, signature) or is ``done`` (a whole part)."""

    kind: str
    part: Obj


class CallAssembler:
    """Turns the function-call parts of one candidate's stream into whole ``functionCall`` parts."""

    def __init__(self, losses: Losses) -> None:
        self.losses = losses
        self.pending: _Pending | None = None

    def take(self, part: Obj, at: str) -> list[Event]:
        """Feed one part holding ``functionCall``; the calls it starts or completes."""
        fc = part["functionCall"]
        events: list[Event] = []
        if self.pending is not None and "name" in fc:
            events += self.flush()
        if self.pending is None:
            if "name" not in fc:
                if fc.get("partialArgs"):
                    self.losses.add(f"{at}/functionCall", "partial arguments of no call; dropped")
                return events
            head = {k: v for k, v in part.items() if k != "functionCall"}
            head["functionCall"] = {
                k: v for k, v in fc.items() if k not in ("partialArgs", "willContinue", "args")
            }
            pending = _Pending(head, copy.deepcopy(fc.get("args", {})))
            self.pending = pending
            self._apply(fc.get("partialArgs", []), f"{at}/functionCall/partialArgs")
            if fc.get("willContinue"):
                return [*events, Event("started", copy.deepcopy(head))]
            return events + self.flush()
        pending = self.pending
        if "thoughtSignature" in part and "thoughtSignature" not in pending.head:
            pending.head["thoughtSignature"] = part["thoughtSignature"]
        if isinstance(fc.get("args"), dict):
            pending.args.update(copy.deepcopy(fc["args"]))
        self._apply(fc.get("partialArgs", []), f"{at}/functionCall/partialArgs")
        if fc.get("willContinue"):
            return events
        return events + self.flush()

    def _apply(self, partials: list[Obj], at: str) -> None:
        assert self.pending is not None
        pending = self.pending
        for j, item in enumerate(partials):
            tokens = parse_json_path(item.get("jsonPath", ""))
            if not tokens:
                self.losses.add(f"{at}/{j}/jsonPath", "not a JSON path into the arguments")
                continue
            key = tuple(tokens)
            if "stringValue" in item:
                current = _get(pending.args, tokens)
                value: Any = item["stringValue"]
                if key in pending.continuing and isinstance(current, str):
                    value = current + value
                if item.get("willContinue"):
                    pending.continuing.add(key)
                else:
                    pending.continuing.discard(key)
            elif "numberValue" in item:
                value = item["numberValue"]
            elif "boolValue" in item:
                value = item["boolValue"]
            elif "nullValue" in item:
                value = None
            else:
                self.losses.add(f"{at}/{j}", "a partial argument without a value")
                continue
            if not _set(pending.args, tokens, value):
                self.losses.add(f"{at}/{j}/jsonPath", "path conflicts with earlier arguments")

    def flush(self) -> list[Event]:
        """Complete the pending call, if any."""
        if self.pending is None:
            return []
        part = copy.deepcopy(self.pending.head)
        if self.pending.args:
            part["functionCall"]["args"] = self.pending.args
        self.pending = None
        return [Event("done", part)]


def append_part(parts: list[Obj], part: Obj) -> None:
    """Append ``part``, merging a text part into the text part before it.

    Adjacent text parts of the same kind (thought or not) merge unless both carry a
    ``thoughtSignature``; the merged part keeps the one signature there is.
    """
    keys = {"text", "thought", "thoughtSignature"}
    if parts and "text" in part and set(part) <= keys:
        last = parts[-1]
        same = last.get("thought") is True and part.get("thought") is True
        same = same or (last.get("thought") is not True and part.get("thought") is not True)
        if (
            "text" in last
            and set(last) <= keys
            and same
            and not ("thoughtSignature" in last and "thoughtSignature" in part)
        ):
            last["text"] += part["text"]
            if "thoughtSignature" in part:
                last["thoughtSignature"] = part["thoughtSignature"]
            if "thought" in part and "thought" not in last:
                last["thought"] = part["thought"]
            return
    parts.append(copy.deepcopy(part))
