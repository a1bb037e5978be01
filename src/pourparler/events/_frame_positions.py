"""Argument positions of a predicate: its subjects, agents, target phrases, partner and
place phrases, and the subject a clause borrows from its governor."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pourparler.events._args import EXPLICIT
from pourparler.events._counterparts import state_actor
from pourparler.events._frame_actors import _ActorReader
from pourparler.events._syntax import (
    _ADJUNCT,
    _OBJ,
    _OBLIQUE,
    _OTHER_CLAUSE,
    _OWNER_REACH,
    _PASS_SUBJ,
    _SUBJ,
)
from pourparler.events.lexicon import Predicate
from pourparler.model import Actor
from pourparler.syntax import case_of as _case_of
from pourparler.syntax import nominal_of as _nominal_of

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span


class _PositionReader(_ActorReader):
    """Finds the tokens in each argument position of a predicate."""

    # -- argument positions -----------------------------------------------------------------

    def _subjects(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject tokens of ``verb``, and whether the verb is passive."""
        return self.args.subjects(verb)

    def _agents(self, verb: Token) -> list[Token]:
        return self.args.agents_of(verb)

    def _with_conjuncts(self, toks: Iterable[Token]) -> list[Token]:
        """Each token and its conjuncts. A name list "A, B, C et D" is often parsed with B as
        an apposition of A and C, D as conjuncts of B: an apposition that has conjuncts of its
        own is read as one more member of the list."""
        out: list[Token] = []
        for t in toks:
            out.append(t)
            out.extend(c for c in t.conjuncts if c.i > t.i and c not in out)
            for c in t.children:
                # (the parser also labels that second item nmod, with no preposition)
                listed = c.dep_ == "appos" or (c.dep_ == "nmod" and c.pos_ == "PROPN" and not any(
                    cc.dep_ == "case" for cc in c.children))
                if listed and any(cc.dep_ == "conj" for cc in c.children):
                    for m in (c, *c.conjuncts):
                        if m not in out:
                            out.append(m)
        return out

    def _target_tokens(self, pred: Token, entry: Predicate, *, objects: bool) -> list[Token]:
        partners = self._partner_preps(entry)
        preps = self.g.target_preps - (self.g.locative_preps if entry.symmetric else set())
        preps |= set(entry.preps)
        if not partners:
            preps -= self.g.partner_preps - self.g.between_preps
        out: list[Token] = []
        out.extend(self._nested_partners(pred, entry))
        for c in pred.children:
            if c.dep_ in _OBJ and objects and not entry.no_object_target:
                out.append(c)
                if not self.ctx.actors.resolve(c):
                    # "criticised Washington's decision", "a frappé le réseau électrique de
                    # l'Ukraine": whose the thing acted on is
                    out.extend(self._owners_in(c))
            elif (c.dep_ in _ADJUNCT and objects and not entry.no_object_target
                  and c.pos_ == "PROPN" and c.i > pred.i and _case_of(c) is None
                  and self.ctx.actors.resolve(c)):
                # "a financé le Hamas" parsed as an adjunct: a bare name after the verb, with
                # no preposition, is its object (bare adjuncts are times: "lundi")
                out.append(c)
            elif (c.dep_ == "nmod" and objects and not entry.no_object_target
                  and pred.pos_ == "VERB" and c.i > pred.i and _case_of(c) is None):
                # « en expulsant deux diplomates russes » with the object labelled nmod: a
                # verb's nominal with no preposition is its object
                out.append(c)
            elif c.dep_ in _OBJ and c.dep_ in {"iobj", "dative"}:
                out.append(_nominal_of(c))
            elif c.dep_ in _OBLIQUE or c.dep_ == "compound":
                n = _nominal_of(c)
                case = _case_of(n)
                if case in partners or case in self.g.between_preps or (
                    case in preps and c.dep_ not in _ADJUNCT
                ):
                    out.append(n)
                    if not self.ctx.actors.resolve(n):
                        out.extend(self._owners_in(n))
        return self._with_conjuncts(out)

    def _partner_preps(self, entry: Predicate | None) -> frozenset[str]:
        """Prepositions that name the other party ("with X"); none for a mediator, whose
        "with X" is a co-mediator, not a party it mediates between."""
        if entry is not None and entry.implicit_parties:
            return frozenset()
        return self.g.partner_preps

    def _owners_in(self, n: Token) -> list[Token]:
        """"agreed to all of Trump's terms", "a répondu aux exigences de Moscou": the actor that
        owns what a prepositional complement names."""
        out = []
        for t in n.subtree:
            if t.i - n.i > _OWNER_REACH:
                break
            owner = t.dep_ in {"poss", "nmod:poss"} or (
                t.dep_ == "nmod" and _case_of(t) in self.g.genitive_preps
            )
            if owner and self.ctx.actors.resolve(t):
                out.append(t)
        return out

    def _nested_partners(self, pred: Token, entry: Predicate | None = None) -> list[Token]:
        """Partner phrases one level down: "rompre les relations avec X", "spoke by phone
        with X", "la menace de sanctions contre X" (the parser hangs them on the nearest noun),
        and the entry's own prepositions there ("suspended imports of fish from X")."""
        preps = self._partner_preps(entry) | set(entry.preps if entry else ())
        out: list[Token] = []
        for c in pred.children:
            if c.dep_ in _OTHER_CLAUSE or c.dep_ in _SUBJ or c.dep_ in _PASS_SUBJ:
                continue
            for cc in _nominal_of(c).children:
                n = _nominal_of(cc)
                if cc.dep_ in {"nmod", "prep", "obl"} and _case_of(n) in preps:
                    out.append(n)
            if entry and entry.preps and c.dep_ in _OBJ:
                # "suspended its development aid and budget support to X", "imports of fruit
                # and fish from X": the entry's preposition deep in the object's phrase
                for m in _nominal_of(c).subtree:
                    if m.i != c.i and m.dep_ in {"prep", "nmod", "pobj", "conj"} and \
                            _case_of(m) in set(entry.preps) and self.ctx.actors.resolve(m):
                        out.append(m)
        return out

    def _place_targets(self, sent: Span, pred: Token) -> list[Actor]:
        """Country of a place named with a place preposition in the predicate's clause,
        else anywhere in the sentence ("A Kiev, ... les soldats russes rassemblés")."""
        return self._places_in(pred.subtree, pred) or self._places_in(sent, pred)

    def _places_in(self, toks: Iterable[Token], pred: Token) -> list[Actor]:
        out: list[Actor] = []
        for tok in toks:
            if tok.i == pred.i:
                continue
            case = _case_of(tok)
            if case is None or case not in self.g.place_preps:
                continue
            for a in self.ctx.actors.resolve(tok):
                if a.country and not a.org:
                    # the state where the place lies, not the government it may stand for
                    out.append(state_actor(a.name, a.text, a.country))
        return out

    def _inherited_subject(self, pred: Token) -> list[Actor]:
        """The agent a clause borrows from its governor (the argument layer's reading)."""
        args = self.args.of(pred)
        if args.via == EXPLICIT and not args.passive:
            return []
        return self._resolve_all(self._with_conjuncts(args.agents), pred)

