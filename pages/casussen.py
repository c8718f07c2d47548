"""Casussen: the case tracker of the casusaanpak - funnel, ageing, lead times, bottlenecks, case detail."""

import streamlit as st

from monitor import chart_view, filters, formatting, paging, sections, session, ui
from monitor.charts import cases as charts
from monitor.export_safety import escape_markdown, filename_part
from monitor.queries import cases

chosen = filters.current()
viewer = session.viewer()
st.title("Casussen")
st.caption(
    "Bedrijven die in de casusaanpak vastlopen op een knelpunt: waar staan ze, hoe lang al, en wat houdt ze op. "
    "Filters sector, provincie, route en casusstatus uit de zijbalk gelden; het jaarfilter niet."
)
ui.sample_notice()
SOURCES = ("cases_public", "sample_cases")

# 1. Key figures
table = cases.case_table(viewer, chosen)
if table.empty:
    ui.empty()
    st.stop()
lead = cases.lead_times(viewer, chosen)
known_lead = lead[~lead["dates_unknown"]]
open_cases = table[table["is_open"]]
open_known = open_cases[~open_cases["dates_unknown"]]
key_figures = ui.metric_row("c_cases")
key_figures.metric("Casussen", formatting.number(len(table)))
key_figures.metric("Open", formatting.number(len(open_cases)), help="Status aangemeld, intake of in behandeling.")
key_figures.metric(
    "Opgelost",
    formatting.percent((table["status"] == "opgelost").mean(), signed=False),
    help="Aandeel van alle casussen in de selectie met status opgelost.",
)
key_figures.metric(
    "Doorlooptijd tot opgelost",
    f"{formatting.number(known_lead['days'].median())} dagen" if not known_lead.empty else "–",
    help=f"Mediaan aangemeld → opgelost over {formatting.plural(len(known_lead), 'opgeloste casus', 'opgeloste casussen')} met bekende data.",
)
key_figures.metric(
    "Open sinds (mediaan)",
    f"{formatting.number(open_known['days_open'].median())} dagen" if len(open_known) else "–",
    help="Over de open casussen met bekende data.",
)
unknown = table[table["dates_unknown"]]
if not unknown.empty:
    st.caption(
        f"{formatting.plural(len(unknown), 'casus', 'casussen')} ({escape_markdown(', '.join(unknown['case_id']))}) "
        f"{'heeft' if len(unknown) == 1 else 'hebben'} aangenomen data in de statushistorie "
        "(openbare praktijkvoorbeelden zonder tussendata). Ze tellen mee in aantallen, niet in doorlooptijden of ouderdom."
    )

# The rest in tabs: only the open one runs and is sent (monitor.sections); the tab is in the URL (?deel=...)
PARTS = ["Trechter", "Tijd per status", "Langst stilstaand", "Knelpunten", "Alle casussen"]
# the search, its page, the case looked at and the bottleneck dimension outlive a look at another tab
KEPT = ("cases_dim", "cases_search", "cases_all_page", "cases_detail")
parts = dict(zip(PARTS, sections.tabs(PARTS, keep=KEPT), strict=True))
# 2. Funnel
if tab := parts["Trechter"]:
    with tab:
        st.subheader("Trechter")
        reached = cases.reached(viewer, chosen)
        chart_view.show(charts.funnel(reached), reached)
        ui.download(reached, "casussen_trechter.csv")
        ui.source_caption(*SOURCES)

# 2b. Time per status
if tab := parts["Tijd per status"]:
    with tab:
        st.subheader("Tijd per status")
        durations = cases.stage_durations(viewer, chosen)
        stages = charts.stage_summary(durations)
        chart_view.show(charts.stage_chart(durations), stages)
        ui.download(stages, "casussen_tijd_per_status.csv")
        ui.source_caption(*SOURCES)

