"""NACE Rev.2 code per NL installation (jabrell/euetsinfo installation_to_nace)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.sources import SourceInfo

SOURCE = SourceInfo(
    source_id="nace",
    file="raw/installation_to_nace_nl.csv",
    title="NACE-code per installatie",
    origin="EUETS.INFO (Jan Abrell), jabrell/euetsinfo data/extracted/installation_to_nace.csv",
    vintage="EUETS.INFO-stand 2024",
    licence="MIT",
)


def read(path: Path) -> pd.DataFrame:
    """installation_id, nace: nace_2020 where given, else nace_2015."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    nace = raw["nace_2020"].where(raw["nace_2020"] != "", raw["nace_2015"])
    return pd.DataFrame({"installation_id": raw["installation_id"], "nace": nace.replace({"": None})})
