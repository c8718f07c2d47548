"""Action lines of Actieplan 2.0 (table action_progress): milestones, indicator values, participation.

Rows that name a company are participation and confidential: every row-level query carries the scope
condition `(? OR company IS NULL OR company = ?)`, and partners and notes of rows that are not the viewer's
own are blanked for a company. Indicator totals are aggregates without names (the page applies disclosure
control to those that count companies).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from monitor.access import Viewer
from monitor.db import query


def milestone_rows(viewer: Viewer) -> pd.DataFrame:
    """action_line, item_id, label, as_of, planned_on, actual_on, status, note, is_sample, source: every
    recorded state of every milestone the viewer may see (all dates; monitor.action_lines picks per date)."""
    return query(
        """
        SELECT action_line, item_id, label, as_of, planned_on, actual_on, status,
               CASE WHEN ? OR company = ? OR company IS NULL THEN note END AS note, is_sample, source
        FROM action_progress
        WHERE item_type = 'mijlpaal' AND (? OR company IS NULL OR company = ?)
        ORDER BY action_line, item_id, as_of
        """,
        (*viewer.scope(), *viewer.scope()),
    )


def participation_rows(viewer: Viewer) -> pd.DataFrame:
    """action_line, item_id, label, as_of, value, company, subject, detail, partners, is_sample: indicator rows
    about one company or subject (pilot, agreement) that the viewer may see; a company sees its own rows and
    rows without a company, with partners only on its own rows."""
    return query(
        """
        SELECT action_line, item_id, label, as_of, value, company, subject, detail,
               CASE WHEN ? OR company = ? THEN partners END AS partners, is_sample
        FROM action_progress
        WHERE item_type = 'indicator' AND (company IS NOT NULL OR subject IS NOT NULL)
          AND (? OR company IS NULL OR company = ?)
        ORDER BY action_line, item_id, as_of
        """,
        (*viewer.scope(), *viewer.scope()),
    )


def indicator_values(on: dt.date) -> pd.DataFrame:
    """item_id, value, companies, rows, as_of, is_sample, sources: each loaded indicator on date `on` - per
    company and subject the latest value dated on or before `on`, summed. `companies` counts the distinct
    companies named in those rows (0 for line-level figures); no names leave the database."""
    return query(
        """
        WITH latest AS (
            SELECT * FROM action_progress
            WHERE item_type = 'indicator' AND as_of <= ?
            QUALIFY row_number() OVER (
                PARTITION BY item_id, coalesce(company, ''), coalesce(subject, '') ORDER BY as_of DESC
            ) = 1
        )
        SELECT item_id, sum(value) AS value, count(DISTINCT company) AS companies, count(*) AS rows,
               max(as_of) AS as_of, bool_or(is_sample) AS is_sample,
               string_agg(DISTINCT source, '; ' ORDER BY source) AS sources
        FROM latest GROUP BY item_id ORDER BY item_id
        """,
        (on,),
    )
