"""Events stated only by implication (PHENOMENA P13): a hostile act that someone reports
another side did is an accusation by the reporter ("Kenya said Ugandan troops had shelled
two of its villages": Kenya accuses Uganda, besides the shelling itself)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pourparler.events._syntax import _NON_STATE
from pourparler.model import Actor

Token = Any  # spacy.tokens.Token

#: CAMEO 112, "accuse": the reporter's claim about the other side's act.
ACCUSATION_CODE = "112"
#: The accusation is inferred, not said: its confidence is the act's scaled by this factor
#: (below one so that a stated accusation of the same pair always ranks higher).
IMPLIED_CONFIDENCE = 0.8
#: Acts whose report accuses their agent: assaults, fighting, mass violence (roots 18-20) and
#: seizing or destroying property (171x). Arrests and expulsions (17x) are often reported by
#: neutral parties as facts, not charged.
_ACCUSING_ROOTS = frozenset({"18", "19", "20"})
_ACCUSING_PREFIXES = ("171",)


def implied_accusations(reporter: Token | None, code: str, status: str,
                        pairs: Sequence[tuple[Actor, Actor]],
                        speakers: Callable[[Token], list[Actor] | None],
                        coded: Callable[[Token], bool]) -> list[tuple[Actor, Actor]]:
    """(reporter's actor, accused) pairs for an asserted hostile act under a reporting verb.

    The reporting verb must be a plain one ("said", « a affirmé »): a verb the lexicon codes
    itself ("accused", "warned", "denied") already says what the speaker does. The reporter
    must be another side than the act's agent: a state reporting its own forces' strikes
    accuses nobody.
    """
    if (reporter is None or status != "asserted" or coded(reporter)
            or not (code[:2] in _ACCUSING_ROOTS or code.startswith(_ACCUSING_PREFIXES))):
        return []
    out: list[tuple[Actor, Actor]] = []
    for speaker in speakers(reporter) or ():
        for agent, _ in pairs:
            if _other_side(speaker, agent) and (speaker, agent) not in out:
                out.append((speaker, agent))
    return out


def _other_side(a: Actor, b: Actor) -> bool:
    """Different states or organisations, or a state's organ and a non-state group at home
    ("the police said gangs had attacked ...")."""
    if (a.country or a.org) != (b.country or b.org):
        return True
    return (a.sector in _NON_STATE) != (b.sector in _NON_STATE)
