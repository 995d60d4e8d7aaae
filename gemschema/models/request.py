"""The request bodies of ``generateContent`` / ``streamGenerateContent`` and ``countTokens``."""

from gemschema.models._base import GeminiModel, only_in
from gemschema.models.config import GenerationConfig, SafetySetting
from gemschema.models.content import Content
from gemschema.models.tools import Tool, ToolConfig

__all__ = ["CountTokensRequest", "GenerateContentRequest"]


class GenerateContentRequest(GeminiModel):
    """The request body of ``generateContent`` and ``streamGenerateContent``."""

    model: str | None = None
    """The model to use, ``models/{model}``: a path parameter of ``generateContent``, required
    inside ``CountTokensRequest.generateContentRequest`` and batch requests."""
    contents: list[Content]
    """Required. The conversation so far: one turn for a single query, the history and the
    latest request for a multi-turn one."""
    tools: list[Tool] | None = only_in("v1beta")
    """Optional. Tools the model may use to generate the next response."""
    tool_config: ToolConfig | None = only_in("v1beta")
    """Optional. Configuration of the tools named in the request."""
    safety_settings: list[SafetySetting] | None = None
    """Optional. Safety settings, at most one per category, overriding the defaults; applied to
    the contents and to the candidates."""
    system_instruction: Content | None = only_in("v1beta")
    """Optional. The developer's system instruction; text only."""
    generation_config: GenerationConfig | None = None
    """Optional. Options for model generation and outputs."""
    cached_content: str | None = only_in("v1beta")
    """Optional. The cached content to use as context, ``cachedContents/{cachedContent}``."""


class CountTokensRequest(GeminiModel):
    """The request body of ``countTokens``: either ``contents`` or ``generateContentRequest``."""

    model: str | None = None
    """The model whose tokenizer to use, ``models/{model}`` (a path parameter)."""
    contents: list[Content] | None = None
    """Optional. The input to count; excludes ``generateContentRequest``."""
    generate_content_request: GenerateContentRequest | None = None
    """Optional. A whole generateContent request to count (prompt, tools, system instruction
    …); excludes ``contents``."""
