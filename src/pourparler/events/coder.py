"""The event coder: predicates from the lexicon, arguments from the dependency parse.

For each sentence, every token whose lemma is a lexicon predicate opens a frame. Its source and
target come from the parse (subject, passive agent, object, obliques introduced by the grammar's
target prepositions, "entre X et Y", possessors and governing light verbs for nouns), actors
from the actor stage, status from the clause, date from the date stage.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pourparler.actors import DocActors
from pourparler.dates import DateResult, resolve_date
from pourparler.events._status import clause_status
from pourparler.events.lexicon import Lexicon, Predicate
from pourparler.events.ontology import cameo_code, cameo_country, plover_for
from pourparler.geo import ArticlePlaces, place_event
from pourparler.model import Actor, Event, Evidence, Status

log = logging.getLogger(__name__)

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span

_SUBJ = frozenset({"nsubj", "csubj", "expl:subj"})
_PASS_SUBJ = frozenset({"nsubj:pass", "nsubjpass"})
_OBJ = frozenset({"obj", "dobj", "iobj", "obj:lvc", "dative"})
_OBLIQUE = frozenset({"obl", "obl:arg", "obl:mod", "nmod", "prep", "obl:agent", "agent",
                      "advmod", "npadvmod"})
_CONJ = "conj"
#: Adjuncts (French UD "obl:mod"): "Au Conseil de sécurité, ..." is where, not whom.
_ADJUNCT = frozenset({"obl:mod"})
_COMPLEMENT_CLAUSE = frozenset({"ccomp", "parataxis"})
_RELATIVE = frozenset({"acl:relcl", "relcl", "acl"})
#: Dependents that open another clause: their words are not cues of this predicate.
_OTHER_CLAUSE = frozenset({"ccomp", "advcl", "parataxis", "conj", "acl:relcl", "relcl", "csubj",
                           "dep", "punct", "cc"})
#: Links from a reported clause to its reporting verb (a quote is often parsed as advcl).
_REPORTED = frozenset({"ccomp", "parataxis", "advcl"})
_SHARES_SUBJECT = frozenset({"conj", "advcl", "xcomp", "acomp", "ccomp"})

#: Confidence by how the frame was filled: explicit syntactic arguments are the most reliable;
#: inherited or inferred ones less. Chosen by hand; they only rank events, nothing filters on them.
CONF_EXPLICIT = 0.8
CONF_INHERITED = 0.6
CONF_INFERRED = 0.45
#: Tokens after a complement's head within which its owner is looked for ("all of Trump's").
_OWNER_REACH = 6
#: How far up the tree a predicate may look for its clause or its reporting verb; deeper chains
#: are parser noise in news sentences.
_MAX_CLIMB = 6


@dataclass(slots=True)
class _Frame:
    pred: Token
    entry: Predicate
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    confidence: float = CONF_EXPLICIT


@dataclass(slots=True)
class DocContext:
    """What the coder needs to know about the document being coded."""

    article_id: str
    lang: str
    published: date | None
    dateline: date | None
    actors: DocActors
    lexicon: Lexicon
    #: ISO3 of the state a demonym names, for demonyms on things ("Colombian imports").
    demonym_country: Callable[[str], str | None] = lambda _word: None
    #: The article's places (dateline, countries it is about), for placing events; None
    #: leaves every event without a location.
    places: ArticlePlaces | None = None


def _case_of(tok: Token) -> str | None:
    """The preposition introducing a nominal (French 'case' child; English 'prep' head)."""
    parts = [c.lower_ for c in tok.children if c.dep_ in {"case", "fixed"} and c.i < tok.i]
    if parts:
        return " ".join(parts)
    if tok.dep_ == "pobj" and tok.head.dep_ in {"prep", "agent", "dative"}:
        return str(tok.head.lower_)
    return None


def _nominal_of(tok: Token) -> Token:
    """English attaches 'with X' as prep -> pobj; return the noun either way."""
    if tok.dep_ in {"prep", "agent", "dative"} and tok.pos_ == "ADP":
        for c in tok.children:
            if c.dep_ == "pobj":
                return c
    return tok


class _Reader:
    """Reads the frames of one sentence."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.g = ctx.lexicon.grammar

    # -- actors -----------------------------------------------------------------------------

    def actors_of(self, tok: Token, pred: Token | None = None) -> list[Actor]:
        """Actors denoted by the argument headed by ``tok``."""
        if tok.lower_ in self.g.personal_pronouns or tok.lemma_.lower() in self.g.personal_pronouns:
            threatened = self._condition_antecedent(tok)
            if threatened:
                return threatened
            speaker = self._reported_speaker(pred) if pred is not None else None
            if speaker and "Plur" not in tok.morph.get("Number"):
                return speaker
        if (tok.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"} and tok.tag_ in {"WDT", "WP"}) or (
            tok.pos_ == "PRON" and "Rel" in tok.morph.get("PronType")
        ):
            # relative pronoun: the noun the relative clause hangs on
            clause = tok.head
            if clause.dep_ in _RELATIVE and clause.head is not clause:
                return self.ctx.actors.resolve(clause.head)
        found = self.ctx.actors.resolve(tok)
        if found and len(found) == 1 and found[0].sector not in _NON_STATE:
            # "separatist forces", "les forces rebelles": a non-state modifier decides the side
            for c in tok.children:
                if c.dep_ in {"amod", "compound"} and c.i < tok.i + 3:
                    sub = [a for a in self.ctx.actors.resolve(c) if a.sector in _NON_STATE]
                    if sub:
                        return [sub[0].with_text(f"{c.text} {tok.text}")]
        if not found and tok.pos_ == "PROPN":
            # "Guyana's Irfaan Ali", "U.S. basketball star Brittney Griner": an unknown person
            # of the state that "owns" or qualifies the name
            for c in tok.children:
                if c.dep_ in {"poss", "nmod:poss", "compound", "amod"}:
                    owners = [a for a in self.ctx.actors.resolve(c) if a.country and not a.org]
                    if owners:
                        o = owners[0]
                        return [Actor(tok.text, tok.text, o.country, None, None,
                                      cameo_country(o.country) if o.country else None)]
        if not found:
            # "le nouveau secrétaire d'État américain Marco Rubio": the name in apposition;
            # "les bombardements israéliens", "a US drone strike": the state named by a demonym
            for c in tok.children:
                if c.dep_ in {"appos", "flat:name", "amod", "compound"}:
                    found = [a for a in self.ctx.actors.resolve(c) if c.dep_ in {"appos",
                             "flat:name"} or (a.country and not a.org)]
                    if not found and c.dep_ in {"amod", "compound"}:
                        iso3 = self.ctx.demonym_country(c.text)
                        if iso3:
                            found = [Actor(iso3, c.text, iso3, None, None,
                                           cameo_country(iso3) or iso3)]
                    if found:
                        break
        if not found and tok.pos_ in {"NOUN", "PRON"}:
            # "les représentants de Kiev", "the leaders of the rebels", "celle de la France":
            # what belongs to, or speaks for, the actor of its genitive complement
            for c in tok.children:
                n = _nominal_of(c)
                if c.dep_ in {"nmod", "prep"} and _case_of(n) in self.g.genitive_preps:
                    # "des milliers de partisans de la junte": follow the chain of complements
                    found = self.actors_of(n)
                    if found:
                        break
        return found

    def _condition_antecedent(self, pron: Token) -> list[Actor]:
        """"X menace Y de sanctions si elle envahit ...", "will sanction Y if it invades": the
        subject pronoun of a condition names the party the main clause acts on."""
        clause = pron.head
        if pron.dep_ not in _SUBJ or clause.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in self.g.conditional_marks for c in clause.children
        ):
            return []
        main = clause.head
        subjects = {a.key for c in main.children if c.dep_ in _SUBJ
                    for a in self.ctx.actors.resolve(c)}
        for c in main.children:
            if c.dep_ not in _OBJ and c.dep_ not in _OBLIQUE:
                continue
            for t in (_nominal_of(c), *(_nominal_of(x) for x in _nominal_of(c).children)):
                found = [a for a in self.ctx.actors.resolve(t) if a.key not in subjects]
                if found:
                    return found
        return []

    def _speakers(self, reporter: Token) -> list[Token]:
        """Subject of a reporting verb; after a quote French inverts it and the parser often
        labels it an object ("« ... », a écrit le ministre")."""
        subj = [c for c in reporter.children if c.dep_ in _SUBJ]
        if subj:
            return subj
        return [c for c in reporter.children
                if c.dep_ in _OBJ and c.i > reporter.i and self.ctx.actors.resolve(c)]

    def _reported_speaker(self, pred: Token | None) -> list[Actor] | None:
        """'X said (that) he ...': the subject of the reporting verb that governs ``pred``."""
        cur = pred
        for _ in range(_MAX_CLIMB):
            if cur is None or cur.head is cur:
                return None
            if cur.dep_ in _COMPLEMENT_CLAUSE or cur.dep_ == "advcl":
                head = cur.head
                if head.lemma_.lower() in self.g.reporting_verbs:
                    for c in self._speakers(head):
                        found = self.ctx.actors.resolve(c)
                        if found:
                            return found
                return None
            cur = cur.head
        return None

    # -- argument positions -----------------------------------------------------------------

    def _subjects(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject tokens of ``verb`` (with conjuncts), and whether the verb is passive."""
        subj = [c for c in verb.children if c.dep_ in _SUBJ]
        passive = [c for c in verb.children if c.dep_ in _PASS_SUBJ]
        if passive:
            return passive, True
        return subj, False

    def _agents(self, verb: Token) -> list[Token]:
        out = []
        for c in verb.children:
            if c.dep_ in {"obl:agent", "agent"}:
                out.append(_nominal_of(c))
            elif c.dep_ in {"obl", "obl:mod", "nmod"} and _case_of(c) in self.g.agent_preps:
                out.append(c)
        if not out:
            # the parser often hangs "by X" on the nearest noun: take the first agent phrase
            # of the clause that names an actor
            for t in verb.subtree:
                if t.dep_ in {"agent", "obl:agent"} or (
                    t.pos_ in {"NOUN", "PROPN"} and _case_of(t) in self.g.agent_preps
                ):
                    n = _nominal_of(t)
                    if any(self.actors_of(m) for m in (n, *n.conjuncts)):
                        out.append(n)
                        break
        return out

    def _with_conjuncts(self, toks: Iterable[Token]) -> list[Token]:
        """Each token and its conjuncts. A name list "A, B, C et D" is often parsed with B as
        an apposition of A and C, D as conjuncts of B: an apposition that has conjuncts of its
        own is read as one more member of the list."""
        out: list[Token] = []
        for t in toks:
            out.append(t)
            out.extend(c for c in t.conjuncts if c.i > t.i and c not in out)
            for c in t.children:
                if c.dep_ == "appos" and any(cc.dep_ == "conj" for cc in c.children):
                    for m in (c, *c.conjuncts):
                        if m not in out:
                            out.append(m)
        return out

    def _target_tokens(self, pred: Token, entry: Predicate, *, objects: bool) -> list[Token]:
        preps = self.g.target_preps | set(entry.preps)
        out: list[Token] = []
        out.extend(self._nested_partners(pred, entry))
        for c in pred.children:
            if c.dep_ in _OBJ and objects and not entry.no_object_target:
                out.append(c)
            elif c.dep_ in _OBJ and c.dep_ in {"iobj", "dative"}:
                out.append(_nominal_of(c))
            elif c.dep_ in _OBLIQUE or c.dep_ == "compound":
                n = _nominal_of(c)
                case = _case_of(n)
                if case in self.g.partner_preps or case in self.g.between_preps or (
                    case in preps and c.dep_ not in _ADJUNCT
                ):
                    out.append(n)
                    if not self.ctx.actors.resolve(n):
                        out.extend(self._owners_in(n))
        return self._with_conjuncts(out)

    def _owners_in(self, n: Token) -> list[Token]:
        """"agreed to all of Trump's terms", "a répondu aux exigences de Moscou": the actor that
        owns what a prepositional complement names."""
        out = []
        for t in n.subtree:
            if t.i - n.i > _OWNER_REACH:
                break
            owner = t.dep_ in {"poss", "nmod:poss"} or (
                t.dep_ == "nmod" and _case_of(t) in self.g.genitive_preps
            )
            if owner and self.ctx.actors.resolve(t):
                out.append(t)
        return out

    def _nested_partners(self, pred: Token, entry: Predicate | None = None) -> list[Token]:
        """Partner phrases one level down: "rompre les relations avec X", "spoke by phone
        with X", "la menace de sanctions contre X" (the parser hangs them on the nearest noun),
        and the entry's own prepositions there ("suspended imports of fish from X")."""
        preps = self.g.partner_preps | set(entry.preps if entry else ())
        out: list[Token] = []
        for c in pred.children:
            if c.dep_ in _OTHER_CLAUSE or c.dep_ in _SUBJ or c.dep_ in _PASS_SUBJ:
                continue
            for cc in _nominal_of(c).children:
                n = _nominal_of(cc)
                if cc.dep_ in {"nmod", "prep", "obl"} and _case_of(n) in preps:
                    out.append(n)
            if entry and entry.preps and c.dep_ in _OBJ:
                # "suspended its development aid and budget support to X", "imports of fruit
                # and fish from X": the entry's preposition deep in the object's phrase
                for m in _nominal_of(c).subtree:
                    if m.i != c.i and m.dep_ in {"prep", "nmod", "pobj", "conj"} and \
                            _case_of(m) in set(entry.preps) and self.ctx.actors.resolve(m):
                        out.append(m)
        return out

    def _place_targets(self, sent: Span, pred: Token) -> list[Actor]:
        """Country of a place named with a place preposition in the predicate's clause,
        else anywhere in the sentence ("A Kiev, ... les soldats russes rassemblés")."""
        return self._places_in(pred.subtree, pred) or self._places_in(sent, pred)

    def _places_in(self, toks: Iterable[Token], pred: Token) -> list[Actor]:
        out: list[Actor] = []
        for tok in toks:
            if tok.i == pred.i:
                continue
            case = _case_of(tok)
            if case is None or case not in self.g.place_preps:
                continue
            for a in self.ctx.actors.resolve(tok):
                if a.country and not a.org:
                    # the state where the place lies, not the government it may stand for
                    out.append(Actor(a.name, a.text, a.country, None, None,
                                     cameo_country(a.country) or a.country))
        return out

    # -- frames -----------------------------------------------------------------------------

    def verb_frame(self, sent: Span, pred: Token, entry: Predicate) -> _Frame:
        frame = _Frame(pred, entry)
        subj, passive = self._subjects(pred)
        subj = self._with_conjuncts(subj)
        if passive:
            agents = self._with_conjuncts(self._agents(pred))
            patients = subj
            frame.sources = self._resolve_all(agents, pred)
            if entry.patient_is_source and not frame.sources:
                frame.sources = self._resolve_all(patients, pred)
            else:
                frame.targets = self._resolve_all(patients, pred)
        else:
            frame.sources = self._resolve_all(subj, pred)
            if entry.patient_is_source and not frame.sources:
                objs = [c for c in pred.children if c.dep_ in _OBJ]
                frame.sources = self._resolve_all(objs, pred)
        if not frame.targets:
            frame.targets = self._resolve_all(
                self._target_tokens(pred, entry, objects=not entry.patient_is_source), pred
            )
        if pred.dep_ in _RELATIVE and not frame.sources and pred.head is not pred:
            # participle or relative clause on a noun: "troupes rassemblées", "forces qui ..."
            head_actors = self.ctx.actors.resolve(pred.head)
            if passive or "Part" in pred.morph.get("VerbForm") or pred.tag_ == "VBN":
                if entry.patient_is_source:
                    frame.sources = head_actors
                elif not frame.targets:
                    frame.targets = head_actors
            else:
                frame.sources = head_actors
            frame.confidence = CONF_INHERITED
        if not frame.sources:
            frame.sources = self._inherited_subject(pred)
            if frame.sources:
                frame.confidence = CONF_INHERITED
        if not frame.sources and passive:
            # "X said tariffs would be imposed on Y": an agentless passive announced by a
            # speaker is the speaker's side's act
            frame.sources = self._reported_speaker(pred) or []
            if frame.sources:
                frame.confidence = CONF_INFERRED
        if not frame.targets and entry.inherit_target:
            frame.targets = self._inherited_target(pred, entry)
            if frame.targets:
                frame.confidence = min(frame.confidence, CONF_INHERITED)
        if not frame.targets and entry.target_from_place:
            frame.targets = self._place_targets(sent, pred)
            if frame.targets:
                frame.confidence = CONF_INFERRED
        return frame

    def condition_targets(self, sent: Span, pred: Token) -> list[Actor]:
        """Subject of a conditional clause in the sentence: 'threatens ... if Russia invades'."""
        for tok in sent:
            if tok.i <= pred.i:
                continue
            if any(c.dep_ == "mark" and c.lower_ in self.g.conditional_marks
                   for c in tok.children):
                subj, _ = self._subjects(tok)
                found = self._resolve_all(self._with_conjuncts(subj), tok)
                if found:
                    return found
        return []

    def speaker_frame(self, pred: Token, entry: Predicate) -> tuple[_Frame, Token | None]:
        """A warned consequence: the reporting verb's subject threatens the clause's actors."""
        frame = _Frame(pred, entry, confidence=CONF_INHERITED)
        cur = pred
        clause: Token | None = None
        for _ in range(_MAX_CLIMB):
            if cur.head is cur:
                break
            if cur.dep_ in _REPORTED and cur.head.lemma_.lower() in self.g.reporting_verbs:
                clause = cur
                break
            cur = cur.head
        if clause is None:
            return frame, None
        reporter = clause.head
        frame.sources = self._resolve_all(self._with_conjuncts(self._speakers(reporter)),
                                          reporter)
        subj_toks = [c for c in clause.children if c.dep_ in _SUBJ | _PASS_SUBJ]
        found: list[Actor] = []
        for st in subj_toks:
            for t in st.subtree:
                if t.pos_ in {"PROPN", "NOUN", "PRON"}:
                    found.extend(self.ctx.actors.resolve(t))
        keys = {a.key for a in frame.sources}
        seen: set[str | None] = set()
        for a in found:
            if a.key not in keys and a.key not in seen:
                seen.add(a.key)
                frame.targets.append(a)
        return frame, reporter

    def _inherited_subject(self, pred: Token) -> list[Actor]:
        """A coordinated, purpose or control clause shares its governor's subject
        ("called X to demand", "spoke and demanded", "is due to meet")."""
        cur = pred
        for _ in range(3):
            if cur.head is cur or cur.dep_ not in _SHARES_SUBJECT:
                return []
            via = cur.dep_
            cur = cur.head
            if cur.pos_ not in {"VERB", "AUX"}:
                continue  # "due to meet": climb through the adjective to its copula
            if via == "xcomp":
                # object control: "urged Iran to return", "a invité X à se rendre"
                objs = [c for c in cur.children if c.dep_ in _OBJ]
                if objs:
                    return self._resolve_all(self._with_conjuncts(objs), cur)
            subj, passive = self._subjects(cur)
            if passive:
                # "Blinken is expected to meet": the raised subject, unless an agent acts
                subj = self._agents(cur) or subj
            if subj:
                return self._resolve_all(self._with_conjuncts(subj), cur)
        return []

    def _inherited_target(self, pred: Token, entry: Predicate) -> list[Actor]:
        """'called X to demand ...' / 'spoke to X and demanded ...': the governor's target."""
        if pred.dep_ not in {_CONJ, "advcl", "xcomp"} or pred.head is pred:
            return []
        head = pred.head
        if head.pos_ not in {"VERB", "AUX"}:
            return []
        toks = []
        for c in head.children:
            if c.dep_ in _OBJ:
                toks.append(c)
            elif c.dep_ in _OBLIQUE:
                n = _nominal_of(c)
                if _case_of(n) in self.g.target_preps:
                    toks.append(n)
        return self._resolve_all(self._with_conjuncts(toks), head)

    def noun_frame(self, sent: Span, pred: Token, entry: Predicate) -> _Frame:
        frame = _Frame(pred, entry)
        preps = self.g.target_preps | set(entry.preps)
        src_toks: list[Token] = []
        tgt_toks: list[Token] = []
        genitive: list[Token] = []
        participants: list[Token] = []
        for c in pred.children:
            n = _nominal_of(c)
            case = _case_of(n)
            if c.dep_ in {"nmod:poss", "poss"}:
                src_toks.append(c)
            elif c.dep_ == "det" and "Yes" in c.morph.get("Poss"):
                frame.sources = frame.sources or self.ctx.actors.resolve_possessor(pred)
            elif case in self.g.between_preps:
                participants.extend(self._with_conjuncts([n]))
            elif case in self.g.agent_preps:
                src_toks.append(n)
            elif case in self.g.genitive_preps:
                # "l'invasion de l'Ukraine" (object) or "la visite de Pelosi" (subject):
                # decided below, once we know whether a governing verb gives the subject
                genitive.append(n)
            elif case in preps and c.dep_ in _OBLIQUE | {"acl"}:
                tgt_toks.append(n)
            elif c.dep_ in {"nmod", "compound", "amod", "appos"} and case is None:
                if self.ctx.actors.resolve(n):
                    participants.append(n)
                elif c.dep_ == "compound":
                    # "a NATO-Russia council meeting": the parties hang on the inner compound
                    participants.extend(x for x in n.children
                                        if x.dep_ == "compound" and self.ctx.actors.resolve(x))
            elif c.dep_ in {"acl"} and c.lemma_.lower() in self.g.targeting_verbs:
                # "des sanctions visant X", "sanctions targeting X"
                for cc in c.children:
                    if cc.dep_ in _OBJ or cc.dep_ in {"obl", "obl:arg", "prep"}:
                        tgt_toks.append(_nominal_of(cc))
                src_toks.extend(self._agents(c))
        if not tgt_toks:
            tgt_toks = self._nested_partners(pred)
        if not participants and (entry.symmetric or not (src_toks or tgt_toks or genitive)):
            participants = self._governor_between(pred)
        frame.sources = frame.sources or self._resolve_all(self._with_conjuncts(src_toks), pred)
        frame.targets = self._resolve_all(self._with_conjuncts(tgt_toks), pred)
        if participants:
            parts = self._resolve_all(participants, pred)
            if not frame.sources and len(parts) >= 2:
                frame.sources, frame.targets = [parts[0]], frame.targets or parts[1:]
            elif not frame.sources:
                frame.sources = parts
            elif not frame.targets:
                frame.targets = parts
        if not frame.sources:
            # "sa visite": when the possessor is unknown, only the noun's own verb may lend
            # its subject ("Biden a réitéré sa menace"), not a verb further up
            owned = any(c.dep_ == "det" and "Yes" in c.morph.get("Poss") for c in pred.children)
            frame.sources = self._light_verb_subject(pred, max_steps=1 if owned else 2)
            if frame.sources:
                frame.confidence = CONF_INHERITED
        gen = self._resolve_all(self._with_conjuncts(genitive), pred)
        if gen:
            if frame.sources and entry.patient_is_source:
                pass  # "l'envoi de 3 000 soldats": the troops are the sender's own
            elif frame.sources:
                frame.targets = frame.targets or gen
            else:
                frame.sources = gen
        if not frame.targets:
            frame.targets = self._light_verb_target(pred, entry)
        if not frame.targets and entry.symmetric and frame.sources:
            frame.targets = self._governor_objects(pred)
        if not frame.targets and entry.target_from_place:
            frame.targets = self._place_targets(sent, pred)
            if frame.targets:
                frame.confidence = CONF_INFERRED
        return frame

    def _governor_between(self, noun: Token) -> list[Token]:
        """"des pourparlers ont eu lieu entre X et Y", "talks were held between X and Y"."""
        head = noun.head
        if head is noun or head.pos_ not in {"VERB", "AUX"}:
            return []
        for c in head.children:
            n = _nominal_of(c)
            if c is not noun and _case_of(n) in self.g.between_preps:
                return self._with_conjuncts([n])
        return []

    def _governor_objects(self, noun: Token) -> list[Actor]:
        """"warned Biden in a phone call", "a averti X lors d'un entretien": a joint act named
        in an adjunct of a verb takes place between the verb's subject and its object."""
        cur = noun
        for _ in range(2):
            if cur.head is cur or cur.dep_ not in {"pobj", "prep", "obl", "obl:mod", "nmod"}:
                return []
            cur = cur.head
            if cur.pos_ in {"VERB", "AUX"}:
                objs = [c for c in cur.children if c.dep_ in _OBJ]
                return self._resolve_all(self._with_conjuncts(objs), cur)
        return []

    def _light_verb_subject(self, noun: Token, max_steps: int = 2) -> list[Actor]:
        """'X a eu un entretien', 'X held talks', 'X réitère sa menace': the verb's subject."""
        cur = noun
        steps = 0
        while steps < max_steps:
            if cur.head is cur:
                return []
            if cur.dep_ not in _OBJ | {"obl", "obl:arg", "nmod", "pobj", "prep", "xcomp", "attr",
                                       "obl:mod"}:
                return []
            cur = cur.head
            if cur.pos_ != "ADP" and cur.lemma_.lower() not in self.g.transparent_nouns:
                steps += 1  # "un paquet de sanctions", "after hours of talks": not steps
            if cur.pos_ in {"VERB", "AUX"}:
                subj, passive = self._subjects(cur)
                if passive:
                    subj = self._agents(cur)
                if subj:
                    return self._resolve_all(self._with_conjuncts(subj), cur)
                return self._inherited_subject(cur)
        return []

    def _light_verb_target(self, noun: Token, entry: Predicate) -> list[Actor]:
        head = noun.head
        if head is noun or head.pos_ not in {"VERB", "AUX"} or noun.dep_ not in _OBJ:
            return []
        toks = []
        preps = self.g.target_preps | set(entry.preps)
        for c in head.children:
            n = _nominal_of(c)
            if c is noun:
                continue
            if c.dep_ in {"iobj", "dative"} or (
                c.dep_ in _OBLIQUE and c.dep_ not in _ADJUNCT and _case_of(n) in preps
            ) or _case_of(n) in self.g.partner_preps:
                toks.append(n)
        return self._resolve_all(self._with_conjuncts(toks), head)

    def _distributed(self, tok: Token, found: list[Actor]) -> list[Actor]:
        """"the presidents of Guyana and Venezuela", "les dirigeants russe et ukrainien": a
        plural role owned by coordinated states is one actor per state."""
        if len(found) != 1 or not found[0].sector or "Plur" not in tok.morph.get("Number"):
            return found
        role = found[0]
        out = list(found)
        for c in tok.children:
            owner = _nominal_of(c)
            if c.dep_ not in {"amod", "nmod", "prep"} or not owner.conjuncts:
                continue
            for conj in owner.conjuncts:
                for a in self.ctx.actors.resolve(conj):
                    if a.country and a.country != role.country and not a.org:
                        code = cameo_country(a.country) or a.country
                        out.append(Actor(a.name, conj.text, a.country, None, role.sector,
                                         f"{code}{role.sector}"))
        return out

    def _resolve_all(self, toks: Sequence[Token], pred: Token) -> list[Actor]:
        out: list[Actor] = []
        seen: set[tuple[str | None, str | None, str]] = set()
        for t in toks:
            found = self._distributed(t, self.actors_of(t, pred))
            if not found and t.lemma_.lower() in self.g.all_parties:
                # "toutes les parties", "both sides": the story's two main adversaries
                found = salient_others(self.ctx.actors, (), count=2)
            for a in found:
                k = (a.key, a.sector, a.name)
                if k not in seen:
                    seen.add(k)
                    out.append(a)
        return out


def _frame_lemmas(pred: Token) -> set[str]:
    """Lemmas of the predicate's dependents, where variant cues are looked for."""
    out: set[str] = set()
    for c in pred.children:
        # a passive subject is the theme ("sanctions were imposed"): it carries cues
        if c.dep_ in _SUBJ or c.dep_ in _OTHER_CLAUSE:
            continue
        stack = [c]
        while stack:  # the dependent's subtree, without the clauses hanging inside it
            t = stack.pop()
            out.add(t.lemma_.lower())
            out.add(t.lower_)
            stack.extend(x for x in t.children if x.dep_ not in _OTHER_CLAUSE)
    if pred.head is not pred and (pred.dep_ in {"xcomp", "conj", "acl"}
                                  or pred.pos_ in {"NOUN", "PROPN"}):
        # "exchanged warnings", "threatened with sanctions": the governor decides too
        out.add(pred.head.lemma_.lower())
    return out


def _select_code(entry: Predicate, lemmas: set[str], status: Status) -> str:
    code = entry.cameo
    for v in entry.variants:
        if v.cues & lemmas:
            code = v.cameo
            break
    if status == "future" and entry.future_code:
        code = entry.future_code
    return code


def _under_reporting(pred: Token, reporting: frozenset[str]) -> bool:
    cur = pred
    for _ in range(5):
        if cur.head is cur:
            return False
        if cur.dep_ in _COMPLEMENT_CLAUSE and cur.head.lemma_.lower() in reporting:
            return True
        cur = cur.head
    return False


def _candidates(tok: Token, lexicon: Lexicon) -> tuple[Predicate, ...]:
    if tok.pos_ in {"VERB", "AUX"}:
        pos = "VERB"
    elif tok.pos_ in {"NOUN", "PROPN"}:
        pos = "NOUN"
    elif tok.pos_ == "ADJ":
        pos = "ADJ"
    else:
        return ()
    found = lexicon.lookup(tok.lemma_, pos)
    if not found and tok.lower_ != tok.lemma_.lower():
        found = lexicon.lookup(tok.lower_, pos)
    return found


#: Sectors outside the state: their acts against their own country are domestic events.
_NON_STATE = frozenset({"REB", "INS", "SEP", "OPP", "CVL", "UAF", "PTY", "LAB", "EDU", "REF"})


def _same_actor(a: Actor, b: Actor) -> bool:
    """Two mentions of one side: the same entity, or one state's government twice over
    (a domestic event needs two different sectors: police and protesters, army and rebels)."""
    if a.key != b.key:
        return False
    if a.sector and b.sector and a.sector != b.sector:
        return False
    return not ({a.sector, b.sector} & _NON_STATE)


def code_sentences(doc: Any, ctx: DocContext) -> Iterator[Event]:
    """Events of a parsed document, sentence by sentence."""
    reader = _Reader(ctx)
    lex = ctx.lexicon
    text = doc.text
    sents = list(doc.sents)
    story = _story_date(sents, ctx)
    for s_i, sent in enumerate(sents):
        seen: set[tuple[str | None, str | None, str]] = set()
        for tok in sent:
            for entry in _candidates(tok, lex):
                lemmas = _frame_lemmas(tok)
                if entry.requires and not (entry.requires & lemmas):
                    continue
                if entry.excludes & lemmas:
                    continue
                status_tok = tok
                if entry.speaker_threat:
                    frame, reporter = reader.speaker_frame(tok, entry)
                    if reporter is None:
                        continue
                    status_tok = reporter
                elif entry.pos == "VERB":
                    frame = reader.verb_frame(sent, tok, entry)
                else:
                    frame = reader.noun_frame(sent, tok, entry)
                if not frame.targets and entry.target_from_condition:
                    frame.targets = reader.condition_targets(sent, tok)
                if not frame.targets and entry.implicit_target and frame.sources:
                    frame.targets = salient_other(ctx.actors, frame.sources)
                    frame.confidence = CONF_INFERRED
                pairs = _pairs(frame)
                if not pairs:
                    continue
                status = clause_status(
                    status_tok, lex.grammar,
                    under_reporting=_under_reporting(status_tok, lex.grammar.reporting_verbs))
                if status == "asserted" and entry.future_code and _scheduled(tok, lex.grammar):
                    status = "future"
                when = resolve_date(sent, ctx.published, ctx.lang, anchor=tok,
                                    future=status == "future", dateline=ctx.dateline)
                if story is not None and status == "asserted" and (
                    when.precision == "published" or _within(story, when)
                ):
                    # the lead's day is the story's day (wire convention); "ce mois-ci" or
                    # "this week" around it says no more than that day does
                    when = story
                if (status == "asserted" and when.precision == "day" and ctx.published
                        and when.value and when.value > ctx.published.isoformat()):
                    status = "future"  # a dated act after publication is planned, not done
                code = _select_code(entry, lemmas, status)
                if code[:2] in _FORCE_ROOTS and _is_repression(pairs):
                    code = REPRESSION_CODE
                elif code[:2] == "18" and pairs and all(t.sector == "MIL" for _, t in pairs):
                    code = COMBAT_CODE  # killing soldiers is combat (19), not assault (18)
                if (status == "future" and code[:2] in _HOSTILE_ROOTS
                        and _under_reporting(tok, lex.grammar.reporting_verbs)):
                    # "X a répété que l'offensive reprendrait": announcing one's own future
                    # hostile act is a threat (CAMEO 13)
                    conditional = _conditional_code(code, lemmas, entry)
                    if conditional is not None:
                        code, status = conditional, "asserted"
                clause_verb = tok if tok.pos_ in {"VERB", "AUX"} else _governor_verb(tok)
                if status in ("future", "asserted") and clause_verb is not None and \
                        _has_condition(clause_verb, lex.grammar):
                    # "will impose sanctions on X if ...": a conditional act is a threat
                    # (or a promise) made now, not the act itself
                    conditional = _conditional_code(code, lemmas, entry)
                    if conditional is not None:
                        code, status = conditional, "asserted"
                start = sent.start_char
                end = sent.end_char
                evidence = Evidence(text[start:end].strip(), start, end)
                codes = [(code, pairs)]
                if entry.reverse_code and status != "future":
                    codes.append((entry.reverse_code, [(t, s_) for s_, t in pairs]))
                for code_, pairs_ in codes:
                    info = cameo_code(code_)
                    plover, mode = plover_for(code_)
                    for src, tgt in pairs_:
                        key = (src.cameo or src.name, tgt.cameo or tgt.name, code_)
                        if key in seen:
                            continue
                        seen.add(key)
                        location = (
                            place_event(sent, tok, code_, ctx.actors, ctx.places,
                                        source=src, target=tgt)
                            if ctx.places is not None else None
                        )
                        yield Event(
                            article_id=ctx.article_id,
                            sentence=s_i,
                            source=src,
                            target=tgt,
                            cameo=code_,
                            root=info.root,
                            quad_class=info.quad_class,
                            goldstein=info.goldstein,
                            plover=plover,
                            plover_mode=mode,
                            status=status,
                            date=when.value,
                            date_precision=when.precision,
                            evidence=evidence,
                            lang=ctx.lang,
                            rule=entry.rule_id,
                            confidence=frame.confidence,
                            location=location,
                        )
                break  # one entry per predicate token: the first that fires


#: Force used by police or soldiers against their own civilians is repression in CAMEO
#: (175), not combat or assault: the codebook keeps 18-19 for armed adversaries.
REPRESSION_CODE = "175"
COMBAT_CODE = "190"
_FORCE_ROOTS = frozenset({"18", "19"})
_SECURITY_SECTORS = frozenset({"COP", "MIL"})
_CIVILIAN_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "MED"})


