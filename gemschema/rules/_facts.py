"""The facts of one document, gathered once per run for every rule to read.

:func:`~gemschema.rules.engine.run_rules` makes one :class:`Facts` per document. Each *section*
(``conversation``, ``parts``, ``config``, ``safety``, ``tools``, ``resources``, ``response``) is
built on first use, in one pass over its part of the document, and then read by every rule of
its area instead of each rule walking the document again. A section holds

- the items its rules iterate, with their paths (turns and their sides, function calls and
  responses, safety settings, function declarations and names), and
- *subjects*: for each rule, the items (or a flag) that rule could possibly report on (the parts
  and the Schema nodes a rule needs to look at, with their paths). A subject
  is a necessary condition, never a verdict: the rule still applies its own exact condition to
  every item, so a subject may hold more than the rule reports, but never less. The engine skips
  a rule whose subject is empty, and a whole section when ``live`` is false (no subject set).

Subjects are deliberately generous where the exact condition depends on the settings (limits)
or needs the rule's own message logic. The tests check that the engine gives exactly the
findings of running every rule over every item (``tests/test_rules.py``).

Every builder accepts any JSON value, guards every type, and walks iteratively.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

import orjson

from gemschema.profiles import Limits
from gemschema.rules._walk import (
    DATA_FIELDS,
    PALM_CATEGORIES,
    USER_SIDE_ROLES,
    Path,
    as_float,
    obj,
)

if TYPE_CHECKING:
    from collections.abc import Callable

_T = TypeVar("_T")

DEFAULT_LIMITS = Limits()

Entry = tuple[Path, dict[str, Any]]
"""An item of the document with its path: ``(("contents", 0, "parts", 1), part)``."""


class _section(Generic[_T]):
    """A lazily built section: computed on first access, then a plain instance attribute."""

    def __init__(self, build: Callable[[Facts], _T]) -> None:
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    @overload
    def __get__(self, facts: None, owner: type[Facts]) -> _section[_T]: ...
    @overload
    def __get__(self, facts: Facts, owner: type[Facts]) -> _T: ...
    def __get__(self, facts: Facts | None, owner: type[Facts]) -> _section[_T] | _T:
        if facts is None:
            return self
        value = self.build(facts)
        facts.__dict__[self.name] = value  # shadows this non-data descriptor from now on
        return value


class Facts:
    """The facts of ``doc`` (a canonical document of ``kind``) that the rules read.

    Build one per document and run; sections are computed at most once, on first use.
    """

    def __init__(self, doc: Any, kind: str, limits: Limits = DEFAULT_LIMITS) -> None:
        self.doc = doc
        self.kind = kind
        self.limits = limits
        self.document: dict[str, Any] = doc if isinstance(doc, dict) else {}

    @_section
    def conversation(self) -> Conversation:
        """``contents`` (and ``systemInstruction``) of a request: turns, roles and parts."""
        return Conversation(self.document)

    @_section
    def parts(self) -> PartFacts:
        """The parts of a request (``contents`` and ``systemInstruction``) or of a response."""
        if self.kind == "response":
            return self.response.parts
        return self.conversation.parts

    # A section with nothing to look at is a shared empty instance: sections are read-only.

    @_section
    def config(self) -> ConfigFacts:
        """``generationConfig`` of a request."""
        gc = self.document.get("generationConfig")
        if not isinstance(gc, dict) or not gc:
            return _NO_CONFIG
        return ConfigFacts(self.document, self.limits)

    @_section
    def safety(self) -> SafetyFacts:
        """``safetySettings`` of a request."""
        found = self.document.get("safetySettings")
        return SafetyFacts(self.document) if isinstance(found, list) and found else _NO_SAFETY

    @_section
    def tools(self) -> ToolFacts:
        """Function declarations, every Gemini ``Schema`` node, and ``toolConfig``."""
        document = self.document
        gc = document.get("generationConfig")
        if (
            document.get("tools") is None
            and document.get("toolConfig") is None
            and (not isinstance(gc, dict) or gc.get("responseSchema") is None)
        ):
            return _NO_TOOLS
        return tool_facts(document, self.limits.function_name_max_length)

    @_section
    def resources(self) -> ResourceFacts:
        """The resource names of a request: ``cachedContent`` and ``model``."""
        return ResourceFacts(self.document)

    @_section
    def response(self) -> ResponseFacts:
        """Candidates, their parts, ratings, citations, grounding and usage of a response."""
        return ResponseFacts(self.document)


# --- parts ------------------------------------------------------------------------------------

CALL = 1
"""A part holds a ``functionCall`` object."""
ANSWER = 2
"""A part holds a ``functionResponse`` object."""

_DATA = frozenset(DATA_FIELDS)


class PartFacts:
    """Subjects of the part rules (GS3xx); a plain text part (``{"text": …}``) is in none."""

    SUBJECTS = ("oneof", "media", "files", "video")
    """The subject lists; each is in document order."""
    FLAGS = ("system_media", "live")

    system_media = False
    """``systemInstruction`` holds a part with a data field other than text (GS306)."""
    live = False

    def __init__(self) -> None:
        self.oneof: list[Entry] = []
        """Parts with no data field or more than one (GS301)."""
        self.media: list[Entry] = []
        """Parts with ``inlineData`` or ``fileData``, or a ``functionResponse`` with parts (GS302-304)."""
        self.files: list[Entry] = []
        """Parts with ``fileData`` (GS305)."""
        self.video: list[Entry] = []
        """Parts with ``videoMetadata`` (GS307)."""

    def add(self, path: Path, part: dict[str, Any]) -> int:
        """Sort ``part`` into the subjects; ``CALL`` and ``ANSWER`` bits for what it holds."""
        fields = bits = 0
        media = files = video = False
        for key, value in part.items():  # one pass over the (few) keys, no lookups
            if value is None:
                continue
            if key in _DATA:
                fields += 1
                if type(value) is not dict and not isinstance(value, dict):
                    continue
                if key == "functionCall":
                    bits |= CALL
                elif key == "functionResponse":
                    bits |= ANSWER
                    if isinstance(value.get("parts"), list):
                        media = True
                elif key == "inlineData":
                    media = True
                elif key == "fileData":
                    media = files = True
            elif key == "videoMetadata":
                video = True
        if fields != 1 or media or video:
            entry = (path, part)
            self.live = True
            if fields != 1:
                self.oneof.append(entry)
            if media:
                self.media.append(entry)
            if files:
                self.files.append(entry)
            if video:
                self.video.append(entry)
        return bits


def _plain_text(part: Any) -> bool:
    """A part that is exactly ``{"text": <not null>}``: in no part subject, holds no call."""
    return type(part) is dict and len(part) == 1 and part.get("text") is not None


# --- the conversation -------------------------------------------------------------------------


class Conversation:
    """The turns of ``contents``, their sides, and the subjects of the conversation rules."""

    FLAGS = (
        "empty",
        "partless",
        "odd_roles",
        "order_broken",
        "call_turns",
        "answer_turns",
        "function_parts",
        "live",
    )

    empty = False
    """``contents`` is an empty list (GS201)."""
    partless = False
    """A turn has no ``parts`` or an empty list (GS202)."""
    odd_roles = False
    """A role other than ``user`` or ``model``: another string, a non-string, or unset in a
    conversation of several turns (GS203-205)."""
    order_broken = False
    """Two same-side turns in a row, or a model turn first or last (GS206-208)."""
    call_turns = False
    """A model turn holds function calls (GS209-211, GS214)."""
    answer_turns = False
    """A user-side turn holds function responses (GS212)."""
    function_parts = False
    """Any turn holds a function call or response (GS213)."""
    live = False

    def __init__(self, document: dict[str, Any]) -> None:
        self.turns: list[tuple[int, dict[str, Any]]] = []
        """``(index, Content)`` for every object in ``contents``."""
        self.sides: list[str | None] = []
        """The side of each turn: ``user``, ``model``, or None for an unknown role."""
        self.calls: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        """Turn position (in :attr:`turns`) → ``(part index, functionCall)`` of each call part,
        for the turns that hold any, in order (any side; GS614 reads it as a subject)."""
        self.answers: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        """Turn position → ``(part index, functionResponse)``, likewise."""
        self.parts = parts = PartFacts()
        contents = document.get("contents")
        if isinstance(contents, list):
            self._turns(contents, parts)
        system = document.get("systemInstruction")
        if isinstance(system, dict):
            self._system(system, parts)
        self.live = (
            self.empty
            or self.partless
            or self.odd_roles
            or self.order_broken
            or self.function_parts
        )

    def _turns(self, contents: list[Any], parts: PartFacts) -> None:
        if not contents:
            self.empty = True
            return
        turns, sides = self.turns, self.sides
        unset = other = partless = order_broken = False
        previous: str | None = None
        for i, content in enumerate(contents):
            if not isinstance(content, dict):
                continue
            role = content.get("role", "")
            side: str | None
            if role == "user" or role == "model":  # noqa: PLR1714  (a set: a list role raises)
                side = role
            elif role is None or role == "":
                unset, side = True, "user"
            else:
                other = True
                side = "user" if isinstance(role, str) and role in USER_SIDE_ROLES else None
            if side == previous and side is not None:
                order_broken = True
            previous = side
            turns.append((i, content))
            sides.append(side)
            turn_parts = content.get("parts")
            if isinstance(turn_parts, list):
                if not turn_parts:
                    partless = True
                for part in turn_parts:
                    # plain text parts ({"text": …}, the vast majority) are in no subject
                    if type(part) is dict and len(part) == 1 and part.get("text") is not None:
                        continue
                    self._parts(len(turns) - 1, i, side, turn_parts, parts)
                    break
            elif turn_parts is None:
                partless = True
        if sides and (sides[0] == "model" or sides[-1] == "model"):
            order_broken = True
        self.odd_roles = other or (unset and len(turns) > 1)
        self.partless, self.order_broken = partless, order_broken
        self.function_parts = bool(self.calls or self.answers)

    def _parts(
        self, n: int, i: int, side: str | None, turn_parts: list[Any], parts: PartFacts
    ) -> None:
        """The parts of turn ``n`` (``contents[i]``), one of which is not plain text."""
        for j, part in enumerate(turn_parts):
            if not isinstance(part, dict) or (
                type(part) is dict and len(part) == 1 and part.get("text") is not None
            ):
                continue
            found = parts.add(("contents", i, "parts", j), part)
            if found & CALL:
                self.calls.setdefault(n, []).append((j, part["functionCall"]))
                if side == "model":
                    self.call_turns = True
            if found & ANSWER:
                self.answers.setdefault(n, []).append((j, part["functionResponse"]))
                if side == "user":
                    self.answer_turns = True

    @staticmethod
    def _system(system: dict[str, Any], parts: PartFacts) -> None:
        system_parts = system.get("parts")
        if not isinstance(system_parts, list):
            return
        for j, part in enumerate(system_parts):
            if _plain_text(part) or not isinstance(part, dict):
                continue
            parts.add(("systemInstruction", "parts", j), part)
            if any(part.get(f) is not None for f in DATA_FIELDS if f != "text"):
                parts.system_media = parts.live = True


# --- generationConfig and safetySettings ------------------------------------------------------

_CONFIG_SUBJECTS = {
    "stopSequences": "stop_sequences",
    "candidateCount": "candidate_count",
    "temperature": "temperature",
    "topP": "top_p",
    "topK": "top_k",
    "maxOutputTokens": "max_output_tokens",
    "presencePenalty": "penalties",
    "frequencyPenalty": "penalties",
    "logprobs": "logprobs",
    "responseSchema": "response_schema",
    "responseJsonSchema": "response_schema",
    "_responseJsonSchema": "response_schema",
    "thinkingConfig": "thinking",
    "speechConfig": "speech",
}
"""The ``generationConfig`` fields the GS4xx rules read, and the subject each one sets."""

_UNBOUNDED = float("inf")


def quiet_ranges(limits: Limits) -> dict[str, tuple[float, float]]:
    """The closed range of each numeric ``generationConfig`` field (for ``stopSequences``: of
    its length) in which no GS4xx rule reports anything under ``limits``."""
    known = _QUIET.get(id(limits))
    if known is not None and known[0] is limits:  # by identity: hashing Limits costs more
        return known[1]
    ranges = {
        "stopSequences": (1, limits.stop_sequences_max),
        "candidateCount": (1, limits.candidate_count_max),
        "temperature": (limits.temperature_min, limits.temperature_max),
        "topP": (0.0, limits.top_p_max),
        "topK": (1, _UNBOUNDED),
        "maxOutputTokens": (1, _UNBOUNDED),
    }
    if len(_QUIET) >= 64:
        _QUIET.clear()
    _QUIET[id(limits)] = (limits, ranges)  # holding limits keeps its id from being reused
    return ranges


_QUIET: dict[int, tuple[Limits, dict[str, tuple[float, float]]]] = {}


class ConfigFacts:
    """``generationConfig``, and which of the fields the GS4xx rules read are set (not null)
    and, for those with a :func:`quiet_ranges` entry, a value outside it or not a number."""

    FLAGS = (*sorted(set(_CONFIG_SUBJECTS.values())), "empty_stop", "live")

    stop_sequences = candidate_count = temperature = top_p = top_k = max_output_tokens = False
    penalties = logprobs = response_schema = thinking = speech = False
    empty_stop = False
    """``stopSequences`` is a list holding the empty string (GS402)."""
    live = False

    def __init__(self, document: dict[str, Any], limits: Limits = DEFAULT_LIMITS) -> None:
        self.gc: dict[str, Any] = obj(document.get("generationConfig"))
        quiet = quiet_ranges(limits)
        for key, value in self.gc.items():
            if value is None:
                continue
            subject = _CONFIG_SUBJECTS.get(key)
            if subject is None:
                continue
            bounds = quiet.get(key)
            if bounds is not None:
                kind = type(value)
                number = len(value) if kind is list else value
                if (kind is list or kind is int or kind is float) and (
                    bounds[0] <= number <= bounds[1]
                ):
                    continue
            setattr(self, subject, True)
            self.live = True
        stops = self.gc.get("stopSequences")
        if isinstance(stops, list) and "" in stops:
            self.empty_stop = self.live = True


_PALM_OR_UNSPECIFIED = PALM_CATEGORIES | {"HARM_CATEGORY_UNSPECIFIED"}


class SafetyFacts:
    """``safetySettings``: the setting objects, and the subjects of GS501-503."""

    FLAGS = ("duplicates", "foreign", "unspecified", "live")

    duplicates = False
    """Two settings name the same category (GS501)."""
    foreign = False
    """A setting names a PaLM-era category or HARM_CATEGORY_UNSPECIFIED (GS502)."""
    unspecified = False
    """A setting's threshold is HARM_BLOCK_THRESHOLD_UNSPECIFIED (GS503)."""
    live = False

    def __init__(self, document: dict[str, Any]) -> None:
        self.settings: list[tuple[int, dict[str, Any]]] = []
        raw = document.get("safetySettings")
        if not isinstance(raw, list):
            return
        seen: set[str] = set()
        for k, setting in enumerate(raw):
            if not isinstance(setting, dict):
                continue
            self.settings.append((k, setting))
            category = setting.get("category")
            if isinstance(category, str):
                if category in seen:
                    self.duplicates = True
                seen.add(category)
                if category in _PALM_OR_UNSPECIFIED:
                    self.foreign = True
            if setting.get("threshold") == "HARM_BLOCK_THRESHOLD_UNSPECIFIED":
                self.unspecified = True
        self.live = self.duplicates or self.foreign or self.unspecified


