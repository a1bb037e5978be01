"""Actor stage 3: people learned in the article: titles, appositions, a state's own phrase
("Guyana's Irfaan Ali"), and later mentions by surname."""

from __future__ import annotations

import bisect
from typing import Any

from pourparler.actors import _lexicon as lx
from pourparler.actors._composition import _Composer
from pourparler.actors._knowledge import Candidate
from pourparler.actors._spans import (
    _BIND_DEPS,
    _MIN_SURNAME_LEN,
    _PERSON_LABELS,
    _POSSESSED_NAME_LABELS,
    _Span,
)
from pourparler.actors._text import norm_key, translit_key
from pourparler.model import Actor


class _Learner(_Composer):
    def _learn(self) -> None:
        doc = self.doc
        people = [e for e in doc.ents if e.label_ in _PERSON_LABELS]
        pending = []
        for ent in people:
            s, e = ent.start, ent.end
            owners = {self.name_at[i] for i in range(s, e)} - {-1}
            if owners:
                for idx in owners:
                    span = self.names[idx]
                    if span.kind == "person":
                        self._bind_title(span, s, e)
                continue
            if any(self.role_at[i] >= 0 for i in range(s, e)):
                continue
            known = self._known_person(ent.text, doc[e - 1].text)
            if known is not None and e - s > 1 and translit_key(ent.text) not in \
                    self.kn.person_keys and self._given_name_conflict(doc[e - 2], known):
                known = None  # matched on the surname alone, with another given name
            if known is not None and e - s == 1 and self._other_given_name(s, e, known):
                known = None  # the surname of a longer name the NER cut ("Samia Suluhu" Hassan)
            if known is not None:
                span = _Span(s, e, "person", ent.root.i, cand=known,
                             actor=self.kn.entity_actor(known, ent.text, self.when), person=True)
                self._register_name(span)
                self._bind_title(span, s, e)
                continue
            pending.append(ent)
        for ent in pending:
            s, e = ent.start, ent.end
            role_head = self._title_of(s, e)
            if role_head is None:
                self._learn_from_owner_state(ent)
                continue
            actor = self._compose(role_head, 0)[0]
            if actor is None:
                continue
            rspan = self.roles[role_head]
            own = self.adj_demonym.get(s - 1)
            if own is not None and own != actor.country and not actor.org:
                # "les présidents congolais X et rwandais Y": the adjective right before a
                # name decides its state over the shared title's
                actor = self.kn.actor(actor.name, actor.text, own, None, actor.sector)
                learned = Actor(ent.text, ent.text, own, None, actor.sector, actor.cameo)
                self._remember(ent.text, doc[e - 1].text, learned, rspan)
                self._register_name(_Span(s, e, "learned", ent.root.i, actor=learned,
                                          person=True))
                continue
            learned = Actor(ent.text, ent.text, actor.country, actor.org, actor.sector,
                            actor.cameo)
            self._remember(ent.text, doc[e - 1].text, learned, rspan)
            span = _Span(s, e, "learned", ent.root.i, actor=learned, person=True,
                         title=norm_key(rspan.role.form) if rspan.role else None)
            self._register_name(span)
            rspan.actor = learned.with_text(actor.text)
            rspan.person = rspan.bound = True
        # the small English model often labels "Zambia's Hakainde Hichilema" ORG
        for ent in doc.ents:
            if (ent.label_ in _POSSESSED_NAME_LABELS
                    and all(t.pos_ == "PROPN" for t in ent)
                    and not any(self.name_at[i] >= 0 or self.role_at[i] >= 0
                                for i in range(ent.start, ent.end))):
                self._learn_from_owner_state(ent)
        if self.learned:
            self._find_learned()

    def _owner_state(self, ent: Any) -> Actor | None:
        """The state a name's own phrase ties it to: a possessive ("Guyana's Irfaan Ali") or,
        in the words before the name, a state or its adjective ("U.S. basketball star
        Brittney Griner", "Russian arms dealer Viktor Bout"); the nearest one wins."""
        for c in ent.root.children:
            if c.dep_ in ("poss", "nmod:poss") and self.name_at[c.i] >= 0:
                owner: _Span = self.names[self.name_at[c.i]]
                if owner.kind == "country" and owner.actor is not None and owner.actor.country:
                    return owner.actor
        for i in range(ent.start - 1, ent.root.left_edge.i - 1, -1):
            if i in self.adj_demonym:
                return self._country_actor(self.adj_demonym[i], self.doc[i].text)
            idx = self.name_at[i]
            if idx >= 0 and self.names[idx].kind == "country":
                return self.names[idx].actor
        return None

    def _learn_from_owner_state(self, ent: Any) -> None:
        """A person the text ties to a state by its own phrase, without a title, is a person
        of that state (no sector: the text does not say which)."""
        owner = self._owner_state(ent)
        if owner is None or not owner.country:
            return
        learned = Actor(ent.text, ent.text, owner.country, None, None, owner.cameo)
        self._learn_name(ent.text, self.doc[ent.end - 1].text, learned)
        # an ORG-labelled name may be a company or a body: a person only when labelled one
        self._register_name(_Span(ent.start, ent.end, "learned", ent.root.i, actor=learned,
                                  person=ent.label_ in _PERSON_LABELS))

    def _learn_name(self, full: str, last: str, actor: Actor) -> None:
        """Later mentions by the full name or, when long enough, the surname are ``actor``."""
        self.learned[translit_key(full)] = actor
        if len(translit_key(last)) >= _MIN_SURNAME_LEN:
            self.learned.setdefault(translit_key(last), actor)

    def _remember(self, full: str, last: str, actor: Actor, rspan: _Span) -> None:
        self._learn_name(full, last, actor)
        g = self.doc[rspan.head].morph.get("Gender")
        if g and self.lang == "fr":
            self.gender.setdefault(actor.name, g[0])
        if rspan.role is not None:
            self.learned_titles[actor.name] = norm_key(rspan.role.form)

    def _known_person(self, full: str, last: str) -> Candidate | None:
        keys = self.kn.person_keys
        cands = keys.get(translit_key(full))
        if not cands:
            cands = [c for c in keys.get(translit_key(last), []) if not c.ambiguous]
        if not cands:
            return None
        return min(cands, key=lambda c: 0 if c.entity.user else 1)

    def _find_learned(self) -> None:
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ not in _PERSON_LABELS:
                continue
            if any(self.name_at[i] >= 0 for i in range(ent.start, ent.end)):
                continue
            actor = self.learned.get(translit_key(ent.text)) or self.learned.get(
                translit_key(doc[ent.end - 1].text))
            if actor is not None:
                self._register_name(_Span(ent.start, ent.end, "learned", ent.root.i,
                                          actor=actor.with_text(ent.text), person=True))
        for tok in doc:
            # NER often labels a lone surname ORG or nothing: any proper noun may be one.
            if tok.pos_ != "PROPN" or self.name_at[tok.i] >= 0:
                continue
            actor = self.learned.get(translit_key(tok.text))
            if actor is not None:
                self._register_name(_Span(tok.i, tok.i + 1, "learned", tok.i,
                                          actor=actor.with_text(tok.text), person=True))

    def _title_of(self, s: int, e: int) -> int | None:
        """The role head a person name [s, e) is introduced with, if any."""
        doc = self.doc
        sent = doc[s].sent
        for i in range(s, e):
            tok = doc[i]
            h = tok.head
            if not (s <= h.i < e) and h.i in self.roles and tok.dep_ in _BIND_DEPS:
                return int(h.i)
            for child in tok.children:
                if not (s <= child.i < e) and child.i in self.roles and child.dep_ in (
                        "appos", "compound", "nmod", "amod", "dep"):
                    return int(child.i)
        # Title then name: "Le conseiller du Kremlin, Iouri Ouchakov" (parsers often drop
        # the apposition link when a comma intervenes).
        j = s - 1
        if j >= sent.start and doc[j].text == ",":
            j -= 1
        if j >= sent.start:
            for head in self._roles_starting(sent.start, j + 1):
                span = self.roles[head]
                self._compose(head, 0)
                ends = {span.end - 1, span.text_end - 1}
                if doc[head].right_edge.i < s:
                    ends.add(doc[head].right_edge.i)
                if j in ends:
                    return head
        # Name then title: "X, porte-parole de Y", "X, a spokesman for Y".
        k = e
        if k < sent.end and doc[k].text == ",":
            k += 1
            while k < sent.end and doc[k].lower_ in lx.DETERMINERS:
                k += 1
            if k < sent.end and self.role_at[k] >= 0:
                return self.role_at[k]
        return None

    def _roles_starting(self, lo: int, hi: int) -> list[int]:
        """Heads of the role phrases starting in [lo, hi)."""
        if self._role_starts is None:
            self._role_starts = sorted((sp.start, h) for h, sp in self.roles.items())
        starts = self._role_starts
        a = bisect.bisect_left(starts, (lo, -1))
        b = bisect.bisect_left(starts, (hi, -1))
        return [h for _, h in starts[a:b]]

    def _bind_title(self, span: _Span, s: int, e: int) -> None:
        """A known person named with a title: the title phrase denotes that person."""
        head = self._title_of(s, e)
        if head is None or span.actor is None:
            return
        rspan = self.roles[head]
        actor = span.actor
        if actor.sector is None:
            composed = self._compose(head, 0)[0]
            if composed is not None and composed.country == actor.country:
                actor = Actor(actor.name, actor.text, composed.country, composed.org,
                              composed.sector, composed.cameo)
                span.actor = actor
        self._compose(head, 0)
        rspan.actor = actor.with_text(rspan.actor.text if rspan.actor else actor.text)
        rspan.person = rspan.bound = True
        if rspan.role is not None:
            span.title = norm_key(rspan.role.form)
        g = self.doc[head].morph.get("Gender")
        if g and self.lang == "fr":
            self.gender.setdefault(actor.name, g[0])

