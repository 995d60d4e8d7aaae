"""The response body of ``generateContent`` (and each chunk of ``streamGenerateContent``).

Vertex-AI-only fields (``createTime``, ``usageMetadata.trafficType`` …) are deliberately not
modelled: in a Gemini API response they are unknown fields, reported as warnings.
"""

from gemschema.models._base import Bytes, GeminiModel, Int32, only_in
from gemschema.models.content import Content
from gemschema.models.enums import (
    BlockReason,
    FinishReason,
    HarmCategory,
    HarmProbability,
    Modality,
    UrlRetrievalStatus,
)

__all__ = [
    "AttributionSourceId",
    "Candidate",
    "CitationMetadata",
    "CitationSource",
    "GenerateContentResponse",
    "GroundingAttribution",
    "GroundingChunk",
    "GroundingMetadata",
    "GroundingPassageId",
    "GroundingSupport",
    "LogprobsResult",
    "LogprobsResultCandidate",
    "Maps",
    "ModalityTokenCount",
    "PlaceAnswerSources",
    "PromptFeedback",
    "RetrievalMetadata",
    "RetrievedContext",
    "ReviewSnippet",
    "SafetyRating",
    "SearchEntryPoint",
    "Segment",
    "SemanticRetrieverChunk",
    "TopCandidates",
    "UrlContextMetadata",
    "UrlMetadata",
    "UsageMetadata",
    "Web",
]


class SafetyRating(GeminiModel):
    """The safety rating of a piece of content in one harm category."""

    category: HarmCategory | None = None
    """Required. The category of this rating."""
    probability: HarmProbability | None = None
    """Required. The probability of harm for this content."""
    blocked: bool | None = None
    """Whether the content was blocked because of this rating."""


class CitationSource(GeminiModel):
    """A citation of a source for a part of a response."""

    start_index: Int32 | None = None
    """Optional. Start of the attributed segment of the response, in bytes."""
    end_index: Int32 | None = None
    """Optional. End (exclusive) of the attributed segment."""
    uri: str | None = None
    """Optional. The URI of the source."""
    license: str | None = None
    """Optional. The license of the GitHub project cited as the source (required for code
    citations)."""


class CitationMetadata(GeminiModel):
    """The sources cited by a piece of content."""

    citation_sources: list[CitationSource] | None = None
    """Citations of sources for a specific response."""


class GroundingPassageId(GeminiModel):
    """Identifies a part within a ``GroundingPassage`` of a ``GenerateAnswerRequest``."""

    passage_id: str | None = None
    """Output only. The id of the passage (``GroundingPassage.id``)."""
    part_index: Int32 | None = None
    """Output only. The index of the part within ``GroundingPassage.content``."""


class SemanticRetrieverChunk(GeminiModel):
    """Identifies a ``Chunk`` retrieved through the Semantic Retriever."""

    source: str | None = None
    """Output only. The source of the request's ``SemanticRetrieverConfig``, e.g.
    ``corpora/123``."""
    chunk: str | None = None
    """Output only. The chunk holding the attributed text, e.g.
    ``corpora/123/documents/abc/chunks/xyz``."""


class AttributionSourceId(GeminiModel):
    """Identifies the source of an attribution: an inline passage or a retrieved chunk."""

    grounding_passage: GroundingPassageId | None = None
    """An inline passage."""
    semantic_retriever_chunk: SemanticRetrieverChunk | None = None
    """A chunk fetched through the Semantic Retriever."""


class GroundingAttribution(GeminiModel):
    """A source that contributed to an answer (``generateAnswer``)."""

    source_id: AttributionSourceId | None = None
    """Output only. The source of this attribution."""
    content: Content | None = None
    """The grounding source content of this attribution."""


class SearchEntryPoint(GeminiModel):
    """The Google Search entry point to display with a grounded response."""

    rendered_content: str | None = None
    """Optional. Web content snippet to embed in a web page or webview."""
    sdk_blob: Bytes | None = None
    """Optional. Base64 JSON of ``<search term, search url>`` pairs."""


class Web(GeminiModel):
    """A grounding chunk from the web."""

    uri: str | None = None
    """The URI of the chunk."""
    title: str | None = None
    """The title of the chunk."""


