"""Wat als: what solving cases (one by one or a whole bottleneck, route, province, sector or project type)
would bring by 2030, against the target path, the trend and today's pipeline; and which bottleneck holds
back the most. The scenario lives in the URL and never changes stored data."""

import datetime as dt

import streamlit as st

from monitor import chart_view, completeness, config, filters, formatting, page_state, sections, session, ui, whatif, whatif_model
from monitor.charts import whatif as charts
from monitor.export_safety import escape_markdown
from monitor.progress import TOTAL_ALL
from monitor.queries import emissions, meta

chosen = filters.current()
viewer = session.viewer()
st.title("Wat als")
st.caption(
    "Wat levert het op als casussen worden opgelost? Kies welke open casussen vóór welk jaar worden opgelost en welk deel "
    "van hun verwachte reductie echt wordt gehaald. Het scenario staat in de link en verandert geen opgeslagen gegevens. "
    "Basisjaar en doelpad komen uit de zijbalk; de filters sector, provincie, route en status gelden hier niet."
)
cases = whatif_model.open_cases(viewer)  # count, provinces, sample: kept per data version
if not cases.count:
    ui.empty("Geen open casussen: er valt niets op te lossen.")
    st.stop()

# 1. The scenario (kept in the URL: ?knelpunt=netcongestie&opgelost=2027&factor=0.8&casus=T-001)
GROUPS = {  # widget key -> (URL parameter, label, column, options)
    "wa_bottleneck": ("knelpunt", "Knelpunt", "bottleneck", config.BOTTLENECKS),
    "wa_route": ("als_route", "Route", "route", config.ROUTES),
    "wa_province": ("als_provincie", "Provincie", "province", cases.provinces),
    "wa_sector": ("als_sector", "Sector", "sector", config.SECTORS),
    "wa_type": ("soort", "Projectsoort", "project_type", whatif.PROJECT_TYPES),
}
this_year = dt.date.today().year
solve_years = list(range(min(this_year, config.TARGET_YEAR), config.TARGET_YEAR + 1))
for key, (param, _, _, options) in GROUPS.items():
    page_state.seed(key, param, [], page_state.parse_list(tuple(options)))
page_state.seed("wa_cases", "casus", "")
page_state.seed("wa_year", "opgelost", solve_years[0], lambda v: int(v) if int(v) in solve_years else solve_years[0])
page_state.seed("wa_factor", "factor", 1.0, lambda v: min(max(float(v.replace(",", ".")), 0.0), 1.0))
st.markdown(
    "**Welke casussen worden opgelost?** Alle open casussen met de gekozen kenmerken (elk gekozen kenmerk moet kloppen), plus losse casussen."
)
columns = st.columns(len(GROUPS))
for column, (key, (_, label, _, options)) in zip(columns, GROUPS.items(), strict=True):
    column.multiselect(label, list(options), key=key, placeholder="alle")
left, middle, right = st.columns([2, 1, 1])
left.text_input("Losse casussen (codes, met komma's)", key="wa_cases", placeholder="bijvoorbeeld T-001, VB-014")
middle.select_slider("Opgelost vóór", solve_years, key="wa_year")
right.slider(
    "Realisatiefactor", 0.0, 1.0, step=0.05, key="wa_factor", help="Deel van de verwachte reductie dat echt wordt gehaald."
)
for key, (param, *_rest) in GROUPS.items():
    page_state.keep(key, param, [], page_state.render_list)
page_state.keep("wa_cases", "casus", "")
page_state.keep("wa_year", "opgelost", solve_years[0])
page_state.keep("wa_factor", "factor", 1.0, lambda v: f"{v:g}")
named = [c.strip() for c in st.session_state["wa_cases"].split(",") if c.strip()]
unknown = whatif_model.unknown(viewer, tuple(named)) if named else []
if unknown:
    st.warning(f"Geen open casus die u mag zien: {escape_markdown(', '.join(unknown))}.", icon=":material/warning:")
factor, solve_year = float(st.session_state["wa_factor"]), int(st.session_state["wa_year"])
scenario = whatif_model.Scenario(
    groups=tuple((column, tuple(st.session_state[k])) for k, (_, _, column, _) in GROUPS.items()),
    named=tuple(named),
    factor=factor,
    solve_year=solve_year,
)
sample = cases.sample
if sample:
    ui.sample_notice()

