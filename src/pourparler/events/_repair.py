"""Repairs of frequent errors of the spaCy models, applied to the parse before any stage reads it.

Each repair is one rule for one class of error, written against the models' measured behaviour
and tested on sentences of our own (tests/test_repair.py):

- *past participles tagged as nouns* (« Macron a téléphoné à Poutine »): a word the French model
  tags NOUN though a tense auxiliary hangs on it, and which is the participle of a verb the lexicon
  knows, is that verb;
- *unlemmatised verbs*: the French model leaves many present-tense and imperfect forms as they
  are (« bombarde », « condamnent »); a verb whose lemma is its own form and which is no known
  verb gets the first dictionary form, by the language's inflection endings, that the lexicon
  or the grammar knows;
- *the inverted subject after a quotation* (« « ... », a averti le ministre »): a reporting verb
  that follows its quote, has no subject and has a nominal after it labelled as its object: that
  nominal is its subject;
- *plural nouns tagged as verbs* ("approved asset freezes against ..."): a present-tense verb
  right after a noun the parser made its subject, under a verb before it that has no object, is
  that verb's object, and the noun before it a compound;
- *finite verbs tagged as modifiers* ("Ruto telephoned President Samia"): a finite verb with a
  subject of its own, hung as a modifier on the nominal root that follows it, is the root, and
  that nominal its object;
- *object-first relative clauses read as the root* ("X accused Y of entering its waters, an
  incursion Z denies"): a finite root verb whose object comes before its subject, after a comma,
  and whose clausal complement is the whole clause before that comma, is a relative clause on
  that object; the complement is the root (English);
- *partitive objects left unlabelled* (« a bombardé deux de ses villages »): a numeral or
  pronoun right after a verb that has no object, labelled ``dep`` and heading a "de"/"of"
  complement, is the verb's object;
- *an active perfect's subject labelled passive* (« Alger a rappelé ... »): a verb whose only
  auxiliary is *avoir* is active, and so is a verb whose perfect takes *être* (« ils sont
  convenus de ... ») when no agent hangs on it;
- *an object after an oblique hung on it* (« a rappelé pour consultations ses ambassadeurs »):
  a bare nominal right after a verb's prepositional oblique, where the verb has no object, is
  that object;
- *a list of adjectives broken at its comma* (« ambassadeurs malien, nigérien et burkinabè »):
  the adjective after the comma, itself coordinated, continues the noun's first adjective;
- *goods hung on a rate* (« des taxes de 25 % sur les produits »): a complement after a
  percentage qualifies the noun the percentage qualifies.
"""

from __future__ import annotations

from typing import Any

from pourparler.events.lexicon import Lexicon

Doc = Any  # spacy.tokens.Doc

__all__ = ["repair_parse"]


Token = Any  # spacy.tokens.Token

