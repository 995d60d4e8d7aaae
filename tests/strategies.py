"""Hypothesis strategies: valid documents of every documented type, and every spelling of them.

Entry points
    ``documents(kind, api_version)``        a valid document of ``kind`` in canonical form
    ``respelled(document, kind, version)``  that document in a random spelling the API accepts
    ``json_values()``, ``json_objects()``   user data: any JSON, with keys that look like fields
    ``user_data(document, kind, version)``  the user-data values of a document, in order
    ``SchemaStrategies``                     the generator itself, per committed schema

``kind`` is one of :data:`gemschema.validation.KINDS`: ``request``, ``response``, ``stream`` (a
list of response chunks), ``count_tokens``, ``error``.

How documents are generated
    :class:`SchemaStrategies` walks a committed JSON Schema (``schemas/<version>/<Type>.schema.json``):
    each message becomes a dictionary of its properties (the required ones always, the others
    sometimes) in the documented order; an enum is one of its names; int64 is a decimal string;
    a map has user keys; free-form values (``functionCall.args``, ``responseJsonSchema`` …) are
    arbitrary JSON. What a schema cannot say — the semantic rules of :mod:`gemschema.rules`
    (alternating turns, one data field per part, ranges, unique categories …) — is supplied by
    :data:`FIELDS` (how to generate one field), :data:`MESSAGES` (how to generate one message)
    and :data:`FIXUPS` (how to repair a generated message), each naming the rule it serves.
    Generated documents validate without errors (warnings are allowed); a test checks it.

Canonical means what ``gemschema.normalize(..., style="camel")`` produces: for a generated
document ``d``, ``normalize(d).changed`` is false, and ``normalize(r).document == d`` for every
``r`` drawn from ``respelled(d, …)``.

How documents are respelled
    Each documented field independently by its JSON (camelCase) or proto (snake_case) name; a
    one-element list where a list is documented, as that element alone; an enum by its name, in
    lower case, or by its number; int64 as a string or a number; an integer or number field as
    a decimal string; an absent optional field as ``null``; keys in any order. User data is never
    touched.
"""

from __future__ import annotations

import base64
import functools
import string
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from gemschema.schemastore import load_schema
from gemschema.validation import KINDS
from gemschema.wire import FieldSpec, Holds, MessageSpec, WireMap, wire_map

__all__ = [
    "FIELDS",
    "FIXUPS",
    "MESSAGES",
    "SchemaStrategies",
    "documents",
    "json_keys",
    "json_objects",
    "json_schemas",
    "json_values",
    "respelled",
    "user_data",
]

Strategy = st.SearchStrategy
INT64_MAX = 2**63 - 1

# --- user data -------------------------------------------------------------------------------

FIELD_LIKE_KEYS = (
    "recipe_name",
    "rgb_hex",
    "mime_type",
    "mimeType",
    "system_instruction",
    "stop_sequences",
    "function_call",
    "functionCall",
    "inline_data",
    "text",
    "type",
    "properties",
    "role",
    "_responseJsonSchema",
    "",
    "a/b~c",
    "名前",
    "ключ",
    "0",
)
"""Keys that a blind key converter would rename (or that are awkward in a JSON Pointer)."""

FIELD_LIKE_VALUES = ("auto", "AUTO", "object", "STOP", "user", "1", "0.10", "1e3", "-0", "null")
"""String values that look like enum names or numbers: user data keeps them as they are."""


def json_keys() -> Strategy[str]:
    """Object keys of user data: field-like names and arbitrary text."""
    return st.one_of(st.sampled_from(FIELD_LIKE_KEYS), st.text(max_size=8))


def json_scalars(*, big_ints: bool = False) -> Strategy[Any]:
    """``null``, booleans, integers (64-bit unless ``big_ints``), finite floats, strings."""
    ints = st.integers() if big_ints else st.integers(-(2**63), 2**64 - 1)
    return st.one_of(
        st.none(),
        st.booleans(),
        ints,
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
        st.sampled_from(FIELD_LIKE_VALUES),
    )


def json_values(*, max_leaves: int = 12, big_ints: bool = False) -> Strategy[Any]:
    """Any JSON value (user data)."""
    return st.recursive(
        json_scalars(big_ints=big_ints),
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(json_keys(), inner, max_size=4)
        ),
        max_leaves=max_leaves,
    )


def json_objects(*, max_leaves: int = 12, big_ints: bool = False) -> Strategy[dict[str, Any]]:
    """A JSON object of user data (``functionCall.args``, ``functionResponse.response`` …)."""
    return st.dictionaries(
        json_keys(), json_values(max_leaves=max_leaves, big_ints=big_ints), max_size=5
    )


