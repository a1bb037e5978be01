"""Compressed inputs (gzip, bzip2, xz, zstd) read as streams with their size bounded.

One reader for every compression: it decompresses a piece at a time (never more than
``_OUT_CHUNK`` bytes per step, 32 MiB for zstd, whatever the ratio), so memory stays flat;
it stops a file
that expands past ``max_bytes`` or past ``max_ratio`` times what was read of it (a
decompression bomb) with an :class:`InputError`; and it tells a truncated archive (the input
ends inside a member or frame) from a complete one, which the standard streams do not all do
(a cut ``.zst`` used to read as complete). Concatenated members and frames are read in turn,
as ``gzip``/``zstd`` do; zero padding after the last one is allowed.
"""

from __future__ import annotations

import abc
import bz2
import io
import lzma
import zlib
from typing import BinaryIO, Literal, Protocol, cast

import zstandard

from pourparler.errors import InputError

__all__ = [
    "MAX_DECOMPRESSED_BYTES",
    "MAX_RATIO",
    "RATIO_FLOOR_BYTES",
    "TRUNCATED",
    "Compression",
    "DecompressingReader",
    "compression_of",
    "open_decompressed",
    "prefixed",
]

Compression = Literal["gzip", "bzip2", "xz", "zstd"]

#: Bytes one compressed input may expand to. 8 GiB is some two million news articles of 4 KB,
#: more than one corpus file holds in practice, and it bounds the time a hostile archive can
#: take; ReadOptions.max_decompressed_bytes (--max-decompressed-bytes) raises it.
MAX_DECOMPRESSED_BYTES = 8 << 30
#: Decompressed bytes per compressed byte beyond which an input is taken for a bomb. News
#: text and JSON compress by 3 to 15 times (zstd's highest levels included) and very
#: repetitive records by a few tens; bombs expand by a thousand times and more (gzip's
#: ceiling is about 1,030). 200 leaves room for any text and stops bombs early.
MAX_RATIO = 200.0
#: The ratio is only judged past this much output: a small, highly repetitive file (a test
#: corpus of one record copied many times) is no threat.
RATIO_FLOOR_BYTES = 64 << 20
#: The reason given for an archive cut short.
TRUNCATED = ("truncated archive: it ends before its end-of-stream marker (the articles before "
             "the cut were read)")

