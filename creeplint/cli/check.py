"""``creeplint check``: parse options, then let ``Linter.check`` do the work."""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from ._common import EXIT_INTERRUPTED, check_options, fail, guarded, input_options, linter, note, settings


@click.command()
@input_options
@check_options
def check(paths: tuple[str, ...], output: str | None, sarif_file: str | None, show_pass: bool, no_color: bool,
          no_gitignore: bool, **options: object) -> None:
    """Check files, folders or standard input ('-') for creepy copy.

    Folders are searched recursively for every supported format; hidden files and
    folders are skipped. Each message gets a score and a verdict (pass, warn, fail).
    Settings come from the command line, then the config file, then defaults.
    """
    from ..reporters import Outputs, ReportOptions

    s = settings(options, gitignore=not no_gitignore, never_read=[p for p in (output, sarif_file) if p])
    lint = linter(s)
    fmt = s.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "pretty")
    color = not output and not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
    report = ReportOptions(color=color, tool_version=__version__, rules=lint.book.rules, fail_on=s.fail_on,
                           show_pass=show_pass, categories=lint.book.categories)
    out = guarded(lambda: Outputs(fmt, report, output, sarif_file, list(paths)))
    run = lint.check(paths, notify=note)
    try:
        for result in run:
            out.result(result)
    except OSError as exc:  # a model that cannot be loaded, say
        fail(str(exc))
    except KeyboardInterrupt:
        out.discard()
        note("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    out.finish(run.summary, run.errors)
    if run.skipped:
        n = len(run.skipped)
        note(f"{n} file{'s' * (n != 1)} skipped (binary or not regular files; see above)")
    if lint.baseline is not None:
        n = lint.baseline.matched
        note(f"{n} baselined finding{'s' * (n != 1)} not shown ({s.baseline})")
    if s.report_unused_disables:
        for d, specs in run.unused_disables():
            click.echo(f"{d.file}:{d.line}: unused creeplint directive: {d.kind} {', '.join(specs)} "
                       "(suppressed nothing)", err=True)
    sys.exit(run.exit_code)


COMMANDS = [check]
