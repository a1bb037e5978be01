"""Event status from the clause: negation, modality, conditionals and tense."""

from __future__ import annotations

from typing import Any

from pourparler.events.lexicon import Grammar
from pourparler.model import Status

Token = Any  # spacy.tokens.Token (spaCy ships no type stubs for mypy --strict)

#: Dependency labels (French UD and English ClearNLP) that attach auxiliaries and markers.
_AUX_DEPS = frozenset({"aux", "aux:tense", "aux:pass", "auxpass", "cop"})
_NEG_DEPS = frozenset({"advmod", "neg", "advmod:neg", "det", "nmod", "obl:mod"})
#: Labels that keep us inside one clause while climbing from a noun to its verb.
_NOMINAL_CLIMB = frozenset({
    "obj", "dobj", "nsubj", "nsubj:pass", "nsubjpass", "obl", "obl:arg", "obl:mod", "obl:agent",
    "nmod", "pobj", "prep", "attr", "appos", "conj", "compound", "iobj",
})
#: Labels that join a verb to the verb that governs its modality ("pourrait conduire").
_VERBAL_CLIMB = frozenset({"xcomp", "conj"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})
#: Relative clauses (English and French labels): asserted on their own, whatever the verb
#: of the clause their noun belongs to.
_RELATIVE = frozenset({"relcl", "acl:relcl"})
_OBJECT_DEPS = frozenset({"obj", "dobj", "pobj", "prep", "nmod"})
_MAX_CLIMB = 6  # deeper chains are parser noise; six covers "pourrait ... menace de ... contre"
#: How far above the predicate a refusal or an intent still governs it: its head and the
#: head's head ("plans pour attaquer": attaquer -> pour-clause -> plans).
_INTENT_REACH = 2
#: Dependents that can carry a future marker ("prochaine réunion", "pourparlers à venir",
#: "upcoming talks", "talks next week").
_MODIFIER_DEPS = frozenset({"amod", "advmod", "aux", "aux:tense", "acl", "nmod", "obl:mod",
                            "npadvmod", "compound", "case", "fixed"})


def _is_future_verb(tok: Token, g: Grammar) -> bool:
    if "Fut" in tok.morph.get("Tense"):
        return True
    for child in tok.children:
        if child.dep_ in _AUX_DEPS or child.dep_ == "aux":
            lemma = child.lemma_.lower()
            if "Fut" in child.morph.get("Tense") or lemma in g.future_auxiliaries:
                return True
            if child.lower_ in g.future_auxiliaries:
                return True
    return False


def _is_negated(tok: Token, g: Grammar) -> bool:
    for child in tok.children:
        if child.dep_ in {"nsubj", "nsubj:pass", "nsubjpass", "obj", "dobj"} and any(
            d.dep_ == "det" and (d.lemma_.lower() in g.negative_determiners
                                 or d.lower_ in g.negative_determiners)
            for d in child.children
        ):
            # "aucun soldat américain ne combattra", "no country will ...", « n'a frappé
            # aucune cible », "sent no troops"
            return True
        lemma = child.lemma_.lower()
        low = child.lower_
        if child.dep_ in _NEG_DEPS and (lemma in g.negation or low in g.negation):
            return True
        if child.dep_ == "neg":
            return True
        if child.dep_ == "advmod" and any(d.dep_ == "neg" or d.lower_ in g.negation
                                          for d in child.children):
            return True  # "no longer supplies"
        if child.dep_ == "det" and (
            lemma in g.negative_determiners or low in g.negative_determiners
        ):
            return True
    # « n'a plus attaqué »: the particle may hang on the auxiliary, its partner on the verb
    low_children = {c.lower_ for c in tok.children} | {
        d.lower_ for c in tok.children if c.dep_.startswith("aux") for d in c.children}
    # « ne livre plus », « n'a rien signé »
    return bool(low_children & _NE and low_children & g.ne_partners)