_CLOSING = frozenset({"»", "\"", "”"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj"})
_OBJECTS = frozenset({"obj", "dobj"})
#: English tags of present-tense verbs that are also plural nouns ("freezes", "bans").
_PLURAL_LOOKALIKE = frozenset({"VBZ"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def repair_parse(doc: Doc, lexicon: Lexicon) -> int:
    """Repair ``doc`` in place; the number of tokens changed (logged by the caller if wanted)."""
    changed = sum(_participle_as_noun(tok, lexicon) for tok in doc)
    changed += _lemmas(doc, lexicon)
    reporting = lexicon.grammar.reporting_verbs
    changed += sum(_etre_perfect(tok, lexicon.grammar.etre_perfect_verbs) for tok in doc)
    for tok in doc:
        if (_inverted_subject(tok, reporting) or _plural_noun(tok) or _verb_as_modifier(tok)
                or _partitive_object(tok) or _active_subject(tok) or _object_after_oblique(tok)
                or _broken_adjective_list(tok) or _percent_complement(tok)
                or _object_first_relative(tok)):
            changed += 1
    return changed


def _lemmas(doc: Doc, lexicon: Lexicon) -> int:
    known = lexicon.known_verbs
    changed = 0
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if lemma != low or lemma in known:
            continue
        base = lexicon.verb_base(low)
        if base is not None:
            tok.lemma_ = base
            changed += 1
    return changed


def _has_subject(verb: Token) -> bool:
    deps = [*verb.children, *(d for c in verb.children if c.dep_.startswith("aux")
                              for d in c.children)]
    return any(c.dep_ in _SUBJECTS for c in deps)


def _inverted_subject(verb: Token, reporting: frozenset[str]) -> bool:
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in reporting or _has_subject(verb):
        return False
    if not _right_after_a_quote(verb):
        return False
    objects = [c for c in verb.children if c.dep_ in _OBJECTS and c.i > verb.i]
    if len(objects) != 1 or objects[0].pos_ not in {"NOUN", "PROPN"}:
        return False
    objects[0].dep_ = "nsubj"
    return True


def _right_after_a_quote(verb: Token) -> bool:
    """« ... », a indiqué X: only a comma, the verb's auxiliaries and adverbs lie between the
    closing quotation mark and the verb."""
    i = verb.i - 1
    start = verb.sent.start
    while i >= start:
        t = verb.doc[i]
        if t.text in _CLOSING:
            return True
        if not (t.text == "," or (t.head == verb and t.dep_.startswith("aux"))
                or t.pos_ == "ADV"):
            return False
        i -= 1
    return False


def _plural_noun(tok: Token) -> bool:
    if tok.tag_ not in _PLURAL_LOOKALIKE or tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    if before.head != tok or before.dep_ not in _SUBJECTS or before.pos_ != "NOUN":
        return False
    head = tok.head
    if head == tok:
        # "Sweden approved asset freezes": the real verb was hung on the noun as a modifier
        verbs = [c for c in before.children if c.pos_ == "VERB" and c.i < before.i
                 and c.dep_ == "amod" and any(d.dep_ in _SUBJECTS for d in c.children)]
        if len(verbs) != 1:
            return False
        head = verbs[0]
        for c in list(tok.children):
            if c.dep_ == "punct":
                c.head = head
        head.head, head.dep_ = head, "ROOT"
        tok.head = head
    elif head.pos_ != "VERB" or head.i > tok.i or any(c.dep_ in _OBJECTS for c in head.children):
        return False
    tok.pos_, tok.tag_, tok.dep_ = "NOUN", "NNS", "dobj"
    before.head, before.dep_ = tok, "compound"
    return True


def _verb_as_modifier(tok: Token) -> bool:
    head = tok.head
    if (tok.pos_ != "VERB" or tok.tag_ not in _FINITE_TAGS or tok.dep_ != "amod"
            or head.dep_ != "ROOT" or head.pos_ not in {"NOUN", "PROPN"} or head.i < tok.i
            or not any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)):
        return False
    # the nominal root's dependents after it (time, place, punctuation) are the verb's
    for c in list(head.children):
        if c.i > head.i:
            c.head = tok
    tok.head, tok.dep_ = tok, "ROOT"
    head.head, head.dep_ = tok, "dobj"
    return True


def _object_first_relative(verb: Token) -> bool:
    if (verb.dep_ != "ROOT" or verb.pos_ != "VERB" or verb.tag_ not in _FINITE_TAGS
            or verb.doc.lang_ != "en"):
        return False
    kids = list(verb.children)
    obj = next((c for c in kids if c.dep_ == "dobj" and c.i < verb.i), None)
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    clause = next((c for c in kids if c.dep_ == "ccomp"), None)
    if obj is None or subj is None or clause is None or not (
            clause.right_edge.i < obj.left_edge.i < subj.i < verb.i):
        return False
    comma = verb.doc[obj.left_edge.i - 1]
    if comma.text != "," or comma.i != clause.right_edge.i + 1:
        return False
    # the clause before the comma is the sentence; "an incursion Z denies" hangs on its noun
    for c in kids:
        if c.dep_ == "punct" and (c.i == comma.i or c.i > verb.i):
            c.head = clause
    clause.head, clause.dep_ = clause, "ROOT"
    obj.head, obj.dep_ = clause, "npadvmod"
    verb.head, verb.dep_ = obj, "relcl"
    return True


#: Prepositions of a partitive complement ("two of its villages", « deux de ses villages »).
_PARTITIVE_CASES = frozenset({"de", "d'", "des", "du", "of"})
#: The object label of each model's scheme (UD for French, ClearNLP for English).
_OBJECT_LABEL = {"fr": "obj", "en": "dobj"}


def _partitive_object(tok: Token) -> bool:
    head = tok.head
    if (tok.dep_ != "dep" or tok.pos_ not in {"NUM", "PRON"} or head.pos_ != "VERB"
            or head.i > tok.i or any(c.dep_ in _OBJECTS for c in head.children)):
        return False
    partitive = any(
        c.i > tok.i and (any(g.dep_ == "case" and g.lower_ in _PARTITIVE_CASES
                             for g in c.children)
                         or (c.dep_ == "prep" and c.lower_ in _PARTITIVE_CASES))
        for c in tok.children)
    if not partitive:
        return False
    tok.dep_ = _OBJECT_LABEL.get(tok.doc.lang_, "obj")
    return True


#: Words of a rate ("25 %", "25 percent"): a complement after them qualifies what is rated.
_RATE_WORDS = frozenset({"%", "pourcent", "percent", "per cent", "pour cent"})


def _percent_complement(tok: Token) -> bool:
    """« des taxes de 25 % sur les produits américains », "tariffs of 25% on steel": the parser
    hangs the goods on the rate; they are the complement of the noun the rate qualifies."""
    head = tok.head
    if head == tok or not (head.lemma_.lower() in _RATE_WORDS or head.lower_ in _RATE_WORDS):
        return False
    if tok.i < head.i or not (tok.dep_ == "prep" or any(c.dep_ == "case" for c in tok.children)):
        return False
    owner = head.head
    if owner.pos_ == "ADP" and owner.head != owner:
        owner = owner.head  # English: tariffs -> of -> 25%
    if owner == head or owner.pos_ != "NOUN":
        return False
    tok.head = owner
    return True


def _broken_adjective_list(tok: Token) -> bool:
    """« les ambassadeurs malien, nigérien et burkinabè »: the parser hangs the second
    adjective of a list elsewhere; an adjective right after a comma that follows a noun's
    adjective, and that is itself coordinated with an adjective, continues that list."""
    i = tok.i
    if tok.pos_ != "ADJ" or i < 2 or tok.doc[i - 1].text != ",":
        return False
    first = tok.doc[i - 2]
    if first.pos_ != "ADJ" or first.dep_ != "amod" or tok.head in (first, first.head):
        return False
    if not any(c.dep_ == "conj" and c.pos_ == "ADJ" for c in tok.children):
        return False
    tok.head, tok.dep_ = first, "conj"
    return True


def _etre_perfect(verb: Token, etre_verbs: frozenset[str]) -> bool:
    """« ils sont convenus de poursuivre », « elle est arrivée »: a verb whose perfect takes
    *être*, with no agent, is active; its "passive" subject and auxiliary are the perfect's."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in etre_verbs:
        return False
    kids = list(verb.children)
    if any(c.dep_ == "obl:agent" for c in kids) or not any(
            c.dep_ == "aux:pass" for c in kids):
        return False
    for c in kids:
        if c.dep_ == "aux:pass":
            c.dep_ = "aux:tense"
        elif c.dep_ == "nsubj:pass":
            c.dep_ = "nsubj"
    return True


def _active_subject(tok: Token) -> bool:
    """« Alger a rappelé ses ambassadeurs » with *Alger* a passive subject: a verb whose only
    auxiliary is the perfect's *avoir* is active."""
    if tok.dep_ != "nsubj:pass":
        return False
    verb = tok.head
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    if not auxes or any(c.dep_ == "aux:pass" or c.lemma_ == "être" for c in auxes):
        return False
    if not all(c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in auxes):
        return False
    tok.dep_ = "nsubj"
    return True


def _object_after_oblique(tok: Token) -> bool:
    """« a rappelé pour consultations ses ambassadeurs », « a reçu au château de Prague Ana
    Ribeiro »: a nominal with no preposition right after a verb's oblique, hung on the
    oblique's noun although the verb has no object, is the verb's object."""
    if tok.dep_ not in {"nmod", "appos"} or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if any(c.dep_ == "case" for c in tok.children):
        return False
    obl = tok.head
    verb = obl.head
    if (obl.dep_ not in {"obl", "obl:mod", "obl:arg"} or obl.pos_ not in {"NOUN", "PROPN"}
            or verb.pos_ != "VERB"
            or not verb.i < obl.i < tok.i or any(c.dep_ in _OBJECTS for c in verb.children)):
        return False
    if any(t.text == "," for t in tok.doc[obl.i:tok.i]):
        return False  # « à Paris, capitale de ... »: a true apposition
    if not any(c.dep_ == "case" for c in obl.children):
        return False
    tok.head, tok.dep_ = verb, "obj"
    return True


#: Tense auxiliaries: a noun that has one is a participle the tagger missed.
_TENSE_AUX_DEPS = frozenset({"aux:tense", "aux"})


def _participle_as_noun(tok: Token, lexicon: Lexicon) -> bool:
    if tok.pos_ != "NOUN" or not any(c.dep_ in _TENSE_AUX_DEPS and c.pos_ == "AUX"
                                     and c.i < tok.i for c in tok.children):
        return False
    base = lexicon.verb_base(tok.lower_)
    if base is None or base not in lexicon.known_verbs:
        return False
    tok.pos_, tok.lemma_ = "VERB", base
    return True
