"""The documented enums of the generateContent family.

Every enum is a :class:`enum.StrEnum` whose values are the names the API writes on the wire.
Members are listed in proto number order, so a member's position *is* its proto number (proto3
JSON also accepts the number; the normaliser relies on position == number, and
``tests/test_models_descriptors.py`` checks it against the published descriptors).

Two documented enums are both called ``Modality`` with different numbering: the top-level one
(token counts) keeps the name, ``GenerationConfig.Modality`` is :class:`ResponseModality`.
"""

import enum

__all__ = [
    "Behavior",
    "BlockReason",
    "DynamicRetrievalMode",
    "Environment",
    "FinishReason",
    "FunctionCallingMode",
    "HarmBlockThreshold",
    "HarmCategory",
    "HarmProbability",
    "Language",
    "MediaResolution",
    "Modality",
    "Outcome",
    "PartMediaResolutionLevel",
    "ResponseModality",
    "Scheduling",
    "ThinkingLevel",
    "Type",
    "UrlRetrievalStatus",
]


class HarmCategory(enum.StrEnum):
    """The category of a safety rating or setting."""

    HARM_CATEGORY_UNSPECIFIED = "HARM_CATEGORY_UNSPECIFIED"
    # 1-6: PaLM-era categories, still documented.
    HARM_CATEGORY_DEROGATORY = "HARM_CATEGORY_DEROGATORY"
    HARM_CATEGORY_TOXICITY = "HARM_CATEGORY_TOXICITY"
    HARM_CATEGORY_VIOLENCE = "HARM_CATEGORY_VIOLENCE"
    HARM_CATEGORY_SEXUAL = "HARM_CATEGORY_SEXUAL"
    HARM_CATEGORY_MEDICAL = "HARM_CATEGORY_MEDICAL"
    HARM_CATEGORY_DANGEROUS = "HARM_CATEGORY_DANGEROUS"
    # 7-11: the categories Gemini models support.
    HARM_CATEGORY_HARASSMENT = "HARM_CATEGORY_HARASSMENT"
    HARM_CATEGORY_HATE_SPEECH = "HARM_CATEGORY_HATE_SPEECH"
    HARM_CATEGORY_SEXUALLY_EXPLICIT = "HARM_CATEGORY_SEXUALLY_EXPLICIT"
    HARM_CATEGORY_DANGEROUS_CONTENT = "HARM_CATEGORY_DANGEROUS_CONTENT"
    HARM_CATEGORY_CIVIC_INTEGRITY = "HARM_CATEGORY_CIVIC_INTEGRITY"


class HarmBlockThreshold(enum.StrEnum):
    """Block content at and above this probability of harm (``SafetySetting.threshold``)."""

    HARM_BLOCK_THRESHOLD_UNSPECIFIED = "HARM_BLOCK_THRESHOLD_UNSPECIFIED"
    BLOCK_LOW_AND_ABOVE = "BLOCK_LOW_AND_ABOVE"
    BLOCK_MEDIUM_AND_ABOVE = "BLOCK_MEDIUM_AND_ABOVE"
    BLOCK_ONLY_HIGH = "BLOCK_ONLY_HIGH"
    BLOCK_NONE = "BLOCK_NONE"
    OFF = "OFF"  # turn the safety filter off