#: The French negative particle, which negates only with a partner ("ne ... plus"): alone it
#: is often expletive ("avant qu'il ne parte").
_NE = frozenset({"ne", "n'", "n’"})


def _free_choice(tok: Token, g: Grammar) -> bool:
    """"toute incursion", "any violation", "a possible delivery": an act that is only
    envisaged, whatever the tense of its clause."""
    return any(c.dep_ in {"det", "amod"} and c.lower_ in g.free_choice_words
               for c in tok.children)


def _is_hypothetical(tok: Token, g: Grammar, under_reporting: bool = False) -> bool:
    for child in tok.children:
        low = child.lower_
        lemma = child.lemma_.lower()
        if child.dep_ == "mark" and (low in g.conditional_marks or lemma in g.conditional_marks):
            return True
        if child.dep_ in _AUX_DEPS or child.dep_ == "aux":
            if under_reporting and low in g.reported_future_modals:
                continue  # "said it would stage drills": a future in the past
            if low in g.hypothetical_modals:
                return True
            if lemma in g.hypothetical_modals and "Cnd" in child.morph.get("Mood"):
                return True
    # a modal verb that governs the predicate as xcomp ("pourrait conduire")
    return bool(
        tok.dep_ == "xcomp"
        and tok.head.lemma_.lower() in g.hypothetical_modals
        and "Cnd" in tok.head.morph.get("Mood")
    )


def _governing_verb(tok: Token) -> Token | None:
    """For a noun, the verb whose clause it belongs to."""
    cur = tok
    for _ in range(_MAX_CLIMB):
        if cur.dep_ not in _NOMINAL_CLIMB or cur.head == cur:
            return None
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            return cur
    return None


def _infinitive_complement(tok: Token) -> bool:
    """"urged Iran to negotiate" (xcomp); « exhorté l'Iran à négocier » (the French model makes
    the infinitive an adverbial clause)."""
    return tok.dep_ == "xcomp" or (
        tok.dep_ == "advcl" and "Inf" in tok.morph.get("VerbForm")
        and any(c.dep_ == "mark" and c.lower_ in CONTROL_MARKS for c in tok.children))


#: Markers of a controlled infinitive in French (« exhorter X à », « demander à X de »), unlike
#: a purpose clause (« a appelé X pour exiger »).
CONTROL_MARKS = frozenset({"à", "de", "d'"})


def committed(pred: Token, g: Grammar) -> Token | None:
    """The commitment word ("pledged to", « s'est dit prêt à ») that governs ``pred`` within
    the reach of an intent, if any."""
    up = pred
    steps = 0
    while steps < _INTENT_REACH and up.head != up and up.dep_ != "conj":
        up = up.head
        if up.pos_ == "ADP":
            continue
        steps += 1
        if up.lemma_.lower() in g.commitment_words:
            return up
    return None


