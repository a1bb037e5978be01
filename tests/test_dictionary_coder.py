"""The dictionary coder: events from user dictionaries on pourparler's own parse.

Small dictionaries written for these tests check the mechanisms (actor codes by date, agent
composition, patterns through passives and coordination, user codebook records); a golden
test pins the score on PETRARCH's unit-test suite (development half) from raw text.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from _petrarch_paths import shared_eval
from pourparler.dictionaries._actors import parse_actors
from pourparler.dictionaries._agents import parse_agents
from pourparler.dictionaries._discards import parse_discards
from pourparler.dictionaries._verbs import parse_verbs
from pourparler.dictionaries.coder import Dictionaries, DictionaryOptions, SentenceCoder
from pourparler.model import Event

ACTORS = """\
ERUSEA [ERU]
+ERUSEAN
OSEA [OSE]
+OSEAN
YUKTOBANIA [YUK]
YUKTOBANIAN NAVY [YUKNAV]
GREY_MEN [---]
KING_HARLING
\t[OSEGOV <20100101]
\t[OSEELI >20100102]
"""
AGENTS = """\
GOVERNMENT [~GOV]
POLICE {} [~COP]
RED_CROSS_TEAM [NGO~]
MINISTER [~GOV]
"""
VERBS = """\
&MONEY_
+GOLD
+SILVER COINS

--- PRAISE [051] ---
PRAISE
- * &MONEY [071]

--- ARREST [111X] ---
ARREST

--- MEET [036:036] ---
MEET {MET MEETS MEETING}
- % HAVE * [043]
"""


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    from pourparler.events.lexicon import load_lexicon

    d = Dictionaries([parse_actors(ACTORS, "a")], [parse_agents(AGENTS, "g")],
                     [parse_verbs(VERBS, "v")], [parse_discards("+CHESS OPEN\n", "d")])
    return SentenceCoder(d, load_lexicon("en").grammar)


def _code(coder: SentenceCoder, text: str, day: date = date(2005, 5, 5),
          **opts: bool) -> set[tuple[str, str, str]]:
    from pourparler import nlp

    doc = nlp.load("en")(text)
    events = coder.code_doc(doc, "t", day, "en", DictionaryOptions(**opts))
    return {(e.source.cameo or "" if e.source else "", e.target.cameo or "" if e.target else "",
             e.cameo) for e in events}


def test_agents_compose_with_actors(coder: SentenceCoder) -> None:
    assert _code(coder, "The Erusean government praised Osea.") == {("ERUGOV", "OSE", "051")}
    assert _code(coder, "Osea's police praised the government of Yuktobania.") == {
        ("OSECOP", "YUKGOV", "051")}
    assert _code(coder, "A Red Cross team praised Osea.") == {("NGO---", "OSE", "051")}


def test_date_restricted_code_follows_the_article_date(coder: SentenceCoder) -> None:
    text = "King Harling praised Erusea."
    assert _code(coder, text, date(2009, 1, 1)) == {("OSEGOV", "ERU", "051")}
    assert _code(coder, text, date(2011, 1, 1)) == {("OSEELI", "ERU", "051")}


def test_passive_keeps_source_and_target(coder: SentenceCoder) -> None:
    assert _code(coder, "Osea was praised by Erusea on Monday.") == {("ERU", "OSE", "051")}


def test_pattern_synset_and_compound(coder: SentenceCoder) -> None:
    assert _code(coder, "Erusea praised Osea with silver coins.") == {("ERU", "OSE", "071")}
    assert _code(coder, "Erusea and Osea have met in secret.") == {
        ("ERU", "OSE", "043"), ("OSE", "ERU", "043")}


def test_coordinated_subjects_and_reverse_codes(coder: SentenceCoder) -> None:
    assert _code(coder, "The Osean minister met Yuktobania.") == {
        ("OSEGOV", "YUK", "036"), ("YUK", "OSEGOV", "036")}
    assert _code(coder, "Erusea and Yuktobania praised Osea.") == {
        ("ERU", "OSE", "051"), ("YUK", "OSE", "051")}


def test_loose_phrases_allow_words_between(coder: SentenceCoder) -> None:
    """A phrase written with blanks lets other words of the noun phrase come between."""
    assert _code(coder, "The Yuktobanian northern navy praised Osea.") == {
        ("YUKNAV", "OSE", "051")}
    assert _code(coder, "The Yuktobanian navy praised Osea.") == {("YUKNAV", "OSE", "051")}


def test_reported_and_controlled_verbs(coder: SentenceCoder) -> None:
    """Patterns are read on the argument layer: a reported clause has its own agent, an
    object-control verb lends its object."""
    assert _code(coder, "Osea said that Erusea had praised Yuktobania.") == {
        ("ERU", "YUK", "051")}
    assert _code(coder, "Osea asked Erusea to praise Yuktobania.") == {
        ("ERU", "YUK", "051")}


def test_new_actors_from_unknown_noun_phrases(coder: SentenceCoder) -> None:
    """PETRARCH's new_actor_length: an unknown phrase of at most N words is its own text."""
    from pourparler import nlp

    doc = nlp.load("en")("The Council of Elders praised Osea.")
    opts = DictionaryOptions(new_actor_length=4)
    (ev,) = coder.code_doc(doc, "t", None, "en", opts)
    assert (ev.source.cameo if ev.source else None) == '"THE COUNCIL OF ELDERS"'
    assert coder.code_doc(doc, "t", None, "en", DictionaryOptions(new_actor_length=3)) == []
    assert coder.code_doc(doc, "t", None, "en") == []


