"""Kaart: the regional grouping and the map builder as plain functions, and an AppTest of the page whose
layers and tables are checked against independent SQL on the fixture database."""

from __future__ import annotations

import json
import math
import re

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitor import map_files as map_files_module
from monitor.charts import maps
from monitor.regions import haversine_km, province_summary, region_groups, single_linkage
from tests.conftest import open_page
from tests.shown_tables import numbers, tables
from tests.tables_walk import map_files, record_media

YEAR = 2024


# Builders and plain functions -------------------------------------------------------------------------


def test_haversine_amsterdam_utrecht():
    assert haversine_km(52.3676, 4.9041, 52.0907, 5.1214) == pytest.approx(34.3, abs=0.5)


def test_single_linkage_chains_and_separates():
    # a chain of three points 1.5 km apart (ends 3 km apart), and one point far away
    lat = [52.0, 52.0135, 52.027, 53.0]
    lon = [5.0, 5.0, 5.0, 6.0]
    assert list(single_linkage(lat, lon, 2)) == [0, 0, 0, 1]
    assert list(single_linkage(lat, lon, 1)) == [0, 1, 2, 3]


def _points() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "installation_id": ["a", "b", "c", "d"],
            "name": ["A", "B", "C", "D"],
            "company": ["X", "Y", "Y", "Z"],
            "sector": ["glas", "keramisch", "keramisch", "chemie"],
            "municipality": ["M1", "M1", "M2", "M3"],
            "province": ["Gelderland", "Gelderland", "Gelderland", "Limburg"],
            "lat": [52.0, 52.0135, 52.027, 51.0],
            "lon": [5.0, 5.0, 5.0, 6.0],
            "verified_t_co2": [1000.0, 2000.0, 3000.0, 500.0],
        }
    )


def test_region_groups_sum_emissions_and_sectors():
    members, groups = region_groups(_points(), 2)
    assert len(groups) == 1
    group = groups.iloc[0]
    assert group["group"] == "R1"
    assert (group["installations"], group["companies"], group["verified_t_co2"]) == (3, 2, 6000.0)
    assert group["sectors"] == "keramisch, glas"  # largest emitting sector first
    assert group["span_km"] == pytest.approx(3.0, abs=0.05)
    assert set(members["installation_id"]) == {"a", "b", "c"}
    assert region_groups(_points(), 0.5)[1].empty


def test_province_summary_counts_cases_and_marks_samples():
    cases = pd.DataFrame(
        {
            "province": ["Gelderland", "Gelderland", "Limburg"],
            "company": ["X", "Y", "Z"],
            "bottleneck": ["netcongestie", "financiering", "netcongestie"],
            "is_open": [True, False, True],
        }
    )
    contacts = pd.DataFrame(
        {
            "province": ["Gelderland", "Limburg"],
            "organisation": ["Provincie G", "Provincie L"],
            "role": ["r", "r"],
            "is_sample": [True, False],
        }
    )
    congestion = pd.DataFrame(
        {
            "province": ["Gelderland", "Limburg"],
            "offtake": ["wachtlijst", "beperkt"],
            "feed_in": ["beperkt", "geen"],
            "is_sample": [True, False],
        }
    )
    table = province_summary(_points(), cases, contacts, congestion, ["Gelderland", "Limburg", "Zeeland"]).set_index("province")
    assert table.loc["Gelderland", "verified_t_co2"] == 6000.0
    assert (table.loc["Gelderland", "open_cases"], table.loc["Gelderland", "grid_cases"]) == (1, 1)
    assert table.loc["Gelderland", "contact"].endswith("(voorbeeld)")
    assert table.loc["Limburg", "offtake"] == "beperkt"
    assert table.loc["Zeeland", "companies"] == 0


