"""Routes: pipeline arithmetic and builders as plain functions, and an AppTest of the page checked against
independent SQL on the fixture database; a company role sees only its own company."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitor import formatting
from monitor.charts import routes as charts
from monitor.pipeline import gap, missing_headline, pipeline_by_company_route, route_summary, sector_route_matrix
from tests.conftest import DASHBOARD, open_page
from tests.shown_tables import numbers, tables

YEAR, BASE = 2024, 2019
ROUTES = ["elektrificatie", "waterstof"]


def _cases() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "case_id": ["c1", "c2", "c3"],
            "company": ["A", "B", "C"],
            "sector": ["glas", "glas", "chemie"],
            "route": ["elektrificatie", "elektrificatie", "waterstof"],
            "bottleneck": ["netcongestie", "financiering", "netcongestie"],
            "status": ["in behandeling", "gestopt", "opgelost"],
            "expected_reduction_t_co2": [100.0, 50.0, None],
        }
    )


def _grants() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "grant_id": ["g1", "g2"],
            "company": ["A", "D"],
            "sector": ["glas", "chemie"],
            "route": ["elektrificatie", "waterstof"],
            "granted_eur": [1e6, 2e5],
            "paid_eur": [4e5, 0.0],
            "expected_reduction_t_co2": [150.0, 30.0],
        }
    )


def test_pipeline_counts_a_case_and_grant_of_one_company_once():
    pipeline = pipeline_by_company_route(_cases(), _grants()).set_index(["company", "route"])["expected_reduction_t_co2"]
    assert pipeline[("A", "elektrificatie")] == 150.0  # case 100 and grant 150: the same project, larger estimate
    assert ("B", "elektrificatie") not in pipeline.index  # stopped case
    assert pipeline[("C", "waterstof")] == 0.0 and pipeline[("D", "waterstof")] == 30.0


def test_route_summary():
    summary = route_summary(_cases(), _grants(), ROUTES).set_index("route")
    assert summary.loc["elektrificatie", ["companies", "cases", "gestopt", "grid_cases"]].tolist() == [2, 2, 1, 1]
    assert summary.loc["elektrificatie", "granted_eur"] == 1e6
    assert summary.loc["waterstof", "expected_reduction_t_co2"] == 30.0
    assert (
        summary.loc["elektrificatie", "bottlenecks"].startswith("netcongestie (1)")
        or "financiering (1)" in summary.loc["elektrificatie", "bottlenecks"]
    )


def components(operating=0.0, closed=0.0, entered=0.0, not_reported=0.0, closed_count=0, not_reported_count=0) -> dict:
    return {
        "operating_reduction": operating,
        "closed_t": closed,
        "closed": closed_count,
        "entered_t": entered,
        "not_reported_t": not_reported,
        "not_reported": not_reported_count,
    }


def test_gap_arithmetic():
    result = gap(400, components(operating=80, closed=30, entered=10), pd.Series([50.0, 100.0]), expected_is_sample=False)
    assert (result["realised"], result["expected_real"], result["missing"]) == (100, 150, 150)
    assert result["missing_operating"] == 400 - 70 - 150  # without the closures
    rose = gap(400, components(operating=-100), pd.Series([50.0]), expected_is_sample=False)
    assert rose["missing"] == 350  # emissions rose: nothing realised
    assert gap(400, components(operating=500), pd.Series([0.0]), expected_is_sample=False)["surplus"] == 100


def test_a_sample_pipeline_is_never_netted_against_the_real_gap():
    result = gap(400, components(operating=100), pd.Series([500.0]), expected_is_sample=True)
    assert result["expected"] == 500 and result["expected_real"] == 0
    assert result["missing"] == 300  # the headline figure ignores the sample pipeline
    assert result["missing_with_pipeline"] == 0  # only shown apart, marked as sample
    assert missing_headline(result, year=YEAR, incomplete=False) == "300 t/jaar"


@pytest.mark.parametrize(
    ("parts", "incomplete", "expected"),
    [
        (components(operating=500), False, "gedekt door gerealiseerde reductie"),
        (components(operating=500), True, f"niet vast te stellen ({YEAR} is onvolledig)"),
        (
            components(operating=100, closed=400),
            False,
            "alleen gedekt door sluitingen (bij draaiende installaties ontbreekt 300 t/jaar)",
        ),
        (components(operating=100), True, f"300 t/jaar (voorlopig: {YEAR} is onvolledig)"),
    ],
)
def test_headline_never_reads_target_met_on_incomplete_year_or_closures(parts, incomplete, expected):
    text = missing_headline(gap(400, parts, pd.Series([0.0]), expected_is_sample=False), year=YEAR, incomplete=incomplete)
    assert text == expected
    if incomplete or parts["closed_t"]:
        assert "gedekt door gerealiseerde" not in text and text not in ("niets", "0 t/jaar")


def test_pipeline_gap_chart_shows_realised_closures_expected_and_missing_apart():
    figures = gap(
        400, components(operating=60, closed=40, not_reported=20), pd.Series([50.0, 100.0], index=ROUTES), expected_is_sample=True
    )
    figure = charts.pipeline_gap(figures, pd.Series([50.0, 100.0], index=ROUTES), baseline_year=BASE, year=YEAR)
    by_name = {t.name.replace("<br>", " "): t for t in figure.data}  # long legend entries are broken into lines
    operating = by_name["gerealiseerd bij draaiende installaties"]
    closed = by_name["sluitingen en vertrek uit het ETS"]
    unknown = by_name["onbekend: nog niet gerapporteerd"]
    expected = by_name["verwacht: waterstof (voorbeelddata)"]
    missing = by_name["ontbreekt nog (als de voorbeeld-pijplijn klopt)"]
    assert operating.x[0] == pytest.approx(0.06) and closed.x[0] == pytest.approx(0.04) and unknown.x[0] == pytest.approx(0.02)
    assert expected.x[0] == pytest.approx(0.1) and missing.x[0] == pytest.approx(0.15 - 0.02)
    stand = [t for t in figure.data if t.y[0] != "nodig tot 2030"]
    assert sum(t.x[0] for t in stand) == pytest.approx(0.4)  # the bar never runs past the need
    assert not operating.marker.pattern.shape and closed.marker.pattern.shape and expected.marker.pattern.shape == "/"
    assert missing.marker.pattern.shape == "x"
    assert figure.layout.barmode == "stack"


def test_heatmap_and_sankey():
    matrix = sector_route_matrix(_cases(), _grants())
    heat = charts.sector_route_heatmap(matrix, ["glas", "chemie"], ROUTES)
    assert heat.data[0].z[0][0] == 2  # glas x elektrificatie: companies A and B
    sankey = charts.sector_route_status_sankey(_cases(), ["glas", "chemie"], ROUTES, ["in behandeling", "opgelost", "gestopt"])
    link = sankey.data[0].link
    assert sum(link.value) == 2 * len(_cases())  # every case flows sector -> route and route -> status


# The page --------------------------------------------------------------------------------------------


def run_page(params: dict | None = None) -> AppTest:
    return open_page("pages/routes.py", {"jaar": str(YEAR), **(params or {})})


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


PIPELINE_SQL = """
    WITH c AS (SELECT company, route, coalesce(sum(expected_reduction_t_co2), 0) AS t FROM cases
               WHERE status <> 'gestopt' AND (route = ? OR ? IS NULL) GROUP BY ALL),
         g AS (SELECT company, route, sum(e) AS t FROM (
                   SELECT grant_id, any_value(company) AS company, any_value(route) AS route, max(expected_reduction_t_co2) AS e
                   FROM subsidies GROUP BY grant_id) WHERE (route = ? OR ? IS NULL) GROUP BY ALL)
    SELECT sum(greatest(coalesce(c.t, 0), coalesce(g.t, 0))) FROM c FULL JOIN g USING (company, route)
