"""Routes: what is being done per route and how much it will deliver. Plain pandas, no SQL, no Streamlit.

Expected reduction without double counting: a case and a subsidised project of the same company on the
same route are taken to be the same project, and the larger of the two estimates counts. Stopped cases
(status 'gestopt') are not in the pipeline.
"""

from __future__ import annotations

import pandas as pd

from monitor import config

GRID = ("netcongestie", "netaansluiting")


def pipeline_by_company_route(cases: pd.DataFrame, grants: pd.DataFrame) -> pd.DataFrame:
    """company, route, sector, expected_reduction_t_co2: one row per project (company x route)."""
    live = cases[cases["status"] != "gestopt"]
    from_cases = live.groupby(["company", "route"]).agg(sector=("sector", "first"), case_t=("expected_reduction_t_co2", "sum"))
    from_grants = grants.groupby(["company", "route"]).agg(
        sector=("sector", "first"), grant_t=("expected_reduction_t_co2", "sum")
    )
    both = from_cases.join(from_grants, how="outer", lsuffix="", rsuffix="_grant")
    both["sector"] = both["sector"].fillna(both["sector_grant"])
    both["expected_reduction_t_co2"] = both[["case_t", "grant_t"]].max(axis=1).fillna(0.0)
    return both.reset_index()[["company", "route", "sector", "expected_reduction_t_co2"]]


def route_summary(cases: pd.DataFrame, grants: pd.DataFrame, routes: list[str]) -> pd.DataFrame:
    """Per route: route, companies (with a case or grant), cases, one column per case status,
    expected_reduction_t_co2 (t CO2/yr, pipeline), granted_eur, paid_eur, grid_cases, bottlenecks (top 3)."""
    table = pd.DataFrame(index=pd.Index(routes, name="route"))
    companies = pd.concat([cases[["route", "company"]], grants[["route", "company"]]]).groupby("route")["company"].nunique()
    table["companies"] = companies
    table["cases"] = cases.groupby("route").size()
    statuses = cases.pivot_table(index="route", columns="status", values="case_id", aggfunc="count")
    for status in config.CASE_STATUSES:
        table[status] = statuses[status] if status in statuses else 0
    table["expected_reduction_t_co2"] = (
        pipeline_by_company_route(cases, grants).groupby("route")["expected_reduction_t_co2"].sum()
    )
    table[["granted_eur", "paid_eur"]] = grants.groupby("route")[["granted_eur", "paid_eur"]].sum()
    table["grid_cases"] = cases[cases["bottleneck"].isin(GRID)].groupby("route").size()
    table["bottlenecks"] = cases.groupby("route")["bottleneck"].agg(
        lambda s: ", ".join(f"{name} ({count})" for name, count in s.value_counts().head(3).items())
    )
    counts = ["companies", "cases", *config.CASE_STATUSES, "grid_cases"]
    table[counts] = table[counts].fillna(0).astype(int)
    table[["expected_reduction_t_co2", "granted_eur", "paid_eur"]] = table[
        ["expected_reduction_t_co2", "granted_eur", "paid_eur"]
    ].fillna(0.0)
    table["bottlenecks"] = table["bottlenecks"].fillna("")
    return table.reset_index()


def gap(baseline_t: float, current_t: float, target_2030_t: float, expected_by_route: pd.Series) -> dict:
    """needed, realised, expected (total), missing, surplus in t CO2/yr against the baseline.

    needed = baseline - 2030 target; realised = baseline - now (negative if emissions rose);
    missing = what neither the realised nor the expected reduction covers (0 if covered)."""
    needed = baseline_t - target_2030_t
    realised = baseline_t - current_t
    expected = float(expected_by_route.sum())
    missing = max(0.0, needed - max(realised, 0.0) - expected)
    surplus = max(0.0, max(realised, 0.0) + expected - needed)
    return {"needed": needed, "realised": realised, "expected": expected, "missing": missing, "surplus": surplus}


def sector_route_matrix(cases: pd.DataFrame, grants: pd.DataFrame) -> pd.DataFrame:
    """sector, route, companies (with a case or grant), cases, grants."""
    companies = pd.concat([cases[["sector", "route", "company"]], grants[["sector", "route", "company"]]])
    out = companies.groupby(["sector", "route"])["company"].nunique().rename("companies").to_frame()
    out["cases"] = cases.groupby(["sector", "route"]).size()
    out["grants"] = grants.groupby(["sector", "route"]).size()
    return out.fillna(0).astype(int).reset_index()
