"""Settings: which rules run, how severe each is, and against which limits.

The knobs read like a linter's: ``profile``, ``select`` and ``ignore`` (codes or code prefixes,
the more specific selector winning, ``ignore`` winning a tie), a ``severity`` table that re-grades
codes (``error``, ``warning`` or ``off``), ``limits`` that override the profile's, and
user-defined ``profiles``. The CLI and the Python API build the same :class:`Settings`, from
keyword arguments or from ``[tool.gemschema]`` in a ``pyproject.toml``::

    [tool.gemschema]
    profile = "gemini-2.5"
    select = ["GS"]
    ignore = ["GS205"]

    [tool.gemschema.severity]
    GS206 = "warning"

    [tool.gemschema.limits]
    stop_sequences_max = 8

    [tool.gemschema.profiles.my-gateway]
    extends = "vertex-ai"
    severity = { GS304 = "off" }

:meth:`Settings.apply` filters and re-grades any list of diagnostics, structural ones included.
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.errors import ConfigError
from gemschema.profiles import (
    BUILTIN_PROFILES,
    Profile,
    check_selector,
    get_profile,
    limits_from,
    match_length,
    profile_from_table,
    severity_table,
)

_KEYS = ("profile", "select", "ignore", "severity", "limits", "profiles")
_MEMOS = frozenset({"_hash", "_grades_memo"})
"""Cached properties of :class:`Settings` that are not pickled."""


@dataclass(frozen=True)
class Settings:
    """What to check and how severely; immutable, so one instance can serve every call."""

    profile: str = "default"
    select: tuple[str, ...] = ()
    """Selectors to run (empty: every rule, like ``["ALL"]``)."""
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    """Selector → ``error`` | ``warning`` | ``off``; beats the profile's tweaks."""
    limits: Mapping[str, int | float] = field(default_factory=dict)
    """Limit overrides on top of the profile's :class:`~gemschema.profiles.Limits`."""
    profiles: Mapping[str, Profile] = field(default_factory=dict)
    """User-defined profiles by name (see :func:`~gemschema.profiles.profile_from_table`)."""

    def __hash__(self) -> int:
        # computed once: settings key the per-settings caches of every run
        try:
            return self.__dict__["_hash"]  # type: ignore[no-any-return]
        except KeyError:
            value = self.__dict__["_hash"] = hash(
                (
                    self.profile,
                    self.select,
                    self.ignore,
                    *sorted(self.severity.items()),
                    *sorted(self.limits.items()),
                )
            )
            return value

    @property
    def _grades(self) -> dict[tuple[str, Severity], Severity | None]:
        """Memo of :meth:`severity_for` by ``(code, default)``, filled by :meth:`apply`."""
        return self.__dict__.setdefault("_grades_memo", {})  # type: ignore[no-any-return]

    def __getstate__(self) -> dict[str, Any]:
        # the memos stay behind: a hash of strings differs from one process to the next
        return {k: v for k, v in self.__dict__.items() if k not in _MEMOS}

    def __post_init__(self) -> None:
        for selector in (*self.select, *self.ignore):
            check_selector(selector, where="settings")
        if self.severity:
            severity_table(self.severity, where="settings.severity")
        # fail early on an unknown profile or limit; filled in directly, without the lock
        # functools.cached_property takes (settings are made per call by some callers)
        self.__dict__["resolved_profile"] = self._resolve_profile()

    @functools.cached_property
    def resolved_profile(self) -> Profile:
        """The selected profile with this settings' limit overrides applied."""
        return self._resolve_profile()

    def _resolve_profile(self) -> Profile:
        base = get_profile(self.profile, self.profiles)
        if not self.limits:
            return base
        return dataclasses.replace(
            base, limits=limits_from(base.limits, self.limits, where="settings.limits")
        )

    def severity_for(self, code: str, default: Severity) -> Severity | None:
        """The severity ``code`` is reported with, or None when it is not reported at all."""
        user = _most_specific(self.severity.items(), code)
        if user is not None:
            return None if user[0] == "off" else Severity(user[0])
        selected = _best_length(self.select, code) if self.select else 0
        if selected is None:
            return None
        ignored = _best_length(self.ignore, code)
        if ignored is not None and ignored >= selected:
            return None
        tweak = self.resolved_profile.tweak(code)
        if tweak is None:
            return default
        value, length = tweak
        if value == "off":
            return default if self.select and selected >= length else None
        return Severity(value)

    def enabled(self, code: str) -> bool:
        """Whether ``code`` is reported at all under these settings."""
        return self.severity_for(code, Severity.ERROR) is not None

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Drop the diagnostics these settings turn off and re-grade the rest (idempotent)."""
        grades = self._grades
        out = []
        for d in diagnostics:
            key = (d.code, d.severity)
            try:
                severity = grades[key]
            except KeyError:
                severity = grades[key] = self.severity_for(d.code, d.severity)
            if severity is None:
                continue
            out.append(d.graded(severity))
        return out

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied, each replacing the field."""
        return dataclasses.replace(self, **changes)

    def merge(
        self,
        *,
        profile: str | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        severity: Mapping[str, str] | None = None,
        limits: Mapping[str, int | float] | None = None,
    ) -> Settings:
        """These settings overridden by command-line values, as a linter merges its flags.

        ``None`` keeps the configured value. ``select`` replaces the configured selection,
        ``ignore`` adds to the configured ignores, ``severity`` and ``limits`` add to (and beat)
        the configured tables. A value may list several selectors separated by commas.
        """
        changes: dict[str, Any] = {}
        if profile is not None:
            changes["profile"] = profile
        if select is not None:
            changes["select"] = _split(select)
        if ignore is not None:
            changes["ignore"] = self.ignore + _split(ignore)
        if severity is not None:
            changes["severity"] = {**self.severity, **severity}
        if limits is not None:
            changes["limits"] = {**self.limits, **limits}
        return dataclasses.replace(self, **changes) if changes else self

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any], *, where: str = "[tool.gemschema]") -> Settings:
        """Settings from a ``[tool.gemschema]``-shaped mapping (unknown keys are an error)."""
        unknown = sorted(set(table) - set(_KEYS))
        if unknown:
            raise ConfigError(
                f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(_KEYS)}"
            )
        profiles: dict[str, Profile] = {}
        raw_profiles = table.get("profiles", {})
        if not isinstance(raw_profiles, Mapping):
            raise ConfigError(f"{where}: 'profiles' must be a table of tables")
        for name, body in raw_profiles.items():
            if not isinstance(body, Mapping):
                raise ConfigError(f"{where}: profile {name!r} must be a table")
            profiles[name] = profile_from_table(name, body, {**BUILTIN_PROFILES, **profiles})
        profile = table.get("profile", "default")
        if not isinstance(profile, str):
            raise ConfigError(f"{where}: 'profile' must be a string")
        return cls(
            profile=profile,
            select=_selectors(table.get("select", ()), f"{where} select"),
            ignore=_selectors(table.get("ignore", ()), f"{where} ignore"),
            severity=dict(_table(table.get("severity", {}), f"{where} severity")),
            limits=dict(_table(table.get("limits", {}), f"{where} limits")),
            profiles=profiles,
        )


