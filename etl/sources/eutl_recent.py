"""Verified emissions 2023-2025 of NL installations (Union Registry publication of 09-04-2026 and EUETS.INFO)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from etl.sources import SourceInfo

SOURCE = SourceInfo(
    source_id="eutl_recent",
    file="raw/eutl_verified_nl_2022_2025.csv",
    title="EU ETS-register: geverifieerde emissies 2023-2025 (Nederland) en gratis toewijzing 2025",
    origin="Europese Commissie, Union Registry verified_emissions_2025_en.xlsx; EUETS.INFO eutl_2024 (via Kura7777/biomethane-cockpit)",
    vintage="uittreksel 01-04-2026 (2024-2025), augustus 2024 (2023); 2025 is een eerste publicatie",
    licence="geen licentie vermeld; bron is openbare EU-registerdata",
)
YEARS = (2023, 2024, 2025)  # 2022 comes from eutl_nl, which is complete for that year


def read(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (installations, emissions): newest names/operators and the 2023-2025 values."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    installations = pd.DataFrame(
        {
            "installation_id": raw["installation_id"],
            "name": raw["installation_name"],
            "company": raw["operator"],
            "city": raw["city"].replace({"": None}),
            "eu_activity": pd.to_numeric(raw["activity_code"], errors="coerce").astype("Int64"),
            "eu_activity_label": raw["activity_label"],
            "nace": raw["nace"].replace({"": None}),
        }
    )
    frames = []
    allocation_2025 = pd.to_numeric(raw["free_alloc_2025"].replace({"": None}), errors="coerce").astype(float)
    for year in YEARS:
        text = raw[f"verified_{year}"]
        reported = text != ""
        missing_2025 = (
            ~reported & raw["reported_2025"].str.startswith("no") if year == 2025 else pd.Series(False, index=raw.index)
        )
        frame = pd.DataFrame(
            {
                "installation_id": raw["installation_id"],
                "year": year,
                "verified_t_co2": pd.to_numeric(text.where(reported), errors="coerce").astype(float),
                "free_allocation_t": allocation_2025 if year == 2025 else float("nan"),
                "status": reported.map({True: "reported", False: "not reported"}),
                "_row": range(len(raw)),
            }
        )
        frames.append(frame[reported | missing_2025])
    emissions = pd.concat(frames, ignore_index=True).sort_values(["_row", "year"], kind="stable").drop(columns="_row")
    emissions = emissions.reset_index(drop=True)
    emissions["source"] = SOURCE.file
    return installations, emissions
