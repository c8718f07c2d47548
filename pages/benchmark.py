"""Benchmark: one installation of a company against its anonymised NL sector peers and EU activity peers."""

import pandas as pd
import streamlit as st

from monitor import chart_view, filters, formatting, search_box, sections, session, ui
from monitor.access import SUPPRESSED, suppress_small
from monitor.charts import benchmark as charts
from monitor.export_safety import escape_markdown
from monitor.queries import benchmark, cases, subsidies

chosen = filters.current()
viewer = session.viewer()
st.title("Benchmark")
st.caption(
    "Hoe ontwikkelt de uitstoot van een installatie zich ten opzichte van vergelijkbare installaties? "
    "Andere bedrijven blijven anoniem: alleen spreidingen (mediaan, middelste 50 %), nooit namen. "
    "Een groep van minder dan 3 andere bedrijven wordt voor bedrijven niet getoond."
)
QUANTILES = list(benchmark.QUANTILES)

# 1. Company and installation (a signed-in company gets its own)
if viewer.role == "bedrijf":
    company = viewer.company
    st.markdown(f"**{escape_markdown(company)}**")
else:
    # every Cluster 6 company of the Netherlands (about 200) in one list; an EU-sized register is searched first
    company = search_box.company_picker("Bedrijf", benchmark.companies(), "bench_company", benchmark.COMPANY_LIMIT)
own = benchmark.company_installations(company)
if own.empty:
    ui.empty("Dit bedrijf heeft geen installaties met geverifieerde emissies in het EU ETS.")
    st.stop()
labels = {r.installation_id: f"{r.name} ({r.installation_id}, {r.sector})" for r in own.itertuples()}
installation_id = st.selectbox("Installatie", list(labels), format_func=labels.get, key="bench_installation")
plant = own.set_index("installation_id").loc[installation_id]
series = benchmark.installation_series(installation_id, chosen.baseline_year)
if series["index"].isna().all():
    ui.empty(f"Deze installatie had geen geverifieerde uitstoot in basisjaar {chosen.baseline_year}. Kies een ander basisjaar.")
    st.stop()

# 2. Index against the baseline year: NL sector peers and EU activity peers
nl = suppress_small(benchmark.sector_index(plant["sector"], chosen.baseline_year, company), viewer, "companies", QUANTILES)
eu = benchmark.eu_index(int(plant["eu_activity"]), chosen.baseline_year)
nl_shown = nl[nl["companies"] != SUPPRESSED].astype({q: float for q in QUANTILES}) if not nl.empty else nl
rank = suppress_small(
    pd.DataFrame([benchmark.sector_rank(installation_id, plant["sector"], chosen.baseline_year, chosen.year, company)]),
    viewer,
    "companies",
    ("better_than",),
).iloc[0]
own_year = series.set_index("year")["index"].get(chosen.year)
key_figures = ui.metric_row("b_position")
key_figures.metric(
    f"Uitstoot {chosen.year} t.o.v. {chosen.baseline_year}",
    formatting.percent(own_year - 1) if own_year else "–",
    delta_color="inverse",
)
compared = rank["companies"] != SUPPRESSED and own_year is not None and rank["better_than"] == rank["better_than"]
rose = bool(own_year and own_year > 1)
key_figures.metric(
    "Andere installaties in de sector met " + ("een grotere stijging" if rose else "minder reductie"),
    formatting.percent(rank["better_than"], 0, signed=False) if compared else "–",
    help=f"Aandeel van de andere NL-installaties in de sector {plant['sector']} waarvan de uitstoot sinds het basisjaar "
    "minder daalde of meer steeg dan die van deze installatie.",
)
eu_year = eu.set_index("year").loc[min(chosen.year, eu["year"].max())] if not eu.empty else None
eu_at = series.set_index("year")["index"].get(int(eu_year.name)) if eu_year is not None else None
key_figures.metric(
    f"Positie in de EU ({int(eu_year.name)})" if eu_year is not None else "Positie in de EU",
    charts.band_position(eu_at, eu_year),
    help="Percentielband van deze installatie tussen EU-installaties met dezelfde EU-activiteit (lager = meer reductie). EU-gegevens lopen t/m 2022.",
)
if compared:
    subject = "uw installatie" if viewer.role == "bedrijf" else "deze installatie"
    share = formatting.percent(rank["better_than"], 0, signed=False)
    st.markdown(
        f"De uitstoot van {subject} is sinds {chosen.baseline_year} "
        + (f"minder gestegen dan die van {share}" if rose else f"sterker gedaald dan die van {share}")
        + f" van de andere installaties in de sector {plant['sector']}."
    )
if rank["companies"] == SUPPRESSED:
    st.info(
        f"Te weinig andere bedrijven in de sector {plant['sector']} voor een vergelijking ({SUPPRESSED}).", icon=":material/lock:"
    )

