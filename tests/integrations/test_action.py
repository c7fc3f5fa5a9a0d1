"""The GitHub Action's run step, run locally the way a runner runs it: bash with the inputs in
``INPUT_*``, ``GITHUB_ACTIONS=true`` and the ``GITHUB_OUTPUT`` / ``GITHUB_STEP_SUMMARY`` /
``RUNNER_TEMP`` a runner provides, against the real ``creeplint`` of this environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _step(name: str) -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    return next(s["run"] for s in action["runs"]["steps"] if s["name"] == name)


def _run_step(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess, dict[str, str], str]:
    runner = tmp_path / "runner"
    shutil.rmtree(runner, ignore_errors=True)  # a fresh runner for every run
    runner.mkdir()
    output, summary = runner / "output", runner / "summary.md"
    output.touch()
    summary.write_text("## an earlier step\n\n")
    creeplint = shutil.which("creeplint", path=str(Path(sys.executable).parent))
    assert creeplint
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    env.update({
        "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(runner), "CREEPLINT": creeplint, "CREEPLINT_PYTHON": sys.executable,
        "INPUT_PATHS": ".", "INPUT_ARGS": "", "INPUT_CONFIG": "", "INPUT_PROFILE": "", "INPUT_BASELINE": "",
        "INPUT_FAIL_ON": "", "INPUT_FORMAT": "", "INPUT_SARIF": "false",
    })
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", _step("Run creeplint")], cwd=tmp_path / "repo",
                          env=env, capture_output=True, timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return proc, outputs, summary.read_text()


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "campaigns" / "spring sale").mkdir(parents=True)
    (repo / "campaigns" / "spring sale" / "browse.txt").write_text("We noticed you searched for boots.\n")
    (repo / "campaigns" / "ok.txt").write_text("Our spring range is in.\n")
    (repo / "package.json").write_text('{"name": "site"}')
    (repo / "rules").mkdir()
    (repo / "rules" / "house.yaml").write_text(
        "ruleset: house\nrules:\n  - id: house/no-bestie\n    category: tracked_behaviour\n    severity: warning\n"
        "    message: No bestie.\n    suggestion: Use their name.\n    patterns: [bestie]\n"
        "    examples: {flag: [Hey bestie], pass: [Hey Sam]}\n")
    (repo / "bestie.txt").write_text("Hey bestie, our spring range is in.\n")
    return repo


def test_the_run_step_annotates_writes_outputs_and_a_job_summary(tmp_path: Path):
    _repo(tmp_path)
    proc, outputs, summary = _run_step(tmp_path, paths="campaigns/spring sale\ncampaigns/ok.txt\n")
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()  # the step records the code; the last step exits with it
    assert outputs["exit-code"] == "1"
    assert "::error file=campaigns/spring sale/browse.txt,line=1" in out
    assert summary.startswith("## an earlier step\n\n## creeplint\n")  # appended, not overwritten
    assert "2 files, 2 messages: **1 fail**, 0 warn, 1 pass" in summary
    assert "| ❌ fail | " in summary and "`campaigns/spring sale/browse.txt:1`" in summary
    assert "`tracked-behaviour/we-noticed`" in summary


def test_args_are_split_like_a_shell_but_never_run_by_one(tmp_path: Path):
    _repo(tmp_path)
    marker = tmp_path / "pwned"
    args = f'--extend-ruleset "rules/house.yaml" --fail-on warn --statistics $(touch {marker}) ; touch {marker}'
    proc, outputs, _ = _run_step(tmp_path, paths="bestie.txt", args=args)
    assert not marker.exists()
    err = proc.stderr.decode()
    # "$(touch" and the rest reach creeplint as literal paths: no such file, exit 2
    assert outputs["exit-code"] == "2" and "$(touch" in err
    proc, outputs, _ = _run_step(tmp_path, paths="bestie.txt",
                                 args='--extend-ruleset "rules/house.yaml" --fail-on warn')
    assert outputs["exit-code"] == "1"
    assert "house/no-bestie" in proc.stdout.decode()


def test_profile_baseline_and_format_inputs(tmp_path: Path):
    repo = _repo(tmp_path)
    base = subprocess.run([sys.executable, "-m", "creeplint", "baseline", "campaigns"], cwd=repo,
                          capture_output=True, timeout=300)
    (repo / "baseline.json").write_bytes(base.stdout)
    proc, outputs, _ = _run_step(tmp_path, paths="campaigns", baseline="baseline.json", format="concise",
                                       profile="retail")
    assert outputs["exit-code"] == "0", proc.stderr.decode()
    assert proc.stdout.decode().startswith("Checked 2 files, 2 messages: 0 fail")
    assert "baselined finding" in proc.stderr.decode()
    _, outputs, _ = _run_step(tmp_path, paths="campaigns", profile="nope")
    assert outputs["exit-code"] == "2"
