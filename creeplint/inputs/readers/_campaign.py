"""Campaign files (YAML or JSON) as a tree of positioned nodes, and the messages in them.

The campaign schema (``campaign``, ``channel``, ``sector``, ``relationship`` and every
message key are optional except ``messages`` and each message's ``text``/``body``)::

    campaign: spring-sale            # used in default message ids
    channel: email                   # default for every message (email|ad|sms|push|in_app)
    sector: retail                   # default sector
    relationship: customer           # default relationship
    messages:
      - id: welcome-1                # default: <campaign or file>#<n>
        channel: email
        subject: ...
        preheader: ...
        text: ...                    # or ``body``
        cta: ...                     # button text
        variants:                    # A/B variants: each is a message of its own,
          - id: b                    # id "<message id>/<variant id or n>"; keys it
            subject: ...             # does not set come from the message
            text: ...

A top-level list of such message mappings is accepted too. Other shapes are read
through *copy keys* (see ``read_copy_keys``). Journey fields (``trigger``, ``delay``,
``frequency``, ``audience``…, and ``steps:`` in place of ``messages:``) are read by
``creeplint.journeys.parse`` into ``meta["journey"]``; a Klaviyo flow export by
``creeplint.journeys.klaviyo``.

Size: the campaign schema, the copy-key fallback and the hand-off to journeys are one
reading of one tree of nodes; split, each part would re-walk the same document.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...model import InputError, LineIndex, Message
from ..source import NotCopy
from ._common import TextBuilder, make_message

FIELDS = ("subject", "preheader", "text", "cta")  # in message order; ``body`` is an alias of ``text``
META_KEYS = ("channel", "sector", "relationship")
# journey fields (``creeplint.journeys.parse``); a file using none of them never loads that package
JOURNEY_KEYS = ("trigger", "delay", "send_time", "send_window", "frequency", "cap", "audience", "segment")

# Keys holding copy in files that are not campaigns (i18n bundles, CMS exports...).
# Deliberately specific: "text", "description" or "message" occur in too many YAML files
# that are not copy at all.
COPY_KEYS: tuple[str, ...] = ("subject", "preheader", "body", "headline", "primary_text", "copy", "cta")

SCHEMA_HINT = (
    "expected a campaign: a mapping with 'messages: [{id, subject?, preheader?, text|body, variants?}]' "
    "(or a list of such messages), or keys holding copy (" + ", ".join(COPY_KEYS) + ")"
)


@dataclass
class Node:
    """A YAML/JSON value with its position. ``value`` is a dict of str -> Node (mapping),
    a list of Node (sequence) or a plain Python scalar; string scalars also carry the
    source offset of each character in ``offsets``."""

    value: Any
    start: int
    offsets: list[int] | None = None
    keys: dict[str, int] = field(default_factory=dict)  # key -> offset of the key

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_seq(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_str(self) -> bool:
        return isinstance(self.value, str)


class _Bad(Exception):
    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.node = node


def _scalar(node: Node | None) -> str | None:
    if node is None or node.value is None or node.is_map or node.is_seq:
        return None
    return str(node.value)


def _copy(node: Node | None, key: str) -> Node | None:
    if node is None or node.value is None:
        return None
    if not node.is_str:
        raise _Bad(f"{key!r} must be a string", node)
    return node


def _build(
    parts: list[tuple[str, Node]], index: LineIndex, *, id: str, file: str, meta: dict[str, Any],
    line_node: Node,
) -> Message:
    builder = TextBuilder(index)
    for _, node in parts:
        if node.value.strip():
            builder.separate()
            assert node.offsets is not None
            builder.add_mapped(node.value, node.offsets)
    try:
        return make_message(builder, id=id, file=file, meta=meta)
    except ValueError as exc:
        raise _Bad(str(exc), line_node) from None


def _fields(item: Node) -> dict[str, Node]:
    out: dict[str, Node] = {}
    m = item.value
    for key in FIELDS:
        src = m.get(key)
        if key == "text" and src is None:
            src = m.get("body")
            key_name = "body"
        else:
            key_name = key
        found = _copy(src, key_name)
        if found is not None:
            out[key] = found
    return out


def _meta(item: Node, defaults: dict[str, Any]) -> dict[str, Any]:
    meta = dict(defaults)
    for key in META_KEYS:
        value = _scalar(item.value.get(key))
        if value is not None:
            meta[key] = value
    return meta


def _journeys(
    doc: Node, items: Node, index: LineIndex, file: str, steps: bool, quoted_keys: bool
) -> tuple[list[Any], list[InputError]]:
    """Each item's journey (None for all when no journey field is used) and the problems
    found reading them. Only files with journey fields import ``creeplint.journeys``."""
    if not (steps or (doc.is_map and _has_journey(doc)) or any(_has_journey(i) for i in items.value)):
        return [None] * len(items.value), []
    from ...journeys.parse import CAMPAIGN_FIELDS, Reader, timeline

    reader = Reader(index.position, quoted_keys)
    base = reader.fields(doc, None, CAMPAIGN_FIELDS) if doc.is_map else None
    found = [reader.fields(i, base) if i.is_map else None for i in items.value]
    for item, j in zip(items.value, found, strict=True):
        if j is not None and steps and _only_waits(item):
            j.sends = False  # a step that only waits
    timeline(found, steps)
    errors = [InputError(file, msg, line, col) for msg, line, col in sorted(reader.problems, key=lambda p: p[1:])]
    return found, errors


def _has_journey(node: Node) -> bool:
    return node.is_map and any(k in node.value for k in JOURNEY_KEYS)


def _only_waits(step: Node) -> bool:
    """A journey step with no copy (``- delay: 2d``): it moves the timeline, sends nothing."""
    return not any(k in step.value for k in (*FIELDS, "body", "variants"))


def campaign_messages(
    doc: Node, index: LineIndex, file: str, name: str, quoted_keys: bool = False
) -> Iterator[Message | InputError]:
    """Messages of a campaign document (``messages:`` or ``steps:`` list, or a bare list of
    messages), with their journeys (``meta["journey"]``) where journey fields are used."""
    defaults: dict[str, Any] = {}
    steps = False
    if doc.is_map:
        for key in META_KEYS:
            value = _scalar(doc.value.get(key))
            if value is not None:
                defaults[key] = value
        name = _scalar(doc.value.get("campaign")) or name
        steps = "messages" not in doc.value
        items = doc.value["steps" if steps else "messages"]
        if not items.is_seq:
            line = index.position(items.start)[0]
            yield InputError(file, f"'{'steps' if steps else 'messages'}' must be a list of message mappings", line)
            return
    else:
        items = doc
    journeys, problems = _journeys(doc, items, index, file, steps, quoted_keys)
    yield from problems
    for n, item in enumerate(items.value, start=1):
        line = index.position(item.start)[0]
        if not item.is_map:
            yield InputError(file, f"message {n}: each message must be a mapping", line)
            continue
        if steps and _only_waits(item):
            continue  # a step that only waits (``- delay: 2d``): it moves the timeline, sends nothing
        try:
            ident = _scalar(item.value.get("id")) or f"{name}#{n}"
            fields = _fields(item)
            meta = _meta(item, defaults)
            if journeys[n - 1] is not None:
                meta["journey"] = journeys[n - 1]
            variants = item.value.get("variants")
            if variants is not None and not variants.is_seq:
                raise _Bad("'variants' must be a list", variants)
            if "text" not in fields and not variants:
                raise _Bad(f"message {ident!r} has no 'text' (or 'body') string", item)
            if "text" in fields or "subject" in fields:
                yield _build(list(fields.items()), index, id=ident, file=file, meta=meta, line_node=item)
            for v, variant in enumerate(variants.value if variants else [], start=1):
                if not variant.is_map:
                    raise _Bad("each variant must be a mapping", variant)
                merged = {**fields, **_fields(variant)}
                if "text" not in merged:
                    raise _Bad(f"variant {v} of {ident!r} has no 'text' (or 'body') string", variant)
                vid = f"{ident}/{_scalar(variant.value.get('id')) or v}"
                ordered = [(k, merged[k]) for k in FIELDS if k in merged]
                yield _build(ordered, index, id=vid, file=file, meta=_meta(variant, meta), line_node=variant)
        except _Bad as exc:
            yield InputError(file, str(exc), index.position(exc.node.start)[0])


def is_campaign(doc: Node) -> bool:
    if doc.is_map:
        if "messages" in doc.value:
            return True
        steps = doc.value.get("steps")  # a journey: steps holding copy (CI files have ``steps:`` too)
        return steps is not None and steps.is_seq and any(
            i.is_map and any(k in i.value for k in ("text", "body", "subject")) for i in steps.value)
    return (
        doc.is_seq
        and bool(doc.value)
        and all(i.is_map and ("text" in i.value or "body" in i.value) for i in doc.value)
    )


def _is_flow_export(doc: Node) -> bool:
    """A Klaviyo flow (``{"data": {"type": "flow", "attributes": {"definition": …}}}``)."""
    data = doc.value.get("data") if doc.is_map else None
    if data is None or not data.is_map:
        return False
    kind, attributes = data.value.get("type"), data.value.get("attributes")
    return kind is not None and kind.value == "flow" and attributes is not None and attributes.is_map and (
        "definition" in attributes.value)


# -- copy keys ---------------------------------------------------------------------------


def _path_matches(pattern: list[str], path: list[str]) -> bool:
    return len(pattern) == len(path) and all(p in ("*", q) for p, q in zip(pattern, path, strict=True))


def copy_key_messages(
    doc: Node, index: LineIndex, file: str, copy_keys: Sequence[str]
) -> list[Message]:
    """One message per mapping holding copy keys (strings or lists of strings).

    ``copy_keys`` entries are bare key names, matched at any depth (``headline``), or
    dotted paths from the root where ``*`` matches any key or list position
    (``emails.*.html_body``). The message id is the mapping's ``id``/``name``/``key`` if
    it has one, else its path (``welcome.email``).
    """
    names = {k for k in copy_keys if "." not in k and "*" not in k}
    paths = [k.split(".") for k in copy_keys if "." in k or "*" in k]
    out: list[Message] = []

    def strings(node: Node) -> list[Node]:
        if node.is_str:
            return [node]
        if node.is_seq:
            return [i for i in node.value if i.is_str]
        return []

    def walk(node: Node, path: list[str]) -> None:
        if node.is_map:
            found: list[tuple[str, Node]] = []
            for key, child in node.value.items():
                child_path = [*path, key]
                if key in names or any(_path_matches(p, child_path) for p in paths):
                    found.extend((key, s) for s in strings(child))
            if found:
                ident = next(
                    (_scalar(node.value.get(k)) for k in ("id", "name", "key") if _scalar(node.value.get(k))),
                    None,
                ) or (".".join(path) or file)
                found.sort(key=lambda kv: kv[1].start)
                meta = _meta(node, {})
                try:
                    out.append(_build(found, index, id=ident, file=file, meta=meta, line_node=node))
                except _Bad:
                    out.append(_build(found, index, id=ident, file=file, meta={}, line_node=node))
            for key, child in node.value.items():
                walk(child, [*path, key])
        elif node.is_seq:
            for i, child in enumerate(node.value):
                walk(child, [*path, str(i)])

    walk(doc, [])
    return out


def document_messages(
    doc: Node, index: LineIndex, file: str, copy_keys: Sequence[str] | None, quoted_keys: bool = False
) -> Iterator[Message | InputError]:
    """Messages of one document: campaign schema first, then an ESP flow export
    (``journeys.klaviyo``), copy keys otherwise; ``NotCopy`` when it has none of them.
    ``quoted_keys``: JSON, whose key offsets are their opening quotes."""
    name = file.rsplit("/", 1)[-1]
    if is_campaign(doc):
        yield from campaign_messages(doc, index, file, name, quoted_keys)
        return
    if _is_flow_export(doc):
        from ...journeys.klaviyo import flow_messages

        yield from flow_messages(doc, index, file, quoted_keys)
        return
    found = copy_key_messages(doc, index, file, COPY_KEYS if copy_keys is None else copy_keys)
    if not found:  # a folder walk skips such a file (package.json, settings.yaml); named, it is an error
        raise NotCopy(f"not a campaign file: {SCHEMA_HINT}", index.position(doc.start)[0])
    yield from found
