"""gemschema: validate, normalise and convert Google Gemini ``generateContent`` payloads.

The public API is imported lazily, so ``import gemschema`` stays cheap for gateways and CLIs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gemschema.diagnostics import Diagnostic, Report, Severity
    from gemschema.errors import GemschemaError, UsageError
    from gemschema.normalization import Normalized, normalize, normalize_json
    from gemschema.settings import Settings
    from gemschema.validation import detect_kind, validate, validate_json

__version__ = "0.1.0"

_EXPORTS = {
    "validate": "gemschema.validation",
    "validate_json": "gemschema.validation",
    "detect_kind": "gemschema.validation",
    "Diagnostic": "gemschema.diagnostics",
    "Report": "gemschema.diagnostics",
    "Severity": "gemschema.diagnostics",
    "GemschemaError": "gemschema.errors",
    "UsageError": "gemschema.errors",
    "Settings": "gemschema.settings",
    "normalize": "gemschema.normalization",
    "normalize_json": "gemschema.normalization",
    "Normalized": "gemschema.normalization",
}

__all__ = [  # noqa: RUF022  (the lazy exports, in _EXPORTS order)
    "validate",
    "validate_json",
    "detect_kind",
    "Diagnostic",
    "Report",
    "Severity",
    "GemschemaError",
    "UsageError",
    "Settings",
    "normalize",
    "normalize_json",
    "Normalized",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gemschema' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
