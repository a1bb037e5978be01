"""Lexicon families (issue 10): each family of predicates, in both languages, on sentences of
our own coded by the whole pipeline, and the cue mechanism they rely on (phrases, the content
clause of a warning)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from pourparler.errors import DataError
from pourparler.events.lexicon import FUTURE_CUE, MAX_PHRASE, load_lexicon, parse_lexicon
from pourparler.model import Article, Event
from pourparler.pipeline import Coder

PUBLISHED = date(2022, 2, 20)


@pytest.fixture(scope="module")
def coder() -> Iterator[Coder]:
    yield Coder()


def code(coder: Coder, text: str, lang: str) -> list[Event]:
    result = coder.code_one(Article("families", text, published=PUBLISHED, lang=lang))
    assert result.error is None, result.error
    return result.events


def show(events: list[Event]) -> str:
    return "; ".join(
        f"{e.source.key if e.source else None}->{e.target.key if e.target else None} "
        f"{e.cameo} {e.status}" for e in events)


def has(events: list[Event], source: str, target: str, code_prefix: str) -> bool:
    return any(e.source is not None and e.target is not None and e.source.key == source
               and e.target.key == target and e.cameo.startswith(code_prefix)
               and e.status == "asserted" for e in events)


def check(coder: Coder, text: str, lang: str, source: str, target: str, prefix: str) -> None:
    events = code(coder, text, lang)
    assert has(events, source, target, prefix), f"want {source}->{target} {prefix}: {show(events)}"


def check_none(coder: Coder, text: str, lang: str, prefix: str) -> None:
    events = code(coder, text, lang)
    assert not any(e.cameo.startswith(prefix) and e.status == "asserted" for e in events), (
        show(events))


# --- the mechanism --------------------------------------------------------------------------

def _mini(cues: list[str]) -> dict[str, object]:
    return {"grammar": {}, "predicates": [
        {"id": "p", "lemmas": ["x"], "pos": "VERB", "cameo": "130",
         "variants": [{"cameo": "138", "cues": cues}]}]}


def test_a_cue_phrase_longer_than_the_search_is_refused() -> None:
    long_cue = " ".join(["w"] * (MAX_PHRASE + 1))
    with pytest.raises(DataError):
        parse_lexicon(_mini([long_cue]), "en", "mini")
    assert parse_lexicon(_mini(["all options on the table"]), "en", "mini").predicates


def test_the_future_cue_is_a_warning_gate_in_both_languages() -> None:
    for lang in ("en", "fr"):
        entries = [p for p in load_lexicon(lang).predicates if FUTURE_CUE in p.requires]
        assert entries and all(p.cues_in_clause for p in entries), lang


# --- warnings -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "source", "target", "prefix"), [
    ("NATO warned Russia that any attack on Estonia would be met with force.",
     "en", "NATO", "RUS", "13"),
    ("Japan warned China that it would not tolerate further incursions.",
     "en", "JPN", "CHN", "13"),
    ("L'OTAN a averti la Russie que toute attaque contre l'Estonie entraînerait une riposte.",
     "fr", "NATO", "RUS", "13"),
    ("La Norvège a averti la Russie que toute incursion dans ses eaux aurait un prix.",
     "fr", "NOR", "RUS", "13"),
    # a multi-word predicate: « mettre en garde contre » a hostile act
    ("Le Japon a mis en garde la Chine contre toute incursion.", "fr", "JPN", "CHN", "13"),
    ("Japan cautioned China against any incursion into its waters.", "en", "JPN", "CHN", "13"),
])
def test_a_warning_of_a_future_act_is_a_threat(coder: Coder, text: str, lang: str,
                                                source: str, target: str, prefix: str) -> None:
    check(coder, text, lang, source, target, prefix)


@pytest.mark.parametrize(("text", "lang"), [
    ("The Spanish central bank warned that inflation would rise.", "en"),
    ("La banque centrale espagnole a averti que l'inflation augmenterait.", "fr"),
])
def test_a_warning_about_the_economy_is_no_threat(coder: Coder, text: str, lang: str) -> None:
    check_none(coder, text, lang, "13")


# --- expulsions and recalls (161 diplomats, 174 other people, 166 troops) -----------------

@pytest.mark.parametrize(("text", "lang", "source", "target", "prefix"), [
    ("Poland expelled three Russian diplomats.", "en", "POL", "RUS", "161"),
    ("Sudan ordered the Egyptian attaché out.", "en", "SDN", "EGY", "161"),
    ("Mali ordered French troops to leave the country.", "en", "MLI", "FRA", "166"),
    ("Mali recalled its ambassador from France.", "en", "MLI", "FRA", "161"),
    ("La Pologne a expulsé trois diplomates russes.", "fr", "POL", "RUS", "161"),
    ("La Lituanie a déclaré l'ambassadeur russe persona non grata.", "fr", "LTU", "RUS", "161"),
    ("Le Mali a ordonné aux troupes françaises de quitter le pays.", "fr", "MLI", "FRA", "166"),
])
def test_expulsions_follow_the_conventions(coder: Coder, text: str, lang: str, source: str,
                                           target: str, prefix: str) -> None:
    check(coder, text, lang, source, target, prefix)


@pytest.mark.parametrize(("text", "lang"), [
    ("Greece deported fifty Turkish migrants.", "en"),
    ("La Grèce a expulsé cinquante migrants turcs.", "fr"),
])
def test_deporting_people_is_174(coder: Coder, text: str, lang: str) -> None:
    events = code(coder, text, lang)
    assert any(e.cameo == "174" for e in events) and not any(
        e.cameo.startswith("16") for e in events), show(events)


# --- aid: loans, deposits, credit lines ------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "source", "target"), [
    ("The IMF approved a loan to Ukraine.", "en", "IMF", "UKR"),
    ("China extended a credit line to Pakistan.", "en", "CHN", "PAK"),
    ("Saudi Arabia deposited $3 billion with Pakistan's central bank.", "en", "SAU", "PAK"),
    ("Le FMI a accordé un prêt à l'Ukraine.", "fr", "IMF", "UKR"),
    ("La Chine a ouvert une ligne de crédit au Pakistan.", "fr", "CHN", "PAK"),
])
def test_financial_aid_is_071(coder: Coder, text: str, lang: str, source: str,
                              target: str) -> None:
    check(coder, text, lang, source, target, "071")


def test_the_noun_pret_is_not_the_adjective(coder: Coder) -> None:
    events = code(coder, "Le FMI a accordé un prêt à l'Ukraine.", "fr")
    assert not any(e.rule == "fr/ready_to" for e in events), show(events)


# --- protest idioms, retaliation, exchanges of fire ---------------------------------------

@pytest.mark.parametrize(("text", "lang", "source", "target", "prefix"), [
    ("Georgian opposition supporters took to the streets.", "en", "GEO", "GEO", "141"),
    ("Des opposants géorgiens sont descendus dans la rue contre le gouvernement.",
     "fr", "GEO", "GEO", "141"),
    ("Iran vowed to retaliate against Israel.", "en", "IRN", "ISR", "138"),
    ("Iran promised a fitting response to Israel.", "en", "IRN", "ISR", "138"),
    ("L'Iran a promis de riposter contre Israël.", "fr", "IRN", "ISR", "138"),
    ("Armenia and Azerbaijan exchanged fire on the border.", "en", "ARM", "AZE", "19"),
    ("L'Arménie et l'Azerbaïdjan ont échangé des tirs à la frontière.", "fr", "ARM", "AZE", "19"),
    ("L'Arménie et l'Azerbaïdjan se sont affrontés à la frontière.", "fr", "ARM", "AZE", "19"),
])
def test_protest_retaliation_and_fire(coder: Coder, text: str, lang: str, source: str,
                                      target: str, prefix: str) -> None:
    check(coder, text, lang, source, target, prefix)


# --- the rest: measures lifted, tariffs, asset freezes, dismissals, arrivals, accords ------

@pytest.mark.parametrize(("text", "lang", "source", "target", "prefix"), [
    ("Britain announced an asset freeze against Russian oligarchs.", "en", "GBR", "RUS", "163"),
    ("Le Royaume-Uni a annoncé le gel des avoirs de la banque centrale russe.",
     "fr", "GBR", "RUS", "163"),
    ("Les États-Unis ont imposé une surtaxe sur l'acier chinois.", "fr", "USA", "CHN", "163"),
    ("L'Union européenne a suspendu les droits de douane sur les produits ukrainiens.",
     "fr", "EU", "UKR", "085"),
    ("Les États-Unis ont annoncé la levée des sanctions contre le Venezuela.",
     "fr", "USA", "VEN", "085"),
    ("Russia suspended the grain agreement with Ukraine.", "en", "RUS", "UKR", "16"),
    ("Hungary brushed aside the demands of the European Commission.", "en", "HUN", "EU", "12"),
    ("La Hongrie a balayé d'un revers de main les demandes de la Commission européenne.",
     "fr", "HUN", "EU", "12"),
    ("The Japanese prime minister arrived in Kyiv on Tuesday.", "en", "JPN", "UKR", "042"),
])
def test_other_families(coder: Coder, text: str, lang: str, source: str, target: str,
                        prefix: str) -> None:
    check(coder, text, lang, source, target, prefix)


@pytest.mark.parametrize(("text", "lang", "wrong"), [
    ("Les États-Unis ont annoncé la levée des sanctions contre le Venezuela.", "fr", "163"),
    ("Russia suspended the grain agreement with Ukraine.", "en", "057"),
])
def test_lifting_or_suspending_is_not_the_measure(coder: Coder, text: str, lang: str,
                                                  wrong: str) -> None:
    check_none(coder, text, lang, wrong)


# --- characterisations (an open list of insults), regrets, arrivals and expected visits -----

@pytest.mark.parametrize(("text", "lang", "source", "target", "prefix"), [
    ("Russia called the Ukrainian president a puppet.", "en", "RUS", "UKR", "111"),
    ("La Russie a qualifié le président ukrainien de fantoche.", "fr", "RUS", "UKR", "111"),
    ("Paris a regretté la décision de Bamako.", "fr", "FRA", "MLI", "11"),
    ("Le Premier ministre japonais a atterri à Kyiv mardi.", "fr", "JPN", "UKR", "042"),
    ("The German chancellor is expected in Beijing next week.", "en", "DEU", "CHN", "036"),
    ("Le chancelier allemand est attendu à Pékin la semaine prochaine.",
     "fr", "DEU", "CHN", "036"),
])
def test_characterisations_and_visits(coder: Coder, text: str, lang: str, source: str,
                                      target: str, prefix: str) -> None:
    check(coder, text, lang, source, target, prefix)


# -- a sentence is not a condemnation ----------------------------------------------------------

def test_a_condemnation_with_a_place_is_no_sentence(coder: Coder) -> None:
    text = "Le Mali a condamné la France lors d'une réunion à Bamako."
    check(coder, text, "fr", "MLI", "FRA", "11")
    check_none(coder, text, "fr", "17")


def test_a_court_sentence_names_its_penalty(coder: Coder) -> None:
    check(coder, "La justice russe a condamné un journaliste américain à dix ans de prison.",
          "fr", "RUS", "USA", "173")


@pytest.mark.parametrize(("text", "lang", "code_prefix"), [
    ("Kenya withdrew its troops from Uganda.", "en", "087"),
    ("Kenya pulled its soldiers out of Uganda.", "en", "087"),
    ("Kenya lifted its sanctions on Uganda.", "en", "085"),
    ("Le Kenya a levé ses sanctions contre l'Ouganda.", "fr", "085"),
    ("Kenya put its army on high alert near Uganda.", "en", "152"),
])
def test_the_place_or_target_of_a_measure_is_its_counterpart(coder: Coder, text: str, lang: str,
                                                             code_prefix: str) -> None:
    assert has(code(coder, text, lang), "KEN", "UGA", code_prefix), show(code(coder, text, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("Kenya announced the recall of its ambassador to Uganda.", "en"),
    ("Le Kenya a annoncé le rappel de son ambassadeur en Ouganda.", "fr"),
    ("Le Kenya a rappelé lundi pour consultations son ambassadeur à Kampala.", "fr"),
])
def test_a_recalled_envoy_reduces_relations_with_the_state_of_the_post(
        coder: Coder, text: str, lang: str) -> None:
    events = code(coder, text, lang)
    assert has(events, "KEN", "UGA", "161"), show(events)
    # « pour consultations » is the recall's purpose, not a meeting
    assert not [e for e in events if e.root == "04"], show(events)


@pytest.mark.parametrize(("text", "lang", "code_prefix"), [
    ("Kenya expressed its condolences to Turkey after the earthquake.", "en", "018"),
    ("Le Kenya a présenté ses condoléances à la Turquie après le séisme.", "fr", "018"),
    ("Kenya voiced optimism about its relations with Turkey.", "en", "013"),
    ("Kenya declined to comment on the proposal of Turkey.", "en", "011"),
    ("Le Kenya a refusé de commenter la proposition de la Turquie.", "fr", "011"),
])
def test_statements_of_empathy_optimism_and_no_comment(coder: Coder, text: str, lang: str,
                                                       code_prefix: str) -> None:
    events = code(coder, text, lang)
    assert has(events, "KEN", "TUR", code_prefix), show(events)
    # declining to comment on a proposal does not reject it
    assert not [e for e in events if e.root == "12"], show(events)


@pytest.mark.parametrize(("text", "lang", "code_prefix"), [
    ("France shared intelligence with Italy.", "en", "064"),
    ("La France a partagé des renseignements avec l'Italie.", "fr", "064"),
    ("France and Italy launched joint naval patrols.", "en", "062"),
    ("La France et l'Italie ont lancé des manœuvres militaires conjointes.", "fr", "062"),
])
def test_material_cooperation_shared_intelligence_and_joint_manoeuvres(
        coder: Coder, text: str, lang: str, code_prefix: str) -> None:
    events = code(coder, text, lang)
    assert has(events, "FRA", "ITA", code_prefix) or has(events, "ITA", "FRA", code_prefix), \
        show(events)


@pytest.mark.parametrize(("text", "source", "target", "prefix"), [
    # « demander » asks (02); « exiger », « réclamer », « sommer » demand (10)
    ("Le Ghana a demandé au Togo de libérer les pêcheurs.", "GHA", "TGO", "02"),
    ("Le Ghana a exigé du Togo la libération des pêcheurs.", "GHA", "TGO", "10"),
    ("Les soldats ghanéens sont arrivés vendredi à la demande de Lomé.", "TGO", "GHA", "02"),
])
def test_a_request_is_no_demand(coder: Coder, text: str, source: str, target: str,
                                prefix: str) -> None:
    check(coder, text, "fr", source, target, prefix)


@pytest.mark.parametrize(("text", "lang", "source", "target"), [
    # a duty on goods targets their origin; the rate and the currency are no actors
    ("Le Canada a annoncé des taxes de 25 % sur les produits américains.", "fr", "CAN", "USA"),
    ("Ottawa a annoncé des taxes de 25 % sur 30 milliards de dollars canadiens de produits "
     "américains.", "fr", "CAN", "USA"),
    ("Le Canada a taxé lourdement les produits américains.", "fr", "CAN", "USA"),
    ("Les États-Unis ont frappé d'une surtaxe de 10 % les importations chinoises.", "fr",
     "USA", "CHN"),
    ("Canada announced tariffs of 25% on American goods.", "en", "CAN", "USA"),
])
def test_duties_on_goods_target_their_origin(coder: Coder, text: str, lang: str, source: str,
                                             target: str) -> None:
    check(coder, text, lang, source, target, "163")


def test_a_tax_on_no_goods_is_no_trade_measure(coder: Coder) -> None:
    check_none(coder, "Le Parlement canadien a voté une taxe sur les grandes fortunes.", "fr",
               "16")


@pytest.mark.parametrize("text", [
    "Kenya's envoy met Turkish officials. He declined to spell out how Nairobi would answer "
    "Turkey.",
    "Kenya refused to elaborate on its plans for Turkey.",
    "Kenya declined to specify when it would pay Turkey.",
])
def test_declining_to_say_more_is_no_comment_not_a_rejection(coder: Coder, text: str) -> None:
    # "declined to elaborate / spell out / specify": a refusal to speak (011), not to act (12)
    events = code(coder, text, "en")
    assert not [e for e in events if e.root == "12"], show(events)


def test_refusing_an_act_is_still_a_rejection(coder: Coder) -> None:
    check(coder, "Kenya refused to sign the trade pact with Turkey.", "en", "KEN", "TUR", "12")


def test_a_ruling_is_no_rejection_but_ruling_out_is(coder: Coder) -> None:
    # "ruled that": a court's ruling; "ruled out": a refusal
    check_none(coder, "A tribunal ruled that Kenya's claims against Turkey had no basis.", "en",
               "12")
    check(coder, "Kenya ruled out talks with Turkey.", "en", "KEN", "TUR", "12")


@pytest.mark.parametrize(("text", "source", "target", "prefix"), [
    ("Kenya sent rescue teams and relief supplies to Turkey after the earthquake.", "KEN",
     "TUR", "073"),
    ("The EU put on hold 30 million euros in military assistance to Georgia.", "EU", "GEO",
     "1622"),
    ("The EU froze the accession process of Georgia.", "EU", "GEO", "16"),
])
def test_relief_sent_and_aid_or_accession_put_on_hold(coder: Coder, text: str, source: str,
                                                      target: str, prefix: str) -> None:
    check(coder, text, "en", source, target, prefix)


@pytest.mark.parametrize("text", [
    "The EU suspended military assistance to Georgia.",
    "The EU froze 30 million euros in military assistance to Georgia.",
])
def test_aid_that_is_stopped_is_not_given(coder: Coder, text: str) -> None:
    # the halting verb is the event (16); the aid noun it stops is no aid (07)
    events = code(coder, text, "en")
    assert has(events, "EU", "GEO", "162"), show(events)
    check_none(coder, text, "en", "07")


def test_an_act_noun_in_an_adjunct_of_a_halting_verb_is_not_stopped(coder: Coder) -> None:
    # "in retaliation for the visit": the visit is not what is halted
    events = code(coder, "Turkey halted some trade in retaliation for the visit of the "
                  "Kenyan president to Cyprus.", "en")
    assert [e for e in events if e.root == "04" and e.status == "asserted"], show(events)


def test_a_military_takeover_is_a_coup_not_an_occupation(coder: Coder) -> None:
    check_none(coder, "The vote followed military takeovers in Mali and Niger.", "en", "19")
    check(coder, "Kenya condemned the takeover of the Somali port by Ethiopia.", "en", "ETH",
          "SOM", "19")


@pytest.mark.parametrize("text", [
    "Kenya's army chief likened the conduct of the Turkish crews to piracy.",
    "Kenya compared the blockade by Turkey to extortion.",
])
def test_likening_to_a_crime_is_a_characterisation(coder: Coder, text: str) -> None:
    check(coder, text, "en", "KEN", "TUR", "11")


def test_a_neutral_comparison_is_no_characterisation(coder: Coder) -> None:
    check_none(coder, "Kenya compared its growth with that of Turkey.", "en", "11")


@pytest.mark.parametrize(("text", "prefix"), [
    ("A Kenyan court convicted two Turkish nationals of spying.", "116"),
    ("A Kenyan court sentenced a Turkish journalist to ten years in prison.", "173"),
])
def test_verdicts_and_sentences(coder: Coder, text: str, prefix: str) -> None:
    check(coder, text, "en", "KEN", "TUR", prefix)