#: Compressed bytes read per step, and decompressed bytes produced per step at most.
_IN_CHUNK = 64 * 1024
_OUT_CHUNK = 256 * 1024
#: zstd's decompressor takes no output limit: feed it this little at a time. A run-length
#: block of 4 bytes expands to 128 KiB at most, so one step yields at most 32 MiB (a few KiB
#: for text).
_ZSTD_IN_CHUNK = 1024
#: Enough bytes to hold any of the magic numbers below.
_MAGIC_BYTES = 6
_MAGICS: tuple[tuple[bytes, Compression], ...] = (
    (b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"))


class _Inflater(Protocol):
    eof: bool
    unused_data: bytes

    def decompress(self, data: bytes, max_length: int = ...) -> bytes: ...


def compression_of(head: bytes) -> Compression | None:
    """The compression whose magic number starts ``head``, if any."""
    return next((kind for magic, kind in _MAGICS if head.startswith(magic)), None)


def _new(kind: Compression) -> _Inflater:
    if kind == "gzip":
        return cast(_Inflater, zlib.decompressobj(wbits=31))
    if kind == "bzip2":
        return cast(_Inflater, bz2.BZ2Decompressor())
    if kind == "xz":
        return cast(_Inflater, lzma.LZMADecompressor())
    return cast(_Inflater, zstandard.ZstdDecompressor().decompressobj())


class _Source(io.IOBase):
    """A byte stream with ``read`` and ``readline`` over what ``_step`` produces.

    Unlike io.BufferedReader over a raw stream, an error raised while more is fetched never
    loses what was fetched before: ``read(n)`` returns what it has (a short read) and only
    raises once that is taken; ``readline`` raises instead of returning a line cut short
    (the partial last line of a truncated archive is not a record)."""

    def __init__(self) -> None:
        super().__init__()
        self._out = bytearray()
        self._ended = False
        self._failure: InputError | None = None  # raised once what came before is read

    def readable(self) -> bool:
        return True

    @abc.abstractmethod
    def _step(self) -> None:
        """Append more bytes to ``_out``, or set ``_ended`` (each kind of source its own)."""

    def _more(self) -> bool:
        if self._failure is not None:
            raise self._failure
        if self._ended:
            return False
        try:
            self._step()
        except InputError as err:  # kept: every later read says the same
            self._failure = err
            raise
        return True

    def _take(self, n: int) -> bytes:
        data = bytes(self._out[:n])
        del self._out[:n]
        return data

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            while self._more():
                pass
            return self._take(len(self._out))
        while not self._out and self._more():
            pass
        return self._take(min(size, len(self._out)))

    def readline(self, size: int | None = -1) -> bytes:
        limit = -1 if size is None else size
        searched = 0
        while True:
            found = self._out.find(b"\n", searched)
            if found >= 0 and (limit < 0 or found < limit):
                return self._take(found + 1)
            if 0 <= limit <= len(self._out):
                return self._take(limit)
            searched = len(self._out)
            if not self._more():
                return self._take(len(self._out))


class DecompressingReader(_Source):
    """A readable stream of the decompressed bytes of ``raw`` (see the module docstring).

    Raises InputError(name, ...) from ``read``/``readline`` for a truncated archive,
    corrupt data, or output past the limits, once what was produced before is read."""

    def __init__(self, raw: BinaryIO, kind: Compression, name: str, *,
                 max_bytes: int = MAX_DECOMPRESSED_BYTES, max_ratio: float = MAX_RATIO,
                 closefd: bool = True) -> None:
        super().__init__()
        self._raw, self._kind, self._name = raw, kind, name
        self._max_bytes, self._max_ratio, self._closefd = max_bytes, max_ratio, closefd
        self._dec: _Inflater | None = _new(kind)
        self._pending = b""  # compressed bytes read and not yet fed
        self._read_in = self._produced = 0

    def close(self) -> None:
        if self._closefd and not self.closed:
            self._raw.close()
        super().close()

    def _step(self) -> None:
        if self._dec is None:
            self._between_members()
            return
        dec = self._dec
        if not self._pending and getattr(dec, "needs_input", True):
            chunk = self._raw.read(_IN_CHUNK)
            self._read_in += len(chunk)
            if not chunk and not self._drain(dec):
                raise InputError(self._name, TRUNCATED)
            self._pending = chunk
        try:
            out = self._feed(dec)
        except (zlib.error, OSError, EOFError, lzma.LZMAError, zstandard.ZstdError) as exc:
            raise InputError(self._name, f"cannot read: corrupt {self._kind} data "
                                         f"({exc})") from None
        self._emit(out)
        if dec.eof:
            self._pending = dec.unused_data + self._pending
            self._dec = None

    def _drain(self, dec: _Inflater) -> bool:
        """At the end of the input: output zlib still holds (True if there was some)."""
        if self._kind != "gzip":
            return False
        out = cast("zlib._Decompress", dec).flush()
        self._emit(out)
        return bool(out) or dec.eof

    def _emit(self, out: bytes) -> None:
        self._produced += len(out)
        self._failure = self._over_limits()
        if self._failure is not None:  # only what fits the limit is read
            out = out[:max(len(out) - (self._produced - self._max_bytes), 0)]
        self._out += out

    def _between_members(self) -> None:
        """After a member or frame: another one, zero padding, or the end."""
        if len(self._pending) < _MAGIC_BYTES:
            more = self._raw.read(_IN_CHUNK)
            self._read_in += len(more)
            self._pending += more
            if more:
                return
        if not self._pending:
            self._ended = True
        elif not self._pending.strip(b"\x00"):
            self._pending = b""  # padding: read on until the end
        elif compression_of(self._pending) != self._kind:
            raise InputError(self._name, f"cannot read: data after the end of the "
                                         f"{self._kind} archive is not {self._kind}")
        else:
            self._dec = _new(self._kind)

    def _feed(self, dec: _Inflater) -> bytes:
        if self._kind == "zstd":  # no output limit: small input slices instead
            piece, self._pending = (self._pending[:_ZSTD_IN_CHUNK],
                                    self._pending[_ZSTD_IN_CHUNK:])
            return dec.decompress(piece)
        if self._kind == "gzip":
            z = cast("zlib._Decompress", dec)
            out = z.decompress(self._pending, _OUT_CHUNK)
            # at a member's end zlib leaves what follows in unused_data (and, in some
            # versions, in unconsumed_tail as well): take it from one place only
            self._pending = b"" if z.eof else z.unconsumed_tail
            return out
        out = dec.decompress(self._pending, _OUT_CHUNK)
        self._pending = b""  # bz2 and lzma keep unconsumed input themselves
        return out

    def _over_limits(self) -> InputError | None:
        if self._produced > self._max_bytes:
            return InputError(self._name, f"decompresses to over {self._max_bytes:,} bytes "
                             "(a decompression bomb?); not read further — raise the limit "
                             "with --max-decompressed-bytes if the file is genuine")
        if self._produced > RATIO_FLOOR_BYTES and \
                self._produced > self._max_ratio * max(self._read_in, 1):
            return InputError(self._name, f"expands over {self._max_ratio:g} times "
                             f"({self._read_in:,} bytes to {self._produced:,} so far: a "
                             "decompression bomb?); not read further — raise the limit with "
                             "--max-ratio if the file is genuine")
        return None


def open_decompressed(raw: BinaryIO, kind: Compression, name: str, *,
                      max_bytes: int = MAX_DECOMPRESSED_BYTES,
                      max_ratio: float = MAX_RATIO) -> BinaryIO:
    """A stream (``read``, ``readline``) of ``raw`` decompressed within the limits."""
    reader = DecompressingReader(raw, kind, name, max_bytes=max_bytes, max_ratio=max_ratio)
    return cast(BinaryIO, reader)


class _Prefixed(_Source):
    """``head`` (bytes already read from ``rest``), then ``rest``."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._out += head
        self._rest = rest

    def _step(self) -> None:
        data = self._rest.read(_IN_CHUNK)
        if data:
            self._out += data
        else:
            self._ended = True


def prefixed(head: bytes, rest: BinaryIO) -> BinaryIO:
    """A buffered stream of ``head`` then ``rest``: what was read to sniff a stream that
    cannot seek (standard input), put back in front of it."""
    return cast(BinaryIO, _Prefixed(head, rest))
