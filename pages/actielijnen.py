"""Actielijnen: per action line of Actieplan 2.0 its goal, milestones (on schedule or not) and indicators."""

import datetime as dt

import pandas as pd
import streamlit as st

from monitor import action_lines, action_status, filters, formatting, page_state, sections, session, ui

chosen = filters.current()
viewer = session.viewer()
st.title("Actielijnen: voortgang Actieplan 2.0")
st.caption(
    "Per actielijn van het Actieplan Cluster 6 2.0 (september 2025): het doel in de woorden van het plan, de "
    "mijlpalen met geplande en werkelijke datum, en de indicatoren met definitie en bron. Een actielijn loopt "
    "achter op schema zodra een mijlpaal op de peildatum over zijn geplande datum is en niet is afgerond."
)
# Dutch headers (monitor.formatting through ui.table / ui.download) for every column shown or downloaded
LABELS = {
    "action_line": "actielijn",
    "item_id": "code",
    "label": "mijlpaal",
    "planned_on": "gepland",
    "actual_on": "werkelijk",
    "reported_status": "status gemeld",
    "status": formatting.Column("status", help="Status op de peildatum."),
    "days_late": "dagen te laat",
    "note": "toelichting",
    "is_sample": "voorbeelddata",
    "source": "bron",
    "indicator": "indicator",
    "value": "getal",
    "text": "waarde",
    "unit": "eenheid",
    "definition": "definitie",
    "origin": "herkomst",
    "company": "bedrijf",
    "subject": "onderwerp",
    "detail": "thema / fase",
    "partners": "partners",
    "as_of": "sinds",
}
VERDICT_LOOK = {
    action_lines.BEHIND: ("red", ":material/schedule:"),
    action_lines.ON_SCHEDULE: ("green", ":material/check_circle:"),
}
MILESTONE_COLUMNS = ["label", "planned_on", "actual_on", "status", "days_late", "is_sample"]
INDICATOR_COLUMNS = ["indicator", "text", "origin", "is_sample"]
DEFINITION_COLUMNS = ["indicator", "definition", "source"]  # long texts: a table of their own that wraps
PARTICIPATION_LABELS = LABELS | {"label": "indicator"}

# 1. Reference date (kept in the URL: ?peildatum=jjjj-mm-dd)
page_state.seed("a_on", "peildatum", dt.date.today(), dt.date.fromisoformat)
on = st.date_input("Peildatum", key="a_on", format="DD-MM-YYYY", help="Stand van mijlpalen en indicatoren op deze datum.")
page_state.keep("a_on", "peildatum", dt.date.today(), dt.date.isoformat)
status = action_status.gather(viewer, chosen, on)
source_of = {s: ui.source_line(s) for ids in action_lines.COMPUTED_SOURCES.values() for s in ids}
if status.has_sample:
    st.warning(
        "**Voorbeelddata** · Mijlpalen en indicatorwaarden per actielijn zijn (nog) niet openbaar. Behalve de "
        "openbare punten uit Actieplan 2.0 (pilots in 2026, maatwerkaanpak Cosun) is dit een gegenereerd voorbeeld, "
        "gemarkeerd als voorbeeld. Laad echte bestanden (soort action_progress) via 'Bestand laden'.",
        icon=":material/science:",
    )

# 2. Which lines are behind schedule
verdicts = status.verdicts
key_figures = ui.metric_row("a_progress")
key_figures.metric(
    "Actielijnen achter op schema",
    f"{status.behind} van {len(verdicts)}",
    help="Een actielijn loopt achter als minstens één mijlpaal op de peildatum over zijn geplande datum is en niet is afgerond.",
)
key_figures.metric("Mijlpalen afgerond", f"{verdicts['finished'].sum()} van {verdicts['milestones'].sum()}")
key_figures.metric("Mijlpalen vertraagd", formatting.number(verdicts["late"].sum()))
if not viewer.sees_all:
    st.info(
        "U ziet de actielijnen en de deelname van uw eigen bedrijf. Welke andere bedrijven deelnemen is niet zichtbaar; "
        "tellingen over minder dan 3 bedrijven staan als '< 3 bedrijven', met het deel van uw eigen bedrijf erbij. "
        "Casussen en subsidies zijn die van uw bedrijf.",
        icon=":material/lock:",
    )

