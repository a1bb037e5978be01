"""Unstated counterparts: the side of an act that a sentence leaves to the story.

News name one side and let the story supply the other. "Tokyo protested" (at the story's other
party); "thousands marched through the capital" (against their own government); "fourteen people
were arrested" (by the authorities of the state where it happened); "the fund pledged $400
million" (to the story's recipient); a mediator "brokered the summit" (between the story's two
parties); "missiles struck the port" (of the state the port lies in). One rule fills them: a
frame missing a side takes the side its CAMEO family leaves unstated, at inferred confidence,
and only when the sentence names no one for that side.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pourparler.events._args import role
from pourparler.events._syntax import _NON_STATE, CONF_EXPLICIT, CONF_INFERRED
from pourparler.events.lexicon import Grammar, Predicate
from pourparler.events.ontology import cameo_country
from pourparler.geo import place_event
from pourparler.model import Actor

if TYPE_CHECKING:
    from pourparler.actors import DocActors
    from pourparler.events._frames import DocContext, _Frame

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span

__all__ = ["fill_counterparts", "salient_other", "salient_others", "state_actor"]

#: An actor must be mentioned this often to stand as the unstated other side of a statement:
#: once is a passing mention, twice makes it a party to the story.
MIN_SALIENT_MENTIONS = 2

#: Protest (14): people who protest without a stated target protest their own government; not
#: a riot (145), which is aimed at what it attacks.
_PROTEST_ROOT = "14"
_RIOT_CODE = "145"
#: Aid (07): a donor's pledge (a verb: an aid noun is often another act's object, « suspendu
#: son aide ») with no recipient goes to the story's other party.
_AID_ROOT = "07"
#: Coercion by authorities (17: arrests, detentions, bans): the unstated agent is the state.
_AUTHORITY_ROOTS = frozenset({"17"})
#: Attacks (18-20): what is struck belongs to the state where it lies.
_STRUCK_ROOTS = frozenset({"18", "19", "20"})
#: The government, as CAMEO's role code names it.
_GOVERNMENT = "GOV"
_CIVILIANS = "CVL"


def state_actor(name: str, text: str, iso3: str, sector: str | None = None) -> Actor:
    """A state as a whole (no sector), or one of its sectors, coded by its CAMEO country code."""
    country = cameo_country(iso3) or iso3
    return Actor(name, text, iso3, None, sector, country + sector if sector else country)


def salient_other(actors: DocActors, sources: Sequence[Actor]) -> list[Actor]:
    """The article's most mentioned actor that is not the source: the unstated target of
    "Tokyo protested", "the White House denounced the measures"."""
    return salient_others(actors, sources, count=1)


def salient_others(actors: DocActors, sources: Sequence[Actor], count: int) -> list[Actor]:
    """The ``count`` most mentioned actors of the article other than ``sources``."""
    own = {a.key for a in sources}
    counts: dict[str, int] = {}
    first: dict[str, Actor] = {}
    for m in actors.mentions:
        key = m.actor.key
        if not key or key in own:
            continue
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, m.actor)
    # a passing mention is no party to the story, unless the story names no one else: then
    # the other side is plain ("Tension is rising between A and B. A threatened to retaliate.")
    floor = 1 if len(counts) == count else MIN_SALIENT_MENTIONS
    ranked = sorted((k for k in counts if counts[k] >= floor), key=lambda k: -counts[k])[:count]
    if len(ranked) < count:
        return []
    out = []
    for key in ranked:
        top = first[key]
        out.append(Actor(top.name, top.text, top.country, top.org, None,
                         (cameo_country(top.country) or top.country) if top.country
                         else top.cameo))
    return out


def fill_counterparts(frame: _Frame, sent: Span, pred: Token, ctx: DocContext) -> None:
    """Give ``frame`` the side its family leaves unstated, if the sentence names none."""
    entry = frame.entry
    root = entry.cameo[:2]
    g = ctx.lexicon.grammar
    if not frame.targets and frame.sources:
        found = []
        if root == _PROTEST_ROOT and not entry.cameo.startswith(_RIOT_CODE):
            frame.sources = [_as_people(s, ctx) for s in frame.sources]
            found = _own_government(frame.sources)
        if not found and root in _AUTHORITY_ROOTS and _people_acted_on(pred, entry, g):
            # « la police a annoncé 300 arrestations »: people of the authorities' state
            states = {a.country for a in frame.sources if a.country and not a.org}
            if len(states) == 1:
                (iso3,) = states
                found = [state_actor(ctx.country_name(iso3), _patient_text(pred, g), iso3,
                                     _CIVILIANS)]
        if not found and (entry.implicit_target or (root == _AID_ROOT and entry.pos == "VERB")):
            # the one other party the sentence names, else the story's
            # (never the victim of a judged act: "condemned the invasion of Ukraine")
            known = [*frame.sources, *frame.victims]
            found = _sentence_other(sent, pred, known, ctx) or salient_other(ctx.actors, known)
        if not found and entry.implicit_parties:
            found = salient_others(ctx.actors, frame.sources, count=2)
        if not found and root in _STRUCK_ROOTS and frame.confidence >= CONF_EXPLICIT:
            # only for an attacker the sentence names as such: "X condemned the attack on
            # ..." lends the attack no attacker of its own
            found = _struck_state(sent, pred, entry, ctx, frame.sources)
        if found:
            frame.targets, frame.confidence = found, CONF_INFERRED
    elif root in _AUTHORITY_ROOTS and not frame.sources:
        if frame.targets:
            states = {t.country for t in frame.targets if t.country and not t.org}
            if len(states) == 1:
                (iso3,) = states
                frame.sources = [_government(ctx, iso3)]
                frame.confidence = CONF_INFERRED
        elif _people_acted_on(pred, entry, g):
            where = _state_of_the_act(sent, pred, entry, ctx)
            if where is not None:
                frame.sources = [_government(ctx, where)]
                frame.targets = [state_actor(ctx.country_name(where), _patient_text(pred, g),
                                             where, _CIVILIANS)]
                frame.confidence = CONF_INFERRED


def _sentence_other(sent: Span, pred: Token, sources: Sequence[Actor],
                    ctx: DocContext) -> list[Actor]:
    """The one state other than the sources that the sentence names after the predicate
    (none if several): what comes before is the speaker's side or the topic."""
    own = {a.key for a in sources}
    others: dict[str, Actor] = {}
    for m in ctx.actors.mentions:
        if (m.start > pred.i and m.end <= sent.end and m.actor.key and not m.actor.org
                and m.actor.key not in own):
            others.setdefault(m.actor.key, m.actor)
    if len(others) != 1:
        return []
    (top,) = others.values()
    return [Actor(top.name, top.text, top.country, top.org, None,
                  (cameo_country(top.country) or top.country) if top.country else top.cameo)]


