"""The place stage: gazetteer, disambiguation, and the placing conventions of the eval README."""

from __future__ import annotations

from typing import Any

import pytest

from pourparler import nlp
from pourparler.actors import DocActors, find_actors, load_knowledge
from pourparler.geo import (
    Gazetteer,
    article_places,
    dateline_places,
    gdelt_geo,
    gdelt_geo_type,
    load_gazetteer,
    place_event,
)
from pourparler.model import Actor, Location
from pourparler.pipeline import normalise_text

# --- gazetteer -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(("name", "country"), [
    ("Moscou", "RUS"), ("Pékin", "CHN"), ("Londres", "GBR"), ("Genève", "CHE"),
    ("Varsovie", "POL"), ("Le Caire", "EGY"), ("La Havane", "CUB"), ("Alger", "DZA"),
    ("Kiev", "UKR"), ("Nouvelle-Delhi", "IND"), ("Abou Dhabi", "ARE"),
])
def test_french_exonyms_of_capitals(gaz: Gazetteer, name: str, country: str) -> None:
    place = gaz.best(name)
    assert place is not None and place.kind == "city" and place.country == country


@pytest.mark.parametrize(("name", "country", "admin1"), [
    ("la bande de Gaza", "PSE", "Gaza Strip"), ("the Gaza Strip", "PSE", "Gaza Strip"),
    ("la Cisjordanie", "PSE", "West Bank"), ("le Donbass", "UKR", None),
    ("la Crimée", "UKR", "Autonomous Republic of Crimea"), ("the Sahel", None, None),
    ("Haut-Karabakh", "AZE", None), ("la mer de Chine méridionale", None, None),
])
def test_news_areas_are_regions(gaz: Gazetteer, name: str, country: str | None,
                                admin1: str | None) -> None:
    place = gaz.best(name)
    assert place is not None
    loc = place.location(name)
    assert (loc.precision, loc.country, loc.admin1, loc.name) == ("region", country, admin1, name)
    assert loc.lat is not None and loc.lon is not None


def test_population_decides_without_context(gaz: Gazetteer) -> None:
    assert [gaz.best(n).country for n in ("Paris", "Tripoli", "Rafah")  # type: ignore[union-attr]
            ] == ["FRA", "LBY", "PSE"]


def test_countries_in_play_decide_between_contenders(gaz: Gazetteer) -> None:
    assert gaz.best("Tripoli", {"LBN": 0.4}).country == "LBN"  # type: ignore[union-attr]
    assert gaz.best("Rafah", {"EGY": 0.2}).country == "EGY"  # type: ignore[union-attr]
    assert gaz.best("Carthagène", {"ESP": 0.3}).country == "ESP"  # type: ignore[union-attr]


def test_abbreviated_saints(gaz: Gazetteer) -> None:
    assert gaz.best("St Vincent and the Grenadines").country == "VCT"  # type: ignore[union-attr]
    assert gaz.best("St. Petersburg").country == "RUS"  # type: ignore[union-attr]
    assert gaz.best("St-Étienne").country == "FRA"  # type: ignore[union-attr]


def test_seats_without_a_population_still_contend(gaz: Gazetteer) -> None:
    # GeoNames lists the Syrian district seat Madaya without a population: it must still win
    # its name when Syria is in play, and lose it to the Burmese town otherwise
    assert gaz.best("Madaya", {"SYR": 0.5}).country == "SYR"  # type: ignore[union-attr]
    assert gaz.best("Madaya", {"MMR": 0.5}).country == "MMR"  # type: ignore[union-attr]
    assert gaz.best("Sinjar", {"IRQ": 0.5}).country == "IRQ"  # type: ignore[union-attr]
    # ... but never a world city's name
    assert gaz.best("Tallinn", {"SYR": 0.9}).country == "EST"  # type: ignore[union-attr]


def test_small_homonyms_never_beat_world_cities(gaz: Gazetteer) -> None:
    # Paris, Texas and Geneva, Illinois exist, but an American story's "Paris" is in France
    assert gaz.best("Paris", {"USA": 1.0}).country == "FRA"  # type: ignore[union-attr]
    assert gaz.best("Geneva", {"USA": 1.0}).country == "CHE"  # type: ignore[union-attr]


def test_a_state_by_its_own_name_is_the_state(gaz: Gazetteer) -> None:
    assert gaz.best("Mexico").kind == "country"  # type: ignore[union-attr]
    assert gaz.best("Koweït").country == "KWT"  # type: ignore[union-attr]
    # another name the actor stage gives a state is not the state here: Gaza is a city
    assert gaz.best("Gaza").kind == "city"  # type: ignore[union-attr]


