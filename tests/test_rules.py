"""Unit tests of the semantic rules (on canonical documents), the settings and the profiles."""

from __future__ import annotations

import base64
import binascii
import copy
import itertools
import json
import pickle
from collections import Counter
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.errors import ConfigError, UsageError
from gemschema.profiles import BUILTIN_PROFILES, Limits, get_profile
from gemschema.rules import _facts as facts_module
from gemschema.rules._facts import (
    ConfigFacts,
    Conversation,
    Facts,
    PartFacts,
    ResourceFacts,
    ResponseFacts,
    SafetyFacts,
    ToolFacts,
)
from gemschema.rules._walk import (
    SUBJECTS,
    Path,
    declared_names,
    function_calls,
    function_declarations,
    function_responses,
    items,
    obj,
    request_contents,
    request_parts,
    response_parts,
    side_of,
)
from gemschema.rules.catalog import RULES, all_rules
from gemschema.rules.docs import DOCS_PATH, render_rules_markdown
from gemschema.rules.engine import RULE_KINDS, RuleContext, applicable_rules, plan, run_rules
from gemschema.rules.parts import base64_problem, is_base64
from gemschema.settings import Settings, load_settings

SIG = "Cg5zaWduYXR1cmU="


def U(text: str = "hi") -> dict[str, Any]:
    return {"role": "user", "parts": [{"text": text}]}


def M(text: str = "hello") -> dict[str, Any]:
    return {"role": "model", "parts": [{"text": text}]}


def FC(name: str, **extra: Any) -> dict[str, Any]:
    sig = extra.pop("sig", None)
    part: dict[str, Any] = {"functionCall": {"name": name, **extra}}
    if sig:
        part["thoughtSignature"] = sig
    return part


def FR(name: str, **extra: Any) -> dict[str, Any]:
    return {"functionResponse": {"name": name, "response": {}, **extra}}


def MC(*parts: dict[str, Any]) -> dict[str, Any]:
    return {"role": "model", "parts": list(parts)}


def UC(*parts: dict[str, Any]) -> dict[str, Any]:
    return {"role": "user", "parts": list(parts)}


def req(*contents: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"contents": list(contents) or [U()], **extra}


def tools(*names: str) -> list[dict[str, Any]]:
    return [{"functionDeclarations": [{"name": n} for n in names]}]


def gc(**config: Any) -> dict[str, Any]:
    return req(generationConfig=config)


def fn(parameters: dict[str, Any]) -> dict[str, Any]:
    return req(tools=[{"functionDeclarations": [{"name": "f", "parameters": parameters}]}])


def schema(s: dict[str, Any]) -> dict[str, Any]:
    return gc(responseMimeType="application/json", responseSchema=s)


def cand(**extra: Any) -> dict[str, Any]:
    return {"content": {"role": "model", "parts": [{"text": "hi"}]}, "index": 0, **extra}


def resp(*candidates: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"candidates": list(candidates), **extra}


def chunk(text: str, rid: str = "r", finish: str | None = None) -> dict[str, Any]:
    c: dict[str, Any] = {"content": {"role": "model", "parts": [{"text": text}]}}
    if finish:
        c["finishReason"] = finish
    return {"candidates": [c], "responseId": rid}


def found(
    doc: Any, kind: str = "request", profile: str = "default", **settings: Any
) -> list[tuple[str, str]]:
    return [
        (d.code, d.pointer)
        for d in run_rules(doc, kind=kind, settings=Settings(profile=profile, **settings))
    ]


B64 = "iVBORw0KGgo="
OBJ = {"type": "OBJECT", "properties": {"a": {"type": "STRING"}}}

