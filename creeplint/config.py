"""Configuration files: discovery, parsing and validation (``file:line`` errors). ``settings``
turns a ``Config`` and the command line into one ``Settings``; ``findings.overrides`` applies
the ``rules:`` levels; ``inputs.globs`` holds the include/exclude filters.

Size: one validator per key keeps each error message next to its check, and the commented
starter written by ``creeplint init`` (``STARTER``) is kept beside the keys it documents.

Discovery starts in the current directory and walks up to the file-system root; the
first directory holding ``.creeplint.yaml``, ``.creeplint.yml`` or a ``pyproject.toml``
with a ``[tool.creeplint]`` table wins (in that order). ``--config PATH`` names the file
instead; ``--isolated`` ignores config files altogether.

Precedence, highest first: command-line options, the config file (its own keys over
those of the file it ``extends``), built-in defaults.

Keys (all optional)::

    extend_rulesets: [./house-rules.yaml]              # added to the shipped rulesets (paths relative to this file)
    rulesets: [tracked_behaviour, ./house-rules.yaml]  # instead of every shipped ruleset: names or paths
    extends: ../base.creeplint.yaml                    # another config file, read first
    include: ["campaigns/**"]                          # globs for folder walking (relative to this file)
    exclude: ["**/drafts/**", "*.bak.md"]
    rules:                                             # off | info | warning | error
      tracked-behaviour/we-noticed: warning
      "health/*": off                                  # a category (or id prefix) wildcard
    fail_on: fail                                      # warn | fail | never
    warn_at: 30
    fail_at: 60
    profile: retail                                    # a profile name (see `creeplint profiles`)
    format: pretty                                     # any --format name
    baseline: .creeplint-baseline.json                 # report only findings not in it (relative to this file)
    journeys:                                          # journey thresholds, per journey rule
      journey/real-time-follow-up: {warn_under: {email: 2h}, fail_under: 10m}

Globs: ``*`` stays within one folder, ``**`` crosses folders, a pattern without ``/``
matches a name at any depth (like .gitignore), and a pattern matching a folder covers
everything in it. ``include``/``exclude`` apply to folder walking only: a file named on
the command line (which is what pre-commit does) is always read.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .inputs.globs import Glob, PathFilter, glob_regex
from .yamlfile import LineDict, YamlError, did_you_mean, line_of
from .yamlfile import load as load_yaml

CONFIG_NAMES = (".creeplint.yaml", ".creeplint.yml")
PYPROJECT = "pyproject.toml"
KEYS = (
    "rulesets", "extend_rulesets", "extends", "include", "exclude", "rules",
    "fail_on", "warn_at", "fail_at", "profile", "format", "baseline", "journeys",
)
LEVELS = ("off", "info", "warning", "error")
FAIL_ON = ("warn", "fail", "never")


def display(path: Path) -> str:
    """A path as shown in messages: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class RuleSetting:
    level: str
    file: str
    line: int | None


@dataclass
class Config:
    """A resolved configuration; ``None`` means "not set here, use the default"."""

    file: str | None = None  # the config file found (display form), None without one
    files: list[str] = field(default_factory=list)  # every file read, extended ones first
    rulesets: list[str] | None = None  # replaces the shipped rulesets
    extend_rulesets: list[str] | None = None  # added to ``rulesets`` (default: every shipped one)
    include: list[Glob] = field(default_factory=list)
    exclude: list[Glob] = field(default_factory=list)
    rules: dict[str, RuleSetting] = field(default_factory=dict)
    fail_on: str | None = None
    warn_at: int | None = None
    fail_at: int | None = None
    profile: str | None = None
    format: str | None = None
    baseline: str | None = None  # a baseline file (display path; relative to the config file)
    journeys: dict[str, Any] | None = None  # journey rule id -> thresholds (checked once rules load)
    journeys_file: str | None = None

    @property
    def rule_levels(self) -> dict[str, str]:
        return {k: v.level for k, v in self.rules.items()}

    def path_filter(self) -> Callable[[Path, bool], bool] | None:
        """A predicate for ``files.iter_sources(accept=...)``, or None without globs."""
        if not self.include and not self.exclude:
            return None
        return PathFilter(self.include, self.exclude)



# ---------------------------------------------------------------- loading


