"""On track or off track per sector, in the manner of the UK Climate Change Committee's progress reports:
the average yearly reduction achieved since the baseline against the average yearly reduction still
needed to reach the chosen target path's 2030 value. Plain pandas, no SQL, no Streamlit."""

from __future__ import annotations

import pandas as pd

from monitor import config
from monitor.targets import achieved_annual_reduction, required_annual_reduction, target_path

TOTAL_ALL = "Cluster 6 totaal"


def total_label(sectors: tuple[str, ...] = (), provinces: tuple[str, ...] = ()) -> str:
    """Label of the total row: 'Cluster 6 totaal' only when no sector or province filter applies."""
    chosen = [*sectors, *provinces]
    return TOTAL_ALL if not chosen else f"Totaal selectie ({', '.join(chosen)})"


ON_TRACK, TOO_SLOW, WRONG_WAY, NO_VERDICT = "op koers", "te langzaam", "verkeerde richting", "geen oordeel"
# the verdict is written in its colour beside the chart: each at least 4.5:1 on white (WCAG AA)
VERDICT_COLOURS = {ON_TRACK: "#2e7d32", TOO_SLOW: "#b45309", WRONG_WAY: "#c0392b", NO_VERDICT: "#757575"}


def sector_progress(
    by_sector_year: pd.DataFrame,
    targets: pd.DataFrame,
    target_id: str,
    baseline_year: int,
    year: int,
    total: str = TOTAL_ALL,
) -> pd.DataFrame:
    """One row per sector and the total last (labelled `total`, see total_label):
    sector, baseline_t_co2, verified_t_co2, change (fraction vs baseline), target_2030_t_co2,
    achieved_rate, needed_rate (fractions per year, positive = reduction), verdict.

    by_sector_year: year, sector, verified_t_co2. A sector without emissions in the baseline or the
    chosen year, or a year not after the baseline, gets NO_VERDICT.
    """
    pivot = by_sector_year.pivot_table(index="sector", columns="year", values="verified_t_co2", aggfunc="sum")
    pivot.loc[total] = pivot.sum()
    rows = []
    for sector, series in pivot.iterrows():
        base, now = series.get(baseline_year), series.get(year)
        row = {"sector": sector, "baseline_t_co2": base, "verified_t_co2": now}
        if pd.isna(base) or pd.isna(now) or base <= 0 or now <= 0 or year <= baseline_year:
            rows.append(row | {"verdict": NO_VERDICT})
            continue
        target_2030 = float(
            target_path(targets, target_id, baseline_year, float(base)).set_index("year").loc[config.TARGET_YEAR, "target_t_co2"]
        )
        achieved = achieved_annual_reduction(base, baseline_year, now, year)
        needed = max(required_annual_reduction(now, year, target_2030), 0.0)  # 0 = already below the 2030 value
        verdict = ON_TRACK if achieved >= needed else TOO_SLOW if achieved > 0 else WRONG_WAY
        rows.append(
            row
            | {
                "change": now / base - 1,
                "target_2030_t_co2": target_2030,
                "achieved_rate": achieved,
                "needed_rate": needed,
                "verdict": verdict,
            }
        )
    columns = [
        "sector",
        "baseline_t_co2",
        "verified_t_co2",
        "change",
        "target_2030_t_co2",
        "achieved_rate",
        "needed_rate",
        "verdict",
    ]
    frame = pd.DataFrame(rows).reindex(columns=columns)
    numeric = columns[1:-1]
    frame[numeric] = frame[numeric].apply(pd.to_numeric)
    return frame


def display_table(progress: pd.DataFrame) -> pd.DataFrame:
    """The progress table as Dutch text for on screen (the CSV keeps the numbers)."""
    from monitor import formatting

    shown = progress.copy()
    for column in ("baseline_t_co2", "verified_t_co2", "target_2030_t_co2"):
        shown[column] = shown[column].map(formatting.tonnes)
    shown["change"] = shown["change"].map(formatting.percent)
    for column in ("achieved_rate", "needed_rate"):
        shown[column] = shown[column].map(lambda v: formatting.percent(v, signed=False) + " per jaar" if pd.notna(v) else "–")
    return shown


def route_shares(projects: pd.DataFrame, companies_per_sector: pd.Series) -> pd.DataFrame:
    """sector, route, companies (with a case or project on the route), sector_companies, share.

    projects: sector, route, company (one row per case or grant). companies_per_sector: Cluster 6
    companies with emissions per sector (the denominator)."""
    counted = projects.groupby(["sector", "route"])["company"].nunique().rename("companies").reset_index()
    counted["sector_companies"] = counted["sector"].map(companies_per_sector)
    counted = counted.dropna(subset=["sector_companies"])
    counted["sector_companies"] = counted["sector_companies"].astype(int)
    counted["share"] = (counted["companies"] / counted["sector_companies"]).clip(upper=1.0)
    return counted
