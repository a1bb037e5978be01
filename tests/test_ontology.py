"""The package's ontology tables: agreement with the reference copies, and the lookup API.

The reference copies live in the project's shared folder (``shared/ontology/`` beside the repo,
or ``$POURPARLER_SHARED/ontology``). Tests that compare against them fail, not skip, when the
folder is missing: a silent skip would let the tables drift.
"""

from __future__ import annotations

import csv
import dataclasses
import os
from pathlib import Path

import pytest

from pourparler.errors import DataError
from pourparler.events import ontology as onto

# The repo sits at <root>/main and the shared folder at <root>/shared (locally and in CI).
_DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
_SHARED_ENV = "POURPARLER_SHARED"

Rows = list[dict[str, str]]


def _shared_ontology_dir() -> Path:
    base = Path(os.environ[_SHARED_ENV]) if os.environ.get(_SHARED_ENV) else _DEFAULT_SHARED
    folder = base / "ontology"
    if not folder.is_dir():
        pytest.fail(
            f"reference ontology folder {folder} not found: check out the shared folder beside "
            f"the repo or set {_SHARED_ENV} to the folder that contains ontology/",
            pytrace=False,
        )
    return folder


def _read(folder: Path, name: str) -> Rows:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


# --------------------------------------------------------------------------- against shared/


def test_every_cameo_code_has_the_reference_score_class_and_label() -> None:
    shared = _shared_ontology_dir()
    reference = _read(shared, "cameo_eventcodes.tsv")
    ours = onto.all_cameo_codes()
    assert len(reference) == 311
    assert {row["code"] for row in reference} == set(ours)
    for row in reference:
        code = ours[row["code"]]
        assert code.goldstein == float(row["goldstein"]), row["code"]
        assert code.quad_class == int(row["quad_class"]), row["code"]
        assert code.label == row["label"], row["code"]


def test_every_cameo_to_plover_row_agrees() -> None:
    shared = _shared_ontology_dir()
    reference = _read(shared, "cameo_to_plover.tsv")
    assert {row["cameo_code"] for row in reference} == set(onto.all_plover_mappings())
    for row in reference:
        code = row["cameo_code"]
        ours = onto.plover_mapping(code)
        # No fallback may be involved: every reference row has its own row here.
        assert ours.cameo_code == code
        # Root 08 is given as "CONCEDE|RETREAT" upstream; ours picks one of the alternatives.
        alternatives = row["plover_event"].split("|") if row["plover_event"] else [None]
        assert ours.plover_type in alternatives, code
        if row["mode_in_current_manual"] == "no":
            assert ours.mode is None, code
        else:
            assert ours.mode == (row["plover_mode"] or None), code
        assert ours.context == (row["plover_context"] or None), code


def test_plover_types_agree() -> None:
    shared = _shared_ontology_dir()
    reference = _read(shared, "plover_types.tsv")
    ours = onto.all_plover_types()
    assert {row["event_type"] for row in reference} == set(ours)
    for row in reference:
        ptype = ours[row["event_type"]]
        assert ptype.quad_class == int(row["quad_class"]), row["event_type"]
        assert ptype.modes == tuple(m for m in row["modes"].split(";") if m), row["event_type"]


def test_every_cameo_country_code_maps_to_the_reference_iso3() -> None:
    shared = _shared_ontology_dir()
    reference = _read(shared, "cameo_countries.tsv")
    for row in reference:
        assert onto.iso3_of_cameo(row["cameo_code"]) == (row["iso3"] or None), row["cameo_code"]
    ours = {c.cameo_code for c in onto.all_countries() if c.cameo_code is not None}
    assert ours == {row["cameo_code"] for row in reference}


def test_every_reference_actor_code_has_its_label() -> None:
    shared = _shared_ontology_dir()
    reference = _read(shared, "cameo_actor_types.tsv")
    ours = {(a.code, a.kind): a.label for a in onto.all_actor_types()}
    for row in reference:
        kind = "known_group" if "KnownGroup" in row["gdelt_field"] else "type"
        assert ours.get((row["code"], kind)) == row["label"], row["code"]
    assert len(ours) == len(reference)


def test_every_current_country_has_a_fips_code() -> None:
    shared = _shared_ontology_dir()
    # Aland has no FIPS code; Palestine is two FIPS units (West Bank, Gaza), tested below.
    without_fips = {"ALA", "PSE"}
    for row in _read(shared, "cameo_countries.tsv"):
        if row["kind"] == "iso_entity" and row["iso3"] not in without_fips:
            assert onto.fips_of_iso3(row["iso3"]) is not None, row["iso3"]


# --------------------------------------------------------------------------- CAMEO API


def test_leading_zeros_are_kept() -> None:
    code = onto.cameo_code("010")
    assert code.code == "010"
    assert code.root == "01"
    assert onto.cameo_code("0211").parent == "021"
    assert onto.cameo_code("021").parent == "02"
    assert onto.cameo_code("02").parent is None
    # "10" is the root DEMAND, "010" a statement: different codes, different classes.
    assert onto.quad_class_of("10") == 3
    assert onto.quad_class_of("010") == 1


