"""Turn command-line paths into sources to read.

Directories are walked recursively in sorted order (so output is deterministic),
hidden files and folders (``.git`` among them) are skipped, and only files some reader
claims are read. A file named explicitly is always read. Problems become
``InputError``s, never exceptions.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from .model import InputError
from .readers import Source, reader_for

MAX_BYTES = 20 * 1024 * 1024


def _display(path: Path) -> str:
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
        return rel.as_posix()
    except ValueError:
        return path.as_posix()


def _load(path: Path, name: str) -> Source | InputError:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return InputError(name, f"skipped: {size} bytes is over the {MAX_BYTES}-byte limit")
        return Source(name, path.read_bytes())
    except FileNotFoundError:
        return InputError(name, "no such file")
    except IsADirectoryError:
        return InputError(name, "is a directory")
    except OSError as exc:
        return InputError(name, f"cannot read: {exc.strerror or exc}")


def iter_sources(
    paths: list[str], *, stdin_filename: str | None = None, input_format: str | None = None,
    accept: Callable[[Path, bool], bool] | None = None,
) -> Iterator[Source | InputError]:
    """``accept(path, is_dir)``, when given, filters what folder walking finds (config
    include/exclude globs); it is not applied to paths named explicitly."""
    for raw in paths:
        if raw == "-":
            yield Source(stdin_filename or "<stdin>", sys.stdin.buffer.read())
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, input_format, accept)
        elif path.exists() or path.is_symlink():
            yield _load(path, _display(path))
        else:
            yield InputError(raw, "no such file or directory")


def _walk(
    root: Path, input_format: str | None, accept: Callable[[Path, bool], bool] | None = None
) -> Iterator[Source | InputError]:
    def onerror(exc: OSError) -> None:
        errors.append(InputError(_display(Path(exc.filename or root)), f"cannot list: {exc.strerror}"))

    errors: list[InputError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if accept is not None:
            dirnames[:] = [d for d in dirnames if accept(Path(dirpath, d), True)]
        yield from errors
        errors.clear()
        for fname in sorted(filenames):
            if fname.startswith("."):
                continue
            path = Path(dirpath, fname)
            if input_format is None and reader_for(fname) is None:
                continue
            if accept is not None and not accept(path, False):
                continue
            yield _load(path, _display(path))
    yield from errors
