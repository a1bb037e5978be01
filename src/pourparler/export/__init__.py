"""Exports of the store: GDELT 2.0 Event and Mentions tables, PLOVER JSON lines, POLECAT TSV,
Parquet, CSV.

:func:`export` writes one format to a file, atomically: the file appears complete or not at
all (it is written beside the target and renamed), so a failed export never leaves half a file
over a good one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from enum import StrEnum
from pathlib import Path

from pourparler.export._gdelt import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    gdelt_event_row,
    gdelt_mention_row,
    write_gdelt_events,
    write_gdelt_mentions,
)
from pourparler.export._panel import PANEL_DTYPES, PANEL_PERIODS, PANEL_UNITS, panel
from pourparler.export._plover import (
    PLOVER_SCORES,
    plover_actor_code,
    plover_contexts,
    plover_record,
    write_plover,
)
from pourparler.export._polecat import POLECAT_COLUMNS, cow_code, polecat_row, write_polecat
from pourparler.export._tables import (
    CSV_DTYPES,
    RECORD_COLUMNS,
    flat_record,
    flat_table,
    safe_cell,
    safe_row,
    write_csv,
    write_parquet,
)
from pourparler.store import EventFilter, Store

__all__ = [
    "CSV_DTYPES",
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "PANEL_DTYPES",
    "PANEL_PERIODS",
    "PANEL_UNITS",
    "PLOVER_SCORES",
    "POLECAT_COLUMNS",
    "RECORD_COLUMNS",
    "ExportFormat",
    "cow_code",
    "export",
    "flat_record",
    "flat_table",
    "gdelt_event_row",
    "gdelt_mention_row",
    "panel",
    "plover_actor_code",
    "plover_contexts",
    "plover_record",
    "polecat_row",
    "safe_cell",
    "safe_row",
    "write_csv",
    "write_gdelt_events",
    "write_gdelt_mentions",
    "write_parquet",
    "write_plover",
    "write_polecat",
]


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    plover = "plover"
    polecat = "polecat"
    parquet = "parquet"
    csv = "csv"


#: Mode of a new file before the umask applies (what open() gives; mkstemp gives 0600).
_NEW_FILE_MODE = 0o666


def _file_mode() -> int:
    """The mode a newly created file gets under the process's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return _NEW_FILE_MODE & ~mask


def export(store: Store, fmt: ExportFormat | str, path: str | Path,
           flt: EventFilter | None = None) -> int:
    """Write the store's events (or mentions) in ``fmt`` to ``path``; returns rows written.

    ``flt`` narrows the events (for gdelt-mentions: the mentions of those events).
    The file gets the mode any new file gets under the process's umask.
    """
    fmt = ExportFormat(fmt)
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                    dir=target.parent if str(target.parent) else ".")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt is ExportFormat.parquet:
            n = write_parquet(store.iter_events(flt), tmp)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                if fmt is ExportFormat.gdelt:
                    n = write_gdelt_events(store.iter_events(flt), out)
                elif fmt is ExportFormat.gdelt_mentions:
                    n = write_gdelt_mentions(store.iter_mentions(flt=flt), out)
                elif fmt is ExportFormat.plover:
                    n = write_plover(store.iter_events(flt), out)
                elif fmt is ExportFormat.polecat:
                    n = write_polecat(store.iter_events(flt), out)
                else:
                    n = write_csv(store.iter_events(flt), out)
        tmp.chmod(_file_mode())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return n
