"""Event status through the public API: asserted, future, hypothetical, negated.

Short sentences of our own, French and English, coded by the whole pipeline. Negated and
hypothetical events are kept (``keep_uncounted`` is on by default) so their status can be
checked. Coder gaps are ``xfail(strict=True)`` with the gap in the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from pourparler.model import Actor, Article, Event
from pourparler.pipeline import Coder

#: Publication date of the test sentences (a Thursday); dates in the sentences are resolved
#: against it. Biden, Putin, Macron and Scholz were all in office then.
PUBLISHED = date(2021, 6, 10)


@pytest.fixture(scope="module")
def coder() -> Iterator[Coder]:
    yield Coder()


def code(coder: Coder, text: str, lang: str, published: date = PUBLISHED) -> list[Event]:
    result = coder.code_one(Article("status", text, published=published, lang=lang))
    assert result.error is None, result.error
    return result.events


def key(actor: Actor | None) -> str | None:
    return actor.key if actor else None


def show(events: list[Event]) -> str:
    return "; ".join(f"{key(e.source)}->{key(e.target)} {e.cameo} {e.status} {e.date}"
                     for e in events)


def find(events: list[Event], source: str, target: str, root: str) -> list[Event]:
    """Events between the two actors (either direction) with this CAMEO root."""
    pairs = {(source, target), (target, source)}
    return [e for e in events if (key(e.source), key(e.target)) in pairs and e.root == root]


def statuses(events: list[Event], source: str, target: str, root: str) -> set[str]:
    return {e.status for e in find(events, source, target, root)}


def gap(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"coder gap: {reason}")


# -- asserted ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Joe Biden a rencontré Vladimir Poutine à Genève."),
    ("en", "Joe Biden met Vladimir Putin in Geneva."),
])
def test_past_act_is_asserted_on_the_publication_day(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert statuses(events, "USA", "RUS", "04") == {"asserted"}, show(events)
    assert {e.date for e in find(events, "USA", "RUS", "04")} == {"2021-06-10"}


def test_past_act_with_an_earlier_date(coder: Coder) -> None:
    events = code(coder, "Biden met Putin in Geneva on June 8.", "en")
    hits = find(events, "USA", "RUS", "04")
    assert {(e.status, e.cameo, e.date) for e in hits} == {("asserted", "040", "2021-06-08")}


# -- negation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "La Russie n'a frappé aucune cible en Ukraine."),
    ("en", "Russia struck no targets in Ukraine."),
])
def test_a_negative_determiner_on_the_object_negates(coder: Coder, lang: str,
                                                     text: str) -> None:
    events = code(coder, text, lang)
    assert statuses(events, "RUS", "UKR", "19") == {"negated"}, show(events)

@pytest.mark.parametrize(("lang", "text", "pair", "root"), [
    ("fr", "Vladimir Poutine n'a pas rencontré Joe Biden.", ("RUS", "USA"), "04"),
    ("en", "Putin did not meet Biden.", ("RUS", "USA"), "04"),
    ("fr", "La Russie n'a jamais attaqué l'Ukraine.", ("RUS", "UKR"), "19"),
    ("en", "Russia never attacked Ukraine.", ("RUS", "UKR"), "19"),
    ("en", "Russia has not attacked Ukraine.", ("RUS", "UKR"), "19"),
    ("fr", "Joe Biden ne rencontrera pas Vladimir Poutine.", ("USA", "RUS"), "04"),
    ("en", "Biden and Putin will not meet.", ("USA", "RUS"), "04"),
    ("en", "Talks between Russia and Ukraine did not take place.", ("RUS", "UKR"), "04"),
])
def test_negated(coder: Coder, lang: str, text: str, pair: tuple[str, str], root: str) -> None:
    events = code(coder, text, lang)
    assert statuses(events, *pair, root) == {"negated"}, show(events)


def test_negated_events_are_dropped_when_uncounted_are_not_kept(coder: Coder) -> None:
    from pourparler.options import CoderOptions

    strict = Coder(CoderOptions(keep_uncounted=False))
    result = strict.code_one(Article("s", "Putin did not meet Biden. Biden met Macron.",
                                     published=PUBLISHED, lang="en"))
    assert result.error is None
    assert [e.status for e in result.events] == ["asserted"], show(result.events)


# -- conditionals and modals -------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Si la Russie attaque l'Ukraine, les États-Unis imposeront des sanctions."),
    ("en", "If Russia invades Ukraine, the United States will impose sanctions."),
    ("en", "Russia would attack Ukraine if NATO expanded."),
])
def test_act_inside_a_condition_is_hypothetical(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert statuses(events, "RUS", "UKR", "19") == {"hypothetical"}, show(events)


def test_condition_with_taiwan(coder: Coder) -> None:
    events = code(coder, "Si la Chine attaquait Taïwan, le Japon réagirait.", "fr")
    assert statuses(events, "CHN", "TWN", "19") == {"hypothetical"}, show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Joe Biden a menacé la Russie de sanctions si elle envahissait l'Ukraine."),
    ("en", "Biden threatened Russia with sanctions if it invaded Ukraine."),
])
def test_conditional_threat_is_an_asserted_threat(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert "asserted" in statuses(events, "USA", "RUS", "13"), show(events)
    assert not [e for e in events if e.root == "19" and e.counted], show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Joe Biden a menacé la Russie de sanctions si elle envahissait l'Ukraine."),
    ("en", "Biden threatened Russia with sanctions if it invaded Ukraine."),
])
def test_pronoun_in_condition_refers_to_the_threatened(coder: Coder, lang: str,
                                                       text: str) -> None:
    events = code(coder, text, lang)
    attacks = [e for e in events if e.root == "19"]
    assert attacks, show(events)
    assert all(key(e.source) == "RUS" and e.status == "hypothetical" for e in attacks), \
        show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Les États-Unis imposeront des sanctions à la Russie si elle envahit l'Ukraine."),
    ("en", "The United States will impose sanctions on Russia if it invades Ukraine."),
])
def test_conditional_promise_of_sanctions_is_a_threat(coder: Coder, lang: str,
                                                      text: str) -> None:
    events = code(coder, text, lang)
    threats = [e for e in find(events, "USA", "RUS", "13") if e.status == "asserted"]
    assert threats, show(events)
    assert not [e for e in find(events, "USA", "RUS", "16") if e.counted], show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "La Russie pourrait attaquer l'Ukraine."),
    ("fr", "La Russie pourrait envahir l'Ukraine."),
    ("en", "Russia could attack Ukraine."),
    ("en", "Russia may attack Ukraine."),
])
def test_modal_possibility_is_hypothetical(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert statuses(events, "RUS", "UKR", "19") == {"hypothetical"}, show(events)


# -- future and plans ----------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "when"), [
    ("fr", "Emmanuel Macron rencontrera Vladimir Poutine lundi.", "2021-06-14"),
    ("fr", "Joe Biden rencontrera Vladimir Poutine le 16 juin.", "2021-06-16"),
    ("fr", "Joe Biden va rencontrer Vladimir Poutine à Genève.", None),
    ("fr", "Emmanuel Macron doit rencontrer Vladimir Poutine le 25 juin.", "2021-06-25"),
    ("fr", "Le sommet entre Joe Biden et Vladimir Poutine aura lieu le 16 juin à Genève.",
     "2021-06-16"),
    ("en", "Biden will meet Putin in Geneva.", None),
    ("en", "Biden will meet Putin on June 16 in Geneva.", "2021-06-16"),
    ("en", "Biden is due to meet Putin on June 16.", "2021-06-16"),
    ("en", "Biden meets Putin in Geneva on June 16.", "2021-06-16"),
    ("en", "Blinken is scheduled to meet Lavrov in Geneva on Friday.", "2021-06-11"),
    ("en", "Biden is expected to meet Putin next week.", None),
    pytest.param("fr", "Joe Biden rencontre Vladimir Poutine le 16 juin à Genève.", "2021-06-16",
                 marks=gap("present tense with a date after publication gives no event")),
])
def test_planned_meeting_is_future_036(coder: Coder, lang: str, text: str,
                                       when: str | None) -> None:
    events = code(coder, text, lang)
    source = "FRA" if "Macron" in text else "USA"
    hits = find(events, source, "RUS", "03")
    assert hits, show(events)
    assert {e.status for e in hits} == {"future"}, show(events)
    assert {e.cameo for e in hits} == {"036"}, show(events)
    assert {e.plover for e in hits} == {"AGREE"}
    if when is not None:
        assert {e.date for e in hits} == {when}, show(events)
    # a planned meeting is not a meeting that took place
    assert not find(events, source, "RUS", "04"), show(events)


def test_planned_visit_is_future(coder: Coder) -> None:
    events = code(coder, "Biden plans to visit Japan next month.", "en")
    hits = find(events, "USA", "JPN", "03")
    assert hits and {e.status for e in hits} == {"future"}, show(events)
    assert {e.date for e in hits} == {"2021-07"}


# -- scope and new negations, proposals, free choice, "be to" ------------------------------------

@pytest.mark.parametrize(("lang", "text", "pair", "root"), [
    ("en", "Turkey no longer supplies weapons to Ukraine.", ("TUR", "UKR"), "07"),
    ("en", "Russia no longer attacks Ukraine.", ("RUS", "UKR"), "19"),
    ("fr", "La Russie n'attaque plus l'Ukraine.", ("RUS", "UKR"), "19"),
    ("fr", "La Russie n'a plus attaqué l'Ukraine.", ("RUS", "UKR"), "19"),
    ("fr", "La Chine n'a rien signé avec le Vietnam.", ("CHN", "VNM"), "05"),
])
def test_no_longer_and_ne_partners_negate(coder: Coder, lang: str, text: str,
                                         pair: tuple[str, str], root: str) -> None:
    events = code(coder, text, lang)
    assert statuses(events, *pair, root) == {"negated"}, show(events)


def test_ne_alone_is_not_a_negation(coder: Coder) -> None:
    # the expletive « ne » of « avant que ... ne » negates nothing
    events = code(coder, "La Russie a attaqué l'Ukraine avant que l'hiver ne vienne.", "fr")
    assert statuses(events, "RUS", "UKR", "19") == {"asserted"}, show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Turkey rejected the report and accused Greece of lying."),
    ("fr", "La Turquie a rejeté le rapport et a accusé la Grèce de mentir."),
])
def test_refusal_does_not_reach_a_coordinated_verb(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert statuses(events, "TUR", "GRC", "11") == {"asserted"}, show(events)


@pytest.mark.parametrize(("lang", "text", "pair", "root"), [
    ("en", "Ukraine proposed that Russia meet with Turkey.", ("RUS", "TUR"), "04"),
    ("en", "France proposed that Germany send aid to Mali.", ("DEU", "MLI"), "07"),
])
def test_content_of_a_proposal_is_hypothetical(coder: Coder, lang: str, text: str,
                                               pair: tuple[str, str], root: str) -> None:
    events = code(coder, text, lang)
    assert statuses(events, *pair, root) == {"hypothetical"}, show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Biden and Putin are to meet in Geneva."),
    ("fr", "Poutine et Biden doivent se rencontrer à Genève."),
])
def test_be_to_infinitive_is_scheduled(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert statuses(events, "USA", "RUS", "03") == {"future"}, show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenya said it stood ready to provide assistance to Uganda."),
    ("en", "Kenya promised Uganda to send food aid."),
    ("fr", "Le Kenya a promis d'envoyer de l'aide alimentaire à l'Ouganda."),
    ("fr", "Le Kenya s'est dit prêt à livrer des vivres à l'Ouganda."),
])
def test_aid_one_commits_to_is_not_given_but_an_intent(coder: Coder, lang: str,
                                                       text: str) -> None:
    events = code(coder, text, lang)
    assert not [e for e in events if e.root == "07" and e.status == "asserted"], show(events)
    assert any(e.root == "03" and e.status == "asserted" and key(e.source) == "KEN"
               and key(e.target) == "UGA" for e in events), show(events)


def test_a_release_announced_for_later_is_an_intent_to_release(coder: Coder) -> None:
    events = code(coder, "Kenya will release the Ugandan prisoners on Friday.", "en")
    assert any(e.cameo == "0353" and key(e.target) == "UGA" for e in events), show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenya pledged to hold talks with Uganda."),
    ("fr", "Le Kenya s'est engagé à négocier avec l'Ouganda."),
    ("fr", "Le Kenya s'est dit prêt à tenir des consultations avec l'Ouganda."),
])
def test_a_commitment_to_meet_is_an_intent_to_meet(coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert any(e.cameo == "036" and e.status == "asserted" and key(e.source) == "KEN"
               and key(e.target) == "UGA" for e in events), show(events)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenya called on Uganda to release the prisoners."),
    ("en", "Kenya appealed to Uganda to withdraw its troops from Somalia."),
])
def test_the_object_of_a_control_preposition_does_the_act_asked_for(
        coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert any(e.root == "02" and key(e.source) == "KEN" for e in events), show(events)
    # the act asked for is Uganda's, not Kenya's
    assert not [e for e in events if e.root == "08" and key(e.source) == "KEN"], show(events)


def test_what_an_appeal_asks_for_is_not_done(coder: Coder) -> None:
    events = code(coder, "Kenya urged Uganda to negotiate with Somalia.", "en")
    asked = [e for e in events if e.root == "04"]
    assert asked and all(e.status == "hypothetical" for e in asked), show(events)
    # the one asked acts: Uganda negotiates, not Kenya
    assert all(key(e.source) == "UGA" for e in asked), show(events)


def test_what_a_french_appeal_asks_for_is_not_done(coder: Coder) -> None:
    # « exhorter X à » + infinitive: parsed as an adverbial clause, controlled by the object
    events = code(coder, "Les ministres européens ont exhorté l'Iran à négocier.", "fr")
    assert not [e for e in events if e.root == "04" and e.status == "asserted"], show(events)


def test_a_purpose_clause_of_a_phone_call_is_done(coder: Coder) -> None:
    text = "Le Kenya a appelé l'Ouganda pour exiger la libération des otages."
    events = code(coder, text, "fr")
    assert any(e.root == "10" and e.status == "asserted" for e in events), show(events)


@pytest.mark.parametrize(("text", "root"), [
    ("Uganda, which had accused Kenya of spying, rejected the offer of talks.", "11"),
    ("Uganda, which had condemned Kenya, refused to attend the summit.", "11"),
])
def test_a_relative_clause_is_not_in_the_scope_of_its_nouns_refusal(
        coder: Coder, text: str, root: str) -> None:
    # what the relative clause says was done; only the main verb is a refusal
    assert statuses(code(coder, text, "en"), "UGA", "KEN", root) == {"asserted"}
