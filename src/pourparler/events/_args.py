"""The predicate-argument layer: who acts and who undergoes, for every predicate of a sentence.

The frame reader asks this layer, never the raw tree, for a verb's agents and patients. The
layer maps the two parsers' label sets onto one (:func:`role`: the English model labels in
ClearNLP style, ``dobj``, ``prep``/``pobj``, ``pcomp``, ``relcl``; the French one in Universal
Dependencies, ``obj``, ``obl``, ``acl:relcl``) and passes arguments through the constructions in
which news leaves them unstated:

* reduced participles with a *by/par* agent ("a truce brokered by Qatar", « reçu par son
  homologue »): passive, the noun they modify is the patient;
* present participles on a noun ("issued a decree banning ...", « un arrêté interdisant »): the
  noun's own verb lends its agent; on an actor noun, the noun is the agent;
* gerunds and manner clauses ("retaliated by closing", « en fermant »), purpose clauses ("used
  batons to disperse", « pour dénoncer »), absolute and adverbial clauses: the main clause's
  agent;
* control: object control ("urged Iran to return", "accused X of arming"), subject control for
  the verbs that keep it ("threatened X to", « menacer X de »);
* coordinated verbs share the first verb's agent, but a verb coordinated inside a reported
  clause that matches the reporting verb's form is the reporter's ("She said the navy was
  patrolling and urged ...");
* relative clauses: the noun they modify, when the gap is the subject;
* a subject the parser hung on a noun of the previous clause ("X a libéré ... et Y a relâché").

Existing converters were tried first: pybart-nlp 3.4.8 (enhanced UD++) on en_core_web_sm parses
recovered none of our four P1 probes correctly (it expects UD labels, not ClearNLP; it gave
*batons* as the subject of *break up* in "used batons to break up a sit-in") and covers English
only; udapi 0.5.2's basic-to-enhanced block copies the basic tree. Neither reads French, so the
layer is ours; both models are covered by the same rules through :func:`role`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pourparler.events.lexicon import Grammar
from pourparler.syntax import case_of, nominal_of

Token = Any  # spacy.tokens.Token

#: Markers of a controlled infinitive in French (« exhorter X à négocier »), unlike a purpose
#: clause (« pour exiger »).
_CONTROL_MARKS = frozenset({"à", "de", "d'"})

#: One label set for both parsers. Labels not listed keep their own name.
_ROLES: dict[str, str] = {
    "nsubj": "subj", "csubj": "subj", "expl:subj": "subj",
    "nsubj:pass": "subj_pass", "nsubjpass": "subj_pass", "csubjpass": "subj_pass",
    "obj": "obj", "dobj": "obj", "obj:lvc": "obj",
    "iobj": "iobj", "dative": "iobj",
    "obl": "obl", "obl:arg": "obl", "obl:mod": "obl", "npadvmod": "obl", "prep": "obl",
    "obl:agent": "agent", "agent": "agent",
    "ccomp": "ccomp", "xcomp": "xcomp", "oprd": "xcomp", "acomp": "xcomp",
    "advcl": "advcl", "acl": "acl", "acl:relcl": "relcl", "relcl": "relcl",
    "conj": "conj", "parataxis": "parataxis", "pcomp": "pcomp",
    "aux": "aux", "aux:tense": "aux", "aux:pass": "aux", "auxpass": "aux", "cop": "aux",
    "mark": "mark", "case": "case", "poss": "poss", "nmod:poss": "poss",
}


def role(tok: Token) -> str:
    """The token's relation to its head in the layer's label set."""
    dep = str(tok.dep_)
    return _ROLES.get(dep, dep)


#: How an agent was found, from the most to the least direct; the frame reader turns it into
#: a confidence.
EXPLICIT = "explicit"
INHERITED = "inherited"

#: A predicate more than this many clause links below another does not borrow from it: deeper
#: chains are parser noise in news sentences.
_MAX_CLIMB = 4


@dataclass(frozen=True, slots=True)
class Arguments:
    """The arguments of one predicate, as tokens (the heads of their phrases)."""

    agents: tuple[Token, ...] = ()
    patients: tuple[Token, ...] = ()
    #: The predicate is passive (an auxiliary passive or a reduced past participle).
    passive: bool = False
    #: ``EXPLICIT`` when the agent is the predicate's own dependent, else ``INHERITED``.
    via: str = EXPLICIT


def _is_participle(tok: Token) -> bool:
    return "Part" in tok.morph.get("VerbForm") or tok.tag_ in {"VBN", "VBG"}


def _is_past_participle(tok: Token) -> bool:
    return tok.tag_ == "VBN" or (
        "Part" in tok.morph.get("VerbForm") and "Past" in tok.morph.get("Tense"))


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"}


def manner_clauses(verb: Token, grammar: Grammar) -> list[Token]:
    """The verbs of ``verb``'s manner clauses: "by + gerund" (the gerund under the
    preposition) and « en + participe présent » (the participle, marked by « en »)."""
    out: list[Token] = []
    for c in verb.children:
        if c.lower_ in grammar.manner_marks:
            out.extend(g for g in c.children if g.pos_ == "VERB")
        elif c.pos_ == "VERB" and any(m.lower_ in grammar.manner_marks for m in c.children):
            out.append(c)
    return out


def manner_governor(pred: Token, grammar: Grammar) -> Token | None:
    """The verb whose manner clause ``pred`` is, if it is one."""
    head = pred.head
    if head == pred:
        return None
    if head.lower_ in grammar.manner_marks and head.head != head:
        head = head.head
    return head if _is_verb(head) and pred in manner_clauses(head, grammar) else None


class ArgumentLayer:
    """Agents and patients of predicates, computed on demand and cached per token.

    ``names_actor`` tells whether a phrase head denotes an actor (the actor stage's answer): the
    layer needs it to choose between readings ("used batons to" is no object control);
    ``mention_start`` gives the first token of the actor mention a token belongs to, if any.
    """

    def __init__(self, grammar: Grammar, names_actor: Callable[[Token], bool],
                 mention_start: Callable[[Token], int | None]) -> None:
        self.g = grammar
        self.names_actor = names_actor
        self.mention_start = mention_start
        self.reporting = grammar.reporting_verbs
        self._cache: dict[int, Arguments] = {}

    # -- public -----------------------------------------------------------------------------

    def of(self, pred: Token) -> Arguments:
        """The arguments of a verbal predicate."""
        found = self._cache.get(pred.i)
        if found is None:
            found = self._compute(pred, depth=0)
            self._cache[pred.i] = found
        return found

    def agents_of(self, pred: Token) -> list[Token]:
        """Explicit *by/par* agents of a (passive) verb, with the parser's misattachments."""
        out = []
        for c in pred.children:
            r = role(c)
            if r == "agent":
                out.append(nominal_of(c))
            elif r == "obl" and c.dep_ != "prep" and case_of(c) in self.g.agent_preps:
                out.append(c)
        if not out:
            # the parser often hangs "by X" on the nearest noun: take the first agent phrase
            # of the clause that names an actor
            for t in pred.subtree:
                if role(t) == "agent" or (
                    t.pos_ in {"NOUN", "PROPN"} and case_of(t) in self.g.agent_preps
                ):
                    n = nominal_of(t)
                    if any(self.names_actor(m) for m in (n, *n.conjuncts)):
                        out.append(n)
                        break
        return out

    def subjects(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject tokens of ``verb``, and whether they are passive subjects."""
        # the French model may hang the subject on the auxiliary (« la Russie n'a plus
        # attaqué »): an auxiliary's dependents are its verb's
        deps = [*verb.children, *(d for c in verb.children if role(c) == "aux"
                                  for d in c.children)]
        passive = [c for c in deps if role(c) == "subj_pass"]
        if passive:
            return passive, True
        return [c for c in deps if role(c) == "subj"], False

    # -- the readings -----------------------------------------------------------------------

    def _compute(self, pred: Token, depth: int) -> Arguments:
        subj, passive = self.subjects(pred)
        if not passive and self._bare_participle_with_agent(pred):
            # « Le ministre, reçu par X, ... » parsed with the minister as the participle's
            # subject: a past participle with an agent and no auxiliary is passive
            passive = True
        reduced = not subj and role(pred) in {"acl", "amod"} and _is_past_participle(pred)
        if passive or reduced:
            patients = tuple(subj) if subj else (pred.head,) if reduced else ()
            agents = self.agents_of(pred)
            if agents:
                return Arguments(tuple(agents), patients, True, EXPLICIT)
            inherited = self._inherited(pred, depth) if not reduced else ()
            return Arguments(inherited, patients, True, INHERITED)
        objects = tuple(c for c in pred.children if role(c) == "obj")
        if subj:
            return Arguments(tuple(subj), objects, False, EXPLICIT)
        if self._detached_participle(pred):
            # « a jugé la présence illégale, accusant le président ... »: a present participle
            # set off by a comma after the object is the clause subject's, not the object's
            gov = pred.head.head
            return Arguments(self._agent_tokens(gov, depth + 1), objects, False, INHERITED)
        if pred.head != pred and (role(pred) == "relcl" or (
                role(pred) == "acl" and _is_participle(pred) and self.names_actor(pred.head))):
            # "the forces that crossed", "protesters waving flags": the modified noun acts
            return Arguments((pred.head,), objects, False, INHERITED)
        stranded = self._stranded_subject(pred)
        if stranded:
            return Arguments(stranded, objects, False, INHERITED)
        return Arguments(self._inherited(pred, depth), objects, False, INHERITED)

    def _inherited(self, pred: Token, depth: int) -> tuple[Token, ...]:
        """The agent a non-finite, coordinated or subordinate clause borrows from its governor."""
        if depth >= _MAX_CLIMB or pred.head == pred:
            return ()
        r, head = role(pred), pred.head
        if r == "pcomp" and head.pos_ == "ADP" and head.head != head:
            # "retaliated by closing", "accused X of arming", "prevented X from entering"
            gov = head.head
            if not _is_verb(gov):
                return ()
            objs = self._actor_objects(gov)
            if objs and head.lower_ not in self.g.agent_preps:
                return tuple(objs)
            return self._agent_tokens(gov, depth + 1)
        if (r == "acl" and _is_verb(pred) and head.pos_ in {"NOUN", "PROPN"}
                and not _is_past_participle(pred)):
            # "a publié un arrêté interdisant ...", "accepted an invitation to visit X": the
            # verb that has the noun as its object lends its agent
            gov = head.head
            if role(head) == "obj" and _is_verb(gov) and gov != head:
                return self._agent_tokens(gov, depth + 1)
            return ()
        if r == "xcomp" or (r == "advcl" and "Inf" in pred.morph.get("VerbForm")
                            and any(c.dep_ == "mark" and c.lower_ in _CONTROL_MARKS
                                    for c in pred.children)
                            and head.lemma_.lower() in self.g.request_words
                            and _is_verb(head) and self._actor_objects(head)):
            # (« a exhorté l'Iran à négocier »: the French model makes the infinitive of an
            # appeal an adverbial clause; it is controlled like a complement)
            gov = head
            if not _is_verb(gov):
                # "due to meet": climb through the adjective to its copula
                gov = gov.head if gov.head != gov else gov
                if not _is_verb(gov):
                    return ()
            if gov.lemma_.lower() not in self.g.subject_control_verbs:
                objs = self._actor_objects(gov)
                if objs:
                    return tuple(objs)  # object control: "urged Iran to return"
            return self._agent_tokens(gov, depth + 1)
        if r == "conj":
            reporter = self._reporter_of_conjunct(pred)
            if reporter is not None:
                return self._agent_tokens(reporter, depth + 1)
            if _is_verb(head):
                return self._agent_tokens(head, depth + 1)
            return ()
        if r == "obl" and _is_verb(pred) and _is_verb(head):
            # « a riposté en expulsant » parsed as an oblique: a gerund of manner
            return self._agent_tokens(head, depth + 1)
        if r == "advcl" and self._is_gerund(pred):
            # a gerund's subject is its finite clause's subject (« fermé l'espace aux avions
            # allant vers X, en accusant Y »: the parser hangs it on the noun's participle)
            gov = self._finite_governor(head)
            if gov is not None:
                return self._agent_tokens(gov, depth + 1)
        if r in {"advcl", "ccomp"} and _is_verb(head):
            if r == "ccomp" and head.lemma_.lower() in self.reporting:
                return ()  # a reported clause has its own agent, not the speaker
            return self._agent_tokens(head, depth + 1)
        if r == "advcl" and head.pos_ == "ADJ" and head.head != head:
            return self._inherited(head, depth + 1)
        return ()

    def _agent_tokens(self, verb: Token, depth: int) -> tuple[Token, ...]:
        subj, passive = self.subjects(verb)
        if passive:
            # "Blinken is expected to meet": the agent if one acts, else the raised subject
            return tuple(self.agents_of(verb) or subj)
        if subj:
            return tuple(subj)
        return self._compute(verb, depth).agents

    def _is_gerund(self, pred: Token) -> bool:
        return _is_participle(pred) and any(
            c.dep_ == "mark" and c.lower_ in self.g.manner_marks for c in pred.children)

    def _finite_governor(self, tok: Token) -> Token | None:
        """The nearest verb above ``tok`` that heads a clause of its own, climbing through
        participles that modify nouns (and their bare conjuncts) and through the nouns."""
        for _ in range(_MAX_CLIMB * 2):
            if _is_verb(tok) and role(tok) not in {"acl", "amod"} and not (
                    role(tok) == "conj" and _is_participle(tok)
                    and not any(role(c) in {"aux", "subj"} for c in tok.children)):
                return tok
            if tok.head == tok:
                return None
            tok = tok.head
        return None

    def _detached_participle(self, pred: Token) -> bool:
        """A present participle that modifies a non-subject noun across a comma."""
        if role(pred) != "acl" or not _is_participle(pred) or _is_past_participle(pred):
            return False
        head = pred.head
        if head == pred or pred.i <= head.i or role(head) not in {"obj", "obl"}:
            return False
        gov = head.head
        if not _is_verb(gov) or gov == head or not self.subjects(gov)[0]:
            return False
        return bool(pred.i > pred.sent.start and pred.doc[pred.i - 1].text == ",")

    def _bare_participle_with_agent(self, pred: Token) -> bool:
        return (_is_past_participle(pred) and pred.tag_ != "VBD"
                and not any(role(c) == "aux" for c in pred.children)
                and any(role(c) == "agent" for c in pred.children))

    def _actor_objects(self, verb: Token) -> list[Token]:
        """The controllers of an infinitive among a verb's objects: its direct object, or an
        object after a control preposition ("called on Iran to", « demandé à Kiev de »)."""
        direct = [c for c in verb.children if role(c) == "obj" and self.names_actor(c)]
        if direct:
            return direct
        out = []
        for c in verb.children:
            n = nominal_of(c)
            if (role(c) in {"obl", "iobj"} and case_of(n) in self.g.control_preps
                    and self.names_actor(n)):
                out.append(n)
        return out

    def _reporter_of_conjunct(self, pred: Token) -> Token | None:
        """"She said the navy was patrolling the strait and urged Manila to ...": the parser
        coordinates *urged* with the reported verb; a conjunct that has the reporting verb's
        form while the reported verb has another is the reporter's second act."""
        first = pred.head
        if role(first) != "ccomp" or first.head == first:
            return None
        reporter = first.head
        if reporter.lemma_.lower() not in self.reporting:
            return None
        same_as_reporter = pred.tag_ == reporter.tag_ and str(pred.morph.get("Tense")) == str(
            reporter.morph.get("Tense"))
        differs_from_first = pred.tag_ != first.tag_ or any(
            role(c) == "aux" for c in first.children) != any(
            role(c) == "aux" for c in pred.children)
        if same_as_reporter and differs_from_first:
            return reporter
        return None

    def _stranded_subject(self, pred: Token) -> tuple[Token, ...]:
        """"Le Hamas a libéré ... et Israël a relâché ...": the parser often hangs a second
        clause's subject on a noun of the first, leaving the verb without one. An actor right
        before the verb (and its auxiliaries), opened by a conjunction or a comma and not a
        dependent of the verb, is its subject."""
        first = min((pred, *(c for c in pred.children if role(c) == "aux" and c.i < pred.i)),
                    key=lambda t: t.i)
        if first.i <= pred.sent.start:
            return ()
        before = pred.doc[first.i - 1]
        start = self.mention_start(before)
        if start is None or before.head == pred or before.pos_ not in {"PROPN", "NOUN"}:
            return ()
        opener = start - 1
        while opener > pred.sent.start and pred.doc[opener].pos_ == "DET":
            opener -= 1
        if opener <= pred.sent.start or pred.doc[opener].pos_ not in {"CCONJ", "PUNCT"}:
            return ()
        return (before,)