def _toml_loads(text: str, file: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise YamlError(file, int(m.group(1)) if m else None, f"invalid TOML: {msg}") from None


_TOML_HEADER = re.compile(r'^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$')
_TOML_KEY = re.compile(r'^\s*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_.\-/*]+)\s*=')


def _toml_lines(text: str) -> dict[tuple[str, ...], int]:
    """Best-effort line numbers of TOML tables and keys (tomllib gives none)."""
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    for n, raw in enumerate(text.splitlines(), start=1):
        h = _TOML_HEADER.match(raw)
        if h:
            table = tuple(p.strip().strip('"\'') for p in h.group(1).split("."))
            lines.setdefault(table, n)
            continue
        k = _TOML_KEY.match(raw)
        if k:
            key = k.group(1)
            parts = (key[1:-1],) if key[0] in "\"'" else tuple(key.split("."))
            lines.setdefault(table + parts, n)
    return lines


def _with_lines(value: Any, path: tuple[str, ...], lines: dict[tuple[str, ...], int], default: int) -> Any:
    if isinstance(value, dict):
        out = LineDict()
        out.line = lines.get(path, default)
        out.key_lines = {}
        for k, v in value.items():
            out[k] = _with_lines(v, (*path, str(k)), lines, out.line)
            out.key_lines[str(k)] = lines.get((*path, str(k)), out.line)
        return out
    return value


def _read(path: Path, file: str) -> tuple[Any, bool]:
    """(data, found): the config mapping of a YAML file or of pyproject's [tool.creeplint]."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlError(file, None, "no such config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(file, None, f"cannot read config file: {exc}") from None
    if path.suffix == ".toml":
        doc = _toml_loads(text, file)
        tool = doc.get("tool", {})
        if not isinstance(tool, dict) or "creeplint" not in tool:
            return None, False
        lines = _toml_lines(text)
        return _with_lines(tool["creeplint"], ("tool", "creeplint"), lines, 1), True
    return load_yaml(text, file), True


def discover(start: Path | None = None) -> Path | None:
    """The config file for ``start`` (default: the working directory), or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[\s*tool\.creeplint(\s*\]|\.)", text, re.M):
                return pyproject
    return None


def _err(file: str, obj: Any, key: Any, message: str) -> YamlError:
    return YamlError(file, line_of(obj, key), message)


def _str_list(data: Any, key: str, file: str) -> list[str]:
    value = data[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _err(file, data, key, f"'{key}' must be a list of strings")
    return [v.strip() for v in value]


def _int(data: Any, key: str, file: str) -> int:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise _err(file, data, key, f"'{key}' must be a whole number from 0 to 100, got {value!r}")
    return value


def _rulesets(data: Any, key: str, file: str, base: Path) -> list[str]:
    """Shipped names as they are, paths made relative to the working folder."""
    from .rules.loader import shipped

    names = shipped()
    out = []
    for spec in _str_list(data, key, file):
        if spec in names:
            out.append(spec)
            continue
        target = base / spec
        if not target.exists():
            raise _err(file, data, key, f"no such ruleset {spec!r} (not a shipped name or a path "
                                        f"relative to this file; shipped: {', '.join(names)})")
        out.append(display(target))
    return out


def _parse(data: Any, path: Path, file: str, chain: list[Path]) -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise YamlError(file, line_of(data) or 1, "a creeplint config must be a mapping of keys to values")
    base = path.parent
    cfg = Config()
    if "extends" in data:
        target = data["extends"]
        if not isinstance(target, str) or not target.strip():
            raise _err(file, data, "extends", "'extends' must be the path of another config file")
        parent = (base / target).resolve()
        if parent in chain:
            raise _err(file, data, "extends", f"'extends' loops back to {display(parent)}")
        if not parent.is_file():
            raise _err(file, data, "extends", f"'extends': no such config file {target!r}")
        cfg = _load(parent, [*chain, parent])
    for key in data:
        if key not in KEYS:
            raise _err(file, data, key, f"unknown config key {key!r}{did_you_mean(key, KEYS)}")
    for key in ("rulesets", "extend_rulesets"):
        if key in data:
            setattr(cfg, key, _rulesets(data, key, file, base))
    for key in ("include", "exclude"):
        if key in data:
            globs = []
            for pattern in _str_list(data, key, file):
                try:
                    globs.append(Glob(pattern, base, glob_regex(pattern)))
                except re.error as exc:
                    raise _err(file, data, key, f"bad glob {pattern!r}: {exc}") from None
            setattr(cfg, key, globs)
    if "rules" in data:
        rules = data["rules"]
        if not isinstance(rules, dict):
            raise _err(file, data, "rules",
                       "'rules' must map rule ids (or 'category/*', '*') to off|info|warning|error")
        merged = dict(cfg.rules)
        for rid, level in rules.items():
            if not isinstance(rid, str) or not rid.strip():
                raise _err(file, rules, rid, f"rule key {rid!r} must be a rule id, 'category/*' or '*'")
            if level is False:  # YAML 1.1 reads a bare `off` as false
                level = "off"
            if not isinstance(level, str) or level not in LEVELS:
                raise _err(file, rules, rid,
                           f"rule {rid!r}: level must be one of {', '.join(LEVELS)}, got {level!r}")
            merged[rid] = RuleSetting(level, file, line_of(rules, rid))
        cfg.rules = merged
    if "fail_on" in data:
        if data["fail_on"] not in FAIL_ON:
            raise _err(file, data, "fail_on",
                       f"'fail_on' must be one of {', '.join(FAIL_ON)}, got {data['fail_on']!r}")
        cfg.fail_on = data["fail_on"]
    for key in ("warn_at", "fail_at"):
        if key in data:
            setattr(cfg, key, _int(data, key, file))
    if cfg.warn_at is not None and cfg.fail_at is not None and cfg.warn_at > cfg.fail_at:
        where = "warn_at" if "warn_at" in data else "fail_at"
        raise _err(file, data, where,
                   f"'warn_at' ({cfg.warn_at}) must not be above 'fail_at' ({cfg.fail_at})")
    if "profile" in data:
        if not isinstance(data["profile"], str) or not data["profile"].strip():
            raise _err(file, data, "profile", "'profile' must be a non-empty string")
        from .findings.profiles import shipped as profiles

        known, name = profiles().profiles, data["profile"].strip()
        if name not in known:
            raise _err(file, data, "profile", f"unknown profile {name!r} (known: {', '.join(known)})")
        cfg.profile = name
    if "baseline" in data:
        value = data["baseline"]
        if not isinstance(value, str) or not value.strip():
            raise _err(file, data, "baseline", "'baseline' must be the path of a baseline file")
        cfg.baseline = display(base / value.strip())
    if "journeys" in data:
        value = data["journeys"]
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise _err(file, data, "journeys", "'journeys' must map journey rule ids to their thresholds "
                                               "(journey/real-time-follow-up: {warn_under: {email: 2h}})")
        merged = LineDict({**(cfg.journeys or {}), **value})  # keeps each rule's line, for errors
        merged.line, merged.key_lines = line_of(data, "journeys") or 1, {
            **getattr(cfg.journeys, "key_lines", {}), **getattr(value, "key_lines", {})}
        cfg.journeys, cfg.journeys_file = merged, file
    if "format" in data:
        from .reporters import names

        formats = names()
        if data["format"] not in formats:
            raise _err(file, data, "format",
                       f"unknown format {data['format']!r} (known: {', '.join(formats)})")
        cfg.format = data["format"]
    cfg.file = file
    cfg.files = [*cfg.files, file]
    return cfg


def _load(path: Path, chain: list[Path]) -> Config:
    file = display(path)
    data, found = _read(path, file)
    if not found:
        raise YamlError(file, None, "no [tool.creeplint] table in this file")
    return _parse(data, path, file, chain)


def load(path: str | Path) -> Config:
    """Read and validate one config file (and what it extends). Raises ``YamlError``."""
    p = Path(path)
    return _load(p, [p.resolve()])


def resolve(config: str | None = None, isolated: bool = False) -> Config:
    """The configuration for a run: ``--config``, else discovery; ``--isolated``: none."""
    if isolated:
        return Config()
    if config is not None:
        return load(config)
    found = discover()
    return load(found) if found else Config()


STARTER = """\
# creeplint configuration. Command-line options override what is set here.
# Docs: docs/integrations.md. Every key is optional; delete what you don't need.
# Each commented example below loads as it is once you remove the leading "# ".

# Every shipped ruleset is on by default. Add your own rules on top of them
# (paths relative to this file):
# extend_rulesets:
#   - ./rules/house-style.yaml

# Or replace the shipped rulesets with a chosen few (names from `creeplint rules`, or paths):
# rulesets:
#   - tracked_behaviour
#   - ./rules/house-style.yaml

# Another config file to start from (its keys are read first, ours win).
# extends: ../shared/.creeplint.yaml

# Which files folder walking picks up (globs relative to this file; `**` crosses folders).
# Files named on the command line are always read.
# include:
#   - "campaigns/**"
exclude:
  - "**/node_modules/**"
  - "**/drafts/**"

# Switch rules off or change their severity: off | info | warning | error.
# Keys are rule ids, `category/*` wildcards or `*`; the most specific key wins.
# rules:
#   tracked-behaviour/we-noticed: warning
#   "health/*": error

# Lowest verdict that makes the exit code 1: warn | fail | never.
fail_on: fail

# Score thresholds (0-100) for the verdicts warn and fail. Unset, each message's profile
# decides (default 30 and 60; `creeplint profiles` lists them); set here, they apply to all.
# warn_at: 30
# fail_at: 60

# Score every message with one profile instead of picking it by the message's sector.
# Known profiles: PROFILES (see `creeplint profiles`).
# profile: retail

# Report format: FORMATS. Unset: pretty (github inside GitHub Actions).
# format: pretty

# Report only findings not recorded in this baseline (see `creeplint baseline`; relative to this file).
# baseline: .creeplint-baseline.json

# Journey thresholds (campaign files with trigger/delay/frequency/audience fields), per journey
# rule; unset, the defaults of rulesets/journey.yaml apply (see docs/journeys.md).
# journeys:
#   journey/real-time-follow-up: {warn_under: {email: 2h, push: 30m}, fail_under: 10m}
#   journey/stalking-cadence: {limits: {ad: 2 per 3d}}
"""


def starter() -> str:
    """``STARTER`` with the shipped profile and format names filled in."""
    from .findings.profiles import shipped
    from .reporters import names

    return STARTER.replace("PROFILES", ", ".join(shipped().profiles)).replace("FORMATS", ", ".join(names()))
