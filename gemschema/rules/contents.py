"""GS2xx: the conversation — contents, roles, turn order, and function call/response pairing.

Roles: the reference accepts ``user`` and ``model`` only. ``function`` and ``tool`` come from
older material (early function-calling samples and SDKs sent function responses under them):
they are a warning (GS204) and count as the user side of the conversation, since a function
response turn sits where a user turn does. Any other role is an error (GS203). A turn without a
role counts as a user turn, which is what the API assumes for single-turn requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.rules._walk import (
    Path,
    items,
    nonempty_str,
    obj,
    parts_of,
    plural,
    ptr,
    role_of,
    rule,
    side_of,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gemschema.rules.engine import RuleContext

_REF = "Gemini API reference, `GenerateContentRequest` and `Content` (ai.google.dev/api/generate-content)"
_ALTERNATE = "Please ensure that multiturn requests alternate between user and model."


def _role_path(i: int, content: dict[str, Any]) -> str:
    return ptr(("contents", i, "role")) if "role" in content else ptr(("contents", i))


def _turns(ctx: RuleContext) -> list[tuple[int, dict[str, Any]]]:
    """``(index, Content)`` for every object in ``contents`` (gathered once per run)."""
    return ctx.facts.conversation.turns


def _call_turns(ctx: RuleContext) -> list[int]:
    """Positions (in :func:`_turns`) of the model turns that hold function calls, in order."""
    conversation = ctx.facts.conversation
    sides = conversation.sides
    return [n for n in conversation.calls if sides[n] == "model"]


def _answered_call_turns(ctx: RuleContext) -> Iterator[tuple[int, int, int]]:
    """``(n, i, k)`` for each call turn ``n`` followed by a user turn: ``i`` and ``k`` are the
    two turns' indexes in ``contents``."""
    conversation = ctx.facts.conversation
    turns, sides = conversation.turns, conversation.sides
    for n in _call_turns(ctx):
        if n + 1 < len(turns) and sides[n + 1] == "user":
            yield n, turns[n][0], turns[n + 1][0]


