"""Error bodies: Gemini ``{"error": {code, message, status, details}}`` ↔ OpenAI error bodies.

The OpenAI ``code`` of a converted Gemini error is its status in lower case (``"resource_exhausted"``),
so the status comes back exactly; the HTTP status and OpenAI ``type`` follow the table below.
``details`` with no OpenAI field travel under ``error.extra_content.google`` (``native=True``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gemschema.errors import UsageError
from gemschema.openai._boundary import gemini_boundary
from gemschema.openai._check import check_openai
from gemschema.openai._common import google, with_google
from gemschema.openai._types import Converted, Losses, Obj

if TYPE_CHECKING:
    from gemschema.diagnostics import Report
    from gemschema.settings import Settings

STATUSES: dict[str, tuple[int, str]] = {
    "INVALID_ARGUMENT": (400, "invalid_request_error"),
    "FAILED_PRECONDITION": (400, "invalid_request_error"),
    "OUT_OF_RANGE": (400, "invalid_request_error"),
    "UNAUTHENTICATED": (401, "authentication_error"),
    "PERMISSION_DENIED": (403, "permission_error"),
    "NOT_FOUND": (404, "not_found_error"),
    "ALREADY_EXISTS": (409, "conflict_error"),
    "ABORTED": (409, "conflict_error"),
    "RESOURCE_EXHAUSTED": (429, "rate_limit_error"),
    "CANCELLED": (499, "server_error"),
    "UNKNOWN": (500, "server_error"),
    "INTERNAL": (500, "server_error"),
    "DATA_LOSS": (500, "server_error"),
    "UNIMPLEMENTED": (501, "server_error"),
    "UNAVAILABLE": (503, "server_error"),
    "DEADLINE_EXCEEDED": (504, "server_error"),
}
"""Gemini status → (HTTP status, OpenAI error ``type``)."""

BY_HTTP: dict[int, str] = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    413: "INVALID_ARGUMENT",
    422: "INVALID_ARGUMENT",
    429: "RESOURCE_EXHAUSTED",
    499: "CANCELLED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
"""HTTP status → the Gemini status of an OpenAI error whose ``code`` is no Gemini status."""

BY_TYPE: dict[str, str] = {
    "invalid_request_error": "INVALID_ARGUMENT",
    "authentication_error": "UNAUTHENTICATED",
    "permission_error": "PERMISSION_DENIED",
    "not_found_error": "NOT_FOUND",
    "conflict_error": "ABORTED",
    "rate_limit_error": "RESOURCE_EXHAUSTED",
    "insufficient_quota": "RESOURCE_EXHAUSTED",
    "server_error": "INTERNAL",
}

_BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"


def _violation_field(details: list[Any]) -> str | None:
    for detail in details:
        if not isinstance(detail, dict) or detail.get("@type") != _BAD_REQUEST:
            continue
        violations = detail.get("fieldViolations")
        for violation in violations if isinstance(violations, list) else []:
            if isinstance(violation, dict) and isinstance(violation.get("field"), str):
                return str(violation["field"])
    return None


def _param_details(param: str, message: str) -> list[Obj]:
    return [{"@type": _BAD_REQUEST, "fieldViolations": [{"field": param, "description": message}]}]


def error_to_openai(
    body: Obj,
    *,
    native: bool = True,
    strict: bool = False,
    api_version: str = "v1beta",
    settings: Settings | None = None,
) -> Converted:
    """Convert a Gemini error body into an OpenAI error body and its HTTP status."""
    losses = Losses(strict)
    body = gemini_boundary(
        body, kind="error", api_version=api_version, stage="input", settings=settings
    )
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        raise UsageError("a Gemini error body is an object with an 'error' object")
    status = error.get("status")
    http = error.get("code") if isinstance(error.get("code"), int) else None
    if status not in STATUSES:
        status = BY_HTTP.get(http or 500, "UNKNOWN") if status is None else status
    http_status, kind = STATUSES.get(status, (http or 500, "server_error"))
    if http is None:
        http = http_status
    details = error.get("details", [])
    param = _violation_field(details)
    out: Obj = {
        "message": error.get("message", ""),
        "type": kind,
        "param": param,
        "code": str(status).lower(),
    }
    rest: Obj = {}
    if error.get("status") is not None and error["status"] not in STATUSES:
        rest["status"] = error["status"]
    if details and (param is None or details != _param_details(param, out["message"])):
        rest["details"] = details
    if http != http_status:
        rest["code"] = http
    for key in set(error) - {"code", "message", "status", "details"}:
        rest[key] = error[key]
    if rest.get("status") is not None:
        out["code"] = str(rest["status"]).lower()
    if native:
        with_google(out, rest)
    else:
        for key in rest:
            losses.add(f"/error/{key}", "no OpenAI error counterpart")
    check_openai({"error": out}, "error", stage="output")
    return losses.result({"error": out}, http_status=http)


def error_from_openai(
    body: Obj,
    *,
    http_status: int | None = None,
    strict: bool = False,
    api_version: str = "v1beta",
    settings: Settings | None = None,
) -> Converted:
    """Convert an OpenAI error body (and its HTTP status, when known) into a Gemini error body."""
    check_openai(body, "error")
    losses = Losses(strict)
    error = body["error"]
    native = dict(google(error))
    code = error.get("code")
    kind = error.get("type")
    status = str(code).upper() if isinstance(code, str) else ""
    if "status" in native:
        status = str(native.pop("status"))
    elif status not in STATUSES:
        if http_status in BY_HTTP:
            status = BY_HTTP[http_status]
        else:
            status = BY_TYPE.get(str(kind), "UNKNOWN")
        if code is not None:
            losses.add("/error/code", "an OpenAI error code that is no Gemini status is lost")
    http, expected_type = STATUSES.get(status, (500, "server_error"))
    http = native.pop("code", http_status or http)
    if kind is not None and kind != expected_type:
        losses.add("/error/type", f"error type {kind!r} comes back as {expected_type!r}")
    out: Obj = {"code": http, "message": error.get("message", ""), "status": status}
    if "details" in native:
        out["details"] = native.pop("details")
    elif isinstance(error.get("param"), str):
        out["details"] = _param_details(error["param"], out["message"])
    out.update(native)
    for key in set(error) - {"message", "type", "param", "code", "extra_content"}:
        losses.add(f"/error/{key}", "no Gemini error counterpart")
    doc = gemini_boundary(
        {"error": out},
        kind="error",
        api_version=api_version,
        stage="output",
        settings=settings,
        source=body,
    )
    return losses.result(doc, http_status=http)


def _field_path(pointer: str) -> str:
    """``/contents/0/parts/1/text`` → ``contents[0].parts[1].text`` (Google's field style)."""
    out = ""
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        out += f"[{token}]" if token.isdigit() else ("." if out else "") + token
    return out


def report_to_error_body(report: Report, style: str = "gemini") -> Converted:
    """Render a validation :class:`Report` with errors as a Gemini or OpenAI HTTP 400 body."""
    errors = report.errors
    if not errors:
        raise UsageError("the report has no errors to render")
    first = errors[0]
    summary = f"{first.message} (at {_field_path(first.pointer) or 'the document'})"
    if len(errors) > 1:
        summary += f" and {len(errors) - 1} more error(s)"
    if style == "openai":
        body: Obj = {
            "error": {
                "message": summary,
                "type": "invalid_request_error",
                "param": _field_path(first.pointer) or None,
                "code": first.code,
            }
        }
        return Converted(body, http_status=400)
    if style != "gemini":
        raise UsageError(f"style must be 'gemini' or 'openai', not {style!r}")
    violations = [
        {"field": _field_path(d.pointer), "description": f"{d.code}: {d.message}"} for d in errors
    ]
    body = {
        "error": {
            "code": 400,
            "message": summary,
            "status": "INVALID_ARGUMENT",
            "details": [{"@type": _BAD_REQUEST, "fieldViolations": violations}],
        }
    }
    return Converted(body, http_status=400)