def test_seats_demonyms_and_codes(gaz: Gazetteer) -> None:
    assert gaz.seat_country("la Maison Blanche") == "USA"
    assert gaz.seat_country("the Kremlin") == "RUS"
    assert gaz.demonym_country("israélien") == "ISR"
    assert gaz.fips("UKR") == "UP"
    capital = gaz.capital("USA")
    assert capital is not None and capital.name == "Washington"
    assert gaz.best("nowhere at all") is None


def test_dateline_places() -> None:
    assert dateline_places("MINSK, Feb 12 (Wire) - The leaders met.")[0] == ["MINSK"]
    places, rest = dateline_places("VOSTOCHNY COSMODROME, Russia, Sept 13 (Wire) - Putin ...")
    assert places == ["VOSTOCHNY COSMODROME"] and rest[0] == "Russia"
    assert dateline_places("KINSHASA/GOMA, Jan 28 (Wire) - ...")[0] == ["KINSHASA", "GOMA"]
    assert dateline_places("Les dirigeants se sont réunis.") == ([], [])


def test_gdelt_geography(gaz: Gazetteer) -> None:
    kyiv = gaz.best("Kiev")
    assert kyiv is not None
    geo = gdelt_geo(kyiv.location("Kiev"), gaz)
    assert (geo.type, geo.country_code) == (4, "UP")
    assert geo.adm1_code.startswith("UP") and geo.feature_id == str(kyiv.geonameid)
    washington = gaz.best("Washington")
    assert washington is not None
    assert gdelt_geo_type(washington.location()) == 3
    assert gdelt_geo(washington.location(), gaz).adm1_code == "USDC"
    assert gdelt_geo_type(Location("Texas", "USA", "Texas", 31.0, -99.0, "region")) == 2
    assert gdelt_geo_type(Location("Ukraine", "UKR", None, 49.0, 32.0, "country")) == 1
    assert gdelt_geo_type(Location("Donbass", "UKR", None, 48.3, 38.5, "region")) == 5


# --- placing events (real models) ------------------------------------------------------------

class _Parsed:
    def __init__(self, text: str, lang: str) -> None:
        self.doc = nlp.load(lang)(normalise_text(text, lang))
        self.actors: DocActors = find_actors(self.doc, load_knowledge(), lang, None)
        self.places = article_places(self.doc, self.actors, lang, text=text)
        self.lang = lang

    def place(self, word: str, code: str, source: str | None = None,
              target: str | None = None) -> Location | None:
        pred = next(t for t in self.doc if t.text == word)
        return place_event(pred.sent, pred, code, self.actors, self.places,
                           source=_state(source), target=_state(target))


def _state(iso3: str | None) -> Actor | None:
    return Actor(iso3, iso3, iso3) if iso3 else None


@pytest.fixture(scope="module")
def parse() -> Any:
    return _Parsed


def test_capital_as_subject_is_an_actor_not_a_place(parse: Any) -> None:
    p = parse("Washington a averti Moscou jeudi contre toute escalade.", "fr")
    assert p.place("averti", "130", "USA", "RUS") is None
    p = parse("The Kremlin said on Monday it would respond to the sanctions.", "en")
    assert p.place("respond", "130", "RUS", "USA") is None


def test_place_given_with_a_preposition(parse: Any) -> None:
    p = parse("Sergueï Lavrov a rencontré Antony Blinken à Genève jeudi.", "fr")
    loc = p.place("rencontré", "043", "RUS", "USA")
    assert loc is not None and (loc.country, loc.precision, loc.name) == ("CHE", "city", "Genève")
    p = parse("The two presidents met at the White House on Tuesday.", "en")
    loc = p.place("met", "043", "USA", "FRA")
    assert loc is not None and loc.country == "USA" and loc.precision == "city"
    assert loc.lat is not None and abs(loc.lat - 38.9) < 0.5


def test_fronted_place_sets_the_scene_for_the_clause(parse: Any) -> None:
    p = parse("À Berlin, le chancelier a dénoncé les frappes et annoncé des sanctions contre "
              "la Russie.", "fr")
    loc = p.place("sanctions", "163", "DEU", "RUS")
    assert loc is not None and loc.country == "DEU"


