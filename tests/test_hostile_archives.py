"""Broken and hostile compressed inputs, overlong and deeply nested records (issue 12,
defects 7 and 8): a truncated archive is reported as such after the articles before the cut,
a decompression bomb is stopped with flat memory, one bad record never stops the rest."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import zstandard
from typer.testing import CliRunner

from pourparler.errors import InputError
from pourparler.ingest.corpus import read_any
from pourparler.ingest.files import MAX_JSON_DEPTH, ReadOptions
from pourparler.model import Article

GOOD = "LONDON - Britain's prime minister met the Canadian prime minister in London on Monday."

_COMPRESS: dict[str, Callable[[bytes], bytes]] = {
    ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data)}


def _rows(n: int) -> bytes:
    return "".join(json.dumps({"id": f"a{i}", "text": f"{GOOD} Ref {i} {'x' * (i % 50)}."})
                   + "\n" for i in range(n)).encode()


def _read(data: bytes, name: str, tmp: Path | None,
          options: ReadOptions | None = None) -> list[Article | InputError]:
    if tmp is None:
        return list(read_any(["-"], options=options, stdin=io.BytesIO(data)))
    path = tmp / name
    path.write_bytes(data)
    return list(read_any([path], options=options))


@pytest.mark.parametrize("suffix", sorted(_COMPRESS))
@pytest.mark.parametrize("on_stdin", [False, True])
def test_a_truncated_archive_is_reported_after_the_articles_before_the_cut(
        tmp_path: Path, suffix: str, on_stdin: bool) -> None:
    # ~1.8 MB of text: two of bzip2's 900 kB blocks, so the cut falls in the second
    rng = random.Random(11)
    rows = "".join(json.dumps({"id": f"a{i}", "text": f"{GOOD} {rng.randbytes(1500).hex()}"})
                   + "\n" for i in range(400)).encode()
    data = _COMPRESS[suffix](rows)
    out = _read(data[: len(data) * 9 // 10], f"cut.jsonl{suffix}",
                None if on_stdin else tmp_path)
    errors = [x for x in out if isinstance(x, InputError)]
    assert len(errors) == 1, errors  # before (.zst): none, the cut file read as complete
    assert "truncated archive" in errors[0].reason and out[-1] is errors[0]
    assert ("<stdin>" if on_stdin else "cut.jsonl") in errors[0].source
    articles = [a for a in out if isinstance(a, Article)]
    assert 0 < len(articles) < 400
    assert [a.id for a in articles] == [f"a{i}" for i in range(len(articles))]


@pytest.mark.parametrize("suffix", sorted(_COMPRESS))
def test_complete_and_concatenated_archives_read_whole(tmp_path: Path, suffix: str) -> None:
    first, second = _rows(30), _rows(60)[len(_rows(30)):]
    data = _COMPRESS[suffix](first) + _COMPRESS[suffix](second)
    out = _read(data, f"two.jsonl{suffix}", tmp_path)
    assert all(isinstance(a, Article) for a in out), out[-1]
    assert len(out) == 60


def test_corrupt_compressed_data_is_one_error(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(_rows(200)))
    data[len(data) // 2: len(data) // 2 + 64] = b"\x00" * 64
    out = _read(bytes(data), "bad.jsonl.gz", tmp_path)
    errors = [x for x in out if isinstance(x, InputError)]
    assert len(errors) == 1 and "corrupt gzip" in errors[0].reason


_BOMB_READER = textwrap.dedent("""
    import io, json, resource, sys
    from pathlib import Path
    from pourparler.ingest.corpus import read_any
    from pourparler.errors import InputError
    # a safety net: a reader that holds the bomb in memory fails here instead of taking
    # the machine's memory
    resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, resource.getrlimit(resource.RLIMIT_AS)[1]))
    source = sys.argv[1]
    data = Path(source).read_bytes()
    items = list(read_any(["-"], stdin=io.BytesIO(data)) if sys.argv[2] == "stdin"
                 else read_any([source]))
    # this process's own peak (VmHWM starts afresh at exec; ru_maxrss would count the
    # forking test runner's memory)
    status = Path("/proc/self/status")
    hwm = [ln for ln in status.read_text().splitlines() if ln.startswith("VmHWM")] \
        if status.exists() else []
    peak_mb = (int(hwm[0].split()[1]) if hwm else
               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
    print(json.dumps({"articles": sum(not isinstance(i, InputError) for i in items),
                      "errors": [i.reason for i in items if isinstance(i, InputError)],
                      "peak_mb": peak_mb}))
""")
#: Peak memory the bomb reader may reach: the interpreter and readers take ~60 MB, the
#: bomb's 1 MB and the reader's buffers a few more; the unbounded reader took 2.1 GB.
_BOMB_PEAK_MB = 300


@pytest.mark.skipif(sys.platform != "linux", reason="peak memory read from /proc")
@pytest.mark.parametrize("where", ["file", "stdin"])
def test_a_gzip_bomb_is_stopped_with_flat_memory(tmp_path: Path, where: str) -> None:
    # ~1 MB of gzip members, each 10 MiB of one repeated byte: 1 GiB once decompressed
    member = gzip.compress(b" " * (10 << 20))
    bomb = gzip.compress(_rows(3)) + member * ((1 << 20) // len(member))
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(bomb)
    run = subprocess.run([sys.executable, "-c", _BOMB_READER, str(path), where],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout)
    assert result["articles"] == 3  # what came before the bomb is read
    [reason] = result["errors"]
    assert "decompression bomb" in reason or "record over" in reason
    assert result["peak_mb"] < _BOMB_PEAK_MB


def test_the_decompression_limits_are_options(tmp_path: Path) -> None:
    data = gzip.compress(_rows(200))
    small = ReadOptions(max_decompressed_bytes=4000)
    out = _read(data, "c.jsonl.gz", tmp_path, small)
    assert isinstance(out[-1], InputError) and "over 4,000 bytes" in out[-1].reason
    assert 0 < sum(isinstance(a, Article) for a in out) < 200
    assert all(isinstance(a, Article) for a in _read(data, "c.jsonl.gz", tmp_path))


def test_an_overlong_record_is_one_bad_record_and_the_rest_is_read(tmp_path: Path) -> None:
    opts = ReadOptions(max_record_bytes=2000)
    huge = json.dumps({"id": "huge", "text": GOOD * 100}).encode() + b"\n"
    data = _rows(2) + huge + _rows(3)[len(_rows(2)):]
    for name, tmp in (("long.jsonl", tmp_path), ("long.jsonl.gz", tmp_path), ("-", None)):
        blob = gzip.compress(data) if name.endswith(".gz") else data
        out = _read(blob, name, tmp, opts)
        assert [getattr(a, "id", None) for a in out] == ["a0", "a1", None, "a2"], name
        err = out[2]
        assert isinstance(err, InputError) and "record over 2,000 bytes" in err.reason
        assert err.source.endswith(":3")


def test_an_overlong_csv_line_or_text_file_is_refused(tmp_path: Path) -> None:
    opts = ReadOptions(max_record_bytes=500)
    rows = "id,text\nc1," + GOOD + "\nc2," + "long " * 200 + "\nc3," + GOOD + "\n"
    out = _read(rows.encode(), "c.csv", tmp_path, opts)
    assert isinstance(out[0], Article) and out[0].id == "c1"
    assert isinstance(out[-1], InputError) and "line over 500 bytes" in out[-1].reason
    text = tmp_path / "long.txt"
    text.write_text(GOOD * 20, encoding="utf-8")
    [err] = list(read_any([text], options=opts))
    assert isinstance(err, InputError) and "record over" in err.reason
    [err] = _read((GOOD * 20).encode(), "-", None, opts)
    assert isinstance(err, InputError) and "record over" in err.reason


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 900, 100_000])
def test_deeply_nested_json_is_one_bad_record(tmp_path: Path, depth: int) -> None:
    deep = "[" * depth + "]" * depth
    data = (json.dumps({"id": "ok1", "text": GOOD}) + "\n"
            + '{"id": "deep", "text": "' + GOOD + '", "title": ' + deep + "}\n"
            + json.dumps({"id": "ok2", "text": GOOD}) + "\n").encode()
    out = _read(data, "deep.jsonl", tmp_path)
    # before: a title 900 levels deep was read as a title of brackets
    assert [getattr(a, "id", None) for a in out] == ["ok1", None, "ok2"]
    err = out[1]
    assert isinstance(err, InputError) and "nested deeper" in err.reason
    assert err.source.endswith("deep.jsonl:2")


def test_brackets_inside_strings_are_not_nesting(tmp_path: Path) -> None:
    text = GOOD + " " + "[" * 500 + "{" * 500
    out = _read((json.dumps({"id": "b", "text": text, "meta": {"a": [1, [2]]}}) + "\n")
                .encode(), "b.jsonl", tmp_path)
    assert len(out) == 1 and isinstance(out[0], Article) and out[0].text == text


def test_code_reports_a_truncated_archive_and_fails_when_nothing_was_coded(
        tmp_path: Path) -> None:
    from pourparler.cli import app

    data = zstandard.ZstdCompressor().compress(_rows(50))
    path = tmp_path / "cut.jsonl.zst"
    path.write_bytes(data[:20])  # cut before the first record is whole
    result = CliRunner().invoke(app, ["code", str(path), "--format", "jsonl"])
    assert result.exit_code == 1  # before: exit 0, nothing said
    lines = [ln for ln in result.stderr.splitlines() if "truncated archive" in ln]
    assert len(lines) == 2 and str(path) in lines[0]  # the error line, then the summary's
    assert "skipped 1: truncated archive" in lines[1]
