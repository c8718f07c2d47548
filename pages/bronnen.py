"""Bronnen en kwaliteit: every source with its vintage and load, known gaps, and every installation's classification."""

import streamlit as st

from monitor import formatting, paging, public, sections, session, ui
from monitor.queries import delimitation, emissions, meta

viewer = session.viewer()
st.title("Bronnen en kwaliteit")
st.caption("Waar elk cijfer vandaan komt, wanneer het is geladen, en waar de gegevens tekortschieten.")

# 1. Sources and their latest load
st.subheader("Bronnen")
all_sources = meta.freshness()
sources = public.sources_for_public(all_sources) if viewer.is_public else all_sources
shown = sources.assign(
    sha256=sources["sha256"].str[:12],
    kind=sources["is_sample"].map({True: "voorbeelddata", False: "openbaar"}),
)
# Two tables, what each source is and its latest load, so that both fit a 1024 px screen whole.
ui.table(shown[["title", "origin", "vintage", "licence", "kind"]])
st.caption("Laatste lading per bestand")
ui.table(shown[["file", "rows", "loaded_at", "sha256"]], {"loaded_at": "geladen (UTC)"})
ui.download(public.without_confidential(sources) if viewer.is_public else sources, "bronnen.csv")

# 2. Completeness per year
st.subheader("Volledigheid per jaar")
completeness = emissions.completeness()
st.caption("Installaties in Cluster 6 met en zonder geverifieerde emissie per jaar; 'niet gerapporteerd' telt nooit als 0.")
ui.table(completeness)

# 3. Known data problems per installation
st.subheader("Aandachtspunten per installatie")
quality = emissions.data_quality()
if quality.empty:
    ui.empty("Geen aandachtspunten gevonden.")
else:
    counts = quality.groupby("issue").size().rename("aantal").reset_index()
    ui.table(counts.rename(columns={"aantal": "count"}), fit=True)
    issue = st.selectbox("Soort", ["alle"] + counts["issue"].tolist())
    rows = quality if issue == "alle" else quality[quality["issue"] == issue]
    paging.paged_table(rows, "quality", download="aandachtspunten.csv")

# 4. The delimitation to confirm: every installation on a fallback, borderline area, name rule or override
st.subheader("Te controleren: afbakening van Cluster 6")
review = delimitation.review_list()
st.markdown(
    f"**{formatting.number(len(review))} installaties** rusten op een terugval (alleen een registerplaats, of de "
    "coördinaten van een buur met dezelfde postcode), een grensgebied, een naamregel of een handmatige keuze. "
    "**Corrigeren:** zet een regel in `data/reference/installation_overrides.csv` "
    "(`installation_id;in_cluster6;sector;reason`, bijv. `NL_322;true;;hoort niet bij Rotterdam-Moerdijk volgens "
    "de regisseur`) en bouw de database opnieuw (`python -m etl`). Een override gaat voor alle regels en blijft "
    "op deze lijst staan."
)
if review.empty:
    ui.empty("Geen installaties om te controleren.")
else:
    ui.table(
        review[
            [
                "installation_id",
                "name",
                "municipality",
                "in_cluster6",
                "cluster",
                "membership_rule",
                "review_note",
                "reason",
                "last_year",
            ]
        ],
        column_config={
            "installation_id": "id",
            "name": "installatie",
            "municipality": "gemeente",
            "in_cluster6": "Cluster 6",
            "membership_rule": "regel",
            "review_note": st.column_config.TextColumn("te controleren", width="large"),
            "reason": st.column_config.TextColumn("reden", width="large"),
            "last_year": st.column_config.NumberColumn("laatste jaar met uitstoot", format="%d"),
        },
    )
    ui.download(review, "cluster6_te_controleren.csv")

# 5. Every installation with its classification and reason
st.subheader("Alle installaties en hun indeling")
installations = emissions.installations()
search = st.text_input("Zoek op naam, bedrijf, plaats of id", placeholder="bijv. Etten-Leur of NL_138")
if search:
    text = search.lower()
    mask = (
        installations[["installation_id", "name", "company", "city", "municipality"]]
        .fillna("")
        .apply(lambda c: c.str.lower().str.contains(text, regex=False))
        .any(axis=1)
    )
    installations = installations[mask]
st.caption(f"{formatting.number(len(installations))} installaties")
paging.paged_table(
    installations[
        [
            "installation_id",
            "name",
            "company",
            "municipality",
            "province",
            "sector",
            "sector_source",
            "nace",
            "eu_activity",
            "sector_note",
            "cluster",
            "cluster_area",
            "membership_rule",
            "in_cluster6",
            "reason",
            "needs_review",
            "location_source",
            "location_basis",
            "first_year",
            "last_year",
        ]
    ],
    "installations",
)
ui.download(installations, "installaties.csv")

# 6. Load history
if box := sections.expander("Laadgeschiedenis (load_log)", key="b_load_log"):
    with box:
        ui.table(public.load_log_for_public(meta.load_log(), all_sources) if viewer.is_public else meta.load_log())
