"""find_actors: dictionary matches, role composition, in-article learning, then coreference."""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pourparler.actors import _lexicon as lx
from pourparler.actors._knowledge import ROLE_PREFIX, ActorKnowledge, Candidate, RoleWord
from pourparler.actors._text import case_compatible, norm_key, translit_key
from pourparler.model import Actor
from pourparler.syntax import case_of, nominal_of

log = logging.getLogger(__name__)

Token = Any
Doc = Any

# Role phrases nest ("le porte-parole du ministère russe de la Défense"); deeper chains are
# rare and a fixed bound keeps composition linear.
_MAX_COMPOSE_DEPTH = 3
# Earlier people a title or description is compared with: a bound that keeps the pass linear
# and far exceeds the number of people a news article names.
_LOOKBACK_PEOPLE = 30
# Surnames shorter than this are not learned alone (initials, particles such as "Al").
_MIN_SURNAME_LEN = 3
_PERSON_LABELS = frozenset({"PER", "PERSON"})
# Sectors of non-state groups: a role word owned by such a group takes the group's code.
_GROUP_SECTORS = frozenset({"REB", "INS", "SEP", "OPP", "PTY", "UAF", "CRM"})
# A plural role inside another noun's complement ("a commission of foreign ministers") is
# generic, not officials of any one state.
_COMPLEMENT_DEPS = frozenset({"pobj", "nmod"})
# Other labels a name owned by a state ("Zambia's X") may carry: read as that state's actor.
_POSSESSED_NAME_LABELS = frozenset({"ORG"})
# Forms of address the parser may take into a person's name ("Mme", "Mr"), in lower case
# without the full stop: never a given name.
_HONORIFICS = frozenset({"m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "miss", "dr",
                         "sir", "dame", "lord", "lady", "pr", "prof", "me", "mgr", "sheikh",
                         "cheikh"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_GROUP_LABELS = frozenset({"ORG", "NORP", "MISC", "GPE", "LOC"})
_NAME_KINDS = frozenset({"country", "capital", "seat", "legislature", "demonym", "org", "group"})
_PERSON_KINDS = frozenset({"person", "learned"})
_ATTACH_DEPS = frozenset({"amod", "nmod", "compound", "poss", "nmod:poss", "flat", "obl:mod"})
_FLAT_DEPS = frozenset({"flat", "flat:name", "compound", "fixed"})
_BIND_DEPS = frozenset({"appos", "flat", "flat:name", "compound", "nmod", "dep"})
_KIND_RANK = {"person": 0, "org": 1, "group": 1, "country": 2, "capital": 3, "seat": 3,
              "legislature": 3, "demonym": 4}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One stretch of tokens that denotes an actor (``end`` exclusive)."""

    start: int
    end: int
    actor: Actor
    kind: str
    plural: bool = False


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    kind: str
    head: int
    cand: Candidate | None = None
    role: RoleWord | None = None
    actor: Actor | None = None
    plural: bool = False
    person: bool = False  # denotes one person (for pronouns)
    title: str | None = None  # norm key of the title a person was introduced with
    bound: bool = False  # a role phrase bound to a named person
    text_start: int = -1
    text_end: int = -1
    #: States of demonyms coordinated with the owner ("Swedish and Danish jets"): the role
    #: stands for one actor per state.
    also: tuple[str, ...] = ()


@dataclass(slots=True)
class _Entry:
    """An earlier reference pronouns may point back to."""

    pos: int
    sent: int
    actors: tuple[Actor, ...]
    subject: bool
    plural: bool
    person: bool


@dataclass
class DocActors:
    """The actors of one document and how its tokens resolve to them."""

    mentions: list[ActorMention]
    _doc: Doc = field(repr=False)
    _at: list[int] = field(repr=False)  # token -> index of the innermost mention, -1 if none
    _heads: dict[int, list[Actor]] = field(repr=False)
    _possessors: dict[int, list[Actor]] = field(repr=False)
    _owner_cases: frozenset[str] = field(default=lx.OWNER_CASES, repr=False)

    def mention_at(self, i: int) -> ActorMention | None:
        """The innermost mention covering token ``i``."""
        if 0 <= i < len(self._at) and self._at[i] >= 0:
            return self.mentions[self._at[i]]
        return None

    def resolve(self, token: Token) -> list[Actor]:
        """The actors the phrase headed by ``token`` denotes ([] when none).

        Mentions covering or headed by the token, role phrases, pronouns and definite
        descriptions (resolved in context), and every conjunct of a coordination.
        """
        out: list[Actor] = []
        self._collect(token, out, 0)
        return out

    def resolve_possessor(self, token: Token) -> list[Actor]:
        """Who owns the noun ``token``: "sa menace", "their talks", "Russia's troops",
        "la menace de la Russie", "the threat of Iran"."""
        got = self._possessors.get(token.i)
        if got is not None:
            return list(got)
        for child in token.children:
            if child.dep_ in ("poss", "nmod:poss"):
                return self.resolve(child)
        for child in token.children:
            if child.dep_ == "nmod" and any(
                    g.dep_ == "case" and g.lower_ in self._owner_cases for g in child.children):
                found = self.resolve(child)
                if found:
                    return found
            if child.dep_ == "prep" and child.lower_ == "of":
                for g in child.children:
                    if g.dep_ == "pobj":
                        found = self.resolve(g)
                        if found:
                            return found
        return []

    def _collect(self, token: Token, out: list[Actor], depth: int) -> None:
        if depth > len(self._doc):
            return
        for actor in self._heads.get(token.i, ()):
            if actor not in out:
                out.append(actor)
        if not self._heads.get(token.i):
            m = self.mention_at(token.i)
            if m is not None and m.actor not in out:
                out.append(m.actor)
        for child in token.children:
            if child.dep_ == "conj":
                self._collect(child, out, depth + 1)


def find_actors(doc: Doc, knowledge: ActorKnowledge, lang: str, when: date | None,
                home: str | None = None) -> DocActors:
    """Find and resolve the actors of ``doc`` (a spaCy Doc in ``lang``) as of date ``when``.

    ``home``: ISO3 of the country the story was filed from (its dateline), the country of
    bare domestic groups ("the police", "protesters") when the text names none.
    """
    return _Builder(doc, knowledge, lang, when, home).build()


class _Builder:
    def __init__(self, doc: Doc, kn: ActorKnowledge, lang: str, when: date | None,
                 home: str | None = None) -> None:
        self.doc = doc
        self.home = home
        self.kn = kn
        self.lang = lang
        self.when = when
        n = len(doc)
        self.names: list[_Span] = []
        self.name_at: list[int] = [-1] * n
        self.roles: dict[int, _Span] = {}  # role head -> span
        self.role_at: list[int] = [-1] * n  # token -> role head covering it
        self.adj_demonym: dict[int, str] = {}
        self.stance: dict[int, str] = {}  # token -> country a "pro-X" word refers to
        self.gender: dict[str, str] = {}
        self.learned: dict[str, Actor] = {}
        self.learned_titles: dict[str, str] = {}
        self.composed: dict[int, tuple[Actor | None, int, set[str]]] = {}
        self._role_starts: list[tuple[int, int]] | None = None

    # -- 1. dictionary matches ------------------------------------------------------------------

    def build(self) -> DocActors:
        from pourparler.nlp import load

        nlp = load(self.lang)
        matcher = self.kn.matcher(nlp, self.lang)
        forms = self.kn.forms.get(self.lang, {})
        role_words = self.kn.roles.get(self.lang, {})
        strings = self.doc.vocab.strings
        proposals: list[tuple[int, int, str, Candidate | None, RoleWord | None]] = []
        for match_id, s, e in matcher(self.doc):
            label = strings[match_id]
            if label.startswith(ROLE_PREFIX):
                role = role_words.get(label[len(ROLE_PREFIX):])
                if role is not None:
                    proposals.append((s, e, "role", None, role))
                continue
            cand = self._choose(forms.get(label, ()), s, e)
            if cand is not None:
                proposals.append((s, e, cand.kind, cand, None))
        # Longest match wins; at equal length names beat role words.
        proposals.sort(key=lambda p: (p[0] - p[1], p[2] == "role", p[0]))
        taken = [False] * len(self.doc)
        accepted = []
        for s, e, kind, cand, role in proposals:
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            accepted.append((s, e, kind, cand, role))
        accepted.sort(key=lambda p: p[0])
        seen_people: set[str] = set()
        for s, e, kind, cand, role in accepted:
            if role is not None:
                self._add_role(s, e, role)
                continue
            assert cand is not None
            if (kind == "person" and cand.ambiguous and cand.entity.name not in seen_people
                    and not self._has_label(s, e, _PERSON_LABELS)):
                continue  # an ambiguous alias needs a PER label or the full name earlier
            if kind == "person" and self._other_given_name(s, cand):
                continue
            if kind == "person":
                seen_people.add(cand.entity.name)
            self._add_name(s, e, cand)
        self._national_societies()
        self._stance_words()
        self._learn()
        self._compose_all()
        self._contextualise()
        return self._finish()

    def _other_given_name(self, s: int, cand: Candidate) -> bool:
        """"Nicholas Burns" is not William Burns, "Hunter Biden" not Joe Biden: the person
        name the text gives starts with a given name that the known person's name lacks."""
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
                    ok = ent in _PLACE_LABELS or (c.kind == "demonym" and ent == "NORP")
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
                for c in map(nominal_of, doc[span.head].children):
                    idx = self.name_at[c.i]
                    owner = self.names[idx] if idx >= 0 else None
                    if (owner is not None and owner.kind == "country" and owner.actor
                            and case_of(c) in lx.OWNER_CASES):
                        country = owner.actor.country
                        break
            if country:
                lo = min(span.start, span.start - 1 if span.start - 1 in self.adj_demonym
                         else span.start)
                hi = span.end + 1 if span.end in self.adj_demonym else span.end
                span.actor = self.kn.actor(self.kn.country_name.get(country, country),
                                           doc[lo:hi].text, country, None, _NGO)

    def _register_name(self, span: _Span) -> None:
        idx = len(self.names)
        self.names.append(span)
        for i in range(span.start, span.end):
            self.name_at[i] = idx

    def _add_role(self, s: int, e: int, role: RoleWord) -> None:
        head = _span_head(self.doc, s, e)
        span = _Span(s, e, "role", head, role=role, plural=_is_plural(self.doc[head]),
                     person=role.person and not _is_plural(self.doc[head]))
        self.roles[head] = span
        for i in range(s, e):
            self.role_at[i] = head

    # -- 2. "pro-Russian", "prorusses" --------------------------------------------------------

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

    # -- 3. composition of role words with their owners ---------------------------------------

    def _compose_all(self) -> None:
        for head, span in self.roles.items():
            if span.actor is None:
                self._compose(head, 0)

    def _compose(self, head: int, depth: int) -> tuple[Actor | None, int, set[str]]:
        """(actor or None, rightmost/leftmost token used, stance countries) of a role head."""
        hit = self.composed.get(head)
        if hit is not None:
            return hit
        span = self.roles[head]
        role = span.role
        assert role is not None
        doc = self.doc
        base: Actor | None = None
        used = head
        stances: set[str] = set()
        for tok_i, anchor in self._attachments(span):
            if tok_i in self.stance:
                stances.add(self.stance[tok_i])
                continue
            found = self._owner_actor(tok_i, depth)
            owner_role = self.roles[tok_i].role if tok_i in self.roles else None
            if (found is None and owner_role is not None and owner_role.sector in _GROUP_SECTORS
                    and role.sector not in _GROUP_SECTORS):
                # "les chefs des séparatistes", "le chef de la guérilla": the group's own
                # people, whose state the context will give as it gives the group's
                role = span.role = RoleWord(role.form, owner_role.sector, role.person,
                                            owner_role.contextual)
            if found is not None:
                base, used = found, anchor
                if base.country and not base.org:
                    span.also = tuple(dict.fromkeys(
                        c for c in map(self._demonym_state, doc[tok_i].conjuncts)
                        if c is not None and c != base.country))
                idx = self.name_at[tok_i]
                if idx >= 0:  # the whole name belongs to the phrase ("Maison Blanche")
                    lo, hi = self.names[idx].start, self.names[idx].end - 1
                    used = hi if hi > head else lo
                elif tok_i in self.roles and self.roles[tok_i].text_end > 0:
                    sub = self.roles[tok_i]
                    used = sub.text_end - 1 if sub.text_end - 1 > head else sub.text_start
                break
        if base is None:
            # Parser slips: a demonym right after (French) or before (English) the role noun.
            for j in (span.end, span.start - 1):
                if 0 <= j < len(doc) and j in self.adj_demonym:
                    base = self._country_actor(self.adj_demonym[j], doc[j].text)
                    used = j
                    break
        span.text_start = min(span.start, used)
        span.text_end = max(span.end, used + 1)
        text = doc[span.text_start:span.text_end].text
        actor = None
        if base is not None and (base.country or base.org):
            sector = role.sector or base.sector
            if base.org is None and base.sector in _GROUP_SECTORS:
                # the leader, spokesman or fighters of an armed group or party are that group
                # ("le chef des FARC", "Hamas officials"), not a government
                sector = base.sector
            if sector is None and role.person and base.org is None and (
                    base.name == self.kn.country_name.get(base.country or "")):
                # A state's spokesman or adviser ("porte-parole russe") speaks for its
                # government.
                sector = "GOV"
            cameo = None
            if base.org is None and base.sector == sector and base.cameo != self.kn.cameo_for(
                    base.country, None, base.sector):
                cameo = base.cameo  # a group's own code (e.g. a user's SYRREB)
            actor = self.kn.actor(base.name, text, base.country, base.org, sector, cameo)
        span.actor = actor
        result = (actor, used, stances)
        self.composed[head] = result
        return result

    def _attachments(self, span: _Span) -> list[tuple[int, int]]:
        """Tokens that may name the owner of a role phrase, nearest first, with the token that
        links them to the phrase (for the mention's extent)."""
        doc = self.doc
        out: list[tuple[int, int]] = []
        for i in range(span.start, span.end):
            for child in doc[i].children:
                if span.start <= child.i < span.end:
                    continue
                dep = child.dep_
                if dep == "prep" and child.lower_ in lx.OWNER_CASES:
                    out.extend((g.i, g.i) for g in child.children if g.dep_ == "pobj")
                elif dep in _ATTACH_DEPS:
                    if dep == "nmod" and not self._owner_case(child):
                        continue  # "soldats russes en Ukraine": a place, not an owner
                    out.append((child.i, child.i))
                    # One level down: "chef de la diplomatie russe", "ministère russe".
                    if self.name_at[child.i] < 0 and child.i not in self.roles:
                        for g in child.children:
                            if g.dep_ in ("amod", "nmod", "compound") and (
                                    g.i in self.adj_demonym or self.name_at[g.i] >= 0):
                                out.append((g.i, g.i))
        out.sort(key=lambda p: abs(p[0] - span.head))
        return out

    def _owner_case(self, tok: Token) -> bool:
        cases = [c for c in tok.children if c.dep_ == "case"]
        return not cases or any(c.lower_ in lx.OWNER_CASES for c in cases)

    def _owner_actor(self, i: int, depth: int) -> Actor | None:
        if i in self.adj_demonym:
            return self._country_actor(self.adj_demonym[i], self.doc[i].text)
        idx = self.name_at[i]
        if idx >= 0:
            return self.names[idx].actor
        if i in self.roles and depth < _MAX_COMPOSE_DEPTH:
            sub = self.roles[i]
            if sub.actor is not None:
                return sub.actor
            return self._compose(i, depth + 1)[0]
        return None

    def _demonym_state(self, tok: Token) -> str | None:
        """The state a demonym token names, as an adjective or as a noun (« danois »)."""
        if tok.i in self.adj_demonym:
            return str(self.adj_demonym[tok.i])
        idx = self.name_at[tok.i]
        span = self.names[idx] if idx >= 0 else None
        if span is not None and span.kind == "demonym" and span.actor is not None:
            country: str | None = span.actor.country
            return country
        return None

    def _country_actor(self, iso3: str, text: str) -> Actor:
        return self.kn.actor(self.kn.country_name.get(iso3, iso3), text, iso3, None, None)

    # -- 4. learning titles and appositions -----------------------------------------------------

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
            if known is not None and e - s == 1 and self._other_given_name(s, known):
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

    # -- 5. context: bare roles and definite descriptions -------------------------------------

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

    # -- 6. mentions, coreference ---------------------------------------------------------------

    def _finish(self) -> DocActors:
        from pourparler.actors._coref import Coref

        doc = self.doc
        mentions: list[tuple[int, int, ActorMention]] = []
        for span in self.names:
            if span.actor is not None:
                mentions.append((span.start, -(span.end - span.start), ActorMention(
                    span.start, span.end, span.actor, span.kind, span.plural)))
        heads: dict[int, list[Actor]] = {}
        for head, span in self.roles.items():
            if span.actor is None:
                continue
            s = span.text_start if span.text_start >= 0 else span.start
            e = span.text_end if span.text_end >= 0 else span.end
            mentions.append((s, -(e - s), ActorMention(s, e, span.actor, "role", span.plural)))
            heads[head] = [span.actor, *(
                self.kn.actor(self.kn.country_name.get(c, c), span.actor.text, c, None,
                              span.actor.sector) for c in span.also)]
        mentions.sort(key=lambda m: (m[0], m[1]))
        ordered = [m[2] for m in mentions]
        at = [-1] * len(doc)
        # Wider mentions first, so the innermost one ends up owning each token.
        for idx in sorted(range(len(ordered)), key=lambda k: ordered[k].start - ordered[k].end):
            m = ordered[idx]
            for i in range(m.start, m.end):
                at[i] = idx
        for span in self.names:
            if span.actor is not None:
                heads.setdefault(span.head, [span.actor])
        info = {span.head: span for span in self.names}
        info.update(self.roles)
        coref = Coref(doc, self.lang, self.kn, heads, info, self.gender)
        possessors = coref.run()
        return DocActors(ordered, doc, at, heads, possessors)


def _phrase_top(tok: Token) -> Token:
    """The head of the phrase a title belongs to ("Minister" in "Minister X Y" -> Y)."""
    while tok.dep_ in {"compound", "flat", "flat:name", "appos"} and tok.head != tok:
        tok = tok.head
    return tok


def _span_head(doc: Doc, s: int, e: int) -> int:
    for i in range(s, e):
        h = doc[i].head.i
        if h == i or not (s <= h < e):
            return i
    return e - 1


#: Sectors of a state's own organs: a bare one ("the ministry") serves the state of another
#: organ named in its sentence before the story's dominant state.
_STATE_ORGANS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})

