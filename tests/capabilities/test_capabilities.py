"""Capability suite: each cell's pass rate (PHENOMENA class or CAMEO root, per language)
must stay at or above its pinned floor in ``floors.json``.

Each sentence is coded once per module; ``python benchmarks/capabilities.py`` prints the
matrix and ``--write-floors`` re-pins the floors.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pourparler.pipeline import Coder

from .suite import TEMPLATES, all_cases, cells, load_floors, measure

FLOORS = load_floors()
CELL_LANGS = [(cell, lang) for cell in cells() for lang in ("en", "fr")]


@pytest.fixture(scope="module")
def matrix() -> Iterator[dict[tuple[str, str], tuple[float, int]]]:
    """Pass rate and size of every cell, measured once for the module."""
    yield measure(Coder(), all_cases(TEMPLATES))


@pytest.mark.parametrize(("cell", "lang"), CELL_LANGS,
                         ids=[f"{c}-{lang}" for c, lang in CELL_LANGS])
def test_cell_floor(matrix: dict[tuple[str, str], tuple[float, int]], cell: str,
                    lang: str) -> None:
    """The cell's pass rate is at least its pinned floor."""
    rate, n = matrix[(cell, lang)]
    floor = FLOORS[cell][lang]
    assert n >= 20
    assert rate >= floor, f"{cell} {lang}: {rate:.2f} over {n} cases < floor {floor:.2f}"
