"""Parse repairs (events/_repair.py) through the public pipeline: sentences of our own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from spacy.tokens import Doc

from pourparler import nlp
from pourparler.events import repair_parse
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


def _doc(lang: str, words: list[str], heads: list[int], deps: list[str], pos: list[str],
         tags: list[str] | None = None, lemmas: list[str] | None = None) -> Doc:
    """A parse as the model gets it wrong, written out by hand."""
    vocab = nlp.load(lang).vocab
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags or pos,
               lemmas=lemmas or [w.lower() for w in words])


def test_inverted_subject_after_a_quote() -> None:
    # « Ils paieront », a averti le ministre. (the minister labelled as the object)
    words = ["«", "Ils", "paieront", "»", ",", "a", "averti", "le", "ministre", "."]
    heads = [2, 2, 2, 2, 6, 6, 2, 8, 6, 2]
    deps = ["punct", "nsubj", "ROOT", "punct", "punct", "aux:tense", "parataxis", "det", "obj",
            "punct"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "AUX", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = ["«", "il", "payer", "»", ",", "avoir", "avertir", "le", "ministre", "."]
    doc = _doc("fr", words, heads, deps, pos, lemmas=lemmas)
    repair_parse(doc, load_lexicon("fr"))
    assert doc[8].dep_ == "nsubj"


def test_an_object_after_a_reporting_verb_inside_the_sentence_stays() -> None:
    # Il a averti le ministre. (no quote before: the minister is warned)
    words = ["Il", "a", "averti", "le", "ministre", "."]
    doc = _doc("fr", words, [2, 2, 2, 4, 2, 2], ["nsubj", "aux:tense", "ROOT", "det", "obj",
                                                 "punct"],
               ["PRON", "AUX", "VERB", "DET", "NOUN", "PUNCT"],
               lemmas=["il", "avoir", "avertir", "le", "ministre", "."])
    repair_parse(doc, load_lexicon("fr"))
    assert doc[4].dep_ == "obj"


def test_plural_noun_tagged_as_a_verb() -> None:
    # Sweden approved asset freezes against Russia. (approved hung on "asset")
    words = ["Sweden", "approved", "asset", "freezes", "against", "Russia", "."]
    heads = [1, 2, 3, 3, 3, 4, 3]
    deps = ["nsubj", "amod", "nsubj", "ROOT", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"]
    tags = ["NNP", "VBN", "NN", "VBZ", "IN", "NNP", "."]
    doc = _doc("en", words, heads, deps, pos, tags,
               ["Sweden", "approve", "asset", "freeze", "against", "Russia", "."])
    repair_parse(doc, load_lexicon("en"))
    assert (doc[1].dep_, doc[3].dep_, doc[3].head.i, doc[3].pos_) == ("ROOT", "dobj", 1, "NOUN")
    assert (doc[2].dep_, doc[2].head.i) == ("compound", 3)


def test_finite_verb_hung_on_the_nominal_root() -> None:
    # Ruto telephoned President Samia on Monday.
    words = ["Ruto", "telephoned", "President", "Samia", "on", "Monday", "."]
    heads = [1, 3, 3, 3, 3, 4, 3]
    deps = ["nsubj", "amod", "compound", "ROOT", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"]
    tags = ["NNP", "VBD", "NNP", "NNP", "IN", "NNP", "."]
    doc = _doc("en", words, heads, deps, pos, tags)
    repair_parse(doc, load_lexicon("en"))
    assert (doc[1].dep_, doc[3].dep_, doc[3].head.i, doc[4].head.i) == ("ROOT", "dobj", 1, 1)


def test_a_real_adjectival_participle_is_left_alone() -> None:
    # The exiled president spoke. ("exiled" has no subject of its own)
    words = ["The", "exiled", "president", "spoke", "."]
    doc = _doc("en", words, [2, 2, 3, 3, 3], ["det", "amod", "nsubj", "ROOT", "punct"],
               ["DET", "VERB", "NOUN", "VERB", "PUNCT"], ["DT", "VBN", "NN", "VBD", "."])
    repair_parse(doc, load_lexicon("en"))
    assert (doc[1].dep_, doc[3].dep_) == ("amod", "ROOT")


def test_a_partitive_left_unlabelled_after_its_verb_is_the_object() -> None:
    # L'armée a détruit deux de ses chars. ("deux" labelled dep)
    words = ["L'", "armée", "a", "détruit", "deux", "de", "ses", "chars", "."]
    heads = [1, 3, 3, 3, 3, 7, 7, 4, 3]
    deps = ["det", "nsubj", "aux:tense", "ROOT", "dep", "case", "det", "nmod", "punct"]
    pos = ["DET", "NOUN", "AUX", "VERB", "NUM", "ADP", "DET", "NOUN", "PUNCT"]
    doc = _doc("fr", words, heads, deps, pos,
               lemmas=["le", "armée", "avoir", "détruire", "deux", "de", "son", "char", "."])
    repair_parse(doc, load_lexicon("fr"))
    assert doc[4].dep_ == "obj"


def test_a_numeral_beside_an_object_is_left_alone() -> None:
    # L'armée a détruit les chars, deux de trop. (the verb has its object already)
    words = ["L'", "armée", "a", "détruit", "les", "chars", ",", "deux", "de", "trop", "."]
    heads = [1, 3, 3, 3, 5, 3, 7, 3, 9, 7, 3]
    deps = ["det", "nsubj", "aux:tense", "ROOT", "det", "obj", "punct", "dep", "case", "nmod",
            "punct"]
    pos = ["DET", "NOUN", "AUX", "VERB", "DET", "NOUN", "PUNCT", "NUM", "ADP", "ADV", "PUNCT"]
    doc = _doc("fr", words, heads, deps, pos)
    repair_parse(doc, load_lexicon("fr"))
    assert doc[7].dep_ == "dep"


def test_a_past_participle_tagged_as_a_noun_is_the_verb() -> None:
    # Macron a téléphoné à Poutine. ("téléphoné" tagged NOUN with its tense auxiliary)
    words = ["Macron", "a", "téléphoné", "à", "Poutine", "."]
    doc = _doc("fr", words, [2, 2, 2, 4, 2, 2],
               ["nsubj", "aux:tense", "ROOT", "case", "nmod", "punct"],
               ["PROPN", "AUX", "NOUN", "ADP", "PROPN", "PUNCT"],
               lemmas=["Macron", "avoir", "téléphoné", "à", "Poutine", "."])
    repair_parse(doc, load_lexicon("fr"))
    assert (doc[2].pos_, doc[2].lemma_) == ("VERB", "téléphoner")


def test_a_noun_with_no_auxiliary_stays_a_noun() -> None:
    # Le député a parlé. ("député" is no participle: no auxiliary hangs on it)
    words = ["Le", "député", "a", "parlé", "."]
    doc = _doc("fr", words, [1, 3, 3, 3, 3], ["det", "nsubj", "aux:tense", "ROOT", "punct"],
               ["DET", "NOUN", "AUX", "VERB", "PUNCT"],
               lemmas=["le", "député", "avoir", "parler", "."])
    repair_parse(doc, load_lexicon("fr"))
    assert doc[1].pos_ == "NOUN"


def test_a_phone_call_the_tagger_missed_is_coded(coder: Coder) -> None:
    assert ("FRA", "RUS", "04") in pairs(
        coder, "Emmanuel Macron a téléphoné vendredi à Vladimir Poutine.", "fr")


def test_an_active_perfects_subject_labelled_passive_is_active() -> None:
    # Dakar a rappelé son ambassadeur. ("Dakar" labelled nsubj:pass under avoir)
    words = ["Dakar", "a", "rappelé", "son", "ambassadeur", "."]
    doc = _doc("fr", words, [2, 2, 2, 4, 2, 2],
               ["nsubj:pass", "aux:tense", "ROOT", "det", "obj", "punct"],
               ["PROPN", "AUX", "VERB", "DET", "NOUN", "PUNCT"],
               lemmas=["Dakar", "avoir", "rappeler", "son", "ambassadeur", "."])
    repair_parse(doc, load_lexicon("fr"))
    assert doc[0].dep_ == "nsubj"


def test_a_true_passive_subject_stays_passive() -> None:
    # Dakar a été bombardé. (« été » is the passive auxiliary)
    words = ["Dakar", "a", "été", "bombardé", "."]
    doc = _doc("fr", words, [3, 3, 3, 3, 3],
               ["nsubj:pass", "aux:tense", "aux:pass", "ROOT", "punct"],
               ["PROPN", "AUX", "AUX", "VERB", "PUNCT"],
               lemmas=["Dakar", "avoir", "être", "bombarder", "."])
    repair_parse(doc, load_lexicon("fr"))
    assert doc[0].dep_ == "nsubj:pass"


def test_an_object_hung_on_the_oblique_before_it_is_the_verbs() -> None:
    # Lomé a rappelé pour consultations son ambassadeur. (« ambassadeur » nmod of the oblique)
    words = ["Lomé", "a", "rappelé", "pour", "consultations", "son", "ambassadeur", "."]
    doc = _doc("fr", words, [2, 2, 2, 4, 2, 6, 4, 2],
               ["nsubj", "aux:tense", "ROOT", "case", "obl:mod", "det", "nmod", "punct"],
               ["PROPN", "AUX", "VERB", "ADP", "NOUN", "DET", "NOUN", "PUNCT"])
    repair_parse(doc, load_lexicon("fr"))
    assert (doc[6].dep_, doc[6].head.i) == ("obj", 2)


def test_a_complement_with_its_own_preposition_stays_on_the_oblique() -> None:
    # Lomé a parlé aux consultations de l'ambassadeur.
    words = ["Lomé", "a", "parlé", "aux", "consultations", "de", "l'", "ambassadeur", "."]
    doc = _doc("fr", words, [2, 2, 2, 4, 2, 7, 7, 4, 2],
               ["nsubj", "aux:tense", "ROOT", "case", "obl:arg", "case", "det", "nmod",
                "punct"],
               ["PROPN", "AUX", "VERB", "ADP", "NOUN", "ADP", "DET", "NOUN", "PUNCT"])
    repair_parse(doc, load_lexicon("fr"))
    assert doc[7].head.i == 4


@pytest.mark.parametrize(("text", "want"), [
    ("Le Togo a annoncé le rappel des ambassadeurs tchadien, nigérien et malien accrédités à "
     "Dakar.", {("TCD", "SEN", "16"), ("NER", "SEN", "16"), ("MLI", "SEN", "16")}),
    ("Lomé a rappelé pour consultations ses ambassadeurs à Dakar et à Accra.",
     {("TGO", "SEN", "16"), ("TGO", "GHA", "16")}),
])
def test_recalls_read_through_broken_lists_and_adverbials(
        coder: Coder, text: str, want: set[tuple[str, str, str]]) -> None:
    assert want <= pairs(coder, text, "fr")


def test_goods_hung_on_a_rate_qualify_the_duty() -> None:
    # des taxes de 25 % sur les produits (« sur les produits » hung on « % »)
    words = ["des", "taxes", "de", "25", "%", "sur", "les", "produits"]
    doc = _doc("fr", words, [1, 1, 4, 4, 1, 7, 7, 4],
               ["det", "ROOT", "case", "nummod", "nmod", "case", "det", "nmod"],
               ["DET", "NOUN", "ADP", "NUM", "NOUN", "ADP", "DET", "NOUN"],
               lemmas=["un", "taxe", "de", "25", "pourcent", "sur", "le", "produit"])
    repair_parse(doc, load_lexicon("fr"))
    assert doc[7].head.i == 1


def test_a_perfect_with_etre_is_active() -> None:
    # Ils sont convenus de négocier. (« sont » labelled a passive auxiliary)
    words = ["Ils", "sont", "convenus", "de", "négocier", "."]
    doc = _doc("fr", words, [2, 2, 2, 4, 2, 2],
               ["nsubj:pass", "aux:pass", "ROOT", "mark", "xcomp", "punct"],
               ["PRON", "AUX", "VERB", "ADP", "VERB", "PUNCT"],
               lemmas=["il", "être", "convenir", "de", "négocier", "."])
    repair_parse(doc, load_lexicon("fr"))
    assert (doc[0].dep_, doc[1].dep_) == ("nsubj", "aux:tense")


def test_a_passive_with_an_agent_stays_passive() -> None:
    # Le plan est convenu par Kigali: with an agent, a true passive
    words = ["Le", "plan", "est", "convenu", "par", "Kigali", "."]
    doc = _doc("fr", words, [1, 3, 3, 3, 5, 3, 3],
               ["det", "nsubj:pass", "aux:pass", "ROOT", "case", "obl:agent", "punct"],
               ["DET", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
               lemmas=["le", "plan", "être", "convenir", "par", "Kigali", "."])
    repair_parse(doc, load_lexicon("fr"))
    assert doc[1].dep_ == "nsubj:pass"


def test_object_first_relative_read_as_the_root() -> None:
    # Kenya accused Uganda of spying, a charge Kampala denies. (denies made the root)
    words = ["Kenya", "accused", "Uganda", "of", "spying", ",", "a", "charge", "Kampala",
             "denies", "."]
    heads = [1, 9, 1, 1, 3, 9, 7, 9, 9, 9, 9]
    deps = ["nsubj", "ccomp", "dobj", "prep", "pcomp", "punct", "det", "dobj", "nsubj", "ROOT",
            "punct"]
    pos = ["PROPN", "VERB", "PROPN", "ADP", "VERB", "PUNCT", "DET", "NOUN", "PROPN", "VERB",
           "PUNCT"]
    tags = ["NNP", "VBD", "NNP", "IN", "VBG", ",", "DT", "NN", "NNP", "VBZ", "."]
    doc = _doc("en", words, heads, deps, pos, tags)
    repair_parse(doc, load_lexicon("en"))
    assert (doc[1].dep_, doc[9].dep_, doc[9].head.i, doc[7].head.i) == ("ROOT", "relcl", 7, 1)


def test_a_root_with_its_object_after_its_subject_stays() -> None:
    # Kenya said Uganda lied, and Kampala denies the charge. (ordinary order: no repair)
    words = ["Kenya", "said", "Uganda", "lied", ",", "and", "Kampala", "denies", "the",
             "charge", "."]
    heads = [1, 1, 3, 1, 1, 1, 7, 1, 9, 7, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "punct", "cc", "nsubj", "conj", "det", "dobj",
            "punct"]
    pos = ["PROPN", "VERB", "PROPN", "VERB", "PUNCT", "CCONJ", "PROPN", "VERB", "DET", "NOUN",
           "PUNCT"]
    tags = ["NNP", "VBD", "NNP", "VBD", ",", "CC", "NNP", "VBZ", "DT", "NN", "."]
    doc = _doc("en", words, heads, deps, pos, tags)
    repair_parse(doc, load_lexicon("en"))
    assert (doc[1].dep_, doc[7].dep_, doc[9].dep_) == ("ROOT", "conj", "dobj")


def test_an_accusation_before_a_denial_in_a_relative_is_asserted(coder: Coder) -> None:
    text = "Ruto accused a Ugandan patrol boat of entering Kenyan waters, an incursion Kampala " \
           "denies."
    result = coder.code_one(Article("r", text, published=PUBLISHED, lang="en"))
    assert [e.status for e in result.events if e.root == "11"] == ["asserted"]
