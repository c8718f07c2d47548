"""Sectoren: which sectors move and which lag - per-sector emissions, target path and an on-track verdict."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from monitor import chart_view, completeness, config, filters, formatting, page_state, sections, selection, session, ui
from monitor.charts import sectors as charts
from monitor.progress import route_shares, sector_progress, total_label
from monitor.queries import emissions, meta
from monitor.queries import sectors as queries
from monitor.targets import target_path

chosen = filters.current()
viewer = session.viewer()
targets = meta.targets()
target_name = targets.loc[targets["target_id"] == chosen.target_id, "target_name"].iloc[0]
st.title("Sectoren: wie beweegt, wie blijft achter?")
st.caption(
    f"Geverifieerde uitstoot per Cluster 6-sector, {chosen.baseline_year} (basisjaar) tot {chosen.year}, tegen het doelpad "
    f"'{target_name}'. Oordeel zoals de Britse Climate Change Committee: de gemiddelde jaarlijkse reductie sinds het "
    f"basisjaar tegen de gemiddelde jaarlijkse reductie die tot {config.TARGET_YEAR} nog nodig is."
)
if chosen.year <= chosen.baseline_year:
    ui.empty(f"Kies in de zijbalk een jaar na het basisjaar ({chosen.baseline_year}) om voortgang te meten.")
    st.stop()

# 1. Scope: all installations, or only those present in every year (page control, kept as ?vast=1)
page_state.seed("s_constant", "vast", False, page_state.parse_bool)
constant = st.toggle(
    f"Vaste samenstelling: alleen installaties met uitstoot in elk jaar {chosen.baseline_year}-{chosen.year}",
    key="s_constant",
    help="Zo worden openingen en sluitingen niet voor reducties aangezien.",
)
page_state.keep("s_constant", "vast", False, page_state.render_bool)
by_year = queries.by_sector_year(chosen.baseline_year, chosen.year, constant, chosen.provinces)
by_year = by_year[by_year["sector"].isin(chosen.sector_list())]
if by_year[by_year["year"] == chosen.year].empty:
    ui.empty()
    st.stop()
outside = queries.outside_constant_scope(chosen.baseline_year, chosen.year, chosen.provinces)
outside = outside[outside["sector"].isin(chosen.sector_list())]
if constant:
    st.info(
        f"**{len(outside)} installaties uitgesloten** (geopend, gesloten of nog niet gerapporteerd in de periode): samen "
        f"{formatting.tonnes(outside['baseline_t_co2'].sum())} in {chosen.baseline_year} en "
        f"{formatting.tonnes(outside['verified_t_co2'].sum())} in {chosen.year}.",
        icon=":material/filter_alt:",
    )
    if box := sections.expander("Welke installaties vallen buiten de vaste samenstelling?", key="s_outside"):
        with box:
            ui.table(outside, download="sectoren_buiten_vaste_samenstelling.csv")
else:
    st.caption(
        f"Alle installaties; {len(outside)} ervan hebben niet in elk jaar uitstoot (zet 'vaste samenstelling' aan om ze weg te laten)."
    )
status = emissions.completeness()
incomplete_note = completeness.note(status, chosen.year)
if incomplete_note:
    advice = (
        "De vaste samenstelling laat ze weg; de verdicten gelden dan alleen voor installaties die wel rapporteerden."
        if constant
        else f"Kies {completeness.latest_complete_year(status)} of zet 'vaste samenstelling' aan."
    )
    st.warning(f"{incomplete_note} {advice}", icon=":material/warning:")

progress = sector_progress(
    by_year, targets, chosen.target_id, chosen.baseline_year, chosen.year, total_label(chosen.sectors, chosen.provinces)
)
present = progress.dropna(subset=["verified_t_co2"]).sort_values("verified_t_co2", ascending=False)["sector"].tolist()
present = [s for s in present if s != progress["sector"].iloc[-1]]  # the sectors with emissions, largest first

# The sections in tabs: only the open one runs and is sent (monitor.sections); the tab is in the URL (?deel=...).
# The public view has no case or subsidy data (monitor.public): no tab per route there.
PARTS = ["Op koers", "Uitstoot per sector", "Eén sector in detail"] + ([] if viewer.is_public else ["Per route"])
detail_link = "detail" in st.query_params  # /sectoren?detail=glas opens that sector's tab
parts = dict(zip(PARTS, sections.tabs(PARTS, default="Eén sector in detail" if detail_link else None), strict=True))
# 2. On track or off track per sector
if tab := parts["Op koers"]:
    with tab:
        st.subheader(f"Op koers voor {config.TARGET_YEAR}?")
        # short headers, so the table fits a 1024 px screen; the help (and the caption under it) says the rest
        progress_labels = {
            "baseline_t_co2": formatting.Column(
                f"{chosen.baseline_year} (t)", "number", help=f"Uitstoot {chosen.baseline_year} in t CO₂."
            ),
            "verified_t_co2": formatting.Column(f"{chosen.year} (t)", "number", help=f"Uitstoot {chosen.year} in t CO₂."),
            "change": formatting.Column("verandering", "change", help=f"Uitstoot {chosen.year} t.o.v. {chosen.baseline_year}."),
            "target_2030_t_co2": formatting.Column(
                "doel (t)", "number", help=f"Uitstoot volgens het doelpad in {config.TARGET_YEAR}, in t CO₂."
            ),
            "achieved_rate": formatting.Column(
                "behaald", "percent", help=f"Gerealiseerd: gemiddelde jaarlijkse reductie {chosen.baseline_year}-{chosen.year}."
            ),
            "needed_rate": formatting.Column(
                "nodig", "percent", help=f"Gemiddelde jaarlijkse reductie die {chosen.year}-{config.TARGET_YEAR} nodig is."
            ),
        }
        chart_view.show(
            charts.progress_dumbbell(progress, baseline_year=chosen.baseline_year, year=chosen.year), None, beside=True
        )
        ui.table(progress, progress_labels)
        download_headers = {  # a file has no help texts: the full names
            "baseline_t_co2": f"uitstoot {chosen.baseline_year} (t CO₂)",
            "verified_t_co2": f"uitstoot {chosen.year} (t CO₂)",
            "target_2030_t_co2": f"doel {config.TARGET_YEAR} (t CO₂)",
            "achieved_rate": "gerealiseerd per jaar",
            "needed_rate": "nodig per jaar",
        }
        ui.download(
            progress,
            "sectoren_op_koers.csv",
            labels={
                name: replace(column, label=download_headers.get(name, column.label)) for name, column in progress_labels.items()
            },
        )
        st.caption(
            "Behaald (gerealiseerd) en nodig zijn gemiddelde jaarlijkse (samengestelde) reducties. 'Op koers': de behaalde reductie is "
            "minstens de nog benodigde; 'te langzaam': daalt, maar te langzaam; 'verkeerde richting': uitstoot gestegen. "
            "Nodig 0 % = het doel voor 2030 is al bereikt."
            + (" " + config.TARGET_DEFAULT_WHY if chosen.target_id == config.TARGET_ID_DEFAULT else "")
        )
        ui.source_caption("eutl_nl", "eutl_recent", "targets")

# 3. Emissions per sector over time, against the target path
if tab := parts["Uitstoot per sector"]:
    with tab:
        st.subheader("Uitstoot per sector en doelpad")
        bases = by_year[by_year["year"] == chosen.baseline_year].set_index("sector")["verified_t_co2"]
        paths = [
            target_path(targets, chosen.target_id, chosen.baseline_year, float(t)).assign(sector=s)
            for s, t in bases.items()
            if t > 0
        ]
        paths = (pd.concat(paths) if paths else by_year.iloc[0:0].assign(target_t_co2=0.0))[["sector", "year", "target_t_co2"]]
        since = min(chosen.baseline_year, config.REFERENCE_YEAR)
        series_and_paths = by_year.merge(paths, on=["sector", "year"], how="outer")
        chart_view.show(
            charts.sector_small_multiples(by_year[by_year["year"] >= since], paths, baseline_year=chosen.baseline_year),
            series_and_paths,
        )
        ui.download(series_and_paths, "sectoren_uitstoot_en_doelpad.csv")
        ui.source_caption("eutl_nl", "eutl_recent", "targets")

# 4. One sector in detail: installations, companies, top emitters (page control, kept as ?detail=)
if tab := parts["Eén sector in detail"]:
    with tab:
        st.subheader("Eén sector in detail")
        page_state.seed("s_detail", "detail", present[0], lambda v: v if v in present else present[0])
        if st.session_state["s_detail"] not in present:
            st.session_state["s_detail"] = present[0]
        detail = st.selectbox("Sector", present, key="s_detail")
        page_state.keep("s_detail", "detail", present[0])
        now = by_year[(by_year["sector"] == detail) & (by_year["year"] == chosen.year)].iloc[0]
        row = progress.set_index("sector").loc[detail]
        key_figures = ui.metric_row("s_detail_figures")
        key_figures.metric(f"Uitstoot {chosen.year}", formatting.tonnes(now["verified_t_co2"]))
        key_figures.metric(
            f"t.o.v. {chosen.baseline_year}",
            formatting.percent(row["change"]) if "change" in row and row["change"] == row["change"] else "–",
        )
        key_figures.metric(
            f"Installaties {chosen.year}",
            formatting.number(now["installations"]),
            f"van {formatting.number(now['companies'])} {'bedrijf' if now['companies'] == 1 else 'bedrijven'}",
            delta_color="off",
            delta_arrow="off",
        )
        top = queries.top_emitters(detail, chosen.year, chosen.baseline_year, chosen.provinces)
        top["change"] = top["verified_t_co2"] / top["baseline_t_co2"] - 1
        top_labels = {
            "verified_t_co2": formatting.Column(f"{chosen.year} (t)", "number", help=f"Uitstoot {chosen.year} in t CO₂."),
            "baseline_t_co2": formatting.Column(
                f"{chosen.baseline_year} (t)", "number", help=f"Uitstoot {chosen.baseline_year} in t CO₂."
            ),
            "change": formatting.Column("verandering", "change", help=f"Uitstoot {chosen.year} t.o.v. {chosen.baseline_year}."),
        }
        ui.table(top.drop(columns=["installation_id"]), top_labels)  # long names wrap: fits 1024 px
        ui.download(
            top,
            f"sectoren_grootste_uitstoters_{detail}.csv",
            key="dl_top_emitters",
            labels={
                "verified_t_co2": f"uitstoot {chosen.year} (t CO₂)",
                "baseline_t_co2": f"uitstoot {chosen.baseline_year} (t CO₂)",
                "change": f"verandering t.o.v. {chosen.baseline_year}",
            },
        )
        ui.source_caption("eutl_nl", "eutl_recent")

# 5. Share of each sector's companies with a case or project per route (confidential, sample data)
if tab := parts.get("Per route"):
    with tab:
        st.subheader("Aandeel bedrijven met een casus of project, per route")
        ui.sample_notice()
        projects = selection.projects(queries.companies_per_route(viewer), chosen)
        shares = route_shares(projects, by_year[by_year["year"] == chosen.year].set_index("sector")["companies"])
        if shares.empty:
            ui.empty("Geen casussen of subsidieprojecten in deze selectie.")
        elif not viewer.sees_all:  # a company sees its own projects only: on which routes it has one (its own, never suppressed)
            st.caption("Routes waarop uw bedrijf een casus of subsidieproject heeft.")
            ui.table(shares[["sector", "route"]], download="sectoren_aandeel_per_route.csv")
        else:
            sectors_shown = [s for s in present if s in set(shares["sector"])]
            chart_view.show(
                charts.route_share_heatmap(
                    shares,
                    sectors_shown,
                    list(chosen.routes or config.ROUTES),
                    source=ui.source_line("sample_cases", "sample_subsidies"),
                ),
                shares,
            )
            st.caption(
                f"Per cel: aandeel en aantal van de bedrijven met uitstoot in {chosen.year} in die sector met een casus of subsidieproject op die route."
            )
            ui.download(shares, "sectoren_aandeel_per_route.csv")
        ui.source_caption("cases_public", "sample_cases", "sample_subsidies")
