"""Where one event happened: the place stage (conventions of the shared eval README).

In order:

1. A place the sentence gives the act with a place preposition ("à Genève", "in Gaza", "at the
   White House"), nearest the predicate first, then in the clauses above it ("À Washington,
   Biden a dénoncé ... et annoncé des sanctions"). A capital or seat of power that is the
   subject or object ("Washington a averti", "the Kremlin said") is an actor, never read here.
   Attacks also take the place they struck ("frappes sur Kiev") and visits the place they went
   to ("trip to Beijing").
2. An attack on a state named as such ("l'invasion de l'Ukraine", "invaded Ukraine"): that
   state.
3. A scene set by the sentence before with a fronted place ("In Goma, ... . M23 fighters
   seized ..."), for the same side.
4. A meeting placed earlier: what the same two parties agree or do together afterwards
   happened there ("met in Geneva ... The two leaders agreed to").
5. What the kind of act implies: a state of emergency or an expulsion is in the acting state;
   troops deployed at home are in that state; a visit is at the host's.
6. The dateline, for acts that happen where the story is filed: meetings, negotiations and
   signings, protests, repression, attacks and fighting (for the last ones only when the dated
   place lies in a party's state). Never for statements, decisions or phone calls.

Otherwise None: an honest null beats a guess.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from pourparler.actors import DocActors
from pourparler.errors import DataError
from pourparler.geo._gazetteer import Gazetteer, Place, load_gazetteer
from pourparler.geo._keys import place_key
from pourparler.model import Actor, Location
from pourparler.syntax import case_of as _case_of

__all__ = ["ArticlePlaces", "article_places", "dateline_places", "place_event"]

log = logging.getLogger(__name__)

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span
Doc = Any  # spacy.tokens.Doc

# --- which acts take which fallback (CAMEO codes) --------------------------------------------

#: Meetings, visits, mediation, negotiation (04x but 040, talks that may be held by phone, and
#: 041, discussion by telephone) and the signing of agreements (057): they happen where the
#: leaders are, which a dateline says.
_MEETING_CODES = ("042", "043", "044", "045", "046", "057")
#: Protests (14), repression (175), attacks and fighting (18, 19, 20): where the dateline is,
#: when it lies in the state of one of the parties.
_FORCE_ROOTS = frozenset({"14", "18", "19", "20"})
_FORCE_CODES = ("175",)
#: Acts whose place is where they struck (strike prepositions count) and that place a state
#: attacked by name.
_ATTACK_ROOTS = frozenset({"18", "19", "20"})
#: Visits: 042 the source visits the target, 043 the source hosts the target.
_VISIT_CODE, _HOST_CODE = "042", "043"
#: A state of emergency or martial law (1724) covers the state that declares it.
_STATEWIDE_CODES = ("1724",)
#: Military posture (15): troops of a state deployed or drilling at home are in that state.
_POSTURE_ROOT = "15"
#: Expulsions are coded as reducing relations (16): in the expelling state.
_RELATIONS_ROOT = "16"
#: No act of these roots is ever placed by its kind or the dateline: statements (01), appeals
#: (02), intents (03), demands (10), disapproval (11), rejection (12), threats (13).
_SAID_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})

#: Cooperation between two parties (intents 03, consultation 04, diplomatic and material
#: cooperation 05-06) that the article has shown meeting in a named place takes that place.
_AT_MEETING_ROOTS = frozenset({"03", "04", "05", "06"})

#: Clause dependents whose places belong to another act ("accused Russia of moving tanks
#: through Izvarino", "the city where thousands are trapped").
_OTHER_CLAUSE = frozenset({"ccomp", "xcomp", "advcl", "parataxis", "acl:relcl", "relcl",
                           "csubj", "dep", "punct", "cc", "conj", "mark"})
#: Fronted participial clauses ("Réunis à Bruxelles, ...", "Speaking in Kyiv, ...").
_SCENE_CLAUSES = frozenset({"advcl", "acl", "xcomp"})
#: How many heads above the predicate are searched for a place ("À Washington, X a dénoncé ...
#: et annoncé des sanctions visant ..."); deeper chains are parser noise.
_MAX_CLIMB = 4
#: How deep inside a place phrase a name is looked for ("près de l'aéroport international de
#: Bagdad" -> Bagdad; "in Congo's capital Kinshasa" -> Kinshasa).
_MAX_PHRASE_DEPTH = 3
#: Longest name tried as one span ("la zone économique exclusive du Japon").
_MAX_NAME_TOKENS = 6
_PHRASE_DEPS = frozenset({"nmod", "compound", "appos", "flat", "flat:name", "prep", "pobj",
                          "poss", "nmod:poss", "amod", "obl", "fixed", "nummod"})
_NAME_ENTS = frozenset({"GPE", "LOC", "FAC", "MISC", "ORG"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
_DETERMINERS = frozenset({"DET"})
#: Prepositions of a name inside a place phrase ("l'aéroport international de Bagdad").
_OF_CASES = frozenset({"de", "du", "des", "d'", "d’", "of"})
#: Actor mentions that are also places (the actor stage's kinds).
_PLACE_KINDS = frozenset({"country", "capital", "seat"})


# --- cue words -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Cues:
    place_preps: frozenset[str]
    strike_preps: frozenset[str]
    visit_preps: frozenset[str]
    phone: frozenset[str]
    expel: frozenset[str]
    order: frozenset[str]
    leave: frozenset[str]
    soil: frozenset[str]
    capital: frozenset[str]
    directions: frozenset[str]


@functools.cache
def _cues(lang: str) -> _Cues:
    text = resources.files("pourparler.geo").joinpath("data", "cues.yaml").read_text("utf-8")
    try:
        data = yaml.safe_load(text) or {}
        entry = data.get(lang) or data["en"]
        return _Cues(**{k: frozenset(str(w).lower() for w in entry.get(k) or ())
                        for k in _Cues.__slots__})
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise DataError(f"geo/data/cues.yaml: {exc}") from exc


# --- datelines -------------------------------------------------------------------------------

#: A wire dateline: upper-case place(s), optional region or country, date, agency, dash.
_DATELINE = re.compile(
    r"\A\s*(?P<places>[A-ZÀ-Ý][A-ZÀ-Ý.'’/ -]{1,60}?)\s*(?P<rest>(?:,[^\n,()]{2,40}){0,3})"
    r"(?:\s*\([^)\n]{1,30}\))?\s*[-–—]+\s"
)


def dateline_end(text: str) -> int:
    """Where a wire dateline at the start of ``text`` ends (0 when there is none)."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def dateline_places(text: str) -> tuple[list[str], list[str]]:
    """The places a wire dateline names, and the words after them ("VOSTOCHNY COSMODROME,
    Russia, Sept 13 (Wire) -" -> (["VOSTOCHNY COSMODROME"], ["Russia", "Sept 13"]))."""
    m = _DATELINE.match(text)
    if not m:
        return [], []
    places = [p.strip() for p in m.group("places").split("/") if p.strip()]
    rest = [r.strip() for r in (m.group("rest") or "").split(",") if r.strip()]
    return places, rest


