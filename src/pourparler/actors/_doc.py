"""find_actors: dictionary matches, role composition, in-article learning, context, then
coreference. The stages live in their own modules (:mod:`._matching`, :mod:`._composition`,
:mod:`._learning`, :mod:`._context`), each a layer over the previous one's state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pourparler.actors import _lexicon as lx
from pourparler.actors._acronyms import apply_acronyms
from pourparler.actors._context import _Contextualiser
from pourparler.actors._knowledge import ROLE_PREFIX, ActorKnowledge, Candidate, RoleWord
from pourparler.actors._spans import _HONORIFICS, _PERSON_LABELS, Doc, Token
from pourparler.model import Actor


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One stretch of tokens that denotes an actor (``end`` exclusive)."""

    start: int
    end: int
    actor: Actor
    kind: str
    plural: bool = False


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
            elif m is None and token.lower_.rstrip(".") in _HONORIFICS:
                # « M. Trump » parsed with the title as head: the name it introduces
                for child in token.children:
                    if child.dep_ in ("flat:name", "flat", "appos", "compound"):
                        self._collect(child, out, depth + 1)
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


#: Kinds of forms that may name two bodies at once: a capital and a seat of government or
#: of an organisation.
_SHARED_PLACE_KINDS = frozenset({"capital", "seat", "org"})


class _Builder(_Contextualiser):
    def build(self) -> DocActors:
        from pourparler.nlp import load

        nlp = load(self.lang)
        matcher = self.kn.matcher(nlp, self.lang)
        forms = self.kn.forms.get(self.lang, {})
        role_words = self.kn.roles.get(self.lang, {})
        strings = self.doc.vocab.strings
        proposals: list[tuple[int, int, str, Candidate | None, RoleWord | None]] = []
        #: forms that name a capital and another body's seat ("Bruxelles"): decided below
        shared: dict[tuple[int, int], list[Candidate]] = {}
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
                others = [c for c in forms.get(label, ()) if c.entity is not cand.entity
                          and {c.kind, cand.kind} <= _SHARED_PLACE_KINDS]
                if others:
                    shared[(s, e)] = [cand, *others]
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
        accepted = apply_acronyms(self.doc, accepted)
        seen_people: set[str] = set()
        for s, e, kind, cand, role in accepted:
            if role is not None:
                self._add_role(s, e, role)
                continue
            assert cand is not None
            if (kind == "person" and cand.ambiguous and cand.entity.name not in seen_people
                    and not self._has_label(s, e, _PERSON_LABELS)):
                continue  # an ambiguous alias needs a PER label or the full name earlier
            if kind == "person" and self._other_given_name(s, e, cand):
                continue
            if kind == "person":
                seen_people.add(cand.entity.name)
            self._add_name(s, e, cand)
        self._settle_shared_places(shared)
        self._national_societies()
        self._stance_words()
        self._learn()
        self._compose_all()
        self._contextualise()
        return self._finish()

    def _settle_shared_places(self, shared: dict[tuple[int, int], list[Candidate]]) -> None:
        """"Bruxelles" is Belgium's capital and the EU's seat: the story's other mentions
        decide (« la Belgique », « belges » make it Belgium); with none, the seated body."""
        if not shared:
            return
        counts: dict[str, int] = {}
        for span in self.names:
            if (span.start, span.end) in shared or span.actor is None:
                continue
            for key in {span.actor.org, span.actor.country} - {None}:
                counts[str(key)] = counts.get(str(key), 0) + 1
        for iso3 in self.adj_demonym.values():
            counts[iso3] = counts.get(iso3, 0) + 1
        def weight(c: Candidate) -> int:
            return counts.get(str(c.entity.org or c.entity.country), 0)

        for span in self.names:
            options = shared.get((span.start, span.end))
            if not options or span.cand is None:
                continue
            # without a word from the story the body seated there is meant, not the state
            default = next((c for c in options if c.kind in ("org", "seat")), span.cand)
            best = max(options, key=weight)
            if weight(best) <= weight(default):
                best = default
            if best is not span.cand:
                span.cand, span.kind = best, best.kind
                span.actor = self.kn.entity_actor(best, self.doc[span.start:span.end].text,
                                                  self.when)

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
        for head, actor in self._own_by_possessor(possessors).items():
            heads[head] = [actor]
            span = self.roles[head]
            where = (span.text_start if span.text_start >= 0 else span.start,
                     span.text_end if span.text_end >= 0 else span.end)
            ordered = [ActorMention(m.start, m.end, actor, m.kind, m.plural)
                       if m.kind == "role" and (m.start, m.end) == where else m
                       for m in ordered]
        return DocActors(ordered, doc, at, heads, possessors)

