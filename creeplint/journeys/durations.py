"""Durations, caps and clock times as journey files write them.

    10m, 90s, 2h, 3d, 1w, 1h30m    short units: s, m (minutes), h, d, w; combined largest first
    PT10M, P1D, P1DT2H, PT1H30M     ISO 8601 durations (no years or months: their length varies)
    5 per 3d, 5/3d, 5 per week      a cap: at most 5 sends in any 3 days
    02:00, 2am, 2:30 pm, 23:15      a recipient-local clock time
    22:00-06:00                     a send window (may wrap past midnight)

Every parser raises ``ValueError`` with a message fit to follow ``file:line:col:``.
"""

from __future__ import annotations

import re

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_WORDS = {
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
    "min": "m",
    "mins": "m",
    "minute": "m",
    "minutes": "m",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "day": "d",
    "days": "d",
    "week": "w",
    "weeks": "w",
}
_SHORT = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_ISO = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", re.I)
_CAP = re.compile(r"^\s*(\d+)\s*(?:x\s*)?(?:per|/|every|in)\s*(.+?)\s*$", re.I)
_CLOCK = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$", re.I)
HINT = "write it like 10m, 2h, 3d or PT10M"


def duration(value: object) -> int:
    """Seconds in a duration string (see the module docstring)."""
    if isinstance(value, bool) or not isinstance(value, str):
        raise ValueError(f"duration {value!r} needs a unit: {HINT}")
    text = value.strip()
    if not text:
        raise ValueError(f"empty duration: {HINT}")
    if text[:1] in "pP":
        m = _ISO.match(text)
        if not m or not any(m.groups()) or text.upper().endswith("T"):
            raise ValueError(f"malformed ISO 8601 duration {value!r}: {HINT}")
        w, d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
        return round(w * UNITS["w"] + d * UNITS["d"] + h * 3600 + mi * 60 + s)
    lowered = text.lower()
    pos, total, last = 0, 0.0, None
    for m in _SHORT.finditer(lowered):
        if lowered[pos : m.start()].strip():
            break
        unit = _WORDS.get(m.group(2), m.group(2))
        if unit not in UNITS:
            import difflib

            close = difflib.get_close_matches(m.group(2), [*UNITS, *_WORDS], n=1, cutoff=0.6)
            hint = f"did you mean {m.group(1)}{close[0]}?" if close else HINT
            raise ValueError(f"unknown duration unit {m.group(2)!r} in {value!r}; {hint}")
        if last is not None and UNITS[unit] >= UNITS[last]:
            raise ValueError(f"malformed duration {value!r}: units go largest first ({HINT})")
        total += float(m.group(1)) * UNITS[unit]
        last, pos = unit, m.end()
    if last is None or lowered[pos:].strip():
        raise ValueError(f"malformed duration {value!r}: {HINT}")
    return round(total)


def cap(value: object) -> tuple[int, int]:
    """(count, window seconds) of a cap such as ``5 per 3d``, ``5/week`` or ``{count: 5, per: 3d}``."""
    if isinstance(value, str):
        m = _CAP.match(value)
        if not m:
            raise ValueError(f"malformed cap {value!r}: write it like '3 per 3d' or '2 per week'")
        per = m.group(2).strip()
        window = duration(per if per[:1].isdigit() or per[:1] in "pP" else "1" + per)
        count = int(m.group(1))
    else:
        raise ValueError(f"cap {value!r} must be text like '3 per 3d'")
    if window <= 0:
        raise ValueError(f"cap {value!r} needs a window longer than zero")
    return count, window


def clock(value: object) -> int:
    """Minutes after midnight of a clock time (``02:00``, ``2am``, ``14:30``)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        # YAML 1.1 reads an unquoted 02:00 as the sexagesimal number 120 (minutes)
        return value
    m = _CLOCK.match(value) if isinstance(value, str) else None
    if not m:
        raise ValueError(f"malformed clock time {value!r}: write it like 09:30, 2am or 14:00")
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower().replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"malformed clock time {value!r}: {hour} is not an hour on a 12-hour clock")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"malformed clock time {value!r}: hours go to 23 and minutes to 59")
    return hour * 60 + minute


def window(value: object) -> tuple[int, int]:
    """(start, end) minutes after midnight of ``22:00-06:00``; end may be below start (past midnight)."""
    if not isinstance(value, str) or value.count("-") != 1:
        raise ValueError(f"malformed send window {value!r}: write it like 09:00-20:00")
    start, end = value.split("-")
    return clock(start), clock(end)


def covers(span: tuple[int, int], minute: int) -> bool:
    """Whether a (start, end) window of minutes covers ``minute``."""
    start, end = span
    return start <= minute < end if start <= end else minute >= start or minute < end


def human(seconds: float) -> str:
    """``600`` -> ``10 min``, ``5400`` -> ``1.5 h``, ``259200`` -> ``3 days``."""
    if seconds < 60:
        return f"{seconds:g} s"
    if seconds < 3600:
        return f"{seconds / 60:g} min"
    if seconds < 86400:
        return f"{round(seconds / 3600, 1):g} h"
    days = round(seconds / 86400, 1)
    return f"{days:g} day" + ("" if days == 1 else "s")


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"
