"""Command line. Only option parsing and wiring live here; spaCy is imported by ``check``
and ``test-rules`` only, so ``--help``, ``rules`` and ``explain`` start fast."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO, ClassVar, NoReturn

import click

from .. import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def _fail(message: str) -> NoReturn:
    click.echo(f"creeplint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _book(rulesets: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from ..rules.loader import load
    from ..yamlfile import YamlError

    try:
        return load(list(rulesets) or None)
    except YamlError as exc:
        _fail(str(exc))


def _reporter_names() -> list[str]:
    from ..reporters import names

    return names()


def _reader_names() -> list[str]:
    from ..inputs.readers import registry

    return sorted(registry())


class _Size(click.ParamType):
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


class _LazyChoice(click.Choice):
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


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="creeplint")
def main() -> None:
    """Lint marketing copy for personalization that feels like surveillance.

    creeplint finds phrases that reveal tracked behaviour (browsing, searches, cart, opens
    and clicks, location, bought or overheard data) or sensitive inferences about the
    reader (health, pregnancy, debt, religion, orientation, age, life events), scores each
    message 0-100, explains every finding and suggests a rewrite.

    \b
    Exit codes: 0 clean, 1 a message at or above --fail-on, 2 usage, config or input error.
    """


def run() -> None:
    """The ``creeplint`` command: ``main``, then, when it finished normally (exit 0 or 1),
    leave without tearing the interpreter down.

    Freeing spaCy's objects and modules one by one at exit took ~0.2 s, a sixth of a
    one-file check (mypy exits the same way). Output is flushed first; files ``main``
    opened are closed by then. A run that failed, or has worker processes still alive,
    exits as usual.
    """
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:  # pragma: no cover - click's standalone mode always exits
        code = EXIT_CLEAN
    workers = sys.modules.get("multiprocessing")  # (spaCy imports it: only live children count)
    if code not in (EXIT_CLEAN, EXIT_FINDINGS) or (workers is not None and workers.active_children()):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: let the interpreter report it as it always has
        sys.exit(code)
    os._exit(code)


class _Tee:
    """Sends results to a main reporter and a second one (``--sarif-file``)."""

    def __init__(self, *reporters) -> None:  # type: ignore[no-untyped-def]
        self.reporters = reporters

    def result(self, result) -> None:  # type: ignore[no-untyped-def]
        for r in self.reporters:
            r.result(result)

    def finish(self, summary, errors) -> None:  # type: ignore[no-untyped-def]
        for r in self.reporters:
            r.finish(summary, errors)


def _input_options(f):  # type: ignore[no-untyped-def]
    """Options shared by ``check`` and ``baseline``: what to read and how to configure."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(allow_dash=True)),
        click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="PATH",
                     help="Config file to use instead of discovering .creeplint.yaml / pyproject.toml."),
        click.option("--isolated", is_flag=True, help="Ignore every config file."),
        click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH",
                     help="Ruleset to use (repeatable): a shipped name (see 'creeplint rules') or a YAML "
                          "file or folder. Default: the config's rulesets, else every shipped ruleset."),
        click.option("--input-format", type=_LazyChoice(_reader_names),
                     help="Read every input as this format instead of guessing from the file name."),
        click.option("--stdin-filename", metavar="NAME",
                     help="File name to report (and to pick the reader by) when reading stdin ('-')."),
        click.option("--model", metavar="PIPELINE",
                     help="Use an installed trained spaCy pipeline (e.g. en_core_web_sm). Never downloaded."),
        click.option("--profile", "-p", metavar="NAME",
                     help="Scoring profile for every message (see 'creeplint profiles'). Default: the "
                          "config's profile, else each message's sector, else 'default'."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _given(name: str) -> bool:
    """Whether an option was set on the command line (CLI beats config beats defaults)."""
    from click.core import ParameterSource

    source = click.get_current_context().get_parameter_source(name)
    return source not in (None, ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP)


def _load_config(config_file: str | None, isolated: bool):  # type: ignore[no-untyped-def]
    from ..config import resolve
    from ..yamlfile import YamlError

    if config_file and isolated:
        _fail("--config and --isolated cannot be used together")
    try:
        return resolve(config_file, isolated)
    except YamlError as exc:
        _fail(str(exc))


def _configure(cfg, rulesets: tuple[str, ...], warn_at: int | None,  # type: ignore[no-untyped-def]
               fail_at: int | None, model: str | None, profile: str | None):
    """Config + command line -> a linter with its (overridden) rule book loaded."""
    from ..findings.overrides import apply_overrides as override
    from ..findings.overrides import check_rule_keys
    from ..findings.scoring import STACKING_RULE
    from ..linter import Linter, LintOptions
    from ..yamlfile import YamlError

    specs = list(rulesets) or cfg.rulesets
    book = _book(tuple(specs or ()))
    try:
        check_rule_keys(cfg.rules, book, extra=((STACKING_RULE, "stacking"),))
    except YamlError as exc:
        _fail(str(exc))
    from ..findings.profiles import shipped as shipped_profiles

    profile = profile or cfg.profile
    known = shipped_profiles().profiles
    if profile is not None and profile not in known:
        _fail(f"unknown profile {profile!r} (known: {', '.join(known)})")
    options = LintOptions(rulesets=specs or None, warn_at=warn_at, fail_at=fail_at, model=model,
                          rules=cfg.rule_levels, profile=profile)
    linter = Linter(options)
    linter._book = override(book, options.rules)
    return linter


def _messages(linter, paths: tuple[str, ...], accept, stdin_filename: str | None,  # type: ignore[no-untyped-def]
              input_format: str | None, summary, errors: list, limits: dict | None = None,
              skipped: list | None = None):
    """Messages from every source; each file's raw text is scanned for suppressions first.

    ``limits`` holds ``max_bytes``, ``max_message_length`` and ``gitignore`` (defaults when
    absent); files a folder walk skipped on purpose are noted on stderr and go to ``skipped``."""
    from ..inputs.files import MAX_BYTES, Skipped, iter_sources
    from ..inputs.readers import MAX_MESSAGE_LENGTH, ReadError, read_source
    from ..model import InputError

    limits = limits or {}
    for source in iter_sources(list(paths) or ["."], stdin_filename=stdin_filename,
                               input_format=input_format, accept=accept,
                               max_bytes=limits.get("max_bytes", MAX_BYTES),
                               gitignore=limits.get("gitignore", True)):
        if isinstance(source, Skipped):
            if skipped is not None:
                skipped.append(source)
            click.echo(f"creeplint: {source}", err=True)
            continue
        if isinstance(source, InputError):
            errors.append(source)
            click.echo(f"creeplint: {source}", err=True)
            continue
        summary.files += 1
        if source.path is None:  # streamed formats (JSONL) have no comments, only record keys
            with contextlib.suppress(ReadError):  # the reader reports undecodable files
                linter.suppressor.add_source(source.name, source.text)
        if source.encoding == "cp1252":
            click.echo(f"creeplint: {source.name}: note: not UTF-8; read as Windows-1252 (cp1252)", err=True)
        for item in read_source(source, input_format,
                                max_message_length=limits.get("max_message_length", MAX_MESSAGE_LENGTH)):
            if isinstance(item, InputError):
                errors.append(item)
                click.echo(f"creeplint: {item}", err=True)
            else:
                yield item


def _accept(cfg, outputs: list[str]):  # type: ignore[no-untyped-def]
    """Folder-walking filter: config include/exclude, and never our own report files."""
    from pathlib import Path

    base = cfg.path_filter()
    mine = {Path(o).resolve() for o in outputs}
    if not mine:
        return base

    def accept(path: Path, is_dir: bool) -> bool:
        if not is_dir and path.resolve() in mine:
            return False
        return base(path, is_dir) if base is not None else True

    return accept


def _guard_outputs(outputs: dict[str, str], paths: tuple[str, ...]) -> None:
    """Refuse to write a report over a file named as input (or two reports to one file)."""
    from pathlib import Path

    inputs = [Path(p) for p in paths if p != "-" and Path(p).is_file()]
    seen: dict[Path, str] = {}
    for option, out in outputs.items():
        target = Path(out).resolve()
        for p in inputs:
            if target == p.resolve() or (target.exists() and os.path.samefile(target, p)):
                _fail(f"{option} {out} is one of the input files; refusing to overwrite it")
        if target in seen:
            _fail(f"{option} and {seen[target]} name the same file {out}")
        seen[target] = option


def _open(path: str):  # type: ignore[no-untyped-def]
    try:
        return open(path, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror}")


@main.command()
@_input_options
@click.option(
    "--format", "-f", "fmt", type=_LazyChoice(_reporter_names), default=None,
    help="Report format. Default: the config's format, else github inside GitHub Actions "
         "(GITHUB_ACTIONS=true), else pretty (plain text when not a terminal).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output (never over an input file).")
@click.option("--sarif-file", type=click.Path(dir_okay=False, writable=True), metavar="PATH",
              help="Also write a SARIF 2.1.0 report to this file, alongside the main format.")
@click.option("--fail-on", type=click.Choice(["warn", "fail", "never"]), default="fail", show_default=True,
              help="Lowest verdict that makes the exit code 1.")
@click.option("--warn-at", type=click.IntRange(0, 100), default=None,
              help="Score from which a message gets the verdict 'warn' (default: the profile's, 30).")
@click.option("--fail-at", type=click.IntRange(0, 100), default=None,
              help="Score from which a message gets the verdict 'fail' (default: the profile's, 60).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only findings not recorded in this baseline (see 'creeplint baseline').")
@click.option("--report-unused-disables", is_flag=True,
              help="Report suppression directives that suppressed nothing (then exit 1, "
                   "unless --fail-on never).")
@click.option("--show-pass", is_flag=True, help="Also list messages without findings (pretty format).")
@click.option("--no-color", is_flag=True, help="No colours (also when NO_COLOR is set).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, metavar="N",
              help="Processes to use. Default: every CPU for large inputs (2,000+ messages), else 1. "
                   "Output is the same whatever N.")
@click.option("--max-file-size", type=_Size(), default="20MB", show_default=True, metavar="SIZE",
              help="Skip (and report as an error) files larger than this: bytes, or with KB / MB / GB.")
@click.option("--max-message-length", type=click.IntRange(1), default=2_000_000, show_default=True, metavar="N",
              help="Skip (and report as an error) messages longer than N characters; never truncated.")
@click.option("--no-gitignore", is_flag=True,
              help="Also check files that .gitignore ignores (by default a folder walk inside a git "
                   "work tree skips them).")
def check(
    paths: tuple[str, ...], config_file: str | None, isolated: bool, rulesets: tuple[str, ...],
    input_format: str | None, stdin_filename: str | None, model: str | None, profile: str | None,
    fmt: str | None,
    output: str | None, sarif_file: str | None, fail_on: str, warn_at: int | None, fail_at: int | None,
    baseline_file: str | None, report_unused_disables: bool, show_pass: bool, no_color: bool,
    jobs: int | None, max_file_size: int, max_message_length: int, no_gitignore: bool,
) -> None:
    """Check files, folders or standard input ('-') for creepy copy.

    Folders are searched recursively for every supported format; hidden files and
    folders are skipped. Each message gets a score and a verdict (pass, warn, fail).
    Settings come from the command line, then the config file, then defaults.
    """
    from ..model import InputError, Summary
    from ..reporters import ReportOptions, create
    from ..yamlfile import YamlError

    cfg = _load_config(config_file, isolated)
    fail_on = fail_on if _given("fail_on") or cfg.fail_on is None else cfg.fail_on
    warn_at = warn_at if _given("warn_at") or cfg.warn_at is None else cfg.warn_at
    fail_at = fail_at if _given("fail_at") or cfg.fail_at is None else cfg.fail_at
    if warn_at is not None and fail_at is not None and warn_at > fail_at:
        _fail(f"--warn-at ({warn_at}) must not be above --fail-at ({fail_at})")
    linter = _configure(cfg, rulesets, warn_at, fail_at, model, profile)
    book = linter.book
    if baseline_file:
        from ..findings.baseline import Baseline

        try:
            linter.baseline = Baseline.load(baseline_file)
        except YamlError as exc:
            _fail(str(exc))
    outputs = {k: v for k, v in (("--output", output), ("--sarif-file", sarif_file)) if v}
    _guard_outputs(outputs, paths)
    if fmt is None:
        fmt = cfg.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "pretty")
    stream: IO[str] = _open(output) if output else sys.stdout
    color = not output and not no_color and "NO_COLOR" not in os.environ and stream.isatty()
    report_options = ReportOptions(color=color, tool_version=__version__, rules=book.rules, fail_on=fail_on,
                                   show_pass=show_pass)
    reporter = create(fmt, stream, report_options)
    sarif_stream = _open(sarif_file) if sarif_file else None
    if sarif_stream is not None:
        from dataclasses import replace

        reporter = _Tee(reporter, create("sarif", sarif_stream, replace(report_options, color=False)))
    summary = Summary()
    errors: list[InputError] = []
    skipped: list = []
    limits = {"max_bytes": max_file_size, "max_message_length": max_message_length, "gitignore": not no_gitignore}
    messages = _messages(linter, paths, _accept(cfg, list(outputs.values())), stdin_filename, input_format,
                         summary, errors, limits, skipped)

    worst = {"pass": 0, "warn": 1, "fail": 2}
    threshold = {"warn": 1, "fail": 2, "never": 3}[fail_on]
    hit = False
    from .. import parallel

    try:
        for result in parallel.lint(linter, messages, jobs):
            summary.count(result)
            hit = hit or worst[result.verdict] >= threshold
            reporter.result(result)
    except OSError as exc:  # a model that cannot be loaded, say
        _fail(str(exc))
    except KeyboardInterrupt:
        # never leave a half-written report that looks complete
        for path in outputs.values():
            Path(path).unlink(missing_ok=True)
        click.echo("creeplint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    summary.errors = len(errors)
    reporter.finish(summary, errors)
    if skipped:
        n = len(skipped)
        click.echo(f"creeplint: {n} file{'s' * (n != 1)} skipped (binary or not regular files; see above)", err=True)
    for s in (stream, sarif_stream):
        if s is not None:
            s.flush()
            if s is not sys.stdout:
                s.close()
    if linter.baseline is not None:
        n = linter.baseline.matched
        click.echo(f"creeplint: {n} baselined finding{'s' * (n != 1)} not shown ({baseline_file})", err=True)
    if report_unused_disables:
        unused = linter.suppressor.unused()
        for d, specs in unused:
            click.echo(f"{d.file}:{d.line}: unused creeplint directive: {d.kind} {', '.join(specs)} "
                       "(suppressed nothing)", err=True)
        hit = hit or (bool(unused) and fail_on != "never")
    if errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if hit else EXIT_CLEAN)


