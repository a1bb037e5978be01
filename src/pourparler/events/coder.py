"""The event coder: predicates from the lexicon, arguments from the dependency parse.

For each sentence, every token whose lemma is a lexicon predicate opens a frame. Its source and
target come from the parse (subject, passive agent, object, obliques introduced by the grammar's
target prepositions, "entre X et Y", possessors and governing light verbs for nouns), actors
from the actor stage, status from the clause, date from the date stage.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

from pourparler.dates import DateResult, resolve_date
from pourparler.events._args import manner_clauses
from pourparler.events._counterparts import fill_counterparts, salient_others
from pourparler.events._frames import DocContext, _Frame, _Reader
from pourparler.events._implied import ACCUSATION_CODE, IMPLIED_CONFIDENCE, implied_accusations
from pourparler.events._rules import (
    _FORCE_ROOTS,
    _HOSTILE_ROOTS,
    COMBAT_CODE,
    REPRESSION_CODE,
    _conditional_code,
    _frame_lemmas,
    _governor_verb,
    _has_condition,
    _is_repression,
    _scheduled,
    _select_code,
    _under_reporting,
)
from pourparler.events._status import clause_status, committed
from pourparler.events._syntax import _NON_STATE
from pourparler.events.lexicon import Lexicon, Predicate
from pourparler.events.ontology import cameo_code, plover_for
from pourparler.geo import place_event
from pourparler.model import Actor, Event, Evidence

Token = Any  # spacy.tokens.Token
Span = Any  # spacy.tokens.Span

__all__ = ["DocContext", "code_sentences", "salient_others"]

log = logging.getLogger(__name__)

#: Dependencies of a noun that is itself what a clause predicates ("this is a criminal act").
_PREDICATIVE = frozenset({"attr", "ROOT", "root", "acomp", "oprd", "appos"})


def _candidates(tok: Token, lexicon: Lexicon) -> tuple[Predicate, ...]:
    if tok.pos_ in {"VERB", "AUX"}:
        pos = "VERB"
    elif tok.pos_ in {"NOUN", "PROPN"}:
        pos = "NOUN"
    elif tok.pos_ == "ADJ":
        if tok.dep_ == "amod" and tok.head.dep_ not in _PREDICATIVE:
            # "fight criminal gangs", "arrested illegal miners": an attributive adjective
            # describes; it judges only on a predicate noun ("it was an illegal act")
            return ()
        pos = "ADJ"
    else:
        return ()
    found = lexicon.lookup(tok.lemma_, pos)
    if not found and tok.lower_ != tok.lemma_.lower():
        found = lexicon.lookup(tok.lower_, pos)
    return found


def _defers_to_manner(tok: Token, lexicon: Lexicon) -> bool:
    """A generic response ("retaliated", « a riposté ») whose manner clause names a coded act
    is that act: only the manner clause is coded."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lexicon.grammar.manner_defers:
        return False
    return any(_candidates(c, lexicon) for c in manner_clauses(tok, lexicon.grammar))


#: Contract org names that stand for many organisations (a UN body, any other one).
_POOLED_ORGS = frozenset({"UN", "OTHER"})


def _same_actor(a: Actor, b: Actor) -> bool:
    """Two mentions of one side: the same entity, or one state's government twice over
    (a domestic event needs two different sectors: police and protesters, army and rebels)."""
    if a.key != b.key:
        return False
    if a.org in _POOLED_ORGS and a.name != b.name:
        return False  # two different organisations the contract pools under one name
    if a.sector and b.sector and a.sector != b.sector:
        return False
    return not ({a.sector, b.sector} & _NON_STATE)


