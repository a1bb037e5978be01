"""Who judges a hostile act judges its agent, never its victim (sentences of our own, through
the whole pipeline)."""

from __future__ import annotations

from datetime import date

import pytest

from pourparler.model import Article, Event
from pourparler.pipeline import Coder


def code(coder: Coder, text: str, lang: str) -> list[Event]:
    result = coder.code_one(Article("judge", text, published=date(2022, 3, 1), lang=lang))
    assert result.error is None, result.error
    return result.events


def pairs(events: list[Event], root: str) -> set[tuple[str | None, str | None]]:
    return {(e.source.key if e.source else None, e.target.key if e.target else None)
            for e in events if e.root == root}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "France condemned the Russian invasion of Ukraine."),
    ("en", "Russian troops entered Ukraine on Monday, and Moscow said they would stay. "
           "France condemned the invasion of Ukraine."),
    ("fr", "La France a condamné l'invasion russe de l'Ukraine."),
    ("fr", "Des troupes russes sont entrées en Ukraine lundi, et Moscou a dit qu'elles "
           "resteraient. La France a condamné l'invasion de l'Ukraine."),
])
def test_a_condemned_invasion_targets_the_invader(coder: Coder, lang: str, text: str) -> None:
    got = pairs(code(coder, text, lang), "11")
    assert ("FRA", "RUS") in got
    assert ("FRA", "UKR") not in got


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Lithuania condemned the violation of its airspace by Belarusian helicopters."),
    ("fr", "La Lituanie a condamné la violation de son espace aérien par des hélicoptères "
           "biélorusses."),
    # the parser hangs the by-phrase on the judging verb
    ("fr", "Le président lituanien a fustigé une violation « sans précédent » de l'espace "
           "aérien par des hélicoptères biélorusses."),
])
def test_a_judged_deed_targets_its_by_phrase(coder: Coder, lang: str, text: str) -> None:
    assert ("LTU", "BLR") in pairs(code(coder, text, lang), "11")


def test_a_by_phrase_of_manner_is_no_judged_agent(coder: Coder) -> None:
    # « par la voie diplomatique » says how Vilnius protested, not at whom
    got = pairs(code(coder, "Pékin a interdit des produits lituaniens. Vilnius a protesté par "
                            "la voie diplomatique.", "fr"), "11")
    assert got <= {("LTU", "CHN")}, got


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "France condemned the invasion of Ukraine."),
    ("fr", "La France a condamné l'invasion de l'Ukraine."),
])
def test_an_act_with_no_known_agent_is_not_aimed_at_its_victim(
        coder: Coder, lang: str, text: str) -> None:
    assert ("FRA", "UKR") not in pairs(code(coder, text, lang), "11")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Mozambique defended the deployment of Rwandan troops in its north."),
    ("fr", "Le Mozambique a défendu le déploiement de soldats rwandais dans le nord."),
])
def test_what_is_deployed_is_the_agent_of_a_deployment(coder: Coder, lang: str,
                                                       text: str) -> None:
    assert ("MOZ", "RWA") in pairs(code(coder, text, lang), "05")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenya's president spoke at a NATO summit in Madrid."),
    ("en", "Rubio met his Syrian counterpart on the sidelines of a NATO meeting."),
    ("fr", "Le président kényan s'est exprimé lors d'un sommet de l'Otan à Madrid."),
    ("fr", "Marco Rubio s'est entretenu jeudi en Turquie, en marge d'une réunion de l'Otan, "
           "avec son homologue syrien."),
])
def test_a_meeting_that_sets_the_scene_has_no_parties_from_the_clause(
        coder: Coder, lang: str, text: str) -> None:
    got = pairs(code(coder, text, lang), "04")
    assert not {p for p in got if "NATO" in p or "ESP" in p}, got


@pytest.mark.parametrize(("lang", "text", "pair"), [
    ("en", "At a meeting with Putin in Paris, Macron raised Ukraine.", ("FRA", "RUS")),
    ("en", "After talks with Uganda, the Kenyan president said the border would reopen.",
     ("KEN", "UGA")),
])
def test_a_scene_meeting_with_its_own_partner_keeps_the_clause_subject(
        coder: Coder, lang: str, text: str, pair: tuple[str, str]) -> None:
    assert pair in pairs(code(coder, text, lang), "04")


@pytest.mark.parametrize("text", [
    "Kenya's president Ruto said on Monday that police would fight criminal gangs. Tanzania "
    "and Uganda backed him. Tanzania said so.",
    "Ruto said police had detained illegal miners near the Tanzanian border. Tanzania agreed. "
    "Tanzania said so.",
])
def test_an_attributive_adjective_describes_and_judges_no_one(coder: Coder, text: str) -> None:
    # "criminal gangs", "illegal miners": no judgement by the speaker of anyone
    assert not pairs(code(coder, text, "en"), "11")


@pytest.mark.parametrize("text", [
    "Ruto said Tanzania's decision was unacceptable.",
    "Ruto said Tanzania's decision was an illegal act.",
])
def test_a_predicative_judgement_still_judges(coder: Coder, text: str) -> None:
    assert ("KEN", "TZA") in pairs(code(coder, text, "en"), "11")
