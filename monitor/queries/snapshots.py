"""Progress letters recorded as sent (tables report_snapshots, report_snapshot_figures; etl/snapshots.py)."""

from __future__ import annotations

import pandas as pd

from monitor.db import query

_EXISTS = "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'report_snapshots'"


def letters() -> pd.DataFrame:
    """snapshot_id, sent_on, recorded_at, recorded_by, title, year, baseline_year, target_id, selection,
    load_id, fingerprint, letter_text: every recorded letter, newest first. Empty on a database built
    before letters were recorded."""
    if not query(_EXISTS)["n"].iloc[0]:
        return pd.DataFrame(columns=["snapshot_id", "sent_on", "title", "year", "baseline_year", "target_id", "selection"])
    return query("SELECT * FROM report_snapshots ORDER BY snapshot_id DESC")


def figures(snapshot_id: int) -> pd.DataFrame:
    """position, figure_key, group_name, label, value, text, unit, is_sample of one recorded letter, in order."""
    return query(
        "SELECT position, figure_key, group_name, label, value, text, unit, is_sample "
        "FROM report_snapshot_figures WHERE snapshot_id = ? ORDER BY position",
        (int(snapshot_id),),
    )
