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


def gap(needed: float, components: dict, expected_by_route: pd.Series, *, expected_is_sample: bool) -> dict:
    """The 2030 gap in t CO2/yr against the baseline, split by where each part comes from.

    needed: baseline minus the 2030 value of the target path. components: queries.emissions.change_components.
    Keys: needed; operating (reduction at installations that still operate), closed (baseline emissions of
    installations that closed or left the ETS), entered (emissions of installations new since the baseline,
    counted against the reduction), not_reported (baseline emissions of installations without a figure yet:
    unknown, never counted as reduction); realised = operating + closed - entered; expected (pipeline total)
    and expected_real (0 when the pipeline is sample data: sample data is never netted against a real gap);
    missing = needed - realised - expected_real (0 if covered); missing_operating = the same without
    closures; missing_with_pipeline = needed - realised - expected (what the sample pipeline would leave);
    surplus = what real reductions cover beyond the need.
    """
    operating = float(components["operating_reduction"])
    closed = float(components["closed_t"])
    entered = float(components["entered_t"])
    realised = operating + closed - entered
    expected = float(expected_by_route.sum())
    expected_real = 0.0 if expected_is_sample else expected
    covered = max(realised, 0.0) + expected_real
    return {
        "needed": needed,
        "operating": operating,
        "closed": closed,
        "closed_count": int(components["closed"]),
        "entered": entered,
        "not_reported": float(components["not_reported_t"]),
        "not_reported_count": int(components["not_reported"]),
        "realised": realised,
        "expected": expected,
        "expected_is_sample": expected_is_sample,
        "expected_real": expected_real,
        "missing": max(0.0, needed - covered),
        "missing_operating": max(0.0, needed - max(operating - entered, 0.0) - expected_real),
        "missing_with_pipeline": max(0.0, needed - max(realised, 0.0) - expected),
        "surplus": max(0.0, covered - needed),
    }


def missing_headline_parts(result: dict, *, year: int, incomplete: bool) -> tuple[str, str | None]:
    """The 'Ontbreekt nog' headline as (value, qualifier). It never reads as 'target met' on an incomplete
    year, on closures alone or on a sample pipeline (the sample pipeline is not in `missing` at all)."""
    from monitor import formatting

    if result["missing"] > 0:
        return f"{formatting.tonnes(result['missing'])}/jaar", f"voorlopig: {year} is onvolledig" if incomplete else None
    if incomplete:
        return "niet vast te stellen", f"{year} is onvolledig"
    if result["missing_operating"] > 0:
        return (
            "alleen gedekt door sluitingen",
            f"bij draaiende installaties ontbreekt {formatting.tonnes(result['missing_operating'])}/jaar",
        )
    return "gedekt door gerealiseerde reductie", None


def missing_headline(result: dict, *, year: int, incomplete: bool) -> str:
    """missing_headline_parts as one text: 'value (qualifier)'."""
    value, qualifier = missing_headline_parts(result, year=year, incomplete=incomplete)
    return f"{value} ({qualifier})" if qualifier else value


def pipeline_gap_table(result: dict, expected_by_route: pd.Series) -> pd.DataFrame:
    """onderdeel, t_co2_per_jaar, voorbeelddata: the data of the pipeline-vs-gap chart, first the real
    parts (need and realised split by origin), then the pipeline per route, then what is missing."""
    rows = [
        ("nodig", result["needed"], False),
        ("gerealiseerd bij draaiende installaties", result["operating"], False),
        ("gerealiseerd door sluiting of vertrek uit het ETS", result["closed"], False),
        ("uitstoot nieuwkomers (telt tegen)", -result["entered"], False),
        ("onbekend: nog niet gerapporteerd", result["not_reported"], False),
        *[(f"verwacht: {route}", float(t), result["expected_is_sample"]) for route, t in expected_by_route.items()],
        ("ontbreekt nog (zonder voorbeelddata)", result["missing"], False),
        ("ontbreekt nog met de pijplijn", result["missing_with_pipeline"], result["expected_is_sample"]),
    ]
    return pd.DataFrame(rows, columns=["onderdeel", "t_co2_per_jaar", "voorbeelddata"])


def sector_route_matrix(cases: pd.DataFrame, grants: pd.DataFrame) -> pd.DataFrame:
    """sector, route, companies (with a case or grant), cases, grants."""
    companies = pd.concat([cases[["sector", "route", "company"]], grants[["sector", "route", "company"]]])
    out = companies.groupby(["sector", "route"])["company"].nunique().rename("companies").to_frame()
    out["cases"] = cases.groupby(["sector", "route"]).size()
    out["grants"] = grants.groupby(["sector", "route"]).size()
    return out.fillna(0).astype(int).reset_index()