def json_schemas() -> Strategy[dict[str, Any]]:
    """A JSON Schema (user data: ``responseJsonSchema``, ``parametersJsonSchema``)."""
    leaf = st.fixed_dictionaries(
        {"type": st.sampled_from(["string", "integer", "number", "boolean", "null"])},
        optional={"description": st.text(max_size=10), "enum": st.lists(st.text(), min_size=1)},
    )

    def objects(inner: Strategy[dict[str, Any]]) -> Strategy[dict[str, Any]]:
        props = st.dictionaries(json_keys(), inner, min_size=1, max_size=3)
        return props.flatmap(
            lambda p: st.fixed_dictionaries(
                {"type": st.just("object"), "properties": st.just(p)},
                optional={
                    "required": st.lists(st.sampled_from(sorted(p)), unique=True),
                    "additionalProperties": st.booleans(),
                    "propertyOrdering": st.permutations(list(p)),
                },
            )
        )

    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            objects(inner),
            st.fixed_dictionaries({"type": st.just("array"), "items": inner}),
            st.fixed_dictionaries({"anyOf": st.lists(inner, min_size=1, max_size=3)}),
        ),
        max_leaves=6,
    )


# --- scalar values of documented fields ------------------------------------------------------


def base64_text(*, max_size: int = 24) -> Strategy[str]:
    """Standard base64 of 1..``max_size`` random bytes."""
    return st.binary(min_size=1, max_size=max_size).map(lambda b: base64.b64encode(b).decode())


def timestamps() -> Strategy[str]:
    """RFC 3339 timestamps (``google.protobuf.Timestamp``)."""
    moments = st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC))
    return moments.map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ"))


FUNCTION_NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.:-]{0,20}", fullmatch=True)
"""Names the API accepts for functions (GS601)."""

IDS = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=10)

MEDIA_TYPES = {
    "inline": ("image/png", "image/jpeg", "audio/mpeg", "video/mp4", "application/pdf"),
    "file": ("video/mp4", "image/webp", "text/plain", "application/pdf"),
}
"""Supported input media types (GS303, GS304)."""

FILE_URIS = (
    "https://generativelanguage.googleapis.com/v1beta/files/abc-123",
    "gs://bucket/path/video.mp4",
    "https://example.com/image.png",
)

GEMINI_CATEGORIES = (
    "HARM_CATEGORY_HARASSMENT",
    "HARM_CATEGORY_HATE_SPEECH",
    "HARM_CATEGORY_SEXUALLY_EXPLICIT",
    "HARM_CATEGORY_DANGEROUS_CONTENT",
    "HARM_CATEGORY_CIVIC_INTEGRITY",
)
"""The harm categories Gemini models take in a safety setting (GS502)."""

PART_DATA = (
    "text",
    "inlineData",
    "functionCall",
    "functionResponse",
    "fileData",
    "executableCode",
    "codeExecutionResult",
)
"""The data fields of a Part, exactly one of which a part carries (GS301)."""

USER_DATA = ("text", "inlineData", "fileData")
MODEL_DATA = ("text", "executableCode", "codeExecutionResult")


# --- the generator ---------------------------------------------------------------------------

Override = Callable[["SchemaStrategies", int], "Strategy[Any] | None"]
"""How to generate one field or message at a nesting depth (``None``: never generate it)."""

Fixup = Callable[["SchemaStrategies", dict[str, Any]], dict[str, Any]]
"""How to repair a generated message so that the semantic rules accept it."""


