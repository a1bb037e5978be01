"""Coding with user dictionaries (PETRARCH/TABARI format) on pourparler's parse.

Actors and agents come from the dictionaries' phrases (:mod:`._mentions`), events from their
verb patterns (:mod:`._patterns`); the source and target of a verb come from the pattern's
``$``/``+``/``%`` when it has them, else from the predicate-argument layer (the predicate's
agent; its patient, else the first actor of its phrase), so passives ("was opposed by"),
control ("urged Bree to"), coordinated and reported verbs keep their arguments. As in
PETRARCH, a verb that codes takes its whole phrase: verbs inside it are not coded again.

Codes are the dictionaries' own: an event code that is not CAMEO is kept, and the record says
``"codebook": "user"``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pourparler.dictionaries._actors import ActorDictionary, ActorEntry, read_actors
from pourparler.dictionaries._agents import AgentDictionary, AgentEntry, read_agents
from pourparler.dictionaries._discards import DiscardList, read_discards
from pourparler.dictionaries._lines import Problem
from pourparler.dictionaries._mentions import (
    NULL_ACTOR,
    LooseIndex,
    Resolved,
    SentenceActors,
    add_loose,
    find_matches,
)
from pourparler.dictionaries._patterns import (
    Chunk,
    Matcher,
    Sequences,
    VerbHit,
    VerbIndex,
    sentence_chunks,
)
from pourparler.dictionaries._verbs import NULL_CODE, VerbDictionary, read_verbs
from pourparler.model import Actor, Event, Evidence

log = logging.getLogger(__name__)

Token = Any
Span = Any

#: The record's ``codebook`` for codes that are not CAMEO.
USER_CODEBOOK = "user"
#: Confidence of a dictionary-coded event: the pattern matched, but nothing here weighs it.
DICTIONARY_CONFIDENCE = 0.5


@dataclass(slots=True)
class Dictionaries:
    """The user's dictionaries, read once; later files win over earlier ones."""

    actors: list[ActorDictionary] = field(default_factory=list)
    agents: list[AgentDictionary] = field(default_factory=list)
    verbs: list[VerbDictionary] = field(default_factory=list)
    discards: list[DiscardList] = field(default_factory=list)
    _actor_index: dict[str, ActorEntry] | None = None
    _agent_index: dict[str, AgentEntry] | None = None
    _verb_index: VerbIndex | None = None
    _loose_index: LooseIndex | None = None

    @classmethod
    def load(cls, actors: Iterable[Path | str] = (), agents: Iterable[Path | str] = (),
             verbs: Iterable[Path | str] = (), discards: Iterable[Path | str] = ()
             ) -> Dictionaries:
        return cls([read_actors(p) for p in actors], [read_agents(p) for p in agents],
                   [read_verbs(p) for p in verbs], [read_discards(p) for p in discards])

    @property
    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        for group in (self.actors, self.agents, self.verbs, self.discards):
            for d in group:
                out.extend(d.problems)
        return out

    @property
    def actor_index(self) -> dict[str, ActorEntry]:
        if self._actor_index is None:
            idx: dict[str, ActorEntry] = {}
            for d in self.actors:
                for phrase, e in d.phrase_index().items():
                    idx[" ".join(phrase)] = e
            self._actor_index = idx
        return self._actor_index

    @property
    def agent_index(self) -> dict[str, AgentEntry]:
        if self._agent_index is None:
            idx: dict[str, AgentEntry] = {}
            for d in self.agents:
                for phrase, e in d.phrase_index().items():
                    idx[" ".join(phrase)] = e
            self._agent_index = idx
        return self._agent_index

    @property
    def loose_index(self) -> LooseIndex:
        """Actor and agent phrases written with blanks, by their last word."""
        if self._loose_index is None:
            idx: LooseIndex = {}
            for d in self.actors:
                for e in d.entries:
                    for words in e.loose:
                        idx.setdefault(words[-1], []).append((words, e, None))
            for g in self.agents:
                for a in g.entries:
                    for words in a.loose:
                        idx.setdefault(words[-1], []).append((words, None, a))
            self._loose_index = idx
        return self._loose_index

    @property
    def verb_index(self) -> VerbIndex:
        if self._verb_index is None:
            self._verb_index = VerbIndex(self.verbs)
        return self._verb_index

    def story_discard(self, text: str) -> str | None:
        return next((m for d in self.discards if (m := d.match(text, story=True))), None)

    def sentence_discard(self, text: str) -> str | None:
        return next((m for d in self.discards if (m := d.match(text, story=False))), None)


