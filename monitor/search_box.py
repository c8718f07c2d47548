"""The search box in the sidebar of every page: find an installation or company, open its profile.

The search runs on the server (monitor.queries.search) and only the few best matches are drawn as
links; nothing grows with the number of installations."""

from __future__ import annotations

import streamlit as st

from monitor.access import Viewer
from monitor.queries import search

PROFILE_PAGE = "pages/profiel.py"
ICONS = {"installatie": ":material/factory:", "bedrijf": ":material/domain:"}


def profile_params(kind: str, key: str) -> dict[str, str]:
    """Query parameters of the profile of a search hit: ?installatie=NL_102 or ?exploitant=<company>."""
    return {"installatie": key} if kind == "installatie" else {"exploitant": key}


def profile_url(kind: str, key: str) -> str:
    from urllib.parse import urlencode

    return "/profiel?" + urlencode(profile_params(kind, key))


def results(text: str, viewer: Viewer, limit: int = 6) -> None:
    """Draw the best matches of `text` as links to their profiles (or say that nothing matched)."""
    if not text.strip():
        return
    hits = search.find(text, viewer, limit)
    if hits.empty:
        st.caption("Niets gevonden. Zoek op naam, plaats, installatie-id (NL_…) of vergunningnummer.")
        return
    for hit in hits.itertuples():
        st.page_link(
            PROFILE_PAGE,
            label=f"{hit.label} · {hit.detail}" if hit.kind == "installatie" else f"{hit.label} ({hit.detail})",
            icon=ICONS[hit.kind],
            query_params=profile_params(hit.kind, hit.key),
        )


def sidebar(viewer: Viewer) -> None:
    """The search box at the top of the sidebar."""
    with st.sidebar:
        text = st.text_input(
            "Zoek installatie of bedrijf",
            key="search_text",
            placeholder="naam, plaats, NL_… of vergunning",
            help="Vindt ook namen met een tikfout. Een bedrijf vindt alleen de eigen installaties.",
            icon=":material/search:",
        )
        results(text, viewer)