def code_sentences(doc: Any, ctx: DocContext) -> Iterator[Event]:
    """Events of a parsed document, sentence by sentence."""
    reader = _Reader(ctx)
    lex = ctx.lexicon
    text = doc.text
    sents = list(doc.sents)
    story = _story_date(sents, ctx)
    future_modals = lex.grammar.future_auxiliaries | lex.grammar.reported_future_modals
    # a token with several candidate entries reads the same cue words for each of them
    cached: dict[tuple[int, bool, bool], set[str]] = {}

    def cues(tok: Token, clauses: bool, participles: bool) -> set[str]:
        key = (tok.i, clauses, participles)
        if key not in cached:
            cached[key] = _frame_lemmas(tok, clauses, future_modals, participles=participles)
        return cached[key]

    for s_i, sent in enumerate(sents):
        seen: set[tuple[str | None, str | None, str]] = set()
        for tok in sent:
            if _defers_to_manner(tok, lex):
                continue
            for entry in _candidates(tok, lex):
                lemmas = cues(tok, entry.cues_in_clause, True)
                if entry.requires and not (entry.requires & lemmas):
                    continue
                if entry.excludes and entry.excludes & cues(tok, entry.cues_in_clause, False):
                    continue
                if entry.phrase and entry.phrase not in lemmas:
                    continue
                status_tok = tok
                if entry.speaker_source:
                    frame, reporter = reader.speaker_frame(tok, entry)
                    if reporter is None:
                        continue
                    status_tok = reporter
                elif entry.pos == "VERB":
                    frame = reader.verb_frame(sent, tok, entry)
                else:
                    frame = reader.noun_frame(sent, tok, entry)
                if not frame.targets and entry.target_from_condition:
                    frame.targets = reader.condition_targets(sent, tok)
                fill_counterparts(frame, sent, tok, ctx)
                pairs = _pairs(frame)
                if not pairs:
                    continue
                status = clause_status(
                    status_tok, lex.grammar,
                    under_reporting=_under_reporting(status_tok, lex.grammar.reporting_verbs))
                if status == "asserted" and entry.future_code and _scheduled(tok, lex.grammar):
                    status = "future"
                when = resolve_date(sent, ctx.published, ctx.lang, anchor=tok,
                                    future=status == "future", dateline=ctx.dateline)
                if story is not None and status == "asserted" and (
                    when.precision == "published" or _within(story, when)
                ):
                    # the lead's day is the story's day (wire convention); "ce mois-ci" or
                    # "this week" around it says no more than that day does
                    when = story
                if (status == "asserted" and when.precision == "day" and ctx.published
                        and when.value and when.value > ctx.published.isoformat()):
                    status = "future"  # a dated act after publication is planned, not done
                commitment = committed(tok, lex.grammar) if status == "hypothetical" else None
                if (commitment is not None and commitment.pos_ == "VERB"
                        and commitment.lemma_.lower() in entry.requires):
                    # "vowed to retaliate": the entry is the commitment itself (a threat)
                    status = "asserted"
                if status == "hypothetical" and entry.future_code and commitment is not None:
                    # "pledged to hold talks", « s'est dit prêt à négocier »: the commitment is
                    # made now, an intent to act (the entry's future code)
                    status = "asserted"
                    code = _select_code(entry, lemmas | {tok.lemma_.lower()}, "future")
                else:
                    # the predicate's own word is a cue too ("pilonner" is artillery fire)
                    code = _select_code(entry, lemmas | {tok.lemma_.lower()}, status)
                if code[:2] in _FORCE_ROOTS and _is_repression(pairs):
                    code = REPRESSION_CODE
                elif code[:2] == "18" and pairs and all(t.sector == "MIL" for _, t in pairs):
                    code = COMBAT_CODE  # killing soldiers is combat (19), not assault (18)
                if (status == "future" and code[:2] in _HOSTILE_ROOTS
                        and _under_reporting(tok, lex.grammar.reporting_verbs)):
                    # "X a répété que l'offensive reprendrait": announcing one's own future
                    # hostile act is a threat (CAMEO 13)
                    conditional = _conditional_code(code, lemmas, entry)
                    if conditional is not None:
                        code, status = conditional, "asserted"
                clause_verb = tok if tok.pos_ in {"VERB", "AUX"} else _governor_verb(tok)
                if status in ("future", "asserted") and clause_verb is not None and \
                        _has_condition(clause_verb, lex.grammar):
                    # "will impose sanctions on X if ...": a conditional act is a threat
                    # (or a promise) made now, not the act itself
                    conditional = _conditional_code(code, lemmas, entry)
                    if conditional is not None:
                        code, status = conditional, "asserted"
                evidence = _evidence(text, sent, ctx.text)
                # "X a rappelé son ambassadeur, suivi par Y": the follower does the same act
                pairs = pairs + [(f, t) for f in reader.followers(tok) for _, t in pairs
                                 if not _same_actor(f, t)]
                rule, confidence = entry.rule_id, frame.confidence
                codes = [(code, pairs, rule, confidence)]
                if entry.reverse_code and status != "future":
                    codes.append((entry.reverse_code, [(t, s_) for s_, t in pairs], rule,
                                  confidence))
                accused = implied_accusations(
                    reader.reporting_verb(tok), code, status, pairs, reader.speaker_actors,
                    lambda t: bool(_candidates(t, lex)))
                if accused:
                    codes.append((ACCUSATION_CODE, accused, f"{ctx.lang}/implied_accusation",
                                  confidence * IMPLIED_CONFIDENCE))
                for code_, pairs_, rule, confidence in codes:
                    info = cameo_code(code_)
                    plover, mode = plover_for(code_)
                    for src, tgt in pairs_:
                        key = (src.cameo or src.name, tgt.cameo or tgt.name, code_)
                        if key in seen:
                            continue
                        seen.add(key)
                        location = (
                            place_event(sent, tok, code_, ctx.actors, ctx.places,
                                        source=src, target=tgt)
                            if ctx.places is not None else None
                        )
                        yield Event(
                            article_id=ctx.article_id,
                            sentence=s_i,
                            source=src,
                            target=tgt,
                            cameo=code_,
                            root=info.root,
                            quad_class=info.quad_class,
                            goldstein=info.goldstein,
                            plover=plover,
                            plover_mode=mode,
                            status=status,
                            date=when.value,
                            date_precision=when.precision,
                            evidence=evidence,
                            lang=ctx.lang,
                            rule=rule,
                            confidence=confidence,
                            location=location,
                        )
                break  # one entry per predicate token: the first that fires