# (code, document, kind, profile, expected pointers of that code); one firing and one quiet case per rule at least.
CASES: list[tuple[str, Any, str, str, list[str]]] = [
    ("GS201", {"contents": []}, "request", "default", ["/contents"]),
    ("GS201", req(U()), "request", "default", []),
    (
        "GS202",
        {"contents": [{"role": "user", "parts": []}, {"role": "model"}]},
        "request",
        "default",
        ["/contents/0/parts", "/contents/1"],
    ),
    ("GS202", req(U()), "request", "default", []),
    (
        "GS203",
        req({"role": "assistant", "parts": [{"text": "x"}]}),
        "request",
        "default",
        ["/contents/0/role"],
    ),
    ("GS203", req(U(), M(), U()), "request", "default", []),
    (
        "GS204",
        req(U(), MC(FC("f")), {"role": "tool", "parts": [FR("f")]}),
        "request",
        "default",
        ["/contents/2/role"],
    ),
    ("GS204", req(U(), MC(FC("f")), UC(FR("f"))), "request", "default", []),
    ("GS205", req({"parts": [{"text": "x"}]}, M(), U()), "request", "default", ["/contents/0"]),
    ("GS205", req({"parts": [{"text": "x"}]}), "request", "default", []),
    ("GS206", req(U(), U()), "request", "default", ["/contents/1/role"]),
    (
        "GS206",
        req(U(), {"role": "system", "parts": [{"text": "x"}]}, U()),
        "request",
        "default",
        [],
    ),
    ("GS206", req(U(), M(), M(), U()), "request", "default", ["/contents/2/role"]),
    ("GS207", req(M(), U()), "request", "default", ["/contents/0/role"]),
    ("GS207", req(U()), "request", "default", []),
    ("GS208", req(U(), M()), "request", "default", ["/contents/1/role"]),
    ("GS208", req(U(), MC(FC("f")), UC(FR("f"))), "request", "default", []),
    ("GS209", req(U(), M(), MC(FC("f")), UC(FR("f"))), "request", "default", ["/contents/2"]),
    ("GS209", req(MC(FC("f")), UC(FR("f"))), "request", "default", ["/contents/0"]),
    (
        "GS209",
        req(U(), MC(FC("a")), UC(FR("a")), MC(FC("b")), UC(FR("b"))),
        "request",
        "default",
        [],
    ),
    ("GS210", req(U(), MC(FC("a"), FC("b")), UC(FR("a"))), "request", "default", ["/contents/2"]),
    ("GS210", req(U(), MC(FC("a")), U()), "request", "default", ["/contents/2"]),
    ("GS210", req(U(), MC(FC("a"), FC("b")), UC(FR("b"), FR("a"))), "request", "default", []),
    (
        "GS211",
        req(U(), MC(FC("a")), UC(FR("b"))),
        "request",
        "default",
        ["/contents/2/parts/0/functionResponse/name"],
    ),
    (
        "GS211",
        req(U(), MC(FC("a", id="1")), UC(FR("a", id="2"))),
        "request",
        "default",
        ["/contents/2/parts/0/functionResponse/id"],
    ),
    (
        "GS211",
        req(U(), MC(FC("a", id="1")), UC(FR("b", id="1"))),
        "request",
        "default",
        ["/contents/2/parts/0/functionResponse/name"],
    ),
    (
        "GS211",
        req(U(), MC(FC("a", id="1")), UC(FR("a"))),
        "request",
        "default",
        ["/contents/2/parts/0/functionResponse"],
    ),
    (
        "GS211",
        req(U(), MC(FC("a", id="1"), FC("a", id="2")), UC(FR("a", id="2"), FR("a", id="1"))),
        "request",
        "default",
        [],
    ),
    ("GS211", req(U(), MC(FC("a"), FC("b")), UC(FR("a"))), "request", "default", []),
    (
        "GS212",
        req(U(), M(), UC(FR("f"))),
        "request",
        "default",
        ["/contents/2/parts/0/functionResponse"],
    ),
    ("GS212", req(UC(FR("f"))), "request", "default", ["/contents/0/parts/0/functionResponse"]),
    ("GS212", req(U(), MC(FC("f")), UC(FR("f"))), "request", "default", []),
    (
        "GS213",
        req(U(), MC(FC("")), UC(FR(" "))),
        "request",
        "default",
        ["/contents/1/parts/0/functionCall/name", "/contents/2/parts/0/functionResponse/name"],
    ),
    ("GS213", req(U(), MC(FC("f")), UC(FR("f"))), "request", "default", []),
    ("GS214", req(U(), MC(FC("f")), UC(FR("f"))), "request", "gemini-3", ["/contents/1/parts/0"]),
    ("GS214", req(U(), MC(FC("f")), UC(FR("f"))), "request", "default", []),
    (
        "GS214",
        req(U(), MC(FC("f", sig=SIG), FC("g")), UC(FR("f"), FR("g"))),
        "request",
        "gemini-3",
        [],
    ),
    (
        "GS214",
        req(U(), MC(FC("f")), UC(FR("f")), M(), U(), MC(FC("f", sig=SIG)), UC(FR("f"))),
        "request",
        "gemini-3",
        [],
    ),
    (
        "GS214",
        req(U(), MC(FC("f", sig=SIG)), UC(FR("f")), MC({"text": "x"}, FC("g")), UC(FR("g"))),
        "request",
        "gemini-3",
        ["/contents/3/parts/1"],
    ),
    (
        "GS301",
        req(UC({"text": "x", "inlineData": {"mimeType": "image/png", "data": B64}}, {})),
        "request",
        "default",
        ["/contents/0/parts/0", "/contents/0/parts/1"],
    ),
    (
        "GS301",
        req(U(), systemInstruction={"parts": [{}]}),
        "request",
        "default",
        ["/systemInstruction/parts/0"],
    ),
    (
        "GS301",
        req(UC({"text": "x", "thought": True, "thoughtSignature": SIG})),
        "request",
        "default",
        [],
    ),
    (
        "GS302",
        req(UC({"inlineData": {"mimeType": "image/png", "data": "$X"}})),
        "request",
        "default",
        ["/contents/0/parts/0/inlineData/data"],
    ),
    (
        "GS302",
        req(UC({"inlineData": {"mimeType": "image/png", "data": "a"}})),
        "request",
        "default",
        ["/contents/0/parts/0/inlineData/data"],
    ),
    (
        "GS302",
        req(UC(FR("f", parts=[{"inlineData": {"mimeType": "image/png", "data": "!!"}}]))),
        "request",
        "default",
        ["/contents/0/parts/0/functionResponse/parts/0/inlineData/data"],
    ),
    (
        "GS302",
        req(
            UC(
                {"inlineData": {"mimeType": "image/png", "data": "-_8"}},
                {"inlineData": {"mimeType": "image/png", "data": ""}},
            )
        ),
        "request",
        "default",
        [],
    ),
    (
        "GS302",
        resp(
            cand(
                content={
                    "role": "model",
                    "parts": [{"inlineData": {"mimeType": "image/png", "data": "%"}}],
                }
            )
        ),
        "response",
        "default",
        ["/candidates/0/content/parts/0/inlineData/data"],
    ),
    (
        "GS303",
        req(
            UC(
                {"inlineData": {"mimeType": "png", "data": B64}},
                {"fileData": {"mimeType": "x/", "fileUri": "gs://b/x"}},
            )
        ),
        "request",
        "default",
        ["/contents/0/parts/0/inlineData/mimeType", "/contents/0/parts/1/fileData/mimeType"],
    ),
    (
        "GS303",
        req(UC({"inlineData": {"mimeType": 'text/plain; charset="utf-8"', "data": B64}})),
        "request",
        "default",
        [],
    ),
    (
        "GS304",
        req(UC({"inlineData": {"mimeType": "image/gif", "data": B64}})),
        "request",
        "default",
        ["/contents/0/parts/0/inlineData/mimeType"],
    ),
    (
        "GS304",
        req(UC({"inlineData": {"mimeType": "IMAGE/PNG", "data": B64}})),
        "request",
        "default",
        [],
    ),
    (
        "GS305",
        req(UC({"fileData": {"fileUri": "files/abc"}})),
        "request",
        "default",
        ["/contents/0/parts/0/fileData/fileUri"],
    ),
    (
        "GS305",
        req(UC({"fileData": {"fileUri": "https://www.youtube.com/watch?v=x"}})),
        "request",
        "default",
        [],
    ),
    (
        "GS306",
        req(U(), systemInstruction={"parts": [{"text": "a"}, FC("f")]}),
        "request",
        "default",
        ["/systemInstruction/parts/1"],
    ),
    ("GS306", req(U(), systemInstruction={"parts": [{"text": "a"}]}), "request", "default", []),
    (
        "GS307",
        req(UC({"text": "x", "videoMetadata": {"fps": 1}})),
        "request",
        "default",
        ["/contents/0/parts/0/videoMetadata"],
    ),
    (
        "GS307",
        req(UC({"fileData": {"fileUri": "gs://b/v.mp4"}, "videoMetadata": {"fps": 1}})),
        "request",
        "default",
        [],
    ),
    (
        "GS401",
        gc(stopSequences=list("abcdef")),
        "request",
        "default",
        ["/generationConfig/stopSequences"],
    ),
    ("GS401", gc(stopSequences=[]), "request", "default", ["/generationConfig/stopSequences"]),
    ("GS401", gc(stopSequences=list("abcde")), "request", "default", []),
    ("GS401", gc(stopSequences=list("abcdefghijklmnop")), "request", "vertex-ai", []),
    (
        "GS402",
        gc(stopSequences=["a", ""]),
        "request",
        "default",
        ["/generationConfig/stopSequences/1"],
    ),
    ("GS402", gc(stopSequences=["a"]), "request", "default", []),
    ("GS403", gc(candidateCount=2), "request", "default", ["/generationConfig/candidateCount"]),
    ("GS403", gc(candidateCount=0), "request", "gemini-2.5", ["/generationConfig/candidateCount"]),
    ("GS403", gc(candidateCount=8), "request", "gemini-2.5", []),
    ("GS404", gc(temperature=2.01), "request", "default", ["/generationConfig/temperature"]),
    ("GS404", gc(temperature=0), "request", "default", []),
    ("GS405", gc(topP=-0.1), "request", "default", ["/generationConfig/topP"]),
    ("GS405", gc(topP=0), "request", "default", []),
    ("GS406", gc(topK=0), "request", "default", ["/generationConfig/topK"]),
    ("GS406", gc(topK=40), "request", "default", []),
    ("GS407", gc(maxOutputTokens=0), "request", "default", ["/generationConfig/maxOutputTokens"]),
    ("GS407", gc(maxOutputTokens=8192), "request", "default", []),
    (
        "GS408",
        gc(presencePenalty=2.0, frequencyPenalty=-2.01),
        "request",
        "default",
        ["/generationConfig/presencePenalty", "/generationConfig/frequencyPenalty"],
    ),
    ("GS408", gc(presencePenalty=-2.0), "request", "default", []),
    (
        "GS409",
        gc(responseLogprobs=True, logprobs=21),
        "request",
        "default",
        ["/generationConfig/logprobs"],
    ),
    ("GS409", gc(responseLogprobs=True, logprobs=0), "request", "default", []),
    ("GS410", gc(logprobs=1), "request", "default", ["/generationConfig/logprobs"]),
    ("GS410", gc(responseLogprobs=True, logprobs=1), "request", "default", []),
    (
        "GS411",
        gc(responseSchema={"type": "STRING"}),
        "request",
        "default",
        ["/generationConfig/responseSchema"],
    ),
    (
        "GS411",
        gc(responseMimeType="text/plain", _responseJsonSchema={"type": "string"}),
        "request",
        "default",
        ["/generationConfig/responseMimeType"],
    ),
    (
        "GS411",
        gc(responseMimeType="text/x.enum", responseSchema={"type": "STRING"}),
        "request",
        "default",
        ["/generationConfig/responseMimeType"],
    ),
    (
        "GS411",
        gc(responseMimeType="application/json; charset=utf-8", responseSchema={"type": "STRING"}),
        "request",
        "default",
        [],
    ),
    (
        "GS412",
        gc(
            responseMimeType="application/json",
            responseSchema={"type": "STRING"},
            _responseJsonSchema={},
        ),
        "request",
        "default",
        ["/generationConfig/_responseJsonSchema"],
    ),
    (
        "GS412",
        gc(responseMimeType="application/json", responseJsonSchema={}),
        "request",
        "default",
        [],
    ),
    (
        "GS413",
        gc(thinkingConfig={"thinkingBudget": -2}),
        "request",
        "default",
        ["/generationConfig/thinkingConfig/thinkingBudget"],
    ),
    ("GS413", gc(thinkingConfig={"thinkingBudget": 0}), "request", "default", []),
    (
        "GS414",
        gc(thinkingConfig={"thinkingBudget": 0, "thinkingLevel": "LOW"}),
        "request",
        "default",
        ["/generationConfig/thinkingConfig/thinkingLevel"],
    ),
    ("GS414", gc(thinkingConfig={"thinkingLevel": "LOW"}), "request", "default", []),
    (
        "GS415",
        gc(speechConfig={"voiceConfig": {}, "multiSpeakerVoiceConfig": {}}),
        "request",
        "default",
        ["/generationConfig/speechConfig/multiSpeakerVoiceConfig"],
    ),
    ("GS415", gc(speechConfig={"voiceConfig": {}}), "request", "default", []),
    (
        "GS501",
        req(
            safetySettings=[
                {"category": "HARM_CATEGORY_HARASSMENT"},
                {"category": "HARM_CATEGORY_HARASSMENT"},
            ]
        ),
        "request",
        "default",
        ["/safetySettings/1/category"],
    ),
    (
        "GS501",
        req(
            safetySettings=[
                {"category": "HARM_CATEGORY_HARASSMENT"},
                {"category": "HARM_CATEGORY_HATE_SPEECH"},
            ]
        ),
        "request",
        "default",
        [],
    ),
    (
        "GS502",
        req(
            safetySettings=[
                {"category": "HARM_CATEGORY_MEDICAL"},
                {"category": "HARM_CATEGORY_UNSPECIFIED"},
            ]
        ),
        "request",
        "default",
        ["/safetySettings/0/category", "/safetySettings/1/category"],
    ),
    (
        "GS502",
        req(safetySettings=[{"category": "HARM_CATEGORY_CIVIC_INTEGRITY"}]),
        "request",
        "default",
        [],
    ),
    (
        "GS503",
        req(safetySettings=[{"threshold": "HARM_BLOCK_THRESHOLD_UNSPECIFIED"}]),
        "request",
        "default",
        ["/safetySettings/0/threshold"],
    ),
    ("GS503", req(safetySettings=[{"threshold": "OFF"}]), "request", "default", []),
    (
        "GS601",
        req(tools=tools("a b", "9x", "", "a" * 65)),
        "request",
        "default",
        [f"/tools/0/functionDeclarations/{n}/name" for n in range(4)],
    ),
    ("GS601", req(tools=tools("a" * 128)), "request", "vertex-ai", []),
    ("GS601", req(tools=tools("ns.tool:v1-x_2")), "request", "default", []),
    (
        "GS602",
        req(tools=tools("a", "b") + tools("a")),
        "request",
        "default",
        ["/tools/1/functionDeclarations/0/name"],
    ),
    ("GS602", req(tools=tools("a", "b")), "request", "default", []),
    (
        "GS603",
        req(
            tools=[
                {
                    "functionDeclarations": [
                        {
                            "name": "f",
                            "parameters": OBJ,
                            "parametersJsonSchema": {},
                            "response": OBJ,
                            "responseJsonSchema": {},
                        }
                    ]
                }
            ]
        ),
        "request",
        "default",
        [
            "/tools/0/functionDeclarations/0/parametersJsonSchema",
            "/tools/0/functionDeclarations/0/responseJsonSchema",
        ],
    ),
    (
        "GS603",
        req(tools=[{"functionDeclarations": [{"name": "f", "parametersJsonSchema": {}}]}]),
        "request",
        "default",
        [],
    ),
    (
        "GS604",
        fn({"type": "OBJECT", "properties": {"a": {}, "b": {"type": "TYPE_UNSPECIFIED"}}}),
        "request",
        "default",
        [
            "/tools/0/functionDeclarations/0/parameters/properties/a",
            "/tools/0/functionDeclarations/0/parameters/properties/b",
        ],
    ),
    ("GS604", schema({"anyOf": [{"type": "STRING"}, {"type": "NULL"}]}), "request", "default", []),
    (
        "GS605",
        fn({"type": "OBJECT", "properties": {"a": {"type": "STRING"}}, "required": ["a", "b"]}),
        "request",
        "default",
        ["/tools/0/functionDeclarations/0/parameters/required/1"],
    ),
    (
        "GS605",
        fn({"type": "OBJECT", "required": ["a"]}),
        "request",
        "default",
        ["/tools/0/functionDeclarations/0/parameters/required/0"],
    ),
    (
        "GS605",
        fn({"type": "OBJECT", "properties": {"a": {"type": "STRING"}}, "required": ["a"]}),
        "request",
        "default",
        [],
    ),
    (
        "GS606",
        schema({"type": "BOOLEAN", "enum": ["true"]}),
        "request",
        "default",
        ["/generationConfig/responseSchema/enum"],
    ),
    ("GS606", schema({"type": "STRING", "enum": ["a"]}), "request", "default", []),
    (
        "GS607",
        schema({"type": "OBJECT", "properties": {"a": {"type": "ARRAY"}}}),
        "request",
        "default",
        ["/generationConfig/responseSchema/properties/a"],
    ),
    ("GS607", schema({"type": "ARRAY", "items": {"type": "STRING"}}), "request", "default", []),
    (
        "GS608",
        fn({"type": "OBJECT"}),
        "request",
        "default",
        ["/tools/0/functionDeclarations/0/parameters"],
    ),
    ("GS608", fn(OBJ), "request", "default", []),
    (
        "GS609",
        schema({"type": "STRING", "items": {"type": "STRING"}, "minItems": "1", "maxLength": "3"}),
        "request",
        "default",
        ["/generationConfig/responseSchema/items", "/generationConfig/responseSchema/minItems"],
    ),
    ("GS609", schema({"type": "INTEGER", "minimum": 1, "maximum": 3}), "request", "default", []),
    (
        "GS610",
        schema({"type": "STRING", "minLength": "4", "maxLength": 2}),
        "request",
        "default",
        ["/generationConfig/responseSchema/minLength"],
    ),
    (
        "GS610",
        schema(
            {
                "type": "OBJECT",
                "properties": {"a": {"type": "STRING"}},
                "minProperties": "1",
                "maxProperties": "1",
            }
        ),
        "request",
        "default",
        [],
    ),
    (
        "GS611",
        fn({"type": "ARRAY", "items": {"type": "STRING"}}),
        "request",
        "default",
        ["/tools/0/functionDeclarations/0/parameters/type"],
    ),
    ("GS611", fn(OBJ), "request", "default", []),
    (
        "GS612",
        req(
            tools=tools("f"),
            toolConfig={"functionCallingConfig": {"mode": "NONE", "allowedFunctionNames": ["f"]}},
        ),
        "request",
        "default",
        ["/toolConfig/functionCallingConfig/allowedFunctionNames"],
    ),
    (
        "GS612",
        req(
            tools=tools("f"),
            toolConfig={
                "functionCallingConfig": {"mode": "VALIDATED", "allowedFunctionNames": ["f"]}
            },
        ),
        "request",
        "default",
        [],
    ),
    (
        "GS613",
        req(
            tools=tools("f"),
            toolConfig={"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["g"]}},
        ),
        "request",
        "default",
        ["/toolConfig/functionCallingConfig/allowedFunctionNames/0"],
    ),
    (
        "GS613",
        req(
            tools=tools("f"),
            toolConfig={"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["f"]}},
        ),
        "request",
        "default",
        [],
    ),
    (
        "GS614",
        req(U(), MC(FC("g")), UC(FR("g")), tools=tools("f")),
        "request",
        "default",
        ["/contents/1/parts/0/functionCall/name"],
    ),
    (
        "GS614",
        req(
            U(),
            MC(FC("g")),
            UC(FR("g")),
            tools=[{"computerUse": {"environment": "ENVIRONMENT_BROWSER"}}],
        ),
        "request",
        "default",
        [],
    ),
    ("GS701", req(cachedContent="cachedContents/a/b"), "request", "default", ["/cachedContent"]),
    ("GS701", req(cachedContent="cachedContents/a"), "request", "default", []),
    (
        "GS702",
        req(
            cachedContent="cachedContents/a",
            tools=tools("f"),
            systemInstruction={"parts": [{"text": "x"}]},
        ),
        "request",
        "default",
        ["/systemInstruction", "/tools"],
    ),
    ("GS702", req(systemInstruction={"parts": [{"text": "x"}]}), "request", "default", []),
    ("GS703", req(model="gemini-2.0-flash"), "request", "default", ["/model"]),
    ("GS703", req(model="models/gemini-2.0-flash"), "request", "default", []),
    ("GS801", resp(cand(), cand()), "response", "default", ["/candidates/1/index"]),
    ("GS801", resp(cand(), cand(index=1)), "response", "default", []),
    (
        "GS802",
        resp(cand(content={"role": "user", "parts": []})),
        "response",
        "default",
        ["/candidates/0/content/role"],
    ),
    ("GS802", resp(cand()), "response", "default", []),
    (
        "GS803",
        {"promptFeedback": {"safetyRatings": [{"category": "X"}, {"category": "X"}]}},
        "response",
        "default",
        ["/promptFeedback/safetyRatings/1/category"],
    ),
    (
        "GS803",
        resp(cand(safetyRatings=[{"category": "X"}, {"category": "Y"}])),
        "response",
        "default",
        [],
    ),
    (
        "GS804",
        resp(cand(), promptFeedback={"blockReason": "OTHER"}),
        "response",
        "default",
        ["/candidates"],
    ),
    ("GS804", resp(promptFeedback={"blockReason": "OTHER"}), "response", "default", []),
    (
        "GS805",
        resp(cand(citationMetadata={"citationSources": [{"startIndex": 3, "endIndex": 2}]})),
        "response",
        "default",
        ["/candidates/0/citationMetadata/citationSources/0/startIndex"],
    ),
    (
        "GS805",
        resp(cand(citationMetadata={"citationSources": [{"startIndex": 3}]})),
        "response",
        "default",
        [],
    ),
    (
        "GS806",
        resp(
            cand(
                groundingMetadata={
                    "groundingChunks": [{}],
                    "groundingSupports": [{"groundingChunkIndices": [0, -1]}],
                }
            )
        ),
        "response",
        "default",
        ["/candidates/0/groundingMetadata/groundingSupports/0/groundingChunkIndices/1"],
    ),
    (
        "GS806",
        resp(
            cand(
                groundingMetadata={
                    "groundingChunks": [{}],
                    "groundingSupports": [{"groundingChunkIndices": [0]}],
                }
            )
        ),
        "response",
        "default",
        [],
    ),
    (
        "GS807",
        resp(
            cand(
                groundingMetadata={
                    "groundingSupports": [
                        {"groundingChunkIndices": [0], "confidenceScores": [1, 1]}
                    ]
                }
            )
        ),
        "response",
        "default",
        ["/candidates/0/groundingMetadata/groundingSupports/0/confidenceScores"],
    ),
    (
        "GS807",
        resp(
            cand(
                groundingMetadata={
                    "groundingSupports": [{"groundingChunkIndices": [0], "confidenceScores": []}]
                }
            )
        ),
        "response",
        "default",
        [],
    ),
    ("GS808", resp(cand(tokenCount=-1)), "response", "default", ["/candidates/0/tokenCount"]),
    ("GS808", resp(cand(tokenCount=0)), "response", "default", []),
    (
        "GS809",
        {
            "usageMetadata": {
                "promptTokenCount": 1,
                "toolUsePromptTokenCount": 2,
                "totalTokenCount": 4,
            }
        },
        "response",
        "default",
        ["/usageMetadata/totalTokenCount"],
    ),
    (
        "GS809",
        {
            "usageMetadata": {
                "promptTokenCount": 1,
                "toolUsePromptTokenCount": 2,
                "totalTokenCount": 3,
            }
        },
        "response",
        "default",
        [],
    ),
    ("GS809", {"usageMetadata": {"candidatesTokenCount": 5}}, "response", "default", []),
    ("GS901", [chunk("a"), chunk("b", rid="s")], "stream", "default", ["/1/responseId"]),
    ("GS901", [chunk("a"), chunk("b")], "stream", "default", []),
    (
        "GS902",
        [chunk("a", finish="STOP"), chunk("b")],
        "stream",
        "default",
        ["/0/candidates/0/finishReason"],
    ),
    ("GS902", [chunk("a"), chunk("b", finish="STOP")], "stream", "default", []),
]


@pytest.mark.parametrize(
    ("code", "doc", "kind", "profile", "pointers"),
    CASES,
    ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)],
)
def test_rule(code: str, doc: Any, kind: str, profile: str, pointers: list[str]) -> None:
    got = sorted(p for c, p in found(doc, kind, profile) if c == code)
    assert got == sorted(pointers)


