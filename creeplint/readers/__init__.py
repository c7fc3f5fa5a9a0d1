"""Readers turn files into messages.

A reader is one module in this package that defines:

* ``NAME``: the ``--input-format`` name (``"text"``),
* ``EXTENSIONS``: file name endings it claims (``(".txt",)``),
* ``read(source: Source) -> Iterator[Message | InputError]``.

``read`` yields an ``InputError`` for a bad record and goes on, or raises
``ReadError`` when the whole file is unusable. Dropping a module in here is all
it takes to add a format: the registry finds it by scanning the package.
"""

from __future__ import annotations

import codecs
import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from types import ModuleType

from ..model import InputError, Message


class ReadError(Exception):
    """The file cannot be read at all; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """Decode file bytes: a BOM picks the codec, otherwise UTF-8 (strict)."""
    body, codec = data, "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            body, codec = data[len(bom) :], name
            break
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not valid {codec.upper()} text (byte 0x{body[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None


@dataclass
class Source:
    """One input: its display name and raw bytes (text decoded on demand)."""

    name: str
    data: bytes
    _text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = decode(self.data)
        return self._text


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


def read_source(source: Source, input_format: str | None = None) -> Iterator[Message | InputError]:
    """Read one source with the right reader, turning failures into ``InputError``s."""
    reader = reader_for(source.name, input_format)
    if reader is None:
        yield InputError(source.name, "no reader for this file type (use --input-format)")
        return
    try:
        yield from reader.read(source)
    except ReadError as exc:
        yield InputError(source.name, str(exc), exc.line)
