"""Queries of the map page (Kaart): installations with emissions, cases and subsidies per installation,
and the per-province reference tables (contact point, grid congestion).

Installations and emissions are public; cases and subsidies are confidential and filtered by the Viewer.
"""

from __future__ import annotations

import pandas as pd

from monitor.access import Viewer
from monitor.db import query


def installations_for_map(year: int, baseline_year: int) -> pd.DataFrame:
    """One row per installation of Cluster 6 or of the five big clusters, with its emissions.

    installation_id, name, company, sector, municipality, province, cluster, in_cluster6, offshore,
    location_source, lat, lon (NULL offshore / unplaced), verified_t_co2 (in `year`; NULL = none),
    baseline_t_co2 (in `baseline_year`). Installations without emissions in either year are left out.
    """
    return query(
        """
        SELECT i.installation_id, i.name, i.company, i.sector, i.municipality, i.province, i.cluster,
               i.in_cluster6, i.offshore, i.location_source, i.lat, i.lon,
               now.verified_t_co2, base.verified_t_co2 AS baseline_t_co2
        FROM installations i
        LEFT JOIN emissions now ON now.installation_id = i.installation_id AND now.year = ?
        LEFT JOIN emissions base ON base.installation_id = i.installation_id AND base.year = ?
        WHERE (i.in_cluster6 OR i.cluster IS NOT NULL)
          AND (now.verified_t_co2 > 0 OR base.verified_t_co2 > 0)
        ORDER BY i.installation_id
        """,
        (year, baseline_year),
    )


def cases_for_map(viewer: Viewer) -> pd.DataFrame:
    """case_id, company, installation_id, province, sector, route, bottleneck, status, is_open, is_sample:
    every case the viewer may see (no case text)."""
    return query(
        """
        SELECT case_id, company, installation_id, province, sector, route, bottleneck, status,
               closed_on IS NULL AS is_open, is_sample
        FROM cases
        WHERE (? OR company = ?)
        ORDER BY case_id
        """,
        viewer.scope(),
    )


def subsidies_for_map(viewer: Viewer) -> pd.DataFrame:
    """grant_id, company, installation_id, province, sector, route, instrument, granted_eur, paid_eur,
    is_sample: one row per grant (amounts summed over its years), for the viewer."""
    return query(
        """
        SELECT grant_id, any_value(company) AS company, any_value(installation_id) AS installation_id,
               any_value(province) AS province, any_value(sector) AS sector, any_value(route) AS route,
               any_value(instrument) AS instrument, sum(granted_eur) AS granted_eur, sum(paid_eur) AS paid_eur,
               bool_or(is_sample) AS is_sample
        FROM subsidies
        WHERE (? OR company = ?)
        GROUP BY grant_id
        ORDER BY grant_id
        """,
        viewer.scope(),
    )


def province_contacts() -> pd.DataFrame:
    """province, role, organisation, contact, is_sample, source."""
    return query("SELECT * FROM province_contacts ORDER BY province")


def grid_congestion() -> pd.DataFrame:
    """province, offtake, feed_in, note, source, as_of, is_sample."""
    return query("SELECT * FROM grid_congestion ORDER BY province")
