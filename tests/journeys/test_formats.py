"""Journey findings in every output format, at the journey field's key."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from ..conftest import ROOT, run_cli

FILE = "sample_campaigns/journeys/sensitive_segment.yaml"
RULE = "journey/sensitive-segment"


def _check(fmt: str) -> tuple[int, str]:
    proc = run_cli("check", FILE, "--format", fmt, "--no-color", cwd=ROOT)
    return proc.returncode, proc.stdout.decode()


@pytest.fixture(scope="module")
def outputs():
    return {fmt: _check(fmt) for fmt in ("pretty", "concise", "json", "sarif", "github", "junit", "html")}


def test_every_format_fails_the_run(outputs):
    assert {code for code, _ in outputs.values()} == {1}


def test_pretty_and_concise(outputs):
    pretty = outputs["pretty"][1]
    assert f"{FILE}:7:5  error    {RULE}  Targets an audience defined by a sensitive inference" in pretty
    assert "  7 │     audience:\n    │     ^^^^^^^^ try: Target on what the reader chose" in pretty
    assert "Checked 1 file, 2 messages: 2 fail, 0 warn, 0 pass." in pretty
    concise = outputs["concise"][1].splitlines()
    assert concise[0].startswith(f"{FILE}:7:5: error {RULE} Targets an audience") and concise[0].endswith("[fail 75]")
    assert concise[1].startswith(f"{FILE}:17:5: error {RULE} ")


def test_json(outputs):
    report = json.loads(outputs["json"][1])
    first = report["messages"][0]
    assert (first["id"], first["verdict"], first["score"]) == ("nursery-email", "fail", 75)
    f = first["findings"][0]
    assert (f["rule"], f["category"], f["severity"]) == (RULE, "journey_targeting", "error")
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (7, 5, 7, 13)
    assert f["text"] == "audience: expecting_mothers"
    assert f["signals"] == [{"signal": "journey:segment", "text": "audience: expecting_mothers"}]


def test_sarif(outputs):
    run = json.loads(outputs["sarif"][1])["runs"][0]
    result = run["results"][0]
    assert result["ruleId"] == RULE and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (7, 5, 13)
    assert RULE in {r["id"] for r in run["tool"]["driver"]["rules"]}


def test_github(outputs):
    lines = outputs["github"][1].splitlines()
    assert lines[0].startswith(
        f"::error file={FILE},line=7,col=5,endLine=7,endColumn=13,title=creeplint {RULE}::Targets an audience"
    )


def test_junit(outputs):
    root = ET.fromstring(outputs["junit"][1].split("\n", 1)[1])
    case = root.find(".//testcase[@name='nursery-email']")
    assert case is not None and case.find("failure") is not None
    assert f'{FILE}:7:5: error {RULE}: "audience: expecting_mothers"' in case.find("failure").text


def test_html(outputs):
    html = outputs["html"][1]
    raw = re.search(r'<script id="creeplint-data" type="application/json">(.*?)</script>', html, re.S)
    data = json.loads(raw.group(1))
    (finding,) = data["messages"][0]["x"]
    assert (finding["r"], finding["l"], finding["k"], finding["a"], finding["b"]) == (RULE, 7, 5, 0, 0)
    assert finding["q"] == "audience: expecting_mothers"  # no span in the copy: the field is quoted instead
    assert RULE in data["rules"]


def test_a_finding_about_the_copy_keeps_its_span_in_html():
    proc = run_cli("check", "sample_campaigns/journeys/browse_abandon.yaml", "--format", "html", cwd=ROOT)
    raw = re.search(r'<script id="creeplint-data" type="application/json">(.*?)</script>', proc.stdout.decode(), re.S)
    message = json.loads(raw.group(1))["messages"][0]
    echo = next(f for f in message["x"] if f["r"] == "journey/copy-echoes-trigger")
    assert message["t"][echo["a"] : echo["b"]] == "Still thinking" and "q" not in echo
