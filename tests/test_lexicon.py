"""The event lexicons (events/data/<lang>.yaml) load, agree with the ontology and cover CAMEO."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from pourparler.errors import DataError
from pourparler.events.lexicon import Lexicon, load_lexicon, parse_lexicon
from pourparler.events.ontology import all_cameo_codes, plover_for

LANGS = ("fr", "en")
#: Roots 02-20 are the scored ones (01, statements, is not scored and needs no predicates).
SCORED_ROOTS = {f"{r:02d}" for r in range(2, 21)}


@pytest.fixture(scope="module", params=LANGS)
def lexicon(request: pytest.FixtureRequest) -> Lexicon:
    return load_lexicon(request.param)


def test_every_scored_root_has_predicates(lexicon: Lexicon) -> None:
    roots = {p.cameo[:2] for p in lexicon.predicates}
    roots |= {v.cameo[:2] for p in lexicon.predicates for v in p.variants}
    assert roots >= SCORED_ROOTS, f"{lexicon.lang}: roots without predicates: " \
        f"{sorted(SCORED_ROOTS - roots)}"


def test_codes_are_cameo_codes_with_plover_types(lexicon: Lexicon) -> None:
    codes = all_cameo_codes()
    for p in lexicon.predicates:
        for code in (p.cameo, *(v.cameo for v in p.variants),
                     *(c for c in (p.future_code, p.reverse_code) if c)):
            assert code in codes, (p.rule_id, code)
            if code[:2] not in {"01", "02"}:
                assert plover_for(code)[0], (p.rule_id, code)


def test_words_are_lower_case_and_entries_usable(lexicon: Lexicon) -> None:
    for p in lexicon.predicates:
        assert p.lemmas, p.rule_id
        for word in (*p.lemmas, *p.requires, *p.excludes, *(c for v in p.variants for c in v.cues)):
            assert word == word.lower() and word.strip() == word and word, (p.rule_id, word)
        assert not (p.requires & p.excludes), p.rule_id
        for v in p.variants:
            assert v.cues, p.rule_id


def test_index_finds_every_lemma(lexicon: Lexicon) -> None:
    for p in lexicon.predicates:
        for lemma in p.lemmas:
            # a multi-word lemma ("mettre en garde") is found by its first word, with the rest
            # as the phrase its dependents must contain
            first, _, rest = lemma.partition(" ")
            found = lexicon.lookup(first, p.pos)
            assert any(f.id == p.id and f.phrase == (rest or None) for f in found), (
                p.rule_id, lemma)


def test_both_languages_have_the_same_grammar_keys() -> None:
    fr, en = (load_lexicon(lang).grammar for lang in LANGS)
    assert fr.__slots__ == en.__slots__  # type: ignore[attr-defined]
    for lang in LANGS:
        g = load_lexicon(lang).grammar
        for name in ("reporting_verbs", "negation", "conditional_marks", "target_preps",
                     "agent_preps", "personal_pronouns", "genitive_preps"):
            assert getattr(g, name), (lang, name)


def _minimal(**predicate: Any) -> dict[str, Any]:
    grammar = {k: [] for k in load_lexicon("en").grammar.__slots__}  # type: ignore[attr-defined]
    return {"grammar": grammar, "predicates": [predicate]}


@pytest.mark.parametrize(("predicate", "message"), [
    ({"id": "x", "lemmas": ["meet"], "pos": "VERB", "cameo": "999"}, "not a CAMEO event code"),
    ({"id": "x", "lemmas": ["meet"], "pos": "ADV", "cameo": "040"}, "pos must be"),
    ({"id": "x", "lemmas": ["meet"], "pos": "VERB", "cameo": "040", "colour": 1}, "unknown keys"),
    ({"id": "x", "lemmas": ["meet"], "pos": "VERB"}, "missing 'cameo'"),
    ({"id": "x", "lemmas": ["meet"], "pos": "VERB", "cameo": "040",
      "variants": [{"cues": ["a"]}]}, "variant needs"),
])
def test_malformed_entries_are_refused(predicate: dict[str, Any], message: str) -> None:
    with pytest.raises(DataError, match=message):
        parse_lexicon(_minimal(**predicate), "en", "test.yaml")


def test_duplicate_ids_are_refused() -> None:
    data = _minimal(id="x", lemmas=["meet"], pos="VERB", cameo="040")
    data["predicates"].append(dict(data["predicates"][0]))
    with pytest.raises(DataError, match="duplicate predicate ids"):
        parse_lexicon(data, "en", "test.yaml")


def test_yaml_booleans_cannot_slip_in() -> None:
    # "no", "on" unquoted are YAML booleans: the loader must refuse a non-word
    data = yaml.safe_load("grammar: {negation: [not, no]}\npredicates: []")
    data["grammar"].update({k: [] for k in load_lexicon("en").grammar.__slots__  # type: ignore[attr-defined]
                            if k != "negation"})
    with pytest.raises(DataError, match="negation"):
        parse_lexicon(data, "en", "test.yaml")
