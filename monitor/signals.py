"""Signalen: every rule-based signal in one table, each with its reason, its size and a link.

Rules (norms and thresholds from the signal_norms table; see the README):
- status_te_lang: an open case is longer in its status than that status's norm;
- netcongestie: an open case blocked by grid congestion/connection in a province whose congestion for
  offtake got worse since the earlier status;
- uitstoot_stijgt: an installation's emissions rose by more than the threshold against both the
  baseline and the previous year;
- sector_van_koers: a sector that was on track in the previous year and is off track now;
- subsidie_niet_betaald / betaling_loopt_achter: a grant without any payment after the norm, or whose
  paid share lags the share expected after the time elapsed;
- niet_gerapporteerd / gestopt: an installation that emitted recently but has no verified figure for
  the latest registry year (reported late, or stopped);
- actielijn_achter: a milestone of an Actieplan 2.0 action line past its planned date and not finished
  (ministry and regisseur; the page Actielijnen shows the lines to everyone).
A company sees only the signals about its own installations, cases and grants (no sector signals).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from monitor import action_status, db, formatting
from monitor.access import Viewer
from monitor.action_lines import LINE_NAMES
from monitor.cache import per_data_version
from monitor.filters import Filters
from monitor.progress import ON_TRACK, sector_progress
from monitor.queries import meta, sectors, signals
from monitor.search_box import profile_url

RULES = {
    "status_te_lang": "Casus te lang in één status",
    "netcongestie": "Netcongestie verergerd",
    "uitstoot_stijgt": "Uitstoot stijgt",
    "sector_van_koers": "Sector van koers af",
    "subsidie_niet_betaald": "Subsidie toegekend, niet betaald",
    "betaling_loopt_achter": "Betaling loopt achter",
    "niet_gerapporteerd": "Laatste jaar niet gerapporteerd",
    "gestopt": "Gestopt met rapporteren",
    "actielijn_achter": "Actielijn achter op schema",
}
COLUMNS = [
    "rule",
    "title",
    "subject",
    "label",
    "company",
    "sector",
    "province",
    "reason",
    "size",
    "size_label",
    "link",
    "assumed",
    "is_sample",
]


def _link(installation_id, company) -> str:
    if isinstance(installation_id, str) and installation_id:
        return profile_url("installatie", installation_id)
    return profile_url("bedrijf", company)


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["title"] = frame["rule"].map(RULES)
    return frame


def _assumed(flag: bool) -> str:
    return " (aanname)" if flag else ""


def case_signals(viewer: Viewer, today: dt.date | None = None) -> pd.DataFrame:
    rows = []
    for r in signals.stuck_cases(viewer, today).itertuples():
        reason = (
            f"{int(r.days_in_status)} dagen in status '{r.status}' sinds {r.status_since:%d-%m-%Y}; "
            f"norm {int(r.norm_days)} dagen{_assumed(r.norm_assumed)}"
        )
        if r.date_estimated:
            reason += "; datum in de statushistorie aangenomen"
        rows.append(
            dict(
                rule="status_te_lang",
                subject=r.case_id,
                label=f"{r.case_id} · {r.company}",
                company=r.company,
                sector=r.sector,
                province=r.province,
                reason=reason + f"; knelpunt {r.bottleneck}",
                size=float(r.days_in_status - r.norm_days),
                size_label=f"{int(r.days_in_status - r.norm_days)} dagen over de norm",
                link=_link(r.installation_id, r.company),
                assumed=bool(r.norm_assumed or r.date_estimated),
                is_sample=bool(r.is_sample),
            )
        )
    for r in signals.grid_cases(viewer).itertuples():
        reason = (
            f"knelpunt {r.bottleneck}, status '{r.status}'; congestie voor afname in {r.province} van "
            f"'{r.offtake_before}' ({r.as_of_before}) naar '{r.offtake_now}' ({r.as_of_now})"
        )
        if r.congestion_sample:
            reason += "; congestiestand is een voorbeeldwaarde"
        rows.append(
            dict(
                rule="netcongestie",
                subject=r.case_id,
                label=f"{r.case_id} · {r.company}",
                company=r.company,
                sector=r.sector,
                province=r.province,
                reason=reason,
                size=r.expected_reduction_t_co2,
                size_label=f"{formatting.tonnes(r.expected_reduction_t_co2)}/jaar verwachte reductie"
                if pd.notna(r.expected_reduction_t_co2)
                else "reductie onbekend",
                link=_link(r.installation_id, r.company),
                assumed=False,
                is_sample=bool(r.is_sample or r.congestion_sample),
            )
        )
    return _frame(rows)


def grant_signals(viewer: Viewer, today: dt.date | None = None) -> pd.DataFrame:
    rows = []
    for r in signals.grant_signals(viewer, today).itertuples():
        if r.rule == "grant_unpaid":
            rule = "subsidie_niet_betaald"
            reason = (
                f"{formatting.euro(r.granted_eur)} toegekend in {r.granted_year} ({r.instrument}); na {int(r.months_since)} "
                f"maanden nog niets betaald; norm {int(r.months)} maanden (aanname; toekenning op 1 juli aangenomen)"
            )
        else:
            rule = "betaling_loopt_achter"
            reason = (
                f"{formatting.percent(r.paid_share, 0, signed=False)} betaald van {formatting.euro(r.granted_eur)} ({r.instrument}); "
                f"na {int(r.months_since)} maanden verwacht {formatting.percent(r.expected_share, 0, signed=False)} "
                f"bij {int(r.duration)} jaar looptijd (aanname); drempel {formatting.percent(r.max_lag, 0, signed=False)}-punt"
            )
        rows.append(
            dict(
                rule=rule,
                subject=r.grant_id,
                label=f"{r.grant_id} · {r.company}",
                company=r.company,
                sector=r.sector,
                province=r.province,
                reason=reason,
                size=float(r.granted_eur - r.paid_eur),
                size_label=f"{formatting.euro(r.granted_eur - r.paid_eur)} niet betaald",
                link=_link(r.installation_id, r.company),
                assumed=True,
                is_sample=bool(r.is_sample),
            )
        )
    return _frame(rows)


def installation_signals(chosen: Filters) -> pd.DataFrame:
    rows = []
    for r in signals.emission_rises(chosen.year, chosen.baseline_year).itertuples():
        rows.append(
            dict(
                rule="uitstoot_stijgt",
                subject=r.installation_id,
                label=r.name,
                company=r.company,
                sector=r.sector,
                province=r.province,
                reason=(
                    f"{formatting.tonnes(r.now_t)} in {chosen.year}: {formatting.percent(r.now_t / r.previous_t - 1)} t.o.v. "
                    f"{chosen.year - 1} en {formatting.percent(r.now_t / r.baseline_t - 1)} t.o.v. {chosen.baseline_year}; "
                    f"drempel {formatting.percent(r.min_fraction, 0, signed=False)} (aanname)"
                ),
                size=float(r.now_t - r.previous_t),
                size_label=f"+{formatting.tonnes(r.now_t - r.previous_t)} t.o.v. {chosen.year - 1}",
                link=_link(r.installation_id, r.company),
                assumed=True,
                is_sample=False,
            )
        )
    for r in signals.reporting_gaps().itertuples():
        late = r.latest_status == "not reported"
        rows.append(
            dict(
                rule="niet_gerapporteerd" if late else "gestopt",
                subject=r.installation_id,
                label=r.name,
                company=r.company,
                sector=r.sector,
                province=r.province,
                reason=(
                    f"geen geverifieerd cijfer voor {r.latest_year}"
                    + (
                        " (nog niet gerapporteerd op de uittrekdatum)"
                        if late
                        else " en geen registerregel: gestopt of uit het ETS"
                    )
                    + f"; laatste uitstoot {formatting.tonnes(r.last_t_co2)} in {r.last_year}"
                ),
                size=r.last_t_co2,
                size_label=f"{formatting.tonnes(r.last_t_co2)} in {r.last_year}",
                link=_link(r.installation_id, r.company),
                assumed=False,
                is_sample=False,
            )
        )
    return _frame(rows)


def sector_signals(chosen: Filters) -> pd.DataFrame:
    """Sectors on track (as on Sectoren) in the previous year and off track in the chosen year."""
    by_year = sectors.by_sector_year(chosen.baseline_year, chosen.year, provinces=chosen.provinces)
    targets = meta.targets()
    if chosen.year - 1 <= chosen.baseline_year:
        return _frame([])
    now = sector_progress(by_year, targets, chosen.target_id, chosen.baseline_year, chosen.year).set_index("sector")
    before = sector_progress(by_year, targets, chosen.target_id, chosen.baseline_year, chosen.year - 1).set_index("sector")
    rows = []
    for sector, row in now.iterrows():
        if sector == "Cluster 6 totaal" or sector not in before.index:
            continue
        if before.loc[sector, "verdict"] == ON_TRACK and row["verdict"] not in (ON_TRACK, "geen oordeel"):
            lag = row["needed_rate"] - row["achieved_rate"]
            rows.append(
                dict(
                    rule="sector_van_koers",
                    subject=sector,
                    label=sector,
                    company=None,
                    sector=sector,
                    province=None,
                    reason=(
                        f"{chosen.year - 1}: op koers; {chosen.year}: {row['verdict']} (bereikt "
                        f"{formatting.percent(row['achieved_rate'], signed=False)} per jaar sinds {chosen.baseline_year}, "
                        f"nodig {formatting.percent(row['needed_rate'], signed=False)} per jaar tot 2030)"
                    ),
                    size=float(lag),
                    size_label=f"{formatting.number(lag * 100, 1)} procentpunt per jaar achter",
                    link=f"/sectoren?detail={sector}",
                    assumed=False,
                    is_sample=False,
                )
            )
    return _frame(rows)


def action_line_signals(viewer: Viewer, on: dt.date | None = None) -> pd.DataFrame:
    """Actieplan 2.0: one signal per milestone past its planned date and not finished (page Actielijnen)."""
    late = action_status.late_milestones(viewer, on or dt.date.today())
    rows = [
        dict(
            rule="actielijn_achter",
            subject=LINE_NAMES[r.action_line],
            label=r.label,
            company=None,
            sector=None,
            province=None,
            reason=f"gepland {r.planned_on:%d-%m-%Y}, niet afgerond (gemeld: {r.reported_status})",
            size=float(r.days_late),
            size_label=f"{int(r.days_late)} dagen te laat",
            link="/actielijnen",
            assumed=False,
            is_sample=bool(r.is_sample),
        )
        for r in late.itertuples()
    ]
    return _frame(rows)


def collect(viewer: Viewer, chosen: Filters) -> pd.DataFrame:
    """Every signal the viewer may see in the chosen sectors and provinces, one row each (COLUMNS).
    Computed once per data version, day (case ages count in days), viewer and filters (Overzicht and
    Signalen share it)."""
    return _collect(db.connection()[1], dt.date.today(), viewer, chosen)


@st.cache_data(max_entries=64, show_spinner=False)
def _collect(version: str, today: dt.date, viewer: Viewer, chosen: Filters) -> pd.DataFrame:
    parts = [case_signals(viewer, today), grant_signals(viewer, today), installation_signals(chosen)]
    if viewer.sees_all:
        parts.append(sector_signals(chosen))
        parts.append(action_line_signals(viewer, today))  # programme-wide: no sector, province or company
    frame = pd.concat([p for p in parts if not p.empty], ignore_index=True) if any(not p.empty for p in parts) else _frame([])
    if not viewer.sees_all:
        frame = frame[frame["company"] == viewer.company]
    keep = frame["sector"].isin(chosen.sector_list()) | frame["rule"].eq("actielijn_achter")
    if chosen.provinces:
        keep &= frame["province"].isin(chosen.provinces) | frame["province"].isna()
    return frame[keep].reset_index(drop=True)


@dataclass(frozen=True)
class SignalsView:
    counts: pd.DataFrame  # counts(found)
    has_sample: bool  # any signal rests on sample data
    ordered: pd.DataFrame  # the signals of the chosen rules (all rules if none), by rule order then size


@per_data_version(resource=True)  # kept as is: the page reads it, never changes it
def view(viewer: Viewer, chosen: Filters, rules: tuple[str, ...], today: dt.date) -> SignalsView:
    """What the Signalen page shows, sorted once per data version, day, viewer, filters and chosen rules:
    a rerun neither copies nor sorts every signal again."""
    found = _collect(db.connection()[1], today, viewer, chosen)
    shown = found[found["rule"].isin(rules)] if rules else found
    ordered = shown.assign(order=shown["rule"].map(list(RULES).index)).sort_values(["order", "size"], ascending=[True, False])
    return SignalsView(counts(found), bool(found["is_sample"].any()), ordered)


def counts(frame: pd.DataFrame) -> pd.DataFrame:
    """rule, title, signals: the number of signals per rule, in the order of RULES (zeros included)."""
    counted = frame.groupby("rule").size().reindex(list(RULES), fill_value=0)
    return pd.DataFrame({"rule": counted.index, "title": [RULES[r] for r in counted.index], "signals": counted.values})
