"""``creeplint profiles``: list scoring profiles."""

from __future__ import annotations

import click


@click.command()
def profiles() -> None:
    """List scoring profiles, and how channels and relationships adjust them."""
    from ..findings.profiles import shipped

    p = shipped()
    for title, section in (("Profiles (--profile, config 'profile', or a message's sector)", p.profiles),
                           ("Channels (a message's channel)", p.channels),
                           ("Relationships (a message's relationship)", p.relationships)):
        click.echo(title)
        for name, layer in section.items():
            bits = [f"warn at {layer.warn_at}" if layer.warn_at is not None else "",
                    f"fail at {layer.fail_at}" if layer.fail_at is not None else "",
                    ", ".join(f"{c} x{v:g}" for c, v in layer.factors.items())]
            detail = "; ".join(b for b in bits if b)
            click.echo(f"  {name:<12} {layer.description}" + (f" [{detail}]" if detail else ""))
        click.echo()


COMMANDS = [profiles]
