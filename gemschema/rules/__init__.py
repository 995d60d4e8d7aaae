"""The rule catalog. Importing this package registers every rule module."""

from gemschema.rules import (  # noqa: F401  (importing a module registers its rules)
    caching,
    contents,
    generation_config,
    json_text,
    parts,
    response,
    safety,
    stream,
    structure,
    tools,
)
from gemschema.rules.catalog import RULES, Rule, register

__all__ = ["RULES", "Rule", "register"]
