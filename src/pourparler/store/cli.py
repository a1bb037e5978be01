"""The store's listing commands: ``events``, ``dyads``, ``panel`` and ``export``; and
``check``, which reads a whole store to find damage.

Registered on the main Typer app by :func:`register`. Each listing prints a table on a
terminal and JSON lines when its output is piped or redirected (``--format`` chooses), ends
quietly when the reader closes the pipe, and reads the store read-only.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from pourparler.cli_common import (
    EXIT_NOTHING_CODED,
    STATUS_STYLES,
    actor_cell,
    event_cell,
    parse_day,
    quiet_pipe,
    say,
    table_console,
    use_table,
)
from pourparler.errors import PourparlerError

__all__ = ["register"]

log = logging.getLogger("pourparler.cli")


class QueryFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class PanelUnit(StrEnum):
    country = "country"
    dyad = "dyad"


class PanelPeriod(StrEnum):
    month = "month"
    year = "year"


class ExportChoice(StrEnum):
    """pourparler.export.ExportFormat's values, repeated so that starting the CLI does not
    import the exporters (pyarrow); a test keeps the two equal."""

    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    plover = "plover"
    polecat = "polecat"
    parquet = "parquet"
    csv = "csv"


_DB_HELP = "Event store (a DuckDB file) (default: ./pourparler.duckdb)."
_FORMAT_HELP = "Output format (default: table on a terminal, else jsonl)."
_FILTERS = "Event filters"

Db = Annotated[Path | None, typer.Option("--db", help=_DB_HELP, show_default=False)]
Format = Annotated[QueryFormat | None, typer.Option("--format", help=_FORMAT_HELP,
                                                    show_default=False)]
Source = Annotated[str | None, typer.Option(
    help="Source actor: country, org or CAMEO code prefix (RUS, NATO, RUSMIL).",
    rich_help_panel=_FILTERS)]
Target = Annotated[str | None, typer.Option(help="Target actor, as --source.",
                                            rich_help_panel=_FILTERS)]
Dyad = Annotated[str | None, typer.Option(help="SOURCE-TARGET, e.g. RUS-UKR.",
                                          rich_help_panel=_FILTERS)]
Plover = Annotated[str | None, typer.Option(help="PLOVER type, e.g. THREATEN.",
                                            rich_help_panel=_FILTERS)]
Cameo = Annotated[str | None, typer.Option(help="CAMEO code or prefix, e.g. 13.",
                                           rich_help_panel=_FILTERS)]
Since = Annotated[str | None, typer.Option(help="First event date (YYYY-MM-DD).",
                                           rich_help_panel=_FILTERS)]
Until = Annotated[str | None, typer.Option(help="Last event date (YYYY-MM-DD).",
                                           rich_help_panel=_FILTERS)]
Words = Annotated[str | None, typer.Option(
    "--text", help="Words that must all appear in a mention's sentence.",
    rich_help_panel=_FILTERS)]
Counted = Annotated[bool, typer.Option("--counted", help="Asserted and future events only.",
                                       rich_help_panel=_FILTERS)]
Limit = Annotated[int | None, typer.Option(min=1, help="At most this many events.",
                                           rich_help_panel=_FILTERS)]
PlaceCountry = Annotated[str | None, typer.Option(
    "--place-country", help="ISO3 of the country where the event took place.",
    rich_help_panel=_FILTERS)]
Sector = Annotated[str | None, typer.Option(help="Sector of either actor: GOV, MIL, REB...",
                                            rich_help_panel=_FILTERS)]


def _default_db() -> Path:
    from pourparler.store import DEFAULT_DB

    return DEFAULT_DB


def _store_failed(db: Path, exc: PourparlerError) -> typer.Exit:
    log.debug("store error", exc_info=True)
    say(str(db), str(exc).removeprefix(f"{db}: "))
    return typer.Exit(EXIT_NOTHING_CODED)


def _parse_dyad(value: str, option: str = "'--dyad'") -> tuple[str, str]:
    source, sep, target = value.partition("-")
    if not sep or not source.strip() or not target.strip():
        raise typer.BadParameter(f"expected SOURCE-TARGET such as RUS-UKR, got {value!r}",
                                 param_hint=option)
    return source.strip().upper(), target.strip().upper()


def _event_filter(*, source: str | None, target: str | None, dyad: str | None,
                  plover: str | None, cameo: str | None, since: str | None,
                  until: str | None, text: str | None, counted: bool,
                  limit: int | None, place_country: str | None = None,
                  sector: str | None = None) -> Any:
    """The EventFilter of the shared filter options (``events`` and ``export``)."""
    from pourparler.store import EventFilter

    if dyad:
        if source or target:
            raise typer.BadParameter("give --dyad or --source/--target, not both",
                                     param_hint="'--dyad'")
        source, target = _parse_dyad(dyad)
    return EventFilter(source=source, target=target, plover=plover, cameo=cameo,
                       since=parse_day(since, "'--since'"), until=parse_day(until, "'--until'"),
                       text=text, counted_only=counted, limit=limit,
                       place_country=place_country, sector=sector)


def _write_jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_csv(rows: Sequence[dict[str, Any]], out: Any = None) -> None:
    from pourparler.export import safe_row  # formula-looking text cells neutralised
    writer = csv.DictWriter(out or sys.stdout, fieldnames=list(rows[0]) if rows else ["period"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(safe_row(row) for row in rows)


# --- events ----------------------------------------------------------------------------------

#: Column widths of the events table: with the gaps they leave the event column about 24
#: characters on an 80-column terminal. The id sits under the date, the mention count under
#: the status, so no column is too narrow to read.
_WHEN, _ACTOR, _STATUS = 10, 15, 12


def events_table(events: Sequence[Any]) -> Table:
    """The events as a table that stays readable at 80 columns."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), expand=False)
    table.add_column("Date / id", width=_WHEN, no_wrap=True)
    table.add_column("Source", max_width=_ACTOR, overflow="fold")
    table.add_column("Target", max_width=_ACTOR, overflow="fold")
    table.add_column("Event", ratio=1, min_width=_ACTOR, overflow="fold")
    table.add_column("Status", width=_STATUS, no_wrap=True)
    for stored in events:
        rec = stored.record
        when = Text(rec.date or "—").append(f"\n#{stored.gid}", style="dim")
        status = Text(rec.status, style=STATUS_STYLES.get(rec.status, ""))
        status.append(f"\n{stored.num_mentions} ment.", style="dim")
        what = event_cell(rec)
        if rec.plover:
            what.append(f"\n{rec.plover}", style="magenta")
        if rec.location is not None:
            what.append(f"\n@ {rec.location.name}", style="green")
        table.add_row(when, actor_cell(rec.source), actor_cell(rec.target), what, status)
    return table


