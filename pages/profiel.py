"""Profiel: one installation (?installatie=NL_102) or one company (?exploitant=<naam>), found with the search box.

A company role opens only its own profiles."""

import streamlit as st

from monitor import filters, profile_view, search_box, session, ui
from monitor.export_safety import escape_markdown
from monitor.queries import profile

chosen = filters.current()
viewer = session.viewer()
installation_id = st.query_params.get("installatie")
company = st.query_params.get("exploitant")
if not installation_id and not company and not viewer.sees_all:
    company = viewer.company  # a company opens on its own profile

# 1. Nothing chosen yet: search here (the same search as in the sidebar)
if not installation_id and not company:
    st.title("Profiel")
    st.caption(
        "Zoek een installatie of bedrijf op naam, plaats, installatie-id (NL_…) of vergunningnummer; tikfouten mogen. "
        "Een link als /profiel?installatie=NL_102 opent een profiel direct."
    )
    text = st.text_input("Zoek", key="profile_search", placeholder="bijvoorbeeld: Frisia, Harlingen, NL_102", type="search")
    search_box.results(text, viewer, limit=12)
    if viewer.sees_all:
        st.page_link(
            "pages/ranglijsten.py",
            label="Of begin bij de ranglijsten: grootste uitstoters, stijgers en dalers",
            icon=":material/format_list_numbered:",
        )
    st.stop()

# 2. An installation
if installation_id:
    plant = profile.installation(installation_id)
    if plant is None:
        st.title("Profiel")
        ui.empty(f"Installatie '{escape_markdown(installation_id)}' bestaat niet in het register. Zoek opnieuw in de zijbalk.")
        st.stop()
    if not viewer.sees_all and plant["company"] != viewer.company:
        st.title("Profiel")
        st.error("U kunt alleen de profielen van uw eigen bedrijf openen.", icon=":material/lock:")
        st.stop()
    profile_view.installation(plant, chosen, viewer)  # no st.stop() after it: its charts are drawn after the page

# 3. A company
else:
    plants = profile.company_installations(company)
    if plants.empty:
        st.title("Profiel")
        ui.empty(f"Bedrijf '{escape_markdown(company)}' komt niet voor in het register. Zoek opnieuw in de zijbalk.")
        st.stop()
    if not viewer.sees_all and company != viewer.company:
        st.title("Profiel")
        st.error("U kunt alleen de profielen van uw eigen bedrijf openen.", icon=":material/lock:")
        st.stop()
    profile_view.company(company, chosen, viewer)
