"""Typed exceptions. Bad *documents* give diagnostics; these are for bad *calls*."""


class GemschemaError(Exception):
    """Base class of every exception gemschema raises on purpose."""


class UsageError(GemschemaError, ValueError):
    """An argument to a gemschema function is not one it accepts (unknown kind, version …)."""


class SchemaNotFoundError(GemschemaError, LookupError):
    """No committed schema exists for the requested type and API version."""


class ConfigError(GemschemaError, ValueError):
    """A ``[tool.gemschema]`` setting or profile is malformed."""