class SchemaStrategies:
    """Strategies for the messages of one committed schema (one type in one API version).

    ``max_depth`` bounds how deep optional messages nest (recursive types: ``Schema``); the
    required fields of a message are always generated.
    """

    def __init__(self, api_version: str, type_name: str, *, max_depth: int = 3) -> None:
        self.api_version = api_version
        self.type_name = type_name
        schema = load_schema(api_version, type_name)
        self.defs: dict[str, Any] = {**schema.get("$defs", {}), type_name: schema}
        self.max_depth = max_depth
        self._cache: dict[tuple[str, int], Strategy[Any]] = {}

    def root(self) -> Strategy[dict[str, Any]]:
        """Documents of the schema's type."""
        return self.message(self.type_name, 0)

    def has(self, message: str, field: str) -> bool:
        """Whether ``message`` documents ``field`` in this API version."""
        return field in self.defs.get(message, {}).get("properties", {})

    def order(self, message: str, value: dict[str, Any]) -> dict[str, Any]:
        """``value`` with its documented fields in the documented order (others after)."""
        props = self.defs[message]["properties"]
        ordered = {k: value[k] for k in props if k in value}
        ordered.update((k, v) for k, v in value.items() if k not in props)
        return ordered

    def message(self, name: str, depth: int = 0) -> Strategy[Any]:
        """A message of type ``name`` (a ``$defs`` entry or the root type)."""
        key = (name, min(depth, self.max_depth))
        if key not in self._cache:
            self._cache[key] = st.deferred(lambda: self._build(*key))
        return self._cache[key]

    def field(self, message: str, name: str, depth: int) -> Strategy[Any] | None:
        """A value of one field (its override, else what its schema says)."""
        override = FIELDS.get((message, name))
        if override is not None:
            return override(self, depth)
        return self.node(self.defs[message]["properties"][name], depth)

    def fields(self, message: str, names: tuple[str, ...], depth: int) -> dict[str, Strategy[Any]]:
        """Strategies of those ``names`` that ``message`` documents in this API version."""
        out = {}
        for name in names:
            if self.has(message, name):
                value = self.field(message, name, depth)
                if value is not None:
                    out[name] = value
        return out

    def _build(self, name: str, depth: int) -> Strategy[Any]:
        override = MESSAGES.get(name)
        if override is not None:
            built = override(self, depth)
            assert built is not None
            return built
        node = self.defs[name]
        props: dict[str, Any] = node["properties"]
        required = set(node.get("required", ()))
        mandatory: dict[str, Strategy[Any]] = {}
        optional: dict[str, Strategy[Any]] = {}
        for prop, sub in props.items():
            if prop not in required and depth >= self.max_depth and self._nests(sub):
                continue
            value = self.field(name, prop, depth)
            if value is not None:
                (mandatory if prop in required else optional)[prop] = value
        built = st.fixed_dictionaries(mandatory, optional=optional).map(
            functools.partial(self.order, name)
        )
        fix = FIXUPS.get(name)
        return built.map(functools.partial(fix, self)) if fix is not None else built

    def _nests(self, node: dict[str, Any]) -> bool:
        """Whether a property holds messages (its own, in a list, or in a map)."""
        for sub in (node, node.get("items"), node.get("additionalProperties")):
            if isinstance(sub, dict) and "$ref" in sub:
                target = self.defs[sub["$ref"].removeprefix("#/$defs/")]
                if "enum" not in target:
                    return True
        return False

    def enum(self, values: list[str]) -> Strategy[str]:
        named = [v for v in values if "UNSPECIFIED" not in v]
        return st.sampled_from(named or values)

    def node(self, node: dict[str, Any], depth: int) -> Strategy[Any]:
        """A value of a schema node (a property or an array's items)."""
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.removeprefix("#/$defs/")
            target = self.defs[name]
            if "enum" in target:
                return self.enum(target["enum"])
            return self.message(name, depth + 1)
        if "enum" in node:
            return self.enum(node["enum"])
        kind = node.get("type")
        if kind == "array":
            return st.lists(self.node(node["items"], depth), min_size=1, max_size=3)
        if isinstance(kind, list):  # int64: a decimal string in canonical proto3 JSON
            return st.integers(0, INT64_MAX).map(str)
        if kind == "object":
            values = node.get("additionalProperties")
            if isinstance(values, dict) and values:
                return st.dictionaries(json_keys(), self.node(values, depth), max_size=3)
            return json_objects()
        if kind == "string":
            if "pattern" in node:
                return st.from_regex(node["pattern"], fullmatch=True)
            if node.get("contentEncoding") == "base64":
                return base64_text()
            if node.get("format") == "date-time":
                return timestamps()
            return st.text(max_size=16)
        if kind == "integer":
            low = max(int(node.get("minimum", 0)), 0)
            return st.integers(low, min(int(node.get("maximum", 2**31 - 1)), 10**6))
        if kind == "number":
            return st.floats(0, 1e6, allow_nan=False)
        if kind == "boolean":
            return st.booleans()
        return json_values().filter(lambda v: v is not None)  # null would mean "absent"

    # Parts and turns ------------------------------------------------------------------------

    def part(self, data: tuple[str, ...], depth: int) -> Strategy[dict[str, Any]]:
        """A Part holding one of the ``data`` fields (GS301), with optional metadata."""
        choices = [f for f in data if self.has("Part", f)]
        one = st.sampled_from(choices).flatmap(
            lambda f: st.fixed_dictionaries(self.fields("Part", (f,), depth))
        )
        extras = ("thought", "thoughtSignature", "partMetadata", "mediaResolution", "videoMetadata")
        meta = st.fixed_dictionaries({}, optional=self.fields("Part", extras, depth))

        def combine(pair: tuple[dict[str, Any], dict[str, Any]]) -> dict[str, Any]:
            value, extra = pair
            if "inlineData" not in value and "fileData" not in value:
                extra.pop("videoMetadata", None)  # GS307
            return self.order("Part", {**extra, **value})

        return st.tuples(one, meta).map(combine)

    def content(
        self, role: str, data: tuple[str, ...], depth: int, *, max_parts: int = 3
    ) -> Strategy[dict[str, Any]]:
        """A Content turn of ``role`` whose parts hold ``data`` fields."""
        parts = st.lists(self.part(data, depth + 1), min_size=1, max_size=max_parts)
        return parts.map(lambda p: {"parts": p, "role": role})

    def conversation(self, depth: int) -> Strategy[list[dict[str, Any]]]:
        """Request ``contents``: a user turn, then model/user exchanges, some of them function
        calls answered in the next turn (GS201-GS214)."""
        user = self.content("user", USER_DATA, depth)
        model = self.content("model", MODEL_DATA, depth)
        calls = self.has("Part", "functionCall")
        exchange = st.one_of(
            st.tuples(model, user), *([self._call_exchange(depth)] if calls else [])
        )
        return st.tuples(user, st.lists(exchange, max_size=3)).map(
            lambda t: [t[0], *(turn for pair in t[1] for turn in pair)]
        )

    def _call_exchange(self, depth: int) -> Strategy[tuple[dict[str, Any], dict[str, Any]]]:
        call = self.message("FunctionCall", depth + 2)
        answer = self.message("FunctionResponse", depth + 2)
        signature = base64_text()

        def build(
            drawn: tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]],
        ) -> tuple[dict[str, Any], dict[str, Any]]:
            calls, answers, signatures = drawn
            model_parts = [
                self.order("Part", {"thoughtSignature": s, "functionCall": c})  # GS214
                for c, s in zip(calls, signatures, strict=False)
            ]
            user_parts = []
            for c, drawn_answer in zip(calls, answers, strict=False):
                rest = {k: v for k, v in drawn_answer.items() if k not in ("id", "name")}
                answer = {**({"id": c["id"]} if "id" in c else {}), "name": c["name"], **rest}
                user_parts.append(
                    {"functionResponse": self.order("FunctionResponse", answer)}
                )  # GS211
            return {"parts": model_parts, "role": "model"}, {"parts": user_parts, "role": "user"}

        n = st.integers(1, 3)
        return n.flatmap(
            lambda k: st.tuples(
                st.lists(call, min_size=k, max_size=k),
                st.lists(answer, min_size=k, max_size=k),
                st.lists(signature, min_size=k, max_size=k),
            )
        ).map(build)

    # The OpenAPI-subset Schema -----------------------------------------------------------------

    def gemini_schema(self, depth: int, *, kind: str | None = None) -> Strategy[dict[str, Any]]:
        """A well-typed ``Schema`` (GS604-GS611): keywords only on the types they apply to."""
        leaf = ("STRING", "NUMBER", "INTEGER", "BOOLEAN")
        kinds = (
            [kind] if kind else [*leaf, *(("ARRAY", "OBJECT") if depth < self.max_depth else ())]
        )
        common = {
            "title": st.text(max_size=8),
            "description": st.text(max_size=12),
            "nullable": st.booleans(),
            "example": json_values(max_leaves=3).filter(lambda v: v is not None),
            "default": json_values(max_leaves=3).filter(lambda v: v is not None),
        }
        alternatives = [st.sampled_from(kinds).flatmap(lambda k: self._typed(k, depth, common))]
        if kind is None and depth < self.max_depth:
            any_of = st.lists(self.gemini_schema(depth + 1), min_size=1, max_size=3)
            alternatives.append(
                st.fixed_dictionaries(
                    {"anyOf": any_of}, optional={"description": common["description"]}
                )
            )
        return st.one_of(alternatives).map(functools.partial(self.order, "Schema"))

    def _typed(
        self, kind: str, depth: int, common: dict[str, Strategy[Any]]
    ) -> Strategy[dict[str, Any]]:
        bounds = st.tuples(st.integers(0, 20), st.integers(0, 20)).map(sorted)

        def pair(low: str, high: str, text: bool) -> Strategy[dict[str, Any]]:
            conv: Callable[[int], Any] = str if text else float
            return bounds.map(lambda b: {low: conv(b[0]), high: conv(b[1])})

        extra: Strategy[dict[str, Any]] = st.just({})
        if kind == "STRING":
            extra = st.one_of(
                st.just({}),
                st.lists(st.text(max_size=6), min_size=1, max_size=4).map(
                    lambda e: {"format": "enum", "enum": e}
                ),
                pair("minLength", "maxLength", True),
                st.sampled_from(["^[a-z]+$", "[0-9]{3}"]).map(lambda p: {"pattern": p}),
            )
        elif kind in ("NUMBER", "INTEGER"):
            extra = st.one_of(st.just({}), pair("minimum", "maximum", False))
        elif kind == "ARRAY":
            items = self.gemini_schema(depth + 1).map(lambda s: {"items": s})
            extra = st.tuples(
                items, st.one_of(st.just({}), pair("minItems", "maxItems", True))
            ).map(lambda t: {**t[0], **t[1]})
        elif kind == "OBJECT":
            extra = st.dictionaries(
                json_keys(), self.gemini_schema(depth + 1), min_size=1, max_size=3
            ).flatmap(self._object_keywords)
        base = st.fixed_dictionaries({"type": st.just(kind)}, optional=common)
        return st.tuples(base, extra).map(lambda t: {**t[0], **t[1]})

    def _object_keywords(self, props: dict[str, Any]) -> Strategy[dict[str, Any]]:
        names = list(props)
        return st.fixed_dictionaries(
            {"properties": st.just(props)},
            optional={
                "required": st.lists(st.sampled_from(names), unique=True),  # GS605
                "propertyOrdering": st.permutations(names),
            },
        )