def _is_repression(pairs: Sequence[tuple[Actor, Actor]]) -> bool:
    return bool(pairs) and all(
        s.sector in _SECURITY_SECTORS and t.sector in _CIVILIAN_SECTORS
        and s.country is not None and s.country == t.country
        for s, t in pairs
    )


def _scheduled(pred: Token, g: Any) -> bool:
    """A meeting or visit governed by a scheduling modal ("doit se rendre", "devait
    rencontrer"), through control and coordination links."""
    cur = pred
    for _ in range(3):
        if cur.head is cur or cur.dep_ not in {"xcomp", "conj", "advcl"}:
            return False
        cur = cur.head
        if cur.lemma_.lower() in g.scheduling_modals:
            return True
    return False


def _governor_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of ("imposeront des sanctions")."""
    head = noun.head
    if head is not noun and head.pos_ in {"VERB", "AUX"} and noun.dep_ in _OBJ:
        return head
    return None


def _has_condition(pred: Token, g: Any) -> bool:
    """The predicate governs an if-clause ("imposera des sanctions si ...")."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in g.conditional_marks
                                  for m in c.children)
        for c in pred.children
    )


#: What a conditional act becomes: a threat for hostile acts (CAMEO 13x), a promise for
#: cooperative ones (03x). Sanctions and relations keep their specific threat codes.
_CONDITIONAL_BY_ROOT: dict[str, str] = {
    "16": "131", "17": "137", "18": "138", "19": "138", "20": "138", "15": "138", "14": "133",
    "05": "030", "06": "031", "07": "033", "08": "035",
}