def events_command(
    db: Db = None, source: Source = None, target: Target = None, dyad: Dyad = None,
    plover: Plover = None, cameo: Cameo = None, since: Since = None, until: Until = None,
    text: Words = None, counted: Counted = False, limit: Limit = None,
    place_country: PlaceCountry = None, sector: Sector = None, fmt: Format = None,
) -> None:
    """Query the events of a store (one line per event in jsonl: the event record)."""
    from pourparler.export import write_csv
    from pourparler.store import Store

    db_path = db or _default_db()
    flt = _event_filter(source=source, target=target, dyad=dyad, plover=plover, cameo=cameo,
                        since=since, until=until, text=text, counted=counted, limit=limit,
                        place_country=place_country, sector=sector)
    try:
        events = Store(db_path, read_only=True).events(flt)
    except PourparlerError as exc:
        raise _store_failed(db_path, exc) from None
    with quiet_pipe():
        if use_table(fmt):
            console = table_console()
            console.print(events_table(events))
            console.print(f"{len(events)} events", markup=False)
        elif fmt is QueryFormat.csv:
            write_csv(events, sys.stdout)
        else:
            _write_jsonl(e.to_dict() for e in events)


# --- dyads -----------------------------------------------------------------------------------

def _series_table(dicts: Sequence[dict[str, Any]], monadic: bool) -> Table:
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
    heads = ["Actor"] if monadic else ["Source", "Target"]
    heads += ["Period", "Events", "VCoop", "MCoop", "VConf", "MConf", "G.sum", "G.mean"]
    for name in heads:
        table.add_column(name, justify="left" if name in heads[:3] else "right")
    for d in dicts:
        table.add_row(*(str(v) for v in d.values()))
    return table


