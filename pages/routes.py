"""Routes: what is being done per decarbonisation route, and how much it will deliver against the 2030 gap."""

import streamlit as st

from monitor import chart_view, completeness, config, filters, formatting, routes_model, sections, session, ui
from monitor.charts import routes as charts
from monitor.pipeline import (
    gap,
    missing_headline_parts,
    pipeline_gap_table,
)
from monitor.progress import total_label
from monitor.queries import emissions, meta
from monitor.queries import sectors as sector_queries
from monitor.targets import target_path

chosen = filters.current()
viewer = session.viewer()
# A company sees only its own cases and projects (the queries are scoped to the viewer): those figures are
# its own, never suppressed, and their labels say so.
whose = "" if viewer.sees_all else " (uw bedrijf)"
st.title("Routes: wat gebeurt er, en hoeveel levert het op?")
st.caption(
    "Casussen (casusaanpak) en subsidieprojecten per verduurzamingsroute, en wat ze samen met de al gerealiseerde "
    f"reductie bijdragen aan het doel voor {config.TARGET_YEAR}. Filters uit de zijbalk gelden ook hier."
)
ui.sample_notice()

# 1. Cases and projects in the selection (computed once per data version, viewer and filters: monitor/routes_model.py)
data = routes_model.routes_data(viewer, chosen)
if data.empty:
    ui.empty("Geen casussen of subsidieprojecten in deze selectie. Verruim de filters in de zijbalk.")
    st.stop()
routes, summary = data.routes, data.summary
if not viewer.sees_all:
    st.info(
        f"U ziet de casussen en subsidieprojecten van uw eigen bedrijf ({viewer.company}): alle cijfers op deze pagina "
        "over casussen, projecten en subsidie zijn die van uw bedrijf.",
        icon=":material/domain:",
    )
key_figures = ui.metric_row("r_totals")
key_figures.metric("Bedrijven met casus of project", formatting.number(data.companies))
key_figures.metric(
    f"Casussen{whose}",
    formatting.number(data.cases),
    f"{formatting.number(data.open_cases)} open",
    delta_color="off",
    delta_arrow="off",
)
key_figures.metric(f"Verwachte reductie{whose}", f"{formatting.tonnes(summary['expected_reduction_t_co2'].sum())}/jaar")
key_figures.metric(
    "Subsidie toegekend / betaald" if viewer.sees_all else "Subsidie (uw bedrijf)",
    formatting.euro(data.granted_eur),
    f"{formatting.euro(data.paid_eur)} betaald",
    delta_color="off",
    delta_arrow="off",
)

# The rest in tabs: only the open one runs and is sent (monitor.sections); the tab is in the URL (?deel=...).
# A company sees its own cases only: sector x route and the flows say nothing about Cluster 6 there.
PARTS = ["Per route", "Pijplijn en opgave"] + (["Sector × route", "Stromen"] if viewer.sees_all else [])
parts = dict(zip(PARTS, sections.tabs(PARTS), strict=True))
# 2. Per route: companies, cases by status, expected reduction, money, bottlenecks
if tab := parts["Per route"]:
    with tab:
        st.subheader("Per route")
        order = [
            "route",
            "companies",
            "cases",
            "expected_reduction_t_co2",
            "granted_eur",
            "paid_eur",
            "grid_cases",
            "bottlenecks",
        ]
        summary = summary[order + [c for c in summary.columns if c not in order]]
        route_labels = {
            "companies": "bedrijven",
            "cases": f"casussen{whose}",
            "expected_reduction_t_co2": formatting.Column(
                "reductie (t/jaar)",
                "number",
                help="Verwachte reductie in t CO₂ per jaar. Casussen behalve gestopt, en subsidieprojecten; casus en project van hetzelfde bedrijf op dezelfde route tellen één keer (grootste schatting).",
            ),
            "granted_eur": "toegekend (€)",
            "paid_eur": "betaald (€)",
            "grid_cases": "netknelpunt",
            "bottlenecks": "belangrijkste knelpunten",
        }
        # the figures in one table that fits a 1024 px screen, the bottlenecks beside it in an expander; cases per
        # status are in the download
        figures = ["route", "companies", "cases", "expected_reduction_t_co2", "granted_eur", "paid_eur"]
        if not viewer.sees_all:  # a company's own cases: the company count per route says nothing new
            figures.remove("companies")
        ui.table(summary[figures], route_labels)
        if box := sections.expander("Knelpunten per route", key="ro_bottlenecks"):
            with box:
                ui.table(summary[["route", "grid_cases", "bottlenecks"]], route_labels)
        ui.download(summary, "routes_per_route.csv", labels=route_labels)
        ui.source_caption("cases_public", "sample_cases", "sample_subsidies")

