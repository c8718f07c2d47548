"""Overzicht: where Cluster 6 stands - emissions, change against the baseline, cases and subsidies."""

import datetime as dt

import streamlit as st

from monitor import (
    action_lines,
    action_status,
    chart_view,
    completeness,
    config,
    delimitation_panel,
    filters,
    formatting,
    metric_delta,
    sections,
    session,
    signals,
    ui,
)
from monitor.charts.overview import sector_area
from monitor.progress import total_label
from monitor.queries import cases, emissions, meta, sectors, subsidies
from monitor.queries import signals as signal_queries
from monitor.targets import target_path

chosen = filters.current()
viewer = session.viewer()
st.title("Cluster 6 in één oogopslag")
st.caption(
    "Geverifieerde CO₂-emissies van de EU ETS-installaties buiten de vijf grote industrieclusters "
    "(zonder energieproducenten, glastuinbouw en niet-industriële installaties)."
)

# 1. Emissions of the selected year against the baseline and 2013
by_sector, totals, table = sectors.overview(chosen.baseline_year, chosen.year, chosen.provinces, tuple(chosen.sector_list()))
if chosen.year not in totals.index:
    ui.empty()
    st.stop()


def total(year: int) -> float | None:
    return float(totals.loc[year, "verified_t_co2"]) if year in totals.index else None


now, base, reference = total(chosen.year), total(chosen.baseline_year), total(config.REFERENCE_YEAR)
counts = emissions.cluster6_year(chosen.year, chosen.sectors, chosen.provinces)
scope = "Cluster 6" if not (chosen.sectors or chosen.provinces) else "selectie"
if scope != "Cluster 6":
    st.info(
        f"Cijfers voor de {total_label(chosen.sectors, chosen.provinces).lower()}, niet voor heel Cluster 6.",
        icon=":material/filter_alt:",
    )
headline = ui.metric_row("o_emissions")
headline.metric(f"Uitstoot {scope} {chosen.year}", formatting.tonnes(now))
headline.metric(
    f"t.o.v. basisjaar {chosen.baseline_year}",
    formatting.percent(now / base - 1) if base else "–",
    **metric_delta.change(now - base if base else None, formatting.tonnes(now - base) if base else None),
)
headline.metric(
    f"t.o.v. {config.REFERENCE_YEAR}",
    formatting.percent(now / reference - 1) if reference else "–",
    **metric_delta.change(now - reference if reference else None, formatting.tonnes(now - reference) if reference else None),
)
headline.metric(
    f"Installaties {scope} {chosen.year}",
    formatting.number(counts["installations"]),
    f"van {formatting.number(counts['companies'])} {'bedrijf' if counts['companies'] == 1 else 'bedrijven'}",
    delta_color="off",
    delta_arrow="off",
    help="EU ETS-installaties met geverifieerde emissie > 0 in dit jaar, en de bedrijven (exploitanten) die ze "
    "hebben. De Nederlandse Emissieautoriteit en het Actieplan ('circa 200 ETS-bedrijven') tellen installaties; "
    "zie 'Hoe is Cluster 6 afgebakend?' onderaan.",
)

status = emissions.completeness()
incomplete_note = completeness.note(status, chosen.year)
if incomplete_note:
    st.warning(
        f"{incomplete_note} Kies {completeness.latest_complete_year(status)} voor een volledig beeld.", icon=":material/warning:"
    )

# 2. Emissions per sector over time, against the chosen target path
targets = meta.targets()
target_name = targets.loc[targets["target_id"] == chosen.target_id, "target_name"].iloc[0]
path = target_path(targets, chosen.target_id, chosen.baseline_year, base) if base else None
st.subheader("Uitstoot per sector")
chart_view.show(
    sector_area(
        by_sector,
        path,
        target_name=f"{target_name} (vanaf {chosen.baseline_year})",
        source=ui.source_line("eutl_nl", "eutl_recent"),
        incomplete_years=completeness.incomplete_years(status),
    ),
    table,
    labels={s: formatting.Column(f"{s} (t CO₂)", "number") for s in table.columns if s != "year"},
)
st.caption(
    "De sprong in 2013 is geen stijging van de uitstoot: in fase 3 van het ETS (vanaf 2013) vielen meer "
    "installaties en activiteiten onder het systeem. Vergelijk daarom met 2013 of later, of gebruik 'vaste "
    "samenstelling' op de pagina Sectoren."
)
ui.download(by_sector, "cluster6_uitstoot_per_sector.csv")
if path is not None:
    ui.download(path, "cluster6_doelpad.csv", "Doelpad (CSV)")
ui.source_caption("eutl_nl", "eutl_recent", "targets")
if chosen.target_id == config.TARGET_ID_DEFAULT:
    st.caption(config.TARGET_DEFAULT_WHY)

# 3. Case approach and Actieplan budget (sample data)
if not viewer.is_public:  # the public view has no case, subsidy or sample data (monitor.public)
    st.subheader("Casusaanpak en Actieplan-budget")
    ui.sample_notice()
    spend = subsidies.actieplan_spend(viewer).iloc[0]
    budget = meta.budgets().set_index("budget_id").loc["actieplan_cluster6"]
    whose = "" if viewer.sees_all else " (uw bedrijf)"  # a company's cases and grants are its own
    casework = ui.metric_row("o_cases")
    casework.metric(
        f"Open casussen{whose}", formatting.number(cases.open_count(viewer)), help="Status aangemeld, intake of in behandeling."
    )
    casework.metric(
        f"Toegekend uit Actieplan{whose}",
        formatting.euro(spend["granted_eur"]),
        f"{formatting.percent(spend['granted_eur'] / budget['amount_eur'], signed=False)} van het budget",
        delta_color="off",
        delta_arrow="off",
    )
    casework.metric(f"Uitbetaald uit Actieplan{whose}", formatting.euro(spend["paid_eur"]))
    casework.metric("Budget programma t/m 2030", formatting.euro(budget["amount_eur"]), help=budget["source"])
    ui.source_caption("sample_cases", "sample_subsidies", "budgets")

# Signals that need attention (the Signalen page lists them with reason, size and link)
if signal_queries.available() and not viewer.is_public:  # signals are about cases and grants too
    attention = signals.view(viewer, chosen, (), dt.date.today()).counts  # kept per data version: no copy
    st.page_link(
        "pages/signalen.py",
        label=formatting.plural(int(attention["signals"].sum()), "signaal vraagt", "signalen vragen")
        + " aandacht: "
        + ", ".join(f"{r.title.lower()} {r.signals}" for r in attention.itertuples() if r.signals)
        if attention["signals"].sum()
        else "Geen signalen die aandacht vragen",
        icon=":material/notifications:",
    )

# 3b. Actieplan 2.0: action lines behind schedule today (details on the page Actielijnen)
action_verdicts = action_status.verdicts_on(viewer, dt.date.today())
behind = action_verdicts[action_verdicts["verdict"] == action_lines.BEHIND]
st.metric(
    "Actielijnen achter op schema",
    f"{len(behind)} van {len(action_verdicts)}",
    help="Een actielijn van Actieplan 2.0 loopt achter als een mijlpaal vandaag over zijn geplande datum is en niet is afgerond.",
)
st.caption(
    (f"Achter: {', '.join(behind['name'])}. " if len(behind) else "")
    + "Mijlpalen en indicatoren per actielijn: [Actielijnen](/actielijnen)."
)

# 4. How Cluster 6 is delimited (rules, count per rule, the ~200 of the Actieplan)
if box := sections.expander("Hoe is Cluster 6 afgebakend?", key="o_delimitation"):
    with box:
        delimitation_panel.render(chosen.year)
