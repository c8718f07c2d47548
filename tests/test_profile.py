"""Search, profile and rankings (issue 11 §1) on the fixture database, against independent SQL."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitor import db, formatting
from monitor.access import MINISTRY, Viewer
from monitor.charts.maps import province_geojson
from monitor.charts.profile import OUTLINE_TOLERANCE_DEG
from monitor.queries import profile, rankings, search
from tests.conftest import DASHBOARD, assert_role, open_page, visit
from tests.shown_tables import tables
from tests.tables_walk import map_files, record_media
from tests.test_app_roles import AUTH, EMAILS, rendered, roles_file  # noqa: F401 - roles_file is a fixture

OI = Viewer("bedrijf", "O-I Netherlands B.V.")


@pytest.fixture(scope="module")
def index(fixture_db):
    con = db.open_readonly(fixture_db)
    yield search.build_index(con)
    con.close()


def sql(fixture_db, statement: str, params: list | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        return con.execute(statement, params or []).df()
    finally:
        con.close()


# 1. Search


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("NL_102", "installatie", "NL_102"),
        ("102", "installatie", "NL_102"),
        ("NL-200400255", "installatie", "NL_102"),  # permit id
        ("Harlingen", "installatie", "NL_102"),  # place
        ("frisia zuot", "installatie", "NL_102"),  # typo
        ("nobain", "installatie", "NL_106"),  # typo; the Cluster 6 plant before the Rotterdam one
        ("tata steal", "installatie", "NL_144"),
        ("glas leerdam", "installatie", "NL_131"),  # sector and place
        ("Cooperatie Cosun", "bedrijf", "Coöperatie Koninklijke Cosun U.A."),  # without the accent
    ],
)
def test_search_finds_by_name_place_id_permit_and_with_typos(index, text, kind, key):
    hits = search.run(index, text, MINISTRY)
    assert not hits.empty, text
    top = hits[hits["kind"] == kind].iloc[0]
    assert top["key"] == key
    assert top["score"] == hits["score"].max()


def test_search_ranks_exact_ids_first_and_returns_only_the_top(index):
    hits = search.run(index, "NL_102", MINISTRY, limit=3)
    assert hits.iloc[0]["key"] == "NL_102" and hits.iloc[0]["score"] == 1.0
    assert len(hits) <= 3
    assert search.run(index, "   ", MINISTRY).empty
    assert search.run(index, "qqqzzzxxx", MINISTRY).empty


def test_search_index_has_every_installation_and_company_once(index, fixture_db):
    expected = sql(fixture_db, "SELECT count(*) AS n, count(DISTINCT company) AS c FROM installations").iloc[0]
    counts = index.execute("SELECT kind, count(*), count(DISTINCT key) FROM docs GROUP BY kind").fetchall()
    assert dict((k, (n, d)) for k, n, d in counts) == {"installatie": (expected["n"],) * 2, "bedrijf": (expected["c"],) * 2}


def test_a_company_finds_only_its_own_installations(index):
    hits = search.run(index, "glas", OI)
    assert set(hits["company"]) == {"O-I Netherlands B.V."} and set(hits["key"]) >= {"NL_131", "NL_132"}
    assert search.run(index, "Frisia", OI).empty
    assert search.run(index, "NL_102", OI).empty


# 2. Profile queries against independent SQL


def test_series_sector_median_and_rank_match_independent_sql(fixture_db):
    series = profile.series("NL_131").set_index("year")
    medians = sql(
        fixture_db,
        """
        SELECT e.year, e.verified_t_co2 FROM emissions e JOIN installations i USING (installation_id)
        WHERE i.in_cluster6 AND i.sector = 'glas' AND e.verified_t_co2 > 0
        """,
    )
    expected = medians.groupby("year")["verified_t_co2"].median()
    pd.testing.assert_series_equal(
        series["sector_median_t_co2"].reindex(expected.index), expected, check_names=False, check_index_type=False
    )
    for year in (2019, 2024):
        peers = medians[medians["year"] == year].sort_values("verified_t_co2", ascending=False).reset_index(drop=True)
        own = float(series.loc[year, "verified_t_co2"])
        rank = profile.sector_rank("NL_131", year)
        assert (rank["rank"], rank["of"]) == (int((peers["verified_t_co2"] > own).sum()) + 1, len(peers))
    assert pd.isna(profile.sector_rank("NL_131", 1990)["rank"])


def test_company_series_sums_its_installations(fixture_db):
    got = profile.company_series("O-I Netherlands B.V.").set_index("year")
    expected = sql(
        fixture_db,
        "SELECT year, sum(verified_t_co2) AS t FROM emissions WHERE installation_id IN ('NL_131', 'NL_132') GROUP BY year",
    ).set_index("year")["t"]
    pd.testing.assert_series_equal(
        got["verified_t_co2"].reindex(expected.index), expected, check_names=False, check_index_type=False
    )


def test_confidential_profile_queries_are_scoped(fixture_db):
    assert set(profile.cases(MINISTRY, "O-I Netherlands B.V.")["case_id"]) == {"T-002", "T-003"}
    assert set(profile.cases(MINISTRY, "O-I Netherlands B.V.", "NL_131")["case_id"]) == {"T-003"}
    assert profile.cases(OI, "Nobian Chemicals B.V.").empty
    assert profile.case_histories(OI, "Nobian Chemicals B.V.").empty
    assert profile.subsidies(OI, "Nobian Chemicals B.V.").empty
    assert not profile.subsidies(MINISTRY, "Nobian Chemicals B.V.").empty


# 3. Rankings against independent pandas on the raw rows


def _changes(fixture_db, year: int, reference_year: int) -> pd.DataFrame:
    rows = sql(
        fixture_db,
        """
        SELECT i.installation_id, e.year, e.verified_t_co2 FROM emissions e JOIN installations i USING (installation_id)
        WHERE i.in_cluster6 AND e.verified_t_co2 > 0 AND e.year IN (?, ?)
        """,
        [year, reference_year],
    )
    wide = rows.pivot(index="installation_id", columns="year", values="verified_t_co2")
    out = pd.DataFrame({"now": wide[year], "ref": wide.get(reference_year)}).dropna(subset=["now"])
    out["change"] = out["now"] - out["ref"]
    out["pct"] = out["now"] / out["ref"] - 1
    return out


@pytest.mark.parametrize("reference_year", [2019, 2023])
def test_every_ranking_matches_independent_computation(fixture_db, reference_year):
    year = 2024
    data = _changes(fixture_db, year, reference_year)
    big = data[data["ref"] >= rankings.MIN_T_FOR_PERCENT]
    expected = {
        "grootste": data["now"].sort_values(ascending=False),
        "stijging_t": data.loc[data["change"] > 0, "change"].sort_values(ascending=False),
        "daling_t": data.loc[data["change"] < 0, "change"].sort_values(),
        "stijging_pct": big.loc[big["change"] > 0, "pct"].sort_values(ascending=False),
        "daling_pct": big.loc[big["change"] < 0, "pct"].sort_values(),
    }
    for kind, values in expected.items():
        got = rankings.ranking(kind, year, reference_year, limit=5)
        assert got["installation_id"].tolist() == values.index[:5].tolist(), kind
        assert got["rank"].tolist() == list(range(1, len(got) + 1))
    chemie = rankings.ranking("grootste", year, reference_year, sectors=("chemie",), limit=50)
    assert set(chemie["sector"]) == {"chemie"}


# 4. The pages


def test_deep_link_opens_an_installation_profile_with_its_figures(fixture_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.query_params["installatie"] = "NL_131"
    at.switch_page("pages/profiel.py")  # a deep link to a fresh server: the page is the first thing run
    at.run()
    assert not at.exception, at.exception
    assert_role(at, "ministerie")
    assert [t.value for t in at.title] == ["O-I Manufacturing Netherlands B.V., vestiging Leerdam"]
    year = at.session_state["c6_filters"].year
    own = sql(fixture_db, "SELECT verified_t_co2 FROM emissions WHERE installation_id = 'NL_131' AND year = ?", [year]).iloc[0, 0]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[f"Uitstoot {year}"] == formatting.tonnes(own)
    rank = profile.sector_rank("NL_131", year)
    assert metrics[f"Plaats in de sector ({year})"] == f"{int(rank['rank'])} van {int(rank['of'])}"
    assert "T-003" in rendered(at)  # the ministry sees the installation's case
    assert at.text_input(key="search_text") is not None  # the sidebar search is there


def test_the_profiles_map_sends_its_settings_and_serves_the_outlines_as_a_file(fixture_db, monkeypatch):
    media = record_media(monkeypatch)
    at = open_page("pages/profiel.py", {"installatie": "NL_131"})
    [chart] = at.get("deck_gl_json_chart")
    spec = json.loads(chart.proto.json)
    assert len(chart.proto.json) < 2_000  # was 110 KB: pretty-printed, with the outlines inline
    layers = {layer["id"]: layer for layer in spec["layers"]}
    [point] = layers["installaties"]["data"]  # the one installation, inline
    plant = sql(fixture_db, "SELECT name, lat, lon FROM installations WHERE installation_id = 'NL_131'").iloc[0]
    assert (point["name"], point["lat"], point["lon"]) == (
        plant["name"],
        pytest.approx(plant["lat"]),
        pytest.approx(plant["lon"]),
    )
    files = map_files(at, media)
    assert set(files) == {"provincies"}
    assert json.loads(files["provincies"]) == json.loads(json.dumps(province_geojson(None, OUTLINE_TOLERANCE_DEG)))


def test_company_profile_lists_its_installations(fixture_db):
    at = open_page("pages/profiel.py", {"exploitant": "O-I Netherlands B.V."})
    assert [t.value for t in at.title] == ["O-I Netherlands B.V."]
    text = rendered(at)
    assert "vestiging Leerdam" in text and "vestiging Maastricht" in text and "T-002" in text


def test_unknown_installation_says_so(fixture_db):
    at = open_page("pages/profiel.py", {"installatie": "NL_999999"})
    assert any("bestaat niet" in i.value for i in at.info)


def test_sidebar_search_links_to_profiles(fixture_db):
    at = open_page("pages/overzicht.py")
    at.text_input(key="search_text").input("frisia zuot").run()
    assert not at.exception
    links = {(link.proto.page, link.proto.query_string) for link in at.get("page_link")}
    assert ("profiel", "installatie=NL_102") in links
    assert ("profiel", "exploitant=Frisia+Zout+B.V.") in links


def signed_in_company(company: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": EMAILS[company]}
    return at.run()


def test_a_company_opens_only_its_own_profiles(fixture_db, roles_file):  # noqa: F811
    at = signed_in_company("O-I Netherlands B.V.")
    at.query_params["installatie"] = "NL_106"
    visit(at, "pages/profiel.py", "bedrijf", "O-I Netherlands B.V.")
    assert any("eigen bedrijf" in e.value for e in at.error)
    assert "Nobian" not in rendered(at).replace("nobian@test.invalid", "")
    at.query_params["installatie"] = "NL_131"
    visit(at, "pages/profiel.py", "bedrijf", "O-I Netherlands B.V.")
    assert [t.value for t in at.title] == ["O-I Manufacturing Netherlands B.V., vestiging Leerdam"]
    assert "T-003" in rendered(at)
    del at.query_params["installatie"]
    at.query_params["exploitant"] = "Nobian Chemicals B.V."
    visit(at, "pages/profiel.py", "bedrijf", "O-I Netherlands B.V.")
    assert any("eigen bedrijf" in e.value for e in at.error)


def test_rankings_page_links_every_row_to_its_profile(fixture_db):
    at = open_page("pages/ranglijsten.py", {"lijst": "daling_t", "tov": "vorig"})
    shown = tables(at)[0]
    table = shown.value
    chosen = at.session_state["c6_filters"]
    expected = rankings.ranking("daling_t", chosen.year, chosen.year - 1, limit=20)
    assert table["installatie"].tolist() == expected["name"].tolist()
    assert set(table["profiel"]) == {"openen"}  # a link, not its address
    links = [shown.links[(row, "profiel")] for row in range(len(table))]
    assert links == ("/profiel?installatie=" + expected["installation_id"]).tolist()
    who = tables(at)[1].value  # company, sector, province and id in the expander under it, same order
    assert who["installatie-id"].tolist() == expected["installation_id"].tolist()
