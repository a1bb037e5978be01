"""Actors and agents found in a parsed sentence by dictionary phrases, and their codes.

Phrases are matched on the sentence's text, token boundary to token boundary, longest first
(an actor wins a tie with an agent): "Al-Qaeda" is three tokens to spaCy and one word to the
dictionary. A noun phrase's code is its first actor's code with its agents' codes composed the
way PETRARCH does: ``[~GOV]`` after ("Gondor's government" -> GONGOV), ``[NGO~]`` before ("an
MSF Arnor diplomat" -> NGOARNGOV); an agent alone gets the null actor ``---`` ("students" ->
---EDU). A role block the actor's code already holds is not added twice (WASHINGTON is USAGOV:
its security officials are USAGOV, not USAGOVGOV).

Phrases are read through the parse: a role noun with no actor of its own takes the actor of
its *of/from/in* complement ("the ambassadors of Arnor, Osgiliath and Gondor" -> ARNGOV,
OSGGOV, GONGOV) or, in a coordination, the modifiers of its first conjunct ("Danish media
and government" -> DNKMED, DNKGOV).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from pourparler.dictionaries._actors import ActorEntry
from pourparler.dictionaries._agents import AgentEntry

Token = Any  # spacy.tokens.Token
Span = Any

NULL_ACTOR = "---"
#: Prepositions whose object lends its actor to a role noun ("soldiers from Gondor").
_ACTOR_PREPS = frozenset({"of", "from", "in"})
_OF = frozenset({"of"})
#: A role code is composed of blocks of this many letters (CAMEO actor codes).
_BLOCK = 3
#: Longest phrase, in tokens, tried at each position (dictionary phrases of the validation and
#: Phoenix files are at most 9 words; spaCy splits hyphens and possessives, so allow more).
MAX_PHRASE_TOKENS = 14
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
#: Left dependents that belong to a noun phrase.
_NP_LEFT = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "case", "quantmod",
                      "predet", "npadvmod", "punct", "nn", "advmod"})


@dataclass(frozen=True, slots=True)
class Match:
    """A dictionary phrase found at tokens ``start`` .. ``end - 1``."""

    start: int
    end: int
    actor: ActorEntry | None = None
    agent: AgentEntry | None = None


def _norm(tok: Token) -> str:
    return str(tok.text).upper().replace("_", " ")


def find_matches(sent: Span, actors: dict[str, ActorEntry],
                 agents: dict[str, AgentEntry]) -> list[Match]:
    """Longest non-overlapping actor and agent phrases of the sentence, left to right.

    ``actors``/``agents`` map a phrase's words joined by single spaces to its entry."""
    toks = list(sent)
    out: list[Match] = []
    i = 0
    while i < len(toks):
        best: Match | None = None
        text = ""
        for j in range(i, min(len(toks), i + MAX_PHRASE_TOKENS)):
            text += _norm(toks[j])
            key = " ".join(text.split())
            a = actors.get(key)
            g = agents.get(key) if a is None else None
            if a is not None or g is not None:
                best = Match(toks[i].i, toks[j].i + 1, a, g)
            text += " " if toks[j].whitespace_ else ""
        if best is not None:
            out.append(best)
            i += best.end - best.start
        else:
            i += 1
    return out


#: A loose phrase (words, actor entry, agent entry), indexed by its last word.
LooseIndex = dict[str, list[tuple[tuple[str, ...], ActorEntry | None, AgentEntry | None]]]


def add_loose(sent: Span, matches: list[Match], loose: LooseIndex) -> list[Match]:
    """``matches`` with the loose phrases of the sentence added: words written with blanks
    may have other words of the same noun phrase between them ("ITHILEN TELEVISION" in
    "Ithilen state-run television"). A loose phrase replaces the shorter matches it covers."""
    if not loose:
        return matches
    out = list(matches)
    for tok in sent:
        for words, actor, agent in loose.get(_norm(tok), ()):
            k = len(words) - 2
            pos = tok.i - 1
            first = tok.i
            while k >= 0 and pos >= tok.left_edge.i:
                if _norm(sent.doc[pos]) == words[k]:
                    first = pos
                    k -= 1
                pos -= 1
            if k >= 0 or tok.i + 1 - first == len(words):
                continue  # not all there, or consecutive (the exact pass has it)
            inside = [m for m in out if m.start < tok.i + 1 and m.end > first]
            if any(m.start < first or m.end > tok.i + 1 or m.end - m.start >= len(words)
                   for m in inside):
                continue
            out = [m for m in out if m not in inside]
            out.append(Match(first, tok.i + 1, actor, agent))
    return sorted(out, key=lambda m: m.start)


