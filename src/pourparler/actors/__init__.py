"""The actor stage: who is named in a document, and which actors its arguments denote.

Dictionary matching (countries, capitals and seats of power, legislatures, international
organisations, armed and political groups, people with dated roles), composition of role
words with their owners ("le ministre russe", "Turkey's defence ministry"), learning of
titled names inside an article, and simple coreference (pronouns, possessives,
"les deux pays").
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path

from pourparler.actors._doc import ActorMention, DocActors, find_actors
from pourparler.actors._knowledge import DATA_DIR, ActorKnowledge, load_builtin
from pourparler.actors._userfile import merge_user_file

__all__ = ["ActorKnowledge", "ActorMention", "DocActors", "find_actors", "load_knowledge"]

log = logging.getLogger(__name__)


@functools.cache
def _builtin(data_dir: Path) -> ActorKnowledge:
    return load_builtin(data_dir)


def load_knowledge(user_files: Sequence[Path] = (), *,
                   data_dir: Path | None = None) -> ActorKnowledge:
    """The actor knowledge: built-in data (read once per process) with ``user_files`` over it.

    User files (YAML or CSV, see ``_userfile``) win over the built-in data for the forms and
    names they define. ``data_dir`` reads another directory of the five data files instead
    of the packaged one (tests, experiments). Malformed files raise ``DataError``.
    """
    base = _builtin((data_dir or DATA_DIR).resolve())
    if not user_files:
        return base
    kn = base.copy()
    for path in user_files:
        merge_user_file(kn, Path(path))
    return kn