class RetrievedContext(GeminiModel):
    """A grounding chunk from a retrieval tool such as File Search."""

    uri: str | None = None
    """Optional. The URI of the semantic retrieval document."""
    title: str | None = None
    """Optional. The title of the document."""
    text: str | None = None
    """Optional. The text of the chunk."""


class ReviewSnippet(GeminiModel):
    """A user review snippet that answers a question about a place."""

    review_id: str | None = None
    """The id of the review snippet."""
    google_maps_uri: str | None = None
    """A link to the review on Google Maps."""
    title: str | None = None
    """The title of the review."""


class PlaceAnswerSources(GeminiModel):
    """The sources that answer questions about a place."""

    review_snippets: list[ReviewSnippet] | None = None
    """Review snippets used to generate the answer."""


class Maps(GeminiModel):
    """A grounding chunk from Google Maps."""

    uri: str | None = None
    """The URI of the place."""
    title: str | None = None
    """The title of the place."""
    text: str | None = None
    """A text description of the place's answer."""
    place_id: str | None = None
    """The id of the place (``places/{placeId}``)."""
    place_answer_sources: PlaceAnswerSources | None = None
    """The sources that answer questions about the place's features."""


class GroundingChunk(GeminiModel):
    """A piece of evidence a grounded response relies on; exactly one kind is set."""

    web: Web | None = None
    """A chunk from the web."""
    retrieved_context: RetrievedContext | None = only_in("v1beta")
    """Optional. A chunk from a retrieval tool such as File Search."""
    maps: Maps | None = only_in("v1beta")
    """Optional. A chunk from Google Maps."""


class Segment(GeminiModel):
    """A segment of the response content."""

    part_index: Int32 | None = None
    """Output only. The index of the part within its content."""
    start_index: Int32 | None = None
    """Output only. Start of the segment in the part, in bytes (inclusive)."""
    end_index: Int32 | None = None
    """Output only. End of the segment in the part, in bytes (exclusive)."""
    text: str | None = None
    """Output only. The text of the segment."""


class GroundingSupport(GeminiModel):
    """Which grounding chunks support a segment of the response."""

    grounding_chunk_indices: list[Int32] | None = None
    """Indices into ``groundingChunks`` of the citations of this claim."""
    confidence_scores: list[float] | None = None
    """Confidence scores of the support references, in [0, 1], one per index."""
    segment: Segment | None = None
    """The segment of the content this support belongs to."""


class RetrievalMetadata(GeminiModel):
    """Metadata of retrieval for grounding."""

    google_search_dynamic_retrieval_score: float | None = None
    """Optional. How likely Google Search could help answer the prompt, in [0, 1]."""


class GroundingMetadata(GeminiModel):
    """Metadata returned when grounding is enabled."""

    grounding_chunks: list[GroundingChunk] | None = None
    """Supporting references retrieved from the grounding source."""
    grounding_supports: list[GroundingSupport] | None = None
    """The grounding support of segments of the response."""
    web_search_queries: list[str] | None = None
    """Web search queries for the follow-up web search."""
    search_entry_point: SearchEntryPoint | None = None
    """Optional. The Google Search entry point for follow-up searches."""
    retrieval_metadata: RetrievalMetadata | None = None
    """Metadata of retrieval in the grounding flow."""
    google_maps_widget_context_token: str | None = None
    """Optional. A context token for a Google Maps widget (``GoogleMaps.enableWidget``)."""


class LogprobsResultCandidate(GeminiModel):
    """A token and its log probability (``LogprobsResult.Candidate``)."""

    token: str | None = None
    """The token's string value."""
    token_id: Int32 | None = None
    """The token's id."""
    log_probability: float | None = None
    """The token's log probability."""


class TopCandidates(GeminiModel):
    """The most probable tokens of one decoding step, by descending log probability."""

    candidates: list[LogprobsResultCandidate] | None = None
    """Sorted by log probability, descending."""


class LogprobsResult(GeminiModel):
    """The log probabilities of a candidate's tokens."""

    top_candidates: list[TopCandidates] | None = None
    """One entry per decoding step (length = total number of decoding steps)."""
    chosen_candidates: list[LogprobsResultCandidate] | None = None
    """The chosen tokens; may differ from the top candidates."""
    log_probability_sum: float | None = None
    """The sum of the log probabilities of all tokens."""


