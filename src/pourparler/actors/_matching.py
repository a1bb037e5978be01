"""Actor stage 1: dictionary matches of names and role words, and stance words ("pro-Russian")."""

from __future__ import annotations

import re
from typing import Any

from pourparler.actors import _lexicon as lx
from pourparler.actors._knowledge import Candidate
from pourparler.actors._spans import (
    _FLAT_DEPS,
    _GROUP_LABELS,
    _HONORIFICS,
    _KIND_RANK,
    _NGO,
    _PERSON_LABELS,
    _PLACE_LABELS,
    _STANCE_WORD,
    _is_plural,
    _Span,
    _span_head,
    _State,
)
from pourparler.actors._text import case_compatible, norm_key
from pourparler.syntax import case_of, nominal_of

#: Words before a name that make it a river or a region rather than the state ("the Niger").
_RIVER_DETERMINERS = frozenset({"the", "le", "la", "du", "au"})
_NAME_POS = frozenset({"PROPN", "NOUN"})


class _Matcher(_State):
    def _other_given_name(self, s: int, e: int, cand: Candidate) -> bool:
        """"Nicholas Burns" is not William Burns, "Hunter Biden" not Joe Biden: the person
        name the text gives starts with a given name that the known person's name lacks, or
        goes on with names it lacks ("Hassan Ali Omar" is not a Hassan known by surname)."""
        if e < len(self.doc) and self._name_goes_on(self.doc[e], cand):
            return True
        if s == 0 or self.doc[s].is_sent_start:
            return False
        before, tok = self.doc[s - 1], self.doc[s]
        # the NER may cut one name in two or label only its end ("Samia Suluhu" + "Hassan"):
        # a proper noun right before a person-labelled surname is part of the same name
        joined = tok.ent_iob_ == "I" and tok.ent_type_ in _PERSON_LABELS
        split = (tok.ent_type_ in _PERSON_LABELS and before.pos_ == "PROPN"
                 and (not before.ent_type_ or before.ent_type_ in _PERSON_LABELS))
        if not (joined or split):
            return False
        return self._given_name_conflict(before, cand)

    def _name_goes_on(self, tok: Any, cand: Candidate) -> bool:
        doc = self.doc
        for i in range(tok.i, min(tok.i + 3, len(doc))):
            t = doc[i]
            if not (t.ent_iob_ == "I" and t.ent_type_ in _PERSON_LABELS):
                return False
            if self._given_name_conflict(t, cand):
                return True
        return False

    def _given_name_conflict(self, tok: Any, cand: Candidate) -> bool:
        """Whether ``tok``, just before a known person's surname, is a given name of
        someone else."""
        word = tok.text.rstrip(".").lower()
        if (tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.text.endswith(".")
                or len(word) < 2 or word in _HONORIFICS
                or norm_key(tok.text) in self.kn.roles.get(self.lang, {})):
            return False  # an initial, a title or a role word, not a given name
        known = {w.lower() for w in re.split(r"[\s-]+", f"{cand.entity.name} {cand.form}")}
        return word not in known

    def _has_label(self, s: int, e: int, labels: frozenset[str]) -> bool:
        return any(self.doc[i].ent_type_ in labels for i in range(s, e))

    def _lone_name(self, s: int, e: int) -> bool:
        """A country's name standing alone, whatever label the NER gave it ("aid to Niger",
        "Chad said"): one word, not part of a longer name ("Jordan Bardella"), not a river's
        or a region's ("the Niger", "the Jordan valley")."""
        if e - s != 1:
            return False
        tok = self.doc[s]
        if s > 0 and self.doc[s - 1].lower_ in _RIVER_DETERMINERS:
            return False
        if tok.dep_ in _FLAT_DEPS and tok.head != tok and tok.head.pos_ in _NAME_POS:
            return False
        return not any(c.dep_ in _FLAT_DEPS and c.pos_ in _NAME_POS for c in tok.children)

    def _choose(self, cands: Any, s: int, e: int) -> Candidate | None:
        surface = self.doc[s:e].text
        best: tuple[int, ...] | None = None
        chosen = None
        ent = self.doc[s].ent_type_ or self.doc[e - 1].ent_type_
        for n, c in enumerate(cands):
            if not case_compatible(c.form, surface):
                continue
            if c.ambiguous:
                if c.kind in ("country", "capital", "seat", "legislature", "demonym"):
                    ok = (ent in _PLACE_LABELS or (c.kind == "demonym" and ent == "NORP")
                          or (c.kind == "country" and self._lone_name(s, e)))
                elif c.kind in ("org", "group"):
                    ok = ent in _GROUP_LABELS
                else:
                    ok = True  # people: checked against earlier full names by the caller
                if not ok:
                    continue
            signal = 0
            person_sig = ent in _PERSON_LABELS and c.kind == "person"
            place_sig = ent in _PLACE_LABELS and c.kind not in ("person", "org", "group")
            if person_sig or place_sig:
                signal = -1
            # two people sharing a form ("King Abdullah"): the one in office on the date
            out_of_office = 1 if c.entity.roles and c.entity.role_on(self.when) is None else 0
            rank = (0 if c.entity.user else 1, signal, out_of_office, _KIND_RANK.get(c.kind, 5),
                    n)
            if best is None or rank < best:
                best, chosen = rank, c
        return chosen

    def _add_name(self, s: int, e: int, cand: Candidate) -> None:
        doc = self.doc
        head = _span_head(doc, s, e)
        kind = cand.kind
        if kind == "demonym":
            tok = doc[head]
            stance = self._stance_before(s)
            country = cand.entity.country or ""
            if stance:
                for i in range(s, e):
                    self.stance[i] = country
                return
            if tok.pos_ == "ADJ" or tok.dep_ in ("amod", "compound"):
                for i in range(s, e):
                    self.adj_demonym[i] = country
                return
        text = doc[s:e].text
        span = _Span(s, e, kind, head, cand=cand,
                     actor=self.kn.entity_actor(cand, text, self.when),
                     plural=kind == "demonym" and _is_plural(doc[head]),
                     person=kind == "person")
        self._register_name(span)

    def _national_societies(self) -> None:
        """"The Kenyan Red Cross", « la Croix-Rouge malienne », "the Red Cross of Mali": a
        national society is its state's NGO."""
        doc = self.doc
        for span in self.names:
            if span.cand is None or not span.cand.entity.national:
                continue
            country = self.adj_demonym.get(span.start - 1) or self.adj_demonym.get(span.end)
            if country is None:
                # on any word of the name: the parser may split « Croix-Rouge » in three
                outside = [c for i in range(span.start, span.end) for c in doc[i].children
                           if not span.start <= c.i < span.end]
                for c in map(nominal_of, outside):
                    idx = self.name_at[c.i]
                    owner = self.names[idx] if idx >= 0 else None
                    if (owner is not None and owner.kind == "country" and owner.actor
                            and (case_of(c) in lx.OWNER_CASES
                                 or c.dep_ in ("poss", "nmod:poss"))):  # "Chad's Red Cross"
                        country = owner.actor.country
                        break
            if country:
                lo = min(span.start, span.start - 1 if span.start - 1 in self.adj_demonym
                         else span.start)
                hi = span.end + 1 if span.end in self.adj_demonym else span.end
                span.actor = self.kn.actor(self.kn.country_name.get(country, country),
                                           doc[lo:hi].text, country, None, _NGO)

    def _stance_before(self, s: int) -> bool:
        doc = self.doc
        if s >= 1 and doc[s - 1].lower_.rstrip("-") in lx.STANCE_PREFIXES:
            return True
        return (s >= 2 and doc[s - 1].text in ("-", "‑")
                and doc[s - 2].lower_ in lx.STANCE_PREFIXES)

    def _stance_words(self) -> None:
        demonyms = self.kn.demonyms.get(self.lang, {})
        # only words that start with a stance prefix, found in the text, become Token objects
        starts = {m.start() for m in _STANCE_WORD.finditer(self.doc.text)}
        if not starts:
            return
        for tok in self.doc:
            if tok.idx not in starts:
                continue
            low = tok.lower_
            if not low.startswith(lx.STANCE_PREFIXES):
                continue
            for prefix in lx.STANCE_PREFIXES:
                if low.startswith(prefix) and len(low) > len(prefix) + 2:
                    rest = norm_key(low[len(prefix):].lstrip("-‑"))
                    country = demonyms.get(rest)
                    if country:
                        self.stance[tok.i] = country

