"""The rules that place an installation, give it a sector and decide whether it is Cluster 6.

Every rule writes down why (columns location_source, sector_source, reason) so the selection can be
explained on screen, and the per-installation override file (data/reference/installation_overrides.csv)
wins over all of them.
"""

from __future__ import annotations

import re

import pandas as pd

from etl.sources.boundaries import AreaIndex

EXCLUDED_SECTORS = {
    "energie": "elektriciteits- en warmteproducent (NACE 35): valt buiten Cluster 6",
    "glastuinbouw": "glastuinbouw (NACE 01): eigen sectorsysteem, valt buiten Cluster 6",
}
# North Sea block names (F3-FB-1, K14-FA-1C, P6-A, L8-P4, A12/CPP) or the word platform / offshore.
_OFFSHORE_NAME = re.compile(r"platform|offshore|\b[A-Q]\d{1,2}([-/][A-Z0-9]+)+\b|Kotter", re.IGNORECASE)
_ONSHORE_NAME = re.compile(r"onshore", re.IGNORECASE)


def is_offshore(name: str, nace: str | None) -> bool:
    oil_and_gas = isinstance(nace, str) and nace.startswith(("06", "09"))
    return oil_and_gas and bool(_OFFSHORE_NAME.search(name or "")) and not _ONSHORE_NAME.search(name or "")


def _city_key(city: str | None) -> str:
    return re.sub(r"\s+", " ", (city or "").strip().upper())


def place(
    installations: pd.DataFrame,
    gemeenten: AreaIndex,
    provinces: AreaIndex,
    city_aliases: dict[str, str],
) -> pd.DataFrame:
    """Add municipality, municipality_code, province, location_source, offshore.

    Point in polygon on the 2025 gemeente boundaries first; where there is no usable point, the registry
    city (directly a municipality name, or through data/reference/city_aliases.csv).
    """
    municipality_by_name = gemeenten.by_name()
    municipality_by_upper = {name.upper(): name for name in municipality_by_name}
    province_of = {}
    for area in gemeenten.areas:
        centre = area.geometry.representative_point()
        found = provinces.locate(centre.x, centre.y)
        province_of[area.name] = found.name if found else None

    out = []
    for _, row in installations.iterrows():
        result = {"municipality": None, "municipality_code": None, "province": None, "offshore": False}
        if is_offshore(row["name"], row.get("nace")):
            result.update(offshore=True, location_source="offshore")
        else:
            area = None
            if pd.notna(row["lat"]) and pd.notna(row["lon"]):
                area = gemeenten.locate(row["lon"], row["lat"])
            source = "coordinates" if area else None
            if area is None:
                key = _city_key(row["city"])
                name = city_aliases.get(key) or municipality_by_upper.get(key)
                area = municipality_by_name.get(name) if name else None
                source = "registry city" if area else "unplaced"
            result["location_source"] = source
            if area:
                result.update(municipality=area.name, municipality_code=area.code, province=province_of[area.name])
        out.append(result)
    placed = installations.copy()
    for column in ("municipality", "municipality_code", "province", "location_source", "offshore"):
        placed[column] = [r[column] for r in out]
    placed.loc[placed["offshore"], ["lat", "lon"]] = None
    return placed


def sector_for(nace: str | None, eu_activity: int | None, nace_map: dict[str, str], activity_map: dict[int, str]):
    """(sector, sector_source): longest NACE prefix first, EU activity code second, else 'overig'/'unmapped'."""
    if isinstance(nace, str) and nace.strip():
        code = nace.strip()
        for length in range(len(code), 0, -1):
            prefix = code[:length].rstrip(".")
            if prefix in nace_map:
                return nace_map[prefix], "nace"
    if eu_activity is not None and not pd.isna(eu_activity) and int(eu_activity) in activity_map:
        return activity_map[int(eu_activity)], "eu_activity"
    return "overig", "unmapped"


def classify(
    placed: pd.DataFrame,
    sector_map: pd.DataFrame,
    cluster_municipalities: pd.DataFrame,
    overrides: pd.DataFrame,
) -> pd.DataFrame:
    """Add sector, sector_source, cluster, in_cluster6, reason."""
    nace_map = {r.code: r.sector for r in sector_map.itertuples() if r.code_type == "nace"}
    activity_map = {int(r.code): r.sector for r in sector_map.itertuples() if r.code_type == "eu_activity"}
    cluster_of = dict(zip(cluster_municipalities["municipality"], cluster_municipalities["cluster"], strict=True))
    result = placed.copy()
    sectors = [sector_for(n, a, nace_map, activity_map) for n, a in zip(result["nace"], result["eu_activity"], strict=True)]
    result["sector"] = [s for s, _ in sectors]
    result["sector_source"] = [src for _, src in sectors]
    result = apply_sector_overrides(result, overrides)
    result["cluster"] = result["municipality"].map(cluster_of)

    in_cluster6, reasons = [], []
    for row in result.itertuples():
        if row.sector in EXCLUDED_SECTORS:
            in_cluster6.append(False)
            reasons.append(EXCLUDED_SECTORS[row.sector])
        elif isinstance(row.cluster, str):
            in_cluster6.append(False)
            reasons.append(f"ligt in {row.municipality}, gemeente van het cluster {row.cluster}")
        elif row.offshore:
            in_cluster6.append(True)
            reasons.append("offshore olie- en gaswinning: buiten de vijf clusters")
        elif row.location_source == "unplaced":
            in_cluster6.append(True)
            reasons.append("locatie onbekend; geteld als Cluster 6 (controleer in Datakwaliteit)")
        else:
            in_cluster6.append(True)
            reasons.append(f"ligt in {row.municipality} ({row.province}), buiten de vijf clusters")
    result["in_cluster6"] = in_cluster6
    result["reason"] = reasons
    return apply_selection_overrides(result, overrides)


def _known(result: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    unknown = sorted(set(overrides["installation_id"]) - set(result["installation_id"]))
    if unknown:
        raise ValueError(f"installation_overrides.csv: onbekende installatie(s): {', '.join(unknown)}")
    return result.set_index("installation_id", drop=False)


def apply_sector_overrides(result: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """A sector given in the override file replaces the rule's sector (before the Cluster 6 rules run)."""
    result = _known(result, overrides)
    for row in overrides.itertuples():
        if isinstance(row.sector, str) and row.sector:
            result.at[row.installation_id, "sector"] = row.sector
            result.at[row.installation_id, "sector_source"] = "override"
    return result.reset_index(drop=True)


def apply_selection_overrides(result: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """An in_cluster6 given in the override file wins over every rule."""
    result = _known(result, overrides)
    for row in overrides.itertuples():
        if row.in_cluster6 is not None and not pd.isna(row.in_cluster6):
            result.at[row.installation_id, "in_cluster6"] = bool(row.in_cluster6)
            result.at[row.installation_id, "reason"] = f"handmatige keuze: {row.reason}"
    return result.reset_index(drop=True)
