"""Rulesets and config a new user writes (issue 15): extending the shipped rulesets, the
starter from ``creeplint init``, ``rules -c``, thresholds checked against the profile's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from creeplint.config import KEYS, load
from creeplint.linter import Linter
from creeplint.settings import Settings

from .conftest import run_cli

HOUSE = """\
ruleset: house
rules:
  - id: house/no-bestie
    category: tracked_behaviour
    severity: warning
    message: We do not call customers bestie.
    suggestion: Use their name.
    patterns:
      - bestie
    examples:
      flag: ["Hey bestie, new arrivals!"]
      pass: ["Hey Sam, new arrivals!"]
"""
COPY = "Hey bestie, we noticed you searched for boots.\n"


def _rules(report: dict) -> set[str]:
    return {f["rule"] for m in report["messages"] for f in m["findings"]}


def test_extend_ruleset_adds_to_the_shipped_rules_and_ruleset_replaces_them(tmp_path: Path):
    (tmp_path / "house.yaml").write_text(HOUSE)
    (tmp_path / "a.txt").write_text(COPY)

    def check(*args: str) -> set[str]:
        proc = run_cli("check", "--isolated", "-f", "json", *args, "a.txt", cwd=tmp_path)
        return _rules(json.loads(proc.stdout))

    extended = check("--extend-ruleset", "house.yaml")
    assert "house/no-bestie" in extended and "tracked-behaviour/we-noticed" in extended
    assert check("--ruleset", "house.yaml") == {"house/no-bestie"}  # replaces, as --help says
    help_text = run_cli("check", "--help").stdout.decode()
    assert "replacing the shipped set" in " ".join(help_text.split())


def test_extend_rulesets_in_the_config_and_on_the_command_line_add_up(tmp_path: Path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house.yaml").write_text(HOUSE)
    (tmp_path / "more.yaml").write_text(HOUSE.replace("house", "more").replace("bestie", "hun"))
    (tmp_path / ".creeplint.yaml").write_text("extend_rulesets: [./rules/house.yaml]\n")
    (tmp_path / "a.txt").write_text("Hey bestie hun, we noticed you searched for boots.\n")
    proc = run_cli("check", "-f", "json", "--extend-ruleset", "more.yaml", "a.txt", cwd=tmp_path)
    got = _rules(json.loads(proc.stdout))
    assert {"house/no-bestie", "more/no-hun", "tracked-behaviour/we-noticed"} <= got
    listed = run_cli("rules", "--extend-ruleset", "rules/house.yaml", cwd=tmp_path).stdout.decode()
    assert "house/no-bestie" in listed and "tracked-behaviour/we-noticed" in listed


def _examples(starter: str) -> list[list[str]]:
    """Each commented example block: a line ``# key:`` for a config key, and the indented
    commented lines that follow it."""
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for line in starter.splitlines():
        m = re.match(r"# ([a-z_]+):", line)
        if m and m.group(1) in KEYS:
            current = [line[2:]]
            blocks.append(current)
        elif current is not None and line.startswith("#   "):
            current.append(line[2:])
        else:
            current = None
    return blocks


def test_init_writes_the_extending_form_and_every_example_loads(tmp_path: Path):
    proc = run_cli("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    starter = (tmp_path / ".creeplint.yaml").read_text()
    assert "warn_at: 30\n" not in starter.replace("# warn_at", "")  # no pinned thresholds
    assert "any name" not in starter
    examples = _examples(starter)
    keys = {b[0].split(":")[0] for b in examples}
    assert {"extend_rulesets", "rulesets", "extends", "include", "rules", "warn_at", "fail_at", "profile",
            "format", "baseline"} <= keys
    assert starter.index("# extend_rulesets:") < starter.index("# rulesets:")
    # what the examples point at
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "house-style.yaml").write_text(HOUSE)
    shared = tmp_path.parent / "shared"
    shared.mkdir(exist_ok=True)
    (shared / ".creeplint.yaml").write_text("fail_on: fail\n")
    (tmp_path / ".creeplint-baseline.json").write_text('{"version": 1, "tool": "creeplint", "findings": []}\n')
    uncommented = starter
    for block in examples:
        uncommented = uncommented.replace("\n".join("# " + line for line in block), "\n".join(block))
    assert not _examples(uncommented)
    def loaded(text: str) -> Linter:
        (tmp_path / ".creeplint.yaml").write_text(text)
        lint = Linter(Settings.resolve(load(tmp_path / ".creeplint.yaml"), {}))
        lint.prepare()  # rule book, profile, thresholds and baseline all load
        return lint

    every = {r.id for r in loaded(uncommented).book.rules}
    assert "house/no-bestie" in every and "tracked-behaviour/we-noticed" in every
    for block in examples:
        lint = loaded(starter.replace("\n".join("# " + line for line in block), "\n".join(block)))
        if block[0].startswith("extend_rulesets:"):  # the house rules come on top of the shipped ones
            ids = {r.id for r in lint.book.rules}
            assert "house/no-bestie" in ids and len(ids) > 50


def test_rules_with_an_unknown_category_is_a_usage_error():
    proc = run_cli("rules", "-c", "nope")
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "no rules in category 'nope' (categories: " in err and "tracked_behaviour" in err
    assert run_cli("rules", "-c", "health").returncode == 0


@pytest.mark.parametrize(("args", "message"), [
    (("--warn-at", "80"), "--warn-at (80) must not be above the fail threshold of profile 'default' (60)"),
    (("--fail-at", "20"), "--fail-at (20) must not be below the warn threshold of profile 'default' (30)"),
    (("--warn-at", "70", "-p", "retail"), "fail threshold of profile 'retail' (60)"),
    (("--fail-at", "40", "-p", "lenient"), "warn threshold of profile 'lenient' (45)"),
])
def test_one_threshold_is_checked_against_the_profiles_other(tmp_path: Path, args, message):
    (tmp_path / "a.txt").write_text(COPY)
    proc = run_cli("check", "--isolated", *args, "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr.decode()


def test_one_threshold_within_the_profiles_other_is_accepted(tmp_path: Path):
    (tmp_path / "a.txt").write_text(COPY)
    (tmp_path / ".creeplint.yaml").write_text("warn_at: 70\n")
    assert run_cli("check", "-p", "lenient", "a.txt", cwd=tmp_path).returncode == 1
    assert run_cli("check", "a.txt", cwd=tmp_path).returncode == 2  # default fail_at is 60


def test_an_unknown_profile_in_the_config_names_its_line(tmp_path: Path):
    (tmp_path / ".creeplint.yaml").write_text("fail_on: fail\nprofile: groceries\n")
    (tmp_path / "a.txt").write_text(COPY)
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert ".creeplint.yaml:2: unknown profile 'groceries' (known: default, retail" in proc.stderr.decode()