def _semantic_codes() -> list[str]:
    return [r.code for r in all_rules() if r.check is not None]


def test_every_semantic_rule_has_unit_tests() -> None:
    firing = {c for c, *_, pointers in CASES if pointers}
    quiet = {c for c, *_, pointers in CASES if not pointers}
    codes = set(_semantic_codes())
    assert codes <= firing, f"rules without a firing unit test: {sorted(codes - firing)}"
    assert codes <= quiet, f"rules without a quiet unit test: {sorted(codes - quiet)}"


@pytest.mark.parametrize("code", _semantic_codes())
def test_catalog_entry_is_complete_and_its_example_triggers_the_rule(code: str) -> None:
    rule = RULES[code]
    assert rule.summary and rule.why and rule.source and rule.example
    assert rule.name.replace("-", "").isalnum() and rule.name.islower()
    kind = rule.applies_to[0]
    profile = "gemini-3" if code == "GS214" else "default"
    assert code in {c for c, _ in found(json.loads(rule.example), kind, profile)}


def test_codes_are_in_their_area() -> None:
    areas = {
        "contents": "GS2",
        "parts": "GS3",
        "generation_config": "GS4",
        "safety": "GS5",
        "tools": "GS6",
        "caching": "GS7",
        "response": "GS8",
        "stream": "GS9",
    }
    for rule in all_rules():
        module = getattr(rule.check, "__module__", "").rsplit(".", 1)[-1]
        if module in areas:
            assert rule.code.startswith(areas[module]), rule.code


