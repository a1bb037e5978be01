"""Predicate lexicons: per-language data files of event predicates and their frames.

A lexicon file (``events/data/<lang>.yaml``) has two parts:

* ``grammar``: the closed-class words the frame reader needs in that language (reporting verbs,
  negation, modals, future markers, prepositions that introduce targets, ...);
* ``predicates``: event predicates (verbs and nouns) with their CAMEO code, frame options and
  *variants* that refine the code when a cue word appears among the predicate's dependents
  ("menacer de sanctions" -> 1312, "menacer d'une intervention militaire" -> 138).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import yaml

from pourparler.errors import DataError
from pourparler.events.ontology import is_cameo_code

#: Where a predicate's target may come from, besides its direct object.
FRAME_KEYS = frozenset({
    "id", "lemmas", "pos", "cameo", "variants", "symmetric", "preps", "no_object_target",
    "patient_is_source", "requires", "excludes", "target_from_place", "subject_is_target",
    "future_code", "note", "inherit_target", "target_from_condition", "speaker_source",
    "implicit_target", "implicit_parties", "reverse_code", "cues_in_clause",
})

#: The longest cue or predicate phrase, in words: the cue search tries sequences of adjacent
#: words up to this length, and a longer phrase in a lexicon file is an error.
MAX_PHRASE = 6

#: The cue a future or conditional verb adds to the cues of a predicate that reads its
#: complement clause (``cues_in_clause``): "warned that X would pay" is a threat.
FUTURE_CUE = "<future>"


def _check_phrases(words: frozenset[str] | tuple[str, ...], where: str) -> None:
    for w in words:
        if len(w.split()) > MAX_PHRASE:
            raise DataError(f"{where}: '{w}' is longer than {MAX_PHRASE} words")


@dataclass(frozen=True, slots=True)
class Variant:
    """A more specific code chosen when one of ``cues`` (lemmas) appears in the frame."""

    cameo: str
    cues: frozenset[str]


@dataclass(frozen=True, slots=True)
class Predicate:
    """One entry of a lexicon: the lemmas that evoke an event and how to read its frame."""

    id: str
    lang: str
    lemmas: tuple[str, ...]
    pos: str  # "VERB", "NOUN" or "ADJ" (a judgement reported from a speaker)
    cameo: str
    variants: tuple[Variant, ...] = ()
    #: Joint acts (meet, talk, sign together): coordinated subjects act on each other.
    symmetric: bool = False
    #: Prepositions (case markers) that introduce the target, beyond the grammar's defaults.
    preps: tuple[str, ...] = ()
    #: The object names the theme, not the target ("demand a ceasefire"): never a target.
    no_object_target: bool = False
    #: The thing acted on carries the source ("troops were deployed": the troops' state acts).
    patient_is_source: bool = False
    #: Use the country of a place named in the clause as the target ("massed near Ukraine").
    target_from_place: bool = False
    #: Lemmas one of which must appear among the dependents for the entry to fire.
    requires: frozenset[str] = frozenset()
    #: Lemmas whose presence among the dependents blocks the entry.
    excludes: frozenset[str] = frozenset()
    #: Code to use when the act is only planned (CAMEO codes intentions apart: 036 for meetings).
    future_code: str | None = None
    #: Take a missing target from a coordinated predicate ("called X and demanded ...").
    inherit_target: bool = True
    #: Threats: the target is the subject of the condition ("... if Russia invades").
    target_from_condition: bool = False
    #: A statement about a reported clause: the speaker is the source and the clause's actors the
    #: targets; the status is the speaker's, not the clause's ("X said sanctions by Y could lead
    #: to a rupture" is X's threat; "« Ces attaques sont inadmissibles », a écrit X").
    speaker_source: bool = False
    #: With no target in the sentence, the article's most mentioned other actor is the target
    #: (statements of disapproval, protest, demand aimed at the story's other side).
    implicit_target: bool = False
    #: With no target in the sentence, the story's two main parties other than the source are
    #: the targets (a mediator "brokered the summit", "sous l'égide du Qatar").
    implicit_parties: bool = False
    #: The same act seen from the target's side, emitted target -> source (hosting X is X's
    #: visit: 043 one way, 042 the other).
    reverse_code: str | None = None
    #: Cues may sit in the complement clause or the quotation the predicate governs: what a
    #: warning warns of is a that-clause ("warned that any incursion would be answered").
    cues_in_clause: bool = False
    #: The rest of a multi-word predicate ("mettre en garde" is "mettre" with "en garde"): it
    #: must appear among the predicate's dependents, next to each other.
    phrase: str | None = None

    @property
    def rule_id(self) -> str:
        return f"{self.lang}/{self.id}"


@dataclass(frozen=True, slots=True)
class Grammar:
    """Closed-class words of one language that the frame reader uses."""

    reporting_verbs: frozenset[str]
    negation: frozenset[str]
    negative_determiners: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_words: frozenset[str]
    conditional_marks: frozenset[str]
    target_preps: frozenset[str]
    between_preps: frozenset[str]
    agent_preps: frozenset[str]
    place_preps: frozenset[str]
    personal_pronouns: frozenset[str]
    refusal_verbs: frozenset[str]
    #: Participles that name the target of an event noun ("des sanctions visant X").
    targeting_verbs: frozenset[str]
    #: Prepositions that name the other party wherever they attach ("avec", "with", "against").
    partner_preps: frozenset[str]
    #: Prepositions of a noun's complement that may be its agent or its patient ("de", "of").
    genitive_preps: frozenset[str]
    #: Nouns and verbs of intent: an act in their complement is only intended ("plans to").
    intent_words: frozenset[str]
    #: Modals that mark a future in the past under a reporting verb ("said it would").
    reported_future_modals: frozenset[str]
    #: Appeals and demands: an act named by a noun in their complement has not happened.
    request_words: frozenset[str]
    #: Quantity nouns an event noun hides behind ("un paquet de sanctions", "a round of talks").
    transparent_nouns: frozenset[str]
    #: Units, currencies and large numbers ("billion", « dollars »): a demonym on them names a
    #: currency or a measure, not an actor ("155 billion Canadian dollars of US goods").
    measure_nouns: frozenset[str]
    #: Verbs whose perfect takes « être » (« ils sont convenus », « elle est venue »): not
    #: passives, whatever the parser says.
    etre_perfect_verbs: frozenset[str]
    #: Modals that schedule a meeting or visit ("devait se rendre à Berlin").
    scheduling_modals: frozenset[str]
    #: Words for "all the parties" of a conflict ("toutes les parties", "both sides").
    all_parties: frozenset[str]
    #: "have yet to ratify": the act has not happened (an adverb on "have"/"be" + infinitive).
    not_yet_words: frozenset[str] = frozenset()
    #: Verbs whose infinitive or gerund complement keeps their subject even with an object
    #: ("threatened Niger to close", « menacer X de fermer »): no object control.
    subject_control_verbs: frozenset[str] = frozenset()
    #: Prepositions that introduce the controller of an infinitive ("called on Iran to
    #: return", "appealed to the rebels to lay down", « a demandé à Kiev de »).
    control_preps: frozenset[str] = frozenset()
    #: Words that commit their subject to an act ("pledged to", "stood ready to", « s'est
    #: engagé à », « prêt à »): the act is not done; with a future code it is an intent (03).
    commitment_words: frozenset[str] = frozenset()
    #: Prepositions and nouns that make an event noun the setting of another act ("at a
    #: cabinet meeting", "on the sidelines of a summit", « en marge d'une réunion », « lors
    #: d'un sommet »): the act's actors are not the meeting's parties.
    setting_preps: frozenset[str] = frozenset()
    setting_nouns: frozenset[str] = frozenset()
    #: First-person pronouns and possessives: inside a quotation they are the speaker's side.
    first_person: frozenset[str] = frozenset()
    #: Verbs whose agent copies the act they are attached to ("followed by Peru").
    follower_verbs: frozenset[str] = frozenset()
    #: Words that make a plural description a pair ("the two leaders", « les deux pays »).
    pair_words: frozenset[str] = frozenset()
    #: Nouns for parties of a story ("both countries", « les deux pays »).
    party_nouns: frozenset[str] = frozenset()
    #: Words that negate with the French particle "ne" ("ne ... plus", "ne ... rien").
    ne_partners: frozenset[str] = frozenset()
    #: Free-choice and modal modifiers: "toute incursion", "a possible delivery" is envisaged.
    free_choice_words: frozenset[str] = frozenset()
    #: Inflectional endings and their replacement in the dictionary form, tried in order on a
    #: verb whose lemma the lexicon does not know (the French model leaves many present-tense
    #: forms unlemmatised: « bombarde », « condamnent »).
    verb_endings: tuple[tuple[str, str], ...] = ()
    #: Nouns for people, unnamed ("fourteen people were arrested"): the patients of an act
    #: whose agent the story leaves unstated.
    people_nouns: frozenset[str] = frozenset()
    #: Generic verbs of response whose act is the one their manner clause names: « a riposté
    #: en suspendant les licences » is the suspension, not an attack.
    manner_defers: frozenset[str] = frozenset()
    #: Words that open a manner clause ("by closing", « en fermant »).
    manner_marks: frozenset[str] = frozenset()
    #: Verbs that stop an act named by their object ("suspended military aid", "halted the
    #: offensive"): the act named is not being done.
    halting_verbs: frozenset[str] = frozenset()
    #: Prepositions that only place a joint act ("met on Rustaveli Avenue", "gathered at the
    #: palace"): a symmetric act takes no partner from them.
    locative_preps: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    lang: str
    grammar: Grammar
    predicates: tuple[Predicate, ...]
    by_lemma: Mapping[tuple[str, str], tuple[Predicate, ...]]
    #: Dictionary forms of every verb the lexicon or the grammar names.
    known_verbs: frozenset[str] = frozenset()

    def lookup(self, lemma: str, pos: str) -> tuple[Predicate, ...]:
        return self.by_lemma.get((lemma.lower(), pos), ())

    def verb_base(self, form: str) -> str | None:
        """The dictionary form of an inflected verb the lemmatiser left alone: the first
        ending of ``grammar.verb_endings`` whose replacement gives a known verb."""
        low = form.lower()
        for ending, replacement in self.grammar.verb_endings:
            if low.endswith(ending) and len(low) > len(ending) + 2:
                base = low[: len(low) - len(ending)] + replacement
                if base in self.known_verbs:
                    return base
        return None


def _words(data: Mapping[str, Any], key: str, source: str) -> frozenset[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{source}: grammar.{key} must be a list of words")
    return frozenset(v.lower() for v in value)


def _endings(data: Mapping[str, Any], source: str) -> tuple[tuple[str, str], ...]:
    value = data.get("verb_endings", [])
    if not isinstance(value, list) or not all(
            isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)
            for v in value):
        raise DataError(f"{source}: grammar.verb_endings must be a list of [ending, replacement]")
    return tuple((e.lower(), r.lower()) for e, r in value)


def _predicate(raw: Any, lang: str, source: str, index: int) -> Predicate:
    where = f"{source}: predicate #{index}"
    if not isinstance(raw, dict):
        raise DataError(f"{where}: expected a mapping")
    unknown = set(raw) - FRAME_KEYS
    if unknown:
        raise DataError(f"{where} ({raw.get('id')}): unknown keys {sorted(unknown)}")
    for key in ("id", "lemmas", "pos", "cameo"):
        if key not in raw:
            raise DataError(f"{where} ({raw.get('id')}): missing '{key}'")
    cameo = str(raw["cameo"])
    codes = [cameo]
    variants = []
    for v in raw.get("variants") or []:
        if not isinstance(v, dict) or "cameo" not in v or "cues" not in v:
            raise DataError(f"{where} ({raw['id']}): a variant needs 'cameo' and 'cues'")
        codes.append(str(v["cameo"]))
        variants.append(Variant(str(v["cameo"]), frozenset(c.lower() for c in v["cues"])))
    for extra in ("future_code", "reverse_code"):
        if raw.get(extra):
            codes.append(str(raw[extra]))
    for code in codes:
        if not is_cameo_code(code):
            raise DataError(f"{where} ({raw['id']}): '{code}' is not a CAMEO event code")
    for v in variants:
        _check_phrases(v.cues, f"{where} ({raw['id']})")
    _check_phrases(tuple(str(x).lower() for x in raw["lemmas"]), f"{where} ({raw['id']})")
    _check_phrases(tuple(str(x).lower() for x in raw.get("requires") or ()),
                   f"{where} ({raw['id']})")
    pos = str(raw["pos"]).upper()
    if pos not in {"VERB", "NOUN", "ADJ"}:
        raise DataError(f"{where} ({raw['id']}): pos must be VERB, NOUN or ADJ, not {pos}")
    return Predicate(
        id=str(raw["id"]),
        lang=lang,
        lemmas=tuple(str(x).lower() for x in raw["lemmas"]),
        pos=pos,
        cameo=cameo,
        variants=tuple(variants),
        symmetric=bool(raw.get("symmetric", False)),
        preps=tuple(str(x).lower() for x in raw.get("preps") or ()),
        no_object_target=bool(raw.get("no_object_target", False)),
        patient_is_source=bool(raw.get("patient_is_source", False)),
        target_from_place=bool(raw.get("target_from_place", False)),
        requires=frozenset(str(x).lower() for x in raw.get("requires") or ()),
        excludes=frozenset(str(x).lower() for x in raw.get("excludes") or ()),
        future_code=str(raw["future_code"]) if raw.get("future_code") else None,
        inherit_target=bool(raw.get("inherit_target", True)),
        target_from_condition=bool(raw.get("target_from_condition", False)),
        speaker_source=bool(raw.get("speaker_source", False)),
        implicit_target=bool(raw.get("implicit_target", False)),
        implicit_parties=bool(raw.get("implicit_parties", False)),
        reverse_code=str(raw["reverse_code"]) if raw.get("reverse_code") else None,
        cues_in_clause=bool(raw.get("cues_in_clause", False)),
    )


def parse_lexicon(data: Any, lang: str, source: str) -> Lexicon:
    """Build a :class:`Lexicon` from the parsed YAML of one language file."""
    if not isinstance(data, dict) or "grammar" not in data or "predicates" not in data:
        raise DataError(f"{source}: a lexicon needs 'grammar' and 'predicates'")
    g = data["grammar"]
    grammar = Grammar(
        reporting_verbs=_words(g, "reporting_verbs", source),
        negation=_words(g, "negation", source),
        negative_determiners=_words(g, "negative_determiners", source),
        hypothetical_modals=_words(g, "hypothetical_modals", source),
        future_auxiliaries=_words(g, "future_auxiliaries", source),
        future_words=_words(g, "future_words", source),
        conditional_marks=_words(g, "conditional_marks", source),
        target_preps=_words(g, "target_preps", source),
        between_preps=_words(g, "between_preps", source),
        agent_preps=_words(g, "agent_preps", source),
        place_preps=_words(g, "place_preps", source),
        personal_pronouns=_words(g, "personal_pronouns", source),
        refusal_verbs=_words(g, "refusal_verbs", source),
        targeting_verbs=_words(g, "targeting_verbs", source),
        partner_preps=_words(g, "partner_preps", source),
        genitive_preps=_words(g, "genitive_preps", source),
        intent_words=_words(g, "intent_words", source),
        reported_future_modals=_words(g, "reported_future_modals", source),
        all_parties=_words(g, "all_parties", source),
        scheduling_modals=_words(g, "scheduling_modals", source),
        transparent_nouns=_words(g, "transparent_nouns", source),
        measure_nouns=_words(g, "measure_nouns", source),
        etre_perfect_verbs=_words(g, "etre_perfect_verbs", source),
        request_words=_words(g, "request_words", source),
        not_yet_words=_words(g, "not_yet_words", source),
        subject_control_verbs=_words(g, "subject_control_verbs", source),
        control_preps=_words(g, "control_preps", source),
        commitment_words=_words(g, "commitment_words", source),
        setting_preps=_words(g, "setting_preps", source),
        setting_nouns=_words(g, "setting_nouns", source),
        first_person=_words(g, "first_person", source),
        follower_verbs=_words(g, "follower_verbs", source),
        pair_words=_words(g, "pair_words", source),
        party_nouns=_words(g, "party_nouns", source),
        ne_partners=_words(g, "ne_partners", source),
        free_choice_words=_words(g, "free_choice_words", source),
        verb_endings=_endings(g, source),
        people_nouns=_words(g, "people_nouns", source),
        manner_defers=_words(g, "manner_defers", source),
        manner_marks=_words(g, "manner_marks", source),
        halting_verbs=_words(g, "halting_verbs", source),
        locative_preps=_words(g, "locative_preps", source),
    )
    preds = tuple(_predicate(p, lang, source, i) for i, p in enumerate(data["predicates"]))
    ids = [p.id for p in preds]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise DataError(f"{source}: duplicate predicate ids {sorted(dupes)}")
    index: dict[tuple[str, str], list[Predicate]] = {}
    # entries with requirements or a phrase are more specific: they are tried before general
    # ones; a multi-word lemma is indexed by its first word, the rest becomes its phrase
    expanded = []
    for p in preds:
        for lemma in p.lemmas:
            first, _, rest = lemma.partition(" ")
            expanded.append((first, p if not rest else replace(p, lemmas=(first,), phrase=rest)))
    for lemma, p in sorted(expanded, key=lambda lp: not (lp[1].requires or lp[1].phrase)):
        index.setdefault((lemma, p.pos), []).append(p)
    g = grammar
    verbs = {lemma for lemma, pos in index if pos == "VERB"}
    verbs |= g.reporting_verbs | g.refusal_verbs | g.request_words | g.targeting_verbs
    verbs |= g.subject_control_verbs | g.follower_verbs | g.hypothetical_modals
    return Lexicon(lang, grammar, preds, {k: tuple(v) for k, v in index.items()},
                   frozenset(verbs))


@functools.cache
def load_lexicon(lang: str) -> Lexicon:
    """The built-in lexicon of ``lang`` (loaded once per process)."""
    name = f"{lang}.yaml"
    try:
        text = resources.files("pourparler.events").joinpath("data", name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"no event lexicon for language '{lang}'") from exc
    return parse_lexicon(yaml.load(text, Loader=yaml.CSafeLoader), lang, name)
