"""What the commands share: exit codes, one-line errors, option types and the options that
say what to read and how to configure. Nothing here imports spaCy."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import click

if TYPE_CHECKING:
    from ..config import Config
    from ..linter import Linter
    from ..rules.book import RuleBook
    from ..settings import Settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def fail(message: str) -> NoReturn:
    click.echo(f"creeplint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def note(message: object) -> None:
    """A line on stderr: an input error, a skipped file, a note."""
    click.echo(f"creeplint: {message}", err=True)


def guarded(action: Callable[[], Any]) -> Any:
    """Run ``action``; a config, ruleset, settings or output error ends the run with exit 2."""
    from ..reporters import OutputError
    from ..settings import SettingsError
    from ..yamlfile import YamlError

    try:
        return action()
    except (YamlError, SettingsError, OutputError) as exc:
        fail(str(exc))


def load_book(rulesets: tuple[str, ...], extend: tuple[str, ...] = ()) -> RuleBook:
    from ..rules.loader import load
    from ..settings import Settings

    specs = Settings(rulesets=list(rulesets) or None, extend_rulesets=list(extend)).ruleset_specs()
    return guarded(lambda: load(specs))


class Size(click.ParamType):
    """A byte count: ``5000000``, ``500KB``, ``20MB``, ``1GB`` (powers of 1024; ``K``/``M``/``G`` too)."""

    name = "size"
    _UNITS: ClassVar[dict[str, int]] = {
        "": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3,
    }

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, int):
            return value
        text = str(value).strip().lower().replace("_", "")
        digits = text.rstrip("kmgb ")
        unit = text[len(digits):].strip()
        try:
            number = float(digits)
        except ValueError:
            number = -1.0
        if number <= 0 or unit not in self._UNITS:
            self.fail(f"{value!r} is not a size like 20MB, 500KB or 1048576", param, ctx)
        return int(number * self._UNITS[unit])


class LazyChoice(click.Choice):
    """A Choice whose values are looked up only when needed (keeps --help cheap)."""

    def __init__(self, loader) -> None:  # type: ignore[no-untyped-def]
        self._loader = loader
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self):  # type: ignore[no-untyped-def]
        return self._loader()

    @choices.setter
    def choices(self, value) -> None:  # type: ignore[no-untyped-def]
        pass


def _reader_names() -> list[str]:
    from ..inputs.readers import registry

    return sorted(registry())


def _decorate(f, options: list):  # type: ignore[no-untyped-def]
    """Apply click decorators listed top to bottom, as if stacked above ``f``."""
    for option in reversed(options):
        f = option(f)
    return f


def input_options(f):  # type: ignore[no-untyped-def]
    """Options shared by ``check`` and ``baseline``: what to read and how to configure."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(allow_dash=True)),
        click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="PATH",
                     help="Config file to use instead of discovering .creeplint.yaml / pyproject.toml."),
        click.option("--isolated", is_flag=True, help="Ignore every config file."),
        click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH",
                     help="Use only these rulesets (repeatable), replacing the shipped set: a shipped name "
                          "(see 'creeplint rules') or a YAML file or folder. Default: the config's rulesets, "
                          "else every shipped ruleset. To add house rules, use --extend-ruleset."),
        click.option("--extend-ruleset", "extend_rulesets", multiple=True, metavar="NAME|PATH",
                     help="Add a ruleset (repeatable) to the others (the shipped ones unless --ruleset "
                          "says otherwise), as with the config's extend_rulesets."),
        click.option("--input-format", type=LazyChoice(_reader_names),
                     help="Read every input as this format instead of guessing from the file name."),
        click.option("--stdin-filename", metavar="NAME",
                     help="File name to report (and to pick the reader by) when reading stdin ('-'); "
                          "given without paths it means '-'. Without it, stdin is plain text."),
        click.option("--model", metavar="PIPELINE",
                     help="Use an installed trained spaCy pipeline (e.g. en_core_web_sm). Never downloaded."),
        click.option("--profile", "-p", metavar="NAME",
                     help="Scoring profile for every message (see 'creeplint profiles'). Default: the "
                          "config's profile, else each message's sector, else 'default'."),
    ]
    return _decorate(f, options)


def load_config(config_file: str | None, isolated: bool) -> Config:
    from ..config import resolve

    if config_file and isolated:
        fail("--config and --isolated cannot be used together")
    return guarded(lambda: resolve(config_file, isolated))