# --- the article -----------------------------------------------------------------------------

@dataclass(slots=True)
class ArticlePlaces:
    """What the place stage knows about one article: build once with :func:`article_places`."""

    gazetteer: Gazetteer
    lang: str
    #: The dateline's places, resolved, in their order ("KINSHASA/GOMA" -> two).
    dateline: list[Location] = field(default_factory=list)
    #: ISO3 -> share of the article's actor mentions (capitals and seats left out: they are
    #: the names being disambiguated).
    countries: dict[str, float] = field(default_factory=dict)
    _scenes: dict[int, tuple[Location, frozenset[str]] | None] = field(default_factory=dict)
    #: Meetings the text placed itself, with their parties' countries, in article order.
    _meetings: list[tuple[frozenset[str], Location]] = field(default_factory=list)


def article_places(doc: Doc, actors: DocActors, lang: str, *, text: str | None = None,
                   gazetteer: Gazetteer | None = None) -> ArticlePlaces:
    """The place context of an article: its dateline and the countries it is about.

    ``text``: the raw article text when ``doc`` was parsed from a copy with the dateline
    blanked (the coder's ``normalise_text``); defaults to ``doc.text``.
    """
    gaz = gazetteer or load_gazetteer()
    counts: Counter[str] = Counter()
    for m in actors.mentions:
        if m.actor.country and m.kind not in ("capital", "seat"):
            counts[m.actor.country] += 1
    total = sum(counts.values())
    countries = {c: n / total for c, n in counts.items()} if total else {}
    places = ArticlePlaces(gaz, lang, countries=countries)
    names, rest = dateline_places(text if text is not None else doc.text)
    hint = None
    for word in rest:
        country = gaz.country_named(word)
        if country is not None:
            hint = country
            break
    weights = dict(countries)
    if hint is not None and hint.country:
        weights[hint.country] = 1.0
    for name in names:
        place = _dateline_place(gaz, name, weights)
        if place is not None:
            places.dateline.append(place.location(_display(name)))
        elif hint is not None and len(names) == 1:
            places.dateline.append(hint.location())
    return places


