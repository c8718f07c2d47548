"""Regioaanpak: groups of installations within a chosen distance of each other (single linkage).

Two installations are linked when they lie within `distance_km` of each other (great-circle distance);
a group is every installation reachable through such links. Plain numpy, no Streamlit, no SQL.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km; arguments broadcast like numpy arrays (degrees)."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def distance_matrix(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    return haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])


def single_linkage(lat, lon, distance_km: float) -> np.ndarray:
    """Component label per point (0..k-1, in order of first appearance) of the graph 'within distance_km'."""
    n = len(lat)
    labels = np.full(n, -1, dtype=int)
    if n == 0:
        return labels
    linked = distance_matrix(lat, lon) <= distance_km
    current = 0
    for start in range(n):
        if labels[start] >= 0:
            continue
        stack = [start]
        labels[start] = current
        while stack:
            node = stack.pop()
            for neighbour in np.flatnonzero(linked[node] & (labels < 0)):
                labels[neighbour] = current
                stack.append(int(neighbour))
        current += 1
    return labels


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
    rows = []
    for label, members in points.groupby("_label"):
        lat, lon = members["lat"].to_numpy(), members["lon"].to_numpy()
        centre_lat, centre_lon = float(lat.mean()), float(lon.mean())
        by_sector = members.groupby("sector")["verified_t_co2"].sum().sort_values(ascending=False)
        rows.append(
            {
                "_label": label,
                "installations": len(members),
                "companies": members["company"].nunique(),
                "verified_t_co2": float(members["verified_t_co2"].sum()),
                "sectors": ", ".join(by_sector.index),
                "municipalities": ", ".join(sorted(members["municipality"].dropna().unique())),
                "span_km": float(distance_matrix(lat, lon).max()),
                "lat": centre_lat,
                "lon": centre_lon,
                "radius_m": float(haversine_km(centre_lat, centre_lon, lat, lon).max() * 1000),
            }
        )
    groups = pd.DataFrame(rows).sort_values(["verified_t_co2", "installations"], ascending=False).reset_index(drop=True)
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
