"""Subsidies: is the money going where the reductions are? Granted vs paid, Actieplan burn-down, € per tonne."""

import streamlit as st

from monitor import chart_view, filters, formatting, sections, session, ui
from monitor.charts import subsidies as charts
from monitor.queries import meta, subsidies

chosen = filters.current()
viewer = session.viewer()
st.title("Subsidies")
st.caption(
    "Toegekende en uitbetaalde subsidie per instrument, het Actieplan-budget en wat een ton CO₂-reductie kost. "
    "Filters sector, provincie en route uit de zijbalk gelden; bedragen staan in het jaar van toekenning of betaling."
)
ui.sample_notice()
SOURCES = ("sample_subsidies",)

# 1. Key figures and granted vs paid per instrument and year
by_year = subsidies.by_instrument_year(viewer, chosen)
if by_year.empty:
    ui.empty()
    st.stop()
per_instrument = subsidies.by_dimension(viewer, chosen, "instrument")
key_figures = ui.metric_row("sub_totals")
key_figures.metric("Toegekend", formatting.euro(by_year["granted_eur"].sum()))
key_figures.metric(
    "Uitbetaald",
    formatting.euro(by_year["paid_eur"].sum()),
    f"{formatting.percent(by_year['paid_eur'].sum() / by_year['granted_eur'].sum(), signed=False)} van toegekend",
    delta_color="off",
    delta_arrow="off",
)
key_figures.metric("Beschikkingen", formatting.number(per_instrument["grants"].sum()))
key_figures.metric(
    "Verwachte reductie per jaar",
    formatting.tonnes(per_instrument["reduction_t_co2"].sum()),
    help="Som van de verwachte jaarlijkse CO₂-reductie van de beschikkingen (per beschikking één keer).",
)
# The rest in tabs: only the open one runs and is sent (monitor.sections); the tab is in the URL (?deel=...)
PARTS = ["Per jaar en instrument", "Actieplan-budget", "Euro per ton", "Per provincie en sector"]
if viewer.sees_all:
    PARTS.append("Grootste ontvangers")
parts = dict(zip(PARTS, sections.tabs(PARTS, keep=("subsidy_cost_dim",)), strict=True))
if tab := parts["Per jaar en instrument"]:
    with tab:
        st.subheader("Toegekend en betaald per jaar en instrument")
        chart_view.show(charts.granted_paid_by_year(by_year), by_year)
        ui.download(by_year, "subsidies_per_instrument_jaar.csv")
        ui.source_caption(*SOURCES)

# 2. Actieplan Cluster 6 budget: committed, paid, remaining (whole programme, the sidebar selection does not apply)
if tab := parts["Actieplan-budget"]:
    with tab:
        st.subheader("Actieplan Cluster 6: budget tegen toezeggingen")
        budgets = meta.budgets().set_index("budget_id")
        programme, extra = budgets.loc["actieplan_cluster6"], budgets.loc["actieplan_cluster6_2_0_extra"]
        burn = charts.burn_down(
            subsidies.actieplan_by_year(viewer),
            programme["amount_eur"],
            int(programme["period_start"]),
            int(programme["period_end"]),
        )
        # The key figures stand at the year chosen in the sidebar (later commitments in the data do not count yet).
        known = burn.dropna()
        known = known[known["year"] <= chosen.year]
        latest = known.iloc[-1] if not known.empty else None
        if latest is not None:
            key_figures = ui.metric_row("sub_programme")
            key_figures.metric(f"Toegezegd t/m {int(latest['year'])}", formatting.euro(latest["committed_eur"]))
            key_figures.metric(f"Betaald t/m {int(latest['year'])}", formatting.euro(latest["paid_eur"]))
            key_figures.metric(
                "Nog vrij",
                formatting.euro(latest["remaining_eur"]),
                f"{formatting.percent(latest['remaining_eur'] / programme['amount_eur'], signed=False)} van {formatting.euro(programme['amount_eur'])}",
                delta_color="off",
                delta_arrow="off",
            )
        chart_view.show(charts.burn_down_chart(burn, programme["amount_eur"], extra["amount_eur"]), burn)
        st.caption(
            f"Budget: {programme['budget_name']} ({programme['source']}); daarin {extra['budget_name'].lower()} "
            f"vanaf {int(extra['period_start'])}. Instrumenten die beginnen met 'Actieplan Cluster 6'; alle sectoren en provincies."
        )
        ui.download(burn, "actieplan_budget_verloop.csv")
        ui.source_caption("sample_subsidies", "budgets")

# 3. Euros per tonne CO2 of expected annual reduction
if tab := parts["Euro per ton"]:
    with tab:
        st.subheader("Euro per ton verwachte CO₂-reductie")
        sections.seed("subsidy_cost_dim", "instrument")
        dimension = st.segmented_control("Per", ["instrument", "route", "sector"], key="subsidy_cost_dim")
        dimension = dimension or "instrument"
        cost = subsidies.by_dimension(viewer, chosen, dimension)
        chart_view.show(charts.euro_per_tonne_chart(cost, dimension), cost)
        without = int(cost["grants_without_reduction"].sum())
        st.caption(
            "Toegekend bedrag (alle jaren) gedeeld door de verwachte reductie per jaar, per beschikking één keer geteld. "
            + (
                f"{formatting.plural(without, 'beschikking', 'beschikkingen')} zonder opgegeven reductie "
                f"{'telt' if without == 1 else 'tellen'} niet mee."
                if without
                else "Alle beschikkingen geven een reductie op."
            )
        )
        ui.download(cost, f"subsidie_euro_per_ton_per_{dimension}.csv")
        ui.source_caption(*SOURCES)

# 4. By province and sector
if tab := parts["Per provincie en sector"]:
    with tab:
        st.subheader("Per provincie en sector")
        for dim, label in (("province", "provincie"), ("sector", "sector")):  # one under the other: whole names at 1024 px
            frame = subsidies.by_dimension(viewer, chosen, dim)
            chart_view.show(charts.amounts_chart(frame, label), frame)
            ui.download(frame, f"subsidies_per_{label}.csv")
        ui.source_caption(*SOURCES)

# 5. Top recipients: ministry roles only (the tab exists only for them)
if tab := parts.get("Grootste ontvangers"):
    with tab:
        st.subheader("Grootste ontvangers")
        top = subsidies.top_recipients(viewer, chosen)
        ui.table(top, download="subsidies_grootste_ontvangers.csv")
        ui.source_caption(*SOURCES)
