"""SARIF (schema-validated), GitHub annotations (exact escaping), JUnit XML, report files."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import CLEAN, CREEPY

SARIF_SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture()
def mixed(campaign: Path) -> Path:
    """creepy (fail), clean (pass), a warn-level message and a JSONL file."""
    (campaign / "list.jsonl").write_text(
        '{"id": "j1", "text": "Still thinking about those boots?"}\n'
        '{"id": "j2", "text": "Our boots are back."}\n'
    )
    return campaign


def test_sarif_validates_against_the_official_schema(cli, mixed):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA} (shared/schemas is outside the repo)")
    import jsonschema

    run = cli("check", "-f", "sarif", ".", "missing.txt", cwd=mixed)
    assert run.exit_code == 2  # missing.txt is an input error, reported as a notification
    doc = json.loads(run.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema).validate(doc)

    (sarif_run,) = doc["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert "tracked-behaviour/we-noticed" in ids and "stacking/several-inferences" in ids
    rule = rules[ids.index("tracked-behaviour/we-noticed")]
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["properties"]["category"] == "tracked_behaviour"
    assert "Instead:" in rule["help"]["text"] and rule["fullDescription"]["text"]
    results = sarif_run["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "creepy.txt", "list.jsonl"}
    first = next(r for r in results if r["ruleId"] == "tracked-behaviour/we-noticed")
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] and first["level"] == "error"
    region = first["locations"][0]["physicalLocation"]["region"]
    line = CREEPY.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "We noticed you"
    assert first["partialFingerprints"]["creeplint/v1"]
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.txt"


def test_sarif_levels_follow_configured_severity_and_output_is_deterministic(cli, mixed):
    (mixed / ".creeplint.yaml").write_text("rules:\n  tracked-behaviour/we-noticed: info\n")
    first = cli("check", "-f", "sarif", ".", cwd=mixed).stdout
    assert first == cli("check", "-f", "sarif", ".", cwd=mixed).stdout
    doc = json.loads(first)
    levels = {r["ruleId"]: r["level"] for r in doc["runs"][0]["results"]}
    assert levels["tracked-behaviour/we-noticed"] == "note"
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["tracked-behaviour/we-noticed"]["defaultConfiguration"]["level"] == "note"


def test_sarif_fingerprints_match_the_baseline(cli, campaign):
    sarif = json.loads(cli("check", "-f", "sarif", "creepy.txt", cwd=campaign).stdout)
    baseline = json.loads(cli("baseline", "creepy.txt", cwd=campaign).stdout)
    assert sorted(r["partialFingerprints"]["creeplint/v1"] for r in sarif["runs"][0]["results"]) == sorted(
        f["fingerprint"] for f in baseline["findings"])


def test_github_escaping_exact():
    from creeplint.reporters.github import command, escape_data, escape_property

    assert escape_data("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert command("warning", "50%\nok", file="x,y:z.md", line=3, col=None, title="t: 1") == (
        "::warning file=x%2Cy%3Az.md,line=3,title=t%3A 1::50%25%0Aok")


def test_github_annotations_end_to_end(cli, campaign):
    (campaign / "odd, name: 100%.txt").write_text(CREEPY)
    name = "odd, name: 100%.txt"
    run = cli("check", "-f", "github", name, cwd=campaign)
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    first = json.loads(cli("check", "-f", "json", name, cwd=campaign).stdout)["messages"][0]["findings"][0]
    assert first["rule"] == "tracked-behaviour/we-noticed"
    assert "%" not in first["message"] + first["suggestion"]
    assert lines[0] == (
        "::error file=odd%2C name%3A 100%25.txt,line=5,col=1,endLine=5,endColumn=15,"
        f"title=creeplint tracked-behaviour/we-noticed::{first['message']} Instead: {first['suggestion']} "
        "[odd, name: 100%25.txt: fail, score 75/100]"
    )
    assert lines[-1] == "creeplint: 1 messages in 1 files: 1 fail, 0 warn, 0 pass, 0 errors"
    # levels follow the effect on the build: a failing message with --fail-on never is a warning
    run = cli("check", "-f", "github", "--fail-on", "never", "creepy.txt", cwd=campaign)
    assert run.stdout.startswith("::warning file=creepy.txt,line=5,")
    run = cli("check", "-f", "github", "--warn-at", "80", "--fail-at", "90", "creepy.txt", cwd=campaign)
    assert run.stdout.startswith("::notice file=creepy.txt,line=5,") and run.exit_code == 0
    run = cli("check", "-f", "github", "missing.txt", cwd=campaign)
    assert run.stdout.splitlines()[0] == (
        "::error file=missing.txt,title=creeplint input error::no such file or directory")


def test_github_format_is_automatic_inside_actions(cli, campaign):
    env = {"GITHUB_ACTIONS": "true"}
    assert cli("check", "creepy.txt", cwd=campaign, env=env).stdout.startswith("::error file=creepy.txt,")
    assert cli("check", "-f", "json", "creepy.txt", cwd=campaign, env=env).stdout.startswith("{")
    (campaign / ".creeplint.yaml").write_text("format: junit\n")
    assert cli("check", "creepy.txt", cwd=campaign, env=env).stdout.startswith("<?xml")
    assert "Checked 1 file, 1 message" in cli("check", "--isolated", "creepy.txt", cwd=campaign).stdout


def _junit(run) -> ET.Element:  # type: ignore[no-untyped-def]
    return ET.fromstring(run.stdout.encode())


def test_junit_structure_and_warn_handling(cli, mixed):
    (mixed / "bad.txt").write_bytes(b"caf\xe9")
    run = cli("check", "-f", "junit", "--warn-at", "30", "--fail-at", "80", ".", cwd=mixed)
    root = _junit(run)
    assert root.tag == "testsuites" and root.get("name") == "creeplint"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["clean.txt", "creepy.txt", "list.jsonl", "bad.txt"]  # errors come last
    assert root.get("tests") == "5" and root.get("failures") == "0" and root.get("errors") == "1"
    creepy = suites["creepy.txt"].find("testcase")
    assert creepy.get("classname") == "creepy.txt" and creepy.get("name") == "creepy.txt"
    assert creepy.find("failure") is None  # warn does not fail with --fail-on fail
    assert "tracked-behaviour/we-noticed" in creepy.find("system-out").text
    cases = {c.get("name"): c for c in suites["list.jsonl"].findall("testcase")}
    assert set(cases) == {"j1", "j2"} and len(cases["j2"]) == 0
    assert suites["bad.txt"].find("testcase/error").get("type") == "input"

    run = cli("check", "-f", "junit", "--fail-on", "warn", "--warn-at", "30", "--fail-at", "80", ".",
              cwd=mixed)
    root = _junit(run)
    failure = root.find("testsuite[@name='creepy.txt']/testcase/failure")
    assert failure.get("type") == "warn" and "score 75/100" in failure.get("message")
    assert 'creepy.txt:5:1: error tracked-behaviour/we-noticed: "We noticed you"' in failure.text

    run = cli("check", "-f", "junit", "creepy.txt", cwd=mixed)
    failure = _junit(run).find("testsuite/testcase/failure")
    assert failure.get("type") == "fail" and run.exit_code == 1


def test_junit_escapes_markup_and_control_characters(cli, campaign):
    (campaign / "a.jsonl").write_text(json.dumps({"id": "<&\"x\x0b>", "text": CREEPY}) + "\n")
    root = _junit(cli("check", "-f", "junit", "a.jsonl", cwd=campaign))
    assert root.find("testsuite/testcase").get("name") == "<&\"x\ufffd>"


def test_sarif_file_alongside_main_format(cli, campaign):
    run = cli("check", "-f", "json", "--sarif-file", "out/report.sarif", ".", cwd=campaign)
    assert run.exit_code == 2 and "cannot write out/report.sarif" in run.stderr
    (campaign / "out").mkdir()
    run = cli("check", "-f", "json", "--sarif-file", "out/report.sarif", ".", cwd=campaign)
    assert run.exit_code == 1
    assert json.loads(run.stdout)["summary"]["messages"] == 2
    sarif = json.loads((campaign / "out" / "report.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]


def test_output_never_overwrites_an_input_and_is_not_read_back(cli, campaign):
    for option in ("--output", "--sarif-file"):
        run = cli("check", option, "creepy.txt", "creepy.txt", cwd=campaign)
        assert run.exit_code == 2 and "is one of the input files; refusing to overwrite it" in run.stderr
        assert (campaign / "creepy.txt").read_text() == CREEPY
    run = cli("check", "-o", "same.json", "--sarif-file", "same.json", ".", cwd=campaign)
    assert run.exit_code == 2 and "name the same file" in run.stderr
    # a report written inside a folder being checked is not read as input (now or next time)
    for _ in range(2):
        run = cli("check", "-f", "json", "-o", "report.jsonl", ".", cwd=campaign)
        report = json.loads((campaign / "report.jsonl").read_text())
        assert report["summary"]["files"] == 2 and report["summary"]["errors"] == 0
    assert (campaign / "clean.txt").read_text() == CLEAN
