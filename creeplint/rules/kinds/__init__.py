"""Rule kinds: how a rule says what it matches. Each module here is one kind and defines::

    KEY = "cooccur"                       # the rule key that selects it
    DESCRIPTION = "one line for docs and errors"
    def expand(value, file, line) -> list[str | list]   # the rule's patterns

A kind turns its own YAML into rule-language patterns (``language``), so the engine runs
every kind the same way, trigger-gated and position-exact. ``expand`` raises ``PatternError``
for a bad value; the schema reports it as ``file:line``. Adding a kind is adding a module:
``registry`` finds it by ``KEY``, and the schema accepts its key on rules.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType


@cache
def registry() -> dict[str, ModuleType]:
    """Kind modules by ``KEY``."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "KEY") and hasattr(module, "expand"):
            found[module.KEY] = module
    return found
