"""What a Gemini API version lacks: the ``v1`` request is a subset of ``v1beta``.

``v1`` (per the API descriptors) has no ``systemInstruction``, ``tools``, ``toolConfig`` or
``cachedContent``; its parts hold ``text``, ``inlineData`` and ``videoMetadata`` only; and its
``generationConfig`` lacks the fields below. A request converted for ``v1`` is pruned to that,
each dropped field reported at its OpenAI source; system text opens the first user turn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gemschema.openai._types import Losses, Obj

V1_CONFIG = {
    "stopSequences", "responseJsonSchema", "candidateCount", "maxOutputTokens", "temperature",
    "topP", "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs",
    "logprobs", "enableEnhancedCivicAnswers",
}  # fmt: skip
V1_PART = {"text", "inlineData", "videoMetadata"}
_TOP = {"systemInstruction", "contents", "generationConfig", "safetySettings"}


def prune_v1(
    doc: Obj, losses: Losses, *, sources: dict[int, str], config_sources: dict[str, str]
) -> Obj:
    """``doc`` without what ``v1`` lacks; ``sources`` maps ``id(part)`` to its OpenAI pointer."""
    out = {k: v for k, v in doc.items() if k in _TOP}
    for key in set(doc) - _TOP:
        losses.add(config_sources.get(key, f"/{key}"), f"the v1 API has no {key}")
    contents: list[Obj] = []
    for turn in doc.get("contents", []):
        parts = []
        for part in turn["parts"]:
            where = sources.get(id(part), "/messages")
            if not set(part) & V1_PART:
                losses.add(where, "the v1 API has no such part")
                continue
            for key in set(part) - V1_PART:
                losses.add(where, f"the v1 API has no part field {key}")
            parts.append({k: v for k, v in part.items() if k in V1_PART})
        if contents and parts and contents[-1]["role"] == turn["role"]:
            contents[-1]["parts"] += parts
        elif parts:
            contents.append({"role": turn["role"], "parts": parts})
    system = out.pop("systemInstruction", None)
    if system is not None:
        losses.add(config_sources["systemInstruction"], "the v1 API has no system instruction")
        if contents and contents[0]["role"] == "user":
            contents[0]["parts"] = system["parts"] + contents[0]["parts"]
        else:
            contents.insert(0, {"role": "user", "parts": system["parts"]})
    out["contents"] = contents
    config = out.get("generationConfig", {})
    if "responseMimeType" in config:
        config.pop("responseJsonSchema", None)  # a schema means nothing without its MIME type
    for key in set(config) - V1_CONFIG:
        losses.add(config_sources.get(key, "/"), f"the v1 API has no generationConfig.{key}")
        del config[key]
    if "generationConfig" in out and not config:
        del out["generationConfig"]
    return out
