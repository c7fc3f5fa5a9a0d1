"""examples/check_campaigns.py does a full check through the library: same counts, same exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_library_example_matches_the_command_line():
    example = subprocess.run([sys.executable, str(ROOT / "examples" / "check_campaigns.py"), "sample_campaigns/"],
                             cwd=ROOT, capture_output=True, text=True)
    cli = subprocess.run([sys.executable, "-m", "creeplint", "check", "-f", "json", "sample_campaigns/"],
                         cwd=ROOT, capture_output=True, text=True)
    s = json.loads(cli.stdout)["summary"]
    assert example.returncode == cli.returncode == 1
    assert example.stdout.splitlines()[-1] == (
        f"{s['files']} files, {s['messages']} messages: {s['failed']} fail, {s['warned']} warn, "
        f"{s['passed']} pass, {s['errors']} errors")
