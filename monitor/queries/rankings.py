"""Rankings of Cluster 6 installations (public EUTL data), as FLIGHT and Ember offer them: the largest
emitters, and the largest rises and falls, absolute and in percent, against a reference year (the
baseline or the previous year). Only the top rows leave the database."""

from __future__ import annotations

import pandas as pd

from monitor.db import query

# Percent changes of very small installations are large and say little: they are ranked only from this
# size in the reference year (stated on the page).
MIN_T_FOR_PERCENT = 1_000.0
# Ranking kind -> (ORDER BY expression, condition on the change). Constants only: a caller picks a key.
KINDS = {
    "grootste": ("now_t DESC", "TRUE"),
    "stijging_t": ("change_t DESC", "change_t > 0"),
    "daling_t": ("change_t ASC", "change_t < 0"),
    "stijging_pct": ("change_pct DESC", "change_t > 0 AND reference_t >= ?"),
    "daling_pct": ("change_pct ASC", "change_t < 0 AND reference_t >= ?"),
}


def ranking(
    kind: str,
    year: int,
    reference_year: int,
    sectors: tuple[str, ...] = (),
    provinces: tuple[str, ...] = (),
    limit: int = 20,
) -> pd.DataFrame:
    """rank, installation_id, name, company, sector, province, now_t (verified in `year`), reference_t
    (verified in `reference_year`), change_t, change_pct (fraction): the top `limit` Cluster 6
    installations for `kind` (a key of KINDS). Changes need a verified figure > 0 in both years (an
    installation that closed or did not report is a signal, not a fall)."""
    order, condition = KINDS[kind]
    params: list = [year, reference_year, list(sectors), list(sectors), list(provinces), list(provinces)]
    if "?" in condition:
        params.append(MIN_T_FOR_PERCENT)
    return query(
        f"""
        WITH pairs AS (
            SELECT i.installation_id, i.name, i.company, i.sector, i.province,
                   now.verified_t_co2 AS now_t, ref.verified_t_co2 AS reference_t,
                   now.verified_t_co2 - ref.verified_t_co2 AS change_t,
                   now.verified_t_co2 / ref.verified_t_co2 - 1 AS change_pct
            FROM installations i
            JOIN emissions now ON now.installation_id = i.installation_id AND now.year = ?
            LEFT JOIN emissions ref ON ref.installation_id = i.installation_id AND ref.year = ? AND ref.verified_t_co2 > 0
            WHERE i.in_cluster6 AND now.verified_t_co2 > 0
              AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.sector))
              AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.province))
        )
        SELECT row_number() OVER (ORDER BY {order}, installation_id) AS rank, *
        FROM pairs WHERE {condition}
        ORDER BY rank
        LIMIT ?
        """,  # noqa: S608 - order and condition come from the KINDS constant; every value is bound
        (*params, limit),
    )
