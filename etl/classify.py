"""The rules that place an installation, give it a sector and decide whether it is Cluster 6.

Every rule writes down why (columns location_source, sector_source, reason) so the selection can be
explained on screen, and the per-installation override file (data/reference/installation_overrides.csv)
wins over all of them.
"""

from __future__ import annotations

import re
from collections import namedtuple

import pandas as pd

from etl import cluster_rules
from etl.sources.boundaries import AreaIndex

EXCLUDED_SECTORS = {
    "energie": "elektriciteits- en warmteproducent (NACE 35): valt buiten Cluster 6",
    "glastuinbouw": "glastuinbouw (NACE 01): eigen sectorsysteem, valt buiten Cluster 6",
    # The Actieplan is about industry (ten branches); care, education, defence, an airport and an auction
    # are ETS installations but not industry.
    "niet-industrieel": "geen industrie (zorg, onderwijs, Defensie, luchthaven, veiling): valt buiten Cluster 6",
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
    city: the municipality where the other installations with that registry city lie (when most of them lie
    in one; e.g. 'Rozenburg' is the data-centre park at Schiphol, not Rozenburg by Rotterdam), else the city
    as a municipality name or through data/reference/city_aliases.csv.
    """
    municipality_by_name = gemeenten.by_name()
    municipality_by_upper = {name.upper(): name for name in municipality_by_name}
    province_of = {}
    for area in gemeenten.areas:
        centre = area.geometry.representative_point()
        found = provinces.locate(centre.x, centre.y)
        province_of[area.name] = found.name if found else None

    # Plain column lists and one bulk point-in-polygon query: a loop over row Series costs a minute at EU scale.
    names, cities = installations["name"].tolist(), installations["city"].tolist()
    naces = installations["nace"].tolist() if "nace" in installations.columns else [None] * len(installations)
    offshore = [is_offshore(name, nace) for name, nace in zip(names, naces, strict=True)]
    lats, lons = installations["lat"].tolist(), installations["lon"].tolist()
    usable = [i for i in range(len(installations)) if pd.notna(lats[i]) and pd.notna(lons[i]) and not offshore[i]]
    by_point: list = [None] * len(installations)
    for i, area in zip(usable, gemeenten.locate_many([lons[i] for i in usable], [lats[i] for i in usable]), strict=True):
        by_point[i] = area
    seen = pd.DataFrame(
        {"city": installations["city"].map(_city_key).to_numpy(), "area": [a.name if a else None for a in by_point]}
    )
    seen = seen[seen["area"].notna() & (seen["city"] != "")]
    # the municipality holding more than half of a registry city's placed installations (at most one can)
    pairs = seen.groupby(["city", "area"]).size()
    of_city = seen.groupby("city").size().reindex(pairs.index.get_level_values("city")).to_numpy()
    majority = pairs[pairs.to_numpy() * 2 > of_city].index
    city_majority = dict(zip(majority.get_level_values("city"), majority.get_level_values("area"), strict=True))

    out = []
    for city, is_off, point_area in zip(cities, offshore, by_point, strict=True):
        result = {"municipality": None, "municipality_code": None, "province": None, "offshore": False}
        if is_off:
            result.update(offshore=True, location_source="offshore")
        else:
            area = point_area
            source = "coordinates" if area else None
            if area is None:
                key = _city_key(city)
                name = city_majority.get(key) or city_aliases.get(key) or municipality_by_upper.get(key)
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


def _postcode_key(postcode) -> str | None:
    key = re.sub(r"\s+", "", str(postcode or "")).upper()
    return key if re.fullmatch(r"\d{4}[A-Z]{2}", key) else None


def _points_by_postcode(frame: pd.DataFrame) -> dict[str, tuple[float, float, str]]:
    """Postcode -> (lat, lon, installation_id) of the first installation there with coordinates."""
    points: dict[str, tuple[float, float, str]] = {}
    keys: dict = {}  # postcode -> _postcode_key, once per distinct postcode
    for row in records(frame):
        postcode = getattr(row, "postcode", None)
        key = keys[postcode] if postcode in keys else keys.setdefault(postcode, _postcode_key(postcode))
        if key and key not in points and pd.notna(getattr(row, "lat", None)) and pd.notna(getattr(row, "lon", None)):
            points[key] = (float(row.lat), float(row.lon), row.installation_id)
    return points


def _sectors(result: pd.DataFrame, sector_map: pd.DataFrame, name_rules: list) -> pd.DataFrame:
    nace_map = {r.code: r.sector for r in sector_map.itertuples() if r.code_type == "nace"}
    activity_map = {int(r.code): r.sector for r in sector_map.itertuples() if r.code_type == "eu_activity"}
    sectors, sources, notes = [], [], []
    for row in records(result):
        nace, activity = getattr(row, "nace", None), getattr(row, "eu_activity", None)
        sector, source = sector_for(nace, activity, nace_map, activity_map)
        note = {
            "nace": f"NACE {nace}",
            "eu_activity": f"EU-activiteit {activity}",
            "unmapped": "geen NACE-code of branche-activiteit: overig",
        }[source]
        by_name = cluster_rules.sector_by_name(
            getattr(row, "name", None), getattr(row, "company", None), nace, source == "unmapped", name_rules
        )
        if by_name and by_name[0] != sector:
            sector, source, note = by_name
        sectors.append(sector)
        sources.append(source)
        notes.append(note)
    result["sector"], result["sector_source"], result["sector_note"] = sectors, sources, notes
    return result


def classify(
    placed: pd.DataFrame,
    sector_map: pd.DataFrame,
    cluster_municipalities: pd.DataFrame,
    overrides: pd.DataFrame,
    areas: list | None = None,
    partners: list | None = None,
    name_rules: list | None = None,
) -> pd.DataFrame:
    """Add sector, sector_source, sector_note, cluster, cluster_area, location_basis, membership_rule,
    in_cluster6, reason, needs_review, review_note.

    Sector: NACE code, EU activity, then the name rules (data/reference/sector_name_rules.csv).
    Membership: an area of a cluster named by the installation's name, else the point (coordinates, or those
    of an installation with the same postcode) within an area's radius, else the registry city naming a port
    district, else a programme partner's site in the programme's region, else - only without a point - the
    cluster municipality as a fallback. Overrides win over every rule.
    """
    areas, partners, name_rules = areas or [], partners or [], name_rules or []
    cluster_of = dict(zip(cluster_municipalities["municipality"], cluster_municipalities["cluster"], strict=True))
    result = placed.copy()
    for column in ("name", "company", "city", "postcode", "lat", "lon"):
        if column not in result.columns:
            result[column] = None
    result = _sectors(result, sector_map, name_rules)
    result = apply_sector_overrides(result, overrides)
    by_postcode = _points_by_postcode(result)
    rows = list(records(result))
    points = [_point(row, by_postcode) for row in rows]
    located = [i for i, point in enumerate(points) if point[0] is not None]
    nearest: list = [(None, None)] * len(rows)
    if areas:
        found = cluster_rules.nearest_areas([points[i][0] for i in located], [points[i][1] for i in located], areas)
        for i, pair in zip(located, found, strict=True):
            nearest[i] = pair
    named = _NamedAreas(areas)
    decided = [
        _membership(row, point, near, named, partners, cluster_of) for row, point, near in zip(rows, points, nearest, strict=True)
    ]
    for column in (
        "cluster",
        "cluster_area",
        "location_basis",
        "membership_rule",
        "in_cluster6",
        "reason",
        "needs_review",
        "review_note",
    ):
        result[column] = [d[column] for d in decided]
    return apply_selection_overrides(result, overrides)


def _point(row, by_postcode) -> tuple[float | None, float | None, str, str | None]:
    """(lat, lon, location_basis, note) of the point the area rules use."""
    if row.offshore:
        return None, None, "offshore", None
    if pd.notna(row.lat) and pd.notna(row.lon):
        return float(row.lat), float(row.lon), "coordinates", None
    key = _postcode_key(row.postcode)
    if key in by_postcode:
        lat, lon, neighbour = by_postcode[key]
        return lat, lon, "postcode", f"geen eigen coördinaten: die van {neighbour} met dezelfde postcode {row.postcode}"
    if isinstance(row.municipality, str):
        return None, None, "registry city", f"locatie alleen uit de registerplaats '{row.city}'"
    return None, None, "unplaced", "locatie onbekend"


class _NamedAreas:
    """cluster_rules.named_area, once per distinct text (an installation's name and city repeat)."""

    def __init__(self, areas: list):
        self.areas, self.found = areas, {}

    def __call__(self, text, field: str):
        key = (text, field)
        if key not in self.found:
            self.found[key] = cluster_rules.named_area(text, self.areas, field)
        return self.found[key]


def records(frame: pd.DataFrame):
    """frame.itertuples(), read from plain column lists (iterating a pandas string column cell by cell is slow)."""
    row = namedtuple("Row", ["Index", *frame.columns], rename=True)
    return map(row._make, zip(frame.index.tolist(), *(frame[c].tolist() for c in frame.columns), strict=True))


def _membership(row, point, nearest_pair, named_area, partners, cluster_of) -> dict:
    """The cluster decision for one installation; `point` is _point's, `nearest_pair` the nearest area and the
    distance to its core (None, None without a point or areas), `named_area` cluster_rules.named_area."""
    lat, lon, basis, location_note = point
    notes = [location_note] if location_note and basis != "coordinates" else []
    by_name = named_area(row.name, "name")
    by_city = named_area(row.city, "city")
    nearest, distance = nearest_pair
    by_point = nearest if nearest is not None and distance <= nearest.radius_km else None

    area, rule, evidence = None, None, None
    if by_name:
        area, rule, evidence = by_name, "area name", f"de naam noemt {by_name.area}"
    elif by_point:
        area, rule = by_point, "area"
        evidence = f"ligt {distance:.1f} km van de kern van {by_point.area} (straal {by_point.radius_km:g} km)"
    elif by_city:
        area, rule, evidence = by_city, "area name", f"registerplaats '{row.city}' ligt in {by_city.area}"
    if area and by_point and by_point.cluster != area.cluster:
        notes.append(f"de coördinaten wijzen naar {by_point.area} ({by_point.cluster}), de naam of plaats naar {area.area}")
    if area and area.borderline:
        notes.append(f"grensgebied {area.area}: controleer of het bij {area.cluster} hoort")

    cluster = area.cluster if area else None
    partner = None
    if area is None:
        partner = cluster_rules.partner_of(row.name, row.company, row.municipality, row.province, partners)
        if partner:
            cluster, rule = partner.cluster, "partner"
            notes.append(f"hoort bij het cluster via {partner.programme}, niet via de ligging")
    fallback = None
    if cluster is None and lat is None and isinstance(row.municipality, str):
        fallback = cluster_of.get(row.municipality)
        if fallback:
            cluster, rule = fallback, "municipality fallback"

    if row.sector in EXCLUDED_SECTORS:
        in_c6, reason = False, EXCLUDED_SECTORS[row.sector]
        if row.sector_source in ("name", "override") or row.sector_note.startswith("geen industrie"):
            reason = f"{row.sector_note}: valt buiten Cluster 6"
        # the location does not decide here; only a name-based exclusion needs a second look
        notes = ["sector herkend aan de naam"] if row.sector_source == "name" else []
        return _decision(cluster, area, basis, "sector", in_c6, reason, notes)
    if area:
        return _decision(cluster, area, basis, rule, False, f"{evidence}: industriegebied van het cluster {cluster}", notes)
    if partner:
        reason = f"deelnemer van {partner.programme} ({cluster}) met een vestiging in {row.municipality}"
        return _decision(cluster, None, basis, rule, False, reason, notes)
    if fallback:
        reason = f"geen coördinaten: registerplaats '{row.city}' ligt in {row.municipality}, gemeente van het cluster {cluster} (terugval)"
        return _decision(cluster, None, basis, rule, False, reason, notes)
    if row.offshore:
        return _decision(None, None, basis, "offshore", True, "offshore olie- en gaswinning: buiten de vijf clusters", notes)
    if basis == "unplaced":
        return _decision(
            None, None, basis, "unplaced", True, "locatie onbekend; geteld als Cluster 6 (controleer in Datakwaliteit)", notes
        )
    reason = f"ligt in {row.municipality} ({row.province}), buiten de vijf clusters"
    if nearest is not None:
        reason += f" (dichtstbijzijnd kerngebied: {nearest.area}, {distance:.1f} km)"
        if distance <= nearest.radius_km * cluster_rules.BORDERLINE_FACTOR:
            notes.append(f"grensgeval: {distance:.1f} km van de kern van {nearest.area} (straal {nearest.radius_km:g} km)")
    if row.municipality in cluster_of:
        notes.append(
            f"{row.municipality} is een gemeente van het cluster {cluster_of[row.municipality]}, maar dit ligt buiten de industriegebieden"
        )
    return _decision(None, None, basis, "outside clusters", True, reason, notes)


def _decision(cluster, area, basis, rule, in_c6, reason, notes) -> dict:
    return {
        "cluster": cluster,
        "cluster_area": area.area if area else None,
        "location_basis": basis,
        "membership_rule": rule,
        "in_cluster6": in_c6,
        "reason": reason,
        "needs_review": bool(notes),
        "review_note": "; ".join(notes) if notes else None,
    }


def _known(result: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    unknown = sorted(set(overrides["installation_id"]) - set(result["installation_id"].tolist()))
    if unknown:
        raise ValueError(f"installation_overrides.csv: onbekende installatie(s): {', '.join(unknown)}")
    return result.set_index("installation_id", drop=False)


def _write_cells(result: pd.DataFrame, cells: dict[str, dict[str, object]]) -> pd.DataFrame:
    """result.at[installation_id, column] = value for every cell, one column at a time (a cell-by-cell .at on a
    string column copies the whole column each time)."""
    by_column: dict[str, tuple[list, list]] = {}
    for installation_id, values in cells.items():
        for column, value in values.items():
            ids, column_values = by_column.setdefault(column, ([], []))
            ids.append(installation_id)
            column_values.append(value)
    for column, (ids, column_values) in by_column.items():
        result.loc[ids, column] = column_values
    return result


def apply_sector_overrides(result: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """A sector given in the override file replaces the rule's sector (before the Cluster 6 rules run)."""
    result = _known(result, overrides)
    cells = {}  # a later row for the same installation wins, as it did cell by cell
    for row in overrides.itertuples():
        if isinstance(row.sector, str) and row.sector:
            cells[row.installation_id] = {
                "sector": row.sector,
                "sector_source": "override",
                "sector_note": f"handmatige keuze: {row.reason}",
            }
    return _write_cells(result, cells).reset_index(drop=True)


def apply_selection_overrides(result: pd.DataFrame, overrides: pd.DataFrame) -> pd.DataFrame:
    """An in_cluster6 given in the override file wins over every rule."""
    result = _known(result, overrides)
    cells: dict[str, dict[str, object]] = {}
    for row in overrides.itertuples():
        if row.in_cluster6 is not None and not pd.isna(row.in_cluster6):
            earlier = (
                cells[row.installation_id]["review_note"]
                if row.installation_id in cells
                else result.at[row.installation_id, "review_note"]
            )
            note = "handmatige keuze (overridebestand)"
            cells[row.installation_id] = {
                "in_cluster6": bool(row.in_cluster6),
                "reason": f"handmatige keuze: {row.reason}",
                "membership_rule": "override",
                "needs_review": True,
                "review_note": f"{note}; {earlier}" if isinstance(earlier, str) else note,
            }
    return _write_cells(result, cells).reset_index(drop=True)
