"""Language of an article, for articles that do not say it.

py3langid's model knows 97 languages; it is restricted here to the languages news commonly
arrives in, which removes confusions with rare languages on short texts while still naming a
German or Spanish article as such (so it is refused as unsupported, not miscoded as French).
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

__all__ = ["CANDIDATE_LANGS", "UNDETERMINED", "detect_language"]

#: Languages the identifier may answer: French and English (coded) and the languages most
#: often met in international news feeds, so that those are recognised and refused by name.
CANDIDATE_LANGS: tuple[str, ...] = (
    "fr", "en", "de", "es", "it", "pt", "nl", "ro", "pl", "sv", "da", "no", "fi", "el",
    "ru", "uk", "tr", "ar", "fa", "he", "zh", "ja", "ko", "hi", "id", "vi",
)
#: ISO 639-2 code for "undetermined", returned when there is too little text to judge.
UNDETERMINED = "und"
#: Below this many letters the n-gram statistics are noise (a name, a dateline, "OK").
MIN_LETTERS = 12
#: Only the start of a text is read: the language is settled within a few sentences and the
#: identifier's cost grows with length.
SAMPLE_CHARS = 3_000

_LETTER_RE = re.compile(r"[^\W\d_]")
_lock = threading.Lock()


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(CANDIDATE_LANGS))
    return ident


def detect_language(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of ``text``'s language and a probability in [0, 1].

    Returns ``("und", 0.0)`` when the text has too few letters to tell.
    """
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER_RE.findall(sample)) < MIN_LETTERS:
        return UNDETERMINED, 0.0
    with _lock:  # the identifier is shared; loading it is not thread-safe
        ident = _identifier()
    lang, prob = ident.classify(sample)
    return str(lang), float(prob)