#: Force (not sanctions: announcing sanctions is imposing them) announced as one's own plan.
_HOSTILE_ROOTS = frozenset({"17", "18", "19", "20"})


def _conditional_code(code: str, lemmas: set[str], entry: Predicate) -> str | None:
    if code.startswith("163") or code == "164":
        return "1312"
    if code.startswith("161"):
        return "1313"
    return _CONDITIONAL_BY_ROOT.get(code[:2])


#: An actor must be mentioned this often to stand as the unstated other side of a statement:
#: once is a passing mention, twice makes it a party to the story.
MIN_SALIENT_MENTIONS = 2


def salient_other(actors: DocActors, sources: Sequence[Actor]) -> list[Actor]:
    """The article's most mentioned actor that is not the source: the unstated target of
    "Tokyo protested", "the White House denounced the measures"."""
    return salient_others(actors, sources, count=1)


def salient_others(actors: DocActors, sources: Sequence[Actor], count: int) -> list[Actor]:
    """The ``count`` most mentioned actors of the article other than ``sources``."""
    own = {a.key for a in sources}
    counts: dict[str, int] = {}
    first: dict[str, Actor] = {}
    for m in actors.mentions:
        key = m.actor.key
        if not key or key in own:
            continue
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, m.actor)
    ranked = sorted((k for k in counts if counts[k] >= MIN_SALIENT_MENTIONS),
                    key=lambda k: -counts[k])[:count]
    if len(ranked) < count:
        return []
    out = []
    for key in ranked:
        top = first[key]
        out.append(Actor(top.name, top.text, top.country, top.org, None,
                         (cameo_country(top.country) or top.country) if top.country
                         else top.cameo))
    return out


