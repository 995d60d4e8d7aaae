"""Near-valid documents: a valid document one mutation away from valid, and what it must yield.

Entry points
    ``near_valid(kind, api_version)``   a :class:`Mutant`: a valid canonical document from
                                        :func:`tests.strategies.documents` with exactly one thing
                                        broken, the rule code that breaks and where
    ``mutated(kind, api_version)``      a valid document with one to three mutations stacked
                                        (no expectation: food for "never raises" properties)
    ``resolve(document, pointer)``      whether an RFC 6901 pointer designates a value

Operators
    ``wrong-type``       a documented field (or one element of a repeated one) holds a JSON value
                         of a type its schema does not allow: GS103 (in an enum field, GS103 or
                         GS105: see :data:`ENUM_WRONG_TYPE_CODES`)
    ``unknown-enum-value``  an enum field holds a string that is none of its names: GS105 (an
                         error in requests, a warning in responses: a newer value)
    ``remove-required``  a field the schema marks required is removed: GS104 at its message
    ``extra-key``        an undocumented key is added to a documented message: GS101 where the
                         type is closed (requests), else the warning GS102
    ``rule:<name>``      one semantic rule is broken (:data:`SEMANTIC`), e.g. six stop sequences
                         (GS401), candidateCount 2 (GS403), a duplicate safety category (GS501),
                         two data fields in one part (GS301)

The mutations work on the canonical spelling the strategies generate (camelCase, lists as lists),
so a pointer into the mutated document is also the pointer a diagnostic must carry.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from gemschema.pointer import join, split
from gemschema.schemastore import load_schema
from gemschema.validation import KINDS
from gemschema.wire import FieldSpec, Holds, MessageSpec, WireMap, wire_map
from tests.strategies import documents

__all__ = [
    "SEMANTIC",
    "STRUCTURAL_OPERATORS",
    "Mutant",
    "is_structural",
    "locations",
    "mutated",
    "near_valid",
    "resolve",
]

Path = tuple[str | int, ...]

STRUCTURAL_OPERATORS = ("wrong-type", "unknown-enum-value", "remove-required", "extra-key")

UNKNOWN_KEY = "zzUndocumentedField"
"""A key no documented message has in any spelling (and nothing suggests a field for it)."""


def is_structural(code: str) -> bool:
    """Whether ``code`` is a parser or schema code (GS0xx, GS1xx), not a semantic rule's."""
    return code.startswith(("GS0", "GS1"))


@dataclass(frozen=True)
class Mutant:
    """A document one mutation away from a valid one, and the finding that mutation must give."""

    document: Any
    kind: str
    api_version: str
    operator: str
    codes: tuple[str, ...]
    """The code the mutation must yield (any one of them, where the rules allow two readings)."""
    pointer: str

    @property
    def structural(self) -> bool:
        """True when the broken rule is structural (a schema verdict), not semantic."""
        return all(is_structural(code) for code in self.codes)


# --- walking a document along its wire map -------------------------------------------------


@dataclass(frozen=True)
class Location:
    """A documented message in a document: its path, its type and the dict itself."""

    path: Path
    spec: MessageSpec
    value: dict[str, Any]


def locations(document: Any, kind: str, api_version: str) -> list[Location]:
    """Every documented message of a canonical ``document``, in document order."""
    wire = wire_map(api_version, KINDS[kind])
    roots: list[tuple[Path, Any]] = (
        [((i,), chunk) for i, chunk in enumerate(document)]
        if kind == "stream"
        else [((), document)]
    )
    found: list[Location] = []
    stack = [(path, value, wire.root_spec) for path, value in reversed(roots)]
    while stack:
        path, value, spec = stack.pop()
        if not isinstance(value, dict):
            continue
        found.append(Location(path, spec, value))
        children: list[tuple[Path, Any, MessageSpec]] = []
        for key, item in value.items():
            field = spec.lookup.get(key)
            if field is None or field.message is None:
                continue
            inner = wire.messages.get(field.message)
            if inner is None:
                continue
            elements = (
                list(enumerate(item))
                if field.repeated and isinstance(item, list)
                else [(None, item)]
            )
            for index, element in elements:
                at = (*path, key) if index is None else (*path, key, index)
                if field.holds is Holds.MAP and isinstance(element, dict):
                    children += [((*at, k), v, inner) for k, v in element.items()]
                elif field.holds is Holds.MESSAGE:
                    children.append((at, element, inner))
        stack.extend(reversed(children))
    return found


