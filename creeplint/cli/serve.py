"""``creeplint serve``: the local playground (``creeplint.serve`` does the work)."""

from __future__ import annotations

import click

from ._common import Size, fail, guarded, note, settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback lets other machines use it (a warning says so).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to listen on (0: any free port; the URL is printed).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="PATH",
              help="Config file to use instead of discovering .creeplint.yaml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--ruleset", "-r", "rulesets", multiple=True, metavar="NAME|PATH",
              help="Ruleset to use (repeatable). Default: the config's rulesets, else every shipped ruleset.")
@click.option("--model", metavar="PIPELINE", help="Use an installed trained spaCy pipeline. Never downloaded.")
@click.option("--profile", "-p", metavar="NAME", help="Profile the page starts with (the page can change it).")
@click.option("--max-request-size", "max_body", type=Size(), default="1MB", show_default=True, metavar="SIZE",
              help="Larger POST /check bodies are refused with 413.")
@click.option("--verbose", "-v", is_flag=True, help="Log every request on standard error.")
def serve(host: str, port: int, max_body: int, verbose: bool, **options: object) -> None:
    """Serve a playground page: paste copy, see findings highlighted as you type.

    \b
    GET  /        the page
    POST /check   {"text": "...", "channel"?, "profile"?, "sector"?, "subject"?}
                  -> the JSON report of 'creeplint check --format json'
    Requests never read files. Stop with Ctrl-C.
    """
    from ..serve import Playground, Server, bind_warning

    playground = guarded(lambda: Playground(settings(options)))
    warning = bind_warning(host)
    if warning:
        note(f"warning: {warning}")
    note("loading the rules and the language pipeline…")
    try:
        playground.warm()
        server = Server((host, port), playground, max_body=max_body, verbose=verbose)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    note(f"playground at {server.url} (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        note("stopped")
    finally:
        server.server_close()


COMMANDS = [serve]
