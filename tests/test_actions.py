"""Action lines of Actieplan 2.0: schedule verdicts before, on and after a milestone's planned date; every
computed and loaded indicator against independent SQL on the fixture database; the page, the count on
Overzicht and the Rapportage section in the running app; a company sees the lines but not other
companies' participation."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from monitor import action_lines, action_measures, action_report, action_status, formatting
from monitor.access import MINISTRY, SUPPRESSED, Viewer
from monitor.filters import Filters
from tests.conftest import DASHBOARD, open_page
from tests.shown_tables import tables
from tests.test_app_roles import AUTH, EMAILS, downloads, media, rendered, roles_file  # noqa: F401 - fixtures

D = dt.date
OI = Viewer("bedrijf", "O-I Netherlands B.V.")
FILTERS = Filters(year=2024, baseline_year=2019, target_id="eu_ets_cap")
DATES = (D(2025, 12, 31), D(2026, 3, 30), D(2026, 3, 31), D(2026, 4, 1), D(2026, 6, 30), D(2026, 7, 1), D(2026, 11, 1))


# 1. Schedule verdicts


@pytest.mark.parametrize(
    "on, reported, actual, expected",
    [
        (D(2026, 3, 30), "gepland", None, "gepland"),  # the day before
        (D(2026, 3, 31), "gestart", None, "gestart"),  # on the planned date: not late yet
        (D(2026, 4, 1), "gestart", None, "vertraagd"),  # the day after, unfinished
        (D(2026, 4, 1), "afgerond", D(2026, 3, 31), "afgerond"),  # finished on the planned date
        (D(2026, 4, 1), "afgerond", D(2026, 4, 2), "vertraagd"),  # finished, but only after the reference date
        (D(2026, 3, 1), "vertraagd", None, "vertraagd"),  # the owner reports a delay before the date
    ],
)
def test_milestone_status_before_on_and_after_the_planned_date(on, reported, actual, expected):
    assert action_measures.milestone_status(D(2026, 3, 31), actual, reported, on) == expected


def test_verdicts_on_the_fixture_milestones_follow_the_reference_date(fixture_db):
    """T-M1 (casusaanpak) is planned for 31-03-2026 and reached on 15-04-2026; T-M2 (regioaanpak) is planned
    for 30-06-2026 and never reached."""
    expected = {
        D(2026, 3, 30): ("gestart", "gepland", set()),
        D(2026, 3, 31): ("gestart", "gepland", set()),
        D(2026, 4, 1): ("vertraagd", "gepland", {"casusaanpak"}),
        D(2026, 4, 15): ("afgerond", "gepland", set()),
        D(2026, 6, 30): ("afgerond", "gepland", set()),
        D(2026, 7, 1): ("afgerond", "vertraagd", {"regioaanpak"}),
    }
    for on, (first, second, behind) in expected.items():
        verdicts = action_status.verdicts_on(MINISTRY, on)
        milestones = action_measures.milestones_on(action_status.actions.milestone_rows(MINISTRY), on).set_index("item_id")
        assert (milestones.loc["T-M1", "status"], milestones.loc["T-M2", "status"]) == (first, second), on
        assert set(verdicts.loc[verdicts["verdict"] == action_lines.BEHIND, "action_line"]) == behind, on
    late = action_measures.milestones_on(action_status.actions.milestone_rows(MINISTRY), D(2026, 7, 11)).set_index("item_id")
    assert late.loc["T-M1", "days_late"] == 15 and late.loc["T-M2", "days_late"] == 11
    assert late.loc["PIL-M1", "status"] == "gepland"  # the public plan row: end of 2026


def test_a_milestone_recorded_later_counts_as_planned_before_its_first_row():
    import pandas as pd

    rows = pd.DataFrame(
        {
            "action_line": ["pilots"],
            "item_id": ["P"],
            "label": ["x"],
            "as_of": [D(2026, 5, 1)],
            "planned_on": [D(2026, 4, 1)],
            "actual_on": [D(2026, 5, 1)],
            "status": ["afgerond"],
            "note": [None],
            "is_sample": [False],
            "source": ["f"],
        }
    )
    assert action_measures.milestones_on(rows, D(2026, 3, 1)).loc[0, "status"] == "gepland"
    assert action_measures.milestones_on(rows, D(2026, 4, 20)).loc[0, "status"] == "vertraagd"
    assert action_measures.milestones_on(rows, D(2026, 5, 1)).loc[0, "status"] == "afgerond"


# 2. Computed indicators against independent SQL


def sql(db, statement: str, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(statement, list(params)).fetchone()[0]
    finally:
        con.close()


REGIONS_SQL = """
WITH RECURSIVE pts AS (
    SELECT i.installation_id AS id, i.company, radians(i.lat) AS la, radians(i.lon) AS lo
    FROM installations i JOIN emissions e USING (installation_id)
    WHERE i.in_cluster6 AND e.year = ? AND e.verified_t_co2 > 0 AND i.lat IS NOT NULL
),
edges AS (
    SELECT a.id AS a, b.id AS b FROM pts a, pts b
    WHERE 2 * 6371.0088 * asin(sqrt(pow(sin((b.la - a.la) / 2), 2) + cos(a.la) * cos(b.la) * pow(sin((b.lo - a.lo) / 2), 2))) <= ?
),
reach(a, b) AS (SELECT a, b FROM edges UNION SELECT r.a, e.b FROM reach r JOIN edges e ON e.a = r.b),
component AS (SELECT a AS id, min(b) AS root FROM reach GROUP BY a),
sized AS (SELECT c.*, count(*) OVER (PARTITION BY root) AS size, p.company FROM component c JOIN pts p USING (id))
SELECT count(DISTINCT root) FILTER (WHERE size >= 2) AS regions, count(DISTINCT company) FILTER (WHERE size >= 2) AS companies
FROM sized
"""

LEAD_SQL = """
WITH s AS (
    SELECT case_id, min(event_date) FILTER (WHERE status = 'aangemeld') AS a,
           max(event_date) FILTER (WHERE status = 'opgelost') AS o, bool_or(date_estimated) AS est
    FROM case_events GROUP BY case_id
)
SELECT quantile_cont(date_diff('day', a, o), 0.5) FROM s WHERE o <= ? AND NOT est
"""


@pytest.mark.parametrize("on", DATES)
def test_every_computed_indicator_equals_independent_sql(fixture_db, on):
    status = action_status.gather(MINISTRY, FILTERS, on)
    got = {key: value for key, (value, _) in status.computed.items()}
    con = duckdb.connect(str(fixture_db), read_only=True)
    try:
        regions, companies = con.execute(REGIONS_SQL, [FILTERS.year, action_lines.REGION_DISTANCE_KM]).fetchone()
    finally:
        con.close()
    expected = {
        "cas_aangemeld": sql(fixture_db, "SELECT count(*) FROM cases WHERE opened_on <= ?", [on]),
        "cas_opgelost": sql(
            fixture_db,
            "SELECT count(DISTINCT case_id) FROM case_events e JOIN cases c USING (case_id) "
            "WHERE e.status = 'opgelost' AND e.event_date <= ? AND c.status = 'opgelost'",
            [on],
        ),
        "cas_doorlooptijd": sql(fixture_db, LEAD_SQL, [on]),
        "fin_vragen": sql(fixture_db, "SELECT count(*) FROM cases WHERE bottleneck = 'financiering' AND opened_on <= ?", [on]),
        "pil_subsidie": sql(
            fixture_db,
            "SELECT coalesce(sum(granted_eur), 0) FROM subsidies WHERE instrument = ? AND year <= ?",
            [action_lines.PILOT_INSTRUMENT, on.year],
        ),
        "reg_regios": regions,
        "reg_bedrijven": companies,
    }
    assert set(got) == set(action_lines.COMPUTED_INDICATOR_IDS)
    for key, value in expected.items():
        assert got[key] == (pytest.approx(float(value)) if value is not None else None), (key, on)


def test_the_fixture_makes_the_computed_indicators_non_trivial(fixture_db):
    status = action_status.gather(MINISTRY, FILTERS, D(2026, 11, 1))
    values = {key: value for key, (value, _) in status.computed.items()}
    assert values["cas_aangemeld"] >= 5 and values["cas_opgelost"] >= 1 and values["cas_doorlooptijd"] > 0
    assert values["reg_regios"] >= 1 and values["reg_bedrijven"] >= 2
    before = action_status.gather(MINISTRY, FILTERS, D(2024, 1, 1)).computed
    assert before["cas_aangemeld"][0] < values["cas_aangemeld"]  # the reference date matters


LOADED_SQL = """
SELECT sum(p.value), count(DISTINCT p.company)
FROM action_progress p
JOIN (
    SELECT item_id, coalesce(company, '-') AS c, coalesce(subject, '-') AS s, max(as_of) AS newest
    FROM action_progress WHERE item_type = 'indicator' AND as_of <= ? GROUP BY ALL
) m ON m.item_id = p.item_id AND m.c = coalesce(p.company, '-') AND m.s = coalesce(p.subject, '-') AND m.newest = p.as_of
WHERE p.item_id = ?
"""


@pytest.mark.parametrize("on", DATES)
def test_every_loaded_indicator_equals_independent_sql(fixture_db, on):
    loaded = action_status.gather(MINISTRY, FILTERS, on).loaded.set_index("item_id")
    for item_id in action_lines.LOADED_INDICATOR_IDS:
        con = duckdb.connect(str(fixture_db), read_only=True)
        total, companies = con.execute(LOADED_SQL, [on, item_id]).fetchone()
        con.close()
        if total is None:
            assert item_id not in loaded.index, (item_id, on)
        else:
            assert loaded.loc[item_id, "value"] == pytest.approx(total), (item_id, on)
            assert loaded.loc[item_id, "companies"] == companies, (item_id, on)
    if on >= D(2026, 6, 30):
        assert loaded.loc["ken_sessies", "value"] == 7 and loaded.loc["cas_beleid", "value"] == 3


# 3. The page, the count on Overzicht and the Rapportage section


def test_page_shows_every_line_with_its_verdict_on_the_reference_date(fixture_db):
    at = open_page("pages/actielijnen.py", {"peildatum": "2026-07-01"})
    headers = [h.value for h in at.subheader]
    for line in action_lines.LINES:
        assert any(h.startswith(line.name) for h in headers), line.name
    assert any(h.startswith("Regioaanpak") and action_lines.BEHIND in h for h in headers)
    assert any(h.startswith("Casusaanpak") and action_lines.ON_SCHEDULE in h for h in headers)
    assert next(m.value for m in at.metric if m.label == "Actielijnen achter op schema") == "1 van 7"
    text = rendered(at)
    for line in action_lines.LINES:
        assert line.goal in text
    for indicator in action_lines.INDICATORS:
        assert indicator.definition in text, indicator.indicator_id
    cases_received = sql(fixture_db, "SELECT count(*) FROM cases WHERE opened_on <= DATE '2026-07-01'")
    figures = [d.value for d in tables(at) if {"indicator", "waarde"} <= set(d.value.columns)]
    shown = {r["indicator"]: r["waarde"] for t in figures for _, r in t.iterrows()}
    assert shown["Casussen aangemeld"] == formatting.number(cases_received)
    assert shown["Kennissessies gehouden"] == "7"
    assert "Nobian Chemicals B.V." in text and "Partner-Nobian-geheim" in text  # the ministry sees participation
    at = open_page("pages/actielijnen.py", {"peildatum": "2026-03-31"})
    assert next(m.value for m in at.metric if m.label == "Actielijnen achter op schema") == "0 van 7"


def test_overview_counts_the_lines_behind_schedule_today(fixture_db):
    at = open_page()
    behind = action_measures.line_verdicts(
        action_measures.milestones_on(action_status.actions.milestone_rows(MINISTRY), dt.date.today())
    )
    expected = int((behind["verdict"] == action_lines.BEHIND).sum())
    assert expected >= 1  # the fixture's regioaanpak milestone (30-06-2026) is overdue
    assert next(m.value for m in at.metric if m.label == "Actielijnen achter op schema") == f"{expected} van 7"


def test_rapportage_has_a_section_per_line_and_the_exports_carry_it(fixture_db):
    at = open_page("pages/rapportage.py", {"jaar": "2024", "basis": "2019"})
    assert any(s.value.startswith("Voortgang per actielijn") for s in at.subheader)
    text = rendered(at)
    for line in action_lines.LINES:
        assert f"**{line.name}**" in text
    markdown = at.code[0].value
    for line in action_lines.LINES:
        assert f"| {action_report.group(line)} | Schema op " in markdown
    received = sql(fixture_db, "SELECT count(*) FROM cases WHERE opened_on <= current_date")
    assert f"| Actielijn Casusaanpak | Casussen aangemeld | {formatting.number(received)} **VOORBEELDDATA**" in markdown
    assert "vertraagd: 'Testmijlpaal regioaanpak' gepland 30-06-2026" in markdown


# 4. A company sees the lines, not other companies' participation


def signed_in_as(email: str, page: str, params: dict) -> AppTest:
    """Sign in (simulated OIDC user, roles file of test_app_roles) and open `page` with `params` in the URL."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email}
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_company_sees_the_lines_but_not_other_companies_participation(fixture_db, roles_file, media):  # noqa: F811
    at = signed_in_as(EMAILS[OI.company], "pages/actielijnen.py", {"peildatum": "2026-07-01"})
    assert at.session_state["c6_viewer"].company == OI.company
    headers = [h.value for h in at.subheader]
    assert all(any(h.startswith(line.name) for h in headers) for line in action_lines.LINES)
    files = downloads(at, media)
    for where, text in {"page": rendered(at), **files}.items():
        for secret in ("Nobian Chemicals B.V.", "Partner-Nobian-geheim", "geheime deelname", "netbeheerder en 2 bedrijven"):
            assert secret not in text, (where, secret)
    text = rendered(at)
    assert "Partner-OI-geheim" in text  # its own participation
    assert "Coöperatie Koninklijke Cosun U.A." not in text  # public, but still another company's participation
    figures = [d.value for d in tables(at) if {"indicator", "waarde"} <= set(d.value.columns)]
    shown = {r["indicator"]: r["waarde"] for t in figures for _, r in t.iterrows()}
    definitions = [d.value for d in tables(at) if {"indicator", "bron"} <= set(d.value.columns)]
    source = {r["indicator"]: r["bron"] for t in definitions for _, r in t.iterrows()}
    # Disclosure rule: others' aggregates over fewer than 3 companies say so; the company's own part is shown.
    assert shown["Bedrijven verbonden met een kennispartner"] == "< 3 bedrijven (waarvan uw bedrijf: 1)"
    assert source["Bedrijven verbonden met een kennispartner"].startswith("telling over minder dan 3 bedrijven")
    assert shown["Bedrijven in een maatwerktraject"] == "< 3 bedrijven"
    assert shown["Kennissessies gehouden"] == "7"  # line-level figures are not participation
    own = sql(fixture_db, "SELECT count(*) FROM cases WHERE company = ? AND opened_on <= DATE '2026-07-01'", [OI.company])
    assert shown["Casussen aangemeld"] == f"{formatting.number(own)} (uw bedrijf)"