@main.command("baseline")
@_input_options
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the baseline to this file instead of standard output.")
def baseline_command(
    paths: tuple[str, ...], config_file: str | None, isolated: bool, rulesets: tuple[str, ...],
    input_format: str | None, stdin_filename: str | None, model: str | None, profile: str | None,
    output: str | None,
) -> None:
    """Record today's findings so 'check --baseline FILE' reports only new ones.

    \b
        creeplint baseline campaigns/ > .creeplint-baseline.json
        creeplint check --baseline .creeplint-baseline.json campaigns/

    Findings are matched by rule, file, the flagged words and their occurrence index,
    not by line, so edits elsewhere in a file keep the baseline valid. Run both commands
    from the same folder (file names are stored relative to it).
    """
    from ..findings.baseline import Baseline
    from ..model import InputError, Summary

    cfg = _load_config(config_file, isolated)
    linter = _configure(cfg, rulesets, None, None, model, profile)
    linter.baseline = Baseline()
    if output:
        _guard_outputs({"--output": output}, paths)
    summary = Summary()
    errors: list[InputError] = []
    messages = _messages(linter, paths, _accept(cfg, [output] if output else []), stdin_filename,
                         input_format, summary, errors)
    try:
        for _ in linter.lint(messages):
            pass
    except OSError as exc:
        _fail(str(exc))
    text = linter.baseline.dumps()
    if output:
        stream = _open(output)
        stream.write(text)
        stream.close()
    else:
        click.echo(text, nl=False)
    n = len(linter.baseline.entries)
    click.echo(f"creeplint: recorded {n} finding{'s' * (n != 1)} from {summary.files} files", err=True)
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--path", "target", default=".creeplint.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="Where to write the config.")
def init(force: bool, target: str) -> None:
    """Write a commented starter .creeplint.yaml in the current folder."""
    from pathlib import Path

    from ..config import STARTER

    path = Path(target)
    if path.exists() and not force:
        _fail(f"{target} already exists; use --force to overwrite it")
    try:
        path.write_text(STARTER, encoding="utf-8", newline="\n")
    except OSError as exc:
        _fail(f"cannot write {target}: {exc.strerror}")
    click.echo(f"wrote {target}")


