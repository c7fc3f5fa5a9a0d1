"""Inline suppressions (HTML and hash comment forms, record lists), before scoring."""

from __future__ import annotations

import json

from creeplint.findings.suppress import parse_directives, rule_matches

NOTICED = "tracked-behaviour/we-noticed"
BROWSED = "tracked-behaviour/you-browsed"
LINE = "We noticed you looked at the Alder coat four times this week."


def _report(run) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(run.stdout)


def _rules_by_line(run) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return sorted((f["line"], f["rule"]) for m in _report(run)["messages"] for f in m["findings"])


def test_markdown_block_next_line_and_wildcards(cli, campaign):
    (campaign / "a.md").write_text(
        f"{LINE}\n"                                                 # 1: reported
        f"<!-- creeplint-disable {NOTICED} -->\n"                   # 2
        f"{LINE}\n"                                                 # 3: only browsed reported
        "<!-- creeplint-enable -->\n"                               # 4
        "<!-- creeplint-disable-next-line tracked-behaviour/* -->\n"  # 5
        f"{LINE}\n"                                                 # 6: nothing
        f"{LINE}\n"                                                 # 7: reported
        "<!-- creeplint-disable -->\n"                              # 8: everything from here
        f"{LINE}\n"                                                 # 9: nothing
    )
    run = cli("check", "-f", "json", "a.md", cwd=campaign)
    expected = [(1, BROWSED), (1, NOTICED), (3, BROWSED), (7, BROWSED), (7, NOTICED)]
    assert _rules_by_line(run) == sorted(expected)


def test_text_file_html_forms_and_enable_of_one_rule(cli, campaign):
    (campaign / "a.txt").write_text(
        f"<!-- creeplint-disable {NOTICED}, {BROWSED} -->\n"
        f"{LINE}\n"
        f"<!-- creeplint-enable {BROWSED} -->\n"
        f"{LINE}\n"
        f"{LINE} <!-- creeplint-disable-line all -->\n"
    )
    run = cli("check", "-f", "json", "a.txt", cwd=campaign)
    assert _rules_by_line(run) == [(4, BROWSED)]


def test_hash_forms(cli, campaign):
    (campaign / "a.txt").write_text(
        f"{LINE} # creeplint: disable={NOTICED}\n"
        f"# creeplint: disable-next-line=tracked_behaviour/*\n"
        f"{LINE}\n"
        f"{LINE}\n"
    )
    run = cli("check", "-f", "json", "a.txt", cwd=campaign)
    assert _rules_by_line(run) == sorted([(1, BROWSED), (4, BROWSED), (4, NOTICED)])


def test_suppressed_findings_do_not_count_toward_the_score(cli, campaign):
    (campaign / "a.md").write_text(f"<!-- creeplint-disable -->\n{LINE}\n")
    run = cli("check", "-f", "json", "a.md", cwd=campaign)
    (msg,) = _report(run)["messages"]
    assert msg["score"] == 0 and msg["verdict"] == "pass" and run.exit_code == 0


def test_unused_disables_are_reported_with_file_and_line(cli, campaign):
    (campaign / "a.md").write_text(
        f"<!-- creeplint-disable-next-line {NOTICED}, health/* -->\n{LINE}\n"
        "\nOur coats are warm.\n# creeplint: disable-next-line=*\nNothing to see.\n"
    )
    run = cli("check", "-f", "json", "--fail-on", "never", "a.md", cwd=campaign)
    assert run.exit_code == 0 and "unused" not in run.stderr
    run = cli("check", "-f", "json", "--fail-on", "fail", "--report-unused-disables", "a.md", cwd=campaign)
    lines = [x for x in run.stderr.splitlines() if "unused" in x]
    assert lines == [
        "a.md:1: unused creeplint directive: disable-next-line health/* (suppressed nothing)",
        "a.md:5: unused creeplint directive: disable-next-line * (suppressed nothing)",
    ]
    assert run.exit_code == 1  # the rest of the message passes; the stale directives fail the run