# --- tools and the Gemini Schema ---------------------------------------------------------------

TYPE_KEYWORDS = {
    "ARRAY": ("items", "minItems", "maxItems"),
    "OBJECT": ("properties", "required", "minProperties", "maxProperties", "propertyOrdering"),
    "STRING": ("minLength", "maxLength", "pattern"),
    "NUMBER": ("minimum", "maximum"),
    "INTEGER": ("minimum", "maximum"),
}
"""The Schema keywords each type takes."""

KEYWORD_OWNERS = {
    keyword: "INTEGER or NUMBER" if owner in ("NUMBER", "INTEGER") else owner
    for owner, keywords in TYPE_KEYWORDS.items()
    for keyword in keywords
}
"""Each type-specific keyword and the type(s) it applies to."""

_FOREIGN_KEYWORDS = {
    kind: frozenset(KEYWORD_OWNERS) - frozenset(keywords)
    for kind, keywords in TYPE_KEYWORDS.items()
}
_ALL_KEYWORDS = frozenset(KEYWORD_OWNERS)

BOUND_PAIRS = (
    ("minItems", "maxItems"),
    ("minProperties", "maxProperties"),
    ("minLength", "maxLength"),
    ("minimum", "maximum"),
)
"""Lower and upper bounds of a Schema that must not be inverted."""
_LOWER_BOUNDS = frozenset(low for low, _ in BOUND_PAIRS)
_STRUCTURE_KEYWORDS = _ALL_KEYWORDS | {"anyOf"}
"""A node without any of these has no children and no type-specific keyword."""
_OWN_BOUNDS = {
    kind: next(pair for pair in BOUND_PAIRS if pair[0] in keywords)
    for kind, keywords in TYPE_KEYWORDS.items()
}
"""The bound pair among each type's own keywords."""
_NOT_OWN = {
    kind: (_STRUCTURE_KEYWORDS | {"enum"})
    - set(keywords)
    - ({"enum"} if kind == "STRING" else set())
    for kind, keywords in TYPE_KEYWORDS.items()
} | {"BOOLEAN": _STRUCTURE_KEYWORDS | {"enum"}}
"""Per type, the keywords that would need a closer look: another type's, anyOf, and enum
(except on STRING). A node of the type with none of them takes the quick path."""
_NOT_OWN_STRING = _NOT_OWN["STRING"]
_NOTHING = frozenset({"type"})
"""For a type string :data:`_NOT_OWN` lacks: every node has ``type``, so never the quick path."""


FUNCTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.:-]*\Z")
"""The documented characters of a function name (its length is a profile limit)."""

_Link = tuple[Any, Path]
"""A node's path as a chain: ``(parent link or None, the segments below the parent)``."""
_ITEMS: Path = ("items",)


def _path(link: _Link | None) -> Path:
    """The path a link chain spells, from the root down."""
    pieces: list[Path] = []
    while link is not None:
        link, segments = link
        pieces.append(segments)
    return tuple(segment for segments in reversed(pieces) for segment in segments)


class ToolFacts:
    """Function declarations, the Gemini Schema nodes the GS6xx rules must look at, and
    ``toolConfig``. Schemas are walked depth first and iteratively (no recursion limit)."""

    SUBJECTS = (
        "untyped",
        "undefined_required",
        "foreign_enum",
        "bare_arrays",
        "bare_objects",
        "foreign_keywords",
        "inverted_bounds",
    )
    """Subject lists of schema nodes, each in walk order: depth first (properties, items, anyOf),
    the roots in document order (parameters and response of each declaration, then
    ``generationConfig.responseSchema``)."""
    DECL_SUBJECTS = ("bad_names",)
    """Subject lists of declarations, in document order."""
    FLAGS = ("duplicates", "dual_schema", "non_object_parameters", "allowed_names", "live")

    duplicates = False
    """Two declarations share a name (GS602)."""
    dual_schema = False
    """A declaration sets a Schema and its JSON Schema alternative (GS603)."""
    non_object_parameters = False
    """A declaration's ``parameters`` is typed, but not OBJECT (GS611)."""
    allowed_names = False
    """``toolConfig.functionCallingConfig.allowedFunctionNames`` is a non-empty list (GS612-613)."""
    live = False

    def __init__(
        self,
        document: dict[str, Any],
        name_limit: int = DEFAULT_LIMITS.function_name_max_length,
    ) -> None:
        self.decls: list[Entry] = []
        """``(path, FunctionDeclaration)`` across every tool."""
        self.bad_names: list[Entry] = []
        """Declarations whose name breaks :data:`FUNCTION_NAME` or ``name_limit`` (GS601)."""
        self.names: set[str] = set()
        """Every declared function name."""
        self.untyped: list[Entry] = []
        """No type and no anyOf, or TYPE_UNSPECIFIED (GS604)."""
        self.undefined_required: list[Entry] = []
        """``required`` names a property ``properties`` lacks (GS605)."""
        self.foreign_enum: list[Entry] = []
        """``enum`` on a type other than STRING (GS606)."""
        self.bare_arrays: list[Entry] = []
        """ARRAY without items (GS607)."""
        self.bare_objects: list[Entry] = []
        """OBJECT without properties or anyOf (GS608)."""
        self.foreign_keywords: list[Entry] = []
        """A keyword of another type is present (GS609)."""
        self.inverted_bounds: list[Entry] = []
        """A lower bound above its upper bound (GS610)."""
        roots: list[Entry] = []
        tools = document.get("tools")
        if isinstance(tools, list):
            self._declarations(tools, roots, name_limit)
        gc = document.get("generationConfig")
        if isinstance(gc, dict):
            schema = gc.get("responseSchema")
            if isinstance(schema, dict):
                roots.append((("generationConfig", "responseSchema"), schema))
        if roots:
            self._schemas(roots)
        tool_config = document.get("toolConfig")
        if isinstance(tool_config, dict):
            calling = tool_config.get("functionCallingConfig")
            if isinstance(calling, dict):
                allowed = calling.get("allowedFunctionNames")
                self.allowed_names = isinstance(allowed, list) and bool(allowed)
        self.live = bool(
            self.bad_names
            or self.duplicates
            or self.dual_schema
            or self.non_object_parameters
            or self.allowed_names
            or self.untyped
            or self.undefined_required
            or self.foreign_enum
            or self.bare_arrays
            or self.bare_objects
            or self.foreign_keywords
            or self.inverted_bounds
        )

    def _declarations(self, tools: list[Any], roots: list[Entry], name_limit: int) -> None:
        names = self.names
        for t, tool in enumerate(tools):
            declarations = tool.get("functionDeclarations") if isinstance(tool, dict) else None
            if not isinstance(declarations, list):
                continue
            for f, decl in enumerate(declarations):
                if not isinstance(decl, dict):
                    continue
                path: Path = ("tools", t, "functionDeclarations", f)
                self.decls.append((path, decl))
                name = decl.get("name")
                if isinstance(name, str):
                    if name and name in names:
                        self.duplicates = True
                    names.add(name)
                    if len(name) > name_limit or not FUNCTION_NAME.match(name):
                        self.bad_names.append((path, decl))
                parameters, response = decl.get("parameters"), decl.get("response")
                if (parameters is not None and decl.get("parametersJsonSchema") is not None) or (
                    response is not None and decl.get("responseJsonSchema") is not None
                ):
                    self.dual_schema = True
                if isinstance(parameters, dict):
                    roots.append(((*path, "parameters"), parameters))
                    kind = parameters.get("type")
                    if isinstance(kind, str) and kind not in ("OBJECT", "TYPE_UNSPECIFIED"):
                        self.non_object_parameters = True
                if isinstance(response, dict):
                    roots.append(((*path, "response"), response))

    def _schemas(self, roots: list[Entry]) -> None:
        """Walk every Schema depth first, iteratively, sorting nodes into the subjects.

        The stack holds each node with a *link* to its path, ``(parent link, segments)``: O(1)
        per node however deep the schema; a path is spelled out only for a node in a subject.
        """
        untyped, foreign_keywords = self.untyped, self.foreign_keywords
        stack: list[tuple[_Link, dict[str, Any]]] = [((None, path), node) for path, node in roots]
        stack.reverse()
        pop, push = stack.pop, stack.append
        while stack:
            link, node = pop()
            raw_type = node.get("type")
            if type(raw_type) is str and _NOT_OWN.get(raw_type, _NOTHING).isdisjoint(node):
                # The quick path: a documented type with only its own keywords (no other
                # type's, no anyOf, no enum except on STRING), so only its own checks apply.
                if raw_type == "STRING":  # the most common node: checked first, inline
                    if "minLength" in node and "maxLength" in node:
                        low, high = as_float(node.get("minLength")), as_float(node.get("maxLength"))
                        if low is not None and high is not None and low > high:
                            self.inverted_bounds.append((_path(link), node))
                    continue
                if raw_type == "OBJECT":
                    properties = node.get("properties")
                    required = node.get("required")
                    if isinstance(properties, dict) and properties:
                        if required and isinstance(required, list):
                            for name in required:
                                if isinstance(name, str) and name not in properties:
                                    self.undefined_required.append((_path(link), node))
                                    break
                        for name, sub in reversed(properties.items()):
                            if not isinstance(sub, dict) or (
                                # a plain STRING property would only come back to "continue"
                                sub.get("type") == "STRING"
                                and _NOT_OWN_STRING.isdisjoint(sub)
                                and not ("minLength" in sub and "maxLength" in sub)
                            ):
                                continue
                            push(((link, ("properties", name)), sub))
                    else:
                        self.bare_objects.append((_path(link), node))
                        if isinstance(required, list) and any(
                            isinstance(name, str) for name in required
                        ):
                            self.undefined_required.append((_path(link), node))
                elif raw_type == "ARRAY":
                    items = node.get("items")
                    if items is None:
                        self.bare_arrays.append((_path(link), node))
                    elif isinstance(items, dict):
                        push(((link, _ITEMS), items))
                elif raw_type == "BOOLEAN":
                    continue
                low_key, high_key = _OWN_BOUNDS[raw_type]
                low = node.get(low_key)
                if low is not None:
                    high = node.get(high_key)
                    if high is not None:
                        low, high = as_float(low), as_float(high)
                        if low is not None and high is not None and low > high:
                            self.inverted_bounds.append((_path(link), node))
                continue
            get = node.get
            if _STRUCTURE_KEYWORDS.isdisjoint(node):
                # the common leaf: no children, no type keywords (so no bounds), no anyOf
                if raw_type is None or raw_type == "TYPE_UNSPECIFIED":
                    untyped.append((_path(link), node))
                elif raw_type == "STRING" or not isinstance(raw_type, str):
                    continue
                else:
                    if raw_type == "OBJECT":
                        self.bare_objects.append((_path(link), node))
                    elif raw_type == "ARRAY":
                        self.bare_arrays.append((_path(link), node))
                    if get("enum") is not None:
                        self.foreign_enum.append((_path(link), node))
                continue
            properties, items, any_of = get("properties"), get("items"), get("anyOf")
            if raw_type is None:
                if any_of is None:
                    untyped.append((_path(link), node))
            elif raw_type == "TYPE_UNSPECIFIED":
                untyped.append((_path(link), node))
            elif isinstance(raw_type, str):
                if raw_type == "OBJECT":
                    if any_of is None and not (isinstance(properties, dict) and properties):
                        self.bare_objects.append((_path(link), node))
                elif raw_type == "ARRAY" and items is None:
                    self.bare_arrays.append((_path(link), node))
                if raw_type != "STRING" and get("enum") is not None:
                    self.foreign_enum.append((_path(link), node))
                if not _FOREIGN_KEYWORDS.get(raw_type, _ALL_KEYWORDS).isdisjoint(node):
                    foreign_keywords.append((_path(link), node))
            required = get("required")
            if required and isinstance(required, list):
                defined = properties if isinstance(properties, dict) else {}
                for name in required:
                    if isinstance(name, str) and name not in defined:
                        self.undefined_required.append((_path(link), node))
                        break
            if not _LOWER_BOUNDS.isdisjoint(node):
                for low_key, high_key in BOUND_PAIRS:
                    low, high = get(low_key), get(high_key)
                    if low is None or high is None:
                        continue
                    low, high = as_float(low), as_float(high)
                    if low is not None and high is not None and low > high:
                        self.inverted_bounds.append((_path(link), node))
                        break
            # children, pushed last first: properties in order, then items, then anyOf
            if isinstance(any_of, list):
                for k in range(len(any_of) - 1, -1, -1):
                    sub = any_of[k]
                    if isinstance(sub, dict):
                        push(((link, ("anyOf", k)), sub))
            if isinstance(items, dict):
                push(((link, _ITEMS), items))
            if isinstance(properties, dict):
                for name, sub in reversed(properties.items()):
                    if isinstance(sub, dict):
                        push(((link, ("properties", name)), sub))