def _as_people(actor: Actor, ctx: DocContext) -> Actor:
    """"Thousands of Georgians marched": a people named by its demonym marches as civilians."""
    if actor.sector is None and actor.country and not actor.org and ctx.demonym_country(
            actor.text) == actor.country:
        return state_actor(actor.name, actor.text, actor.country, _CIVILIANS)
    return actor


def _own_government(sources: Sequence[Actor]) -> list[Actor]:
    """Protesters, strikers, the opposition: their state's government, when they share one."""
    if not all(s.sector in _NON_STATE for s in sources):
        return []  # "Georgia protested": an official protest is aimed at another state
    states = {s.country for s in sources if s.country and not s.org}
    if len(states) != 1:
        return []
    (iso3,) = states
    name = next(s.name for s in sources if s.country == iso3)
    return [state_actor(name, "", iso3, _GOVERNMENT)]


def _government(ctx: DocContext, iso3: str) -> Actor:
    return state_actor(ctx.country_name(iso3), "", iso3, _GOVERNMENT)


def _people_acted_on(pred: Token, entry: Predicate, g: Grammar) -> bool:
    """"Fourteen people were arrested", « 300 interpellations »: people, unnamed, undergo
    the act (a person noun as the patient, or a counted event noun)."""
    if entry.pos == "NOUN":
        return any(c.dep_ == "nummod" for c in pred.children) or _people_noun(pred, g) is not None
    return any(role(c) in {"subj_pass", "obj"} and _people(c, g) for c in pred.children)


def _people(tok: Token, g: Grammar) -> bool:
    """A person noun, or a count of them ("dozens of people", « des centaines de
    manifestants »): its complement, directly or through its preposition."""
    if tok.lemma_.lower() in g.people_nouns:
        return True
    return any(n.lemma_.lower() in g.people_nouns and tok in (n.head, n.head.head)
               for n in tok.subtree if n is not tok)


def _people_noun(pred: Token, g: Grammar) -> Token | None:
    """The person noun among the act's complements ("arrests of protesters")."""
    near = {pred.i, *(c.i for c in pred.children)}
    for t in pred.subtree:
        if t is not pred and t.lemma_.lower() in g.people_nouns and (
                t.head.i in near or (t.head.head.i in near and t.head.head is not pred)):
            return t  # "arrests of protesters", "arrested dozens of people"
    return None


def _patient_text(pred: Token, g: Grammar) -> str:
    noun = _people_noun(pred, g)
    return str(" ".join(t.text for t in noun.subtree)) if noun is not None else str(pred.text)


def _state_of_the_act(sent: Span, pred: Token, entry: Predicate,
                      ctx: DocContext) -> str | None:
    """The state where the act took place (a place the sentence names), else the story's
    most mentioned state."""
    if ctx.places is not None:
        loc = place_event(sent, pred, entry.cameo, ctx.actors, ctx.places)
        if loc is not None and loc.country:
            return str(loc.country)
    top = [a for a in salient_others(ctx.actors, (), count=1) if a.country and not a.org]
    return top[0].country if top else None


def _struck_state(sent: Span, pred: Token, entry: Predicate, ctx: DocContext,
                  sources: Sequence[Actor]) -> list[Actor]:
    """"Russian missiles struck the port of Odesa": with no actor struck, the state where the
    struck place lies (by the place stage's reading of the sentence) is the target, unless it
    is the attacker's own."""
    if ctx.places is None:
        return []
    loc = place_event(sent, pred, entry.cameo, ctx.actors, ctx.places)
    if loc is None or not loc.country or any(s.country == loc.country for s in sources):
        return []
    if loc in ctx.places.dateline and not _names_state(sent, loc.country, ctx):
        # where the story was filed is no victim unless the sentence points there: "THE
        # HAGUE - ... fighters shot dead patients" strikes no one in the Netherlands
        return []
    state = ctx.places.gazetteer.country(loc.country)
    name = state.name if state is not None else loc.country
    return [state_actor(name, loc.name, loc.country)]


def _names_state(sent: Span, iso3: str, ctx: DocContext) -> bool:
    """The sentence names ``iso3``: an actor or a place of it, or its demonym."""
    if any(m.actor.country == iso3 and sent.start <= m.start < sent.end
           for m in ctx.actors.mentions):
        return True
    return any(ctx.demonym_country(t.text) == iso3 for t in sent)
