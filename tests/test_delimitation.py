"""Issue 8: each class of the audit's errors, pinned with named installations on the shipped data, and the
rules' pieces (areas, partners, name rules) on hand-made rows."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import classify, cluster_rules
from etl.installations import build_installations, read_reference
from monitor import config

DATA = config.DATA_DIR


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    installations, _ = build_installations(DATA)
    return installations.set_index("installation_id")


def test_location_from_a_city_alone_is_marked_and_checked_against_the_name(real):
    eems = real.loc["NL_218240"]  # EemsEnergy Terminal: LNG terminal in Eemshaven, registered at an office in Groningen
    assert eems["location_basis"] == "registry city" and eems["municipality"] == "Groningen"
    assert eems["cluster"] == "Noord-Nederland" and eems["cluster_area"] == "Eemshaven"
    assert not eems["in_cluster6"] and eems["membership_rule"] == "area name"
    assert eems["needs_review"] and "registerplaats" in eems["review_note"]
    # every installation whose location rests on a city name alone, and whose location decides, is listed
    city_only = real[real["location_basis"].isin(["registry city", "unplaced"]) & (real["membership_rule"] != "sector")]
    assert len(city_only) > 5 and city_only["needs_review"].all()
    # a registry city that other installations' coordinates place elsewhere: 'Rozenburg' is the data-centre park
    assert real.loc["NL_220641", "municipality"] == "Haarlemmermeer"  # EdgeConneX AMS06, not Rozenburg by Rotterdam
    # no own coordinates, but those of an installation at the same postcode
    delrin = real.loc["NL_218982"]
    assert delrin["location_basis"] == "postcode" and "NL_111" in delrin["review_note"]


@pytest.mark.parametrize(
    ("installation_id", "in_cluster6", "why"),
    [
        ("NL_386", True, "Abbott in Weesp: municipality Amsterdam, but no part of the Noordzeekanaal port"),
        ("NL_41", True, "FrieslandCampina Bedum: municipality Het Hogeland, 21 km from Eemshaven"),
        ("NL_54", True, "Farm Frites Oudenhoorn: municipality Voorne aan Zee, far from Europoort"),
        ("NL_362", True, "VDL Nedcar in Born: municipality Sittard-Geleen, not Chemelot"),
        ("NL_144", False, "Tata Steel IJmuiden"),
        ("NL_107", False, "Chemelot"),
        ("NL_45", False, "Tate & Lyle, Zaan industry (Zaanstad Maakstad, NZKG)"),
        ("NL_98", False, "BP Europoort"),
        ("NL_128", False, "Yara Sluiskil"),
        ("NL_203881", False, "Air Liquide Botlek: coordinates at the Rotterdam office, the name says Botlek"),
    ],
)
def test_clusters_are_their_industrial_areas_not_whole_municipalities(real, installation_id, in_cluster6, why):
    assert real.loc[installation_id, "in_cluster6"] == in_cluster6, why


def test_neighbours_dordrecht_and_zwijndrecht_are_treated_alike(real):
    drecht = real.loc[["NL_111", "NL_218982", "NL_322", "NL_34"]]  # Chemours, Delrin; Ashland, SD Guthrie
    assert (drecht["cluster"] == "Rotterdam-Moerdijk").all() and not drecht["in_cluster6"].any()
    assert drecht["needs_review"].all() and drecht["review_note"].str.contains("grensgebied").all()
    assert real.loc["NL_204761", "in_cluster6"]  # FNsteel Alblasserdam: no cluster description names it


def test_greenhouse_growers_without_nace_are_recognised_and_excluded(real):
    for grower in ("NL_289", "NL_380", "NL_360", "NL_370"):  # Nico Kiep, De Trompet, Wubben Chrysanten, Schreurs
        row = real.loc[grower]
        assert row["sector"] == "glastuinbouw" and row["sector_source"] == "name" and not row["in_cluster6"], grower
    presswood = real.loc["NL_216320"]  # 'Broeikasgasinstallatie' is the ETS word, not a greenhouse: pallet blocks
    assert presswood["sector"] != "glastuinbouw" and presswood["in_cluster6"]


def test_data_centres_without_nace_are_ict_by_rule(real):
    for centre in ("NL_214082", "NL_214561", "NL_222254", "NL_220641", "NL_212481", "NL_210677"):
        assert real.loc[centre, "sector"] == "ICT", centre
    overrides = read_reference(DATA, "installation_overrides.csv")
    assert not overrides["sector"].eq("ICT").any()  # the rule, not a list of overrides


def test_non_industrial_installations_leave_cluster6_with_a_visible_reason(real):
    for name_id in ("NL_393", "NL_202", "NL_203", "NL_359", "NL_381", "NL_294", "NL_210344"):
        row = real.loc[name_id]  # UMC Utrecht, Universiteit Utrecht, UMCG, Defensie, Schiphol, FloraHolland, LUMC
        assert row["sector"] == "niet-industrieel" and not row["in_cluster6"] and "geen industrie" in row["reason"], name_id
    klm = real.loc["NL_335"]  # aircraft maintenance is NACE 33 (manufacturing): industry, stays
    assert klm["in_cluster6"] and klm["sector"] == "overig"


def test_programme_partners_belong_to_their_cluster(real):
    kruiningen = real.loc["NL_55"]  # Lamb Weston Kruiningen (Reimerswaal): Smart Delta Resources partner
    assert kruiningen["membership_rule"] == "partner" and kruiningen["cluster"] == "Zeeland/West-Brabant"
    assert not kruiningen["in_cluster6"]
    assert real.loc["NL_63", "in_cluster6"]  # Cosun Vierverlaten (Groningen): a partner's site outside the region
    assert real.loc["NL_204201", "in_cluster6"]  # Nedmag Veendam: 'net te ver' from cluster Noord-Nederland
    assert real.loc["NL_205804", "in_cluster6"]  # Cabot Norit Klazienaveen (Emmen)


def test_every_installation_has_one_rule_and_a_reason(real):
    allowed = {
        "sector",
        "area",
        "area name",
        "partner",
        "municipality fallback",
        "outside clusters",
        "offshore",
        "unplaced",
        "override",
    }
    assert set(real["membership_rule"]) <= allowed
    assert real["reason"].str.len().gt(10).all() and real["sector_note"].notna().all()
    assert real.loc[real["needs_review"], "review_note"].notna().all()
    assert real.loc[~real["needs_review"], "review_note"].isna().all()
    assert (real.loc[real["membership_rule"] == "override", "needs_review"]).all()


def test_area_rules_on_hand_made_rows():
    areas = cluster_rules.read_areas(read_reference(DATA, "cluster_areas.csv"))
    placed = pd.DataFrame(
        [
            # 1 km from the Botlek core
            {"installation_id": "A", "name": "Fabriek", "lat": 51.889, "lon": 4.270, "municipality": "Rotterdam"},
            # Rotterdam city, far from the port areas
            {"installation_id": "B", "name": "Fabriek", "lat": 51.92, "lon": 4.48, "municipality": "Rotterdam"},
            # no point, registry city in a cluster municipality: the municipality is the fallback, listed for review
            {"installation_id": "C", "name": "Fabriek", "city": "Velsen", "municipality": "Velsen"},
            # an office in Eindhoven, but the name says Maasvlakte
            {"installation_id": "D", "name": "Terminal Maasvlakte", "lat": 51.44, "lon": 5.47, "municipality": "Eindhoven"},
        ]
    )
    for column, default in (("offshore", False), ("nace", "20.14"), ("eu_activity", 20), ("province", "X")):
        placed[column] = default
    result = classify.classify(
        placed,
        read_reference(DATA, "sector_map.csv"),
        read_reference(DATA, "cluster_municipalities.csv"),
        pd.DataFrame(columns=["installation_id", "in_cluster6", "sector", "reason"]),
        areas=areas,
    ).set_index("installation_id")
    assert result.loc["A", "cluster_area"] == "Botlek" and result.loc["A", "membership_rule"] == "area"
    assert result.loc["B", "in_cluster6"] and "Rotterdam is een gemeente van het cluster" in result.loc["B", "review_note"]
    assert result.loc["C", "membership_rule"] == "municipality fallback" and result.loc["C", "needs_review"]
    assert result.loc["D", "cluster_area"] == "Maasvlakte" and not result.loc["D", "in_cluster6"]


def test_reference_files_name_a_source_for_every_area():
    areas = read_reference(DATA, "cluster_areas.csv")
    assert areas["source"].str.len().gt(5).all() and areas["reasoning"].str.len().gt(20).all()
    assert set(areas["cluster"]) == {
        "Rotterdam-Moerdijk",
        "Noordzeekanaalgebied",
        "Noord-Nederland",
        "Chemelot",
        "Zeeland/West-Brabant",
    }
    assert areas["area"].is_unique
