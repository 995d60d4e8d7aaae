"""Error bodies both ways, and validation reports rendered as either error body."""

from __future__ import annotations

import pytest

from gemschema.diagnostics import Diagnostic, Report, Severity
from gemschema.errors import UsageError
from gemschema.openai import error_from_openai, error_to_openai, report_to_error_body
from gemschema.openai._errors import STATUSES


@pytest.mark.parametrize(
    ("status", "http", "kind"),
    [
        ("INVALID_ARGUMENT", 400, "invalid_request_error"),
        ("FAILED_PRECONDITION", 400, "invalid_request_error"),
        ("UNAUTHENTICATED", 401, "authentication_error"),
        ("PERMISSION_DENIED", 403, "permission_error"),
        ("NOT_FOUND", 404, "not_found_error"),
        ("RESOURCE_EXHAUSTED", 429, "rate_limit_error"),
        ("INTERNAL", 500, "server_error"),
        ("UNAVAILABLE", 503, "server_error"),
        ("DEADLINE_EXCEEDED", 504, "server_error"),
    ],
)
def test_gemini_statuses_both_ways(status: str, http: int, kind: str) -> None:
    gemini = {"error": {"code": http, "message": "m", "status": status}}
    out = error_to_openai(gemini)
    assert out.http_status == http
    assert out.document == {
        "error": {"message": "m", "type": kind, "param": None, "code": status.lower()}
    }
    back = error_from_openai(out.document, http_status=out.http_status)
    assert back.document == gemini and back.losses == ()


def test_details_travel_natively_and_field_violations_become_param() -> None:
    details = [
        {
            "@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [{"field": "contents", "description": "m"}],
        }
    ]
    gemini = {
        "error": {"code": 400, "message": "m", "status": "INVALID_ARGUMENT", "details": details}
    }
    out = error_to_openai(gemini).document
    assert out["error"]["param"] == "contents"
    assert "extra_content" not in out["error"]  # the details are what param gives back
    assert error_from_openai(out).document == gemini


def test_openai_errors_without_a_gemini_status_code() -> None:
    openai = {
        "error": {
            "message": "slow down",
            "type": "requests",
            "param": None,
            "code": "rate_limit_exceeded",
        }
    }
    out = error_from_openai(openai, http_status=429)
    assert out.document == {
        "error": {"code": 429, "message": "slow down", "status": "RESOURCE_EXHAUSTED"}
    }
    assert sorted(loss.pointer for loss in out.losses) == ["/error/code", "/error/type"]


def test_every_status_has_an_http_code() -> None:
    assert all(400 <= http < 600 for http, _ in STATUSES.values())


def _report() -> Report:
    return Report(
        "request",
        "v1beta",
        [
            Diagnostic(
                "GS101",
                Severity.ERROR,
                "unknown field 'stop_sequence'",
                "/generationConfig/stop_sequence",
            ),
            Diagnostic("GS200", Severity.ERROR, "empty text", "/contents/0/parts/1/text"),
            Diagnostic("GS900", Severity.WARNING, "just a warning", "/contents"),
        ],
    )


def test_a_report_as_a_gemini_error_body() -> None:
    out = report_to_error_body(_report(), style="gemini")
    assert out.http_status == 400
    error = out.document["error"]
    assert (error["code"], error["status"]) == (400, "INVALID_ARGUMENT")
    assert error["details"][0]["fieldViolations"] == [
        {
            "field": "generationConfig.stop_sequence",
            "description": "GS101: unknown field 'stop_sequence'",
        },
        {"field": "contents[0].parts[1].text", "description": "GS200: empty text"},
    ]
    assert (
        error_to_openai(out.document).document["error"]["param"] == "generationConfig.stop_sequence"
    )


def test_a_report_as_an_openai_error_body() -> None:
    out = report_to_error_body(_report(), style="openai")
    assert out.document["error"]["param"] == "generationConfig.stop_sequence"
    assert out.document["error"]["code"] == "GS101"
    assert out.document["error"]["type"] == "invalid_request_error"


def test_a_clean_report_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        report_to_error_body(Report("request", "v1beta", []))
