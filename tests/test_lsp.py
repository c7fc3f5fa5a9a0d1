"""``creeplint lsp`` in real LSP sessions over stdio: a pygls client starts the server as a
subprocess and talks to it the way an editor does.

One server serves most tests (module fixture: loading the engine takes seconds); its
workspace has three folders: one without a config, one with a ``.creeplint.yaml`` and one
with a broken config. Positions are checked against the buffer's text with an independent
UTF-16 count, and emoji (two UTF-16 units each) sit before the flagged spans.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the 'lsp' extra (pygls) is not installed")

from lsprotocol import types

from .lsp_client import Session, utf16

pytestmark = pytest.mark.slow

CREEPY = "Subject: Hi 🎉\n\nHi 🎉 Sam, we noticed you searched for tents 4 times.\n"
CLEAN = "Subject: Hi\n\nOur spring tents are in. Come and see them.\n"
HOUSE = """\
ruleset: house
rules:
  - id: house/last-chance
    category: tracked_behaviour
    severity: warning
    message: Pressure copy the brand guide bans.
    suggestion: Replace "{match}" with "Back in stock". Our guide bans countdown pressure.
    patterns:
      - "last chance"
    examples:
      flag: ["Last chance to get yours."]
      pass: ["Back in stock this week."]
"""
CONFIG = 'rules:\n  tracked-behaviour/we-noticed: "off"\n  "over-specific/*": info\n'


def at(text: str, pos: types.Position) -> int:
    """The offset in ``text`` of an LSP position (UTF-16 units), counted independently of
    the server: lines end at \\r\\n, \\r or \\n; a position inside a surrogate pair fails."""
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    offset, units = starts[pos.line], 0
    while units < pos.character:
        units += utf16(text[offset])
        offset += 1
    assert units == pos.character, f"{pos} splits a character"
    return offset


def span(text: str, rng: types.Range) -> str:
    return text[at(text, rng.start):at(text, rng.end)]


def by_rule(params: types.PublishDiagnosticsParams, rule: str) -> list[types.Diagnostic]:
    return [d for d in params.diagnostics if d.code == rule]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("lsp")
    folders = {name: base / name for name in ("plain", "configured", "broken", "baselined", "house")}
    for folder in folders.values():
        folder.mkdir()
    (folders["configured"] / ".creeplint.yaml").write_text(CONFIG, encoding="utf-8")
    (folders["broken"] / ".creeplint.yaml").write_text("rules:\n  nope/nothing: loud\n", encoding="utf-8")
    # today's findings in drafts/creepy.txt are accepted; the config points at the baseline
    old = folders["baselined"]
    (old / "drafts").mkdir()
    (old / "drafts" / "creepy.txt").write_text(CREEPY, encoding="utf-8")
    recorded = subprocess.run([sys.executable, "-m", "creeplint", "baseline", "drafts/creepy.txt"], cwd=old,
                              capture_output=True, text=True, check=True).stdout
    (old / "base.json").write_text(recorded, encoding="utf-8")
    (old / ".creeplint.yaml").write_text("baseline: base.json\n", encoding="utf-8")
    (folders["house"] / "house.yaml").write_text(HOUSE, encoding="utf-8")
    (folders["house"] / ".creeplint.yaml").write_text("rulesets: [./house.yaml]\n", encoding="utf-8")
    return folders


@pytest.fixture(scope="module")
def lsp(workspace):
    session = Session("--stdio", cwd=workspace["plain"].parent)
    session.init = session.initialize(list(workspace.values()))
    yield session
    assert session.shutdown() == 0
    assert b"Traceback" not in session.stderr, session.stderr.decode()


def test_initialize_announces_what_the_server_does(lsp):
    caps = lsp.init.capabilities
    assert lsp.init.server_info.name == "creeplint"
    assert caps.position_encoding == types.PositionEncodingKind.Utf16  # the client offered no other
    assert list(caps.code_action_provider.code_action_kinds) == [types.CodeActionKind.QuickFix]
    sync = caps.text_document_sync
    assert sync.open_close and sync.change == types.TextDocumentSyncKind.Full and sync.save


def test_did_open_publishes_findings_at_their_exact_utf16_range(lsp, workspace):
    uri = lsp.open(workspace["plain"] / "creepy.txt", CREEPY)
    published = lsp.diagnostics(uri)
    assert published.version == 1
    (noticed,) = by_rule(published, "tracked-behaviour/we-noticed")
    line = CREEPY.split("\n")[2]
    start = utf16(line[: line.index("we noticed you")])
    assert noticed.range == types.Range(start=types.Position(2, start), end=types.Position(2, start + 14))
    assert span(CREEPY, noticed.range) == "we noticed you"
    assert noticed.severity == types.DiagnosticSeverity.Error and noticed.source == "creeplint"
    assert noticed.message.startswith("Tells the reader") and "\nInstead: Drop \"we noticed you\"" in noticed.message
    (count,) = by_rule(published, "over-specific/exact-count")
    assert count.severity == types.DiagnosticSeverity.Warning and span(CREEPY, count.range) == "4 times"


def test_code_description_links_to_the_rule_definition(lsp, workspace):
    uri = lsp.open(workspace["plain"] / "link.txt", CREEPY)
    (noticed,) = by_rule(lsp.diagnostics(uri), "tracked-behaviour/we-noticed")
    href = noticed.code_description.href
    m = re.fullmatch(r"file://(/.+\.yaml)#L(\d+)", href)
    assert m, href
    lines = Path(m.group(1)).read_text(encoding="utf-8").splitlines()
    assert lines[int(m.group(2)) - 1].strip() == "- id: tracked-behaviour/we-noticed"


def test_did_change_to_clean_text_clears_diagnostics(lsp, workspace):
    uri = lsp.open(workspace["plain"] / "change.txt", CREEPY)
    assert lsp.diagnostics(uri, 1).diagnostics
    version = lsp.change(uri, CLEAN)
    assert list(lsp.diagnostics(uri, version).diagnostics) == []


def test_changes_in_quick_succession_are_debounced_to_one_run(lsp, workspace):
    uri = lsp.open(workspace["plain"] / "typing.txt", CLEAN)
    lsp.diagnostics(uri, 1)
    mark = len(lsp.published)
    lsp.change(uri, CREEPY)
    last = lsp.change(uri, CREEPY.replace("4 times", "often"))
    final = lsp.diagnostics(uri, last, after=mark)
    assert [p.version for _, p in lsp.published[mark:] if p.uri == uri] == [last]
    assert by_rule(final, "tracked-behaviour/we-noticed") and not by_rule(final, "over-specific/exact-count")


def test_a_change_moves_the_range(lsp, workspace):
    uri = lsp.open(workspace["plain"] / "edit.txt", CREEPY)
    lsp.diagnostics(uri, 1)
    text = CREEPY.replace("Hi 🎉 Sam", "🎉🎉 Hi 🎉 Sam")  # two more emoji in front of the span
    (noticed,) = by_rule(lsp.diagnostics(uri, lsp.change(uri, text)), "tracked-behaviour/we-noticed")
    assert span(text, noticed.range) == "we noticed you"


def test_only_crlf_cr_and_lf_end_lines(lsp, workspace):
    """Copy pasted from Word keeps vertical tabs (soft returns) and U+2028; LSP clients do not
    count them as line ends, so neither may the server."""
    text = "Subject: Hi\r\n\r\nHi Sam,\x0bthanks \u2028for 🎉 coming.\rWe noticed you searched for tents.\r\n"
    uri = lsp.open(workspace["plain"] / "pasted.txt", text)
    (noticed,) = by_rule(lsp.diagnostics(uri), "tracked-behaviour/we-noticed")
    assert noticed.range.start.line == 3 and span(text, noticed.range) == "We noticed you"


def test_a_replacement_suggestion_is_a_quick_fix(lsp, workspace):
    uri = lsp.open(workspace["plain"] / "fix.txt", CREEPY)
    published = lsp.diagnostics(uri)
    (count,) = by_rule(published, "over-specific/exact-count")
    (action,) = [a for a in lsp.code_actions(uri, count.range) if a.diagnostics[0].code == count.code]
    assert action.kind == types.CodeActionKind.QuickFix and action.title == 'Remove "4 times"'
    (edit,) = action.edit.changes[uri]
    fixed = CREEPY[: at(CREEPY, edit.range.start)] + edit.new_text + CREEPY[at(CREEPY, edit.range.end):]
    assert fixed == CREEPY.replace(" 4 times", "")
    # advice is not an edit: "Make it about the product…" offers no fix
    (browsed,) = by_rule(published, "tracked-behaviour/observed-behaviour")
    titles = {a.title for a in lsp.code_actions(uri, browsed.range)}
    assert 'Remove "4 times"' in titles and not any("searched" in t for t in titles)


def test_a_house_rule_replacement_is_a_quick_fix_and_links_to_its_file(lsp, workspace):
    text = "Hi 🎉 Sam. 🎉 Last chance to get yours.\n"
    uri = lsp.open(workspace["house"] / "a.txt", text)
    (found,) = lsp.diagnostics(uri).diagnostics  # only the house ruleset is configured
    assert found.code == "house/last-chance" and span(text, found.range) == "Last chance"
    href = found.code_description.href
    assert href == f"{(workspace['house'] / 'house.yaml').resolve().as_uri()}#L3", href
    (action,) = lsp.code_actions(uri, found.range)
    assert action.title == 'Replace "Last chance" with "Back in stock"'
    (edit,) = action.edit.changes[uri]
    assert text[: at(text, edit.range.start)] + edit.new_text + text[at(text, edit.range.end):] == (
        "Hi 🎉 Sam. 🎉 Back in stock to get yours.\n")


def test_no_quick_fix_once_the_text_changed(lsp, workspace):
    uri = lsp.open(workspace["plain"] / "stale.txt", CREEPY)
    (count,) = by_rule(lsp.diagnostics(uri), "over-specific/exact-count")
    lsp.change(uri, CREEPY.replace("4 times", "5 times"))
    assert not [a for a in lsp.code_actions(uri, count.range) if a.title == 'Remove "4 times"']


def test_config_in_the_workspace_folder_is_honoured(lsp, workspace):
    uri = lsp.open(workspace["configured"] / "creepy.txt", CREEPY)
    published = lsp.diagnostics(uri)
    assert not by_rule(published, "tracked-behaviour/we-noticed")  # "off" in .creeplint.yaml
    (count,) = by_rule(published, "over-specific/exact-count")
    assert count.severity == types.DiagnosticSeverity.Information  # "over-specific/*": info


def test_a_broken_config_is_reported_on_the_document(lsp, workspace):
    uri = lsp.open(workspace["broken"] / "creepy.txt", CREEPY)
    (problem,) = lsp.diagnostics(uri).diagnostics
    assert problem.severity == types.DiagnosticSeverity.Error and problem.range.start == types.Position(0, 0)
    assert ".creeplint.yaml:2" in problem.message and "loud" in problem.message


def test_saving_the_config_reloads_it(lsp, workspace):
    folder = workspace["configured"]
    uri = lsp.open(folder / "reload.txt", CREEPY)
    assert not by_rule(lsp.diagnostics(uri, 1), "tracked-behaviour/we-noticed")
    config = folder / ".creeplint.yaml"
    config.write_text('rules:\n  "over-specific/*": "off"\n', encoding="utf-8")
    try:
        mark = len(lsp.published)
        config_uri = lsp.open(config, config.read_text(encoding="utf-8"), "yaml")
        lsp.save(config_uri)
        published = lsp.diagnostics(uri, 1, after=mark)
        assert by_rule(published, "tracked-behaviour/we-noticed")
        assert not by_rule(published, "over-specific/exact-count")
    finally:
        config.write_text(CONFIG, encoding="utf-8")
        lsp.save(config_uri)
        lsp.close(config_uri)


def test_the_config_baseline_hides_accepted_findings_run_after_run(lsp, workspace):
    """File names are relative to the workspace folder, as in ``creeplint check`` run there;
    re-checking the same buffer must not count earlier runs' occurrences."""
    uri = lsp.open(workspace["baselined"] / "drafts" / "creepy.txt", CREEPY)
    assert list(lsp.diagnostics(uri, 1).diagnostics) == []
    newer = CREEPY + "Still thinking about those tents?\n"
    for _ in range(2):
        published = lsp.diagnostics(uri, lsp.change(uri, newer))
        assert [d.code for d in published.diagnostics] == ["tracked-behaviour/still-thinking"]


