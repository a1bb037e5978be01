"""Event dates: news conventions on French and English sentences parsed with the real models."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from typing import Any

import pytest
import yaml

from pourparler import nlp
from pourparler.dates import DateResult, dateline_date, resolve_date

# A Wednesday: weekday rules are easiest to check against a mid-week publication.
WED = dt.date(2019, 10, 16)
OFFSET_KINDS = {"day", "week", "weekend", "month", "year"}
PLACEHOLDERS = {"weekday", "month", "n", "unit", "year", "day"}


@pytest.fixture(scope="module")
def fr() -> Any:
    return nlp.load("fr")


@pytest.fixture(scope="module")
def en() -> Any:
    return nlp.load("en")


def _first_sent(model: Any, text: str) -> Any:
    return next(iter(model(text).sents))


def _token(sent: Any, word: str) -> Any:
    return next(t for t in sent if t.text == word)


def _value(model: Any, lang: str, text: str, published: dt.date | None = WED, **kw: Any) -> Any:
    return resolve_date(_first_sent(model, text), published, lang, **kw).value


# --- French ------------------------------------------------------------------------------

FR_PAST = [
    ("Le ministre s'est rendu jeudi à Moscou.", "2019-10-10"),
    ("Mercredi, la police a dispersé la manifestation.", "2019-10-16"),
    ("Mardi soir, l'armée a bombardé la ville.", "2019-10-15"),
    ("Mercredi dernier, les troupes ont ouvert le feu.", "2019-10-09"),
    ("Hier, la police a arrêté dix manifestants.", "2019-10-15"),
    ("Aujourd'hui, le gouvernement a démissionné.", "2019-10-16"),
    ("Avant-hier, Moscou a expulsé deux diplomates.", "2019-10-14"),
    ("La veille, le président avait menacé ses voisins.", "2019-10-15"),
    ("Il y a deux jours, Paris a condamné l'attaque.", "2019-10-14"),
    ("Il y a dix jours, les rebelles ont pris la ville.", "2019-10-06"),
    ("Il y a 3 jours, le ministre a démissionné.", "2019-10-13"),
    ("Ce week-end, des milliers de manifestants ont défilé.", "2019-10-12"),
    ("Les 9 et 10 octobre, l'armée a attaqué la capitale.", "2019-10-09"),
    ("Du 9 au 10 janvier, les ministres se sont réunis.", "2019-01-09"),
    ("Le 1er octobre, le traité est entré en vigueur.", "2019-10-01"),
    ("Le 12 janvier 2022, Moscou a rejeté la demande.", "2022-01-12"),
    ("Le 12/01/2022, Moscou a rejeté la demande.", "2022-01-12"),
    ("Le texte a été signé le 2022-01-12 à Genève.", "2022-01-12"),
    ("Le président a reçu son homologue mardi 15 octobre.", "2019-10-15"),
]


@pytest.mark.parametrize(("text", "expected"), FR_PAST)
def test_fr_past_days(fr: Any, text: str, expected: str) -> None:
    result = resolve_date(_first_sent(fr, text), WED, "fr")
    assert (result.value, result.precision) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le ministre se rendra jeudi à Moscou.", "2019-10-17"),
        ("Les négociations reprendront mercredi.", "2019-10-23"),
        ("Lundi prochain, les ministres se réuniront à Bruxelles.", "2019-10-21"),
        ("Demain, le président recevra son homologue.", "2019-10-17"),
        ("Ce week-end, les deux dirigeants se rencontreront.", "2019-10-19"),
    ],
)
def test_fr_future_days(fr: Any, text: str, expected: str) -> None:
    assert _value(fr, "fr", text, future=True) == expected


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("Le sommet aura lieu la semaine prochaine.", True, ("2019-10-21", "week")),
        ("La semaine dernière, Kiev a rompu les négociations.", False, ("2019-10-07", "week")),
        ("Le mois dernier, Kiev a rompu les négociations.", False, ("2019-09", "month")),
        ("Le mois prochain, les ministres se réuniront.", True, ("2019-11", "month")),
        ("L'an dernier, la France a expulsé des diplomates.", False, ("2018", "year")),
        ("En janvier, la Russie a lancé une offensive.", False, ("2019-01", "month")),
        ("Le sommet se tiendra en janvier.", True, ("2020-01", "month")),
        ("Début janvier, les négociations ont repris.", False, ("2019-01", "month")),
        ("En 2014, la Russie a annexé la Crimée.", False, ("2014", "year")),
        ("En mars 2021, l'armée a pris le pouvoir.", False, ("2021-03", "month")),
    ],
)
def test_fr_weeks_months_years(fr: Any, text: str, future: bool, expected: tuple[str, str]) -> None:
    result = resolve_date(_first_sent(fr, text), WED, "fr", future=future)
    assert (result.value, result.precision) == expected


def test_en_year_rollover(en: Any) -> None:
    sent = _first_sent(en, "Ministers will meet on Jan. 9 and 10 in Geneva.")
    assert resolve_date(sent, dt.date(2021, 12, 31), "en", future=True).value == "2022-01-09"
    past = _first_sent(en, "On Dec. 30, the army shelled the city.")
    assert resolve_date(past, dt.date(2022, 1, 2), "en").value == "2021-12-30"


def test_fr_year_rollover(fr: Any) -> None:
    sent = _first_sent(fr, "Les ministres se réuniront le 12 janvier à Genève.")
    assert resolve_date(sent, dt.date(2021, 12, 31), "fr", future=True).value == "2022-01-12"
    past = _first_sent(fr, "Le 28 décembre, l'armée a bombardé la ville.")
    assert resolve_date(past, dt.date(2022, 1, 3), "fr").value == "2021-12-28"


@pytest.mark.parametrize(
    "text",
    [
        "60 000 soldats sont massés à la frontière depuis 50 minutes.",
        "Au cours des deux derniers mois, 10 000 personnes ont fui le pays.",
        "La réunion a commencé à 10 heures et a duré trois jours.",
        "Le gouvernement a condamné l'attaque contre l'ambassade.",
    ],
)
def test_fr_non_dates_fall_back(fr: Any, text: str) -> None:
    assert resolve_date(_first_sent(fr, text), WED, "fr") == DateResult("2019-10-16", "published")


def test_fr_anchor_picks_its_clause(fr: Any) -> None:
    sent = _first_sent(
        fr, "Le ministre a annoncé jeudi qu'il se rendra à Moscou la semaine prochaine."
    )
    visit = resolve_date(sent, WED, "fr", anchor=_token(sent, "rendra"), future=True)
    assert (visit.value, visit.precision, visit.text) == (
        "2019-10-21",
        "week",
        "la semaine prochaine",
    )
    said = resolve_date(sent, WED, "fr", anchor=_token(sent, "annoncé"))
    assert (said.value, said.text) == ("2019-10-10", "jeudi")


def test_fr_anchor_in_subordinate_clause(fr: Any) -> None:
    sent = _first_sent(
        fr, "Après que Moscou a expulsé lundi deux diplomates, Paris a riposté mardi."
    )
    assert resolve_date(sent, WED, "fr", anchor=_token(sent, "expulsé")).value == "2019-10-14"
    assert resolve_date(sent, WED, "fr", anchor=_token(sent, "riposté")).value == "2019-10-15"


# --- English -----------------------------------------------------------------------------

EN_PAST = [
    ("Russia attacked the port on Thursday.", "2019-10-10"),
    ("Late on Tuesday, police arrested ten protesters.", "2019-10-15"),
    ("Last Wednesday, troops fired on the crowd.", "2019-10-09"),
    ("Yesterday the government resigned.", "2019-10-15"),
    ("The minister resigned today.", "2019-10-16"),
    ("A day earlier, the president threatened his neighbours.", "2019-10-15"),
    ("Three days ago, rebels seized the town.", "2019-10-13"),
    ("Two days ago, Paris condemned the attack.", "2019-10-14"),
    ("Over the weekend, thousands of protesters marched.", "2019-10-12"),
    ("On Oct. 9 and 10, ministers met in Geneva.", "2019-10-09"),
    ("The army withdrew on Oct. 2.", "2019-10-02"),
    ("The army withdrew on October 2nd.", "2019-10-02"),
    ("On 12 October, the army withdrew.", "2019-10-12"),
    ("The ministers met on January 12, 2022, in Vienna.", "2022-01-12"),
    ("The treaty was signed on 01/12/2022 in Vienna.", "2022-01-12"),
]


@pytest.mark.parametrize(("text", "expected"), EN_PAST)
def test_en_past_days(en: Any, text: str, expected: str) -> None:
    result = resolve_date(_first_sent(en, text), WED, "en")
    assert (result.value, result.precision) == (expected, "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister will travel to Moscow on Thursday.", "2019-10-17"),
        ("Talks will resume on Wednesday.", "2019-10-23"),
        ("Next Monday the ministers will meet in Brussels.", "2019-10-21"),
        ("The president will receive his counterpart tomorrow.", "2019-10-17"),
        ("Feb. 16 talks between the two sides will be held in Geneva.", "2020-02-16"),
        ("The army will withdraw in three days.", "2019-10-19"),
    ],
)
def test_en_future_days(en: Any, text: str, expected: str) -> None:
    assert _value(en, "en", text, future=True) == expected


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("Talks will be held next week.", True, ("2019-10-21", "week")),
        ("Last week, Kyiv broke off talks.", False, ("2019-10-07", "week")),
        ("Last month, Kyiv broke off talks.", False, ("2019-09", "month")),
        ("Last year, France expelled two diplomats.", False, ("2018", "year")),
        ("In January, Russia launched an offensive.", False, ("2019-01", "month")),
        ("In 2014, Russia annexed Crimea.", False, ("2014", "year")),
        ("Theresa May met the Irish prime minister in May.", False, ("2019-05", "month")),
    ],
)
def test_en_weeks_months_years(en: Any, text: str, future: bool, expected: tuple[str, str]) -> None:
    result = resolve_date(_first_sent(en, text), WED, "en", future=future)
    assert (result.value, result.precision) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In the 1990s, 2,000 people were killed in the region.",
        "The talks lasted for three days and 16 hours.",
        "Theresa May met the Irish prime minister in Dublin.",
        "The army will withdraw in three days.",  # read only for a planned event
    ],
)
def test_en_non_dates_fall_back(en: Any, text: str) -> None:
    assert resolve_date(_first_sent(en, text), WED, "en") == DateResult("2019-10-16", "published")


def test_en_anchor_picks_its_clause(en: Any) -> None:
    sent = _first_sent(en, "Russia said on Thursday it would hold talks with Ukraine next week.")
    talks = resolve_date(sent, WED, "en", anchor=_token(sent, "hold"), future=True)
    assert (talks.value, talks.precision, talks.text) == ("2019-10-21", "week", "next week")
    said = resolve_date(sent, WED, "en", anchor=_token(sent, "said"))
    assert (said.value, said.text) == ("2019-10-10", "Thursday")


def test_en_anchor_relative_clause(en: Any) -> None:
    sent = _first_sent(en, "The minister, who visited Kyiv last month, met Putin on Friday.")
    assert resolve_date(sent, WED, "en", anchor=_token(sent, "visited")).value == "2019-09"
    assert resolve_date(sent, WED, "en", anchor=_token(sent, "met")).value == "2019-10-11"


# --- references and fallbacks ------------------------------------------------------------


def test_dateline_replaces_publication_for_relative_words(en: Any) -> None:
    sent = _first_sent(en, "Police arrested ten protesters yesterday.")
    assert resolve_date(sent, WED, "en", dateline=dt.date(2019, 10, 10)).value == "2019-10-09"


def test_no_publication_date(fr: Any) -> None:
    assert resolve_date(_first_sent(fr, "Hier, Paris a protesté."), None, "fr") == DateResult(
        None, None
    )
    explicit = resolve_date(_first_sent(fr, "Le 12 janvier 2022, Paris a protesté."), None, "fr")
    assert (explicit.value, explicit.precision) == ("2022-01-12", "day")


def test_fallback_has_no_text(en: Any) -> None:
    result = resolve_date(_first_sent(en, "The president condemned the attack."), WED, "en")
    assert result == DateResult("2019-10-16", "published", None)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "MINSK, Feb 12 (Wire) - Belarus said on Monday",
            dt.date(2022, 2, 12),
            dt.date(2022, 2, 12),
        ),
        ("PARIS, 3 mars (Agence) - La France a protesté", dt.date(2021, 3, 4), dt.date(2021, 3, 3)),
        ("KYIV, Ukraine, Dec. 31 (Wire) - Shelling", dt.date(2022, 1, 1), dt.date(2021, 12, 31)),
        ("GENEVA, Jan. 9, 2020 (Wire) - Talks", None, dt.date(2020, 1, 9)),
        ("WASHINGTON (AP) — The United States said", dt.date(2022, 2, 12), None),
        ("MINSK, Feb 12 (Wire) - Belarus said on Monday", None, None),
        ("The president said on Feb 12 that talks would go on.", dt.date(2022, 2, 12), None),
    ],
)
def test_dateline_date(text: str, published: dt.date | None, expected: dt.date | None) -> None:
    assert dateline_date(text, published) == expected


# --- the data files ----------------------------------------------------------------------


def _data_files() -> list[str]:
    folder = resources.files("pourparler.dates").joinpath("data")
    return sorted(f.name for f in folder.iterdir() if f.name.endswith(".yaml"))


@pytest.mark.parametrize("name", _data_files())
def test_data_file_is_consistent(name: str) -> None:
    raw = yaml.safe_load(
        resources.files("pourparler.dates")
        .joinpath("data")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    assert len(raw["weekdays"]) == 7 and all(raw["weekdays"])
    assert len(raw["months"]) == 12 and all(raw["months"])
    names = [s for row in raw["weekdays"] + raw["months"] for s in row]
    assert len(names) == len(set(names)), "a spelling names two days or months"
    assert set(raw["units"].values()) <= OFFSET_KINDS
    assert set(raw["numbers"].values()) >= set(range(1, 11)), "number words up to ten"
    for text, spec in raw["relative"].items():
        assert spec["unit"] in OFFSET_KINDS, text
        assert isinstance(spec["offset"], int), text
    for section in ("counted", "weekday_forms", "weekday_day_forms", "month_forms", "year_forms"):
        for item in raw[section]:
            template = item if isinstance(item, str) else item["template"]
            used = set(re.findall(r"\{(\w+)\}", template))
            assert used and used <= PLACEHOLDERS, template
            if isinstance(item, dict):
                assert item.get("which", "plain") in {"last", "next", "plain"}, template
                assert item.get("sign", -1) in (-1, 1), template
    assert raw["numeric_order"] in {"DMY", "MDY"}


@pytest.mark.parametrize("name", _data_files())
def test_every_relative_word_resolves(name: str, fr: Any, en: Any) -> None:
    """Each relative expression of the data file is found in a sentence and gives a date."""
    lang = name.removesuffix(".yaml")
    model = {"fr": fr, "en": en}[lang]
    raw = yaml.safe_load(
        resources.files("pourparler.dates")
        .joinpath("data")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    frame = {"fr": "{}, le ministre a parlé.", "en": "{}, the minister spoke."}[lang]
    for text in raw["relative"]:
        result = resolve_date(_first_sent(model, frame.format(text.capitalize())), WED, lang)
        assert result.precision in {"day", "week", "month", "year"}, text


def test_past_event_date_is_not_months_ahead(fr: Any) -> None:
    sent = _first_sent(fr, "Le 3 mars, 2 000 personnes ont manifesté à Minsk.")
    assert resolve_date(sent, WED, "fr").value == "2019-03-03"
    assert resolve_date(sent, WED, "fr", future=True).value == "2020-03-03"


def test_weekday_with_number_that_is_not_a_day(fr: Any) -> None:
    sent = _first_sent(fr, "Jeudi 12 personnes ont été arrêtées à Minsk.")
    assert resolve_date(sent, WED, "fr").value == "2019-10-10"
    named = _first_sent(fr, "Samedi 19 octobre, les ministres se réuniront à Minsk.")
    assert resolve_date(named, WED, "fr", future=True).value == "2019-10-19"


@pytest.mark.parametrize(("lang", "text", "anchor"), [
    ("fr", "Il a exhorté l'Europe mardi : « Demain la guerre frappera à votre porte. »", "exhorté"),
    ("en", 'He urged Europe on Tuesday: "Tomorrow the war will knock on your door."', "urged"),
    ("fr", "Il a exhorté l'Europe : « Demain la guerre frappera à votre porte. »", "exhorté"),
])
def test_a_date_inside_a_quote_does_not_date_the_act_reporting_it(
        fr: Any, en: Any, lang: str, text: str, anchor: str) -> None:
    sent = _first_sent(fr if lang == "fr" else en, text)
    result = resolve_date(sent, WED, lang, anchor=_token(sent, anchor))
    assert result.value != (WED + dt.timedelta(days=1)).isoformat()