@dataclass(frozen=True, slots=True)
class DictionaryOptions:
    """PETRARCH's coding switches that this coder honours."""

    #: An event needs both a source and a target (PETRARCH's ``require_dyad``); without it a
    #: missing side is the null actor ``---``.
    require_dyad: bool = True
    #: Fill each actor's country/organisation from its code (merged with the built-in coder,
    #: whose records are scored on those keys).
    keyed: bool = False
    #: PETRARCH's ``new_actor_length``: a source or target noun phrase the dictionaries do
    #: not know, of at most this many words, is coded as its own quoted text (0: never).
    new_actor_length: int = 0


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} or str(tok.tag_).startswith("VB")


#: Leading actor blocks that are organisations, not states (CAMEO).
_ORG_BLOCKS = frozenset({"IGO", "NGO", "IMG", "INT", "MNC", "NGM"})
_BLOCK = 3


def _actor(r: Resolved, keyed: bool = False) -> Actor:
    """The record's actor for a dictionary reading; ``keyed`` also fills the country or
    organisation and sector from the code's blocks (what the dev sets score on)."""
    if r.actor is not None:
        return r.actor  # type: ignore[no-any-return]
    if not keyed:
        return Actor(name=r.text, text=r.text, cameo=r.code)
    from pourparler.actors._userfile import SECTORS
    from pourparler.events.ontology import iso3_of_cameo
    from pourparler.model import contract_org

    block, rest = r.code[:_BLOCK], r.code[_BLOCK:2 * _BLOCK]
    org = contract_org("OTHER", r.code) if block in _ORG_BLOCKS else None
    country = None if org else iso3_of_cameo(block)
    sector = rest if rest in SECTORS else (block if org is None and block in SECTORS else None)
    return Actor(name=r.text, text=r.text, country=country, org=org, sector=sector,
                 cameo=r.code)


_NO_ACTOR = Actor(name="", text="", cameo=NULL_ACTOR)


def is_cameo(code: str) -> bool:
    from pourparler.errors import DataError
    from pourparler.events.ontology import cameo_code

    try:
        cameo_code(code)
    except DataError:
        return False
    return True


