"""The on-disk ruleset cache: used when valid, rebuilt when anything it depends on changes,
and never a reason for a run to fail."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from creeplint.rules import cache, loader
from creeplint.yamlfile import YamlError

from .conftest import run_cli

RULESET = """\
ruleset: mine
rules:
  - id: mine/noticed
    category: tracked_behaviour
    severity: error
    message: Says we watched the reader.
    suggestion: Lead with the offer.
    patterns: ["we noticed you"]
    examples:
      flag: ["We noticed you looked."]
      pass: ["New coats are in."]
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(folder))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("rules-*.pickle"))


def test_second_load_reads_the_cache_and_gives_the_same_book(cache_dir, monkeypatch):
    first = loader.load()
    assert len(entries(cache_dir)) == 1

    def no_validation(*args, **kwargs):  # a cache hit must not parse or validate anything
        raise AssertionError("validated again")

    monkeypatch.setattr(loader, "_validate", no_validation)
    second = loader.load()
    assert [r.id for r in second.rules] == [r.id for r in first.rules]
    assert [m.id for m in second.modifiers] == [m.id for m in first.modifiers]
    assert second.patterns == first.patterns
    assert second.lexicons.keys() == first.lexicons.keys()


def test_an_edited_ruleset_is_validated_again(cache_dir, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(RULESET)
    assert [r.id for r in loader.load([str(path)]).rules] == ["mine/noticed"]
    path.write_text(RULESET.replace("mine/noticed", "mine/watched"))
    assert [r.id for r in loader.load([str(path)]).rules] == ["mine/watched"]
    path.write_text(RULESET.replace("we noticed you", "we @no_such_lexicon"))
    with pytest.raises(YamlError):  # errors are never cached away
        loader.load([str(path)])
    assert len(entries(cache_dir)) == 2


def test_a_corrupt_or_foreign_entry_is_rebuilt(cache_dir):
    loader.load()
    (entry,) = entries(cache_dir)
    entry.write_bytes(b"not a pickle")
    assert loader.load().rules
    entry.write_bytes(__import__("pickle").dumps({"not": "a book"}))
    assert loader.load().rules
    assert isinstance(cache.get(entry.stem.removeprefix("rules-")), loader.RuleBook)


def test_turned_off_or_unwritable_cache_still_loads(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert loader.load().rules
    assert not cache_dir.exists()
    monkeypatch.delenv(cache.ENV_OFF)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(cache.ENV_DIR, str(blocker / "cache"))  # cannot be created
    assert loader.load().rules


def test_old_entries_are_pruned(cache_dir, tmp_path):
    for i in range(cache.KEEP + 3):
        path = tmp_path / f"r{i}.yaml"
        path.write_text(RULESET.replace("mine/noticed", f"mine/r{i}"))
        loader.load([str(path)])
        os.utime(entries(cache_dir)[-1], None)
    assert len(entries(cache_dir)) == cache.KEEP


def test_cli_results_are_the_same_with_and_without_the_cache(cache_dir, tmp_path):
    sample = tmp_path / "mail.txt"
    sample.write_text("Subject: Hi\n\nWe noticed you looked at the wool coat four times.\n")
    cold = run_cli("check", "--isolated", "--format", "json", str(sample))
    warm = run_cli("check", "--isolated", "--format", "json", str(sample))
    off = run_cli("check", "--isolated", "--format", "json", str(sample), env={cache.ENV_OFF: "1"})
    assert entries(cache_dir)
    assert cold.returncode == warm.returncode == off.returncode == 1
    assert cold.stdout == warm.stdout == off.stdout
