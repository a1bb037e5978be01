"""Every event's evidence is the article's own sentence, and its offsets slice the article."""

from __future__ import annotations

from datetime import date

from pourparler.model import Article
from pourparler.pipeline import Coder

TEXT = ("MOSCOW, Feb 7 (Wire) - French President Emmanuel Macron met Russian President Vladimir "
        "Putin in Moscow on Monday.\n\nA Paris, le gouvernement a condamné l'attaque contre "
        "l'ambassade.\n\n  Putin later threatened Ukraine with sanctions.  ")


def test_evidence_offsets_slice_the_article_text() -> None:
    coder = Coder()
    for lang in ("en", "fr"):
        article = Article("ev-1", TEXT, published=date(2022, 2, 8), lang=lang)
        result = coder.code_one(article)
        assert result.ok, result.error
        for event in result.events:
            ev = event.evidence
            assert TEXT[ev.start:ev.end] == ev.text, event.to_dict()
            assert ev.text == ev.text.strip() and ev.text


def test_a_dateline_is_not_part_of_the_evidence() -> None:
    article = Article("ev-2", TEXT, published=date(2022, 2, 8), lang="en")
    events = Coder().code_one(article).events
    met = [e for e in events if e.root == "04"]
    assert met, [e.to_dict() for e in events]
    assert met[0].evidence.text.startswith("French President Emmanuel Macron met")
