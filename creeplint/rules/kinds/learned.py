"""Learned rules: a small logistic model over the signals the engine finds in a sentence.

    learned:
      weights: learned_weights.json     # beside the ruleset; written by eval/train_scorer.py
      defers_to: [attribute-hook]       # optional: tags of rules whose info hits it leaves alone

A learned rule expands to no copy patterns. The engine (``engine.learned``) scores every
sentence that holds a lexicon term or a rule hit from the features the other rules and
lexicons give it (which lexicons, signals, rule categories and context modifiers occur, with
reader, first-person, question and number cues, and their pairs), and adds a finding where
the probability reaches the threshold stored with the weights, unless a kept rule hit of
warning or error weight covers the sentence already, or an info hit of a rule tagged with one of
``defers_to`` (a rule that judged the phrasing mild on purpose, such as a need question to
customers). Its examples are copy, checked like any rule's.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from ..language import PatternError

SHIPPED = "<shipped>/"
KEY = "learned"
KEEPS_OPTIONS = True  # the schema keeps the value on the rule (``Rule.options``)
DESCRIPTION = "a learned scorer over the sentence's signals (weights in a JSON file beside the ruleset)"


def expand(value: Any, file: str, line: int | None) -> list[str]:
    if not isinstance(value, dict) or not {"weights"} <= set(value) <= {"weights", "defers_to"}:
        raise PatternError("'learned' takes 'weights' (a JSON file beside the ruleset) and optionally 'defers_to'")
    if not isinstance(value["weights"], str):
        raise PatternError("'learned.weights' must be the name of a JSON weights file beside the ruleset")
    tags = value.get("defers_to", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise PatternError("'learned.defers_to' must be a list of rule tags")
    name = value["weights"]
    if "/" in name or "\\" in name or not name.endswith(".json"):
        raise PatternError("'learned.weights' must name a .json file in the ruleset's own folder")
    try:
        data = json.loads(resolve(file, name).read_text(encoding="utf-8"))
        ok = isinstance(data.get("weights"), dict) and isinstance(data.get("threshold"), (int, float))
    except (OSError, ValueError, AttributeError) as exc:
        raise PatternError(f"cannot read weights file {name!r}: {exc}") from None
    if not ok:
        raise PatternError(f"weights file {name!r} needs 'threshold' (a number) and 'weights' (a mapping)")
    return []


def resolve(file: str, name: str) -> Any:
    """The weights file ``name`` beside the ruleset ``file`` (shipped or on disk)."""
    if file.startswith(SHIPPED):
        return resources.files("creeplint.rulesets").joinpath(name)
    return Path(file).parent / name
