"""The PETRARCH/TABARI dictionary readers, on snippets written for these tests, and on the
validation and production dictionaries the user keeps in the shared folder."""

from __future__ import annotations

import logging
import time
from datetime import date

import pytest

from _petrarch_paths import VALIDATION, dictionaries_dir
from pourparler.dictionaries import read_actors, read_agents, read_discards, read_verbs
from pourparler.dictionaries._actors import parse_actors
from pourparler.dictionaries._agents import parse_agents
from pourparler.dictionaries._discards import parse_discards
from pourparler.dictionaries._verbs import EventCode, parse_verbs

ACTORS = """\
<!-- a test file
     over two lines -->
VALINOR_ [VAL]   # the blessed realm
+AMAN
+THE_UNDYING_LANDS

NUMENOR  # dated roles only
+WESTERNESSE
\t[NUMGOV <19400101]
\t[NUMREB 400102-19600630]
\t[NUMELI >19600701]

TIRION [VAL] ; legacy comment
\t[VALGOV 20000101-20001231]
\t[VALGOV 2000XX01]
+
ORPHAN_CODE_LINE
[BAD <<]
"""


def test_actors_synonyms_codes_and_comments() -> None:
    d = parse_actors(ACTORS, "snippet.actors")
    names = [e.name for e in d.entries]
    assert names == ["VALINOR", "NUMENOR", "TIRION", "ORPHAN CODE LINE"]
    valinor = d.entries[0]
    assert valinor.phrases == (("VALINOR",), ("AMAN",), ("THE", "UNDYING", "LANDS"))
    assert valinor.code_on(date(2020, 1, 1)) == "VAL"
    index = d.phrase_index()
    assert index[("AMAN",)] is valinor


def test_actor_date_restrictions_resolve_by_day() -> None:
    numenor = parse_actors(ACTORS, "snippet.actors").entries[1]
    assert numenor.code_on(date(1939, 12, 31)) == "NUMGOV"
    assert numenor.code_on(date(1940, 1, 1)) == "NUMGOV"  # limits are "or equal to"
    assert numenor.code_on(date(1940, 1, 2)) == "NUMREB"  # YYMMDD: 40 -> 1940
    assert numenor.code_on(date(1960, 6, 30)) == "NUMREB"
    assert numenor.code_on(date(1999, 1, 1)) == "NUMELI"
    assert numenor.code_on(None) is None  # no default code, no day


