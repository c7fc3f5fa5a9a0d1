"""creeplint: a pre-send linter for marketing copy that reveals tracking or sensitive inferences.

The public API is imported lazily so ``import creeplint`` stays cheap::

    from creeplint import Linter, Settings, Message, Result
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Finding", "LintOptions", "Linter", "Message", "Result", "Run", "Settings", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("Linter", "LintOptions", "Run"):
        from . import linter

        return getattr(linter, name)
    if name == "Settings":
        from . import settings

        return settings.Settings
    if name in ("Message", "Result", "Finding"):
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
