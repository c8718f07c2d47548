"""Cases (casusaanpak) - confidential; every function filters through the Viewer."""

from __future__ import annotations

import pandas as pd

from monitor.access import Viewer
from monitor.config import CLOSED_CASE_STATUSES
from monitor.db import query


def status_counts(viewer: Viewer) -> pd.DataFrame:
    """status, cases, sample_cases: cases per current status that the viewer may see."""
    return query(
        """
        SELECT status, count(*) AS cases, count(*) FILTER (WHERE is_sample) AS sample_cases
        FROM cases WHERE (? OR company = ?)
        GROUP BY status ORDER BY status
        """,
        viewer.scope(),
    )


def open_count(viewer: Viewer) -> int:
    """Number of open cases (status not closed) the viewer may see."""
    counts = status_counts(viewer)
    return int(counts.loc[~counts["status"].isin(CLOSED_CASE_STATUSES), "cases"].sum())