class HarmProbability(enum.StrEnum):
    """The probability that a piece of content is harmful."""

    HARM_PROBABILITY_UNSPECIFIED = "HARM_PROBABILITY_UNSPECIFIED"
    NEGLIGIBLE = "NEGLIGIBLE"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class FinishReason(enum.StrEnum):
    """Why the model stopped generating tokens."""

    FINISH_REASON_UNSPECIFIED = "FINISH_REASON_UNSPECIFIED"
    STOP = "STOP"  # natural stop point or a stop sequence
    MAX_TOKENS = "MAX_TOKENS"  # maxOutputTokens reached
    SAFETY = "SAFETY"
    RECITATION = "RECITATION"
    # The reference lists LANGUAGE before OTHER; their numbers are OTHER=5, LANGUAGE=6.
    OTHER = "OTHER"
    LANGUAGE = "LANGUAGE"  # unsupported language
    BLOCKLIST = "BLOCKLIST"  # forbidden terms
    PROHIBITED_CONTENT = "PROHIBITED_CONTENT"
    SPII = "SPII"  # sensitive personally identifiable information
    MALFORMED_FUNCTION_CALL = "MALFORMED_FUNCTION_CALL"
    IMAGE_SAFETY = "IMAGE_SAFETY"
    # The reference lists the IMAGE_* reasons (14-17) before these two.
    UNEXPECTED_TOOL_CALL = "UNEXPECTED_TOOL_CALL"
    TOO_MANY_TOOL_CALLS = "TOO_MANY_TOOL_CALLS"
    IMAGE_PROHIBITED_CONTENT = "IMAGE_PROHIBITED_CONTENT"
    IMAGE_OTHER = "IMAGE_OTHER"
    NO_IMAGE = "NO_IMAGE"
    IMAGE_RECITATION = "IMAGE_RECITATION"


class BlockReason(enum.StrEnum):
    """Why the prompt was blocked (``PromptFeedback.blockReason``)."""

    BLOCK_REASON_UNSPECIFIED = "BLOCK_REASON_UNSPECIFIED"
    SAFETY = "SAFETY"
    OTHER = "OTHER"
    BLOCKLIST = "BLOCKLIST"
    PROHIBITED_CONTENT = "PROHIBITED_CONTENT"
    IMAGE_SAFETY = "IMAGE_SAFETY"


class Modality(enum.StrEnum):
    """The modality of content, as counted in token usage details."""

    MODALITY_UNSPECIFIED = "MODALITY_UNSPECIFIED"
    TEXT = "TEXT"
    IMAGE = "IMAGE"
    VIDEO = "VIDEO"
    AUDIO = "AUDIO"
    DOCUMENT = "DOCUMENT"  # e.g. PDF


class ResponseModality(enum.StrEnum):
    """A modality the model may return (``GenerationConfig.Modality``)."""

    MODALITY_UNSPECIFIED = "MODALITY_UNSPECIFIED"
    TEXT = "TEXT"
    IMAGE = "IMAGE"
    AUDIO = "AUDIO"


class MediaResolution(enum.StrEnum):
    """Media resolution for the input media (``GenerationConfig.MediaResolution``)."""

    MEDIA_RESOLUTION_UNSPECIFIED = "MEDIA_RESOLUTION_UNSPECIFIED"
    MEDIA_RESOLUTION_LOW = "MEDIA_RESOLUTION_LOW"  # 64 tokens
    MEDIA_RESOLUTION_MEDIUM = "MEDIA_RESOLUTION_MEDIUM"  # 256 tokens
    MEDIA_RESOLUTION_HIGH = "MEDIA_RESOLUTION_HIGH"  # zoomed reframing with 256 tokens


class PartMediaResolutionLevel(enum.StrEnum):
    """The tokenization quality of one media part (``Part.MediaResolution.Level``)."""

    # Not in the published generativelanguage protos: the numbers are those of the same enum
    # in google.cloud.aiplatform.v1 (Part.MediaResolution.Level), 0-4 without gaps.
    MEDIA_RESOLUTION_UNSPECIFIED = "MEDIA_RESOLUTION_UNSPECIFIED"
    MEDIA_RESOLUTION_LOW = "MEDIA_RESOLUTION_LOW"
    MEDIA_RESOLUTION_MEDIUM = "MEDIA_RESOLUTION_MEDIUM"
    MEDIA_RESOLUTION_HIGH = "MEDIA_RESOLUTION_HIGH"
    MEDIA_RESOLUTION_ULTRA_HIGH = "MEDIA_RESOLUTION_ULTRA_HIGH"  # images only


