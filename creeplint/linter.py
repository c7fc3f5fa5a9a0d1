"""The library API: everything ``creeplint check`` does, without the command line.

Size: the one class API users (and the check, eval, serve and lsp commands) drive; it wires
every stage together and the wiring is easier to follow in one file than spread out.

    from creeplint import Linter, Settings
    linter = Linter(Settings(profile="retail"))
    run = linter.check(["campaigns/"])          # files, folders or "-": the whole pipeline
    for result in run:
        print(result.file, result.verdict, result.score)
    print(run.summary, run.errors, run.exit_code)

    for result in linter.lint([{"id": "m1", "text": "We noticed you searched for flights."}]):
        print(result.verdict)

One message goes through the stages in order, each once:
inputs (files -> sources -> readers -> messages) -> engine (findings with context) ->
findings (suppressions, baseline, weights, the derived stacking finding, its override) ->
scoring (score and verdict) -> the caller's reporters.

``Settings`` is plain picklable data, so workers in a process pool (or a Dask / Spark
partition) rebuild the same linter: ``Linter(settings)``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .findings.derive import STACKING_CATEGORY, STACKING_RULE, stacking
from .findings.scoring import Thresholds, score, weigh
from .findings.suppress import Directive, Suppressor
from .model import VERDICTS, Finding, InputError, LineIndex, Message, Result, SourceMap, Summary
from .settings import Settings, SettingsError

if TYPE_CHECKING:
    from .findings.baseline import Baseline
    from .inputs.files import Skipped
    from .rules.book import RuleBook

LintOptions = Settings  # the name earlier releases used


def _raw(item: dict[str, Any]) -> str:
    """A dict message's copy as a reader would see it: the subject as the first paragraph."""
    subject = item.get("subject") or ""
    return f"{subject}\n\n{item['text']}" if subject else item["text"]


def as_message(item: Message | dict[str, Any], n: int = 0) -> Message:
    """Accept a Message or a dict with ``text`` (+ id, subject, channel, sector, relationship,
    ``creeplint-disable``).

    Dicts get what readers give files: merge tags masked (kept in ``meta["merge_tags"]``) and
    the subject as the first paragraph."""
    if isinstance(item, Message):
        return item
    from .inputs.readers._templates import mask_merge_tags

    raw = _raw(item)
    text, tags = mask_merge_tags(raw)
    source = SourceMap(LineIndex(raw))
    source.add(0, 0, len(text))
    meta: dict[str, Any] = {"merge_tags": tags} if tags else {}
    if item.get("creeplint-disable"):
        meta["disable"] = item["creeplint-disable"]
    return Message(
        id=str(item.get("id", n + 1)), file=str(item.get("file", "<api>")), text=text, source=source,
        channel=item.get("channel") or "email", sector=item.get("sector"),
        relationship=item.get("relationship"), meta=meta,
    )


@dataclass
class Run:
    """One ``Linter.check``: iterate it for the results, in input order; afterwards it holds
    the summary, the input errors, the files a folder walk skipped, and the exit code."""

    linter: Linter
    paths: list[str]
    notify: Callable[[InputError | Skipped | str], None]
    summary: Summary = field(default_factory=Summary)
    errors: list[InputError] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    hit: bool = False  # a message at or above the settings' fail_on
    warned: set = field(default_factory=set)  # unknown channel/sector/relationship values already reported

    def __iter__(self) -> Iterator[Result]:
        from . import parallel

        lint, rank = self.linter, self.linter.settings.fail_rank
        for result in parallel.lint(lint, lint._read(self.paths, self, self.notify), lint.settings.jobs):
            self.summary.count(result)
            self.hit = self.hit or VERDICTS.index(result.verdict) >= rank
            yield result
        self.summary.errors = len(self.errors)
        self.summary.skipped = len(self.skipped)

    def unused_disables(self) -> list[tuple[Directive, list[str]]]:
        return self.linter.suppressor.unused()

    @property
    def exit_code(self) -> int:
        """2 when an input could not be read, 1 when a message is at or above ``fail_on`` (or,
        with ``report_unused_disables``, a directive suppressed nothing), else 0."""
        if self.errors:
            return 2
        s = self.linter.settings
        unused = s.report_unused_disables and s.fail_on != "never" and bool(self.unused_disables())
        return 1 if self.hit or unused else 0


