"""Sentence boundaries around quotation marks (pourparler.nlp's paragraph component)."""

from __future__ import annotations

import pytest

from pourparler import nlp


def sentences(lang: str, text: str) -> list[str]:
    return [s.text.strip() for s in nlp.load(lang)(text).sents]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("fr", "La Russie a parlé lundi. « Nous riposterons contre l'Ukraine », a averti le ministre.",
     ["La Russie a parlé lundi.", "« Nous riposterons contre l'Ukraine », a averti le ministre."]),
    ("fr", "Le ministre a déclaré : « Nous punirons l'Ukraine. » Puis il est parti.",
     ["Le ministre a déclaré : « Nous punirons l'Ukraine. »", "Puis il est parti."]),
    ("fr", "« Non », a-t-il dit. « Nous partirons. »",
     ["« Non », a-t-il dit.", "« Nous partirons. »"]),
    ("en", 'The minister said: "We will punish Ukraine." Then he left. "Never," he said.',
     ['The minister said: "We will punish Ukraine."', "Then he left.", '"Never," he said.']),
])
def test_quotation_marks_stay_with_their_quote(lang: str, text: str,
                                               expected: list[str]) -> None:
    assert sentences(lang, text) == expected