def compose(actor: str | None, agents: list[AgentEntry]) -> str | None:
    """An actor code with its agents' codes, PETRARCH's way; None when there is neither."""
    if actor is None and not agents:
        return None
    code = actor if actor is not None else NULL_ACTOR
    for g in agents:
        blocks = [g.code[k:k + _BLOCK] for k in range(0, len(g.code), _BLOCK)]
        have = {code[k:k + _BLOCK] for k in range(0, len(code), _BLOCK)}
        new = "".join(b for b in blocks if b not in have)
        if not new:
            continue
        code = new + code if g.prefix else code + new
    return code


@dataclass(frozen=True, slots=True)
class Resolved:
    """An actor of a sentence: its code and the tokens it was read from."""

    code: str
    text: str
    head: int
    #: the built-in actor stage's reading, when the dictionaries had none (merged mode)
    actor: Any = None


class SentenceActors:
    """The dictionary's view of one parsed sentence."""

    def __init__(self, sent: Span, matches: list[Match], day: date | None,
                 fallback: Callable[[Token], list[Any]] | None = None) -> None:
        self.fallback = fallback
        self.sent = sent
        self.doc = sent.doc
        self.day = day
        self.matches = matches
        self.at: dict[int, Match] = {}
        for m in matches:
            for k in range(m.start, m.end):
                self.at[k] = m

    # -- phrases ----------------------------------------------------------------------------

    def left_span(self, head: Token) -> tuple[int, int]:
        """The noun phrase of ``head`` up to the head: its left modifiers and the head, widened
        to any dictionary phrase that starts inside ("Ministry of Silly Walks")."""
        start = head.i
        for c in head.lefts:
            if c.dep_ in _NP_LEFT or c.pos_ in {"ADJ", "PROPN", "NOUN", "DET", "NUM"}:
                start = min(start, c.left_edge.i)
        end = head.i + 1
        for k in range(start, head.i + 1):
            m = self.at.get(k)
            if m is not None:
                end = max(end, m.end)
        return start, end

    def _matches_in(self, start: int, end: int) -> list[Match]:
        return [m for m in self.matches if m.start >= start and m.start < end]

    def _actor_code(self, m: Match) -> str | None:
        return m.actor.code_on(self.day) if m.actor is not None else None

    def _segments(self, head: Token) -> list[tuple[int, int]]:
        """The head's phrase cut at coordinations inside it: the parser often leaves "X and
        the evil Y" as one phrase headed by Y; each part names its own actor."""
        start, end = self.left_span(head)
        cuts = [t.i for t in self.doc[start:head.i]
                if (t.pos_ == "CCONJ" or t.text == ",") and t.i not in self.at]
        bounds = [start, *(c + 1 for c in cuts)]
        ends = [*cuts, end]
        return [(a, b) for a, b in zip(bounds, ends, strict=True) if b > a]

    def _reading(self, start: int, end: int) -> tuple[str | None, list[AgentEntry], bool]:
        """The first actor code and the agents of tokens ``start`` .. ``end - 1``; whether an
        actor entry was found at all (one with no code for the day still names an actor)."""
        actor: str | None = None
        found = False
        agents: list[AgentEntry] = []
        for m in self._matches_in(start, end):
            if m.actor is not None and not found:
                actor, found = self._actor_code(m), True
            elif m.agent is not None:
                agents.append(m.agent)
        return actor, agents, found

    def _own(self, head: Token) -> tuple[str | None, list[AgentEntry], bool]:
        """The reading of the part of ``head``'s phrase that holds the head."""
        return self._reading(*self._segments(head)[-1])

    def _complement_actors(self, head: Token, preps: frozenset[str] = _ACTOR_PREPS
                           ) -> list[Token]:
        """Heads of the *of/from/in* complements of ``head`` (with their conjuncts)."""
        out: list[Token] = []
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend([p, *p.conjuncts])
        return out

    def _with_complement(self, head: Token, agents: list[AgentEntry], text: str,
                         depth: int) -> list[Resolved]:
        """A phrase with no actor of its own takes its complement's ("the government of
        Gondor" -> GONGOV, "goats of Gondor" -> GON)."""
        out: list[Resolved] = []
        if depth >= 2:
            return out
        # a role noun takes the actor it is "of", "from" or "in"; any other noun only the
        # one it is "of" ("an attack ... in south Ithilen" is no Ithilen actor)
        preps = _ACTOR_PREPS if agents else _OF
        for p in self._complement_actors(head, preps):
            for r in self.resolve(p, depth + 1):
                if r.code.startswith(NULL_ACTOR):
                    continue
                code = compose(r.code, agents)
                if code is not None:
                    out.append(Resolved(code, f"{text} {r.text}", head.i))
        return out

    def resolve(self, head: Token, _depth: int = 0) -> list[Resolved]:
        """The codes of the phrase headed by ``head`` (one per actor it names)."""
        segments = self._segments(head)
        out: list[Resolved] = []
        for k, (start, end) in enumerate(segments):
            actor, agents, found = self._reading(start, end)
            text = self.doc[start:end].text
            if found:
                code = compose(actor, agents)
                if code is not None:
                    out.append(Resolved(code, text, head.i))
                continue
            if k < len(segments) - 1:
                continue  # a coordinated part without an actor ("lions and Gondor")
            borrowed = self._with_complement(head, agents, text, _depth)
            if borrowed:
                out.extend(borrowed)
            else:
                code = compose(None, agents)
                if code is not None:
                    out.append(Resolved(code, text, head.i))
        return out

    def resolve_group(self, head: Token) -> list[Resolved]:
        """Codes of ``head`` and its conjuncts. Role nouns with no actor share the actors of
        a complement ("lawmakers and officials in Fornost and Gondor": four actors) or the
        modifiers of the first conjunct ("Danish media and government")."""
        group = [head, *head.conjuncts] if head.dep_ != "conj" else [head]
        group = sorted(dict.fromkeys(group), key=lambda t: t.i)
        own = {t.i: self._own(t) for t in group}
        bare = [t for t in group if own[t.i][1] and not own[t.i][2]]
        out: list[Resolved] = []
        comps = [p for t in bare for p in self._complement_actors(t)]
        if bare and comps:
            first_comp = min(p.i for p in comps)
            # actors the parser coordinated with the role nouns after the complement began
            # belong to the complement ("in Fornost and Gondor" parsed as a third conjunct)
            absorbed = [t for t in group if t.i > first_comp and own[t.i][2]
                        and not own[t.i][1]]
            actors = [r for p in [*comps, *absorbed] for r in self.resolve(p, 1)
                      if not r.code.startswith(NULL_ACTOR)]
            for t in bare:
                agents = own[t.i][1]
                for r in actors:
                    code = compose(r.code, agents)
                    if code is not None:
                        out.append(Resolved(code, f"{t.text} {r.text}", t.i))
            rest = [t for t in group if t not in bare and t not in absorbed]
        else:
            rest = group
        first = group[0]
        f_actor, _, f_found = own[first.i]
        last = group[-1]
        # "Ithilen's sheep and goats of Gondor": the parser hangs the complement that ends
        # the coordination on its first member, which has an actor of its own already
        hung = [p for p in self._complement_actors(first) if p.i > last.i] if (
            len(group) > 1 and f_found and not own[last.i][2]) else []
        for t in rest:
            if t is last and hung:
                for p in hung:
                    for r in self.resolve(p, 1):
                        code = compose(r.code, own[t.i][1])
                        if code is not None and not r.code.startswith(NULL_ACTOR):
                            out.append(Resolved(code, f"{t.text} {r.text}", t.i))
                continue
            agents = own[t.i][1]
            if (t in bare and t is not first and f_found and f_actor is not None
                    and not self._complement_actors(t)):
                lead = [g for g, _m in self._agents_before(first)]
                code = compose(f_actor, [*lead, *agents])
                if code is not None:
                    out.append(Resolved(code, t.text, t.i))
                continue
            out.extend(self.resolve(t))
        if self.fallback is not None and all(r.code.startswith(NULL_ACTOR) for r in out):
            # merged over the built-in knowledge: an actor the dictionaries do not know (or
            # know only by its role) is read by the built-in actor stage
            builtin = [Resolved(a.cameo or a.key, a.text, t.i, a) for t in group
                       for a in self.fallback(t) if a.cameo or a.key]
            out = builtin or out
        seen: set[str] = set()
        unique = []
        for r in out:
            if r.code not in seen:
                seen.add(r.code)
                unique.append(r)
        return unique

    def _agents_before(self, head: Token) -> list[tuple[AgentEntry, Match]]:
        """Agents among the modifiers of ``head`` (not the head's own role word)."""
        start, _ = self.left_span(head)
        return [(m.agent, m) for m in self._matches_in(start, head.i)
                if m.agent is not None and m.end <= head.i]

    def names_actor(self, tok: Token) -> bool:
        """Whether a phrase head names an actor or role (the argument layer asks)."""
        if tok.pos_ not in _NOMINAL:
            return False
        start, end = self.left_span(tok)
        if self._matches_in(start, end):
            return True
        return self.fallback is not None and bool(self.fallback(tok))

    def mention_start(self, tok: Token) -> int | None:
        m = self.at.get(tok.i)
        return m.start if m is not None else None

    def is_nominal(self, tok: Token) -> bool:
        return tok.pos_ in _NOMINAL
