"""Signalen: what needs attention this week - rule-based signals, each with its reason, size and a link."""

import datetime as dt

import streamlit as st

from monitor import filters, page_state, sections, session, signals, ui
from monitor.queries import signals as signal_queries

chosen = filters.current()
viewer = session.viewer()
st.title("Signalen")
st.caption(
    "Wat vraagt deze week aandacht? Elk signaal volgt uit een vaste regel met een norm of drempel uit het "
    "normenbestand (onderaan, met bron of reden). De filters jaar, basisjaar, doelpad, sector en provincie gelden."
    + ("" if viewer.sees_all else " U ziet alleen de signalen over uw eigen installaties, casussen en subsidies.")
)

if not signal_queries.available():
    st.error("Deze database heeft nog geen normen voor de signalen. Bouw hem opnieuw met `python -m etl`.")
    st.stop()

# 1. How many signals per rule (counted and sorted once per data version, day, viewer, filters and rules)
page_state.seed("sig_rules", "regel", [], page_state.parse_list(tuple(signals.RULES)))
view = signals.view(viewer, chosen, tuple(st.session_state["sig_rules"]), dt.date.today())
key_figures = ui.metric_row("sig_counts")
for row in view.counts.itertuples():
    key_figures.metric(row.title, row.signals)
if view.has_sample:
    ui.sample_notice()

# 2. The signals (choose rules; kept in the URL: ?regel=status_te_lang,netcongestie)
chosen_rules = st.multiselect(
    "Regels", list(signals.RULES), format_func=signals.RULES.get, key="sig_rules", placeholder="alle regels"
)
page_state.keep("sig_rules", "regel", [], page_state.render_list)
ordered = view.ordered
if ordered.empty:
    ui.empty("Geen signalen voor deze selectie.")
else:
    labels = {
        "title": "signaal",
        "label": "wat",
        "reason": "reden",
        "size_label": "omvang",
        "link": "profiel",
        "assumed": "aanname",
    }
    ui.table(
        ordered[["title", "label", "reason", "size_label", "link", "assumed", "is_sample"]].head(500),
        {
            "title": "signaal",
            "label": st.column_config.TextColumn("wat", width="medium"),
            "reason": st.column_config.TextColumn("reden", width="large"),
            "size_label": "omvang",
            "link": st.column_config.LinkColumn("profiel", display_text="openen"),
            "assumed": st.column_config.CheckboxColumn("aanname", help="Rust op een aangenomen norm of datum."),
        },
    )
    if len(ordered) > 500:
        st.caption(f"De eerste 500 van {len(ordered)} signalen; de download bevat ze allemaal.")
    ui.download(ordered.drop(columns=["order"]), "signalen.csv", labels=labels)
ui.source_caption("eutl_nl", "eutl_recent", "sample_cases", "sample_subsidies", "grid_congestion", "signal_norms")

# 3. The norms and thresholds behind the rules
if box := sections.expander("Normen en drempels (met bron of reden)", key="sg_norms"):
    with box:
        norms = signal_queries.norms()
        ui.table(
            norms,
            {
                "rule": "regel",
                "parameter": "parameter",
                "value": st.column_config.NumberColumn("waarde", format="localized"),
                "unit": "eenheid",
                "is_assumption": st.column_config.CheckboxColumn("aanname"),
                "reason": st.column_config.TextColumn("bron of reden", width="large"),
            },
        )
        st.caption(
            "Aannames zijn waarden van de monitor zelf, zonder openbare norm; de clusterregisseur past ze aan in "
            "data/reference/signal_norms.csv (daarna opnieuw bouwen met python -m etl)."
        )
        ui.download(norms, "signalen_normen.csv")
