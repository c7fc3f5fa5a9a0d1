"""The shipped sample campaigns: every format reads cleanly, with a creepy and a clean example."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "sample_campaigns"


@pytest.mark.parametrize("fmt", ["html", "eml", "mjml", "yaml", "json", "csv"])
def test_each_format_folder(fmt, cli):
    run = cli(str(SAMPLES / fmt))
    assert run.report["errors"] == []
    verdicts = {m["verdict"] for m in run.report["messages"]}
    assert "fail" in verdicts and "pass" in verdicts, verdicts
