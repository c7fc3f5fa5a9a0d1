"""``creeplint init``: write a starter config."""

from __future__ import annotations

import click

from ._common import fail


@click.command()
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--path", "target", default=".creeplint.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="Where to write the config.")
def init(force: bool, target: str) -> None:
    """Write a commented starter .creeplint.yaml in the current folder."""
    from pathlib import Path

    from ..config import starter

    path = Path(target)
    if path.exists() and not force:
        fail(f"{target} already exists; use --force to overwrite it")
    try:
        path.write_text(starter(), encoding="utf-8", newline="\n")
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror}")
    click.echo(f"wrote {target}")


COMMANDS = [init]
