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

# Folder walks skip files that a reader claims by extension but that are configuration,
# not copy: linting them would only produce "not a campaign" errors. A file named on the
# command line is still read.
NOT_COPY_FILES = frozenset({
    ".creeplint.yaml", ".creeplint.yml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
    "action.yml", "action.yaml", "docker-compose.yml", "docker-compose.yaml", "mkdocs.yml",
    "codecov.yml", ".gitlab-ci.yml", "pnpm-lock.yaml", "environment.yml", "package.json",
    "package-lock.json", "tsconfig.json", "jsconfig.json", "composer.json",
})
NOT_COPY_DIRS = frozenset({"node_modules"})  # dependencies (MJML projects have one)


def not_copy(path: Path) -> bool:
    """A known non-campaign file: a name above, YAML in a ``rulesets`` folder (creeplint
    rules), or a GitHub workflow (``.github/workflows/*.yml``)."""
    if path.name.lower() in NOT_COPY_FILES:
        return True
    if path.suffix.lower() in (".yaml", ".yml"):
        folders = [p.lower() for p in path.parts[:-1]]
        if "rulesets" in folders:
            return True
        return ".github/workflows/" in "/".join([*folders, ""])
    return False


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
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in NOT_COPY_DIRS)
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
            if not_copy(path):
                continue
            if accept is not None and not accept(path, False):
                continue
            yield _load(path, _display(path))
    yield from errors
