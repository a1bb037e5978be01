"""The ``pourparler`` command: a thin shell over the library (ingest, pipeline, evaluate).

Each bad input or failed article is one line on stderr, ``pourparler: <source>: <reason>``;
the batch goes on. Exit status: 0 when at least one article was coded, 1 when none could be,
2 for usage errors.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from pourparler import __version__
from pourparler.cli_common import (
    EXIT_NOTHING_CODED,
    EXIT_OK,
    EXIT_USAGE,
    TABLE_WIDTH,
)
from pourparler.cli_common import STATUS_STYLES as _STATUS_STYLES
from pourparler.cli_common import actor_cell as _actor_cell
from pourparler.cli_common import event_cell as _event_cell
from pourparler.cli_common import parse_day as _parse_day
from pourparler.cli_common import say as _say
from pourparler.cli_dictionaries import (
    AgentsOpt,
    DiscardsOpt,
    NoBuiltinOpt,
    VerbsOpt,
    dictionary_options,
)
from pourparler.errors import InputError, PourparlerError
from pourparler.ingest.archives import MAX_DECOMPRESSED_BYTES, MAX_RATIO
from pourparler.ingest.files import MAX_RECORD_BYTES
from pourparler.model import Article, Event

__all__ = ["app", "main"]

log = logging.getLogger("pourparler.cli")

app = typer.Typer(
    name="pourparler",
    help="Political event data (CAMEO, PLOVER) from French and English news, with evidence.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


class Lang(StrEnum):
    fr = "fr"
    en = "en"


class LevelChoice(StrEnum):
    root = "root"
    code = "code"
    plover = "plover"
    date = "date"
    place = "place"
    all = "all"


# --- small helpers ---------------------------------------------------------------------------

class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (tests swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # logging must never break the command
            self.handleError(record)


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    root = logging.getLogger("pourparler")
    for handler in list(root.handlers):
        if isinstance(handler, _StderrHandler):
            root.removeHandler(handler)
    handler = _StderrHandler()
    fmt = ("pourparler: %(message)s" if verbose <= 0
           else "pourparler: %(levelname)s %(name)s: %(message)s")
    handler.setFormatter(logging.Formatter(fmt))
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"pourparler {__version__}")
        raise typer.Exit()


def _examples_path() -> Path:
    return Path(str(resources.files("pourparler") / "examples" / "articles.jsonl"))


#: Widths of the field columns (source, target, event, status, date): with the gaps they take
#: 90 columns, so a table fits a 100-column terminal; the evidence gets a full line below.
_FIELD_WIDTHS = (16, 16, 28, 12, 10)
_FIELD_NAMES = ("Source", "Target", "Event", "Status", "Date")


def _fields(cells: Iterable[Text]) -> Table:
    grid = Table.grid(padding=(0, 2))
    for width in _FIELD_WIDTHS:
        grid.add_column(width=width, overflow="fold")
    grid.add_row(*cells)
    return grid


def _events_table(article_id: str, title: str | None, events: list[Event]) -> Table:
    heading = escape(article_id) + (f" — {escape(title)}" if title else "")
    header = _fields(Text(name, style="bold") for name in _FIELD_NAMES)
    table = Table(title=heading, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    table.add_column(header)
    for event in events:
        # Text objects are never parsed as markup, so untrusted text cannot inject styles.
        plover = Text(event.plover or "", style="magenta")
        status = Text(event.status, style=_STATUS_STYLES.get(event.status, ""))
        fields = _fields([_actor_cell(event.source), _actor_cell(event.target),
                          _event_cell(event), plover.append("\n").append_text(status),
                          Text(event.date or "")])
        evidence = Padding(Text(event.evidence.text, style="italic dim"), (0, 0, 1, 2))
        table.add_row(Group(fields, evidence))
    return table


# --- the root command ------------------------------------------------------------------------

@app.callback()
def _root(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True,
                                         help="Log to stderr: -v info, -vv debug.")] = 0,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version_callback, is_eager=True,
        help="Show the version and exit.")] = False,
) -> None:
    """Political event data (CAMEO, PLOVER) from French and English news, with evidence."""
    _setup_logging(verbose)


# --- options shared by the commands that read articles ---------------------------------------


_COLUMNS_PANEL = "Corpus columns (JSONL, CSV, Parquet)"
IdCol = Annotated[str, typer.Option("--id-col", help="Column holding the article id.",
                                    rich_help_panel=_COLUMNS_PANEL)]
TextCol = Annotated[str, typer.Option("--text-col", help="Column holding the article text.",
                                      rich_help_panel=_COLUMNS_PANEL)]
DateCol = Annotated[str, typer.Option("--date-col", help="Column holding the publication "
                                      "date.", rich_help_panel=_COLUMNS_PANEL)]
UrlCol = Annotated[str, typer.Option("--url-col", help="Column holding the article's URL.",
                                     rich_help_panel=_COLUMNS_PANEL)]
LangCol = Annotated[str, typer.Option("--lang-col", help="Column holding the language code.",
                                      rich_help_panel=_COLUMNS_PANEL)]
_LIMITS_PANEL = "Input limits (hostile or broken files)"
MaxRecordBytes = Annotated[int, typer.Option(
    "--max-record-bytes", min=1, rich_help_panel=_LIMITS_PANEL,
    help="Longest record (JSON or CSV line, text file) read; longer ones are skipped.")]
MaxDecompressedBytes = Annotated[int, typer.Option(
    "--max-decompressed-bytes", min=1, rich_help_panel=_LIMITS_PANEL,
    help="Bytes one compressed input (.gz, .bz2, .xz, .zst) may expand to.")]
MaxRatio = Annotated[float, typer.Option(
    "--max-ratio", min=1.0, rich_help_panel=_LIMITS_PANEL,
    help="Expansion (decompressed / compressed bytes) past which a compressed input is "
    "taken for a decompression bomb (judged after the first 64 MiB).")]
Workers = Annotated[int | None, typer.Option(
    "--workers", "-j", min=1, show_default=False,
    help="Worker processes, each with its own models (default: all cores).")]
_INPUTS_HELP = ("Articles: text (.txt), web pages (.html), corpora (.jsonl, .csv, .parquet, "
                "optionally .gz, .bz2, .xz or .zst); '-' for standard input.")


@dataclasses.dataclass(frozen=True)
class _Inputs:
    """What ``code`` and ``ingest`` read, and how: checked sources and the options built
    from the command line."""

    sources: list[str]
    columns: Any  # ingest.corpus.Columns
    read: Any  # ingest.files.ReadOptions
    coder: Any  # options.CoderOptions

    def stream(self) -> Iterator[Article | InputError]:
        from pourparler.ingest.corpus import read_any

        return read_any(self.sources, self.columns, self.read)

    def total(self, show: bool) -> int | None:
        """The article count for a progress bar's ETA, only when a bar is shown."""
        from pourparler.ingest.corpus import count_articles

        return count_articles(self.sources) if show else None


