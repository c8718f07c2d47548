"""EUTL installations of the Netherlands, 2005-2022 (cedricr/eutl export), one row per account."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from etl.sources import SourceInfo

SOURCE = SourceInfo(
    source_id="eutl_nl",
    file="raw/eutl_installations_nl.csv",
    title="EU ETS-register (EUTL): Nederlandse installaties, geverifieerde emissies en gratis toewijzing 2005-2022",
    origin="EU Transaction Log via cedricr/eutl (export/installations-NL.csv)",
    vintage="EUTL-stand juni 2023 (emissies t/m 2022)",
    licence="CC BY 4.0",
)
AIRCRAFT_ACTIVITY = 10
YEARS = range(2005, 2023)
# Text the EUTL puts in numeric columns, and what it means.
STATUS_TEXT = {"Excluded": "excluded", "Not Reported": "not reported", "Not Calculated": "not calculated", "-": "not reported"}


def _number(text: str) -> float | None:
    return float(text) if re.fullmatch(r"-?\d+(\.\d+)?", text or "") else None


def read(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (installations, emissions) for stationary installations; aircraft operators are dropped."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    raw = raw[raw["MainActivityTypeCode"].astype(int) != AIRCRAFT_ACTIVITY]
    ids = "NL_" + raw["InstallationOrAircraftOperatorID"]
    installations = pd.DataFrame(
        {
            "installation_id": ids,
            "name": raw["InstallationNameOrAircraftOperatorCode"],
            "company": raw["AccountHolderName"],
            "city": raw["City"].replace({"-": None, "NA": None}),
            "postcode": raw["ZipCode"].replace({"-": None, "NA": None}),
            "eu_activity": raw["MainActivityTypeCode"].astype(int),
            "eu_activity_label": raw["MainActivityTypeCodeLookup"],
            "account_status": raw["AccountStatus"].replace({"": None}),
            "permit_id": raw["PermitOrPlanID"].replace({"": None, "-": None, "NA": None}),
        }
    ).reset_index(drop=True)
    rows = []
    for installation_id, (_, record) in zip(ids, raw.iterrows(), strict=True):
        for year in YEARS:
            verified_text = record[f"VerifiedEmissions_{year}"]
            allocation = _number(record[f"FreeAllocations_{year}"])
            verified = _number(verified_text)
            if verified is not None:
                status = "reported"
            elif verified_text in STATUS_TEXT:
                status = STATUS_TEXT[verified_text]
            elif allocation is not None and allocation > 0:
                status = "not reported"
            else:
                continue  # 'NA' in every column: the installation did not exist in the ETS that year
            rows.append((installation_id, year, verified, allocation, status, SOURCE.file))
    emissions = pd.DataFrame(rows, columns=["installation_id", "year", "verified_t_co2", "free_allocation_t", "status", "source"])
    return installations, emissions
