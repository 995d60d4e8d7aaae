"""Property tests: conversions round-trip exactly, and losses name exactly what did not survive."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gemschema.openai import (
    StreamToGemini,
    StreamToOpenAI,
    canonical_openai_request,
    canonical_openai_response,
    collect_gemini_stream,
    collect_openai_stream,
    request_from_gemini,
    request_to_gemini,
    response_from_openai,
    response_to_openai,
)
from tests.strategies_openai import (
    assert_losses_exact,
    check_chat_completion,
    check_chunk,
    check_gemini_response,
    check_openai_request,
    diff,
    gemini_requests,
    gemini_responses,
    gemini_streams,
    openai_chunks,
    openai_completions,
    openai_requests,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_trip(source: Any, back: Any, losses: Any) -> None:
    if not losses:
        assert back == source, diff(source, back)
    else:
        assert_losses_exact(losses, diff(source, back))


@SETTINGS
@given(st.data(), st.booleans(), st.sampled_from(["json", "gemini"]))
def test_gemini_request_round_trip(data: st.DataObject, lossy: bool, schema: str) -> None:
    """Gemini → OpenAI → Gemini is the identity; a loss names exactly what changed."""
    source = data.draw(gemini_requests(lossy=lossy, schema=schema))
    there = request_from_gemini(source, model="m", reasoning=not lossy)
    check_openai_request(there.document)
    back = request_to_gemini(there.document, schema=schema)
    if not there.losses:
        assert not back.losses, back.losses
    _check_trip(source, back.document, there.losses)


@SETTINGS
@given(st.data(), st.booleans())
def test_openai_request_round_trip(data: st.DataObject, lossy: bool) -> None:
    """OpenAI → Gemini → OpenAI is the identity (canonical spelling); a loss names what changed."""
    source = data.draw(openai_requests(lossy=lossy, reasoning=True))
    check_openai_request(source)
    assert canonical_openai_request(source) == source
    there = request_to_gemini(source)
    back = request_from_gemini(there.document, model=there.model, reasoning=True)
    check_openai_request(back.document)
    if not there.losses:
        assert not back.losses, back.losses
    _check_trip(source, canonical_openai_request(back.document), there.losses)


@SETTINGS
@given(gemini_responses(), st.booleans())
def test_gemini_response_round_trip(source: dict[str, Any], native: bool) -> None:
    """Gemini → OpenAI → Gemini responses: exact with native data carried, else losses exact."""
    there = response_to_openai(source, native=native, reasoning=True)
    check_chat_completion(there.document)
    back = response_from_openai(there.document)
    check_gemini_response(back.document)
    if native:
        assert not there.losses, there.losses
    if not there.losses:
        assert not back.losses, back.losses
    _check_trip(source, back.document, there.losses)


@SETTINGS
@given(openai_completions())
def test_openai_response_round_trip(source: dict[str, Any]) -> None:
    """OpenAI → Gemini → OpenAI responses are the identity (canonical spelling)."""
    check_chat_completion(source)
    there = response_from_openai(source)
    check_gemini_response(there.document)
    back = response_to_openai(there.document, reasoning=True)
    assert not there.losses and not back.losses, (there.losses, back.losses)
    assert canonical_openai_response(back.document) == canonical_openai_response(source)


@SETTINGS
@given(st.data(), st.booleans())
def test_gemini_stream_concatenation(data: st.DataObject, reasoning: bool) -> None:
    """Converting chunk by chunk then collecting equals collecting then converting."""
    response = data.draw(gemini_responses(reasoning=reasoning))
    chunks = data.draw(gemini_streams(response))
    converter = StreamToOpenAI(include_usage=True, reasoning=reasoning)
    out = list(converter.iter(chunks))
    for chunk in out:
        check_chunk(chunk)
    whole = response_to_openai(collect_gemini_stream(chunks), reasoning=reasoning).document
    assert collect_openai_stream(out) == whole
    assert collect_gemini_stream(chunks) == response
    back = list(StreamToGemini().iter(out))
    for chunk in back:
        check_gemini_response(chunk)
    if reasoning:
        assert collect_gemini_stream(back) == response


@SETTINGS
@given(st.data())
def test_openai_stream_concatenation(data: st.DataObject) -> None:
    """OpenAI chunks → Gemini chunks, collected, equals the collected completion converted."""
    completion = data.draw(openai_completions())
    chunks = openai_chunks(completion, data.draw)
    for chunk in chunks:
        check_chunk(chunk)
    assert canonical_openai_response(collect_openai_stream(chunks)) == canonical_openai_response(
        completion
    )
    converter = StreamToGemini()
    out = list(converter.iter(chunks))
    for chunk in out:
        check_gemini_response(chunk)
    whole = response_from_openai(collect_openai_stream(chunks)).document
    assert collect_gemini_stream(out) == whole
