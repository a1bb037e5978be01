"""Frames of the event coder, through the public API: who does what to whom.

Short sentences of our own, French and English, coded by the whole pipeline
(``Coder().code_one``); each test asserts the coded source/target (country or organisation,
and sometimes the person or the sector), the CAMEO root or code and the direction.
Cases where the coder does not yet do what a careful coder would are marked
``xfail(strict=True)`` with the gap in the reason: when the coder is fixed they fail and the
mark must be removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from pourparler.model import Actor, Article, Event
from pourparler.pipeline import Coder

#: Publication date of the test sentences: any date where the people named hold the offices
#: we assert (Biden, Putin, Macron, Scholz, Zelensky all in office).
PUBLISHED = date(2022, 2, 20)


@pytest.fixture(scope="module")
def coder() -> Iterator[Coder]:
    yield Coder()


def code(coder: Coder, text: str, lang: str, published: date = PUBLISHED) -> list[Event]:
    result = coder.code_one(Article("frames", text, published=published, lang=lang))
    assert result.error is None, result.error
    return result.events


def key(actor: Actor | None) -> str | None:
    return actor.key if actor else None


def show(events: list[Event]) -> str:
    return "; ".join(f"{key(e.source)}->{key(e.target)} {e.cameo} {e.status}" for e in events)


def find(events: list[Event], source: str, target: str, root: str,
         either_way: bool = False) -> list[Event]:
    """Events with this source and target key (organisation or country) and CAMEO root."""
    wanted = {(source, target)} | ({(target, source)} if either_way else set())
    return [e for e in events
            if (key(e.source), key(e.target)) in wanted and e.root == root]


def assert_event(events: list[Event], source: str, target: str, root: str,
                 either_way: bool = False, code: str | None = None) -> Event:
    hits = find(events, source, target, root, either_way)
    assert hits, f"no {source}->{target} {root} event in [{show(events)}]"
    if code is not None:
        assert any(e.cameo == code for e in hits), f"want {code}, got [{show(hits)}]"
        hits = [e for e in hits if e.cameo == code]
    assert any(e.status == "asserted" for e in hits), f"not asserted: [{show(hits)}]"
    return hits[0]


def gap(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"coder gap: {reason}")


# -- active subject / object -----------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Fighting between Armenia and Azerbaijan resumed on Monday. The United Nations "
           "called on all sides to exercise restraint."),
    ("fr", "Les combats entre l'Arménie et l'Azerbaïdjan ont repris lundi. L'ONU a appelé "
           "toutes les parties à la retenue."),
])
def test_all_sides_are_the_sides_named_before(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    for side in ("ARM", "AZE"):
        assert_event(events, "UN", side, "02")


def test_a_mediator_mediates_between_the_storys_parties(coder: Coder) -> None:
    events = code(coder, "Ethiopia and Eritrea signed a peace agreement in Jeddah. Ethiopian "
                         "officials said Eritrea would reopen its border. Saudi Arabia brokered "
                         "the deal with envoys from the United States.", "en")
    for side in ("ETH", "ERI"):
        assert_event(events, "SAU", side, "04", code="045")
    # "with" names a co-mediator here, not a party
    assert not find(events, "SAU", "USA", "04"), show(events)


def test_a_bare_title_serves_the_state_the_story_is_filed_from(coder: Coder) -> None:
    # the story's most mentioned states are the United States and France; the minister is
    # Senegal's, where the story was filed
    events = code(coder, "DAKAR, May 3 (Wire) - Interior Minister Ousmane Diallo accused France "
                         "of interference on Friday. Senegal's opposition called for calm. The "
                         "United States and France urged restraint. Washington said it was "
                         "watching. Paris denied the charge.", "en")
    assert_event(events, "SEN", "FRA", "11")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Rwanda denied involvement in the attack on Goma. Congo accused Rwanda. Congo said "
           "Rwanda lied."),
    ("fr", "Le Rwanda a démenti toute implication dans l'attaque. La RDC accuse le Rwanda. "
           "Kinshasa dénonce le Rwanda."),
])
def test_a_denial_answers_the_accuser(coder: Coder, lang: str, text: str) -> None:
    # the denial verb is the predicate itself: asserted, not read as its own negation
    assert_event(code(coder, text, lang), "RWA", "COD", "01", code="016")


@pytest.mark.parametrize(("lang", "text", "source", "target", "code_"), [
    ("en", "Russia armed the separatists in eastern Ukraine.", "RUS", "UKR", "072"),
    ("en", "Iran funds Hezbollah, the United States said.", "IRN", "LBN", "071"),
    ("fr", "La Russie a armé les séparatistes de l'est de l'Ukraine.", "RUS", "UKR", "072"),
    # the name after the verb is parsed as an adjunct here: still the object
    ("fr", "Le Qatar a financé le Hamas pendant des années, selon Israël.", "QAT", "PSE", "071"),
])
def test_arming_and_funding(coder: Coder, lang: str, text: str, source: str, target: str,
                            code_: str) -> None:
    events = code(coder, text, lang)
    assert any(key(e.source) == source and e.cameo == code_ and e.status == "asserted"
               for e in events), show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "China opposed American sanctions on Iran."),
    ("fr", "La Chine s'oppose fermement aux sanctions américaines contre l'Iran."),
])
def test_opposing_sanctions_is_no_sanction(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert not [e for e in find(events, "CHN", "IRN", "16") if e.counted], show(events)


def test_a_pronoun_after_an_honorific_subject_is_that_person(coder: Coder) -> None:
    # "M." is parsed as the subject and the name as its dependent: "il" is still Kishida
    events = code(coder, "Le Premier ministre indien Narendra Modi a reçu mardi son homologue "
                         "japonais Fumio Kishida. Lors de leur conférence de presse, M. Kishida a "
                         "dit qu'il attendait des mesures concrètes de la Chine.", "fr")
    assert_event(events, "JPN", "CHN", "10")
    assert not find(events, "IND", "CHN", "10"), show(events)


def test_talks_the_day_before_are_the_subjects_own(coder: Coder) -> None:
    # "au lendemain d'un entretien avec X": the clause's subject held the talks; a place
    # after the partner ("à Berlin") does not make the talks an appeal ("appel à")
    events = code(coder, "Le président français Emmanuel Macron a rencontré jeudi à Varsovie son "
                         "homologue polonais Andrzej Duda, au lendemain d'un long entretien avec "
                         "Olaf Scholz à Berlin.", "fr")
    assert_event(events, "FRA", "DEU", "04")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Russian forces shelled Kharkiv overnight."),
    ("en", "Russian drones struck the port of Odesa on Saturday."),
    ("fr", "Des drones russes ont visé la ville de Kharkiv."),
])
def test_the_struck_place_gives_the_attacked_state(coder: Coder, lang: str, text: str) -> None:
    # weapons with a demonym stand for that state's military; the city struck for its state
    event = assert_event(code(coder, text, lang), "RUS", "UKR", "19")
    assert event.source is not None and event.source.sector == "MIL"


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Russian forces shelled Kharkiv overnight."),
    ("fr", "Les forces russes ont pilonné Kharkiv toute la nuit."),
])
def test_the_verb_itself_picks_the_weapon_code(coder: Coder, lang: str, text: str) -> None:
    assert_event(code(coder, text, lang), "RUS", "UKR", "19", code="194")  # artillery


def test_a_state_named_by_its_adjective_has_its_name(coder: Coder) -> None:
    event = assert_event(code(coder, "The United States imposed tariffs on Colombian imports.",
                              "en"), "USA", "COL", "16")
    assert event.target is not None
    assert (event.target.name, event.target.text) == ("Colombia", "Colombian")


def test_condemning_an_attack_makes_no_attacker(coder: Coder) -> None:
    events = code(coder, "Kenya condemned the attack on its embassy in Kinshasa.", "en")
    assert not find(events, "KEN", "COD", "19"), show(events)


@pytest.mark.parametrize(("lang", "text", "source", "target", "root"), [
    ("en", "Beijing criticised Washington's decision.", "CHN", "USA", "11"),
    ("en", "Russia attacked Ukraine's power grid.", "RUS", "UKR", "19"),
    ("fr", "Pékin a critiqué la décision de Washington.", "CHN", "USA", "11"),
    ("fr", "La Russie a frappé le réseau électrique de l'Ukraine.", "RUS", "UKR", "19"),
])
def test_the_owner_of_what_is_acted_on_is_the_target(coder: Coder, lang: str, text: str,
                                                      source: str, target: str,
                                                      root: str) -> None:
    assert_event(code(coder, text, lang), source, target, root)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Qin Gang accepted an invitation to visit Washington."),
    ("fr", "Qin Gang a accepté une invitation à se rendre à Washington."),
])
def test_an_accepted_invitation_is_a_planned_visit(coder: Coder, lang: str, text: str) -> None:
    hits = find(code(coder, text, lang), "CHN", "USA", "03")
    assert any(e.cameo == "036" and e.status == "future" for e in hits), show(hits)


def test_what_has_yet_to_happen_is_not_asserted(coder: Coder) -> None:
    events = code(coder, "Hungary has yet to sign the agreement with Sweden.", "en")
    assert all(e.status == "negated" for e in find(events, "HUN", "SWE", "05")), show(events)
    assert find(events, "HUN", "SWE", "05"), show(events)


def test_second_clause_subject_hung_on_a_noun_of_the_first(coder: Coder) -> None:
    # parsed with "Syrie" (2nd) as a conjunct of "Syrie" (1st) and "a condamné" subjectless
    events = code(coder, "La Turquie a bombardé dimanche des positions kurdes situées dans le "
                         "nord de la Syrie et la Syrie a condamné l'attaque turque.", "fr")
    assert_event(events, "SYR", "TUR", "11")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "La Russie a attaqué l'Ukraine."),
    ("en", "Russia attacked Ukraine."),
])
def test_active_subject_is_source_object_is_target(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert_event(events, "RUS", "UKR", "19")
    assert not find(events, "UKR", "RUS", "19"), show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le président russe Vladimir Poutine a menacé l'Ukraine de représailles."),
    ("en", "Russian President Vladimir Putin threatened Ukraine with reprisals."),
])
def test_person_subject_gives_country_and_sector(coder: Coder, lang: str, text: str) -> None:
    event = assert_event(code(coder, text, lang), "RUS", "UKR", "13")
    assert event.source is not None
    assert event.source.name == "Vladimir Putin"
    assert event.source.sector == "GOV"
    assert event.plover == "THREATEN"


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Washington a menacé Moscou de sanctions."),
    ("en", "The United States threatened Russia with sanctions."),
])
def test_threat_of_sanctions_is_1312(coder: Coder, lang: str, text: str) -> None:
    assert_event(code(coder, text, lang), "USA", "RUS", "13", code="1312")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Vladimir Poutine a rencontré Emmanuel Macron à Moscou."),
    ("en", "Vladimir Putin met Emmanuel Macron in Moscow."),
])
def test_meeting_object(coder: Coder, lang: str, text: str) -> None:
    assert_event(code(coder, text, lang), "RUS", "FRA", "04")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Vladimir Poutine a rencontré Emmanuel Macron à Moscou."),
    ("en", "Vladimir Putin met Emmanuel Macron in Moscow."),
    ("en", "Joe Biden met Olaf Scholz in Washington."),
])
def test_place_of_a_meeting_is_not_a_target(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert all(key(e.source) != key(e.target) for e in events), show(events)


# -- passive with agent ----------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "L'Ukraine a été attaquée par la Russie."),
    ("en", "Ukraine was attacked by Russia."),
])
def test_passive_agent_is_source(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert_event(events, "RUS", "UKR", "19")
    assert not find(events, "UKR", "RUS", "19"), show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le ministre français des Affaires étrangères a été reçu par le président chinois "
           "Xi Jinping."),
    ("en", "The French foreign minister was received by Chinese President Xi Jinping."),
])
def test_passive_reception_host_is_source(coder: Coder, lang: str, text: str) -> None:
    event = assert_event(code(coder, text, lang), "CHN", "FRA", "04")
    assert event.target is not None and event.target.sector == "GOV"


# -- obliques ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "root"), [
    ("fr", "Emmanuel Macron s'est entretenu avec Vladimir Poutine.", "04"),
    ("en", "Emmanuel Macron spoke with Vladimir Putin.", "04"),
    ("fr", "La France coopère avec l'Inde dans le nucléaire civil.", "06"),
    ("en", "France agreed to cooperate with India on civil nuclear energy.", "06"),
])
def test_oblique_with_is_target(coder: Coder, lang: str, text: str, root: str) -> None:
    events = code(coder, text, lang)
    pair = ("FRA", "RUS") if "Macron" in text else ("FRA", "IND")
    assert_event(events, *pair, root)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le Japon a signé un pacte de défense avec l'Australie."),
    ("en", "Japan signed a defence pact with Australia."),
])
def test_signing_with(coder: Coder, lang: str, text: str) -> None:
    assert_event(code(coder, text, lang), "JPN", "AUS", "05", code="057")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "L'Union européenne a adopté des sanctions contre la Biélorussie."),
    ("en", "The European Union imposed sanctions against Belarus."),
])
def test_sanctions_against(coder: Coder, lang: str, text: str) -> None:
    event = assert_event(code(coder, text, lang), "EU", "BLR", "16", code="163")
    assert event.source is not None and event.source.country is None
    assert event.plover == "SANCTION"


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "La Russie a lancé des frappes contre l'Ukraine."),
    ("en", "Russia launched missile strikes against Ukraine."),
])
def test_strikes_against(coder: Coder, lang: str, text: str) -> None:
    assert_event(code(coder, text, lang), "RUS", "UKR", "19")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The United States threatened sanctions against Russia."),
])
def test_threat_with_target_in_against(coder: Coder, lang: str, text: str) -> None:
    assert_event(code(coder, text, lang), "USA", "RUS", "13", code="1312")


# -- entre X et Y / between X and Y -----------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "pair", "root"), [
    ("fr", "Une rencontre entre Joe Biden et Vladimir Poutine a eu lieu à Genève.",
     ("USA", "RUS"), "04"),
    ("en", "The meeting between Biden and Putin lasted four hours.", ("USA", "RUS"), "04"),
    ("en", "Talks between Russia and Ukraine took place in Belarus.", ("RUS", "UKR"), "04"),
    ("fr", "Des pourparlers ont eu lieu entre la Russie et l'Ukraine à Minsk.", ("RUS", "UKR"),
     "04"),
    ("fr", "Un accord a été signé entre la Russie et la Chine.", ("RUS", "CHN"), "05"),
    ("en", "An agreement was signed between Russia and China.", ("RUS", "CHN"), "05"),
])
def test_between_is_a_joint_act(coder: Coder, lang: str, text: str, pair: tuple[str, str],
                                root: str) -> None:
    events = code(coder, text, lang)
    assert_event(events, *pair, root, either_way=True)
    # the place is not a party
    assert all(key(e.target) in pair and key(e.source) in pair for e in events), show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Joe Biden et Vladimir Poutine se sont rencontrés à Genève."),
    ("en", "Biden and Putin met in Geneva."),
])
def test_reciprocal_meeting_of_coordinated_subjects(coder: Coder, lang: str, text: str) -> None:
    assert_event(code(coder, text, lang), "USA", "RUS", "04", either_way=True)


# -- coordinated actors ------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "La France et l'Allemagne ont condamné la Russie."),
    ("en", "France and Germany condemned Russia."),
])
def test_coordinated_sources_each_get_the_event(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert_event(events, "FRA", "RUS", "11")
    assert_event(events, "DEU", "RUS", "11")


@pytest.mark.parametrize(("lang", "text", "source"), [
    ("fr", "Olaf Scholz a critiqué la Russie et la Biélorussie.", "DEU"),
    ("en", "Britain criticized Russia and Belarus.", "GBR"),
])
def test_coordinated_targets_each_get_the_event(coder: Coder, lang: str, text: str,
                                                source: str) -> None:
    events = code(coder, text, lang)
    assert_event(events, source, "RUS", "11")
    assert_event(events, source, "BLR", "11")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Joe Biden a rencontré Emmanuel Macron et Olaf Scholz."),
    ("en", "Joe Biden met Emmanuel Macron and Olaf Scholz."),
])
def test_coordinated_meeting_partners(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert_event(events, "USA", "FRA", "04")
    assert_event(events, "USA", "DEU", "04")


# -- reported speech: the reporter is not the source -------------------------------------------

@pytest.mark.parametrize(("lang", "text", "reporter"), [
    ("fr", "Boris Johnson a affirmé que Vladimir Poutine avait menacé l'Ukraine.", "GBR"),
    ("en", "Boris Johnson said Putin had threatened Ukraine.", "GBR"),
    ("fr", "Olaf Scholz a déclaré que la Russie avait attaqué l'Ukraine.", "DEU"),
])
def test_reported_act_belongs_to_the_reported_actor(coder: Coder, lang: str, text: str,
                                                    reporter: str) -> None:
    events = code(coder, text, lang)
    root = "19" if "attaqué" in text else "13"
    assert_event(events, "RUS", "UKR", root)
    assert not [e for e in events if key(e.source) == reporter], show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Jen Psaki said Biden had spoken with Zelensky."),
    ("fr", "Selon Jen Psaki, Joe Biden s'est entretenu avec Volodymyr Zelensky."),
])
def test_reported_call_source_is_the_president_not_the_spokeswoman(coder: Coder, lang: str,
                                                                    text: str) -> None:
    event = assert_event(code(coder, text, lang), "USA", "UKR", "04")
    assert event.source is not None and event.source.name == "Joe Biden"


@pytest.mark.parametrize(("lang", "text"), [
    pytest.param("en", "White House press secretary Jen Psaki said President Biden reiterated "
                       "his support for Ukraine.",
                 marks=gap("'reiterated his support for X' gives no event")),
    ("fr", "La porte-parole de la Maison Blanche a indiqué que Joe Biden avait réaffirmé son "
           "soutien à l'Ukraine."),
])
def test_reported_support(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    event = assert_event(events, "USA", "UKR", "05")
    assert event.source is not None and event.source.name == "Joe Biden"
    assert all(e.source is None or e.source.name == "Joe Biden" for e in events), show(events)


# -- light verbs -------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "cameo"), [
    ("fr", "Emmanuel Macron a eu un entretien téléphonique avec Vladimir Poutine.", "041"),
    ("en", "Joe Biden held a phone call with Vladimir Putin.", "041"),
    ("en", "Emmanuel Macron held talks with Vladimir Putin.", None),
    ("en", "President Biden spoke by phone with Chinese President Xi Jinping.", "041"),
])
def test_light_verb_with_event_noun(coder: Coder, lang: str, text: str,
                                    cameo: str | None) -> None:
    events = code(coder, text, lang)
    source = "FRA" if "Macron" in text else "USA"
    target = "CHN" if "Xi" in text else "RUS"
    assert_event(events, source, target, "04", code=cameo)


# -- nominalisations ---------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Une réunion Russie-OTAN s'est tenue à Bruxelles."),
    pytest.param("en", "A NATO-Russia council meeting was held in Brussels.",
                 marks=gap("'a NATO-Russia council meeting' (hyphenated parties) gives no event")),
])
def test_hyphenated_parties_of_a_meeting(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert_event(events, "RUS", "NATO", "04", either_way=True)
    assert not [e for e in events if key(e.target) == "BEL"], show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Les États-Unis ont brandi la menace de sanctions contre la Russie."),
    pytest.param("fr", "La menace de sanctions américaines contre la Russie pèse sur les "
                       "négociations.",
                 marks=gap("'la menace de sanctions américaines contre X' gives no event")),
])
def test_threat_noun(coder: Coder, lang: str, text: str) -> None:
    assert_event(code(coder, text, lang), "USA", "RUS", "13")


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Une rencontre entre Joe Biden et Vladimir Poutine a eu lieu à Genève."),
    ("en", "Russia and Ukraine held talks in Belarus."),
])
def test_meeting_noun_place_is_not_a_party(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert events
    assert not [e for e in events if key(e.target) in {"CHE", "BLR"}], show(events)


# -- dated roles -------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Joe Biden a rencontré Vladimir Poutine à Genève."),
    ("en", "Joe Biden met Vladimir Putin in Geneva."),
])
def test_role_follows_the_publication_date(coder: Coder, lang: str, text: str) -> None:
    in_office = assert_event(code(coder, text, lang, date(2021, 6, 16)), "USA", "RUS", "04")
    after = assert_event(code(coder, text, lang, date(2026, 1, 15)), "USA", "RUS", "04")
    assert in_office.source is not None and in_office.source.sector == "GOV"
    # after January 2025 Biden is a former president; Putin is still in office
    assert after.source is not None and after.source.sector != "GOV"
    assert after.source.country == "USA"
    assert after.target is not None and after.target.sector == "GOV"


def test_role_of_a_later_president(coder: Coder) -> None:
    text = "Donald Trump criticized China."
    before = assert_event(code(coder, text, "en", date(2021, 6, 16)), "USA", "CHN", "11")
    during = assert_event(code(coder, text, "en", date(2026, 1, 15)), "USA", "CHN", "11")
    assert before.source is not None and before.source.sector != "GOV"
    assert during.source is not None and during.source.sector == "GOV"


@pytest.mark.parametrize(("lang", "text", "source", "target", "code_"), [
    ("fr", "Ottawa a riposté contre Washington en suspendant les licences d'exportation.",
     "CAN", "USA", "163"),
    ("en", "Canada hit back at Russia by imposing sanctions.", "CAN", "RUS", "163"),
    ("en", "Brazil responded to Argentina by imposing an embargo.", "BRA", "ARG", "163"),
])
def test_a_response_is_the_act_its_manner_clause_names(coder: Coder, lang: str, text: str,
                                                        source: str, target: str,
                                                        code_: str) -> None:
    # the manner clause takes the response's agent and target; the response itself is not
    # coded a second time
    events = code(coder, text, lang)
    assert [(key(e.source), key(e.target), e.cameo) for e in events] == [
        (source, target, code_)], show(events)


def test_a_manner_clause_takes_its_governors_target(coder: Coder) -> None:
    events = code(coder, "Brazil punished Argentina by imposing sanctions.", "en")
    assert_event(events, "BRA", "ARG", "16")


@pytest.mark.parametrize("text", [
    "Hundreds of protesters gathered on Kyiv's main street on Sunday.",
    "Supporters of the opposition gathered at Minsk's central square.",
])
def test_a_joint_act_takes_no_partner_from_its_locative(coder: Coder, text: str) -> None:
    # the avenue or the square places the gathering; its owner is no one met
    assert not [e for e in code(coder, text, "en") if e.root == "04"]


@pytest.mark.parametrize(("text", "pair"), [
    ("Kenya met Uganda on Monday in Kampala.", ("KEN", "UGA")),
    ("Kenya held talks with Uganda on the border dispute.", ("KEN", "UGA")),
    ("Macron met Scholz at the Elysee Palace in Paris.", ("FRA", "DEU")),
])
def test_a_joint_act_keeps_its_partner_beside_a_locative(
        coder: Coder, text: str, pair: tuple[str, str]) -> None:
    got = {(key(e.source), key(e.target)) for e in code(coder, text, "en") if e.root == "04"}
    assert pair in got or pair[::-1] in got, got