@pytest.mark.parametrize("bad", ["999", "0100", "1", "abc", "", " 010"])
def test_unknown_code_raises_data_error(bad: str) -> None:
    assert not onto.is_cameo_code(bad)
    with pytest.raises(DataError, match="unknown CAMEO event code"):
        onto.cameo_code(bad)


def test_integer_code_is_refused() -> None:
    with pytest.raises(DataError, match="strings"):
        onto.cameo_code(10)  # type: ignore[arg-type]


def test_scores_and_classes() -> None:
    assert onto.goldstein_of("190") == -10.0
    assert onto.quad_class_of("190") == 4
    assert onto.quad_class_of("042") == 1
    assert onto.quad_class_of("0871") == 2
    with pytest.raises(DataError):
        onto.goldstein_of("2043")


def test_quad_class_follows_the_root() -> None:
    def expected(root: int) -> int:
        return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4

    for code in onto.all_cameo_codes().values():
        assert code.quad_class == expected(int(code.root)), code.code


def test_tables_are_immutable_and_loaded_once() -> None:
    codes = onto.all_cameo_codes()
    assert codes is onto.all_cameo_codes()
    with pytest.raises(TypeError):
        codes["999"] = codes["010"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        codes["010"].goldstein = 1.0  # type: ignore[misc]


# --------------------------------------------------------------------------- PLOVER API


def test_plover_direct_rows() -> None:
    assert onto.plover_for("0841") == ("RETREAT", "release")
    assert onto.plover_for("163") == ("SANCTION", None)
    assert onto.plover_for("09") == ("ACCUSE", None)


def test_codes_dropped_by_plover_map_to_nothing_without_fallback() -> None:
    assert onto.plover_for("010") == (None, None)
    assert onto.plover_for("0211") == (None, None)
    assert onto.plover_for("02") == (None, None)


def test_plover_falls_back_to_parent_then_root() -> None:
    # 1834 (CAMEO 1.1b3, never used by GDELT) has no row: its parent 183 decides.
    assert not onto.is_cameo_code("1834")
    assert onto.plover_for("1834") == onto.plover_for("183")
    assert onto.plover_mapping("1834").cameo_code == "183"
    # 1761: neither it nor 176 has a row, so the root 17 decides.
    assert onto.plover_mapping("1761").cameo_code == "17"
    assert onto.plover_for("1761") == ("COERCE", None)
    assert onto.plover_for("155") == ("MOBILIZE", None)


@pytest.mark.parametrize("bad", ["21", "2101", "1a", "", "12345"])
def test_plover_lookup_rejects_bad_codes(bad: str) -> None:
    with pytest.raises(DataError):
        onto.plover_for(bad)


def test_every_cameo_code_has_a_plover_answer_within_allowed_modes() -> None:
    types = onto.all_plover_types()
    for code in onto.all_cameo_codes():
        ptype, mode = onto.plover_for(code)
        if ptype is None:
            assert code[:2] in {"01", "02"}, code
            continue
        assert ptype in types, code
        assert mode is None or mode in types[ptype].modes, code


# --------------------------------------------------------------------------- actors, countries


def test_actor_type_labels() -> None:
    assert onto.actor_type_label("MIL") == "Military"
    assert onto.actor_type_label("gov") == "Government"
    assert onto.actor_type_label("PTY") == "Political party"
    label = onto.actor_type_label("NAT")
    assert label is not None and "NATO" in label
    assert onto.actor_type_label("XYZ") is None


def test_country_lookups() -> None:
    assert onto.cameo_country("ROU") == "ROM"
    assert onto.cameo_country("TLS") == "TMP"
    assert onto.cameo_country("fra") == "FRA"
    # A whole country wins over its parts: IRQ is not Baghdad, PSE is not the West Bank.
    assert onto.cameo_country("IRQ") == "IRQ"
    assert onto.cameo_country("PSE") == "PSE"
    assert onto.iso3_of_cameo("WSB") == "PSE"
    assert onto.iso3_of_cameo("AFR") is None
    assert onto.iso3_of_cameo("ZZZ") is None
    assert onto.country_name("FRA") == "France"
    assert onto.country_name("XXX") is None


def test_fips_lookups() -> None:
    assert onto.fips_of_iso3("DEU") == "GM"
    assert onto.fips_of_iso3("GBR") == "UK"
    assert onto.fips_of_iso3("bfa") == "UV"
    assert onto.fips_of_iso3("PSE") is None
    assert onto.iso3_of_fips("GZ") == "PSE"
    assert onto.iso3_of_fips("WE") == "PSE"
    assert onto.iso3_of_fips("UC") == "CUW"
    assert onto.cameo_country("CUW") is None
    assert onto.iso3_of_fips("QQ") is None