TOOLS_MEMO_SIZE = 64
"""How many distinct tool sets :func:`tool_facts` remembers (and how many first sightings)."""
TOOLS_MEMO_MAX_BYTES = 64 * 1024
"""The largest tool set (``tools``, ``toolConfig`` and ``responseSchema`` as compact JSON)
:func:`tool_facts` remembers: the memo holds at most 64 such texts, parsed."""


def tool_facts(
    document: dict[str, Any], name_limit: int = DEFAULT_LIMITS.function_name_max_length
) -> ToolFacts:
    """:class:`ToolFacts` of ``document``, remembered by content.

    A gateway sees the same tools on every turn of a conversation, and their Schema walk is the
    costliest section of a typical request. A tool set up to :data:`TOOLS_MEMO_MAX_BYTES` seen a
    second time has its facts built from a private copy (so no later change to the caller's
    document can alter them) and reused for every document with the same JSON text.
    """
    gc = document.get("generationConfig")
    schema = gc.get("responseSchema", False) if isinstance(gc, dict) else False
    try:  # false for an absent field: ToolFacts reads either as "not an object"
        key = orjson.dumps(
            [document.get("tools", False), document.get("toolConfig", False), schema]
        )
    except orjson.JSONEncodeError:  # a lone surrogate, an int beyond 64 bits, deep nesting
        return ToolFacts(document, name_limit)
    # orjson writes NaN and ±Infinity as null: a text with null may not spell its document
    if len(key) > TOOLS_MEMO_MAX_BYTES or b"null" in key:
        return ToolFacts(document, name_limit)
    return TOOLS_MEMO.get((key, name_limit), document)


