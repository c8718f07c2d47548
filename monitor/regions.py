"""Regioaanpak: groups of installations within a chosen distance of each other (single linkage).

Two installations are linked when they lie within `distance_km` of each other (great-circle distance);
a group is every installation reachable through such links. Plain numpy, no Streamlit, no SQL.

Nothing here is quadratic in installations: candidate pairs come from a grid of cells `distance_km`
wide (only points in the same or a neighbouring cell can be linked), components from vectorised label
propagation, and a group's span from the members on its convex hull.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from shapely import MultiPoint

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = 111.195  # along a meridian
EXACT_SPAN_MEMBERS = 64  # up to this many members the span is the maximum over all pairs


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km; arguments broadcast like numpy arrays (degrees)."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def distance_matrix(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    return haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])


def close_pairs(lat, lon, distance_km: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of points within `distance_km`, found through a grid of cells at least
    `distance_km` wide in both directions, so only the 3 x 3 neighbourhood of a cell is compared."""
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    n = len(lat)
    if n < 2 or distance_km <= 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    cell_lat = distance_km / KM_PER_DEGREE
    # a degree of longitude is shortest at the pole-most point: cells there must still be wide enough
    widest = np.cos(np.radians(min(np.abs(lat).max() + cell_lat, 89.9)))
    cell_lon = distance_km / (KM_PER_DEGREE * widest)
    cells = pd.DataFrame(
        {"i": np.arange(n), "cy": np.floor(lat / cell_lat).astype(np.int64), "cx": np.floor(lon / cell_lon).astype(np.int64)}
    )
    firsts, seconds = [], []
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            shifted = cells.assign(cy=cells["cy"] + dy, cx=cells["cx"] + dx)
            pairs = shifted.merge(cells, on=["cy", "cx"], suffixes=("", "_other"))
            pairs = pairs[pairs["i"] < pairs["i_other"]]
            firsts.append(pairs["i"].to_numpy())
            seconds.append(pairs["i_other"].to_numpy())
    first, second = np.concatenate(firsts), np.concatenate(seconds)
    near = haversine_km(lat[first], lon[first], lat[second], lon[second]) <= distance_km
    return first[near], second[near]