class UrlMetadata(GeminiModel):
    """The retrieval of one URL by the URL context tool."""

    retrieved_url: str | None = None
    """The URL retrieved by the tool."""
    url_retrieval_status: UrlRetrievalStatus | None = None
    """The status of the retrieval."""


class UrlContextMetadata(GeminiModel):
    """Metadata of the URL context tool."""

    url_metadata: list[UrlMetadata] | None = None
    """One entry per URL."""


class Candidate(GeminiModel):
    """A response candidate generated by the model."""

    content: Content | None = None
    """Output only. The content generated by the model."""
    finish_reason: FinishReason | None = None
    """Optional. Output only. Why the model stopped generating; empty while it has not
    stopped."""
    safety_ratings: list[SafetyRating] | None = None
    """Safety ratings of the candidate, at most one per category."""
    citation_metadata: CitationMetadata | None = None
    """Output only. Citations of the generated content (recitation)."""
    token_count: Int32 | None = None
    """Output only. The number of tokens of this candidate."""
    grounding_attributions: list[GroundingAttribution] | None = only_in("v1beta")
    """Output only. The sources of a grounded answer (``generateAnswer`` calls)."""
    grounding_metadata: GroundingMetadata | None = None
    """Output only. Grounding metadata of the candidate (grounding tools)."""
    avg_logprobs: float | None = None
    """Output only. The average log probability of the candidate."""
    logprobs_result: LogprobsResult | None = None
    """Output only. Log probabilities of the response tokens and the top tokens."""
    url_context_metadata: UrlContextMetadata | None = None
    """Output only. Metadata of the URL context tool."""
    index: Int32 | None = None
    """Output only. The index of the candidate in the list of candidates."""
    finish_message: str | None = None
    """Optional. Output only. Details of why the model stopped generating (with
    ``finishReason``)."""


class PromptFeedback(GeminiModel):
    """Feedback on the prompt: whether it was blocked, and its safety ratings."""

    block_reason: BlockReason | None = None
    """Optional. Set when the prompt was blocked; then no candidates are returned."""
    safety_ratings: list[SafetyRating] | None = None
    """Safety ratings of the prompt, at most one per category."""


class ModalityTokenCount(GeminiModel):
    """The number of tokens of one modality."""

    modality: Modality | None = None
    """The modality."""
    token_count: Int32 | None = None
    """The number of tokens."""


class UsageMetadata(GeminiModel):
    """Token usage of the request."""

    prompt_token_count: Int32 | None = None
    """Tokens in the prompt; includes the cached content when ``cachedContent`` is set."""
    cached_content_token_count: Int32 | None = only_in("v1beta")
    """Tokens in the cached part of the prompt."""
    candidates_token_count: Int32 | None = None
    """Tokens across all generated candidates."""
    tool_use_prompt_token_count: Int32 | None = None
    """Output only. Tokens in tool-use prompts."""
    thoughts_token_count: Int32 | None = None
    """Output only. Tokens of thoughts (thinking models)."""
    total_token_count: Int32 | None = None
    """Total tokens: prompt, candidates, tool-use prompts and thoughts."""
    prompt_tokens_details: list[ModalityTokenCount] | None = None
    """Output only. Prompt tokens by modality."""
    cache_tokens_details: list[ModalityTokenCount] | None = None
    """Output only. Cached tokens by modality."""
    candidates_tokens_details: list[ModalityTokenCount] | None = None
    """Output only. Response tokens by modality."""
    tool_use_prompt_tokens_details: list[ModalityTokenCount] | None = None
    """Output only. Tool-use prompt tokens by modality."""


class GenerateContentResponse(GeminiModel):
    """The response of ``generateContent``, or one chunk of ``streamGenerateContent``."""

    candidates: list[Candidate] | None = None
    """The candidate responses of the model."""
    prompt_feedback: PromptFeedback | None = None
    """The prompt's feedback related to the content filters."""
    usage_metadata: UsageMetadata | None = None
    """Output only. Token usage of the request."""
    model_version: str | None = None
    """Output only. The model version that generated the response."""
    response_id: str | None = None
    """Output only. The id of the response."""
