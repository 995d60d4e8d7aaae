"""Unit tests of the semantic rules (on canonical documents), the settings and the profiles."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.errors import ConfigError, UsageError
from gemschema.profiles import BUILTIN_PROFILES, Limits, get_profile
from gemschema.rules.catalog import RULES, all_rules
from gemschema.rules.docs import DOCS_PATH, render_rules_markdown
from gemschema.rules.engine import run_rules
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
