"""Type-guarded accessors and walks over canonical documents, shared by the rule modules.

Every helper accepts any JSON value and returns something safe to iterate: a check written with
them cannot raise on a structurally wrong document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeGuard

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.pointer import join
from gemschema.rules.catalog import Rule, register

if TYPE_CHECKING:
    from gemschema.rules.engine import RuleContext

Path = tuple[str | int, ...]

DATA_FIELDS = (
    "text",
    "inlineData",
    "fileData",
    "functionCall",
    "functionResponse",
    "executableCode",
    "codeExecutionResult",
)
"""The members of the ``Part.data`` oneof, in documented order."""

PALM_CATEGORIES = frozenset(
    {
        "HARM_CATEGORY_DEROGATORY",
        "HARM_CATEGORY_TOXICITY",
        "HARM_CATEGORY_VIOLENCE",
        "HARM_CATEGORY_SEXUAL",
        "HARM_CATEGORY_MEDICAL",
        "HARM_CATEGORY_DANGEROUS",
    }
)
"""Categories of the PaLM-era models, still in the HarmCategory enum."""

USER_SIDE_ROLES = frozenset({"user", "function", "tool", ""})
"""Roles that sit on the user side of a conversation (empty: unset, which the API takes as user)."""


ptr = join
"""An RFC 6901 pointer for a path (``gemschema.pointer.join``)."""


def obj(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """``value`` if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def is_number(value: Any) -> TypeGuard[int | float]:
    """A JSON number (booleans are not numbers)."""
    return isinstance(value, _NUMBER) and not isinstance(value, bool)


_NUMBER = (int, float)  # a tuple: ``int | float`` would build a union object on every call
_BIG = 2**1023  # smaller ints always convert to float; larger ones take the checked path


def as_int(value: Any) -> int | None:
    """An integer given as a JSON number or an int64 decimal string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.lstrip("-").isdigit():
        try:
            return int(value)
        except ValueError:  # "--1", "²", or more digits than int() converts
            return None
    return None


def as_float(value: Any) -> float | None:
    """A number given as a JSON number or an int64 decimal string, else None."""
    kind = type(value)  # fast paths first: most values are plain floats, small ints or None
    if kind is float:
        return value  # type: ignore[no-any-return]
    if kind is int and -_BIG < value < _BIG:
        return float(value)
    if value is None:
        return None
    number = value if is_number(value) else as_int(value)
    if number is None:
        return None
    try:
        return float(number)
    except OverflowError:  # an integer beyond the double range
        return None


def nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def role_of(content: Any) -> str | None:
    """The role string of a Content ("" when unset), or None if it is not a string."""
    role = obj(content).get("role", "")
    if role is None:
        return ""
    return role if isinstance(role, str) else None


def side_of(content: Any) -> str | None:
    """``user`` or ``model`` for a turn, None for an unknown role (reported elsewhere)."""
    role = role_of(content)
    if role == "model":
        return "model"
    if role in USER_SIDE_ROLES:
        return "user"
    return None


def parts_of(content: Any) -> list[Any]:
    return items(obj(content).get("parts"))


def data_fields(part: Any) -> list[str]:
    """The ``Part.data`` members set in ``part`` (present and not null)."""
    p = obj(part)
    return [f for f in DATA_FIELDS if p.get(f) is not None]


def function_calls(content: Any) -> list[tuple[int, dict[str, Any]]]:
    """``(part index, functionCall)`` for every functionCall part of a Content."""
    return [
        (j, p["functionCall"])
        for j, p in enumerate(parts_of(content))
        if isinstance(obj(p).get("functionCall"), dict)
    ]


def function_responses(content: Any) -> list[tuple[int, dict[str, Any]]]:
    """``(part index, functionResponse)`` for every functionResponse part of a Content."""
    return [
        (j, p["functionResponse"])
        for j, p in enumerate(parts_of(content))
        if isinstance(obj(p).get("functionResponse"), dict)
    ]


def request_contents(doc: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(index, Content)`` for every object in ``contents``."""
    for i, content in enumerate(items(obj(doc).get("contents"))):
        if isinstance(content, dict):
            yield i, content


def request_parts(doc: Any, *, system: bool = True) -> Iterator[tuple[Path, dict[str, Any]]]:
    """``(path, Part)`` for every part of ``contents`` (and of ``systemInstruction``)."""
    for i, content in request_contents(doc):
        for j, part in enumerate(parts_of(content)):
            if isinstance(part, dict):
                yield ("contents", i, "parts", j), part
    if system:
        for j, part in enumerate(parts_of(obj(doc).get("systemInstruction"))):
            if isinstance(part, dict):
                yield ("systemInstruction", "parts", j), part


def response_candidates(doc: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(index, Candidate)`` for every object in ``candidates``."""
    for i, candidate in enumerate(items(obj(doc).get("candidates"))):
        if isinstance(candidate, dict):
            yield i, candidate


def response_parts(doc: Any) -> Iterator[tuple[Path, dict[str, Any]]]:
    """``(path, Part)`` for every part of every candidate's content."""
    for i, candidate in response_candidates(doc):
        for j, part in enumerate(parts_of(candidate.get("content"))):
            if isinstance(part, dict):
                yield ("candidates", i, "content", "parts", j), part


def function_declarations(doc: Any) -> Iterator[tuple[Path, dict[str, Any]]]:
    """``(path, FunctionDeclaration)`` across every tool of a request."""
    for t, tool in enumerate(items(obj(doc).get("tools"))):
        for f, decl in enumerate(items(obj(tool).get("functionDeclarations"))):
            if isinstance(decl, dict):
                yield ("tools", t, "functionDeclarations", f), decl


def declared_names(doc: Any) -> set[str]:
    return {d["name"] for _, d in function_declarations(doc) if isinstance(d.get("name"), str)}


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def where(path: Path) -> str:
    """A dotted, human-readable location: ``contents[2].parts[0]``."""
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else seg)
    return out


Check = Callable[[Any, "RuleContext"], Iterable[Diagnostic]]
"""A rule's check: its findings in a document, as a generator or, for the cheap checks that run
on most documents, as a list (a call that returns is cheaper than a generator)."""

SUBJECTS: dict[str, str] = {}
"""Rule code → its *subject*: ``"<section>"`` or ``"<section>.<attribute>"`` of
:class:`~gemschema.rules._facts.Facts`. The engine runs the check only when the section is
``live`` and the attribute (a list of candidate items or a flag) is non-empty: a subject is a
necessary condition for the rule to report anything. Rules without one always run."""


def rule(
    code: str,
    name: str,
    *,
    summary: str,
    severity: Severity,
    why: str,
    source: str,
    example: str,
    applies_to: tuple[str, ...] = ("request",),
    subject: str | None = None,
) -> Callable[[Check], Rule]:
    """Register the decorated check as rule ``code``; the module name is bound to the Rule.

    ``subject`` names the facts the check reads (see :data:`SUBJECTS`).
    """
    if subject is not None:
        SUBJECTS[code] = subject

    def decorate(check: Check) -> Rule:
        return register(
            Rule(
                code=code,
                name=name,
                summary=summary,
                severity=severity,
                why=why,
                source=source,
                example=example,
                check=check,
                applies_to=applies_to,
            )
        )

    return decorate
