"""The error body the API returns with a non-2xx HTTP status."""

import enum

from gemschema.models._base import GeminiModel, Int32, JsonObject

__all__ = ["ErrorResponse", "ErrorStatus", "Status"]


class Status(enum.StrEnum):
    """The canonical error codes of ``google.rpc.Code``, by name (position == number)."""

    OK = "OK"
    CANCELLED = "CANCELLED"
    UNKNOWN = "UNKNOWN"
    INVALID_ARGUMENT = "INVALID_ARGUMENT"
    DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED"
    NOT_FOUND = "NOT_FOUND"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    RESOURCE_EXHAUSTED = "RESOURCE_EXHAUSTED"
    FAILED_PRECONDITION = "FAILED_PRECONDITION"
    ABORTED = "ABORTED"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    UNIMPLEMENTED = "UNIMPLEMENTED"
    INTERNAL = "INTERNAL"
    UNAVAILABLE = "UNAVAILABLE"
    DATA_LOSS = "DATA_LOSS"
    UNAUTHENTICATED = "UNAUTHENTICATED"


class ErrorStatus(GeminiModel):
    """The error: ``google.rpc.Status`` in its HTTP JSON mapping, plus the code's name."""

    code: Int32
    """The HTTP status code, e.g. 400 for ``INVALID_ARGUMENT`` or 429 for
    ``RESOURCE_EXHAUSTED``."""
    message: str
    """A developer-facing error message, in English."""
    status: str | None = None
    """The ``google.rpc.Code`` name of the error, e.g. ``INVALID_ARGUMENT`` (see
    :class:`Status`); a string, so that a status added later does not break validation."""
    details: list[JsonObject] | None = None
    """Error details, each an object whose ``@type`` names its kind (e.g.
    ``type.googleapis.com/google.rpc.BadRequest``)."""


class ErrorResponse(GeminiModel):
    """The body of an error response: ``{"error": {code, message, status, details}}``.

    ``error.status`` is one of ``OK``, ``CANCELLED``, ``UNKNOWN``, ``INVALID_ARGUMENT``,
    ``DEADLINE_EXCEEDED``, ``NOT_FOUND``, ``ALREADY_EXISTS``, ``PERMISSION_DENIED``,
    ``RESOURCE_EXHAUSTED``, ``FAILED_PRECONDITION``, ``ABORTED``, ``OUT_OF_RANGE``,
    ``UNIMPLEMENTED``, ``INTERNAL``, ``UNAVAILABLE``, ``DATA_LOSS``, ``UNAUTHENTICATED``.
    """

    error: ErrorStatus
    """Required. The error."""
