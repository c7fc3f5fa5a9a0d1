"""Profiles: resolution per message (sector, channel, relationship) and validation errors."""

from __future__ import annotations

import pytest

from creeplint.findings.profiles import parse, shipped
from creeplint.linter import as_message
from creeplint.yamlfile import YamlError


def msg(**meta):
    return as_message({"text": "x", **meta})


def test_default_profile_for_plain_email():
    th = shipped().thresholds(msg())
    assert (th.warn_at, th.fail_at, th.category_factors) == (30, 60, {})


def test_sector_picks_profile_and_layers_multiply():
    p = shipped()
    health = p.thresholds(msg(sector="health"))
    assert health.warn_at == 25 and health.category_factors["health"] == 1.3
    cold_ad = p.thresholds(msg(sector="health", channel="ad", relationship="cold"))
    assert cold_ad.category_factors["health"] == pytest.approx(1.3 * 1.2 * 2.0, abs=1e-4)
    assert cold_ad.category_factors["age"] == pytest.approx(1.2 * 2.0, abs=1e-4)


def test_forced_profile_wins_over_sector_and_unknown_sector_falls_back():
    p = shipped()
    assert p.thresholds(msg(sector="health"), "default").warn_at == 30
    assert p.thresholds(msg(sector="pet-food")).warn_at == 30


def test_b2b_sales_is_stricter_on_engagement_tracking():
    p = shipped()
    assert p.thresholds(msg(), "b2b-sales").category_factors["engagement_tracking"] > 1


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("profiles:\n  default: {}\n  x:\n    colour: red\n", 4, "unknown key"),
        ("profiles:\n  default:\n    factors: {gossip: 2}\n", 3, "unknown category"),
        ("profiles:\n  default:\n    warn_at: 300\n", 3, "0 to 100"),
        ("profiles:\n  default: {}\nchannels:\n  fax: {}\n", 4, "unknown channel"),
        ("profiles:\n  retail: {}\n", 1, "'default' profile is required"),
    ],
)
def test_profile_errors_name_the_line(text, line, message):
    with pytest.raises(YamlError) as info:
        parse(text, "p.yaml")
    assert info.value.line == line and message in str(info.value)


def test_linter_applies_profiles_per_message_and_options_override():
    from creeplint.linter import Linter, LintOptions

    text = "Looks like you were checking out our pricing page."
    rows = [{"id": "a", "text": text}, {"id": "b", "text": text, "channel": "ad", "relationship": "cold"}]
    plain, cold = Linter(LintOptions(rulesets=["context", "tracked_behaviour"])).lint(rows)
    assert cold.score > plain.score
    forced = Linter(LintOptions(rulesets=["context", "tracked_behaviour"], profile="lenient", fail_at=99))
    (result,) = forced.lint(rows[:1])
    assert result.score == plain.score and result.verdict == "warn"  # lenient warns at 45, fail_at forced to 99


def test_cli_rejects_unknown_profile(tmp_path):
    from .conftest import run_cli

    (tmp_path / "a.txt").write_text("hello")
    proc = run_cli("check", "--isolated", "--profile", "nope", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and b"unknown profile 'nope'" in proc.stderr
    assert b"b2b-sales" in run_cli("profiles").stdout


def _verdicts(text: str, channel: str):
    from creeplint.linter import Linter

    (res,) = Linter().lint([{"text": text, "channel": channel}])
    return res.verdict, [f.rule for f in res.findings]


@pytest.mark.parametrize(
    "text",
    [
        "Struggling with debt? Consolidate today.",
        "Opioid addict? Get clean in 7 days.",
        "Recovering from a stroke? Our physio app helps.",
    ],
)
def test_attribute_hooks_fail_in_ads_but_not_in_email(text):
    """Rules tagged attribute-hook weigh more in the ad channel (profiles.yaml `tags`)."""
    email, rules = _verdicts(text, "email")
    assert email == "pass" and rules  # found, but a mild hook to customers
    assert _verdicts(text, "ad")[0] == "fail"


def test_direct_question_excuses_nothing_in_ads():
    """The direct-question modifier is `not_in: [ad]`: asking is what ad platforms reject."""
    text = "Do you have a criminal record? Get it sealed in weeks."
    assert _verdicts(text, "email") == ("pass", [])
    verdict, rules = _verdicts(text, "ad")
    assert verdict == "fail" and "criminal/reader-record" in rules


def test_generic_need_hooks_still_pass_in_ads():
    for text in ("Morning sickness? Ginger Calm is gentle and drug-free.", "Need a new phone? Trade in your old one."):
        assert _verdicts(text, "ad") == ("pass", [])


def test_tag_factors_multiply_across_layers_and_are_validated():
    p = parse("profiles:\n  default:\n    tags: {hook: 2}\nchannels:\n  ad:\n    tags: {hook: 1.5}\n")
    assert p.thresholds(msg(channel="ad")).tag_factors == {"hook": 3.0}
    with pytest.raises(YamlError) as info:
        parse("profiles:\n  default:\n    tags: {hook: loud}\n", "p.yaml")
    assert info.value.line == 3 and "tag 'hook'" in str(info.value)
