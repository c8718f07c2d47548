"""Target paths from the targets table: plain functions, no SQL, no Streamlit."""

from __future__ import annotations

import itertools

import pandas as pd

from monitor import config


def target_path(
    targets: pd.DataFrame, target_id: str, baseline_year: int, baseline_t: float, end_year: int = config.TARGET_YEAR
) -> pd.DataFrame:
    """year, target_t_co2 from the baseline year to `end_year` for one target series.

    annual_reduction: each year after the baseline takes that year's fraction of the baseline off
    (the EU ETS linear reduction factor, applied to the Cluster 6 baseline).
    milestone_reduction: straight lines from the baseline (0 % reduction) through each milestone.
    """
    series = targets[targets["target_id"] == target_id].sort_values("year")
    if series.empty:
        raise KeyError(target_id)
    years = list(range(baseline_year, end_year + 1))
    kind = series["kind"].iloc[0]
    if kind == "annual_reduction":
        rates = dict(zip(series["year"], series["value"], strict=True))
        reduction, values = 0.0, []
        for year in years:
            if year > baseline_year:
                reduction += rates.get(year, 0.0)
            values.append(baseline_t * (1 - reduction))
    else:
        points = [(baseline_year, 0.0)] + [
            (int(y), float(v)) for y, v in zip(series["year"], series["value"], strict=True) if y > baseline_year
        ]
        values = []
        for year in years:
            values.append(baseline_t * (1 - _interpolate(points, year)))
    return pd.DataFrame({"year": years, "target_t_co2": values})


def _interpolate(points: list[tuple[int, float]], year: int) -> float:
    for (y0, v0), (y1, v1) in itertools.pairwise(points):
        if y0 <= year <= y1:
            return v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    return points[-1][1] if year > points[-1][0] else 0.0


def required_annual_reduction(
    current_t: float, current_year: int, target_t: float, target_year: int = config.TARGET_YEAR
) -> float:
    """Average yearly fractional reduction needed from the current value to reach the target value."""
    if current_t <= 0 or target_year <= current_year:
        return 0.0
    return 1 - (max(target_t, 0.0) / current_t) ** (1 / (target_year - current_year))


def achieved_annual_reduction(baseline_t: float, baseline_year: int, current_t: float, current_year: int) -> float:
    """Average yearly fractional reduction achieved between the baseline and now (compound)."""
    if baseline_t <= 0 or current_year <= baseline_year:
        return 0.0
    return 1 - (current_t / baseline_t) ** (1 / (current_year - baseline_year))
