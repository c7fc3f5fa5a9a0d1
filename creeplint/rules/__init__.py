"""Rules as data: the ruleset schema and validation (``schema``), the pattern language
(``language``), rule kinds (``kinds/``), trigger selection (``triggers``), regex safety
(``regex_safety``), the loaded ``book``, ``loader`` and its on-disk ``cache``. Compiling to
the matching runtime happens in ``engine.plan``."""