_MemoKey = tuple[bytes, int]
"""A tool set as compact JSON text, and the function name length limit."""


class ToolFactsMemo:
    """Facts of the tool sets seen at least twice, by their JSON text; thread-safe.

    A first sighting is only noted (its facts are built from the document, without a copy), so
    one-off tool sets cost no copy and never push a recurring one out. Both stores hold at most
    ``size`` entries and drop the oldest first.
    """

    def __init__(self, size: int = TOOLS_MEMO_SIZE) -> None:
        self.size = size
        self._facts: dict[_MemoKey, ToolFacts] = {}
        self._seen: dict[_MemoKey, None] = {}
        self._lock = threading.Lock()

    def get(self, key: _MemoKey, document: dict[str, Any]) -> ToolFacts:
        """The facts of the tool set ``key`` spells (``document`` holds it), with its name limit."""
        facts = self._facts.get(key)
        if facts is not None:
            return facts
        with self._lock:
            first = self._seen.pop(key, False) is False
            if first:
                self._put(self._seen, key, None)
        text, name_limit = key
        if first:
            return ToolFacts(document, name_limit)
        tools, tool_config, schema = orjson.loads(text)
        copy = {
            "tools": tools,
            "toolConfig": tool_config,
            "generationConfig": {"responseSchema": schema},
        }
        facts = ToolFacts(copy, name_limit)
        with self._lock:
            self._put(self._facts, key, facts)
        return facts

    def __len__(self) -> int:
        return len(self._facts)

    def clear(self) -> None:
        """Forget every tool set."""
        with self._lock:
            self._facts.clear()
            self._seen.clear()

    def _put(self, store: dict[_MemoKey, Any], key: _MemoKey, value: Any) -> None:
        if len(store) >= self.size:
            del store[next(iter(store))]
        store[key] = value