def _schema_node(api_version: str, kind: str, message: str, field: str) -> dict[str, Any]:
    schema = load_schema(api_version, KINDS[kind])
    node = schema if schema.get("title") == message else schema.get("$defs", {}).get(message, {})
    prop: dict[str, Any] = node.get("properties", {}).get(field, {})
    return prop


def _required(api_version: str, kind: str, message: str) -> list[str]:
    schema = load_schema(api_version, KINDS[kind])
    node = schema if schema.get("title") == message else schema.get("$defs", {}).get(message, {})
    return list(node.get("required", ()))


def _at(document: Any, path: Path) -> Any:
    node = document
    for segment in path:
        node = node[segment]
    return node


def resolve(document: Any, pointer: str) -> bool:
    """Whether the RFC 6901 ``pointer`` designates a value in ``document``."""
    node = document
    for segment in split(pointer):
        if isinstance(node, dict):
            if segment not in node:
                return False
            node = node[segment]
        elif isinstance(node, list):
            if not segment.isdigit() or (segment != "0" and segment.startswith("0")):
                return False
            index = int(segment)
            if index >= len(node):
                return False
            node = node[index]
        else:
            return False
    return True


# --- structural operators ------------------------------------------------------------------

_OBJECT = {"zz": 1}


def _wrong_values(field: FieldSpec, node: dict[str, Any], whole_list: bool) -> list[Any]:
    """JSON values that the field (one element of it, unless ``whole_list``) cannot hold, and
    that canonicalisation does not turn into something it can."""
    holds = field.holds
    typed_object = (node.get("items", node) if field.repeated else node).get("type") == "object"
    if whole_list:
        # Neither a list nor one element of one (a single element would be wrapped, as the API
        # accepts): canonicalisation leaves it for the schema.
        if holds in (Holds.MESSAGE, Holds.MAP) or (holds is Holds.FREE and typed_object):
            return ["zz", 7]
        return [] if holds is Holds.FREE else [_OBJECT]
    if holds in (Holds.MESSAGE, Holds.MAP):
        return ["zz", 7, True, ["zz"]]
    if holds is Holds.ENUM:
        return [True, _OBJECT, ["zz"]]
    if holds is Holds.FREE:
        return ["zz", 7, True, ["zz"]] if typed_object else []
    return {
        "string": [7, True, _OBJECT, ["zz"]],
        "bytes": [7, True, _OBJECT, ["zz"]],
        "integer": ["zz", True, _OBJECT, 1.5, ["zz"]],
        "number": ["zz", True, _OBJECT, ["zz"]],
        "boolean": ["true", 1, _OBJECT, ["zz"]],
        "int64": [True, _OBJECT, 1.5, ["zz"]],
    }.get(field.scalar, [])


WRONG_TYPE_CODES = ("GS103",)
ENUM_WRONG_TYPE_CODES = ("GS103", "GS105")
"""A value of the wrong JSON type in an enum field is a wrong type (GS103) or, as the enum's
schema names values rather than a type, a value that is not one of them (GS105): either is right."""


def _wrong_type_options(
    doc: Any, kind: str, version: str
) -> list[tuple[Path, list[Any], tuple[str, ...]]]:
    """(path to replace, wrong values, expected codes) for every documented field present."""
    options = []
    for loc in locations(doc, kind, version):
        for key, item in loc.value.items():
            field = loc.spec.lookup.get(key)
            if field is None:
                continue
            node = _schema_node(version, kind, loc.spec.name, key)
            codes = ENUM_WRONG_TYPE_CODES if field.holds is Holds.ENUM else WRONG_TYPE_CODES
            if field.repeated and isinstance(item, list):
                whole = _wrong_values(field, node, whole_list=True)
                if whole:
                    options.append(((*loc.path, key), whole, WRONG_TYPE_CODES))
                for i in range(len(item)):
                    values = _wrong_values(field, node, whole_list=False)
                    if values:
                        options.append(((*loc.path, key, i), values, codes))
            else:
                values = _wrong_values(field, node, whole_list=False)
                if values:
                    options.append(((*loc.path, key), values, codes))
    return options


def _enum_options(doc: Any, kind: str, version: str) -> list[Path]:
    """Paths of every enum value present (each element of a repeated enum field)."""
    paths: list[Path] = []
    for loc in locations(doc, kind, version):
        for key, item in loc.value.items():
            field = loc.spec.lookup.get(key)
            if field is None or field.holds is not Holds.ENUM:
                continue
            if field.repeated and isinstance(item, list):
                paths += [(*loc.path, key, i) for i in range(len(item))]
            else:
                paths.append((*loc.path, key))
    return paths


