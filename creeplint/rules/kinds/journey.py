"""Journey rules: about a message's trigger, timing, cadence and audience, not its words.

    journey:
      check: real_time                       # real_time | cadence | mirrored_time | late_night | segment | copy_echo
      warn_under: {email: 1h, push: 15m}     # the check's options (``journeys.checks``)
      fail_under: 5m

A journey rule expands to no copy patterns: the engine never runs it. ``journeys.evaluate``
reads its options (kept on the rule as ``Rule.options``) for messages with journey fields;
its examples are journey snippets (``{trigger: browse, delay: 10m}``), checked by
``journeys.selftest``. Options are validated here, when the ruleset loads (``file:line`` errors).
"""

from __future__ import annotations

from typing import Any

from ..language import PatternError

KEY = "journey"
KEEPS_OPTIONS = True  # the schema keeps the value on the rule (``Rule.options``)
DESCRIPTION = "a check on the message's journey (trigger, delay, cadence, send time, audience)"


def expand(value: Any, file: str, line: int | None) -> list[str]:
    from ...journeys.checks import OptionError, parse

    try:
        parse(value)
    except OptionError as exc:
        raise PatternError(str(exc)) from None
    return []
