"""Pronouns, possessives, "les deux pays" and coordinations, resolved in one left-to-right pass.

Heuristics (kept deliberately simple and general):
- a singular personal pronoun (il, elle, lui, he, she, him, her) is the most recent one-person
  actor that was a subject earlier in the sentence or in the previous sentences
  (``PRONOUN_WINDOW`` sentences), skipping people of the other known gender;
- a plural pronoun (ils, elles, eux, leur, they, them) is the most recent plural subject
  (a plural role phrase, a plural demonym, a coordination), else the most recent plural
  argument of any kind;
- a possessive determiner owns like the matching pronoun: son/sa/ses any singular subject
  (person, state or organisation), his/her a person, its a state or organisation,
  leur/leurs/their the plural rule;
- "les deux pays", "the two leaders", "both sides", "toutes les parties" are the most recent
  coordination of two or more actors; a pair of people counted as countries becomes their countries.
"""

from __future__ import annotations

from typing import Any

from pourparler.actors import _lexicon as lx
from pourparler.actors._knowledge import ActorKnowledge
from pourparler.actors._text import norm_key
from pourparler.model import Actor

# How far back a pronoun may look: news prose rarely carries a pronoun over more sentences
# without renaming its referent.
PRONOUN_WINDOW = 3
# Pairs ("les deux dirigeants") are often introduced a few sentences earlier.
PAIR_WINDOW = 6
_VISITED_POS = frozenset({"DET", "PRON", "NOUN", "PROPN"})
_NAME_PART_DEPS = frozenset({"flat:name", "flat", "compound"})


