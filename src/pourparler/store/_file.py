"""The store's file: atomic creation, damage checks, and DuckDB's errors told apart.

Creation. A new store is created and given its schema under a temporary name in the same
directory, then linked into place in one step, so a process killed at any moment leaves
either no store or a complete one (never an empty or half-initialised file). Creators of the
same path are serialised by a lock file beside it (``<store>.lock``, kept: removing a lock
file others may hold is racy); the one that loses the race opens the store the winner made.

Damage. A store whose file ends before its last data block was truncated (a copy cut short,
a full disk during a copy); it is refused when it is opened, before any query can return rows
from the part that is left. The check reads the file's header (three 4 KiB blocks) and, only
when the header counts more blocks than the file has (DuckDB also cuts free blocks off the
end), where the tables' data lies (metadata, no data). Damage inside a block is found by
DuckDB's block checksums when the block is read, and the query fails whole. Either way the
error is one :class:`StoreError` naming the file and how to recover.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import logging
import os
import secrets
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import filelock

from pourparler.errors import StoreError

__all__ = [
    "LOCK_SUFFIX",
    "check_blocks",
    "create_atomically",
    "guard",
    "header_complete",
    "is_lock_error",
    "recover_hint",
    "translate",
]

log = logging.getLogger(__name__)

#: The lock file that serialises creators of one store: ``events.duckdb.lock``.
LOCK_SUFFIX = ".lock"
#: Temporary stores being created end with this (hidden, beside the store: same file system,
#: so the final link is atomic).
_CREATING_SUFFIX = ".creating"

# DuckDB's file layout (storage format of DuckDB 1.x and 2.x): a main header block, then two
# database headers (the one with the higher iteration is active), each _HEADER_BLOCK bytes,
# then the data blocks. A database header is an 8-byte checksum followed by little-endian
# iteration, meta block, free list, block count and block allocation size (each 8 bytes).
_HEADER_BLOCK = 4096
_DB_HEADER_OFFSETS = (_HEADER_BLOCK, 2 * _HEADER_BLOCK)
_DATA_START = 3 * _HEADER_BLOCK
_DB_HEADER = struct.Struct("<QQqqQQ")
#: Block sizes DuckDB can be built with (16 KiB to 256 MiB, powers of two); a header whose
#: size is outside them is a layout this check does not know, and is left to DuckDB.
_MIN_BLOCK, _MAX_BLOCK = 1 << 14, 1 << 28

#: DuckDB's message when another process holds the file ("Could not set lock on file
#: "x.duckdb": Conflicting lock is held in ..."), and when this process already has it open
#: with the other access mode. Matched as phrases: a bare "lock" also matches "block".
_LOCK_PHRASES = ("could not set lock on file", "conflicting lock is held",
                 "different configuration than existing connections")
#: DuckDB's messages for a file whose blocks are damaged or missing.
_DAMAGE_PHRASES = ("corrupt database file", "could not read enough bytes",
                   "does not match stored checksum")
#: Errors of a full disk, as strerror words them in DuckDB's IO errors (and errno values for
#: Python's own OSError).
_FULL_PHRASES = ("no space left on device", "disk quota exceeded", "file too large")
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def recover_hint(path: Path) -> str:
    return (f"move it aside and rebuild it with 'pourparler ingest --db {path} <your "
            f"articles>' (or restore a backup; 'pourparler check --db PATH' tells whether "
            "a copy is intact)")


def is_lock_error(exc: BaseException) -> bool:
    """Whether a DuckDB error says the file is held by someone else (and waiting may help)."""
    text = str(exc).lower()
    return any(phrase in text for phrase in _LOCK_PHRASES)


def _damage_error(path: Path, detail: str) -> StoreError:
    return StoreError(f"{path}: the store is damaged ({detail}); nothing was read from it — "
                      + recover_hint(path))


def _full_disk_error(path: Path, detail: str) -> StoreError:
    return StoreError(f"{path}: no room to write: the disk is full or a size limit was "
                      f"reached ({detail}); the batch being written was not stored and the "
                      "store is as it was — free some space and run the same command again "
                      "(it resumes where it stopped)")


def translate(exc: BaseException, path: Path) -> StoreError | None:
    """The StoreError a DuckDB or OS error means (damage, full disk), or None for others."""
    text = str(exc)
    low = text.lower()
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return _full_disk_error(path, exc.strerror or text)
    if isinstance(exc, duckdb.Error):
        if any(p in low for p in _FULL_PHRASES):
            return _full_disk_error(path, text.splitlines()[0] if text else "no space")
        if any(p in low for p in _DAMAGE_PHRASES):
            return _damage_error(path, text.splitlines()[0] if text else "unreadable block")
    return None


@contextlib.contextmanager
def guard(path: Path) -> Iterator[None]:
    """Turn DuckDB's damage and full-disk errors inside the block into one StoreError."""
    try:
        yield
    except (duckdb.Error, OSError) as exc:
        mapped = translate(exc, path)
        if mapped is None:
            raise
        log.debug("%s: %s", path, exc)
        raise mapped from exc


