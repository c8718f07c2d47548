"""Cluster 6 Monitor - the entrypoint: page config, navigation per role, shared sidebar, freshness.

Run with `./run.sh` (installs, builds the database if missing, starts Streamlit).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from monitor import access, batching, completeness, db, deferred, filters, layout, search_box, session
from monitor.access import PUBLIC, ROLES
from monitor.queries import emissions, meta


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    url_path: str
    section: str
    roles: tuple[str, ...] = ROLES
    default: bool = False


ROOT = Path(__file__).resolve().parent
OPEN = (*ROLES, PUBLIC)  # pages of the public view too (C6_PUBLIC=1, monitor.public): public data only
PAGES = (
    PageSpec("pages/overzicht.py", "Overzicht", ":material/dashboard:", "overzicht", "Voortgang", OPEN, default=True),
    PageSpec("pages/kaart.py", "Kaart", ":material/map:", "kaart", "Voortgang", OPEN),
    PageSpec("pages/sectoren.py", "Sectoren", ":material/stacked_line_chart:", "sectoren", "Voortgang", OPEN),
    PageSpec("pages/routes.py", "Routes", ":material/alt_route:", "routes", "Voortgang"),
    PageSpec("pages/actielijnen.py", "Actielijnen", ":material/checklist:", "actielijnen", "Voortgang"),
    PageSpec(
        "pages/ranglijsten.py",
        "Ranglijsten",
        ":material/format_list_numbered:",
        "ranglijsten",
        "Voortgang",
        roles=("ministerie", "regisseur"),
    ),
    PageSpec("pages/profiel.py", "Profiel", ":material/badge:", "profiel", "Voortgang"),
    PageSpec("pages/signalen.py", "Signalen", ":material/notifications:", "signalen", "Casusaanpak en geld"),
    PageSpec(
        "pages/watals.py", "Wat als", ":material/science:", "watals", "Casusaanpak en geld", roles=("ministerie", "regisseur")
    ),
    PageSpec(
        "pages/casussen.py",
        "Casussen",
        ":material/assignment:",
        "casussen",
        "Casusaanpak en geld",
        roles=("ministerie", "regisseur"),
    ),
    PageSpec(
        "pages/subsidies.py",
        "Subsidies",
        ":material/euro:",
        "subsidies",
        "Casusaanpak en geld",
        roles=("ministerie", "regisseur"),
    ),
    PageSpec(
        "pages/rapportage.py", "Rapportage", ":material/summarize:", "rapportage", "Rapportage", roles=("ministerie", "regisseur")
    ),
    PageSpec("pages/benchmark.py", "Benchmark", ":material/leaderboard:", "benchmark", "Bedrijf", OPEN),
    PageSpec(
        "pages/laden.py",
        "Bestand laden",
        ":material/upload_file:",
        "laden",
        "Over de gegevens",
        roles=("regisseur",),  # only the clusterregisseur loads files (monitor.access.Viewer.may_upload)
    ),
    PageSpec("pages/bronnen.py", "Bronnen en kwaliteit", ":material/fact_check:", "bronnen", "Over de gegevens", OPEN),
)

# A shipped icon: ":material/factory:" was fetched from fonts.gstatic.com, and the app must work offline.
st.set_page_config(page_title="Cluster 6 Monitor", page_icon=str(ROOT / "assets" / "favicon.png"), layout="wide")
layout.apply()  # metric and button texts wrap instead of ending in "…"; <html lang="nl">
batching.install()  # the page goes to the browser in one piece (monitor/batching.py)

try:
    version = db.begin_run()  # every query of this run reads this version of the database file
except db.DatabaseMissing as error:
    st.error(f"{error}\n\nStart het dashboard met `./run.sh`; dat bouwt de database als hij ontbreekt.")
    st.stop()

# Who is looking (sign-in, or the demo-mode picker) decides which pages exist for this session.
viewer = session.sign_in(emissions.cluster6_companies())
sections: dict[str, list] = {}
for spec in PAGES:
    if viewer.role in spec.roles and (ROOT / spec.path).exists():
        sections.setdefault(spec.section, []).append(
            st.Page(str(ROOT / spec.path), title=spec.title, icon=spec.icon, url_path=spec.url_path, default=spec.default)
        )
    elif (ROOT / spec.path).exists():  # its address answers with the notice below, not Streamlit's English "Page not found"
        no_access = st.Page(access.no_access_page, title=spec.title, url_path=spec.url_path, visibility="hidden")
        sections.setdefault("", []).append(no_access)
page = st.navigation(sections, expanded=True)  # every page listed: no English "View 4 more" button
denied = access.denied_notice(session.requested_page(), viewer.role, PAGES)
if denied:
    st.warning(denied, icon=":material/lock:")

with st.sidebar:
    st.markdown("### Cluster 6 Monitor")
    st.caption("Verduurzaming van de industrie buiten de vijf grote clusters")
if not viewer.is_public:  # search hits open profiles, which are not part of the public view
    search_box.sidebar(viewer)
targets = meta.targets().drop_duplicates("target_id")
provinces = emissions.provinces()
filters.sidebar(
    emissions.years(),
    dict(zip(targets["target_id"], targets["target_name"], strict=True)),
    provinces,
    completeness.incomplete_years(emissions.completeness()),
)
with st.sidebar:
    loaded = pd.Timestamp(meta.last_loaded_at()).strftime("%d-%m-%Y %H:%M")
    st.caption(f"Gegevens geladen op {loaded} UTC · [bronnen en kwaliteit](/bronnen)")
    db.watch_for_new_data(version)  # an idle page reloads itself when new data is loaded

# The page's words, figures and tables go out first; its charts fill their places after it ran
# (monitor.deferred): plotly would otherwise hold up everything under them in the browser.
deferred.begin()
try:
    page.run()
except BaseException as stopped:  # a rerun or an error draws nothing; a stop after a placed chart fails
    deferred.flush(stopped)
    raise
deferred.flush()