@rule(
    "GS201",
    "empty-contents",
    subject="conversation.empty",
    summary="`contents` is an empty list.",
    severity=Severity.ERROR,
    why=(
        "`contents` is required and holds at least the current user turn; the API refuses an"
        " empty list as if the field were absent (`* GenerateContentRequest.contents: contents is"
        " not specified`). A missing `contents` is reported by the structural check (GS104)."
    ),
    source=f"{_REF}: `contents[]` — Required. API error text quoted in vercel/ai#3775.",
    example='{"contents": []}',
)
def empty_contents(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    contents = obj(doc).get("contents")
    if isinstance(contents, list) and not contents:
        yield empty_contents.diagnostic(
            "contents is an empty list; the API needs at least one turn: add a user turn such as"
            ' {"role": "user", "parts": [{"text": "…"}]}',
            ptr(("contents",)),
        )


@rule(
    "GS202",
    "content-without-parts",
    subject="conversation.partless",
    summary="A turn in `contents` has no parts.",
    severity=Severity.ERROR,
    why=(
        "A `Content` is an ordered list of parts; a turn without any is refused with"
        " `* GenerateContentRequest.contents[1].parts: contents.parts must not be empty.` It"
        " usually comes from an empty chat message that a client converted as it was."
    ),
    source=(
        f"{_REF}: `Content.parts[]`. API error text quoted in langchain-ai/langchain-google#691"
        " and vercel/ai#3775."
    ),
    example='{"contents": [{"role": "user", "parts": []}]}',
)
def content_without_parts(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, content in _turns(ctx):
        parts = content.get("parts")
        if parts is None or (isinstance(parts, list) and not parts):
            found = "no parts field" if parts is None else "an empty parts list"
            yield content_without_parts.diagnostic(
                f"contents[{i}] has {found}; every turn needs at least one part: add a part or drop the turn",
                ptr(("contents", i, "parts")) if parts is not None else ptr(("contents", i)),
            )


@rule(
    "GS203",
    "invalid-role",
    subject="conversation.odd_roles",
    summary="A turn's role is neither `user` nor `model`.",
    severity=Severity.ERROR,
    why=(
        "The reference allows `user` and `model` only; anything else (`assistant`, `system`,"
        " `User`) is refused with `Please use a valid role: user, model.` A system prompt belongs"
        " in `systemInstruction`, an assistant turn is a `model` turn. (`function` and `tool` are"
        " GS204.)"
    ),
    source=f"{_REF}: `Content.role` — \"Must be either 'user' or 'model'\". API error text quoted in the-open-agent/openagent#1666.",
    example='{"contents": [{"role": "assistant", "parts": [{"text": "hi"}]}]}',
)
def invalid_role(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, content in _turns(ctx):
        role = role_of(content)
        if isinstance(role, str) and side_of(content) is None:
            hint = {
                "assistant": "use 'model' for the assistant's turns",
                "system": "move a system prompt into systemInstruction",
            }.get(role.lower(), "use 'user' or 'model'")
            yield invalid_role.diagnostic(
                f"contents[{i}].role is {role!r}; the API accepts only 'user' or 'model': {hint}",
                ptr(("contents", i, "role")),
            )


@rule(
    "GS204",
    "legacy-function-role",
    subject="conversation.odd_roles",
    summary="A turn uses the `function` or `tool` role from older material.",
    severity=Severity.WARNING,
    why=(
        "Early function-calling samples and SDKs sent function responses under role `function`"
        " (or `tool`, from OpenAI-style converters), and older models accepted it. The reference"
        " now lists only `user` and `model`, and newer models refuse `function` (SDKs switched to"
        " `user` for that reason). gemschema treats such a turn as the user side of the"
        " conversation and warns; send function responses with role `user`."
    ),
    source=(
        f"{_REF}: `Content.role`; `Tool.functionDeclarations` still mentions the `function` role."
        " Evidence of the change: genkit-ai/genkit#5777, google-gemini/deprecated-generative-ai-dart#159,"
        " sashiko-dev/sashiko#500."
    ),
    example='{"contents": [{"role": "function", "parts": [{"functionResponse": {"name": "f", "response": {}}}]}]}',
)
def legacy_function_role(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for i, content in _turns(ctx):
        role = role_of(content)
        if role in ("function", "tool"):
            yield legacy_function_role.diagnostic(
                f"contents[{i}].role is {role!r}, a role from older material; the reference accepts"
                " only 'user' or 'model' and newer models refuse it: send function responses with role 'user'",
                ptr(("contents", i, "role")),
            )


@rule(
    "GS205",
    "missing-role",
    subject="conversation.odd_roles",
    summary="A turn of a multi-turn conversation does not name its role.",
    severity=Severity.WARNING,
    why=(
        "The role may be left empty for a single-turn query; in a conversation it says who"
        " spoke, and a missing one is taken as `user`, which silently shifts the alternation."
        " A warning: the reference calls the role useful, not required."
    ),
    source=f'{_REF}: `Content.role` — "Useful to set for multi-turn conversations, otherwise can be left blank or unset."',
    example='{"contents": [{"parts": [{"text": "hi"}]}, {"role": "model", "parts": [{"text": "hello"}]}]}',
)
def missing_role(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    turns = _turns(ctx)
    if len(turns) < 2:
        return
    for i, content in turns:
        if role_of(content) == "":
            yield missing_role.diagnostic(
                f"contents[{i}] has no role in a {len(turns)}-turn conversation; it is taken as 'user':"
                " set role to 'user' or 'model'",
                ptr(("contents", i)),
            )


@rule(
    "GS206",
    "turns-not-alternating",
    subject="conversation.order_broken",
    summary="Two consecutive turns come from the same side (user/user or model/model).",
    severity=Severity.ERROR,
    why=(
        "The reference says the roles of a multi-turn request alternate between `user` and"
        f" `model`, and the API refuses two same-side turns in a row: `{_ALTERNATE}` Parallel"
        " function responses belong in one user turn, not one turn each. Some current models"
        " accept two user turns in a row; the `lenient-turns` profile makes this a warning."
    ),
    source=(
        "Gemini API text-generation guide (multi-turn: roles alternate between user and model);"
        " API error text quoted in NousResearch/hermes-agent#55125 and openillumi.com (LangChain)."
    ),
    example='{"contents": [{"role": "user", "parts": [{"text": "a"}]}, {"role": "user", "parts": [{"text": "b"}]}]}',
)
def turns_not_alternating(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    conversation = ctx.facts.conversation
    sides = conversation.sides
    for n, (i, content) in enumerate(conversation.turns):
        side = sides[n]
        if n and side is not None and side == sides[n - 1]:
            fix = (
                "merge their parts into one turn"
                if side == "user"
                else "merge the two model turns or add the user turn between them"
            )
            yield turns_not_alternating.diagnostic(
                f"contents[{i}] is a {side} turn right after another {side} turn; the API requires turns to"
                f" alternate between user and model: {fix}",
                _role_path(i, content),
            )


@rule(
    "GS207",
    "first-turn-not-user",
    subject="conversation.order_broken",
    summary="The conversation starts with a model turn.",
    severity=Severity.ERROR,
    why=(
        "A conversation opens with the user; a history that begins with a `model` turn (often an"
        " assistant greeting kept in the chat log, or a history truncated from the front) is"
        f" refused with `{_ALTERNATE}` or, when it holds a function call, `Please ensure that"
        " function call turn comes immediately after a user turn or after a function response turn.`"
    ),
    source="API error texts quoted in openillumi.com (LangChain + Gemini) and google-gemini/gemini-cli#11814.",
    example='{"contents": [{"role": "model", "parts": [{"text": "Hi!"}]}, {"role": "user", "parts": [{"text": "hi"}]}]}',
)
def first_turn_not_user(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    conversation = ctx.facts.conversation
    if conversation.turns and conversation.sides[0] == "model":
        i, content = conversation.turns[0]
        yield first_turn_not_user.diagnostic(
            f"contents[{i}] is a model turn, but a conversation must start with a user turn: drop the"
            " leading model turn or put the user turn that prompted it first",
            _role_path(i, content),
        )


@rule(
    "GS208",
    "last-turn-not-user",
    subject="conversation.order_broken",
    summary="The conversation ends with a model turn.",
    severity=Severity.ERROR,
    why=(
        "The model answers the last turn, so the request ends with a user turn or a function"
        " response turn; the API says `Please ensure that multiturn requests ends with a user role"
        " or a function response.` The `lenient-turns` profile makes this a warning."
    ),
    source="API error text quoted in the Portkey error library (#10131) and crewAIInc/crewAI#6973.",
    example='{"contents": [{"role": "user", "parts": [{"text": "hi"}]}, {"role": "model", "parts": [{"text": "hello"}]}]}',
)
def last_turn_not_user(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    conversation = ctx.facts.conversation
    if conversation.turns and conversation.sides[-1] == "model":
        i, content = conversation.turns[-1]
        yield last_turn_not_user.diagnostic(
            f"contents[{i}] is the last turn and a model turn; a request must end with a user turn or a"
            " function response turn: add the next user turn (or the function responses)",
            _role_path(i, content),
        )


@rule(
    "GS209",
    "function-call-turn-position",
    subject="conversation.call_turns",
    summary="A model turn with function calls does not follow a user or function-response turn.",
    severity=Severity.ERROR,
    why=(
        "A function call answers the turn before it, so a model turn holding `functionCall`"
        " parts must come right after a user turn or a function response turn. The API refuses"
        " anything else: `Please ensure that function call turn comes immediately after a user"
        " turn or after a function response turn.` This stays an error in `lenient-turns`."
    ),
    source="API error text quoted in google-gemini/gemini-cli#11814 and #26486, and lbjlaq/Antigravity-Manager#3396.",
    example=(
        '{"contents": [{"role": "user", "parts": [{"text": "hi"}]}, {"role": "model", "parts": [{"text": "ok"}]},'
        ' {"role": "model", "parts": [{"functionCall": {"name": "f"}}]}]}'
    ),
)
def function_call_turn_position(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    turns, sides = _turns(ctx), ctx.facts.conversation.sides
    for n in _call_turns(ctx):
        i = turns[n][0]
        before = sides[n - 1] if n else "nothing"
        if before in ("user", None):
            continue
        found = (
            "it opens the conversation"
            if n == 0
            else f"contents[{turns[n - 1][0]}] before it is a model turn"
        )
        yield function_call_turn_position.diagnostic(
            f"contents[{i}] holds function calls but {found}; a function call turn must come right after a"
            " user turn or a function response turn: put the user turn that prompted the call before it",
            ptr(("contents", i)),
        )


@rule(
    "GS210",
    "function-response-count",
    subject="conversation.call_turns",
    summary="The turn after a function call turn does not hold one functionResponse per functionCall.",
    severity=Severity.ERROR,
    why=(
        "Every function call of a model turn is answered in the very next turn, all of them in"
        " that one user turn: the API says `Please ensure that the number of function response"
        " parts is equal to the number of function call parts of the function call turn.` Send"
        " every response of a parallel call together, in one turn."
    ),
    source="API error text quoted in google-gemini/gemini-cli#4217 and #16415.",
    example=(
        '{"contents": [{"role": "user", "parts": [{"text": "a and b"}]}, {"role": "model", "parts":'
        ' [{"functionCall": {"name": "a"}}, {"functionCall": {"name": "b"}}]}, {"role": "user", "parts":'
        ' [{"functionResponse": {"name": "a", "response": {}}}]}]}'
    ),
)
def function_response_count(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    conversation = ctx.facts.conversation
    for n, i, k in _answered_call_turns(ctx):
        calls, answers = len(conversation.calls[n]), len(conversation.answers.get(n + 1, ()))
        if calls != answers:
            yield function_response_count.diagnostic(
                f"contents[{i}] holds {plural(calls, 'function call')} but contents[{k}] after it holds"
                f" {plural(answers, 'function response')}; answer every call in that one turn with a"
                " functionResponse part of the same name",
                ptr(("contents", k)),
            )


@rule(
    "GS211",
    "function-response-mismatch",
    subject="conversation.call_turns",
    summary="A functionResponse does not match a call of the turn before by name (and id, when given).",
    severity=Severity.WARNING,
    why=(
        "A function response answers one call of the preceding model turn: same `name`, and the"
        " same `id` when the call carries one (the reference: the client returns the response"
        " 'with the matching id'). A mismatch means a response was sent for the wrong call."
        " A warning: the API's enforcement of names and ids is not documented."
    ),
    source=f"{_REF}: `FunctionCall.id`, `FunctionResponse.id` and `FunctionResponse.name`.",
    example=(
        '{"contents": [{"role": "user", "parts": [{"text": "a"}]}, {"role": "model", "parts": [{"functionCall":'
        ' {"name": "a"}}]}, {"role": "user", "parts": [{"functionResponse": {"name": "b", "response": {}}}]}]}'
    ),
)
def function_response_mismatch(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    conversation = ctx.facts.conversation
    for n, i, k in _answered_call_turns(ctx):
        calls = [call for _, call in conversation.calls[n]]
        responses = conversation.answers.get(n + 1, [])
        if len(calls) != len(responses):
            continue  # GS210
        by_id = {c["id"]: c for c in calls if nonempty_str(c.get("id"))}
        unused: dict[str, int] = {}  # calls without an id, by name (only strings are looked up)
        for c in calls:
            call_name = c.get("name")
            if isinstance(call_name, str) and not nonempty_str(c.get("id")):
                unused[call_name] = unused.get(call_name, 0) + 1
        for j, answer in responses:
            name, rid = answer.get("name"), answer.get("id")
            if not isinstance(name, str) or not name.strip():
                continue  # GS213 (empty) or GS104 (missing)
            base: Path = ("contents", k, "parts", j, "functionResponse")
            if nonempty_str(rid):
                call = by_id.pop(rid, None)
                if call is None:
                    yield function_response_mismatch.diagnostic(
                        f"contents[{k}].parts[{j}].functionResponse.id is {rid!r}, but no function call of"
                        f" contents[{i}] has that id: use the id of the call it answers",
                        ptr((*base, "id")),
                    )
                elif call.get("name") != name:
                    yield function_response_mismatch.diagnostic(
                        f"contents[{k}].parts[{j}].functionResponse answers call {rid!r}, named"
                        f" {call.get('name')!r}, but is named {name!r}: use the call's name",
                        ptr((*base, "name")),
                    )
            elif unused.get(name, 0) > 0:
                unused[name] -= 1
            elif by_id and any(c.get("name") == name for c in by_id.values()):
                call_id = next(key for key, c in by_id.items() if c.get("name") == name)
                by_id.pop(call_id)
                yield function_response_mismatch.diagnostic(
                    f"contents[{k}].parts[{j}].functionResponse has no id, but the call it answers has id"
                    f" {call_id!r}: echo that id in the response",
                    ptr(base),
                )
            else:
                expected = sorted({str(c.get("name")) for c in calls})
                yield function_response_mismatch.diagnostic(
                    f"contents[{k}].parts[{j}].functionResponse.name is {name!r}, but contents[{i}] calls"
                    f" {', '.join(expected)}: name the response after the call it answers",
                    ptr((*base, "name")),
                )


@rule(
    "GS212",
    "orphan-function-response",
    subject="conversation.answer_turns",
    summary="A function response turn does not follow a model turn with function calls.",
    severity=Severity.ERROR,
    why=(
        "A `functionResponse` answers a `functionCall` of the model turn right before it; without"
        " that turn the API refuses the request: `Please ensure that function response turn comes"
        " immediately after a function call turn.` Keep the model's function call turn in the"
        " history, or drop the orphaned responses."
    ),
    source="API error text quoted in langchain-ai/langchain#27799 and google-gemini/gemini-cli#26956.",
    example=(
        '{"contents": [{"role": "user", "parts": [{"text": "hi"}]}, {"role": "model", "parts": [{"text": "ok"}]},'
        ' {"role": "user", "parts": [{"functionResponse": {"name": "f", "response": {}}}]}]}'
    ),
)
def orphan_function_response(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    conversation = ctx.facts.conversation
    turns, sides = conversation.turns, conversation.sides
    for n, answers in conversation.answers.items():
        if sides[n] != "user":
            continue
        if n and sides[n - 1] == "model" and n - 1 in conversation.calls:
            continue
        i = turns[n][0]
        found = (
            "it opens the conversation"
            if n == 0
            else f"contents[{turns[n - 1][0]}] before it holds no function call"
        )
        yield orphan_function_response.diagnostic(
            f"contents[{i}] holds function responses but {found}; a function response turn must come right"
            " after the model turn whose calls it answers: restore that turn or drop the responses",
            ptr(("contents", i, "parts", answers[0][0], "functionResponse")),
        )


@rule(
    "GS213",
    "empty-function-name",
    subject="conversation.function_parts",
    summary="A functionCall or functionResponse in the history has an empty name.",
    severity=Severity.ERROR,
    why=(
        "The name ties a call to its declaration and a response to its call; an empty one is"
        " refused (`function_response.name: Name cannot be empty`). It typically comes from a"
        " converter that put the OpenAI `tool_call_id` where the function name belongs."
        " (A missing name is GS104.)"
    ),
    source=(
        f"{_REF}: `FunctionResponse.name` — Required. API error text quoted in langflow-ai/langflow#9437"
        " and ollama/ollama#14214; the converter cause in arcships/aimux#127."
    ),
    example=(
        '{"contents": [{"role": "user", "parts": [{"text": "a"}]}, {"role": "model", "parts": [{"functionCall":'
        ' {"name": "f"}}]}, {"role": "user", "parts": [{"functionResponse": {"name": "", "response": {}}}]}]}'
    ),
)
def empty_function_name(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    conversation = ctx.facts.conversation
    calls, answers = conversation.calls, conversation.answers
    for n in sorted(calls.keys() | answers.keys()):
        i = conversation.turns[n][0]
        for field, found in (
            ("functionCall", calls.get(n, ())),
            ("functionResponse", answers.get(n, ())),
        ):
            for j, value in found:
                name = value.get("name")
                if isinstance(name, str) and not name.strip():
                    yield empty_function_name.diagnostic(
                        f"contents[{i}].parts[{j}].{field}.name is empty; give the name of the declared"
                        " function (the same name as the call it answers, for a response)",
                        ptr(("contents", i, "parts", j, field, "name")),
                    )


@rule(
    "GS214",
    "missing-thought-signature",
    subject="conversation.call_turns",
    summary="A function call of the current turn lost its thoughtSignature (Gemini 3).",
    severity=Severity.ERROR,
    why=(
        "Gemini 3 models return a `thoughtSignature` with the first `functionCall` part of each"
        " step and validate it when the history comes back: within the current turn (everything"
        " after the last user message with ordinary content, such as text), the first function"
        " call part of every model step must carry its signature, or the API answers `Function"
        " call is missing a thought_signature in functionCall parts.` Earlier turns are not"
        " checked. Off by default; on in the `gemini-3` profile."
    ),
    source=(
        "Gemini API thought-signatures guide (ai.google.dev/gemini-api/docs/thought-signatures),"
        " 'Validation'. API error text quoted in nanbingxyz/5ire#405 and langgenius/dify-official-plugins#2088."
    ),
    example=(
        '{"contents": [{"role": "user", "parts": [{"text": "weather?"}]}, {"role": "model", "parts": [{"functionCall":'
        ' {"name": "weather"}}]}, {"role": "user", "parts": [{"functionResponse": {"name": "weather", "response": {}}}]}]}'
    ),
)
def missing_thought_signature(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    conversation = ctx.facts.conversation
    turns, sides = conversation.turns, conversation.sides
    start = 0
    for n, (_, content) in enumerate(turns):
        if sides[n] == "user" and any(
            isinstance(p, dict) and "functionResponse" not in p for p in parts_of(content)
        ):
            start = n + 1
    for n in _call_turns(ctx):
        if n < start:
            continue
        i, content = turns[n]
        calls = conversation.calls[n]
        j = calls[0][0]
        part = obj(items(content.get("parts"))[j])
        if not nonempty_str(part.get("thoughtSignature")):
            name = calls[0][1].get("name")
            yield missing_thought_signature.diagnostic(
                f"contents[{i}].parts[{j}] is the first function call ({name!r}) of a step in the current turn"
                " and has no thoughtSignature; Gemini 3 refuses it: send the part back exactly as the model"
                " returned it, thoughtSignature included",
                ptr(("contents", i, "parts", j)),
            )
