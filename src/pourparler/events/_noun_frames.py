"""Noun frames: the source and target of an event noun, read from its own complements,
the scene it sets, or the light verb that governs it ("X held talks with Y")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pourparler.events._counterparts import state_actor
from pourparler.events._frame_actors import _Frame
from pourparler.events._frame_positions import _PositionReader
from pourparler.events._syntax import (
    _ADJUNCT,
    _OBJ,
    _OBLIQUE,
    _SUBJ,
    CONF_INFERRED,
    CONF_INHERITED,
)
from pourparler.events._verb_frames import _JUDGEMENT_ROOTS
from pourparler.events.lexicon import Predicate
from pourparler.model import Actor
from pourparler.syntax import case_of as _case_of
from pourparler.syntax import nominal_of as _nominal_of

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span


class _NounFrames(_PositionReader):
    """Reads the frames of event nouns."""

    def noun_frame(self, sent: Span, pred: Token, entry: Predicate) -> _Frame:
        frame = _Frame(pred, entry)
        preps = self.g.target_preps | set(entry.preps)
        src_toks: list[Token] = []
        tgt_toks: list[Token] = []
        genitive: list[Token] = []
        participants: list[Token] = []
        by_demonym: list[Actor] = []
        copular = any(x.dep_ == "cop" for x in pred.children)
        for c in pred.children:
            n = _nominal_of(c)
            case = _case_of(n)
            if c.dep_ in {"nmod:poss", "poss"}:
                src_toks.append(c)
            elif copular and c.dep_ in _SUBJ:
                # « l'Ouganda était derrière l'attaque »: the copular clause's subject is the
                # act's agent (UD makes the noun the clause's head)
                src_toks.append(c)
            elif c.dep_ == "det" and "Yes" in c.morph.get("Poss"):
                frame.sources = frame.sources or self.ctx.actors.resolve_possessor(pred)
            elif case in self.g.between_preps:
                participants.extend(self._with_conjuncts([n]))
            elif case in self.g.agent_preps:
                src_toks.append(n)
            elif case in self.g.genitive_preps:
                # "l'invasion de l'Ukraine" (object) or "la visite de Pelosi" (subject):
                # decided below, once we know whether a governing verb gives the subject
                genitive.append(n)
            elif case in preps and c.dep_ in _OBLIQUE | {"acl"}:
                tgt_toks.append(n)
            elif c.dep_ in {"nmod", "compound", "amod", "appos"} and case is None:
                if self.ctx.actors.resolve(n):
                    participants.append(n)
                elif c.dep_ == "amod" and (iso3 := self.ctx.demonym_country(c.text)):
                    # « une attaque russe contre X », "Israeli strikes": the demonym's state acts
                    by_demonym.append(state_actor(self.ctx.country_name(iso3), c.text, iso3))
                elif c.dep_ == "compound":
                    # "a NATO-Russia council meeting": the parties hang on the inner compound
                    participants.extend(x for x in n.children
                                        if x.dep_ == "compound" and self.ctx.actors.resolve(x))
            elif (c.dep_ == "acl" and c.lemma_.lower() not in self.g.targeting_verbs
                  and self.args.of(c).passive):
                # "les sanctions imposées par le Canada", "a truce agreed by both sides": the
                # participle's agent is the act's source
                src_toks.extend(self.args.of(c).agents)
            elif c.dep_ in {"acl"} and c.lemma_.lower() in self.g.targeting_verbs:
                # "des sanctions visant X", "sanctions targeting X"
                for cc in c.children:
                    if cc.dep_ in _OBJ or cc.dep_ in {"obl", "obl:arg", "prep"}:
                        tgt_toks.append(_nominal_of(cc))
                src_toks.extend(self._agents(c))
        if not tgt_toks:
            tgt_toks = self._nested_partners(pred)
        if self._setting(pred) and not any(
                _case_of(_nominal_of(c)) in self.g.partner_preps | self.g.between_preps
                for c in pred.children):
            # "spoke at a NATO summit", « en marge d'une réunion de l'Otan »: the scene of
            # another act, whose actors and places are not its parties; only its own say who
            # met (a lone owner makes no pair)
            parties = self._resolve_all(self._with_conjuncts(src_toks + genitive), pred)
            if entry.symmetric and len(parties) < 2:
                # « au terme d'un appel entre X et Y » with "between" hung on the verb
                parties = self._resolve_all(self._governor_between(pred), pred) or parties
            if entry.symmetric and len(parties) >= 2:
                frame.sources, frame.targets = parties[:1], parties[1:]
            elif not entry.symmetric and tgt_toks:
                # "during a Russian attack on Kyiv": an act the scene names with both its
                # sides is an event of its own
                frame.sources = (self._resolve_all(self._with_conjuncts(src_toks), pred)
                                 or by_demonym[:1])
                frame.targets = self._resolve_all(self._with_conjuncts(tgt_toks), pred)
            return frame
        if not participants and (entry.symmetric or not (src_toks or tgt_toks or genitive)):
            participants = self._governor_between(pred)
        frame.sources = (frame.sources or self._resolve_all(self._with_conjuncts(src_toks), pred)
                         or by_demonym[:1])
        frame.targets = self._resolve_all(self._with_conjuncts(tgt_toks), pred)
        bare = [n for n in participants if self._bare_role(n)]
        if bare and not frame.sources and self._light_verb_subject(pred):
            # "France and Italy held joint military exercises": a bare role word on the noun
            # says what kind of act it is; the governing verb's subject says who acts
            participants = [n for n in participants if n not in bare]
        if participants:
            parts = self._resolve_all(participants, pred)
            if not frame.sources and len(parts) >= 2:
                frame.sources, frame.targets = [parts[0]], frame.targets or parts[1:]
            elif not frame.sources:
                frame.sources = parts
            elif not frame.targets:
                frame.targets = parts
        if not frame.sources:
            # "sa visite": when the possessor is unknown, only the noun's own verb may lend
            # its subject ("Biden a réitéré sa menace"), not a verb further up
            owned = any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in pred.children)
            frame.sources = self._light_verb_subject(pred, max_steps=1 if owned else 2)
            if frame.sources:
                frame.confidence = CONF_INHERITED
        gen = self._resolve_all(self._with_conjuncts(genitive), pred)
        if gen and entry.implicit_parties:
            # « se sont rencontrés sous l'égide de X », "under the mediation of X": the
            # genitive mediates between the parties the governing verb names
            keys = {a.key for a in gen}
            parties = [a for a in frame.sources + frame.targets if a.key not in keys]
            frame.sources, frame.targets = gen, parties
            gen = []
        if gen and frame.sources and entry.cameo[:2] == _REQUEST_ROOT and _case_of(pred):
            # « arrivés à la demande de Maputo », "at the request of Kabul": the genitive asks,
            # the clause that the request governs is the act of the one asked
            frame.sources, frame.targets = gen, frame.sources
            gen = []
        if gen:
            if frame.sources and entry.patient_is_source:
                # "l'envoi de 3 000 soldats": the troops are the sender's own, unless their
                # nationality is said (« le rappel des ambassadeurs malien et nigérien »)
                frame.sources = self._nationalities(genitive) or frame.sources
            elif frame.sources:
                frame.targets = frame.targets or gen
            else:
                frame.sources = gen
        if not frame.targets:
            frame.targets = self._light_verb_target(pred, entry)
        if not frame.targets and entry.symmetric and frame.sources:
            frame.targets = self._governor_objects(pred)
        if not frame.targets and entry.target_from_place:
            frame.targets = self._place_targets(sent, pred)
            if frame.targets:
                frame.confidence = CONF_INFERRED
        return frame

    def _nationalities(self, toks: Sequence[Token]) -> list[Actor]:
        """The states the demonyms on ``toks`` name, coordinated ones included."""
        out: list[Actor] = []
        for tok in toks:
            for c in tok.children:
                if c.dep_ != "amod":
                    continue
                for d in (c, *c.conjuncts):
                    iso3 = self.ctx.demonym_country(d.text)
                    if iso3 and all(a.country != iso3 for a in out):
                        out.append(state_actor(self.ctx.country_name(iso3), d.text, iso3))
        return out

    def _setting(self, noun: Token) -> bool:
        """Whether an event noun is the scene of another act: the object of a setting
        preposition, or the complement of a setting noun ("on the sidelines of")."""
        case = _case_of(noun) or ""
        if case.split(" ")[0] in self.g.setting_preps:
            return True
        head = noun.head
        if head == noun or case not in self.g.genitive_preps:
            return False
        if head.pos_ == "ADP" and head.head != head:
            head = head.head  # English: sidelines -> of -> summit
        # « lors de » is parsed as an adverb governing the noun
        words = self.g.setting_nouns | self.g.setting_preps
        return head.lemma_.lower() in words or head.lower_ in words

    def _bare_role(self, tok: Token) -> bool:
        """A role word alone, owned by no one in its phrase ("military", "police")."""
        m = self.ctx.actors.mention_at(tok.i)
        return m is not None and m.kind == "role" and m.end - m.start == 1

    def _governor_between(self, noun: Token) -> list[Token]:
        """"des pourparlers ont eu lieu entre X et Y", "talks were held between X and Y"; also
        through a transparent noun (« au terme d'un appel entre X et Y », the parser hanging
        the "between" phrase on the verb)."""
        head = noun.head
        for _ in range(2):
            if head.pos_ == "ADP" or head.lemma_.lower() in self.g.transparent_nouns:
                if head.head == head:
                    return []
                head = head.head
        if head == noun or head.pos_ not in {"VERB", "AUX"}:
            return []
        for c in head.children:
            n = _nominal_of(c)
            if c != noun and _case_of(n) in self.g.between_preps:
                return self._with_conjuncts([n])
        return []

    def _governor_objects(self, noun: Token) -> list[Actor]:
        """"warned Biden in a phone call", "a averti X lors d'un entretien": a joint act named
        in an adjunct of a verb takes place between the verb's subject and its object."""
        cur = noun
        for _ in range(2):
            if cur.head == cur or cur.dep_ not in {"pobj", "prep", "obl", "obl:mod", "nmod"}:
                return []
            cur = cur.head
            if cur.pos_ in {"VERB", "AUX"}:
                objs = [c for c in cur.children if c.dep_ in _OBJ]
                return self._resolve_all(self._with_conjuncts(objs), cur)
        return []

    def _light_verb_subject(self, noun: Token, max_steps: int = 2) -> list[Actor]:
        """'X a eu un entretien', 'X held talks', 'X réitère sa menace': the verb's subject."""
        cur = noun
        steps = 0
        while steps < max_steps:
            if cur.head == cur:
                return []
            if cur.dep_ not in _OBJ | {"obl", "obl:arg", "nmod", "pobj", "prep", "xcomp", "attr",
                                       "obl:mod"}:
                return []
            cur = cur.head
            if cur.pos_ != "ADP" and cur.lemma_.lower() not in self.g.transparent_nouns:
                steps += 1  # "un paquet de sanctions", "after hours of talks": not steps
            if cur.pos_ in {"VERB", "AUX"}:
                if any(p.cameo[:2] in _JUDGEMENT_ROOTS
                       for p in self.ctx.lexicon.lookup(cur.lemma_, "VERB")):
                    # "Kenya condemned the attack": who judges an act did not commit it
                    return []
                subj, passive = self._subjects(cur)
                if passive:
                    subj = self._agents(cur)
                if subj:
                    return self._resolve_all(self._with_conjuncts(subj), cur)
                return self._inherited_subject(cur)
        return []

    def _light_verb_target(self, noun: Token, entry: Predicate) -> list[Actor]:
        head = noun.head
        if head == noun or head.pos_ not in {"VERB", "AUX"} or noun.dep_ not in _OBJ:
            return []
        toks = []
        preps = self.g.target_preps | set(entry.preps)
        for c in head.children:
            n = _nominal_of(c)
            if c == noun:
                continue
            if c.dep_ in {"iobj", "dative"} or (
                c.dep_ in _OBLIQUE and c.dep_ not in _ADJUNCT and _case_of(n) in preps
            ) or _case_of(n) in self.g.partner_preps:
                toks.append(n)
        return self._resolve_all(self._with_conjuncts(toks), head)


#: Appeals and requests (02): a request noun in an adjunct is the genitive's.
_REQUEST_ROOT = "02"

