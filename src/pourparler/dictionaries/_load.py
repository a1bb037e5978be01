"""The user's dictionary files as the coder options name them, in either format.

``--actors`` and ``--agents`` files are PETRARCH/TABARI dictionaries or our own YAML, told
apart by their content (not their name). PETRARCH actors are merged into the built-in
knowledge through our format (so the built-in coder finds them too); with ``--no-builtin``
our own YAML actors and agents are read into the dictionary coder instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pourparler.dictionaries._actors import ActorDictionary, ActorEntry, parse_actors, phrase_words
from pourparler.dictionaries._agents import AgentDictionary, AgentEntry, parse_agents
from pourparler.dictionaries._convert import looks_like_petrarch, petrarch_to_rows, row_to_codes
from pourparler.dictionaries._lines import Problem, read_text
from pourparler.errors import DataError

log = logging.getLogger(__name__)

def is_petrarch_file(path: Path | str) -> bool:
    """Whether ``path`` holds a PETRARCH/TABARI dictionary (by content)."""
    return looks_like_petrarch(read_text(path))


def split_actor_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Path]]:
    """Our actor files and PETRARCH actor files, each in the given order."""
    ours: list[Path] = []
    theirs: list[Path] = []
    for p in map(Path, paths):
        (theirs if p.exists() and is_petrarch_file(p) else ours).append(p)
    return ours, theirs


def merge_petrarch_actors(kn: Any, paths: Iterable[Path], warn: bool = True) -> None:
    """Add PETRARCH actor dictionaries to an actor knowledge (converted to our rows)."""
    from pourparler.actors._userfile import merge_user_rows

    for path in paths:
        d = parse_actors(read_text(path), str(path), warn=warn)
        rows, problems = petrarch_to_rows(d)
        for p in problems:
            log.info("%s", p)
        merge_user_rows(kn, [(f"{path}:{r['name']}", r) for r in rows], str(path))


def _aliases(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):  # per-language aliases
        return [str(a) for v in value.values() for a in (v if isinstance(v, list) else [v])]
    return [str(a) for a in value or []]


def _yaml_list(path: Path) -> list[Mapping[str, Any]]:
    from pourparler.actors._knowledge import read_yaml

    data = read_yaml(path)
    if isinstance(data, Mapping):
        data = data.get("actors") or data.get("agents")
    if not isinstance(data, list) or not all(isinstance(r, Mapping) for r in data):
        raise DataError(f"{path}: expected a list of entries (- name: ...)")
    return data


def our_actors(path: Path) -> ActorDictionary:
    """One of our YAML actor files read as a dictionary (for ``--no-builtin``)."""
    out = ActorDictionary(str(path))
    for n, row in enumerate(_yaml_list(path), 1):
        names = [str(row.get("name") or ""), *_aliases(row.get("aliases"))]
        phrases = tuple(w for w in (phrase_words(x) for x in names) if w)
        codes = row_to_codes(row)
        if not phrases or not codes:
            out.problems.append(Problem(str(path), n, "entry without a name or code left out",
                                        str(row.get("name") or "")))
            continue
        out.entries.append(ActorEntry(phrases, tuple(codes), n))
    return out


def our_agents(path: Path) -> AgentDictionary:
    """Our YAML agents: ``- name: police``, ``aliases: [...]``, ``code: COP`` (added after the
    actor's code) or ``prefix: NGO`` (added before it)."""
    out = AgentDictionary(str(path))
    for n, row in enumerate(_yaml_list(path), 1):
        names = [str(row.get("name") or ""), *_aliases(row.get("aliases"))]
        phrases = tuple(w for w in (phrase_words(x) for x in names) if w)
        code = str(row.get("code") or row.get("sector") or row.get("prefix") or "").upper()
        if not phrases or not code:
            out.problems.append(Problem(str(path), n, "agent without a name or code left out",
                                        str(row.get("name") or "")))
            continue
        out.entries.append(AgentEntry(phrases, code, bool(row.get("prefix")), n))
    return out


def read_actor_file(path: Path, warn: bool = True) -> ActorDictionary:
    return (parse_actors(read_text(path), str(path), warn=warn) if is_petrarch_file(path)
            else our_actors(path))


def read_agent_file(path: Path, warn: bool = True) -> AgentDictionary:
    """A PETRARCH agent file or our YAML agents, told by the content (not the name)."""
    if not is_petrarch_file(path):
        return our_agents(path)
    return parse_agents(read_text(path), str(path), warn=warn)


def load_dictionaries(options: Any) -> Any:
    """The dictionary coder's dictionaries for a CoderOptions: PETRARCH actor files (and,
    with ``no_builtin``, our own actor files too), agents, verbs and discards."""
    from pourparler.dictionaries._discards import read_discards
    from pourparler.dictionaries._verbs import read_verbs
    from pourparler.dictionaries.coder import Dictionaries

    warn = options.warn_dictionaries
    ours, theirs = split_actor_files(options.actor_files)
    actors = [parse_actors(read_text(p), str(p), warn=warn) for p in theirs]
    if options.no_builtin:
        actors += [our_actors(p) for p in ours]
    d = Dictionaries(actors, [read_agent_file(Path(p), warn) for p in options.agent_files],
                     [read_verbs(p, warn=warn) for p in options.verb_files],
                     [read_discards(p, warn=warn) for p in options.discard_files])
    for p in d.problems:
        log.debug("%s", p)
    return d
