"""Ranglijsten: the largest emitters and the largest rises and falls (absolute and %) of Cluster 6
installations against the baseline or the previous year; every row links to the installation's profile."""

import streamlit as st

from monitor import filters, formatting, page_state, sections, ui
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
# the figures beside the name fit a 1024 px screen (names wrap); who and where in a second table below
figures = ["rank", "name", "now_t", "reference_t", "change_t", "change_pct", "profiel"]
ui.table(
    shown[figures],
    {
        "rank": formatting.Column("#", "int"),
        "name": "installatie",
        "now_t": formatting.Column(f"{chosen.year} (t)", "number", help=f"Uitstoot {chosen.year} in t CO₂."),
        "reference_t": formatting.Column(f"{reference_year} (t)", "number", help=f"Uitstoot {reference_year} in t CO₂."),
        "change_t": formatting.Column("verschil (t)", "number", help=f"Verandering {reference_year} → {chosen.year} in t CO₂."),
        "change_pct": formatting.Column("verschil", "change", help=f"Verandering {reference_year} → {chosen.year} in procenten."),
        "profiel": st.column_config.LinkColumn("profiel", display_text="openen"),
    },
)
if box := sections.expander("Bedrijf, sector en provincie van deze installaties", key="rl_who"):
    with box:
        ui.table(table[["rank", "name", "company", "sector", "province", "installation_id"]], {"rank": "#"})
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
