"""Generation configuration and safety settings of a request."""

from pydantic import Field

from gemschema.models._base import GeminiModel, Int32, JsonValue, only_in
from gemschema.models.enums import (
    HarmBlockThreshold,
    HarmCategory,
    MediaResolution,
    ResponseModality,
    ThinkingLevel,
)
from gemschema.models.tools import Schema

__all__ = [
    "GenerationConfig",
    "ImageConfig",
    "MultiSpeakerVoiceConfig",
    "PrebuiltVoiceConfig",
    "SafetySetting",
    "SpeakerVoiceConfig",
    "SpeechConfig",
    "ThinkingConfig",
    "VoiceConfig",
]


class SafetySetting(GeminiModel):
    """A safety setting: the blocking threshold of one harm category."""

    category: HarmCategory
    """Required. The category this setting applies to."""
    threshold: HarmBlockThreshold
    """Required. The probability of harm at and above which content is blocked."""


class PrebuiltVoiceConfig(GeminiModel):
    """A prebuilt voice to speak with."""

    voice_name: str | None = None
    """The name of the preset voice."""


class VoiceConfig(GeminiModel):
    """The voice to use."""

    prebuilt_voice_config: PrebuiltVoiceConfig | None = None
    """The prebuilt voice configuration."""


class SpeakerVoiceConfig(GeminiModel):
    """The voice of one speaker in a multi-speaker setup."""

    speaker: str
    """Required. The name of the speaker, as used in the prompt."""
    voice_config: VoiceConfig
    """Required. The voice of this speaker."""


class MultiSpeakerVoiceConfig(GeminiModel):
    """The voices of a multi-speaker setup."""

    speaker_voice_configs: list[SpeakerVoiceConfig]
    """Required. All enabled speaker voices."""


class SpeechConfig(GeminiModel):
    """Speech generation configuration."""

    voice_config: VoiceConfig | None = None
    """The configuration of a single-voice output."""
    multi_speaker_voice_config: MultiSpeakerVoiceConfig | None = None
    """Optional. The configuration of a multi-speaker output; excludes ``voiceConfig``."""
    language_code: str | None = None
    """Optional. The BCP 47 language code of the speech, e.g. ``en-US``."""


class ThinkingConfig(GeminiModel):
    """Configuration of the thinking features."""

    include_thoughts: bool | None = None
    """Whether to include thoughts in the response; they are returned only when available."""
    thinking_budget: Int32 | None = None
    """The number of thought tokens the model should generate."""
    thinking_level: ThinkingLevel | None = None
    """Optional. How much the model thinks before answering; excludes ``thinkingBudget``."""


class ImageConfig(GeminiModel):
    """Configuration of image generation."""

    aspect_ratio: str | None = None
    """Optional. The aspect ratio of generated images, e.g. ``16:9``; chosen by the model when
    unset."""
    image_size: str | None = None
    """Optional. The size of generated images: ``1K``, ``2K`` or ``4K``."""


class GenerationConfig(GeminiModel):
    """Options for model generation and outputs; not every model supports every option.

    The JSON Schema of the output has two wire names: ``responseJsonSchema`` (the usual one, proto
    field ``response_json_schema_ordered``) and ``_responseJsonSchema`` (proto field
    ``response_json_schema``). As in proto3 JSON, each field accepts its wire name and its proto
    name.
    """

    stop_sequences: list[str] | None = None
    """Optional. Up to 5 character sequences that stop generation; not part of the response."""
    response_mime_type: str | None = only_in("v1beta")
    """Optional. The MIME type of the candidate text: ``text/plain`` (default),
    ``application/json`` or ``text/x.enum``."""
    response_schema: Schema | None = only_in("v1beta")
    """Optional. The output schema (an OpenAPI subset); needs a compatible
    ``responseMimeType``."""
    response_json_schema: JsonValue | None = only_in("v1beta", alias="_responseJsonSchema")
    """Optional. The output schema as JSON Schema, an alternative to ``responseSchema``; its
    wire name is ``_responseJsonSchema``, and ``responseJsonSchema`` is the usual spelling."""
    response_json_schema_ordered: JsonValue | None = Field(default=None, alias="responseJsonSchema")
    """Optional. The output schema as JSON Schema (``$ref``, ``$defs``, ``anyOf``, ``properties``,
    ``required`` … and ``propertyOrdering``), an alternative to ``responseSchema``; needs
    ``responseMimeType``."""
    response_modalities: list[ResponseModality] | None = only_in("v1beta")
    """Optional. The modalities of the response; an empty list means text only."""
    candidate_count: Int32 | None = None
    """Optional. The number of candidates to return (default 1)."""
    max_output_tokens: Int32 | None = None
    """Optional. The maximum number of tokens in a candidate; the default depends on the
    model."""
    temperature: float | None = None
    """Optional. The randomness of the output, in [0.0, 2.0]."""
    top_p: float | None = None
    """Optional. The maximum cumulative probability of the tokens considered when sampling."""
    top_k: Int32 | None = None
    """Optional. The maximum number of tokens considered when sampling."""
    seed: Int32 | None = None
    """Optional. The seed of decoding; random when unset."""
    presence_penalty: float | None = None
    """Optional. A penalty on tokens already present in the response."""
    frequency_penalty: float | None = None
    """Optional. A penalty on tokens proportional to how often they already appear."""
    response_logprobs: bool | None = None
    """Optional. Return the log probabilities of the chosen tokens."""
    logprobs: Int32 | None = None
    """Optional. The number of top log probabilities per step, in [0, 20]; needs
    ``responseLogprobs``."""
    enable_enhanced_civic_answers: bool | None = None
    """Optional. Enable enhanced civic answers, where the model supports them."""
    speech_config: SpeechConfig | None = only_in("v1beta")
    """Optional. The speech generation configuration."""
    thinking_config: ThinkingConfig | None = only_in("v1beta")
    """Optional. The thinking configuration; an error for models that do not think."""
    image_config: ImageConfig | None = only_in("v1beta")
    """Optional. The image generation configuration."""
    media_resolution: MediaResolution | None = only_in("v1beta")
    """Optional. The media resolution used for the input media."""