def _inputs(files: list[str] | None, *, examples: bool, published: str | None,
            lang: Lang | None, actors: list[Path] | None, stdin_default: bool,
            columns: tuple[str, str, str, str, str],
            limits: tuple[int, int, float] | None = None,
            dictionaries: dict[str, Any] | None = None) -> _Inputs:
    """The command's sources (the examples, files, or standard input when piped and
    ``stdin_default``), each checked to exist, and its reading and coding options."""
    from pourparler.ingest.corpus import Columns
    from pourparler.ingest.files import ReadOptions
    from pourparler.options import CoderOptions

    published_date = _parse_day(published, "'--published'")
    sources: list[str] = [str(_examples_path())] if examples else []
    sources += list(files or [])
    if not sources:
        if not stdin_default or sys.stdin is None or sys.stdin.isatty():
            _say("no input", "give files, '-' for standard input, or --examples")
            raise typer.Exit(EXIT_USAGE)
        sources = ["-"]
    missing = [s for s in sources if s != "-" and not Path(s).exists()]
    for source in missing:
        _say(source, "no such file")
    if missing:
        raise typer.Exit(EXIT_USAGE)
    _check_actor_files(actors or [])
    lang_code = lang.value if lang else None
    id_col, text_col, date_col, url_col, lang_col = columns
    return _Inputs(
        sources=sources,
        columns=Columns(id=id_col, text=text_col, date=date_col, url=url_col, lang=lang_col),
        read=ReadOptions(published=published_date, lang=lang_code)
        if limits is None else ReadOptions(
            published=published_date, lang=lang_code, max_record_bytes=limits[0],
            max_decompressed_bytes=limits[1], max_ratio=limits[2]),
        coder=CoderOptions(actor_files=tuple(actors or ()), default_lang=lang_code,
                           **(dictionaries or {})))


