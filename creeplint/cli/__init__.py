"""Command line: the ``creeplint`` group and ``run``, its entry point. One module per command;
each only parses options and calls the library. spaCy is imported by ``check``, ``baseline``,
``test-rules``, ``eval``, ``serve``, ``lsp`` (which also imports pygls) and ``explain`` (to show
the signals of a rule's example) only, so ``--help`` and ``rules`` start fast."""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from ._common import EXIT_CLEAN, EXIT_FINDINGS


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="creeplint")
def main() -> None:
    """Lint marketing copy for personalization that feels like surveillance.

    creeplint finds phrases that reveal tracked behaviour (browsing, searches, cart, opens
    and clicks, location, bought or overheard data) or sensitive inferences about the
    reader (health, pregnancy, debt, religion, orientation, age, life events), scores each
    message 0-100, explains every finding and suggests a rewrite. In campaign journeys it
    also flags creepy timing, cadence and audiences (a send minutes after a page view, a
    segment named after a pregnancy).

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
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, as Unix tools do
        _quiet_exit()
    else:  # pragma: no cover - click's standalone mode always exits
        code = EXIT_CLEAN
    workers = sys.modules.get("multiprocessing")  # (spaCy imports it: only live children count)
    if code not in (EXIT_CLEAN, EXIT_FINDINGS) or (workers is not None and workers.active_children()):
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        _quiet_exit()
    except (OSError, ValueError):  # a closed stream: let the interpreter report it as it always has
        sys.exit(code)
    os._exit(code)


EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for ``yes | head``


def _quiet_exit() -> None:
    """Leave after a broken pipe without Python's "Exception ignored ... BrokenPipeError":
    what is still buffered for the closed pipe is dropped (nobody reads it)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    os._exit(EXIT_BROKEN_PIPE)


def _register() -> None:
    from . import baseline, check, eval, init, lsp, profiles, rules, serve, test_rules

    for module in (check, baseline, init, rules, test_rules, eval, profiles, serve, lsp):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