TOOLS_MEMO = ToolFactsMemo()
"""The process-wide memo :func:`tool_facts` uses."""


# --- resource names ---------------------------------------------------------------------------


class ResourceFacts:
    """Whether a request names a cache or a model (GS701-703)."""

    FLAGS = ("cached_content", "model", "live")

    def __init__(self, document: dict[str, Any]) -> None:
        self.cached_content = document.get("cachedContent") is not None
        self.model = document.get("model") is not None
        self.live = self.cached_content or self.model


# --- responses --------------------------------------------------------------------------------


class ResponseFacts:
    """Candidates of a response, their parts, and the subjects of the GS8xx rules."""

    FLAGS = (
        "several",
        "odd_roles",
        "ratings",
        "blocked",
        "segments",
        "grounding",
        "usage",
        "live",
    )

    several = False
    """More than one candidate (GS801)."""
    odd_roles = False
    """A candidate's content has a role other than ``model`` or empty (GS802)."""
    ratings = False
    """A list of safety ratings has more than one entry (GS803)."""
    blocked = False
    """``promptFeedback.blockReason`` is set (GS804)."""
    segments = False
    """A candidate has citation or grounding metadata (GS805)."""
    grounding = False
    """A candidate has grounding supports (GS806-807)."""
    usage = False
    """``usageMetadata`` is set, or a candidate has a token count (GS808-809)."""
    live = False

    def __init__(self, document: dict[str, Any]) -> None:
        self.candidates: list[tuple[int, dict[str, Any]]] = []
        self.parts = parts = PartFacts()
        raw = document.get("candidates")
        if isinstance(raw, list):
            for i, candidate in enumerate(raw):
                if isinstance(candidate, dict):
                    self.candidates.append((i, candidate))
                    self._candidate(i, candidate, parts)
        self.several = len(self.candidates) > 1
        feedback = document.get("promptFeedback")
        if isinstance(feedback, dict):
            self.blocked = feedback.get("blockReason") is not None
            ratings = feedback.get("safetyRatings")
            if isinstance(ratings, list) and len(ratings) > 1:
                self.ratings = True
        if document.get("usageMetadata") is not None:
            self.usage = True
        self.live = (
            self.several
            or self.odd_roles
            or self.ratings
            or self.blocked
            or self.segments
            or self.usage
            or parts.live
        )

    def _candidate(self, i: int, candidate: dict[str, Any], parts: PartFacts) -> None:
        content = candidate.get("content")
        if isinstance(content, dict):
            role = content.get("role")
            if isinstance(role, str) and role not in ("model", ""):
                self.odd_roles = True
            candidate_parts = content.get("parts")
            if isinstance(candidate_parts, list):
                for j, part in enumerate(candidate_parts):
                    if not _plain_text(part) and isinstance(part, dict):
                        parts.add(("candidates", i, "content", "parts", j), part)
        ratings = candidate.get("safetyRatings")
        if isinstance(ratings, list) and len(ratings) > 1:
            self.ratings = True
        if candidate.get("citationMetadata") is not None:
            self.segments = True
        grounding = candidate.get("groundingMetadata")
        if grounding is not None:
            self.segments = True
            if isinstance(grounding, dict) and grounding.get("groundingSupports") is not None:
                self.grounding = True
        if "tokenCount" in candidate:
            self.usage = True


_NO_CONFIG = ConfigFacts({})
_NO_SAFETY = SafetyFacts({})
_NO_TOOLS = ToolFacts({})

__all__ = [
    "ANSWER",
    "BOUND_PAIRS",
    "CALL",
    "KEYWORD_OWNERS",
    "TOOLS_MEMO",
    "TYPE_KEYWORDS",
    "ConfigFacts",
    "Conversation",
    "Facts",
    "PartFacts",
    "ResourceFacts",
    "ResponseFacts",
    "SafetyFacts",
    "ToolFacts",
    "ToolFactsMemo",
    "tool_facts",
]
