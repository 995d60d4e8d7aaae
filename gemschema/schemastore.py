"""Where the committed JSON Schemas live, and loading them (once) at run time.

Installed wheels carry them as ``gemschema/_schemas``; a source checkout has them in the
top-level ``schemas/`` folder.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from gemschema.errors import SchemaNotFoundError, UsageError

API_VERSIONS = ("v1beta", "v1")
DEFAULT_API_VERSION = "v1beta"

_PACKAGED = Path(__file__).parent / "_schemas"
_CHECKOUT = Path(__file__).parent.parent / "schemas"


def schema_dir() -> Path:
    """The folder holding ``<api-version>/<Type>.schema.json``."""
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


def schema_id(api_version: str, type_name: str) -> str:
    """The stable ``$id`` of a committed schema."""
    return f"urn:gemschema:{api_version}:{type_name}"


def check_api_version(api_version: str) -> str:
    if api_version not in API_VERSIONS:
        raise UsageError(
            f"unknown api_version {api_version!r}; expected one of {', '.join(API_VERSIONS)}"
        )
    return api_version


@functools.cache
def load_schema(api_version: str, type_name: str) -> dict[str, Any]:
    """The committed schema of ``type_name`` for ``api_version`` (parsed once per process)."""
    path = schema_dir() / check_api_version(api_version) / f"{type_name}.schema.json"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemaNotFoundError(f"no schema for {type_name} in {api_version} at {path}") from None
    schema: dict[str, Any] = json.loads(text)
    return schema