class ThinkingLevel(enum.StrEnum):
    """How much the model thinks before answering (``ThinkingConfig.thinkingLevel``)."""

    # Not in the published generativelanguage protos: the numbers are those of
    # google.cloud.aiplatform.v1.GenerationConfig.ThinkingConfig.ThinkingLevel, where MINIMAL
    # was added last (= 4). The reference lists MINIMAL first; by number it comes last.
    THINKING_LEVEL_UNSPECIFIED = "THINKING_LEVEL_UNSPECIFIED"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    MINIMAL = "MINIMAL"


class Type(enum.StrEnum):
    """The data type of a ``Schema`` (OpenAPI types)."""

    TYPE_UNSPECIFIED = "TYPE_UNSPECIFIED"
    STRING = "STRING"
    NUMBER = "NUMBER"
    INTEGER = "INTEGER"
    BOOLEAN = "BOOLEAN"
    ARRAY = "ARRAY"
    OBJECT = "OBJECT"
    NULL = "NULL"


class FunctionCallingMode(enum.StrEnum):
    """How the model may call functions (``FunctionCallingConfig.Mode``)."""

    MODE_UNSPECIFIED = "MODE_UNSPECIFIED"
    AUTO = "AUTO"  # the model decides between text and a function call
    ANY = "ANY"  # always a function call, optionally limited to allowedFunctionNames
    NONE = "NONE"  # never a function call
    VALIDATED = "VALIDATED"  # like AUTO, with calls constrained to the declarations


class DynamicRetrievalMode(enum.StrEnum):
    """The mode of dynamic retrieval (``DynamicRetrievalConfig.Mode``)."""

    MODE_UNSPECIFIED = "MODE_UNSPECIFIED"  # always trigger retrieval
    MODE_DYNAMIC = "MODE_DYNAMIC"  # retrieve only when the system decides it is needed


class Language(enum.StrEnum):
    """The programming language of ``ExecutableCode``."""

    LANGUAGE_UNSPECIFIED = "LANGUAGE_UNSPECIFIED"
    PYTHON = "PYTHON"


class Outcome(enum.StrEnum):
    """The outcome of running code (``CodeExecutionResult.outcome``)."""

    OUTCOME_UNSPECIFIED = "OUTCOME_UNSPECIFIED"
    OUTCOME_OK = "OUTCOME_OK"
    OUTCOME_FAILED = "OUTCOME_FAILED"
    OUTCOME_DEADLINE_EXCEEDED = "OUTCOME_DEADLINE_EXCEEDED"


class Behavior(enum.StrEnum):
    """Whether a function blocks the conversation (``FunctionDeclaration.behavior``)."""

    UNSPECIFIED = "UNSPECIFIED"
    BLOCKING = "BLOCKING"
    NON_BLOCKING = "NON_BLOCKING"


class Scheduling(enum.StrEnum):
    """How a non-blocking function's response is scheduled in the conversation."""

    SCHEDULING_UNSPECIFIED = "SCHEDULING_UNSPECIFIED"
    SILENT = "SILENT"  # add to the context only
    WHEN_IDLE = "WHEN_IDLE"  # add and prompt generation when idle
    INTERRUPT = "INTERRUPT"  # add, interrupt and prompt generation immediately


class UrlRetrievalStatus(enum.StrEnum):
    """Whether the URL context tool could retrieve a URL."""

    URL_RETRIEVAL_STATUS_UNSPECIFIED = "URL_RETRIEVAL_STATUS_UNSPECIFIED"
    URL_RETRIEVAL_STATUS_SUCCESS = "URL_RETRIEVAL_STATUS_SUCCESS"
    URL_RETRIEVAL_STATUS_ERROR = "URL_RETRIEVAL_STATUS_ERROR"
    URL_RETRIEVAL_STATUS_PAYWALL = "URL_RETRIEVAL_STATUS_PAYWALL"
    URL_RETRIEVAL_STATUS_UNSAFE = "URL_RETRIEVAL_STATUS_UNSAFE"


class Environment(enum.StrEnum):
    """The environment the computer-use tool operates in."""

    ENVIRONMENT_UNSPECIFIED = "ENVIRONMENT_UNSPECIFIED"
    ENVIRONMENT_BROWSER = "ENVIRONMENT_BROWSER"