def _prepared() -> pd.DataFrame:
    installations = _points().assign(
        in_cluster6=[True, True, True, False],
        cluster=[None, None, None, "Chemelot"],
        offshore=False,
        location_source="coordinates",
        baseline_t_co2=[900.0, None, 3500.0, 600.0],
    )
    cases = pd.DataFrame(
        {
            "installation_id": ["a", "a"],
            "status": ["opgelost", "intake"],
            "bottleneck": ["netcongestie", "vergunning"],
            "is_open": [False, True],
        }
    )
    subsidies = pd.DataFrame({"installation_id": ["c"], "granted_eur": [1e6], "paid_eur": [2e5]})
    centres = pd.DataFrame({"municipality": ["M1"], "lat": [52.0], "lon": [5.0]})
    return maps.prepare_points(installations, cases, subsidies, centres, 2024, 2019)


def test_prepare_points_tooltips():
    points = _prepared().set_index("installation_id")
    assert points.loc["a", "ring_status"] == "intake"  # the open case shows, not the solved one
    assert points.loc["a", "ring_bottleneck"] == "netcongestie"
    assert points.loc["a", "grid_cases"] == 1
    assert points.loc["b", "trend_label"] == "Nieuw sinds 2019"
    assert "€ 1,0 mln" in points.loc["c", "subsidy_label"]
    assert points.loc["d", "sector"] == "cluster Chemelot"


def test_tooltip_text_is_html_escaped():
    points = _prepared()
    points.loc[0, "name"] = '<img src=x onerror="alert(1)"> & Zn'
    deck = maps.installations_deck(points, maps.province_geojson())
    names = [r.get("name", "") for layer in _layers(deck).values() if isinstance(layer.get("data"), list) for r in layer["data"]]
    assert '&lt;img src=x onerror="alert(1)"&gt; &amp; Zn' in names and not [n for n in names if "<img" in n]


def test_only_the_points_carry_tooltip_text():
    """Rings and '€' icons sit on or beside a point that has the tooltip: they send no text and are not
    pickable (hovering them shows the point's tooltip, not an empty one); the icon image is sent once."""
    layers = _layers(maps.installations_deck(_prepared(), maps.province_geojson()))
    fields = set(re.findall(r"\{(\w+)\}", maps.TOOLTIP["html"]))
    for layer_id in ("casussen", "subsidies"):
        layer = layers[layer_id]
        assert layer["pickable"] is False
        assert not fields & {key for record in layer["data"] for key in record}
    assert {record["icon"] for record in layers["subsidies"]["data"]} == {"euro"}
    assert layers["subsidies"]["iconAtlas"].startswith("data:image/svg+xml")
    for layer in layers.values():
        if layer.get("pickable"):
            assert all(fields <= set(record) for record in layer["data"]), layer["id"]


def _decimals(value: float) -> int:
    text = repr(float(value))
    return len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else 0


def test_map_coordinates_are_sent_no_finer_than_the_map_shows():
    """Province corners at 4 decimals (about 10 m, under the 300 m simplification) and points at 5 (about 1 m):
    the source's 15-17 digits took half the map's bytes. The outlines keep their shape and every province."""
    provinces = maps.province_geojson()
    corners = [xy for f in provinces["features"] for xy in _flatten(f["geometry"]["coordinates"])]
    assert len(provinces["features"]) == 12 and len(corners) > 1000
    assert max(_decimals(c) for xy in corners for c in xy) <= 4
    points = _prepared().assign(lat=[52.123456789, 51.987654321, 52.5, 50.9], lon=[5.123456789, 4.9876543, 6.1, 5.8])
    layers = _layers(maps.installations_deck(points, provinces))
    drawn = [r for layer in ("cluster6", "context", "casussen") for r in layers[layer]["data"]]
    assert max(_decimals(r[key]) for r in drawn for key in ("lat", "lon")) <= maps.COORDINATE_DECIMALS
    assert {(r["lat"], r["lon"]) for r in layers["cluster6"]["data"]} >= {(52.12346, 5.12346)}
    assert all(float(r["radius_m"]).is_integer() for r in layers["cluster6"]["data"])


def _flatten(nested):
    if isinstance(nested[0], int | float):
        yield nested
    else:
        for part in nested:
            yield from _flatten(part)


def _layers(deck) -> dict:
    return {layer["id"]: layer for layer in json.loads(deck.to_json())["layers"]}


