"""One typed ``Settings`` for a run, built from the command line and config files.

Precedence, highest first: what the command line sets, the config file (``config.py`` finds
and parses it), built-in defaults. ``Settings`` is plain picklable data, so a process pool,
a Dask partition or a Spark task can rebuild the same linter from it: ``Linter(settings)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import FAIL_ON
from .inputs.files import MAX_BYTES
from .inputs.readers import MAX_MESSAGE_LENGTH
from .model import VERDICTS

if TYPE_CHECKING:
    from .config import Config, RuleSetting


class SettingsError(ValueError):
    """Settings that contradict each other or name something unknown (exit code 2)."""


@dataclass
class Settings:
    """Everything ``creeplint check`` can be told. ``None`` means "the default decides"."""

    # what to load
    rulesets: list[str] | None = None  # shipped names or paths; None = every shipped ruleset
    extend_rulesets: list[str] = field(default_factory=list)  # added to ``rulesets`` (house rules)
    rules: dict[str, str] = field(default_factory=dict)  # rule id / 'category/*' / '*' -> off|info|warning|error
    model: str | None = None  # an installed trained spaCy pipeline, if any
    # scoring
    profile: str | None = None  # force one profile; None: each message's sector picks it
    warn_at: int | None = None  # None: the message's profile decides (30 by default)
    fail_at: int | None = None  # None: the message's profile decides (60 by default)
    category_factors: dict[str, float] = field(default_factory=dict)
    # journey thresholds: journey rule id -> options (``journeys.checks.TUNABLE``), over the ruleset's
    journeys: dict[str, Any] = field(default_factory=dict)
    journeys_file: str | None = None  # where ``journeys`` was written, for ``file:line`` errors
    # findings
    baseline: str | None = None  # report only findings not recorded in this baseline file
    record_baseline: bool = False  # record every finding (``creeplint baseline``)
    # what to read
    input_format: str | None = None
    stdin_filename: str | None = None
    max_file_size: int = MAX_BYTES
    max_message_length: int = MAX_MESSAGE_LENGTH
    gitignore: bool = True
    # folder-walk filter from the config's include/exclude globs (``config.PathFilter``)
    path_filter: Callable[[Path, bool], bool] | None = None
    never_read: list[str] = field(default_factory=list)  # files a folder walk passes over (our own reports)
    jobs: int | None = None  # processes; None: every CPU for large inputs
    # outcome
    fail_on: str = "fail"
    report_unused_disables: bool = False
    format: str | None = None
    # where config-file rule keys were written, for ``file:line`` errors
    rule_sources: dict[str, RuleSetting] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON:
            raise SettingsError(f"fail_on must be one of {', '.join(FAIL_ON)}, got {self.fail_on!r}")
        if self.warn_at is not None and self.fail_at is not None and self.warn_at > self.fail_at:
            raise SettingsError(f"--warn-at ({self.warn_at}) must not be above --fail-at ({self.fail_at})")

    def accept(self) -> Callable[[Path, bool], bool] | None:
        """The folder-walk filter: the config's globs, and never a file in ``never_read``."""
        base = self.path_filter
        if not self.never_read:
            return base
        mine = {Path(p).resolve() for p in self.never_read}

        def accept(path: Path, is_dir: bool) -> bool:
            if not is_dir and path.resolve() in mine:
                return False
            return base(path, is_dir) if base is not None else True

        return accept

    def ruleset_specs(self) -> list[str] | None:
        """What to load: ``rulesets`` (None: every shipped one) plus ``extend_rulesets``."""
        if not self.extend_rulesets:
            return self.rulesets
        from .rules.loader import shipped

        base = list(self.rulesets) if self.rulesets else list(shipped())  # (empty: none given)
        return [*base, *(spec for spec in self.extend_rulesets if spec not in base)]

    @property
    def fail_rank(self) -> int:
        """Index in ``model.VERDICTS`` from which a message makes the run fail (3: never)."""
        return len(VERDICTS) if self.fail_on == "never" else VERDICTS.index(self.fail_on)

    @classmethod
    def resolve(cls, config: Config, given: Mapping[str, Any], defaults: Mapping[str, Any] | None = None) -> Settings:
        """Settings from the options the command line set (``given``: field name -> value),
        over a config, over the command line's own defaults (``defaults``)."""
        from_config: dict[str, Any] = {
            "rulesets": config.rulesets, "extend_rulesets": config.extend_rulesets, "rules": config.rule_levels,
            "profile": config.profile,
            "warn_at": config.warn_at, "fail_at": config.fail_at, "fail_on": config.fail_on,
            "format": config.format, "baseline": config.baseline, "path_filter": config.path_filter(),
            "journeys": config.journeys, "journeys_file": config.journeys_file,
        }
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in (defaults or {}).items() if k in known and v is not None}
        values.update({k: v for k, v in from_config.items() if v is not None})
        values.update({k: list(v) if isinstance(v, tuple) else v for k, v in given.items()
                       if k in known and v not in (None, (), [])})
        if config.extend_rulesets and given.get("extend_rulesets"):  # the command line adds to the config's
            values["extend_rulesets"] = [*config.extend_rulesets, *given["extend_rulesets"]]
        values["rule_sources"] = dict(config.rules)
        return cls(**values)
