"""Queries of the profile page (Profiel): one installation or one company, and its cases and subsidies.

Emissions are public EUTL data; cases, case events and subsidies are confidential: those functions take
a Viewer and bind the scope condition `(? OR company = ?)`.
"""

from __future__ import annotations

import pandas as pd

from monitor.access import Viewer
from monitor.config import CASE_STATUSES
from monitor.db import query


def installation(installation_id: str) -> dict | None:
    """The installations row of one installation (all columns), or None if unknown."""
    rows = query("SELECT * FROM installations WHERE installation_id = ?", (installation_id,))
    return None if rows.empty else rows.iloc[0].to_dict()


def company_installations(company: str) -> pd.DataFrame:
    """installation_id, name, city, sector, in_cluster6, first_year, last_year, lat, lon, offshore: every
    installation of one company, Cluster 6 and newest first."""
    return query(
        """
        SELECT installation_id, name, city, sector, in_cluster6, first_year, last_year, lat, lon, offshore
        FROM installations WHERE company = ?
        ORDER BY in_cluster6 DESC, last_year DESC NULLS LAST, name
        """,
        (company,),
    )


def series(installation_id: str) -> pd.DataFrame:
    """year, verified_t_co2, free_allocation_t, status, sector_median_t_co2, sector_installations: one
    installation's registry rows, with the median of the verified emissions (> 0) of the Cluster 6
    installations of its sector in that year."""
    return query(
        """
        WITH own AS (SELECT sector FROM installations WHERE installation_id = ?),
        median AS (
            SELECT e.year, median(e.verified_t_co2) AS sector_median_t_co2, count(*) AS sector_installations
            FROM emissions e JOIN installations i USING (installation_id)
            WHERE i.in_cluster6 AND i.sector = (SELECT sector FROM own) AND e.verified_t_co2 > 0
            GROUP BY e.year
        )
        SELECT e.year, e.verified_t_co2, e.free_allocation_t, e.status, m.sector_median_t_co2, m.sector_installations
        FROM emissions e LEFT JOIN median m USING (year)
        WHERE e.installation_id = ?
        ORDER BY e.year
        """,
        (installation_id, installation_id),
    )


def company_series(company: str) -> pd.DataFrame:
    """year, verified_t_co2 (sum over the company's installations with a verified figure), installations
    (with verified > 0), not_reported (installations with status 'not reported'), free_allocation_t."""
    return query(
        """
        SELECT e.year, sum(e.verified_t_co2) AS verified_t_co2,
               count(*) FILTER (WHERE e.verified_t_co2 > 0) AS installations,
               count(*) FILTER (WHERE e.status = 'not reported') AS not_reported,
               sum(e.free_allocation_t) AS free_allocation_t
        FROM emissions e JOIN installations i USING (installation_id)
        WHERE i.company = ?
        GROUP BY e.year ORDER BY e.year
        """,
        (company,),
    )


def sector_rank(installation_id: str, year: int) -> dict:
    """rank (1 = largest emitter), of (Cluster 6 installations of the sector with verified > 0 in `year`),
    verified_t_co2: where one installation stands in its sector; rank is NULL if it did not emit then."""
    rows = query(
        """
        WITH own AS (SELECT sector FROM installations WHERE installation_id = ?),
        ranked AS (
            SELECT e.installation_id, e.verified_t_co2,
                   rank() OVER (ORDER BY e.verified_t_co2 DESC) AS rank, count(*) OVER () AS "of"
            FROM emissions e JOIN installations i USING (installation_id)
            WHERE i.in_cluster6 AND i.sector = (SELECT sector FROM own) AND e.year = ? AND e.verified_t_co2 > 0
        )
        SELECT (SELECT rank FROM ranked WHERE installation_id = ?) AS rank,
               coalesce((SELECT max("of") FROM ranked), 0) AS "of",
               (SELECT verified_t_co2 FROM ranked WHERE installation_id = ?) AS verified_t_co2
        """,
        (installation_id, year, installation_id, installation_id),
    )
    return rows.iloc[0].to_dict()


def quality_notes(installation_ids: tuple[str, ...]) -> pd.DataFrame:
    """installation_id, issue, detail: the data problems recorded for these installations (data_quality)."""
    return query(
        """
        SELECT installation_id, issue, detail FROM data_quality
        WHERE list_contains(?::VARCHAR[], installation_id)
        ORDER BY installation_id, issue
        """,
        (list(installation_ids),),
    )


def cases(viewer: Viewer, company: str, installation_id: str | None = None) -> pd.DataFrame:
    """case_id, installation_id, status, route, bottleneck, opened_on, closed_on, expected_reduction_t_co2,
    description, is_sample: the company's cases (only those of one installation, or without one, when
    `installation_id` is given), if the viewer may see them."""
    return query(
        """
        SELECT case_id, installation_id, status, route, bottleneck, opened_on, closed_on,
               expected_reduction_t_co2, description, is_sample
        FROM cases
        WHERE (? OR company = ?) AND company = ? AND (?::VARCHAR IS NULL OR coalesce(installation_id, ?) = ?)
        ORDER BY opened_on DESC, case_id
        """,
        (*viewer.scope(), company, installation_id, installation_id, installation_id),
    )


def case_histories(viewer: Viewer, company: str) -> pd.DataFrame:
    """case_id, event_date, status, note, date_estimated, source: the status history of every case of the
    company, if the viewer may see them (one query for all cases, not one per case)."""
    return query(
        """
        SELECT e.case_id, e.event_date, e.status, e.note, e.date_estimated, e.source
        FROM case_events e JOIN cases c USING (case_id)
        WHERE (? OR company = ?) AND company = ?
        ORDER BY e.case_id, e.event_date, list_position(?::VARCHAR[], e.status)
        """,
        (*viewer.scope(), company, list(CASE_STATUSES)),
    )


def subsidies(viewer: Viewer, company: str, installation_id: str | None = None) -> pd.DataFrame:
    """grant_id, installation_id, instrument, route, project, granted_eur, paid_eur (all years), first_year,
    last_year, expected_reduction_t_co2, is_sample: the company's grants (of one installation or without
    one, when `installation_id` is given), if the viewer may see them."""
    return query(
        """
        SELECT grant_id, any_value(installation_id) AS installation_id, any_value(instrument) AS instrument,
               any_value(route) AS route, any_value(project) AS project, sum(granted_eur) AS granted_eur,
               sum(paid_eur) AS paid_eur, min(year) AS first_year, max(year) AS last_year,
               any_value(expected_reduction_t_co2) AS expected_reduction_t_co2, bool_or(is_sample) AS is_sample
        FROM subsidies
        WHERE (? OR company = ?) AND company = ? AND (?::VARCHAR IS NULL OR coalesce(installation_id, ?) = ?)
        GROUP BY grant_id ORDER BY first_year DESC, grant_id
        """,
        (*viewer.scope(), company, installation_id, installation_id, installation_id),
    )
