"""Geocoded registry addresses of NL installations (EUETS.INFO installation table)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.sources import SourceInfo

SOURCE = SourceInfo(
    source_id="coordinates",
    file="raw/installation_coordinates_nl.csv",
    title="Coördinaten van installaties (gegeocodeerd registeradres)",
    origin="EUETS.INFO installation.csv via Hank-Behaeghel/EU_Emissions_Task (NL-rijen)",
    vintage="EUETS.INFO-stand 2024",
    licence="geen licentie vermeld; bron EUETS.INFO / EUTL",
)
NL_BOUNDS = {"lat": (50.7, 53.7), "lon": (3.2, 7.3)}


def read(path: Path) -> pd.DataFrame:
    """installation_id, lat, lon, postcode; coordinates outside the NL bounding box become NULL."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    lat = pd.to_numeric(raw["latitudegoogle"], errors="coerce")
    lon = pd.to_numeric(raw["longitudegoogle"], errors="coerce")
    inside = lat.between(*NL_BOUNDS["lat"]) & lon.between(*NL_BOUNDS["lon"])
    return pd.DataFrame(
        {
            "installation_id": raw["id"],
            "lat": lat.where(inside),
            "lon": lon.where(inside),
            "postcode": raw["postalcode"].replace({"-": None, "": None}),
        }
    )