# The sections in tabs: only the open one runs and is sent (monitor.sections); the tab is in the URL (?deel=...).
# The public view has no case or subsidy data (monitor.public).
PARTS = ["Index", "Gratis rechten"] + ([] if viewer.is_public else ["Casussen en subsidies"])
parts = dict(zip(PARTS, sections.tabs(PARTS), strict=True))
# 2b. The installation's index against the NL and EU spread
if tab := parts["Index"]:
    with tab:
        chart_view.show(*charts.index_view(series, nl_shown, eu, plant, chosen.baseline_year))
        st.caption(
            f"NL: andere installaties in de sector {plant['sector']} (zonder dit bedrijf); EU: installaties buiten Nederland met "
            f"EU-activiteit {int(plant['eu_activity'])} '{plant['eu_activity_label']}' (t/m 2022). Alleen installaties met uitstoot "
            "in het basisjaar én het jaar tellen mee."
        )
        with ui.download_row():
            ui.download(series[["year", "verified_t_co2", "index"]], "benchmark_installatie_index.csv", "Deze installatie (CSV)")
            ui.download(nl, "benchmark_sector_nl_index.csv", "NL-spreiding (CSV)")
            ui.download(eu, "benchmark_eu_index.csv", "EU-spreiding (CSV)")
        ui.source_caption("eutl_nl", "eutl_recent", "eu_peers")

# 3. Verified emissions against free allocation (a public proxy for the EU product benchmarks)
if tab := parts["Gratis rechten"]:
    with tab:
        st.subheader("Uitstoot tegenover gratis rechten")
        with_allocation = series.dropna(subset=["ratio"])
        ratio_year = (
            int(with_allocation.loc[with_allocation["year"] <= chosen.year, "year"].max())
            if (with_allocation["year"] <= chosen.year).any()
            else None
        )
        if ratio_year is None:
            ui.empty("Geen gratis toewijzing bekend voor deze installatie tot het gekozen jaar.")
        else:
            own_ratio = float(with_allocation.set_index("year").loc[ratio_year, "ratio"])
            nl_ratio = suppress_small(
                benchmark.sector_ratio(plant["sector"], ratio_year, company), viewer, "companies", QUANTILES
            )
            eu_ratio = benchmark.eu_ratio(int(plant["eu_activity"]))
            eu_ratio = eu_ratio[eu_ratio["year"] == min(ratio_year, eu_ratio["year"].max())] if not eu_ratio.empty else eu_ratio
            # Each peer group is compared with this installation in the same year (EU peer data end earlier).
            own_by_year = with_allocation.set_index("year")["ratio"]
            groups, own_values = [], []
            if not nl_ratio.empty and nl_ratio.iloc[0]["companies"] != SUPPRESSED and nl_ratio.iloc[0]["installations"] > 0:
                groups.append((f"NL {plant['sector']} {ratio_year}", nl_ratio.iloc[0]))
                own_values.append(own_ratio)
            if not eu_ratio.empty:
                eu_ratio_year = int(eu_ratio.iloc[0]["year"])
                groups.append((f"EU activiteit {int(plant['eu_activity'])} {eu_ratio_year}", eu_ratio.iloc[0]))
                own_values.append(float(own_by_year.get(eu_ratio_year, float("nan"))))
            st.markdown(
                f"In {ratio_year} stootte deze installatie **{formatting.number(own_ratio, 2)}** keer zoveel uit als ze gratis rechten kreeg. "
                "Boven 1 koopt ze rechten bij; de gratis toewijzing volgt de EU-productbenchmarks, dus een lage verhouding wijst op een "
                "installatie die dicht bij de benchmark zit."
            )
            if groups:
                chart_view.show(
                    charts.ratio_chart(own_values, groups),
                    pd.DataFrame(
                        [
                            {"groep": name, **row.to_dict(), "deze installatie": own}
                            for (name, row), own in zip(groups, own_values, strict=True)
                        ]
                    ),
                )
                st.caption("Per groep staat deze installatie (ruit) in hetzelfde jaar als de groep; EU-gegevens lopen t/m 2022.")
            else:
                st.info(f"Geen vergelijkingsgroep met genoeg bedrijven ({SUPPRESSED}).", icon=":material/lock:")
            with ui.download_row():
                ui.download(nl_ratio.assign(group="NL sector"), "benchmark_verhouding_nl.csv", "NL-spreiding (CSV)")
                ui.download(eu_ratio.assign(group="EU activiteit"), "benchmark_verhouding_eu.csv", "EU-spreiding (CSV)")
        ui.source_caption("eutl_nl", "eutl_recent", "eu_peers")

# 4. This company's own cases and subsidies (confidential: a company sees only its own)
if tab := parts.get("Casussen en subsidies"):
    with tab:
        st.subheader(
            "Casussen en subsidies van uw bedrijf" if viewer.role == "bedrijf" else "Casussen en subsidies van dit bedrijf"
        )
        ui.sample_notice()
        own_cases, own_grants = cases.for_company(viewer, company), subsidies.for_company(viewer, company)
        if own_cases.empty and own_grants.empty:
            ui.empty("Geen casussen of subsidies bekend voor dit bedrijf.")
        if not own_cases.empty:
            ui.table(own_cases, download="eigen_casussen.csv")
        if not own_grants.empty:
            ui.table(own_grants, {"first_year": "vanaf", "last_year": "t/m"}, download="eigen_subsidies.csv")
        ui.source_caption("cases_public", "sample_cases", "sample_subsidies")
