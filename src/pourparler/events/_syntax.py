"""Dependency labels (French UD and English ClearNLP) shared by the frame reader and the rules.

The tree helpers (``case_of``, ``nominal_of``) live in :mod:`pourparler.syntax`, shared with the
place stage."""

from __future__ import annotations

from typing import Any

Token = Any  # spacy.tokens.Token


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







#: Sectors outside the state: their acts against their own country are domestic events.
_NON_STATE = frozenset({"REB", "INS", "SEP", "OPP", "CVL", "UAF", "PTY", "LAB", "EDU", "REF"})


