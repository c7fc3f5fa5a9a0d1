"""Folder-walk filters from a config's ``include`` / ``exclude`` globs.

Globs: ``*`` stays within one folder, ``**`` crosses folders, a pattern without ``/``
matches a name at any depth (like .gitignore), and a pattern matching a folder covers
everything in it. They apply to folder walking only: a file named on the command line
(which is what pre-commit does) is always read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Glob:
    pattern: str
    base: Path  # the folder of the config file that defined it
    regex: re.Pattern[str]


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-flavoured glob as a regex over POSIX relative paths."""
    pat = pattern.strip()
    if pat.startswith("./"):
        pat = pat[2:]
    anchored = "/" in pat.rstrip("/")
    pat = pat.strip("/")
    out = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pat.find("]", i + 2)
            if j < 0:
                out.append(re.escape(c))
                i += 1
            else:
                body = pat[i + 1 : j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(out) + r"\Z")


class PathFilter:
    """Accepts a walked path unless excluded; files must match an include, if any.

    A path is matched relative to each pattern's config folder, and so are its parent
    folders, so ``exclude: [drafts]`` covers ``drafts/a/b.md``.
    """

    def __init__(self, include: list[Glob], exclude: list[Glob]) -> None:
        self.include, self.exclude = include, exclude
        self._cwd = Path.cwd()

    @staticmethod
    def _candidates(path: Path, base: Path) -> list[str]:
        full = path if path.is_absolute() else Path.cwd() / path
        try:
            rel = Path(os.path.relpath(full, base)).as_posix()
        except ValueError:  # another drive on Windows
            rel = full.as_posix()
        if rel.startswith("../"):
            rel = full.as_posix().lstrip("/")
        parts = rel.split("/")
        return ["/".join(parts[: i + 1]) for i in range(len(parts))]

    @classmethod
    def _hit(cls, globs: list[Glob], path: Path) -> bool:
        return any(g.regex.match(c) for g in globs for c in cls._candidates(path, g.base))

    def __call__(self, path: Path, is_dir: bool) -> bool:
        if self._hit(self.exclude, path):
            return False
        if is_dir or not self.include:
            return True
        return self._hit(self.include, path)