# --- overrides and fixups, by message --------------------------------------------------------


def _just(value: Any) -> Override:
    return lambda gen, depth: st.just(value)


def _of(strategy: Strategy[Any]) -> Override:
    return lambda gen, depth: strategy


def _safety_settings(gen: SchemaStrategies, depth: int) -> Strategy[Any]:
    thresholds = [
        t for t in gen.defs["HarmBlockThreshold"]["enum"] if "UNSPECIFIED" not in t
    ]  # GS503
    return st.lists(
        st.sampled_from(GEMINI_CATEGORIES), min_size=1, max_size=5, unique=True
    ).flatmap(
        lambda cats: st.tuples(*(st.sampled_from(thresholds) for _ in cats)).map(
            lambda ts: [{"category": c, "threshold": t} for c, t in zip(cats, ts, strict=True)]
        )
    )  # GS501, GS502


def _safety_ratings(gen: SchemaStrategies, depth: int) -> Strategy[Any]:
    probabilities = gen.enum(gen.defs["HarmProbability"]["enum"])
    rating = st.tuples(probabilities, st.one_of(st.none(), st.booleans()))
    return st.lists(
        st.sampled_from(GEMINI_CATEGORIES), min_size=1, max_size=4, unique=True
    ).flatmap(
        lambda cats: st.lists(rating, min_size=len(cats), max_size=len(cats)).map(
            lambda rs: [
                {"category": c, "probability": p, **({} if b is None else {"blocked": b})}
                for c, (p, b) in zip(cats, rs, strict=True)
            ]
        )
    )  # GS803