def test_complement_ending_a_coordination(coder: SentenceCoder) -> None:
    """"A's sheep and goats of B": the complement the parser hangs on the first member
    names the last member's actor."""
    assert _code(coder, "Erusea's sheep and goats of Osea praised Yuktobania.") == {
        ("ERU", "YUK", "051"), ("OSE", "YUK", "051")}


def test_null_actor_needs_a_noun_phrase(coder: SentenceCoder) -> None:
    """Without require_dyad a missing side is the null actor only where a noun phrase
    stands there (PETRARCH codes null-coded phrases, not empty places)."""
    assert _code(coder, "Erusea praised the weather.", require_dyad=False) == {
        ("ERU", "---", "051")}
    assert _code(coder, "Erusea praised loudly.", require_dyad=False) == set()
    # an actor coded with the null code is no side of a dyad
    assert _code(coder, "The Grey Men praised Osea.") == set()
    assert _code(coder, "The Grey Men praised Osea.", require_dyad=False) == {
        ("---", "OSE", "051")}


def test_object_the_parser_hung_higher(coder: SentenceCoder) -> None:
    """An object the parser hangs on a verb above ("parade" under "known", as spaCy does
    for some sentences) is still found in the rest of the clause. The parse is given."""
    from spacy.tokens import Doc

    from pourparler import nlp

    words = ["Erusea", "was", "known", "to", "praise", "into", "an", "anti-", "Osea",
             "parade", "on", "Saturday", "."]
    heads = [2, 2, 2, 4, 2, 4, 7, 5, 9, 2, 2, 10, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "prep", "det", "pobj",
            "compound", "npadvmod", "prep", "pobj", "punct"]
    pos = ["PROPN", "AUX", "VERB", "PART", "VERB", "ADP", "DET", "NOUN", "PROPN", "NOUN",
           "ADP", "PROPN", "PUNCT"]
    tags = ["NNP", "VBD", "VBN", "TO", "VB", "IN", "DT", "NN", "NNP", "NN", "IN", "NNP", "."]
    doc = Doc(nlp.load("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    events = coder.code_doc(doc, "t", date(2005, 5, 5), "en")
    assert {(e.source.cameo if e.source else None, e.target.cameo if e.target else None,
             e.cameo) for e in events} == {("ERU", "OSE", "051")}


def test_story_discard_and_dyads(coder: SentenceCoder) -> None:
    assert _code(coder, "At the chess open, Erusea praised Osea.") == set()
    assert _code(coder, "Erusea praised the weather.") == set()
    assert _code(coder, "Erusea praised the weather.", require_dyad=False) == {
        ("ERU", "---", "051")}


def test_user_codes_are_marked_and_round_trip(coder: SentenceCoder) -> None:
    from pourparler import nlp

    doc = nlp.load("en")("Osean police arrested Erusea.")
    (ev,) = coder.code_doc(doc, "t", date(2005, 5, 5), "en")
    assert ev.cameo == "111X" and ev.codebook == "user" and ev.root == "11"
    record = ev.to_dict()
    assert record["codebook"] == "user"
    assert Event.from_dict(record).to_dict() == record
    (cameo,) = coder.code_doc(nlp.load("en")("Erusea praised Osea."), "t", None, "en")
    assert cameo.codebook is None and "codebook" not in cameo.to_dict()  # CAMEO: unchanged


#: The suite file the floors below were measured on.
SUITE_SHA256 = "85532c29191833edeffbd409cafcb67023cb8585357d150ab0cc410f4ede3c8b"
#: Measured on the development half: exact F1 0.931, record accuracy 0.903 (2026-12-03);
#: floors are the measurement less 0.02, so that a small change in spaCy's parse can pass.
EXACT_F1_FLOOR = 0.91
RECORD_ACCURACY_FLOOR = 0.88


def test_petrarch_suite_floor() -> None:
    from pourparler.dictionaries.suite import VALIDATION_FILES, code_suite, load_suite, score
    from pourparler.events.lexicon import load_lexicon

    path = shared_eval() / "petrarch-dev.jsonl"
    folder = shared_eval() / "petrarch-dictionaries"
    if not path.is_file() or not folder.is_dir():
        pytest.skip(f"PETRARCH suite or dictionaries not found under {shared_eval()}")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == SUITE_SHA256, (
        "petrarch-dev.jsonl changed: re-measure and re-pin the floors")
    d = Dictionaries.load(**{k: [folder / v] for k, v in VALIDATION_FILES.items()})
    records = load_suite(path)
    s = score(records, code_suite(records, SentenceCoder(d, load_lexicon("en").grammar)))
    assert s.exact.f1 >= EXACT_F1_FLOOR
    assert s.exact.accuracy >= RECORD_ACCURACY_FLOOR


def test_pattern_search_stays_polynomial() -> None:
    """A pattern of frequent words that fails at its last word must not try every way of
    placing the others (counted in element tries, not timed)."""
    from pourparler import nlp
    from pourparler.dictionaries._patterns import Matcher, Sequences, sentence_chunks
    from pourparler.events.lexicon import load_lexicon

    verbs = parse_verbs("--- PRAISE [051] ---\nPRAISE\n"
                        "- NEVER THE THE THE THE THE THE THE * [099]\n")
    d = Dictionaries([parse_actors("OSEA [OSE]\nERUSEA [ERU]\n", "a")], [], [verbs], [])
    text = " ".join(["the"] * 25) + " Erusea praised Osea."
    doc = nlp.load("en")(text)
    sent = next(iter(doc.sents))
    tok = next(t for t in sent if t.lower_ == "praised")
    hits = d.verb_index.hits(sent, tok)
    tries = 0

    class Counting(Matcher):
        def _consume(self, *args: object, **kw: object) -> list[tuple[int, int | None]]:
            nonlocal tries
            tries += 1
            return super()._consume(*args, **kw)  # type: ignore[arg-type]

    matcher = Counting(d.verb_index, lambda chunk: True)
    assert matcher.best(hits, Sequences(sent, hits[0], sentence_chunks(sent, []))) is None
    assert tries < 5_000  # C(25, 7) = 480,700 placements without memoising failures
    coder = SentenceCoder(d, load_lexicon("en").grammar)
    assert {e.cameo for e in coder.code_doc(doc, "t", None, "en")} == {"051"}
