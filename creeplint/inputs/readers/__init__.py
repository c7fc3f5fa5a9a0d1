"""Readers turn files into messages.

A reader is one module in this package that defines:

* ``NAME``: the ``--input-format`` name (``"text"``),
* ``EXTENSIONS``: file name endings it claims (``(".txt",)``),
* ``read(source: Source) -> Iterator[Message | InputError]``,
* optionally ``STREAMS = True``: the reader reads ``source.lines()`` one at a time, so the
  file walk hands it a ``Source`` whose ``path`` is set and whose ``data`` holds only the
  first bytes (for sniffing); memory then stays flat on a multi-gigabyte JSONL file. Such
  formats carry no comment directives (records use a ``creeplint-disable`` key instead).

``read`` yields an ``InputError`` for a bad record and goes on, or raises
``ReadError`` (``inputs.source``) when the whole file is unusable. Every ``Message`` maps
its text back to exact source positions (``model.SourceMap``). Dropping a module in here is
all it takes to add a format: the registry finds it by scanning the package for modules
with ``NAME`` and ``read``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from functools import cache
from pathlib import PurePath
from types import ModuleType

from ...model import InputError, Message
from ..source import NotCopy, ReadError, Skipped, Source


@cache
def registry() -> dict[str, ModuleType]:
    """Reader modules by NAME, found by scanning this package."""
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "read"):
            found[module.NAME] = module
    return found


def extensions() -> dict[str, str]:
    """File ending -> reader NAME."""
    return {ext: name for name, mod in registry().items() for ext in mod.EXTENSIONS}


def reader_for(filename: str, input_format: str | None = None) -> ModuleType | None:
    if input_format:
        return registry()[input_format]
    lowered = PurePath(filename).name.lower()
    # longest ending first so ".tar.gz"-style endings win over ".gz"
    for ext, name in sorted(extensions().items(), key=lambda kv: -len(kv[0])):
        if lowered.endswith(ext):
            return registry()[name]
    return None


MAX_MESSAGE_LENGTH = 2_000_000  # characters (a 1 MB HTML email fits); longer is an error, never cut


def read_source(
    source: Source, input_format: str | None = None, *, max_message_length: int | None = MAX_MESSAGE_LENGTH
) -> Iterator[Message | InputError | Skipped]:
    """Read one source with the right reader, turning failures into ``InputError``s.

    Never raises (``KeyboardInterrupt`` aside): a reader's ``ReadError`` becomes an error
    for the file, and any other exception — a reader bug — becomes one "internal error"
    for the file after the messages already read. A message longer than
    ``max_message_length`` characters (None: no limit) is replaced by an error naming it.
    A file a folder walk found that holds no copy (``NotCopy``) becomes one ``Skipped``.
    Standard input with neither a file name nor a format is plain text.
    """
    if source.stdin and input_format is None and reader_for(source.name) is None:
        input_format = "text"
    try:
        reader = reader_for(source.name, input_format)
    except KeyError:
        yield InputError(source.name, f"unknown input format {input_format!r}")
        return
    if reader is None:
        yield InputError(source.name, "no reader for this file type (use --input-format)")
        return
    try:
        for item in reader.read(source):
            if (
                max_message_length is not None
                and isinstance(item, Message)
                and len(item.text) > max_message_length
            ):
                line = item.source.span(0, 1)[0] if item.text else None
                yield InputError(
                    source.name,
                    f"message {item.id!r} skipped: {len(item.text):,} characters is over the "
                    f"{max_message_length:,}-character limit (--max-message-length)",
                    line,
                )
                continue
            yield item
    except NotCopy as exc:
        if source.explicit:
            yield InputError(source.name, str(exc), exc.line)
        else:
            reason = "empty file" if str(exc).startswith("empty") else "not a campaign (no 'messages', no copy keys)"
            yield Skipped(source.name, reason, quiet=True)
    except ReadError as exc:
        yield InputError(source.name, str(exc), exc.line)
    except Exception as exc:  # a reader bug must not take the whole run down
        detail = " ".join(str(exc).split())[:200]
        yield InputError(
            source.name, f"internal error while reading: {type(exc).__name__}: {detail} — please report"
        )
