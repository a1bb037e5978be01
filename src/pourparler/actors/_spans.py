"""The actor stage's working state: spans of names and role words, and the tables the
stages of :mod:`pourparler.actors._doc` fill in turn (matching, composition, learning,
context)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from pourparler.actors import _lexicon as lx
from pourparler.actors._knowledge import ActorKnowledge, Candidate, RoleWord
from pourparler.model import Actor

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



class _State:
    """What the actor stages share for one document."""

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

    def _register_name(self, span: _Span) -> None:
        idx = len(self.names)
        self.names.append(span)
        for i in range(span.start, span.end):
            self.name_at[i] = idx

    def _add_role(self, s: int, e: int, role: RoleWord) -> None:
        head = _span_head(self.doc, s, e)
        if _adjective_use(self.doc[head]):
            return  # « des aéronefs civils et militaires »: a modifier, not a group of people
        span = _Span(s, e, "role", head, role=role, plural=_is_plural(self.doc[head]),
                     person=role.person and not _is_plural(self.doc[head]))
        self.roles[head] = span
        for i in range(s, e):
            self.role_at[i] = head

    def _country_actor(self, iso3: str, text: str) -> Actor:
        return self.kn.actor(self.kn.country_name.get(iso3, iso3), text, iso3, None, None)


def _adjective_use(tok: Token) -> bool:
    """A role word the tagger reads as an adjective in a coordination of a noun's modifiers
    ("civilian and military aircraft"), whether the parser hangs the second on the first or
    on the noun."""
    if tok.pos_ != "ADJ" or any(c.dep_ == "det" for c in tok.children):
        return False
    head = tok.head
    if tok.dep_ == "amod":
        # « avions civils »: only when it pairs with another adjective, as above; alone it
        # may name a kind of actor (« le pouvoir militaire »)
        return head.pos_ == "NOUN" and any(c.dep_ == "conj" and c.pos_ == "ADJ"
                                           for c in tok.children)
    if tok.dep_ != "conj":
        return False
    if head.pos_ == "ADJ":
        return bool(head.dep_ == "amod")  # « avions civils et militaires »: civils -> militaires
    return head.pos_ == "NOUN" and any(c.dep_ == "amod" and c.pos_ == "ADJ" and c.i < tok.i
                                       for c in head.children)


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