"""


def test_metrics_equal_sql_and_route_filter_changes_them(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        for route in (None, "elektrificatie"):
            at = run_page({"route": route} if route else None)
            [(cases,)] = con.execute("SELECT count(*) FROM cases WHERE route = ? OR ? IS NULL", [route, route]).fetchall()
            [(expected,)] = con.execute(PIPELINE_SQL, [route, route, route, route]).fetchall()
            [(granted,)] = con.execute(
                "SELECT sum(granted_eur) FROM subsidies WHERE route = ? OR ? IS NULL", [route, route]
            ).fetchall()
            assert metric(at, "Casussen") == formatting.number(cases)
            assert metric(at, "Verwachte reductie") == f"{formatting.tonnes(expected)}/jaar"
            assert metric(at, "Subsidie toegekend / betaald") == formatting.euro(granted)
            assert f"verwacht uit de pijplijn: {formatting.tonnes(expected)}/jaar" in " ".join(m.value for m in at.markdown)
        [(base,), (now,)] = con.execute(
            "SELECT sum(e.verified_t_co2) FROM emissions e JOIN installations i USING (installation_id) "
            "WHERE i.in_cluster6 AND e.year IN (?, ?) GROUP BY e.year ORDER BY e.year",
            [BASE, YEAR],
        ).fetchall()
    finally:
        con.close()
    shown = {m.label: m.value for m in at.metric}
    parts = realised_parts(fixture_db)
    assert shown[f"Gerealiseerd, draaiend t/m {YEAR}"] == f"{formatting.tonnes(parts['operating'])}/jaar"
    assert shown["Door sluitingen"] == f"{formatting.tonnes(parts['closed'])}/jaar"
    assert parts["operating"] + parts["closed"] == pytest.approx(base - now)  # the split adds up (2024 is complete)
    assert at.query_params["route"] == "elektrificatie"
    assert len(at.get("plotly_chart")) == 3  # pipeline vs gap, heatmap, Sankey


def realised_parts(db, year: int = YEAR) -> dict:
    """Independently: operating = change at installations with emissions in both years, minus what new
    installations emit; closed = baseline emissions of installations with no emission in `year` that are
    not merely unreported."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        [(both, entered, closed)] = con.execute(
            """
            WITH b AS (SELECT installation_id, verified_t_co2 AS t FROM emissions WHERE year = ? AND verified_t_co2 > 0),
                 n AS (SELECT installation_id, verified_t_co2 AS t, status FROM emissions WHERE year = ?)
            SELECT
              (SELECT sum(b.t - n.t) FROM b JOIN n USING (installation_id) JOIN installations i USING (installation_id)
               WHERE i.in_cluster6 AND n.t > 0),
              (SELECT coalesce(sum(n.t), 0) FROM n JOIN installations i USING (installation_id)
               WHERE i.in_cluster6 AND n.t > 0 AND n.installation_id NOT IN (SELECT installation_id FROM b)),
              (SELECT coalesce(sum(b.t), 0) FROM b JOIN installations i USING (installation_id) LEFT JOIN n USING (installation_id)
               WHERE i.in_cluster6 AND coalesce(n.t, 0) = 0 AND coalesce(n.status, '') <> 'not reported')
            """,
            [BASE, year],
        ).fetchall()
    finally:
        con.close()
    return {"operating": both - entered, "closed": closed}


