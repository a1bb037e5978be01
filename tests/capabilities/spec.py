"""A capability template: one sentence pattern with actor slots and the event it must yield."""

from __future__ import annotations

from dataclasses import dataclass

#: Slot kinds a template may use; each expands to a name and its grammatical forms.
STATE_SLOTS = ("A", "B")
LEADER_SLOTS = ("LEADER_A", "LEADER_B")
ORG_SLOTS = ("ORG_A", "ORG_B")


@dataclass(frozen=True)
class Template:
    """A sentence with slots such as ``{A}``, ``{B_de}``, ``{LEADER_A}``, ``{ORG_A}``.

    ``source`` and ``target`` name the slot whose actor key the coded event must carry;
    ``root`` is the two-digit CAMEO root; ``cell`` is a PHENOMENA class ("P1") or a root
    cell ("R14").
    """

    id: str
    lang: str
    cell: str
    text: str
    source: str
    target: str
    root: str
    symmetric: bool = False


#: A row of a template table: text, source slot, target slot, root, and optionally
#: ``SYMMETRIC`` for a joint act that matches in either direction.
Row = tuple[str, ...]
SYMMETRIC = "symmetric"


def build(lang: str, cell: str, rows: list[Row]) -> list[Template]:
    """Templates of one cell from ``(text, source slot, target slot, root[, SYMMETRIC])``."""
    return [Template(f"{lang}-{cell}-{i}", lang, cell, row[0], row[1], row[2], row[3],
                     symmetric=SYMMETRIC in row[4:])
            for i, row in enumerate(rows, 1)]
