"""The Cluster 6 rules: placement, sector, selection, overrides - on small hand-made frames and the real data."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import classify
from etl.installations import build_installations, read_reference
from etl.sources import boundaries
from monitor import config

DATA = config.DATA_DIR


@pytest.fixture(scope="module")
def areas():
    return boundaries.read(DATA / boundaries.GEMEENTEN.file), boundaries.read(DATA / boundaries.PROVINCES.file)


def frame(**columns) -> pd.DataFrame:
    base = {
        "installation_id": ["NL_X"],
        "name": ["Fabriek"],
        "city": [None],
        "lat": [None],
        "lon": [None],
        "nace": [None],
        "eu_activity": [20],
    }
    base.update({k: [v] for k, v in columns.items()})
    return pd.DataFrame(base)


def test_place_by_coordinates_then_registry_city(areas):
    gemeenten, provinces = areas
    by_point = classify.place(frame(lat=51.4416, lon=5.4778, city="ELDERS"), gemeenten, provinces, {})
    assert by_point.loc[0, ["municipality", "province", "location_source"]].tolist() == [
        "Eindhoven",
        "Noord-Brabant",
        "coordinates",
    ]
    by_alias = classify.place(frame(city="Botlek-Rotterdam"), gemeenten, provinces, {"BOTLEK-ROTTERDAM": "Rotterdam"})
    assert by_alias.loc[0, ["municipality", "location_source"]].tolist() == ["Rotterdam", "registry city"]
    by_name = classify.place(frame(city="Zwolle"), gemeenten, provinces, {})
    assert by_name.loc[0, ["municipality", "province"]].tolist() == ["Zwolle", "Overijssel"]
    nowhere = classify.place(frame(city="Atlantis"), gemeenten, provinces, {})
    assert nowhere.loc[0, "location_source"] == "unplaced" and nowhere.loc[0, "municipality"] is None


def test_offshore_platforms_are_not_put_on_an_office(areas):
    gemeenten, provinces = areas
    platform = classify.place(
        frame(name="ENGIE E&P Nederland B.V., K12-B platform", nace="06.20", city="DEN HAAG", lat=52.07, lon=4.3),
        gemeenten,
        provinces,
        {},
    )
    assert platform.loc[0, "offshore"] and platform.loc[0, "location_source"] == "offshore"
    assert pd.isna(platform.loc[0, "lat"]) and platform.loc[0, "municipality"] is None
    slash = classify.place(
        frame(name="A12/CPP Petrogas E&P Netherlands B.V.", nace="06.20", city="RIJSWIJK"), gemeenten, provinces, {}
    )
    assert slash.loc[0, "offshore"]
    onshore = classify.place(frame(name="TAQA Onshore B.V.", nace="06.20", city="ALKMAAR"), gemeenten, provinces, {})
    assert not onshore.loc[0, "offshore"]


@pytest.mark.parametrize(
    ("nace", "activity", "expected"),
    [
        ("23.32", 20, ("keramisch", "nace")),
        ("20.16", 42, ("kunststof", "nace")),  # longest prefix wins over 20 -> chemie
        ("20.14", 42, ("chemie", "nace")),
        ("35.11", 1, ("energie", "nace")),
        ("01.13", 20, ("glastuinbouw", "nace")),
        (None, 8, ("keramisch", "eu_activity")),  # phase 1-2 code
        (None, 32, ("keramisch", "eu_activity")),  # phase 3+ code
        (None, 9, ("papier & karton", "eu_activity")),
        (None, 36, ("papier & karton", "eu_activity")),
        (None, 20, ("overig", "unmapped")),  # 'combustion of fuels' says nothing about the branch
    ],
)
def test_sector_nace_first_then_activity_code(nace, activity, expected):
    sector_map = read_reference(DATA, "sector_map.csv")
    nace_map = {r.code: r.sector for r in sector_map.itertuples() if r.code_type == "nace"}
    activity_map = {int(r.code): r.sector for r in sector_map.itertuples() if r.code_type == "eu_activity"}
    assert classify.sector_for(nace, activity, nace_map, activity_map) == expected


def _classified(rows: list[dict], overrides: pd.DataFrame | None = None) -> pd.DataFrame:
    placed = pd.DataFrame(rows)
    for column, default in (
        ("offshore", False),
        ("location_source", "coordinates"),
        ("nace", None),
        ("eu_activity", 20),
        ("province", "X"),
    ):
        placed[column] = placed.get(column, default)
    if overrides is None:
        overrides = pd.DataFrame(columns=["installation_id", "in_cluster6", "sector", "reason"])
    return classify.classify(
        placed, read_reference(DATA, "sector_map.csv"), read_reference(DATA, "cluster_municipalities.csv"), overrides
    ).set_index("installation_id")


def test_selection_rules_and_reasons():
    result = _classified(
        [
            {"installation_id": "A", "municipality": "Velsen", "nace": "24.10"},
            {"installation_id": "B", "municipality": "Etten-Leur", "nace": "23.14"},
            {"installation_id": "C", "municipality": "Eindhoven", "nace": "35.30"},
            {"installation_id": "D", "municipality": "Westland", "nace": "01.13"},
            {"installation_id": "E", "municipality": None, "offshore": True, "location_source": "offshore", "nace": "06.20"},
        ]
    )
    assert result.loc["A", "cluster"] == "Noordzeekanaalgebied" and not result.loc["A", "in_cluster6"]
    assert result.loc["B", "in_cluster6"] and "buiten de vijf clusters" in result.loc["B", "reason"]
    assert not result.loc["C", "in_cluster6"] and "NACE 35" in result.loc["C", "reason"]
    assert not result.loc["D", "in_cluster6"] and "glastuinbouw" in result.loc["D", "reason"]
    assert result.loc["E", "in_cluster6"] and "offshore" in result.loc["E", "reason"]


def test_override_wins_over_rules():
    overrides = pd.DataFrame(
        [
            {"installation_id": "A", "in_cluster6": True, "sector": None, "reason": "besluit regisseur"},
            {"installation_id": "B", "in_cluster6": None, "sector": "energie", "reason": "is een WKK"},
        ]
    )
    result = _classified(
        [
            {"installation_id": "A", "municipality": "Velsen", "nace": "24.10"},
            {"installation_id": "B", "municipality": "Zwolle", "nace": "10.51"},
        ],
        overrides,
    )
    assert result.loc["A", "in_cluster6"] and result.loc["A", "reason"] == "handmatige keuze: besluit regisseur"
    # a sector override runs before the selection rules: an energy producer leaves Cluster 6
    assert result.loc["B", "sector"] == "energie" and result.loc["B", "sector_source"] == "override"
    assert not result.loc["B", "in_cluster6"]


def test_override_of_unknown_installation_is_refused():
    overrides = pd.DataFrame([{"installation_id": "NL_0", "in_cluster6": True, "sector": None, "reason": "x"}])
    with pytest.raises(ValueError, match="NL_0"):
        _classified([{"installation_id": "A", "municipality": "Zwolle", "nace": "10.51"}], overrides)


def test_cluster_municipality_names_exist_in_the_boundaries(areas):
    gemeenten, _ = areas
    names = {a.name for a in gemeenten.areas}
    listed = read_reference(DATA, "cluster_municipalities.csv")
    assert set(listed["municipality"]) <= names
    assert set(listed["cluster"]) == {
        "Rotterdam-Moerdijk",
        "Noordzeekanaalgebied",
        "Noord-Nederland",
        "Chemelot",
        "Zeeland/West-Brabant",
    }
    aliases = read_reference(DATA, "city_aliases.csv")
    assert set(aliases["municipality"]) <= names


def test_real_data_selection_is_in_the_expected_range():
    """On the shipped data the rules give a Cluster 6 of 150-230 active installations (public: ~200-225 companies)."""
    installations, emissions = build_installations(DATA)
    active = emissions[(emissions["year"] == 2024) & (emissions["verified_t_co2"] > 0)]["installation_id"]
    cluster6 = installations[installations["in_cluster6"] & installations["installation_id"].isin(active)]
    assert 150 <= len(cluster6) <= 230
    assert set(cluster6["sector"]) <= set(config.SECTORS)
    assert (
        installations.loc[installations["installation_id"] == "NL_144", "cluster"].item() == "Noordzeekanaalgebied"
    )  # Tata Steel
    assert installations.loc[
        installations["installation_id"] == "NL_138", "in_cluster6"
    ].item()  # Saint-Gobain Isover, Etten-Leur


def test_nearest_areas_in_bulk_are_nearest_area_one_by_one():
    """The bulk (numpy) search gives exactly the per-point answer: the same area, the same distance to its
    core, and on a tie (a twin area, same centre and radius) the first one, as nearest_area does."""
    import dataclasses
    import random

    from etl import cluster_rules

    areas = cluster_rules.read_areas(read_reference(DATA, "cluster_areas.csv"))
    areas = [*areas, dataclasses.replace(areas[0], area="tweeling")]
    rng = random.Random(13)
    lats = [rng.uniform(50.7, 53.6) for _ in range(500)] + [areas[0].lat, areas[0].lat + 0.01]
    lons = [rng.uniform(3.3, 7.3) for _ in range(500)] + [areas[0].lon, areas[0].lon]
    one_by_one = [cluster_rules.nearest_area(lat, lon, areas) for lat, lon in zip(lats, lons, strict=True)]
    assert cluster_rules.nearest_areas(lats, lons, areas) == one_by_one
    assert one_by_one[-1][0].area == areas[0].area != "tweeling"
    assert cluster_rules.nearest_areas([], [], areas) == []
