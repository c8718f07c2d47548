"""Make the slim EU peer file: `python -m etl.eu_peers [ALL.csv] [OUT.csv]`.

Reads the EU-wide EUTL export (cedricr/eutl, 32 registries, 200 columns, ~21 MB; by default from
../shared/data/raw/cedricr_eutl/installations-ALL-concat.csv) and writes data/raw/eu_peers_activity.csv
(well under 1 MB): per EU activity code and year, the distribution over stationary installations outside
the Netherlands of
- 'index': verified emissions in `year` / verified emissions in `baseline_year` (both > 0), for every
  baseline year, and
- 'ratio': verified emissions / free allocation in `year` (allocation > 0).
Aircraft operators (activity 10) and the NL registry are left out (NL installations are compared with
their EU peers, not with themselves). Groups of fewer than MIN_COMPANIES account holders are not
written at all: a distribution over one or two companies would disclose them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from monitor import config
from monitor.access import MIN_COMPANIES

DEFAULT_INPUT = config.SHARED_RAW_DIR / "cedricr_eutl" / "installations-ALL-concat.csv"
DEFAULT_OUTPUT = config.RAW_DIR / "eu_peers_activity.csv"
YEARS = range(2005, 2023)
AIRCRAFT_ACTIVITY = "10"
QUANTILES = {"p10": 0.10, "p25": 0.25, "p50": 0.50, "p75": 0.75, "p90": 0.90}
COLUMNS = ["eu_activity", "measure", "baseline_year", "year", "installations", "companies", *QUANTILES]


def _numbers(frame: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """Year columns `prefix_YYYY` as floats (text such as 'Excluded' or 'NA' becomes NaN), one column per year."""
    out = {}
    for year in YEARS:
        text = frame[f"{prefix}_{year}"]
        out[year] = pd.to_numeric(text.where(text.str.fullmatch(r"-?\d+(\.\d+)?")), errors="coerce")
    return pd.DataFrame(out, index=frame.index)


def _distribution(values: pd.DataFrame, companies: pd.Series, activity: pd.Series) -> pd.DataFrame:
    """values: one column per year (NaN = not in the group). One row per activity and year."""
    rows = []
    for year in values.columns:
        column = values[year]
        valid = column.notna()
        for code, group in column[valid].groupby(activity[valid]):
            holders = companies[group.index].nunique()
            if holders < MIN_COMPANIES:
                continue
            quantiles = np.quantile(group.to_numpy(), list(QUANTILES.values()))
            rows.append((int(code), int(year), len(group), holders, *quantiles))
    return pd.DataFrame(rows, columns=["eu_activity", "year", "installations", "companies", *QUANTILES])


def make(source: Path = DEFAULT_INPUT) -> pd.DataFrame:
    raw = pd.read_csv(source, dtype=str, keep_default_na=False)
    registry = raw["id"].str.split("-").str[0]
    raw = raw[(raw["MainActivityTypeCode"] != AIRCRAFT_ACTIVITY) & (registry != "NL")].reset_index(drop=True)
    verified = _numbers(raw, "VerifiedEmissions").where(lambda v: v > 0)
    allocation = _numbers(raw, "FreeAllocations").where(lambda v: v > 0)
    activity, companies = raw["MainActivityTypeCode"].astype(int), raw["AccountHolderName"]

    parts = []
    for baseline in YEARS:
        index = verified.div(verified[baseline], axis=0)
        part = _distribution(index, companies, activity)
        part.insert(1, "measure", "index")
        part.insert(2, "baseline_year", baseline)
        parts.append(part)
    ratio = _distribution(verified / allocation, companies, activity)
    ratio.insert(1, "measure", "ratio")
    ratio.insert(2, "baseline_year", pd.NA)
    parts.append(ratio)
    out = pd.concat(parts, ignore_index=True)[COLUMNS]
    out[list(QUANTILES)] = out[list(QUANTILES)].round(4)
    return out.astype({"baseline_year": "Int64"}).sort_values(["eu_activity", "measure", "baseline_year", "year"])


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_INPUT
    target = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    if not source.exists():
        print(f"FOUT: {source} bestaat niet (het EU-brede EUTL-bestand uit ../shared/data/raw).", file=sys.stderr)
        return 1
    frame = make(source)
    frame.to_csv(target, index=False)
    size = target.stat().st_size
    print(f"{target}: {len(frame)} rijen, {frame['eu_activity'].nunique()} activiteiten, {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
