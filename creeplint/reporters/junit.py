"""JUnit XML, for CI test-report views (GitLab, Jenkins, Azure, GitHub test-reporter actions).

One ``<testsuite>`` per file, one ``<testcase>`` per message (``classname`` = file,
``name`` = message id). A message gets a ``<failure>`` exactly when it makes the exit
code 1, i.e. its verdict is at or above ``--fail-on``: with the default ``--fail-on
fail`` a warn verdict is a passing testcase whose findings are in ``<system-out>``;
with ``--fail-on warn`` it is a ``<failure type="warn">``; with ``--fail-on never``
nothing fails. ``failure/@type`` is the verdict. A file that could not be read is a
testcase with an ``<error>``. Results are buffered until ``finish`` (XML is one tree).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO

from ..model import InputError, Result, Summary
from . import ReportOptions

NAME = "junit"
DESCRIPTION = "JUnit XML for CI test reports"

_RANK = {"pass": 0, "warn": 1, "fail": 2}
_THRESHOLD = {"warn": 1, "fail": 2, "never": 3}
# characters XML 1.0 cannot carry at all, even escaped
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _details(result: Result) -> str:
    lines = [f"score {result.score}/100, verdict {result.verdict}"]
    for f in result.findings:
        quote = " ".join(f.text.split())
        lines.append(f'{result.file}:{f.line}:{f.column}: {f.severity} {f.rule}: "{quote}"')
        lines.append(f"    {f.message}")
        lines.append(f"    Instead: {f.suggestion}")
    return _clean("\n".join(lines))


class JunitReporter:
    def __init__(self, stream: IO[str], options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self.suites: dict[str, ET.Element] = {}

    def _suite(self, file: str) -> ET.Element:
        if file not in self.suites:
            self.suites[file] = ET.Element("testsuite", {"name": _clean(file)})
        return self.suites[file]

    def result(self, result: Result) -> None:
        case = ET.SubElement(self._suite(result.file), "testcase", {
            "classname": _clean(result.file), "name": _clean(result.id),
            "file": _clean(result.file), "line": str(result.line),
        })
        if _RANK[result.verdict] >= _THRESHOLD.get(self.options.fail_on, 2):
            n = len(result.findings)
            failure = ET.SubElement(case, "failure", {
                "type": result.verdict,
                "message": f"{result.verdict}: score {result.score}/100, {n} finding{'s' * (n != 1)}",
            })
            failure.text = _details(result)
        elif result.findings:
            ET.SubElement(case, "system-out").text = _details(result)

    def finish(self, summary: Summary, errors: list[InputError]) -> None:
        for e in errors:
            case = ET.SubElement(self._suite(e.file), "testcase", {
                "classname": _clean(e.file), "name": "read " + _clean(e.file),
                "file": _clean(e.file), "line": str(e.line or 0),
            })
            error = ET.SubElement(case, "error", {"type": "input", "message": _clean(e.message)})
            error.text = _clean(str(e))
        root = ET.Element("testsuites", {"name": "creeplint"})
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for suite in self.suites.values():
            cases = suite.findall("testcase")
            counts = {
                "tests": len(cases),
                "failures": sum(1 for c in cases if c.find("failure") is not None),
                "errors": sum(1 for c in cases if c.find("error") is not None),
            }
            for key, value in counts.items():
                suite.set(key, str(value))
                totals[key] += value
            suite.set("skipped", "0")
            root.append(suite)
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode") + "\n")


def create(stream: IO[str], options: ReportOptions) -> JunitReporter:
    return JunitReporter(stream, options)
