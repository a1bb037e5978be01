"""Unstated counterparts (events/_counterparts.py) through the public pipeline.

Sentences of our own: the side an act leaves to the story is filled by its family (protest:
the protesters' own government; arrests: the state's authorities and its people; a donor's
pledge: the story's other party), at inferred confidence, and never against what the sentence
says.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from pourparler.model import Article, Event
from pourparler.pipeline import Coder

PUBLISHED = date(2021, 6, 10)
#: Confidence of an explicit frame (events/_syntax.py): an inferred side must rank lower.
EXPLICIT = 0.8


@pytest.fixture(scope="module")
def coder() -> Iterator[Coder]:
    yield Coder()


def code(coder: Coder, text: str, lang: str) -> list[Event]:
    result = coder.code_one(Article("c", text, published=PUBLISHED, lang=lang))
    assert result.error is None
    return result.events


def found(events: list[Event], root: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(e.source.key if e.source else None, e.target.key if e.target else None,
             e.target.sector if e.target else None) for e in events if e.root == root]


@pytest.mark.parametrize(("lang", "text", "iso3"), [
    ("en", "Thousands of Kenyans marched through Nairobi on Sunday.", "KEN"),
    ("en", "Georgian opposition supporters protested on Sunday.", "GEO"),
    ("fr", "Des milliers de Géorgiens ont manifesté à Tbilissi dimanche.", "GEO"),
    ("fr", "Des étudiants ont manifesté à Dakar.", "SEN"),
])
def test_a_protest_with_no_target_is_against_the_own_government(
        coder: Coder, lang: str, text: str, iso3: str) -> None:
    events = code(coder, text, lang)
    assert found(events, "14") == [(iso3, iso3, "GOV")]
    assert all(e.confidence < EXPLICIT for e in events if e.root == "14")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Georgia protested."),  # an official protest: at another state, none named here
    ("fr", "La Géorgie a protesté."),
])
def test_a_state_protest_is_not_aimed_at_itself(coder: Coder, lang: str, text: str) -> None:
    assert found(code(coder, text, lang), "14") == []


@pytest.mark.parametrize(("lang", "text", "iso3"), [
    ("en", "Fourteen people have been arrested in Benin.", "BEN"),
    ("en", "Twenty students were detained in Lagos.", "NGA"),
    ("fr", "Quatorze personnes ont été arrêtées au Bénin.", "BEN"),
    ("fr", "Vingt étudiants ont été interpellés à Lagos.", "NGA"),
])
def test_arrests_with_no_agent_are_by_the_state_of_the_place(
        coder: Coder, lang: str, text: str, iso3: str) -> None:
    events = code(coder, text, lang)
    assert found(events, "17") == [(iso3, iso3, "CVL")]
    (event,) = [e for e in events if e.root == "17"]
    assert event.source is not None and event.source.sector == "GOV"


def test_arrests_by_named_police_keep_them_and_take_their_people(coder: Coder) -> None:
    events = code(coder, "Kenyan police arrested dozens of protesters.", "en")
    assert found(events, "17") == [("KEN", "KEN", "CVL")]


def test_an_arrest_with_no_people_named_invents_no_one(coder: Coder) -> None:
    assert found(code(coder, "The arrests continued.", "en"), "17") == []


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Uganda is a close partner of Kenya. Uganda thanked Kenya. "
           "Japan pledged another 400 million dollars on Tuesday."),
    ("fr", "L'Ouganda remercie le Kenya. Le Kenya salue l'Ouganda. "
           "Le Japon a accordé une aide de 200 millions de dollars mardi."),
])
def test_a_pledge_with_no_recipient_goes_to_the_story_party(coder: Coder, lang: str,
                                                            text: str) -> None:
    events = code(coder, text, lang)
    assert [(s, t) for s, t, _ in found(events, "07")] == [("JPN", "UGA")]


def test_an_aid_noun_under_another_act_gets_no_recipient(coder: Coder) -> None:
    text = ("La France a salué le Niger. Le Niger a remercié la France. "
            "La France avait suspendu samedi toutes ses actions d'aide au développement.")
    assert found(code(coder, text, "fr"), "07") == []


def test_an_unstated_counterpart_survives_a_round_trip_of_the_record(coder: Coder) -> None:
    events = code(coder, "Police in Nairobi arrested forty protesters on Friday.", "en")
    events += code(coder, "Forty protesters were arrested in Nairobi on Friday.", "en")
    unstated = [e for e in events if e.source is not None and e.source.text == ""]
    assert unstated, [e.to_dict() for e in events]
    for e in unstated:
        assert Event.from_dict(e.to_dict()).to_dict() == e.to_dict()


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Tension is rising between Kenya and Uganda. Kenya threatened on Monday to "
           "retaliate."),
    ("en", "Kenya and Uganda are locked in a dispute over the dam. On Sunday, Kenya recalled "
           "its ambassador."),
    ("fr", "La tension monte entre le Kenya et l'Ouganda. Le Kenya a menacé lundi de "
           "riposter."),
])
def test_the_one_other_party_of_a_short_story_is_the_unstated_target(
        coder: Coder, lang: str, text: str) -> None:
    events = [e for e in code(coder, text, lang) if e.source and e.source.key == "KEN"]
    assert events and {e.target.key if e.target else None for e in events} == {"UGA"}


def test_two_passing_mentions_leave_the_target_unstated(coder: Coder) -> None:
    text = ("Kenya, Uganda and Tanzania share the lake. On Sunday, Kenya recalled its "
            "ambassador.")
    assert not [e for e in code(coder, text, "en") if e.root == "16" and e.target]


@pytest.mark.parametrize("text", [
    "OSLO, March 3 (Wire) - Rebel fighters shot dead forty villagers at a market on Monday.",
    "OSLO, March 3 (Wire) - Armed men killed twelve patients in a hospital on Monday.",
])
def test_the_dateline_is_no_victim_of_an_attack_the_sentence_places_elsewhere(
        coder: Coder, text: str) -> None:
    # the story is filed from Oslo; nothing in the sentence is Norwegian
    events = code(coder, text, "en")
    assert not [e for e in events if e.target is not None and e.target.key == "NOR"], [
        (e.source, e.target, e.cameo) for e in events]


def test_the_dateline_state_is_struck_when_the_sentence_points_there(coder: Coder) -> None:
    # the sentence names the dateline's state ("a Kenyan village"): the struck side stands
    text = ("NAIROBI, March 3 (Wire) - Somali warplanes bombed what Mogadishu called a "
            "militant camp near a Kenyan village on Monday.")
    events = code(coder, text, "en")
    assert ("SOM", "KEN") in {(e.source.key if e.source else None,
                               e.target.key if e.target else None)
                              for e in events if e.root == "19"}, [
        (e.source, e.target, e.cameo) for e in events]


@pytest.mark.parametrize("text", [
    "Kenyan police rounded up dozens of people in Nairobi.",
    "Kenyan police arrested hundreds of protesters in Nairobi.",
])
def test_a_count_of_people_arrested_are_the_authorities_people(coder: Coder, text: str) -> None:
    assert found(code(coder, text, "en"), "17") == [("KEN", "KEN", "CVL")]
