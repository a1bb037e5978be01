"""Events stated only by implication: a hostile act reported by another side is that side's
accusation (sentences of our own writing, through the whole pipeline)."""

from __future__ import annotations

from datetime import date

import pytest

from pourparler.model import Article, Event
from pourparler.pipeline import Coder


def code(coder: Coder, text: str, lang: str) -> list[Event]:
    result = coder.code_one(Article("implied", text, published=date(2023, 4, 2), lang=lang))
    assert result.error is None, result.error
    return result.events


def keyed(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.country or e.source.org if e.source else None,
             e.target.country or e.target.org if e.target else None, e.cameo) for e in events}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenya said Ugandan troops had shelled two of its villages."),
    ("en", "Kenya said on Friday that Ugandan soldiers attacked a Kenyan border post."),
    ("fr", "Le Kenya a affirmé que des soldats ougandais avaient bombardé ses villages."),
])
def test_a_reported_attack_by_another_side_is_an_accusation(
        coder: Coder, lang: str, text: str) -> None:
    events = code(coder, text, lang)
    assert ("KEN", "UGA", "112") in keyed(events)
    implied = [e for e in events if e.rule.endswith("implied_accusation")]
    attack = [e for e in events if e.root in {"18", "19"}]
    assert implied and attack and implied[0].confidence < attack[0].confidence


@pytest.mark.parametrize(("lang", "text"), [
    # a state reporting its own forces' strike accuses nobody
    ("en", "Uganda said its troops had shelled rebel positions in Kenya."),
    # a verb that is coded itself says what the speaker does
    ("en", "Kenya accused Ugandan troops of shelling its villages."),
    # a report of a planned or denied act is no accusation
    ("en", "Kenya said Ugandan troops would not attack its villages."),
])
def test_no_accusation_without_another_side_asserting_an_act(
        coder: Coder, lang: str, text: str) -> None:
    assert not [e for e in code(coder, text, lang) if e.rule.endswith("implied_accusation")]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenya arrested two Ugandan nationals accused of spying."),
    ("en", "Kenya detained two Ugandan journalists accused of espionage on Monday."),
])
def test_a_participle_on_the_object_does_not_rule_the_predicate_out(
        coder: Coder, lang: str, text: str) -> None:
    # 'arrest' excludes 'accuse' in its own clause ("accused and arrested"); the participle
    # on its object is another predicate's
    assert ("KEN", "UGA", "173") in keyed(code(coder, text, lang))


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Kenya said Uganda was behind the attack on its embassy."),
    ("en", "Kenya said Uganda had shelled its border posts."),
    # French UD heads the copular clause with the noun: its subject is the act's agent
    ("fr", "Le Kenya a assuré que l'Ouganda était derrière l'attaque contre son ambassade."),
])
def test_a_pronoun_the_agent_cannot_own_is_the_reporters(coder: Coder, lang: str,
                                                          text: str) -> None:
    got = keyed(code(coder, text, lang))
    assert any(s == "UGA" and t == "KEN" for s, t, _ in got), got
    assert ("KEN", "UGA", "112") in got