class Coref:
    def __init__(self, doc: Any, lang: str, kn: ActorKnowledge, heads: dict[int, list[Actor]],
                 info: dict[int, Any], gender: dict[str, str]) -> None:
        self.doc = doc
        self.lang = lang
        self.kn = kn
        self.heads = heads  # filled in place with pronoun/pair resolutions
        self.info = info  # head token -> span (kind, plural, person)
        self.gender = gender
        self.history: list[tuple[int, int, tuple[Actor, ...], bool, bool, bool]] = []
        self.possessors: dict[int, list[Actor]] = {}
        self.sing = lx.SINGULAR_PRONOUNS.get(lang, {})
        self.plur = lx.PLURAL_PRONOUNS.get(lang, frozenset())
        self.sing_poss = lx.SINGULAR_POSSESSIVES.get(lang, {})
        self.plur_poss = lx.PLURAL_POSSESSIVES.get(lang, frozenset())
        self.role_keys = set(kn.roles.get(lang, {}))

    def run(self) -> dict[int, list[Actor]]:
        from spacy.attrs import POS
        from spacy.symbols import DET, NOUN, PRON, PROPN

        groups = self._surface_groups()
        doc = self.doc
        # Creating Token objects is the main cost; read POS as an array and build tokens only
        # for the words that can matter.
        wanted = {int(DET), int(NOUN), int(PRON), int(PROPN)}
        pos = doc.to_array([POS]).tolist() if len(doc) else []
        for sent_no, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                if pos[i] in wanted or i in self.heads:
                    self._visit(doc[i], sent_no, groups)
        return self.possessors

    # -- one token ------------------------------------------------------------------------

    def _visit(self, tok: Any, sent_no: int, groups: dict[int, list[Actor]]) -> None:
        pos = tok.pos_
        if pos not in _VISITED_POS and tok.i not in self.heads:
            return  # cheap exit: most tokens are neither pronouns nor actor heads
        low = tok.lower_
        is_poss = False
        if pos in ("DET", "PRON"):
            is_poss = "Yes" in tok.morph.get("Poss") or tok.dep_ in ("poss", "nmod:poss")
        # "M. Zelensky a dit": the parser makes the title the subject and the name its flat
        # dependent; the name is what the subject denotes
        subject = tok.dep_ in lx.SUBJECT_DEPS or (
            tok.dep_ in _NAME_PART_DEPS and tok.head.dep_ in lx.SUBJECT_DEPS
            and tok.head.i not in self.heads)
        if tok.pos_ in ("DET", "PRON") and is_poss and (
                low in self.sing_poss or low in self.plur_poss):
            if low in self.plur_poss:
                found = self._plural(tok.i, sent_no, PRONOUN_WINDOW)
            else:
                found = self._singular(tok.i, sent_no, self.sing_poss[low])
            if found:
                self.possessors[tok.head.i] = list(found)
            return
        if tok.pos_ == "PRON" and not is_poss and (low in self.sing or low in self.plur):
            if low in self.sing:
                if self._impersonal(tok):
                    return
                found = self._singular(tok.i, sent_no, self.sing[low] or "person")
                if found and self.sing[low]:
                    self.gender.setdefault(found[0].name, self.sing[low])
                person = True
            else:
                found = self._plural(tok.i, sent_no, PRONOUN_WINDOW)
                person = False
            if found:
                self.heads[tok.i] = list(found)
                self._push(tok.i, sent_no, found, subject, len(found) > 1 or low in self.plur,
                           person and len(found) == 1)
            return
        if tok.pos_ in ("NOUN", "PROPN") and self._counted_pair(tok):
            found = self._pair(tok, sent_no)
            if found:
                self.heads[tok.i] = list(found)
                self._push(tok.i, sent_no, found, subject, True, False)
            return
        own = self.heads.get(tok.i)
        if not own:
            return
        actors = list(own)
        for child in tok.children:
            if child.dep_ == "conj":
                for a in self._conj_actors(child):
                    if a not in actors:
                        actors.append(a)
        for a in groups.get(tok.i, ()):
            if a not in actors:
                actors.append(a)
        if tok.dep_ == "conj" and not groups.get(tok.i):
            return  # counted with the first conjunct
        span = self.info.get(tok.i)
        plural = len(actors) > 1 or bool(span is not None and span.plural)
        person = len(actors) == 1 and bool(span is not None and span.person)
        if len(actors) > len(own):
            self.heads[tok.i] = actors  # a broken coordination parse: keep the whole group
        self._push(tok.i, sent_no, tuple(actors), subject, plural, person)

    def _conj_actors(self, tok: Any) -> list[Actor]:
        out = list(self.heads.get(tok.i, ()))
        for child in tok.children:
            if child.dep_ == "conj":
                out.extend(self._conj_actors(child))
        return out

    def _push(self, pos: int, sent: int, actors: Any, subject: bool, plural: bool,
              person: bool) -> None:
        self.history.append((pos, sent, tuple(actors), subject, plural, person))

    # -- choosing an antecedent ------------------------------------------------------------

    def _singular(self, pos: int, sent: int, want: str) -> tuple[Actor, ...]:
        """want: "Masc"/"Fem" (a person of that gender), "person", "thing" or "" (anyone)."""
        for hpos, hsent, actors, subject, plural, person in reversed(self.history):
            if hpos >= pos:
                continue
            if sent - hsent > PRONOUN_WINDOW:
                break
            if not subject or plural or len(actors) != 1:
                continue
            if want == "thing":
                if person:
                    continue
            elif want:
                if not person:
                    continue
                g = self.gender.get(actors[0].name)
                if want in ("Masc", "Fem") and g and g != want:
                    continue
            return actors
        return ()

    def _plural(self, pos: int, sent: int, window: int) -> tuple[Actor, ...]:
        fallback: tuple[Actor, ...] = ()
        for hpos, hsent, actors, subject, plural, _ in reversed(self.history):
            if hpos >= pos:
                continue
            if sent - hsent > window:
                break
            if not plural:
                continue
            if subject:
                return actors
            if not fallback:
                fallback = actors
        return fallback

    def _counted_pair(self, tok: Any) -> bool:
        key = norm_key(tok.lower_)
        if key not in lx.PAIR_NOUNS and key not in self.role_keys:
            return False
        words = lx.PAIR_WORDS | lx.ALL_WORDS if key in lx.SIDE_NOUNS else lx.PAIR_WORDS
        return any(c.lower_ in words and c.dep_ in ("nummod", "det", "predet", "amod")
                   for c in tok.children)

    def _pair(self, tok: Any, sent: int) -> tuple[Actor, ...]:
        for hpos, hsent, actors, _subject, _plural, _ in reversed(self.history):
            if hpos >= tok.i:
                continue
            if sent - hsent > PAIR_WINDOW:
                break
            if len(actors) >= 2:
                if norm_key(tok.lower_) in lx.STATE_NOUNS:
                    return tuple(self._as_state(a, tok.text) for a in actors)
                return actors
        return ()

    def _as_state(self, actor: Actor, text: str) -> Actor:
        if actor.country is None or actor.name == self.kn.country_name.get(actor.country):
            return actor.with_text(text)
        name = self.kn.country_name.get(actor.country, actor.country)
        return self.kn.actor(name, text, actor.country, None, None)

    def _impersonal(self, tok: Any) -> bool:
        head = tok.head
        if head.lemma_ in lx.IMPERSONAL_HEADS:
            return True
        return tok.dep_ in ("expl", "expl:subj", "expl:pass")

    # -- coordinations the parser missed -------------------------------------------------

    def _surface_groups(self) -> dict[int, list[Actor]]:
        """Lists the parser did not link ("Biden et Poutine", "Washington, Moscou et Kiev"):
        mentions separated only by commas, et/and and determiners, one of them a coordinator.

        Accepted when no earlier item depends on something outside the list other than the
        last item's head (so "A a appelé B et C a répondu" is not a list).
        """
        doc = self.doc
        by_end: dict[int, int] = {}
        for head, span in self.info.items():
            if self.heads.get(head):
                by_end[span.end - 1] = head
        out: dict[int, list[Actor]] = {}
        for head in sorted(self.info, key=lambda h: self.info[h].start):
            span = self.info[head]
            if not self.heads.get(head) or head in out:
                continue
            items = [head]
            saw_cc = False
            j = span.start - 1
            while j >= 1:
                k = j
                while k >= 0 and doc[k].lower_ in lx.DETERMINERS:
                    k -= 1
                if k < 1 or not (doc[k].text == "," or doc[k].lower_ in lx.COORDINATORS):
                    break
                saw_cc = saw_cc or doc[k].lower_ in lx.COORDINATORS
                # No sentence check: only commas, coordinators and determiners separate the
                # items, and a broken parse may split such a list into two "sentences".
                left = by_end.get(k - 1)
                if left is None:
                    break
                items.insert(0, left)
                j = self.info[left].start - 1
            if len(items) < 2 or not saw_cc:
                continue
            last = doc[head]
            if last.dep_ == "conj":
                continue  # the parser saw the coordination
            inside = set(items)
            if not all(doc[i].dep_ == "ROOT" or doc[i].head.i in inside
                       or doc[i].head.i == last.head.i for i in items[:-1]):
                continue
            group: list[Actor] = []
            for i in items:
                group.extend(a for a in self.heads[i] if a not in group)
            for i in items:
                out[i] = group
        return out
