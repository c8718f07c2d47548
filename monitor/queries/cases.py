"""Cases (casusaanpak) - confidential; every function filters through the Viewer."""

from __future__ import annotations

import pandas as pd

from monitor.access import Viewer
from monitor.config import CASE_STATUSES, CLOSED_CASE_STATUSES
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


# The shared sidebar selection (sector, province, route, status; empty list = all), as a SQL condition on
# cases and its parameters. The condition is a constant; only the values are bound.
SELECTION = """
    (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], sector))
    AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], province))
    AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], route))
    AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], status))
"""
# Events whose date is an assumption (case_events.date_estimated, e.g. the public Actieplan examples) make
# a case's lead times and stage durations unreliable: those cases are flagged dates_unknown and left out.


def selection(filters) -> tuple:
    """Parameters of SELECTION for a monitor.filters.Filters."""
    params: list = []
    for values in (filters.sectors, filters.provinces, filters.routes, filters.statuses):
        params += [list(values), list(values)]
    return tuple(params)


def case_table(viewer: Viewer, filters, search: str = "") -> pd.DataFrame:
    """One row per case the viewer may see in the selection, longest-stuck open cases first.

    case_id, company, installation_id, province, sector, route, bottleneck, status, opened_on, closed_on,
    is_open, days_open (to closing or today), status_since (date of the current status), days_in_status
    (open cases), dates_unknown (history has assumed dates), expected_reduction_t_co2 (t/yr), description,
    is_sample. `search` matches case code, company, description or bottleneck (case-insensitive).
    """
    return query(
        f"""
        WITH visible AS (
            SELECT * FROM cases
            WHERE (? OR company = ?) AND {SELECTION}
              AND (? = '' OR concat_ws(' ', case_id, company, description, bottleneck) ILIKE '%' || ? || '%')
        ),
        history AS (
            SELECT e.case_id,
                   max(e.event_date) FILTER (WHERE e.status = v.status) AS status_since,
                   bool_or(e.date_estimated) AS dates_unknown
            FROM case_events e JOIN visible v USING (case_id)
            GROUP BY e.case_id
        )
        SELECT v.case_id, v.company, v.installation_id, v.province, v.sector, v.route, v.bottleneck, v.status,
               v.opened_on, v.closed_on, v.closed_on IS NULL AS is_open,
               date_diff('day', v.opened_on, coalesce(v.closed_on, current_date)) AS days_open,
               coalesce(h.status_since, v.opened_on) AS status_since,
               CASE WHEN v.closed_on IS NULL
                    THEN date_diff('day', coalesce(h.status_since, v.opened_on), current_date) END AS days_in_status,
               coalesce(h.dates_unknown, false) AS dates_unknown,
               v.expected_reduction_t_co2, v.description, v.is_sample
        FROM visible v LEFT JOIN history h USING (case_id)
        ORDER BY is_open DESC, days_in_status DESC NULLS LAST, days_open DESC, case_id
        """,  # noqa: S608 - SELECTION is a constant; every value is bound
        (*viewer.scope(), *selection(filters), search.strip(), search.strip()),
    )


def stage_durations(viewer: Viewer, filters) -> pd.DataFrame:
    """Every status a visible case went through: case_id, status, entered_on, left_on (NULL = current),
    days (to leaving; to today for the current status of an open case; NULL for a final status), dates_unknown. Same-day events are ordered along the funnel."""
    return query(
        f"""
        WITH visible AS (SELECT case_id FROM cases WHERE (? OR company = ?) AND {SELECTION}),
        ordered AS (
            SELECT e.case_id, e.status, e.event_date,
                   lead(e.event_date) OVER (
                       PARTITION BY e.case_id ORDER BY e.event_date, list_position(?::VARCHAR[], e.status)
                   ) AS left_on,
                   bool_or(e.date_estimated) OVER (PARTITION BY e.case_id) AS dates_unknown
            FROM case_events e JOIN visible USING (case_id)
        )
        SELECT case_id, status, event_date AS entered_on, left_on,
               date_diff('day', event_date, coalesce(left_on, CASE WHEN NOT list_contains(?::VARCHAR[], status) THEN current_date END)) AS days,
               dates_unknown
        FROM ordered
        ORDER BY case_id, entered_on
        """,  # noqa: S608 - SELECTION is a constant; every value is bound
        (*viewer.scope(), *selection(filters), list(CASE_STATUSES), list(CLOSED_CASE_STATUSES)),
    )


def lead_times(viewer: Viewer, filters) -> pd.DataFrame:
    """Solved cases: case_id, sector, route, bottleneck, registered_on ('aangemeld' event), solved_on
    ('opgelost' event), days, dates_unknown."""
    return query(
        f"""
        WITH visible AS (SELECT * FROM cases WHERE (? OR company = ?) AND {SELECTION})
        SELECT v.case_id, v.sector, v.route, v.bottleneck,
               min(e.event_date) FILTER (WHERE e.status = 'aangemeld') AS registered_on,
               max(e.event_date) FILTER (WHERE e.status = 'opgelost') AS solved_on,
               date_diff('day', registered_on, solved_on) AS days,
               bool_or(e.date_estimated) AS dates_unknown
        FROM visible v JOIN case_events e USING (case_id)
        GROUP BY ALL
        HAVING solved_on IS NOT NULL
        ORDER BY days DESC
        """,  # noqa: S608 - SELECTION is a constant; every value is bound
        (*viewer.scope(), *selection(filters)),
    )


def reached(viewer: Viewer, filters) -> pd.DataFrame:
    """status, cases: how many visible cases ever reached each status (the funnel)."""
    return query(
        f"""
        WITH visible AS (SELECT case_id FROM cases WHERE (? OR company = ?) AND {SELECTION})
        SELECT e.status, count(DISTINCT e.case_id) AS cases
        FROM case_events e JOIN visible USING (case_id)
        GROUP BY e.status
        ORDER BY list_position(?::VARCHAR[], e.status)
        """,  # noqa: S608 - SELECTION is a constant; every value is bound
        (*viewer.scope(), *selection(filters), list(CASE_STATUSES)),
    )


def history(viewer: Viewer, case_id: str) -> pd.DataFrame:
    """event_date, status, note, source: the status history of one case, if the viewer may see it."""
    return query(
        """
        SELECT e.event_date, e.status, e.note, e.source
        FROM case_events e JOIN cases c USING (case_id)
        WHERE e.case_id = ? AND (? OR company = ?)
        ORDER BY e.event_date, list_position(?::VARCHAR[], e.status)
        """,
        (case_id, *viewer.scope(), list(CASE_STATUSES)),
    )


def for_company(viewer: Viewer, company: str) -> pd.DataFrame:
    """case_id, status, route, bottleneck, opened_on, closed_on, description, is_sample: the cases of one
    company, if the viewer may see them (a company sees only its own)."""
    return query(
        """
        SELECT case_id, status, route, bottleneck, opened_on, closed_on, description, is_sample
        FROM cases WHERE (? OR company = ?) AND company = ?
        ORDER BY opened_on DESC
        """,
        (*viewer.scope(), company),
    )
