"""Recognise creeplint's own output (and SARIF from any tool) by content, so a folder walk
never lints a report saved next to the copy (``report.json``, ``out.sarif.json``,
``pretty.txt``) and a file named explicitly gets a clear error instead of findings on
creeplint's own wording.

What counts as a report:

* JSON whose ``tool.name`` is ``creeplint`` (``--format json``), or whose ``tool`` is
  ``creeplint`` (a baseline file);
* SARIF: JSON with a ``runs`` list and a ``$schema`` or ``version`` naming SARIF 2.x;
* text whose last lines hold the pretty/concise summary line (``Checked N files, ...``) or
  the older ``creeplint summary`` table, or GitHub annotations titled ``creeplint``.
"""

from __future__ import annotations

import json
import re

_TAIL = 4096  # the pretty / concise summary is the report's last line
_SUMMARY = re.compile(r"^(?:creeplint summary|Checked \d[\d,]* files?, \d[\d,]* messages?\b)", re.M)
_ANNOTATION = re.compile(r"^::(?:error|warning|notice) [^\n]*title=creeplint ", re.M)


def _json_kind(text: str) -> str | None:
    if '"creeplint"' not in text and '"runs"' not in text:
        return None
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(doc, dict):
        return None
    tool = doc.get("tool")
    if isinstance(tool, dict) and tool.get("name") == "creeplint":
        return "a creeplint JSON report"
    if tool == "creeplint" and "findings" in doc:
        return "a creeplint baseline"
    schema, version = str(doc.get("$schema", "")), str(doc.get("version", ""))
    if isinstance(doc.get("runs"), list) and ("sarif" in schema.lower() or version.startswith("2.")):
        return "a SARIF report"
    return None


def report_kind(data: bytes) -> str | None:
    """What report ``data`` is (``"a creeplint JSON report"``, ``"a SARIF report"``...), or
    None: not a report, lint it."""
    head = data.lstrip()[:1]
    if head in (b"{", b"\xef"):  # JSON (possibly after a UTF-8 BOM)
        text = data.decode("utf-8-sig", "replace")
        return _json_kind(text)
    tail = data[-_TAIL:].decode("utf-8", "replace")
    if _SUMMARY.search(tail):
        return "a creeplint text report"
    if _ANNOTATION.search(data[:_TAIL].decode("utf-8", "replace")):
        return "creeplint GitHub annotations"
    return None