#: Sectors of groups that act at home: with no country in the text they are the dateline's.
#: Dependents that open a clause of their own: a place inside one is not the act's.
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "acl", "relcl", "acl:relcl", "conj",
                          "parataxis", "csubj"})
_NGO = "NGO"
#: Subjects of a verb, in both parsers' labels.
_SUBJECT_OF_VERB = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
#: Names that stand for a state acting (its name or its capital).
_STATE_NAME_KINDS = frozenset({"country", "capital"})
#: Names that can be the place of an act (cities are not actors: only capitals).
_PLACE_NAME_KINDS = frozenset({"country", "capital"})
_DOMESTIC_SECTORS = frozenset({"COP", "CVL", "OPP", "LEG", "JUD", "PTY", "LAB", "EDU"})

_STANCE_WORD = re.compile(
    r"\b(?:" + "|".join(map(re.escape, lx.STANCE_PREFIXES)) + r")[-‑]?\w{3,}", re.IGNORECASE)


def _is_plural(tok: Token) -> bool:
    return "Plur" in tok.morph.get("Number")


def _dominant(counts: Counter[str], first: dict[str, int], exclude: set[str]) -> str | None:
    """The article's most mentioned country (first mentioned on ties), or None if none."""
    ranked = sorted((c for c in counts if c not in exclude),
                    key=lambda c: (-counts[c], first.get(c, 0)))
    return ranked[0] if ranked else None
