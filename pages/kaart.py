"""Kaart: where the Cluster 6 companies are, and where it sticks (cases, grid congestion, regional groups)."""

import streamlit as st

from monitor import deferred, filters, formatting, kaart_model, map_files, page_state, public, sections, session, ui
from monitor.charts import maps
from monitor.queries import geo

LAYERS = ("casussen", "subsidies", "grote clusters", "regioaanpak", "achtergrondkaart")
DEFAULT_LAYERS = ["casussen", "grote clusters", "regioaanpak"]
PUBLIC_LAYERS = ("grote clusters", "regioaanpak", "achtergrondkaart")  # the public view: no case or subsidy layers

chosen = filters.current()
viewer = session.viewer()
st.title("Kaart: waar zitten de Cluster 6-bedrijven" + ("?" if viewer.is_public else ", en waar knelt het?"))
st.caption(
    f"ETS-installaties naar sector en uitstoot in {chosen.year}, "
    + ("" if viewer.is_public else "met casussen, subsidies, netcongestie en ")
    + "groepen installaties dicht bij elkaar (regioaanpak). Filters uit de zijbalk gelden ook hier."
)

# 1. Page controls (kept in the URL: ?lagen=, ?kleur=, ?afstand=)
layer_options = PUBLIC_LAYERS if viewer.is_public else LAYERS
default_layers = [layer for layer in DEFAULT_LAYERS if layer in layer_options]
page_state.seed("k_layers", "lagen", default_layers, page_state.parse_list(layer_options))
page_state.seed("k_colour", "kleur", "status", lambda v: v if v in ("status", "knelpunt") else "status")
page_state.seed("k_distance", "afstand", 5, lambda v: min(max(int(v), 1), 30))
layers = st.pills("Lagen op de kaart", layer_options, selection_mode="multi", key="k_layers")
controls = st.columns([1, 1.4, 1.6])
case_colour = (
    "status"
    if viewer.is_public
    else controls[0].segmented_control("Casussen kleuren naar", ("status", "knelpunt"), key="k_colour")
) or "status"
distance = controls[1].slider("Regioaanpak: onderlinge afstand (km)", 1, 30, key="k_distance")
page_state.keep("k_layers", "lagen", default_layers, page_state.render_list)
page_state.keep("k_colour", "kleur", "status")
page_state.keep("k_distance", "afstand", 5)

# 2. Data for the selection (computed once per data version, viewer and filters: monitor/kaart_model.py)
data = kaart_model.map_data(viewer, chosen)
cases, points = data.cases, data.points
cluster6 = points[points["in_cluster6"]]
if cluster6.empty:
    ui.empty()
    st.stop()
members, groups = kaart_model.regional_groups(viewer, chosen, distance)

# 3. Map over the full width, the province table under it
emitted = cluster6.groupby("sector")["verified_t_co2"].sum().sort_values(ascending=False, kind="stable")
st.html(
    maps.legend_html(
        list(emitted.index),
        show_context="grote clusters" in layers,
        show_cases="casussen" in layers,
        case_colour=case_colour,
        show_subsidies="subsidies" in layers,
    )
)
deck = kaart_model.deck(viewer, chosen, distance, tuple(layers or ()), case_colour)
# drawn last (monitor.deferred): sent after the run's end, deck.gl no longer holds up the page's words and
# figures, and the map itself is drawn no later (benchmarks.scale, README)
deferred.later(lambda slot: map_files.pydeck_chart(deck, slot, height=700, width="stretch"))
st.caption(
    f"{formatting.number(len(cluster6))} Cluster 6-installaties van {formatting.number(cluster6['company'].nunique())} "
    f"bedrijven met uitstoot in {chosen.year}. {maps.scale_note()} "
    "Achtergrondkaart (internet) staat standaard uit; provinciegrenzen zijn meegeleverd. "
    "De kaart in tekst: de tabel in de tab 'Per provincie' hieronder en de download 'Kaartgegevens'."
)
not_drawn = kaart_model.not_drawn(viewer, chosen)
if not not_drawn.empty:
    offshore = not_drawn[not_drawn["offshore"]]
    st.info(
        f"**{formatting.plural(len(offshore), 'offshore-installatie', 'offshore-installaties')}** (Noordzee, samen "
        f"{formatting.tonnes(offshore['verified_t_co2'].sum())}) en "
        f"{formatting.plural(len(not_drawn) - len(offshore), 'installatie', 'installaties')} zonder bekende locatie "
        "staan niet op de kaart.",
        icon=":material/info:",
    )
    if box := sections.expander("Welke installaties staan niet op de kaart?", key="k_missing"):
        with box:
            shown = not_drawn[["name", "company", "sector", "offshore", "verified_t_co2"]]
            ui.table(shown, download="kaart_niet_op_kaart.csv")