def _check_actor_files(paths: list[Path]) -> None:
    """Read the --actors files once, before any model loads: a bad file is one usage error,
    not one failure per article."""
    if not paths:
        return
    from pourparler.pipeline import load_actor_knowledge

    try:
        load_actor_knowledge(paths)
    except PourparlerError as exc:
        log.debug("bad actor file", exc_info=True)
        _say("--actors", str(exc))
        raise typer.Exit(EXIT_USAGE) from None


def _say_summary(summary: Any) -> None:
    for line in summary.lines():
        typer.echo(f"pourparler: {line}", err=True)


def _count_skipped(stream: Iterable[Article | InputError],
                   summary: Any) -> Iterator[Article | InputError]:
    """The stream unchanged; each input error counted in the summary as skipped."""
    for item in stream:
        if isinstance(item, InputError):
            summary.skip(item.reason)
        yield item


# --- code ------------------------------------------------------------------------------------

class Engine(StrEnum):
    local = "local"
    spark = "spark"


def _articles(stream: Iterable[Article | InputError], summary: Any,
              titles: dict[str, str | None]) -> Iterator[Article]:
    """Articles only; input errors are reported as they come and counted as skipped."""
    for item in stream:
        if isinstance(item, InputError):
            _say(item.source, item.reason)
            summary.skip(item.reason)
        else:
            titles[item.id] = item.title
            yield item


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
    else:
        with path.open("w", encoding="utf-8") as fh:
            yield fh