def components(n: int, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Connected components of the graph with edges (first[k], second[k]): the smallest member index
    of each point's component (label propagation with pointer jumping; no Python loop over points)."""
    labels = np.arange(n)
    while True:
        low = np.minimum(labels[first], labels[second])
        before = labels.copy()
        np.minimum.at(labels, first, low)
        np.minimum.at(labels, second, low)
        labels = labels[labels]
        if np.array_equal(labels, before):
            return labels


def single_linkage(lat, lon, distance_km: float) -> np.ndarray:
    """Component label per point (0..k-1, in order of first appearance) of the graph 'within distance_km'."""
    n = len(lat)
    if n == 0:
        return np.full(0, -1, dtype=int)
    roots = components(n, *close_pairs(lat, lon, distance_km))
    _, first_seen, inverse = np.unique(roots, return_index=True, return_inverse=True)
    order = np.argsort(np.argsort(first_seen))  # number the components by their first member
    return order[inverse].astype(int)


def span_km(lat: np.ndarray, lon: np.ndarray) -> float:
    """Largest great-circle distance between two of the points. For many points only those on the
    convex hull (in a local projection) are compared: the farthest pair always lies on the hull."""
    if len(lat) > EXACT_SPAN_MEMBERS:
        x = np.asarray(lon) * np.cos(np.radians(np.mean(lat)))
        hull = MultiPoint(np.column_stack([x, lat])).convex_hull
        corners = np.asarray(hull.exterior.coords if hull.geom_type == "Polygon" else hull.coords)
        keep = np.isin(x, corners[:, 0]) & np.isin(np.asarray(lat), corners[:, 1])
        lat, lon = np.asarray(lat)[keep], np.asarray(lon)[keep]
    return float(distance_matrix(lat, lon).max())


def region_groups(points: pd.DataFrame, distance_km: float, min_size: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Groups of at least `min_size` installations within `distance_km` of each other.

    points: installation_id, name, company, sector, municipality, lat, lon, verified_t_co2.
    Returns (members, groups):
      members: the points in a group, with column `group` ('R1', 'R2', ... by combined emissions, largest first);
      groups: group, installations, companies, verified_t_co2, sectors, municipalities, span_km (largest
      distance between two members), lat, lon (centre), radius_m (centre to farthest member, metres).
    """
    columns = [
        "group",
        "installations",
        "companies",
        "verified_t_co2",
        "sectors",
        "municipalities",
        "span_km",
        "lat",
        "lon",
        "radius_m",
    ]
    points = points.dropna(subset=["lat", "lon"]).reset_index(drop=True)
    labels = single_linkage(points["lat"].to_numpy(), points["lon"].to_numpy(), distance_km)
    points = points.assign(_label=labels)
    sizes = points["_label"].value_counts()
    points = points[points["_label"].isin(sizes[sizes >= min_size].index)]
    if points.empty:
        return points.drop(columns="_label").assign(group=pd.Series(dtype=str)), pd.DataFrame(columns=columns)
    by_label = points.groupby("_label")
    groups = by_label.agg(
        installations=("installation_id", "size"),
        companies=("company", "nunique"),
        verified_t_co2=("verified_t_co2", "sum"),
        lat=("lat", "mean"),
        lon=("lon", "mean"),
    )
    groups["verified_t_co2"] = groups["verified_t_co2"].astype(float)
    per_sector = points.groupby(["_label", "sector"])["verified_t_co2"].sum().reset_index()
    per_sector = per_sector.sort_values(["_label", "verified_t_co2"], ascending=[True, False], kind="stable")
    groups["sectors"] = per_sector.groupby("_label")["sector"].agg(", ".join)
    groups["municipalities"] = by_label["municipality"].agg(lambda s: ", ".join(sorted(s.dropna().unique())))
    centre = groups[["lat", "lon"]].reindex(points["_label"]).to_numpy()
    points_to_centre = haversine_km(centre[:, 0], centre[:, 1], points["lat"].to_numpy(), points["lon"].to_numpy())
    groups["radius_m"] = pd.Series(points_to_centre, index=points.index).groupby(points["_label"]).max() * 1000
    groups["span_km"] = [span_km(m["lat"].to_numpy(), m["lon"].to_numpy()) for _, m in by_label[["lat", "lon"]]]
    groups = groups.reset_index().sort_values(["verified_t_co2", "installations"], ascending=False).reset_index(drop=True)
    groups["group"] = [f"R{i}" for i in range(1, len(groups) + 1)]
    names = dict(zip(groups["_label"], groups["group"], strict=True))
    members = points.assign(group=points["_label"].map(names)).drop(columns="_label")
    members = members.sort_values(["group", "verified_t_co2"], ascending=[True, False], key=_group_order)
    return members.reset_index(drop=True), groups[columns]


def _group_order(column: pd.Series) -> pd.Series:
    """Sort R2 before R10."""
    if column.name == "group":
        return column.str[1:].astype(int)
    return column


def province_summary(
    points: pd.DataFrame, cases: pd.DataFrame, contacts: pd.DataFrame, congestion: pd.DataFrame, provinces: list[str]
) -> pd.DataFrame:
    """Per province: province, verified_t_co2, installations, companies (Cluster 6, with emissions),
    case_companies, open_cases, grid_cases (netcongestie/netaansluiting), bottlenecks (most frequent
    first, with counts), contact, offtake, feed_in; one row per province in `provinces`, largest emitter first.

    points: Cluster 6 installations (province, company, verified_t_co2); cases: province, company,
    bottleneck, is_open; contacts / congestion: the reference tables.
    """
    emitting = points[points["verified_t_co2"] > 0]
    emitted = emitting.groupby("province").agg(
        verified_t_co2=("verified_t_co2", "sum"), installations=("installation_id", "nunique"), companies=("company", "nunique")
    )
    grid = cases["bottleneck"].isin(("netcongestie", "netaansluiting"))
    by_case = (
        cases.assign(grid=grid)
        .groupby("province")
        .agg(case_companies=("company", "nunique"), open_cases=("is_open", "sum"), grid_cases=("grid", "sum"))
    )
    bottlenecks = cases.groupby("province")["bottleneck"].agg(
        lambda s: ", ".join(f"{name} ({count})" for name, count in s.value_counts().head(3).items())
    )
    contact = contacts.set_index("province")
    contact_text = contact["organisation"] + " – " + contact["role"] + contact["is_sample"].map({True: " (voorbeeld)", False: ""})
    grid_status = congestion.set_index("province")
    sample_mark = grid_status["is_sample"].map({True: " (voorbeeld)", False: ""})
    table = pd.DataFrame(index=pd.Index(provinces, name="province"))
    table = table.join(emitted).join(by_case).join(bottlenecks.rename("bottlenecks"))
    table["contact"] = contact_text.reindex(table.index)
    table["offtake"] = (grid_status["offtake"] + sample_mark).reindex(table.index)
    table["feed_in"] = (grid_status["feed_in"] + sample_mark).reindex(table.index)
    counts = ["installations", "companies", "case_companies", "open_cases", "grid_cases"]
    table[counts] = table[counts].fillna(0).astype(int)
    table["verified_t_co2"] = table["verified_t_co2"].fillna(0.0)
    table["bottlenecks"] = table["bottlenecks"].fillna("")
    return table.reset_index().sort_values("verified_t_co2", ascending=False).reset_index(drop=True)
