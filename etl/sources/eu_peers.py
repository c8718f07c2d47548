"""EU peer distributions per EU activity and year (data/raw/eu_peers_activity.csv, made by `python -m etl.eu_peers`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.sources import SourceInfo

SOURCE = SourceInfo(
    source_id="eu_peers",
    file="raw/eu_peers_activity.csv",
    title="EU-vergelijking: spreiding per EU-activiteit en jaar (installaties buiten Nederland, zonder luchtvaart)",
    origin="EU Transaction Log via cedricr/eutl (export/installations-XX.csv, 31 registers zonder NL); "
    "samengevat door etl/eu_peers.py",
    vintage="EUTL-stand juni 2023 (emissies t/m 2022)",
    licence="CC BY 4.0",
)


def read(path: Path) -> pd.DataFrame:
    """eu_activity, measure, baseline_year (NULL for 'ratio'), year, installations, companies, p10..p90."""
    frame = pd.read_csv(path, dtype={"measure": str})
    return frame.astype(
        {"eu_activity": "int32", "year": "int32", "installations": "int32", "companies": "int32", "baseline_year": "Int32"}
    )