class Linter:
    """Lints messages and files with one rule book, one engine, one set of suppressions and
    an optional baseline, all built from ``settings`` on first use."""

    def __init__(self, settings: Settings | None = None, **kwargs: Any) -> None:
        self.settings = settings or Settings(**kwargs)
        self._engine = None
        self._book: RuleBook | None = None
        self._stacks: frozenset[str] = frozenset()
        self._tags: dict[str, list[str]] = {}  # rule id -> tags, for channel tag factors
        self._learned: frozenset[str] = frozenset()  # ids of learned rules (findings of any category)
        self.suppressor = Suppressor()
        self._baseline: Baseline | None = None
        self._baseline_loaded = False
        self._thresholds: dict[tuple[str | None, str, str | None], Thresholds] = {}
        self._stdin: dict[str, str] = {}
        self._journeys = None  # journeys.evaluate.Evaluator, built for the first message with journey fields

    # -- what the settings name, loaded once; errors raise YamlError or SettingsError

    @property
    def book(self) -> RuleBook:
        """The rule book, with the settings' rule overrides applied."""
        if self._book is None:
            from .config import RuleSetting
            from .findings.overrides import apply_overrides, check_rule_keys
            from .rules.loader import load

            s = self.settings
            book = load(s.ruleset_specs())
            written = s.rule_sources or {k: RuleSetting(v, "<settings>", None) for k, v in s.rules.items()}
            check_rule_keys(written, book, extra=((STACKING_RULE, STACKING_CATEGORY),))
            self._check_profile()
            self._book = apply_overrides(book, s.rules)
            self._stacks = self._book.stacking_categories()
            self._tags = {r.id: r.tags for r in self._book.rules if r.tags}
            self._learned = frozenset(r.id for r in self._book.rules if r.kind == "learned")
        return self._book

    @property
    def engine(self):  # type: ignore[no-untyped-def]
        if self._engine is None:
            from .engine.core import Engine
            from .engine.plan import compile_book

            self._engine = Engine(compile_book(self.book, self.settings.model))
        return self._engine

    @property
    def baseline(self) -> Baseline | None:
        """The baseline findings are filtered by (``settings.baseline``), or that records every
        finding (``settings.record_baseline``); None without either."""
        if not self._baseline_loaded:
            from .findings.baseline import Baseline

            s = self.settings
            self._baseline = Baseline.load(s.baseline) if s.baseline else Baseline() if s.record_baseline else None
            self._baseline_loaded = True
        return self._baseline

    def _check_profile(self) -> None:
        from .findings.profiles import shipped

        s = self.settings
        known = shipped().profiles
        if s.profile is not None and s.profile not in known:
            raise SettingsError(f"unknown profile {s.profile!r} (known: {', '.join(known)})")
        if (s.warn_at is None) == (s.fail_at is None):  # neither, or both (Settings checks the pair)
            return
        # one threshold given: check it against the other one as the profile sets it (the forced
        # profile, else the default one, whose thresholds --help names)
        name = s.profile or "default"
        base = shipped().thresholds(Message("", "", "", SourceMap(LineIndex(""))), name)
        warn_at = base.warn_at if s.warn_at is None else s.warn_at
        fail_at = base.fail_at if s.fail_at is None else s.fail_at
        if warn_at > fail_at:
            if s.warn_at is not None:
                raise SettingsError(f"--warn-at ({warn_at}) must not be above the fail threshold of profile "
                                    f"{name!r} ({fail_at}); set --fail-at too")
            raise SettingsError(f"--fail-at ({fail_at}) must not be below the warn threshold of profile "
                                f"{name!r} ({warn_at}); set --warn-at too")

    @property
    def journeys(self):  # type: ignore[no-untyped-def]
        """The journey rules with the settings' thresholds (``journeys.evaluate.Evaluator``)."""
        if self._journeys is None:
            from .journeys.evaluate import Evaluator

            self._journeys = Evaluator(self.book, self.settings.journeys, self.settings.journeys_file)
        return self._journeys

    def prepare(self) -> None:
        """Load the rule book and the baseline now, so their errors surface before any input is read."""
        self.book  # noqa: B018
        self.baseline  # noqa: B018
        if self.settings.journeys:  # config thresholds: their errors too
            self.journeys  # noqa: B018

    def reset(self) -> None:
        """Forget the suppressions and baseline occurrence counts of inputs linted so far,
        keeping the rule book, engine and baseline file: lets a long-lived linter (the
        language server) lint the same file again and again."""
        self.suppressor = Suppressor()
        if self._baseline is not None:
            from .findings.baseline import Baseline

            self._baseline = Baseline(self._baseline.known, self._baseline.path)

    # -- the pipeline

    def check(self, paths: Iterable[str], notify: Callable[[InputError | Skipped | str], None] | None = None) -> Run:
        """Lint files, folders (recursively) or ``"-"`` (standard input), as ``creeplint check``
        does: inline suppressions in each file's source, the settings' limits and filters.
        ``notify`` hears each input error, skipped file and note as it happens."""
        self.prepare()
        default = ["-"] if self.settings.stdin_filename else ["."]  # --stdin-filename alone reads stdin (as ruff)
        return Run(self, list(paths) or default, notify or (lambda _: None))

    def _read(
        self, paths: list[str], run: Run, notify: Callable[[InputError | Skipped | str], None]
    ) -> Iterator[Message]:
        from .inputs.files import Skipped, iter_sources
        from .inputs.readers import read_source
        from .inputs.source import ReadError
        from .vetting import vet

        s = self.settings
        for source in iter_sources(paths, stdin_filename=s.stdin_filename, input_format=s.input_format,
                                   accept=s.accept(), max_bytes=s.max_file_size, gitignore=s.gitignore):
            if isinstance(source, (Skipped, InputError)):
                (run.skipped if isinstance(source, Skipped) else run.errors).append(source)  # type: ignore[arg-type]
                notify(source)
                continue
            run.summary.files += 1
            if source.stdin:  # kept for report snippets: standard input cannot be read twice
                with contextlib.suppress(ReadError):
                    self._stdin[source.name] = source.text
            if source.path is None:  # streamed formats (JSONL) have no comments, only record keys
                with contextlib.suppress(ReadError):  # the reader reports undecodable files
                    self.suppressor.add_source(source.name, source.text)
            if source.encoding == "cp1252":
                notify(f"{source.name}: note: not UTF-8; read as Windows-1252 (cp1252)")
            for item in read_source(source, s.input_format, max_message_length=s.max_message_length):
                if isinstance(item, Skipped):  # a walk found a file that holds no copy
                    run.summary.files -= 1
                    run.skipped.append(item)
                    notify(item)
                elif isinstance(item, InputError):
                    run.errors.append(item)
                    notify(item)
                else:
                    vet(item, run.warned, notify)
                    yield item

    def source_text(self, name: str) -> str | None:
        """A checked file's text as written (for report snippets), or None when it cannot be
        read again (gone, too large, not text); standard input as it was read."""
        if name in self._stdin:
            return self._stdin[name]
        from .inputs.source import ReadError, decode_bytes

        try:
            with open(name, "rb") as fh:
                data = fh.read(self.settings.max_file_size + 1)
            if len(data) > self.settings.max_file_size:
                return None
            return decode_bytes(data)[0]
        except (OSError, ReadError):
            return None

    def lint(self, messages: Iterable[Message | dict[str, Any]]) -> Iterator[Result]:
        """Results for messages (``Message`` objects or dicts), in order. A dict's own text is
        scanned for suppression directives; so is every file ``check`` read."""
        self.prepare()
        for msg, findings in self.engine.run(self.messages(messages)):
            yield self.result(msg, findings)

    def messages(self, items: Iterable[Message | dict[str, Any]]) -> Iterator[Message]:
        """``Message`` objects for ``items``; a dict's directives are registered as it passes."""
        for i, item in enumerate(items):
            msg = as_message(item, i)
            if isinstance(item, dict):
                self.suppressor.add_message(msg, _raw(item))
            yield msg

    def thresholds(self, msg: Message) -> Thresholds:
        """The message's profile (forced, or by sector) with its channel and relationship,
        then explicit thresholds and factors from the settings on top."""
        from .findings.profiles import shipped

        key = (msg.sector, msg.channel, msg.relationship)
        cached = self._thresholds.get(key)
        if cached is not None:
            return cached
        s = self.settings
        th = shipped().thresholds(msg, s.profile)
        factors = {**th.category_factors}
        for cat, value in s.category_factors.items():
            factors[cat] = round(factors.get(cat, 1.0) * value, 4)
        th = replace(
            th,
            warn_at=th.warn_at if s.warn_at is None else s.warn_at,
            fail_at=th.fail_at if s.fail_at is None else s.fail_at,
            category_factors=factors,
        )
        self._thresholds[key] = th
        return th

    def result(self, msg: Message, found: list[Finding]) -> Result:
        """The findings stage and scoring for the engine's findings on one message.

        Kept apart from the engine so a process pool can run the engine in workers while this
        stateful part (suppression and baseline bookkeeping) stays in one process."""
        th = self.thresholds(msg)
        if msg.meta.get("journey") is not None:  # timing, cadence and audience, beside the copy's findings
            found = [*found, *self.journeys.findings(msg, found)]
        if self.settings.rules and self._learned:
            found = self._category_levels(found)
        kept = self.suppressor.filter(msg, found)
        if self.baseline is not None and kept:
            kept = self.baseline.filter(msg, kept)
        findings = weigh(kept, th, self._tags)
        stack = self._stacking(msg, findings, th)
        if stack is not None:
            findings = sorted([*findings, stack], key=lambda f: (f.start, f.end, f.rule))
        value, verdict = score(findings, th)
        line = msg.source.span(0, 1)[0] if msg.text else 1
        return Result(msg.file, msg.id, msg.channel, value, verdict, findings, line, msg.text, self.profile_of(msg))

    def _category_levels(self, found: list[Finding]) -> list[Finding]:
        """A learned rule's findings take the ``rules`` setting of the category each is
        reported under ("health/*: off" drops its health findings), as a rule of that
        category would; the book only knew the rule's own category."""
        from .findings.overrides import level_for

        out = []
        for f in found:
            if f.rule in self._learned:
                level = level_for(f.rule, f.category, self.settings.rules)
                if level == "off":
                    continue
                if level and level != f.severity:
                    f = replace(f, severity=level)
            out.append(f)
        return out

    def profile_of(self, msg: Message) -> str:
        """The name of the profile a message is scored with: forced, else its sector's, else default."""
        from .findings.profiles import shipped

        name = self.settings.profile or msg.sector or "default"
        return name if name in shipped().profiles else "default"

    def _stacking(self, msg: Message, findings: list[Finding], th: Thresholds) -> Finding | None:
        """The derived stacking finding, after its own override and suppressions (None if off)."""
        if len(findings) < 2:
            return None
        stack = stacking(findings, self._stacks, th.stacking_step, th.stacking_min_weight)
        if stack is None:
            return None
        level = None
        if self.settings.rules:
            from .findings.overrides import level_for

            level = level_for(stack.rule, stack.category, self.settings.rules)
        if level == "off" or not self.suppressor.filter(msg, [stack]):
            return None
        return replace(stack, severity=level) if level else stack

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["settings"])  # type: ignore[misc]
