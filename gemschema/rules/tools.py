"""GS6xx: tools — function declarations, their Gemini ``Schema`` (the OpenAPI 3.0 subset),
``toolConfig``, and function calls in the history that name no declared function."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.rules._facts import BOUND_PAIRS, FUNCTION_NAME, KEYWORD_OWNERS, TYPE_KEYWORDS
from gemschema.rules._walk import (
    Path,
    as_float,
    items,
    obj,
    ptr,
    rule,
    where,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gemschema.rules.engine import RuleContext

_DECL = (
    "Gemini API reference, `FunctionDeclaration` (ai.google.dev/api/caching#FunctionDeclaration)"
)
_SCHEMA = "Gemini API reference, `Schema` (ai.google.dev/api/caching#Schema)"


def _type(node: dict[str, Any]) -> str | None:
    value = node.get("type")
    return value if isinstance(value, str) else None


# --- function declarations ---------------------------------------------------------------


@rule(
    "GS601",
    "invalid-function-name",
    subject="tools.bad_names",
    summary="A function declaration's name breaks the documented character set or length.",
    severity=Severity.ERROR,
    why=(
        "Function names must start with a letter or an underscore, contain only a-z, A-Z, 0-9,"
        " underscores, dots, colons and dashes, and be at most 64 characters long; the API"
        " refuses the request otherwise. MCP tool names with slashes or spaces are the usual"
        " cause. (Vertex AI allows 128 characters: profile `vertex-ai`.)"
    ),
    source=(
        f'{_DECL}: `name` — "Must be a-z, A-Z, 0-9, or contain underscores, colons, dots, and dashes,'
        ' with a maximum length of 64." API error text quoted in kaitranntt/ccs#25.'
    ),
    example='{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "get weather"}]}]}',
)
def invalid_function_name(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    limit = ctx.limits.function_name_max_length
    for path, decl in ctx.facts.tools.bad_names:
        name = decl.get("name")
        if not isinstance(name, str):
            continue
        if not name:
            problem = "is empty"
        elif not FUNCTION_NAME.match(name):
            bad = next(
                (c for c in name if not (c.isascii() and (c.isalnum() or c in "_.:-"))), None
            )
            problem = f"contains {bad!r}" if bad else "starts with a digit, dot, colon or dash"
        elif len(name) > limit:
            problem = f"is {len(name)} characters long (at most {limit})"
        else:
            continue
        yield invalid_function_name.diagnostic(
            f"{where((*path, 'name'))} {name!r} {problem}; a function name starts with a letter or underscore and"
            f" uses only letters, digits, _ . : - with at most {limit} characters: rename it",
            ptr((*path, "name")),
        )


@rule(
    "GS602",
    "duplicate-function-name",
    subject="tools.duplicates",
    summary="Two function declarations (in any tools) share a name.",
    severity=Severity.WARNING,
    why=(
        "The model calls a function by name, and a response is matched to its call by name; two"
        " declarations with one name make the call ambiguous. A warning: whether the API refuses"
        " duplicates is not documented."
    ),
    source=f'{_DECL}: `name`; `FunctionCall.name` — "the FunctionDeclaration.name".',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "f"}]},'
        ' {"functionDeclarations": [{"name": "f"}]}]}'
    ),
)
def duplicate_function_name(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    first: dict[str, Path] = {}
    for path, decl in ctx.facts.tools.decls:
        name = decl.get("name")
        if not isinstance(name, str) or not name:
            continue
        if name in first:
            yield duplicate_function_name.diagnostic(
                f"{where((*path, 'name'))} {name!r} is already declared at {where(first[name])}; give each"
                " function one declaration and a unique name",
                ptr((*path, "name")),
            )
        else:
            first[name] = path


@rule(
    "GS603",
    "schema-and-json-schema",
    subject="tools.dual_schema",
    summary="A declaration sets both `parameters` and `parametersJsonSchema` (or `response` and `responseJsonSchema`).",
    severity=Severity.ERROR,
    why=(
        "A function's parameters are described either as a Gemini `Schema` or as JSON Schema; the"
        " reference says the two fields are mutually exclusive, and likewise for the response."
    ),
    source=f'{_DECL}: `parametersJsonSchema` — "This field is mutually exclusive with parameters"; `responseJsonSchema` likewise.',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "f", "parameters":'
        ' {"type": "OBJECT", "properties": {"a": {"type": "STRING"}}}, "parametersJsonSchema": {"type": "object"}}]}]}'
    ),
)
def schema_and_json_schema(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, decl in ctx.facts.tools.decls:
        for schema, json_schema in (
            ("parameters", "parametersJsonSchema"),
            ("response", "responseJsonSchema"),
        ):
            if decl.get(schema) is not None and decl.get(json_schema) is not None:
                yield schema_and_json_schema.diagnostic(
                    f"{where(path)} sets both {schema} and {json_schema}; they are mutually exclusive: keep one",
                    ptr((*path, json_schema)),
                )


# --- the Gemini Schema subset ---------------------------------------------------------------


@rule(
    "GS604",
    "schema-type-missing",
    subject="tools.untyped",
    summary="A Schema node has no `type` (and no `anyOf`), or `TYPE_UNSPECIFIED`.",
    severity=Severity.ERROR,
    why=(
        "Every Gemini Schema names its data type unless it is a union (`anyOf`); JSON Schema"
        " habits such as a property with only a description, or `type` left out next to `enum`,"
        " are refused: `response_schema.properties[child].type: must be specified`."
        " `TYPE_UNSPECIFIED` 'should not be used'."
    ),
    source=f"{_SCHEMA}: `type` — Required. API error text quoted in vercel/ai#2974.",
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseMimeType": "application/json",'
        ' "responseSchema": {"type": "OBJECT", "properties": {"name": {"description": "a name"}}}}}'
    ),
)
def schema_type_missing(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, node in ctx.facts.tools.untyped:
        kind = node.get("type")
        if kind == "TYPE_UNSPECIFIED" or (kind is None and node.get("anyOf") is None):
            found = "is TYPE_UNSPECIFIED" if kind else "has no type"
            yield schema_type_missing.diagnostic(
                f"{where(path)} {found}; every schema needs a type (STRING, NUMBER, INTEGER, BOOLEAN, ARRAY or"
                " OBJECT) unless it is an anyOf: add one",
                ptr(path),
            )


@rule(
    "GS605",
    "required-property-undefined",
    subject="tools.undefined_required",
    summary="`required` names a property that `properties` does not define.",
    severity=Severity.ERROR,
    why=(
        "`required` lists properties of the same object; a name missing from `properties` is"
        " refused: `parameters.required[0]: property is not defined`. It often comes from a"
        " converter that dropped a property it could not translate but kept it as required."
    ),
    source=f'{_SCHEMA}: `required` — "Required properties of Type.OBJECT". API error text quoted in iBUHub/AIStudioToAPI#154.',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "f", "parameters":'
        ' {"type": "OBJECT", "properties": {"a": {"type": "STRING"}}, "required": ["b"]}}]}]}'
    ),
)
def required_property_undefined(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, node in ctx.facts.tools.undefined_required:
        defined = obj(node.get("properties"))
        for k, name in enumerate(items(node.get("required"))):
            if isinstance(name, str) and name not in defined:
                known = ", ".join(sorted(defined)) or "none"
                yield required_property_undefined.diagnostic(
                    f"{where((*path, 'required', k))} is {name!r}, which {where(path)}.properties does not define"
                    f" (defined: {known}); define the property or remove it from required",
                    ptr((*path, "required", k)),
                )


@rule(
    "GS606",
    "enum-not-string",
    subject="tools.foreign_enum",
    summary="`enum` is set on a Schema whose type is not STRING.",
    severity=Severity.ERROR,
    why=(
        "A Gemini Schema's `enum` lists the values of a `STRING` (with format `enum`); on an"
        " INTEGER, NUMBER or BOOLEAN the API refuses it (`enum: only allowed for STRING type`)."
        " Use a STRING with the values written as strings, or describe the range instead."
    ),
    source=f'{_SCHEMA}: `enum` — "Possible values of the element of Type.STRING with enum format." API error text quoted in decolua/9router#380.',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "f", "parameters":'
        ' {"type": "OBJECT", "properties": {"n": {"type": "INTEGER", "enum": ["1", "2"]}}}}]}]}'
    ),
)
def enum_not_string(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, node in ctx.facts.tools.foreign_enum:
        kind = _type(node)
        if (
            node.get("enum") is not None
            and kind is not None
            and kind not in ("STRING", "TYPE_UNSPECIFIED")
        ):
            yield enum_not_string.diagnostic(
                f"{where(path)} is {kind} with an enum; enum is only allowed for STRING: make it a STRING whose"
                " enum values are strings, or drop the enum",
                ptr((*path, "enum")),
            )


@rule(
    "GS607",
    "array-without-items",
    subject="tools.bare_arrays",
    summary="An ARRAY Schema has no `items`.",
    severity=Severity.ERROR,
    why=(
        "A Gemini ARRAY must say what its elements are; without `items` the API refuses the"
        " schema: `parameters.properties[tags].items: missing field.`"
    ),
    source=f'{_SCHEMA}: `items` — "Schema of the elements of Type.ARRAY." API error text quoted in kkrishnan90/gemini-desktop#7.',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "f", "parameters":'
        ' {"type": "OBJECT", "properties": {"tags": {"type": "ARRAY"}}}}]}]}'
    ),
)
def array_without_items(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, node in ctx.facts.tools.bare_arrays:
        if _type(node) == "ARRAY" and node.get("items") is None:
            yield array_without_items.diagnostic(
                f'{where(path)} is an ARRAY without items; say what the elements are, e.g. "items": {{"type": "STRING"}}',
                ptr(path),
            )


@rule(
    "GS608",
    "object-without-properties",
    subject="tools.bare_objects",
    summary="An OBJECT Schema defines no properties.",
    severity=Severity.WARNING,
    why=(
        "The Gemini Schema has no `additionalProperties`, so an OBJECT without `properties` can"
        " only be the empty object. Gemini 1.5 and 2.0 refused it outright (`parameters.properties:"
        " should be non-empty for OBJECT type`); later models accept it. For a function without"
        " parameters, leave `parameters` out."
    ),
    source=(
        f'{_SCHEMA}: `properties` — "Properties of Type.OBJECT". API error text quoted in agno-agi/agno#2112'
        " and pipecat-ai/pipecat-flows#110; accepted later per bug-ops/zeph#1641."
    ),
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "list_files",'
        ' "parameters": {"type": "OBJECT", "properties": {}}}]}]}'
    ),
)
def object_without_properties(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, node in ctx.facts.tools.bare_objects:
        if (
            _type(node) == "OBJECT"
            and not obj(node.get("properties"))
            and node.get("anyOf") is None
        ):
            hint = (
                "leave parameters out for a function without any"
                if path[-1] == "parameters"
                else "define its properties"
            )
            yield object_without_properties.diagnostic(
                f"{where(path)} is an OBJECT with no properties; older models refuse it and it can only hold {{}}: {hint}",
                ptr(path),
            )


@rule(
    "GS609",
    "keyword-type-mismatch",
    subject="tools.foreign_keywords",
    summary="A Schema keyword is set on a type it does not apply to (e.g. `items` on a STRING).",
    severity=Severity.WARNING,
    why=(
        "Each Schema keyword belongs to one type: items/minItems/maxItems to ARRAY,"
        " properties/required/propertyOrdering/min-maxProperties to OBJECT, minLength/maxLength/"
        "pattern to STRING, minimum/maximum to INTEGER and NUMBER. Elsewhere it is ignored, which"
        " usually means the type is wrong. A warning: the API does not always refuse it."
    ),
    source=f'{_SCHEMA}: each field\'s description names its type ("Schema of the elements of Type.ARRAY", "Properties of Type.OBJECT" …).',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseMimeType": "application/json",'
        ' "responseSchema": {"type": "STRING", "items": {"type": "STRING"}}}}'
    ),
)
def keyword_type_mismatch(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, node in ctx.facts.tools.foreign_keywords:
        kind = _type(node)
        if kind is None or kind == "TYPE_UNSPECIFIED":
            continue
        allowed = TYPE_KEYWORDS.get(kind, ())
        for keyword, owners in KEYWORD_OWNERS.items():
            if node.get(keyword) is not None and keyword not in allowed:
                yield keyword_type_mismatch.diagnostic(
                    f"{where(path)} is {kind} but sets {keyword}, which applies to {owners}; fix the type or"
                    f" remove {keyword}",
                    ptr((*path, keyword)),
                )


@rule(
    "GS610",
    "schema-bounds-inverted",
    subject="tools.inverted_bounds",
    summary="A Schema's lower bound exceeds its upper bound (minItems > maxItems, minimum > maximum …).",
    severity=Severity.WARNING,
    why=(
        "A schema whose minimum exceeds its maximum admits no value, so the model cannot"
        " produce or pass a valid one. A warning: the API does not document refusing it."
    ),
    source=f"{_SCHEMA}: `minItems`/`maxItems`, `minProperties`/`maxProperties`, `minLength`/`maxLength`, `minimum`/`maximum`.",
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"responseMimeType": "application/json",'
        ' "responseSchema": {"type": "ARRAY", "items": {"type": "STRING"}, "minItems": "5", "maxItems": "2"}}}'
    ),
)
def schema_bounds_inverted(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, node in ctx.facts.tools.inverted_bounds:
        for low_key, high_key in BOUND_PAIRS:
            low, high = as_float(node.get(low_key)), as_float(node.get(high_key))
            if low is not None and high is not None and low > high:
                yield schema_bounds_inverted.diagnostic(
                    f"{where(path)} has {low_key} {low:g} above {high_key} {high:g}, which no value satisfies; swap or"
                    " correct the bounds",
                    ptr((*path, low_key)),
                )


@rule(
    "GS611",
    "function-parameters-not-object",
    subject="tools.non_object_parameters",
    summary="A function's `parameters` Schema is not of type OBJECT.",
    severity=Severity.ERROR,
    why=(
        "Function parameters are named, so `parameters` is an OBJECT whose properties are the"
        " parameters; a STRING or ARRAY there (or an untyped schema with only `properties`) is"
        " refused: `functionDeclaration parameters schema should be of type OBJECT`."
    ),
    source=(
        f'{_DECL}: `parameters` — "Reflects the Open API 3.03 Parameter Object string Key: the name of the'
        ' parameter." Vertex AI error text quoted in diegosouzapw/OmniRoute#3360.'
    ),
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "f", "parameters":'
        ' {"type": "STRING"}}]}]}'
    ),
)
def function_parameters_not_object(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, decl in ctx.facts.tools.decls:
        params = decl.get("parameters")
        if isinstance(params, dict) and _type(params) not in (None, "OBJECT", "TYPE_UNSPECIFIED"):
            yield function_parameters_not_object.diagnostic(
                f"{where((*path, 'parameters'))} is {_type(params)}; function parameters are an OBJECT whose"
                ' properties are the parameters: wrap it as {"type": "OBJECT", "properties": {"value": …}}',
                ptr((*path, "parameters", "type")),
            )


# --- toolConfig and the history --------------------------------------------------------------


def _calling_config(doc: Any) -> dict[str, Any]:
    return obj(obj(obj(doc).get("toolConfig")).get("functionCallingConfig"))


@rule(
    "GS612",
    "allowed-function-names-mode",
    subject="tools.allowed_names",
    summary="`allowedFunctionNames` is set but the mode is not ANY (or VALIDATED).",
    severity=Severity.ERROR,
    why=(
        "`allowedFunctionNames` restricts which functions the model may call when it must call"
        " one; the reference says it should only be set with mode ANY (or VALIDATED). With the"
        " default AUTO, gateways have seen the request refused; set the mode explicitly."
    ),
    source=(
        'Gemini API reference, `FunctionCallingConfig.allowedFunctionNames` — "This should only be set when the'
        ' Mode is ANY or VALIDATED." Observed in tensorzero/tensorzero#4875.'
    ),
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "f"}]}],'
        ' "toolConfig": {"functionCallingConfig": {"mode": "AUTO", "allowedFunctionNames": ["f"]}}}'
    ),
)
def allowed_function_names_mode(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    config = _calling_config(doc)
    if not items(config.get("allowedFunctionNames")):
        return
    mode = config.get("mode")
    if mode in ("ANY", "VALIDATED"):
        return
    found = f"mode is {mode}" if isinstance(mode, str) else "mode is not set (AUTO)"
    yield allowed_function_names_mode.diagnostic(
        f"toolConfig.functionCallingConfig sets allowedFunctionNames but {found}; the names only apply with"
        ' mode ANY (or VALIDATED): set "mode": "ANY" or drop allowedFunctionNames',
        ptr(("toolConfig", "functionCallingConfig", "allowedFunctionNames")),
    )


@rule(
    "GS613",
    "allowed-function-name-undeclared",
    subject="tools.allowed_names",
    summary="`allowedFunctionNames` names a function no tool declares.",
    severity=Severity.WARNING,
    why=(
        "Allowed names should match declared function names; an undeclared one can never be"
        " called (a typo, or a tool dropped from the request). A warning: the API's handling is"
        " not documented. Not checked when `cachedContent` holds the tools."
    ),
    source='Gemini API reference, `FunctionCallingConfig.allowedFunctionNames` — "Function names should match [FunctionDeclaration.name]."',
    example=(
        '{"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "f"}]}],'
        ' "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["g"]}}}'
    ),
)
def allowed_function_name_undeclared(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    if obj(doc).get("cachedContent") is not None:
        return
    declared = ctx.facts.tools.names
    for k, name in enumerate(items(_calling_config(doc).get("allowedFunctionNames"))):
        if isinstance(name, str) and name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            yield allowed_function_name_undeclared.diagnostic(
                f"toolConfig.functionCallingConfig.allowedFunctionNames[{k}] is {name!r}, which no tool declares"
                f" (declared: {known}); fix the name or declare the function",
                ptr(("toolConfig", "functionCallingConfig", "allowedFunctionNames", k)),
            )


@rule(
    "GS614",
    "undeclared-function-call",
    subject="conversation.calls",
    summary="A functionCall in the history names a function the request does not declare.",
    severity=Severity.WARNING,
    why=(
        "The model reads past calls against the declarations it is given; a call to a function"
        " that is no longer declared (a tool removed between turns, a mode switch) confuses it"
        " and some models refuse the request. Keep the declarations of every function in the"
        " history and restrict calls with `allowedFunctionNames` instead. Not checked when"
        " `cachedContent` holds the tools or a computer-use tool declares functions itself."
    ),
    source=(
        "Gemini API function-calling guide (ai.google.dev/gemini-api/docs/function-calling);"
        " observed in RooCodeInc/Roo-Code#10708."
    ),
    example=(
        '{"contents": [{"role": "user", "parts": [{"text": "a"}]}, {"role": "model", "parts": [{"functionCall":'
        ' {"name": "g"}}]}, {"role": "user", "parts": [{"functionResponse": {"name": "g", "response": {}}}]}],'
        ' "tools": [{"functionDeclarations": [{"name": "f"}]}]}'
    ),
)
def undeclared_function_call(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    document = obj(doc)
    if document.get("cachedContent") is not None:
        return
    if any(obj(tool).get("computerUse") is not None for tool in items(document.get("tools"))):
        return
    declared = ctx.facts.tools.names
    conversation = ctx.facts.conversation
    for n, calls in conversation.calls.items():
        i = conversation.turns[n][0]
        for j, call in calls:
            name = call.get("name")
            if isinstance(name, str) and name and name not in declared:
                yield undeclared_function_call.diagnostic(
                    f"contents[{i}].parts[{j}].functionCall calls {name!r}, which no tool of this request declares;"
                    " keep its declaration in tools (restrict calls with allowedFunctionNames if needed)",
                    ptr(("contents", i, "parts", j, "functionCall", "name")),
                )
