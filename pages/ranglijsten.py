"""Ranglijsten: the largest emitters and the largest rises and falls (absolute and %) of Cluster 6
installations against the baseline or the previous year; every row links to the installation's profile."""

import streamlit as st

from monitor import filters, formatting, page_state, ui
from monitor.queries import rankings
from monitor.search_box import profile_url

chosen = filters.current()
st.title("Ranglijsten")
st.caption(
    "Welke installaties stoten het meest uit, en waar stijgt of daalt de uitstoot het sterkst? Openbare EU ETS-gegevens; "
    "de filters sector en provincie in de zijbalk gelden. Elke rij opent het profiel van de installatie."
)
KINDS = {
    "grootste": "Grootste uitstoters",
    "stijging_t": "Grootste stijging (t CO₂)",
    "daling_t": "Grootste daling (t CO₂)",
    "stijging_pct": "Grootste stijging (%)",
    "daling_pct": "Grootste daling (%)",
}
REFERENCES = {"basis": f"t.o.v. basisjaar {chosen.baseline_year}", "vorig": f"t.o.v. {chosen.year - 1}"}

# 1. Which list (kept in the URL: ?lijst=daling_pct&tov=vorig)
page_state.seed("r_kind", "lijst", "grootste", lambda v: v if v in KINDS else "grootste")
page_state.seed("r_reference", "tov", "basis", lambda v: v if v in REFERENCES else "basis")
columns = st.columns([3, 2, 1])
kind = columns[0].radio("Lijst", list(KINDS), format_func=KINDS.get, key="r_kind", horizontal=True)
reference = columns[1].radio("Vergelijk", list(REFERENCES), format_func=REFERENCES.get, key="r_reference", horizontal=True)
limit = columns[2].selectbox("Aantal", [10, 20, 50], index=1, key="r_limit")
page_state.keep("r_kind", "lijst", "grootste")
page_state.keep("r_reference", "tov", "basis")
reference_year = chosen.baseline_year if reference == "basis" else chosen.year - 1

# 2. The ranking, computed in the database (only the top rows come back)
table = rankings.ranking(kind, chosen.year, reference_year, chosen.sectors, chosen.provinces, limit)
if table.empty:
    ui.empty("Geen installaties voor deze lijst en selectie.")
    st.stop()
st.subheader(f"{KINDS[kind]} · {chosen.year} t.o.v. {reference_year}")
shown = table.assign(profiel=[profile_url("installatie", i) for i in table["installation_id"]])
# the figures right after the name, so they are in view at 1024 px; who and where after them
first = ["rank", "name", "now_t", "reference_t", "change_t", "change_pct", "profiel"]
shown = shown[[c for c in first if c in shown] + [c for c in shown.columns if c not in first]]
ui.table(
    shown,
    {
        "rank": st.column_config.NumberColumn("#", format="%d", width="small"),
        "installation_id": "installatie-id",
        "name": st.column_config.TextColumn("installatie", width="medium"),
        "sector": "sector",
        "now_t": st.column_config.NumberColumn(f"uitstoot {chosen.year} (t CO₂)", format="localized"),
        "reference_t": st.column_config.NumberColumn(f"uitstoot {reference_year} (t CO₂)", format="localized"),
        "change_t": st.column_config.NumberColumn("verandering (t CO₂)", format="localized"),
        "change_pct": st.column_config.NumberColumn("verandering (%)", format="percent"),
        "profiel": st.column_config.LinkColumn("profiel", display_text="openen"),
    },
)
notes = [
    "Verandering alleen voor installaties met een geverifieerd cijfer in beide jaren: sluitingen en niet-gerapporteerde jaren staan op Signalen."
]
if kind.endswith("_pct"):
    notes.append(
        f"Percentages alleen voor installaties met minstens {formatting.number(rankings.MIN_T_FOR_PERCENT)} t CO₂ in "
        f"{reference_year}: bij heel kleine installaties zegt een groot percentage weinig."
    )
st.caption(" ".join(notes))
ui.download(table, f"ranglijst_{kind}_{chosen.year}_{reference_year}.csv")
ui.source_caption("eutl_nl", "eutl_recent")