def _count_tokens(gen: SchemaStrategies, depth: int) -> Strategy[Any]:
    model = FIELDS[("CountTokensRequest", "model")](gen, depth)
    assert model is not None
    with_contents = st.fixed_dictionaries(
        {"contents": gen.conversation(depth)}, optional={"model": model}
    )
    inner = gen.message("GenerateContentRequest", depth + 1).flatmap(
        lambda r: model.map(lambda m: gen.order("GenerateContentRequest", {**r, "model": m}))
    )
    with_request = st.fixed_dictionaries(
        {"generateContentRequest": inner}, optional={"model": model}
    )
    return st.one_of(with_contents, with_request).map(
        functools.partial(gen.order, "CountTokensRequest")
    )


def _content(gen: SchemaStrategies, depth: int) -> Strategy[Any]:
    return st.one_of(gen.content("user", USER_DATA, depth), gen.content("model", MODEL_DATA, depth))


def _request(gen: SchemaStrategies, doc: dict[str, Any]) -> dict[str, Any]:
    if "cachedContent" in doc:  # GS702
        for field in ("systemInstruction", "tools", "toolConfig"):
            doc.pop(field, None)
    seen: set[str] = set()
    for tool in doc.get("tools", ()):
        for i, decl in enumerate(tool.get("functionDeclarations", ())):
            while decl["name"] in seen:  # GS602
                decl["name"] = f"{decl['name']}_{i}"[:60]
            seen.add(decl["name"])
    return doc


def _generation_config(gen: SchemaStrategies, doc: dict[str, Any]) -> dict[str, Any]:
    schemas = [
        f for f in ("responseSchema", "responseJsonSchema", "_responseJsonSchema") if f in doc
    ]
    for extra in schemas[1:]:  # GS412
        doc.pop(extra)
    if schemas and not gen.has("GenerationConfig", "responseMimeType"):
        doc.pop(schemas[0])  # GS411: no structured output without responseMimeType
    elif schemas:
        doc["responseMimeType"] = "application/json"  # GS411
    if "logprobs" in doc:
        doc["responseLogprobs"] = True  # GS410
    thinking = doc.get("thinkingConfig", {})
    if "thinkingBudget" in thinking:
        thinking.pop("thinkingLevel", None)  # GS414
    speech = doc.get("speechConfig", {})
    if "voiceConfig" in speech:
        speech.pop("multiSpeakerVoiceConfig", None)  # GS415
    return gen.order("GenerationConfig", doc)


