"""Provenance: sources, load log, targets and budgets."""

from __future__ import annotations

import pandas as pd

from monitor.db import query


def freshness() -> pd.DataFrame:
    """source_id, title, origin, vintage, licence, is_sample, file, loaded_at, sha256, rows: one row per
    source with its latest successful load."""
    return query(
        """
        SELECT s.source_id, s.title, s.origin, s.vintage, s.licence, s.is_sample, s.file,
               l.loaded_at, l.sha256, l.rows
        FROM sources s
        LEFT JOIN (
            SELECT source_file, max(loaded_at) AS loaded_at, arg_max(sha256, loaded_at) AS sha256,
                   arg_max(rows, loaded_at) AS rows
            FROM load_log GROUP BY source_file
        ) l ON l.source_file = s.file
        ORDER BY s.is_sample, s.source_id
        """
    )


def load_log() -> pd.DataFrame:
    """The load log, newest first."""
    return query("SELECT * FROM load_log ORDER BY load_id DESC")


def last_loaded_at():
    """Timestamp (UTC) of the newest load."""
    return query("SELECT max(loaded_at) AS at FROM load_log")["at"].iloc[0]


def targets() -> pd.DataFrame:
    """target_id, target_name, kind, year, value, source."""
    return query("SELECT * FROM targets ORDER BY target_id, year")


def budgets() -> pd.DataFrame:
    """budget_id, budget_name, amount_eur, period_start, period_end, source."""
    return query("SELECT * FROM budgets ORDER BY budget_id")


def cluster_municipalities() -> pd.DataFrame:
    """cluster, municipality, reasoning."""
    return query("SELECT * FROM cluster_municipalities ORDER BY cluster, municipality")