# 3. Pipeline vs gap: realised + expected against what the 2030 target needs
if tab := parts["Pijplijn en opgave"]:
    with tab:
        st.subheader(f"Pijplijn tegenover de opgave voor {config.TARGET_YEAR}")
        by_year = sector_queries.by_sector_year(chosen.baseline_year, chosen.year, False, chosen.provinces)
        totals = by_year[by_year["sector"].isin(chosen.sector_list())].groupby("year")["verified_t_co2"].sum()
        if chosen.baseline_year not in totals.index or chosen.year not in totals.index or chosen.year <= chosen.baseline_year:
            ui.empty(
                f"Geen uitstoot voor basisjaar {chosen.baseline_year} en jaar {chosen.year} in deze selectie (het jaar moet na het basisjaar liggen)."
            )
        else:
            base = float(totals[chosen.baseline_year])
            target_2030 = float(
                target_path(meta.targets(), chosen.target_id, chosen.baseline_year, base)
                .set_index("year")
                .loc[config.TARGET_YEAR, "target_t_co2"]
            )
            expected_by_route, sample = data.expected_by_route, data.sample
            components = emissions.change_components(chosen.baseline_year, chosen.year, chosen.sectors, chosen.provinces)
            result = gap(base - target_2030, components, expected_by_route, expected_is_sample=sample)
            status = emissions.completeness()
            incomplete_note = completeness.note(status, chosen.year)
            scope = (
                "Cluster 6" if not (chosen.sectors or chosen.provinces) else total_label(chosen.sectors, chosen.provinces).lower()
            )
            key_figures = ui.metric_row("r_needed")
            key_figures.metric(
                f"Nodig {chosen.baseline_year} → {config.TARGET_YEAR}",
                f"{formatting.tonnes(result['needed'])}/jaar",
                help=f"{scope}: uitstoot {chosen.baseline_year} min de waarde van het doelpad in {config.TARGET_YEAR}.",
            )
            key_figures.metric(
                f"Gerealiseerd, draaiend t/m {chosen.year}",
                f"{formatting.tonnes(result['operating'] - result['entered'])}/jaar",
                help="Gerealiseerde reductie bij installaties die nog draaien: de daling bij installaties met uitstoot in "
                "beide jaren, min de uitstoot van nieuwkomers.",
            )
            key_figures.metric(
                "Door sluitingen",
                f"{formatting.tonnes(result['closed'])}/jaar",
                f"{formatting.number(result['closed_count'])} {'installatie' if result['closed_count'] == 1 else 'installaties'}",
                delta_color="off",
                delta_arrow="off",
                help="Door sluiting of vertrek uit het ETS: de uitstoot in het basisjaar van installaties die nu geen uitstoot "
                "meer hebben. Geen verduurzaming van draaiende installaties.",
            )
            if viewer.sees_all:  # the pipeline of one company says nothing about the Cluster 6 gap
                value, qualifier = missing_headline_parts(result, year=chosen.year, incomplete=incomplete_note is not None)
                key_figures.metric(
                    "Ontbreekt nog",
                    value,
                    qualifier,
                    delta_color="off",
                    delta_arrow="off",
                    help="Nodig min gerealiseerd (draaiend + sluitingen)"
                    + (
                        "; de pijplijn is voorbeelddata en telt hier niet mee."
                        if sample
                        else " min de verwachte reductie uit de pijplijn."
                    ),
                )
                pipeline_text = f"Verwacht uit de pijplijn: {formatting.tonnes(result['expected'])}/jaar"
                if sample:
                    pipeline_text = (
                        f"**Voorbeelddata, telt niet mee in 'Ontbreekt nog':** {pipeline_text.lower()}; als die zou "
                        f"kloppen ontbrak nog {formatting.tonnes(result['missing_with_pipeline'])}/jaar. Niet publiceren."
                    )
                st.markdown(pipeline_text)
            if incomplete_note:
                extra = (
                    f" {formatting.number(result['not_reported_count'])} installaties met samen "
                    f"{formatting.tonnes(result['not_reported'])} in {chosen.baseline_year} tellen daarom niet als reductie mee."
                    if result["not_reported_count"]
                    else ""
                )
                st.warning(
                    f"{incomplete_note}{extra} Kies {completeness.latest_complete_year(status)} voor een volledig beeld.",
                    icon=":material/warning:",
                )
            gap_table = pipeline_gap_table(result, expected_by_route)
            if viewer.sees_all:
                chart_view.show(
                    charts.pipeline_gap(result, expected_by_route, baseline_year=chosen.baseline_year, year=chosen.year),
                    gap_table,
                )
            st.caption(
                f"Gerealiseerd = geverifieerde uitstoot {chosen.baseline_year} min {chosen.year} (echte ETS-cijfers), gesplitst in "
                "reductie bij installaties die nog draaien (min nieuwkomers) en sluitingen of vertrek uit het ETS. Installaties zonder "
                f"cijfer over {chosen.year} tellen niet als reductie. Verwacht = geschatte jaarlijkse reductie van casussen en "
                "subsidieprojecten; een deel kan al in het gerealiseerde zitten. Nodig = basisjaar min het gekozen doelpad in 2030."
                + (" " + config.TARGET_DEFAULT_WHY if chosen.target_id == config.TARGET_ID_DEFAULT else "")
            )
            ui.download(gap_table if viewer.sees_all else gap_table.iloc[:4], "routes_pijplijn_vs_opgave.csv")
        ui.source_caption("eutl_nl", "eutl_recent", "targets", "sample_cases", "sample_subsidies")

# 4. Sector x route (heatmap and flows each need the full width for their labels)
if tab := parts.get("Sector × route"):
    with tab:
        sectors = data.sectors
        st.subheader("Sector × route")
        matrix = data.matrix
        chart_view.show(charts.sector_route_heatmap(matrix, sectors, routes), matrix)
        st.caption("Aantal bedrijven met een casus of subsidieproject.")
        ui.download(matrix, "routes_sector_x_route.csv")
        ui.source_caption("cases_public", "sample_cases", "sample_subsidies")

# 5. The flow sector -> route -> status
if tab := parts.get("Stromen"):
    with tab:
        st.subheader("Casussen: sector → route → status")
        if data.sankey is None:
            ui.empty("Geen casussen in deze selectie.")
        else:
            flows = data.flows
            chart_view.show(data.sankey, flows)
            ui.download(flows, "routes_stromen.csv")
        ui.source_caption("cases_public", "sample_cases", "sample_subsidies")
