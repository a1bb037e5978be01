"""The actor stage on sentences of our own, French and English, parsed with the real models."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pourparler.actors import ActorKnowledge, DocActors, find_actors, load_knowledge
from pourparler.model import Actor
from pourparler.nlp import load

FIXTURES = Path(__file__).parent / "data" / "actors" / "builtin"
REAL_DATA = Path(__file__).parents[1] / "src" / "pourparler" / "actors" / "data"
D2022 = date(2022, 6, 1)


@pytest.fixture(scope="module")
def kn() -> ActorKnowledge:
    return load_knowledge(data_dir=FIXTURES)


@pytest.fixture(scope="module")
def fr() -> Any:
    return load("fr")


@pytest.fixture(scope="module")
def en() -> Any:
    return load("en")


def run(nlp: Any, kn: ActorKnowledge, text: str,
        when: date | None = D2022) -> tuple[Any, DocActors]:
    doc = nlp(text)
    return doc, find_actors(doc, kn, nlp.lang, when)


def tok(doc: Any, word: str, nth: int = 0) -> Any:
    hits = [t for t in doc if t.text == word]
    assert len(hits) > nth, f"{word!r} not in {doc.text!r}"
    return hits[nth]


def codes(actors: list[Actor]) -> list[str | None]:
    return [a.cameo for a in actors]


# -- dictionary matching ---------------------------------------------------------------------


def test_person_sector_follows_the_date(en: Any, kn: ActorKnowledge) -> None:
    text = "Joe Biden spoke with reporters on Monday."
    doc, da = run(en, kn, text, date(2021, 6, 1))
    (actor,) = da.resolve(tok(doc, "Biden"))
    assert (actor.name, actor.country, actor.sector, actor.cameo) == (
        "Joe Biden", "USA", "GOV", "USAGOV")
    doc, da = run(en, kn, text, date(2026, 6, 1))
    (actor,) = da.resolve(tok(doc, "Biden"))
    assert (actor.country, actor.sector, actor.cameo) == ("USA", None, "USA")
    doc, da = run(en, kn, text, date(2012, 6, 1))
    assert da.resolve(tok(doc, "Biden"))[0].sector == "GOV"  # vice president then


def test_a_known_surname_with_another_given_name_is_someone_else(en: Any, fr: Any,
                                                                   kn: ActorKnowledge) -> None:
    doc, da = run(en, kn, "Hunter Biden met investors in New York on Monday.",
                  date(2021, 6, 1))
    assert all(a.name != "Joe Biden" for a in da.resolve(tok(doc, "Biden")))
    doc, da = run(en, kn, "Mr. Biden met investors in New York on Monday.", date(2021, 6, 1))
    assert [a.name for a in da.resolve(tok(doc, "Biden"))] == ["Joe Biden"]
    doc, da = run(fr, kn, "Mme Ursula von der Leyen a rencontré Robert Macron lundi.")
    assert all(a.name != "Emmanuel Macron" for a in da.resolve(tok(doc, "Macron")))


def test_a_person_tied_to_a_state_by_a_possessive(en: Any) -> None:
    kn = load_knowledge()  # the shipped data: states beyond the fixture's
    for text, surname, iso3 in (
            ("Zambia's Hakainde Hichilema met the French president on Monday. Hichilema "
             "later flew home.", "Hichilema", "ZMB"),
            ("Malawi's Lazarus Chakwera met the French president on Monday. Chakwera later "
             "flew home.", "Chakwera", "MWI")):
        doc, da = run(en, kn, text)
        assert [a.country for a in da.resolve(tok(doc, surname))] == [iso3], text
        assert [a.country for a in da.resolve(tok(doc, surname, 1))] == [iso3], text


def test_a_person_introduced_with_a_state_adjective(en: Any) -> None:
    kn = load_knowledge()
    doc, da = run(en, kn, "China freed Canadian businessman Michael Spavor on Friday in exchange "
                          "for a Chinese executive. Spavor landed in Calgary.")
    assert [a.country for a in da.resolve(tok(doc, "Spavor"))] == ["CAN"]
    assert [a.country for a in da.resolve(tok(doc, "Spavor", 1))] == ["CAN"]


def test_people_of_an_armed_group_are_the_group(en: Any, fr: Any) -> None:
    kn = load_knowledge()
    for nlp, text, word in (
            (en, "The leader of the FARC signed the deal on Monday.", "leader"),
            (en, "Hamas officials met Egyptian mediators on Monday.", "officials"),
            (fr, "Le porte-parole des rebelles colombiens a démenti.", "porte-parole")):
        doc, da = run(nlp, kn, text)
        actors = da.resolve(tok(doc, word))
        assert actors and all(a.sector == "REB" for a in actors), (text, actors)
    # a state's leader stays its government
    doc, da = run(en, kn, "The Russian leader met the Chinese president.")
    assert [a.cameo for a in da.resolve(tok(doc, "leader"))] == ["RUSGOV"]


def test_countries_capitals_seats_and_orgs(fr: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Moscou a accusé l'OTAN, et le Pentagone a répondu à la Douma.")
    assert codes(da.resolve(tok(doc, "Moscou"))) == ["RUSGOV"]
    assert [(a.org, a.cameo) for a in da.resolve(tok(doc, "OTAN"))] == [("NATO", "IGOWSTNAT")]
    assert codes(da.resolve(tok(doc, "Pentagone"))) == ["USAMIL"]
    assert codes(da.resolve(tok(doc, "Douma"))) == ["RUSLEG"]
    kinds = [m.kind for m in da.mentions]
    assert kinds == ["capital", "org", "seat", "legislature"]
    assert [m.start for m in da.mentions] == sorted(m.start for m in da.mentions)


def test_accents_may_be_missing_in_the_text(fr: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Les Etats-Unis et la Federation de Russie ont discuté.")
    assert [a.country for a in da.resolve(tok(doc, "Etats-Unis"))] == ["USA", "RUS"]


def test_acronyms_need_capitals_and_names_need_a_capital(en: Any, kn: ActorKnowledge) -> None:
    _doc, da = run(en, kn, "Tell us what the turkey costs, said the US official.")
    assert [m.actor.country for m in da.mentions] == ["USA"]


def test_ambiguous_forms_need_a_signal(en: Any, kn: ActorKnowledge) -> None:
    _doc, da = run(en, kn, "Karine Jean-Pierre spoke first. Later Jean-Pierre said more.",
                  date(2023, 1, 1))
    learned = [m for m in da.mentions if m.actor.name == "Karine Jean-Pierre"]
    assert len(learned) == 2
    assert learned[1].actor.cameo == "USAGOV"


def test_longest_match_wins(fr: Any, kn: ActorKnowledge) -> None:
    _doc, da = run(fr, kn, "Le ministre des Affaires étrangères a parlé.")
    (m,) = da.mentions
    assert (m.start, m.end, m.kind) == (1, 5, "role")


# -- composition ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "head", "cameo", "plural"), [
    ("Le ministre russe des Affaires étrangères a parlé hier.", "ministre", "RUSGOV", False),
    ("Les soldats russes ont franchi la frontière.", "soldats", "RUSMIL", True),
    ("L'armée ukrainienne a repris la ville.", "armée", "UKRMIL", False),
    ("Le porte-parole du Kremlin a démenti.", "porte-parole", "RUSGOV", False),
    ("L'attachée de presse de la Maison Blanche a démenti.", "attachée", "USAGOV", False),
])
def test_french_role_composition(fr: Any, kn: ActorKnowledge, text: str, head: str,
                                 cameo: str, plural: bool) -> None:
    doc, da = run(fr, kn, text)
    (actor,) = da.resolve(tok(doc, head))
    assert actor.cameo == cameo
    m = da.mention_at(tok(doc, head).i)
    assert m is not None and m.kind == "role" and m.plural is plural


@pytest.mark.parametrize(("text", "head", "cameo"), [
    ("Russian troops crossed the border.", "troops", "RUSMIL"),
    ("Turkey's defence ministry denied the report.", "ministry", "TURGOV"),
    ("The U.S. Treasury announced sanctions.", "Treasury", "USAGOV"),
    ("A spokesman for the Kremlin denied it.", "spokesman", "RUSGOV"),
])
def test_english_role_composition(en: Any, kn: ActorKnowledge, text: str, head: str,
                                  cameo: str) -> None:
    doc, da = run(en, kn, text)
    assert codes(da.resolve(tok(doc, head))) == [cameo]


def test_demonym_used_as_noun_is_the_country(fr: Any, en: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Les Russes ont répondu.")
    assert [(a.country, a.sector) for a in da.resolve(tok(doc, "Russes"))] == [("RUS", None)]
    doc, da = run(en, kn, "The Russians answered.")
    assert [a.country for a in da.resolve(tok(doc, "Russians"))] == ["RUS"]


def test_demonym_on_a_plain_noun_is_no_actor(fr: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Le gaz russe coûte cher.")
    assert da.resolve(tok(doc, "gaz")) == []
    assert da.mentions == []


def test_pro_country_groups_take_the_other_country(en: Any, fr: Any, kn: ActorKnowledge) -> None:
    text = ("Ukraine said on Monday that pro-Russian separatists shelled a village in "
            "eastern Ukraine.")
    doc, da = run(en, kn, text)
    (actor,) = da.resolve(tok(doc, "separatists"))
    assert (actor.country, actor.sector) == ("UKR", "REB")
    doc, da = run(fr, kn, "L'Ukraine accuse les séparatistes prorusses d'avoir tiré.")
    (actor,) = da.resolve(tok(doc, "séparatistes"))
    assert (actor.country, actor.sector) == ("UKR", "REB")


def test_bare_role_takes_country_from_context(en: Any, fr: Any, kn: ActorKnowledge) -> None:
    doc, da = run(en, kn, "Turkey held talks on Monday. The government said they went well.")
    assert codes(da.resolve(tok(doc, "government"))) == ["TURGOV"]
    doc, da = run(fr, kn, "Le président a parlé.")
    (actor,) = da.resolve(tok(doc, "président"))
    assert actor.country is None and actor.sector == "GOV"


def test_bare_title_is_the_last_person_with_that_title(fr: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Joe Biden a rencontré des élus. Le président a ensuite quitté Paris.")
    assert [a.name for a in da.resolve(tok(doc, "président"))] == ["Joe Biden"]


def test_definite_description_finds_the_earlier_person(fr: Any, en: Any,
                                                      kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Vladimir Poutine a reçu Joe Biden. Le président américain a souri.")
    assert [a.name for a in da.resolve(tok(doc, "président"))] == ["Joe Biden"]
    doc, da = run(en, kn, "The top U.S. diplomat arrived in Paris.")
    (actor,) = da.resolve(tok(doc, "diplomat"))
    assert actor.cameo == "USAGOV" and actor.name == "United States"


# -- learning inside an article -------------------------------------------------------------


def test_french_apposition_title_before_name(fr: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Le conseiller du Kremlin, Iouri Ouchakov, a parlé lundi. "
                          "Ouchakov a aussi critiqué Kiev.")
    later = tok(doc, "Ouchakov", 1)
    (actor,) = da.resolve(later)
    assert (actor.name, actor.cameo) == ("Iouri Ouchakov", "RUSGOV")
    assert da.mention_at(later.i) is not None and da.mention_at(later.i).kind == "learned"


def test_english_title_compound_and_spelling_variant(en: Any, kn: ActorKnowledge) -> None:
    doc, da = run(en, kn, "Kremlin adviser Yuri Ushakov met reporters. "
                          "Later Ouchakov told them the talks had failed.")
    assert codes(da.resolve(tok(doc, "Ushakov"))) == ["RUSGOV"]
    assert codes(da.resolve(tok(doc, "Ouchakov"))) == ["RUSGOV"]


def test_english_apposition_name_then_title(en: Any, kn: ActorKnowledge) -> None:
    doc, da = run(en, kn, "Maria Zakharova, a spokeswoman for the Russian foreign ministry, "
                          "spoke on Monday. Zakharova said Kyiv was to blame.")
    assert codes(da.resolve(tok(doc, "Zakharova", 1))) == ["RUSGOV"]


def test_possessive_title(en: Any, kn: ActorKnowledge) -> None:
    doc, da = run(en, kn, "Turkey's foreign minister Hakan Fidan met reporters. "
                          "Fidan said talks would go on.")
    assert codes(da.resolve(tok(doc, "Fidan", 1))) == ["TURGOV"]


def test_french_name_then_title(fr: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Maria Zakharova, porte-parole de la diplomatie russe, a parlé. "
                          "Zakharova a ensuite accusé Kiev.")
    assert codes(da.resolve(tok(doc, "Zakharova", 1))) == ["RUSGOV"]


def test_known_person_under_another_spelling(fr: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Dmitri Peskov a démenti les informations.")
    assert [a.name for a in da.resolve(tok(doc, "Peskov"))] == ["Dmitry Peskov"]


# -- coreference ----------------------------------------------------------------------------


def test_singular_pronoun_is_the_last_person_subject(fr: Any, en: Any,
                                                     kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Joe Biden a appelé Vladimir Poutine. Il a promis une réponse.")
    assert [a.name for a in da.resolve(tok(doc, "Il"))] == ["Joe Biden"]
    doc, da = run(en, kn, "Joe Biden called Vladimir Putin. He promised an answer.")
    assert [a.name for a in da.resolve(tok(doc, "He"))] == ["Joe Biden"]


def test_pronoun_gender_agreement(fr: Any, kn: ActorKnowledge) -> None:
    text = ("L'attachée de presse de la Maison Blanche, Karine Jean-Pierre, a parlé. "
            "Le conseiller du Kremlin, Iouri Ouchakov, a répondu. Elle a démenti.")
    doc, da = run(fr, kn, text, date(2023, 1, 1))
    assert [a.name for a in da.resolve(tok(doc, "Elle"))] == ["Karine Jean-Pierre"]


def test_plural_pronouns_and_pairs(fr: Any, en: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Joe Biden et Vladimir Poutine se sont parlé mardi. "
                          "Les deux dirigeants ont salué leur conversation.")
    names = {"Joe Biden", "Vladimir Putin"}
    assert {a.name for a in da.resolve(tok(doc, "dirigeants"))} == names
    assert {a.name for a in da.resolve_possessor(tok(doc, "conversation"))} == names
    doc, da = run(en, kn, "Joe Biden and Vladimir Putin spoke on Tuesday. "
                          "They praised their talks, and the two countries agreed to meet.")
    assert {a.name for a in da.resolve(tok(doc, "They"))} == names
    assert {a.name for a in da.resolve_possessor(tok(doc, "talks"))} == names
    assert {(a.name, a.country) for a in da.resolve(tok(doc, "countries"))} == {
        ("United States", "USA"), ("Russia", "RUS")}


def test_possessives(fr: Any, en: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Vladimir Poutine a parlé lundi. Sa menace a inquiété Kiev.")
    assert [a.name for a in da.resolve_possessor(tok(doc, "menace"))] == ["Vladimir Putin"]
    doc, da = run(fr, kn, "La menace de la Russie inquiète Kiev.")
    assert [a.country for a in da.resolve_possessor(tok(doc, "menace"))] == ["RUS"]
    doc, da = run(en, kn, "Russia's threat worried Kyiv.")
    assert [a.country for a in da.resolve_possessor(tok(doc, "threat"))] == ["RUS"]
    doc, da = run(en, kn, "Joe Biden spoke. His warning was clear.")
    assert [a.name for a in da.resolve_possessor(tok(doc, "warning"))] == ["Joe Biden"]


def test_coordination_returns_every_conjunct(fr: Any, en: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "Washington, Moscou et Kiev ont signé l'accord.")
    assert codes(da.resolve(tok(doc, "Washington"))) == ["USAGOV", "RUSGOV", "UKRGOV"]
    doc, da = run(en, kn, "The United States and Russia signed the deal.")
    assert [a.country for a in da.resolve(tok(doc, "States"))] == ["USA", "RUS"]


def test_non_actors_resolve_to_nothing(fr: Any, kn: ActorKnowledge) -> None:
    doc, da = run(fr, kn, "La frontière reste fermée depuis lundi.")
    assert da.resolve(tok(doc, "frontière")) == []
    assert da.resolve_possessor(tok(doc, "frontière")) == []
    assert da.mention_at(0) is None


# -- real data (speed is measured in benchmarks/, never asserted) --------------------


def test_builtin_data_loads_and_matches(fr: Any, en: Any) -> None:
    kn = load_knowledge()
    assert load_knowledge() is kn  # read once per process
    doc, da = run(fr, kn, "La Russie et l'OTAN ont discuté à Bruxelles.")
    assert [a.key for a in da.resolve(tok(doc, "Russie"))] == ["RUS", "NATO"]
    doc, da = run(en, kn, "China and the United Nations issued a statement.")
    assert [a.key for a in da.resolve(tok(doc, "China"))] == ["CHN", "UN"]


def test_builtin_people_are_dated(en: Any) -> None:
    kn = load_knowledge()
    doc, da = run(en, kn, "Joe Biden spoke on Monday.", date(2021, 6, 1))
    assert [(a.country, a.sector) for a in da.resolve(tok(doc, "Biden"))] == [("USA", "GOV")]
