"""Article -> [Event]: language, parse, actors, events; per-article error policy.

A broken article never stops a batch: each one yields an :class:`ArticleResult` that carries
either its events or the reason it could not be coded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pourparler.errors import DataError, InputError, PourparlerError, UnsupportedLanguageError
from pourparler.model import Article, Event
from pourparler.options import CoderOptions

log = logging.getLogger(__name__)

#: Languages coded (a spaCy model per language in pourparler.nlp.MODEL_PACKAGES; a test keeps
#: the two lists equal).
SUPPORTED_LANGS: tuple[str, ...] = ("fr", "en")

#: Below this probability the language identifier's answer is not trusted over French/English:
#: on short or name-heavy news texts py3langid is unsure; 0.5 means "more likely than not".
MIN_LANG_PROB = 0.5


@dataclass(slots=True)
class ArticleResult:
    """What coding one article gave: its events, or the error that stopped it."""

    article_id: str
    events: list[Event] = field(default_factory=list)
    lang: str | None = None
    error: PourparlerError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


#: French typesetting often drops the accent of a capital "À" ("A Kiev, ..."); the parser then
#: reads the verb "a". Same length, so every character offset stays true.
_FR_CAPITAL_A = re.compile(r"(?:(?<=^)|(?<=[\n.!?»”\"]\s)|(?<=[\n.!?»”\"]\s\s))A(?= [A-ZÉÈÎÔ])")


def home_country(text: str, knowledge: Any) -> str | None:
    """ISO3 of the single place a wire dateline names ("NAIROBI, June 25 (Wire) -" -> KEN);
    None without a dateline or when it names several places ("ANKARA/WASHINGTON")."""
    from pourparler.geo import dateline_places, load_gazetteer

    places, _ = dateline_places(text)
    if len(places) != 1:
        return None
    if knowledge.is_org_seat(places[0]):
        return None
    found: str | None = knowledge.home_country(places[0])
    if found is None:
        place = load_gazetteer().best(places[0])
        found = place.country if place is not None else None
    return found


def normalise_text(text: str, lang: str) -> str:
    """Offset-preserving repairs of typography that misleads the parser.

    A wire dateline ("MINSK, Feb 12 (Wire) - ") says where the story was filed, not who acted:
    it is blanked so that its city is never read as a government.
    """
    from pourparler.geo import dateline_end

    end = dateline_end(text)
    if end:
        text = " " * end + text[end:]
    if lang == "fr":
        text = _FR_CAPITAL_A.sub("À", text)
    return text


def load_actor_knowledge(actor_files: Iterable[Any] = (), warn: bool = True) -> Any:
    """The actor knowledge with the user's actor files merged. A file that is not UTF-8 is
    one DataError naming it, raised here at load (not an internal error per article)."""
    from pathlib import Path

    from pourparler.actors import load_knowledge
    from pourparler.dictionaries._load import merge_petrarch_actors, split_actor_files

    files, petrarch = split_actor_files(actor_files)
    for path in files:
        try:
            Path(path).read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataError(f"{path}: user actor file is not valid UTF-8 (byte "
                            f"0x{exc.object[exc.start]:02x} at offset {exc.start}); save it "
                            "as UTF-8") from None
        except OSError:
            pass  # the loader says what is wrong with a file it cannot read
    kn = load_knowledge(files)
    if petrarch:
        kn = kn.copy()  # never add to the cached built-in knowledge
        merge_petrarch_actors(kn, petrarch, warn)
    return kn


class Coder:
    """Codes articles. Models and knowledge load once, on first use, and are reused."""

    def __init__(self, options: CoderOptions | None = None) -> None:
        self.options = options or CoderOptions()
        self._knowledge: Any = None
        self._dictionaries: Any = None

    @property
    def knowledge(self) -> Any:
        if self._knowledge is None:
            self._knowledge = load_actor_knowledge(self.options.actor_files,
                                                   self.options.warn_dictionaries)
        return self._knowledge

    @property
    def dictionaries(self) -> Any:
        """The user's PETRARCH-style dictionaries (pourparler.dictionaries), read once."""
        if self._dictionaries is None:
            from pourparler.dictionaries._load import load_dictionaries

            self._dictionaries = load_dictionaries(self.options)
        return self._dictionaries

    def language_of(self, article: Article) -> str:
        """The article's language: given, else detected; raises for unsupported languages."""
        lang = (article.lang or self.options.default_lang or "").lower()[:2] or None
        if lang is None:
            from pourparler.ingest.langid import detect_language

            lang, prob = detect_language(article.text)
            if lang not in SUPPORTED_LANGS and prob < MIN_LANG_PROB:
                log.debug("%s: unsure language guess %s (%.2f)", article.id, lang, prob)
        if lang not in SUPPORTED_LANGS:
            raise UnsupportedLanguageError(article.id, lang or "unknown")
        return lang

    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Code articles in order, one result per article; batches by language for spaCy."""
        batch: list[tuple[Article, str]] = []
        for article in articles:
            try:
                if not article.text.strip():
                    raise InputError(article.id, "empty text")
                if len(article.text) > self.options.max_text_chars:
                    raise InputError(
                        article.id,
                        f"text too long ({len(article.text)} characters, limit "
                        f"{self.options.max_text_chars})",
                    )
                lang = self.language_of(article)
            except PourparlerError as exc:
                yield from self._flush(batch)
                batch = []
                yield ArticleResult(article.id, error=exc)
                continue
            if batch and batch[-1][1] != lang:
                yield from self._flush(batch)
                batch = []
            batch.append((article, lang))
            if len(batch) >= self.options.batch_size:
                yield from self._flush(batch)
                batch = []
        yield from self._flush(batch)

    def _flush(self, batch: list[tuple[Article, str]]) -> Iterator[ArticleResult]:
        if not batch:
            return
        lang = batch[0][1]
        try:
            from pourparler import nlp  # spaCy is imported only when a batch is parsed

            model = nlp.load(lang)
        except PourparlerError as exc:
            for article, _ in batch:
                yield ArticleResult(article.id, lang=lang, error=exc)
            return
        # the body only: evidence offsets index into Article.text, and headlines restate the body
        texts = (normalise_text(a.text, lang) for a, _ in batch)
        for (article, _), doc in zip(batch, model.pipe(texts, batch_size=self.options.batch_size),
                                     strict=True):
            try:
                events = self._events(doc, article, lang)
            except PourparlerError as exc:
                yield ArticleResult(article.id, lang=lang, error=exc)
                continue
            except Exception as exc:  # a coder bug must not sink the batch; it is logged in full
                log.exception("%s: coding failed", article.id)
                err = PourparlerError(f"{article.id}: internal error while coding ({exc!r})")
                yield ArticleResult(article.id, lang=lang, error=err)
                continue
            yield ArticleResult(article.id, events=events, lang=lang)

    def _events(self, doc: Any, article: Article, lang: str) -> list[Event]:
        from pourparler.actors import find_actors
        from pourparler.dates import dateline_date
        from pourparler.events import repair_parse
        from pourparler.events.coder import DocContext, code_sentences
        from pourparler.events.lexicon import load_lexicon
        from pourparler.geo import article_places

        lexicon = load_lexicon(lang)
        if self.options.no_builtin:
            return self._dictionary_events(doc, article, lang, None, [])
        repair_parse(doc, lexicon)
        ctx = DocContext(
            article_id=article.id,
            lang=lang,
            published=article.published,
            dateline=dateline_date(article.text, article.published),
            actors=find_actors(doc, self.knowledge, lang, article.published,
                               home=home_country(article.text, self.knowledge)),
            lexicon=lexicon,
            demonym_country=lambda word: self.knowledge.demonym_country(lang, word),
            country_name=lambda iso3: self.knowledge.country_name.get(iso3, iso3),
            text=article.text,
        )
        ctx.places = article_places(doc, ctx.actors, lang, text=article.text)
        events = list(code_sentences(doc, ctx))
        if self.options.has_dictionaries:
            return self._dictionary_events(doc, article, lang, ctx.actors, events)
        if not self.options.keep_uncounted:
            events = [e for e in events if e.counted]
        return events

    def _dictionary_events(self, doc: Any, article: Article, lang: str, doc_actors: Any,
                           builtin: list[Event]) -> list[Event]:
        """The dictionary coder's events, alone (``no_builtin``) or added to the built-in
        coder's in the sentences where it found nothing (measured on dev-en/dev2-en: adding
        them beside its own events doubled the false alarms for one more hit)."""
        from pourparler.dictionaries.coder import DictionaryOptions, SentenceCoder
        from pourparler.events.lexicon import load_lexicon

        coder = SentenceCoder(self.dictionaries, load_lexicon(lang).grammar)
        merged = doc_actors is not None
        fallback = doc_actors.resolve if merged else None
        opts = DictionaryOptions(require_dyad=self.options.require_dyad or merged,
                                 keyed=merged,
                                 new_actor_length=self.options.new_actor_length)
        found = coder.code_doc(doc, article.id, article.published, lang, opts,
                               fallback=fallback)
        if merged:
            coded = {e.sentence for e in builtin}
            found = [e for e in found if e.sentence not in coded and _distinct_sides(e)]
        events = builtin + found
        if not self.options.keep_uncounted:
            events = [e for e in events if e.counted]
        return events

    def code_one(self, article: Article) -> ArticleResult:
        return next(iter(self.code([article])))


def _distinct_sides(e: Event) -> bool:
    """A merged dictionary event names two sides the records can tell apart, as the
    built-in coder's do: each with a country or organisation, and not one state twice
    (its government and itself) unless two different sectors of it meet."""
    s, t = e.source, e.target
    if s is None or t is None or not s.key or not t.key:
        return False
    return s.key != t.key or bool(s.sector and t.sector and s.sector != t.sector)


def code_articles(articles: Iterable[Article | InputError],
                  options: CoderOptions | None = None) -> Iterator[ArticleResult]:
    """Code a stream that may contain input errors (from readers); errors pass through."""
    coder = Coder(options)
    pending: list[Article] = []

    def run() -> Iterator[ArticleResult]:
        yield from coder.code(pending)
        pending.clear()

    for item in articles:
        if isinstance(item, InputError):
            yield from run()
            yield ArticleResult(item.source, error=item)
        else:
            pending.append(item)
            if len(pending) >= coder.options.batch_size:
                yield from run()
    yield from run()