# 3. Every line at a glance, then one tab per line with its milestones, indicators and participation (only the
# open tab runs and is sent: monitor.sections; the tab is in the URL, ?deel=Regioaanpak)
names = {line.line_id: line.name for line in action_lines.LINES}
glance = verdicts.assign(
    name=verdicts["action_line"].map(names),
    done=verdicts["finished"].astype(str) + " van " + verdicts["milestones"].astype(str),
)
ui.table(
    glance[["name", "verdict", "done", "late"]],
    {"name": "actielijn", "verdict": "oordeel", "done": "mijlpalen afgerond", "late": "vertraagd"},
    key="a_glance",
)
# short tab labels, so all seven fit a 1024 px screen (the table above and each tab's heading give the full name)
SHORT = {"pilots": "Pilots", "financieel instrumentarium": "Financiering", "maatwerk": "Maatwerk"}
labels = [SHORT.get(line.line_id, line.name) for line in action_lines.LINES]
for line, tab in zip(action_lines.LINES, sections.tabs(labels), strict=True):
    if tab is None:
        continue
    verdict = verdicts.set_index("action_line").loc[line.line_id]
    # colour and symbol both repeat the verdict's words, which carry it on their own (WCAG 1.4.1)
    colour, symbol = VERDICT_LOOK.get(verdict["verdict"], ("gray", ":material/remove:"))
    with tab:
        st.subheader(f"{line.name} :{colour}-badge[{symbol} {verdict['verdict']}]")
        st.markdown(
            f"**Doel** · _{line.goal}_  \n**Op {on:%d-%m-%Y}** · {verdict['finished']} van {verdict['milestones']} "
            f"mijlpalen afgerond, {verdict['late']} vertraagd"
        )
        milestones = status.milestones[status.milestones["action_line"] == line.line_id]
        if milestones.empty:
            st.caption("Nog geen mijlpalen geladen voor deze actielijn.")
        else:
            ui.table(milestones[MILESTONE_COLUMNS], LABELS, key=f"a_m_{line.line_id}")
        indicators = status.indicators(line.line_id, source_of)
        ui.table(indicators[INDICATOR_COLUMNS], LABELS | {"label": "indicator"}, key=f"a_i_{line.line_id}")
        if box := sections.expander("Definities en bronnen van de indicatoren", key=f"a_def_{line.line_id}"):
            with box:
                ui.table(indicators[DEFINITION_COLUMNS], LABELS, key=f"a_d_{line.line_id}")
        taking_part = status.participation[status.participation["action_line"] == line.line_id]
        if not taking_part.empty:
            own = "" if viewer.sees_all else " (alleen uw eigen bedrijf en onderwerpen zonder bedrijf)"
            if box := sections.expander(
                f"Deelname{own}: {len(taking_part)} {'regel' if len(taking_part) == 1 else 'regels'}",
                key=f"a_part_{line.line_id}",
            ):
                with box:
                    shown = taking_part[["label", "company", "subject", "detail", "partners", "as_of", "is_sample"]]
                    ui.table(shown, PARTICIPATION_LABELS, key=f"a_p_{line.line_id}")

# 4. Downloads and sources
st.subheader("Downloads")


def every_indicator() -> pd.DataFrame:  # built when a button is clicked: it took 20 ms of every run
    return pd.concat([status.indicators(line.line_id, source_of).assign(action_line=line.line_id) for line in action_lines.LINES])


with ui.download_row():
    ui.download(status.milestones, f"actielijnen_mijlpalen_{on:%Y%m%d}.csv", "Mijlpalen (CSV)", labels=LABELS)
    ui.download(every_indicator, f"actielijnen_indicatoren_{on:%Y%m%d}.csv", "Indicatoren (CSV)", labels=LABELS)
ui.source_caption("action_progress_public", "sample_action_progress", "cases_public", "sample_cases", "sample_subsidies")
st.caption(
    f"Doelen: {action_lines.PLAN_SOURCE}. Actieve regio's: groepen Cluster 6-installaties binnen "
    f"{action_lines.REGION_DISTANCE_KM} km met uitstoot in {chosen.year} (jaar uit de zijbalk); de andere filters in de "
    "zijbalk gelden hier niet: de actielijnen gaan over het hele programma."
)