def clause_status(pred: Token, g: Grammar, *, under_reporting: bool) -> Status:
    """Status of the event whose predicate is ``pred``.

    ``under_reporting``: the clause is the complement of a reporting verb, where a conditional
    verb is a future in the past ("a dit que la Russie retirerait" -> future).
    """
    chain = [pred]
    if pred.pos_ not in {"VERB", "AUX"}:
        verb = _governing_verb(pred)
        if verb is not None:
            chain.append(verb)
    # climb through xcomp/conj to catch "pourrait conduire", "refuse de", "will meet and sign"
    cur = chain[-1]
    coordinated: set[int] = set()  # reached through a conjunction: it does not govern pred
    for _ in range(_MAX_CLIMB):
        if cur.dep_ not in _VERBAL_CLIMB or cur.head == cur:
            break
        conj = cur.dep_ == "conj" or bool(coordinated)
        cur = cur.head
        chain.append(cur)
        if conj:
            coordinated.add(cur.i)

    if pred.pos_ not in {"VERB", "AUX"} and _is_negated(pred, g):
        return "negated"
    if pred.pos_ in {"NOUN", "PROPN"} and _free_choice(pred, g):
        return "hypothetical"
    if pred.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in _SUBJECTS and c.pos_ in {"NOUN", "PROPN"} and _free_choice(c, g)
            for c in pred.children):
        return "hypothetical"  # "toute incursion serait repoussée"
    # a refusal, denial or intent two steps up governs the act whatever the link label:
    # "dément soutenir", "refuses to meet", "préparait des plans pour attaquer"
    up = pred
    steps = 0
    objects_only = pred.pos_ in {"NOUN", "PROPN"}  # the act noun is an object, or in one
    while steps < _INTENT_REACH:
        objects_only = objects_only and up.dep_ in _OBJECT_DEPS
        if up.head == up or up.dep_ == "conj":
            break  # "rejected the report and accused X": a refusal does not reach its conjunct
        if up.dep_ in _RELATIVE:
            break  # "X, which had demanded his release, rejected ...": a relative is asserted
        child, up = up, up.head
        if up.pos_ == "ADP":
            continue  # "fears of an offensive": the preposition is not a step
        steps += 1
        lemma = up.lemma_.lower()
        if lemma in g.refusal_verbs:
            return "negated"
        if objects_only and lemma in g.halting_verbs and child.dep_ in {"obj", "dobj"}:
            return "negated"  # "suspended military aid", "froze $30m in aid": none is given
        if lemma in g.intent_words or lemma in g.commitment_words or (
            lemma in g.request_words and (pred.pos_ in {"NOUN", "PROPN"}
                                          or (steps == 1 and _infinitive_complement(pred)))
        ):
            # ("urged Iran to negotiate", « a exhorté l'Iran à négocier »: only asked for)
            return "hypothetical"
    if (pred.dep_ == "ccomp" and pred.pos_ in {"VERB", "AUX"} and pred.head != pred
            and pred.head.lemma_.lower() in g.request_words):
        return "hypothetical"  # "proposed that the government freeze ...": only proposed
    if pred.dep_ == "xcomp" and any(c.dep_ == "advmod" and c.lower_ in g.not_yet_words
                                    for c in pred.head.children):
        return "negated"  # "which have yet to ratify it"
    for tok in chain:
        if tok.pos_ in {"VERB", "AUX"} and _is_negated(tok, g):
            return "negated"
        if tok.lemma_.lower() in g.refusal_verbs and tok != pred and tok.i not in coordinated:
            return "negated"
    for tok in chain:
        if _is_hypothetical(tok, g, under_reporting):
            return "hypothetical"
    for tok in chain:
        if tok.pos_ in {"VERB", "AUX"} and _is_future_verb(tok, g):
            return "future"
        if under_reporting and any(c.lower_ in g.reported_future_modals
                                   for c in tok.children if c.dep_ == "aux"):
            return "future"
        for child in tok.children:
            if child.dep_ not in _MODIFIER_DEPS:
                continue  # "set" in "stormed ... and set fire" is a conjunct, not a marker
            if child.lemma_.lower() in g.future_words or child.lower_ in g.future_words:
                return "future"
        if tok.lemma_.lower() in g.future_words and tok != pred:
            return "future"
    if (pred.dep_ == "xcomp" and pred.head.lemma_.lower() in g.scheduling_modals
            and "Inf" in pred.morph.get("VerbForm") and pred.head.pos_ == "AUX"):
        return "future"  # "the envoys are to meet next week"
    verb = chain[-1] if chain[-1].pos_ in {"VERB", "AUX"} else None
    if verb is not None and "Cnd" in verb.morph.get("Mood"):
        return "future" if under_reporting else "hypothetical"
    if (pred.dep_ == "acl" and "Inf" in pred.morph.get("VerbForm")
            and pred.head.pos_ == "NOUN"):
        # "an invitation to visit X", "des projets de se rendre à": planned, not done
        return "future"
    return "asserted"