def _function_declaration(gen: SchemaStrategies, doc: dict[str, Any]) -> dict[str, Any]:
    if "parameters" in doc:
        doc.pop("parametersJsonSchema", None)  # GS603
    if "response" in doc:
        doc.pop("responseJsonSchema", None)  # GS603
    return doc


def _tool_config(gen: SchemaStrategies, doc: dict[str, Any]) -> dict[str, Any]:
    calling = doc.get("functionCallingConfig", {})
    if "allowedFunctionNames" in calling:
        calling["mode"] = "ANY"  # GS612
        doc["functionCallingConfig"] = gen.order("FunctionCallingConfig", calling)
    return doc


def _response(gen: SchemaStrategies, doc: dict[str, Any]) -> dict[str, Any]:
    for i, candidate in enumerate(doc.get("candidates", ())):
        candidate["index"] = i  # GS801
        doc["candidates"][i] = gen.order("Candidate", candidate)
    feedback = doc.get("promptFeedback", {})
    if doc.get("candidates") and "blockReason" in feedback:
        feedback.pop("blockReason")  # GS804
    return doc


def _ordered_span(gen: SchemaStrategies, doc: dict[str, Any], message: str) -> dict[str, Any]:
    if "startIndex" in doc and "endIndex" in doc and doc["startIndex"] > doc["endIndex"]:
        doc["startIndex"], doc["endIndex"] = doc["endIndex"], doc["startIndex"]  # GS805
    return doc


def _grounding(gen: SchemaStrategies, doc: dict[str, Any]) -> dict[str, Any]:
    chunks = len(doc.get("groundingChunks", ()))
    for support in doc.get("groundingSupports", ()):
        indices = [i % chunks for i in support.get("groundingChunkIndices", ())] if chunks else []
        if indices:
            support["groundingChunkIndices"] = indices  # GS806
        else:
            support.pop("groundingChunkIndices", None)
        if "confidenceScores" in support:  # GS807
            scores = (support["confidenceScores"] * len(indices))[: len(indices)]
            if scores:
                support["confidenceScores"] = scores
            else:
                support.pop("confidenceScores")
    return doc


def _usage(gen: SchemaStrategies, doc: dict[str, Any]) -> dict[str, Any]:
    if "totalTokenCount" in doc and "promptTokenCount" in doc:  # GS809
        parts = (
            "promptTokenCount",
            "candidatesTokenCount",
            "thoughtsTokenCount",
            "toolUsePromptTokenCount",
        )
        doc["totalTokenCount"] = sum(doc.get(p, 0) for p in parts)
    return doc


def _model_content(gen: SchemaStrategies, depth: int) -> Strategy[Any]:
    data = (
        *MODEL_DATA,
        "inlineData",
        *(("functionCall",) if gen.has("Part", "functionCall") else ()),
    )
    return gen.content("model", data, depth)  # GS802


