"""Message metadata as written in campaign files: an unknown channel, sector or relationship
is warned about once per value, and the message is linted with the default (never dropped).
Readers have already mapped channel aliases (``inputs.channels``); sectors are profile names."""

from __future__ import annotations

from collections.abc import Callable

from .findings.profiles import RELATIONSHIPS, shipped
from .model import CHANNELS, Message


def vet(msg: Message, warned: set, notify: Callable[[object], None]) -> None:
    """Unknown channel, sector or relationship values: warn once per value, then lint the
    message with the default (email, the default profile, no relationship)."""
    meta = msg.meta
    said: list[tuple[str, str, str]] = []  # (what, value, how it is linted)
    if "unknown" in meta:
        said.append(("channel", meta.pop("unknown")["channel"], "'email'"))
    for note in meta.pop("notes", ()):
        if note not in warned:
            warned.add(note)
            notify(f"{msg.file}: note: {note}")
    for attr, known in (("sector", tuple(shipped().profiles)), ("relationship", RELATIONSHIPS)):
        value = getattr(msg, attr)
        if value is None:
            continue
        keys = (value.strip().lower(), "_".join(value.strip().lower().replace("-", " ").split()),
                "-".join(value.strip().lower().replace("_", " ").split()))
        key = next((k for k in keys if k in known), None)
        if key is not None:
            setattr(msg, attr, key)
        else:
            setattr(msg, attr, None)
            said.append((attr, value, "the default profile" if attr == "sector" else "no relationship"))
    for what, value, default in said:
        if (what, value) in warned:
            continue
        warned.add((what, value))
        known = {"channel": CHANNELS, "sector": tuple(shipped().profiles), "relationship": RELATIONSHIPS}[what]
        line = msg.source.span(0, 1)[0] if msg.text else None
        where = f"{msg.file}:{line}" if line else msg.file
        notify(f"{where}: warning: unknown {what} {value!r} (known: {', '.join(known)}); linted with {default}")
