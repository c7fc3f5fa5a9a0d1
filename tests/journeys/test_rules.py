"""Each journey rule on the shipped journey samples and on small journeys: what it flags, where
(line and column of the journey field's key), with which severity and verdict."""

from __future__ import annotations

import pytest

from .conftest import SAMPLES, journey_findings


@pytest.fixture(scope="module")
def samples(book, engine):
    from creeplint import Linter

    linter = Linter()
    linter._book, linter._engine = book, engine
    run = linter.check([str(SAMPLES)])
    results = list(run)
    assert run.errors == []
    return {r.id: r for r in results}


def _only(result):
    return [
        (f.rule, f.severity, f.line, f.column, f.end_column, f.text)
        for f in result.findings
        if f.rule.startswith("journey/")
    ]


def test_real_time_follow_up_and_the_copy_that_echoes_it(samples):
    email, push = samples["browse-email"], samples["browse-push"]
    assert _only(email) == [
        ("journey/real-time-follow-up", "warning", 9, 5, 10, "delay: 10m"),
        ("journey/copy-echoes-trigger", "error", 10, 14, 28, "Still thinking"),
    ]
    assert "sent 10 min after a 'product_view' event (under the 1 h email threshold)" in email.findings[0].message
    assert email.verdict == "fail"
    # under 5 minutes is one step up: an error, whatever the channel
    assert _only(push)[0] == ("journey/real-time-follow-up", "error", 16, 5, 10, "delay: 3m")
    assert "(under 5 min)" in push.findings[0].message


def test_stalking_cadence_from_a_cap_and_from_the_steps(samples):
    assert _only(samples["ad-1"]) == [("journey/stalking-cadence", "error", 6, 1, 10, "frequency: 6 per 3d")]
    assert "6 > 3" in samples["ad-1"].findings[0].message
    # the campaign's cap is reported once, on its first message; the 4th ad in 3 days goes over
    assert _only(samples["ad-2"]) == _only(samples["ad-3"]) == _only(samples["ad-5"]) == []
    (ad4,) = [f for f in samples["ad-4"].findings if f.rule.startswith("journey/")]
    assert (ad4.rule, ad4.severity, ad4.line, ad4.column) == ("journey/stalking-cadence", "warning", 18, 5)
    assert "send 4 after one 'product_view' event within 3 days (limit 3 per 3 days for ad): 4 > 3" in ad4.message
    assert samples["ad-4"].verdict == "warn"


def test_timing_that_reveals(samples):
    assert _only(samples["search-reminder"]) == [("journey/mirrored-send-time", "warning", 9, 5, 10, "delay: 1d")]
    assert _only(samples["night-push"]) == [("journey/late-night-sensitive", "error", 18, 5, 14, "send_time: 02:00")]
    assert "'pregnancy': attribute:health" in samples["night-push"].findings[0].message


def test_sensitive_segments_fail_even_with_clean_copy(samples):
    nursery, debt = samples["nursery-email"], samples["debt-sms"]
    assert _only(nursery) == [("journey/sensitive-segment", "error", 7, 5, 13, "audience: expecting_mothers")]
    assert [f.rule for f in nursery.findings] == ["journey/sensitive-segment"]  # the copy itself is clean
    assert nursery.verdict == "fail"
    assert _only(debt) == [("journey/sensitive-segment", "error", 17, 5, 12, "segment: high_debt")]


def test_clean_journeys_pass(samples):
    for ident in ("price-drop-push", "back-in-stock-push", "receipt", "shipped", "weekly-edit"):
        assert samples[ident].findings == [] and samples[ident].verdict == "pass", ident


def test_klaviyo_flow(samples):
    email = samples["Browse Abandonment/email-1"]
    assert email.channel == "email"
    assert _only(email) == [
        ("journey/real-time-follow-up", "warning", 15, 41, 48, "value: 15"),
        ("journey/copy-echoes-trigger", "error", 30, 48, 62, "catch your eye"),
    ]
    sms = samples["Browse Abandonment/sms-1"]  # a day later, at 10:00: nothing to say
    assert sms.channel == "sms" and _only(sms) == []


@pytest.mark.parametrize(
    "name",
    [
        "expecting_mothers",
        "high_debt",
        "recently_divorced",
        "lgbtq_interest",
        "diabeticCustomers",
        "LGBTQ-Interest",
        "newly-widowed",
        "muslim_shoppers",
        "ivf_patients",
    ],
)
def test_segment_names_are_split_and_read_with_the_lexicons(name, lint):
    results, errors, _ = lint(f"messages:\n  - audience: {name}\n    text: Our spring edit is in.\n")
    assert errors == []
    assert ("journey/sensitive-segment", "error") in {(f.rule, f.severity) for f in results[0].findings}, name


@pytest.mark.parametrize(
    "name",
    [
        "weekly_newsletter",
        "price_alert_opt_in",
        "all_customers",
        "recent_purchasers",
        "left_cart_24h",
        "fall_collection",
        "green_products",
        "vip_members",
        "british_customers",
        "rent_a_car_fans",
    ],
)
def test_ordinary_segment_names_pass(name, lint):
    results, errors, _ = lint(f"messages:\n  - audience: {name}\n    text: Our spring edit is in.\n")
    assert errors == [] and journey_findings(results) == [], name


def test_age_segments_warn(lint):
    results, _, _ = lint("messages:\n  - segment: over_60s\n    text: Our spring edit is in.\n")
    assert [(f.rule, f.severity) for f in results[0].findings] == [("journey/age-segment", "warning")]


def test_requested_triggers_pass_at_any_delay(lint):
    text = "messages:\n" + "".join(
        f"  - {{id: m{i}, trigger: {t}, delay: 0m, channel: push, text: Your alert.}}\n"
        for i, t in enumerate(["price_alert_set", "back_in_stock_request", "signup", "purchase"])
    )
    results, errors, _ = lint(text)
    assert errors == [] and journey_findings(results) == []


def test_journey_and_copy_together_score_higher_than_either_alone(lint):
    copy = "Still looking? Our spring edit is in."

    def score(fields: str, text: str) -> int:
        results, errors, _ = lint(f"messages:\n  - {{{fields}text: '{text}'}}\n")
        assert errors == []
        return results[0].score

    both = score("trigger: browse, delay: 5m, ", copy)
    journey_alone = score("trigger: browse, delay: 5m, ", "Our spring edit is in.")
    copy_alone = score("", copy)
    later = score("trigger: browse, delay: 2d, send_time: '10:00', ", copy)
    assert both > journey_alone and both > copy_alone, (both, journey_alone, copy_alone)
    assert later == copy_alone  # a day later the same line is a reminder


def test_cadence_in_email_steps(lint):
    text = (
        "campaign: coat\nchannel: email\ntrigger: product_view\nsteps:\n"
        "  - {id: s1, delay: 1d, send_time: '10:00', text: One.}\n"
        "  - {id: s2, delay: 2d, send_time: '10:00', text: Two.}\n"
        "  - {delay: 1d}\n"
        "  - {id: s3, delay: 1d, send_time: '10:00', text: Three.}\n"
    )
    results, errors, _ = lint(text)
    assert errors == []
    assert journey_findings(results) == [("s3", "journey/stalking-cadence", "warning", 8, 14)]
    assert "send 3 after one 'product_view' event within 7 days (limit 2 per 7 days for email): 3 > 2" in (
        results[2].findings[0].message
    )
