"""Turn command-line paths into sources to read.

Directories are walked recursively in sorted order (so output is deterministic),
hidden files and folders (``.git`` among them) are skipped, files a ``.gitignore``
ignores are skipped when the folder is inside a git work tree (``gitignore=False`` to
opt out), and only files some reader claims are read. A file named explicitly is always
read. Problems become ``InputError``s, never exceptions; files a walk passes over on
purpose (binary files, fifos, links to folders) become ``Skipped`` notes.

Nothing here ever opens a file for writing.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..model import InputError
from .own_reports import report_kind
from .readers import reader_for
from .source import Skipped, Source, sniff_binary

__all__ = ["Skipped", "iter_sources", "not_copy"]

MAX_BYTES = 20 * 1024 * 1024  # default --max-file-size
_HEAD = 64 * 1024  # what is read up front from a file that streams



# Folder walks skip files that a reader claims by extension but that are configuration,
# not copy: linting them would only produce "not a campaign" errors. A file named on the
# command line is still read.
NOT_COPY_FILES = frozenset({
    ".creeplint.yaml", ".creeplint.yml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
    "action.yml", "action.yaml", "docker-compose.yml", "docker-compose.yaml", "mkdocs.yml",
    "codecov.yml", ".gitlab-ci.yml", "pnpm-lock.yaml", "environment.yml", "package.json",
    "package-lock.json", "tsconfig.json", "jsconfig.json", "composer.json",
})
_JSONC_PREFIXES = ("tsconfig.", "jsconfig.", "tslint.", "devcontainer.")  # JSON with comments: tsconfig.base.json
NOT_COPY_DIRS = frozenset({"node_modules"})  # dependencies (MJML projects have one)


def not_copy(path: Path) -> bool:
    """A known non-campaign file: a name above (``tsconfig.*.json`` too: JSON with comments
    would not even parse), YAML in a ``rulesets`` folder (creeplint rules), or a GitHub
    workflow (``.github/workflows/*.yml``). Other YAML/JSON is read, and skipped when it
    holds no copy (``NotCopy``)."""
    name = path.name.lower()
    if name in NOT_COPY_FILES or (name.startswith(_JSONC_PREFIXES) and name.endswith(".json")):
        return True
    if path.suffix.lower() in (".yaml", ".yml"):
        folders = [p.lower() for p in path.parts[:-1]]
        if "rulesets" in folders:
            return True
        return ".github/workflows/" in "/".join([*folders, ""])
    return False


def _display(path: Path) -> str:
    """The path relative to the working folder when inside it. Symbolic links are not
    resolved: a link is named as itself (and a link loop cannot raise)."""
    try:
        return Path(os.path.abspath(path)).relative_to(_cwd()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def _cwd() -> Path:
    cwd = os.getcwd()
    if _CWD and _CWD[0] == cwd:
        return _CWD[1]
    _CWD[:] = [cwd, Path(cwd)]
    return _CWD[1]


_CWD: list = []


_KINDS = ((stat.S_ISFIFO, "a named pipe (fifo)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _too_big(name: str, size: int, max_bytes: int) -> InputError:
    return InputError(name, f"skipped: {size:,} bytes is over the {max_bytes:,}-byte limit (--max-file-size)")


def _load(path: Path, name: str, max_bytes: int = MAX_BYTES, explicit: bool = True) -> Source | InputError | Skipped:
    """Read one file (read-only, at most ``max_bytes + 1`` bytes). A walk (``explicit=False``)
    skips binary and special files with a note; named explicitly they are errors, except
    pipes, which are read (``<(command)`` process substitution)."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            return InputError(name, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            kind = next((k for test, k in _KINDS if test(st.st_mode)), "not a regular file")
            if not explicit:
                return Skipped(name, f"{kind}, not a regular file")
            if not stat.S_ISFIFO(st.st_mode):
                return InputError(name, f"cannot read {kind}")
        elif getattr(reader_for(name), "STREAMS", False):
            # read line by line later: memory stays flat whatever the size, so no size limit
            with open(path, "rb") as fh:
                head = fh.read(_HEAD)
            kind = sniff_binary(head)
            if kind is not None:
                return InputError(name, f"{kind}, not text; not read") if explicit else Skipped(name, kind)
            return Source(name, head, path=path, explicit=explicit)
        elif st.st_size > max_bytes:
            return _too_big(name, st.st_size, max_bytes)
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:  # grew since stat, or a pipe
            return _too_big(name, len(data), max_bytes)
    except FileNotFoundError:
        if path.is_symlink():
            return InputError(name, f"broken symbolic link (points to {os.readlink(path)})")
        if explicit:
            return InputError(name, "no such file")
        return InputError(name, "vanished while being read (deleted or renamed during the run)")
    except IsADirectoryError:
        return InputError(name, "is a directory")
    except PermissionError:
        return InputError(name, "cannot read: permission denied")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputError(name, "symbolic link loop (too many levels of symbolic links)")
        return InputError(name, f"cannot read: {exc.strerror or exc}")
    kind = sniff_binary(data)
    if kind is not None:
        if explicit:
            return InputError(name, f"{kind}, not text; not read")
        return Skipped(name, kind)
    report = report_kind(data)
    if report is not None:
        if explicit:
            return InputError(name, f"{report}, not copy; not read")
        return Skipped(name, f"{report}, not copy", quiet=True)
    return Source(name, data, explicit=explicit)


def _read_stdin(name: str, max_bytes: int) -> Source | InputError:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        return _too_big(name, len(data), max_bytes)
    return Source(name, data, stdin=True)


def iter_sources(
    paths: list[str], *, stdin_filename: str | None = None, input_format: str | None = None,
    accept: Callable[[Path, bool], bool] | None = None, max_bytes: int = MAX_BYTES, gitignore: bool = True,
) -> Iterator[Source | InputError | Skipped]:
    """``accept(path, is_dir)``, when given, filters what folder walking finds (config
    include/exclude globs); it is not applied to paths named explicitly, nor is
    ``.gitignore``."""
    for raw in paths:
        if raw == "-":
            yield _read_stdin(stdin_filename or "<stdin>", max_bytes)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, input_format, accept, max_bytes, gitignore)
        elif path.exists() or path.is_symlink():
            yield _load(path, _display(path), max_bytes)
        else:
            yield InputError(raw, "no such file or directory")


def git_ignored(root: Path) -> set[str] | None:
    """Paths under ``root`` (relative, folders without their slash) that git ignores there,
    or None when ``root`` is not in a git work tree or git is not installed.

    One ``git ls-files --others --ignored --exclude-standard --directory`` call per walked
    folder: git reads every ``.gitignore``, ``.git/info/exclude`` and the global excludes
    file itself, and an ignored folder is listed once, not file by file.
    """
    git = shutil.which("git")
    if git is None:
        return None
    try:
        proc = subprocess.run(
            [git, "-C", str(root), "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"],
            capture_output=True, timeout=120, stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    found = {os.path.normpath(os.fsdecode(p)) for p in proc.stdout.split(b"\0") if p}
    found.discard(".")  # the folder named on the command line is itself ignored: read it anyway
    return found


def _walk(
    root: Path, input_format: str | None, accept: Callable[[Path, bool], bool] | None = None,
    max_bytes: int = MAX_BYTES, gitignore: bool = True,
) -> Iterator[Source | InputError | Skipped]:
    def onerror(exc: OSError) -> None:
        errors.append(InputError(_display(Path(exc.filename or root)), f"cannot list: {exc.strerror}"))

    ignored = (git_ignored(root) if gitignore else None) or set()

    def is_ignored(name: str) -> bool:
        return bool(ignored) and os.path.normpath(os.path.join(reldir, name)) in ignored

    errors: list[InputError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        reldir = os.path.relpath(dirpath, root) if ignored else ""
        keep = []
        for d in sorted(dirnames):
            if d.startswith(".") or d in NOT_COPY_DIRS or is_ignored(d):
                continue
            if os.path.islink(os.path.join(dirpath, d)):  # not followed: no loops, no escaping the tree
                yield Skipped(_display(Path(dirpath, d)), "symbolic link to a folder (not followed)")
                continue
            keep.append(d)
        dirnames[:] = keep
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
            if not_copy(path) or is_ignored(fname):
                continue
            if accept is not None and not accept(path, False):
                continue
            yield _load(path, _display(path), max_bytes, explicit=False)
    yield from errors
