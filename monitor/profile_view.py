"""The sections of the profile page (pages/profiel.py): one installation or one company.

Streamlit rendering only; the figures come from monitor.queries.profile and monitor.queries.benchmark,
the charts from monitor.charts.profile. A company role reaches only its own profiles (the page checks).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor import chart_view, deferred, formatting, map_files, sections, ui
from monitor.access import SUPPRESSED, Viewer, suppress_small
from monitor.charts import benchmark as benchmark_charts
from monitor.charts import profile as charts
from monitor.filters import Filters
from monitor.queries import benchmark, profile
from monitor.search_box import PROFILE_PAGE

STATUS_LABELS = {"not reported": "niet gerapporteerd", "excluded": "uitgesloten", "not calculated": "niet berekend"}
QUANTILES = list(benchmark.QUANTILES)


SERIES_LABELS = {"free_allocation_t": formatting.Column("gratis toewijzing (t CO₂)", "number")}
MAP_HEIGHT = 260  # px: the small map beside the key figures


def _map_later(deck) -> None:
    """The small location map, drawn last (monitor.deferred), its outlines served as a file (monitor.map_files)."""
    deferred.later(lambda slot: map_files.pydeck_chart(deck, slot, height=MAP_HEIGHT))


def _change(now: float | None, before: float | None) -> str | None:
    if now is None or before is None or pd.isna(now) or pd.isna(before) or before <= 0:
        return None
    return formatting.percent(now / before - 1)


def _verified(series: pd.DataFrame, year: int) -> float | None:
    row = series[(series["year"] == year) & (series["verified_t_co2"] > 0)]
    return float(row["verified_t_co2"].iloc[0]) if not row.empty else None


def installation(plant: dict, chosen: Filters, viewer: Viewer) -> None:
    """Profile of one installation: who and where, emissions against the sector median, rank, free
    allocation, completeness, EU peers, and (for roles that may see them) cases and subsidies."""
    installation_id = plant["installation_id"]
    st.title(plant["name"])
    st.page_link(
        PROFILE_PAGE,
        label=f"Bedrijf: {plant['company']}",
        icon=":material/domain:",
        query_params={"exploitant": plant["company"]},
    )
    place = (
        "offshore (Noordzee)"
        if plant["offshore"]
        else ", ".join(p for p in (plant["city"], plant["province"]) if p) or "onbekend"
    )
    st.caption(
        f"{installation_id} · vergunning {plant.get('permit_id') or 'onbekend'} · {place} · sector {plant['sector']} · "
        f"EU-activiteit {plant['eu_activity']} ({plant['eu_activity_label']}) · "
        + ("**Cluster 6**" if plant["in_cluster6"] else "**niet in Cluster 6**")
        + f": {plant['reason']}"
    )

    # 1. Key figures and location
    series = profile.series(installation_id)
    now, base = _verified(series, chosen.year), _verified(series, chosen.baseline_year)
    previous = _verified(series, chosen.year - 1)
    rank = profile.sector_rank(installation_id, chosen.year)
    allocation = series.loc[series["year"] == chosen.year, "free_allocation_t"]
    figures, where = st.columns([3, 2])
    with figures:
        emissions_row, context_row = ui.metric_row("p_emissions"), ui.metric_row("p_context")
        emissions_row.metric(f"Uitstoot {chosen.year}", formatting.tonnes(now))
        emissions_row.metric(f"t.o.v. basisjaar {chosen.baseline_year}", _change(now, base) or "–")
        emissions_row.metric(f"t.o.v. {chosen.year - 1}", _change(now, previous) or "–")
        context_row.metric(
            f"Plaats in de sector ({chosen.year})",
            f"{int(rank['rank'])} van {int(rank['of'])}" if pd.notna(rank["rank"]) else "–",
            help=f"Rang naar uitstoot onder de Cluster 6-installaties in de sector {plant['sector']} (1 = grootste).",
        )
        context_row.metric(
            f"Gratis rechten {chosen.year}",
            formatting.number(float(allocation.iloc[0])) if not allocation.empty and pd.notna(allocation.iloc[0]) else "–",
            help="Gratis toegewezen emissierechten (1 recht = 1 t CO₂); – = niet bekend: voor 2023-2024 staat de toewijzing niet in de meegeleverde bron.",
        )
        context_row.metric("Jaren met uitstoot", f"{plant['first_year'] or '–'}–{plant['last_year'] or '–'}")
    with where:
        deck = charts.location_deck(pd.DataFrame([plant]))
        if deck is None:
            st.info(
                "Geen coördinaten: " + ("offshore platform, niet op de kaart." if plant["offshore"] else "locatie onbekend."),
                icon=":material/location_on:",
            )
        else:
            _map_later(deck)

    # 2. Emissions series against the sector median
    st.subheader("Uitstoot per jaar")
    source = ui.source_line("eutl_nl", "eutl_recent")
    chart_view.show(
        charts.series_chart(
            series,
            name=plant["name"],
            median_name=f"mediaan Cluster 6 {plant['sector']}",
            baseline_year=chosen.baseline_year,
            source=source,
        ),
        series,
        labels=SERIES_LABELS,
    )
    st.caption(
        f"Mediaan: de middelste van de Cluster 6-installaties in de sector {plant['sector']} met uitstoot in dat jaar. "
        "Jaren zonder geverifieerd cijfer zijn een onderbreking, geen 0."
    )
    ui.download(series, f"profiel_{installation_id}_uitstoot.csv", key="dl_profile_series", labels=SERIES_LABELS)
    _completeness((installation_id,), series.assign(installation_id=installation_id))

    # 3. EU and NL peers (anonymous distributions, as on Benchmark)
    st.subheader("Vergelijking met andere installaties")
    _peers(plant, chosen, viewer)

    # 4. Cases and subsidies (confidential)
    _confidential(viewer, plant["company"], installation_id)


def company(name: str, chosen: Filters, viewer: Viewer) -> None:
    """Profile of one company: its installations (each linking to its profile), total emissions, cases and subsidies."""
    plants = profile.company_installations(name)
    st.title(name)
    st.caption(f"{len(plants)} installatie(s) in het EU ETS, waarvan {int(plants['in_cluster6'].sum())} in Cluster 6.")
    series = profile.company_series(name)
    now, base = _verified(series, chosen.year), _verified(series, chosen.baseline_year)
    key_figures = ui.metric_row("p_company")
    key_figures.metric(f"Uitstoot {chosen.year}", formatting.tonnes(now))
    key_figures.metric(f"t.o.v. basisjaar {chosen.baseline_year}", _change(now, base) or "–")
    key_figures.metric(f"t.o.v. {chosen.year - 1}", _change(now, _verified(series, chosen.year - 1)) or "–")

    st.subheader("Installaties")
    listing, where = st.columns([3, 2])
    with listing:
        for plant in plants.itertuples():
            st.page_link(
                PROFILE_PAGE,
                label=f"{plant.name} · {plant.city or ('offshore' if plant.offshore else 'plaats onbekend')} · {plant.sector}"
                + ("" if plant.in_cluster6 else " (niet in Cluster 6)"),
                icon=":material/factory:",
                query_params={"installatie": plant.installation_id},
            )
        ui.download(plants.drop(columns=["lat", "lon"]), "profiel_bedrijf_installaties.csv", key="dl_company_plants")
    with where:
        deck = charts.location_deck(plants)
        if deck is not None:
            _map_later(deck)

    st.subheader("Uitstoot per jaar (alle installaties)")
    chart_view.show(
        charts.series_chart(
            series, name=name, baseline_year=chosen.baseline_year, source=ui.source_line("eutl_nl", "eutl_recent")
        ),
        series,
        labels=SERIES_LABELS,
    )
    if (series["not_reported"] > 0).any():
        missing = series[series["not_reported"] > 0]
        st.warning(
            "Niet gerapporteerd: "
            + ", ".join(f"{int(r.year)} ({int(r.not_reported)} installatie(s))" for r in missing.itertuples())
            + ". Het totaal van die jaren is te laag.",
            icon=":material/warning:",
        )
    ui.download(series, "profiel_bedrijf_uitstoot.csv", key="dl_company_series", labels=SERIES_LABELS)
    _completeness(tuple(plants["installation_id"]), None)
    _confidential(viewer, name, None)


def _completeness(installation_ids: tuple[str, ...], series: pd.DataFrame | None) -> None:
    notes = profile.quality_notes(installation_ids)
    gaps = pd.DataFrame(columns=["installation_id", "issue", "detail"])
    if series is not None:
        missing = series[series["status"] != "reported"]
        gaps = pd.DataFrame(
            {
                "installation_id": missing["installation_id"],
                "issue": missing["year"].astype(str) + " " + missing["status"].map(STATUS_LABELS).fillna(missing["status"]),
                "detail": "geen geverifieerd cijfer in het register (telt niet als 0)",
            }
        )
    notes = pd.concat(
        [gaps, notes[~notes["issue"].str.endswith("niet gerapporteerd")]] if not gaps.empty else [notes], ignore_index=True
    )
    if box := sections.expander(f"Volledigheid en datakwaliteit ({len(notes)} opmerking(en))", key="p_quality_notes"):
        with box:
            if notes.empty:
                st.write("Geen opmerkingen: elk jaar in het register heeft een geverifieerd cijfer.")
            else:
                ui.table(notes, {"installation_id": "installatie", "issue": "opmerking", "detail": "toelichting"})
                ui.download(notes, "profiel_volledigheid.csv", key="dl_profile_quality")


def _peers(plant: dict, chosen: Filters, viewer: Viewer) -> None:
    series = benchmark.installation_series(plant["installation_id"], chosen.baseline_year)
    if series["index"].isna().all():
        ui.empty(f"Geen geverifieerde uitstoot in basisjaar {chosen.baseline_year}: geen vergelijking mogelijk.")
        return
    nl = suppress_small(
        benchmark.sector_index(plant["sector"], chosen.baseline_year, plant["company"]), viewer, "companies", QUANTILES
    )
    nl_shown = nl[nl["companies"] != SUPPRESSED].astype({q: float for q in QUANTILES}) if not nl.empty else nl
    eu = benchmark.eu_index(int(plant["eu_activity"]), chosen.baseline_year) if pd.notna(plant["eu_activity"]) else pd.DataFrame()
    chart_view.show(*benchmark_charts.index_view(series, nl_shown, eu, plant, chosen.baseline_year))
    st.caption(
        f"Uitstoot als index (basisjaar {chosen.baseline_year} = 1) tegenover de spreiding van andere NL-installaties in de "
        f"sector (zonder dit bedrijf) en EU-installaties met dezelfde EU-activiteit (t/m 2022). Meer op de pagina Benchmark."
    )
    columns = st.columns(2)
    with columns[0]:
        ui.download(nl, "profiel_nl_spreiding.csv", "NL-spreiding (CSV)", key="dl_profile_nl")
    with columns[1]:
        ui.download(eu, "profiel_eu_spreiding.csv", "EU-spreiding (CSV)", key="dl_profile_eu")


def _confidential(viewer: Viewer, company_name: str, installation_id: str | None) -> None:
    st.subheader("Casussen en subsidies")
    ui.sample_notice()
    cases = profile.cases(viewer, company_name, installation_id)
    grants = profile.subsidies(viewer, company_name, installation_id)
    if cases.empty and grants.empty:
        ui.empty("Geen casussen of subsidies bekend" + (" voor deze installatie." if installation_id else " voor dit bedrijf."))
        return
    if not cases.empty:
        st.markdown(f"**Casussen** ({len(cases)})")
        ui.table(cases)
        history = profile.case_histories(viewer, company_name)
        history = history[history["case_id"].isin(cases["case_id"])]
        if box := sections.expander("Statushistorie van deze casussen", key="p_case_history"):
            with box:
                ui.table(history, {"date_estimated": st.column_config.CheckboxColumn("datum aangenomen")})
                ui.download(history, "profiel_casushistorie.csv", key="dl_profile_history")
        ui.download(cases, "profiel_casussen.csv", key="dl_profile_cases")
    if not grants.empty:
        st.markdown(f"**Subsidies** ({len(grants)})")
        ui.table(
            grants,
            {
                "first_year": st.column_config.NumberColumn("vanaf", format="%d"),
                "last_year": st.column_config.NumberColumn("t/m", format="%d"),
            },
        )
        ui.download(grants, "profiel_subsidies.csv", key="dl_profile_grants")
    ui.source_caption("cases_public", "sample_cases", "sample_subsidies")
