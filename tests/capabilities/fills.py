"""Fill lists for the capability templates: states, leaders and organisations.

Every fill stores the forms a template needs in each language: the name as a subject or
object, with ``de`` and ``à`` contracted in French (« du Mali », « aux États-Unis »), and the
masculine demonym (« le gouvernement malien », "the Malian government").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Publication date of every capability sentence: the leaders below hold office on it.
PUBLISHED = date(2022, 6, 15)


@dataclass(frozen=True)
class Forms:
    """One actor's forms in one language."""

    name: str
    de: str
    a: str
    dem: str = ""
    #: Locative: "in Mali", « au Mali », « en France ».
    loc: str = ""


@dataclass(frozen=True)
class Fill:
    """An actor with the key the coder must give it and its forms per language."""

    key: str
    en: Forms
    fr: Forms

    def forms(self, lang: str) -> Forms:
        """The forms of ``lang`` ("en" or "fr")."""
        return self.fr if lang == "fr" else self.en


@dataclass(frozen=True)
class Leader:
    """A head of state or government, the state they lead and their term."""

    name: str
    key: str
    start: date
    end: date


def _en(name: str, dem: str) -> Forms:
    return Forms(name, f"of {name}", f"to {name}", dem, f"in {name}")


def _fr(name: str, dem: str) -> Forms:
    """French forms from the name with its article: « le Mali » gives « du Mali »."""
    if name.startswith("le "):
        return Forms(name, "du " + name[3:], "au " + name[3:], dem, "au " + name[3:])
    if name.startswith("les "):
        return Forms(name, "des " + name[4:], "aux " + name[4:], dem, "aux " + name[4:])
    bare = name[3:] if name.startswith("la ") else name[2:]
    return Forms(name, "de " + name, "à " + name, dem, "en " + bare)


def _state(key: str, en: str, en_dem: str, fr: str, fr_dem: str) -> Fill:
    return Fill(key, _en(en, en_dem), _fr(fr, fr_dem))


STATES: tuple[Fill, ...] = (
    _state("FRA", "France", "French", "la France", "français"),
    _state("DEU", "Germany", "German", "l'Allemagne", "allemand"),
    _state("RUS", "Russia", "Russian", "la Russie", "russe"),
    _state("CHN", "China", "Chinese", "la Chine", "chinois"),
    _state("USA", "the United States", "American", "les États-Unis", "américain"),
    _state("GBR", "the United Kingdom", "British", "le Royaume-Uni", "britannique"),
    _state("JPN", "Japan", "Japanese", "le Japon", "japonais"),
    _state("IND", "India", "Indian", "l'Inde", "indien"),
    _state("BRA", "Brazil", "Brazilian", "le Brésil", "brésilien"),
    _state("TUR", "Turkey", "Turkish", "la Turquie", "turc"),
    _state("IRN", "Iran", "Iranian", "l'Iran", "iranien"),
    _state("EGY", "Egypt", "Egyptian", "l'Égypte", "égyptien"),
    _state("NGA", "Nigeria", "Nigerian", "le Nigeria", "nigérian"),
    _state("MLI", "Mali", "Malian", "le Mali", "malien"),
    _state("SEN", "Senegal", "Senegalese", "le Sénégal", "sénégalais"),
    _state("DZA", "Algeria", "Algerian", "l'Algérie", "algérien"),
    _state("MAR", "Morocco", "Moroccan", "le Maroc", "marocain"),
    _state("CAN", "Canada", "Canadian", "le Canada", "canadien"),
    _state("MEX", "Mexico", "Mexican", "le Mexique", "mexicain"),
    _state("ESP", "Spain", "Spanish", "l'Espagne", "espagnol"),
    _state("ITA", "Italy", "Italian", "l'Italie", "italien"),
    _state("POL", "Poland", "Polish", "la Pologne", "polonais"),
    _state("UKR", "Ukraine", "Ukrainian", "l'Ukraine", "ukrainien"),
    _state("KEN", "Kenya", "Kenyan", "le Kenya", "kényan"),
    _state("ZAF", "South Africa", "South African", "l'Afrique du Sud", "sud-africain"),
    _state("ARG", "Argentina", "Argentine", "l'Argentine", "argentin"),
    _state("AUS", "Australia", "Australian", "l'Australie", "australien"),
    _state("SWE", "Sweden", "Swedish", "la Suède", "suédois"),
    _state("KOR", "South Korea", "South Korean", "la Corée du Sud", "sud-coréen"),
    _state("PAK", "Pakistan", "Pakistani", "le Pakistan", "pakistanais"),
)


