"""GS4xx: ``generationConfig`` — counts, ranges, and the fields that only make sense together.

Numeric limits come from the profile (:class:`~gemschema.profiles.Limits`), so a model family
that accepts more (candidates, stop sequences) is a profile away.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.rules._walk import as_float, as_int, is_number, items, obj, plural, ptr, rule

if TYPE_CHECKING:
    from gemschema.rules.engine import RuleContext

_GC = (
    "Gemini API reference, `GenerationConfig` (ai.google.dev/api/generate-content#generationconfig)"
)


_JSON_SCHEMA = ("responseJsonSchema", "_responseJsonSchema")
"""The two wire names of the JSON Schema alternative (proto ``response_json_schema_ordered`` and
``response_json_schema``)."""


def _gc(ctx: RuleContext) -> dict[str, Any]:
    """``generationConfig`` (an empty object when it is not one), gathered once per run."""
    return ctx.facts.config.gc


def _at(*path: str | int) -> str:
    return ptr(("generationConfig", *path))


def _fmt(value: float) -> str:
    try:
        return f"{value:g}"
    except OverflowError:  # an integer beyond the double range
        return str(value)


@rule(
    "GS401",
    "stop-sequences-count",
    subject="config.stop_sequences",
    summary="`stopSequences` is empty or has more entries than the model accepts (5).",
    severity=Severity.ERROR,
    why=(
        "The reference allows up to five stop sequences. The API checks the count, including"
        " an empty list: `Unable to submit request because it has a stopSequences value of 10"
        " but the supported range is from 1 (inclusive) to 6 (exclusive).` Vertex AI accepts up to"
        " 16 (profile `vertex-ai`)."
    ),
    source=(
        f'{_GC}: `stopSequences[]` — "The set of character sequences (up to 5)". API error text'
        " quoted in google/generative-ai-go#233."
    ),
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"stopSequences": ["a", "b", "c", "d", "e", "f"]}}',
)
def stop_sequences_count(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    stops = _gc(ctx).get("stopSequences")
    if not isinstance(stops, list):
        return found
    limit = ctx.limits.stop_sequences_max
    if not stops:
        found.append(
            stop_sequences_count.diagnostic(
                "generationConfig.stopSequences is an empty list; the API refuses it (supported range 1 to"
                f" {limit}): remove the field or add a stop sequence",
                _at("stopSequences"),
            )
        )
    elif len(stops) > limit:
        extra = len(stops) - limit
        found.append(
            stop_sequences_count.diagnostic(
                f"generationConfig.stopSequences has {len(stops)} entries; the API accepts at most {limit}:"
                f" remove {extra}",
                _at("stopSequences"),
            )
        )
    return found


@rule(
    "GS402",
    "empty-stop-sequence",
    subject="config.empty_stop",
    summary="A stop sequence is the empty string.",
    severity=Severity.WARNING,
    why=(
        "Generation stops at the first appearance of a stop sequence; an empty one appears"
        " everywhere and is meaningless. A warning: whether the API refuses it or ignores it is"
        " not documented."
    ),
    source=f'{_GC}: `stopSequences[]` — "the API will stop at the first appearance of a stop_sequence".',
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"stopSequences": [""]}}',
)
def empty_stop_sequence(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for k, stop in enumerate(items(_gc(ctx).get("stopSequences"))):
        if stop == "":
            found.append(
                empty_stop_sequence.diagnostic(
                    f"generationConfig.stopSequences[{k}] is empty; remove it or give the text to stop at",
                    _at("stopSequences", k),
                )
            )
    return found


@rule(
    "GS403",
    "candidate-count",
    subject="config.candidate_count",
    summary="`candidateCount` is outside what the model accepts (documented: 1).",
    severity=Severity.ERROR,
    why=(
        "The reference says the value can currently only be set to 1, and older models answer"
        " `Only one candidate can be specified`; Gemini 3 models answer `Multiple candidates is"
        " not enabled for this model`. Gemini 2.x accepts up to 8 (profiles `gemini-2.0`,"
        " `gemini-2.5`, `vertex-ai`). Zero or a negative count is never valid."
    ),
    source=(
        f'{_GC}: `candidateCount` — "Currently, this value can only be set to 1". Gemini 3 error text'
        " quoted in googleapis/js-genai#1609."
    ),
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"candidateCount": 2}}',
)
def candidate_count(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    count = as_int(_gc(ctx).get("candidateCount"))
    limit = ctx.limits.candidate_count_max
    if count is None or 1 <= count <= limit:
        return found
    allowed = "it must be 1" if limit == 1 else f"the range is 1 to {limit}"
    hint = " (profile gemini-2.5 allows up to 8)" if limit == 1 and count > 1 else ""
    found.append(
        candidate_count.diagnostic(
            f"generationConfig.candidateCount is {count}; {allowed} for profile {ctx.profile.name}{hint}:"
            " request one candidate, or send several requests",
            _at("candidateCount"),
        )
    )
    return found


def _range_rule(field: str, value: Any, low: float, high: float) -> str | None:
    if not is_number(value) or low <= value <= high:
        return None
    return (
        f"generationConfig.{field} is {_fmt(value)}; the documented range is [{_fmt(low)}, {_fmt(high)}]:"
        f" use a value between {_fmt(low)} and {_fmt(high)}"
    )


@rule(
    "GS404",
    "temperature-range",
    subject="config.temperature",
    summary="`temperature` is outside [0.0, 2.0].",
    severity=Severity.ERROR,
    why="The reference gives the range of `temperature` as [0.0, 2.0]; the API refuses values outside it.",
    source=f'{_GC}: `temperature` — "Values can range from [0.0, 2.0]."',
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"temperature": 2.5}}',
)
def temperature_range(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    limits = ctx.limits
    message = _range_rule(
        "temperature", _gc(ctx).get("temperature"), limits.temperature_min, limits.temperature_max
    )
    if message:
        found.append(temperature_range.diagnostic(message, _at("temperature")))
    return found


@rule(
    "GS405",
    "top-p-range",
    subject="config.top_p",
    summary="`topP` is outside [0, 1].",
    severity=Severity.ERROR,
    why=(
        "`topP` is the maximum cumulative probability of the tokens considered, so it lies in"
        " [0, 1]; the API refuses values outside it (OpenAI-style percentages like 95 are a common"
        " conversion mistake)."
    ),
    source=f'{_GC}: `topP` — "The maximum cumulative probability of tokens to consider when sampling."',
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"topP": 1.5}}',
)
def top_p_range(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    message = _range_rule("topP", _gc(ctx).get("topP"), 0.0, ctx.limits.top_p_max)
    if message:
        found.append(top_p_range.diagnostic(message, _at("topP")))
    return found


@rule(
    "GS406",
    "top-k-range",
    subject="config.top_k",
    summary="`topK` is less than 1.",
    severity=Severity.ERROR,
    why=(
        "`topK` is the number of most probable tokens considered when sampling; fewer than one"
        " leaves nothing to sample from, and the API refuses it (its range messages read"
        " `supported range is from 1 (inclusive) …`)."
    ),
    source=f'{_GC}: `topK` — "The maximum number of tokens to consider when sampling."',
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"topK": 0}}',
)
def top_k_range(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    value = as_float(_gc(ctx).get("topK"))
    if value is not None and value < 1:
        found.append(
            top_k_range.diagnostic(
                f"generationConfig.topK is {_fmt(value)}; it must be at least 1: use a positive count or remove"
                " the field (models without top-k sampling refuse any value)",
                _at("topK"),
            )
        )
    return found


@rule(
    "GS407",
    "max-output-tokens-range",
    subject="config.max_output_tokens",
    summary="`maxOutputTokens` is less than 1.",
    severity=Severity.ERROR,
    why=(
        "`maxOutputTokens` caps the tokens of a candidate; zero or a negative cap cannot produce"
        " a response, and the API refuses it (`maxOutputTokens value of 0 but the supported range"
        " is from 1 (inclusive) …`). Remove the field to use the model's default."
    ),
    source=f'{_GC}: `maxOutputTokens` — "The maximum number of tokens to include in a response candidate."',
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"maxOutputTokens": 0}}',
)
def max_output_tokens_range(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    value = as_float(_gc(ctx).get("maxOutputTokens"))
    if value is not None and value < 1:
        found.append(
            max_output_tokens_range.diagnostic(
                f"generationConfig.maxOutputTokens is {_fmt(value)}; it must be at least 1: raise it or remove"
                " the field to use the model's default",
                _at("maxOutputTokens"),
            )
        )
    return found


@rule(
    "GS408",
    "penalty-range",
    subject="config.penalties",
    summary="`presencePenalty` or `frequencyPenalty` is outside [-2.0, 2.0).",
    severity=Severity.WARNING,
    why=(
        "The Vertex AI reference gives both penalties the range [-2.0, 2.0) (the maximum"
        " exclusive); the Gemini API reference gives no range. A warning, since enforcement by"
        " the Gemini API is not documented."
    ),
    source="Vertex AI reference, `GenerationConfig.presencePenalty` / `frequencyPenalty` (range [-2.0, 2.0)).",
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"presencePenalty": 2.0}}',
)
def penalty_range(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    low, high = ctx.limits.penalty_min, ctx.limits.penalty_max
    for field in ("presencePenalty", "frequencyPenalty"):
        value = _gc(ctx).get(field)
        if is_number(value) and not low <= value < high:
            found.append(
                penalty_range.diagnostic(
                    f"generationConfig.{field} is {_fmt(value)}; the documented range is [{_fmt(low)}, {_fmt(high)}):"
                    f" use a value from {_fmt(low)} up to (not including) {_fmt(high)}",
                    _at(field),
                )
            )
    return found


@rule(
    "GS409",
    "logprobs-range",
    subject="config.logprobs",
    summary="`logprobs` is outside [0, 20].",
    severity=Severity.ERROR,
    why="The number of top log probabilities returned per decoding step is documented to lie in [0, 20].",
    source=f'{_GC}: `logprobs` — "The number must be in the range of [0, 20]."',
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseLogprobs": true, "logprobs": 25}}',
)
def logprobs_range(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    value = as_int(_gc(ctx).get("logprobs"))
    limit = ctx.limits.logprobs_max
    if value is not None and not 0 <= value <= limit:
        found.append(
            logprobs_range.diagnostic(
                f"generationConfig.logprobs is {value}; the documented range is [0, {limit}]: ask for at most {limit}"
                " top log probabilities",
                _at("logprobs"),
            )
        )
    return found


@rule(
    "GS410",
    "logprobs-without-response-logprobs",
    subject="config.logprobs",
    summary="`logprobs` is set without `responseLogprobs: true`.",
    severity=Severity.ERROR,
    why=(
        "`logprobs` says how many top log probabilities to return, which only happens when"
        " `responseLogprobs` is true; the reference says the field is only valid then."
    ),
    source=f'{_GC}: `logprobs` — "Only valid if responseLogprobs=True."',
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"logprobs": 3}}',
)
def logprobs_without_response_logprobs(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    gc = _gc(ctx)
    if as_int(gc.get("logprobs")) is not None and gc.get("responseLogprobs") is not True:
        found.append(
            logprobs_without_response_logprobs.diagnostic(
                "generationConfig.logprobs is set but responseLogprobs is not true; it is only valid with"
                " responseLogprobs: set responseLogprobs to true or remove logprobs",
                _at("logprobs"),
            )
        )
    return found


@rule(
    "GS411",
    "response-schema-mime-type",
    subject="config.response_schema",
    summary="A response schema is set without a compatible `responseMimeType`.",
    severity=Severity.ERROR,
    why=(
        "A response schema constrains structured output, so the output must be structured:"
        " `responseSchema` needs `responseMimeType` `application/json`, or `text/x.enum` with a"
        " `STRING` schema that lists `enum` values; `responseJsonSchema` needs `responseMimeType`"
        " too. With the default `text/plain` the API refuses the request."
    ),
    source=(
        f'{_GC}: `responseSchema` — "If set, a compatible responseMimeType must also be set";'
        ' `responseJsonSchema` — "response_mime_type is required"; `responseMimeType` lists text/x.enum.'
    ),
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseSchema": {"type": "STRING"}}}',
)
def response_schema_mime_type(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    gc = _gc(ctx)
    schema_field = next(
        (f for f in ("responseSchema", *_JSON_SCHEMA) if gc.get(f) is not None), None
    )
    if schema_field is None:
        return found
    mime = gc.get("responseMimeType")
    essence = mime.split(";", 1)[0].strip().lower() if isinstance(mime, str) else None
    at = _at("responseMimeType") if "responseMimeType" in gc else _at(schema_field)
    if essence not in ("application/json", "text/x.enum"):
        shown = "not set (text/plain)" if essence is None else repr(mime)
        found.append(
            response_schema_mime_type.diagnostic(
                f"generationConfig.{schema_field.lstrip('_')} is set but responseMimeType is {shown}; structured output needs"
                ' responseMimeType "application/json" (or "text/x.enum" for an enum): set it',
                at,
            )
        )
    elif essence == "text/x.enum" and schema_field == "responseSchema":
        schema = obj(gc.get("responseSchema"))
        if schema.get("type") != "STRING" or not items(schema.get("enum")):
            found.append(
                response_schema_mime_type.diagnostic(
                    'generationConfig.responseMimeType is "text/x.enum" but responseSchema is not a STRING schema'
                    ' with enum values; use {"type": "STRING", "enum": […]} or responseMimeType "application/json"',
                    at,
                )
            )
    return found


@rule(
    "GS412",
    "response-schema-exclusive",
    subject="config.response_schema",
    summary="Both `responseSchema` and `responseJsonSchema` are set.",
    severity=Severity.ERROR,
    why=(
        "`responseJsonSchema` is the JSON Schema alternative to the OpenAPI-subset"
        " `responseSchema`; the reference says that when it is set `responseSchema` must be"
        " omitted. Keep one."
    ),
    source=f'{_GC}: `responseJsonSchema` — "If set, response_schema must be omitted".',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseMimeType": "application/json",'
        ' "responseSchema": {"type": "STRING"}, "responseJsonSchema": {"type": "string"}}}'
    ),
)
def response_schema_exclusive(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    gc = _gc(ctx)
    json_field = next((f for f in _JSON_SCHEMA if gc.get(f) is not None), None)
    if gc.get("responseSchema") is not None and json_field is not None:
        found.append(
            response_schema_exclusive.diagnostic(
                "generationConfig sets both responseSchema and responseJsonSchema; they are alternatives: keep one",
                _at(json_field),
            )
        )
    return found


@rule(
    "GS413",
    "thinking-budget-range",
    subject="config.thinking",
    summary="`thinkingConfig.thinkingBudget` is neither -1 (dynamic) nor within the model's range.",
    severity=Severity.ERROR,
    why=(
        "The thinking budget is a token count, with -1 meaning dynamic thinking and 0 turning"
        " thinking off where a model allows it. The documented ranges are per model (X, and a profile or `limits` narrows it."
    ),
    source="Gemini API thinking guide, 'Set the thinking budget' (ai.google.dev/gemini-api/docs/thinking).",
    example='{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"thinkingConfig": {"thinkingBudget": 40000}}}',
)
def thinking_budget_range(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    budget = as_int(obj(_gc(ctx).get("thinkingConfig")).get("thinkingBudget"))
    low, high = ctx.limits.thinking_budget_min, ctx.limits.thinking_budget_max
    if budget is None or budget == -1 or low <= budget <= high:
        return found
    found.append(
        thinking_budget_range.diagnostic(
            f"generationConfig.thinkingConfig.thinkingBudget is {budget}; use -1 for dynamic thinking or a budget"
            f" from {low} to {high} tokens (profile {ctx.profile.name})",
            _at("thinkingConfig", "thinkingBudget"),
        )
    )
    return found


@rule(
    "GS414",
    "thinking-budget-and-level",
    subject="config.thinking",
    summary="`thinkingConfig` sets both `thinkingBudget` and `thinkingLevel`.",
    severity=Severity.ERROR,
    why=(
        "Gemini 3 controls thinking with `thinkingLevel`; earlier models with `thinkingBudget`."
        " The API refuses a request that sets both: `You can only set only one of thinking budget"
        " and thinking level.`"
    ),
    source="Gemini API thinking guide (ai.google.dev/gemini-api/docs/thinking); API error text quoted in sterlp/eclipse-peon-ai#115.",
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"thinkingConfig":'
        ' {"thinkingBudget": 1024, "thinkingLevel": "LOW"}}}'
    ),
)
def thinking_budget_and_level(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    config = obj(_gc(ctx).get("thinkingConfig"))
    if config.get("thinkingBudget") is not None and config.get("thinkingLevel") is not None:
        found.append(
            thinking_budget_and_level.diagnostic(
                "generationConfig.thinkingConfig sets both thinkingBudget and thinkingLevel; the API accepts only"
                " one: use thinkingLevel for Gemini 3 models, thinkingBudget for earlier ones",
                _at("thinkingConfig", "thinkingLevel"),
            )
        )
    return found


@rule(
    "GS415",
    "speech-voice-exclusive",
    subject="config.speech",
    summary="`speechConfig` sets both `voiceConfig` and `multiSpeakerVoiceConfig`.",
    severity=Severity.ERROR,
    why=(
        "Speech output is either one voice (`voiceConfig`) or several speakers"
        " (`multiSpeakerVoiceConfig`); the reference says the two are mutually exclusive."
    ),
    source='Gemini API reference, `SpeechConfig.multiSpeakerVoiceConfig` — "It is mutually exclusive with the voice_config field."',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"speechConfig": {"voiceConfig":'
        ' {"prebuiltVoiceConfig": {"voiceName": "Kore"}}, "multiSpeakerVoiceConfig": {"speakerVoiceConfigs": []}}}}'
    ),
)
def speech_voice_exclusive(doc: Any, ctx: RuleContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    speech = obj(_gc(ctx).get("speechConfig"))
    if speech.get("voiceConfig") is not None and speech.get("multiSpeakerVoiceConfig") is not None:
        found.append(
            speech_voice_exclusive.diagnostic(
                "generationConfig.speechConfig sets both voiceConfig and multiSpeakerVoiceConfig; they are"
                f" mutually exclusive: keep voiceConfig for one voice or multiSpeakerVoiceConfig for {plural(2, 'speaker')}",
                _at("speechConfig", "multiSpeakerVoiceConfig"),
            )
        )
    return found
