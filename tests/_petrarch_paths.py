"""Where the tests find the user's PETRARCH dictionaries: never inside the repository.

They are read from ``$POURPARLER_SHARED/eval/petrarch-dictionaries`` (default: the ``shared``
folder beside the repository, as in test_accuracy_gate); tests skip with the reason when absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_ENV = "POURPARLER_SHARED"


def shared_eval() -> Path:
    override = os.environ.get(SHARED_ENV)
    shared = Path(override) if override else Path(__file__).resolve().parents[2] / "shared"
    return shared / "eval"


def dictionaries_dir() -> Path:
    path = shared_eval() / "petrarch-dictionaries"
    if not path.is_dir():
        pytest.skip(f"PETRARCH dictionaries not found in {path}; set {SHARED_ENV} to the "
                    "folder that holds eval/petrarch-dictionaries")
    return path


VALIDATION = {
    "actors": "PETR.Validate.actors.txt",
    "agents": "PETR.Validate.agents.txt",
    "verbs": "PETR.Validate.verbs.txt",
    "discards": "PETR.Validate.discards.txt",
}
