"""Lint in several processes while keeping output identical to one process.

Workers run the engine and return findings, never spaCy Docs: shipping Docs between
processes is what makes ``nlp.pipe(n_process=…)`` slower than one process here. Suppressions,
the baseline and scoring stay in the calling process, which keeps their bookkeeping whole.

* Order: chunks are submitted in input order and their results yielded in that order.
* Memory: at most ``jobs * AHEAD`` chunks are in flight, so a million-message input streams.
* Start-up: on platforms with ``fork`` the parent builds the linter first and workers inherit
  it (copy-on-write); elsewhere each worker rebuilds it from the picklable options.
* Small inputs never pay for a pool: the first ``threshold`` messages are buffered and, if
  the input ends there, linted in this process.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .linter import Linter
from .model import Finding, Message, Result

if TYPE_CHECKING:
    from concurrent.futures import Future

CHUNK = 64
AHEAD = 4
THRESHOLD = 2000

_worker_linter: Linter | None = None


def _init(linter: Linter) -> None:
    global _worker_linter
    _worker_linter = linter


def _findings_chunk(messages: list[Message]) -> list[list[Finding]]:
    assert _worker_linter is not None
    return [findings for _, findings in _worker_linter.engine.run(messages)]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def lint(linter: Linter, messages: Iterable[Message | dict], jobs: int | None = None,
         threshold: int = THRESHOLD, chunk: int = CHUNK) -> Iterator[Result]:
    """Results for ``messages`` in input order, using up to ``jobs`` processes (None: all CPUs)."""
    jobs = default_jobs() if jobs is None else jobs
    it = linter.messages(messages)
    head = list(itertools.islice(it, threshold))
    if jobs <= 1 or len(head) < threshold:
        yield from linter.lint(itertools.chain(head, it))
        return
    import multiprocessing  # only now: a one-file run should not pay for importing it
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        linter.engine  # build once in the parent: forked workers inherit it  # noqa: B018
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("spawn")
    chunks = _chunks(itertools.chain(head, it), chunk)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(linter,))
    try:
        pending: deque[tuple[list[Message], Future[list[list[Finding]]]]] = deque()
        for part in chunks:
            pending.append((part, pool.submit(_findings_chunk, part)))
            if len(pending) >= jobs * AHEAD:
                yield from _results(linter, *pending.popleft())
        while pending:
            yield from _results(linter, *pending.popleft())
    except BaseException:  # Ctrl-C or a consumer that stopped early: do not wait for queued work
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _results(linter: Linter, part: list[Message], future: Future[list[list[Finding]]]) -> Iterator[Result]:
    for msg, findings in zip(part, future.result(), strict=True):
        yield linter.result(msg, findings)


def _chunks(items: Iterator[Message], size: int) -> Iterator[list[Message]]:
    while True:
        part = list(itertools.islice(items, size))
        if not part:
            return
        yield part
