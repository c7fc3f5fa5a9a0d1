"""Journey fields of campaign files (YAML or JSON, read by ``inputs.readers._campaign``) ->
one ``Journey`` per message, with the ``file:line:col`` problems found on the way.

Fields, on a message, a step or the campaign (a message's own win over its campaign's)::

    trigger: browse                         # or {event: product_view, category: "pregnancy tests"}
    delay: 10m                              # after the trigger (messages) / after the previous step (steps)
    send_time: "09:00"                      # recipient-local; ``trigger_time`` mirrors the tracked event's hour
    send_window: "09:00-20:00"              # or {start: "09:00", end: "20:00"}
    frequency: 3 per 3d                     # ``cap`` is the same field; or {count: 3, per: 3d}
    audience: lapsed_buyers                 # ``segment`` is the same field; a name, a list of names,
                                            # or {name, description} mappings

Nodes are read by duck typing (``value``, ``start``, ``keys``) so this module needs nothing
from the readers; only files that use a journey field ever import it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import durations
from .model import TRIGGERS, Audience, Journey, Spot

MESSAGE_FIELDS = ("trigger", "delay", "send_time", "send_window", "frequency", "cap", "audience", "segment")
CAMPAIGN_FIELDS = ("trigger", "send_time", "send_window", "frequency", "cap", "audience", "segment")
TRIGGER_KEYS = ("event", "name", "category", "description", "properties")
AUDIENCE_KEYS = ("name", "id", "description")
CAP_KEYS = ("count", "per")
WINDOW_KEYS = ("start", "end", "timezone")
MIRROR = ("trigger_time", "same_as_trigger", "event_time")
# keys a campaign message may carry that are not journey fields (a near miss of a journey
# field among them is not a typo)
KNOWN_KEYS = (
    "id",
    "subject",
    "preheader",
    "text",
    "body",
    "cta",
    "variants",
    "channel",
    "sector",
    "relationship",
    "name",
    "title",
    "description",
    "creeplint-disable",
    "steps",
    "messages",
    "campaign",
    "locale",
    "from",
    "template",
    "notes",
    "tags",
    "status",
)


class Problem(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass
class Reader:
    """Reads the journey fields of one file; ``position(offset)`` -> (line, column)."""

    position: Callable[[int], tuple[int, int]]
    quoted_keys: bool = False  # JSON: a key's offset is its opening quote
    problems: list[tuple[str, int, int]] = field(default_factory=list)  # (message, line, column)

    def spot(self, node: Any, key: str, value: Any) -> Spot:
        offset = node.keys.get(key, node.start)
        line, col = self.position(offset)
        width = len(key) + (2 if self.quoted_keys else 0)
        shown = value.value if not isinstance(value.value, (dict, list)) else _summary(value)
        return Spot(line, col, line, col + width, f"{key}: {shown}")

    def problem(self, message: str, offset: int) -> None:
        line, col = self.position(offset)
        self.problems.append((message, line, col))

    # -- the fields

    def fields(self, item: Any, base: Journey | None, allowed: tuple[str, ...] = MESSAGE_FIELDS) -> Journey:
        """The journey of a message (or the defaults of a campaign, ``base`` None)."""
        out = Journey() if base is None else _copy(base)
        value = item.value
        self._typos(item, allowed)
        for key in allowed:
            node = value.get(key)
            if node is None or node.value is None:
                continue
            try:
                self._field(out, item, key, node)
            except Problem as exc:
                self.problem(str(exc), exc.offset)
            except ValueError as exc:
                self.problem(f"{key!r}: {exc}", node.start)
        return out

    def _typos(self, item: Any, allowed: tuple[str, ...]) -> None:
        for key in item.value:
            if key == "delay" and key not in allowed:  # a campaign has no delay of its own
                where = item.keys.get(key, item.start)
                self.problem(
                    "'delay' belongs on each message or step (the time after the trigger or the step "
                    "before), not on the campaign",
                    where,
                )
                continue
            if key in allowed or key in KNOWN_KEYS or key in MESSAGE_FIELDS:
                continue
            close = difflib.get_close_matches(key, MESSAGE_FIELDS, n=1, cutoff=0.75)
            if close and close[0] in allowed:
                where = item.keys.get(key, item.start)
                self.problem(f"unknown journey field {key!r}; did you mean {close[0]!r}?", where)

    def _field(self, out: Journey, item: Any, key: str, node: Any) -> None:
        at = self.spot(item, key, node)
        if key == "trigger":
            out.trigger, out.trigger_detail = self._trigger(node)
            out.trigger_at = at
        elif key == "delay":
            out.delay, out.delay_at = durations.duration(node.value), at
        elif key == "send_time":
            if isinstance(node.value, str) and node.value.strip().lower() in MIRROR:
                out.send_time, out.send_time_mirrors = None, True
            else:
                out.send_time, out.send_time_mirrors = durations.clock(node.value), False
            out.send_time_at = at
        elif key == "send_window":
            out.window, out.window_at = self._window(node), at
        elif key in ("frequency", "cap"):
            out.cap, out.cap_at = self._cap(node), at
        else:  # audience / segment: a message's own narrow its campaign's, so both apply
            out.audiences = [*out.audiences, *self._audiences(node, at)]

    def _check_keys(self, node: Any, allowed: tuple[str, ...], what: str) -> None:
        for key in node.value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(allowed)}"
                raise Problem(f"unknown {what} field {key!r}; {hint}", node.keys.get(key, node.start))

    def _trigger(self, node: Any) -> tuple[str, str]:
        detail = ""
        if isinstance(node.value, dict):
            self._check_keys(node, TRIGGER_KEYS, "trigger")
            name = node.value.get("event") or node.value.get("name")
            if name is None or not isinstance(name.value, str):
                raise Problem("a trigger mapping needs 'event' (an event name such as 'browse')", node.start)
            parts = []
            for k in ("category", "description"):
                if k in node.value and isinstance(node.value[k].value, str):
                    parts.append(node.value[k].value)
            props = node.value.get("properties")
            if props is not None and isinstance(props.value, dict):
                parts += [str(v.value) for v in props.value.values() if isinstance(v.value, (str, int, float))]
            detail, node = " ".join(parts), name
        if not isinstance(node.value, str) or not node.value.strip():
            raise Problem("'trigger' must be an event name such as 'browse' or 'price_alert_set'", node.start)
        name = node.value.strip().lower().replace("-", "_").replace(" ", "_")
        if name not in TRIGGERS:
            close = difflib.get_close_matches(name, TRIGGERS, n=1, cutoff=0.8)
            if close:
                raise Problem(f"unknown trigger {node.value!r}; did you mean {close[0]!r}?", node.start)
        return name, detail

    def _window(self, node: Any) -> tuple[int, int]:
        if isinstance(node.value, dict):
            self._check_keys(node, WINDOW_KEYS, "send_window")
            if "start" not in node.value or "end" not in node.value:
                raise Problem("'send_window' needs 'start' and 'end'", node.start)
            return durations.clock(node.value["start"].value), durations.clock(node.value["end"].value)
        return durations.window(node.value)

    def _cap(self, node: Any) -> tuple[int, int]:
        if isinstance(node.value, dict):
            self._check_keys(node, CAP_KEYS, "frequency")
            count, per = node.value.get("count"), node.value.get("per")
            if count is None or per is None or isinstance(count.value, bool) or not isinstance(count.value, int):
                raise Problem("a frequency mapping needs 'count' (a whole number) and 'per' (a duration)", node.start)
            return count.value, durations.duration(per.value)
        return durations.cap(node.value)

    def _audiences(self, node: Any, at: Spot) -> list[Audience]:
        items = node.value if isinstance(node.value, list) else [node]
        out = []
        for item in items:
            if isinstance(item.value, dict):
                self._check_keys(item, AUDIENCE_KEYS, "audience")
                name = item.value.get("name") or item.value.get("id")
                desc = item.value.get("description")
                out.append(
                    Audience(
                        str(name.value) if name is not None else "",
                        str(desc.value) if desc is not None and desc.value is not None else "",
                        at,
                    )
                )
            elif isinstance(item.value, (str, int)):
                out.append(Audience(str(item.value), "", at))
            else:
                raise Problem("an audience is a name or a {name, description} mapping", item.start)
        return out


def _copy(base: Journey) -> Journey:
    from dataclasses import replace

    spots = {
        base.trigger_at,
        base.delay_at,
        base.send_time_at,
        base.window_at,
        base.cap_at,
        *(a.at for a in base.audiences),
    } - {None}
    return replace(
        base, audiences=list(base.audiences), earlier=list(base.earlier), campaign_spots=frozenset(spots), leads=False
    )  # type: ignore[arg-type]


def _summary(node: Any) -> str:
    if isinstance(node.value, dict):
        for k in ("event", "name", "id"):
            if k in node.value and not isinstance(node.value[k].value, (dict, list)):
                return str(node.value[k].value)
        return "{…}"
    names = [str(i.value) if not isinstance(i.value, (dict, list)) else _summary(i) for i in node.value]
    return ", ".join(names)


def has_fields(node: Any, names: tuple[str, ...] = MESSAGE_FIELDS) -> bool:
    return isinstance(node.value, dict) and any(k in node.value for k in names)


def timeline(journeys: list[Journey | None], steps: bool) -> None:
    """Fill in each journey's ``offset`` (seconds after the trigger) and the ``earlier`` sends
    of the same trigger. In ``steps`` each delay follows the previous step; among ``messages``
    each delay counts from the trigger."""
    elapsed = 0
    seen: dict[str | None, list[int]] = {}
    first = True
    for j in journeys:
        if j is None:
            continue
        if steps:
            elapsed += j.delay or 0
            j.offset = elapsed
        else:
            j.offset = j.delay
        if not j.sends:  # a wait: it moves the timeline only
            continue
        j.leads, first = first, False
        if j.offset is not None and j.trigger:
            j.earlier = list(seen.get(j.trigger, []))
            seen.setdefault(j.trigger, []).append(j.offset)
