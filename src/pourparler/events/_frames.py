"""The frame reader: the source and target of a predicate, read from the dependency parse."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pourparler.actors import DocActors
from pourparler.events._args import EXPLICIT, ArgumentLayer, manner_governor, role
from pourparler.events._counterparts import salient_others, state_actor
from pourparler.events._syntax import (
    _ADJUNCT,
    _COMPLEMENT_CLAUSE,
    _CONJ,
    _MAX_CLIMB,
    _NON_STATE,
    _OBJ,
    _OBLIQUE,
    _OTHER_CLAUSE,
    _OWNER_REACH,
    _PASS_SUBJ,
    _RELATIVE,
    _REPORTED,
    _SUBJ,
    CONF_EXPLICIT,
    CONF_INFERRED,
    CONF_INHERITED,
)
from pourparler.events.lexicon import Lexicon, Predicate
from pourparler.events.ontology import cameo_country
from pourparler.geo import ArticlePlaces
from pourparler.model import Actor
from pourparler.syntax import case_of as _case_of
from pourparler.syntax import nominal_of as _nominal_of

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span


@dataclass(slots=True)
class _Frame:
    pred: Token
    entry: Predicate
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    confidence: float = CONF_EXPLICIT
    #: Victims of a judged act ("condemned the invasion of Ukraine"): never its target.
    victims: list[Actor] = field(default_factory=list)


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
    #: The name of a state from its ISO3 code ("UKR" -> "Ukraine").
    country_name: Callable[[str], str] = lambda iso3: iso3
    #: The article's places (dateline, countries it is about), for placing events; None
    #: leaves every event without a location.
    places: ArticlePlaces | None = None
    #: The article's own text (the parsed text may carry offset-preserving repairs).
    text: str | None = None


class _Reader:
    """Reads the frames of one sentence."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.g = ctx.lexicon.grammar
        self.args = ArgumentLayer(self.g, lambda t: bool(self.actors_of(t)), self._mention_start)

    def _mention_start(self, tok: Token) -> int | None:
        mention = self.ctx.actors.mention_at(tok.i)
        return None if mention is None else int(mention.start)

    # -- actors -----------------------------------------------------------------------------

    def actors_of(self, tok: Token, pred: Token | None = None) -> list[Actor]:
        """Actors denoted by the argument headed by ``tok``."""
        if tok.lower_ in self.g.first_person and pred is not None:
            # "'We will respond,' the minister said": inside a quote, we are the speaker's side
            speaker = self._reported_speaker(pred)
            if speaker:
                return speaker
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
            if clause.dep_ in _RELATIVE and clause.head != clause:
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
        if not found and tok.lemma_.lower() not in self.g.measure_nouns:
            # "le nouveau secrétaire d'État américain Marco Rubio": the name in apposition;
            # "les bombardements israéliens", "a US drone strike": the state named by a demonym
            for c in tok.children:
                if c.dep_ in {"appos", "flat:name", "amod", "compound"}:
                    found = [a for a in self.ctx.actors.resolve(c) if c.dep_ in {"appos",
                             "flat:name"} or (a.country and not a.org)]
                    if not found and c.dep_ in {"amod", "compound"}:
                        iso3 = self.ctx.demonym_country(c.text)
                        if iso3:
                            found = [state_actor(self.ctx.country_name(iso3), c.text, iso3)]
                    if found:
                        break
        if not found and tok.pos_ in {"NOUN", "PRON", "NUM"}:
            # "les représentants de Kiev", "the leaders of the rebels", "celle de la France":
            # what belongs to, or speaks for, the actor of its genitive complement
            for c in tok.children:
                n = _nominal_of(c)
                if c.dep_ in {"nmod", "prep"} and _case_of(n) in self.g.genitive_preps:
                    # "des milliers de partisans de la junte", "two of its villages": follow
                    # the chain of complements
                    found = self.actors_of(n) or (
                        self._owner_of_thing(n, pred) if tok.pos_ in _PARTITIVE_POS else [])
                    if found:
                        break
        if any(a.country or a.org for a in found):
            return found
        # a role of no one in particular ("its embassy" before its owner is known) or nothing:
        # the owner its possessive names
        return self._owner_of_thing(tok, pred) or found

    def _owner_of_thing(self, tok: Token, pred: Token | None) -> list[Actor]:
        """"shelled its villages", « a saisi ses navires »: a thing acted on stands for the
        owner its possessive names, unless the owner is the actor itself ("suspended its
        aid")."""
        top = tok.head if tok.dep_ in {"pobj", "nmod"} and tok.head.pos_ == "NUM" else tok
        if (tok.pos_ != "NOUN" or pred is None or not _possessed(tok)
                or top.dep_ in _SUBJ or (top.dep_ == "pobj" and top.head.head.dep_ in _SUBJ)):
            return []  # only what is acted on: "their captors demanded" is not the owners
        # the act's agents: the predicate's subject, or for an event noun its clause's
        verb = pred if any(x.dep_ == "cop" for x in pred.children) else next(
            (v for v in (pred, *pred.ancestors) if v.pos_ in {"VERB", "AUX"}), pred)
        agents = {a.key for c in verb.children if c.dep_ in _SUBJ
                  for a in self.ctx.actors.resolve(c)}
        owners = self.ctx.actors.resolve_possessor(tok)
        found = [a for a in owners if a.key not in agents]
        if owners and not found:
            # "Kenya said Uganda attacked its embassy": a pronoun the nearest subject cannot own
            # (no one attacks their own embassy) is the reporter's
            found = [a for a in self._reported_speaker(verb) or [] if a.key not in agents]
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
        reporter = self.reporting_verb(pred)
        return None if reporter is None else self.speaker_actors(reporter)

    def reporting_verb(self, pred: Token | None) -> Token | None:
        """The reporting verb that governs ``pred`` ('X said (that) ...'); with the quote
        first (« ... », a déclaré X) the parser often makes the reporting verb a dependent of
        the quoted clause."""
        cur = pred
        for _ in range(_MAX_CLIMB):
            if cur is None:
                return None
            for c in cur.children:
                if (c.dep_ in _COMPLEMENT_CLAUSE and pred is not None and c.i > pred.i
                        and c.lemma_.lower() in self.g.reporting_verbs):
                    return c
            if cur.head == cur:
                return None
            if cur.dep_ in _COMPLEMENT_CLAUSE or cur.dep_ == "advcl":
                head = cur.head
                return head if head.lemma_.lower() in self.g.reporting_verbs else None
            cur = cur.head
        return None

    def speaker_actors(self, reporter: Token) -> list[Actor] | None:
        for c in self._speakers(reporter):
            found = self.ctx.actors.resolve(c)
            if found:
                return found
        return None

    # -- argument positions -----------------------------------------------------------------

    def _subjects(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject tokens of ``verb``, and whether the verb is passive."""
        return self.args.subjects(verb)

    def _agents(self, verb: Token) -> list[Token]:
        return self.args.agents_of(verb)

    def _with_conjuncts(self, toks: Iterable[Token]) -> list[Token]:
        """Each token and its conjuncts. A name list "A, B, C et D" is often parsed with B as
        an apposition of A and C, D as conjuncts of B: an apposition that has conjuncts of its
        own is read as one more member of the list."""
        out: list[Token] = []
        for t in toks:
            out.append(t)
            out.extend(c for c in t.conjuncts if c.i > t.i and c not in out)
            for c in t.children:
                # (the parser also labels that second item nmod, with no preposition)
                listed = c.dep_ == "appos" or (c.dep_ == "nmod" and c.pos_ == "PROPN" and not any(
                    cc.dep_ == "case" for cc in c.children))
                if listed and any(cc.dep_ == "conj" for cc in c.children):
                    for m in (c, *c.conjuncts):
                        if m not in out:
                            out.append(m)
        return out

    def _target_tokens(self, pred: Token, entry: Predicate, *, objects: bool) -> list[Token]:
        partners = self._partner_preps(entry)
        preps = self.g.target_preps - (self.g.locative_preps if entry.symmetric else set())
        preps |= set(entry.preps)
        if not partners:
            preps -= self.g.partner_preps - self.g.between_preps
        out: list[Token] = []
        out.extend(self._nested_partners(pred, entry))
        for c in pred.children:
            if c.dep_ in _OBJ and objects and not entry.no_object_target:
                out.append(c)
                if not self.ctx.actors.resolve(c):
                    # "criticised Washington's decision", "a frappé le réseau électrique de
                    # l'Ukraine": whose the thing acted on is
                    out.extend(self._owners_in(c))
            elif (c.dep_ in _ADJUNCT and objects and not entry.no_object_target
                  and c.pos_ == "PROPN" and c.i > pred.i and _case_of(c) is None
                  and self.ctx.actors.resolve(c)):
                # "a financé le Hamas" parsed as an adjunct: a bare name after the verb, with
                # no preposition, is its object (bare adjuncts are times: "lundi")
                out.append(c)
            elif (c.dep_ == "nmod" and objects and not entry.no_object_target
                  and pred.pos_ == "VERB" and c.i > pred.i and _case_of(c) is None):
                # « en expulsant deux diplomates russes » with the object labelled nmod: a
                # verb's nominal with no preposition is its object
                out.append(c)
            elif c.dep_ in _OBJ and c.dep_ in {"iobj", "dative"}:
                out.append(_nominal_of(c))
            elif c.dep_ in _OBLIQUE or c.dep_ == "compound":
                n = _nominal_of(c)
                case = _case_of(n)
                if case in partners or case in self.g.between_preps or (
                    case in preps and c.dep_ not in _ADJUNCT
                ):
                    out.append(n)
                    if not self.ctx.actors.resolve(n):
                        out.extend(self._owners_in(n))
        return self._with_conjuncts(out)

    def _partner_preps(self, entry: Predicate | None) -> frozenset[str]:
        """Prepositions that name the other party ("with X"); none for a mediator, whose
        "with X" is a co-mediator, not a party it mediates between."""
        if entry is not None and entry.implicit_parties:
            return frozenset()
        return self.g.partner_preps

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
        preps = self._partner_preps(entry) | set(entry.preps if entry else ())
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
                    out.append(state_actor(a.name, a.text, a.country))
        return out

    # -- frames -----------------------------------------------------------------------------

    def verb_frame(self, sent: Span, pred: Token, entry: Predicate) -> _Frame:
        frame = _Frame(pred, entry)
        args = self.args.of(pred)
        passive = args.passive
        frame.sources = self._resolve_all(self._with_conjuncts(args.agents), pred)
        patients = self._with_conjuncts(args.patients)
        if entry.patient_is_source and not frame.sources:
            # "troops were deployed", "des troupes rassemblées": the troops' state acts
            frame.sources = self._resolve_all(patients, pred)
        elif passive:
            frame.targets = self._resolve_all(patients, pred)
        if frame.sources and args.via != EXPLICIT:
            frame.confidence = CONF_INHERITED
        if not frame.targets:
            toks = self._target_tokens(pred, entry, objects=not entry.patient_is_source)
            judged: list[Actor] = []
            if entry.cameo[:2] in _JUDGEMENT_ROOTS:
                toks, judged, frame.victims = self._judged_acts(toks)
                if not judged and not passive and any(
                        role(c) == "obj" and c.pos_ == "NOUN"
                        and self.ctx.actors.mention_at(c.i) is None for c in pred.children):
                    # « a fustigé une violation ... par des drones russes » with the by-phrase
                    # hung on the active verb: it can only be the judged deed's agent
                    judged = [a for c in pred.children if role(c) == "obl"
                              and _case_of(_nominal_of(c)) in self.g.agent_preps
                              for a in self.actors_of(_nominal_of(c), pred)]
            frame.targets = judged + [a for a in self._resolve_all(toks, pred)
                                      if a not in judged]
        if not frame.sources and passive and role(pred) not in {"acl", "amod"}:
            # "X said tariffs would be imposed on Y": an agentless passive announced by a
            # speaker is the speaker's side's act
            frame.sources = self._reported_speaker(pred) or []
            if frame.sources:
                frame.confidence = CONF_INFERRED
        if not frame.targets and (entry.inherit_target or manner_governor(pred, self.g)):
            # "hit back at Russia by expelling ...": a manner clause acts on its governor's
            # target
            frame.targets = self._inherited_target(pred, entry)
            if frame.targets:
                frame.confidence = min(frame.confidence, CONF_INHERITED)
        if not frame.targets and entry.target_from_place:
            frame.targets = self._place_targets(sent, pred)
            if frame.targets:
                frame.confidence = CONF_INFERRED
        return frame

    def _judged_acts(self, toks: Sequence[Token]
                     ) -> tuple[list[Token], list[Actor], list[Actor]]:
        """"condemned the invasion of Ukraine", « a dénoncé l'assaut contre l'ambassade »: who
        judges a hostile act judges its agent, not its victim. Returns the other target tokens,
        the agents the acts name (by a possessive, a demonym or a by/par phrase) and the
        acts' other participants, their victims."""
        rest: list[Token] = []
        agents: list[Actor] = []
        victims: list[Actor] = []
        acts: set[int] = set()
        for t in toks:
            entries = [p for p in self.ctx.lexicon.lookup(t.lemma_, "NOUN")
                       if p.cameo[:2] in _JUDGED_ACT_ROOTS]
            if t.pos_ != "NOUN" or self.ctx.actors.mention_at(t.i) is not None:
                rest.append(t)
                continue
            if not entries:
                # « a fustigé une violation de l'espace aérien par des drones russes », "the
                # statement by Moscow": any deed its by/par phrase names is that agent's
                by = [a for c in t.children if _case_of(_nominal_of(c)) in self.g.agent_preps
                      for a in self.actors_of(_nominal_of(c))]
                if not by:
                    rest.append(t)
                    continue
                acts.add(t.i)
                agents.extend(a for a in by if a not in agents)
                continue
            acts.add(t.i)
            if entries[0].patient_is_source:
                # "defended the deployment of Rwandan troops": what is deployed acts
                agents.extend(a for a in self.actors_of(t) if a not in agents)
                continue
            for c in t.children:
                n = _nominal_of(c)
                if c.dep_ in {"poss", "nmod:poss"} or (
                        c.dep_ == "det" and "Yes" in c.morph.get("Poss")):
                    found = (self.ctx.actors.resolve(c) if c.dep_ != "det"
                             else self.ctx.actors.resolve_possessor(t))
                elif c.dep_ in {"amod", "compound"}:
                    found = [a for a in self.actors_of(c) if a.country or a.org]
                    iso3 = None if found else self.ctx.demonym_country(c.text)
                    if iso3:
                        found = [state_actor(self.ctx.country_name(iso3), c.text, iso3)]
                elif _case_of(n) in self.g.agent_preps:
                    found = self.actors_of(n)
                else:
                    continue
                agents.extend(a for a in found if a not in agents)
            victims.extend(a for a in self.actors_of(t) if a not in agents and a not in victims)
        # a complement of a judged act (« l'invasion de l'Ukraine ») is its victim too
        rest = [t for t in rest if not any(a.i in acts for a in t.ancestors)]
        return rest, agents, victims

    def followers(self, pred: Token) -> list[Actor]:
        """"Chile recalled its envoy, followed by Peru", « suivi le lendemain par l'Espagne »:
        the agents of a following verb attached to the predicate copy its act."""
        out: list[Actor] = []
        for c in pred.children:
            if c.dep_ in {"advcl", "acl", "conj"} and c.lemma_.lower() in self.g.follower_verbs:
                # only a by/par agent: "and followed the talks" is no follower
                agents = [_nominal_of(x) for x in c.children if role(x) == "agent"]
                out.extend(self._resolve_all(self._with_conjuncts(agents), c))
        return out

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
            if cur.head == cur:
                break
            if cur.dep_ in _REPORTED and cur.head.lemma_.lower() in self.g.reporting_verbs:
                clause = cur
                break
            cur = cur.head
        if clause is None:
            return frame, None
        reporter = clause.head
        frame.sources = self._resolve_all(self._with_conjuncts(self._speakers(reporter)), reporter)
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
        """The agent a clause borrows from its governor (the argument layer's reading)."""
        args = self.args.of(pred)
        if args.via == EXPLICIT and not args.passive:
            return []
        return self._resolve_all(self._with_conjuncts(args.agents), pred)

    def _inherited_target(self, pred: Token, entry: Predicate) -> list[Actor]:
        """'called X to demand ...' / 'spoke to X and demanded ...': the governor's target."""
        head = manner_governor(pred, self.g)
        if head is None:
            if pred.dep_ not in {_CONJ, "advcl", "xcomp"} or pred.head == pred:
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
        by_demonym: list[Actor] = []
        copular = any(x.dep_ == "cop" for x in pred.children)
        for c in pred.children:
            n = _nominal_of(c)
            case = _case_of(n)
            if c.dep_ in {"nmod:poss", "poss"}:
                src_toks.append(c)
            elif copular and c.dep_ in _SUBJ:
                # « l'Ouganda était derrière l'attaque »: the copular clause's subject is the
                # act's agent (UD makes the noun the clause's head)
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
                elif c.dep_ == "amod" and (iso3 := self.ctx.demonym_country(c.text)):
                    # « une attaque russe contre X », "Israeli strikes": the demonym's state acts
                    by_demonym.append(state_actor(self.ctx.country_name(iso3), c.text, iso3))
                elif c.dep_ == "compound":
                    # "a NATO-Russia council meeting": the parties hang on the inner compound
                    participants.extend(x for x in n.children
                                        if x.dep_ == "compound" and self.ctx.actors.resolve(x))
            elif (c.dep_ == "acl" and c.lemma_.lower() not in self.g.targeting_verbs
                  and self.args.of(c).passive):
                # "les sanctions imposées par le Canada", "a truce agreed by both sides": the
                # participle's agent is the act's source
                src_toks.extend(self.args.of(c).agents)
            elif c.dep_ in {"acl"} and c.lemma_.lower() in self.g.targeting_verbs:
                # "des sanctions visant X", "sanctions targeting X"
                for cc in c.children:
                    if cc.dep_ in _OBJ or cc.dep_ in {"obl", "obl:arg", "prep"}:
                        tgt_toks.append(_nominal_of(cc))
                src_toks.extend(self._agents(c))
        if not tgt_toks:
            tgt_toks = self._nested_partners(pred)
        if self._setting(pred) and not any(
                _case_of(_nominal_of(c)) in self.g.partner_preps | self.g.between_preps
                for c in pred.children):
            # "spoke at a NATO summit", « en marge d'une réunion de l'Otan »: the scene of
            # another act, whose actors and places are not its parties; only its own say who
            # met (a lone owner makes no pair)
            parties = self._resolve_all(self._with_conjuncts(src_toks + genitive), pred)
            if entry.symmetric and len(parties) < 2:
                # « au terme d'un appel entre X et Y » with "between" hung on the verb
                parties = self._resolve_all(self._governor_between(pred), pred) or parties
            if entry.symmetric and len(parties) >= 2:
                frame.sources, frame.targets = parties[:1], parties[1:]
            elif not entry.symmetric and tgt_toks:
                # "during a Russian attack on Kyiv": an act the scene names with both its
                # sides is an event of its own
                frame.sources = (self._resolve_all(self._with_conjuncts(src_toks), pred)
                                 or by_demonym[:1])
                frame.targets = self._resolve_all(self._with_conjuncts(tgt_toks), pred)
            return frame
        if not participants and (entry.symmetric or not (src_toks or tgt_toks or genitive)):
            participants = self._governor_between(pred)
        frame.sources = (frame.sources or self._resolve_all(self._with_conjuncts(src_toks), pred)
                         or by_demonym[:1])
        frame.targets = self._resolve_all(self._with_conjuncts(tgt_toks), pred)
        bare = [n for n in participants if self._bare_role(n)]
        if bare and not frame.sources and self._light_verb_subject(pred):
            # "France and Italy held joint military exercises": a bare role word on the noun
            # says what kind of act it is; the governing verb's subject says who acts
            participants = [n for n in participants if n not in bare]
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
        if gen and entry.implicit_parties:
            # « se sont rencontrés sous l'égide de X », "under the mediation of X": the
            # genitive mediates between the parties the governing verb names
            keys = {a.key for a in gen}
            parties = [a for a in frame.sources + frame.targets if a.key not in keys]
            frame.sources, frame.targets = gen, parties
            gen = []
        if gen and frame.sources and entry.cameo[:2] == _REQUEST_ROOT and _case_of(pred):
            # « arrivés à la demande de Maputo », "at the request of Kabul": the genitive asks,
            # the clause that the request governs is the act of the one asked
            frame.sources, frame.targets = gen, frame.sources
            gen = []
        if gen:
            if frame.sources and entry.patient_is_source:
                # "l'envoi de 3 000 soldats": the troops are the sender's own, unless their
                # nationality is said (« le rappel des ambassadeurs malien et nigérien »)
                frame.sources = self._nationalities(genitive) or frame.sources
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

    def _nationalities(self, toks: Sequence[Token]) -> list[Actor]:
        """The states the demonyms on ``toks`` name, coordinated ones included."""
        out: list[Actor] = []
        for tok in toks:
            for c in tok.children:
                if c.dep_ != "amod":
                    continue
                for d in (c, *c.conjuncts):
                    iso3 = self.ctx.demonym_country(d.text)
                    if iso3 and all(a.country != iso3 for a in out):
                        out.append(state_actor(self.ctx.country_name(iso3), d.text, iso3))
        return out

    def _setting(self, noun: Token) -> bool:
        """Whether an event noun is the scene of another act: the object of a setting
        preposition, or the complement of a setting noun ("on the sidelines of")."""
        case = _case_of(noun) or ""
        if case.split(" ")[0] in self.g.setting_preps:
            return True
        head = noun.head
        if head == noun or case not in self.g.genitive_preps:
            return False
        if head.pos_ == "ADP" and head.head != head:
            head = head.head  # English: sidelines -> of -> summit
        # « lors de » is parsed as an adverb governing the noun
        words = self.g.setting_nouns | self.g.setting_preps
        return head.lemma_.lower() in words or head.lower_ in words

    def _bare_role(self, tok: Token) -> bool:
        """A role word alone, owned by no one in its phrase ("military", "police")."""
        m = self.ctx.actors.mention_at(tok.i)
        return m is not None and m.kind == "role" and m.end - m.start == 1

    def _governor_between(self, noun: Token) -> list[Token]:
        """"des pourparlers ont eu lieu entre X et Y", "talks were held between X and Y"; also
        through a transparent noun (« au terme d'un appel entre X et Y », the parser hanging
        the "between" phrase on the verb)."""
        head = noun.head
        for _ in range(2):
            if head.pos_ == "ADP" or head.lemma_.lower() in self.g.transparent_nouns:
                if head.head == head:
                    return []
                head = head.head
        if head == noun or head.pos_ not in {"VERB", "AUX"}:
            return []
        for c in head.children:
            n = _nominal_of(c)
            if c != noun and _case_of(n) in self.g.between_preps:
                return self._with_conjuncts([n])
        return []

    def _governor_objects(self, noun: Token) -> list[Actor]:
        """"warned Biden in a phone call", "a averti X lors d'un entretien": a joint act named
        in an adjunct of a verb takes place between the verb's subject and its object."""
        cur = noun
        for _ in range(2):
            if cur.head == cur or cur.dep_ not in {"pobj", "prep", "obl", "obl:mod", "nmod"}:
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
            if cur.head == cur:
                return []
            if cur.dep_ not in _OBJ | {"obl", "obl:arg", "nmod", "pobj", "prep", "xcomp", "attr",
                                       "obl:mod"}:
                return []
            cur = cur.head
            if cur.pos_ != "ADP" and cur.lemma_.lower() not in self.g.transparent_nouns:
                steps += 1  # "un paquet de sanctions", "after hours of talks": not steps
            if cur.pos_ in {"VERB", "AUX"}:
                if any(p.cameo[:2] in _JUDGEMENT_ROOTS
                       for p in self.ctx.lexicon.lookup(cur.lemma_, "VERB")):
                    # "Kenya condemned the attack": who judges an act did not commit it
                    return []
                subj, passive = self._subjects(cur)
                if passive:
                    subj = self._agents(cur)
                if subj:
                    return self._resolve_all(self._with_conjuncts(subj), cur)
                return self._inherited_subject(cur)
        return []

    def _light_verb_target(self, noun: Token, entry: Predicate) -> list[Actor]:
        head = noun.head
        if head == noun or head.pos_ not in {"VERB", "AUX"} or noun.dep_ not in _OBJ:
            return []
        toks = []
        preps = self.g.target_preps | set(entry.preps)
        for c in head.children:
            n = _nominal_of(c)
            if c == noun:
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

    def _members(self, tok: Token, role: bool) -> list[Actor]:
        """A plural description of several actors: "les présidents congolais X et rwandais Y"
        (the names hang on the plural), or a role the actor stage read as one actor ("the two
        leaders", « les deux ministres »: the story's two principals so far)."""
        if tok.pos_ != "NOUN" or "Plur" not in tok.morph.get("Number"):
            return []
        named: list[Actor] = []
        for c in tok.children:
            if c.pos_ == "PROPN" and c.dep_ in {"appos", "nmod", "flat:name", "amod"} and \
                    _case_of(c) is None:
                named.extend(a for a in self.ctx.actors.resolve(c) if a not in named)
        if len(named) >= 2:
            return named
        if not role or not any(c.lower_ in self.g.pair_words for c in tok.children
                               if c.i < tok.i):
            return []  # "two types of fish": only a role or a party noun makes a pair
        # the two parties the text has named most so far (the story's principals), the more
        # recent first on a tie
        counts: dict[str, int] = {}
        last: dict[str, tuple[int, Actor]] = {}
        for m in self.ctx.actors.mentions:
            key = m.actor.key
            if m.end > tok.i or key is None:
                continue
            counts[key] = counts.get(key, 0) + 1
            last[key] = (m.start, m.actor)
        ranked = sorted(counts, key=lambda k: (-counts[k], -last[k][0]))[:2]
        if len(ranked) < 2:
            return []
        return [last[k][1] for k in sorted(ranked, key=lambda k: last[k][0])]

    def _resolve_all(self, toks: Sequence[Token], pred: Token) -> list[Actor]:
        out: list[Actor] = []
        seen: set[tuple[str | None, str | None, str]] = set()
        for t in toks:
            found = self._distributed(t, self.actors_of(t, pred))
            if len(found) < 2:
                found = self._members(t, role=bool(found) or t.lemma_.lower() in
                                      self.g.party_nouns) or found
            if not found and t.lemma_.lower() in self.g.all_parties:
                # "toutes les parties", "both sides": the story's two main adversaries
                found = salient_others(self.ctx.actors, (), count=2)
            for a in found:
                if not a.country and not a.org:
                    continue  # "missile strikes", "foreign embassies": no one in particular
                k = (a.key, a.sector, a.name)
                if k not in seen:
                    seen.add(k)
                    out.append(a)
        return out


#: Roots of verbs that judge or answer an act named by their object (statements, praise,
#: disapproval, rejection): their subject is not the act's agent.
_JUDGEMENT_ROOTS = frozenset({"01", "05", "11", "12"})
#: Roots of the acts whose judge aims at the agent: threats, protests, force, coercion,
#: sanctions and violence (13-20).
_JUDGED_ACT_ROOTS = frozenset({"13", "14", "15", "16", "17", "18", "19", "20"})


#: Heads of a partitive ("two of its villages", "some of its ships"), through which the
#: owner of the things counted is reached; a noun's genitive ("the betrayal of their
#: constitution") is not what is acted on.
_PARTITIVE_POS = frozenset({"NUM", "PRON", "DET"})


#: Appeals and requests (02): a request noun in an adjunct is the genitive's.
_REQUEST_ROOT = "02"


def _possessed(tok: Token) -> bool:
    """Whether a noun carries a possessive determiner ("its", « ses »)."""
    return any(c.dep_ in {"poss", "nmod:poss"} or "Yes" in c.morph.get("Poss")
               for c in tok.children)