def _org(key: str, en: str, fr: str) -> Fill:
    return Fill(key, _en(en, ""), _fr(fr, ""))


ORGS: tuple[Fill, ...] = (
    _org("UN", "the United Nations", "l'ONU"),
    _org("NATO", "NATO", "l'OTAN"),
    _org("EU", "the European Union", "l'Union européenne"),
    _org("AU", "the African Union", "l'Union africaine"),
    _org("ASEAN", "ASEAN", "l'ASEAN"),
    _org("ARAB_LEAGUE", "the Arab League", "la Ligue arabe"),
    _org("IAEA", "the International Atomic Energy Agency",
         "l'Agence internationale de l'énergie atomique"),
    _org("WHO", "the World Health Organization", "l'Organisation mondiale de la santé"),
    _org("IMF", "the International Monetary Fund", "le Fonds monétaire international"),
    _org("WORLD_BANK", "the World Bank", "la Banque mondiale"),
    _org("ICC", "the International Criminal Court", "la Cour pénale internationale"),
    _org("OPEC", "OPEC", "l'OPEP"),
    _org("ECOWAS", "ECOWAS", "la Cedeao"),
    _org("OSCE", "the OSCE", "l'OSCE"),
)

LEADERS: tuple[Leader, ...] = (
    Leader("Joe Biden", "USA", date(2021, 1, 20), date(2025, 1, 20)),
    Leader("Vladimir Putin", "RUS", date(2012, 5, 7), date(2030, 1, 1)),
    Leader("Emmanuel Macron", "FRA", date(2017, 5, 14), date(2027, 5, 14)),
    Leader("Olaf Scholz", "DEU", date(2021, 12, 8), date(2025, 5, 6)),
    Leader("Volodymyr Zelensky", "UKR", date(2019, 5, 20), date(2030, 1, 1)),
    Leader("Xi Jinping", "CHN", date(2013, 3, 14), date(2030, 1, 1)),
    Leader("Recep Tayyip Erdoğan", "TUR", date(2014, 8, 28), date(2030, 1, 1)),
    Leader("Narendra Modi", "IND", date(2014, 5, 26), date(2030, 1, 1)),
    Leader("Jair Bolsonaro", "BRA", date(2019, 1, 1), date(2023, 1, 1)),
    Leader("Fumio Kishida", "JPN", date(2021, 10, 4), date(2024, 10, 1)),
    Leader("Justin Trudeau", "CAN", date(2015, 11, 4), date(2025, 3, 14)),
    Leader("Pedro Sánchez", "ESP", date(2018, 6, 2), date(2030, 1, 1)),
    Leader("Ebrahim Raisi", "IRN", date(2021, 8, 3), date(2024, 5, 19)),
    Leader("Abdel Fattah al-Sisi", "EGY", date(2014, 6, 8), date(2030, 1, 1)),
    Leader("Cyril Ramaphosa", "ZAF", date(2018, 2, 15), date(2030, 1, 1)),
    Leader("Abdelmadjid Tebboune", "DZA", date(2019, 12, 19), date(2030, 1, 1)),
    Leader("Muhammadu Buhari", "NGA", date(2015, 5, 29), date(2023, 5, 29)),
    Leader("Andrés Manuel López Obrador", "MEX", date(2018, 12, 1), date(2024, 10, 1)),
    Leader("Mario Draghi", "ITA", date(2021, 2, 13), date(2022, 10, 22)),
    Leader("Andrzej Duda", "POL", date(2015, 8, 6), date(2025, 8, 6)),
    Leader("Uhuru Kenyatta", "KEN", date(2013, 4, 9), date(2022, 9, 13)),
    Leader("Yoon Suk-yeol", "KOR", date(2022, 5, 10), date(2025, 4, 4)),
)


def leaders_in_office(day: date = PUBLISHED) -> tuple[Leader, ...]:
    """The leaders holding office on ``day``."""
    return tuple(p for p in LEADERS if p.start <= day < p.end)
