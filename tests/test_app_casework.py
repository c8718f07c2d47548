"""AppTest of Casussen, Subsidies and Benchmark (demo mode, ministry): shown figures equal independent SQL."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from monitor import formatting
from tests.conftest import open_page
from tests.shown_tables import tables


def page(path: str, params: dict | None = None) -> AppTest:
    return open_page(path, params)


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


@pytest.fixture
def sql(fixture_db):
    con = duckdb.connect(str(fixture_db), read_only=True)
    yield lambda text, params=(): con.execute(text, list(params)).fetchone()[0]
    con.close()


def test_cases_figures_and_unknown_dates_left_out_of_lead_times(sql):
    at = page("pages/casussen.py")
    assert metric(at, "Casussen") == formatting.number(sql("SELECT count(*) FROM cases"))
    assert metric(at, "Open") == formatting.number(sql("SELECT count(*) FROM cases WHERE closed_on IS NULL"))
    # Solved cases with real dates only: the public examples (date_estimated events) are left out.
    median = sql(
        """SELECT median(date_diff('day', a.event_date, o.event_date)) FROM case_events a
           JOIN case_events o ON o.case_id = a.case_id AND o.status = 'opgelost'
           WHERE a.status = 'aangemeld' AND a.case_id NOT IN
                 (SELECT case_id FROM case_events WHERE date_estimated)"""
    )
    assert metric(at, "Doorlooptijd") == f"{formatting.number(median)} dagen"
    assert any("OPENBAAR-02" in c.value and "niet in doorlooptijden" in c.value for c in at.caption)
    ageing = next(d.value for d in tables(at) if "dagen in huidige status" in d.value.columns)
    assert ageing["dagen in huidige status"].is_monotonic_decreasing, "longest-stuck case must be on top"


def test_case_search_and_detail(sql):
    at = page("pages/casussen.py")
    at.text_input(key="cases_search").input("Rijswaard").run()
    found = next(d.value for d in tables(at) if "omschrijving" in d.value.columns)
    assert found["casus"].tolist() == ["T-004"]
    assert at.selectbox(key="cases_detail").value == "T-004"
    history = tables(at)[-1].value
    assert len(history) == sql("SELECT count(*) FROM case_events WHERE case_id = 'T-004'")


def test_status_filter_applies(sql):
    at = page("pages/casussen.py", {"status": "opgelost"})
    assert metric(at, "Casussen") == formatting.number(sql("SELECT count(*) FROM cases WHERE status = 'opgelost'"))


def test_subsidy_totals_and_burn_down(sql):
    at = page("pages/subsidies.py")
    assert metric(at, "Toegekend") == formatting.euro(sql("SELECT sum(granted_eur) FROM subsidies"))
    assert metric(at, "Uitbetaald") == formatting.euro(sql("SELECT sum(paid_eur) FROM subsidies"))
    year = at.session_state["c6_filters"].year  # the key figures stand at the chosen year
    committed = sql("SELECT sum(granted_eur) FROM subsidies WHERE instrument LIKE 'Actieplan Cluster 6%' AND year <= ?", [year])
    budget = sql("SELECT amount_eur FROM budgets WHERE budget_id = 'actieplan_cluster6'")
    assert metric(at, "Nog vrij") == formatting.euro(budget - committed)
    cost = next(d for d in at.get("download_button") if "euro_per_ton" in d.proto.id)
    assert cost is not None


def test_benchmark_index_equals_sql(sql):
    at = page("pages/benchmark.py", {"jaar": "2022", "basis": "2019"})
    at.selectbox(key="bench_company").set_value("O-I Netherlands B.V.").run()
    installation = at.selectbox(key="bench_installation").value
    now = sql("SELECT verified_t_co2 FROM emissions WHERE installation_id = ? AND year = 2022", [installation])
    base = sql("SELECT verified_t_co2 FROM emissions WHERE installation_id = ? AND year = 2019", [installation])
    assert metric(at, "Uitstoot 2022 t.o.v. 2019") == formatting.percent(now / base - 1)
    assert metric(at, "Positie in de EU").endswith("percentiel")
