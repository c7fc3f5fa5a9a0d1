"""Journey findings go through suppressions, baselines, rule overrides and scoring like copy
findings; their thresholds come from the ruleset unless the config's ``journeys:`` changes them."""

from __future__ import annotations

import json

import pytest

from ..conftest import run_cli

JOURNEY = """\
campaign: coat
channel: email
trigger: product_view
messages:
  - id: m1
    delay: 10m
    text: The Alder wool coat is in.
"""


def _json(tmp_path, *args):
    proc = run_cli("check", "j.yaml", "--format", "json", *args, cwd=tmp_path)
    return proc.returncode, json.loads(proc.stdout) if proc.stdout else None, proc.stderr.decode()


def test_unsuppressed_it_warns(tmp_path):
    (tmp_path / "j.yaml").write_text(JOURNEY)
    code, report, _ = _json(tmp_path, "--fail-on", "warn")
    (m,) = report["messages"]
    assert code == 1 and (m["verdict"], m["score"]) == ("warn", 45)
    assert [(f["rule"], f["line"], f["column"]) for f in m["findings"]] == [("journey/real-time-follow-up", 6, 5)]


def test_inline_suppression_on_the_line_before_the_key(tmp_path):
    (tmp_path / "j.yaml").write_text(
        JOURNEY.replace(
            "    delay: 10m", "    # creeplint: disable-next-line=journey/real-time-follow-up\n    delay: 10m"
        )
    )
    code, report, _ = _json(tmp_path, "--fail-on", "warn", "--report-unused-disables")
    assert code == 0 and report["messages"][0]["findings"] == [] and report["messages"][0]["verdict"] == "pass"


def test_same_line_and_wildcard_suppressions(tmp_path):
    (tmp_path / "j.yaml").write_text(
        JOURNEY.replace("    delay: 10m", "    delay: 10m  # creeplint: disable=journey/*")
    )
    code, report, _ = _json(tmp_path, "--fail-on", "warn")
    assert code == 0 and report["messages"][0]["findings"] == []


def test_config_rule_overrides(tmp_path):
    (tmp_path / "j.yaml").write_text(JOURNEY)
    (tmp_path / ".creeplint.yaml").write_text("rules:\n  journey/real-time-follow-up: error\n")
    code, report, _ = _json(tmp_path)
    assert code == 1 and report["messages"][0]["findings"][0]["severity"] == "error"
    (tmp_path / ".creeplint.yaml").write_text('rules:\n  "journey_timing/*": off\n')
    code, report, _ = _json(tmp_path)
    assert code == 0 and report["messages"][0]["findings"] == []


def test_baseline_hides_known_journey_findings_until_the_field_changes(tmp_path):
    (tmp_path / "j.yaml").write_text(JOURNEY)
    base = run_cli("baseline", "j.yaml", cwd=tmp_path)
    assert base.returncode == 0, base.stderr
    recorded = json.loads(base.stdout)["findings"]
    assert [(e["rule"], e["line"], e["text"]) for e in recorded] == [("journey/real-time-follow-up", 6, "delay: 10m")]
    (tmp_path / "base.json").write_bytes(base.stdout)
    # an edit elsewhere keeps the baseline valid
    (tmp_path / "j.yaml").write_text(JOURNEY.replace("messages:", "# spring\nmessages:"))
    code, report, _ = _json(tmp_path, "--baseline", "base.json", "--fail-on", "warn")
    assert code == 0 and report["messages"][0]["findings"] == []
    # a shorter delay is a new finding
    (tmp_path / "j.yaml").write_text(JOURNEY.replace("delay: 10m", "delay: 2m"))
    code, report, _ = _json(tmp_path, "--baseline", "base.json")
    assert code == 1 and report["messages"][0]["findings"][0]["severity"] == "error"


def test_thresholds_in_config(tmp_path):
    (tmp_path / "j.yaml").write_text(JOURNEY)
    (tmp_path / ".creeplint.yaml").write_text(
        "journeys:\n  journey/real-time-follow-up:\n    warn_under: {email: 5m}\n    fail_under: 1m\n"
    )
    code, report, _ = _json(tmp_path, "--fail-on", "warn")
    assert code == 0 and report["messages"][0]["findings"] == []  # 10 min is past a 5 min threshold
    (tmp_path / ".creeplint.yaml").write_text(
        "journeys:\n  journey/real-time-follow-up: {warn_under: {email: 2h}, fail_under: 15m}\n"
    )
    code, report, _ = _json(tmp_path)
    f = report["messages"][0]["findings"][0]
    assert code == 1 and f["severity"] == "error" and "(under 15 min)" in f["message"]


def test_cadence_threshold_in_pyproject(tmp_path):
    (tmp_path / "j.yaml").write_text(
        "channel: ad\ntrigger: product_view\nmessages:\n  - {id: a, frequency: 3 per 3d, text: Coats.}\n"
    )
    code, report, _ = _json(tmp_path, "--fail-on", "warn")
    assert code == 0 and report["messages"][0]["findings"] == []
    (tmp_path / "pyproject.toml").write_text(
        '[tool.creeplint.journeys."journey/stalking-cadence"]\nlimits = {ad = "2 per 3d"}\n'
    )
    code, report, _ = _json(tmp_path, "--fail-on", "warn")
    f = report["messages"][0]["findings"][0]
    assert code == 1 and f["rule"] == "journey/stalking-cadence" and "3 > 2" in f["message"]


UNKNOWN_RULE = (
    ".creeplint.yaml:2: 'journeys': unknown journey rule 'journey/real-time-folow-up'; "
    "did you mean 'journey/real-time-follow-up'?"
)
UNKNOWN_KEY = (
    ".creeplint.yaml:3: 'journeys': journey/real-time-follow-up has no threshold 'fail_undr'; "
    "did you mean 'fail_under'?"
)
BAD_VALUE = (
    ".creeplint.yaml:3: 'journeys': journey/real-time-follow-up: journey option 'warn_under': "
    "unknown duration unit 'x' in '10x'"
)
NOT_A_MAPPING = ".creeplint.yaml:1: 'journeys' must map journey rule ids to their thresholds"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("journeys:\n  journey/real-time-folow-up: {fail_under: 1m}\n", UNKNOWN_RULE),
        ("journeys:\n  journey/real-time-follow-up:\n    fail_undr: 1m\n", UNKNOWN_KEY),
        ("journeys:\n  journey/real-time-follow-up:\n    warn_under: {email: 10x}\n", BAD_VALUE),
        ("journeys: 5\n", NOT_A_MAPPING),
    ],
)
def test_config_threshold_errors_name_file_and_line(tmp_path, text, message):
    (tmp_path / "j.yaml").write_text(JOURNEY)
    (tmp_path / ".creeplint.yaml").write_text(text)
    code, _, err = _json(tmp_path)
    assert code == 2 and message in err, err