map_data = points.drop(columns=["fill", "radius_m", "ring_status", "ring_bottleneck", "case_list"], errors="ignore")
map_data = map_data.drop(columns=[c for c in map_data.columns if c.endswith("_label")])  # tooltip texts
ui.download(
    public.without_confidential(map_data) if viewer.is_public else map_data, "kaart_installaties.csv", "Kaartgegevens (CSV)"
)
ui.source_caption("eutl_nl", "eutl_recent", "coordinates", "provincies", "gemeenten")

# 3b. The per-province figures (the congestion tab reads its grid cases too); the sections under the map in tabs:
# only the open one runs and is sent (monitor.sections), the tab is in the URL (?deel=...). The public view has no
# congestion or case data (monitor.public).
table = kaart_model.province_table(viewer, chosen)  # computed once per data version, viewer and filters
if viewer.is_public:  # emissions and companies only: no cases, bottlenecks or (sample) contact points
    table = public.without_confidential(table)
PARTS = ["Per provincie"] + ([] if viewer.is_public else ["Netcongestie"]) + ["Regioaanpak"]
parts = dict(zip(PARTS, sections.tabs(PARTS), strict=True))

if tab := parts["Per provincie"]:
    with tab:
        st.subheader("Per provincie")
        # A company's cases are only its own (geo.cases_for_map is scoped to the viewer): its own figures are never
        # suppressed, and the headers say whose they are.
        whose = "" if viewer.sees_all else " van uw bedrijf"
        labels = {
            "verified_t_co2": formatting.Column(f"uitstoot {chosen.year} (t CO₂)", "number"),
            "companies": formatting.Column("bedrijven", "int", help="Exploitanten met uitstoot > 0 in dit jaar."),
            "open_cases": formatting.Column(
                f"open casussen{whose}", "int", help="Open casussen (niet opgelost, doorverwezen of gestopt)."
            ),
            "bottlenecks": formatting.Column(
                f"knelpunten{whose}", help="De meest genoemde knelpunten, met het aantal casussen; alle casussen in de selectie."
            ),
        }
        # Figures, then the texts (bottlenecks, contact point) in a table of their own: together they do not fit 1024 px.
        figures = [c for c in ("province", "verified_t_co2", "companies", "open_cases") if c in table]
        texts = [c for c in ("province", "bottlenecks", "contact") if c in table]
        ui.table(table[figures], labels)
        if len(texts) > 1:
            ui.table(table[texts], labels)
        ui.download(table[figures + texts[1:]], "kaart_per_provincie.csv", labels=labels)
        ui.source_caption("eutl_recent", *(() if viewer.is_public else ("province_contacts", "sample_cases")))

# 4. Grid congestion and the cases stuck on the grid
if tab := parts.get("Netcongestie"):
    with tab:
        st.subheader("Netcongestie en casussen met een netknelpunt")
        ui.sample_notice()
        # The congestion table, then the cases stuck on the grid (stacked: both need the full width).
        congestion = geo.grid_congestion()
        if chosen.provinces:
            congestion = congestion[congestion["province"].isin(chosen.provinces)]
        congestion = congestion.merge(table[["province", "grid_cases"]], on="province", how="left")
        ui.table(
            congestion[["province", "grid_cases", "offtake", "feed_in", "is_sample", "as_of", "note"]],
            download="kaart_netcongestie.csv",
        )
        ui.source_caption("grid_congestion")
        grid_cases = cases[cases["bottleneck"].isin(maps.GRID_BOTTLENECKS)]
        if grid_cases.empty:
            ui.empty("Geen casussen met knelpunt netcongestie of netaansluiting in deze selectie.")
        else:
            shown = grid_cases[["case_id", "company", "province", "sector", "route", "bottleneck", "status", "is_sample"]]
            ui.table(shown, download="kaart_casussen_netknelpunt.csv")
        ui.source_caption("cases_public", "sample_cases")

# 5. Regioaanpak: groups of installations close together
if tab := parts["Regioaanpak"]:
    with tab:
        st.subheader(f"Regioaanpak: installaties binnen {distance} km van elkaar")
        st.caption(
            "Groepen van Cluster 6-installaties die via onderlinge afstanden van hoogstens de gekozen afstand verbonden zijn "
            "(single linkage, hemelsbreed): kandidaten voor gedeelde infrastructuur of warmte-uitwisseling. "
            "Installaties met een locatie bij benadering tellen niet mee."
        )
        if groups.empty:
            ui.empty(f"Geen installaties binnen {distance} km van elkaar in deze selectie. Vergroot de afstand.")
        else:
            ui.table(
                groups.drop(columns=["lat", "lon", "radius_m"]),
                {"verified_t_co2": f"uitstoot {chosen.year} (t CO₂)"},
                download="kaart_regiogroepen.csv",
            )
            if box := sections.expander("Installaties per groep", key="k_group_members"):
                with box:
                    listed = members[["group", "name", "company", "sector", "municipality", "verified_t_co2"]]
                    ui.table(listed, download="kaart_regiogroepen_installaties.csv")
        ui.source_caption("eutl_recent", "coordinates")
