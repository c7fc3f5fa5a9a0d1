"""A job summary for GitHub Actions: when ``GITHUB_ACTIONS=true`` and ``GITHUB_STEP_SUMMARY``
names a file, ``Outputs`` appends a markdown table of the verdicts to it (whatever the main
format), shown on the workflow run's page. Messages without findings are counted, not listed."""

from __future__ import annotations

import os
from typing import IO

from ..model import InputError, Result, Summary

MAX_ROWS = 200  # a step summary is limited to 1 MiB; a huge run lists its first rows
_ICON = {"fail": "❌ fail", "warn": "⚠️ warn", "pass": "✅ pass"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def path() -> str | None:
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return None
    return os.environ.get("GITHUB_STEP_SUMMARY") or None


class StepSummary:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.rows: list[Result] = []
        self.more = 0

    def result(self, result: Result) -> None:
        if not result.findings:
            return
        if len(self.rows) < MAX_ROWS:
            self.rows.append(result)
        else:
            self.more += 1

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        s = summary
        out = ["## creeplint", "",
               f"{s.files:,} files, {s.messages:,} messages: **{s.failed:,} fail**, {s.warned:,} warn, "
               f"{s.passed:,} pass" + (f", {s.errors:,} errors" if s.errors else "")
               + (f", {s.skipped:,} files skipped" if s.skipped else ""), ""]
        if self.rows:
            out += ["| verdict | score | file | message | findings |", "| --- | ---: | --- | --- | --- |"]
            for r in self.rows:
                rules = sorted({f.rule for f in r.findings})
                shown = ", ".join(f"`{rule}`" for rule in rules[:4]) + (f" +{len(rules) - 4}" if len(rules) > 4 else "")
                out.append(f"| {_ICON[r.verdict]} | {r.score} | `{_cell(r.file)}:{r.line}` | {_cell(r.id)} | {shown} |")
            if self.more:
                out.append(f"\n… and {self.more:,} more messages with findings (see the annotations).")
        if errors:
            out += ["", "**Input errors**", ""] + [f"- `{_cell(str(e))}`" for e in errors[:MAX_ROWS]]
        self.stream.write("\n".join(out) + "\n\n")
