"""Queries of the Signalen page: rule-based signals of what needs attention. Norms and thresholds come
from the signal_norms table (a reference file with a source or stated reason per value), congestion
history from grid_congestion_history. Case and subsidy queries are confidential: they take a Viewer and
bind the scope condition. Each query returns only the rows that meet its rule. Ages are counted to
`today` (a bound parameter, so cached results are per day as well as per data version)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from monitor.access import Viewer
from monitor.db import query

GRID_BOTTLENECKS = ("netcongestie", "netaansluiting")


def available() -> bool:
    """True when the database has the norms and congestion history (one built before them needs a rebuild)."""
    found = query(
        """
        SELECT count(*) AS tables FROM duckdb_tables()
        WHERE database_name = current_database() AND table_name IN ('signal_norms', 'grid_congestion_history')
        """
    )
    return int(found["tables"].iloc[0]) == 2


def norms() -> pd.DataFrame:
    """rule, parameter, value, unit, is_assumption, reason: every norm and threshold."""
    return query("SELECT rule, parameter, value, unit, is_assumption, reason FROM signal_norms ORDER BY rule, parameter")


def stuck_cases(viewer: Viewer, today: dt.date | None = None) -> pd.DataFrame:
    """Open cases longer in their current status than that status's norm: case_id, company,
    installation_id, sector, province, route, bottleneck, status, status_since, days_in_status, norm_days,
    norm_assumed, date_estimated (the status date is an assumption), expected_reduction_t_co2, is_sample."""
    return query(
        """
        WITH norms AS (SELECT parameter AS status, value AS norm_days, is_assumption FROM signal_norms WHERE rule = 'status_days'),
        open AS (SELECT * FROM cases WHERE (? OR company = ?) AND closed_on IS NULL),
        since AS (
            SELECT e.case_id, max(e.event_date) AS status_since, bool_or(e.date_estimated) AS date_estimated
            FROM case_events e JOIN open o ON o.case_id = e.case_id AND o.status = e.status
            GROUP BY e.case_id
        )
        SELECT o.case_id, o.company, o.installation_id, o.sector, o.province, o.route, o.bottleneck, o.status,
               coalesce(s.status_since, o.opened_on) AS status_since,
               date_diff('day', coalesce(s.status_since, o.opened_on), ?::DATE) AS days_in_status,
               n.norm_days, n.is_assumption AS norm_assumed, coalesce(s.date_estimated, false) AS date_estimated,
               o.expected_reduction_t_co2, o.is_sample
        FROM open o JOIN norms n USING (status) LEFT JOIN since s USING (case_id)
        WHERE days_in_status > n.norm_days
        ORDER BY days_in_status - n.norm_days DESC, o.case_id
        """,
        (*viewer.scope(), today or dt.date.today()),
    )


def grid_cases(viewer: Viewer) -> pd.DataFrame:
    """Open cases with a grid bottleneck in a province whose congestion for offtake got worse since the
    latest earlier status: case_id, company, installation_id, sector, province, route, bottleneck, status,
    expected_reduction_t_co2, is_sample, offtake_before, as_of_before, offtake_now, as_of_now,
    congestion_sample (either status is a sample value)."""
    return query(
        """
        WITH levels AS (SELECT * FROM (VALUES ('geen', 0), ('beperkt', 1), ('wachtlijst', 2)) AS t(level, severity)),
        before AS (
            SELECT h.province, arg_max(h.offtake, h.as_of) AS offtake_before, max(h.as_of) AS as_of_before,
                   arg_max(h.is_sample, h.as_of) AS sample_before
            FROM grid_congestion_history h JOIN grid_congestion g ON g.province = h.province AND h.as_of < g.as_of
            GROUP BY h.province
        ),
        worse AS (
            SELECT g.province, b.offtake_before, b.as_of_before, g.offtake AS offtake_now, g.as_of AS as_of_now,
                   g.is_sample OR b.sample_before AS congestion_sample
            FROM grid_congestion g JOIN before b USING (province)
            JOIN levels now ON now.level = g.offtake JOIN levels prev ON prev.level = b.offtake_before
            WHERE now.severity > prev.severity
        )
        SELECT c.case_id, c.company, c.installation_id, c.sector, c.province, c.route, c.bottleneck, c.status,
               c.expected_reduction_t_co2, c.is_sample, w.offtake_before, w.as_of_before, w.offtake_now, w.as_of_now,
               w.congestion_sample
        FROM cases c JOIN worse w USING (province)
        WHERE (? OR company = ?) AND c.closed_on IS NULL AND list_contains(?::VARCHAR[], c.bottleneck)
        ORDER BY c.expected_reduction_t_co2 DESC NULLS LAST, c.case_id
        """,
        (*viewer.scope(), list(GRID_BOTTLENECKS)),
    )


def emission_rises(year: int, baseline_year: int) -> pd.DataFrame:
    """Cluster 6 installations whose verified emissions in `year` rose by more than the threshold fraction
    against both the baseline and the previous year, from the minimum size on: installation_id, name,
    company, sector, province, now_t, previous_t, baseline_t, min_fraction."""
    return query(
        """
        WITH t AS (
            SELECT max(value) FILTER (WHERE parameter = 'min_fraction') AS min_fraction,
                   max(value) FILTER (WHERE parameter = 'min_t_co2') AS min_t
            FROM signal_norms WHERE rule = 'emission_rise'
        )
        SELECT i.installation_id, i.name, i.company, i.sector, i.province,
               now.verified_t_co2 AS now_t, prev.verified_t_co2 AS previous_t, base.verified_t_co2 AS baseline_t,
               t.min_fraction
        FROM installations i CROSS JOIN t
        JOIN emissions now ON now.installation_id = i.installation_id AND now.year = ?
        JOIN emissions prev ON prev.installation_id = i.installation_id AND prev.year = ? - 1
        JOIN emissions base ON base.installation_id = i.installation_id AND base.year = ?
        WHERE i.in_cluster6 AND now.verified_t_co2 >= t.min_t AND prev.verified_t_co2 > 0 AND base.verified_t_co2 > 0
          AND now.verified_t_co2 > prev.verified_t_co2 * (1 + t.min_fraction)
          AND now.verified_t_co2 > base.verified_t_co2 * (1 + t.min_fraction)
        ORDER BY now.verified_t_co2 - prev.verified_t_co2 DESC
        """,
        (year, year, baseline_year),
    )


def reporting_gaps() -> pd.DataFrame:
    """Cluster 6 installations that emitted in one of the recent years (norm 'reporting/recent_years')
    but have no verified figure for the latest registry year: installation_id, name, company, sector,
    province, latest_year, latest_status ('not reported' = reported late; NULL or 'excluded' = stopped),
    last_year, last_t_co2."""
    return query(
        """
        WITH latest AS (SELECT max(year) AS year FROM emissions),
        recent AS (SELECT value AS years FROM signal_norms WHERE rule = 'reporting' AND parameter = 'recent_years')
        SELECT i.installation_id, i.name, i.company, i.sector, i.province, l.year AS latest_year,
               e.status AS latest_status, i.last_year, last.verified_t_co2 AS last_t_co2
        FROM installations i CROSS JOIN latest l CROSS JOIN recent r
        LEFT JOIN emissions e ON e.installation_id = i.installation_id AND e.year = l.year
        LEFT JOIN emissions last ON last.installation_id = i.installation_id AND last.year = i.last_year
        WHERE i.in_cluster6 AND i.last_year < l.year AND i.last_year >= l.year - r.years
          AND e.verified_t_co2 IS NULL
        ORDER BY last.verified_t_co2 DESC NULLS LAST, i.installation_id
        """
    )


def grant_signals(viewer: Viewer, today: dt.date | None = None) -> pd.DataFrame:
    """Grants granted but not paid after the norm ('grant_unpaid'), or whose paid share lags the share
    expected after the time elapsed ('paid_share'): rule, grant_id, company, installation_id, sector,
    province, instrument, granted_eur, paid_eur, granted_year, months_since (since 1 July of the grant
    year: an assumed date), paid_share, expected_share, months, duration, max_lag, is_sample."""
    return query(
        """
        WITH n AS (
            SELECT max(value) FILTER (WHERE rule = 'grant_unpaid' AND parameter = 'months') AS months,
                   max(value) FILTER (WHERE rule = 'paid_share' AND parameter = 'duration_years') AS duration,
                   max(value) FILTER (WHERE rule = 'paid_share' AND parameter = 'max_lag') AS max_lag
            FROM signal_norms
        ),
        g AS (
            SELECT grant_id, any_value(company) AS company, any_value(installation_id) AS installation_id,
                   any_value(sector) AS sector, any_value(province) AS province, any_value(instrument) AS instrument,
                   sum(granted_eur) AS granted_eur, sum(paid_eur) AS paid_eur,
                   min(year) FILTER (WHERE granted_eur > 0) AS granted_year, bool_or(is_sample) AS is_sample
            FROM subsidies WHERE (? OR company = ?)
            GROUP BY grant_id
        ),
        t AS (
            SELECT g.*, date_diff('month', make_date(granted_year, 7, 1), ?::DATE) AS months_since,
                   paid_eur / granted_eur AS paid_share,
                   least(1.0, greatest(0.0, months_since / 12.0 / n.duration)) AS expected_share,
                   n.months, n.duration, n.max_lag
            FROM g CROSS JOIN n
            WHERE granted_eur > 0
        )
        SELECT CASE WHEN paid_eur = 0 AND months_since > months THEN 'grant_unpaid'
                    WHEN paid_eur > 0 AND expected_share - paid_share > max_lag THEN 'paid_share' END AS rule,
               grant_id, company, installation_id, sector, province, instrument, granted_eur, paid_eur, granted_year,
               months_since, paid_share, expected_share, months, duration, max_lag, is_sample
        FROM t
        WHERE rule IS NOT NULL
        ORDER BY granted_eur - paid_eur DESC, grant_id
        """,
        (*viewer.scope(), today or dt.date.today()),
    )
