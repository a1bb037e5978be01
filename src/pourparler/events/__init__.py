"""Event coding: ontology tables (CAMEO, PLOVER), predicate lexicons and the coder."""

from pourparler.events._repair import repair_parse

__all__ = ["repair_parse"]