def _mutate_structural(draw: st.DrawFn, doc: Any, kind: str, version: str) -> Mutant | None:
    wire: WireMap = wire_map(version, KINDS[kind])
    operator = draw(st.sampled_from(STRUCTURAL_OPERATORS))
    if operator == "wrong-type":
        options = _wrong_type_options(doc, kind, version)
        if not options:
            return None
        path, values, codes = draw(st.sampled_from(options))
        _at(doc, path[:-1])[path[-1]] = copy.deepcopy(draw(st.sampled_from(values)))
        return Mutant(doc, kind, version, operator, codes, join(path))
    if operator == "unknown-enum-value":
        paths = _enum_options(doc, kind, version)
        if not paths:
            return None
        path = draw(st.sampled_from(paths))
        _at(doc, path[:-1])[path[-1]] = "ZZ_NOT_A_DOCUMENTED_VALUE"
        return Mutant(doc, kind, version, operator, ("GS105",), join(path))
    locs = locations(doc, kind, version)
    if operator == "remove-required":
        required = [
            (loc, name)
            for loc in locs
            for name in _required(version, kind, loc.spec.name)
            if name in loc.value
        ]
        if not required:
            return None
        loc, name = draw(st.sampled_from(required))
        del loc.value[name]
        return Mutant(doc, kind, version, operator, ("GS104",), join(loc.path))
    loc = draw(st.sampled_from(locs))
    loc.value[UNKNOWN_KEY] = draw(st.sampled_from(["zz", 1, True, None, {"a": [1]}]))
    code = "GS101" if wire.strict else "GS102"
    return Mutant(doc, kind, version, operator, (code,), join((*loc.path, UNKNOWN_KEY)))


# --- semantic operators --------------------------------------------------------------------

Semantic = Callable[[st.DrawFn, Any, str], "tuple[str, str] | None"]
"""Break one rule in a (deep-copied) valid document; (code, pointer), or None if not applicable."""


def _config(doc: dict[str, Any]) -> dict[str, Any]:
    config: dict[str, Any] = doc.setdefault("generationConfig", {})
    return config


