"""The journey checks: what a ``journey:`` rule (``rules/kinds/journey.py``) asks for, its
options (defaults written in ``rulesets/journey.yaml``, thresholds overridable in config), and
the check itself. A check returns ``Verdict``s; ``evaluate`` turns them into findings.

Checks and their options:

* ``real_time``: tracked trigger, send sooner than ``warn_under`` (per channel) after it ->
  the rule's severity; sooner than ``fail_under`` -> one step up. Requested triggers never.
* ``cadence``: more behaviour-triggered sends than ``limits`` (per channel, ``3 per 3d``) in a
  window, from a ``frequency`` cap or the journey's own steps -> the rule's severity; at least
  ``fail_factor`` times the limit -> one step up.
* ``mirrored_time``: ``send_time: trigger_time``, or a tracked trigger whose delay is whole
  days with no send time or window (it lands at the hour of the tracked event).
* ``late_night``: a send time or window reaching into ``night`` on a sensitive trigger or audience.
* ``segment``: an audience name or description holding a term of a lexicon whose signal is in
  ``signals`` (``exclude_lexicons``, ``ignore_terms`` and ``extra_terms`` tune the vocabulary).
* ``copy_echo``: a tracked trigger sent within ``within`` whose copy refers to the tracking (a
  copy finding of ``categories``, or one of ``phrases``).

Size: the six checks sit next to the option parsers that define what each accepts, so a
check and its thresholds (and the errors for bad ones) are read in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..yamlfile import did_you_mean
from . import durations

if TYPE_CHECKING:  # loading journey.yaml validates options without the journey model
    from .model import Journey, Spot

CHANNELS = ("email", "ad", "sms", "push", "in_app")


class OptionError(ValueError):
    """A bad option; ``key`` is the option it is about (for ``file:line``)."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Verdict:
    at: Spot
    message: str  # the rule's message is followed by this (the arithmetic)
    escalate: bool = False  # one severity step above the rule's
    start: int = 0  # a span in the copy, for checks about the copy (copy_echo); else 0, 0
    end: int = 0
    text: str = ""


# -- options -------------------------------------------------------------------------------


def _per_channel(parse: Callable[[Any], Any]) -> Callable[[Any], dict[str, Any]]:
    def read(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict) or not value:
            raise OptionError("must map channels (email, ad, sms, push, in_app) to values")
        out = {}
        for ch, v in value.items():
            if ch not in CHANNELS:
                raise OptionError(f"unknown channel {ch!r}{did_you_mean(ch, CHANNELS, 'channels')}")
            out[ch] = parse(v)
        return out

    return read


