"""What the Kaart page computes from its queries, once per data version, viewer and selection: the
points to draw, the regional groups and the deck (pages/kaart.py only draws them)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from monitor import selection
from monitor.access import Viewer
from monitor.cache import per_data_version
from monitor.charts import maps
from monitor.filters import Filters
from monitor.queries import geo
from monitor.regions import province_summary, region_groups


@dataclass(frozen=True)
class MapData:
    installations: pd.DataFrame  # the map query's rows in the selected sectors and provinces
    cases: pd.DataFrame
    subsidies: pd.DataFrame
    points: pd.DataFrame  # drawable installations with emissions in the year (Cluster 6 and the five clusters)


@per_data_version()
def map_data(viewer: Viewer, chosen: Filters) -> MapData:
    installations = geo.installations_for_map(chosen.year, chosen.baseline_year)
    in_scope = installations["sector"].isin(chosen.sector_list()) | ~installations["in_cluster6"]
    if chosen.provinces:
        in_scope &= installations["province"].isin(chosen.provinces)
    installations = installations[in_scope]
    cases = selection.projects(geo.cases_for_map(viewer), chosen)
    subsidies = selection.projects(geo.subsidies_for_map(viewer), chosen)
    points = maps.prepare_points(installations, cases, subsidies, maps.municipality_centres(), chosen.year, chosen.baseline_year)
    points = points[points["verified_t_co2"] > 0]  # installations that emitted in the chosen year
    if viewer.is_public:  # no case or subsidy lines in the tooltips, not even 'Geen casussen'
        points = points.assign(cases_label="", subsidy_label="")
    return MapData(installations, cases, subsidies, points)


@per_data_version()
def regional_groups(viewer: Viewer, chosen: Filters, distance_km: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(members, groups) of the Cluster 6 installations with an exact location (monitor.regions)."""
    points = map_data(viewer, chosen).points
    cluster6 = points[points["in_cluster6"] & ~points["approximate"]]
    return region_groups(cluster6, distance_km)


@per_data_version(resource=True)
def deck(viewer: Viewer, chosen: Filters, distance_km: int, layers: tuple[str, ...], case_colour: str) -> maps.CompactDeck:
    points = map_data(viewer, chosen).points
    _, groups = regional_groups(viewer, chosen, distance_km)
    return maps.installations_deck(
        points[points["in_cluster6"] | ("grote clusters" in layers)],
        maps.province_geojson(),
        regions=groups if "regioaanpak" in layers else None,
        show_context="grote clusters" in layers,
        show_cases="casussen" in layers,
        case_colour=case_colour,
        show_subsidies="subsidies" in layers,
        basemap="achtergrondkaart" in layers,
    )


@per_data_version()
def not_drawn(viewer: Viewer, chosen: Filters) -> pd.DataFrame:
    """Cluster 6 installations with emissions in the year that are not on the map (offshore, no location)."""
    data = map_data(viewer, chosen)
    installations = data.installations
    missing = installations[installations["in_cluster6"] & ~installations["installation_id"].isin(data.points["installation_id"])]
    return missing[missing["verified_t_co2"] > 0]


@per_data_version()
def province_table(viewer: Viewer, chosen: Filters) -> pd.DataFrame:
    """monitor.regions.province_summary of the selection (every province, or the chosen ones)."""
    data = map_data(viewer, chosen)
    provinces_shown = list(chosen.provinces) or sorted(geo.province_contacts()["province"])
    cluster6 = data.points[data.points["in_cluster6"]]
    return province_summary(cluster6, data.cases, geo.province_contacts(), geo.grid_congestion(), provinces_shown)
