"""gemschema: validate, normalise and convert Google Gemini ``generateContent`` payloads.

The public API is imported lazily, so ``import gemschema`` stays cheap for gateways and CLIs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gemschema.diagnostics import Diagnostic, Report, Severity
    from gemschema.errors import GemschemaError, UsageError
    from gemschema.validation import validate, validate_json

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
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gemschema' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
