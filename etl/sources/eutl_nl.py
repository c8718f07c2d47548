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


# The export's columns this reader uses (the rest - other years' compliance codes, addresses - are not parsed).
COLUMNS = frozenset(
    (
        "InstallationOrAircraftOperatorID",
        "InstallationNameOrAircraftOperatorCode",
        "AccountHolderName",
        "City",
        "ZipCode",
        "MainActivityTypeCode",
        "MainActivityTypeCodeLookup",
        "AccountStatus",
        "PermitOrPlanID",
        *(f"{kind}_{year}" for year in YEARS for kind in ("VerifiedEmissions", "FreeAllocations")),
    )
)


def _number(text: str) -> float | None:
    return float(text) if re.fullmatch(r"-?\d+(\.\d+)?", text or "") else None


def _numbers(texts: pd.Series) -> pd.Series:
    """_number for a whole column: float where the text is a plain number, else NaN."""
    plain = texts.str.fullmatch(r"-?\d+(\.\d+)?").fillna(False).astype(bool)
    return texts.where(plain).astype(float)  # only plain numbers are left: a direct cast, no per-cell parsing


def read(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (installations, emissions) for stationary installations; aircraft operators are dropped."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=lambda column: column in COLUMNS)  # 45 of ~200
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
    # One row per installation and year, vectorised (a loop over rows x years is slow at EU scale).
    frames = []
    for year in YEARS:
        verified_text = raw[f"VerifiedEmissions_{year}"]
        verified = _numbers(verified_text)
        allocation = _numbers(raw[f"FreeAllocations_{year}"])
        status = pd.Series(None, index=raw.index, dtype=object)
        status = status.mask(allocation.notna() & (allocation > 0), "not reported")
        status = status.mask(verified_text.isin(list(STATUS_TEXT)), verified_text.map(STATUS_TEXT))
        status = status.mask(verified.notna(), "reported")
        frames.append(
            pd.DataFrame(
                {
                    "installation_id": ids,
                    "year": year,
                    "verified_t_co2": verified,
                    "free_allocation_t": allocation,
                    "status": status,
                    "source": SOURCE.file,
                    "_row": range(len(raw)),
                }
            )[status.notna()]  # 'NA' in every column: the installation did not exist in the ETS that year
        )
    emissions = pd.concat(frames, ignore_index=True).sort_values(["_row", "year"], kind="stable").drop(columns="_row")
    emissions = emissions.reset_index(drop=True).astype({"status": str})
    return installations, emissions
