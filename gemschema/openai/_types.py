"""Result types shared by every converter: :class:`Loss`, :class:`Converted`, :class:`ConversionError`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gemschema.errors import GemschemaError
from gemschema.pointer import join

if TYPE_CHECKING:
    from collections.abc import Iterable

    from gemschema.diagnostics import Diagnostic

JSON = Any
"""A JSON-like value: dict, list, str, int, float, bool or None."""

Obj = dict[str, Any]
"""A JSON object."""


def ptr(*tokens: str | int) -> str:
    """The JSON Pointer made of ``tokens`` (``ptr("a", 0)`` → ``"/a/0"``)."""
    return join(tokens)


@dataclass(frozen=True, slots=True)
class Loss:
    """A source field that did not survive a conversion: where (RFC 6901 pointer) and why."""

    pointer: str
    reason: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Converted:
    """A converted document and what it could not carry.

    ``model``, ``stream`` and ``include_usage`` are the transport facts of an OpenAI request
    that have no place in a Gemini request body (the model is a URL path parameter, streaming
    is a different method); ``http_status`` is the status that goes with a converted error body.
    """

    document: Any
    losses: tuple[Loss, ...] = ()
    model: str | None = None
    stream: bool = False
    include_usage: bool = False
    http_status: int | None = None


class ConversionError(GemschemaError, ValueError):
    """A conversion failed: a loss under ``strict=True``, or a document that does not validate.

    ``losses`` holds the losses (strict mode); ``diagnostics`` the validation findings on the
    input (``stage == "input"``) or, which is a gemschema bug, on the output (``"output"``).
    """

    def __init__(
        self,
        message: str,
        *,
        losses: Iterable[Loss] = (),
        diagnostics: Iterable[Diagnostic] = (),
        stage: str = "strict",
    ) -> None:
        self.losses: tuple[Loss, ...] = tuple(losses)
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        self.stage = stage
        details = [str(x) for x in self.losses] + [
            f"{d.pointer or '/'}: {d.code} {d.message}" for d in self.diagnostics
        ]
        super().__init__(message + "".join("\n  " + d for d in details[:20]))


@dataclass(slots=True)
class Losses:
    """Collects losses during one conversion; raises at once under ``strict``."""

    strict: bool = False
    items: list[Loss] = field(default_factory=list)
    seen: set[Loss] = field(default_factory=set)
    """The losses in :attr:`items`, for a constant-time check of repeats."""

    def add(self, pointer: str, reason: str) -> None:
        loss = Loss(pointer, reason)
        if loss in self.seen:  # e.g. a $ref inlined twice
            return
        self.seen.add(loss)
        self.items.append(loss)
        if self.strict:
            raise ConversionError("conversion would lose information", losses=[loss])

    def result(self, document: Any, **kwargs: Any) -> Converted:
        return Converted(document, tuple(self.items), **kwargs)