@main.command()
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH", help="Rulesets to list.")
@click.option("--category", "-c", help="Only rules of this category.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(rulesets: tuple[str, ...], category: str | None, fmt: str) -> None:
    """List rules: id, category, severity and what each catches."""
    book = _book(rulesets)
    selected = [r for r in book.rules if category in (None, r.category)]
    if fmt == "json":
        import json

        click.echo(json.dumps([
            {"id": r.id, "category": r.category, "severity": r.severity, "message": r.message,
             "ruleset": rs.name}
            for rs in book.rulesets for r in rs.rules if r in selected
        ], indent=2))
        return
    width = max((len(r.id) for r in selected), default=10)
    for rs in book.rulesets:
        chosen = [r for r in rs.rules if r in selected]
        if not chosen:
            continue
        click.echo(f"# {rs.name}" + (f": {rs.description}" if rs.description else ""))
        for r in chosen:
            click.echo(f"{r.id:<{width}}  {r.severity:<7}  {r.short}")
        click.echo()
    click.echo(f"{len(selected)} rules")


@main.command()
@click.argument("rule_id")
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH")
def explain(rule_id: str, rulesets: tuple[str, ...]) -> None:
    """Explain a rule: why it matters, what to write instead, and examples."""
    book = _book(rulesets)
    rule = book.rule(rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in book.rules], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else " (see 'creeplint rules')"
        _fail(f"no rule {rule_id!r}{hint}")
    click.echo(f"{rule.id}  [{rule.category}, {rule.severity}]")
    click.echo()
    click.echo(f"Why: {rule.message}")
    click.echo(f"Instead: {rule.suggestion}")
    if rule.source:
        click.echo(f"Policy: {rule.source}")
    click.echo()
    click.echo("Flagged:")
    for ex in rule.examples_flag:
        click.echo(f"  - {ex}")
    click.echo("Passes:")
    for ex in rule.examples_pass:
        click.echo(f"  - {ex}")
    click.echo()
    click.echo(f"Defined in {rule.file}" + (f":{rule.line}" if rule.line else ""))


@main.command("test-rules")
@click.argument("rulesets", nargs=-1, metavar="[RULESET]...")
@click.option("--alone", is_flag=True, help="Load only the given rulesets (no shipped lexicons or context).")
def test_rules(rulesets: tuple[str, ...], alone: bool) -> None:
    """Run rules' own flag/pass examples: every shipped ruleset, or only the ones given.

    A given ruleset is tested next to the shipped ones (as 'check -r' users combine them),
    so it may use the shipped lexicons and context modifiers; --alone loads it by itself.
    """
    from ..engine.core import Engine
    from ..engine.plan import compile_book
    from ..rules.loader import shipped, sources
    from ..selftest import run
    from ..yamlfile import YamlError

    specs = list(rulesets)
    if specs and not alone:
        book = _book(tuple(dict.fromkeys([*shipped(), *specs])))
        try:
            files = {name for spec in specs for name, _, _ in sources(spec)}
        except YamlError as exc:
            _fail(str(exc))
    else:
        book, files = _book(tuple(specs)), None
    count, failures = run(Engine(compile_book(book)), book, files)
    for f in failures:
        click.echo(str(f))
    click.echo(f"{count} examples, {len(failures)} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)


@main.command("eval")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False))
@click.option("--show", type=int, default=0, metavar="N", help="List up to N misses and N false alarms.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--min-f1", type=float, help="Exit 1 when F1 is below this.")
@click.option("--max-false-alarm-rate", type=float, help="Exit 1 when the false-alarm rate is above this.")
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH")
def eval_command(corpus: str, show: int, fmt: str, min_f1: float | None, max_false_alarm_rate: float | None,
                 rulesets: tuple[str, ...]) -> None:
    """Measure detection on a labelled JSONL corpus (label: creepy | ok | borderline).

    Prints precision, recall, F1, the false-alarm rate, recall per category and channel, and
    (with --show) the misses and false alarms. Borderline lines are reported apart.
    """
    import json
    from pathlib import Path

    from ..evaluate import evaluate, parse_labels, render_text
    from ..inputs.readers import ReadError, Source, read_source
    from ..linter import Linter, LintOptions
    from ..model import InputError, Message

    source = Source(corpus, Path(corpus).read_bytes())
    try:
        labels = parse_labels(source.text)
    except ReadError as exc:
        _fail(f"{corpus}: {exc}")
    if not labels:
        _fail(f"{corpus}: no line has a 'label' of creepy, ok or borderline")
    linter = Linter(LintOptions(rulesets=list(rulesets) or None))
    linter._book = _book(rulesets)
    items = list(read_source(source, "jsonl"))
    for item in items:
        if isinstance(item, InputError):
            click.echo(f"creeplint: {item}", err=True)
    ev = evaluate(labels, linter.lint(m for m in items if isinstance(m, Message)))
    if fmt == "json":
        click.echo(json.dumps(ev.to_dict(show), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(ev, show))
    failed = (min_f1 is not None and ev.f1 < min_f1) or (
        max_false_alarm_rate is not None and ev.false_alarm_rate > max_false_alarm_rate
    )
    sys.exit(EXIT_FINDINGS if failed else EXIT_CLEAN)


@main.command()
def profiles() -> None:
    """List scoring profiles, and how channels and relationships adjust them."""
    from ..findings.profiles import shipped

    p = shipped()
    for title, section in (("Profiles (--profile, config 'profile', or a message's sector)", p.profiles),
                           ("Channels (a message's channel)", p.channels),
                           ("Relationships (a message's relationship)", p.relationships)):
        click.echo(title)
        for name, layer in section.items():
            bits = [f"warn at {layer.warn_at}" if layer.warn_at is not None else "",
                    f"fail at {layer.fail_at}" if layer.fail_at is not None else "",
                    ", ".join(f"{c} x{v:g}" for c, v in layer.factors.items())]
            detail = "; ".join(b for b in bits if b)
            click.echo(f"  {name:<12} {layer.description}" + (f" [{detail}]" if detail else ""))
        click.echo()