def test_saving_a_document_checks_it_again(lsp, workspace):
    uri = lsp.open(workspace["plain"] / "saved.txt", CREEPY)
    lsp.diagnostics(uri, 1)
    mark = len(lsp.published)
    lsp.save(uri)
    assert by_rule(lsp.diagnostics(uri, 1, after=mark), "tracked-behaviour/we-noticed")


def test_the_engine_loads_once_per_config(lsp, workspace):
    for i in range(3):
        lsp.diagnostics(lsp.open(workspace["plain"] / f"once-{i}.txt", CREEPY))
    loads = [m for m in lsp.logs if "rules and engine loaded for the default settings" in m]
    assert len(loads) == 1, lsp.logs


# one buffer per format; an emoji (and an entity or escape where the format has them) before the span
FORMATS = {
    "a.txt": ("plaintext", "Hi 🎉 Sam, We noticed you searched for tents.\n"),
    "a.md": ("markdown", "---\nid: m1\nchannel: email\n---\n# Hi 🎉\n\nCafé 🎉 We noticed you searched for tents.\n"),
    "a.html": ("html", "<html><head><title>Hi</title></head><body><p>Caf&eacute; 🎉 We noticed you searched for "
                       "tents.</p></body></html>\n"),
    "a.mjml": ("mjml", "<mjml><mj-body><mj-section><mj-column><mj-text>🎉 We noticed you searched for tents."
                       "</mj-text></mj-column></mj-section></mj-body></mjml>\n"),
    "a.yaml": ("yaml", 'messages:\n  - id: a\n    text: "🎉 We noticed you searched for tents."\n'),
    "a.json": ("json", '{"messages": [{"id": "a", "text": "🎉 \\u00e9 We noticed you searched for tents."}]}\n'),
    "a.jsonl": ("jsonl", '{"id": "a", "text": "ok"}\r\n'
                         '{"id": "b", "text": "🎉 We noticed you searched for tents."}\r\n'),
    "a.csv": ("csv", 'Campaign name,Ad set name,Ad name,Primary text,Headline,Description\n'
                     'c,s,a,"🎉 We noticed you searched for tents.",H,D\n'),
    "a.eml": ("email", "Subject: Hi\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                       "Content-Transfer-Encoding: 8bit\n\n🎉 We noticed you searched for tents.\n"),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_supported_format_gets_exact_diagnostics(lsp, workspace, name):
    language, text = FORMATS[name]
    uri = lsp.open(workspace["plain"] / name, text, language)
    (noticed,) = by_rule(lsp.diagnostics(uri), "tracked-behaviour/we-noticed")
    assert span(text, noticed.range) == "We noticed you"


def test_an_untitled_buffer_is_read_by_its_language(lsp):
    text = "---\nid: draft\n---\n🎉 We noticed you searched for tents.\n"
    uri = lsp.open("untitled:Untitled-1", text, "markdown")
    (noticed,) = by_rule(lsp.diagnostics(uri), "tracked-behaviour/we-noticed")
    assert span(text, noticed.range) == "We noticed you"


def test_an_unreadable_record_is_an_error_on_its_line(lsp, workspace):
    text = '{"id": "a", "text": "Our tents are in."}\n{"id": "b", "text": \n'
    (error,) = lsp.diagnostics(lsp.open(workspace["plain"] / "bad.jsonl", text, "jsonl")).diagnostics
    assert error.severity == types.DiagnosticSeverity.Error and error.range.start.line == 1 and error.code is None


def test_files_that_are_not_copy_get_no_diagnostics(lsp, workspace):
    uri = lsp.open(workspace["plain"] / ".creeplint.yaml", "rules: {}\n", "yaml")
    assert list(lsp.diagnostics(uri).diagnostics) == []  # a config file is not a campaign
    other = lsp.open(workspace["plain"] / "notes.py", "# We noticed you searched\n", "python")
    assert list(lsp.diagnostics(other).diagnostics) == []


def test_closing_a_document_clears_its_diagnostics(lsp, workspace):
    uri = lsp.open(workspace["plain"] / "closing.txt", CREEPY)
    lsp.diagnostics(uri, 1)
    mark = len(lsp.published)
    lsp.close(uri)
    assert list(lsp.diagnostics(uri, after=mark).diagnostics) == []


def test_utf8_positions_when_the_client_prefers_them(tmp_path):
    """Helix offers UTF-8 first: columns are then counted in bytes."""
    session = Session(cwd=tmp_path)
    try:
        result = session.initialize([tmp_path], encodings=["utf-8", "utf-16"],
                                    options={"docsUrl": "https://docs.example.com/creeplint/{id}"})
        assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        uri = session.open(tmp_path / "a.txt", CREEPY)
        (noticed,) = by_rule(session.diagnostics(uri), "tracked-behaviour/we-noticed")
        line = CREEPY.split("\n")[2]
        start = len(line[: line.index("we noticed you")].encode("utf-8"))
        assert (noticed.range.start.character, noticed.range.end.character) == (start, start + 14)
        assert noticed.code_description.href == "https://docs.example.com/creeplint/tracked-behaviour/we-noticed"
    finally:
        assert session.shutdown() == 0


def test_a_bad_docs_url_template_is_reported_and_ignored(tmp_path):
    session = Session(cwd=tmp_path)
    try:
        session.initialize([tmp_path], options={"docsUrl": "https://docs.example.com/{rule}"})
        (noticed,) = by_rule(session.diagnostics(session.open(tmp_path / "a.txt", CREEPY)),
                             "tracked-behaviour/we-noticed")
        assert noticed.code_description.href.startswith("file://")  # the default link instead
        assert session.shown == ["creeplint: docsUrl 'https://docs.example.com/{rule}' ignored: placeholders are "
                                 "{id}, {category}, {ruleset}, {version} (KeyError: 'rule')"]
    finally:
        assert session.shutdown() == 0


def test_without_pygls_the_command_says_what_to_install():
    code = ("import sys; sys.modules['pygls'] = None; sys.argv = ['creeplint', 'lsp']; "
            "import creeplint.cli; creeplint.cli.run()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "creeplint lsp needs the 'lsp' extra" in done.stderr and "pip install 'creeplint[lsp]'" in done.stderr


def test_importing_the_cli_imports_no_pygls():
    code = "import sys, creeplint.cli; assert not {'pygls', 'lsprotocol', 'spacy'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_journey_finding_is_a_diagnostic_on_the_fields_key(lsp, workspace):
    text = ("campaign: c\ntrigger: product_view\nmessages:\n  - id: a\n    delay: 10m\n"
            "    dealy: 1h\n    text: Our tents are in.\n")
    published = lsp.diagnostics(lsp.open(workspace["plain"] / "journey.yaml", text, "yaml"))
    (late,) = by_rule(published, "journey/real-time-follow-up")
    assert span(text, late.range) == "delay" and late.range.start.line == 4
    assert late.severity == types.DiagnosticSeverity.Warning and "sent 10 min after" in late.message
    (typo,) = [d for d in published.diagnostics if d.code is None]
    assert typo.range.start.line == 5 and "did you mean 'delay'?" in typo.message