def test_gemini_3_reports_function_role_and_signature_together() -> None:
    doc = req(U(), MC(FC("f")), {"role": "function", "parts": [FR("f")]}, tools=tools("f"))
    assert sorted(found(doc, profile="gemini-3")) == [
        ("GS204", "/contents/2/role"),
        ("GS214", "/contents/1/parts/0"),
    ]


def test_whitespace_only_base64_problem_is_a_warning() -> None:
    doc = req(UC({"inlineData": {"mimeType": "text/plain", "data": "aGVs\nbG8="}}))
    [d] = run_rules(doc, kind="request")
    assert (d.code, d.severity) == ("GS302", Severity.WARNING)


def test_messages_say_what_was_found_and_how_to_fix() -> None:
    [d] = run_rules(gc(stopSequences=list("abcdef")), kind="request")
    assert (
        d.message
        == "generationConfig.stopSequences has 6 entries; the API accepts at most 5: remove 1"
    )


def test_lenient_turns_regrades_alternation() -> None:
    [d] = run_rules(req(U(), U()), kind="request", settings=Settings(profile="lenient-turns"))
    assert (d.code, d.severity) == ("GS206", Severity.WARNING)


# --- engine -------------------------------------------------------------------------------


def test_count_tokens_checks_the_nested_request() -> None:
    doc = {"generateContentRequest": {"model": "gemini-x", "contents": [U(), U()]}}
    assert sorted(found(doc, "count_tokens")) == [
        ("GS206", "/generateContentRequest/contents/1/role"),
        ("GS703", "/generateContentRequest/model"),
    ]
    assert found({"contents": [U()]}, "count_tokens") == []


def test_kinds_without_rules_and_bad_kinds() -> None:
    assert found({"error": {"code": 400}}, "error") == []
    with pytest.raises(UsageError):
        run_rules({}, kind=None, settings=Settings())  # type: ignore[arg-type]


def test_stream_kind_runs_only_stream_rules() -> None:
    bad_chunk = {"candidates": [cand(), cand()], "responseId": "r"}
    assert found([bad_chunk], "stream") == []


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | st.sampled_from(["", "user", "model", "STRING", "OBJECT", "ARRAY", "x", "cachedContents/a"]),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(
        st.sampled_from(
            [
                "contents", "parts", "role", "text", "functionCall", "functionResponse", "name", "id", "inlineData",
                "data", "mimeType", "fileData", "fileUri", "generationConfig", "stopSequences", "responseSchema",
                "responseMimeType", "type", "properties", "items", "anyOf", "required", "enum", "tools",
                "functionDeclarations", "parameters", "toolConfig", "functionCallingConfig", "allowedFunctionNames",
                "mode", "safetySettings", "category", "threshold", "candidates", "content", "index", "finishReason",
                "responseId", "usageMetadata", "totalTokenCount", "promptTokenCount", "groundingMetadata",
                "groundingSupports", "groundingChunkIndices", "segment", "startIndex", "endIndex", "thinkingConfig",
                "thinkingBudget", "systemInstruction", "cachedContent", "model", "safetyRatings", "promptFeedback",
                "blockReason", "citationMetadata", "citationSources", "thoughtSignature", "speechConfig",
                "generateContentRequest", "minItems", "maxItems",
            ]
        ),
        inner,
        max_size=5,
    ),
    max_leaves=30,
)  # fmt: skip


@hyp_settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    doc=_JSON,
    kind=st.sampled_from(["request", "response", "stream", "count_tokens", "error"]),
    profile=st.sampled_from(sorted(BUILTIN_PROFILES)),
)
def test_rules_never_raise(doc: Any, kind: str, profile: str) -> None:
    for d in run_rules(doc, kind=kind, settings=Settings(profile=profile)):
        assert (
            isinstance(d, Diagnostic)
            and d.message
            and (d.pointer == "" or d.pointer.startswith("/"))
        )


# --- settings -----------------------------------------------------------------------------