def test_actor_bad_lines_are_reported_with_line_numbers(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        d = parse_actors(ACTORS, "snippet.actors")
    lines = sorted(p.line for p in d.problems)
    assert lines == [15, 16, 18], d.problems  # bad date, empty synonym, bad code block
    assert all(p.path == "snippet.actors" for p in d.problems)
    assert "snippet.actors:15" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        quiet = parse_actors(ACTORS, "snippet.actors", warn=False)  # a re-read, in a worker
    assert len(quiet.problems) == 3 and "snippet.actors" not in caplog.text
    tirion = d.entries[2]
    assert tirion.code_on(date(2000, 6, 1)) == "VALGOV"
    assert tirion.code_on(date(2001, 6, 1)) == "VAL"


AGENTS = """\
!CLERK! = SCRIBE, SCRIBES, CLERK
HIGH_WARDEN [~GOV]     # regular plural made
FERRY {} [~TRN]        # no plural
GOOSE {GEESE} [~GSE]
GUILD_OF_!CLERK! [~LAB]
LAMPLIGHTERS_GUILD [LAM~]
EMBASSY [~GOV]
BROKEN RECORD
"""


def test_agents_plurals_prefix_suffix_and_substitution() -> None:
    d = parse_agents(AGENTS, "snippet.agents")
    idx = d.phrase_index()
    assert idx[("HIGH", "WARDENS")].code == "GOV"
    assert ("FERRYS",) not in idx and ("FERRIES",) not in idx
    assert idx[("GEESE",)].code == "GSE" and ("GOOSES",) not in idx
    assert idx[("GUILD", "OF", "SCRIBES")].code == "LAB"
    assert ("GUILD", "OF", "CLERKS") not in idx  # substituted items get no plural
    lam = idx[("LAMPLIGHTERS", "GUILD")]
    assert lam.prefix and lam.code == "LAM" and lam.as_text() == "LAM~"
    assert idx[("EMBASSIES",)].code == "GOV"  # Y -> IES
    assert [p.line for p in d.problems] == [8]


VERBS = """\
&COIN_
+SILVER PENNIES
+GOLD

&STONE
+PEBBLE
+&COIN

--- GIVE  [070] ---
GIVE {GAVE GIVEN GIVES GIVING}   # irregular
DONATE [071]
+HAND_OVER
- * &COIN [071:072]
- $ SAID_* TO +  [073]
- % * STONES  [---]
- * SOMETHING {A | B} [099]
- NO VERB HERE [050]

--- ARGUE [:111] ---
ARGUE
- * (WITH {OLD FRIENDS})  [112]
~ a (a b GIVE) SAY = a b 070
"""


def test_verbs_synsets_blocks_patterns_and_codes() -> None:
    d = parse_verbs(VERBS, "snippet.verbs")
    assert d.synsets["&COIN"].phrases == (("SILVER", "PENNIES"), ("GOLD",))  # label "_": no plurals
    assert ("PEBBLES",) in d.synsets["&STONE"].phrases
    give, argue = d.blocks
    assert give.code == EventCode("070") and argue.code == EventCode("---", "111")
    verbs = {v.words: v for v in give.verbs}
    assert ("GAVE",) in verbs[("GIVE",)].forms and ("GIVED",) not in verbs[("GIVE",)].forms
    assert ("DONATED",) in verbs[("DONATE",)].forms and verbs[("DONATE",)].code == EventCode("071")
    hand = verbs[("HAND", "OVER")]
    assert hand.head == 0 and ("HANDED", "OVER") in hand.forms
    first, said, compound = give.patterns
    assert first.code == EventCode("071", "072") and first.lower[0].kind == "synset"
    assert [e.kind for e in said.upper] == ["source", "word"] and said.joined_left
    assert [e.kind for e in said.lower] == ["word", "target"]
    assert compound.upper[0].kind == "compound" and compound.code.null
    assert [e.value for e in argue.patterns[0].lower] == ["WITH", "OLD", "FRIENDS"]
    assert d.transformations == [(22, "~ a (a b GIVE) SAY = a b 070")]
    assert sorted(p.line for p in d.problems) == [16, 17]  # disjunction, no verb marker


def test_discards_story_and_sentence() -> None:
    d = parse_discards("+HARVEST FESTIVAL  # story\nCHESS\nPONY RACE_\n", "snippet")
    assert d.match("At the harvest  festival, Bree danced.", story=True) == "harvest  festival"
    assert d.match("At the harvest festival, Bree danced.", story=False) is None
    assert d.match("chessboards everywhere", story=False) == "chess"  # a stem
    assert d.match("the pony races", story=False) is None  # "_": whole word only


def test_validation_and_production_dictionaries_read() -> None:
    folder = dictionaries_dir()
    started = time.perf_counter()
    actors = read_actors(folder / VALIDATION["actors"])
    agents = read_agents(folder / VALIDATION["agents"])
    verbs = read_verbs(folder / VALIDATION["verbs"])
    discards = read_discards(folder / VALIDATION["discards"])
    assert (len(actors.entries), len(agents.entries), len(discards.entries)) == (128, 88, 9)
    assert (len(verbs.blocks), verbs.pattern_count, len(verbs.synsets)) == (261, 474, 17)
    assert not (actors.problems or agents.problems or verbs.problems or discards.problems)
    cameo = read_verbs(folder / "CAMEO.2.0.txt")
    assert cameo.pattern_count > 4400 and len(cameo.transformations) == 8
    assert len(cameo.problems) == 0
    countries = read_actors(folder / "Phoenix.Countries.actors.txt")
    assert len(countries.entries) > 18000
    # the production files have a few malformed dates; each is named, none stops the read
    assert 0 < len(countries.problems) < 20
    assert all(p.line > 0 for p in countries.problems)
    phoenix_agents = read_agents(folder / "Phoenix.agents.txt")
    assert len(phoenix_agents.entries) > 2000 and len(phoenix_agents.problems) == 2
    assert time.perf_counter() - started < 60  # a bound on the test, not a benchmark
