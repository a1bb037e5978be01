"""Fixtures shared by the tests that code sentences through the public API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pourparler.pipeline import Coder


@pytest.fixture(scope="session")
def coder() -> Iterator[Coder]:
    """One coder for the session: its models load once."""
    yield Coder()