def _d(code: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(code, severity, "m", "/x")


def test_select_and_ignore_by_code_and_prefix_like_ruff() -> None:
    s = Settings(select=("GS2", "GS401"), ignore=("GS20", "GS206"))
    assert [s.enabled(c) for c in ("GS201", "GS206", "GS210", "GS401", "GS402", "GS101")] == [
        False,
        False,
        True,
        True,
        False,
        False,
    ]
    assert Settings(select=("GS206",), ignore=("GS2",)).enabled(
        "GS206"
    )  # the more specific selector wins
    assert not Settings(select=("GS2",), ignore=("GS2",)).enabled("GS201")  # ignore wins a tie
    assert Settings(select=("ALL",), ignore=("GS1",)).enabled("GS001")


def test_severity_overrides_and_apply_regrade_any_diagnostic() -> None:
    s = Settings(severity={"GS1": "warning", "GS101": "off", "GS402": "error"})
    out = s.apply([_d("GS101"), _d("GS103"), _d("GS402", Severity.WARNING), _d("GS201")])
    assert [(d.code, d.severity) for d in out] == [
        ("GS103", Severity.WARNING),
        ("GS402", Severity.ERROR),
        ("GS201", Severity.ERROR),
    ]
    assert s.apply(out) == out  # idempotent


def test_profile_turns_rules_off_and_explicit_select_turns_them_back_on() -> None:
    assert not Settings().enabled("GS214")
    assert not Settings(select=("GS2",)).enabled("GS214")
    assert Settings(select=("GS2", "GS214")).enabled("GS214")
    assert (
        Settings(severity={"GS214": "warning"}).severity_for("GS214", Severity.ERROR)
        is Severity.WARNING
    )
    assert Settings(profile="gemini-3").enabled("GS214")


def test_merge_applies_command_line_values_like_a_linter() -> None:
    base = Settings(select=("GS2",), ignore=("GS205",), severity={"GS206": "warning"})
    merged = base.merge(
        profile="gemini-3", select=["GS2,GS4", "GS601"], ignore=["GS402"], severity={"GS207": "off"}
    )
    assert merged.profile == "gemini-3" and merged.select == ("GS2", "GS4", "GS601")
    assert merged.ignore == ("GS205", "GS402") and dict(merged.severity) == {
        "GS206": "warning",
        "GS207": "off",
    }
    assert (
        base.merge() is base
        and Settings.merge(base, profile=None, select=None, ignore=None) is base
    )
    with pytest.raises(ConfigError):
        base.merge(select=["E501"])


def test_limit_overrides_reach_the_rules() -> None:
    doc = gc(stopSequences=list("abcdef"))
    assert found(doc, limits={"stop_sequences_max": 8}) == []
    assert (
        Settings(limits={"stop_sequences_max": 8}).resolved_profile.limits.stop_sequences_max == 8
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"profile": "gemini-9"},
        {"select": ("E501",)},
        {"ignore": ("GS2x",)},
        {"severity": {"GS201": "fatal"}},
        {"limits": {"stop_sequence_max": 8}},
        {"limits": {"stop_sequences_max": 2.5}},
    ],
)
def test_bad_settings_are_config_errors(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        Settings(**kwargs)


def test_load_settings_from_pyproject(tmp_path: Any) -> None:
    (tmp_path / "pyproject.toml").write_text(
        """
[project]
name = "x"

[tool.gemschema]
profile = "my-gateway"
select = ["GS"]
ignore = ["GS205"]

[tool.gemschema.severity]
GS206 = "warning"

[tool.gemschema.limits]
candidate_count_max = 4

[tool.gemschema.profiles.my-gateway]
extends = "vertex-ai"
description = "Our gateway."
severity = { GS304 = "off" }
limits = { stop_sequences_max = 10 }
""",
        encoding="utf-8",
    )
    nested = tmp_path / "fixtures" / "deep"
    nested.mkdir(parents=True)
    s = load_settings(nested)
    assert s == load_settings(tmp_path / "pyproject.toml")
    assert s.profile == "my-gateway" and not s.enabled("GS205") and not s.enabled("GS304")
    limits = s.resolved_profile.limits
    assert (
        limits.stop_sequences_max,
        limits.candidate_count_max,
        limits.function_name_max_length,
    ) == (10, 4, 128)
    assert s.severity_for("GS206", Severity.ERROR) is Severity.WARNING
    assert hash(s) == hash(load_settings(nested))


def test_load_settings_without_a_table_or_a_file(tmp_path: Any) -> None:
    with pytest.raises(ConfigError):
        load_settings(tmp_path / "nowhere" / "pyproject.toml")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert load_settings(tmp_path) == Settings()


@pytest.mark.parametrize(
    "table",
    [
        "[tool.gemschema]\nprofiles = 3\n",
        '[tool.gemschema]\nselct = ["GS2"]\n',
        '[tool.gemschema.profiles.p]\nextends = "nope"\n',
        "[tool.gemschema.profiles.p]\nlimits = { foo = 1 }\n",
        '[tool.gemschema.profiles.p]\ncolour = "red"\n',
        "[tool.gemschema\n",
    ],
)
def test_bad_pyproject_is_a_config_error(tmp_path: Any, table: str) -> None:
    (tmp_path / "pyproject.toml").write_text(table, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings(tmp_path)


def test_profiles() -> None:
    assert {"default", "gemini-2.0", "gemini-2.5", "gemini-3", "lenient-turns", "vertex-ai"} <= set(
        BUILTIN_PROFILES
    )
    assert get_profile("default").limits == Limits()
    assert get_profile("gemini-3").tweak("GS214") == ("error", 5)
    with pytest.raises(ConfigError):
        get_profile("nope")


# --- docs ---------------------------------------------------------------------------------


def test_rules_md_is_generated_from_the_registry() -> None:
    text = render_rules_markdown()
    for rule in all_rules():
        assert f"### {rule.code} `{rule.name}`" in text
    assert DOCS_PATH.read_text(encoding="utf-8") == text, (
        "docs/rules.md is stale: run python -m gemschema.rules.docs --write"
    )


# --- speed: the facts index, the subjects that gate rules, the base64 fast path -----------------
#
# The engine walks a document once (``gemschema.rules._facts``) and skips every rule whose
# subject is empty. These tests hold that to "not a single finding changes": the oracle is an
# exhaustive run in which every subject holds every item (from the reference walks below, the
# ones each rule used to make) and every flag is set, so every rule runs over everything.

SIG_PARTS = st.sampled_from(["sig", "", None])
NAMES = st.sampled_from(["f", "g", "", " ", None, 5, ["x"]])
IDS = st.sampled_from(["a", "b", "", None, 3])
TEXTS = st.sampled_from(["hi", "", None, 5])
B64ISH = st.sampled_from(
    ["aGVsbG8=", "aGVsbG8", "aGVs\nbG8=", "aGVsbG8-_w", "$IMG", "", "AAAA==", "é", "A"]
)
MIMES = st.sampled_from(["image/png", "image/jpg", "jpeg", "text/plain; charset=utf-8", "", 5])
URIS = st.sampled_from(["https://example.com/a", "gs://b/c", "report.pdf", "", 7])


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, st.sampled_from([None, "x", [], {}]))


_BLOB = st.fixed_dictionaries({"mimeType": MIMES, "data": B64ISH})
_PART = st.one_of(
    st.fixed_dictionaries({"text": TEXTS}),
    st.fixed_dictionaries(
        {"functionCall": _maybe(st.fixed_dictionaries({"name": NAMES}, optional={"id": IDS}))},
        optional={"thoughtSignature": SIG_PARTS},
    ),
    st.fixed_dictionaries(
        {
            "functionResponse": _maybe(
                st.fixed_dictionaries(
                    {"name": NAMES, "response": st.just({})},
                    optional={
                        "id": IDS,
                        "parts": st.lists(
                            _maybe(st.fixed_dictionaries({"inlineData": _BLOB})), max_size=2
                        ),
                    },
                )
            )
        }
    ),
    st.fixed_dictionaries({"inlineData": _maybe(_BLOB)}, optional={"videoMetadata": st.just({})}),
    st.fixed_dictionaries(
        {"fileData": _maybe(st.fixed_dictionaries({"mimeType": MIMES, "fileUri": URIS}))},
        optional={"videoMetadata": st.sampled_from([{}, None])},
    ),
    st.fixed_dictionaries(
        {}, optional={"text": TEXTS, "inlineData": _BLOB, "videoMetadata": st.just({})}
    ),
    st.sampled_from([None, "text", [], 3]),
)
_TURN = st.one_of(
    st.fixed_dictionaries(
        {
            "parts": st.one_of(
                st.lists(_PART, min_size=1, max_size=3), st.sampled_from([[], None, "x"])
            )
        },
        optional={
            "role": st.sampled_from(
                ["user", "model", "function", "tool", "", None, "assistant", 5, ["user"]]
            )
        },
    ),
    st.sampled_from([None, "turn", []]),
)
_SCHEMA_KEYS = [
    "items", "minItems", "maxItems", "properties", "required", "minProperties", "maxProperties",
    "propertyOrdering", "minLength", "maxLength", "pattern", "minimum", "maximum", "enum", "anyOf",
    "description", "nullable",
]  # fmt: skip
_BOUND = st.sampled_from([1, 5, "3", "7", -1, 2.5, None, "x", True, 10**400, "--1"])
_REQUIRED = st.one_of(
    st.lists(st.sampled_from(["a", "b", "x", 1, None]), max_size=3), st.sampled_from([None, "a"])
)
_LEAF = st.one_of(
    st.fixed_dictionaries(
        {"type": st.just("STRING")},
        optional={
            "minLength": _BOUND,
            "maxLength": _BOUND,
            "enum": st.just(["a"]),
            "pattern": st.just("x"),
            "description": st.just("d"),
        },
    ),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["NUMBER", "INTEGER"])},
        optional={"minimum": _BOUND, "maximum": _BOUND, "enum": st.sampled_from([["1"], None])},
    ),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["BOOLEAN", "OBJECT", "ARRAY"])},
        optional={"description": st.just("d")},
    ),
    st.fixed_dictionaries(  # anything goes: the careful path
        {},
        optional={
            "type": st.sampled_from(
                [
                    "STRING",
                    "NUMBER",
                    "BOOLEAN",
                    "ARRAY",
                    "OBJECT",
                    "TYPE_UNSPECIFIED",
                    None,
                    "string",
                    5,
                ]
            ),
            "minItems": _BOUND,
            "maxItems": _BOUND,
            "minLength": _BOUND,
            "maxLength": _BOUND,
            "minimum": _BOUND,
            "maximum": _BOUND,
            "minProperties": _BOUND,
            "maxProperties": _BOUND,
            "enum": st.sampled_from([["a"], [], None, [1]]),
            "required": _REQUIRED,
            "propertyOrdering": st.just(["a"]),
        },
    ),
)
_SCHEMA = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("OBJECT")},
            optional={
                "properties": st.dictionaries(st.sampled_from(["a", "b", "c", "d/e", "~"]), st.one_of(inner, st.sampled_from([None, 1])), max_size=3),
                "required": _REQUIRED, "minProperties": _BOUND, "maxProperties": _BOUND,
            },
        ),
        st.fixed_dictionaries(
            {"type": st.just("ARRAY")},
            optional={"items": st.one_of(inner, st.sampled_from([None, []])), "minItems": _BOUND, "maxItems": _BOUND},
        ),
        st.fixed_dictionaries(
            {"anyOf": st.lists(st.one_of(inner, st.just(1)), max_size=2)},
            optional={"type": st.sampled_from([None, "OBJECT", "STRING"]), "description": st.just("d")},
        ),
        st.fixed_dictionaries(  # children next to keywords of another type
            {"type": st.sampled_from(["OBJECT", "ARRAY", "STRING", None, "TYPE_UNSPECIFIED"])},
            optional={
                "properties": st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
                "items": inner, "anyOf": st.lists(inner, max_size=2), "required": _REQUIRED,
                "enum": st.just(["a"]), "minimum": _BOUND, "maximum": _BOUND,
            },
        ),
    ),
    max_leaves=8,
)  # fmt: skip
_NUMBER: st.SearchStrategy[Any] = st.sampled_from(
    [
        None,
        0,
        1,
        -1,
        2,
        2.5,
        0.5,
        1.5,
        8,
        40,
        25,
        -2.0,
        2.0,
        "3",
        "-1",
        "x",
        True,
        10**400,
        40000,
        "--1",
        "²",
        [],
    ]
)
_CONFIG = st.fixed_dictionaries(
    {},
    optional={
        "stopSequences": st.sampled_from([[], [""], ["a"] * 6, ["a", ""], ["a"], None, "x"]),
        "candidateCount": _NUMBER, "temperature": _NUMBER, "topP": _NUMBER, "topK": _NUMBER,
        "maxOutputTokens": _NUMBER, "presencePenalty": _NUMBER, "frequencyPenalty": _NUMBER,
        "logprobs": _NUMBER, "responseLogprobs": st.sampled_from([True, False, None]),
        "responseMimeType": st.sampled_from(["application/json", "text/x.enum", "text/plain", None, 5]),
        "responseSchema": st.one_of(_SCHEMA, st.just({"type": "STRING", "enum": ["a"]})),
        "responseJsonSchema": st.sampled_from([{"type": "string"}, None]),
        "thinkingConfig": st.one_of(st.fixed_dictionaries({}, optional={"thinkingBudget": _NUMBER, "thinkingLevel": st.just("LOW")}), st.none()),
        "speechConfig": st.sampled_from([{"voiceConfig": {}, "multiSpeakerVoiceConfig": {}}, {"voiceConfig": {}}, None]),
    },
)  # fmt: skip
_DECL = st.fixed_dictionaries(
    {"name": st.sampled_from(["f", "g", "f", "", "1bad", "a b", "x" * 70, None])},
    optional={
        "parameters": _maybe(_SCHEMA), "response": _SCHEMA,
        "parametersJsonSchema": st.just({"type": "object"}), "responseJsonSchema": st.just({}),
    },
)  # fmt: skip
_SETTING = _maybe(
    st.fixed_dictionaries(
        {
            "category": st.sampled_from(["HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_TOXICITY", "HARM_CATEGORY_UNSPECIFIED", ["x"], None]),
            "threshold": st.sampled_from(["BLOCK_NONE", "HARM_BLOCK_THRESHOLD_UNSPECIFIED"]),
        }
    )
)  # fmt: skip
REQUESTS = st.fixed_dictionaries(
    {"contents": st.one_of(st.lists(_TURN, max_size=6), st.sampled_from([[], None, "x"]))},
    optional={
        "systemInstruction": st.fixed_dictionaries({"parts": st.lists(_PART, max_size=2)}),
        "generationConfig": _maybe(_CONFIG),
        "safetySettings": st.lists(_SETTING, max_size=3),
        "tools": st.lists(
            st.one_of(
                st.fixed_dictionaries({"functionDeclarations": _maybe(st.lists(_DECL, max_size=3))}),
                st.just({"computerUse": {}}),
            ),
            max_size=2,
        ),
        "toolConfig": st.fixed_dictionaries(
            {"functionCallingConfig": st.fixed_dictionaries({"mode": st.sampled_from(["ANY", "AUTO", None]), "allowedFunctionNames": st.lists(NAMES, max_size=2)})}
        ),
        "cachedContent": st.sampled_from(["cachedContents/x", "x", "", None]),
        "model": st.sampled_from(["models/x", "x", "", None, 3]),
    },
)  # fmt: skip
_CANDIDATE: st.SearchStrategy[Any] = st.fixed_dictionaries(
    {"content": st.fixed_dictionaries({"role": st.sampled_from(["model", "", "user", None, 5]), "parts": st.lists(_PART, max_size=2)})},
    optional={
        "index": st.sampled_from([0, 1, "1", None, 1.0, True]),
        "safetyRatings": st.lists(st.fixed_dictionaries({"category": st.sampled_from(["A", "B", 5, ["l"]])}), max_size=3),
        "citationMetadata": st.fixed_dictionaries({"citationSources": st.lists(st.fixed_dictionaries({"startIndex": _NUMBER, "endIndex": _NUMBER}), max_size=2)}),
        "groundingMetadata": st.fixed_dictionaries(
            {"groundingChunks": st.lists(st.just({}), max_size=2)},
            optional={"groundingSupports": st.lists(st.fixed_dictionaries({"segment": st.fixed_dictionaries({"startIndex": _NUMBER, "endIndex": _NUMBER}), "groundingChunkIndices": st.lists(_NUMBER, max_size=2), "confidenceScores": st.sampled_from([[], [0.1], [0.1, 0.2], None])}), max_size=2)},
        ),
        "tokenCount": _NUMBER,
        "finishReason": st.sampled_from(["STOP", "FINISH_REASON_UNSPECIFIED", None]),
    },
)  # fmt: skip
RESPONSES = st.fixed_dictionaries(
    {"candidates": st.lists(_CANDIDATE, max_size=3)},
    optional={
        "promptFeedback": st.fixed_dictionaries({"blockReason": st.sampled_from(["SAFETY", "BLOCK_REASON_UNSPECIFIED", None]), "safetyRatings": st.lists(st.fixed_dictionaries({"category": st.sampled_from(["A", "B"])}), max_size=3)}),
        "usageMetadata": st.dictionaries(st.sampled_from(["promptTokenCount", "candidatesTokenCount", "totalTokenCount", "thoughtsTokenCount"]), _NUMBER, max_size=4),
        "responseId": st.sampled_from(["r1", "r2"]),
    },
)  # fmt: skip
_PROFILES = st.sampled_from([*sorted(BUILTIN_PROFILES), "tight"])


