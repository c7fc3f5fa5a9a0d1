"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

One run; ``tool.driver.rules`` describes every loaded rule (with the configured severity
as ``defaultConfiguration.level``) plus the stacking pseudo-rule; each finding is a
result with a region in its file (columns in Unicode code points, see ``columnKind``)
and a ``creeplint/v1`` partial fingerprint, the same hash as ``creeplint baseline``
uses. Files that could not be read are ``toolExecutionNotifications``. SARIF is one
JSON document, so results are buffered until ``finish``.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import IO, Any
from urllib.parse import quote

from ..findings.baseline import Fingerprinter
from ..findings.derive import STACKING_RULE
from ..model import Finding, InputError, Result, Summary
from . import ReportOptions

NAME = "sarif"
DESCRIPTION = "SARIF 2.1.0 (GitHub code scanning, IDE viewers)"

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "creeplint/v1"


def artifact_uri(file: str) -> str:
    """A relative (or file:) URI for a reported file name."""
    path = PurePosixPath(file.replace("\\", "/"))
    if path.is_absolute():
        return "file://" + quote(path.as_posix())
    return quote(path.as_posix(), safe="/")


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    help_text = f"{rule.message}\n\nInstead: {rule.suggestion}"
    if getattr(rule, "source", None):
        help_text += f"\n\nPolicy: {rule.source}"
    return {
        "id": rule.id,
        "name": rule.id.replace("/", "-"),
        "shortDescription": {"text": rule.short},
        "fullDescription": {"text": rule.message},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"category": rule.category, "tags": ["privacy", rule.category]},
    }


_STACKING = {
    "id": STACKING_RULE,
    "name": STACKING_RULE.replace("/", "-"),
    "shortDescription": {"text": "Combines several inferences about the reader"},
    "fullDescription": {"text": "Several distinct inferences about the reader in one message read like "
                                "surveillance even where each alone might pass."},
    "help": {"text": "Keep one reason to write and drop the others; each extra inference multiplies "
                     "the creepiness."},
    "defaultConfiguration": {"level": "warning"},
    "properties": {"category": "stacking", "tags": ["privacy", "stacking"]},
}


class SarifReporter:
    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self.rules: list[dict[str, Any]] = sorted(
            (_rule_descriptor(r) for r in options.rules), key=lambda d: d["id"]
        )
        if not any(d["id"] == STACKING_RULE for d in self.rules):
            self.rules.append(dict(_STACKING))
        self.index = {d["id"]: i for i, d in enumerate(self.rules)}
        self.results: list[dict[str, Any]] = []
        self.fingerprint = Fingerprinter()

    def _descriptor_index(self, f: Finding) -> int:
        if f.rule not in self.index:  # a rule not in options.rules (library use): describe it minimally
            self.index[f.rule] = len(self.rules)
            self.rules.append({
                "id": f.rule, "shortDescription": {"text": f.message.split(". ")[0]},
                "defaultConfiguration": {"level": LEVELS.get(f.severity, "warning")},
                "properties": {"category": f.category},
            })
        return self.index[f.rule]

    def result(self, result: Result) -> None:
        for f in result.findings:
            line = max(1, f.line or result.line)
            region = {
                "startLine": line,
                "startColumn": max(1, f.column or 1),
                "endLine": max(line, f.end_line or line),
                "endColumn": max(1, f.end_column or 1),
                "snippet": {"text": f.text},
            }
            if region["endLine"] == line and region["endColumn"] <= region["startColumn"]:
                region["endColumn"] = region["startColumn"] + 1
            self.results.append({
                "ruleId": f.rule,
                "ruleIndex": self._descriptor_index(f),
                "level": LEVELS.get(f.severity, "warning"),
                "message": {"text": f"{f.message} Instead: {f.suggestion}"},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(result.file)},
                        "region": region,
                    },
                    "logicalLocations": [{"name": result.id, "kind": "message"}],
                }],
                "partialFingerprints": {FINGERPRINT_KEY: self.fingerprint(result.file, f)},
                "properties": {
                    "category": f.category,
                    "messageId": result.id,
                    "score": result.score,
                    "verdict": result.verdict,
                    "weight": round(f.weight, 3),
                    "signals": [sig.to_dict() for sig in f.signals],
                },
            })

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        notifications = []
        for e in errors:
            note: dict[str, Any] = {"level": "error", "message": {"text": e.message}}
            location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(e.file)}}
            if e.line:
                location["region"] = {"startLine": e.line, **({"startColumn": e.column} if e.column else {})}
            note["locations"] = [{"physicalLocation": location}]
            notifications.append(note)
        run = {
            "tool": {
                "driver": {
                    "name": "creeplint",
                    "version": self.options.tool_version or "0",
                    "rules": self.rules,
                }
            },
            "invocations": [{
                "executionSuccessful": not errors,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": self.results,
            "properties": {"summary": summary.to_dict()},
        }
        doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
        self.stream.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def create(stream: IO[str], options: ReportOptions) -> SarifReporter:
    return SarifReporter(stream, options)