@app.command("code")
def code_command(
    files: Annotated[list[str] | None, typer.Argument(
        help=_INPUTS_HELP + " None: standard input.", show_default=False)] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) of articles that do not give one.")] = None,
    lang: Annotated[Lang | None, typer.Option(
        help="Language of articles that do not give one (else detected).")] = None,
    fmt: Annotated[OutputFormat | None, typer.Option(
        "--format", help="Output: jsonl (event records) or table. Default: table on a "
        "terminal, else jsonl.", show_default=False)] = None,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", exists=True, dir_okay=False, readable=True,
        help="Extra actor file (YAML, CSV or PETRARCH); repeatable.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write events here instead of stdout (with --engine spark: "
        "the Parquet dataset to write).")] = None,
    examples: Annotated[bool, typer.Option(
        "--examples", help="Code the example articles that ship with pourparler.")] = False,
    workers: Workers = None,
    engine: Annotated[Engine, typer.Option(
        help="local: this machine's cores; spark: Apache Spark (one JSONL or Parquet input, "
        "-o OUTPUT.parquet).")] = Engine.local,
    master: Annotated[str, typer.Option(
        help="Spark master for --engine spark: local[*], local[2], spark://HOST:7077, "
        "yarn.")] = "local[*]",
    id_col: IdCol = "id",
    text_col: TextCol = "text",
    date_col: DateCol = "published",
    url_col: UrlCol = "url",
    lang_col: LangCol = "lang",
    agents: AgentsOpt = None,
    verbs: VerbsOpt = None,
    discards: DiscardsOpt = None,
    no_builtin: NoBuiltinOpt = False,
    max_record_bytes: MaxRecordBytes = MAX_RECORD_BYTES,
    max_decompressed_bytes: MaxDecompressedBytes = MAX_DECOMPRESSED_BYTES,
    max_ratio: MaxRatio = MAX_RATIO,
) -> None:
    """Code articles into events (one JSON object per line, or a table)."""
    from pourparler.parallel import CodingSummary, ParallelCoder, ProgressCoder

    inputs = _inputs(files, examples=examples, published=published, lang=lang, actors=actors,
                     stdin_default=True,
                     columns=(id_col, text_col, date_col, url_col, lang_col),
                     limits=(max_record_bytes, max_decompressed_bytes, max_ratio),
                     dictionaries=dictionary_options(agents, verbs, discards, no_builtin,
                                                     actors))
    if engine is Engine.spark:
        _code_on_spark(inputs, output, master)
        return

    out_format = fmt or (OutputFormat.table if output is None and sys.stdout.isatty()
                         else OutputFormat.jsonl)
    summary = CodingSummary()
    show = sys.stderr.isatty()
    try:
        with _open_output(output) as out, ProgressCoder(
                ParallelCoder(inputs.coder, workers), summary=summary,
                total=inputs.total(show), show=show) as coder:
            console = Console(file=out, width=None if out.isatty() else TABLE_WIDTH,
                              highlight=False)
            _run_coder(coder, inputs.stream(), out, console, out_format, summary)
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        with contextlib.suppress(Exception):
            sys.stdout = open("/dev/null", "w")  # noqa: SIM115 - keep interpreter exit quiet
        raise typer.Exit(EXIT_OK if summary.coded else EXIT_NOTHING_CODED) from None
    except PourparlerError as exc:
        log.debug("coding stopped", exc_info=True)
        _say("error", str(exc))
        summary.failed[str(exc)] += 1
    except Exception as exc:
        log.debug("coding stopped", exc_info=True)
        reason = f"{type(exc).__name__}: {exc} (run with -vv for details)"
        _say("internal error", reason)
        summary.failed[reason] += 1

    if summary.done == 0:
        _say("no input", "no articles found")
    else:
        _say_summary(summary)
    if summary.coded == 0:
        raise typer.Exit(EXIT_NOTHING_CODED)


def _run_coder(coder: Any, stream: Iterable[Article | InputError], out: IO[str],
               console: Console, out_format: OutputFormat, summary: Any) -> None:
    titles: dict[str, str | None] = {}
    for result in coder.code(_articles(stream, summary, titles)):
        if result.error is not None:
            err = result.error
            reason = err.reason if isinstance(err, InputError) else str(err)
            log.debug("article %s failed", result.article_id, exc_info=err)
            _say(result.article_id, reason.removeprefix(f"{result.article_id}: "))
            continue
        if out_format is OutputFormat.jsonl:
            for event in result.events:
                out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
        elif result.events:
            console.print(_events_table(result.article_id, titles.get(result.article_id),
                                        result.events))
        else:
            console.print(Text(f"{result.article_id}: no events", style="dim"))


def _code_on_spark(inputs: _Inputs, output: Path | None, master: str) -> None:
    """``code --engine spark``: the same coder inside Spark's mapInPandas."""
    sources = inputs.sources
    if len(sources) != 1 or sources[0] == "-":
        _say("--engine spark", "give exactly one input: a JSONL or Parquet corpus (a file "
                               "or a directory of Parquet files)")
        raise typer.Exit(EXIT_USAGE)
    if output is None:
        _say("--engine spark", "give the Parquet dataset to write with -o OUTPUT.parquet")
        raise typer.Exit(EXIT_USAGE)
    try:
        import pyspark  # noqa: F401

        from pourparler.scale.spark import code_spark
    except ImportError:
        _say("--engine spark", "PySpark is not installed: pip install 'pourparler[spark]'")
        raise typer.Exit(EXIT_USAGE) from None
    try:
        report = code_spark(sources[0], output, master=master, options=inputs.coder,
                            columns=inputs.columns, published=inputs.read.published)
    except Exception as exc:  # Spark reports Java and cluster failures as many types
        log.debug("spark job failed", exc_info=True)
        _say("--engine spark", f"{type(exc).__name__}: {str(exc).strip().splitlines()[0]}"
                               if str(exc).strip() else type(exc).__name__)
        raise typer.Exit(EXIT_NOTHING_CODED) from None
    summary = report.summary()
    _say_summary(summary)
    typer.echo(f"pourparler: {output}: {report.rows} rows written", err=True)
    if summary.coded == 0:
        raise typer.Exit(EXIT_NOTHING_CODED)