def _settings(profile: str) -> Settings:
    if profile == "tight":  # limits below the documented ones: subjects must not assume them
        return Settings(
            limits={
                "stop_sequences_max": 1,
                "candidate_count_max": 0,
                "function_name_max_length": 1,
            }
        )
    return Settings(profile=profile)


def _reference_schema_nodes(doc: Any) -> list[tuple[Path, dict[str, Any]]]:
    """Every Schema node with its path: the walk GS604-GS610 made before the facts index."""
    roots: list[tuple[Path, dict[str, Any]]] = []
    for path, decl in function_declarations(doc):
        for field in ("parameters", "response"):
            if isinstance(decl.get(field), dict):
                roots.append(((*path, field), decl[field]))
    response_schema = obj(obj(doc).get("generationConfig")).get("responseSchema")
    if isinstance(response_schema, dict):
        roots.append((("generationConfig", "responseSchema"), response_schema))
    out, stack = [], roots[::-1]
    while stack:
        path, node = stack.pop()
        out.append((path, node))
        children: list[tuple[Path, dict[str, Any]]] = []
        for name, sub in obj(node.get("properties")).items():
            if isinstance(sub, dict):
                children.append(((*path, "properties", name), sub))
        if isinstance(node.get("items"), dict):
            children.append(((*path, "items"), node["items"]))
        for k, sub in enumerate(items(node.get("anyOf"))):
            if isinstance(sub, dict):
                children.append(((*path, "anyOf", k), sub))
        stack.extend(reversed(children))
    return out


