"""Command-line commands for live sources: ``pourparler watch``.

Registered on the main Typer app by :func:`register` (called from ``pourparler.cli``), so that
this module never imports the CLI module and can be tested on its own app.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Annotated

import typer

from pourparler.errors import PourparlerError

__all__ = ["register", "watch_command"]

log = logging.getLogger(__name__)

#: Exit statuses, the same as pourparler.cli's.
_EXIT_OK, _EXIT_FAILED, _EXIT_USAGE = 0, 1, 2
#: The default poll interval: news feeds update every few minutes, and polling them more
#: often than every quarter hour is what sites' robots and rate limits discourage.
DEFAULT_EVERY = "15m"
#: The default of --max-entries (feeds.MAX_ENTRIES_PER_POLL, which says why), here so that
#: this module's import stays light.
_MAX_ENTRIES = 200


def _say(source: str, reason: str) -> None:
    typer.echo(f"pourparler: {source}: {reason}", err=True)


def watch_command(
    feeds: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, readable=True,
        help="File listing RSS/Atom feed URLs, one per line ('#' starts a comment).")],
    db: Annotated[Path | None, typer.Option(
        "--db", help="Event store (a DuckDB file) (default: ./pourparler.duckdb).",
        show_default=False)] = None,
    every: Annotated[str, typer.Option(
        help="Time between polls: 30s, 15m, 2h.")] = DEFAULT_EVERY,
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop.")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow feeds and pages on private or loopback addresses.")]
    = False,
    host_delay: Annotated[float, typer.Option(
        min=0.0, help="Seconds between two requests to one site.")] = 1.0,
    timeout: Annotated[float, typer.Option(
        min=0.1, help="Seconds to wait for a server before giving up.")] = 10.0,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-j", min=1, show_default=False,
        help="Worker processes, each with its own models (default: all cores).")] = None,
    max_entries: Annotated[int, typer.Option(
        "--max-entries", min=1,
        help="New entries taken from one feed per poll; the rest wait for the next polls.")]
    = _MAX_ENTRIES,
) -> None:
    """Poll RSS/Atom feeds; fetch, code and store new articles. Restarts resume where they
    stopped: nothing is fetched or coded twice."""
    from pourparler.ingest.feeds import (
        SeenState,
        parse_every,
        poll_feeds,
        read_feed_list,
        sleep_until,
        state_path_for,
    )
    from pourparler.ingest.fetch import Fetcher, FetchOptions
    from pourparler.parallel import ParallelCoder, batch_for
    from pourparler.store import DEFAULT_DB, Store

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--every'") from None
    try:
        urls = read_feed_list(feeds)
    except PourparlerError as exc:
        _say(str(feeds), str(exc).removeprefix(f"{feeds}: "))
        raise typer.Exit(_EXIT_USAGE) from None
    if not urls:
        _say(str(feeds), "no feed URLs in the file")
        raise typer.Exit(_EXIT_USAGE)
    db_path = db or DEFAULT_DB
    options = FetchOptions(timeout=timeout, host_delay=host_delay, allow_private=allow_private)
    try:
        store = Store(db_path)
        with Fetcher(options) as fetcher, SeenState(state_path_for(Path(db_path))) as state, \
                ParallelCoder(workers=workers) as coder:
            while True:
                started = time.monotonic()
                report = poll_feeds(urls, store, coder, fetcher, state, on_error=_say,
                                    max_entries=max_entries,
                                    batch_size=batch_for(coder.workers))
                typer.echo(f"pourparler: {db_path}: {report.summary()}", err=True)
                if once:
                    break
                sleep_until(started + interval)
    except KeyboardInterrupt:
        typer.echo("pourparler: stopped; the next run resumes here", err=True)
        return
    except PourparlerError as exc:
        _say(str(db_path), str(exc))
        raise typer.Exit(_EXIT_FAILED) from None
    if once and report.feeds_ok == 0:
        raise typer.Exit(_EXIT_FAILED)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command("watch")(watch_command)
