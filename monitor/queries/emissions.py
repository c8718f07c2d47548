"""Emissions and installations (public EUTL data)."""

from __future__ import annotations

import pandas as pd

from monitor.cache import per_data_version
from monitor.db import query


def years() -> list[int]:
    """All years with any emission row, ascending."""
    return query("SELECT DISTINCT year FROM emissions ORDER BY year")["year"].tolist()


def cluster6_year(year: int, sectors: tuple[str, ...] = (), provinces: tuple[str, ...] = ()) -> dict:
    """verified_t_co2, installations, companies (with verified > 0) of Cluster 6 in `year`;
    `sectors` and `provinces` limit to those (empty = all; offshore installations have no province)."""
    row = query(
        """
        SELECT coalesce(sum(e.verified_t_co2), 0) AS verified_t_co2,
               count(DISTINCT i.installation_id) FILTER (WHERE e.verified_t_co2 > 0) AS installations,
               count(DISTINCT i.company) FILTER (WHERE e.verified_t_co2 > 0) AS companies
        FROM emissions e JOIN installations i USING (installation_id)
        WHERE i.in_cluster6 AND e.year = ?
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.sector))
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.province))
        """,
        (year, list(sectors), list(sectors), list(provinces), list(provinces)),
    )
    return row.iloc[0].to_dict()


def completeness(cluster6_only: bool = True) -> pd.DataFrame:
    """year, reported, not_reported, not_reported_previous_t: installations without a verified figure
    yet (status 'not reported') and what they emitted the year before."""
    return query(
        """
        SELECT e.year,
               count(*) FILTER (WHERE e.status = 'reported') AS reported,
               count(*) FILTER (WHERE e.status = 'not reported') AS not_reported,
               coalesce(sum(prev.verified_t_co2) FILTER (WHERE e.status = 'not reported'), 0) AS not_reported_previous_t
        FROM emissions e
        JOIN installations i USING (installation_id)
        LEFT JOIN emissions prev ON prev.installation_id = e.installation_id AND prev.year = e.year - 1
        WHERE i.in_cluster6 OR NOT ?
        GROUP BY e.year
        ORDER BY e.year
        """,
        (cluster6_only,),
    )


def change_components(baseline_year: int, year: int, sectors: tuple[str, ...] = (), provinces: tuple[str, ...] = ()) -> dict:
    """Where the change baseline -> year comes from, in t CO2 (Cluster 6, limited like cluster6_year):
    operating_reduction: baseline minus year at installations with emissions in both years (reduction at
      installations that still operate; negative = they emit more);
    closed_t / closed: baseline emissions and count of installations that emitted in the baseline and have
      no emission in `year` because they closed or left the ETS (no row, 'excluded' or 0);
    not_reported_t / not_reported: the same for installations whose `year` figure is not reported yet
      (unknown, not a reduction);
    entered_t / entered: emissions in `year` of installations without emissions in the baseline."""
    row = query(
        """
        WITH base AS (
            SELECT installation_id, verified_t_co2 AS t FROM emissions WHERE year = ? AND verified_t_co2 > 0
        ), now AS (
            SELECT installation_id, verified_t_co2 AS t, status FROM emissions WHERE year = ?
        ), selected AS (
            SELECT installation_id FROM installations i
            WHERE i.in_cluster6
              AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.sector))
              AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.province))
        ), joined AS (
            SELECT b.t AS base_t, n.t AS now_t, n.status
            FROM selected s
            LEFT JOIN base b USING (installation_id)
            LEFT JOIN now n USING (installation_id)
            WHERE b.t IS NOT NULL OR n.t > 0
        )
        SELECT coalesce(sum(base_t - now_t) FILTER (WHERE base_t IS NOT NULL AND now_t > 0), 0) AS operating_reduction,
               coalesce(sum(base_t) FILTER (WHERE base_t IS NOT NULL AND coalesce(now_t, 0) = 0
                                            AND coalesce(status, '') <> 'not reported'), 0) AS closed_t,
               count(*) FILTER (WHERE base_t IS NOT NULL AND coalesce(now_t, 0) = 0
                                AND coalesce(status, '') <> 'not reported') AS closed,
               coalesce(sum(base_t) FILTER (WHERE base_t IS NOT NULL AND status = 'not reported'), 0) AS not_reported_t,
               count(*) FILTER (WHERE base_t IS NOT NULL AND status = 'not reported') AS not_reported,
               coalesce(sum(now_t) FILTER (WHERE base_t IS NULL AND now_t > 0), 0) AS entered_t,
               count(*) FILTER (WHERE base_t IS NULL AND now_t > 0) AS entered
        FROM joined
        """,
        (baseline_year, year, list(sectors), list(sectors), list(provinces), list(provinces)),
    )
    return row.iloc[0].to_dict()


def selection_summary() -> pd.DataFrame:
    """in_cluster6, reason_group, installations, active_latest, companies_latest: how the rules split all
    installations (membership_rule, and for the sector rule the sector)."""
    return query(
        """
        WITH latest AS (SELECT max(year) - 1 AS year FROM emissions)
        SELECT i.in_cluster6,
               CASE i.membership_rule
                    WHEN 'override' THEN 'handmatige keuze (override)'
                    WHEN 'sector' THEN CASE i.sector WHEN 'energie' THEN 'energieproducent'
                                                     WHEN 'glastuinbouw' THEN 'glastuinbouw'
                                                     ELSE 'niet-industrieel (zorg, onderwijs, Defensie, luchthaven, veiling)' END
                    WHEN 'area' THEN 'in een industriegebied van een cluster'
                    WHEN 'area name' THEN 'industriegebied genoemd in naam of registerplaats'
                    WHEN 'partner' THEN 'deelnemer van een clusterprogramma'
                    WHEN 'municipality fallback' THEN 'clustergemeente (terugval, geen coördinaten)'
                    WHEN 'offshore' THEN 'offshore olie en gas'
                    WHEN 'unplaced' THEN 'locatie onbekend'
                    ELSE 'buiten de vijf clusters' END AS reason_group,
               count(*) AS installations,
               count(*) FILTER (WHERE e.verified_t_co2 > 0) AS active_latest,
               count(DISTINCT i.company) FILTER (WHERE e.verified_t_co2 > 0) AS companies_latest
        FROM installations i
        LEFT JOIN emissions e ON e.installation_id = i.installation_id AND e.year = (SELECT year FROM latest)
        GROUP BY ALL
        ORDER BY in_cluster6 DESC, installations DESC
        """
    )


def data_quality() -> pd.DataFrame:
    """installation_id, name, company, sector, in_cluster6, issue, detail."""
    return query(
        """
        SELECT q.installation_id, i.name, i.company, i.sector, i.in_cluster6, q.issue, q.detail
        FROM data_quality q LEFT JOIN installations i USING (installation_id)
        ORDER BY q.issue, q.installation_id
        """
    )


@per_data_version(resource=True)  # the frame asks on every run; at EU scale the sort took 5 ms each time
def cluster6_companies() -> tuple[str, ...]:
    """The companies with a Cluster 6 installation, sorted (the demo picker's choices); a tuple, since every
    run shares it."""
    return tuple(sorted(query("SELECT DISTINCT company FROM installations WHERE in_cluster6")["company"]))


def provinces() -> list[str]:
    """The provinces of the installations, sorted (offshore installations have none)."""
    return sorted(query("SELECT DISTINCT province FROM installations WHERE province IS NOT NULL")["province"])


def installations() -> pd.DataFrame:
    """All installations with their classification (the installations table as is)."""
    return query("SELECT * FROM installations ORDER BY installation_id")
