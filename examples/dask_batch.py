"""Lint a large JSONL message store with Dask, one linter per partition.

    pip install "creeplint[dask]"
    python examples/dask_batch.py messages-*.jsonl --out results/

Each partition builds one ``Linter`` from picklable ``LintOptions`` (building costs ~1-2 s,
so partitions should hold thousands of messages) and returns plain dicts with the same
fields as ``creeplint check --format json``. The same pattern works elsewhere:

* PySpark: ``rdd.mapPartitions(lambda rows: lint_records(rows, options))``
* Ray Data: ``ds.map_batches(LintBatch, fn_constructor_args=(options,), batch_format="pandas")``
  with a class that builds the ``Linter`` in ``__init__``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from typing import Any

from creeplint import Linter, LintOptions


def lint_records(records: Iterable[dict[str, Any]], options: LintOptions) -> Iterator[dict[str, Any]]:
    """Lint dict records ({id, text, subject?, channel?, ...}); yields JSON-ready results."""
    linter = Linter(options)
    for result in linter.lint(records):
        yield result.to_dict()


def lint_partition(records: list[dict[str, Any]], options: LintOptions) -> list[dict[str, Any]]:
    return list(lint_records(records, options))


def build_bag(paths: list[str], options: LintOptions, blocksize: str = "64MB"):  # type: ignore[no-untyped-def]
    import dask.bag as db

    return db.read_text(paths, blocksize=blocksize).filter(str.strip).map(json.loads).map_partitions(
        lint_partition, options
    )


def main() -> None:
    from dask.distributed import Client, LocalCluster

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--out", required=True, help="folder for result JSONL files")
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    with LocalCluster(n_workers=args.workers) as cluster, Client(cluster):
        bag = build_bag(args.paths, LintOptions())
        bag.map(json.dumps).to_textfiles(f"{args.out}/*.jsonl")


if __name__ == "__main__":
    main()