#: The lead of a wire story (its first sentences) dates the story; two sentences cover a
#: headline or dateline line plus the lead paragraph.
_LEAD_SENTENCES = 3


def _within(day: DateResult, span: DateResult) -> bool:
    """Whether a day-precision date falls inside a coarser month or year expression."""
    if not day.value or not span.value or span.precision not in {"month", "year"}:
        return False
    return day.value.startswith(span.value)


def _story_date(sents: Sequence[Span], ctx: DocContext) -> DateResult | None:
    """The day the lead says the story happened on ("... ont échangé jeudi ..."), if any."""
    for sent in sents[:_LEAD_SENTENCES]:
        root = sent.root
        when = resolve_date(sent, ctx.published, ctx.lang, anchor=root, future=False,
                            dateline=ctx.dateline)
        if when.precision == "day" and when.value and (
            ctx.published is None or when.value <= ctx.published.isoformat()
        ):
            return when
    return None


def _pairs(frame: _Frame) -> list[tuple[Actor, Actor]]:
    """Source-target pairs of a frame; symmetric acts among coordinated subjects."""
    sources = [a for a in frame.sources if a.key]
    targets = [a for a in frame.targets if a.key]
    out: list[tuple[Actor, Actor]] = []
    if targets:
        for s in sources:
            for t in targets:
                if not _same_actor(s, t):
                    out.append((s, t))
    elif frame.entry.symmetric and not sources and len(targets) >= 2:
        # "un accord a été signé entre X et Y": the parties are both named as complements
        a, b = targets[0], targets[1]
        if not _same_actor(a, b):
            out.append((a, b))
    elif frame.entry.symmetric and len(sources) >= 2:
        # a joint act of three or more parties is coded for its first-named pair only: news
        # name the principals first, and all pairs would invent dyads nobody reported
        a, b = sources[0], sources[1]
        if not _same_actor(a, b):
            out.append((a, b))
    return out
