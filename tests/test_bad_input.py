"""Bad inputs: each gives one clear line on stderr, no traceback, and the batch goes on.

The command runs in a real subprocess, as a user would run it, on a batch that mixes good
articles with every kind of bad input.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

GOOD_FR = (
    "PARIS - Le ministre français des Affaires étrangères a rencontré mardi à Rome son "
    "homologue italien pour préparer le prochain sommet européen."
)
GOOD_EN = (
    "LONDON - Britain's prime minister met the Canadian prime minister in London on Monday "
    "to discuss trade and support for Ukraine."
)
LATIN1_FR = (
    "MADRID - Le président du gouvernement espagnol a reçu vendredi à Madrid le Premier "
    "ministre portugais, a annoncé l'exécutif espagnol."
)
GERMAN = (
    "BERLIN - Der Bundeskanzler hat am Donnerstag in Berlin den französischen Präsidenten "
    "empfangen, um über die Unterstützung für die Ukraine zu sprechen."
)
SPANISH = (
    "MADRID - El presidente del Gobierno recibió el viernes en Madrid al primer ministro "
    "portugués para hablar de la cooperación entre ambos países."
)
FIVE_MB = 5_000_000


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def lines_naming(self, token: str) -> list[str]:
        return [line for line in self.lines if token in line]


def _run(*args: str, cwd: Path) -> Run:
    proc = subprocess.run([sys.executable, "-m", "pourparler.cli", "code", *args,
                           "--format", "jsonl"],
                          capture_output=True, text=True, cwd=cwd, timeout=600, check=False)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def _write_batch(d: Path) -> list[str]:
    (d / "good-fr.txt").write_text(GOOD_FR, encoding="utf-8")
    (d / "ancien.txt").write_bytes(LATIN1_FR.encode("latin-1"))
    (d / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"\x00\x01\x02" * 500)
    (d / "huge.txt").write_text("a" * (FIVE_MB - 1) + "\n", encoding="utf-8")
    (d / "german.txt").write_text(GERMAN, encoding="utf-8")
    lines = [
        json.dumps({"id": "en-good", "lang": "en", "published": "2023-05-08", "text": GOOD_EN}),
        json.dumps({"id": "blank-one", "text": ""}),
        json.dumps({"id": "textless", "title": "Only a title"}),
        '{"id": "cut-short", "text": "Le ministre a',
        json.dumps({"id": "es-article", "published": "2023-05-08", "text": SPANISH}),
    ]
    (d / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["good-fr.txt", "batch.jsonl", "scan.pdf", "ancien.txt", "huge.txt", "german.txt"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Run:
    d = tmp_path_factory.mktemp("batch")
    return _run(*_write_batch(d), cwd=d)


# (token that names the input in its stderr line, words the reason must contain)
BAD_INPUTS = {
    "empty text": ("batch.jsonl:2", ["empty text"]),
    "missing text field": ("batch.jsonl:3", ["textless", "text"]),
    "malformed JSON line": ("batch.jsonl:4", ["not valid JSON"]),
    "binary file": ("scan.pdf", ["binary"]),
    "5 MB text": ("huge.txt", ["too long", "5,000,000"]),
    "German article": ("german", ["language", "'de'"]),
    "Spanish article": ("es-article", ["language", "'es'"]),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_each_bad_input_gives_one_clear_line(batch: Run, case: str) -> None:
    token, words = BAD_INPUTS[case]
    named = [line for line in batch.lines_naming(token) if not line.startswith(
        "pourparler: coded ")]
    assert len(named) == 1, batch.stderr
    assert named[0].startswith("pourparler: ")
    for word in words:
        assert word in named[0]


def test_no_traceback_and_every_line_is_ours(batch: Run) -> None:
    assert "Traceback" not in batch.stderr
    assert all(line.startswith("pourparler: ") for line in batch.lines), batch.stderr


def test_good_articles_in_the_same_batch_are_coded(batch: Run) -> None:
    assert batch.returncode == 0, batch.stderr
    assert "pourparler: coded 3 articles" in batch.stderr
    assert "skipped 7, failed 0" in batch.stderr
    # the summary groups the reasons
    assert "pourparler: skipped 1: binary file, not text" in batch.stderr
    events = [json.loads(line) for line in batch.stdout.splitlines() if line.strip()]
    assert {e["article_id"] for e in events} <= {"good-fr", "en-good", "ancien"}


def test_latin1_file_is_coded_with_a_warning(batch: Run) -> None:
    [warning] = batch.lines_naming("ancien.txt")
    assert "UTF-8" in warning
    events = [json.loads(line) for line in batch.stdout.splitlines() if line.strip()]
    for event in events:
        if event["article_id"] == "ancien":
            assert event["evidence"]["text"] in LATIN1_FR  # accents decoded, not mangled


def test_nothing_coded_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    (tmp_path / "blob.bin").write_bytes(b"\x00" * 64)
    run = _run("empty.txt", "blob.bin", cwd=tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert len(run.lines_naming("empty.txt")) == 1
    assert len(run.lines_naming("blob.bin")) == 1
    assert run.stdout == ""


def test_only_an_unsupported_language_exits_1(tmp_path: Path) -> None:
    (tmp_path / "deutsch.txt").write_text(GERMAN, encoding="utf-8")
    run = _run("deutsch.txt", cwd=tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert len(run.lines_naming("deutsch")) == 1


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "here.txt").write_text(GOOD_EN, encoding="utf-8")
    run = _run("here.txt", "not-here.txt", cwd=tmp_path)
    assert run.returncode == 2
    assert run.lines_naming("not-here.txt") == ["pourparler: not-here.txt: no such file"]
