"""Reference rules read from data/reference: the five clusters' industrial areas, their programmes'
partners and the name rules that recognise a sector where the NACE code is missing or misleading.

Plain data and pure functions; etl.classify applies them per installation and writes down why.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

EARTH_RADIUS_KM = 6371.0
# An installation in Cluster 6 this close to an area (as a multiple of its radius) is a borderline case.
BORDERLINE_FACTOR = 1.5


@dataclass(frozen=True)
class Area:
    """A core industrial site of a cluster: everything within radius_km of (lat, lon) belongs to it."""

    cluster: str
    area: str
    lat: float
    lon: float
    radius_km: float
    name_pattern: re.Pattern | None  # the installation's name names this area
    city_pattern: re.Pattern | None  # the registry city names this area (a port district, not a municipality)
    borderline: bool  # membership of this area itself is a judgement call: always listed for review


@dataclass(frozen=True)
class Partner:
    """Companies of a cluster's own programme: their sites inside `region` belong to the cluster."""

    cluster: str
    programme: str
    pattern: re.Pattern
    region: frozenset[str]  # province or municipality names


@dataclass(frozen=True)
class NameRule:
    sector: str
    field: str  # 'name' (installation name and operator), 'company' (operator only) or 'nace'
    pattern: re.Pattern
    applies: str  # 'always' or 'unmapped' (only where NACE code and EU activity say nothing)
    reason: str  # Dutch; {match} and {code} are filled in


def _pattern(value) -> re.Pattern | None:
    return re.compile(value, re.IGNORECASE) if isinstance(value, str) and value.strip() else None


def _yes(value) -> bool:
    return str(value).strip().lower() in ("ja", "true", "1")


def read_areas(frame: pd.DataFrame) -> list[Area]:
    return [
        Area(
            r.cluster,
            r.area,
            float(str(r.lat).replace(",", ".")),
            float(str(r.lon).replace(",", ".")),
            float(str(r.radius_km).replace(",", ".")),
            _pattern(r.name_pattern),
            _pattern(r.city_pattern),
            _yes(r.borderline),
        )
        for r in frame.itertuples()
    ]


def read_partners(frame: pd.DataFrame) -> list[Partner]:
    return [
        Partner(r.cluster, r.programme, _pattern(r.company_pattern), frozenset(p.strip() for p in r.region.split("|")))
        for r in frame.itertuples()
    ]


def read_name_rules(frame: pd.DataFrame) -> list[NameRule]:
    return [NameRule(r.sector, r.field, _pattern(r.pattern), r.applies, r.reason) for r in frame.itertuples()]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest_area(lat: float, lon: float, areas: list[Area]) -> tuple[Area, float]:
    """The area whose edge is closest (distance minus radius), and the distance to its core in km."""
    scored = [(distance_km(lat, lon, a.lat, a.lon), a) for a in areas]
    distance, area = min(scored, key=lambda pair: pair[0] - pair[1].radius_km)
    return area, distance


# Two areas whose edges numpy puts this close (km) are compared again exactly, in nearest_area's order.
_NEAREST_TOLERANCE_KM = 1e-6


def nearest_areas(lats: list[float], lons: list[float], areas: list[Area]) -> list[tuple[Area, float]]:
    """nearest_area for many points at once: numpy finds each point's nearest edge over all areas (no Python
    loop over points x areas), then nearest_area decides among the areas within a hair of it, so the area
    and the distance are exactly nearest_area's."""
    if not lats:
        return []
    lat1, lon1 = np.radians(np.asarray(lats, dtype=float))[:, None], np.radians(np.asarray(lons, dtype=float))[:, None]
    lat2 = np.radians(np.array([a.lat for a in areas], dtype=float))[None, :]
    lon2 = np.radians(np.array([a.lon for a in areas], dtype=float))[None, :]
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    radius = np.array([area.radius_km for area in areas], dtype=float)[None, :]
    edge = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))) - radius
    close = edge <= edge.min(axis=1, keepdims=True) + _NEAREST_TOLERANCE_KM
    only = np.where(close.sum(axis=1) == 1, close.argmax(axis=1), -1).tolist()  # the one close area, else -1
    return [
        (areas[j], distance_km(lat, lon, areas[j].lat, areas[j].lon))
        if j >= 0
        else nearest_area(lat, lon, [areas[k] for k in np.flatnonzero(row)])
        for lat, lon, j, row in zip(lats, lons, only, close, strict=True)
    ]


def named_area(text: str | None, areas: list[Area], field: str) -> Area | None:
    """The first area whose name pattern (field 'name') or registry-city pattern ('city') occurs in `text`."""
    if not isinstance(text, str) or not text.strip():
        return None
    for area in areas:
        pattern = area.name_pattern if field == "name" else area.city_pattern
        if pattern is not None and pattern.search(text):
            return area
    return None


def partner_of(name: str, company: str, municipality: str | None, province: str | None, partners: list[Partner]):
    """The programme whose partner runs this installation inside the programme's region, if any."""
    text = f"{name or ''} {company or ''}"
    for partner in partners:
        in_region = municipality in partner.region or province in partner.region
        if in_region and partner.pattern.search(text):
            return partner
    return None


def sector_by_name(name, company, nace, unmapped: bool, rules: list[NameRule]) -> tuple[str, str, str] | None:
    """(sector, sector_source, reason) from the first matching rule; 'unmapped' rules only where nothing else
    spoke. A rule on the NACE code gives source 'nace', a rule on the name or operator 'name'."""
    both = " ".join(v for v in (name, company) if isinstance(v, str))
    values = {"name": both, "company": company, "nace": nace}
    for rule in rules:
        if rule.applies == "unmapped" and not unmapped:
            continue
        value = values.get(rule.field)
        found = rule.pattern.search(value) if isinstance(value, str) else None
        if found:
            source = "nace" if rule.field == "nace" else "name"
            return rule.sector, source, rule.reason.format(match=found.group(0), code=value)
    return None
