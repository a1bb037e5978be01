"""Parse repairs (events/_repair.py) through the public pipeline: sentences of our own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from pourparler.events.lexicon import load_lexicon
from pourparler.model import Article
from pourparler.pipeline import Coder

PUBLISHED = date(2021, 6, 10)


@pytest.fixture(scope="module")
def coder() -> Iterator[Coder]:
    yield Coder()


def pairs(coder: Coder, text: str, lang: str) -> set[tuple[str | None, str | None, str]]:
    result = coder.code_one(Article("r", text, published=PUBLISHED, lang=lang))
    assert result.error is None
    return {(e.source.key if e.source else None, e.target.key if e.target else None, e.root)
            for e in result.events}


@pytest.mark.parametrize(("text", "pair"), [
    ("La Russie bombarde l'Ukraine.", ("RUS", "UKR", "19")),
    ("Le Mali accuse la France de trahison.", ("MLI", "FRA", "11")),
])
def test_unlemmatised_french_verb_is_coded(coder: Coder, text: str,
                                           pair: tuple[str, str, str]) -> None:
    assert pair in pairs(coder, text, "fr")


@pytest.mark.parametrize(("lang", "form", "base"), [
    ("fr", "bombarde", "bombarder"),
    ("fr", "condamnent", "condamner"),
    ("en", "condemns", "condemn"),
    ("fr", "table", None),  # no known verb behind it
])
def test_verb_base_only_gives_known_verbs(lang: str, form: str, base: str | None) -> None:
    assert load_lexicon(lang).verb_base(form) == base
