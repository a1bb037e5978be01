"""PETRARCH and TABARI dictionaries read natively (actors, agents, verbs, discards).

The readers turn each file into plain data and report every line they cannot use (a logged
warning and a :class:`Problem` on the result) instead of stopping. The dictionary coder in
:mod:`pourparler.dictionaries.coder` codes text with them on pourparler's own parse.
"""

from __future__ import annotations

from pourparler.dictionaries._actors import ActorDictionary, ActorEntry, DatedCode, read_actors
from pourparler.dictionaries._agents import AgentDictionary, AgentEntry, read_agents
from pourparler.dictionaries._discards import DiscardList, read_discards
from pourparler.dictionaries._lines import Problem
from pourparler.dictionaries._verbs import VerbDictionary, read_verbs

__all__ = [
    "ActorDictionary", "ActorEntry", "AgentDictionary", "AgentEntry", "DatedCode",
    "DiscardList", "Problem", "VerbDictionary", "read_actors", "read_agents", "read_discards",
    "read_verbs",
]