def test_deck_layers_and_offline_default():
    points = _prepared()
    deck = maps.installations_deck(points, maps.province_geojson())
    layers = _layers(deck)
    assert list(layers) == ["provincies", "context", "cluster6", "casussen", "subsidies"]
    assert len(layers["cluster6"]["data"]) == 3 and len(layers["context"]["data"]) == 1
    assert layers["provincies"]["@@type"] == "GeoJsonLayer" and len(layers["provincies"]["data"]["features"]) == 12
    assert json.loads(deck.to_json()).get("mapProvider") is None  # no internet tiles unless asked
    glass = next(r for r in layers["cluster6"]["data"] if r["sector"] == "glas")
    assert glass["fill"][:3] == [0x1F, 0x9B, 0xB4]  # the sector colour of style.py


def test_split_deck_holds_the_same_map():
    deck = maps.installations_deck(_prepared(), maps.province_geojson())
    spec, files = deck.split(1)
    assert set(files) == {"provincies", "context", "cluster6", "casussen", "subsidies"}
    restored = json.loads(spec)
    for layer in restored["layers"]:
        assert layer["data"] == maps.data_link(layer["id"])
        layer["data"] = json.loads(files[layer["id"]])
    assert restored == json.loads(deck.to_json())
    spec, files = deck.split(20_000)  # only the province outlines are that large
    assert set(files) == {"provincies"}
    assert _layers(deck)["cluster6"] == {layer["id"]: layer for layer in json.loads(spec)["layers"]}["cluster6"]


def test_deck_toggles_and_bottleneck_colours():
    points = _prepared()
    _, groups = region_groups(points[points["in_cluster6"]], 2)
    deck = maps.installations_deck(
        points,
        maps.province_geojson(),
        regions=groups,
        show_context=False,
        show_subsidies=False,
        case_colour="knelpunt",
        basemap=True,
    )
    layers = _layers(deck)
    assert "context" not in layers and "subsidies" not in layers
    assert len(layers["regio"]["data"]) == 1
    assert layers["casussen"]["data"][0]["ring"][:3] == [0xD7, 0x19, 0x1C]  # netcongestie red
    assert json.loads(deck.to_json())["mapProvider"] == "carto"


# The page --------------------------------------------------------------------------------------------


def run_kaart(params: dict | None = None) -> AppTest:
    return open_page("pages/kaart.py", {"jaar": str(YEAR), **(params or {})})


_media: list = []  # the media file managers of this test's AppTest runs


@pytest.fixture(autouse=True)
def media(monkeypatch) -> list:
    """The map's large layers are files in Streamlit's media store (monitor.map_files): keep the store."""
    global _media
    _media = record_media(monkeypatch)
    return _media


def page_layers(at: AppTest) -> dict:
    """The page's map layers by id, each with its data as the browser gets it (inline or from its file)."""
    layers = {layer["id"]: layer for layer in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]}
    for layer_id, content in map_files(at, _media).items():
        layers[layer_id]["data"] = json.loads(content)
    return layers


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(d.value for d in tables(at) if column in d.value.columns)


def sql(db, statement: str, params: list | None = None):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(statement, params or []).fetchall()
    finally:
        con.close()


DRAWN = """
    FROM installations i JOIN emissions e ON e.installation_id = i.installation_id AND e.year = ?
    WHERE i.in_cluster6 AND e.verified_t_co2 > 0 AND NOT i.offshore AND (i.lat IS NOT NULL OR i.municipality IS NOT NULL)
"""


def test_map_and_province_table_equal_sql(fixture_db):
    at = run_kaart()
    layers = page_layers(at)
    [(drawn, total)] = sql(fixture_db, f"SELECT count(*), sum(e.verified_t_co2) {DRAWN}", [YEAR])
    assert len(layers["cluster6"]["data"]) == drawn
    assert {"provincies", "context", "casussen", "regio"} <= set(layers)
    assert "provincie" in frame_with(at, "aanspreekpunt")  # the texts per province, in a table of their own
    table = frame_with(at, "open casussen")
    assert numbers(table[f"uitstoot {YEAR} (t CO₂)"]).sum() == pytest.approx(total, abs=len(table))  # each shown to the tonne
    [(offshore,)] = sql(
        fixture_db,
        "SELECT count(*) FROM installations i JOIN emissions e USING (installation_id) WHERE i.in_cluster6 AND i.offshore AND e.year = ? AND e.verified_t_co2 > 0",
        [YEAR],
    )
    assert any(f"{offshore} offshore-installatie" in i.value for i in at.info)
    [(open_cases,)] = sql(fixture_db, "SELECT count(*) FROM cases WHERE closed_on IS NULL")
    assert numbers(table["open casussen"]).fillna(0).sum() == open_cases


