"""Queries of the sector page (Sectoren): emissions per sector with an optional constant scope, top
emitters, and which companies have a case or a subsidised project on which route (confidential)."""

from __future__ import annotations

import pandas as pd

from monitor.access import Viewer
from monitor.cache import per_data_version
from monitor.db import query

# Installations with verified emissions > 0 in every year from the baseline through the chosen year.
_CONSTANT_SCOPE = """
    SELECT installation_id FROM emissions
    WHERE year BETWEEN ? AND ? AND verified_t_co2 > 0
    GROUP BY installation_id HAVING count(*) = ? - ? + 1
"""


@per_data_version(resource=True)  # shared by every run with these filters: read, never changed
def overview(baseline_year: int, year: int, provinces: tuple[str, ...], sectors: tuple[str, ...]) -> tuple[pd.DataFrame, ...]:
    """Overzicht's tables: by_sector (by_sector_year in the chosen sectors), its totals per year
    (verified_t_co2, installations, companies) and the chart's table (a year per row, a sector per column).
    Built once per data version and filters; at EU scale they took 10 ms of every run."""
    by_sector = by_sector_year(baseline_year, year, provinces=provinces)
    by_sector = by_sector[by_sector["sector"].isin(sectors)].reset_index(drop=True)
    totals = by_sector.groupby("year")[["verified_t_co2", "installations", "companies"]].sum()
    table = by_sector.pivot_table(index="year", columns="sector", values="verified_t_co2", aggfunc="sum").reset_index()
    return by_sector, totals, table


def by_sector_year(baseline_year: int, year: int, constant_scope: bool = False, provinces: tuple[str, ...] = ()) -> pd.DataFrame:
    """year, sector, verified_t_co2, installations, companies (with verified > 0): Cluster 6 per sector
    and year, all years. constant_scope: only installations emitting in every year baseline..year.
    provinces limits to those provinces (empty = all, offshore included)."""
    return query(
        f"""
        SELECT e.year, i.sector,
               sum(e.verified_t_co2) AS verified_t_co2,
               count(DISTINCT i.installation_id) FILTER (WHERE e.verified_t_co2 > 0) AS installations,
               count(DISTINCT i.company) FILTER (WHERE e.verified_t_co2 > 0) AS companies
        FROM emissions e JOIN installations i USING (installation_id)
        WHERE i.in_cluster6
          AND (NOT ? OR e.installation_id IN ({_CONSTANT_SCOPE}))
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.province))
        GROUP BY ALL
        ORDER BY e.year, i.sector
        """,  # noqa: S608 - a constant subquery, values bound
        (constant_scope, baseline_year, year, year, baseline_year, list(provinces), list(provinces)),
    )


def outside_constant_scope(baseline_year: int, year: int, provinces: tuple[str, ...] = ()) -> pd.DataFrame:
    """installation_id, name, company, sector, first_year, last_year, baseline_t_co2, verified_t_co2:
    Cluster 6 installations with emissions somewhere in baseline..year but not in every one of those years
    (opened, closed or not yet reported) - the ones a constant-scope comparison leaves out."""
    return query(
        f"""
        SELECT i.installation_id, i.name, i.company, i.sector, i.first_year, i.last_year,
               max(e.verified_t_co2) FILTER (WHERE e.year = ?) AS baseline_t_co2,
               max(e.verified_t_co2) FILTER (WHERE e.year = ?) AS verified_t_co2
        FROM installations i JOIN emissions e USING (installation_id)
        WHERE i.in_cluster6 AND e.year BETWEEN ? AND ? AND e.verified_t_co2 > 0
          AND i.installation_id NOT IN ({_CONSTANT_SCOPE})
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.province))
        GROUP BY ALL
        ORDER BY i.sector, i.name
        """,  # noqa: S608 - a constant subquery, values bound
        (baseline_year, year, baseline_year, year, baseline_year, year, year, baseline_year, list(provinces), list(provinces)),
    )


def top_emitters(sector: str, year: int, baseline_year: int, provinces: tuple[str, ...] = (), limit: int = 10) -> pd.DataFrame:
    """installation_id, name, company, municipality, verified_t_co2, baseline_t_co2: the largest Cluster 6
    emitters of `sector` in `year`."""
    return query(
        """
        SELECT i.installation_id, i.name, i.company, i.municipality,
               now.verified_t_co2, base.verified_t_co2 AS baseline_t_co2
        FROM installations i
        JOIN emissions now ON now.installation_id = i.installation_id AND now.year = ?
        LEFT JOIN emissions base ON base.installation_id = i.installation_id AND base.year = ?
        WHERE i.in_cluster6 AND i.sector = ? AND now.verified_t_co2 > 0
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.province))
        ORDER BY now.verified_t_co2 DESC
        LIMIT ?
        """,
        (year, baseline_year, sector, list(provinces), list(provinces), limit),
    )


def companies_per_route(viewer: Viewer) -> pd.DataFrame:
    """sector, route, province, company, kind ('casus' or 'subsidie'), status (cases only): one row per
    case or grant the viewer may see."""
    return query(
        """
        SELECT sector, route, province, company, 'casus' AS kind, status FROM cases WHERE (? OR company = ?)
        UNION ALL
        SELECT DISTINCT sector, route, province, company, 'subsidie' AS kind, NULL AS status FROM subsidies WHERE (? OR company = ?)
        """,
        (*viewer.scope(), *viewer.scope()),
    )