_SECTIONS: dict[str, Any] = {
    "conversation": Conversation,
    "config": ConfigFacts,
    "safety": SafetyFacts,
    "tools": ToolFacts,
    "resources": ResourceFacts,
    "response": ResponseFacts,
}
_COMPLETE = {"decls", "calls"}
"""Subjects that are complete item collections rather than filters (nothing to widen)."""


def _exhaustive(doc: Any, kind: str) -> Facts:
    """Facts in which every subject holds every item and every flag is set."""
    facts = Facts(doc, kind)
    wide = {name: section(facts.document) for name, section in _SECTIONS.items()}
    parts = wide["response" if kind == "response" else "conversation"].parts
    every: dict[type, list[Any]] = {
        PartFacts: list(response_parts(doc) if kind == "response" else request_parts(doc)),
        ToolFacts: _reference_schema_nodes(doc),
    }
    for section in (*wide.values(), parts):
        for flag in type(section).FLAGS:
            setattr(section, flag, True)
        for subject in getattr(type(section), "SUBJECTS", ()):
            setattr(section, subject, every[type(section)])
        for subject in getattr(type(section), "DECL_SUBJECTS", ()):
            setattr(section, subject, list(function_declarations(doc)))
    facts.__dict__.update(wide, parts=parts)
    return facts


def _run_exhaustive(doc: Any, kind: str, settings: Settings) -> list[Diagnostic]:
    ctx = RuleContext(kind, "v1beta", settings.resolved_profile, settings, _exhaustive(doc, kind))
    found: list[Diagnostic] = []
    for rule in applicable_rules(kind, settings):
        found.extend(rule.check(doc, ctx))
    return settings.apply(found)


def test_every_subject_names_a_fact() -> None:
    for code, subject in SUBJECTS.items():
        section, _, attribute = subject.partition(".")
        owner = PartFacts if section == "parts" else _SECTIONS[section]
        facts = (
            *owner.FLAGS,
            *getattr(owner, "SUBJECTS", ()),
            *getattr(owner, "DECL_SUBJECTS", ()),
            *_COMPLETE,
        )
        assert attribute in facts, f"{code}: {subject}"
    semantic = {r.code for r in all_rules() if r.check is not None and "stream" not in r.applies_to}
    assert semantic == set(SUBJECTS), "every request and response rule declares its subject"


def test_the_plan_keeps_code_order() -> None:
    for kind in RULE_KINDS:
        settings = Settings(profile="gemini-3")
        planned = [check for _, steps in plan(kind, settings) for _, check in steps]
        assert planned == [r.check for r in applicable_rules(kind, settings)]


@hyp_settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(doc=REQUESTS, profile=_PROFILES)
def test_subjects_never_hide_a_finding_in_requests(doc: Any, profile: str) -> None:
    settings = _settings(profile)
    assert run_rules(doc, kind="request", settings=settings) == _run_exhaustive(
        doc, "request", settings
    )


@hyp_settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(schemas=st.lists(_SCHEMA, min_size=1, max_size=3), profile=_PROFILES)
def test_subjects_never_hide_a_finding_in_schemas(schemas: list[Any], profile: str) -> None:
    doc = req(
        tools=[{"functionDeclarations": [{"name": "f", "parameters": s} for s in schemas[1:]]}],
        generationConfig={"responseMimeType": "application/json", "responseSchema": schemas[0]},
    )
    settings = _settings(profile)
    assert run_rules(doc, kind="request", settings=settings) == _run_exhaustive(
        doc, "request", settings
    )


@hyp_settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(doc=st.one_of(RESPONSES, _JSON), profile=_PROFILES)
def test_subjects_never_hide_a_finding_in_responses(doc: Any, profile: str) -> None:
    settings = _settings(profile)
    assert run_rules(doc, kind="response", settings=settings) == _run_exhaustive(
        doc, "response", settings
    )


@hyp_settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(doc=st.one_of(REQUESTS, _JSON))
def test_facts_are_the_reference_walks(doc: Any) -> None:
    facts = Facts(doc, "request")
    conversation, tools = facts.conversation, ToolFacts(facts.document)  # not memoised
    turns = list(request_contents(doc))
    assert conversation.turns == turns
    assert conversation.sides == [side_of(content) for _, content in turns]
    assert conversation.calls == {
        n: function_calls(content)
        for n, (_, content) in enumerate(turns)
        if function_calls(content)
    }
    assert conversation.answers == {
        n: function_responses(content)
        for n, (_, content) in enumerate(turns)
        if function_responses(content)
    }
    if tools.live:
        assert tools.decls == list(function_declarations(doc))
        assert tools.names == declared_names(doc)
    nodes = [(tuple(path), id(node)) for path, node in _reference_schema_nodes(doc)]
    found_decls = iter(tools.decls)
    assert all(entry in found_decls for entry in tools.bad_names)
    for subject in ToolFacts.SUBJECTS:  # each a subsequence of the walk, in its order
        found = iter(nodes)
        assert all((tuple(p), id(n)) in found for p, n in getattr(tools, subject)), subject
    every = [(path, id(part)) for path, part in request_parts(doc)]
    for subject in PartFacts.SUBJECTS:
        found = iter(every)
        assert all((p, id(part)) in found for p, part in getattr(facts.parts, subject)), subject


def _subjects(tools: ToolFacts) -> dict[str, Any]:
    names = (*ToolFacts.SUBJECTS, *ToolFacts.DECL_SUBJECTS, *ToolFacts.FLAGS)
    return {name: getattr(tools, name) for name in names} | {
        "decls": tools.decls,
        "names": tools.names,
    }


@hyp_settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(doc=REQUESTS)
def test_memoised_tool_facts_equal_fresh_ones(doc: Any) -> None:
    fresh = ToolFacts(doc)
    for _ in range(2):  # noted, then remembered
        assert _subjects(facts_module.tool_facts(copy.deepcopy(doc))) == _subjects(fresh)
    assert _subjects(facts_module.tool_facts(doc)) == _subjects(fresh)


def test_changing_a_document_after_validation_does_not_change_the_memo() -> None:
    facts_module.TOOLS_MEMO.clear()
    bare = {"type": "ARRAY"}  # GS607
    first = fn({"type": "OBJECT", "properties": {"a": bare}})
    expected = run_rules(copy.deepcopy(first), kind="request")  # first sighting: noted
    assert [d.code for d in expected] == ["GS607"]
    assert len(facts_module.TOOLS_MEMO) == 0
    assert run_rules(first, kind="request") == expected  # second: remembered, from a copy
    assert len(facts_module.TOOLS_MEMO) == 1
    bare["items"] = {"type": "STRING"}  # the caller fixes its own document in place
    assert run_rules(first, kind="request") == []
    again = fn({"type": "OBJECT", "properties": {"a": {"type": "ARRAY"}}})
    assert run_rules(again, kind="request") == expected