def dyads_command(
    db: Db = None,
    by: Annotated[Period, typer.Option("--by", help="Period.")] = Period.week,
    dyad: Annotated[list[str] | None, typer.Option(
        help="SOURCE-TARGET, e.g. USA-RUS; repeatable. Default: every dyad.")] = None,
    country: Annotated[list[str] | None, typer.Option(
        help="A monadic series instead: events involving this country or organisation, on "
             "either side; repeatable.")] = None,
    undirected: Annotated[bool, typer.Option(
        "--undirected", help="Count A-B and B-A together.")] = False,
    since: Annotated[str | None, typer.Option(help="First event date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date (YYYY-MM-DD).")] = None,
    fmt: Format = None,
    plot: Annotated[Path | None, typer.Option(
        "--plot", dir_okay=False, help="Also draw the series to this PNG file.")] = None,
) -> None:
    """Counted events per dyad (or per country) and period: counts per quad class, Goldstein
    sum and mean."""
    from pourparler.store import Store, plot_dyads

    db_path = db or _default_db()
    if country and dyad:
        raise typer.BadParameter("give --dyad or --country, not both", param_hint="'--country'")
    pairs = [_parse_dyad(d) for d in dyad or []]
    first, last = parse_day(since, "'--since'"), parse_day(until, "'--until'")
    try:
        store = Store(db_path, read_only=True)
        rows = (store.monads(by=by.value, actors=country, since=first, until=last) if country
                else store.dyads(by=by.value, dyads=pairs, undirected=undirected, since=first,
                                 until=last))
    except PourparlerError as exc:
        raise _store_failed(db_path, exc) from None
    dicts = [r.to_dict() for r in rows]
    if country:  # a monadic row names one actor
        dicts = [{"actor": d["source"], **{k: v for k, v in d.items()
                                           if k not in ("source", "target")}} for d in dicts]
    with quiet_pipe():
        if use_table(fmt):
            table_console().print(_series_table(dicts, monadic=bool(country)))
        elif fmt is QueryFormat.csv:
            _write_csv(dicts)
        else:
            _write_jsonl(dicts)
    if plot is not None:
        try:
            plot_dyads(rows, plot, title=f"{db_path.name}: events by {by.value}", by=by.value)
        except (OSError, ValueError) as exc:
            say(str(plot), f"cannot draw the plot: {exc}")
            raise typer.Exit(EXIT_NOTHING_CODED) from None
        typer.echo(f"pourparler: plot written to {plot}", err=True)


# --- panel -----------------------------------------------------------------------------------

