"""The Dask batch example lints a JSONL store on the local distributed scheduler."""

from __future__ import annotations

import json
import sys

import pytest

from .conftest import ROOT

pytest.importorskip("dask.bag", reason="needs the dask extra")
distributed = pytest.importorskip("distributed", reason="needs the dask extra")


def test_dask_partitions_match_single_linter(tmp_path):
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import dask_batch
    finally:
        sys.path.pop(0)
    from creeplint import Linter, LintOptions

    rows = [{"id": f"m{i}", "text": t} for i, t in enumerate(
        ["We noticed you looked at the red kettle.", "Kettles are half price this week."] * 20)]
    store = tmp_path / "store.jsonl"
    store.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    options = LintOptions(rulesets=["context", "tracked_behaviour"])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        bag = dask_batch.build_bag([str(store)], options, blocksize="1KB")
        assert bag.npartitions > 1
        results = bag.compute()
    expected = [r.to_dict() for r in Linter(options).lint(rows)]
    assert sorted(results, key=lambda r: int(r["id"][1:])) == expected
    assert {r["verdict"] for r in results} == {"pass", "fail"}