def test_incomplete_year_never_reads_as_target_met(fixture_db):
    at = run_page({"jaar": "2025"})
    headline = next(m for m in at.metric if m.label.startswith("Ontbreekt nog"))
    assert "gedekt" not in headline.value and headline.value != "niets"
    assert "2025 is onvolledig" in headline.delta
    assert any("2025 is nog onvolledig" in w.value for w in at.warning)


def test_status_filter_from_url(fixture_db):
    at = run_page({"status": "opgelost"})
    con = duckdb.connect(str(fixture_db), read_only=True)
    [(solved,)] = con.execute("SELECT count(*) FROM cases WHERE status = 'opgelost'").fetchall()
    con.close()
    assert metric(at, "Casussen") == formatting.number(solved)
    table = next(d.value for d in tables(at) if "route" in d.value.columns)
    assert numbers(table["casussen"]).sum() == solved


def test_company_role_sees_only_its_own_company(fixture_db):
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in {"jaar": str(YEAR), "rol": "bedrijf", "bedrijf": "Nobian Chemicals B.V."}.items():
        at.query_params[key] = value
    at.switch_page("pages/routes.py").run()  # a deep link: the role comes from the URL (demo mode)
    assert not at.exception, at.exception
    assert at.session_state["c6_viewer"].company == "Nobian Chemicals B.V."
    shown = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.metric])
    shown += " ".join(d.value.to_csv() for d in tables(at))
    con = duckdb.connect(str(fixture_db), read_only=True)
    others = {r[0] for r in con.execute("SELECT DISTINCT company FROM cases UNION SELECT company FROM subsidies").fetchall()}
    con.close()
    others.discard("Nobian Chemicals B.V.")
    assert not [name for name in others if name in shown]
    assert not at.get("plotly_chart")  # no flows or matrices for one company
    assert not [m for m in at.metric if m.label.startswith("Ontbreekt nog")]
    assert not [m for m in at.markdown if "pijplijn" in m.value]
    # Its own figures are never suppressed: the per-route table shows its own cases, labelled as its own.
    con = duckdb.connect(str(fixture_db), read_only=True)
    [(own,)] = con.execute("SELECT count(*) FROM cases WHERE company = 'Nobian Chemicals B.V.'").fetchall()
    con.close()
    table = next(d.value for d in tables(at) if "route" in d.value.columns)
    assert own > 0 and numbers(table["casussen (uw bedrijf)"]).sum() == own
    assert "< 3 bedrijven" not in " ".join(d.value.to_csv() for d in tables(at))
