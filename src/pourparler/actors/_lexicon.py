"""Closed-class words the actor stage reads: pronouns, determiners, prepositions, per language."""

from __future__ import annotations

# Personal pronouns that can stand for one person, with the gender they mark ("" = either).
SINGULAR_PRONOUNS: dict[str, dict[str, str]] = {
    "fr": {"il": "Masc", "elle": "Fem", "lui": ""},
    "en": {"he": "Masc", "she": "Fem", "him": "Masc", "her": "Fem"},
}
PLURAL_PRONOUNS: dict[str, frozenset[str]] = {
    "fr": frozenset({"ils", "elles", "eux", "leur"}),
    "en": frozenset({"they", "them"}),
}
# Possessive determiners: singular owner (any kind), with the gender/kind they mark.
SINGULAR_POSSESSIVES: dict[str, dict[str, str]] = {
    "fr": {"son": "", "sa": "", "ses": ""},
    "en": {"his": "Masc", "her": "Fem", "its": "thing"},
}
PLURAL_POSSESSIVES: dict[str, frozenset[str]] = {
    "fr": frozenset({"leur", "leurs"}),
    "en": frozenset({"their"}),
}
#: Possessives whose owner a role takes over the story's state ("its foreign ministry" is the
#: ministry of the state just named). French son/sa/ses do not say whether the owner is a
#: person or a state, and « leurs » is left to the same rule until measured.
OWNING_POSSESSIVES: dict[str, frozenset[str]] = {"en": frozenset({"its", "their"})}
DEFINITE: frozenset[str] = frozenset({"le", "la", "l'", "les", "the"})
# Determiners that may precede a name and are not part of it.
DETERMINERS: frozenset[str] = frozenset(
    {"le", "la", "l'", "les", "un", "une", "des", "du", "the", "a", "an"}
)
COORDINATORS: frozenset[str] = frozenset({"et", "and", "ainsi que", "&"})
# Prefixes that make a demonym mean "supporting/opposing that country", not the country:
# "pro-Russian separatists", "séparatistes prorusses", "anti-American protesters".
STANCE_PREFIXES: tuple[str, ...] = ("pro", "anti")
# Prepositions that attach an owner to a role noun ("porte-parole du Kremlin",
# "spokesman for the Kremlin", "troops from Russia"); locative ones ("en", "in") do not.
OWNER_CASES: frozenset[str] = frozenset(
    {"de", "du", "des", "d'", "of", "for", "from", "'s", "’s", "'"}
)
# Prepositions that place an act somewhere ("in Niamey", « à Bamako »): the place of a
# domestic actor's act tells whose police or protesters they are.
PLACE_CASES: frozenset[str] = frozenset({"in", "at", "à", "au", "aux", "en", "dans"})
# Nouns that, counted by "deux"/"two"/"both", refer back to a coordinated pair.
PAIR_NOUNS: frozenset[str] = frozenset({
    "pays", "nations", "etats", "parties", "camps", "dirigeants", "chefs", "hommes", "femmes",
    "capitales", "gouvernements", "delegations", "voisins", "puissances", "allies", "rivaux",
    "presidents", "ministres", "homologues",
    "countries", "states", "sides", "leaders", "men", "women", "capitals", "governments",
    "neighbours", "neighbors", "powers", "rivals", "ministers",
    "counterparts",
})
# Of those, the ones that mean states rather than people.
STATE_NOUNS: frozenset[str] = frozenset({
    "pays", "nations", "etats", "capitales", "gouvernements", "voisins", "puissances",
    "countries", "states", "capitals", "governments", "neighbours", "neighbors", "powers",
})
PAIR_WORDS: frozenset[str] = frozenset({"deux", "two", "both"})
# "toutes les parties", "all sides": the sides of the conflict the text has named, as "both
# sides" are; only with nouns for the sides of a dispute ("all countries" is everyone).
SIDE_NOUNS: frozenset[str] = frozenset({"parties", "camps", "belligerants", "sides",
                                        "belligerents", "factions"})
ALL_WORDS: frozenset[str] = frozenset({"toutes", "tous", "all"})
SUBJECT_DEPS: frozenset[str] = frozenset(
    {"nsubj", "nsubj:pass", "nsubjpass", "csubj", "agent", "obl:agent"}
)
# Impersonal "il" ("il faut", "il y a", "il semble"): heads that take a dummy subject.
IMPERSONAL_HEADS: frozenset[str] = frozenset({"falloir", "sembler", "agir", "pleuvoir"})