FIELDS: dict[tuple[str, str], Override] = {
    ("GenerateContentRequest", "model"): _of(
        st.sampled_from(["models/gemini-2.5-flash", "models/gemini-2.0-flash-001"])
    ),  # GS703
    ("CountTokensRequest", "model"): _of(
        st.sampled_from(["models/gemini-2.5-flash", "models/gemini-2.5-pro"])
    ),
    ("GenerateContentRequest", "contents"): lambda gen, depth: gen.conversation(depth),
    ("CountTokensRequest", "contents"): lambda gen, depth: gen.conversation(depth),
    ("GenerateContentRequest", "systemInstruction"): lambda gen, depth: gen.content(
        "user", ("text",), depth
    ).map(lambda c: {"parts": c["parts"]}),  # GS306
    ("GenerateContentRequest", "cachedContent"): _of(
        IDS.map(lambda i: f"cachedContents/{i}")
    ),  # GS701
    ("GenerateContentRequest", "safetySettings"): _safety_settings,
    ("Blob", "mimeType"): _of(st.sampled_from(MEDIA_TYPES["inline"])),
    ("FunctionResponseBlob", "mimeType"): _of(st.sampled_from(MEDIA_TYPES["inline"])),
    ("FileData", "mimeType"): _of(st.sampled_from(MEDIA_TYPES["file"])),
    ("FileData", "fileUri"): _of(st.sampled_from(FILE_URIS)),  # GS305
    ("FunctionCall", "name"): _of(FUNCTION_NAMES),  # GS213
    ("FunctionCall", "id"): _of(IDS),
    ("FunctionResponse", "name"): _of(FUNCTION_NAMES),
    ("FunctionDeclaration", "name"): _of(FUNCTION_NAMES),  # GS601
    ("FunctionDeclaration", "parameters"): lambda gen, depth: gen.gemini_schema(
        depth + 1, kind="OBJECT"
    ),  # GS611
    ("FunctionDeclaration", "response"): lambda gen, depth: gen.gemini_schema(depth + 1),
    ("FunctionDeclaration", "parametersJsonSchema"): _of(json_schemas()),
    ("FunctionDeclaration", "responseJsonSchema"): _of(json_schemas()),
    ("GenerationConfig", "responseSchema"): lambda gen, depth: gen.gemini_schema(depth + 1),
    ("GenerationConfig", "responseJsonSchema"): _of(json_schemas()),
    ("GenerationConfig", "_responseJsonSchema"): _of(json_schemas()),
    ("GenerationConfig", "stopSequences"): _of(
        st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=5)
    ),  # GS401, GS402
    ("GenerationConfig", "candidateCount"): _just(1),  # GS403
    ("GenerationConfig", "temperature"): _of(st.floats(0, 2)),  # GS404
    ("GenerationConfig", "topP"): _of(st.floats(0, 1)),  # GS405
    ("GenerationConfig", "topK"): _of(st.integers(1, 100)),  # GS406
    ("GenerationConfig", "maxOutputTokens"): _of(st.integers(1, 65536)),  # GS407
    ("GenerationConfig", "presencePenalty"): _of(st.floats(-2, 2, exclude_max=True)),  # GS408
    ("GenerationConfig", "frequencyPenalty"): _of(st.floats(-2, 2, exclude_max=True)),
    ("GenerationConfig", "logprobs"): _of(st.integers(0, 20)),  # GS409
    ("GenerationConfig", "seed"): _of(st.integers(-(2**31), 2**31 - 1)),
    ("GenerationConfig", "responseMimeType"): _of(
        st.sampled_from(["text/plain", "application/json"])
    ),
    ("ThinkingConfig", "thinkingBudget"): _of(
        st.one_of(st.just(-1), st.integers(0, 32768))
    ),  # GS413
    ("Candidate", "content"): _model_content,
    ("Candidate", "safetyRatings"): _safety_ratings,
    ("PromptFeedback", "safetyRatings"): _safety_ratings,
    ("GroundingSupport", "confidenceScores"): _of(
        st.lists(st.floats(0, 1), min_size=1, max_size=3)
    ),
}
"""How to generate particular fields (``(message, field)`` → override), with the rule served."""

MESSAGES: dict[str, Override] = {
    "CountTokensRequest": _count_tokens,  # contents or generateContentRequest, not both
    "Content": _content,  # parts that hold one data field each, a role (GS203, GS301)
    "Part": lambda gen, depth: gen.part(PART_DATA[:1] + PART_DATA[4:], depth),
    "Schema": lambda gen, depth: gen.gemini_schema(depth),
}
"""How to generate particular messages wherever they occur."""

FIXUPS: dict[str, Fixup] = {
    "GenerateContentRequest": _request,
    "GenerationConfig": _generation_config,
    "FunctionDeclaration": _function_declaration,
    "ToolConfig": _tool_config,
    "GenerateContentResponse": _response,
    "CitationSource": lambda gen, doc: _ordered_span(gen, doc, "CitationSource"),
    "Segment": lambda gen, doc: _ordered_span(gen, doc, "Segment"),
    "GroundingMetadata": _grounding,
    "UsageMetadata": _usage,
}
"""How to repair particular generated messages (each names the rule it serves)."""


# --- documents of each kind ------------------------------------------------------------------


@functools.cache
def schema_strategies(api_version: str, type_name: str) -> SchemaStrategies:
    """The generator of one committed schema (built once)."""
    return SchemaStrategies(api_version, type_name)


def documents(kind: str = "request", api_version: str = "v1beta") -> Strategy[Any]:
    """Valid canonical documents of ``kind``; a ``stream`` is a list of response chunks."""
    gen = schema_strategies(api_version, KINDS[kind])
    if kind != "stream":
        return gen.root()
    return st.tuples(st.lists(gen.root(), min_size=1, max_size=4), IDS).map(_stream)