def test_attack_is_where_it_struck(parse: Any) -> None:
    p = parse("Israeli aircraft carried out strikes on Khan Yunis overnight, the army said.", "en")
    loc = p.place("strikes", "195", "ISR", "PSE")
    assert loc is not None and loc.country == "PSE" and loc.precision == "city"
    p = parse("Les forces russes ont lancé jeudi une invasion de l'Ukraine.", "fr")
    loc = p.place("invasion", "190", "RUS", "UKR")
    assert loc is not None and (loc.country, loc.precision) == ("UKR", "country")


def test_capital_named_by_its_state(parse: Any) -> None:
    p = parse("Les deux dirigeants se sont rencontrés mardi dans la capitale kényane.", "fr")
    loc = p.place("rencontrés", "040", "ETH", "SOM")
    assert loc is not None and (loc.name, loc.country, loc.precision) == ("Nairobi", "KEN",
                                                                          "city")
    p = parse("The two leaders met in the Afghan capital on Tuesday.", "en")
    loc = p.place("met", "040", "PAK", "CHN")
    assert loc is not None and (loc.name, loc.country) == ("Kabul", "AFG")


def test_common_nouns_and_days_are_not_places(parse: Any) -> None:
    # "port" alone would be Le Port (Réunion), "Monday" a town in Brazil
    p = parse("Des missiles ont frappé samedi le port d'Odessa.", "fr")
    loc = p.place("frappé", "190", "RUS", None)
    assert loc is not None and (loc.name, loc.country) == ("Odessa", "UKR")
    p = parse("The army carried out raids on Monday.", "en")
    assert p.place("raids", "190", "MMR", None) is None


def test_region_in_a_news_area(parse: Any) -> None:
    p = parse("Les bombardements se sont poursuivis dans la bande de Gaza mardi.", "fr")
    loc = p.place("bombardements", "195", "ISR", "PSE")
    assert loc is not None and (loc.country, loc.precision) == ("PSE", "region")


def test_dateline_places_meetings_not_statements_or_calls(parse: Any) -> None:
    text = ("OSLO, March 3 (Wire) - Norway hosted talks between the two delegations on Friday. "
            "The Norwegian foreign minister condemned the violence. "
            "Later, the prime minister spoke by phone with the Ethiopian president.")
    p = parse(text, "en")
    loc = p.place("hosted", "043", "NOR", "ETH")
    assert loc is not None and loc.name == "Oslo" and loc.country == "NOR"
    assert p.place("condemned", "111", "NOR", "ETH") is None
    assert p.place("spoke", "040", "NOR", "ETH") is None


def test_what_two_parties_agree_after_a_placed_meeting_is_there(parse: Any) -> None:
    text = ("Les ministres indien et chinois se sont rencontrés mardi à Bichkek. "
            "Les deux ministres sont convenus de rouvrir des consulats. "
            "Le ministre indien a ensuite consulté son homologue pakistanais.")
    p = parse(text, "fr")
    met = p.place("rencontrés", "040", "IND", "CHN")
    assert met is not None and met.country == "KGZ"
    agreed = p.place("convenus", "030", "CHN", "IND")  # either direction
    assert agreed is not None and agreed.name == met.name
    # another pair: nothing carried over
    assert p.place("consulté", "040", "IND", "PAK") is None


def test_visit_is_at_the_hosts_place(parse: Any) -> None:
    p = parse("Le chef de la diplomatie américaine s'est rendu en Chine lundi.", "fr")
    loc = p.place("rendu", "042", "USA", "CHN")
    assert loc is not None and loc.country == "CHN"
    p = parse("The US envoy arrived on Monday for a two-day visit.", "en")
    loc = p.place("arrived", "042", "USA", "CHN")
    assert loc is not None and (loc.country, loc.precision) == ("CHN", "country")


def test_expulsion_is_in_the_expelling_state(parse: Any) -> None:
    p = parse("Les autorités ont expulsé l'ambassadeur de France lundi.", "fr")
    loc = p.place("expulsé", "161", "MLI", "FRA")
    assert loc is not None and (loc.country, loc.precision) == ("MLI", "country")
    # a person addressed with "à" is not a place
    p = parse("La junte a ordonné à l'ambassadeur de France de quitter le pays.", "fr")
    loc = p.place("ordonné", "161", "MLI", "FRA")
    assert loc is not None and loc.country == "MLI"


def test_phone_call_has_no_place(parse: Any) -> None:
    p = parse("PARIS - Emmanuel Macron s'est entretenu au téléphone avec Vladimir Poutine.", "fr")
    assert p.place("entretenu", "040", "FRA", "RUS") is None
