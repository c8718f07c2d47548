"""Gather the report's inputs (monitor.report.Inputs) from the query functions for one choice of year,
baseline and target path, within the sidebar selection. The Rapportage page calls it for the letter, and
again with an earlier letter's choices to see whether new data has revised what that letter reported."""

from __future__ import annotations

from monitor import config, report, selection
from monitor.access import Viewer
from monitor.cache import per_data_version
from monitor.progress import total_label
from monitor.queries import cases, emissions, meta, sectors, subsidies
from monitor.queries import routes as route_queries


def gather(chosen, viewer: Viewer, year: int, baseline_year: int, target_id: str) -> report.Inputs | None:
    """The inputs for `year`, `baseline_year` and `target_id` in the selection `chosen` (filters.current());
    None when the selection has no emissions in `year`."""
    targets = meta.targets()
    names = targets.loc[targets["target_id"] == target_id, "target_name"]
    if names.empty:
        return None
    by_year = sectors.by_sector_year(baseline_year, year, provinces=chosen.provinces)
    by_year = by_year[by_year["sector"].isin(chosen.sector_list())]
    if by_year[by_year["year"] == year].empty:
        return None
    return report.Inputs(
        year=year,
        baseline_year=baseline_year,
        target_id=target_id,
        target_name=names.iloc[0],
        by_sector_year=by_year,
        counts=emissions.cluster6_year(year, chosen.sectors, chosen.provinces),
        completeness=emissions.completeness(),
        targets=targets,
        case_table=cases.case_table(viewer, chosen),
        lead_times=cases.lead_times(viewer, chosen),
        actieplan_by_year=subsidies.actieplan_by_year(viewer),
        actieplan_sample_rows=int(subsidies.actieplan_spend(viewer).iloc[0]["sample_rows"]),
        budget=meta.budgets().set_index("budget_id").loc["actieplan_cluster6"].to_dict(),
        cases=selection.projects(route_queries.cases(viewer), chosen),
        grants=selection.projects(route_queries.grants(viewer), chosen),
        components=emissions.change_components(baseline_year, year, chosen.sectors, chosen.provinces),
        routes=tuple(chosen.routes or config.ROUTES),
        total_label=total_label(chosen.sectors, chosen.provinces),
        selection=report.selection_text(chosen.sectors, chosen.provinces, chosen.routes, chosen.statuses),
    )


@per_data_version(resource=True)  # kept as is: the report's inputs and figures are read, never changed
def built(
    chosen, viewer: Viewer, year: int, baseline_year: int, target_id: str
) -> tuple[report.Inputs | None, report.Report | None]:
    """(gather(...), report.build of it), once per data version and choices: a rerun recounts nothing."""
    inputs = gather(chosen, viewer, year, baseline_year, target_id)
    return inputs, (report.build(inputs) if inputs is not None else None)
