"""Tools the model may use, their declarations and their configuration (v1beta only)."""

from gemschema.models._base import GeminiModel, Int32, Int64, JsonValue, Timestamp
from gemschema.models.enums import (
    Behavior,
    DynamicRetrievalMode,
    Environment,
    FunctionCallingMode,
    Type,
)

__all__ = [
    "CodeExecution",
    "ComputerUse",
    "DynamicRetrievalConfig",
    "FileSearch",
    "FunctionCallingConfig",
    "FunctionDeclaration",
    "GoogleMaps",
    "GoogleSearch",
    "GoogleSearchRetrieval",
    "Interval",
    "LatLng",
    "RetrievalConfig",
    "Schema",
    "Tool",
    "ToolConfig",
    "UrlContext",
]


class Schema(GeminiModel):
    """A subset of an OpenAPI 3.0 schema object describing input or output data."""

    type: Type | None = None
    """The data type (the reference marks it required; the API accepts schemas that only give
    ``anyOf``)."""
    format: str | None = None
    """Optional. The format of the data, e.g. ``int32``, ``double``, ``enum``, ``date-time``."""
    title: str | None = None
    """Optional. The title of the schema."""
    description: str | None = None
    """Optional. A brief description of the parameter; may contain examples of use."""
    nullable: bool | None = None
    """Optional. Whether the value may be null."""
    enum: list[str] | None = None
    """Optional. The possible values of a ``STRING`` with format ``enum``."""
    max_items: Int64 | None = None
    """Optional. The maximum number of elements of an ``ARRAY``."""
    min_items: Int64 | None = None
    """Optional. The minimum number of elements of an ``ARRAY``."""
    properties: dict[str, "Schema"] | None = None
    """Optional. The properties of an ``OBJECT``, by name."""
    required: list[str] | None = None
    """Optional. The required properties of an ``OBJECT``."""
    min_properties: Int64 | None = None
    """Optional. The minimum number of properties of an ``OBJECT``."""
    max_properties: Int64 | None = None
    """Optional. The maximum number of properties of an ``OBJECT``."""
    min_length: Int64 | None = None
    """Optional. The minimum length of a ``STRING``."""
    max_length: Int64 | None = None
    """Optional. The maximum length of a ``STRING``."""
    pattern: str | None = None
    """Optional. A regular expression a ``STRING`` must match."""
    example: JsonValue | None = None
    """Optional. An example of the object; used only when the object is the root."""
    any_of: list["Schema"] | None = None
    """Optional. The value must match at least one of these schemas."""
    property_ordering: list[str] | None = None
    """Optional. The order of the properties (non-standard; not part of OpenAPI)."""
    default: JsonValue | None = None
    """Optional. The default value of the field."""
    items: "Schema | None" = None
    """Optional. The schema of the elements of an ``ARRAY``."""
    minimum: float | None = None
    """Optional. The minimum value of an ``INTEGER`` or ``NUMBER``."""
    maximum: float | None = None
    """Optional. The maximum value of an ``INTEGER`` or ``NUMBER``."""


class FunctionDeclaration(GeminiModel):
    """A function the model may call, in the OpenAPI style: its name, purpose and parameters."""

    name: str
    """Required. The function's name: a-z, A-Z, 0-9, underscores, colons, dots and dashes, at
    most 128 characters."""
    description: str | None = None
    """A brief description of the function (the reference marks it required; the API accepts
    declarations without one)."""
    behavior: Behavior | None = None
    """Optional. Whether the function blocks the conversation while it runs."""
    parameters: Schema | None = None
    """Optional. The function's parameters as a Schema of type ``OBJECT``; excludes
    ``parametersJsonSchema``."""
    parameters_json_schema: JsonValue | None = None
    """Optional. The function's parameters as JSON Schema; excludes ``parameters``."""
    response: Schema | None = None
    """Optional. The function's output as a Schema; excludes ``responseJsonSchema``."""
    response_json_schema: JsonValue | None = None
    """Optional. The function's output as JSON Schema; excludes ``response``."""


