"""The default kind: a list of rule-language patterns (or raw spaCy token patterns)."""

from __future__ import annotations

from typing import Any

from ..language import PatternError

KEY = "patterns"
DESCRIPTION = "a list of token patterns in the rule language"


def expand(value: Any, file: str, line: int | None) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise PatternError("'patterns' must be a non-empty list")
    return list(value)
