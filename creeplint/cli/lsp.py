"""``creeplint lsp``: the language server. pygls is imported only when the command runs."""

from __future__ import annotations

import click

from ._common import fail


@click.command()
@click.option("--stdio", is_flag=True, help="Talk LSP over standard input and output (the only transport; "
              "accepted because editors pass it).")
@click.option("--debounce", type=click.IntRange(0, 10_000), default=250, show_default=True, metavar="MS",
              help="Milliseconds to wait after a change before re-checking the document.")
def lsp(stdio: bool, debounce: int) -> None:
    """Run a Language Server (LSP) over stdio: diagnostics and quick fixes in your editor.

    Needs the 'lsp' extra: pip install 'creeplint[lsp]'. The config file is found from each
    document's workspace folder, as 'creeplint check' run there would find it.
    """
    try:
        from ..lsp.server import serve
    except ImportError as exc:
        fail(f"creeplint lsp needs the 'lsp' extra ({exc}): pip install 'creeplint[lsp]'")
    serve(debounce / 1000)


COMMANDS = [lsp]
