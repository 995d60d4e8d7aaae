"""Benchmark payloads: small (~150 B), medium (~8 KB: 10 turns, tools, config), large (~1.2 MB)."""

from __future__ import annotations

import base64
import random
from typing import Any


def small() -> dict[str, Any]:
    return {
        "contents": [{"role": "user", "parts": [{"text": "Explain how AI works in a few words"}]}]
    }


def _tools() -> list[dict[str, Any]]:
    return [
        {
            "functionDeclarations": [
                {
                    "name": f"tool_{i}",
                    "description": "Look up the current weather: returns temperature, wind and sky.",
                    "parameters": {
                        "type": "OBJECT",
                        "properties": {
                            "location": {
                                "type": "STRING",
                                "description": "City and country, e.g. Paris, FR",
                            },
                            "unit": {"type": "STRING", "enum": ["celsius", "fahrenheit"]},
                            "days": {"type": "INTEGER", "minimum": 1, "maximum": 7},
                        },
                        "required": ["location"],
                    },
                }
                for i in range(3)
            ]
        }
    ]


def medium(turns: int = 11) -> dict[str, Any]:
    rng = random.Random(7)
    words = [
        "the",
        "a",
        "gemini",
        "model:",
        "request",
        "https://example.com/x?y=1",
        "answer",
        "tool",
        "weather",
        "city",
    ]
    contents = []
    for i in range(turns):
        role = "user" if i % 2 == 0 else "model"
        text = " ".join(rng.choice(words) for _ in range(90))
        contents.append({"role": role, "parts": [{"text": text}]})
    return {
        "systemInstruction": {"parts": [{"text": "You are a helpful assistant: answer briefly."}]},
        "contents": contents,
        "tools": _tools(),
        "toolConfig": {"functionCallingConfig": {"mode": "AUTO"}},
        "safetySettings": [
            {"category": "HARM_CATEGORY_HARASSMENT", "threshold": "BLOCK_ONLY_HIGH"},
            {"category": "HARM_CATEGORY_HATE_SPEECH", "threshold": "BLOCK_MEDIUM_AND_ABOVE"},
        ],
        "generationConfig": {
            "temperature": 0.7,
            "topP": 0.95,
            "topK": 40,
            "maxOutputTokens": 1024,
            "stopSequences": ["\n\n\n"],
            "candidateCount": 1,
        },
    }


def large(turns: int = 101, image_bytes: int = 750_000) -> dict[str, Any]:
    doc = medium(turns)
    image = base64.b64encode(random.Random(1).randbytes(image_bytes)).decode()
    doc["contents"][-2]["parts"].append({"inlineData": {"mimeType": "image/png", "data": image}})
    return doc


def invalid(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with one structural and one semantic mistake."""
    out = dict(doc)
    out["generationConfig"] = {
        **doc.get("generationConfig", {}),
        "candidateCount": 2,
        "topK": "many",
    }
    return out


def openai_medium(turns: int = 11) -> dict[str, Any]:
    """The medium request as an OpenAI Chat Completions request."""
    gemini = medium(turns)
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": gemini["systemInstruction"]["parts"][0]["text"]}
    ]
    for turn in gemini["contents"]:
        role = "user" if turn["role"] == "user" else "assistant"
        messages.append({"role": role, "content": turn["parts"][0]["text"]})
    tools = [
        {
            "type": "function",
            "function": {
                "name": f"tool_{i}",
                "description": "Look up the current weather: returns temperature, wind and sky.",
                "parameters": {
                    "type": "object",
                    "properties": {
                        "location": {"type": "string", "description": "City and country"},
                        "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                        "days": {"type": "integer", "minimum": 1, "maximum": 7},
                    },
                    "required": ["location"],
                },
            },
        }
        for i in range(3)
    ]
    return {
        "model": "gemini-2.5-flash",
        "messages": messages,
        "tools": tools,
        "tool_choice": "auto",
        "temperature": 0.7,
        "top_p": 0.95,
        "max_tokens": 1024,
        "stop": ["\n\n\n"],
    }
