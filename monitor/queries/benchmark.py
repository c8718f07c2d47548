"""Company benchmark: one installation against anonymised distributions of its NL sector and its EU activity.

Public EUTL data. Peers never carry a name: the functions return distributions (quantiles) with the
number of installations and of companies behind them, so the page can suppress small groups.
NL peers are the installations of the same sector of *other* companies (the chosen company is left out,
so its own plants do not move the band it is compared with).
"""

from __future__ import annotations

import pandas as pd

from monitor.db import query

QUANTILES = ("p10", "p25", "p50", "p75", "p90")
COMPANY_LIMIT = 300  # the Benchmark page lists this many companies at once (monitor.search_box.company_picker)


def companies() -> list[str]:
    """Companies with a Cluster 6 installation that ever reported emissions, sorted."""
    return query(
        """
        SELECT DISTINCT company FROM installations
        WHERE in_cluster6 AND first_year IS NOT NULL ORDER BY company
        """
    )["company"].tolist()


def company_installations(company: str) -> pd.DataFrame:
    """installation_id, name, sector, eu_activity, eu_activity_label, in_cluster6, first_year, last_year,
    latest_t_co2 (verified in last_year): the company's installations that ever reported, Cluster 6 and largest first."""
    return query(
        """
        SELECT i.installation_id, i.name, i.sector, i.eu_activity, i.eu_activity_label, i.in_cluster6,
               i.first_year, i.last_year, e.verified_t_co2 AS latest_t_co2
        FROM installations i
        LEFT JOIN emissions e ON e.installation_id = i.installation_id AND e.year = i.last_year
        WHERE i.company = ? AND i.first_year IS NOT NULL
        ORDER BY i.in_cluster6 DESC, i.last_year DESC, latest_t_co2 DESC NULLS LAST
        """,
        (company,),
    )


def installation_series(installation_id: str, baseline_year: int) -> pd.DataFrame:
    """year, verified_t_co2, free_allocation_t, index (verified / verified in baseline_year), ratio
    (verified / free allocation) of one installation."""
    return query(
        """
        WITH base AS (SELECT verified_t_co2 AS base FROM emissions WHERE installation_id = ? AND year = ? AND verified_t_co2 > 0)
        SELECT year, verified_t_co2, free_allocation_t,
               verified_t_co2 / (SELECT base FROM base) AS "index",
               verified_t_co2 / nullif(free_allocation_t, 0) AS ratio
        FROM emissions WHERE installation_id = ? AND verified_t_co2 > 0
        ORDER BY year
        """,
        (installation_id, baseline_year, installation_id),
    )


def sector_index(sector: str, baseline_year: int, exclude_company: str) -> pd.DataFrame:
    """year, installations, companies, p10..p90 of the index (verified / verified in baseline_year, both
    > 0) over NL installations in `sector` of other companies than `exclude_company`."""
    return query(
        """
        WITH base AS (
            SELECT e.installation_id, i.company, e.verified_t_co2 AS base
            FROM emissions e JOIN installations i USING (installation_id)
            WHERE i.sector = ? AND i.company <> ? AND e.year = ? AND e.verified_t_co2 > 0
        ),
        idx AS (
            SELECT e.year, b.company, e.verified_t_co2 / b.base AS value
            FROM emissions e JOIN base b USING (installation_id) WHERE e.verified_t_co2 > 0
        )
        SELECT year, count(*) AS installations, count(DISTINCT company) AS companies,
               quantile_cont(value, 0.10) AS p10, quantile_cont(value, 0.25) AS p25, quantile_cont(value, 0.5) AS p50,
               quantile_cont(value, 0.75) AS p75, quantile_cont(value, 0.90) AS p90
        FROM idx GROUP BY year ORDER BY year
        """,
        (sector, exclude_company, baseline_year),
    )


def sector_ratio(sector: str, year: int, exclude_company: str) -> pd.DataFrame:
    """One row: year, installations, companies, p10..p90 of verified / free allocation (> 0) over NL
    installations in `sector` of other companies, in `year`."""
    return query(
        """
        SELECT ? AS year, count(*) AS installations, count(DISTINCT i.company) AS companies,
               quantile_cont(r, 0.10) AS p10, quantile_cont(r, 0.25) AS p25, quantile_cont(r, 0.5) AS p50,
               quantile_cont(r, 0.75) AS p75, quantile_cont(r, 0.90) AS p90
        FROM (SELECT installation_id, verified_t_co2 / free_allocation_t AS r FROM emissions
              WHERE year = ? AND verified_t_co2 > 0 AND free_allocation_t > 0)
        JOIN installations i USING (installation_id)
        WHERE i.sector = ? AND i.company <> ?
        """,
        (year, year, sector, exclude_company),
    )


def sector_rank(installation_id: str, sector: str, baseline_year: int, year: int, exclude_company: str) -> dict:
    """peers, companies, better_than (share of peers whose index in `year` is higher, i.e. that reduced
    less), own_index: where one installation's reduction ranks among its NL sector peers."""
    row = query(
        """
        WITH pair AS (
            SELECT b.installation_id, i.company, i.sector, n.verified_t_co2 / b.verified_t_co2 AS value
            FROM emissions b JOIN emissions n ON n.installation_id = b.installation_id AND n.year = ?
            JOIN installations i ON i.installation_id = b.installation_id
            WHERE b.year = ? AND b.verified_t_co2 > 0 AND n.verified_t_co2 > 0
        ),
        own AS (SELECT value FROM pair WHERE installation_id = ?)
        SELECT count(*) AS peers, count(DISTINCT company) AS companies,
               avg(CASE WHEN value > (SELECT value FROM own) THEN 1.0
                        WHEN value = (SELECT value FROM own) THEN 0.5 ELSE 0.0 END) AS better_than,
               (SELECT value FROM own) AS own_index
        FROM pair WHERE sector = ? AND company <> ?
        """,
        (year, baseline_year, installation_id, sector, exclude_company),
    )
    return row.iloc[0].to_dict()


def eu_index(eu_activity: int, baseline_year: int) -> pd.DataFrame:
    """year, installations, companies, p10..p90 of the index of EU installations (outside NL) with the same
    EU activity code; empty when eu_peers is not loaded or has no group of at least 3 companies."""
    return query(
        """
        SELECT year, installations, companies, p10, p25, p50, p75, p90 FROM eu_peers
        WHERE measure = 'index' AND eu_activity = ? AND baseline_year = ?
        ORDER BY year
        """,
        (eu_activity, baseline_year),
    )


def eu_ratio(eu_activity: int) -> pd.DataFrame:
    """year, installations, companies, p10..p90 of verified / free allocation of EU installations (outside
    NL) with the same EU activity code."""
    return query(
        """
        SELECT year, installations, companies, p10, p25, p50, p75, p90 FROM eu_peers
        WHERE measure = 'ratio' AND eu_activity = ?
        ORDER BY year
        """,
        (eu_activity,),
    )