def test_the_page_sends_the_map_and_serves_its_points_as_files(fixture_db, monkeypatch):
    at = run_kaart()
    layers = json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]
    assert [layer["id"] for layer in layers if isinstance(layer["data"], str)] == ["provincies"]  # the others are small here
    inline = page_layers(at)
    monkeypatch.setattr(map_files_module, "MIN_BYTES", 1)  # as at EU scale: every layer a file
    at.run()
    chart = at.get("deck_gl_json_chart")[0].proto
    linked = {layer["id"]: layer["data"] for layer in json.loads(chart.json)["layers"]}
    assert {"provincies", "cluster6", "casussen", "regio"} <= set(linked), linked
    assert all(re.fullmatch(r"/mock/media/[0-9a-f]+\.json", url) for url in linked.values()), linked
    assert len(chart.json) < 8_000  # the settings, not the points
    assert json.loads(chart.tooltip)["html"].startswith("<b>{name}</b>")  # the tooltip still names the points' fields
    assert page_layers(at) == inline  # the files hold the map as it was sent inline
    # An app served under a path (server.baseUrlPath) fetches its files there
    original = map_files_module.config.get_option
    monkeypatch.setattr(
        map_files_module.config, "get_option", lambda name: "c6/" if name == "server.baseUrlPath" else original(name)
    )
    at.run()
    urls = [layer["data"] for layer in json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]]
    assert any(isinstance(url, str) and url.startswith("/c6/mock/media/") for url in urls), urls


def test_two_maps_in_one_run_keep_their_own_files():
    """Layers of the same id in two maps of one run: each file stays referenced by the session (the files a
    session no longer refers to are deleted after its run; Streamlit's MediaFileManager)."""

    def two_maps():
        import pydeck as pdk

        from monitor import map_files
        from monitor.charts.maps import CompactDeck

        for name in ("noord", "zuid"):
            points = [{"lat": 52.0, "lon": 5.0, "name": f"{name} {i}"} for i in range(400)]  # > MIN_BYTES
            map_files.pydeck_chart(CompactDeck(layers=[pdk.Layer("ScatterplotLayer", points, id="punten")], map_provider=None))

    at = AppTest.from_function(two_maps).run()
    assert not at.exception, at.exception
    manager = _media[-1]
    referenced = {file_id for files in manager._files_by_session_and_coord.values() for file_id in files.values()}
    first_names = []
    for chart in at.get("deck_gl_json_chart"):
        [layer] = json.loads(chart.proto.json)["layers"]
        file_id = layer["data"].rsplit("/", 1)[-1].split(".")[0]
        assert file_id in referenced
        first_names.append(json.loads(manager._storage.get_file(file_id).content)[0]["name"])
    assert first_names == ["noord 0", "zuid 0"]


def test_sector_and_status_filters_change_the_map(fixture_db):
    everything = len(page_layers(run_kaart())["cluster6"]["data"])
    at = run_kaart({"sector": "glas"})
    [(glass,)] = sql(fixture_db, f"SELECT count(*) {DRAWN} AND i.sector = 'glas'", [YEAR])
    assert len(page_layers(at)["cluster6"]["data"]) == glass < everything
    at = run_kaart({"status": "opgelost"})
    [(solved,)] = sql(
        fixture_db,
        f"SELECT count(DISTINCT i.installation_id) {DRAWN} AND i.installation_id IN (SELECT installation_id FROM cases WHERE status = 'opgelost')",
        [YEAR],
    )
    assert len(page_layers(at)["casussen"]["data"]) == solved
    assert set(frame_with(at, "knelpunt")["status"]) <= {"opgelost"}


