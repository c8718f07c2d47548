"""What the Routes page computes from the cases and subsidy projects of a selection, once per data
version, viewer and filters (pages/routes.py only draws it): a rerun does not regroup every case."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from monitor import config, selection
from monitor.access import Viewer
from monitor.cache import per_data_version
from monitor.charts import routes as charts
from monitor.filters import Filters
from monitor.pipeline import pipeline_by_company_route, route_summary, sector_route_matrix
from monitor.queries import routes as queries


@dataclass(frozen=True)
class RoutesData:
    empty: bool  # no case and no project in the selection
    routes: list[str]
    summary: pd.DataFrame  # monitor.pipeline.route_summary
    companies: int  # with a case or a project
    cases: int
    open_cases: int
    granted_eur: float
    paid_eur: float
    expected_by_route: pd.Series  # t CO2/yr per route (pipeline, no double counting), every route
    sample: bool  # any case or project is sample data
    sectors: list[str]  # sectors with a case or project, in config order
    matrix: pd.DataFrame  # monitor.pipeline.sector_route_matrix
    flows: pd.DataFrame | None  # from, to, cases (sector -> route, route -> status); None without cases
    sankey: go.Figure | None  # the flows drawn; None without cases


@per_data_version(resource=True)  # kept as is (frames and a figure): callers read it, never change it
def routes_data(viewer: Viewer, chosen: Filters) -> RoutesData:
    cases = selection.projects(queries.cases(viewer), chosen)
    grants = selection.projects(queries.grants(viewer), chosen)
    routes = list(chosen.routes or config.ROUTES)
    present = set(cases["sector"]) | set(grants["sector"])  # built once, not once per sector
    sectors = [s for s in config.SECTORS if s in present]
    flows = sankey = None
    if not cases.empty:
        case_statuses, case_sectors = set(cases["status"]), set(cases["sector"])
        statuses = [s for s in config.CASE_STATUSES if s in case_statuses]
        sankey = charts.sector_route_status_sankey(cases, [s for s in sectors if s in case_sectors], routes, statuses)
        flows = pd.concat(
            [
                cases.groupby(["sector", "route"])
                .size()
                .rename("cases")
                .reset_index()
                .rename(columns={"sector": "from", "route": "to"}),
                cases.groupby(["route", "status"])
                .size()
                .rename("cases")
                .reset_index()
                .rename(columns={"route": "from", "status": "to"}),
            ]
        )
    return RoutesData(
        empty=cases.empty and grants.empty,
        routes=routes,
        summary=route_summary(cases, grants, routes),
        companies=int(pd.concat([cases["company"], grants["company"]]).nunique()),
        cases=len(cases),
        open_cases=int(cases["status"].isin(["aangemeld", "intake", "in behandeling"]).sum()),
        granted_eur=float(grants["granted_eur"].sum()),
        paid_eur=float(grants["paid_eur"].sum()),
        expected_by_route=(
            pipeline_by_company_route(cases, grants)
            .groupby("route")["expected_reduction_t_co2"]
            .sum()
            .reindex(routes)
            .fillna(0.0)
        ),
        sample=bool(pd.concat([cases["is_sample"], grants["is_sample"]]).fillna(False).astype(bool).any()),
        sectors=sectors,
        matrix=sector_route_matrix(cases, grants),
        flows=flows,
        sankey=sankey,
    )
