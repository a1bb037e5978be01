"""One options object for the coder, instead of long argument lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: Texts longer than this are cut before parsing: spaCy's parser is quadratic-ish in memory on
#: huge inputs and news articles are rarely over 50,000 characters; 1,000,000 is spaCy's own
#: default max_length, so a longer text is almost certainly not one article.
MAX_TEXT_CHARS = 1_000_000

#: Batch size for nlp.pipe: large enough to amortise per-batch overhead, small enough to keep
#: memory flat on long articles (spaCy's own default is 1,000 for short texts, 256 for docs).
PIPE_BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class CoderOptions:
    """Everything that changes how articles are coded."""

    #: User actor files (YAML, CSV or PETRARCH/TABARI actors) merged over the built-in
    #: knowledge, in order.
    actor_files: tuple[Path, ...] = ()
    #: PETRARCH/TABARI (or our YAML) agent files, verb dictionaries and discard lists, coded
    #: by the dictionary coder (pourparler.dictionaries) beside the built-in coder.
    agent_files: tuple[Path, ...] = ()
    verb_files: tuple[Path, ...] = ()
    discard_files: tuple[Path, ...] = ()
    #: Code with the given dictionaries alone, as PETRARCH does (no built-in knowledge).
    no_builtin: bool = False
    #: PETRARCH's switches for the dictionary coder: ``require_dyad`` (False: a missing side
    #: is the null actor ``---``) and ``new_actor_length`` (unknown noun phrases of at most
    #: this many words coded as their quoted text; 0: never).
    require_dyad: bool = True
    new_actor_length: int = 0
    #: Log each unusable dictionary line as a warning when the files are read; the command
    #: line reports them once before coding and turns this off for its worker processes.
    warn_dictionaries: bool = True
    #: Language to assume when an article has none and detection is not wanted.
    default_lang: str | None = None
    #: Keep events whose status is hypothetical or negated (they are never scored).
    keep_uncounted: bool = True
    #: Keep events with no target (statements, unilateral acts).
    keep_untargeted: bool = False
    max_text_chars: int = MAX_TEXT_CHARS
    batch_size: int = PIPE_BATCH_SIZE
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def has_dictionaries(self) -> bool:
        """Whether the dictionary coder has work (verbs to code, or ``--no-builtin``)."""
        return bool(self.verb_files) or self.no_builtin
