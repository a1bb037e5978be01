"""The frame reader: the source and target of a predicate, read from the dependency parse.
It joins the verb frames (_verb_frames) and noun frames (_noun_frames), both built on the
argument positions (_frame_positions) and actor reading (_frame_actors)."""

from __future__ import annotations

from pourparler.events._frame_actors import DocContext, _Frame
from pourparler.events._noun_frames import _NounFrames
from pourparler.events._verb_frames import _VerbFrames

__all__ = ["DocContext", "_Frame", "_Reader"]


class _Reader(_NounFrames, _VerbFrames):
    """Reads the frames of one sentence."""