def header_complete(path: Path) -> bool:
    """Whether the file holds every block its active DuckDB header counts (the usual case,
    read from the three header blocks only). False means "look closer" (see check_blocks):
    DuckDB itself cuts free blocks off the end of a file without lowering that count.

    Raises StoreError for a file shorter than a DuckDB header."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_DATA_START)
            size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(head) < _DATA_START:
        raise _damage_error(path, f"{size:,} bytes, shorter than a DuckDB file's header")
    headers = [_DB_HEADER.unpack_from(head, off + 8) for off in _DB_HEADER_OFFSETS]
    _iteration, _meta, _free, blocks, block_size = max(headers)[:5]
    if not (_MIN_BLOCK <= block_size <= _MAX_BLOCK and block_size & (block_size - 1) == 0):
        log.debug("%s: unknown DuckDB header layout; left to DuckDB's checks", path)
        return True
    return bool(size >= _DATA_START + blocks * block_size)


def check_blocks(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a store whose tables have data blocks past the end of the file (truncated).

    Asks DuckDB where each table's column segments are (metadata only, no data read), so a
    query can never return rows from what is left of a cut file."""
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
        "AND database_name = current_database()").fetchall()]
    if not tables:
        return
    union = " UNION ALL ".join(
        "SELECT max(block_id) AS b FROM pragma_storage_info(?) WHERE persistent"
        for _ in tables)
    last = con.execute(f"SELECT max(b) FROM ({union})", tables).fetchone()
    block_size = con.execute("SELECT block_size FROM pragma_database_size() "
                             "WHERE database_name = current_database()").fetchone()
    if not last or last[0] is None or not block_size:
        return
    needed = _DATA_START + (int(last[0]) + 1) * int(block_size[0])
    size = path.stat().st_size
    if size < needed:
        raise _damage_error(path, f"truncated: {size:,} bytes, its data runs to {needed:,}")


def create_atomically(path: Path, initialise: Callable[[duckdb.DuckDBPyConnection], None],
                      lock_wait: float) -> bool:
    """Create the store at ``path`` if it does not exist: ``initialise`` runs on a temporary
    database beside it, which is then linked into place. True when this call created it;
    False when another process had (the caller then opens that one)."""
    if not path.parent.is_dir():  # (filelock would create it: a mistyped --db is an error)
        raise StoreError(f"{path}: cannot create the store (no directory {path.parent})")
    lock = filelock.FileLock(str(path) + LOCK_SUFFIX, timeout=lock_wait)
    try:
        with lock:
            if path.exists():  # made by the process we waited for
                return False
            _remove_stale(path)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}"
                                 + _CREATING_SUFFIX)
            try:
                with guard(path):
                    con = duckdb.connect(str(tmp))
                    try:
                        initialise(con)
                        con.execute("CHECKPOINT").fetchall()  # everything in the file, no WAL
                    finally:
                        con.close()
                _link_into_place(tmp, path)
            finally:
                for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                    with contextlib.suppress(FileNotFoundError):
                        leftover.unlink()
    except filelock.Timeout:
        raise StoreError(f"{path}: another process has been creating this store for "
                         f"{lock_wait:g} s; if none is, remove {path}{LOCK_SUFFIX}") from None
    except (OSError, duckdb.Error) as exc:
        mapped = translate(exc, path)
        if mapped is not None:
            raise mapped from exc
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise StoreError(f"{path}: cannot create the store ({detail})") from exc
    log.info("%s: new store created", path)
    return True


def _link_into_place(tmp: Path, path: Path) -> None:
    """Give the finished file its name, never over a file that appeared meanwhile (one made
    by a process that does not take the lock)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise StoreError(f"{path}: a file appeared there while the store was being created; "
                         "it was left untouched") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # a file system without hard links: a rename, which the lock keeps from racing us
        os.replace(tmp, path)


def _remove_stale(path: Path) -> None:
    """Temporary stores of creators that were killed (we hold the lock: none is running)."""
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*{_CREATING_SUFFIX}*"):
        log.debug("removing %s, left by an interrupted creation", stale)
        with contextlib.suppress(OSError):
            stale.unlink()