def _stream(drawn: tuple[list[dict[str, Any]], str]) -> list[dict[str, Any]]:
    chunks, response_id = drawn
    last: dict[int, int] = {}
    for n, chunk in enumerate(chunks):
        if "responseId" in chunk:
            chunk["responseId"] = response_id  # GS901
        for candidate in chunk.get("candidates", ()):
            last[candidate["index"]] = n
    for n, chunk in enumerate(chunks):
        for candidate in chunk.get("candidates", ()):
            if last[candidate["index"]] != n:
                candidate.pop("finishReason", None)  # GS902
    return chunks


# --- respelling ------------------------------------------------------------------------------


def respelled(
    document: Any, kind: str = "request", api_version: str = "v1beta", *, nulls: bool = True
) -> Strategy[Any]:
    """``document`` (canonical) in a random spelling the API accepts; see the module notes."""
    wire = wire_map(api_version, KINDS[kind])

    @st.composite
    def draw_spelling(draw: st.DrawFn) -> Any:
        speller = _Speller(draw, wire, nulls)
        if kind == "stream":
            return [speller.message(chunk, wire.root_spec) for chunk in document]
        return speller.message(document, wire.root_spec)

    return draw_spelling()


class _Speller:
    def __init__(self, draw: st.DrawFn, wire: WireMap, nulls: bool) -> None:
        self.draw = draw
        self.wire = wire
        self.nulls = nulls

    def message(self, value: Any, spec: MessageSpec) -> Any:
        if not isinstance(value, dict):
            return value
        out: list[tuple[str, Any]] = []
        for key, item in value.items():
            field = spec.lookup.get(key)
            if field is None:
                out.append((key, item))
                continue
            name = self.draw(st.sampled_from(sorted({field.name, field.snake})))
            out.append((name, self.field(item, field)))
        if self.nulls:
            absent = [f for f in spec.fields.values() if f.name not in value]
            for f in self.draw(
                st.lists(st.sampled_from(absent), max_size=1) if absent else st.just([])
            ):
                out.append((f.snake, None))
        return dict(self.draw(st.permutations(out)))

    def field(self, value: Any, spec: FieldSpec) -> Any:
        if not spec.repeated or not isinstance(value, list):
            return self.element(value, spec)
        items = [self.element(item, spec) for item in value]
        single = len(value) == 1 and value[0] is not None and not isinstance(value[0], list)
        if single and self.draw(st.booleans()):
            return items[0]
        return items

    def element(self, value: Any, spec: FieldSpec) -> Any:
        holds = spec.holds
        if holds is Holds.MESSAGE:
            return self.message(value, self.wire.messages[spec.message or ""])
        if holds is Holds.MAP and spec.message and isinstance(value, dict):
            inner = self.wire.messages[spec.message]
            return {k: self.message(v, inner) for k, v in value.items()}
        if holds is Holds.ENUM and isinstance(value, str) and value in spec.enum:
            return self.draw(st.sampled_from([value, value.lower(), spec.enum.index(value)]))
        if holds is Holds.SCALAR:
            return self.scalar(value, spec)
        return value

    def scalar(self, value: Any, spec: FieldSpec) -> Any:
        if spec.scalar == "int64" and isinstance(value, str) and value.lstrip("-").isdigit():
            return self.draw(st.sampled_from([value, int(value)]))
        if (
            spec.scalar in ("integer", "number")
            and isinstance(value, int | float)
            and not isinstance(value, bool)
        ):
            return self.draw(st.sampled_from([value, repr(value)]))
        return value


# --- user data -------------------------------------------------------------------------------


def user_data(
    document: Any, kind: str = "request", api_version: str = "v1beta"
) -> list[tuple[str, Any]]:
    """Every user-data location of ``document`` (any accepted spelling), in document order:
    ``("value", v)`` for a free-form value, ``("keys", [...])`` for the keys of a map."""
    wire = wire_map(api_version, KINDS[kind])
    found: list[tuple[str, Any]] = []
    roots = document if kind == "stream" else [document]
    stack: list[tuple[Any, MessageSpec]] = [(root, wire.root_spec) for root in reversed(roots)]
    while stack:
        value, spec = stack.pop()
        if not isinstance(value, dict):
            continue
        children: list[tuple[Any, MessageSpec]] = []
        for key, item in value.items():
            field = spec.lookup.get(key)
            if field is None or item is None:
                continue
            elements = item if field.repeated and isinstance(item, list) else [item]
            for element in elements:
                if field.holds is Holds.FREE:
                    found.append(("value", element))
                elif field.holds is Holds.MAP and isinstance(element, dict):
                    found.append(("keys", list(element)))
                    if field.message:
                        inner = wire.messages[field.message]
                        children += [(v, inner) for v in element.values()]
                elif field.holds is Holds.MESSAGE:
                    children.append((element, wire.messages[field.message or ""]))
        stack.extend(reversed(children))
    return found