def test_a_tool_set_with_nan_is_not_taken_for_one_with_null() -> None:
    nan = fn({"type": "OBJECT", "properties": {"a": {"type": "INTEGER", "enum": float("nan")}}})
    null = fn({"type": "OBJECT", "properties": {"a": {"type": "INTEGER", "enum": None}}})
    for _ in range(3):
        assert [d.code for d in run_rules(nan, kind="request")] == ["GS606"]
        assert run_rules(null, kind="request") == []


def test_the_memo_keeps_only_recurring_tool_sets_of_bounded_size() -> None:
    memo = facts_module.ToolFactsMemo(size=2)
    docs = [fn({"type": "OBJECT", "properties": {f"p{i}": {"type": "STRING"}}}) for i in range(3)]
    keys = [(orjson.dumps([d["tools"], False, False]), 64) for d in docs]

    def get(i: int) -> ToolFacts:
        return memo.get(keys[i], docs[i])

    once = get(0)
    assert len(memo) == 0  # a first sighting is only noted
    kept = get(0)
    assert len(memo) == 1 and kept is not once and get(0) is kept
    get(1), get(1), get(2), get(2)
    assert len(memo) == 2 and get(2) is get(2)
    assert get(0) is not kept  # dropped as the oldest: now only noted again
    get(1), get(2)  # noting 1 and 2 pushed the sighting of 0 out (2 sightings at most)
    get(0)
    assert get(0) is not kept and len(memo) == 2
    huge = {"type": "STRING", "description": "x" * facts_module.TOOLS_MEMO_MAX_BYTES}
    big = fn({"type": "OBJECT", "properties": {"a": huge}})
    facts_module.TOOLS_MEMO.clear()
    for _ in range(3):
        assert run_rules(big, kind="request") == []
    assert len(facts_module.TOOLS_MEMO) == 0


def test_each_section_is_built_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    facts_module.TOOLS_MEMO.clear()  # a remembered tool set would not be built at all
    built: Counter[str] = Counter()
    for name in ("Conversation", "ConfigFacts", "SafetyFacts", "ToolFacts", "ResourceFacts"):
        original = getattr(facts_module, name)

        def counting(*args: Any, _original: Any = original, _name: str = name) -> Any:
            built[_name] += 1
            return _original(*args)

        monkeypatch.setattr(facts_module, name, counting)
    doc = req(
        U(),
        MC(FC("f"), FC("h")),
        UC(FR("f"), FR("g")),
        MC(FC("")),
        tools=[{"functionDeclarations": [{"name": "f", "parameters": {"type": "ARRAY"}}]}],
        generationConfig={"temperature": 3, "stopSequences": [""]},
        safetySettings=[{"category": "HARM_CATEGORY_TOXICITY", "threshold": "BLOCK_NONE"}] * 2,
        model="x",
    )
    codes = {d.code for d in run_rules(doc, kind="request", settings=Settings(profile="gemini-3"))}
    assert {"GS208", "GS211", "GS213", "GS214", "GS404", "GS402", "GS501", "GS502"} <= codes
    assert {"GS607", "GS614", "GS703"} <= codes
    assert built == dict.fromkeys(built, 1) and len(built) == 5


def test_a_valid_request_runs_no_check_it_does_not_need() -> None:
    ran: list[str] = []
    doc = req(U(), M(), U("again"), generationConfig={"temperature": 1}, tools=tools("f"))
    settings = Settings()
    for section, steps in plan("request", settings):
        subject = getattr(Facts(doc, "request"), section) if section else None
        for gate, check in steps:
            if subject is None or (subject.live and (gate is None or gate(subject))):
                ran.append(check.__name__)
    assert ran == []  # temperature 1 lies in the quiet range, "f" is a good function name
    assert run_rules(doc, kind="request", settings=settings) == []


@pytest.mark.parametrize(
    ("config", "profile", "code"),
    [
        ({"temperature": 2.5}, "default", "GS404"),
        ({"temperature": True}, "default", None),  # a type error, for the structural pass
        ({"topP": 1.0000001}, "default", "GS405"),
        ({"topK": 0}, "default", "GS406"),
        ({"topK": "0"}, "default", "GS406"),  # an int64 string is not a quiet number
        ({"maxOutputTokens": -1.5}, "default", "GS407"),
        ({"candidateCount": 2}, "default", "GS403"),
        ({"candidateCount": 2}, "gemini-2.5", None),
        ({"candidateCount": 9}, "gemini-2.5", "GS403"),
        ({"stopSequences": []}, "default", "GS401"),
        ({"stopSequences": ["a"] * 6}, "default", "GS401"),
        ({"stopSequences": ["a"] * 6}, "vertex-ai", None),
        ({"stopSequences": ["a", ""]}, "default", "GS402"),
    ],
)
def test_quiet_ranges_follow_the_profile(
    config: dict[str, Any], profile: str, code: str | None
) -> None:
    found = run_rules(
        req(U(), generationConfig=config), kind="request", settings=_settings(profile)
    )
    assert [d.code for d in found] == ([code] if code else [])


def test_deep_schemas_are_walked_without_recursion() -> None:
    node: dict[str, Any] = {"type": "ARRAY"}  # the innermost ARRAY has no items: GS607
    for _ in range(600):
        node = {"type": "ARRAY", "items": node}
    [d] = run_rules(fn({"type": "OBJECT", "properties": {"a": node}}), kind="request")
    assert d.code == "GS607" and d.pointer.count("/items") == 600


@pytest.mark.parametrize(
    ("doc", "code"),
    [
        (req(safetySettings=[{"category": ["HARM_CATEGORY_TOXICITY"], "threshold": "OFF"}]), None),
        (req(U(), MC(FC(["f"]), FC("g")), UC(FR("g"), FR("g"))), "GS211"),  # type: ignore[arg-type]
        (gc(candidateCount="--1", logprobs="²", topK="1" * 5000), None),
        (gc(temperature=10**400, topP=-(10**400)), "GS404"),
        (
            fn(
                {
                    "type": "OBJECT",
                    "properties": {"a": {"type": "STRING"}},
                    "minProperties": 10**400,
                    "maxProperties": 1,
                }
            ),
            None,
        ),
    ],
)
def test_values_that_used_to_raise_are_handled(doc: Any, code: str | None) -> None:
    assert code is None or code in {d.code for d in run_rules(doc, kind="request")}


def test_is_base64_never_accepts_what_base64_problem_rejects() -> None:
    alphabet = "AQ/+-_=\n é"
    for size in range(6):
        for chars in itertools.product(alphabet, repeat=size):
            value = "".join(chars)
            assert not is_base64(value) or base64_problem(value) is None, repr(value)
    for size in range(40):
        raw = bytes(range(size))
        for text in (
            base64.b64encode(raw).decode(),
            base64.urlsafe_b64encode(raw).decode(),
            base64.b64encode(raw).decode().rstrip("="),
        ):
            assert is_base64(text) and base64_problem(text) is None


def test_valid_inline_data_is_not_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[int] = []
    real = binascii.a2b_base64

    def counting(data: Any, **kwargs: Any) -> bytes:
        decoded.append(len(data))
        return real(data, **kwargs)

    monkeypatch.setattr(binascii, "a2b_base64", counting)
    image = base64.b64encode(bytes(range(256)) * 4000).decode()
    doc = req(UC({"inlineData": {"mimeType": "image/png", "data": image}}))
    assert run_rules(doc, kind="request") == [] and decoded == []
    broken = req(UC({"inlineData": {"mimeType": "image/png", "data": image[:-2] + "!="}}))
    assert [d.code for d in run_rules(broken, kind="request")] == ["GS302"] and decoded


def test_settings_memos_are_not_pickled_and_do_not_change_results() -> None:
    s = Settings(select=("GS2", "GS4"), severity={"GS206": "warning"})
    assert hash(s) == hash(Settings(select=("GS2", "GS4"), severity={"GS206": "warning"}))
    out = s.apply([_d("GS206"), _d("GS401"), _d("GS601"), _d("GS206")])
    assert [(d.code, d.severity) for d in out] == [
        ("GS206", Severity.WARNING),
        ("GS401", Severity.ERROR),
        ("GS206", Severity.WARNING),
    ]
    copy = pickle.loads(pickle.dumps(s))
    assert copy == s and not {"_hash", "_grades_memo"} & set(copy.__dict__)
    assert copy.apply(out) == out
