"""Signalen (issue 11 §2): every rule against independent SQL/pandas on the fixture database, the norms as
data, and a company that sees only its own signals."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from monitor import formatting, signals
from monitor.access import MINISTRY, Viewer
from monitor.filters import Filters
from monitor.progress import ON_TRACK, sector_progress
from monitor.queries import signals as queries
from tests.conftest import open_page
from tests.shown_tables import tables
from tests.test_app_roles import AUTH, EMAILS, rendered, roles_file  # noqa: F401 - roles_file is a fixture

OI = Viewer("bedrijf", "O-I Netherlands B.V.")


def sql(fixture_db, statement: str, params: list | None = None) -> pd.DataFrame:
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        return con.execute(statement, params or []).df()
    finally:
        con.close()


def norm(fixture_db, rule: str, parameter: str) -> float:
    return float(sql(fixture_db, "SELECT value FROM signal_norms WHERE rule = ? AND parameter = ?", [rule, parameter]).iloc[0, 0])


def test_norms_are_data_with_a_reason(fixture_db):
    norms = queries.norms()
    assert {"status_days", "emission_rise", "reporting", "grant_unpaid", "paid_share"} <= set(norms["rule"])
    assert set(norms.loc[norms["rule"] == "status_days", "parameter"]) == {"aangemeld", "intake", "in behandeling"}
    assert norms["reason"].str.len().min() > 30  # every value says where it comes from or why
    assert norms["is_assumption"].any() and not norms["is_assumption"].all()


def test_stuck_cases_match_independent_computation(fixture_db):
    cases = sql(fixture_db, "SELECT case_id, status, opened_on FROM cases WHERE closed_on IS NULL")
    events = sql(fixture_db, "SELECT case_id, status, event_date FROM case_events")
    norms = sql(fixture_db, "SELECT parameter AS status, value FROM signal_norms WHERE rule = 'status_days'")
    merged = cases.merge(norms, on="status")
    expected = set()
    for r in merged.itertuples():
        dates = events[(events["case_id"] == r.case_id) & (events["status"] == r.status)]["event_date"]
        since = dates.max() if not dates.empty else r.opened_on
        if (dt.date.today() - pd.Timestamp(since).date()).days > r.value:
            expected.add(r.case_id)
    got = queries.stuck_cases(MINISTRY)
    assert set(got["case_id"]) == expected and expected  # the fixture has stuck cases
    assert (got["days_in_status"] > got["norm_days"]).all()
    assert got.set_index("case_id").loc["OPENBAAR-01", "date_estimated"]  # public example with assumed dates: marked


def test_grid_cases_are_open_grid_cases_in_provinces_that_got_worse(fixture_db):
    severity = {"geen": 0, "beperkt": 1, "wachtlijst": 2}
    now = sql(fixture_db, "SELECT province, offtake, as_of FROM grid_congestion")
    history = sql(fixture_db, "SELECT province, offtake, as_of FROM grid_congestion_history")
    worse = set()
    for r in now.itertuples():
        earlier = history[(history["province"] == r.province) & (history["as_of"] < r.as_of)].sort_values("as_of")
        if not earlier.empty and severity.get(r.offtake, -1) > severity.get(earlier["offtake"].iloc[-1], 99):
            worse.add(r.province)
    cases = sql(
        fixture_db,
        "SELECT case_id, province FROM cases WHERE closed_on IS NULL AND bottleneck IN ('netcongestie', 'netaansluiting')",
    )
    expected = set(cases.loc[cases["province"].isin(worse), "case_id"])
    assert set(queries.grid_cases(MINISTRY)["case_id"]) == expected == {"T-001"}


@pytest.mark.parametrize(("year", "baseline"), [(2024, 2019), (2023, 2019), (2022, 2013)])
def test_emission_rises_match_independent_computation(fixture_db, year, baseline):
    rows = sql(
        fixture_db,
        """SELECT e.installation_id, e.year, e.verified_t_co2 FROM emissions e JOIN installations i USING (installation_id)
           WHERE i.in_cluster6 AND e.verified_t_co2 > 0""",
    )
    wide = rows.pivot(index="installation_id", columns="year", values="verified_t_co2")
    fraction, minimum = norm(fixture_db, "emission_rise", "min_fraction"), norm(fixture_db, "emission_rise", "min_t_co2")
    now, prev, base = wide[year], wide[year - 1], wide[baseline]
    keep = (now >= minimum) & (now > prev * (1 + fraction)) & (now > base * (1 + fraction))
    expected = set(wide.index[keep.fillna(False)])
    assert set(queries.emission_rises(year, baseline)["installation_id"]) == expected


def test_reporting_gaps_match_independent_computation(fixture_db):
    latest = int(sql(fixture_db, "SELECT max(year) FROM emissions").iloc[0, 0])
    recent = norm(fixture_db, "reporting", "recent_years")
    c6 = sql(fixture_db, "SELECT installation_id, last_year FROM installations WHERE in_cluster6")
    verified_latest = set(
        sql(fixture_db, "SELECT installation_id FROM emissions WHERE year = ? AND verified_t_co2 IS NOT NULL", [latest])[
            "installation_id"
        ]
    )
    expected = {
        r.installation_id
        for r in c6.itertuples()
        if pd.notna(r.last_year) and latest - recent <= r.last_year < latest and r.installation_id not in verified_latest
    }
    got = queries.reporting_gaps()
    assert set(got["installation_id"]) == expected and expected
    statuses = sql(fixture_db, "SELECT installation_id, status FROM emissions WHERE year = ?", [latest]).set_index(
        "installation_id"
    )
    for r in got.itertuples():
        assert (r.latest_status == "not reported") == (statuses["status"].get(r.installation_id) == "not reported")


def test_grant_signals_match_independent_computation(fixture_db):
    rows = sql(fixture_db, "SELECT grant_id, year, granted_eur, paid_eur FROM subsidies")
    months_norm = norm(fixture_db, "grant_unpaid", "months")
    duration, lag = norm(fixture_db, "paid_share", "duration_years"), norm(fixture_db, "paid_share", "max_lag")
    today = dt.date.today()
    expected = {}
    for grant_id, g in rows.groupby("grant_id"):
        granted, paid = g["granted_eur"].sum(), g["paid_eur"].sum()
        if granted <= 0:
            continue
        year = int(g.loc[g["granted_eur"] > 0, "year"].min())
        months = (today.year - year) * 12 + today.month - 7  # since 1 July of the grant year (assumed)
        share = min(1.0, max(0.0, months / 12 / duration))
        if paid == 0 and months > months_norm:
            expected[grant_id] = "grant_unpaid"
        elif paid > 0 and share - paid / granted > lag:
            expected[grant_id] = "paid_share"
    got = queries.grant_signals(MINISTRY)
    assert dict(zip(got["grant_id"], got["rule"], strict=True)) == expected
    assert "TS-05" in expected  # granted, never paid in the fixture


def test_sector_signals_match_sector_progress(fixture_db):
    from monitor.queries import meta, sectors

    for year in (2021, 2022, 2023, 2024):
        chosen = Filters(year=year, baseline_year=2019, target_id="eu_ets_cap")
        by_year = sectors.by_sector_year(2019, year)
        now = sector_progress(by_year, meta.targets(), "eu_ets_cap", 2019, year).set_index("sector")["verdict"]
        before = sector_progress(by_year, meta.targets(), "eu_ets_cap", 2019, year - 1).set_index("sector")["verdict"]
        expected = {
            s
            for s in now.index
            if s != "Cluster 6 totaal" and before.get(s) == ON_TRACK and now[s] in ("te langzaam", "verkeerde richting")
        }
        assert set(signals.sector_signals(chosen)["subject"]) == expected


def test_a_company_sees_only_its_own_signals(fixture_db):
    chosen = Filters(year=2024, baseline_year=2019, target_id="eu_ets_cap")
    everything = signals.collect(MINISTRY, chosen)
    own = signals.collect(OI, chosen)
    assert not own.empty and set(own["company"]) == {"O-I Netherlands B.V."}
    assert set(own["subject"]) == set(everything.loc[everything["company"] == "O-I Netherlands B.V.", "subject"])
    assert "sector_van_koers" not in set(own["rule"])
    assert queries.stuck_cases(OI)["company"].eq("O-I Netherlands B.V.").all()
    assert queries.grant_signals(OI).empty or queries.grant_signals(OI)["company"].eq("O-I Netherlands B.V.").all()


def test_signalen_page_and_overview_count(fixture_db):
    at = open_page("pages/signalen.py", {"regel": "status_te_lang,netcongestie"})
    chosen = at.session_state["c6_filters"]
    expected = signals.collect(MINISTRY, chosen)
    metrics = {m.label: m.value for m in at.metric}
    for rule, title in signals.RULES.items():
        assert metrics[title] == str(int((expected["rule"] == rule).sum()))
    shown = tables(at)[0]
    table = shown.value
    assert set(table["signaal"]) <= {signals.RULES["status_te_lang"], signals.RULES["netcongestie"]}
    links = [href for (_, header), href in shown.links.items() if header == "profiel"]
    assert len(links) == (table["profiel"] != "").sum() > 0 and all(link.startswith("/profiel?") for link in links)
    overview = open_page("pages/overzicht.py")
    link = next(p for p in overview.get("page_link") if p.proto.page == "signalen")
    counted = "1 signaal vraagt" if len(expected) == 1 else f"{formatting.number(len(expected))} signalen vragen"
    assert link.proto.label.startswith(f"{counted} aandacht")


def test_signalen_page_for_a_company(fixture_db, roles_file):  # noqa: F811
    from streamlit.testing.v1 import AppTest

    from tests.conftest import DASHBOARD, visit

    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": EMAILS["O-I Netherlands B.V."]}
    at.run()
    visit(at, "pages/signalen.py", "bedrijf", "O-I Netherlands B.V.")
    text = rendered(at)
    assert "T-003" in text and "T-001" not in text and "Nobian" not in text.replace("nobian@test.invalid", "")
