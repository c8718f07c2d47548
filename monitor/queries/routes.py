"""Queries of the routes page (Routes): cases and subsidised projects per decarbonisation route.
Both are confidential: every function takes a Viewer and binds the scope condition."""

from __future__ import annotations

import pandas as pd

from monitor.access import Viewer
from monitor.db import query


def cases(viewer: Viewer) -> pd.DataFrame:
    """case_id, company, sector, province, route, bottleneck, status, expected_reduction_t_co2 (t CO2/yr,
    NULL = unknown), is_sample: every case the viewer may see (no case text)."""
    return query(
        """
        SELECT case_id, company, sector, province, route, bottleneck, status, expected_reduction_t_co2, is_sample
        FROM cases
        WHERE (? OR company = ?)
        ORDER BY case_id
        """,
        viewer.scope(),
    )


def grants(viewer: Viewer) -> pd.DataFrame:
    """grant_id, company, sector, province, route, instrument, granted_eur, paid_eur (summed over the
    grant's years), expected_reduction_t_co2 (t CO2/yr), is_sample: one row per grant the viewer may see."""
    return query(
        """
        SELECT grant_id, any_value(company) AS company, any_value(sector) AS sector, any_value(province) AS province,
               any_value(route) AS route, any_value(instrument) AS instrument,
               sum(granted_eur) AS granted_eur, sum(paid_eur) AS paid_eur,
               max(expected_reduction_t_co2) AS expected_reduction_t_co2, bool_or(is_sample) AS is_sample
        FROM subsidies
        WHERE (? OR company = ?)
        GROUP BY grant_id
        ORDER BY grant_id
        """,
        viewer.scope(),
    )
