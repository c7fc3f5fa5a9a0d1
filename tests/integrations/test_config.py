"""Config discovery, precedence, validation errors (file:line, exit 2), rule overrides, init."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import CREEPY


def _findings(run) -> list[dict]:  # type: ignore[no-untyped-def]
    report = json.loads(run.stdout)
    return [f for m in report["messages"] for f in m["findings"]]


def test_discovered_from_a_parent_folder(cli, campaign):
    (campaign / ".creeplint.yaml").write_text("fail_on: never\n")
    sub = campaign / "sub"
    sub.mkdir()
    (sub / "creepy.txt").write_text(CREEPY)
    assert cli("check", "creepy.txt", cwd=sub).exit_code == 0
    # the command line beats the file
    assert cli("check", "creepy.txt", "--fail-on", "fail", cwd=sub).exit_code == 1
    # --isolated ignores the file
    assert cli("check", "creepy.txt", "--isolated", cwd=sub).exit_code == 1


def test_yml_and_pyproject_are_found(cli, campaign):
    (campaign / ".creeplint.yml").write_text("fail_on: never\n")
    assert cli("check", "creepy.txt", cwd=campaign).exit_code == 0
    (campaign / ".creeplint.yml").unlink()
    (campaign / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert cli("check", "creepy.txt", cwd=campaign).exit_code == 1  # no [tool.creeplint]: not a config
    (campaign / "pyproject.toml").write_text('[tool.creeplint]\nfail_on = "never"\n')
    assert cli("check", "creepy.txt", cwd=campaign).exit_code == 0


def test_yaml_beats_pyproject_in_the_same_folder_and_config_option_beats_discovery(cli, campaign):
    (campaign / "pyproject.toml").write_text('[tool.creeplint]\nfail_on = "fail"\n')
    (campaign / ".creeplint.yaml").write_text("fail_on: never\n")
    assert cli("check", "creepy.txt", cwd=campaign).exit_code == 0
    (campaign / "strict.yaml").write_text("fail_on: warn\nwarn_at: 10\nfail_at: 95\n")
    assert cli("check", "creepy.txt", "--config", "strict.yaml", cwd=campaign).exit_code == 1


def test_thresholds_from_file_and_cli(cli, campaign):
    (campaign / ".creeplint.yaml").write_text("warn_at: 10\nfail_at: 95\n")
    run = cli("check", "-f", "json", "creepy.txt", cwd=campaign)
    (msg,) = json.loads(run.stdout)["messages"]
    assert msg["verdict"] == "warn" and run.exit_code == 0
    run = cli("check", "-f", "json", "creepy.txt", "--fail-at", "50", cwd=campaign)
    assert json.loads(run.stdout)["messages"][0]["verdict"] == "fail" and run.exit_code == 1


def test_extends_and_relative_rulesets(cli, campaign):
    rules = campaign / "conf" / "rules"
    rules.mkdir(parents=True)
    (rules / "house.yaml").write_text(
        "ruleset: house\nrules:\n"
        "  - id: tracked-behaviour/house-coat\n    category: tracked_behaviour\n    severity: warning\n"
        "    message: Mentions the coat.\n    suggestion: Do not.\n"
        "    patterns: [\"alder coat\"]\n"
        "    examples: {flag: [\"the Alder coat\"], pass: [\"a coat\"]}\n"
    )
    (campaign / "conf" / "base.yaml").write_text("rulesets: [rules/house.yaml]\nfail_on: never\n")
    (campaign / ".creeplint.yaml").write_text("extends: conf/base.yaml\nwarn_at: 5\n")
    run = cli("check", "-f", "json", "creepy.txt", cwd=campaign)
    assert run.exit_code == 0, run.stderr
    assert {f["rule"] for f in _findings(run)} == {"tracked-behaviour/house-coat"}
    assert json.loads(run.stdout)["messages"][0]["verdict"] == "warn"


def test_include_and_exclude_apply_to_folder_walking(cli, campaign):
    (campaign / "drafts").mkdir()
    (campaign / "drafts" / "x.txt").write_text(CREEPY)
    (campaign / "campaigns" / "deep").mkdir(parents=True)
    (campaign / "campaigns" / "deep" / "a.txt").write_text(CREEPY)
    (campaign / "campaigns" / "deep" / "a.bak.txt").write_text(CREEPY)
    (campaign / ".creeplint.yaml").write_text(
        'include: ["campaigns/**", "drafts/*"]\nexclude: [drafts, "*.bak.txt"]\n'
    )
    run = cli("check", "-f", "json", ".", cwd=campaign)
    assert sorted(m["file"] for m in json.loads(run.stdout)["messages"]) == ["campaigns/deep/a.txt"]
    # a file named on the command line is always read
    run = cli("check", "-f", "json", "drafts/x.txt", cwd=campaign)
    assert [m["file"] for m in json.loads(run.stdout)["messages"]] == ["drafts/x.txt"]
    # patterns are relative to the config file, not the working directory
    run = cli("check", "-f", "json", ".", cwd=campaign / "campaigns")
    assert [m["file"] for m in json.loads(run.stdout)["messages"]] == ["deep/a.txt"]


RULE = "tracked-behaviour/we-noticed"


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ({RULE: "off"}, {"tracked-behaviour/you-browsed": "error"}),
        ({RULE: "info"}, {RULE: "info", "tracked-behaviour/you-browsed": "error"}),
        ({"tracked-behaviour/*": "off"}, {}),
        ({"tracked_behaviour/*": "warning"}, {RULE: "warning", "tracked-behaviour/you-browsed": "warning"}),
        ({"*": "info", RULE: "error"}, {RULE: "error", "tracked-behaviour/you-browsed": "info"}),
        ({"*": "off"}, {}),
    ],
)
def test_rule_overrides(cli, campaign, rules, expected):
    (campaign / ".creeplint.yaml").write_text(json.dumps({"rules": rules}))
    run = cli("check", "-f", "json", "creepy.txt", cwd=campaign)
    assert {f["rule"]: f["severity"] for f in _findings(run)} == expected
    if not expected:
        assert run.exit_code == 0 and json.loads(run.stdout)["messages"][0]["score"] == 0


def test_unquoted_off_and_pyproject_rules_table(cli, campaign):
    (campaign / "pyproject.toml").write_text(f'[tool.creeplint.rules]\n"{RULE}" = "off"\n')
    run = cli("check", "-f", "json", "creepy.txt", cwd=campaign)
    assert RULE not in {f["rule"] for f in _findings(run)}
    (campaign / "pyproject.toml").unlink()
    (campaign / ".creeplint.yaml").write_text(f"rules:\n  {RULE}: off\n")  # YAML 1.1 reads off as false
    run = cli("check", "-f", "json", "creepy.txt", cwd=campaign)
    assert RULE not in {f["rule"] for f in _findings(run)}


def test_profile_is_validated_and_passed_through(campaign, monkeypatch):
    from creeplint.config import load
    from creeplint.settings import Settings

    (campaign / ".creeplint.yaml").write_text("profile: retail\n")
    cfg = load(campaign / ".creeplint.yaml")
    assert cfg.profile == "retail"
    monkeypatch.chdir(campaign)
    assert Settings.resolve(cfg, {"warn_at": 30, "fail_at": 60}).profile == "retail"
    assert Settings.resolve(cfg, {"profile": "health"}).profile == "health"  # the command line wins


ERRORS = [
    (".creeplint.yaml", "fail_on: never\nrulez: {}\n", 2, "unknown config key 'rulez'; did you mean"),
    (".creeplint.yaml", f"rules:\n  {RULE}: loud\n", 2, "level must be one of off, info, warning, error"),
    (".creeplint.yaml", "rules:\n  no-such/rule: off\n", 2, "matches no loaded rule"),
    (".creeplint.yaml", "fail_on: sometimes\n", 1, "'fail_on' must be one of warn, fail, never"),
    (".creeplint.yaml", "\nwarn_at: high\n", 2, "'warn_at' must be a whole number from 0 to 100"),
    (".creeplint.yaml", "warn_at: 70\nfail_at: 50\n", 1, "must not be above 'fail_at'"),
    (".creeplint.yaml", "profile: [a]\n", 1, "'profile' must be a non-empty string"),
    (".creeplint.yaml", "format: xml\n", 1, "unknown format 'xml'"),
    (".creeplint.yaml", "include: 3\n", 1, "'include' must be a list of strings"),
    (".creeplint.yaml", "rulesets: [nope.yaml]\n", 1, "no such ruleset 'nope.yaml'"),
    (".creeplint.yaml", "extends: missing.yaml\n", 1, "no such config file 'missing.yaml'"),
    (".creeplint.yaml", "extends: .creeplint.yaml\n", 1, "loops back"),
    (".creeplint.yaml", "rules:\n  a: [b\n", 3, "invalid YAML"),
    (".creeplint.yaml", "- just\n- a list\n", 1, "must be a mapping"),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.creeplint]\nwarn_at = 10\nfail_onn = "warn"\n', 6,
     "unknown config key 'fail_onn'"),
    ("pyproject.toml", "[tool.creeplint]\nwarn_at = = 3\n", 2, "invalid TOML"),
    ("pyproject.toml", '[tool.creeplint.rules]\n"x/y" = "loud"\n', 2, "level must be one of"),
]


@pytest.mark.parametrize(("name", "text", "line", "message"), ERRORS)
def test_config_errors_are_one_line_with_file_and_line(cli, campaign, name, text, line, message):
    (campaign / name).write_text(text)
    run = cli("check", "creepy.txt", cwd=campaign)
    assert run.exit_code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert f"{name}:{line}: " in lines[0] and message in lines[0], lines[0]
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_ruleset_errors_from_config_have_file_and_line(cli, campaign):
    (campaign / "bad.yaml").write_text(
        "rules:\n  - id: tracked-behaviour/bad\n    category: tracked_behaviour\n    severity: warning\n"
        "    message: m\n    suggestion: s\n    patterns: [\"we @no_such_lexicon\"]\n"
        "    examples: {flag: [a], pass: [b]}\n"
    )
    (campaign / ".creeplint.yaml").write_text("rulesets: [bad.yaml]\n")
    run = cli("check", "creepy.txt", cwd=campaign)
    assert run.exit_code == 2 and "bad.yaml:7: bad pattern" in run.stderr
    (campaign / "bad.yaml").write_text("rules:\n  - id: x/y\n    severity: loud\n")
    run = cli("check", "creepy.txt", cwd=campaign)
    assert run.exit_code == 2 and "bad.yaml:" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_config_option_with_missing_file_and_with_isolated(cli, campaign):
    run = cli("check", "--config", "nope.yaml", "creepy.txt", cwd=campaign)
    assert run.exit_code == 2 and "nope.yaml: no such config file" in run.stderr
    run = cli("check", "--config", "nope.yaml", "--isolated", "creepy.txt", cwd=campaign)
    assert run.exit_code == 2 and "cannot be used together" in run.stderr


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(cli, campaign):
    from creeplint.config import load

    run = cli("init", cwd=campaign)
    assert run.exit_code == 0
    path = campaign / ".creeplint.yaml"
    text = path.read_text()
    assert text.startswith("#") and "rules:" in text and "fail_on" in text
    cfg = load(path)
    assert cfg.fail_on == "fail" and cfg.warn_at is None  # thresholds come from the profile
    assert cli("check", "creepy.txt", cwd=campaign).exit_code == 1  # the starter is usable as is
    path.write_text("fail_on: never\n")
    run = cli("init", cwd=campaign)
    assert run.exit_code == 2 and "already exists" in run.stderr
    assert path.read_text() == "fail_on: never\n"
    assert cli("init", "--force", cwd=campaign).exit_code == 0
    assert path.read_text() == text


def test_glob_semantics():
    from creeplint.inputs.globs import glob_regex

    def m(pattern: str, path: str) -> bool:
        return bool(glob_regex(pattern).match(path))

    assert m("*.md", "a/b/c.md") and not m("*.md", "a/b/c.mdx")
    assert m("campaigns/*.md", "campaigns/x.md") and not m("campaigns/*.md", "campaigns/y/x.md")
    assert m("campaigns/**/*.md", "campaigns/x.md") and m("campaigns/**/*.md", "campaigns/y/z/x.md")
    assert m("**/drafts/**", "a/drafts/b.md") and m("/top.md", "top.md") and not m("/top.md", "a/top.md")
    assert m("file[0-9].txt", "x/file3.txt") and not m("file[!0-9].txt", "file3.txt")


def test_discover_stops_at_the_nearest_config(tmp_path: Path):
    from creeplint.config import discover

    (tmp_path / ".creeplint.yaml").write_text("{}\n")
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.creeplint]\n")
    assert discover(tmp_path / "a" / "b") == (tmp_path / "a" / "pyproject.toml").resolve()
    assert discover(tmp_path) == (tmp_path / ".creeplint.yaml").resolve()
