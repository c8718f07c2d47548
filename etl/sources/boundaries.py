"""CBS/PDOK 2025 municipality and province boundaries (generalised GeoJSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import shape
from shapely.strtree import STRtree

from etl.sources import SourceInfo

GEMEENTEN = SourceInfo(
    source_id="gemeenten",
    file="raw/gemeente_2025.geojson",
    title="Gemeentegrenzen 2025 (gegeneraliseerd, ~100 m)",
    origin="CBS/PDOK gemeente_gegeneraliseerd 2025 via Lars-Janssen/Lars-Janssen.github.io",
    vintage="2025",
    licence="PDOK open data (geen licentie vermeld in de kopie)",
)
PROVINCES = SourceInfo(
    source_id="provincies",
    file="raw/provinces_2025.geojson",
    title="Provinciegrenzen 2025 (gegeneraliseerd)",
    origin="CBS/PDOK provincie_gegeneraliseerd 2025 via massuus/dutch-vegetation-visualizer",
    vintage="2025",
    licence="PDOK open data",
)


@dataclass(frozen=True)
class Area:
    name: str
    code: str
    geometry: object  # shapely geometry


class AreaIndex:
    """Point-in-polygon look-up over a set of areas."""

    def __init__(self, areas: list[Area]):
        self.areas = areas
        self._tree = STRtree([a.geometry for a in areas])

    def locate(self, lon: float, lat: float) -> Area | None:
        from shapely.geometry import Point

        point = Point(lon, lat)
        for index in self._tree.query(point, predicate="within"):
            return self.areas[int(index)]
        return None

    def locate_many(self, lons: list[float], lats: list[float]) -> list[Area | None]:
        """locate() for many points in one query of the tree (the same areas, without a Python loop)."""
        import shapely

        found: list[Area | None] = [None] * len(lons)
        if not found:
            return found
        points, trees = self._tree.query(shapely.points(lons, lats), predicate="within")
        for point, tree in zip(points[::-1], trees[::-1], strict=True):  # reversed: the first hit per point wins
            found[int(point)] = self.areas[int(tree)]
        return found

    def by_name(self) -> dict[str, Area]:
        return {a.name: a for a in self.areas}


def read(path: Path) -> AreaIndex:
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    return AreaIndex([Area(f["properties"]["statnaam"], f["properties"]["statcode"], shape(f["geometry"])) for f in features])
