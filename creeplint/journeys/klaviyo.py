"""Klaviyo flows, as the Flows API gives them (``GET /api/flows/{id}?additional-fields[flow]=definition``)
or takes them (``POST /api/flows``): a JSON:API ``flow`` whose ``attributes.definition`` holds
``triggers``, ``actions`` linked by ``links.next`` and an ``entry_action_id``.

Mapping (docs/journeys.md has the table and what could not be confirmed):

* trigger ``metric`` -> ``metric`` (tracked behaviour: the export names the metric by id only),
  ``price-drop`` -> ``price_drop`` (tracked: its audience is who viewed or started checkout),
  ``list`` -> ``signup``; other trigger types carry no event;
* ``time-delay`` actions add ``value`` ``unit`` (minutes, hours, days) to the time since the
  trigger; ``delay_until_time`` is the send time;
* ``send-email`` is a message (``subject_line`` and ``preview_text``: the body lives in a
  template, not in the flow), ``send-sms`` one with its ``body``;
* the path is followed from ``entry_action_id`` through ``links.next`` only (branches are not
  followed), each action once.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..inputs.readers._campaign import Node, _build
from ..model import InputError, LineIndex, Message
from . import durations
from .model import Journey, Spot
from .parse import timeline

TRIGGERS = {"metric": "metric", "price-drop": "price_drop", "list": "signup"}
UNITS = {"minutes": 60, "hours": 3600, "days": 86400}


def _get(node: Node | None, *path: str) -> Node | None:
    for key in path:
        if node is None or not node.is_map:
            return None
        node = node.value.get(key)
    return node


def _spot(node: Node, key: str, index: LineIndex, quoted: bool) -> Spot:
    line, col = index.position(node.keys.get(key, node.start))
    value = node.value[key].value
    return Spot(line, col, line, col + len(key) + (2 if quoted else 0), f"{key}: {value}")


def flow_messages(doc: Node, index: LineIndex, file: str, quoted_keys: bool = True) -> Iterator[Message | InputError]:
    attributes = _get(doc, "data", "attributes")
    definition = _get(attributes, "definition")
    name_node = _get(attributes, "name")
    name = str(name_node.value) if name_node is not None and name_node.value else file.rsplit("/", 1)[-1]
    if definition is None or not definition.is_map:
        yield InputError(file, "Klaviyo flow: 'definition' must be a mapping", index.position(doc.start)[0])
        return
    actions = _get(definition, "actions")
    if actions is None or not actions.is_seq:
        yield InputError(file, "Klaviyo flow: 'definition.actions' must be a list", index.position(definition.start)[0])
        return
    base = Journey()
    triggers = _get(definition, "triggers")
    if triggers is not None and triggers.is_seq and triggers.value and triggers.value[0].is_map:
        first = triggers.value[0]
        kind = _get(first, "type")
        if kind is not None and kind.value in TRIGGERS:
            base.trigger = TRIGGERS[str(kind.value)]
            base.trigger_at = _spot(first, "type", index, quoted_keys)
    by_id: dict[str, Node] = {}
    for action in actions.value:
        ident = _get(action, "id") or _get(action, "temporary_id")
        if ident is not None and ident.value is not None:
            by_id[str(ident.value)] = action
    entry = _get(definition, "entry_action_id")
    current = str(entry.value) if entry is not None and entry.value is not None else None
    elapsed, delay_at, send_time, send_time_at = 0, None, None, None
    found: list[tuple[Journey, list[tuple[str, Node]], Node, str, str]] = []
    seen: set[str] = set()
    while current is not None and current in by_id and current not in seen:
        seen.add(current)
        action = by_id[current]
        kind_node, data = _get(action, "type"), _get(action, "data")
        kind = kind_node.value if kind_node is not None else None
        if kind == "time-delay" and data is not None and data.is_map:
            value, unit = _get(data, "value"), _get(data, "unit")
            unit_name = unit.value if unit is not None else "days"  # the documented default
            whole = value is not None and isinstance(value.value, int) and not isinstance(value.value, bool)
            if value is None or not whole or unit_name not in UNITS:
                line, col = index.position(data.start)
                yield InputError(
                    file,
                    f"Klaviyo time-delay {current!r}: needs an integer 'value' and a 'unit' of minutes, hours or days",
                    line,
                    col,
                )
            else:
                elapsed += value.value * UNITS[unit_name]
                delay_at = _spot(data, "value", index, quoted_keys)
            until = _get(data, "delay_until_time")
            if until is not None and until.value:
                try:
                    send_time, send_time_at = (
                        durations.clock(str(until.value)[:5]),
                        _spot(data, "delay_until_time", index, quoted_keys),
                    )
                except ValueError as exc:
                    line, col = index.position(until.start)
                    yield InputError(file, f"Klaviyo time-delay {current!r}: {exc}", line, col)
        elif kind in ("send-email", "send-sms"):
            message = _get(data, "message")
            if kind == "send-email":
                parts = [
                    (k, n)
                    for k, n in (("subject", _get(message, "subject_line")), ("text", _get(message, "preview_text")))
                    if n is not None and n.is_str
                ]
                channel = "email"
            else:
                body = _get(message, "body")
                parts = [("text", body)] if body is not None and body.is_str else []
                channel = "sms"
            if parts:
                j = Journey(
                    trigger=base.trigger,
                    trigger_at=base.trigger_at,
                    delay=elapsed,
                    delay_at=delay_at,
                    send_time=send_time,
                    send_time_at=send_time_at,
                )
                found.append((j, parts, action, current, channel))
        nxt = _get(action, "links", "next")
        current = str(nxt.value) if nxt is not None and nxt.value is not None else None
    timeline([j for j, *_ in found], steps=False)
    for j, parts, action, ident, channel in found:
        yield _build(
            parts, index, id=f"{name}/{ident}", file=file, meta={"channel": channel, "journey": j}, line_node=action
        )
