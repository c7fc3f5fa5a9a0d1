"""Journey tests run the real linter (spaCy pipeline, every shipped ruleset) on journey files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_campaigns" / "journeys"


@pytest.fixture
def lint(tmp_path, engine):
    """lint(text, name="j.yaml", **settings) -> (results, errors, run) for one journey file."""
    from creeplint import Linter, Settings

    def run(text: str, name: str = "j.yaml", **settings):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        linter = Linter(Settings(**settings))
        linter._engine = engine  # same shipped rules: reuse the session's pipeline
        checked = linter.check([str(path)])
        results = list(checked)
        return results, checked.errors, checked

    return run


def journey_findings(results):
    return [
        (r.id, f.rule, f.severity, f.line, f.column)
        for r in results
        for f in r.findings
        if f.rule.startswith("journey/")
    ]