def _strs(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise OptionError("must be a list of strings")
    return [v.strip() for v in value]


def _terms(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise OptionError("must map a signal (attribute:health) to a list of terms")
    return {str(k): _strs(v) for k, v in value.items()}


def _factor(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 1:
        raise OptionError("must be a number of at least 1")
    return float(value)


OPTIONS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "real_time": {"warn_under": _per_channel(durations.duration), "fail_under": durations.duration},
    "cadence": {"limits": _per_channel(durations.cap), "fail_factor": _factor},
    "mirrored_time": {},
    "late_night": {
        "night": durations.window,
        "signals": _strs,
        "exclude_lexicons": _strs,
        "ignore_terms": _strs,
        "extra_terms": _terms,
    },
    "segment": {"signals": _strs, "exclude_lexicons": _strs, "ignore_terms": _strs, "extra_terms": _terms},
    "copy_echo": {"within": durations.duration, "categories": _strs, "phrases": _strs},
}
REQUIRED = {
    "real_time": ("warn_under", "fail_under"),
    "cadence": ("limits",),
    "late_night": ("night", "signals"),
    "segment": ("signals",),
    "copy_echo": ("within", "phrases"),
}
TUNABLE = {  # what config ``journeys:`` may change per rule (thresholds, not vocabulary)
    "real_time": ("warn_under", "fail_under"),
    "cadence": ("limits", "fail_factor"),
    "late_night": ("night",),
    "copy_echo": ("within",),
    "segment": (),
    "mirrored_time": (),
}


def parse(spec: Any, keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Typed options of a ``journey:`` value (``{check: …, …}``); raises ``OptionError``."""
    if not isinstance(spec, dict) or "check" not in spec:
        raise OptionError(f"'journey' takes 'check' ({', '.join(OPTIONS)}) and that check's options")
    check = spec["check"]
    if check not in OPTIONS:
        raise OptionError(f"unknown journey check {check!r}{did_you_mean(check, OPTIONS)}", "check")
    allowed = OPTIONS[check]
    out: dict[str, Any] = {"check": check}
    for key, value in spec.items():
        if key == "check":
            continue
        if key not in allowed:
            raise OptionError(f"unknown option {key!r} for journey check {check!r}{did_you_mean(key, allowed)}", key)
        try:
            out[key] = allowed[key](value)
        except OptionError as exc:
            raise OptionError(f"journey option {key!r}: {exc}", key) from None
        except ValueError as exc:
            raise OptionError(f"journey option {key!r}: {exc}", key) from None
    for key in REQUIRED.get(check, ()):
        if key not in out:
            raise OptionError(f"journey check {check!r} needs {key!r}")
    return out


# -- the checks ----------------------------------------------------------------------------


def real_time(j: Journey, channel: str, opts: dict[str, Any], **_: Any) -> list[Verdict]:
    if not j.tracked or j.offset is None:
        return []
    limit = opts["warn_under"].get(channel)
    if limit is None or j.offset >= limit:
        return []
    at = j.delay_at or j.anchor
    assert at is not None
    urgent = j.offset < opts["fail_under"]
    bound = (
        f"under {durations.human(opts['fail_under'])}"
        if urgent
        else (f"under the {durations.human(limit)} {channel} threshold")
    )
    return [Verdict(at, f"sent {durations.human(j.offset)} after a '{j.trigger}' event ({bound}).", urgent)]


def cadence(j: Journey, channel: str, opts: dict[str, Any], **_: Any) -> list[Verdict]:
    if not j.tracked:
        return []
    limit = opts["limits"].get(channel)
    if limit is None:
        return []
    count, window = limit
    factor = opts.get("fail_factor", 2.0)
    out = []
    if j.cap is not None and j.cap_at is not None:
        n, per = j.cap
        rate = n * window / per
        if rate > count + 1e-9:
            scaled = "" if per == window else f" (≈ {rate:.1f} per {durations.human(window)})"
            out.append(
                Verdict(
                    j.cap_at,
                    f"frequency {n} per {durations.human(per)}{scaled} is over {count} per "
                    f"{durations.human(window)} for '{j.trigger}'-triggered {channel}: "
                    f"{rate:.3g} > {count}.",
                    rate >= factor * count,
                )
            )
    if j.offset is not None and j.earlier and (j.delay_at or j.anchor) is not None:
        sends = sorted([*j.earlier, j.offset])
        counts = [sum(1 for t in sends[: i + 1] if sends[i] - t < window) for i in range(len(sends))]
        first = next((i for i, c in enumerate(counts) if c > count), None)
        # the send that first goes over the limit carries the finding, not every one after it
        if first is not None and sends[first] == j.offset and first == len(sends) - 1 - sends[::-1].index(j.offset):
            n = counts[first]
            at = j.delay_at or j.anchor
            assert at is not None
            out.append(
                Verdict(
                    at,
                    f"send {n} after one '{j.trigger}' event within {durations.human(window)} "
                    f"(limit {count} per {durations.human(window)} for {channel}): {n} > {count}.",
                    n >= factor * count,
                )
            )
    return out


def mirrored_time(j: Journey, channel: str, opts: dict[str, Any], **_: Any) -> list[Verdict]:
    if j.send_time_mirrors and j.send_time_at is not None:
        what = f"the hour of the '{j.trigger}' event" if j.trigger else "the hour of the triggering event"
        return [Verdict(j.send_time_at, f"sends at {what}.")]
    if (
        j.tracked
        and j.offset
        and j.offset % 86400 == 0
        and j.send_time is None
        and j.window is None
        and not j.send_time_mirrors
    ):
        at = j.delay_at or j.anchor
        assert at is not None
        days = j.offset // 86400
        return [
            Verdict(
                at,
                f"a delay of exactly {days} day{'s' * (days != 1)} with no send_time or send_window "
                f"lands at the same clock time as the '{j.trigger}' event (2 am after a 2 am browse).",
            )
        ]
    return []


def late_night(j: Journey, channel: str, opts: dict[str, Any], matcher: Any = None, **_: Any) -> list[Verdict]:
    night = opts["night"]
    at, when = None, ""
    if j.send_time is not None and durations.covers(night, j.send_time):
        at, when = j.send_time_at, f"sends at {durations.hhmm(j.send_time)}"
    elif j.window is not None and _overlaps(j.window, night):
        at, when = j.window_at, f"its send window {durations.hhmm(j.window[0])}-{durations.hhmm(j.window[1])}"
    if at is None or matcher is None:
        return []
    hits = matcher.find(j.trigger_detail) + [h for a in j.audiences for h in matcher.find(f"{a.name} {a.description}")]
    if not hits:
        return []
    span = f"{durations.hhmm(night[0])}-{durations.hhmm(night[1])}"
    return [
        Verdict(
            at,
            f"{when}, inside the night hours {span}, on a sensitive trigger or audience "
            f"('{hits[0].found}': {hits[0].signal}).",
        )
    ]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return any(durations.covers(b, m) for m in _minutes(a)) if a != (0, 0) else True


def _minutes(span: tuple[int, int]) -> list[int]:
    start, end = span
    length = (end - start) % 1440 or 1440
    return [(start + m) % 1440 for m in range(0, length, 15)]


def segment(j: Journey, channel: str, opts: dict[str, Any], matcher: Any = None, **_: Any) -> list[Verdict]:
    out = []
    for a in j.audiences:
        hits = matcher.find(a.name) if matcher else []
        where = "name"
        if not hits and a.description and matcher:
            hits, where = matcher.find(a.description), "description"
        if hits:
            h = hits[0]
            label = a.name or a.description
            out.append(
                Verdict(
                    a.at,
                    f"audience {label!r}: its {where} encodes '{h.found}' ({h.signal}), an "
                    "inference about the reader, even when the copy is clean.",
                )
            )
    return out


def copy_echo(
    j: Journey, channel: str, opts: dict[str, Any], copy: Any = None, text: str = "", **_: Any
) -> list[Verdict]:
    if not j.tracked or j.offset is None or j.offset >= opts["within"]:
        return []
    at = j.delay_at or j.anchor
    assert at is not None
    cats = set(opts.get("categories", ()))
    for f in copy or ():
        if f.category in cats:
            return [
                Verdict(
                    at,
                    f'the copy refers to the tracking ("{f.text}") and lands '
                    f"{durations.human(j.offset)} after the '{j.trigger}' event.",
                    False,
                    f.start,
                    f.end,
                    f.text,
                )
            ]
    lowered = text.lower()
    for phrase in opts["phrases"]:
        i = lowered.find(phrase.lower())
        end = i + len(phrase)
        if i >= 0 and (i == 0 or not lowered[i - 1].isalnum()) and not lowered[end : end + 1].isalnum():
            quote = text[i : i + len(phrase)]
            return [
                Verdict(
                    at,
                    f'the copy refers to the trigger ("{quote}") and lands '
                    f"{durations.human(j.offset)} after the '{j.trigger}' event.",
                    False,
                    i,
                    i + len(phrase),
                    quote,
                )
            ]
    return []


CHECKS: dict[str, Callable[..., list[Verdict]]] = {
    "real_time": real_time,
    "cadence": cadence,
    "mirrored_time": mirrored_time,
    "late_night": late_night,
    "segment": segment,
    "copy_echo": copy_echo,
}
