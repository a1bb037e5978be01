"""String keys used to compare surface forms: accent-free, and transliteration-tolerant."""

from __future__ import annotations

import functools
import re
import unicodedata

# Letter groups that French and English spell differently when transliterating the same
# (mostly Cyrillic, Arabic, Persian) name. Applied in order to both sides, so only the
# equivalence matters, not which spelling is "right": Poutine~Putin, Ouchakov~Ushakov,
# Sergueï~Sergei (via "gu"), Zelenskyy~Zelensky~Zelenski, Djibril~Jibril, Wladimir~Vladimir.
_TRANSLIT_STEPS: tuple[tuple[str, str], ...] = (
    ("tch", "ch"),
    ("sch", "sh"),
    ("ch", "sh"),
    ("ou", "u"),
    ("ck", "k"),
    ("dj", "j"),
    ("gu", "g"),
    ("ph", "f"),
    ("kh", "h"),
    ("y", "i"),
    ("w", "v"),
    ("ie", "i"),
)
# French transliterations often add a final mute "e" (Poutine, Raïssi~Raisi is handled by
# doubled letters); dropped on keys long enough that it cannot be the whole syllable.
_MIN_LEN_DROP_FINAL_E = 5
_NON_LETTER = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"([a-z])\1+")


@functools.lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    """``text`` without combining marks (É -> E, ï -> i); case is kept."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def norm_key(text: str) -> str:
    """Lower-case, accent-free form with single spaces: the key of a dictionary surface form."""
    return " ".join(strip_accents(text).lower().replace("’", "'").split())


@functools.lru_cache(maxsize=65536)
def translit_key(text: str) -> str:
    """Spelling-tolerant key of a personal name (one word or several, spaces kept)."""
    words = []
    for word in strip_accents(text).lower().split():
        w = _NON_LETTER.sub("", word)
        for old, new in _TRANSLIT_STEPS:
            w = w.replace(old, new)
        w = _DOUBLED.sub(r"\1", w)
        if len(w) >= _MIN_LEN_DROP_FINAL_E and w.endswith("e"):
            w = w[:-1]
        if w:
            words.append(w)
    return " ".join(words)


def is_acronym(form: str) -> bool:
    """True for forms such as US, U.S., UN, OTAN: matched only in capitals."""
    letters = [c for c in form if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def case_compatible(form: str, surface: str) -> bool:
    """Whether ``surface`` may be an occurrence of the data ``form`` given their case.

    Acronyms must appear in capitals ("us" is not "US"); capitalised names must not appear all
    lower-case ("turkey", "china" are common nouns). Lower-case forms match any case.
    """
    if is_acronym(form):
        return strip_accents(surface).replace(" ", "") == strip_accents(form).replace(" ", "")
    if form[:1].isupper():
        return not surface.islower()
    return True
