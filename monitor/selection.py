"""Apply the shared sidebar filters (monitor.filters.Filters) to frames already fetched: plain pandas."""

from __future__ import annotations

import pandas as pd

from monitor.filters import Filters


def by_sector_province(frame: pd.DataFrame, chosen: Filters) -> pd.Series:
    """Rows in the chosen sectors and provinces (empty choice = all)."""
    keep = frame["sector"].isin(chosen.sector_list())
    if chosen.provinces:
        keep &= frame["province"].isin(chosen.provinces)
    return keep


def projects(frame: pd.DataFrame, chosen: Filters) -> pd.DataFrame:
    """Cases or subsidies (sector, province, route and, for cases, status) in the chosen selection."""
    keep = by_sector_province(frame, chosen)
    if chosen.routes:
        keep &= frame["route"].isin(chosen.routes)
    if chosen.statuses and "status" in frame.columns:
        keep &= frame["status"].isin(chosen.statuses)
    return frame[keep]
