"""Wat als (issue 11 §3): the trend, the scenario, the pipeline and the bottleneck ranking against
independent SQL and arithmetic on the fixture database; the scenario lives in the URL and changes no data."""

from __future__ import annotations

import hashlib
import math

import duckdb
import numpy as np
import pandas as pd
import pytest

from monitor import formatting, whatif, whatif_model
from monitor.access import MINISTRY, Viewer
from monitor.queries import meta, sectors
from monitor.queries import whatif as queries
from tests.conftest import open_page
from tests.shown_tables import tables


def sql(fixture_db, statement: str, params: list | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        return con.execute(statement, params or []).df()
    finally:
        con.close()


def totals(fixture_db) -> pd.Series:
    rows = sql(
        fixture_db,
        """SELECT e.year, sum(e.verified_t_co2) AS t FROM emissions e JOIN installations i USING (installation_id)
           WHERE i.in_cluster6 GROUP BY e.year""",
    )
    return rows.set_index("year")["t"].sort_index()


def test_trend_is_a_log_linear_fit_with_a_prediction_band(fixture_db):
    series = totals(fixture_db)
    years = list(range(2015, 2025))
    got = whatif.trend(series, years).set_index("year")
    # independent: the closed-form least-squares line through log(t)
    x = np.array(years, dtype=float)
    y = np.log(series.loc[years].to_numpy())
    b = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    a = y.mean() - b * x.mean()
    s = math.sqrt(((y - (a + b * x)) ** 2).sum() / (len(x) - 2))
    for year in (2025, 2030):
        central = a + b * year
        half = 1.397 * s * math.sqrt(1 + 1 / len(x) + (year - x.mean()) ** 2 / ((x - x.mean()) ** 2).sum())  # t(0.90; 8 df)
        assert got.loc[year, "central"] == pytest.approx(math.exp(central))
        assert got.loc[year, "low"] == pytest.approx(math.exp(central - half))
        assert got.loc[year, "high"] == pytest.approx(math.exp(central + half))
    assert list(got.index) == list(range(2025, 2031))
    assert whatif.trend(series, [2019, 2020]).empty  # too few points for a band


def test_fit_years_never_start_before_2013():
    assert whatif.fit_years(2024) == list(range(2015, 2025))
    assert whatif.fit_years(2016) == list(range(2013, 2017))


def test_selection_of_cases_matches_sql(fixture_db):
    cases = queries.open_cases(MINISTRY)
    assert set(cases["case_id"]) == set(sql(fixture_db, "SELECT case_id FROM cases WHERE closed_on IS NULL")["case_id"])
    grid = whatif.select_cases(cases, {"bottleneck": ("netcongestie", "netaansluiting")})
    expected = sql(
        fixture_db, "SELECT case_id FROM cases WHERE closed_on IS NULL AND bottleneck IN ('netcongestie', 'netaansluiting')"
    )
    assert set(grid["case_id"]) == set(expected["case_id"])
    both = whatif.select_cases(cases, {"bottleneck": ("netcongestie",), "province": ("Utrecht",)}, ("T-003",))
    assert set(both["case_id"]) == {"T-003"}  # no case is both; T-003 named one by one
    assert whatif.select_cases(cases, {"bottleneck": ()}).empty
    company = queries.open_cases(Viewer("bedrijf", "O-I Netherlands B.V."))
    assert set(company["company"]) == {"O-I Netherlands B.V."}


@pytest.mark.parametrize(("factor", "solve_year"), [(1.0, 2027), (0.5, 2030), (0.8, 2031)])
def test_projection_against_independent_sql(fixture_db, factor, solve_year):
    cases = queries.open_cases(MINISTRY)
    solved = whatif.select_cases(cases, {"bottleneck": ("netcongestie",)})
    by_year = sectors.by_sector_year(2019, 2024)
    by_year = by_year[by_year["year"] <= 2024]
    table = whatif.projection_table(by_year, meta.targets(), "eu_ets_cap", 2019, 2024, solved, cases, factor, solve_year)
    total = table.set_index("sector").loc["Cluster 6 totaal"]
    series = totals(fixture_db)
    trend_2030 = whatif.trend(series, whatif.fit_years(2024)).set_index("year").loc[2030, "central"]
    cut = sql(
        fixture_db,
        "SELECT coalesce(sum(expected_reduction_t_co2), 0) FROM cases WHERE closed_on IS NULL AND bottleneck = 'netcongestie'",
    ).iloc[0, 0]
    everything = sql(fixture_db, "SELECT coalesce(sum(expected_reduction_t_co2), 0) FROM cases WHERE closed_on IS NULL").iloc[
        0, 0
    ]
    expected_cut = factor * cut if solve_year <= 2030 else 0.0
    assert total["trend_2030_t"] == pytest.approx(trend_2030)
    assert total["scenario_reduction_t"] == pytest.approx(expected_cut)
    assert total["scenario_2030_t"] == pytest.approx(trend_2030 - expected_cut)
    assert total["pipeline_2030_t"] == pytest.approx(trend_2030 - factor * everything)
    rates = sql(fixture_db, "SELECT year, value FROM targets WHERE target_id = 'eu_ets_cap' AND year BETWEEN 2020 AND 2030")
    assert total["target_2030_t"] == pytest.approx(series.loc[2019] * (1 - rates["value"].sum()))
    assert total["gap_2030_t"] == pytest.approx(total["scenario_2030_t"] - total["target_2030_t"])
    chemie = table.set_index("sector").loc["chemie"]  # T-001 (netcongestie) is a chemie case
    assert chemie["scenario_reduction_t"] == pytest.approx(expected_cut)


def test_bottleneck_ranking_against_sql(fixture_db):
    cases = queries.open_cases(MINISTRY)
    ranking = whatif.bottleneck_ranking(cases, 0.5, 10_000.0)
    expected = sql(
        fixture_db,
        """SELECT bottleneck, count(*) AS cases, 0.5 * coalesce(sum(expected_reduction_t_co2), 0) AS reduction_t
           FROM cases WHERE closed_on IS NULL GROUP BY bottleneck ORDER BY reduction_t DESC, cases DESC""",
    )
    assert ranking["bottleneck"].tolist()[: len(expected)] == expected["bottleneck"].tolist()
    assert ranking["reduction_t"].tolist() == pytest.approx(expected["reduction_t"].tolist())
    assert ranking["share_of_gap"].tolist() == pytest.approx((expected["reduction_t"] / 10_000.0).tolist())
    assert whatif.bottleneck_ranking(cases, 0.5, -5.0)["share_of_gap"].isna().all()  # no gap, no share


def test_page_keeps_the_scenario_in_the_url_marks_samples_and_changes_no_data(fixture_db):
    before = hashlib.sha256(fixture_db.read_bytes()).hexdigest()
    at = open_page("pages/watals.py", {"knelpunt": "netcongestie", "factor": "0.5", "opgelost": "2028"})
    assert [t.value for t in at.title] == ["Wat als"]
    assert at.multiselect(key="wa_bottleneck").value == ["netcongestie"]
    assert at.slider(key="wa_factor").value == 0.5
    assert at.query_params["knelpunt"] == "netcongestie" and at.query_params["factor"] == "0.5"
    metrics = {m.label: m for m in at.metric}
    scenario = next(m for label, m in metrics.items() if label.startswith("Scenario 2030"))
    assert "(voorbeelddata)" in scenario.label  # the fixture's expected reductions are sample data
    cut = sql(
        fixture_db, "SELECT sum(expected_reduction_t_co2) FROM cases WHERE closed_on IS NULL AND bottleneck = 'netcongestie'"
    )
    assert formatting.tonnes(0.5 * cut.iloc[0, 0]) in scenario.delta
    ranking = next(d.value for d in tables(at) if "knelpunt" in d.value.columns)
    assert ranking["knelpunt"].iloc[0] == "netcongestie"
    at.text_input(key="wa_cases").input("T-003, X-999").run()
    assert at.query_params["casus"] == "T-003, X-999"
    assert any("X-999" in w.value for w in at.warning)
    assert not any("T-003" in w.value for w in at.warning)  # an open case: no warning
    assert hashlib.sha256(fixture_db.read_bytes()).hexdigest() == before


def test_project_types_are_data_and_selectable(fixture_db):
    types = sql(fixture_db, "SELECT case_id, project_type FROM cases").set_index("case_id")["project_type"]
    assert types["OPENBAAR-01"] == "maatwerk"  # Cosun: the maatwerkaanpak (Actieplan 2.0)
    assert types.drop("OPENBAAR-01").eq("casusaanpak").all()  # files without the column: casusaanpak
    cases = queries.open_cases(MINISTRY)
    expected = sql(fixture_db, "SELECT case_id FROM cases WHERE closed_on IS NULL AND project_type = 'maatwerk'")
    assert (
        set(whatif.select_cases(cases, {"project_type": ("maatwerk",)})["case_id"]) == set(expected["case_id"]) == {"OPENBAAR-01"}
    )


def test_the_model_keeps_each_viewers_scope(fixture_db):
    everyone = queries.open_cases(MINISTRY)
    company = everyone["company"].iloc[0]
    viewer = Viewer("bedrijf", company)
    own = everyone[everyone["company"] == company]["case_id"].tolist()
    other = everyone[everyone["company"] != company]["case_id"].iloc[0]
    # a code of another company's case is as unknown to a company as a code that does not exist
    assert whatif_model.unknown(viewer, (own[0], other, "X-999")) == sorted([other, "X-999"])
    assert whatif_model.unknown(MINISTRY, (own[0], other)) == []
    assert whatif_model.open_cases(viewer).count == len(own) < whatif_model.open_cases(MINISTRY).count == len(everyone)
    scenario = whatif_model.Scenario(groups=(), named=(other,), factor=1.0, solve_year=2027)
    _, solved = whatif_model.projection(viewer, scenario, 2019, 2024, meta.targets()["target_id"].iloc[0])
    assert solved == 0  # another company's case cannot be solved in a company's scenario
