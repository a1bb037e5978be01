"""What the command modules share: exit statuses, error lines, date options, the choice
between a table and JSON lines, table cells, and a quiet end on a closed pipe.

The commands live beside their subsystems (``pourparler.cli``, ``pourparler.store.cli``,
``pourparler.serve.cli``, ``pourparler.ingest.cli``); none imports another's module.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from typing import Any

import typer
from rich.console import Console
from rich.text import Text

from pourparler.model import Actor, Event, parse_date

__all__ = ["EXIT_NOTHING_CODED", "EXIT_OK", "EXIT_USAGE", "STATUS_STYLES", "TABLE_WIDTH",
           "actor_cell", "event_cell", "parse_day", "quiet_pipe", "say", "table_console",
           "use_table"]

log = logging.getLogger("pourparler.cli")

#: Exit statuses (sysexits-like, kept to three so scripts can rely on them).
EXIT_OK, EXIT_NOTHING_CODED, EXIT_USAGE = 0, 1, 2
#: Width used for tables written to a file or a pipe, where there is no terminal to ask.
TABLE_WIDTH = 100
STATUS_STYLES = {"asserted": "green", "future": "yellow", "hypothetical": "dim", "negated": "red"}


def say(source: str, reason: str) -> None:
    """One line on stderr naming the input and what was wrong with it."""
    line = " ".join(f"{source}: {reason}".split())
    typer.echo(f"pourparler: {line}", err=True)


def parse_day(value: str | None, option: str) -> Any:
    """A date option (YYYY-MM-DD), or a usage error naming the option."""
    try:
        return parse_date(value)
    except ValueError:
        raise typer.BadParameter(f"not an ISO date: {value!r}", param_hint=option) from None


def use_table(fmt: str | None) -> bool:
    """Whether a listing prints a table: when asked, or by default on a terminal (JSON lines
    when the output is piped or redirected)."""
    if fmt is not None:
        return fmt == "table"
    return sys.stdout is not None and sys.stdout.isatty()


def table_console() -> Console:
    """A console on standard output: the terminal's width, or TABLE_WIDTH off a terminal."""
    return Console(width=None if sys.stdout.isatty() else TABLE_WIDTH, highlight=False)


@contextlib.contextmanager
def quiet_pipe() -> Iterator[None]:
    """End the command quietly, with status 0, when the reader of its output goes away
    (``pourparler events | head -1``): what was asked for has been read."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        # the interpreter flushes stdout again at exit: point it at /dev/null first
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        raise typer.Exit(EXIT_OK) from None


def _cameo_label(code: str) -> str | None:
    """The CAMEO label of ``code``, or None if the ontology tables are not available."""
    try:
        from pourparler.events.ontology import cameo_code

        return str(cameo_code(code).label)
    except Exception:  # the table is a nicety here: show the bare code rather than fail
        log.debug("no CAMEO label for %s", code, exc_info=True)
        return None


def actor_cell(actor: Actor | None) -> Text:
    """The actor's name, and its code on a second line (never parsed as markup)."""
    if actor is None:
        return Text("—", style="dim")
    cell = Text(actor.name or actor.text)
    code = actor.cameo or actor.key
    if code:
        cell.append(f"\n{code}", style="cyan")
    return cell


def event_cell(event: Event) -> Text:
    cell = Text(event.cameo, style="bold")
    label = _cameo_label(event.cameo)
    if label:
        cell.append(f" {label}")
    return cell