def load_settings(path: str | Path | None = None) -> Settings:
    """Settings from ``[tool.gemschema]`` of a ``pyproject.toml``.

    ``path`` is the file itself or a folder searched upwards for one (``None``: the current
    folder). No ``pyproject.toml`` found, or one without ``[tool.gemschema]``, gives the
    defaults; a ``path`` that does not exist is a :class:`~gemschema.errors.ConfigError`.
    """
    found = _find_pyproject(Path.cwd() if path is None else Path(path))
    if found is None:
        return Settings()
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{found}: {exc}") from exc
    table = data.get("tool", {}).get("gemschema")
    if table is None:
        return Settings()
    if not isinstance(table, Mapping):
        raise ConfigError(f"{found}: [tool.gemschema] must be a table")
    return Settings.from_mapping(table, where=f"{found} [tool.gemschema]")


def _find_pyproject(start: Path) -> Path | None:
    if start.is_file():
        return start
    if not start.is_dir():
        raise ConfigError(f"{start}: no such file or folder")
    for folder in (start, *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _selectors(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule selectors, got {value!r}")
    return tuple(check_selector(v, where=where) for v in value)


def _split(values: Iterable[str]) -> tuple[str, ...]:
    """Selectors from CLI values, each possibly comma-separated (``GS2,GS401``)."""
    if isinstance(values, str):
        values = [values]
    return tuple(s.strip() for value in values for s in value.split(",") if s.strip())


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: expected a table, got {value!r}")
    return value


def _best_length(selectors: Iterable[str], code: str) -> int | None:
    lengths = [n for s in selectors if (n := match_length(s, code)) is not None]
    return max(lengths) if lengths else None


def _most_specific(table: Iterable[tuple[str, str]], code: str) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for selector, value in table:
        length = match_length(selector, code)
        if length is not None and (best is None or length >= best[1]):
            best = (value, length)
    return best


__all__ = ["Settings", "load_settings"]