def _display(name: str) -> str:
    return name.title() if name.isupper() else name


def _dateline_place(gaz: Gazetteer, name: str, weights: Mapping[str, float]) -> Place | None:
    """The place a dateline names; "CARTHAGÈNE DES INDES" is tried as "CARTHAGÈNE" too."""
    words = name.split()
    for n in range(len(words), 0, -1):
        place = gaz.best(" ".join(words[:n]), weights)
        if place is not None:
            return place
    return None


# --- the event -------------------------------------------------------------------------------

#: Weight of the attacked party's state when a place name is ambiguous (above any share of the
#: article's mentions, which are at most 1.0).
_STRUCK_WEIGHT = 2.0


def place_event(sent: Span, pred: Token, code: str, actors: DocActors,
                places: ArticlePlaces, *, source: Actor | None = None,
                target: Actor | None = None) -> Location | None:
    """Where the event coded ``code`` (CAMEO) from predicate ``pred`` in ``sent`` happened.

    ``source``/``target``: the event's actors (visits are at the host's place; attacks and
    protests take the dateline only in a party's state). None when the text gives no place.
    """
    cues = _cues(places.lang)
    root = code[:2]
    weights = dict(places.countries)
    for a in (source, target):
        if a is not None and a.country:
            weights[a.country] = 1.0
    if root in _ATTACK_ROOTS and target is not None and target.country:
        # an attack strikes the target's side: its state wins a name shared across a border
        weights[target.country] = _STRUCK_WEIGHT
    reader = _PhraseReader(places.gazetteer, actors, cues, weights)

    preps = set(cues.place_preps)
    if root in _ATTACK_ROOTS:
        preps |= cues.strike_preps
    if code.startswith((_VISIT_CODE, _HOST_CODE)):
        preps |= cues.visit_preps
    found = _explicit(pred, preps, reader)
    parties = frozenset(a.country for a in (source, target) if a is not None and a.country)
    if found is not None:
        # any consultation with a place given is a meeting in person (040 is also used
        # for talks by phone, which give no place)
        if (root == "04" or code.startswith(_MEETING_CODES)) and len(parties) == 2:
            places._meetings.append((parties, found))
        return found
    if root in _AT_MEETING_ROOTS and len(parties) == 2:
        # what the same two parties agreed or did together after a meeting the article
        # placed happened at that meeting ("met in Geneva ... The two leaders agreed to")
        for met, where in reversed(places._meetings):
            if met == parties:
                return where
    if root in _ATTACK_ROOTS:
        struck = _struck_state(pred, reader)
        if struck is not None:
            return struck
    if _is_phone(pred, sent, cues):
        return None
    scene = _scene_before(sent, places, reader)
    if scene is not None and source is not None and source.key in scene[1]:
        return scene[0]
    return _by_kind(pred, code, places, cues, source, target)


