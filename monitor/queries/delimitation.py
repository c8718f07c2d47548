"""How Cluster 6 is delimited: counts per rule, the count people quote (installations vs operators, against
the whole Dutch ETS), the installations to review, and the reference rules themselves."""

from __future__ import annotations

import pandas as pd

from monitor.db import query

# Dutch label per membership_rule (installations.membership_rule); the sector rule is split by sector.
RULE_LABELS = {
    "area": "in een industriegebied van een cluster",
    "area name": "industriegebied genoemd in naam of registerplaats",
    "partner": "deelnemer van een clusterprogramma (Smart Delta Resources)",
    "municipality fallback": "clustergemeente, zonder coördinaten (terugval)",
    "override": "handmatige keuze (overridebestand)",
    "outside clusters": "buiten de industriegebieden van de vijf clusters",
    "offshore": "offshore olie- en gaswinning",
    "unplaced": "locatie onbekend",
}
SECTOR_LABELS = {
    "energie": "energieproducent",
    "glastuinbouw": "glastuinbouw",
    "niet-industrieel": "niet-industrieel (zorg, onderwijs, Defensie, luchthaven, veiling)",
}


def counts(year: int, sectors: tuple[str, ...] = (), provinces: tuple[str, ...] = ()) -> dict:
    """installations, operators: Cluster 6 installations with verified emissions > 0 in `year` and their
    distinct operators (installations.company); `sectors`/`provinces` limit (empty = all). The headline count
    'installaties (bedrijven)'; the Dutch Emissions Authority counts installations as 'bedrijven'."""
    row = query(
        """
        SELECT count(*) AS installations, count(DISTINCT i.company) AS operators
        FROM emissions e JOIN installations i USING (installation_id)
        WHERE i.in_cluster6 AND e.year = ? AND e.verified_t_co2 > 0
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.sector))
          AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], i.province))
        """,
        (year, list(sectors), list(sectors), list(provinces), list(provinces)),
    )
    return {k: int(v) for k, v in row.iloc[0].to_dict().items()}


def counts_by_year(first_year: int, last_year: int) -> pd.DataFrame:
    """year, installations, operators (Cluster 6), ets_installations, ets_operators (every stationary Dutch ETS
    installation; aircraft operators are not in the database): all with verified emissions > 0 in the year."""
    return query(
        """
        SELECT e.year,
               count(*) FILTER (WHERE i.in_cluster6) AS installations,
               count(DISTINCT i.company) FILTER (WHERE i.in_cluster6) AS operators,
               count(*) AS ets_installations,
               count(DISTINCT i.company) AS ets_operators
        FROM emissions e JOIN installations i USING (installation_id)
        WHERE e.verified_t_co2 > 0 AND e.year BETWEEN ? AND ?
        GROUP BY e.year ORDER BY e.year
        """,
        (first_year, last_year),
    )


def rule_counts(year: int) -> pd.DataFrame:
    """in_cluster6, membership_rule, sector_group (sector for the sector rule, else NULL), installations (ever in
    the registry), active (verified > 0 in `year`), operators (distinct, active in `year`), verified_t_co2."""
    return query(
        """
        SELECT i.in_cluster6, i.membership_rule,
               CASE WHEN i.membership_rule = 'sector' THEN i.sector END AS sector_group,
               count(*) AS installations,
               count(*) FILTER (WHERE e.verified_t_co2 > 0) AS active,
               count(DISTINCT i.company) FILTER (WHERE e.verified_t_co2 > 0) AS operators,
               coalesce(sum(e.verified_t_co2), 0) AS verified_t_co2
        FROM installations i
        LEFT JOIN emissions e ON e.installation_id = i.installation_id AND e.year = ?
        GROUP BY ALL
        ORDER BY i.in_cluster6 DESC, installations DESC
        """,
        (year,),
    )


def labelled_rule_counts(year: int) -> pd.DataFrame:
    """rule_counts with a Dutch 'rule' label per row (pages show this)."""
    frame = rule_counts(year)
    frame.insert(
        2,
        "rule",
        [
            SECTOR_LABELS.get(s, s) if r == "sector" else RULE_LABELS.get(r, r)
            for r, s in zip(frame["membership_rule"], frame["sector_group"], strict=True)
        ],
    )
    return frame


def review_list() -> pd.DataFrame:
    """Installations whose membership rests on a fallback, a borderline area, a name rule or an override:
    installation_id, name, company, municipality, sector, in_cluster6, cluster, cluster_area, membership_rule,
    location_basis, reason, review_note, last_year (last year with emissions > 0)."""
    return query(
        """
        SELECT installation_id, name, company, municipality, sector, in_cluster6, cluster, cluster_area,
               membership_rule, location_basis, reason, review_note, last_year
        FROM installations
        WHERE needs_review
        ORDER BY in_cluster6 DESC, last_year DESC NULLS LAST, installation_id
        """
    )


def cluster_areas() -> pd.DataFrame:
    """cluster, area, lat, lon, radius_km, borderline, reasoning, source."""
    return query(
        "SELECT cluster, area, lat, lon, radius_km, borderline, reasoning, source FROM cluster_areas ORDER BY cluster, area"
    )


def cluster_partners() -> pd.DataFrame:
    """cluster, programme, company_pattern, region, reasoning, source."""
    return query("SELECT * FROM cluster_partners ORDER BY cluster")


def decisions() -> pd.DataFrame:
    """question, decision, reason, source: the open questions of the delimitation and their answers."""
    return query("SELECT * FROM delimitation_decisions")
