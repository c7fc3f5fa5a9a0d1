"""``creeplint explain`` covers every rule id a report can emit, renders suggestion templates
with a real match, and names the policy and lexicons; ``--model`` that is not installed."""

from __future__ import annotations

from click.testing import CliRunner

from creeplint.cli import main
from creeplint.rules.loader import load

from .conftest import run_cli


def test_every_rule_a_report_can_emit_is_explainable_with_a_rendered_suggestion():
    runner = CliRunner()
    book = load()
    ids = [r.id for r in book.rules] + ["stacking/several-inferences"]
    for rule_id in ids:
        result = runner.invoke(main, ["explain", rule_id])
        assert result.exit_code == 0, (rule_id, result.output)
        assert "{match}" not in result.output, rule_id
        assert "Instead: " in result.output, rule_id
    rule = next(r for r in book.rules if r.id == "tracked-behaviour/we-noticed")
    out = runner.invoke(main, ["explain", rule.id]).output
    assert 'Instead: Drop "We noticed you".' in out and f'(for the example "{rule.examples_flag[0]}")' in out
    assert f"Category policy (tracked_behaviour): {book.categories['tracked_behaviour'].policy}" in out
    assert "@tb_noticed (observation): noticed" in out
    # the signals the first example was composed of, from the real pipeline
    assert 'observation "We noticed", reader "you"' in out.split("Signals in", 1)[1]


def test_explain_stacking_and_a_typo():
    out = run_cli("explain", "stacking/several-inferences")
    assert out.returncode == 0 and b"Combines 2 distinct inferences" in out.stdout
    typo = run_cli("explain", "stacking/several-inference")
    assert typo.returncode == 2 and b"did you mean stacking/several-inferences" in typo.stderr


def test_a_model_that_is_not_installed_says_how_to_get_one(tmp_path):
    (tmp_path / "a.txt").write_text("We noticed you.\n")
    proc = run_cli("check", "--model", "en_core_web_nope", "a.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "spaCy pipeline 'en_core_web_nope' is not installed" in err and "never downloads" in err
    assert "python -m spacy download en_core_web_nope" in err and "E050" not in err