def _by_kind(pred: Token, code: str, places: ArticlePlaces, cues: _Cues,
             source: Actor | None, target: Actor | None) -> Location | None:
    root = code[:2]
    gaz = places.gazetteer
    src_c = source.country if source is not None else None
    tgt_c = target.country if target is not None else None
    if code.startswith(_STATEWIDE_CODES) and src_c:
        return _country(gaz, src_c)
    if root == _RELATIONS_ROOT and src_c and _is_expulsion(pred, cues):
        return _country(gaz, src_c)
    if root == _POSTURE_ROOT and src_c and src_c == tgt_c:
        return _country(gaz, src_c)
    if code.startswith((_VISIT_CODE, _HOST_CODE)):
        host = tgt_c if code.startswith(_VISIT_CODE) else src_c
        for loc in places.dateline:
            if host is None or loc.country == host:
                return loc
        return _country(gaz, host) if host else None
    if root in _SAID_ROOTS:
        return None
    if code.startswith(_MEETING_CODES):
        return places.dateline[0] if places.dateline else None
    if root in _FORCE_ROOTS or code.startswith(_FORCE_CODES):
        # an attack is where it struck: in the target's state; protests and repression are
        # mostly domestic, in either party's
        parties = {tgt_c} if root in _ATTACK_ROOTS and tgt_c else {c for c in (src_c, tgt_c)
                                                                     if c}
        for loc in places.dateline:
            if not parties or loc.country in parties:
                return loc
    if root in _STATE_ACT_ROOTS and src_c:
        # a government's own act (breaking relations, sanctions, arrests) in a story filed
        # from its country happened there
        for loc in places.dateline:
            if loc.country == src_c:
                return loc
    return None


#: Roots of acts a state performs at home (reduce relations, coerce).
_STATE_ACT_ROOTS = frozenset({"16", "17"})


def _country(gaz: Gazetteer, iso3: str) -> Location | None:
    place = gaz.country(iso3)
    return place.location() if place is not None else None


# --- reading place phrases -------------------------------------------------------------------



def _nominals(tok: Token) -> Iterator[Token]:
    """The nominal of an English prep (prep -> pobj) or the token itself."""
    if tok.dep_ == "prep" and tok.pos_ == "ADP":
        yield from (c for c in tok.children if c.dep_ == "pobj")
    else:
        yield tok


class _PhraseReader:
    def __init__(self, gaz: Gazetteer, actors: DocActors, cues: _Cues,
                 weights: Mapping[str, float]) -> None:
        self.gaz = gaz
        self.actors = actors
        self.cues = cues
        self.weights = weights

    def place(self, tok: Token, depth: int = 0) -> Location | None:
        """The place a nominal phrase headed by ``tok`` names, if any."""
        found = self._direct(tok)
        if found is not None:
            return found
        if depth >= _MAX_PHRASE_DEPTH or self._is_party(tok):
            return None
        for child in tok.children:
            if child.dep_ not in _PHRASE_DEPS:
                continue
            for n in _nominals(child):
                case = _case_of(n)
                # "l'aéroport de Bagdad", "the airport in Argyle", "Congo's capital Kinshasa";
                # not "la crise entre Bamako et Paris"
                if case is not None and case not in _OF_CASES and case not in \
                        self.cues.place_preps:
                    continue
                found = self.place(n, depth + 1)
                if found is not None:
                    return found
        return None

    def _direct(self, tok: Token) -> Location | None:
        mention = self.actors.mention_at(tok.i)
        if mention is not None and mention.kind == "country" and mention.actor.country:
            text = _span_text(tok, mention)
            named = self.gaz.best(text, self.weights)
            if named is not None and named.kind != "country":
                # the actor stage's names of a state include its parts ("la bande de Gaza")
                return named.location(text)
            country = self.gaz.country(mention.actor.country)
            if country is not None:
                return self._directional(tok, country.location(text))
        if mention is not None and mention.kind == "seat" and mention.actor.country:
            capital = self.gaz.capital(mention.actor.country)
            if capital is not None:  # "at the White House": in Washington
                return capital.location(_span_text(tok, mention))
        if tok.pos_ == "NOUN" and tok.lower_ in self.cues.soil | self.cues.capital:
            iso3 = next((found for c in tok.children if c.dep_ == "amod"
                         and (found := self.gaz.demonym_country(c.text))), None)
            if iso3 and tok.lower_ in self.cues.soil:  # "sur le sol israélien"
                return _country(self.gaz, iso3)
            capital = self.gaz.capital(iso3) if iso3 else None
            if capital is not None:  # "dans la capitale bélarusse", "the Afghan capital"
                return capital.location()
        if not _name_like(tok):
            return None
        for text in _name_spans(tok):
            place = self.gaz.best(text, self.weights)
            if place is None:
                continue
            if place.kind == "country":
                return self._directional(tok, place.location(text))
            return place.location(text)
        return None

    def _is_party(self, tok: Token) -> bool:
        """A phrase naming a person or body ("à l'ambassadeur de France", "to the UN envoy in
        Kabul") is someone the act is addressed to, not a place."""
        mention = self.actors.mention_at(tok.i)
        if mention is not None and mention.kind not in _PLACE_KINDS:
            return True
        return any(a.sector or a.org for a in self.actors.resolve(tok)) and (
            mention is None or mention.kind not in _PLACE_KINDS)

    def _directional(self, tok: Token, loc: Location) -> Location:
        """"eastern Congo", "l'est de l'Ukraine": a region of the state, not the state."""
        direction = None
        for c in tok.children:
            if c.dep_ == "amod" and c.lower_ in self.cues.directions:
                direction = c
        head = tok.head
        if direction is None and head != tok and head.lower_ in self.cues.directions:
            direction = head
        if direction is None:
            return loc
        lo = min(direction.i, tok.i)
        hi = max(direction.i, tok.i)
        name = tok.doc[lo:hi + 1].text
        return Location(name, loc.country, None, loc.lat, loc.lon, "region", None)


