"""Rules on a read frame: cue words, code choice, and the CAMEO conventions that recode an act."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pourparler.events._syntax import _COMPLEMENT_CLAUSE, _OBJ, _OTHER_CLAUSE, _SUBJ
from pourparler.events.lexicon import FUTURE_CUE, MAX_PHRASE, Predicate
from pourparler.model import Actor, Status

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span


def _frame_lemmas(pred: Token, clauses: bool = False,
                  future_modals: frozenset[str] = frozenset(),
                  participles: bool = True) -> set[str]:
    """Lemmas of the predicate's dependents, where variant cues are looked for, and the
    sequences of up to :data:`MAX_PHRASE` adjacent words among them and the predicate itself,
    so that a cue written as a phrase ("droits de douane", "persona non grata", "a fitting
    response", "all options remain on the table") matches.

    With ``clauses``, the complement clauses and quotations count too: the content of a
    warning is a that-clause ("warned that any incursion would be answered"), and a verb in
    the future or the conditional there (by its inflection, or one of ``future_modals``) adds
    the cue :data:`FUTURE_CUE`: what is warned of is still to come.

    Without ``participles``, a participle clause on a dependent noun ("nationals accused of
    spying") is left out: it is another predicate's, so a word there can cue this one ("a
    vessel escorted by warships") but never rule it out."""
    skip = _OTHER_CLAUSE - _CONTENT_CLAUSES if clauses else _OTHER_CLAUSE
    out: set[str] = set()
    toks: list[Token] = []
    for c in pred.children:
        # a passive subject is the theme ("sanctions were imposed"): it carries cues
        if c.dep_ in _SUBJ or c.dep_ in skip:
            continue
        stack = [c]
        while stack:  # the dependent's subtree, without the clauses hanging inside it
            t = stack.pop()
            toks.append(t)
            stack.extend(x for x in t.children if x.dep_ not in skip
                         and (participles or not _participle_clause(x)))
    if clauses and pred.dep_ in _CONTENT_CLAUSES and pred.head != pred:
        # quote first: "« ... », a averti X" hangs the reporting verb under the quote
        toks.extend(t for t in pred.head.subtree if t.i != pred.i)
    for t in toks:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
        if clauses and _future_form(t, future_modals):
            out.add(FUTURE_CUE)
    # the predicate's own word joins the phrases it is part of ("fitting response")
    toks.append(pred)
    toks.sort(key=lambda t: t.i)
    words = [(t.i, t.lower_, t.lemma_.lower(), t.lower_ + t.whitespace_) for t in toks]
    for k in range(len(words)):
        low, lem, raw = [words[k][1]], [words[k][2]], [words[k][3]]
        for m in range(k + 1, min(k + MAX_PHRASE, len(words))):
            if words[m][0] != words[m - 1][0] + 1:
                break  # only words next to each other in the text
            low.append(words[m][1])
            lem.append(words[m][2])
            raw.append(words[m][3])
            out.add(" ".join(low))
            out.add(" ".join(lem))
            # as written: "l'égide", "cease-fire" have no space inside
            out.add("".join(raw).strip())
    if pred.head != pred and (pred.dep_ in {"xcomp", "conj", "acl"}
                                  or pred.pos_ in {"NOUN", "PROPN"}):
        # "exchanged warnings", "threatened with sanctions": the governor decides too
        out.add(pred.head.lemma_.lower())
    return out


def _future_form(tok: Token, future_modals: frozenset[str]) -> bool:
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    return ("Fut" in tok.morph.get("Tense") or "Cnd" in tok.morph.get("Mood")
            or tok.lower_ in future_modals)


#: Clauses that hold what a warning or a statement says.
_CONTENT_CLAUSES = frozenset({"ccomp", "parataxis", "advcl"})


def _participle_clause(tok: Token) -> bool:
    return tok.dep_ == "acl" and "Part" in tok.morph.get("VerbForm")


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
        if cur.head == cur:
            return False
        if cur.dep_ in _COMPLEMENT_CLAUSE and cur.head.lemma_.lower() in reporting:
            return True
        cur = cur.head
    return False


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
        if cur.head == cur or cur.dep_ not in {"xcomp", "conj", "advcl"}:
            return False
        cur = cur.head
        if cur.lemma_.lower() in g.scheduling_modals:
            return True
    return False


def _governor_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of ("imposeront des sanctions")."""
    head = noun.head
    if head != noun and head.pos_ in {"VERB", "AUX"} and noun.dep_ in _OBJ:
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


