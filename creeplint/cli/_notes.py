"""What ``check`` and ``baseline`` say on stderr around a run: input errors (once), skipped
files, the standard-input hint and the closing notes."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from ._common import note

if TYPE_CHECKING:
    from ..inputs.source import Skipped
    from ..linter import Linter, Run
    from ..settings import Settings


def notifier(verbose: bool = False, errors_in_report: bool = False) -> Callable[[object], None]:
    """The run's ``notify``: every note on stderr, except quiet skips (files a walk found
    that hold no copy) without ``verbose``, and input errors when the report itself lists
    them on standard output (pretty / concise): each error is printed once."""
    from ..inputs.source import Skipped
    from ..model import InputError

    def notify(item: object) -> None:
        if isinstance(item, Skipped) and item.quiet and not verbose:
            return
        if isinstance(item, InputError) and errors_in_report:
            return
        note(item)

    return notify


def stdin_hint(paths: Sequence[str], stdin_filename: str | None) -> None:
    """On a terminal, say that ``-`` waits for typed input (else it just seems to hang)."""
    reads_stdin = "-" in paths or (not paths and stdin_filename)
    if reads_stdin and sys.stdin.isatty():
        note("reading standard input (type or paste the copy, then Ctrl-D; Ctrl-C to stop)")


def _reasons(run: Run) -> str:
    """``2 not campaigns, 1 report`` for the skipped-files note."""
    def kind(item: Skipped) -> str:
        if not item.quiet:
            return "binary or not regular files"
        return "reports" if item.reason.endswith("not copy") else "not campaigns"

    kinds = Counter(kind(item) for item in run.skipped)
    order = ("not campaigns", "reports", "binary or not regular files")
    return ", ".join(f"{kinds[k]} {k if kinds[k] != 1 or k != 'reports' else 'report'}" for k in order if kinds[k])


def after_run(run: Run, lint: Linter, s: Settings, verbose: bool) -> None:
    """Closing notes: skipped files, nothing to check, baselined findings, unused directives."""
    if run.skipped:
        n = len(run.skipped)
        hidden = any(x.quiet for x in run.skipped) and not verbose
        more = "; --verbose lists them" if hidden else ""
        note(f"{n} file{'s' * (n != 1)} skipped ({_reasons(run)}{more})")
    if run.summary.files == 0 and not run.errors:
        note("no files to check")
    if lint.baseline is not None and s.baseline:
        n = lint.baseline.matched
        note(f"{n} baselined finding{'s' * (n != 1)} not shown ({s.baseline})")
    if s.report_unused_disables:
        for d, specs in run.unused_disables():
            click.echo(f"{d.file}:{d.line}: unused creeplint directive: {d.kind} {', '.join(specs)} "
                       "(suppressed nothing)", err=True)