def _span_text(tok: Token, mention: Any) -> str:
    return str(tok.doc[mention.start:mention.end].text)


def _name_like(tok: Token) -> bool:
    if tok.ent_type_ in _TIME_ENTS:
        return False  # "raids on Monday": Monday is also a town in Brazil
    if tok.pos_ == "PROPN" or tok.ent_type_ in _NAME_ENTS:
        return True
    # "la bande de Gaza", "the West Bank" parsed with a common-noun head
    return any(c.pos_ == "PROPN" or c.ent_type_ in _NAME_ENTS or c.text[:1].isupper()
               for c in tok.children if c.dep_ in _PHRASE_DEPS)


def _name_spans(tok: Token) -> Iterator[str]:
    """Texts a place name headed by ``tok`` may have, longest first: its named entity, the
    phrase with its "de"/"of" complement ("bande de Gaza"), its compound name, the word."""
    doc = tok.doc
    seen: set[str] = set()
    out: list[str] = []
    if tok.ent_type_:
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                out.append(ent.text)
                break
    lo = tok.i
    while lo > tok.left_edge.i and doc[lo - 1].dep_ in {"compound", "flat", "flat:name",
                                                          "amod", "nmod"} \
            and doc[lo - 1].head.i in range(lo - 1, tok.i + 1):
        lo -= 1
    hi = tok.i
    for c in tok.rights:
        if c.dep_ in {"flat", "flat:name", "nmod", "prep", "compound", "amod", "fixed"} and \
                c.i - lo < _MAX_NAME_TOKENS and not any(t.is_punct for t in doc[hi + 1:c.i]):
            hi = max(hi, c.right_edge.i)
            break
    while lo <= tok.i and doc[lo].pos_ in _DETERMINERS:
        lo += 1
    if hi - lo < _MAX_NAME_TOKENS:
        out.append(doc[lo:hi + 1].text)
    if tok.pos_ == "PROPN" or tok.ent_type_ or tok.text[:1].isupper():
        out.append(tok.text)  # not a common noun alone ("port" is also Le Port, Réunion)
    for text in out:
        key = place_key(text)
        if key and key not in seen:
            seen.add(key)
            yield text


def _locatives(toks: Iterable[Token], preps: set[str]) -> Iterator[Token]:
    for t in toks:
        case = _case_of(t)
        if case is not None and case in preps:
            yield t


def _clause_tokens(pred: Token) -> list[Token]:
    """The predicate's own phrase: its subtree without the clauses hanging in it, nearest
    tokens first."""
    out: list[Token] = []
    stack = [(c, 1) for c in pred.children if c.dep_ not in _OTHER_CLAUSE]
    seen = []
    while stack:
        t, d = stack.pop()
        seen.append((d, abs(t.i - pred.i), t))
        stack.extend((c, d + 1) for c in t.children if c.dep_ not in _OTHER_CLAUSE
                     or (c.dep_ == "conj" and t.pos_ in {"PROPN", "NOUN"}))
    seen.sort(key=lambda x: (x[0], x[1]))
    out = [t for _, _, t in seen]
    return out


