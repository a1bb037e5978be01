"""Verb patterns matched on a parsed sentence.

A verb is found by its surface form only, as in PETRARCH: the dictionary's regular and
irregular forms, multi-word verbs with their particles in place ("departes" is no form of
DEPART). Its patterns are matched outward
from the verb: the words before ``*`` against the sentence before the verb (nearest first),
the words after it against the verb's own phrase (its dependents, without coordinated,
adverbial or paratactic clauses, which are other events). ``_`` requires neighbours to touch;
a blank lets other words come between. ``$``, ``+`` and ``%`` bind noun phrases that name
actors, ``^`` skips any noun phrase. Of the patterns that match, the most specific (most
elements) wins, then the first in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pourparler.dictionaries._verbs import Element, Pattern, Verb, VerbBlock, VerbDictionary

Token = Any
Span = Any

#: How deep synsets may name synsets (the validation file nests one level).
_MAX_SYNSET_DEPTH = 3
#: Clauses under a verb that are not part of its phrase.
_OTHER_CLAUSES = frozenset({"conj", "cc", "advcl", "parataxis"})


@dataclass(frozen=True, slots=True)
class VerbHit:
    block: VerbBlock
    verb: Verb
    start: int
    end: int  # exclusive
    head: int


@dataclass(slots=True)
class PatternHit:
    pattern: Pattern
    block: VerbBlock
    bindings: dict[str, int] = field(default_factory=dict)


class VerbIndex:
    """Every form of every verb of one or more verb dictionaries."""

    def __init__(self, dictionaries: list[VerbDictionary]) -> None:
        self.by_form: dict[str, list[tuple[VerbBlock, Verb, tuple[str, ...]]]] = {}
        self.synsets: dict[str, tuple[tuple[str, ...], ...]] = {}
        raw: dict[str, tuple[tuple[str, ...], ...]] = {}
        for d in dictionaries:
            for name, s in d.synsets.items():
                raw[name] = s.phrases
            for b in d.blocks:
                for v in b.verbs:
                    for form in v.forms:
                        self.by_form.setdefault(form[v.head], []).append((b, v, form))
        for name in raw:
            self.synsets[name] = tuple(_expand(name, raw, 0))

    def hits(self, sent: Span, tok: Token) -> list[VerbHit]:
        """The dictionary verbs ``tok`` is (longest multi-word forms first)."""
        word = tok.text.upper()
        out: list[VerbHit] = []
        for block, verb, form in self.by_form.get(word, ()):
            start = tok.i - verb.head
            end = start + len(form)
            if start < sent.start or end > sent.end:
                continue
            if all(tok.doc[start + k].text.upper() == w for k, w in enumerate(form)):
                out.append(VerbHit(block, verb, start, end, tok.i))
        longest = max((h.end - h.start for h in out), default=0)
        return [h for h in out if h.end - h.start == longest]


def _expand(name: str, raw: dict[str, tuple[tuple[str, ...], ...]],
            depth: int) -> Iterator[tuple[str, ...]]:
    for phrase in raw.get(name, ()):
        parts: list[list[tuple[str, ...]]] = []
        for w in phrase:
            if w.startswith("&") and depth < _MAX_SYNSET_DEPTH:
                parts.append(list(_expand(w, raw, depth + 1)))
            else:
                parts.append([(w,)])
        combos: list[tuple[str, ...]] = [()]
        for options in parts:
            combos = [c + o for c in combos for o in options]
        yield from combos


@dataclass(frozen=True, slots=True)
class Chunk:
    start: int
    end: int
    root: int
    group: bool = False


class Sequences:
    """The words around one verb occurrence, and the noun phrases among them."""

    def __init__(self, sent: Span, hit: VerbHit, chunks: list[Chunk]) -> None:
        doc = sent.doc
        self.doc = doc
        self.upper = list(range(hit.start - 1, sent.start - 1, -1))
        head = doc[hit.head]
        excluded: set[int] = set(range(hit.start, hit.end))
        for c in head.children:
            if c.dep_ in _OTHER_CLAUSES and not (c.dep_ == "advcl" and _subjectless(c)):
                # an infinitival clause ("signed an accord to supply Gondor") is part of the
                # verb's phrase; a clause with its own subject is another event
                excluded.update(t.i for t in c.subtree)
        self.lower = [t.i for t in head.subtree if t.i >= hit.end and t.i not in excluded]
        #: the rest of the clause after the verb's phrase, up to the next punctuation: where
        #: a misattached object of the verb sits
        self.lower_rest: list[int] = []
        for t in doc[(max(self.lower) + 1 if self.lower else hit.end):sent.end]:
            if t.is_punct or t.pos_ in {"VERB", "AUX", "SCONJ", "CCONJ"}:
                break
            self.lower_rest.append(t.i)
        self.chunks = chunks

    def chunk_at(self, i: int, *, group: bool) -> Chunk | None:
        best: Chunk | None = None
        for c in self.chunks:
            if c.start <= i < c.end and c.group == group and (
                    best is None or (c.end - c.start) > (best.end - best.start)):
                best = c
        return best


def _subjectless(verb: Token) -> bool:
    return not any(c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children)


def _outward(pattern: Pattern, side: str) -> list[tuple[Element, bool]]:
    """The side's elements from the verb outward, each with whether it must touch its inner
    neighbour (the verb or the element before it)."""
    if side == "lower":
        out: list[tuple[Element, bool]] = []
        inner = pattern.joined_right
        for e in pattern.lower:
            out.append((e, inner))
            inner = e.joined
        return out
    up = list(pattern.upper)
    out = []
    for k in range(len(up) - 1, -1, -1):
        inner = pattern.joined_left if k == len(up) - 1 else up[k].joined
        out.append((up[k], inner))
    return out


class Matcher:
    """Matches a verb's patterns on one sentence."""

    def __init__(self, index: VerbIndex, is_actor_chunk: Any) -> None:
        self.index = index
        self.is_actor_chunk = is_actor_chunk

    def _consume(self, e: Element, seq: list[int], s: int, seqs: Sequences,
                 direction: int) -> list[tuple[int, int | None]]:
        """Ways element ``e`` can match from ``seq[s]``: the next index and, for actor
        marks, the bound phrase root."""
        doc = seqs.doc
        if s >= len(seq):
            return []
        tok = doc[seq[s]]
        if e.kind == "word":
            return [(s + 1, None)] if tok.text.upper() == e.value else []
        if e.kind == "synset":
            out: list[tuple[int, int | None]] = []
            for phrase in self.index.synsets.get(e.value, ()):
                words = phrase if direction > 0 else tuple(reversed(phrase))
                if s + len(words) <= len(seq) and all(
                        doc[seq[s + k]].text.upper() == w for k, w in enumerate(words)):
                    out.append((s + len(words), None))
            return out
        # an actor mark binds a whole coordination when there is one ("+" in "with Gondor
        # and Arnor" is both)
        chunk = seqs.chunk_at(seq[s], group=e.kind != "skip")
        if chunk is None and e.kind != "compound":
            chunk = seqs.chunk_at(seq[s], group=False)
        if chunk is None:
            return []
        if e.kind != "skip" and not self.is_actor_chunk(chunk):
            return []
        k = s
        while k < len(seq) and chunk.start <= seq[k] < chunk.end:
            k += 1
        return [(k, None if e.kind == "skip" else chunk.root)]

    def _side(self, elements: list[tuple[Element, bool]], seq: list[int], seqs: Sequences,
              direction: int) -> dict[str, int] | None:
        # whether the rest of a pattern matches from a position does not depend on what was
        # bound before it: remembering the failures keeps long sentences polynomial
        failed: set[tuple[int, int]] = set()

        def go(k: int, pos: int, bound: dict[str, int]) -> dict[str, int] | None:
            if k == len(elements):
                return bound
            if (k, pos) in failed:
                return None
            e, touch = elements[k]
            starts = [pos] if touch else range(pos, len(seq))
            for s in starts:
                for nxt, root in self._consume(e, seq, s, seqs, direction):
                    b = dict(bound)
                    if root is not None:
                        b[e.kind] = root
                    found = go(k + 1, nxt, b)
                    if found is not None:
                        return found
            failed.add((k, pos))
            return None
        return go(0, 0, {})

    def best(self, hits: list[VerbHit], seqs: Sequences) -> PatternHit | None:
        """The most specific matching pattern of the verb's blocks."""
        best: PatternHit | None = None
        seen: set[int] = set()
        for hit in hits:
            if id(hit.block) in seen:
                continue
            seen.add(id(hit.block))
            for p in hit.block.patterns:
                if best is not None and p.size <= best.pattern.size:
                    continue
                up = self._side(_outward(p, "upper"), seqs.upper, seqs, -1)
                if up is None:
                    continue
                low = self._side(_outward(p, "lower"), seqs.lower, seqs, 1)
                if low is None:
                    continue
                best = PatternHit(p, hit.block, {**up, **low})
        return best


def sentence_chunks(sent: Span, extra: list[tuple[int, int, int]]) -> list[Chunk]:
    """Noun phrases of the sentence: spaCy's noun chunks, the dictionary's phrases that lie
    outside them, and coordinations of them as groups (PETRARCH's compound phrases)."""
    chunks: list[Chunk] = []
    for nc in sent.noun_chunks:
        chunks.append(Chunk(nc.start, nc.end, nc.root.i))
    for start, end, root in extra:
        if not any(c.start <= start and end <= c.end for c in chunks):
            chunks.append(Chunk(start, end, root))
    by_root = {c.root: c for c in chunks}
    for c in list(chunks):
        root = sent.doc[c.root]
        if root.dep_ == "conj":
            continue
        members = [by_root[t.i] for t in root.conjuncts if t.i in by_root]
        if members:
            start = min(c.start, *(m.start for m in members))
            end = max(c.end, *(m.end for m in members))
            chunks.append(Chunk(start, end, c.root, group=True))
    return chunks