class DynamicRetrievalConfig(GeminiModel):
    """When to ground on Google Search dynamically."""

    mode: DynamicRetrievalMode | None = None
    """The mode of the predictor used in dynamic retrieval."""
    dynamic_threshold: float | None = None
    """The threshold above which dynamic retrieval is used; the default is chosen by the
    system."""


class GoogleSearchRetrieval(GeminiModel):
    """Retrieval from public web data for grounding, powered by Google (legacy models)."""

    dynamic_retrieval_config: DynamicRetrievalConfig | None = None
    """Specifies the dynamic retrieval configuration for the source."""


class CodeExecution(GeminiModel):
    """Lets the model write and run code; the tool has no fields."""


class Interval(GeminiModel):
    """A time interval: start inclusive, end exclusive (``google.type.Interval``)."""

    start_time: Timestamp | None = None
    """Optional. Inclusive start of the interval."""
    end_time: Timestamp | None = None
    """Optional. Exclusive end of the interval."""


class GoogleSearch(GeminiModel):
    """The Google Search tool, for grounding on the web."""

    time_range_filter: Interval | None = None
    """Optional. Restrict search results to this time range."""


class ComputerUse(GeminiModel):
    """The computer-use tool: the model operates a computer through predefined actions."""

    environment: Environment
    """Required. The environment being operated."""
    excluded_predefined_functions: list[str] | None = None
    """Optional. Predefined functions to exclude from the action space."""


class UrlContext(GeminiModel):
    """The URL context tool: the model retrieves URLs named in the prompt; it has no fields."""


class FileSearch(GeminiModel):
    """The File Search tool: retrieval from File Search stores."""

    file_search_store_names: list[str]
    """Required. The File Search stores to retrieve from, e.g.
    ``fileSearchStores/my-file-search-store-123``."""
    top_k: Int32 | None = None
    """Optional. The number of chunks to retrieve."""
    metadata_filter: str | None = None
    """Optional. A metadata filter (AIP-160 syntax) on the documents and chunks."""


class GoogleMaps(GeminiModel):
    """The Google Maps tool, for grounding on geospatial context."""

    enable_widget: bool | None = None
    """Optional. Return a widget context token in ``GroundingMetadata`` for a Maps widget."""


class Tool(GeminiModel):
    """A tool the model may use; each entry names one kind of tool."""

    function_declarations: list[FunctionDeclaration] | None = None
    """Optional. Functions the model may call (function calling)."""
    google_search_retrieval: GoogleSearchRetrieval | None = None
    """Optional. Retrieval tool powered by Google Search (legacy models)."""
    code_execution: CodeExecution | None = None
    """Optional. Lets the model generate and run code."""
    google_search: GoogleSearch | None = None
    """Optional. The Google Search tool."""
    computer_use: ComputerUse | None = None
    """Optional. The computer-use tool."""
    url_context: UrlContext | None = None
    """Optional. The URL context tool."""
    file_search: FileSearch | None = None
    """Optional. The File Search tool."""
    google_maps: GoogleMaps | None = None
    """Optional. The Google Maps tool."""


class FunctionCallingConfig(GeminiModel):
    """How the model calls the declared functions."""

    mode: FunctionCallingMode | None = None
    """Optional. The function calling mode; ``AUTO`` when unset."""
    allowed_function_names: list[str] | None = None
    """Optional. The functions the model may call; only with mode ``ANY`` or ``VALIDATED``."""


class LatLng(GeminiModel):
    """A latitude/longitude pair in degrees, WGS84 (``google.type.LatLng``)."""

    latitude: float | None = None
    """The latitude in degrees, in [-90.0, +90.0]."""
    longitude: float | None = None
    """The longitude in degrees, in [-180.0, +180.0]."""


class RetrievalConfig(GeminiModel):
    """Context for retrieval tools, such as the user's location."""

    lat_lng: LatLng | None = None
    """Optional. The location of the user."""
    language_code: str | None = None
    """Optional. The language code of the user (e.g. ``en-US``)."""


class ToolConfig(GeminiModel):
    """Configuration shared by the tools of a request."""

    function_calling_config: FunctionCallingConfig | None = None
    """Optional. Function calling configuration."""
    retrieval_config: RetrievalConfig | None = None
    """Optional. Retrieval configuration."""
