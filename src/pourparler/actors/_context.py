"""Actor stage 4: bare roles and definite descriptions take their state from local context:
the sentence's peers, the previous subject, the clause's place, earlier people, the dateline,
then the article's dominant state."""

from __future__ import annotations

from collections import Counter

from pourparler.actors import _lexicon as lx
from pourparler.actors._knowledge import RoleWord
from pourparler.actors._learning import _Learner
from pourparler.actors._spans import (
    _CLAUSE_DEPS,
    _COMPLEMENT_DEPS,
    _DOMESTIC_SECTORS,
    _LOOKBACK_PEOPLE,
    _PERSON_KINDS,
    _PLACE_NAME_KINDS,
    _STATE_NAME_KINDS,
    _STATE_ORGANS,
    _SUBJECT_OF_VERB,
    _dominant,
    _phrase_top,
    _Span,
)
from pourparler.actors._text import norm_key
from pourparler.model import Actor
from pourparler.syntax import case_of


class _Contextualiser(_Learner):
    def _contextualise(self) -> None:
        doc = self.doc
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for span in self.names:
            if span.actor is not None and span.actor.country:
                counts[span.actor.country] += 1
                first.setdefault(span.actor.country, span.start)
        for span in self.roles.values():
            if span.actor is not None and span.actor.country and not span.person:
                counts[span.actor.country] += 1
                first.setdefault(span.actor.country, span.start)
        people = sorted((s for s in self.names if s.kind in _PERSON_KINDS and s.actor),
                        key=lambda s: s.end)
        earlier: list[_Span] = []
        #: roles owned by a possessive the context stage could not read ("its foreign
        #: ministry"): coreference names the owner later (:meth:`_own_by_possessor`)
        self.owned_guesses: list[int] = []
        for head, span in sorted(self.roles.items(), key=lambda hs: hs[1].start):
            role = span.role
            assert role is not None
            if span.text_start < 0:
                span.text_start, span.text_end = span.start, span.end
            text = doc[span.text_start:span.text_end].text
            _, _, stances = self.composed.get(head, (None, 0, set()))
            while len(earlier) < len(people) and people[len(earlier)].end <= span.start:
                earlier.append(people[len(earlier)])
            if span.actor is not None:
                if span.person and not span.bound and self._definite(head):
                    match = self._described(earlier[-_LOOKBACK_PEOPLE:], span.actor, role)
                    if match is not None:
                        span.actor = match.with_text(text)
                continue
            if span.person:
                key = norm_key(role.form)
                for p in reversed(earlier[-_LOOKBACK_PEOPLE:]):
                    if p.title == key or self._known_title(p) == key:
                        assert p.actor is not None
                        span.actor = p.actor.with_text(text)
                        break
                if span.actor is not None:
                    continue
            # a bare title ("Vice Foreign Minister X") serves the state of a same-sector actor
            # just named in its sentence; groups ("la junte") are often the other side
            peer = self._sentence_peer(span, role.sector) if span.person else None
            if peer is None and role.sector in _STATE_ORGANS and not self._possessed(head):
                # "Chinese customs suspended ..., and the commerce ministry halted ...": a bare
                # organ of a state serves the state of an organ its sentence named before it
                peer = self._sentence_peer(span, None)
            if (peer is None and role.person and self.home in counts
                    and self.home not in stances and not self._possessed(head)
                    and not (span.plural and (self._definite(head)
                                              or self.doc[head].dep_ in _COMPLEMENT_DEPS))):
                # an official named by a bare title ("President Win Myint", "other leaders")
                # in a story filed from a state the story is about serves that state ("the
                # leaders" refer back to whoever was named, not to the dateline)
                peer = self.home
            if (peer is None and role.person and not span.plural and not self._possessed(head)
                    and _phrase_top(self.doc[head]).dep_ in _SUBJECT_OF_VERB):
                # "Beijing reacted furiously. Vice Foreign Minister X summoned ...": an
                # official named by a bare title as a subject serves the state the previous
                # sentence had act
                peer = self._previous_subject_state(span)
            country = peer or (_dominant(counts, first, exclude=stances)
                               if role.contextual else None)
            if role.sector in _DOMESTIC_SECTORS:
                # police, protesters... belong where their sentence places them, else where
                # the story was filed
                here = self._sentence_place(span)
                if here is not None and here not in stances:
                    country = here
                elif self.home and self.home not in stances:
                    country = self.home
            name = self.kn.country_name.get(country, country) if country else role.form
            span.actor = self.kn.actor(name, text, country, None, role.sector)
            if _phrase_top(doc[head]).dep_ in _SUBJECT_OF_VERB and any(
                    c.lower_ in lx.OWNING_POSSESSIVES.get(self.lang, ())
                    for c in doc[head].children if c.dep_ in ("poss", "nmod:poss")):
                # only a subject ("Its foreign ministry said"): an object's owner ("the
                # attack on its embassy") may be any party of the sentence
                self.owned_guesses.append(head)

    def _own_by_possessor(self, possessors: dict[int, list[Actor]]) -> dict[int, Actor]:
        """"Peru sent troops. Its foreign ministry condemned ...": a role owned by a
        possessive is its owner's (the possessor coreference found), not the story's."""
        out: dict[int, Actor] = {}
        for head in self.owned_guesses:
            owners = possessors.get(head) or []
            span = self.roles[head]
            if len(owners) != 1 or span.actor is None or span.person:
                continue
            (owner,) = owners
            if not self._named_lately(owner, span.start):
                continue  # an owner from further back is a guess no better than the story's
            if owner.org:
                actor = self.kn.actor(owner.name, span.actor.text, None, owner.org,
                                      span.actor.sector)
            elif owner.country:
                actor = self.kn.actor(self.kn.country_name.get(owner.country, owner.country),
                                      span.actor.text, owner.country, None, span.actor.sector)
            else:
                continue
            if actor != span.actor:
                span.actor = actor
                out[head] = actor
        return out

    def _named_lately(self, actor: Actor, before: int) -> bool:
        """``actor`` is named in the sentence of token ``before`` or the one just before it,
        as the subject of a verb."""
        sent = self.doc[before].sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        return any(s.actor is not None and s.actor.key == actor.key
                   and start <= s.start < before
                   and _phrase_top(self.doc[s.head]).dep_ in _SUBJECT_OF_VERB
                   for s in (*self.names, *self.roles.values()))

    def _sentence_peer(self, span: _Span, sector: str | None) -> str | None:
        """Country of the nearest earlier actor of the same sector in the same sentence:
        "China's foreign ministry condemned ..., and Vice Foreign Minister X summoned ..."; with
        no sector, of the nearest earlier organ of a state."""
        sent_start = self.doc[span.start].sent.start
        best: tuple[int, str] | None = None
        for other in (*self.names, *self.roles.values()):
            a = other.actor
            if (a is None or not a.country or a.org
                    or (a.sector != sector if sector is not None
                        else a.sector not in _STATE_ORGANS)
                    or not sent_start <= other.start < span.start):
                continue
            if best is None or other.start > best[0]:
                best = (other.start, a.country)
        return best[1] if best else None

    def _previous_subject_state(self, span: _Span) -> str | None:
        """The state that is the subject of the sentence right before the role's."""
        sent = self.doc[span.start].sent
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        for other in self.names:
            a = other.actor
            if (a is not None and a.country and not a.org and other.kind in _STATE_NAME_KINDS
                    and prev.start <= other.start < prev.end
                    and self.doc[other.head].dep_ in _SUBJECT_OF_VERB
                    and self.doc[other.head].head == prev.root):
                return str(a.country)
        return None

    def _sentence_place(self, span: _Span) -> str | None:
        """The country of the one place the role's clause sets it in: a capital or a country
        after a locative preposition, on the role noun ("police in Nairobi") or on the verb
        it depends on (« ont manifesté à Bamako »); none if places differ."""
        head = self.doc[span.head]
        verb = next((t for t in (head, *head.ancestors) if t.pos_ in {"VERB", "AUX"}), None)
        anchors = {head.i} | ({verb.i} if verb is not None else set())
        found = set()
        for other in self.names:
            a = other.actor
            if a is None or not a.country or a.org or other.kind not in _PLACE_NAME_KINDS:
                continue
            place = self.doc[other.head]
            if case_of(place) not in lx.PLACE_CASES:
                continue
            gov = place.head.head if place.dep_ == "pobj" else place.head
            # on the role, on its verb, or on one of the verb's own arguments ("attacked the
            # embassy in Niamey")
            if gov.i in anchors or (verb is not None and gov.head == verb
                                    and gov.dep_ not in _CLAUSE_DEPS):
                found.add(a.country)
        return found.pop() if len(found) == 1 else None

    def _possessed(self, head: int) -> bool:
        """"their foreign ministers", "leurs ministres": owned by someone the text named."""
        return any(c.dep_ in ("poss", "nmod:poss") or "Yes" in c.morph.get("Poss")
                   for c in self.doc[head].children)

    def _definite(self, head: int) -> bool:
        return any(c.dep_ == "det" and c.lower_ in lx.DEFINITE for c in self.doc[head].children)

    def _known_title(self, span: _Span) -> str | None:
        cand = span.cand
        if cand is None:
            return self.learned_titles.get(span.actor.name) if span.actor else None
        role = cand.entity.role_on(self.when)
        return norm_key(role.title) if role and role.title else None

    def _described(self, earlier: list[_Span], role_actor: Actor, role: RoleWord) -> Actor | None:
        """The person an earlier mention introduced who fits "le président américain"."""
        key = norm_key(role.form)
        fits = [p for p in earlier if p.actor is not None
                and p.actor.country == role_actor.country and p.actor.org == role_actor.org
                and (role_actor.sector is None or p.actor.sector == role_actor.sector)]
        if not fits:
            return None
        titled = [p for p in fits if p.title == key or self._known_title(p) == key]
        best = (titled or fits)[-1]
        return best.actor

