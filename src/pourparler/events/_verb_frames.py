"""Verb frames: the source and target of a verbal predicate, with the acts a judgement
names (condemned the invasion: its agent), followers, conditions and warned
consequences."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pourparler.events._args import EXPLICIT, manner_governor, role
from pourparler.events._counterparts import state_actor
from pourparler.events._frame_actors import _Frame
from pourparler.events._frame_positions import _PositionReader
from pourparler.events._syntax import (
    _CONJ,
    _MAX_CLIMB,
    _OBJ,
    _OBLIQUE,
    _PASS_SUBJ,
    _REPORTED,
    _SUBJ,
    CONF_INFERRED,
    CONF_INHERITED,
)
from pourparler.events.lexicon import Predicate
from pourparler.model import Actor
from pourparler.syntax import case_of as _case_of
from pourparler.syntax import nominal_of as _nominal_of

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span


class _VerbFrames(_PositionReader):
    """Reads the frames of verbal predicates."""

    # -- frames -----------------------------------------------------------------------------

    def verb_frame(self, sent: Span, pred: Token, entry: Predicate) -> _Frame:
        frame = _Frame(pred, entry)
        args = self.args.of(pred)
        passive = args.passive
        frame.sources = self._resolve_all(self._with_conjuncts(args.agents), pred)
        patients = self._with_conjuncts(args.patients)
        if entry.patient_is_source and not frame.sources:
            # "troops were deployed", "des troupes rassemblées": the troops' state acts
            frame.sources = self._resolve_all(patients, pred)
        elif passive:
            frame.targets = self._resolve_all(patients, pred)
        if frame.sources and args.via != EXPLICIT:
            frame.confidence = CONF_INHERITED
        if not frame.targets:
            toks = self._target_tokens(pred, entry, objects=not entry.patient_is_source)
            judged: list[Actor] = []
            if entry.cameo[:2] in _JUDGEMENT_ROOTS:
                toks, judged, frame.victims = self._judged_acts(toks)
                if not judged and not passive and any(
                        role(c) == "obj" and c.pos_ == "NOUN"
                        and self.ctx.actors.mention_at(c.i) is None for c in pred.children):
                    # « a fustigé une violation ... par des drones russes » with the by-phrase
                    # hung on the active verb: it can only be the judged deed's agent
                    judged = [a for c in pred.children if role(c) == "obl"
                              and _case_of(_nominal_of(c)) in self.g.agent_preps
                              for a in self.actors_of(_nominal_of(c), pred)]
            frame.targets = judged + [a for a in self._resolve_all(toks, pred)
                                      if a not in judged]
        if not frame.sources and passive and role(pred) not in {"acl", "amod"}:
            # "X said tariffs would be imposed on Y": an agentless passive announced by a
            # speaker is the speaker's side's act
            frame.sources = self._reported_speaker(pred) or []
            if frame.sources:
                frame.confidence = CONF_INFERRED
        if not frame.targets and (entry.inherit_target or manner_governor(pred, self.g)):
            # "hit back at Russia by expelling ...": a manner clause acts on its governor's
            # target
            frame.targets = self._inherited_target(pred, entry)
            if frame.targets:
                frame.confidence = min(frame.confidence, CONF_INHERITED)
        if not frame.targets and entry.target_from_place:
            frame.targets = self._place_targets(sent, pred)
            if frame.targets:
                frame.confidence = CONF_INFERRED
        return frame

    def _judged_acts(self, toks: Sequence[Token]
                     ) -> tuple[list[Token], list[Actor], list[Actor]]:
        """"condemned the invasion of Ukraine", « a dénoncé l'assaut contre l'ambassade »: who
        judges a hostile act judges its agent, not its victim. Returns the other target tokens,
        the agents the acts name (by a possessive, a demonym or a by/par phrase) and the
        acts' other participants, their victims."""
        rest: list[Token] = []
        agents: list[Actor] = []
        victims: list[Actor] = []
        acts: set[int] = set()
        for t in toks:
            entries = [p for p in self.ctx.lexicon.lookup(t.lemma_, "NOUN")
                       if p.cameo[:2] in _JUDGED_ACT_ROOTS]
            if t.pos_ != "NOUN" or self.ctx.actors.mention_at(t.i) is not None:
                rest.append(t)
                continue
            if not entries:
                # « a fustigé une violation de l'espace aérien par des drones russes », "the
                # statement by Moscow": any deed its by/par phrase names is that agent's
                by = [a for c in t.children if _case_of(_nominal_of(c)) in self.g.agent_preps
                      for a in self.actors_of(_nominal_of(c))]
                if not by:
                    rest.append(t)
                    continue
                acts.add(t.i)
                agents.extend(a for a in by if a not in agents)
                continue
            acts.add(t.i)
            if entries[0].patient_is_source:
                # "defended the deployment of Rwandan troops": what is deployed acts
                agents.extend(a for a in self.actors_of(t) if a not in agents)
                continue
            for c in t.children:
                n = _nominal_of(c)
                if c.dep_ in {"poss", "nmod:poss"} or (
                        c.dep_ == "det" and "Yes" in c.morph.get("Poss")):
                    found = (self.ctx.actors.resolve(c) if c.dep_ != "det"
                             else self.ctx.actors.resolve_possessor(t))
                elif c.dep_ in {"amod", "compound"}:
                    found = [a for a in self.actors_of(c) if a.country or a.org]
                    iso3 = None if found else self.ctx.demonym_country(c.text)
                    if iso3:
                        found = [state_actor(self.ctx.country_name(iso3), c.text, iso3)]
                elif _case_of(n) in self.g.agent_preps:
                    found = self.actors_of(n)
                else:
                    continue
                agents.extend(a for a in found if a not in agents)
            victims.extend(a for a in self.actors_of(t) if a not in agents and a not in victims)
        # a complement of a judged act (« l'invasion de l'Ukraine ») is its victim too
        rest = [t for t in rest if not any(a.i in acts for a in t.ancestors)]
        return rest, agents, victims

    def followers(self, pred: Token) -> list[Actor]:
        """"Chile recalled its envoy, followed by Peru", « suivi le lendemain par l'Espagne »:
        the agents of a following verb attached to the predicate copy its act."""
        out: list[Actor] = []
        for c in pred.children:
            if c.dep_ in {"advcl", "acl", "conj"} and c.lemma_.lower() in self.g.follower_verbs:
                # only a by/par agent: "and followed the talks" is no follower
                agents = [_nominal_of(x) for x in c.children if role(x) == "agent"]
                out.extend(self._resolve_all(self._with_conjuncts(agents), c))
        return out

    def condition_targets(self, sent: Span, pred: Token) -> list[Actor]:
        """Subject of a conditional clause in the sentence: 'threatens ... if Russia invades'."""
        for tok in sent:
            if tok.i <= pred.i:
                continue
            if any(c.dep_ == "mark" and c.lower_ in self.g.conditional_marks
                   for c in tok.children):
                subj, _ = self._subjects(tok)
                found = self._resolve_all(self._with_conjuncts(subj), tok)
                if found:
                    return found
        return []

    def speaker_frame(self, pred: Token, entry: Predicate) -> tuple[_Frame, Token | None]:
        """A warned consequence: the reporting verb's subject threatens the clause's actors."""
        frame = _Frame(pred, entry, confidence=CONF_INHERITED)
        cur = pred
        clause: Token | None = None
        for _ in range(_MAX_CLIMB):
            if cur.head == cur:
                break
            if cur.dep_ in _REPORTED and cur.head.lemma_.lower() in self.g.reporting_verbs:
                clause = cur
                break
            cur = cur.head
        if clause is None:
            return frame, None
        reporter = clause.head
        frame.sources = self._resolve_all(self._with_conjuncts(self._speakers(reporter)),
                                          reporter)
        subj_toks = [c for c in clause.children if c.dep_ in _SUBJ | _PASS_SUBJ]
        found: list[Actor] = []
        for st in subj_toks:
            for t in st.subtree:
                if t.pos_ in {"PROPN", "NOUN", "PRON"}:
                    found.extend(self.ctx.actors.resolve(t))
        keys = {a.key for a in frame.sources}
        seen: set[str | None] = set()
        for a in found:
            if a.key not in keys and a.key not in seen:
                seen.add(a.key)
                frame.targets.append(a)
        return frame, reporter

    def _inherited_target(self, pred: Token, entry: Predicate) -> list[Actor]:
        """'called X to demand ...' / 'spoke to X and demanded ...': the governor's target."""
        head = manner_governor(pred, self.g)
        if head is None:
            if pred.dep_ not in {_CONJ, "advcl", "xcomp"} or pred.head == pred:
                return []
            head = pred.head
        if head.pos_ not in {"VERB", "AUX"}:
            return []
        toks = []
        for c in head.children:
            if c.dep_ in _OBJ:
                toks.append(c)
            elif c.dep_ in _OBLIQUE:
                n = _nominal_of(c)
                if _case_of(n) in self.g.target_preps:
                    toks.append(n)
        return self._resolve_all(self._with_conjuncts(toks), head)


#: Roots of verbs that judge or answer an act named by their object (statements, praise,
#: disapproval, rejection): their subject is not the act's agent.
_JUDGEMENT_ROOTS = frozenset({"01", "05", "11", "12"})
#: Roots of the acts whose judge aims at the agent: threats, protests, force, coercion,
#: sanctions and violence (13-20).
_JUDGED_ACT_ROOTS = frozenset({"13", "14", "15", "16", "17", "18", "19", "20"})
