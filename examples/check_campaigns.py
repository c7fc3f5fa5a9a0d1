"""Everything ``creeplint check`` does, from Python: config discovery, settings, suppressions,
baseline, profiles, limits, and the exit code.

    python examples/check_campaigns.py sample_campaigns/ [--profile retail] [--baseline FILE]
"""

from __future__ import annotations

import argparse
import sys

from creeplint import Linter, Settings
from creeplint.config import resolve


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=["."])
    ap.add_argument("--profile")
    ap.add_argument("--baseline")
    args = ap.parse_args()
    # the command line's values over the discovered .creeplint.yaml over defaults, as `check` does
    settings = Settings.resolve(resolve(), {"profile": args.profile, "baseline": args.baseline})
    linter = Linter(settings)
    run = linter.check(args.paths, notify=lambda notice: print(f"note: {notice}", file=sys.stderr))
    for result in run:
        if result.findings:
            print(f"{result.file} {result.id}: {result.verdict} ({result.score})")
            for f in result.findings:
                print(f"  {f.line}:{f.column} {f.rule}: {f.text!r}")
    s = run.summary
    print(f"{s.files} files, {s.messages} messages: {s.failed} fail, {s.warned} warn, {s.passed} pass, "
          f"{s.errors} errors")
    return run.exit_code


if __name__ == "__main__":
    sys.exit(main())
