"""Everything the action-line views need on one reference date, gathered from the query functions.

Used by the page Actielijnen, the count on Overzicht and the section in Rapportage, so all three show the
same figures. Cases and subsidies go through the viewer (a company sees its own); regional groups come
from monitor.regions; loaded indicators that count companies are suppressed for a company below
MIN_COMPANIES (access.suppress_small). No Streamlit here, except that the results are cached per data
version and arguments (monitor.cache): a rerun does not regroup the regions or recount the cases.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import pandas as pd

from monitor import action_lines, action_measures, formatting
from monitor.access import MIN_COMPANIES, SUPPRESSED, Viewer, suppress_small
from monitor.cache import per_data_version
from monitor.queries import actions, cases, geo, subsidies
from monitor.regions import region_groups


@dataclass
class ActionStatus:
    on: dt.date
    viewer: Viewer
    milestones: pd.DataFrame  # action_measures.milestones_on
    verdicts: pd.DataFrame  # action_measures.line_verdicts
    computed: dict  # indicator_id -> (value, is_sample)
    loaded: pd.DataFrame  # queries.actions.indicator_values, suppressed for a company where it counts < 3
    participation: pd.DataFrame  # action_measures.participation_on, only rows the viewer may see

    @property
    def behind(self) -> int:
        return int((self.verdicts["verdict"] == action_lines.BEHIND).sum())

    @property
    def has_sample(self) -> bool:
        return (
            bool(self.milestones["is_sample"].any())
            or bool(self.loaded["is_sample"].astype(bool).any())
            or any(sample for _, sample in self.computed.values())
        )

    def own_values(self) -> dict[str, float]:
        """indicator_id -> the viewer's own company's current value (a company viewer only)."""
        if self.viewer.sees_all or self.participation.empty:
            return {}
        mine = self.participation[self.participation["company"] == self.viewer.company]
        return mine.groupby("item_id")["value"].sum().to_dict()

    def indicators(self, line_id: str, source_of: dict[str, str]) -> pd.DataFrame:
        table = action_measures.indicator_table(line_id, self.computed, self.loaded, source_of)
        # Disclosure rule (README, "Who sees what"): an aggregate over fewer than 3 companies says '< 3 bedrijven'
        # to a company; the company's own part of it is never hidden and says 'uw bedrijf'.
        hidden = table["text"] == SUPPRESSED
        table.loc[hidden, "source"] = f"telling over minder dan {MIN_COMPANIES} bedrijven: voor bedrijven niet getoond"
        own = self.own_values()
        for index in table.index[hidden]:
            indicator_id = INDICATOR_ID_BY_LABEL.get(table.at[index, "indicator"])
            if indicator_id in own:
                table.at[index, "text"] = f"{SUPPRESSED} (waarvan uw bedrijf: {formatting.number(own[indicator_id])})"
        if not self.viewer.sees_all:  # cases and subsidies are the company's own
            own = table["indicator"].isin(OWN_ONLY_LABELS)
            table.loc[own, "text"] = table.loc[own, "text"] + " (uw bedrijf)"
        return table


INDICATOR_ID_BY_LABEL = {i.label: i.indicator_id for i in action_lines.INDICATORS}
OWN_ONLY_LABELS = {
    action_lines.INDICATOR_BY_ID[i].label
    for i in ("cas_aangemeld", "cas_opgelost", "cas_doorlooptijd", "fin_vragen", "pil_subsidie")
}


@per_data_version()
def regions(year: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(members, groups) of the regioaanpak: Cluster 6 installations with emissions in `year` and their
    own coordinates, grouped within REGION_DISTANCE_KM (monitor.regions, as on the map without filters)."""
    points = geo.installations_for_map(year, year)
    points = points[points["in_cluster6"] & (points["verified_t_co2"] > 0) & points["lat"].notna()]
    return region_groups(points, action_lines.REGION_DISTANCE_KM)


@per_data_version()
def verdicts_on(viewer: Viewer, on: dt.date) -> pd.DataFrame:
    """action_measures.line_verdicts on `on`, without the indicators (for the count on Overzicht)."""
    return action_measures.line_verdicts(action_measures.milestones_on(actions.milestone_rows(viewer), on))


@per_data_version()
def late_milestones(viewer: Viewer, on: dt.date) -> pd.DataFrame:
    """The milestones 'vertraagd' on `on` (columns of action_measures.milestones_on), most days late first."""
    milestones = action_measures.milestones_on(actions.milestone_rows(viewer), on)
    return milestones[milestones["status"] == "vertraagd"].sort_values("days_late", ascending=False)


@per_data_version()
def gather(viewer: Viewer, filters, on: dt.date) -> ActionStatus:
    """The state of every action line on `on`; the sidebar year picks the regions' emission year, the other
    sidebar filters do not apply (the programme as a whole)."""
    everything = dataclasses.replace(filters, sectors=(), provinces=(), routes=(), statuses=())
    milestones = action_measures.milestones_on(actions.milestone_rows(viewer), on)
    members, groups = regions(filters.year)
    grants = subsidies.by_instrument_year(viewer, everything)
    grants = grants.assign(is_sample=grants["sample_rows"] > 0)
    computed = action_measures.computed_values(
        on, cases.case_table(viewer, everything), cases.lead_times(viewer, everything), grants, groups, members
    )
    loaded = actions.indicator_values(on)
    per_company = [i.indicator_id for i in action_lines.INDICATORS if i.per_company]
    counted = loaded["item_id"].isin(per_company)
    loaded = pd.concat([suppress_small(loaded[counted], viewer, "companies", ("value", "rows")), loaded[~counted]]).reset_index(
        drop=True
    )
    participation = action_measures.participation_on(actions.participation_rows(viewer), on)
    return ActionStatus(on, viewer, milestones, action_measures.line_verdicts(milestones), computed, loaded, participation)