#: The lead of a wire story (its first sentences) dates the story; two sentences cover a
#: headline or dateline line plus the lead paragraph.
_LEAD_SENTENCES = 3


def _within(day: DateResult, span: DateResult) -> bool:
    """Whether a day-precision date falls inside a coarser month or year expression."""
    if not day.value or not span.value or span.precision not in {"month", "year"}:
        return False
    return day.value.startswith(span.value)


def _story_date(sents: Sequence[Span], ctx: DocContext) -> DateResult | None:
    """The day the lead says the story happened on ("... ont échangé jeudi ..."), if any."""
    for sent in sents[:_LEAD_SENTENCES]:
        root = sent.root
        when = resolve_date(sent, ctx.published, ctx.lang, anchor=root, future=False,
                            dateline=ctx.dateline)
        if when.precision == "day" and when.value and (
            ctx.published is None or when.value <= ctx.published.isoformat()
        ):
            return when
    return None


def _evidence(parsed: str, sent: Span, original: str | None) -> Evidence:
    """The sentence as the article gives it, with offsets that slice the article's text.

    The parsed text has the article's length (repairs keep every offset; a dateline is
    blanked), so its blanks tell where the sentence really starts and ends.
    """
    start, end = sent.start_char, sent.end_char
    while start < end and parsed[start].isspace():
        start += 1
    while end > start and parsed[end - 1].isspace():
        end -= 1
    source = original if original is not None and len(original) == len(parsed) else parsed
    return Evidence(source[start:end], start, end)


def _pairs(frame: _Frame) -> list[tuple[Actor, Actor]]:
    """Source-target pairs of a frame; symmetric acts among coordinated subjects."""
    sources = [a for a in frame.sources if a.key]
    targets = [a for a in frame.targets if a.key]
    out: list[tuple[Actor, Actor]] = []
    if targets:
        for s in sources:
            for t in targets:
                if not _same_actor(s, t):
                    out.append((s, t))
    elif frame.entry.symmetric and not sources and len(targets) >= 2:
        # "un accord a été signé entre X et Y": the parties are both named as complements
        a, b = targets[0], targets[1]
        if not _same_actor(a, b):
            out.append((a, b))
    elif frame.entry.symmetric and len(sources) >= 2:
        # a joint act of three or more parties is coded for its first-named pair only: news
        # name the principals first, and all pairs would invent dyads nobody reported
        a, b = sources[0], sources[1]
        if not _same_actor(a, b):
            out.append((a, b))
    return out

