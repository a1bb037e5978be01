"""Event coding: ontology tables (CAMEO, PLOVER), predicate lexicons and the coder."""
