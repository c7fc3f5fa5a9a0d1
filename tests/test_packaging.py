"""The built wheel must carry the shipped rulesets and work from a plain (non-editable) install."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_contains_rulesets_and_runs_outside_the_source_tree(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = wheels.glob("creeplint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(p.name for p in (ROOT / "rulesets").glob("*.yaml"))
    assert shipped and all(f"creeplint/rulesets/{n}" in names for n in shipped)
    assets = sorted(p.name for p in (ROOT / "creeplint" / "reporters" / "_html").iterdir())
    assert assets and all(f"creeplint/reporters/_html/{n}" in names for n in assets)  # the HTML report's CSS/JS
    assert "creeplint/journeys/schema.json" in names and "creeplint/rulesets/journey.yaml" in names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import creeplint, creeplint.rules.loader as l; "
        "print(creeplint.__file__); print(len(l.load().rules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out[0].startswith(str(target))
    assert int(out[1]) > 0
    # journey rules and their schema work from the installed wheel too
    sample = ROOT / "sample_campaigns" / "journeys" / "sensitive_segment.yaml"
    code = (
        "import json; from importlib import resources; from creeplint import Linter; "
        "json.loads(resources.files('creeplint.journeys').joinpath('schema.json').read_text()); "
        f"print(sorted({{f.rule for r in Linter().check([{str(sample)!r}]) for f in r.findings}}))"
    )
    found = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True,
                           text=True, check=True).stdout
    assert "journey/sensitive-segment" in found
