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
