"""Queries of the what-if page (Wat als): the open cases that could be solved. Confidential: every
function takes a Viewer and binds the scope condition."""

from __future__ import annotations

import pandas as pd

from monitor.access import Viewer
from monitor.db import query


def _has_project_type() -> bool:
    """A database built before cases had a project type (Actieplan line) has no such column."""
    found = query(
        """
        SELECT count(*) AS n FROM duckdb_columns()
        WHERE database_name = current_database() AND table_name = 'cases' AND column_name = 'project_type'
        """
    )
    return int(found["n"].iloc[0]) == 1


def open_cases(viewer: Viewer) -> pd.DataFrame:
    """case_id, company, installation_id, sector, province, route, bottleneck, status, project_type,
    expected_reduction_t_co2 (t CO2/yr; NULL = unknown), is_sample: every open case the viewer may see."""
    if _has_project_type():
        return query(
            """
            SELECT case_id, company, installation_id, sector, province, route, bottleneck, status, project_type,
                   expected_reduction_t_co2, is_sample
            FROM cases WHERE (? OR company = ?) AND closed_on IS NULL
            ORDER BY case_id
            """,
            viewer.scope(),
        )
    return query(
        """
        SELECT case_id, company, installation_id, sector, province, route, bottleneck, status,
               'casusaanpak' AS project_type, expected_reduction_t_co2, is_sample
        FROM cases WHERE (? OR company = ?) AND closed_on IS NULL
        ORDER BY case_id
        """,
        viewer.scope(),
    )