def _six_stop_sequences(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    count = draw(st.integers(6, 9))
    _config(doc)["stopSequences"] = [f"stop{i}" for i in range(count)]
    return "GS401", "/generationConfig/stopSequences"


def _candidate_count(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    _config(doc)["candidateCount"] = draw(st.integers(2, 8))
    return "GS403", "/generationConfig/candidateCount"


def _temperature(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    _config(doc)["temperature"] = draw(st.one_of(st.floats(2.01, 1e6), st.floats(-1e6, -0.01)))
    return "GS404", "/generationConfig/temperature"


def _top_p(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    _config(doc)["topP"] = draw(st.one_of(st.floats(1.01, 100), st.floats(-100, -0.01)))
    return "GS405", "/generationConfig/topP"


def _top_k(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    _config(doc)["topK"] = draw(st.integers(-1000, 0))
    return "GS406", "/generationConfig/topK"


def _max_output_tokens(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    _config(doc)["maxOutputTokens"] = draw(st.integers(-1000, 0))
    return "GS407", "/generationConfig/maxOutputTokens"


def _duplicate_safety_category(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    settings: list[dict[str, Any]] = doc.setdefault("safetySettings", [])
    if not settings:
        settings.append({"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_NONE"})
    settings.append(dict(draw(st.sampled_from(settings))))
    return "GS501", f"/safetySettings/{len(settings) - 1}/category"


def _two_data_fields(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str] | None:
    parts = [
        (i, j)
        for i, turn in enumerate(doc.get("contents", ()))
        for j, _ in enumerate(turn.get("parts", ()))
    ]
    if not parts:
        return None
    i, j = draw(st.sampled_from(parts))
    part = doc["contents"][i]["parts"][j]
    if "text" in part:
        part["inlineData"] = {"mimeType": "image/png", "data": "aGk="}
    else:
        part["text"] = draw(st.text(max_size=5))
    return "GS301", f"/contents/{i}/parts/{j}"


def _empty_contents(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    doc["contents"] = []
    return "GS201", "/contents"


def _turn_without_parts(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    i = draw(st.integers(0, len(doc["contents"]) - 1))
    doc["contents"][i]["parts"] = []
    return "GS202", f"/contents/{i}/parts"


def _invalid_role(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    i = draw(st.integers(0, len(doc["contents"]) - 1))
    doc["contents"][i]["role"] = draw(st.sampled_from(["assistant", "system", "USER", "bot"]))
    return "GS203", f"/contents/{i}/role"


def _model_name(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    doc["model"] = draw(st.sampled_from(["gemini-2.5-flash", "models/", "models/a/b", "gpt-4o"]))
    return "GS703", "/model"


def _function_name(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str] | None:
    if version != "v1beta":
        return None
    tools: list[dict[str, Any]] = doc.setdefault("tools", [])
    name = draw(st.sampled_from(["get weather", "1st", "a/b", "x" * 65, ""]))
    tools.append({"functionDeclarations": [{"name": name}]})
    return "GS601", f"/tools/{len(tools) - 1}/functionDeclarations/0/name"


def _duplicate_candidate_index(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str] | None:
    candidates = doc.get("candidates")
    if not candidates:
        return None
    candidates.append(copy.deepcopy(draw(st.sampled_from(candidates))))
    return "GS801", f"/candidates/{len(candidates) - 1}/index"


def _candidate_role(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str] | None:
    with_content = [i for i, c in enumerate(doc.get("candidates", ())) if "content" in c]
    if not with_content:
        return None
    i = draw(st.sampled_from(with_content))
    doc["candidates"][i]["content"]["role"] = "user"
    return "GS802", f"/candidates/{i}/content/role"


def _negative_token_count(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str]:
    usage = doc.setdefault("usageMetadata", {})
    usage["candidatesTokenCount"] = draw(st.integers(-(2**31), -1))
    return "GS808", "/usageMetadata/candidatesTokenCount"


def _stream_response_ids(draw: st.DrawFn, doc: Any, version: str) -> tuple[str, str] | None:
    if len(doc) < 2:
        return None
    doc[0]["responseId"] = "first"
    doc[1]["responseId"] = "second"
    return "GS901", "/1/responseId"


SEMANTIC: dict[str, dict[str, Semantic]] = {
    "request": {
        "six-stop-sequences": _six_stop_sequences,
        "candidate-count": _candidate_count,
        "temperature": _temperature,
        "top-p": _top_p,
        "top-k": _top_k,
        "max-output-tokens": _max_output_tokens,
        "duplicate-safety-category": _duplicate_safety_category,
        "two-data-fields": _two_data_fields,
        "empty-contents": _empty_contents,
        "turn-without-parts": _turn_without_parts,
        "invalid-role": _invalid_role,
        "model-name": _model_name,
        "function-name": _function_name,
    },
    "response": {
        "duplicate-candidate-index": _duplicate_candidate_index,
        "candidate-role": _candidate_role,
        "negative-token-count": _negative_token_count,
    },
    "stream": {"response-id-mismatch": _stream_response_ids},
}
"""Semantic mutations by document kind: each breaks one rule of :mod:`gemschema.rules`."""


# --- strategies ----------------------------------------------------------------------------


def _mutate(draw: st.DrawFn, doc: Any, kind: str, version: str, semantic: bool) -> Mutant | None:
    rules = SEMANTIC.get(kind, {})
    if semantic and rules:
        name = draw(st.sampled_from(sorted(rules)))
        found = rules[name](draw, doc, version)
        if found is None:
            return None
        code, pointer = found
        return Mutant(doc, kind, version, f"rule:{name}", (code,), pointer)
    return _mutate_structural(draw, doc, kind, version)


def near_valid(
    kind: str = "request", api_version: str = "v1beta", *, semantic: bool | None = None
) -> st.SearchStrategy[Mutant]:
    """A valid canonical document of ``kind`` with exactly one mutation.

    ``semantic`` picks semantic rule mutations (True), structural ones (False) or either (None);
    kinds without semantic mutations always get structural ones.
    """

    @st.composite
    def draw_mutant(draw: st.DrawFn) -> Mutant:
        doc = copy.deepcopy(draw(documents(kind, api_version)))
        wants = draw(st.booleans()) if semantic is None else semantic
        mutant = _mutate(draw, doc, kind, api_version, wants)
        if mutant is None:
            mutant = _mutate(draw, doc, kind, api_version, semantic=False)
        assume(mutant is not None)
        assert mutant is not None
        return mutant

    return draw_mutant()


def mutated(kind: str = "request", api_version: str = "v1beta") -> st.SearchStrategy[Any]:
    """A valid document of ``kind`` with one to three mutations of any sort stacked."""

    @st.composite
    def draw_mutated(draw: st.DrawFn) -> Any:
        doc = copy.deepcopy(draw(documents(kind, api_version)))
        for _ in range(draw(st.integers(1, 3))):
            try:
                _mutate(draw, doc, kind, api_version, draw(st.booleans()))
            except (KeyError, IndexError, TypeError, AttributeError, ValueError):
                break  # an earlier mutation changed the shape this one expected
        return doc

    return draw_mutated()
