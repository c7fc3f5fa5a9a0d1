"""``creeplint lsp``: a Language Server over stdio, so editors show findings as you type.

``buffer`` lints one editor buffer with a ``Linter`` (no LSP types), ``convert`` turns its
findings into LSP diagnostics and quick fixes, ``server`` is the pygls server: open
documents, debounced re-linting, one engine per configuration, config reloads.

Only ``server`` and ``convert`` import pygls / lsprotocol (the optional ``lsp`` extra), and
the CLI imports ``server`` only when ``creeplint lsp`` runs.
"""