def test_query_params_restore_layers_colour_and_distance(fixture_db):
    at = run_kaart({"lagen": "casussen,regioaanpak", "kleur": "knelpunt", "afstand": "30"})
    layers = page_layers(at)
    assert "context" not in layers and "subsidies" not in layers
    assert at.slider(key="k_distance").value == 30
    rings = {tuple(r["ring"][:3]) for r in layers["casussen"]["data"]}
    assert rings <= {tuple(maps.hex_to_rgb(c)) for c in maps.BOTTLENECK_COLOURS.values()}
    points = pd.DataFrame(
        sql(
            fixture_db,
            f"SELECT i.installation_id, i.name, i.company, i.sector, i.municipality, i.lat, i.lon, e.verified_t_co2 {DRAWN} AND i.lat IS NOT NULL",
            [YEAR],
        ),
        columns=["installation_id", "name", "company", "sector", "municipality", "lat", "lon", "verified_t_co2"],
    )
    _, expected = region_groups(points, 30)
    assert len(layers["regio"]["data"]) == len(expected) > 0
    assert numbers(frame_with(at, "grootste afstand (km)")[f"uitstoot {YEAR} (t CO₂)"]).tolist() == pytest.approx(
        expected["verified_t_co2"].tolist(), abs=0.5
    )
    at.slider(key="k_distance").set_value(1).run()
    assert at.query_params["afstand"] == "1"
    legend = next(h.proto.body for h in at.get("html") if "<b>Sector</b>" in h.proto.body)  # the legend follows the layers
    assert "Casus naar knelpunt" in legend and "vijf grote clusters" not in legend and "subsidie" not in legend


def test_no_basemap_means_no_tile_server():
    """With the basemap off the deck asks Streamlit for no map style at all (no request to a tile server)."""
    points = _prepared()
    off = json.loads(maps.installations_deck(points, maps.province_geojson(), basemap=False).to_json())
    assert off.get("mapStyle") == "__MAP_STYLE__" and not off.get("mapProvider")
    assert "cartocdn" not in json.dumps(off)
    on = json.loads(maps.installations_deck(points, maps.province_geojson(), basemap=True).to_json())
    assert on["mapProvider"] == "carto" and "cartocdn" in on["mapStyle"]


def test_region_labels_never_overlap_at_the_opening_zoom():
    """Three groups almost on one spot (like R21/R23/R24 in Midden-Nederland at 5 km) and one far away: only
    the largest of the three and the far one get a label; every group keeps its circle and tooltip."""
    regions = pd.DataFrame(
        {
            "group": ["R1", "R2", "R3", "R4"],
            "lat": [52.10, 52.11, 52.09, 51.00],
            "lon": [5.10, 5.14, 5.12, 6.00],
            "installations": [2, 5, 3, 2],
            "verified_t_co2": [1.0, 1.0, 1.0, 1.0],
        }
    )
    assert list(maps.label_keeps(regions)) == [False, True, False, True]
    # zoomed in far enough, every label fits
    assert maps.label_keeps(regions, zoom=11).all()


def test_region_labels_on_the_real_grouping_keep_their_distance(fixture_db):
    at = run_kaart({"lagen": "regioaanpak", "afstand": "30"})
    layers = page_layers(at)
    labels = pd.DataFrame(layers["regio_labels"]["data"])
    assert 0 < len(labels) <= len(layers["regio"]["data"])
    metres_per_px = 156_543.03 * math.cos(math.radians(maps.VIEW.latitude)) / 2**maps.VIEW.zoom
    width_m, height_m = (px * metres_per_px for px in maps.LABEL_BOX_PX)
    y = labels["lat"] * 111_320.0
    x = labels["lon"] * 111_320.0 * labels["lat"].map(lambda lat: math.cos(math.radians(lat)))
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            assert abs(x[i] - x[j]) >= width_m or abs(y[i] - y[j]) >= height_m, (labels["label"][i], labels["label"][j])
