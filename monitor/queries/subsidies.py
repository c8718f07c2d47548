"""Subsidies - confidential per company; every function filters through the Viewer."""

from __future__ import annotations

import pandas as pd

from monitor.access import Viewer
from monitor.db import query

ACTIEPLAN_PREFIX = "Actieplan Cluster 6"


def actieplan_spend(viewer: Viewer) -> pd.DataFrame:
    """granted_eur, paid_eur, sample_rows of the Actieplan Cluster 6 budget lines, for the viewer."""
    return query(
        """
        SELECT coalesce(sum(granted_eur), 0) AS granted_eur, coalesce(sum(paid_eur), 0) AS paid_eur,
               count(*) FILTER (WHERE is_sample) AS sample_rows
        FROM subsidies WHERE starts_with(instrument, ?) AND (? OR company = ?)
        """,
        (ACTIEPLAN_PREFIX, *viewer.scope()),
    )


# The shared sidebar selection (sector, province, route; empty = all) as a constant SQL condition.
SELECTION = """
    (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], sector))
    AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], province))
    AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], route))
"""
# Grouping columns a caller may choose; the choice selects a constant expression, never user text.
DIMENSIONS = {
    "instrument": "instrument",
    "route": "route",
    "sector": "sector",
    "province": "province",
}


def selection(filters) -> tuple:
    params: list = []
    for values in (filters.sectors, filters.provinces, filters.routes):
        params += [list(values), list(values)]
    return tuple(params)


def by_instrument_year(viewer: Viewer, filters) -> pd.DataFrame:
    """instrument, year, granted_eur, paid_eur, grants, companies, sample_rows."""
    return query(
        f"""
        SELECT instrument, year, sum(granted_eur) AS granted_eur, sum(paid_eur) AS paid_eur,
               count(DISTINCT grant_id) AS grants, count(DISTINCT company) AS companies,
               count(*) FILTER (WHERE is_sample) AS sample_rows
        FROM subsidies WHERE (? OR company = ?) AND {SELECTION}
        GROUP BY ALL ORDER BY instrument, year
        """,  # noqa: S608 - SELECTION is a constant; every value is bound
        (*viewer.scope(), *selection(filters)),
    )


def actieplan_by_year(viewer: Viewer) -> pd.DataFrame:
    """year, granted_eur, paid_eur: the Actieplan Cluster 6 instruments per year (whole budget, no selection)."""
    return query(
        """
        SELECT year, sum(granted_eur) AS granted_eur, sum(paid_eur) AS paid_eur
        FROM subsidies WHERE starts_with(instrument, ?) AND (? OR company = ?)
        GROUP BY year ORDER BY year
        """,
        (ACTIEPLAN_PREFIX, *viewer.scope()),
    )


def by_dimension(viewer: Viewer, filters, dimension: str) -> pd.DataFrame:
    """group, granted_eur, paid_eur, grants, companies, reduction_t_co2 (expected, t/yr, grants that state
    it), granted_with_reduction_eur, eur_per_t_co2 (granted / expected annual reduction, over the grants
    that state a reduction), grants_without_reduction. `dimension` is a key of DIMENSIONS."""
    column = DIMENSIONS[dimension]
    return query(
        f"""
        WITH grants AS (
            SELECT grant_id, any_value({column}) AS "group", any_value(company) AS company,
                   sum(granted_eur) AS granted_eur, sum(paid_eur) AS paid_eur,
                   any_value(expected_reduction_t_co2) AS reduction_t_co2
            FROM subsidies WHERE (? OR company = ?) AND {SELECTION}
            GROUP BY grant_id
        )
        SELECT "group", sum(granted_eur) AS granted_eur, sum(paid_eur) AS paid_eur,
               count(*) AS grants, count(DISTINCT company) AS companies,
               sum(reduction_t_co2) AS reduction_t_co2,
               sum(granted_eur) FILTER (WHERE reduction_t_co2 > 0) AS granted_with_reduction_eur,
               granted_with_reduction_eur / nullif(sum(reduction_t_co2) FILTER (WHERE reduction_t_co2 > 0), 0) AS eur_per_t_co2,
               count(*) FILTER (WHERE reduction_t_co2 IS NULL OR reduction_t_co2 <= 0) AS grants_without_reduction
        FROM grants GROUP BY "group" ORDER BY granted_eur DESC
        """,  # noqa: S608 - column comes from the DIMENSIONS constant; every value is bound
        (*viewer.scope(), *selection(filters)),
    )


def top_recipients(viewer: Viewer, filters, limit: int = 10) -> pd.DataFrame:
    """company, granted_eur, paid_eur, grants, reduction_t_co2: the largest recipients by amount granted."""
    return query(
        f"""
        WITH grants AS (
            SELECT grant_id, any_value(company) AS company, sum(granted_eur) AS granted_eur,
                   sum(paid_eur) AS paid_eur, any_value(expected_reduction_t_co2) AS reduction_t_co2
            FROM subsidies WHERE (? OR company = ?) AND {SELECTION}
            GROUP BY grant_id
        )
        SELECT company, sum(granted_eur) AS granted_eur, sum(paid_eur) AS paid_eur, count(*) AS grants,
               sum(reduction_t_co2) AS reduction_t_co2
        FROM grants GROUP BY company ORDER BY granted_eur DESC LIMIT ?
        """,  # noqa: S608 - SELECTION is a constant; every value is bound
        (*viewer.scope(), *selection(filters), limit),
    )


def for_company(viewer: Viewer, company: str) -> pd.DataFrame:
    """grant_id, instrument, route, project, granted_eur, paid_eur (all years), first_year, last_year,
    expected_reduction_t_co2, is_sample: the grants of one company, if the viewer may see them."""
    return query(
        """
        SELECT grant_id, any_value(instrument) AS instrument, any_value(route) AS route,
               any_value(project) AS project, sum(granted_eur) AS granted_eur, sum(paid_eur) AS paid_eur,
               min(year) AS first_year, max(year) AS last_year,
               any_value(expected_reduction_t_co2) AS expected_reduction_t_co2, bool_or(is_sample) AS is_sample
        FROM subsidies WHERE (? OR company = ?) AND company = ?
        GROUP BY grant_id ORDER BY first_year DESC, grant_id
        """,
        (*viewer.scope(), company),
    )
