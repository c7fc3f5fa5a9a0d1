"""The shipped JSON Schema validates every journey sample and rejects malformed fields; plain copy
never loads the journeys package; a process pool gives the same journey findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest
import yaml

from ..conftest import ROOT, run_cli
from .conftest import SAMPLES


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(resources.files("creeplint.journeys").joinpath("schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _load(path):
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


@pytest.mark.parametrize("path", sorted(SAMPLES.iterdir()), ids=lambda p: p.name)
def test_every_sample_is_valid(validator, path):
    errors = [e.message for e in validator.iter_errors(_load(path))]
    assert not errors, errors


@pytest.mark.parametrize(
    "bad",
    [
        {"messages": [{"text": "x", "delay": "10 mnts x"}]},
        {"messages": [{"text": "x", "frequency": "lots"}]},
        {"messages": [{"text": "x", "frequency": {"count": 3, "pre": "3d"}}]},
        {"messages": [{"text": "x", "audience": {"name": "a", "descripton": "b"}}]},
        {"messages": [{"text": "x", "send_window": "all day"}]},
        {"messages": [{"text": "x", "trigger": {"category": "shoes"}}]},
        {
            "data": {
                "type": "flow",
                "attributes": {
                    "definition": {
                        "triggers": [],
                        "entry_action_id": "a",
                        "actions": [{"type": "time-delay", "data": {"unit": "weeks", "value": 1}}],
                    }
                },
            }
        },
    ],
)
def test_malformed_journeys_are_invalid(validator, bad):
    assert list(validator.iter_errors(bad))


def test_the_readers_and_the_schema_agree_on_the_samples():
    proc = run_cli("check", str(SAMPLES), "--format", "json", cwd=ROOT)
    report = json.loads(proc.stdout)
    assert report["errors"] == [] and report["summary"]["messages"] == 18


def test_plain_copy_never_reads_or_evaluates_journeys(tmp_path):
    """Validating journey.yaml (a cold rules cache) loads the small option parsers
    (journeys.checks, journeys.durations); reading and evaluating journeys happen only for
    files with journey fields."""
    (tmp_path / "a.yaml").write_text("messages:\n  - {id: a, text: We noticed you looked at the coat.}\n")
    lazy = (
        "creeplint.journeys.parse",
        "creeplint.journeys.evaluate",
        "creeplint.journeys.segments",
        "creeplint.journeys.klaviyo",
        "creeplint.journeys.model",
    )
    code = (
        "import sys; from creeplint import Linter; "
        f"run = Linter().check([{str(tmp_path / 'a.yaml')!r}]); list(run); "
        f"assert not [m for m in sys.modules if m in {lazy!r}], sorted(sys.modules)"
    )
    for cold in ("1", "0"):  # no rules cache (journey.yaml is validated), then the cache
        env = {**os.environ, "CREEPLINT_NO_CACHE": cold}
        subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path, env=env)


def test_a_process_pool_gives_the_same_journey_findings():
    one = run_cli("check", str(SAMPLES), "--format", "json", "--jobs", "1", cwd=ROOT)
    two = run_cli("check", str(SAMPLES), "--format", "json", "--jobs", "2", cwd=ROOT)
    assert one.stdout == two.stdout and b"journey/" in one.stdout