class SentenceCoder:
    """Codes the sentences of parsed documents with one set of dictionaries."""

    def __init__(self, dictionaries: Dictionaries, grammar: Any,
                 options: DictionaryOptions | None = None) -> None:
        self.d = dictionaries
        self.grammar = grammar
        self.options = options or DictionaryOptions()

    def code_doc(self, doc: Any, article_id: str, published: date | None, lang: str,
                 options: DictionaryOptions | None = None,
                 fallback: Any = None) -> list[Event]:
        """Events of a parsed document. ``fallback(token)`` gives the built-in actor stage's
        actors for a phrase head the dictionaries do not know (merged mode)."""
        opts = options or self.options
        hit = self.d.story_discard(doc.text)
        if hit is not None:
            log.debug("%s: story discarded (%r)", article_id, hit)
            return []
        events: list[Event] = []
        for s_i, sent in enumerate(doc.sents):
            if self.d.sentence_discard(sent.text) is not None:
                continue
            events.extend(self._sentence(sent, s_i, article_id, published, lang, opts,
                                         fallback))
        return events

    def _sentence(self, sent: Span, s_i: int, article_id: str, published: date | None,
                  lang: str, opts: DictionaryOptions, fallback: Any) -> Iterator[Event]:
        from pourparler.events._args import ArgumentLayer

        matches = add_loose(sent, find_matches(sent, self.d.actor_index, self.d.agent_index),
                            self.d.loose_index)
        actors = SentenceActors(sent, matches, published, fallback)
        layer = ArgumentLayer(self.grammar, actors.names_actor, actors.mention_start)
        extra = [(m.start, m.end, m.end - 1) for m in matches]
        chunks = sentence_chunks(sent, extra)
        resolved: dict[int, list[Resolved]] = {}

        def codes(root: int) -> list[Resolved]:
            if root not in resolved:
                resolved[root] = actors.resolve_group(sent.doc[root])
            return resolved[root]

        def is_actor_chunk(c: Chunk) -> bool:
            return bool(codes(c.root))

        matcher = Matcher(self.d.verb_index, is_actor_chunk)
        consumed: set[int] = set()
        seen: set[tuple[str, str, str]] = set()
        for tok in sent:
            if tok.i in consumed or not _is_verb(tok):
                continue
            hits = self.d.verb_index.hits(sent, tok)
            if not hits:
                continue
            seqs = Sequences(sent, hits[0], chunks)
            best = matcher.best(hits, seqs)
            hit = next((h for h in hits if best and h.block is best.block), hits[0])
            code = self._code(best.pattern.code if best else None, hit)
            if code is None:
                continue
            # PETRARCH: a coded verb takes its phrase; coordinated verbs are their own
            own_clauses = {u.i for c in tok.children if c.dep_ in {"conj", "cc"}
                           for u in c.subtree}
            consumed.update(t.i for t in tok.subtree if t.i not in own_clauses)
            bound = best.bindings if best else {}
            pairs = self._pairs(tok, bound, seqs, layer, codes, chunks, actors, opts)
            forward, reverse = code
            for src, tgt in pairs:
                for c, (a, b) in ((forward, (src, tgt)), (reverse, (tgt, src))):
                    if c is None:
                        continue
                    key = (a.cameo or "", b.cameo or "", c)
                    if key in seen:
                        continue
                    seen.add(key)
                    rule = (f"dict:{best.block.name}:{best.pattern.line}" if best
                            else f"dict:{hit.block.name}:{hit.verb.line}")
                    yield _event(article_id, s_i, a, b, c, sent, published, lang, rule)

    def _code(self, pattern_code: Any, hit: VerbHit) -> tuple[str | None, str | None] | None:
        """The forward and reverse codes: the pattern's, else the verb's, else the block's
        (PETRARCH: a pattern coded ``---`` falls back to the verb's code)."""
        for c in (pattern_code, hit.verb.code, hit.block.code):
            if c is None or c.null:
                continue
            fwd = c.code if c.code not in ("", NULL_CODE) else None
            rev = c.reverse if c.reverse not in (None, "", NULL_CODE) else None
            return fwd, rev
        return None

    def _pairs(self, tok: Token, bound: dict[str, int], seqs: Sequences, layer: Any,
               codes: Any, chunks: list[Chunk], actors: SentenceActors,
               opts: DictionaryOptions) -> list[tuple[Actor, Actor]]:
        if "compound" in bound:
            members = codes(bound["compound"])
            return [(_actor(a, opts.keyed), _actor(b, opts.keyed)) for a in members
                    for b in members if a.code != b.code]
        args = layer.of(tok)
        sources: list[Resolved] = []
        targets: list[Resolved] = []
        if "source" in bound:
            sources = codes(bound["source"])
        else:
            for a in args.agents:
                sources += codes(a.i)
        if "target" in bound:
            targets = codes(bound["target"])
        else:
            for p in args.patients:
                targets += codes(p.i)
        if not sources:
            sources = self._nearest(seqs.upper, chunks, codes, exclude=targets)
        if not targets:
            targets = self._nearest(seqs.lower, chunks, codes, exclude=sources)
        if not targets and seqs.lower_rest:
            # the parser often hangs the verb's object on a verb above it ("was known to
            # break into an anti- Gondor parade", parade under "known")
            targets = self._nearest(seqs.lower_rest, chunks, codes, exclude=sources)
        if opts.new_actor_length:
            nominal = {"NOUN", "PROPN"}
            if not sources:
                sources = _new_actor(actors, [a for a in args.agents if a.pos_ in nominal],
                                     opts)
            if not targets:
                lower_roots = [tok.doc[c.root] for i in seqs.lower for c in chunks
                               if c.start == i and not c.group]
                targets = _new_actor(
                    actors, [p for p in (*args.patients, *lower_roots) if p.pos_ in nominal],
                    opts)
        out: list[tuple[Actor, Actor]] = []
        if not opts.require_dyad:
            # PETRARCH: without a coded phrase, the first noun phrase on that side stands
            # as the null actor; with none there (a bare "said today"), nothing is coded
            if not targets and sources and self._has_phrase(seqs.lower, chunks):
                return [(_actor(s, opts.keyed), _NO_ACTOR) for s in sources]
            if not sources and targets and self._has_phrase(seqs.upper, chunks):
                return [(_NO_ACTOR, _actor(t, opts.keyed)) for t in targets]
        if opts.require_dyad:
            # a side coded with the null code itself ("BOROMIR [---]") is no actor
            sources = [r for r in sources if r.code != NULL_ACTOR]
            targets = [r for r in targets if r.code != NULL_ACTOR]
        for s in sources:
            for t in targets:
                if s.code != t.code:
                    out.append((_actor(s, opts.keyed), _actor(t, opts.keyed)))
        return out

    @staticmethod
    def _has_phrase(seq: list[int], chunks: list[Chunk]) -> bool:
        at = set(seq)
        return any(c.root in at for c in chunks if not c.group)

    @staticmethod
    def _nearest(seq: list[int], chunks: list[Chunk], codes: Any,
                 exclude: list[Resolved]) -> list[Resolved]:
        """The first phrase along ``seq`` that names an actor (PETRARCH's fallback)."""
        taken = {r.head for r in exclude}
        for i in seq:
            for c in chunks:
                if c.start <= i < c.end and not c.group:
                    found = [r for r in codes(c.root) if r.head not in taken]
                    if found:
                        return found
        return []