# 2. Cluster 6 in 2030: trend, scenario, pipeline and the target path
facts = emissions.completeness()
last = min(chosen.year, completeness.latest_complete_year(facts) or chosen.year)
targets = meta.targets()
# the table per sector, the chart's lines and the ranking: kept per data version, viewer and scenario (monitor.whatif_model)
model = (viewer, scenario, chosen.baseline_year, last, chosen.target_id)
table, solved = whatif_model.projection(*model)
total = table.set_index("sector").loc[TOTAL_ALL]
target_name = targets.loc[targets["target_id"] == chosen.target_id, "target_name"].iloc[0]
st.subheader(f"Cluster 6 in {config.TARGET_YEAR}")
key_figures = ui.metric_row("w_2030")
key_figures.metric(
    "Trend 2030", formatting.tonnes(total["trend_2030_t"]), help="Voortzetting van het tempo van de afgelopen jaren."
)
key_figures.metric(
    f"Scenario 2030{' (voorbeelddata)' if sample else ''}",
    formatting.tonnes(total["scenario_2030_t"]),
    f"−{formatting.tonnes(total['scenario_reduction_t'])} door {solved} casussen",
    delta_color="off",
    delta_arrow="off",
)
key_figures.metric("Doel 2030", formatting.tonnes(total["target_2030_t"]), help=f"Doelpad: {target_name} (zijbalk).")
gap = total["gap_2030_t"]
key_figures.metric(
    "Tekort in 2030" if gap > 0 else "Onder het doel in 2030", formatting.tonnes(abs(gap)), help="Scenario min doel."
)

# The rest in tabs: only the open one runs and is sent (monitor.sections); the tab is in the URL (?deel=...)
PARTS = ["Projectie tot 2030", "Welk knelpunt eerst?"]
parts = dict(zip(PARTS, sections.tabs(PARTS), strict=True))
# 2b. The paths to 2030 in a chart and per sector in a table
if tab := parts["Projectie tot 2030"]:
    with tab:
        lines = whatif_model.lines(*model)
        chart_view.show(
            charts.projection_chart(
                lines,
                target_name=target_name,
                sample=sample,
                band_level=whatif.BAND_LEVEL,
                source=ui.source_line("eutl_nl", "eutl_recent", "targets", "sample_cases"),
            ),
            lines,
        )
        years = whatif.fit_years(last)
        st.caption(
            f"**Methode.** Trend: een rechte lijn door de logaritme van de gerealiseerde uitstoot {years[0]}–{years[-1]} (kleinste "
            f"kwadraten, dus een vast percentage per jaar), doorgetrokken tot 2030; de band is het 80 %-voorspellingsinterval. "
            f"Scenario: de gekozen casussen zijn vóór {solve_year} opgelost en hun verwachte reductie × {formatting.number(factor, 2)} "
            "gaat vanaf dat jaar van de trend af (aangenomen dat die reductie nog niet in de trend zit). Pijplijn: hetzelfde voor alle open casussen."
            + (" Verwachte reducties zijn voorbeelddata." if sample else "")
        )
        numbers = [c for c in table.columns if c.endswith("_t")]
        ui.table(
            table.assign(**{c: table[c].round(0) for c in numbers}),
            {
                c: st.column_config.NumberColumn(label, format="localized")
                for c, label in {
                    "baseline_t": f"{chosen.baseline_year} (t)",
                    "realised_t": f"{last} (t)",
                    "trend_2030_t": "trend 2030",
                    "trend_low_t": "trend laag",
                    "trend_high_t": "trend hoog",
                    "pipeline_2030_t": "pijplijn 2030",
                    "scenario_reduction_t": "scenario: reductie",
                    "scenario_2030_t": "scenario 2030",
                    "target_2030_t": "doel 2030",
                    "gap_2030_t": "tekort 2030",
                }.items()
            },
        )
        ui.download(table.assign(voorbeelddata=sample), f"wat_als_2030_{solve_year}.csv")

# 3. Which bottleneck to untie first
if tab := parts["Welk knelpunt eerst?"]:
    with tab:
        st.subheader("Welk knelpunt eerst?")
        trend_gap = total["trend_2030_t"] - total["target_2030_t"] if total["target_2030_t"] else None
        ranking = whatif_model.ranking(viewer, factor, trend_gap)
        st.caption(
            f"Verwachte reductie (× realisatiefactor) van de open casussen per knelpunt, en als deel van het tekort in 2030 bij de trend "
            f"({formatting.tonnes(trend_gap) if trend_gap and trend_gap > 0 else 'geen tekort'})."
        )
        chart_view.show(charts.bottleneck_chart(ranking, sample=sample, source=ui.source_line("sample_cases")), None, beside=True)
        ui.table(
            ranking,
            {
                "bottleneck": "knelpunt",
                "cases": "open casussen",
                "cases_without_estimate": "zonder schatting",
                "reduction_t": st.column_config.NumberColumn("reductie (t CO₂/jaar)", format="localized"),
                "share_of_gap": st.column_config.NumberColumn("deel van het tekort", format="percent"),
                "sample_cases": "voorbeeld",
            },
        )
        ui.download(ranking.assign(voorbeelddata=sample), "wat_als_knelpunten.csv")