# 3. Ageing: the cases stuck longest in their current status
if tab := parts["Langst stilstaand"]:
    with tab:
        st.subheader("Langst stilstaande open casussen")
        if open_cases.empty:
            ui.empty("Geen open casussen in deze selectie.")
        else:
            # Cases whose history has assumed dates (the public examples) have no real age: listed apart, never on top.
            shown_columns = [
                "case_id",
                "company",
                "status",
                "bottleneck",
                "sector",
                "province",
                "days_in_status",
                "days_open",
                "status_since",
            ]
            ageing = open_cases.loc[~open_cases["dates_unknown"], shown_columns]
            assumed = open_cases.loc[
                open_cases["dates_unknown"], ["case_id", "company", "status", "bottleneck", "sector", "province"]
            ]
            if ageing.empty:
                ui.empty("Geen open casussen met bekende data in deze selectie.")
            else:
                paging.paged_table(
                    ageing,
                    "cases_ageing",
                    {
                        "days_in_status": st.column_config.ProgressColumn(
                            "dagen in huidige status",
                            format="%d",
                            min_value=0,
                            max_value=int(ageing["days_in_status"].max() or 1),
                        ),
                    },
                    download="casussen_open_veroudering.csv",
                )
            if not assumed.empty:
                st.markdown(f"**Open casussen met aangenomen data** ({formatting.number(len(assumed))})")
                st.caption(
                    "Openbare praktijkvoorbeelden zonder bekende tussendata: hoe lang ze al open staan is niet bekend, "
                    "dus ze staan niet in de lijst hierboven."
                )
                ui.table(assumed, download="casussen_open_aangenomen_data.csv")
        ui.source_caption(*SOURCES)

# 4. Bottlenecks over time, by province, sector or route, and what share is solved
if tab := parts["Knelpunten"]:
    with tab:
        st.subheader("Knelpunten")
        per_quarter = charts.bottlenecks_over_time(table)
        chart_view.show(charts.bottleneck_time_chart(per_quarter), per_quarter)
        ui.download(per_quarter, "knelpunten_per_kwartaal.csv")
        sections.seed("cases_dim", "province")
        dimension = st.segmented_control(
            "Knelpunten per", list(charts.DIMENSION_LABELS), format_func=charts.DIMENSION_LABELS.get, key="cases_dim"
        )
        by_dimension = charts.bottlenecks_by(table, dimension or "province")
        chart_view.show(charts.bottleneck_dimension_chart(by_dimension, dimension or "province"), by_dimension)
        ui.download(by_dimension, f"knelpunten_per_{charts.DIMENSION_LABELS[dimension or 'province']}.csv")
        solved = charts.solved_by_bottleneck(table, lead)
        ui.table(solved, download="knelpunten_opgelost.csv")
        ui.source_caption(*SOURCES)

# 5. Searchable case table and the detail of one case
if tab := parts["Alle casussen"]:
    with tab:
        st.subheader("Alle casussen")
        search = st.text_input("Zoeken", placeholder="casuscode, bedrijf, knelpunt of tekst", key="cases_search")
        found = cases.case_table(viewer, chosen, search) if search else table
        shown = found[
            ["case_id", "company", "status", "bottleneck", "route", "sector", "province", "opened_on", "closed_on", "description"]
        ]
        page = paging.paged_table(shown, "cases_all", download="casussen.csv")
        if found.empty:
            ui.empty("Geen casus gevonden met deze zoekterm.")
        else:
            # the cases of the page shown (search or page to find another): never a list of every case
            if st.session_state.get("cases_detail") not in set(page["case_id"]):  # a kept case from another page
                st.session_state.pop("cases_detail", None)
            case_id = st.selectbox("Casus bekijken", page["case_id"], key="cases_detail")
            case = found.set_index("case_id").loc[case_id]
            st.markdown(  # ids and names from a loaded file are escaped: shown as text, never as Markdown
                f"**{escape_markdown(case_id)} · {escape_markdown(case['company'])}** · {case['status']} · knelpunt *{case['bottleneck']}* · route {case['route']} · "
                f"{case['sector']}, {case['province']} · verwachte reductie {formatting.tonnes(case['expected_reduction_t_co2']).replace('–', 'onbekend')} per jaar"
            )
            st.text(case["description"] or "")  # plain text: a description never renders as Markdown (links, images)
            events = cases.history(viewer, case_id)
            chart_view.show(charts.history_chart(events), events)
            ui.download(events, f"casus_{filename_part(case_id)}_historie.csv")
        ui.source_caption(*SOURCES)
