"""The data of a document being coded (DocContext) and of one frame (_Frame), and the
actor reading of argument tokens: who an argument denotes (owners of things, members,
reported speakers, condition antecedents)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pourparler.actors import DocActors
from pourparler.events._args import ArgumentLayer
from pourparler.events._counterparts import salient_others, state_actor
from pourparler.events._syntax import (
    _COMPLEMENT_CLAUSE,
    _MAX_CLIMB,
    _NON_STATE,
    _OBJ,
    _OBLIQUE,
    _RELATIVE,
    _SUBJ,
    CONF_EXPLICIT,
)
from pourparler.events.lexicon import Lexicon, Predicate
from pourparler.events.ontology import cameo_country
from pourparler.geo import ArticlePlaces
from pourparler.model import Actor
from pourparler.syntax import case_of as _case_of
from pourparler.syntax import nominal_of as _nominal_of

Token = Any  # spacy.tokens.Token


@dataclass(slots=True)
class _Frame:
    pred: Token
    entry: Predicate
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    confidence: float = CONF_EXPLICIT
    #: Victims of a judged act ("condemned the invasion of Ukraine"): never its target.
    victims: list[Actor] = field(default_factory=list)


@dataclass(slots=True)
class DocContext:
    """What the coder needs to know about the document being coded."""

    article_id: str
    lang: str
    published: date | None
    dateline: date | None
    actors: DocActors
    lexicon: Lexicon
    #: ISO3 of the state a demonym names, for demonyms on things ("Colombian imports").
    demonym_country: Callable[[str], str | None] = lambda _word: None
    #: The name of a state from its ISO3 code ("UKR" -> "Ukraine").
    country_name: Callable[[str], str] = lambda iso3: iso3
    #: The article's places (dateline, countries it is about), for placing events; None
    #: leaves every event without a location.
    places: ArticlePlaces | None = None
    #: The article's own text (the parsed text may carry offset-preserving repairs).
    text: str | None = None


class _ActorReader:
    """Reads who the argument tokens of one sentence denote."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.g = ctx.lexicon.grammar
        self.args = ArgumentLayer(self.g, lambda t: bool(self.actors_of(t)), self._mention_start)

    def _mention_start(self, tok: Token) -> int | None:
        mention = self.ctx.actors.mention_at(tok.i)
        return None if mention is None else int(mention.start)

    # -- actors -----------------------------------------------------------------------------

    def actors_of(self, tok: Token, pred: Token | None = None) -> list[Actor]:
        """Actors denoted by the argument headed by ``tok``."""
        if tok.lower_ in self.g.first_person and pred is not None:
            # "'We will respond,' the minister said": inside a quote, we are the speaker's side
            speaker = self._reported_speaker(pred)
            if speaker:
                return speaker
        if tok.lower_ in self.g.personal_pronouns or tok.lemma_.lower() in self.g.personal_pronouns:
            threatened = self._condition_antecedent(tok)
            if threatened:
                return threatened
            speaker = self._reported_speaker(pred) if pred is not None else None
            if speaker and "Plur" not in tok.morph.get("Number"):
                return speaker
        if (tok.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"} and tok.tag_ in {"WDT", "WP"}) or (
            tok.pos_ == "PRON" and "Rel" in tok.morph.get("PronType")
        ):
            # relative pronoun: the noun the relative clause hangs on
            clause = tok.head
            if clause.dep_ in _RELATIVE and clause.head != clause:
                return self.ctx.actors.resolve(clause.head)
        found = self.ctx.actors.resolve(tok)
        if found and len(found) == 1 and found[0].sector not in _NON_STATE:
            # "separatist forces", "les forces rebelles": a non-state modifier decides the side
            for c in tok.children:
                if c.dep_ in {"amod", "compound"} and c.i < tok.i + 3:
                    sub = [a for a in self.ctx.actors.resolve(c) if a.sector in _NON_STATE]
                    if sub:
                        return [sub[0].with_text(f"{c.text} {tok.text}")]
        if not found and tok.pos_ == "PROPN":
            # "Guyana's Irfaan Ali", "U.S. basketball star Brittney Griner": an unknown person
            # of the state that "owns" or qualifies the name
            for c in tok.children:
                if c.dep_ in {"poss", "nmod:poss", "compound", "amod"}:
                    owners = [a for a in self.ctx.actors.resolve(c) if a.country and not a.org]
                    if owners:
                        o = owners[0]
                        return [Actor(tok.text, tok.text, o.country, None, None,
                                      cameo_country(o.country) if o.country else None)]
        if not found and tok.lemma_.lower() not in self.g.measure_nouns:
            # "le nouveau secrétaire d'État américain Marco Rubio": the name in apposition;
            # "les bombardements israéliens", "a US drone strike": the state named by a demonym
            for c in tok.children:
                if c.dep_ in {"appos", "flat:name", "amod", "compound"}:
                    found = [a for a in self.ctx.actors.resolve(c) if c.dep_ in {"appos",
                             "flat:name"} or (a.country and not a.org)]
                    if not found and c.dep_ in {"amod", "compound"}:
                        iso3 = self.ctx.demonym_country(c.text)
                        if iso3:
                            found = [state_actor(self.ctx.country_name(iso3), c.text, iso3)]
                    if found:
                        break
        if not found and tok.pos_ in {"NOUN", "PRON", "NUM"}:
            # "les représentants de Kiev", "the leaders of the rebels", "celle de la France":
            # what belongs to, or speaks for, the actor of its genitive complement
            for c in tok.children:
                n = _nominal_of(c)
                if c.dep_ in {"nmod", "prep"} and _case_of(n) in self.g.genitive_preps:
                    # "des milliers de partisans de la junte", "two of its villages": follow
                    # the chain of complements
                    found = self.actors_of(n) or (
                        self._owner_of_thing(n, pred) if tok.pos_ in _PARTITIVE_POS else [])
                    if found:
                        break
        if any(a.country or a.org for a in found):
            return found
        # a role of no one in particular ("its embassy" before its owner is known) or nothing:
        # the owner its possessive names
        return self._owner_of_thing(tok, pred) or found

    def _owner_of_thing(self, tok: Token, pred: Token | None) -> list[Actor]:
        """"shelled its villages", « a saisi ses navires »: a thing acted on stands for the
        owner its possessive names, unless the owner is the actor itself ("suspended its
        aid")."""
        top = tok.head if tok.dep_ in {"pobj", "nmod"} and tok.head.pos_ == "NUM" else tok
        if (tok.pos_ != "NOUN" or pred is None or not _possessed(tok)
                or top.dep_ in _SUBJ or (top.dep_ == "pobj" and top.head.head.dep_ in _SUBJ)):
            return []  # only what is acted on: "their captors demanded" is not the owners
        # the act's agents: the predicate's subject, or for an event noun its clause's
        verb = pred if any(x.dep_ == "cop" for x in pred.children) else next(
            (v for v in (pred, *pred.ancestors) if v.pos_ in {"VERB", "AUX"}), pred)
        agents = {a.key for c in verb.children if c.dep_ in _SUBJ
                  for a in self.ctx.actors.resolve(c)}
        owners = self.ctx.actors.resolve_possessor(tok)
        found = [a for a in owners if a.key not in agents]
        if owners and not found:
            # "Kenya said Uganda attacked its embassy": a pronoun the nearest subject cannot own
            # (no one attacks their own embassy) is the reporter's
            found = [a for a in self._reported_speaker(verb) or [] if a.key not in agents]
        return found

    def _condition_antecedent(self, pron: Token) -> list[Actor]:
        """"X menace Y de sanctions si elle envahit ...", "will sanction Y if it invades": the
        subject pronoun of a condition names the party the main clause acts on."""
        clause = pron.head
        if pron.dep_ not in _SUBJ or clause.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in self.g.conditional_marks for c in clause.children
        ):
            return []
        main = clause.head
        subjects = {a.key for c in main.children if c.dep_ in _SUBJ
                    for a in self.ctx.actors.resolve(c)}
        for c in main.children:
            if c.dep_ not in _OBJ and c.dep_ not in _OBLIQUE:
                continue
            for t in (_nominal_of(c), *(_nominal_of(x) for x in _nominal_of(c).children)):
                found = [a for a in self.ctx.actors.resolve(t) if a.key not in subjects]
                if found:
                    return found
        return []

    def _speakers(self, reporter: Token) -> list[Token]:
        """Subject of a reporting verb; after a quote French inverts it and the parser often
        labels it an object ("« ... », a écrit le ministre")."""
        subj = [c for c in reporter.children if c.dep_ in _SUBJ]
        if subj:
            return subj
        return [c for c in reporter.children
                if c.dep_ in _OBJ and c.i > reporter.i and self.ctx.actors.resolve(c)]

    def _reported_speaker(self, pred: Token | None) -> list[Actor] | None:
        """'X said (that) he ...': the subject of the reporting verb that governs ``pred``."""
        reporter = self.reporting_verb(pred)
        return None if reporter is None else self.speaker_actors(reporter)

    def reporting_verb(self, pred: Token | None) -> Token | None:
        """The reporting verb that governs ``pred`` ('X said (that) ...'); with the quote
        first (« ... », a déclaré X) the parser often makes the reporting verb a dependent of
        the quoted clause."""
        cur = pred
        for _ in range(_MAX_CLIMB):
            if cur is None:
                return None
            for c in cur.children:
                if (c.dep_ in _COMPLEMENT_CLAUSE and pred is not None and c.i > pred.i
                        and c.lemma_.lower() in self.g.reporting_verbs):
                    return c
            if cur.head == cur:
                return None
            if cur.dep_ in _COMPLEMENT_CLAUSE or cur.dep_ == "advcl":
                head = cur.head
                return head if head.lemma_.lower() in self.g.reporting_verbs else None
            cur = cur.head
        return None

    def speaker_actors(self, reporter: Token) -> list[Actor] | None:
        for c in self._speakers(reporter):
            found = self.ctx.actors.resolve(c)
            if found:
                return found
        return None

    def _resolve_all(self, toks: Sequence[Token], pred: Token) -> list[Actor]:
        out: list[Actor] = []
        seen: set[tuple[str | None, str | None, str]] = set()
        for t in toks:
            found = self._distributed(t, self.actors_of(t, pred))
            if len(found) < 2:
                found = self._members(t, role=bool(found) or t.lemma_.lower() in
                                      self.g.party_nouns) or found
            if not found and t.lemma_.lower() in self.g.all_parties:
                # "toutes les parties", "both sides": the story's two main adversaries
                found = salient_others(self.ctx.actors, (), count=2)
            for a in found:
                if not a.country and not a.org:
                    continue  # "missile strikes", "foreign embassies": no one in particular
                k = (a.key, a.sector, a.name)
                if k not in seen:
                    seen.add(k)
                    out.append(a)
        return out

    def _distributed(self, tok: Token, found: list[Actor]) -> list[Actor]:
        """"the presidents of Guyana and Venezuela", "les dirigeants russe et ukrainien": a
        plural role owned by coordinated states is one actor per state."""
        if len(found) != 1 or not found[0].sector or "Plur" not in tok.morph.get("Number"):
            return found
        role = found[0]
        out = list(found)
        for c in tok.children:
            owner = _nominal_of(c)
            if c.dep_ not in {"amod", "nmod", "prep"} or not owner.conjuncts:
                continue
            for conj in owner.conjuncts:
                for a in self.ctx.actors.resolve(conj):
                    if a.country and a.country != role.country and not a.org:
                        code = cameo_country(a.country) or a.country
                        out.append(Actor(a.name, conj.text, a.country, None, role.sector,
                                         f"{code}{role.sector}"))
        return out

    def _members(self, tok: Token, role: bool) -> list[Actor]:
        """A plural description of several actors: "les présidents congolais X et rwandais Y"
        (the names hang on the plural), or a role the actor stage read as one actor ("the two
        leaders", « les deux ministres »: the story's two principals so far)."""
        if tok.pos_ != "NOUN" or "Plur" not in tok.morph.get("Number"):
            return []
        named: list[Actor] = []
        for c in tok.children:
            if c.pos_ == "PROPN" and c.dep_ in {"appos", "nmod", "flat:name", "amod"} and \
                    _case_of(c) is None:
                named.extend(a for a in self.ctx.actors.resolve(c) if a not in named)
        if len(named) >= 2:
            return named
        if not role or not any(c.lower_ in self.g.pair_words for c in tok.children
                               if c.i < tok.i):
            return []  # "two types of fish": only a role or a party noun makes a pair
        # the two parties the text has named most so far (the story's principals), the more
        # recent first on a tie
        counts: dict[str, int] = {}
        last: dict[str, tuple[int, Actor]] = {}
        for m in self.ctx.actors.mentions:
            key = m.actor.key
            if m.end > tok.i or key is None:
                continue
            counts[key] = counts.get(key, 0) + 1
            last[key] = (m.start, m.actor)
        ranked = sorted(counts, key=lambda k: (-counts[k], -last[k][0]))[:2]
        if len(ranked) < 2:
            return []
        return [last[k][1] for k in sorted(ranked, key=lambda k: last[k][0])]


#: Heads of a partitive ("two of its villages", "some of its ships"), through which the
#: owner of the things counted is reached; a noun's genitive ("the betrayal of their
#: constitution") is not what is acted on.
_PARTITIVE_POS = frozenset({"NUM", "PRON", "DET"})


def _possessed(tok: Token) -> bool:
    """Whether a noun carries a possessive determiner ("its", « ses »)."""
    return any(c.dep_ in {"poss", "nmod:poss"} or "Yes" in c.morph.get("Poss")
               for c in tok.children)
