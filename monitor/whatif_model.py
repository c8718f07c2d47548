"""What the Wat als page computes, once per data version, viewer and scenario (pages/watals.py only draws
it): what the page needs to know of the open cases, the table per sector, the chart's lines and the
bottleneck ranking. The arguments are plain values (the scenario is a small frozen dataclass): when the
frames were the arguments, Streamlit hashed every open case on every run (20,000 at EU scale: 17 of the
run's 66 ms), and the check of case codes typed by the reader went through every code in Python (8 ms)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from monitor import whatif
from monitor.access import Viewer
from monitor.cache import per_data_version
from monitor.progress import TOTAL_ALL
from monitor.queries import meta, sectors
from monitor.queries import whatif as queries
from monitor.targets import target_path


@dataclass(frozen=True)
class Scenario:
    groups: tuple[tuple[str, tuple], ...]  # (column, chosen values): the cases in every chosen group are solved
    named: tuple[str, ...]  # and these cases, named one by one
    factor: float  # the share of their expected reduction that is realised
    solve_year: int  # solved before this year


@dataclass(frozen=True)
class OpenCases:
    count: int
    provinces: tuple[str, ...]
    sample: bool  # any of them sample data


@per_data_version()
def open_cases(viewer: Viewer) -> OpenCases:
    cases = queries.open_cases(viewer)
    return OpenCases(len(cases), tuple(sorted(cases["province"].dropna().unique())), bool(cases["is_sample"].any()))


@per_data_version()
def unknown(viewer: Viewer, named: tuple[str, ...]) -> list[str]:
    """The case codes in `named` that are not an open case the viewer may see, sorted."""
    ids = queries.open_cases(viewer)["case_id"]
    return sorted(set(named) - set(ids[ids.isin(named)]))


def _by_year(baseline_year: int, last: int) -> pd.DataFrame:
    by_year = sectors.by_sector_year(baseline_year, last)
    return by_year[by_year["year"] <= last]


@per_data_version()
def projection(viewer: Viewer, scenario: Scenario, baseline_year: int, last: int, target_id: str) -> tuple[pd.DataFrame, int]:
    """(whatif.projection_table of the scenario, the number of cases it solves)."""
    cases = queries.open_cases(viewer)
    solved = whatif.select_cases(cases, dict(scenario.groups), scenario.named)
    table = whatif.projection_table(
        _by_year(baseline_year, last),
        meta.targets(),
        target_id,
        baseline_year,
        last,
        solved,
        cases,
        scenario.factor,
        scenario.solve_year,
    )
    return table, len(solved)


@per_data_version()
def lines(viewer: Viewer, scenario: Scenario, baseline_year: int, last: int, target_id: str) -> pd.DataFrame:
    """whatif.paths for Cluster 6 as a whole: the chart's lines."""
    series = _by_year(baseline_year, last).groupby("year")["verified_t_co2"].sum()
    base_total = series.get(baseline_year)
    path = target_path(meta.targets(), target_id, baseline_year, float(base_total)) if base_total else None
    table, _ = projection(viewer, scenario, baseline_year, last, target_id)
    solved_cut = float(table.set_index("sector").loc[TOTAL_ALL, "scenario_reduction_t"])
    pipeline_cut = float(whatif.reduction_by_sector(queries.open_cases(viewer), scenario.factor).sum())
    projected = whatif.trend(series, whatif.fit_years(last))
    return whatif.paths(series, projected, solved_cut, pipeline_cut, scenario.solve_year, path)


@per_data_version()
def ranking(viewer: Viewer, factor: float, gap_2030_t: float | None) -> pd.DataFrame:
    """whatif.bottleneck_ranking of every open case the viewer may see."""
    return whatif.bottleneck_ranking(queries.open_cases(viewer), factor, gap_2030_t)