def test_record_level_disable_list_via_the_library():
    from creeplint.linter import Linter, LintOptions, as_message

    linter = Linter(LintOptions(rulesets=["context", "tracked_behaviour"]))
    plain = as_message({"id": "a", "text": LINE})
    muted = as_message({"id": "b", "text": LINE})
    muted.meta["disable"] = f"{NOTICED}, nothing/here"
    all_off = as_message({"id": "c", "text": LINE})
    all_off.meta["disable"] = ["all"]
    a, b, c = linter.lint([plain, muted, all_off])
    assert {f.rule for f in a.findings} == {NOTICED, BROWSED}
    assert [f.rule for f in b.findings] == [BROWSED]
    assert c.findings == [] and c.verdict == "pass"
    unused = [(d.kind, specs) for d, specs in linter.suppressor.unused()]
    assert unused == [("record", ["nothing/here"])]


def test_directive_parsing_and_matching():
    text = (
        "a\n<!--\n creeplint-disable-next-line x/y\n-->\nb\n"
        "  # creeplint: disable=z\nc\n# creeplint: enable\n"
    )
    directives, ranges = parse_directives(text, "f")
    assert [(d.line, d.kind, d.specs) for d in directives] == [
        (2, "disable-next-line", ("x/y",)), (6, "disable", ("z",)),
    ]
    assert sorted((r.first, r.last, r.specs) for r in ranges) == [(5, 5, ("x/y",)), (6, 7, ("z",))]
    assert rule_matches("health/*", "health/x", "health")
    assert rule_matches("life-event/*", "anything", "life_event")
    assert rule_matches("*", "a/b", "c") and not rule_matches("health/*", "finance/x", "finance")


def test_jsonl_record_level_creeplint_disable_key(cli, campaign):
    (campaign / "a.jsonl").write_text(
        json.dumps({"id": "j1", "text": LINE}) + "\n"
        + json.dumps({"id": "j2", "text": LINE, "creeplint-disable": f"{NOTICED}, {BROWSED}"}) + "\n"
        + json.dumps({"id": "j3", "text": LINE, "creeplint-disable": ["tracked-behaviour/*"]}) + "\n"
    )
    run = cli("check", "-f", "json", "a.jsonl", cwd=campaign)
    by_id = {m["id"]: m for m in _report(run)["messages"]}
    assert by_id["j1"]["findings"] and by_id["j2"]["findings"] == [] and by_id["j3"]["findings"] == []
    assert by_id["j2"]["verdict"] == "pass"


def test_library_check_honours_inline_directives_in_files(campaign):
    """``Linter.check`` reads each file's directives itself, as ``creeplint check`` does."""
    from creeplint import Linter, Settings

    (campaign / "a.md").write_text(
        f"<!-- creeplint-disable-next-line {NOTICED} -->\n"
        f"{LINE}\n"
        f"{LINE}\n"
        "<!-- creeplint-disable-next-line nothing/here -->\n"
        "Spring is here.\n"
    )
    linter = Linter(Settings(rulesets=["context", "tracked_behaviour"], fail_on="warn"))
    run = linter.check([str(campaign / "a.md")])
    (result,) = list(run)
    assert sorted((f.line, f.rule) for f in result.findings) == sorted([(2, BROWSED), (3, BROWSED), (3, NOTICED)])
    assert run.summary.files == 1 and run.errors == [] and run.exit_code == 1
    assert [(d.line, specs) for d, specs in run.unused_disables()] == [(4, ["nothing/here"])]


def test_library_lint_honours_directives_in_each_dict_text():
    """Directives in a dict's own text cover that message only, even when dicts share a file."""
    from creeplint import Linter, Settings

    linter = Linter(Settings(rulesets=["context", "tracked_behaviour"]))
    muted = {"id": "a", "text": f"<!-- creeplint-disable {NOTICED} -->\n{LINE}"}
    plain = {"id": "b", "text": f"Hello.\n{LINE}"}
    keyed = {"id": "c", "text": LINE, "creeplint-disable": "tracked-behaviour/*"}
    a, b, c = linter.lint([muted, plain, keyed])
    assert [f.rule for f in a.findings] == [BROWSED]
    assert {f.rule for f in b.findings} == {NOTICED, BROWSED}
    assert c.findings == [] and c.verdict == "pass"
