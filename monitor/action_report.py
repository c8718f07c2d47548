"""The progress letter's section per action line of Actieplan 2.0: for each line its schedule verdict and
its indicators as report Figures (value, definition, sources, VOORBEELDDATA mark), so the Rapportage page
shows them in their own section and the CSV, Markdown and HTML exports carry them like every key figure.
Plain pandas: no Streamlit, no SQL (the page passes in monitor.action_status.gather's result).
"""

from __future__ import annotations

import pandas as pd

from monitor import action_lines
from monitor.action_status import ActionStatus
from monitor.report_model import Figure

LOADED_SOURCES = {  # the `source` of shipped rows -> their id in the sources table
    action_lines.PLAN_SOURCE: "action_progress_public",
    "voorbeelddata (etl/sample.py)": "sample_action_progress",
}
OWN_FILE = "action_progress:"  # prefix of the source id of a user's own file (no row in the sources table)


def group(line: action_lines.ActionLine) -> str:
    return f"Actielijn {line.name}"


def loaded_source_ids(sources_text: str) -> tuple[str, ...]:
    """Source ids of a loaded indicator, from its '; '-joined row sources (own files: 'action_progress:<file>')."""
    return tuple(LOADED_SOURCES.get(s, f"{OWN_FILE}{s}") for s in sources_text.split("; ") if s)


def source_lines(status: ActionStatus, shipped: dict[str, str]) -> dict[str, str]:
    """source id -> line for every source the action-line figures use: shipped ids from `shipped` (the page's
    source lines), a user's own files named as such."""
    out = dict(shipped)
    for text in status.loaded["sources"].dropna():
        for source_id in loaded_source_ids(text):
            if source_id.startswith(OWN_FILE):
                out[source_id] = f"{source_id.removeprefix(OWN_FILE)} (eigen bestand, soort action_progress)"
    return out


def _schedule_text(milestones: pd.DataFrame, verdict: pd.Series) -> str:
    late = milestones[milestones["status"] == "vertraagd"]
    text = f"{verdict['verdict']} ({verdict['finished']} van {verdict['milestones']} mijlpalen afgerond"
    if late.empty:
        return text + ")"
    named = "; ".join(f"'{r.label}' gepland {pd.Timestamp(r.planned_on):%d-%m-%Y}" for r in late.itertuples())
    return text + f"; vertraagd: {named})"


def figures(status: ActionStatus, source_of: dict[str, str]) -> list[Figure]:
    """Per action line: its schedule verdict on status.on, then each indicator."""
    out = []
    verdicts = status.verdicts.set_index("action_line")
    for line in action_lines.LINES:
        verdict = verdicts.loc[line.line_id]
        milestones = status.milestones[status.milestones["action_line"] == line.line_id]
        out.append(
            Figure(
                group(line),
                f"Schema op {status.on:%d-%m-%Y}",
                float(verdict["late"]),
                _schedule_text(milestones, verdict),
                "mijlpalen vertraagd",
                "Achter op schema als minstens één mijlpaal op de peildatum over zijn geplande datum is en niet is "
                f"afgerond. Doel: {line.goal}",
                tuple(dict.fromkeys(loaded_source_ids("; ".join(milestones["source"].dropna().unique())))),
                bool(milestones["is_sample"].any()),
            )
        )
        table = status.indicators(line.line_id, source_of)
        loaded = status.loaded.set_index("item_id") if not status.loaded.empty else pd.DataFrame()
        for indicator, row in zip(
            (i for i in action_lines.INDICATORS if i.line_id == line.line_id), table.itertuples(), strict=True
        ):
            if indicator.computed:
                sources = action_lines.COMPUTED_SOURCES[indicator.indicator_id]
            elif indicator.indicator_id in loaded.index:
                sources = loaded_source_ids(loaded.loc[indicator.indicator_id, "sources"])
            else:
                sources = ()
            value = None if row.value is None or pd.isna(row.value) else float(row.value)
            out.append(
                Figure(group(line), row.indicator, value, row.text, row.unit, row.definition, sources, bool(row.is_sample))
            )
    return out


def milestone_table(status: ActionStatus) -> pd.DataFrame:
    """actielijn, mijlpaal, gepland, werkelijk, status, dagen te laat, voorbeeld: every milestone on status.on."""
    frame = status.milestones
    return pd.DataFrame(
        {
            "actielijn": frame["action_line"].map(action_lines.LINE_NAMES),
            "mijlpaal": frame["label"],
            "gepland": [formatting_date(d) for d in frame["planned_on"]],
            "werkelijk": [formatting_date(d) for d in frame["actual_on"]],
            "status": frame["status"],
            "dagen te laat": frame["days_late"],
            "voorbeeld": frame["is_sample"].astype(bool),
        }
    )


def formatting_date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%d-%m-%Y")
