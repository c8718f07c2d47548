"""Schedule verdicts and indicator values of the action lines (catalog in monitor/action_lines.py).

Plain Python and pandas: no Streamlit, no SQL. Schedule: a milestone is 'vertraagd' (behind schedule)
when its planned date has passed on the reference date and it was not finished by then; on the planned
date itself it is not late yet. A line is behind schedule when at least one of its milestones is.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from monitor import formatting
from monitor.action_lines import (
    BEHIND,
    COMPUTED_SOURCES,
    INDICATORS,
    LINE_IDS,
    LINES,
    NO_MILESTONES,
    ON_SCHEDULE,
    PILOT_INSTRUMENT,
)

# 1. Schedule


def milestone_status(planned_on: dt.date, actual_on: dt.date | None, reported: str, on: dt.date) -> str:
    """Status of one milestone on reference date `on`.

    Finished by `on` -> 'afgerond'; planned date passed (strictly before `on`) unfinished -> 'vertraagd';
    otherwise the reported status ('vertraagd' when the owner already reports a delay, else 'gestart' or
    'gepland'). A milestone finished after `on` counts as unfinished on `on`.
    """
    if actual_on is not None and not pd.isna(actual_on) and actual_on <= on:
        return "afgerond"
    if planned_on < on:
        return "vertraagd"
    if reported in ("gestart", "vertraagd"):
        return reported
    return "gepland"


def milestones_on(rows: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """One row per milestone with its state on `on`.

    rows: action_progress rows of item_type 'mijlpaal' (action_line, item_id, label, as_of, planned_on,
    actual_on, status, note, is_sample, source). The latest row with as_of <= `on` describes a milestone; a
    milestone first recorded after `on` is taken from its earliest row as planned (no progress known yet).
    Returns action_line, item_id, label, planned_on, actual_on (only if reached by `on`), reported_status,
    status, days_late (days past the planned date: unfinished on `on`, or finished late), note, is_sample, source.
    """
    columns = [
        "action_line",
        "item_id",
        "label",
        "planned_on",
        "actual_on",
        "reported_status",
        "status",
        "days_late",
        "note",
        "is_sample",
        "source",
    ]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    ordered = _with_dates(rows, "as_of", "planned_on", "actual_on").sort_values(["item_id", "as_of"])
    known = ordered[ordered["as_of"] <= on].groupby("item_id").tail(1)
    future = ordered[~ordered["item_id"].isin(known["item_id"])].groupby("item_id").head(1)
    future = future.assign(status="gepland", actual_on=None)
    latest = pd.concat([known, future]).reset_index(drop=True)
    out = latest.rename(columns={"status": "reported_status"})
    out["actual_on"] = pd.Series([a if a is not None and a <= on else None for a in out["actual_on"]], dtype=object)
    out["status"] = [
        milestone_status(p, a, r, on) for p, a, r in zip(out["planned_on"], out["actual_on"], out["reported_status"], strict=True)
    ]
    out["days_late"] = [
        max((((a if a is not None else on) - p).days), 0) if s in ("vertraagd", "afgerond") else 0
        for p, a, s in zip(out["planned_on"], out["actual_on"], out["status"], strict=True)
    ]
    order = {line: i for i, line in enumerate(LINE_IDS)}
    out = out.sort_values(["action_line", "planned_on", "item_id"], key=lambda c: c.map(order) if c.name == "action_line" else c)
    return out[columns].reset_index(drop=True)


def line_verdicts(milestones: pd.DataFrame) -> pd.DataFrame:
    """action_line, name, milestones, finished, late, verdict: one row per action line (plan order)."""
    rows = []
    for line in LINES:
        mine = milestones[milestones["action_line"] == line.line_id]
        late = int((mine["status"] == "vertraagd").sum())
        verdict = NO_MILESTONES if mine.empty else BEHIND if late else ON_SCHEDULE
        finished = int((mine["status"] == "afgerond").sum())
        rows.append(
            {
                "action_line": line.line_id,
                "name": line.name,
                "milestones": len(mine),
                "finished": finished,
                "late": late,
                "verdict": verdict,
            }
        )
    return pd.DataFrame(rows)


def behind_count(milestones: pd.DataFrame) -> int:
    """Number of action lines behind schedule (at least one milestone 'vertraagd')."""
    return int((line_verdicts(milestones)["verdict"] == BEHIND).sum())


# 2. Indicators


def computed_values(
    on: dt.date,
    case_table: pd.DataFrame,
    lead_times: pd.DataFrame,
    grants: pd.DataFrame,
    region_groups: pd.DataFrame,
    region_members: pd.DataFrame,
) -> dict[str, tuple[float | None, bool]]:
    """indicator_id -> (value, rests on sample data) for every computed indicator, on reference date `on`.

    case_table: queries.cases.case_table (case_id, bottleneck, status, opened_on, closed_on, is_sample);
    lead_times: queries.cases.lead_times (case_id, solved_on, days, dates_unknown);
    grants: queries.actions.actieplan_grants (instrument, year, granted_eur, is_sample);
    region_groups / region_members: monitor.regions.region_groups for the chosen year.
    """
    received = case_table[_by(case_table["opened_on"], on)]
    solved = case_table[(case_table["status"] == "opgelost") & _by(case_table["closed_on"], on)]
    lead = lead_times[~lead_times["dates_unknown"].astype(bool) & _by(lead_times["solved_on"], on)]
    median = float(lead["days"].median()) if not lead.empty else None
    lead_cases = case_table[case_table["case_id"].isin(lead["case_id"])]
    finance = received[received["bottleneck"] == "financiering"]
    pilots = grants[(grants["instrument"] == PILOT_INSTRUMENT) & (grants["year"] <= on.year)]
    return {
        "cas_aangemeld": (float(len(received)), _sample(received)),
        "cas_opgelost": (float(len(solved)), _sample(solved)),
        "cas_doorlooptijd": (median, _sample(lead_cases)),
        "fin_vragen": (float(len(finance)), _sample(finance)),
        "reg_regios": (float(len(region_groups)), False),
        "reg_bedrijven": (float(region_members["company"].nunique()) if not region_members.empty else 0.0, False),
        "pil_subsidie": (float(pilots["granted_eur"].sum()), _sample(pilots)),
    }


def participation_on(rows: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """The current participation rows (latest per indicator, company and subject on `on`) of the
    indicators that name companies or subjects: action_line, item_id, label, company, subject, detail,
    partners, value, as_of, is_sample. Rows whose latest value is 0 (left the track) are dropped."""
    rows = _with_dates(rows, "as_of")
    known = rows[(rows["as_of"] <= on) & (rows["company"].notna() | rows["subject"].notna())]
    columns = ["action_line", "item_id", "label", "company", "subject", "detail", "partners", "value", "as_of", "is_sample"]
    if known.empty:
        return pd.DataFrame(columns=columns)
    keys = ["item_id", known["company"].fillna(""), known["subject"].fillna("")]
    latest = known.sort_values("as_of").groupby(keys, sort=False).tail(1)
    return (
        latest[latest["value"] != 0][columns].sort_values(["action_line", "item_id", "company", "subject"]).reset_index(drop=True)
    )


def indicator_table(
    line_id: str, computed: dict[str, tuple[float | None, bool]], loaded: pd.DataFrame, source_of: dict[str, str]
) -> pd.DataFrame:
    """The indicators of one line as shown: indicator, value, text, unit, definition, origin ('berekend' or
    'geladen'), source, is_sample. A loaded indicator without rows says 'nog niet geladen'.

    loaded: queries.actions.indicator_values (possibly suppressed: value may be the text '< 3 bedrijven');
    source_of: source id -> source line (for computed indicators).
    """
    by_id = loaded.set_index("item_id") if not loaded.empty else pd.DataFrame()
    rows = []
    for indicator in (i for i in INDICATORS if i.line_id == line_id):
        if indicator.computed:
            value, sample = computed.get(indicator.indicator_id, (None, False))
            source = " · ".join(source_of.get(s, s) for s in COMPUTED_SOURCES[indicator.indicator_id])
            origin = "berekend"
        elif indicator.indicator_id in by_id.index:
            row = by_id.loc[indicator.indicator_id]
            value, sample = row["value"], bool(row["is_sample"])
            source = f"{row['sources']} (stand {pd.Timestamp(row['as_of']):%d-%m-%Y})"
            origin = "geladen"
        else:
            value, sample, source, origin = None, False, "nog niet geladen (soort action_progress)", "geladen"
        rows.append(
            {
                "indicator": indicator.label,
                "value": value if not isinstance(value, str) else None,
                "text": value if isinstance(value, str) else value_text(value, indicator.unit),
                "unit": indicator.unit,
                "definition": indicator.definition,
                "origin": origin,
                "source": source,
                "is_sample": sample,
            }
        )
    return pd.DataFrame(rows)


def value_text(value: float | None, unit: str) -> str:
    """A value in Dutch notation with its unit."""
    if value is None or pd.isna(value):
        return "–"
    if unit == "€":
        return formatting.euro(value)
    if unit == "t CO₂/jaar":
        return f"{formatting.tonnes(value)}/jaar"
    decimals = 0 if float(value).is_integer() else 1
    return formatting.number(value, decimals) + ("" if unit == "aantal" else f" {unit}")


def _dates(column: pd.Series) -> pd.Series:
    """Python dates (None where empty), whatever DuckDB or a CSV gave: datetime64, Timestamp, date or text."""
    return pd.Series([None if pd.isna(v) else pd.Timestamp(v).date() for v in column], index=column.index, dtype=object)


def _by(column: pd.Series, on: dt.date) -> pd.Series:
    """True where the date is known and on or before `on`."""
    return _dates(column).map(lambda d: d is not None and d <= on).astype(bool)


def _with_dates(rows: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return rows.assign(**{c: _dates(rows[c]) for c in columns})


def _sample(frame: pd.DataFrame) -> bool:
    return "is_sample" in frame.columns and bool(frame["is_sample"].fillna(False).astype(bool).any())
