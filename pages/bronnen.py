"""Bronnen en kwaliteit: every source with its vintage and load, known gaps, and every installation's classification."""

import pandas as pd
import streamlit as st

from monitor import formatting, ui
from monitor.queries import emissions, meta

st.title("Bronnen en kwaliteit")
st.caption("Waar elk cijfer vandaan komt, wanneer het is geladen, en waar de gegevens tekortschieten.")

# 1. Sources and their latest load
st.subheader("Bronnen")
sources = meta.freshness()
shown = sources.assign(
    geladen=sources["loaded_at"].map(lambda t: pd.Timestamp(t).strftime("%d-%m-%Y %H:%M UTC") if pd.notna(t) else "–"),
    sha256=sources["sha256"].str[:12],
    soort=sources["is_sample"].map({True: "voorbeelddata", False: "openbaar"}),
)[["title", "origin", "vintage", "licence", "soort", "file", "rows", "geladen", "sha256"]]
ui.table(
    shown.rename(
        columns={
            "title": "bron",
            "origin": "herkomst",
            "vintage": "stand",
            "licence": "licentie",
            "file": "bestand",
            "rows": "rijen",
        }
    ),
)
ui.download(sources, "bronnen.csv")

# 2. Completeness per year
st.subheader("Volledigheid per jaar")
completeness = emissions.completeness()
st.caption("Installaties in Cluster 6 met en zonder geverifieerde emissie per jaar; 'niet gerapporteerd' telt nooit als 0.")
ui.table(
    completeness.rename(
        columns={
            "year": "jaar",
            "reported": "gerapporteerd",
            "not_reported": "niet gerapporteerd",
            "not_reported_previous_t": "hun uitstoot vorig jaar (t)",
        }
    ),
)

# 3. Known data problems per installation
st.subheader("Aandachtspunten per installatie")
quality = emissions.data_quality()
if quality.empty:
    ui.empty("Geen aandachtspunten gevonden.")
else:
    counts = quality.groupby("issue").size().rename("aantal").reset_index()
    st.dataframe(counts.rename(columns={"issue": "soort"}), hide_index=True)
    issue = st.selectbox("Soort", ["alle"] + counts["issue"].tolist())
    rows = quality if issue == "alle" else quality[quality["issue"] == issue]
    ui.table(rows)
    ui.download(rows, "aandachtspunten.csv")

# 4. Every installation with its classification and reason
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
ui.table(
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
            "cluster",
            "in_cluster6",
            "reason",
            "location_source",
            "first_year",
            "last_year",
        ]
    ],
)
ui.download(installations, "installaties.csv")

# 5. Load history
with st.expander("Laadgeschiedenis (load_log)"):
    ui.table(meta.load_log())