def settings(params: dict[str, Any], **extra: Any) -> Settings:
    """Settings from the current command's parameters: what the command line set explicitly,
    over the config file, over defaults (``extra``: values the command fixes itself)."""
    from click.core import ParameterSource

    from ..settings import Settings

    ctx = click.get_current_context()
    cfg = load_config(params.pop("config_file", None), params.pop("isolated", False))
    given = {k: v for k, v in params.items()
             if ctx.get_parameter_source(k) not in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)}
    defaults = {k: v for k, v in params.items() if k not in given}
    return guarded(lambda: Settings.resolve(cfg, {**given, **extra}, defaults))


def linter(settings: Settings) -> Linter:
    """A linter whose rule book, overrides, profile and baseline are loaded (errors exit 2)."""
    from ..linter import Linter

    if settings.model:
        check_model(settings.model)
    lint = Linter(settings)
    guarded(lint.prepare)
    return lint


def check_model(name: str) -> None:
    """Fail with instructions when ``--model`` names a pipeline that is neither an installed
    package nor a pipeline folder (spaCy's own E050 says neither; creeplint never downloads)."""
    import importlib.util
    from pathlib import Path

    if Path(name).is_dir():
        return
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        fail(f"spaCy pipeline {name!r} is not installed (--model), and creeplint never downloads one. Install "
             f"it into this Python environment with 'python -m spacy download {name}' (or pip install the "
             "pipeline's wheel), pass a path to a pipeline folder, or leave --model out: the built-in "
             "tokenizer needs no model.")


def _formats() -> list[str]:
    from ..reporters import names

    return names()


class _FormatHelp(click.Option):
    """--format's help lists every reporter's DESCRIPTION, read only when help is shown."""

    def get_help_record(self, ctx):  # type: ignore[no-untyped-def]
        from ..reporters import describe

        self.help = f"Report format ({describe()}). Default: the config's format, else github inside " \
                    "GitHub Actions (GITHUB_ACTIONS=true), else pretty (plain text when not a terminal)."
        return super().get_help_record(ctx)


def check_options(f):  # type: ignore[no-untyped-def]
    """``check``'s own options: the report, the outcome and the limits."""
    options = [
        click.option("--format", "-f", "format", cls=_FormatHelp, type=LazyChoice(_formats), default=None),
        click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
                  help="Write the report to this file instead of standard output (never over an input file)."),
        click.option("--sarif-file", type=click.Path(dir_okay=False, writable=True), metavar="PATH",
                  help="Also write a SARIF 2.1.0 report to this file, alongside the main format."),
        click.option("--fail-on", type=click.Choice(["warn", "fail", "never"]), default="fail", show_default=True,
                  help="Lowest verdict that makes the exit code 1."),
        click.option("--warn-at", type=click.IntRange(0, 100), help="Score from which a message gets the verdict "
                  "'warn' (default: the profile's, 30)."),
        click.option("--fail-at", type=click.IntRange(0, 100), help="Score from which a message gets the verdict "
                  "'fail' (default: the profile's, 60)."),
        click.option("--baseline", type=click.Path(dir_okay=False), metavar="FILE",
                  help="Report only findings not recorded in this baseline (see 'creeplint baseline')."),
        click.option("--report-unused-disables", is_flag=True,
                  help="Report suppression directives that suppressed nothing (then exit 1, unless --fail-on never)."),
        click.option("--show-pass", is_flag=True, help="Also list messages without findings (pretty format)."),
        click.option("--explain", is_flag=True, help="Say why each finding is creepy (the rule's rationale; pretty "
                  "format). See also 'creeplint explain RULE'."),
        click.option("--verbose", "-v", is_flag=True, help="Like --explain, and list every skipped file with the "
                  "reason (a folder walk skips YAML/JSON that is not a campaign, and creeplint's own reports)."),
        click.option("--quiet", "-q", is_flag=True, help="Print only failing messages and the summary (pretty and "
                  "concise formats)."),
        click.option("--statistics", is_flag=True, help="End with the number of findings per rule (pretty and "
                  "concise formats)."),
        click.option("--no-color", is_flag=True, help="No colours (also when NO_COLOR is set)."),
        click.option("--jobs", "-j", type=click.IntRange(1, 256), metavar="N", help="Processes to use. Default: every "
                  "CPU for large inputs (2,000+ messages), else 1. Output is the same whatever N."),
        click.option("--max-file-size", type=Size(), default="20MB", show_default=True, metavar="SIZE",
                  help="Skip (and report as an error) files larger than this: bytes, or with KB / MB / GB."),
        click.option("--max-message-length", type=click.IntRange(1), default=2_000_000, show_default=True, metavar="N",
                  help="Skip (and report as an error) messages longer than N characters; never truncated."),
        click.option("--no-gitignore", is_flag=True, help="Also check files that .gitignore ignores (by default a "
                  "folder walk inside a git work tree skips them)."),
    ]
    return _decorate(f, options)
