"""The ``serve`` command; :func:`register` adds it to the main Typer app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["register"]


def serve_command(
    db: Annotated[Path | None, typer.Option(
        "--db", help="Event store (a DuckDB file) (default: ./pourparler.duckdb).",
        show_default=False)] = None,
    host: Annotated[str, typer.Option(
        help="Address to listen on; loopback by default (use 0.0.0.0 to share).")] =
        "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    no_store: Annotated[bool, typer.Option(
        "--no-store", help="Never store pasted articles.")] = False,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", metavar="NAME[:PORT]",
        help="Another name clients use to reach this server (its LAN name, a reverse "
             "proxy's name); repeatable. Requests with any other Host header get 400.",
        show_default=False)] = None,
) -> None:
    """Serve the API (docs at /docs) and the dashboard over an event store.

    The server answers only to its loopback names (localhost, 127.0.0.1, [::1]), the address
    given with --host and the names given with --allow-host, which stops DNS-rebinding pages
    from reading or writing the store; writes (POST /api/code) from another site's pages are
    refused with 403.
    """
    from pourparler.serve import ServeOptions, run
    from pourparler.serve._guard import HostPolicy
    from pourparler.store import DEFAULT_DB

    extra = tuple(allow_host or ())
    try:
        HostPolicy.build(extra)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--allow-host") from None
    db_path = db or DEFAULT_DB
    typer.echo(f"pourparler: serving {db_path} on http://{host}:{port}/ (docs at /docs)",
               err=True)
    run(db_path, host=host, port=port,
        options=ServeOptions(allow_store=not no_store, allow_hosts=extra))


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve_command)
