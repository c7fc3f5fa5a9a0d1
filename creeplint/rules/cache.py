"""An on-disk cache of validated rulesets, for a fast start on every commit.

Measured on the shipped rulesets: parsing the YAML, validating every rule and compiling its
patterns takes ~0.17 s of a one-file check; unpickling the result takes ~0.01 s. Building
the spaCy side (pipeline, phrase index) is cheaper than unpickling it would be, so only the
validated ``RuleBook`` (with its compiled patterns) is cached.

The key is a digest of the ruleset texts, the code that interprets them and the Python
version, so an edited ruleset or an upgraded creeplint never reads a stale entry. A cache
that cannot be read or written is ignored: it only ever costs the time it was meant to save.

``CREEPLINT_CACHE_DIR`` moves the cache (default ``$XDG_CACHE_HOME/creeplint`` or
``~/.cache/creeplint``); ``CREEPLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .book import RuleBook

ENV_DIR = "CREEPLINT_CACHE_DIR"
ENV_OFF = "CREEPLINT_NO_CACHE"
KEEP = 8  # newest entries kept; older ones are removed when a new one is written
_CODE = (
    "language.py", "triggers.py", "regex_safety.py", "schema.py", "book.py", "loader.py", "cache.py",
    "../yamlfile.py", "../__init__.py",
    "../journeys/checks.py", "../journeys/durations.py",  # validate ``journey:`` rules while loading
)


def directory() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "creeplint"


def key(sources: list[tuple[str, str, str]]) -> str:
    """Digest of the (name, default ruleset name, text) sources and of the loading code."""
    digest = hashlib.sha256(f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    here = Path(__file__).parent
    for name in (*_CODE, *sorted(p.relative_to(here).as_posix() for p in (here / "kinds").glob("*.py"))):
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    for part in (p for source in sources for p in source):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def get(digest: str) -> RuleBook | None:
    from .book import RuleBook

    folder = directory()
    if folder is None:
        return None
    try:
        with open(folder / f"rules-{digest}.pickle", "rb") as f:
            book = pickle.load(f)
    except Exception:  # missing, unreadable, truncated or from an incompatible version: rebuild
        return None
    return book if isinstance(book, RuleBook) else None


def put(digest: str, book: RuleBook) -> None:
    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".rules-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(book, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"rules-{digest}.pickle")  # atomic: readers never see half a file
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        entries = sorted(folder.glob("rules-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:  # read-only home, full disk, a race with another run: just do not cache
        pass
