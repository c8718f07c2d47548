"""AppTest of the overview page: the metrics it shows equal an independent SQL query on the fixture database."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from monitor import formatting
from tests.conftest import DASHBOARD, open_page, visit
from tests.shown_tables import tables


def run_app(query_params: dict | None = None) -> AppTest:
    return open_page(None, query_params)


def metric(at: AppTest, label_start: str) -> str:
    matches = [m for m in at.metric if m.label.startswith(label_start)]
    assert matches, f"no metric '{label_start}' in {[m.label for m in at.metric]}"
    return matches[0].value


def sql_total(db, year: int, sectors: tuple[str, ...] = ()) -> float:
    con = duckdb.connect(str(db), read_only=True)
    try:
        sector_clause = f"AND i.sector IN ({', '.join('?' for _ in sectors)})" if sectors else ""
        return con.execute(
            f"SELECT sum(e.verified_t_co2) FROM emissions e JOIN installations i USING (installation_id) "
            f"WHERE i.in_cluster6 AND e.year = ? {sector_clause}",
            [year, *sectors],
        ).fetchone()[0]
    finally:
        con.close()


def latest_complete_year(db) -> int:
    """Independently: the last year in which no Cluster 6 installation is still 'not reported'."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "SELECT max(year) FROM (SELECT e.year FROM emissions e JOIN installations i USING (installation_id) "
            "WHERE i.in_cluster6 GROUP BY e.year HAVING count(*) FILTER (WHERE e.status = 'not reported') = 0)"
        ).fetchone()[0]
    finally:
        con.close()


def test_overview_metrics_equal_sql(fixture_db):
    at = run_app()
    assert not at.exception
    latest = latest_complete_year(fixture_db)
    now, base = sql_total(fixture_db, latest), sql_total(fixture_db, 2019)
    assert metric(at, f"Uitstoot Cluster 6 {latest}") == formatting.tonnes(now)
    assert metric(at, "t.o.v. basisjaar 2019") == formatting.percent(now / base - 1)
    # the change in tonnes with a minus sign, and still drawn as a fall (arrow down) that is good (green)
    change = next(m for m in at.metric if m.label.startswith("t.o.v. basisjaar 2019"))
    assert change.delta == formatting.tonnes(now - base)
    assert (change.delta[0] == "−") == (now < base)
    direction, colour = (MetricProto.MetricDirection, MetricProto.MetricColor)
    assert change.proto.direction == (direction.DOWN if now < base else direction.UP)
    assert change.proto.color == (colour.GREEN if now < base else colour.RED)
    con = duckdb.connect(str(fixture_db), read_only=True)
    companies, installations = con.execute(
        "SELECT count(DISTINCT i.company), count(DISTINCT i.installation_id) FROM emissions e JOIN installations i USING (installation_id) "
        "WHERE i.in_cluster6 AND e.year = ? AND e.verified_t_co2 > 0",
        [latest],
    ).fetchone()
    open_cases = con.execute("SELECT count(*) FROM cases WHERE status IN ('aangemeld', 'intake', 'in behandeling')").fetchone()[0]
    con.close()
    count = next(m for m in at.metric if m.label == f"Installaties Cluster 6 {latest}")
    assert count.value == formatting.number(installations)  # installations are the headline count
    assert count.delta == f"van {formatting.number(companies)} bedrijven"  # operators beside it
    assert metric(at, "Open casussen") == formatting.number(open_cases)
    assert any("Voorbeelddata" in w.value for w in at.warning), "sample data shown without notice"


def test_defaults_are_the_latest_complete_year_and_the_national_path(fixture_db):
    at = run_app()
    latest = latest_complete_year(fixture_db)
    newest = duckdb.connect(str(fixture_db), read_only=True).execute("SELECT max(year) FROM emissions").fetchone()[0]
    assert newest > latest, "the fixture must hold an incomplete year for this test to mean anything"
    assert at.query_params["jaar"] == str(latest)
    assert at.query_params["doel"] == "nl_klimaatwet"
    year_box = at.selectbox(key="f_year")
    assert year_box.value == latest
    assert f"{newest} (onvolledig)" in year_box.options  # still selectable, marked
    assert any("Klimaatwet" in c.value and "Kamerbrief" in c.value for c in at.caption)  # the page says why


@pytest.mark.parametrize("page", [None, "pages/sectoren.py", "pages/routes.py", "pages/rapportage.py"])
def test_an_incomplete_year_is_worded_the_same_on_every_page(fixture_db, page):
    from monitor import completeness
    from monitor.queries import emissions

    sentence = completeness.note(emissions.completeness(), 2025)
    assert sentence and "te laag" in sentence and "daling lijkt groter" in sentence
    at = open_page(page, {"jaar": "2025"})
    assert any(sentence in w.value for w in at.warning), [w.value for w in at.warning]


def test_incomplete_year_is_flagged(fixture_db):
    at = run_app({"jaar": "2025"})
    assert any("2025 is nog onvolledig" in w.value for w in at.warning)
    at = run_app({"jaar": "2024"})
    assert not any("onvolledig" in w.value for w in at.warning)


@pytest.mark.parametrize("baseline", ["2013", "2019"])
def test_query_params_restore_year_baseline_and_sector(fixture_db, baseline):
    at = run_app({"jaar": "2024", "basis": baseline, "sector": "glas"})
    assert not at.exception
    now, base = sql_total(fixture_db, 2024, ("glas",)), sql_total(fixture_db, int(baseline), ("glas",))
    assert metric(at, "Uitstoot selectie 2024") == formatting.tonnes(now)  # never "Cluster 6" under a filter
    assert not [m.label for m in at.metric if "Cluster 6" in m.label]
    assert any("selectie (glas)" in i.value for i in at.info)
    assert metric(at, f"t.o.v. basisjaar {baseline}") == formatting.percent(now / base - 1)
    assert at.query_params["sector"] == "glas"


def test_changing_the_year_changes_the_figure(fixture_db):
    at = run_app()
    before = metric(at, "Uitstoot")
    at.selectbox(key="f_year").set_value(2016).run()
    assert metric(at, "Uitstoot Cluster 6 2016") == formatting.tonnes(sql_total(fixture_db, 2016))
    assert metric(at, "Uitstoot Cluster 6 2016") != before
    assert at.query_params["jaar"] == "2016"


def test_sources_page_lists_every_source(fixture_db):
    at = run_app()
    visit(at, "pages/bronnen.py", "ministerie")
    shown = tables(at)[0].value
    con = duckdb.connect(str(fixture_db), read_only=True)
    titles = {r[0] for r in con.execute("SELECT title FROM sources").fetchall()}
    con.close()
    assert set(shown["bron"]) == titles


def test_url_paths_equal_page_file_names():
    """Before its first st.navigation call a fresh server routes /<name> to pages/<name>.py; a URL path that
    differs from the file name shows 'Page not found' on a shared link. Keep them equal."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(DASHBOARD).read_text(encoding="utf-8"))
    specs = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "PageSpec"]
    assert len(specs) >= 9
    for spec in specs:
        path, _title, _icon, url_path = (arg.value for arg in spec.args[:4])
        is_default = any(k.arg == "default" and k.value.value for k in spec.keywords)
        assert is_default or Path(path).stem == url_path, path
