"""Sectoren: the on-track verdict and the builders as plain functions, and an AppTest of the page
checked against independent SQL on the fixture database (constant scope, sector detail, filters)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitor import formatting
from monitor.charts import sectors as charts
from monitor.progress import NO_VERDICT, ON_TRACK, TOO_SLOW, WRONG_WAY, route_shares, sector_progress
from tests.conftest import open_page
from tests.tables_walk import table_with

YEAR, BASE = 2024, 2019
TARGETS = pd.DataFrame(
    {"target_id": "t", "target_name": "test", "kind": "milestone_reduction", "year": [2030], "value": [0.5], "source": "test"}
)


def _by_year() -> pd.DataFrame:
    rows = []
    for year in range(2019, 2025):
        k = year - 2019
        rows += [
            ("glas", year, 1000 * 0.85**k),  # -15 %/yr: on track for -50 % by 2030
            ("chemie", year, 1000 * 0.98**k),  # -2 %/yr: too slow
            ("metaal", year, 1000 * 1.02**k),  # rising
        ]
    rows.append(("ICT", 2024, 50.0))  # no baseline value
    return pd.DataFrame(rows, columns=["sector", "year", "verified_t_co2"])


def test_sector_progress_verdicts():
    progress = sector_progress(_by_year(), TARGETS, "t", BASE, YEAR).set_index("sector")
    assert progress.loc["glas", "verdict"] == ON_TRACK
    assert progress.loc["chemie", "verdict"] == TOO_SLOW
    assert progress.loc["metaal", "verdict"] == WRONG_WAY
    assert progress.loc["ICT", "verdict"] == NO_VERDICT
    assert progress.loc["glas", "achieved_rate"] == pytest.approx(0.15)
    assert progress.loc["glas", "target_2030_t_co2"] == pytest.approx(500)
    # needed from 2024 (1000 * 0.85^5) to 500 in six years
    assert progress.loc["glas", "needed_rate"] == pytest.approx(0.0)  # already below 500: nothing more needed
    assert progress.loc["chemie", "needed_rate"] == pytest.approx(1 - (500 / (1000 * 0.98**5)) ** (1 / 6))
    assert progress.index[-1] == "Cluster 6 totaal"


def test_dumbbell_and_small_multiples():
    progress = sector_progress(_by_year(), TARGETS, "t", BASE, YEAR)
    figure = charts.progress_dumbbell(progress, baseline_year=BASE, year=YEAR)
    achieved = next(t for t in figure.data if t.name and t.name.startswith("gerealiseerd"))
    assert len(achieved.x) == 4  # three sectors and the total; ICT has no verdict
    paths = pd.DataFrame({"sector": "glas", "year": [2019, 2030], "target_t_co2": [1000, 500]})
    multiples = charts.sector_small_multiples(_by_year(), paths, baseline_year=BASE)
    assert [a.text for a in multiples.layout.annotations][:4] == ["metaal", "chemie", "glas", "ICT"]  # largest total first


def test_route_shares_and_heatmap():
    projects = pd.DataFrame(
        {"sector": ["glas", "glas", "glas"], "route": ["waterstof", "waterstof", "elektrificatie"], "company": ["A", "A", "B"]}
    )
    shares = route_shares(projects, pd.Series({"glas": 4})).set_index("route")
    assert shares.loc["waterstof", "share"] == 0.25 and shares.loc["elektrificatie", "companies"] == 1
    figure = charts.route_share_heatmap(shares.reset_index(), ["glas"], ["waterstof", "elektrificatie"])
    assert list(figure.data[0].z[0]) == [25.0, 25.0]


# The page --------------------------------------------------------------------------------------------


def run_page(params: dict | None = None) -> AppTest:
    return open_page("pages/sectoren.py", {"jaar": str(YEAR), **(params or {})})


def progress_table(at: AppTest) -> pd.DataFrame:
    """The on-track table as shown (cell text), by sector."""
    return table_with(at, "oordeel").set_index("sector")


NOW, THEN = f"{YEAR} (t)", f"{BASE} (t)"  # short headers on screen (the download says "uitstoot ... (t CO₂)")


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def sql_total(db, year: int, sector: str | None = None, constant: bool = False) -> float:
    con = duckdb.connect(str(db), read_only=True)
    scope = (
        f"AND e.installation_id IN (SELECT installation_id FROM emissions WHERE year BETWEEN {BASE} AND {YEAR} "
        f"AND verified_t_co2 > 0 GROUP BY installation_id HAVING count(*) = {YEAR - BASE + 1})"
        if constant
        else ""
    )
    try:
        return con.execute(
            f"SELECT sum(e.verified_t_co2) FROM emissions e JOIN installations i USING (installation_id) "
            f"WHERE i.in_cluster6 AND e.year = ? AND (i.sector = ? OR ? IS NULL) {scope}",
            [year, sector, sector],
        ).fetchone()[0]
    finally:
        con.close()


def test_progress_table_equals_sql(fixture_db):
    table = progress_table(run_page())
    assert table.loc["Cluster 6 totaal", NOW] == formatting.number(sql_total(fixture_db, YEAR))
    assert table.loc["Cluster 6 totaal", THEN] == formatting.number(sql_total(fixture_db, BASE))
    assert table.loc["glas", NOW] == formatting.number(sql_total(fixture_db, YEAR, "glas"))


def test_constant_scope_excludes_and_says_how_many(fixture_db):
    at = run_page({"vast": "1"})
    assert at.toggle(key="s_constant").value is True
    con = duckdb.connect(str(fixture_db), read_only=True)
    [(excluded,)] = con.execute(
        f"""SELECT count(DISTINCT i.installation_id) FROM installations i JOIN emissions e USING (installation_id)
            WHERE i.in_cluster6 AND e.year BETWEEN {BASE} AND {YEAR} AND e.verified_t_co2 > 0
              AND i.installation_id NOT IN (SELECT installation_id FROM emissions WHERE year BETWEEN {BASE} AND {YEAR}
                                            AND verified_t_co2 > 0 GROUP BY installation_id HAVING count(*) = {YEAR - BASE + 1})"""
    ).fetchall()
    con.close()
    assert excluded > 0
    assert any(f"{excluded} installaties uitgesloten" in i.value for i in at.info)
    total = progress_table(at).loc["Cluster 6 totaal", NOW]
    assert total == formatting.number(sql_total(fixture_db, YEAR, constant=True))
    assert total != formatting.number(sql_total(fixture_db, YEAR))
    at.toggle(key="s_constant").set_value(False).run()
    assert "vast" not in at.query_params


def test_detail_and_sector_filter_from_url(fixture_db):
    at = run_page({"detail": "keramisch"})
    assert at.selectbox(key="s_detail").value == "keramisch"
    assert metric(at, f"Uitstoot {YEAR}") == formatting.tonnes(sql_total(fixture_db, YEAR, "keramisch"))
    at = run_page({"sector": "glas"})
    assert set(progress_table(at).index) == {"glas", "Totaal selectie (glas)"}  # never "Cluster 6" under a filter
    assert progress_table(at).loc["Totaal selectie (glas)", NOW] == formatting.number(sql_total(fixture_db, YEAR, "glas"))


def test_year_not_after_baseline_says_so(fixture_db):
    at = run_page({"jaar": "2019", "basis": "2019"})
    assert any("na het basisjaar" in i.value for i in at.info)
    assert not at.get("plotly_chart")
