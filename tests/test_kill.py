"""kill -9 at random moments of store creation and of ingest, the reader during the write
(issue 12): after every kill the store opens, every article committed before it is there,
none is half-written, and every read made meanwhile saw a committed state. The trials are in
tests/kill_trials.py; benchmarks/kill.py runs many more."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

import kill_trials as kt

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the trials fork (POSIX)")

#: Trials of each kind in CI (a second or two each); a fixed seed keeps CI stable.
_TRIALS, _SEED = 10, 12


def _no_damage(stats: kt.TrialStats) -> None:
    assert stats.problems == []
    assert stats.lost == 0 and stats.half_written == 0 and stats.inconsistent_reads == 0
    assert stats.trials == _TRIALS


def test_kill_9_during_store_creation(tmp_path: Path) -> None:
    stats = kt.creation_trials(tmp_path, _TRIALS, random.Random(_SEED))
    _no_damage(stats)
    assert stats.killed_mid_write >= _TRIALS // 2  # the kills did land during the work


def test_kill_9_during_ingest_with_a_reader(tmp_path: Path) -> None:
    stats = kt.ingest_trials(tmp_path, _TRIALS, random.Random(_SEED))
    _no_damage(stats)
    assert stats.killed_mid_write >= _TRIALS // 2
    assert stats.committed_seen > 0 and stats.reads > 0