def panel_command(
    db: Db = None,
    unit: Annotated[PanelUnit, typer.Option("--unit", help="Country or directed dyad.")] =
        PanelUnit.country,
    by: Annotated[PanelPeriod, typer.Option("--by", help="Period.")] = PanelPeriod.year,
    since: Annotated[str | None, typer.Option(help="First period's date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Last period's date (YYYY-MM-DD).")] = None,
    fmt: Format = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False,
        help="Write CSV to this file (or --format jsonl).")] = None,
) -> None:
    """A zero-filled country or dyad panel of counted events: ISO3, CAMEO and Correlates of
    War codes, counts per quad class and the Goldstein sum, every unit in every period."""
    from pourparler.export import panel
    from pourparler.store import Store

    db_path = db or _default_db()
    try:
        rows = panel(Store(db_path, read_only=True), unit=unit.value, by=by.value,
                     since=parse_day(since, "'--since'"), until=parse_day(until, "'--until'"))
    except PourparlerError as exc:
        raise _store_failed(db_path, exc) from None
    if output is not None:
        try:
            with output.open("w", encoding="utf-8", newline="") as out:
                if fmt is QueryFormat.jsonl:
                    out.writelines(json.dumps(r) + "\n" for r in rows)
                else:
                    _write_csv(rows, out)
        except OSError as exc:
            say(str(output), f"cannot write: {exc.strerror or exc}")
            raise typer.Exit(EXIT_NOTHING_CODED) from None
        typer.echo(f"pourparler: {len(rows)} rows written to {output}", err=True)
        return
    with quiet_pipe():
        if use_table(fmt):
            table = Table(box=box.SIMPLE_HEAD, padding=(0, 1))
            for name in (rows[0] if rows else ["period"]):
                table.add_column(name)
            for r in rows:
                table.add_row(*("" if v is None else str(v) for v in r.values()))
            table_console().print(table)
        elif fmt is QueryFormat.csv:
            _write_csv(rows)
        else:
            _write_jsonl(rows)


# --- export ----------------------------------------------------------------------------------

def export_command(
    fmt: Annotated[ExportChoice, typer.Option("--format", help="Export format.")],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False,
                                         help="File to write.")],
    db: Db = None, source: Source = None, target: Target = None, dyad: Dyad = None,
    plover: Plover = None, cameo: Cameo = None, since: Since = None, until: Until = None,
    text: Words = None, counted: Counted = False, limit: Limit = None,
    place_country: PlaceCountry = None, sector: Sector = None,
) -> None:
    """Export the store (or the events the filters keep): GDELT 2.0 events or mentions
    (TSV), PLOVER JSONL, POLECAT TSV, Parquet, CSV."""
    from pourparler.export import export
    from pourparler.store import Store

    db_path = db or _default_db()
    flt = _event_filter(source=source, target=target, dyad=dyad, plover=plover, cameo=cameo,
                        since=since, until=until, text=text, counted=counted, limit=limit,
                        place_country=place_country, sector=sector)
    try:
        n = export(Store(db_path, read_only=True), fmt.value, output, flt)
    except PourparlerError as exc:
        raise _store_failed(db_path, exc) from None
    except OSError as exc:
        say(str(output), f"cannot write: {exc.strerror or exc}")
        raise typer.Exit(EXIT_NOTHING_CODED) from None
    typer.echo(f"pourparler: {n} rows written to {output}", err=True)


# --- check -----------------------------------------------------------------------------------

def check_command(db: Db = None) -> None:
    """Read the whole store and check it is intact (every block's checksum, nothing cut
    off). Exit status 1, with the way to recover, when it is damaged."""
    import time

    from pourparler.store import Store

    db_path = db or _default_db()
    started = time.perf_counter()
    try:
        rows = Store(db_path, read_only=True).verify()
    except PourparlerError as exc:
        raise _store_failed(db_path, exc) from None
    counts = ", ".join(f"{n} {table}" for table, n in rows.items())
    typer.echo(f"pourparler: {db_path}: intact ({counts}); read in "
               f"{time.perf_counter() - started:.1f} s", err=True)


def register(app: typer.Typer) -> None:
    """Add ``events``, ``dyads``, ``panel``, ``export`` and ``check`` to ``app``."""
    app.command("events")(events_command)
    app.command("dyads")(dyads_command)
    app.command("panel")(panel_command)
    app.command("export")(export_command)
    app.command("check")(check_command)