# --- evaluate --------------------------------------------------------------------------------

@app.command("evaluate")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                         help="Gold JSON-lines file (articles with events).")],
    level: Annotated[LevelChoice, typer.Option(help="Level to score.")] = LevelChoice.all,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    predictions: Annotated[Path | None, typer.Option(
        exists=True, dir_okay=False, readable=True,
        help="Score these event records instead of coding the gold articles.")] = None,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", exists=True, dir_okay=False, readable=True,
        help="Extra actor file (YAML, CSV or PETRARCH); repeatable.")] = None,
    agents: AgentsOpt = None,
    verbs: VerbsOpt = None,
    discards: DiscardsOpt = None,
    no_builtin: NoBuiltinOpt = False,
) -> None:
    """Code a gold file's articles and score the events (the shared eval rules)."""
    from pourparler.evaluate import LEVELS, evaluate, score_file

    levels = list(LEVELS) if level is LevelChoice.all else [level.value]
    dicts: dict[str, Any] = {}
    if predictions is None:
        _check_actor_files(actors or [])
        dicts = dictionary_options(agents, verbs, discards, no_builtin, actors)
    try:
        if predictions is not None:
            report = score_file(gold, predictions, levels)
        else:
            from pourparler.options import CoderOptions
            from pourparler.pipeline import Coder

            report = evaluate(gold, Coder(CoderOptions(actor_files=tuple(actors or ()),
                                                       **dicts)), levels)
    except (PourparlerError, ValueError, KeyError, OSError) as exc:
        log.debug("evaluation failed", exc_info=True)
        _say(str(gold), f"cannot evaluate: {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_NOTHING_CODED) from None
    for article_id, reason in report.failures.items():
        _say(article_id, reason)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    _print_report(report)


def _print_report(report: Any) -> None:
    from pourparler.evaluate import PlaceScore

    console = Console(width=None if sys.stdout.isatty() else TABLE_WIDTH, highlight=False)
    console.print(f"{report.gold_path}: {report.coded}/{report.articles} articles coded, "
                  f"{report.events} events", markup=False)
    table = Table(box=box.SIMPLE_HEAD)
    for name in ("Level", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(name, justify="left" if name == "Level" else "right")
    place: PlaceScore | None = None
    for score in report.scores.values():
        if isinstance(score, PlaceScore):
            place = score
            continue
        table.add_row(score.level, f"{score.precision:.3f}", f"{score.recall:.3f}",
                      f"{score.f1:.3f}", str(score.tp), str(score.fp), str(score.fn))
    if table.rows:
        console.print(table)
    if place is not None:
        console.print(
            f"place: {place.found} found events with a gold location; country right "
            f"{place.country_accuracy:.3f}; city within {place.radius_km:g} km "
            f"{place.city_accuracy:.3f} (of {place.cities})", markup=False)


# --- the event store: ingest, events, dyads, export ------------------------------------------

_DB_HELP = "Event store (a DuckDB file)."


def _default_db() -> Path:
    from pourparler.store import DEFAULT_DB

    return DEFAULT_DB


def _store_failed(db: Path, exc: PourparlerError) -> typer.Exit:
    log.debug("store error", exc_info=True)
    _say(str(db), str(exc).removeprefix(f"{db}: "))
    return typer.Exit(EXIT_NOTHING_CODED)


@app.command("ingest")
def ingest_command(
    files: Annotated[list[str] | None, typer.Argument(help=_INPUTS_HELP,
                                                      show_default=False)] = None,
    db: Annotated[Path | None, typer.Option("--db", help=_DB_HELP + " (default: "
                                            "./pourparler.duckdb)", show_default=False)] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication date (YYYY-MM-DD) of articles that do not give one.")] = None,
    lang: Annotated[Lang | None, typer.Option(
        help="Language of articles that do not give one (else detected).")] = None,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", exists=True, dir_okay=False, readable=True,
        help="Extra actor file (YAML, CSV or PETRARCH); repeatable.")] = None,
    batch_size: Annotated[int | None, typer.Option(
        min=1, show_default=False, help="Articles per transaction (default: 16, or enough "
        "to keep every worker busy).")] = None,
    examples: Annotated[bool, typer.Option(
        "--examples", help="Ingest the example articles that ship with pourparler.")] = False,
    workers: Workers = None,
    id_col: IdCol = "id",
    text_col: TextCol = "text",
    date_col: DateCol = "published",
    url_col: UrlCol = "url",
    lang_col: LangCol = "lang",
    agents: AgentsOpt = None,
    verbs: VerbsOpt = None,
    discards: DiscardsOpt = None,
    no_builtin: NoBuiltinOpt = False,
    max_record_bytes: MaxRecordBytes = MAX_RECORD_BYTES,
    max_decompressed_bytes: MaxDecompressedBytes = MAX_DECOMPRESSED_BYTES,
    max_ratio: MaxRatio = MAX_RATIO,
) -> None:
    """Code articles into the event store. Re-running adds only what is new or changed."""
    from pourparler.parallel import CodingSummary, ParallelCoder, ProgressCoder, batch_for
    from pourparler.store import Store, ingest

    db_path = db or _default_db()
    inputs = _inputs(files, examples=examples, published=published, lang=lang, actors=actors,
                     stdin_default=False,
                     columns=(id_col, text_col, date_col, url_col, lang_col),
                     limits=(max_record_bytes, max_decompressed_bytes, max_ratio),
                     dictionaries=dictionary_options(agents, verbs, discards, no_builtin,
                                                     actors))
    parallel = ParallelCoder(inputs.coder, workers)
    summary = CodingSummary()
    show = sys.stderr.isatty()
    try:
        store = Store(db_path)
        with ProgressCoder(parallel, summary=summary, show=show,
                           total=inputs.total(show)) as coder:
            report = ingest(store, _count_skipped(inputs.stream(), summary), coder,
                batch_size=batch_size or batch_for(parallel.workers), on_error=_say)
    except PourparlerError as exc:
        raise _store_failed(db_path, exc) from None
    if summary.done:
        _say_summary(summary)
    typer.echo(f"pourparler: {db_path}: {report.added} articles added, {report.replaced} "
               f"replaced, {report.unchanged} unchanged, {report.duplicates} duplicates, "
               + (f"{report.repeated} repeated ids, " if report.repeated else "")
               + f"{report.failed} failed; {report.records} records, {report.new_events} new "
               "events", err=True)
    # every input bad (nothing read) is a failure too, not only every article failing to code
    if (report.read or report.failed) and not (report.added or report.replaced
                                               or report.unchanged or report.duplicates):
        raise typer.Exit(EXIT_NOTHING_CODED)


def _register_extensions() -> None:
    """Commands that live beside their subsystems (their heavy imports happen when they run)."""
    from pourparler.cli_dictionaries import register as register_dictionaries
    from pourparler.ingest.cli import register as register_live
    from pourparler.serve.cli import register as register_serve
    from pourparler.store.cli import register as register_store

    register_store(app)
    register_serve(app)
    register_live(app)
    register_dictionaries(app)


_register_extensions()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