def test_company_status_has_no_other_company_rows(fixture_db):
    status = action_status.gather(OI, FILTERS, D(2026, 11, 1))
    assert set(status.participation["company"].dropna()) == {OI.company}
    assert status.participation["partners"].dropna().tolist() == ["Partner-OI-geheim"]
    counted = status.loaded.set_index("item_id")
    assert counted.loc["ken_bedrijven", "rows"] == SUPPRESSED  # the row count would tell how many take part


# 5. Signalen lists every overdue milestone


LATE_SQL = """
WITH latest AS (
    SELECT * FROM action_progress WHERE item_type = 'mijlpaal' AND as_of <= ?
    QUALIFY as_of = max(as_of) OVER (PARTITION BY item_id)
)
SELECT item_id FROM latest WHERE planned_on < ? AND (actual_on IS NULL OR actual_on > ?) ORDER BY item_id
"""


def test_signals_list_the_overdue_milestones_for_the_ministry_only(fixture_db):
    from monitor import signals

    con = duckdb.connect(str(fixture_db), read_only=True)
    today = dt.date.today()
    late = [r[0] for r in con.execute(LATE_SQL, [today, today, today]).fetchall()]
    con.close()
    assert late == ["T-M2"]  # T-M1 was reached on 15-04-2026, two weeks after its planned date
    found = signals.collect(MINISTRY, FILTERS)
    rows = found[found["rule"] == "actielijn_achter"]
    assert rows["label"].tolist() == ["Testmijlpaal regioaanpak"]
    assert rows["subject"].tolist() == ["Regioaanpak"] and rows["link"].tolist() == ["/actielijnen"]
    assert rows["size"].tolist() == [float((today - D(2026, 6, 30)).days)]
    narrowed = signals.collect(MINISTRY, Filters(2024, 2019, "eu_ets_cap", sectors=("glas",), provinces=("Limburg",)))
    assert (narrowed["rule"] == "actielijn_achter").sum() == 1  # programme-wide: no sector or province to filter on
    assert "actielijn_achter" not in set(signals.collect(OI, FILTERS)["rule"])
