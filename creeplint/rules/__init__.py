"""Rules: schema and validation (``schema``), the pattern language (``dsl``), loading (``loader``)
and compilation to spaCy matchers (``compile``)."""