def _new_actor(actors: SentenceActors, heads: list[Token],
               opts: DictionaryOptions) -> list[Resolved]:
    """The first head's noun phrase (with its "of" complement or a name in apposition) as
    a quoted new actor, if it has at most ``new_actor_length`` words (possessive marks and
    punctuation aside)."""
    if not heads:
        return []
    head = heads[0]
    start, end = actors.left_span(head)
    for c in head.rights:
        # "the Ministry of Magic"; a name in apposition ("head Minerva McGonagall")
        if (c.dep_ == "prep" and c.lower_ == "of") or (
                c.dep_ == "appos" and c.left_edge.i == end):
            end = max(end, c.right_edge.i + 1)
    words = [t.text.upper() for t in head.doc[start:end]
             if not t.is_punct and t.lower_ not in {"'s", "'"}]
    if not words or len(words) > opts.new_actor_length:
        return []
    text = head.doc[start:end].text
    return [Resolved(f'"{" ".join(words)}"', text, head.i)]


def _event(article_id: str, s_i: int, src: Actor, tgt: Actor, code: str, sent: Span,
           published: date | None, lang: str, rule: str) -> Event:
    from pourparler.events.ontology import cameo_code, plover_for

    if is_cameo(code):
        info = cameo_code(code)
        root, quad, goldstein = info.root, info.quad_class, info.goldstein
        plover, mode = plover_for(code)
        codebook = None
    else:
        root, quad, goldstein, plover, mode = code[:2], 0, 0.0, None, None
        codebook = USER_CODEBOOK
    return Event(
        article_id=article_id, sentence=s_i, source=src, target=tgt, cameo=code, root=root,
        quad_class=quad, goldstein=goldstein, plover=plover, plover_mode=mode,
        status="asserted", date=published.isoformat() if published else None,
        date_precision="published" if published else None,
        evidence=Evidence(sent.text, sent.start_char, sent.end_char), lang=lang, rule=rule,
        confidence=DICTIONARY_CONFIDENCE, codebook=codebook,
    )
