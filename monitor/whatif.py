"""Wat als: what solving cases would bring by 2030. Plain pandas/numpy, no SQL, no Streamlit (the page's
cache of these computations is monitor/whatif_model.py).

Method (stated on the page and in the README):
- **Trend**: a straight line through the logarithm of the realised emissions of the fit years (ordinary
  least squares, i.e. a constant yearly percentage change), extended to 2030. The band is the 80 %
  prediction interval of that regression (Student's t with n-2 degrees of freedom).
- **Scenario**: the chosen open cases are solved by the chosen year; from that year on their expected
  reduction (t CO2/yr, from the case files) times the realisation factor comes off the trend. We assume
  that reduction is not yet in the trend.
- **Pipeline**: the same for every open case (today's pipeline).
- **Bottlenecks** are ranked by the expected reduction of the open cases they hold back, in t CO2/yr and
  as a share of the 2030 gap (trend in 2030 minus the target path's 2030 value).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from monitor import config
from monitor.progress import TOTAL_ALL
from monitor.targets import target_path

BAND_LEVEL = 0.80
FIT_YEARS = 10  # the last ten complete years, never before 2013 (ETS phase 3 changed the scope)
# Two-sided 80 % quantiles of Student's t (0.90 one-sided) by degrees of freedom; above 30 the normal value.
_T90 = {1: 3.078, 2: 1.886, 3: 1.638, 4: 1.533, 5: 1.476, 6: 1.440, 7: 1.415, 8: 1.397, 9: 1.383, 10: 1.372}
_T90 |= {11: 1.363, 12: 1.356, 13: 1.350, 14: 1.345, 15: 1.341, 20: 1.325, 25: 1.316, 30: 1.310}
PROJECT_TYPES = config.PROJECT_TYPES


def t_quantile(df: int) -> float:
    if df > 30:
        return 1.2816
    return _T90.get(df) or _T90[max(k for k in _T90 if k <= df)]


def fit_years(last_complete: int) -> list[int]:
    return list(range(max(config.REFERENCE_YEAR, last_complete - FIT_YEARS + 1), last_complete + 1))


def trend(series: pd.Series, years: list[int], end_year: int = config.TARGET_YEAR) -> pd.DataFrame:
    """year, central, low, high (t CO2) from the year after the last fit year to `end_year`, for a series
    indexed by year; empty when fewer than 3 fit years have emissions > 0."""
    points = series.reindex(years).dropna()
    points = points[points > 0]
    if len(points) < 3:
        return pd.DataFrame(columns=["year", "central", "low", "high"])
    x = points.index.to_numpy(dtype=float)
    y = np.log(points.to_numpy(dtype=float))
    slope, intercept = np.polyfit(x, y, 1)
    residuals = y - (slope * x + intercept)
    n = len(x)
    se = math.sqrt(float((residuals**2).sum()) / (n - 2)) if n > 2 else 0.0
    sxx = float(((x - x.mean()) ** 2).sum())
    ahead = np.arange(int(x.max()) + 1, end_year + 1, dtype=float)
    central = slope * ahead + intercept
    spread = t_quantile(n - 2) * se * np.sqrt(1 + 1 / n + (ahead - x.mean()) ** 2 / sxx)
    return pd.DataFrame(
        {"year": ahead.astype(int), "central": np.exp(central), "low": np.exp(central - spread), "high": np.exp(central + spread)}
    )


def select_cases(cases: pd.DataFrame, groups: dict[str, tuple], case_ids=()) -> pd.DataFrame:
    """The open cases chosen to be solved: those in every chosen group (column -> values; an empty tuple is
    no condition), plus the cases named one by one. With no group and no name chosen, nothing is selected."""
    chosen = {column: values for column, values in groups.items() if values}
    by_group = pd.Series(bool(chosen), index=cases.index)
    for column, values in chosen.items():
        by_group &= cases[column].isin(values)
    return cases[by_group | cases["case_id"].isin(case_ids)]


def reduction_by_sector(cases: pd.DataFrame, factor: float) -> pd.Series:
    """t CO2/yr per sector: expected reduction of `cases` times the realisation factor (unknown = 0)."""
    return cases.groupby("sector")["expected_reduction_t_co2"].sum(min_count=1).fillna(0.0) * factor


def projection_table(
    by_sector_year: pd.DataFrame,
    targets: pd.DataFrame,
    target_id: str,
    baseline_year: int,
    last_complete: int,
    solved: pd.DataFrame,
    pipeline: pd.DataFrame,
    factor: float,
    solve_year: int,
) -> pd.DataFrame:
    """One row per sector and 'Cluster 6 totaal' last: sector, baseline_t, realised_t (last complete
    year), trend_2030_t, trend_low_t, trend_high_t, pipeline_2030_t (trend minus the whole pipeline),
    scenario_reduction_t, scenario_2030_t, target_2030_t, gap_2030_t (scenario minus target; > 0 = short)."""
    pivot = by_sector_year.pivot_table(index="year", columns="sector", values="verified_t_co2", aggfunc="sum")
    pivot[TOTAL_ALL] = pivot.sum(axis=1, min_count=1)
    years = fit_years(last_complete)
    counts = solve_year <= config.TARGET_YEAR
    scenario = reduction_by_sector(solved, factor) if counts else pd.Series(dtype=float)
    everything = reduction_by_sector(pipeline, factor)
    rows = []
    for sector in pivot.columns:
        series = pivot[sector]
        projected = trend(series, years)
        at_2030 = projected.set_index("year").loc[config.TARGET_YEAR] if not projected.empty else None
        base = series.get(baseline_year)
        total = sector == TOTAL_ALL
        cut = float(scenario.sum() if total else scenario.get(sector, 0.0))
        all_cut = float(everything.sum() if total else everything.get(sector, 0.0))
        target = None
        if base is not None and pd.notna(base) and base > 0:
            path = target_path(targets, target_id, baseline_year, float(base)).set_index("year")
            target = float(path.loc[config.TARGET_YEAR, "target_t_co2"])
        central = float(at_2030["central"]) if at_2030 is not None else None
        rows.append(
            {
                "sector": sector,
                "baseline_t": base,
                "realised_t": series.get(last_complete),
                "trend_2030_t": central,
                "trend_low_t": float(at_2030["low"]) if at_2030 is not None else None,
                "trend_high_t": float(at_2030["high"]) if at_2030 is not None else None,
                "pipeline_2030_t": max(central - all_cut, 0.0) if central is not None else None,
                "scenario_reduction_t": cut,
                "scenario_2030_t": max(central - cut, 0.0) if central is not None else None,
                "target_2030_t": target,
            }
        )
    table = pd.DataFrame(rows)
    table["gap_2030_t"] = table["scenario_2030_t"] - table["target_2030_t"]
    order = [s for s in config.SECTORS if s in set(table["sector"])] + [TOTAL_ALL]
    return table.set_index("sector").loc[order].reset_index()


def bottleneck_ranking(open_cases: pd.DataFrame, factor: float, gap_2030_t: float | None) -> pd.DataFrame:
    """bottleneck, cases, cases_without_estimate, reduction_t (expected t CO2/yr held back, times the
    realisation factor), share_of_gap (of the 2030 gap; NULL when there is no gap), sample_cases:
    largest first."""
    if open_cases.empty:
        return pd.DataFrame(
            columns=["bottleneck", "cases", "cases_without_estimate", "reduction_t", "share_of_gap", "sample_cases"]
        )
    grouped = open_cases.groupby("bottleneck")
    table = pd.DataFrame(
        {
            "cases": grouped.size(),
            "cases_without_estimate": grouped["expected_reduction_t_co2"].apply(lambda s: int(s.isna().sum())),
            "reduction_t": grouped["expected_reduction_t_co2"].sum(min_count=1).fillna(0.0) * factor,
            "sample_cases": grouped["is_sample"].sum().astype(int),
        }
    )
    table["share_of_gap"] = table["reduction_t"] / gap_2030_t if gap_2030_t and gap_2030_t > 0 else np.nan
    table = table.reset_index().sort_values(["reduction_t", "cases"], ascending=[False, False], ignore_index=True)
    return table[["bottleneck", "cases", "cases_without_estimate", "reduction_t", "share_of_gap", "sample_cases"]]


def paths(
    realised: pd.Series,
    projected: pd.DataFrame,
    solved_cut: float,
    pipeline_cut: float,
    solve_year: int,
    target: pd.DataFrame | None,
) -> pd.DataFrame:
    """year, realised, trend, low, high, scenario, pipeline, target (t CO2): the lines of the chart for
    Cluster 6. Scenario and pipeline start at the solve year (the pipeline's cases solved then as well)."""
    frame = pd.DataFrame({"realised": realised})
    frame.index.name = "year"
    if not projected.empty:
        ahead = projected.set_index("year")
        frame = frame.join(ahead.rename(columns={"central": "trend"}), how="outer")
        step = (frame.index >= solve_year).astype(float)
        frame["scenario"] = (frame["trend"] - solved_cut * step).clip(lower=0)
        frame["pipeline"] = (frame["trend"] - pipeline_cut * step).clip(lower=0)
    if target is not None:
        frame = frame.join(target.set_index("year")["target_t_co2"].rename("target"), how="outer")
    return frame.reset_index()