def _explicit(pred: Token, preps: set[str], reader: _PhraseReader) -> Location | None:
    for t in _locatives(_clause_tokens(pred), preps):
        found = reader.place(t)
        if found is not None:
            return found
    # the clauses above: "À Washington, Biden a dénoncé ... et annoncé des sanctions"
    cur = pred
    for _ in range(_MAX_CLIMB):
        head = cur.head
        if head == cur:
            break
        siblings = [c for c in head.children if c != cur and c.dep_ not in _OTHER_CLAUSE]
        # a fronted participle sets the scene: "Réunis à Bruxelles, les Vingt-Sept ..."
        for c in head.children:
            if c != cur and c.dep_ in _SCENE_CLAUSES and c.i < head.i:
                siblings.extend(c.children)
            if c.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"}:
                for g in c.children:
                    if g.dep_ in _SCENE_CLAUSES and g.i < c.i:
                        siblings.extend(g.children)
        for c in siblings:
            for n in _nominals(c):
                if _case_of(n) in preps:
                    found = reader.place(n)
                    if found is not None:
                        return found
        # then deeper in those phrases: "launched its offensive ... with air strikes on the
        # border towns of X" (the place hangs on an instrument of the verb)
        for c in siblings:
            for t in _locatives(_clause_tokens(c), preps):
                found = reader.place(t)
                if found is not None:
                    return found
        cur = head
    return None


def _struck_state(pred: Token, reader: _PhraseReader) -> Location | None:
    """"l'invasion de l'Ukraine", "invaded Ukraine": the attacked state named as such;
    "shelled the city of Kharkiv", "le bombardement de Kherson": the place struck."""
    for c in pred.children:
        if c.dep_ not in {"obj", "dobj", "nmod", "prep", "obl:arg"}:
            continue
        for n in _nominals(c):
            case = _case_of(n)
            if case is not None and case not in _OF_CASES:
                continue
            mention = reader.actors.mention_at(n.i)
            if mention is not None and mention.kind == "country" and mention.actor.country:
                return _country(reader.gaz, mention.actor.country)
            if mention is not None and mention.kind in ("capital", "seat"):
                continue  # "attacked Kyiv" may mean the government; left to the dateline
            found = reader.place(n)
            if found is not None:
                return found
    return None


def _is_phone(pred: Token, sent: Span, cues: _Cues) -> bool:
    return pred.lemma_.lower() in cues.phone or any(
        t.lemma_.lower() in cues.phone or t.lower_ in cues.phone for t in pred.subtree)


def _is_expulsion(pred: Token, cues: _Cues) -> bool:
    if pred.lemma_.lower() in cues.expel:
        return True
    if pred.lemma_.lower() in cues.order:
        return any(t.lemma_.lower() in cues.leave for t in pred.subtree)
    return False


def _scene_before(sent: Span, places: ArticlePlaces,
                  reader: _PhraseReader) -> tuple[Location, frozenset[str]] | None:
    """The place the previous sentence set with a fronted place phrase ("In Goma, ..."), with
    the actors of its subject."""
    doc = sent.doc
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if prev.start in places._scenes:
        return places._scenes[prev.start]
    scene: tuple[Location, frozenset[str]] | None = None
    root = prev.root
    fronted = [c for c in root.children if c.i < root.i and c.dep_ not in _OTHER_CLAUSE]
    for c in fronted:
        for n in _nominals(c):
            if _case_of(n) in reader.cues.place_preps:
                loc = reader.place(n)
                if loc is not None:
                    keys = frozenset(
                        a.key for s in root.children if s.dep_ in {"nsubj", "nsubj:pass",
                                                                   "nsubjpass"}
                        for a in reader.actors.resolve(s) if a.key)
                    scene = (loc, keys)
                    break
        if scene is not None:
            break
    places._scenes[prev.start] = scene
    return scene
